"""The morning push: at each user's own wall-clock time, once a day, DST or not."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_application
from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import (
    Chat,
    FrozenClock,
    Killed,
    buttons,
    check_in,
    onboard,
    seed_set_up_users,
)
from tests.conftest import BotRunner, tick

pytestmark = pytest.mark.both_databases

EVENING_BEFORE = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def pushes(chat: Chat) -> list[str]:
    return [m.text or "" for m in chat.history if m.text == str(texts.MORNING_PUSH)]


async def test_each_user_gets_the_push_at_their_own_morning_time(
    ana: Chat, app: object, api: LocalBotApi, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    ben = Chat(ana.app, api, user_id=2002, first_name="Ben")
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    await onboard(ben, zone="America/New_York", morning="07:30")

    clock.now = utc("2026-01-13 06:29")
    assert await tick(ana.app) == 0
    clock.now = utc("2026-01-13 06:30")  # 07:30 in Berlin, 01:30 in New York
    assert await tick(ana.app) == 1
    assert pushes(ana) == [str(texts.MORNING_PUSH)] and pushes(ben) == []
    assert buttons(ana.last) == [["Check in now"], ["Pause pushes", "Change time"]]

    clock.now = utc("2026-01-13 12:30")  # 07:30 in New York
    await tick(ana.app)
    assert len(pushes(ben)) == 1
    assert len(pushes(ana)) == 1


# (zone, local day the clocks change, what changes)
DST_DAYS = [
    ("Europe/Berlin", date(2026, 3, 29), "spring-forward"),
    ("Europe/Berlin", date(2026, 10, 25), "fall-back"),
    ("America/New_York", date(2026, 3, 8), "spring-forward"),
    ("America/New_York", date(2026, 11, 1), "fall-back"),
]


@pytest.mark.parametrize(
    ("zone", "day", "change"), DST_DAYS, ids=[f"{z}-{c}" for z, _, c in DST_DAYS]
)
@pytest.mark.parametrize("morning", ["07:30", "02:30", "01:30"])
async def test_around_a_clock_change_the_push_comes_once_a_day_at_wall_clock_time(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    zone: str,
    day: date,
    change: str,
    morning: str,
) -> None:
    """02:30 does not exist on spring-forward nights, 01:30 happens twice on fall-back ones:
    either way exactly one push that day."""
    tz = ZoneInfo(zone)
    start = datetime.combine(day - timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)
    clock.now = start - timedelta(hours=6)
    # A night-shift runner: no quiet hours, so a morning time at night is allowed.
    await repo.users.ensure(1001, 1001, clock.now)
    await repo.users.update(1001, clock.now, quiet_start=time(0, 0), quiet_end=time(0, 0))
    await onboard(ana, zone=zone, morning=morning)

    seen: list[datetime] = []
    for step in range(3 * 24 * 4):  # every 15 minutes for three local days
        clock.now = start + timedelta(minutes=15 * step)
        before = len(pushes(ana))
        await tick(ana.app)
        seen += [clock.now.astimezone(tz)] * (len(pushes(ana)) - before)

    assert [moment.date() for moment in seen] == [day - timedelta(days=1), day, day + timedelta(1)]
    wall = time.fromisoformat(morning)
    for moment in seen:
        if moment.date() == day and change == "spring-forward" and morning == "02:30":
            assert moment.time() == time(3, 30)  # the first minute that exists after the gap
        else:
            assert moment.time() == wall


async def test_a_push_due_after_the_days_checkin_is_not_sent(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Issue 13: the check-in's reply showed the verdict half an hour ago; the push would
    only repeat it and its buttons."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:00")
    (verdict,) = await check_in(ana, "😴 Rest day", "Normal")

    clock.now = utc("2026-01-13 06:30")
    assert await tick(ana.app) == 0

    assert ana.last == verdict
    clock.now = utc("2026-01-13 10:00")
    assert await tick(ana.app) == 0  # no follow-up: they already checked in
    kinds = [(m.kind, m.due_at) for m in await repo.schedule.pending(1001)]
    assert kinds == [
        ("morning", utc("2026-01-14 06:30")),
        ("weekly", utc("2026-01-18 18:00")),  # Sunday 19:00 in Berlin
    ]
    clock.now = utc("2026-01-14 06:30")
    assert await tick(ana.app) == 1  # the next morning asks again
    assert ana.last.text == str(texts.MORNING_PUSH)


async def test_an_overdue_push_after_a_checkin_and_a_reminder_offers_no_second_reminder(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Issue 13: the bot was down at 07:30; the user checked in at 08:00 and asked for a
    reminder; the push, sent late once the bot is back, would repeat the verdict and its
    "Remind me" buttons as if nothing was set. It stays unsent, and the reminder comes."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 07:00")  # 08:00 in Berlin, the push half an hour overdue
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "Normal")
    (set_,) = await ana.press("Remind me in 1 hour")
    assert set_.text == "OK, I'll remind you at 09:00."

    clock.now = utc("2026-01-13 07:05")  # back up: the overdue push is due, within its grace
    assert await tick(ana.app) == 0
    assert ana.last == set_
    (reminder,) = [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"]
    assert reminder.due_at == utc("2026-01-13 08:00")

    clock.now = utc("2026-01-13 08:00")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.REMINDER["jog"])


async def test_one_follow_up_when_the_push_goes_unanswered(ana: Chat, clock: FrozenClock) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)

    clock.now = utc("2026-01-13 09:29")
    assert await tick(ana.app) == 0
    clock.now = utc("2026-01-13 09:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.FOLLOW_UP)
    assert buttons(ana.last) == [["Check in now"], ["Pause pushes", "Change time"]]
    for hour in range(10, 24):
        clock.now = utc(f"2026-01-13 {hour:02d}:45")
        assert await tick(ana.app) == 0

    (question,) = await ana.press("Check in now")
    # 00:45 in Berlin: the check-in still counts for the 13th (coach.timing.checkin_day).
    assert question.text == texts.WORKOUT_AFTER_MIDNIGHT_PROMPT.format(
        day="Tue 13 Jan", before="Mon 12 Jan"
    )


async def test_no_follow_up_after_a_checkin_later_that_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)
    await ana.press("Check in now")
    await ana.press("😴 Rest day")
    await ana.press("Normal")

    clock.now = utc("2026-01-13 09:30")
    assert await tick(ana.app) == 0


async def test_changing_the_morning_time_moves_the_push(ana: Chat, clock: FrozenClock) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana, morning="07:30")
    await ana.send("/settings")
    await ana.press("Morning check-in")
    await ana.send("06:15")

    clock.now = utc("2026-01-13 05:15")  # 06:15 in Berlin
    assert await tick(ana.app) == 1
    clock.now = utc("2026-01-13 06:30")
    assert await tick(ana.app) == 0


async def test_pause_stops_pushes_until_resume(ana: Chat, clock: FrozenClock) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)

    (reply,) = await ana.send("/pause")
    assert reply.text == str(texts.PAUSED)
    for day in (13, 14):
        clock.now = utc(f"2026-01-{day} 06:30")
        await tick(ana.app)
    assert pushes(ana) == []

    clock.now = utc("2026-01-14 12:00")
    (reply,) = await ana.send("/resume")
    assert reply.text == "Morning pushes are on. The next one comes on Thu at 07:30."
    clock.now = utc("2026-01-15 06:30")
    await tick(ana.app)
    assert len(pushes(ana)) == 1


async def test_pause_for_days_resumes_by_itself(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)

    # Monday 21:00 in Berlin: two days later it is Wednesday evening, past the 07:30 push.
    (reply,) = await ana.send("/pause 2")
    assert reply.text == texts.PAUSED_DAYS.format(2, days=2, day="Thu 15 Jan")
    (menu,) = await ana.send("/settings")
    assert (
        menu.text is not None
        and "\nMorning pushes: paused, back on Thu 15 Jan (/pause, /resume)" in menu.text
    )

    sent_on = []
    for day in (13, 14, 15, 16):
        clock.now = utc(f"2026-01-{day} 06:30")
        if await tick(ana.app):
            sent_on.append(day)

    assert sent_on == [15, 16]
    user = await repo.users.get(1001)
    assert user is not None and user.paused is False


SUNDAY_EVENING = {
    "Europe/Berlin": datetime(2026, 11, 29, 19, 0, tzinfo=UTC),  # 20:00 in Berlin
    "America/New_York": datetime(2026, 11, 30, 1, 0, tzinfo=UTC),  # 20:00 in New York
}


@pytest.mark.parametrize("zone", list(SUNDAY_EVENING))
async def test_the_day_pause_names_is_the_day_of_the_first_push_it_plans(
    ana: Chat, clock: FrozenClock, repo: Repository, zone: str
) -> None:
    clock.now = SUNDAY_EVENING[zone] - timedelta(days=1)
    await onboard(ana, zone=zone, morning="07:30")
    clock.now = SUNDAY_EVENING[zone]

    (reply,) = await ana.send("/pause 2")

    # Tuesday 07:30 is still within two days of Sunday 20:00: the pushes come back Wednesday.
    assert reply.text == texts.PAUSED_DAYS.format(2, days=2, day="Wed 2 Dec")
    (planned,) = [m for m in await repo.schedule.pending(1001) if m.kind == MessageKind.MORNING]
    wednesday = datetime(2026, 12, 2, 7, 30, tzinfo=ZoneInfo(zone))
    assert planned.due_at == wednesday
    sent = []
    for day in (30, 1, 2, 3):  # Monday to Thursday, each at 07:30 local
        clock.now = datetime(2026, 11 if day == 30 else 12, day, 7, 30, tzinfo=ZoneInfo(zone))
        if await tick(ana.app):
            sent.append(ana.last.text)
    assert sent == [str(texts.MORNING_PUSH)] * 2  # Wednesday's and Thursday's
    user = await repo.users.get(1001)
    assert user is not None and user.paused is False


@pytest.mark.parametrize(
    ("zone", "paused_at", "back"),
    [
        # Saturday 07:00 in Berlin, the night before the clocks go forward: one day later is
        # Sunday 07:00 on the wall clock (only 23 hours), so Sunday's 07:30 push comes.
        ("Europe/Berlin", datetime(2026, 3, 28, 6, 0, tzinfo=UTC), "Sun 29 Mar"),
        # Saturday 07:00 in New York before the clocks go back: 25 hours to Sunday 07:00.
        ("America/New_York", datetime(2026, 10, 31, 11, 0, tzinfo=UTC), "Sun 1 Nov"),
    ],
)
async def test_a_pause_counts_days_on_the_users_clock_across_dst(
    ana: Chat, clock: FrozenClock, repo: Repository, zone: str, paused_at: datetime, back: str
) -> None:
    clock.now = paused_at - timedelta(days=1)
    await onboard(ana, zone=zone, morning="07:30")
    clock.now = paused_at

    (reply,) = await ana.send("/pause 1")

    assert reply.text == texts.PAUSED_DAYS.format(1, days=1, day=back)
    (planned,) = [m for m in await repo.schedule.pending(1001) if m.kind == MessageKind.MORNING]
    local = planned.due_at.astimezone(ZoneInfo(zone))
    assert (local.strftime("%a %-d %b"), local.time()) == (back, time(7, 30))


@pytest.mark.parametrize("arg", ["0", "61", "abc", "2 3"])
async def test_pause_with_a_bad_number_says_what_works(ana: Chat, arg: str) -> None:
    await onboard(ana)

    (reply,) = await ana.send(f"/pause {arg}")

    assert reply.text == str(texts.PAUSE_INVALID)


async def test_the_pause_button_on_a_push(ana: Chat, clock: FrozenClock, repo: Repository) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)

    (reply,) = await ana.press("Pause pushes")

    assert reply.text == str(texts.PAUSED)
    user = await repo.users.get(1001)
    assert user is not None and user.paused is True


async def test_a_user_who_blocked_the_bot_gets_no_pushes_until_they_write(
    ana: Chat, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    api.block_chat(1001)

    clock.now = utc("2026-01-13 06:30")
    assert await tick(ana.app) == 0
    user = await repo.users.get(1001)
    assert user is not None and user.active is False
    attempts = len(api.calls)
    clock.now = utc("2026-01-14 06:30")
    assert await tick(ana.app) == 0
    assert len(api.calls) == attempts  # nothing was even tried

    api.unblock_chat(1001)
    await ana.send("hello again")
    clock.now = utc("2026-01-15 06:30")
    assert await tick(ana.app) == 1


async def test_a_429_delays_the_push_but_never_drops_it(
    ana: Chat, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    # More refusals than the rate limiter retries: the row goes back and the next tick sends it.
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, times=4)

    clock.now = utc("2026-01-13 06:30")
    first = await tick(ana.app)
    clock.now = utc("2026-01-13 06:30:05")
    second = await tick(ana.app)

    assert first + second == 1
    assert len(pushes(ana)) == 1
    rows = [(m.kind, m.status) for m in await repo.schedule.list_for(1001)]
    assert ("morning", "sent") in rows


async def test_a_restart_before_the_push_still_sends_it_once(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    assert runner.app is not None
    clock.now = EVENING_BEFORE
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await runner.stop()

    clock.now = utc("2026-01-13 06:38")  # the bot was down at 07:30 Berlin time
    ana.app = await runner.start()
    assert await tick(ana.app) == 1
    assert await tick(ana.app) == 0
    await runner.stop()
    ana.app = await runner.start()
    assert await tick(ana.app) == 0
    assert len(pushes(ana)) == 1


async def test_a_push_missed_by_hours_is_skipped_and_logged(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.scheduler")
    assert runner.app is not None
    clock.now = EVENING_BEFORE
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await runner.stop()

    clock.now = utc("2026-01-13 11:00")  # down all morning
    ana.app = await runner.start()
    assert await tick(ana.app) == 0
    assert "skipped morning" in caplog.text
    clock.now = utc("2026-01-14 06:30")
    assert await tick(ana.app) == 1  # the next day is planned as usual


async def test_two_processes_send_each_due_push_exactly_once(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    users = range(5000, 5040)
    await seed_set_up_users(repo, users, clock.now)
    other = build_application(runner.settings, clock=clock)
    await other.initialize()
    try:
        clock.now = utc("2026-01-13 06:30")
        assert runner.app is not None
        counts = await asyncio.gather(tick(runner.app), tick(other), tick(runner.app), tick(other))
    finally:
        await other.shutdown()

    assert sum(counts) == len(users)
    for uid in users:
        assert [m.text for m in api.messages(uid)] == [str(texts.MORNING_PUSH)]


async def test_two_messages_due_together_for_one_chat_go_out_a_second_apart(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    await repo.schedule.add(
        1001, MessageKind.JOG_REMINDER, utc("2026-01-13 06:30"), clock.now, {"kind": "jog"}
    )

    clock.now = utc("2026-01-13 06:30")
    assert await tick(ana.app) == 2

    first, second = ana.history[-2:]
    assert {first.text, second.text} == {str(texts.MORNING_PUSH), str(texts.REMINDER["jog"])}
    assert second.received - first.received >= 0.95


@pytest.mark.parametrize(
    ("late", "sent"),
    [
        (timedelta(hours=2, minutes=59, seconds=59), True),
        (timedelta(hours=3), True),
        (timedelta(hours=3, seconds=1), False),
    ],
    ids=["2h59m59s-late", "3h-late", "3h00m01s-late"],
)
async def test_a_push_missed_while_the_bot_was_down_comes_at_most_three_hours_late(
    ana: Chat, clock: FrozenClock, repo: Repository, late: timedelta, sent: bool
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)

    # No tick ran since the evening: the bot was down at 07:30 Berlin time.
    clock.now = utc("2026-01-13 06:30") + late
    assert await tick(ana.app) == (1 if sent else 0)

    assert pushes(ana) == ([str(texts.MORNING_PUSH)] if sent else [])
    today = [m.status for m in await repo.schedule.list_for(1001) if m.kind == "morning"]
    assert today == ["sent" if sent else "skipped", "pending"]  # and tomorrow's is planned


async def mornings(app: Any, uid: int) -> list[tuple[datetime, dict[str, Any]]]:
    rows = await app.bot_data.repo.schedule.pending(uid)
    return [(row.due_at, row.payload) for row in rows if row.kind == MessageKind.MORNING]


async def test_a_crash_between_a_push_and_planning_the_next_leaves_the_next_planned(
    runner: BotRunner,
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    add = repo.schedule.add

    async def dies_planning_the_next_morning(uid: int, kind: MessageKind, *args: Any) -> bool:
        if kind == MessageKind.MORNING:
            raise Killed
        return await add(uid, kind, *args)

    monkeypatch.setattr(repo.schedule, "add", dies_planning_the_next_morning)
    clock.now = utc("2026-01-13 06:30")
    with pytest.raises(Killed):
        await tick(ana.app)  # the push went out; the process died before the row was settled

    assert pushes(ana) == [str(texts.MORNING_PUSH)]
    monkeypatch.undo()
    await runner.stop()
    clock.advance(minutes=5)  # the dead process's lease on the row has run out
    app = await runner.start()
    await tick(app)

    # Telegram has no idempotent send: a push accepted just before the crash comes once more.
    assert pushes(ana) == [str(texts.MORNING_PUSH)] * 2
    assert await mornings(app, 1001) == [(utc("2026-01-14 06:30"), {"date": "2026-01-14"})]


async def lose_the_morning_push(repo: Repository) -> None:
    """Rows removed behind the bot's back (by hand, or by a crash of older code)."""
    async with repo.unit_of_work():
        await repo.schedule.unschedule(1001, [MessageKind.MORNING])
        await repo.schedule.unschedule(2002, [MessageKind.MORNING])


async def test_a_lost_morning_push_is_planned_again_at_start_up(
    runner: BotRunner, ana: Chat, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE  # 15:00 in New York
    await onboard(ana, zone="America/New_York", morning="06:45")
    ben = Chat(ana.app, api, user_id=2002, first_name="Ben")
    await onboard(ben)
    await ben.send("/pause")  # until he resumes them
    await lose_the_morning_push(repo)
    await runner.stop()

    app = await runner.start()

    assert await mornings(app, 1001) == [(utc("2026-01-13 11:45"), {"date": "2026-01-13"})]
    assert await mornings(app, 2002) == []


async def test_a_lost_morning_push_is_planned_again_within_the_hour(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await onboard(ana)  # at 07:30 in Berlin, right after start-up
    await tick(ana.app)
    await lose_the_morning_push(repo)

    clock.advance(minutes=59)
    await tick(ana.app)
    assert await mornings(ana.app, 1001) == []
    clock.advance(minutes=2)
    await tick(ana.app)
    assert await mornings(ana.app, 1001) == [(utc("2026-01-14 06:30"), {"date": "2026-01-14"})]


@pytest.mark.parametrize(("intensity", "peak"), [("Heavy", True), ("Moderate", False)])
async def test_the_morning_after_a_heavy_leg_day_the_push_asks_about_the_peak_first(
    ana: Chat, clock: FrozenClock, intensity: str, peak: bool
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:00")
    (verdict,) = await check_in(ana, "🦵 Leg day", intensity, "No", "Normal")
    assert ("soreness often peaks one to three days later" in (verdict.text or "")) is peak

    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)  # today's push: not sent after the check-in, it plans tomorrow's
    clock.now = utc("2026-01-14 06:30")  # the next morning's
    await tick(ana.app)

    expected = texts.MORNING_PUSH_PEAK if peak else texts.MORNING_PUSH
    assert ana.last.text == str(expected)
    # The push that asks walking first carries its answers; the other one "Check in now".
    assert buttons(ana.last)[0] == (["Normal", "A bit sore"] if peak else ["Check in now"])
    if peak:
        # Yesterday's check-in told of the leg day the day before it: two days ago by now.
        assert str(expected).startswith(
            "Good morning! Two days after a heavy leg day, soreness can still be peaking. How "
            "does walking feel today, and what did you train yesterday?"
        )


@pytest.mark.parametrize("intensity", ["Heavy", "Moderate"])
async def test_the_push_names_the_checkins_questions_in_the_order_it_asks_them(
    ana: Chat, clock: FrozenClock, intensity: str
) -> None:
    """The check-in asks yesterday's workout first, then walking; two days after a heavy leg day
    walking first, as the push asks about the soreness first (issue 13). Either way the push
    promises no other first question, and the check-in takes no extra tap."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:00")
    await check_in(ana, "🦵 Leg day", intensity, "No", "Normal")
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)  # today's push: not sent after the check-in, it plans tomorrow's
    clock.now = utc("2026-01-14 06:30")
    await tick(ana.app)

    push = ana.last.text or ""
    if intensity == "Moderate":
        assert "What did you train yesterday, and how does walking feel today?" in push
        (first,) = await ana.press("Check in now")
        assert first.text == str(texts.WORKOUT_PROMPT) == "What was your main workout yesterday?"
        (second,) = await ana.press("😴 Rest day")
        assert (second.text or "").startswith("How does walking feel this morning?")
        (verdict,) = await ana.press("A bit sore")
    else:
        assert "How does walking feel today, and what did you train yesterday?" in push
        # Walking is answered on the push itself, which starts the check-in.
        (second,) = await ana.press("A bit sore")
        assert second.text == str(texts.WORKOUT_PROMPT)
        (verdict,) = await ana.press("😴 Rest day")
    # The same verdict, decided by the leg day two days back after the rest day (rule 7); one
    # tap fewer when the push asks walking first.
    assert (verdict.text or "").startswith(
        "🟢 Green: good to go\nBecause: leg day 2 days ago, a bit sore walking"
    )
    assert "🏃 Yes: an easy 15-20 minute jog today." in (verdict.text or "")


async def test_a_jog_reminder_due_with_the_morning_push_comes_after_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A reminder asked for late in the evening moves out of the quiet hours to their end,
    06:00; the morning push, moved to 06:00 since, is due the same minute. The push that
    opens the day comes first, then the reminder (SEND_ORDER), though the reminder was
    planned first; and the push knows the reminder is coming."""
    clock.now = utc("2026-01-12 20:00")  # 21:00 in Berlin
    await onboard(ana, morning="07:30")
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "Normal")
    await ana.press("😴 No, nothing today")
    (moved,) = await ana.press("Remind me in 1 hour")
    assert "06:00" in (moved.text or "")
    await ana.send("/settings")
    await ana.press("Morning check-in")
    await ana.send("06:00")
    due = sorted((m.due_at, m.kind) for m in await repo.schedule.pending(1001))[:2]
    assert due == [
        (utc("2026-01-13 05:00"), MessageKind.JOG_REMINDER),
        (utc("2026-01-13 05:00"), MessageKind.MORNING),
    ]

    clock.now = utc("2026-01-13 05:00")  # 06:00 in Berlin
    assert await tick(ana.app) == 2

    push, reminder = ana.history[-2:]
    assert push.text is not None
    assert push.text.startswith("Good morning! Last night's check-in covers today"), push.text
    # The reminder, claimed with the push, is on its way: the push says so, and offers none.
    assert "⏰ Reminder set for 06:00" in push.text
    assert ["Remind me in 1 hour", "Not today"] not in buttons(push)
    assert reminder.text == str(texts.REMINDER["jog"])


async def test_the_push_that_asks_walking_recalls_yesterdays_pain_as_the_checkin_does(
    ana: Chat, clock: FrozenClock
) -> None:
    """Both the push that asks walking first and /checkin's walking question carry the line
    that recalls yesterday's pain, pointing at the ⚠️ answer below them."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:00")
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "⚠️ Sharp or joint pain", "Normal")
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)  # today's push: not sent after the check-in, it plans tomorrow's
    clock.now = utc("2026-01-14 06:30")
    await tick(ana.app)

    reminder = str(texts.PAIN_YESTERDAY_REMINDER)
    assert ana.last.text == f"{texts.MORNING_PUSH_PEAK}\n{reminder}"
    assert "⚠️ Sharp or joint pain" in [label for row in buttons(ana.last) for label in row]
    (walking,) = await ana.send("/checkin")
    assert walking.text == f"{texts.WALKING_PROMPT}\n{reminder}"


async def test_the_first_verdict_that_lets_the_user_train_after_pain_asks_to_ease_back_in(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer 16: a green day straight after a joint-pain day said nothing of the pain. The
    verdict and /today say to ease back in; a red day says nothing more (it rests anyway), nor
    does a green day after a day without pain."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-13 06:00")
    await check_in(ana, "😴 Rest day", "⚠️ Sharp or joint pain", "Normal")
    clock.now = utc("2026-01-14 06:40")
    (verdict,) = await check_in(ana, "😴 Rest day", "Normal")

    easing = str(texts.PAIN_EASING_BACK)
    assert easing == (
        "🩹 Yesterday you had sharp or joint pain: ease back in gently, and stop at once if it "
        "comes back."
    )
    assert verdict.text is not None
    assert verdict.text.split("\n\n")[1:3] == ["✅ Train as planned.", easing]
    (today,) = await ana.send("/today")
    assert today.text is not None and easing in today.text

    # Still in pain: the rest says it all.
    clock.now = utc("2026-01-14 07:00")
    (again,) = await check_in(ana, "😴 Rest day", "⚠️ Sharp or joint pain", "Normal")
    assert again.text is not None and "🩹" not in again.text
    # Two days on, the check-in before is that pain day's, named by its date.
    clock.now = utc("2026-01-16 06:40")
    (later,) = await check_in(ana, "😴 Rest day", "Normal")
    assert later.text is not None
    assert "🩹 On Wed 14 Jan you had sharp or joint pain: ease back in gently" in later.text
    clock.now = utc("2026-01-17 06:40")
    (fine,) = await check_in(ana, "😴 Rest day", "Normal")
    assert fine.text is not None and "🩹" not in fine.text
