"""Quiet hours: the bot stays silent at night (a reminder the user asks for that would land in
them comes when they end, and the reply says so; only a timer they started goes on), a morning
time inside them is refused, and every push ends with one tap to pause it or change its time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from conversations import texts
from conversations.coach.timing import in_quiet_hours
from conversations.parsing import parse_range
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import tick

EVENING_BEFORE = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # Monday 21:00 in Berlin


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("wall", "start", "end", "quiet"),
    [
        ("21:59", "22:00", "06:00", False),
        ("22:00", "22:00", "06:00", True),  # start counts
        ("00:00", "22:00", "06:00", True),
        ("05:59", "22:00", "06:00", True),
        ("06:00", "22:00", "06:00", False),  # end does not
        ("12:00", "22:00", "06:00", False),
        ("13:00", "12:30", "14:00", True),  # a midday nap, not across midnight
        ("12:30", "12:30", "14:00", True),  # its start counts too
        ("14:00", "12:30", "14:00", False),
        ("03:00", "00:00", "00:00", False),  # equal: no quiet hours at all
    ],
)
def test_quiet_hours_wrap_around_midnight(wall: str, start: str, end: str, quiet: bool) -> None:
    assert in_quiet_hours(*(time.fromisoformat(t) for t in (wall, start, end))) is quiet


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22:00-06:00", (time(22), time(6))),
        ("22:30 - 6:30", (time(22, 30), time(6, 30))),
        ("23:00\u201307:00", (time(23), time(7))),
        ("22:00", None),
        ("late-early", None),
        ("22:00-06:00-07:00", None),
    ],
)
def test_typed_ranges(typed: str, expected: tuple[time, time] | None) -> None:
    assert parse_range(typed) == expected


async def test_onboarding_refuses_a_morning_time_inside_the_default_quiet_hours(
    ana: Chat, repo: Repository
) -> None:
    await ana.send("/start")
    await ana.send("Berlin")

    refusal, again = await ana.send("05:30")

    assert refusal.text == (
        "05:30 falls in your quiet hours (22:00-06:00), when I send nothing. "
        "Please pick a morning time outside them."
    )
    assert again.text == texts.MORNING_PROMPT.format(example="06:45")
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time is None
    (next_question,) = await ana.send("06:00")  # the end of the quiet hours is fine
    assert next_question.text == texts.RUN_PROMPT.format(example="18:15")


async def test_settings_change_the_quiet_hours_and_guard_the_morning_time(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana, morning="07:30")
    await ana.send("/settings")

    (question,) = await ana.press("Quiet hours")
    assert question.text == texts.QUIET_PROMPT.format(example="22:30-06:30")
    assert buttons(question) == [["22:00-06:00", "23:00-07:00", "21:00-06:00"], ["No quiet hours"]]
    refusal, again = await ana.send("21:00-08:00")  # would silence the 07:30 push
    assert refusal.text == (
        "Those quiet hours would cover your morning check-in at 07:30. Change the morning time "
        "first, or pick quiet hours that leave it free."
    )
    assert again.text == texts.QUIET_PROMPT.format(example="22:30-06:30")
    hint, _ = await ana.send("whenever")
    assert hint.text == str(texts.QUIET_INVALID)

    saved, menu = await ana.send("23:30-07:00")

    assert saved.text == "Saved."
    assert menu.text is not None and "• Quiet hours: 23:30-07:00" in menu.text
    user = await repo.users.get(1001)
    assert user is not None and (user.quiet_start, user.quiet_end) == (time(23, 30), time(7))

    (morning,) = await ana.press("Morning check-in")
    assert buttons(morning) == [["07:00", "07:30", "08:00"]]  # 06:30 is not offered
    refusal, _ = await ana.send("06:30")  # and typed, it is refused
    assert refusal.text is not None and refusal.text.startswith("06:30 falls in your quiet hours")
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time == time(7, 30)


async def test_no_quiet_hours_allows_a_night_time(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/settings")
    await ana.press("Quiet hours")
    await ana.press("No quiet hours")
    await ana.press("Morning check-in")

    saved, menu = await ana.send("04:15")

    assert saved.text == "Saved."
    assert menu.text is not None and "• Quiet hours: No quiet hours" in menu.text
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time == time(4, 15)


async def test_a_follow_up_that_falls_in_quiet_hours_is_not_sent(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana, morning="07:30")
    await repo.users.update(1001, clock.now, quiet_start=time(10, 0), quiet_end=time(7, 0))

    clock.now = utc("2026-01-13 06:30")  # 07:30 in Berlin: the push, outside quiet hours
    assert await tick(ana.app) == 1
    clock.now = utc("2026-01-13 09:30")  # 10:30 in Berlin: its follow-up would be quiet
    assert await tick(ana.app) == 0

    assert ana.last.text == str(texts.MORNING_PUSH)


# (zone, the evening before its clocks change: spring forward, fall back)
DST_EVENINGS = [
    ("Europe/Berlin", "2026-03-28"),
    ("Europe/Berlin", "2026-10-24"),
    ("America/New_York", "2026-03-07"),
    ("America/New_York", "2026-10-31"),
]


def at(zone: str, wall: str) -> datetime:
    return datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize(("zone", "evening"), DST_EVENINGS)
async def test_a_reminder_asked_for_in_quiet_hours_comes_when_they_end(
    ana: Chat, clock: FrozenClock, repo: Repository, zone: str, evening: str
) -> None:
    """Issue 13: "in 1 hour" at 21:30 lands at 22:30, inside 22:00-06:00: the reply says it
    moves to 06:00, and it comes then, on the wall clock of a night the clocks change."""
    clock.now = at(zone, f"{evening} 21:30")
    await onboard(ana, zone=zone)
    await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    await ana.press("😴 No, nothing today")  # the evening's last question

    (reply,) = await ana.press("Remind me in 1 hour")

    assert reply.text == (
        "22:30 falls in your quiet hours, when I send nothing, so I'll remind you when they end, "
        "tomorrow at 06:00."
    )
    assert buttons(reply) == [["Not today"], ["Why? Both sides"]]
    morning = date.fromisoformat(evening) + timedelta(days=1)
    (row,) = [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"]
    assert row.due_at == datetime.combine(morning, time(6, 0), tzinfo=ZoneInfo(zone))
    came: list[datetime] = []
    for step in range(12 * 4):  # every 15 minutes from 21:45 to 09:30
        clock.now = at(zone, f"{evening} 21:45") + timedelta(minutes=15 * step)
        before = len(ana.history)
        await tick(ana.app)
        came += [
            clock.now.astimezone(ZoneInfo(zone))
            for m in ana.history[before:]
            if m.text == str(texts.REMINDER["jog"])
        ]
    assert [(moment.date(), moment.time()) for moment in came] == [(morning, time(6, 0))]


async def test_a_snooze_into_quiet_hours_moves_to_their_end_and_says_so(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Ben in New York keeps his quiet hours 23:00-07:00: a snooze at 22:45 would land in
    them at 23:15."""
    zone = "America/New_York"
    clock.now = at(zone, "2026-01-13 21:30")
    await onboard(ana, zone=zone)
    await repo.users.update(1001, clock.now, quiet_start=time(23, 0), quiet_end=time(7, 0))
    await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    await ana.press("😴 No, nothing today")  # the evening's last question
    (reply,) = await ana.press("Remind me in 1 hour")
    assert reply.text == "OK, I'll remind you at 22:30."
    clock.now = at(zone, "2026-01-13 22:30")
    assert await tick(ana.app) == 1
    clock.now = at(zone, "2026-01-13 22:45")

    (reply,) = await ana.press("Snooze 30 min")

    assert reply.text == texts.REMIND_MOVED_TOMORROW.format(asked="23:15", time="07:00")
    (row,) = [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"]
    assert row.due_at == at(zone, "2026-01-14 07:00")
    (undone,) = await ana.press("Not today", reply)  # one tap takes it back
    assert undone.text == str(texts.SKIPPED)
    assert [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"] == []


async def test_quiet_hours_set_later_move_a_pending_reminder_to_their_end(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = utc("2026-01-13 19:30")  # 20:30 in Berlin
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    await ana.press("😴 No, nothing today")  # the evening's last question
    await ana.press("Remind me in 1 hour")  # 21:30, outside 22:00-06:00
    await ana.send("/settings")
    await ana.press("Quiet hours")

    await ana.send("21:00-06:00")

    (row,) = [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"]
    assert row.due_at == utc("2026-01-14 05:00")  # 06:00 in Berlin


async def test_no_remind_at_button_for_a_run_time_in_quiet_hours(
    ana: Chat, clock: FrozenClock
) -> None:
    """A run time of 22:30 inside 22:00-06:00: "Remind me at 22:30" would not be true."""
    clock.now = utc("2026-01-13 11:00")  # 12:00 in Berlin
    await onboard(ana, run="22:30")

    (verdict,) = await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")

    assert buttons(verdict)[:2] == [
        ["Start 15 min", "Start 20 min"],
        ["Remind me in 1 hour", "Not today"],
    ]


async def test_a_reminder_sent_late_into_quiet_hours_is_held_back(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Due 21:55, the bot back at 22:05 (within the reminder's grace): quiet by then."""
    clock.now = utc("2026-01-13 20:00")  # 21:00 in Berlin
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    await repo.schedule.add(
        1001, MessageKind.JOG_REMINDER, utc("2026-01-13 20:55"), clock.now, {"kind": "jog"}
    )
    before = len(ana.history)

    clock.now = utc("2026-01-13 21:05")
    assert await tick(ana.app) == 0

    assert len(ana.history) == before


async def test_the_weekly_summary_waits_for_the_end_of_quiet_hours(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    await ana.send("/settings")
    await ana.press("Quiet hours")
    await ana.send("18:00-07:00")  # covers Sunday 19:00

    weekly = [m.due_at for m in await repo.schedule.pending(1001) if m.kind == "weekly"]

    assert weekly == [utc("2026-01-19 06:00")]  # Monday 07:00 in Berlin


async def test_every_push_ends_with_pause_and_change_time(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana, morning="07:30")
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)
    push = ana.last
    assert buttons(push)[-1] == ["Pause pushes", "Change time"]

    (question,) = await ana.press("Change time", push)
    assert question.text == texts.MORNING_PROMPT.format(example="06:45")
    saved, _ = await ana.send("06:45")

    assert saved.text == "Saved."
    mornings = [m.due_at for m in await repo.schedule.pending(1001) if m.kind == "morning"]
    assert mornings == [utc("2026-01-14 05:45")]  # tomorrow 06:45 in Berlin

    await ana.send("/cancel")
    clock.now = utc("2026-01-14 05:45")
    await tick(ana.app)
    await ana.press("Pause pushes")
    user = await repo.users.get(1001)
    assert user is not None and user.paused


async def test_the_morning_push_after_an_evening_check_in_also_ends_with_the_controls(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana, morning="07:30")
    await ana.send("/checkin")
    await ana.press("😴 Rest day")
    await ana.press("Normal")
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)

    assert buttons(ana.last)[-1] == ["Pause pushes", "Change time"]


@pytest.mark.parametrize(
    ("back_at", "sent"),
    [("2026-01-18 20:00", True), ("2026-01-18 21:00", True), ("2026-01-18 21:01", False)],
    ids=["2h-late", "3h-late", "3h01m-late"],
)
async def test_a_weekly_summary_missed_while_the_bot_was_down_comes_later_that_evening(
    ana: Chat, clock: FrozenClock, repo: Repository, back_at: str, sent: bool
) -> None:
    """Due Sunday 19:00 in Berlin; the bot was down then. Back within three hours, the same
    evening, it still sends the week's summary; later, the next one comes a week on."""
    clock.now = EVENING_BEFORE
    await onboard(ana)
    await ana.send("/settings")
    await ana.press("Quiet hours")
    await ana.send("23:00-06:00")  # so that 22:01 is not quiet: only the grace decides
    await ana.send("/cancel")
    before = len(ana.history)

    clock.now = utc(back_at)
    await tick(ana.app)

    summaries = [
        m.text for m in ana.history[before:] if (m.text or "").startswith("Your week in review")
    ]
    assert len(summaries) == (1 if sent else 0)
    weekly = [m.status for m in await repo.schedule.list_for(1001) if m.kind == "weekly"]
    assert weekly == ["sent" if sent else "skipped", "pending"]  # and next Sunday's is planned


async def test_the_weekly_summary_ends_with_a_way_to_stop_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana)
    clock.now = utc("2026-01-18 18:00")  # Sunday 19:00 in Berlin
    await tick(ana.app)
    summary = ana.last
    assert summary.text is not None and summary.text.startswith("Your week in review")
    assert buttons(summary) == [["Stop weekly summaries"]]

    (reply,) = await ana.press("Stop weekly summaries", summary)

    assert reply.text == str(texts.WEEKLY_OFF)
    user = await repo.users.get(1001)
    assert user is not None and user.weekly_summary is False
    assert [m for m in await repo.schedule.pending(1001) if m.kind == "weekly"] == []


async def test_no_reminder_moves_past_a_verdict_for_that_day_only(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A morning's verdict speaks for that day only: a reminder moved out of the quiet hours
    would come the next morning, before the check-in that morning asks for (newcomer 9), so
    none is set, and the reply says why. (An evening's verdict after training that day too is
    a rest tonight, coach.advice.rests_tonight, and offers no reminder at all.)"""
    clock.now = at("Europe/Berlin", "2026-01-13 09:00")
    await onboard(ana)
    (verdict,) = await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    assert ["Remind me in 1 hour", "Not today"] in buttons(verdict)
    clock.now = at("Europe/Berlin", "2026-01-13 21:30")

    (reply,) = await ana.press("Remind me in 1 hour", verdict)

    assert reply.text == (
        "22:30 falls in your quiet hours, and this suggestion ends before they do, so I haven't "
        "set a reminder. Your next check-in will say what suits the next day."
    )
    assert [m for m in await repo.schedule.pending(1001) if m.kind == "jog_reminder"] == []
    clock.now = at("Europe/Berlin", "2026-01-14 06:00")
    await tick(ana.app)
    assert str(texts.REMINDER["jog"]) not in [m.text for m in ana.history]
