"""Yesterday's jog offer does not act today: a press on the buttons of an earlier day's verdict,
/jog or reminder (start, run anyway, remind me, snooze, not today) says so, shows what fits
today or asks for today's check-in, and starts, plans and cancels nothing. Days are check-in
days: 00:00-03:59 still belongs to the evening before, and last night's evening verdict covers
today until today's own check-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.standin.local_api import SentMessage
from conversations import texts
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import tick

# 07:30 in Berlin (UTC+1 in January), where Ana lives; her usual run is at 17:30.
MONDAY_MORNING = datetime(2026, 1, 12, 6, 30, tzinfo=UTC)
TUESDAY_MORNING = datetime(2026, 1, 13, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
JOG_DAY = ("🦵 Leg day", "Moderate", "No", "Normal")  # green: an easy jog
# red: no run (moderate: after a heavy one the next morning would ask walking first)
HARD_TO_WALK = ("🦵 Leg day", "Moderate", "No", "Hard to walk")
RUN_ANYWAY = texts.RUN_ANYWAY.format(minutes=15)
YESTERDAY_CHECK_IN = f"{texts.STALE_YESTERDAY} {texts.STALE_CHECK_IN}"


async def _nothing_started_or_planned(repo: Repository) -> None:
    assert await repo.jogs.list_for(1001) == []
    kinds = {row.kind for row in await repo.schedule.pending(1001)}
    assert not kinds & {MessageKind.JOG_REMINDER, MessageKind.JOG_CUE}


async def _verdict(
    chat: Chat, clock: FrozenClock, at: datetime, answers: tuple[str, ...]
) -> SentMessage:
    clock.now = at
    await check_in(chat, *answers)
    return chat.last_with_buttons()


@pytest.fixture
async def monday(ana: Chat, clock: FrozenClock) -> Chat:
    clock.now = MONDAY_MORNING
    await onboard(ana)
    return ana


async def test_yesterdays_run_anyway_pressed_today_asks_for_todays_check_in(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await check_in(monday, *HARD_TO_WALK)
    (offer,) = await monday.send("/jog")
    assert [RUN_ANYWAY] in buttons(offer)

    clock.now = TUESDAY_MORNING
    (reply,) = await monday.press(RUN_ANYWAY, offer)

    assert reply.text == YESTERDAY_CHECK_IN
    assert buttons(reply) == [[str(texts.CHECKIN_NOW_BUTTON)]]
    await _nothing_started_or_planned(repo)
    assert monday.alerts()[-1] == ""  # the press is answered: no spinner left


async def test_yesterdays_run_anyway_after_todays_check_in_shows_todays_offer_which_works(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await check_in(monday, *HARD_TO_WALK)
    (offer,) = await monday.send("/jog")
    await _verdict(monday, clock, TUESDAY_MORNING, JOG_DAY)

    (reply,) = await monday.press(RUN_ANYWAY, offer)

    assert reply.text == f"{texts.STALE_YESTERDAY} {texts.STALE_TODAYS}\n\n{texts.JOG_ASK}"
    assert buttons(reply) == [["Start 15 min", "Start 20 min"]]
    await _nothing_started_or_planned(repo)

    (warm_up,) = await monday.press("Start 15 min", reply)
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    (session,) = await repo.jogs.list_for(1001)
    assert session.started_at == TUESDAY_MORNING


@pytest.mark.parametrize("label", ["Remind me in 1 hour", "Remind me at 17:30", "Start 20 min"])
async def test_yesterdays_verdict_buttons_pressed_today_do_nothing(
    monday: Chat, clock: FrozenClock, repo: Repository, label: str
) -> None:
    verdict = await _verdict(monday, clock, MONDAY_MORNING, JOG_DAY)
    clock.now = TUESDAY_MORNING

    (reply,) = await monday.press(label, verdict)

    assert reply.text == YESTERDAY_CHECK_IN
    assert buttons(reply) == [[str(texts.CHECKIN_NOW_BUTTON)]]
    await _nothing_started_or_planned(repo)


async def test_yesterdays_snooze_and_not_today_leave_todays_reminder_alone(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    verdict = await _verdict(monday, clock, MONDAY_MORNING, JOG_DAY)
    await monday.press("Remind me in 1 hour", verdict)
    clock.advance(hours=1)
    await tick(monday.app)
    reminder = monday.last
    assert buttons(reminder)[-1] == ["Snooze 30 min", "Not today"]
    # Tuesday: checked in again, and a reminder set from today's verdict.
    today = await _verdict(monday, clock, TUESDAY_MORNING, JOG_DAY)
    await monday.press("Remind me in 1 hour", today)
    (planned,) = [
        r for r in await repo.schedule.pending(1001) if r.kind == MessageKind.JOG_REMINDER
    ]

    for label in ("Snooze 30 min", "Not today"):
        (reply,) = await monday.press(label, reminder)
        assert reply.text == f"{texts.STALE_YESTERDAY} {texts.STALE_TODAYS}\n\n{texts.JOG_ASK}"

    reminders = [r for r in await repo.schedule.pending(1001) if r.kind == MessageKind.JOG_REMINDER]
    assert [(r.id, r.due_at) for r in reminders] == [(planned.id, planned.due_at)]


async def test_a_press_of_the_same_day_works(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    verdict = await _verdict(monday, clock, MONDAY_MORNING, JOG_DAY)
    clock.now = datetime(2026, 1, 12, 15, 0, tzinfo=UTC)  # 16:00 in Berlin

    (reply,) = await monday.press("Remind me in 1 hour", verdict)

    assert reply.text == texts.REMIND_SET.format(time="17:00")
    (reminder,) = [
        r for r in await repo.schedule.pending(1001) if r.kind == MessageKind.JOG_REMINDER
    ]
    assert reminder.due_at == clock.now + timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "morning", "evening", "pressed", "works"),
    [
        # Berlin: /jog at 20:00 after the morning's check-in, pressed at 00:30 (still Monday's
        # check-in day) and at 04:30 (Tuesday's, which has no check-in yet).
        ("Europe/Berlin", MONDAY_MORNING, "2026-01-12T19:00Z", "2026-01-12T23:30Z", True),
        ("Europe/Berlin", MONDAY_MORNING, "2026-01-12T19:00Z", "2026-01-13T03:30Z", False),
        # New York, the night its clocks spring forward (8 March 2026, 02:00 EST -> 03:00 EDT):
        # 01:30 EST is still Saturday's check-in day, 04:30 EDT is Sunday's. In UTC both are
        # on Sunday, so a UTC calendar would get the first wrong.
        ("America/New_York", "2026-03-07T13:00Z", "2026-03-08T01:00Z", "2026-03-08T06:30Z", True),
        ("America/New_York", "2026-03-07T13:00Z", "2026-03-08T01:00Z", "2026-03-08T08:30Z", False),
    ],
    ids=["berlin 00:30", "berlin 04:30", "new york 01:30 EST", "new york 04:30 EDT"],
)
async def test_the_day_of_a_press_is_the_check_in_day_on_the_users_clock(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    zone: str,
    morning: datetime | str,
    evening: str,
    pressed: str,
    works: bool,
) -> None:
    clock.now = morning if isinstance(morning, datetime) else datetime.fromisoformat(morning)
    await onboard(ana, zone=zone)
    await check_in(ana, *JOG_DAY)
    clock.now = datetime.fromisoformat(evening)
    (offer,) = await ana.send("/jog")
    clock.now = datetime.fromisoformat(pressed)

    (reply,) = await ana.press("Start 15 min", offer)

    if works:
        assert reply.text == texts.WARM_UP["jog"].format(minutes=15)
        assert len(await repo.jogs.list_for(1001)) == 1
    else:
        assert reply.text == YESTERDAY_CHECK_IN
        await _nothing_started_or_planned(repo)


async def test_last_nights_evening_verdict_keeps_its_buttons_the_next_morning(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Its advice covers "tonight and tomorrow", until today's own check-in."""
    clock.now = datetime(2026, 1, 12, 19, 0, tzinfo=UTC)
    await check_in(monday, *JOG_DAY)
    (verdict,) = await monday.press("😴 No, nothing today")  # the evening's last question
    clock.now = TUESDAY_MORNING

    (reply,) = await monday.press("Start 15 min", verdict)

    assert reply.text == texts.WARM_UP["jog"].format(minutes=15)
    assert len(await repo.jogs.list_for(1001)) == 1


async def test_a_typed_press_of_yesterdays_keyboard_does_nothing(
    monday: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A typed label has only the typed message's date: the day rides in the button's data."""
    await _verdict(monday, clock, MONDAY_MORNING, JOG_DAY)
    clock.now = TUESDAY_MORNING

    (reply,) = await monday.send("Start 15 min")

    assert reply.text == YESTERDAY_CHECK_IN
    await _nothing_started_or_planned(repo)


@pytest.mark.parametrize(
    ("later", "works", "said"),
    [
        (timedelta(hours=8), True, None),  # 15:30 the same day
        (timedelta(days=1), False, texts.STALE_YESTERDAY),
        (timedelta(days=3), False, texts.STALE_EARLIER),  # the message is inaccessible by then
    ],
    ids=["same day", "next day", "three days on"],
)
async def test_a_button_of_the_last_release_without_a_day_goes_by_its_messages_date(
    monday: Chat,
    clock: FrozenClock,
    repo: Repository,
    later: timedelta,
    works: bool,
    said: object,
) -> None:
    verdict = await _verdict(monday, clock, MONDAY_MORNING, JOG_DAY)
    clock.now += later

    (reply,) = await monday.press_data("j:go:jog:15", verdict)

    if works:
        assert reply.text == texts.WARM_UP["jog"].format(minutes=15)
        assert len(await repo.jogs.list_for(1001)) == 1
    else:
        assert reply.text == f"{said} {texts.STALE_CHECK_IN}"
        await _nothing_started_or_planned(repo)


ROUTINE_BUTTON = str(texts.MOBILITY_BUTTON)


@pytest.mark.parametrize("pressed", ["routine", "guide"])
async def test_yesterdays_routine_buttons_pressed_today_do_nothing(
    monday: Chat, clock: FrozenClock, repo: Repository, pressed: str
) -> None:
    """The strength and mobility routine of Monday's hard-to-walk day, its button under the
    verdict or its "Guide me" start, pressed on Tuesday after a check-in that is hard to walk
    again: said to be yesterday's, with what fits today, and no routine starts."""
    verdict = await _verdict(monday, clock, MONDAY_MORNING, HARD_TO_WALK)
    if pressed == "guide":
        (screen,) = await monday.press(ROUTINE_BUTTON, verdict)
    today = await _verdict(monday, clock, TUESDAY_MORNING, HARD_TO_WALK)
    assert buttons(today)[0] == [ROUTINE_BUTTON]

    if pressed == "routine":
        (reply,) = await monday.press(ROUTINE_BUTTON, verdict)
    else:
        (reply,) = await monday.press(buttons(screen)[0][0], screen)

    assert reply.text is not None
    assert reply.text.startswith(f"{texts.STALE_YESTERDAY} {texts.STALE_TODAYS}\n\n")
    assert buttons(reply) == [[ROUTINE_BUTTON], [RUN_ANYWAY], [str(texts.NOT_TODAY)]]
    await _nothing_started_or_planned(repo)
    # Today's routine button, offered with the reply, works.
    (screen,) = await monday.press(ROUTINE_BUTTON, reply)
    assert screen.text is not None and screen.text.startswith(str(texts.MOBILITY_HEAD))


async def test_after_a_move_west_yesterdays_offer_is_still_yesterdays(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Checked in at 07:44 in Berlin on Fri 11 Dec, then moved to New York at 07:50, where it
    is 01:50, the evening of 10 Dec by the clock alone: the check-in day is still 11 Dec
    (verdicts.current_day), so the /jog offer of 10 Dec is yesterday's, and today's works."""
    clock.now = datetime(2026, 12, 10, 6, 40, tzinfo=UTC)
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    await check_in(ana, *JOG_DAY)
    (thursday,) = await ana.send("/jog")
    clock.now = datetime(2026, 12, 11, 6, 44, tzinfo=UTC)
    await check_in(ana, *JOG_DAY)
    clock.now = datetime(2026, 12, 11, 6, 50, tzinfo=UTC)
    await ana.send("/settings")
    await ana.press("Time zone")
    await ana.send("New York")
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "America/New_York"

    (reply,) = await ana.press("Start 15 min", thursday)

    assert reply.text == f"{texts.STALE_YESTERDAY} {texts.STALE_TODAYS}\n\n{texts.JOG_ASK}"
    await _nothing_started_or_planned(repo)
    (warm_up,) = await ana.press("Start 15 min", reply)
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
