"""A changed setting re-plans everything pending: the zone, the morning time, the run time,
quiet hours and the language each move (or re-word) every reminder, follow-up, weekly summary
and compression cue the user has waiting, not only the morning push."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from conversations import i18n, texts
from storage.models import MessageKind, ScheduledMessage
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, check_in, onboard
from tests.conftest import tick

pytestmark = pytest.mark.both_databases

EVENING_BEFORE = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # Monday 21:00 in Berlin
MORNING = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)  # Tuesday 07:30 in Berlin
JOG_DAY = ("🦵 Leg day", "Moderate", "No", "Normal")
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def at(zone: ZoneInfo, hour: int, minute: int, day: int = 13) -> datetime:
    """A wall-clock time on a January day in `zone`, as the aware moment it is."""
    return datetime(2026, 1, day, hour, minute, tzinfo=zone)


async def pending(repo: Repository, kind: MessageKind) -> list[ScheduledMessage]:
    return [row for row in await repo.schedule.pending(1001) if row.kind == kind]


async def change(chat: Chat, setting: str, *answer: str) -> None:
    """/settings, the setting's button, then the answer typed (or tapped, for buttons)."""
    await chat.send("/settings")
    await chat.press(setting)
    for each in answer:
        if each.startswith("tap:"):
            await chat.press(each.removeprefix("tap:"))
        else:
            await chat.send(each)


async def sent_between(chat: Chat, clock: FrozenClock, start: datetime, end: datetime) -> list[str]:
    """Tick every five minutes from `start` to `end`; the texts the user got meanwhile."""
    before = len(chat.history)
    clock.now = start
    while clock.now <= end:
        await tick(chat.app)
        clock.advance(minutes=5)
    return chat.texts(chat.history[before:])


@pytest.fixture
async def reminded(ana: Chat, clock: FrozenClock, repo: Repository) -> Chat:
    """Ana in Berlin, run time 17:30, checked in at 07:30 and tapped "Remind me at 17:30"."""
    clock.now = MORNING
    await onboard(ana, zone="Europe/Berlin", morning="07:30", run="17:30")
    await check_in(ana, *JOG_DAY)
    await ana.press("Remind me at 17:30")
    (reminder,) = await pending(repo, MessageKind.JOG_REMINDER)
    assert reminder.due_at == at(BERLIN, 17, 30)
    return ana


async def test_a_reminder_at_the_run_time_follows_a_move_to_new_york(
    reminded: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = MORNING + timedelta(minutes=5)

    await change(reminded, "Time zone", "America/New_York")

    (reminder,) = await pending(repo, MessageKind.JOG_REMINDER)
    assert reminder.due_at == at(NEW_YORK, 17, 30)  # 22:30 UTC, not 16:30
    (morning,) = await pending(repo, MessageKind.MORNING)
    assert morning.due_at == at(NEW_YORK, 7, 30)  # it is 01:35 there: today's is still ahead
    (weekly,) = await pending(repo, MessageKind.WEEKLY)
    assert weekly.due_at == at(NEW_YORK, 19, 0, day=18)  # Sunday evening in New York
    assert await sent_between(reminded, clock, at(BERLIN, 17, 0), at(BERLIN, 17, 40)) == []
    got = await sent_between(reminded, clock, at(NEW_YORK, 17, 25), at(NEW_YORK, 17, 35))
    assert got == [str(texts.REMINDER["jog"])]


async def test_a_reminder_whose_time_has_passed_in_the_new_zone_is_dropped(
    reminded: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at(BERLIN, 10, 0)  # 18:00 in Tokyo: 17:30 there is gone today

    await change(reminded, "Time zone", "Asia/Tokyo")

    assert await pending(repo, MessageKind.JOG_REMINDER) == []
    got = await sent_between(reminded, clock, at(BERLIN, 10, 5), at(BERLIN, 18, 0))
    assert str(texts.REMINDER["jog"]) not in got


async def test_a_reminder_at_the_run_time_follows_a_new_run_time(
    reminded: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = MORNING + timedelta(minutes=5)

    await change(reminded, "Run time", "tap:19:00")

    (reminder,) = await pending(repo, MessageKind.JOG_REMINDER)
    assert reminder.due_at == at(BERLIN, 19, 0)


@pytest.mark.parametrize(
    ("zone", "due"),
    [
        ("Europe/London", MORNING + timedelta(hours=1)),  # 07:30 there: an hour away still
        # 02:30 there, in the quiet hours of the new zone: their end, 06:00 in New York.
        ("America/New_York", at(NEW_YORK, 6, 0)),
    ],
)
async def test_a_reminder_in_an_hour_stays_an_hour_away_unless_the_new_zone_is_quiet_then(
    ana: Chat, clock: FrozenClock, repo: Repository, zone: str, due: datetime
) -> None:
    clock.now = MORNING
    await onboard(ana, zone="Europe/Berlin")
    await check_in(ana, *JOG_DAY)
    await ana.press("Remind me in 1 hour")

    await change(ana, "Time zone", zone)

    (reminder,) = await pending(repo, MessageKind.JOG_REMINDER)
    assert reminder.due_at == due


@pytest.fixture
async def pushed(ana: Chat, clock: FrozenClock, repo: Repository) -> Chat:
    """Ana got Tuesday's 07:30 push in Berlin and did not check in: a follow-up is due 10:30."""
    clock.now = EVENING_BEFORE
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    clock.now = MORNING
    assert await tick(ana.app) == 1
    (follow_up,) = await pending(repo, MessageKind.FOLLOW_UP)
    assert follow_up.due_at == at(BERLIN, 10, 30)
    return ana


async def test_the_follow_up_moves_with_the_morning_time(
    pushed: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at(BERLIN, 8, 0)

    await change(pushed, "Morning check-in", "08:30")

    (follow_up,) = await pending(repo, MessageKind.FOLLOW_UP)
    assert follow_up.due_at == at(BERLIN, 11, 30)
    got = await sent_between(pushed, clock, at(BERLIN, 8, 5), at(BERLIN, 11, 40))
    assert got == [str(texts.FOLLOW_UP)]  # at 11:30, not at 10:30


async def test_the_follow_up_moves_with_the_zone(
    pushed: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at(BERLIN, 8, 0)

    await change(pushed, "Time zone", "New York")

    (follow_up,) = await pending(repo, MessageKind.FOLLOW_UP)
    assert follow_up.due_at == at(NEW_YORK, 10, 30)  # three hours after 07:30 New York time


async def test_a_follow_up_whose_new_time_has_passed_is_not_sent(
    pushed: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at(BERLIN, 10, 0)

    await change(
        pushed, "Morning check-in", "06:30"
    )  # a follow-up at 09:30 would be half an hour ago

    assert await pending(repo, MessageKind.FOLLOW_UP) == []


async def test_new_quiet_hours_hold_back_the_follow_up_and_move_the_weekly_summary(
    pushed: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at(BERLIN, 8, 0)

    await change(pushed, "Quiet hours", "10:00-06:00")

    got = await sent_between(pushed, clock, at(BERLIN, 8, 5), at(BERLIN, 11, 0))
    assert str(texts.FOLLOW_UP) not in got
    (weekly,) = await pending(repo, MessageKind.WEEKLY)
    assert weekly.due_at == at(BERLIN, 6, 0, day=19)  # Sunday 19:00 is quiet: Monday 06:00


async def test_a_new_language_rewords_everything_still_to_come(
    reminded: Chat, clock: FrozenClock
) -> None:
    clock.now = MORNING + timedelta(minutes=5)

    await change(reminded, "Language", "tap:Deutsch")

    got = await sent_between(reminded, clock, at(BERLIN, 17, 25), at(BERLIN, 17, 35))
    with_german = i18n.translations("de").gettext(texts.REMINDER["jog"].msgid)
    assert got == [with_german] != [str(texts.REMINDER["jog"])]


@pytest.fixture
async def after_a_run(ana: Chat, clock: FrozenClock, repo: Repository) -> Chat:
    """Ana owns compression gear and finished a 15-minute jog at 18:20 Berlin time: the cue to
    take it off is due at 20:20."""
    clock.now = at(BERLIN, 18, 0)
    await onboard(ana, zone="Europe/Berlin", compression="Yes")
    await ana.send("/jog")
    await ana.press("Start 15 min")
    await sent_between(ana, clock, at(BERLIN, 18, 0), at(BERLIN, 18, 25))
    (cue,) = [r for r in await pending(repo, MessageKind.JOG_CUE)]
    assert (cue.payload, cue.due_at) == ({"cue": "compression"}, at(BERLIN, 20, 20))
    return ana


async def test_the_compression_cue_goes_when_the_gear_does(
    after_a_run: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await change(after_a_run, "Compression gear", "tap:No")

    assert await pending(repo, MessageKind.JOG_CUE) == []
    got = await sent_between(after_a_run, clock, at(BERLIN, 20, 0), at(BERLIN, 20, 30))
    assert str(texts.COMPRESSION_OFF) not in got


async def test_the_compression_cue_keeps_to_the_quiet_hours_of_the_new_zone(
    after_a_run: Chat, clock: FrozenClock
) -> None:
    # 20:20 in Berlin is 04:20 in Tokyo, inside the quiet hours there.
    await change(after_a_run, "Time zone", "Tokyo")

    got = await sent_between(after_a_run, clock, at(BERLIN, 20, 0), at(BERLIN, 20, 30))
    assert str(texts.COMPRESSION_OFF) not in got
