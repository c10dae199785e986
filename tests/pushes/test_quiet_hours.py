"""Quiet hours: the bot stays silent at night unless the user asked for the message, a morning
time inside them is refused, and every push ends with one tap to pause it or change its time."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from conversations import texts
from conversations.coach.timing import in_quiet_hours
from conversations.parsing import parse_range
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, onboard
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


async def test_a_jog_reminder_the_user_asked_for_comes_even_in_quiet_hours(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = utc("2026-01-13 20:30")  # 21:30 in Berlin
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    await ana.press("Light")
    await ana.press("No")
    await ana.press("Normal")
    await ana.press("Remind me in 1 hour")

    clock.now = utc("2026-01-13 21:30")  # 22:30 in Berlin: quiet, but they asked for it
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.REMINDER["jog"])


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


async def test_the_morning_push_after_a_check_in_also_ends_with_the_controls(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    await onboard(ana, morning="07:30")
    clock.now = utc("2026-01-13 06:00")
    await ana.send("/checkin")
    await ana.press("😴 Rest day")
    await ana.press("Normal")
    clock.now = utc("2026-01-13 06:30")
    await tick(ana.app)

    assert buttons(ana.last) == [["Why? Both sides"], ["Pause pushes", "Change time"]]


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
