"""When things are planned, at the edges: the next morning, the weekly summary, the timer's cues,
and the rows they become. Fast, in-process: the functions and the repository they write to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conversations.coach.timing import (
    COMPRESSION_AFTER,
    WARM_UP,
    after_midnight,
    after_quiet_hours,
    checkin_day,
    covers_next_day,
    cue_times,
    first_morning_after_pause,
    first_morning_from,
    next_morning,
    next_weekly,
    pause_until,
    quiet_now,
)
from conversations.planning import (
    plan_compression_cue,
    plan_morning,
    plan_next_morning,
    plan_timer,
    plan_weekly,
)
from conversations.renderers import RENDERERS
from storage.db import create_engine, make_session_factory, upgrade
from storage.models import JogSession, MessageKind, MessageStatus, User
from storage.repository import Repository

BERLIN = "Europe/Berlin"
MORNING = time(7, 30)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
async def repo(tmp_path: Path) -> AsyncIterator[Repository]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'legday.sqlite3'}")
    await upgrade(engine)
    yield Repository(make_session_factory(engine))
    await engine.dispose()


async def set_up(repo: Repository, now: datetime, **changes: object) -> User:
    """A user through /start: Berlin, mornings at 07:30, unless `changes` say otherwise."""
    await repo.users.ensure(1001, 1001, now)
    fields: dict[str, object] = {
        "time_zone": BERLIN,
        "morning_time": MORNING,
        "onboarded_at": now,
        **changes,
    }
    return await repo.users.update(1001, now, **fields)


async def rows(repo: Repository) -> list[tuple[str, datetime, str | None, str]]:
    return [(m.kind, m.due_at, m.dedupe_key, m.status) for m in await repo.schedule.list_for(1001)]


def test_the_morning_push_is_today_until_its_very_minute_then_tomorrow() -> None:
    assert next_morning(BERLIN, MORNING, utc("2026-01-13 06:29:59")) == (
        date(2026, 1, 13),
        utc("2026-01-13 06:30"),
    )
    assert next_morning(BERLIN, MORNING, utc("2026-01-13 06:30")) == (
        date(2026, 1, 14),
        utc("2026-01-14 06:30"),
    )


def test_the_first_morning_from_a_moment_counts_a_push_due_at_that_very_moment() -> None:
    assert first_morning_from(BERLIN, MORNING, utc("2026-01-13 06:30")) == (
        date(2026, 1, 13),
        utc("2026-01-13 06:30"),
    )
    assert first_morning_from(BERLIN, MORNING, utc("2026-01-13 06:30:00.000001")) == (
        date(2026, 1, 14),
        utc("2026-01-14 06:30"),
    )


# Tuesday 13 January 2026; Berlin is UTC+1, the morning push comes at 07:30 there.
@pytest.mark.parametrize(
    ("sent", "days", "back_on"),
    [
        # After Tuesday's push: Wednesday, Thursday and Friday are held, Saturday comes.
        ("2026-01-13 09:00", 3, date(2026, 1, 17)),
        # Before Tuesday's push: Tuesday, Wednesday and Thursday are held, Friday comes.
        ("2026-01-13 05:00", 3, date(2026, 1, 16)),
        # 07:45 in Berlin, still 06:45 in UTC: the push has gone out on the user's clock.
        ("2026-01-13 06:45", 1, date(2026, 1, 15)),
        # At the push's very minute: that push counts as held.
        ("2026-01-13 06:30", 1, date(2026, 1, 14)),
        # 00:30 on Wednesday in Berlin, still Tuesday in UTC: the days count from Wednesday.
        ("2026-01-13 23:30", 1, date(2026, 1, 15)),
    ],
)
def test_a_pause_holds_that_many_days_of_pushes_on_the_users_clock(
    sent: str, days: int, back_on: date
) -> None:
    until = pause_until(BERLIN, MORNING, utc(sent), days)

    midnight = datetime.combine(back_on, time(0, 0), tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)
    assert until == midnight
    morning = datetime.combine(back_on, MORNING, tzinfo=ZoneInfo(BERLIN)).astimezone(UTC)
    assert first_morning_after_pause(BERLIN, MORNING, until) == (back_on, morning)


def test_a_pause_counts_calendar_days_across_a_clock_change() -> None:
    # Berlin springs forward on Sunday 29 March 2026: that day is 23 hours long. A pause of one
    # day sent at 23:30 on Saturday ends with Sunday's 23:45 push, not Monday's.
    until = pause_until(BERLIN, time(23, 45), utc("2026-03-28 22:30"), 1)

    assert until == utc("2026-03-28 23:00")  # Sunday 00:00 in Berlin, still UTC+1
    assert first_morning_after_pause(BERLIN, time(23, 45), until) == (
        date(2026, 3, 29),
        utc("2026-03-29 21:45"),
    )


def test_a_late_push_in_new_york_is_the_same_evening_though_utc_is_a_day_ahead() -> None:
    # 22:00 on the 13th in New York is 03:00 on the 14th in UTC.
    assert next_morning("America/New_York", time(23, 0), utc("2026-01-14 03:00")) == (
        date(2026, 1, 13),
        utc("2026-01-14 04:00"),
    )


@pytest.mark.parametrize(
    ("zone", "wall", "day", "midnight"),
    [
        ("Europe/Berlin", "2026-01-13 03:59", date(2026, 1, 12), True),
        ("Europe/Berlin", "2026-01-13 04:00", date(2026, 1, 13), False),
        ("Europe/Berlin", "2026-01-13 23:59", date(2026, 1, 13), False),
        ("America/New_York", "2026-01-13 00:00", date(2026, 1, 12), True),
        ("America/New_York", "2026-01-13 12:00", date(2026, 1, 13), False),
    ],
)
def test_a_checkin_before_four_counts_for_the_day_before(
    zone: str, wall: str, day: date, midnight: bool
) -> None:
    moment = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert checkin_day(zone, moment) == day
    assert after_midnight(zone, moment) is midnight


def test_both_passes_of_the_hour_repeated_at_fall_back_count_for_the_day_before() -> None:
    # Berlin, 25 Oct 2026: 02:30 comes at 00:30 UTC (summer time) and again at 01:30 UTC.
    for moment in (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ):
        assert checkin_day("Europe/Berlin", moment) == date(2026, 10, 24)
    # 04:00 winter time, 03:00 UTC: the 25th's own day begins.
    assert checkin_day("Europe/Berlin", datetime(2026, 10, 25, 3, 0, tzinfo=UTC)) == date(
        2026, 10, 25
    )


@pytest.mark.parametrize(
    ("given", "covers"),
    [
        ("2026-01-12 16:59", False),  # the afternoon: "today" only
        ("2026-01-12 17:00", True),
        ("2026-01-13 03:59", True),  # after midnight, still that evening
        ("2026-01-13 04:00", False),  # the next day's own morning
        ("2026-01-12 07:00", False),
        ("2026-01-13 21:00", False),  # an evening, but the next day's
    ],
)
def test_a_checkin_covers_the_next_day_when_given_that_evening(given: str, covers: bool) -> None:
    zone = "America/New_York"
    moment = datetime.fromisoformat(given).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert covers_next_day(zone, date(2026, 1, 12), moment) is covers


def test_the_weekly_summary_is_this_sunday_until_19_00_then_next_sunday() -> None:
    sunday = date(2026, 1, 18)
    assert next_weekly(BERLIN, utc("2026-01-12 08:00")) == (sunday, utc("2026-01-18 18:00"))
    assert next_weekly(BERLIN, utc("2026-01-18 17:59")) == (sunday, utc("2026-01-18 18:00"))
    next_sunday = (date(2026, 1, 25), utc("2026-01-25 18:00"))
    assert next_weekly(BERLIN, utc("2026-01-18 18:00")) == next_sunday
    assert next_weekly(BERLIN, utc("2026-01-19 08:00")) == next_sunday


def test_sunday_afternoon_in_los_angeles_gets_that_evenings_summary() -> None:
    # Monday 00:00 in UTC is still Sunday 16:00 in Los Angeles.
    assert next_weekly("America/Los_Angeles", utc("2026-01-12 00:00")) == (
        date(2026, 1, 11),
        utc("2026-01-12 03:00"),
    )


def test_quiet_hours_are_on_the_users_own_clock() -> None:
    user = User(time_zone=BERLIN, quiet_start=time(22, 0), quiet_end=time(6, 0))

    assert quiet_now(user, utc("2026-01-13 21:00"))  # 22:00 in Berlin
    assert not quiet_now(user, utc("2026-01-13 20:59"))
    assert not quiet_now(user, utc("2026-01-14 05:00"))  # 06:00 in Berlin


NIGHT = (time(22, 0), time(6, 0))


@pytest.mark.parametrize(
    ("zone", "quiet", "due", "held_until"),
    [
        (BERLIN, NIGHT, "2026-01-18 18:00", "2026-01-18 18:00"),  # 19:00: not quiet
        (BERLIN, NIGHT, "2026-01-18 22:00", "2026-01-19 05:00"),  # 23:00: to 06:00 next day
        (BERLIN, NIGHT, "2026-01-19 01:00", "2026-01-19 05:00"),  # 02:00: to 06:00 that day
        (None, NIGHT, "2026-01-18 23:00", "2026-01-19 06:00"),  # no zone given: UTC
        # Sunday 19:00 in New York is already Monday in UTC; the evening's quiet ends at 21:00.
        ("America/New_York", (time(18, 0), time(21, 0)), "2026-01-19 00:00", "2026-01-19 02:00"),
    ],
)
def test_what_falls_in_quiet_hours_waits_for_their_end(
    zone: str | None, quiet: tuple[time, time], due: str, held_until: str
) -> None:
    user = User(time_zone=zone, quiet_start=quiet[0], quiet_end=quiet[1])

    assert after_quiet_hours(user, utc(due)) == utc(held_until)


def test_a_push_or_the_weekly_summary_may_come_3_hours_late_anything_else_10_minutes() -> None:
    """Timer cues reach their renderer up to 12 hours late, for time's up of a run to ask what
    was done; every other cue is still dropped after 10 minutes (test_jog's outage tests)."""
    assert RENDERERS[MessageKind.MORNING].grace == timedelta(hours=3)
    assert RENDERERS[MessageKind.WEEKLY].grace == timedelta(hours=3)
    assert RENDERERS[MessageKind.JOG_CUE].grace == timedelta(hours=12)
    for kind in set(MessageKind) - {MessageKind.MORNING, MessageKind.WEEKLY, MessageKind.JOG_CUE}:
        assert RENDERERS[kind].grace == timedelta(minutes=10)


def test_without_a_time_zone_the_quiet_hours_follow_utc() -> None:
    user = User(time_zone=None, quiet_start=time(22, 0), quiet_end=time(6, 0))

    assert quiet_now(user, utc("2026-01-13 22:00"))
    assert not quiet_now(user, utc("2026-01-13 21:59"))


def test_the_timer_cues_go_after_the_warm_up_halfway_and_at_the_end() -> None:
    start = utc("2026-01-13 06:30")
    jog = JogSession(started_at=start, run_started_at=start + WARM_UP, planned_minutes=15)

    assert cue_times(jog) == {
        "go": utc("2026-01-13 06:35"),
        "halfway": utc("2026-01-13 06:42:30"),
        "done": utc("2026-01-13 06:50"),
    }


async def test_the_next_morning_push_is_one_row_per_local_day(repo: Repository) -> None:
    now = utc("2026-01-12 20:00")
    user = await set_up(repo, now)

    assert await plan_morning(repo, user, now) == utc("2026-01-13 06:30")
    assert await plan_morning(repo, user, now) == utc("2026-01-13 06:30")  # replaces, no second

    assert await rows(repo) == [
        ("morning", utc("2026-01-13 06:30"), "morning:1001:2026-01-13", "pending")
    ]
    assert [m.payload for m in await repo.schedule.list_for(1001)] == [{"date": "2026-01-13"}]


async def test_a_morning_already_pushed_is_skipped_for_the_next(repo: Repository) -> None:
    now = utc("2026-01-13 06:00")
    user = await set_up(repo, now)
    await plan_morning(repo, user, now)
    (today,) = await repo.schedule.list_for(1001)
    await repo.schedule.settle(today.id, MessageStatus.SENT, now)

    # The user moves their morning to 08:00, after today's push already went out.
    user = await repo.users.update(1001, now, morning_time=time(8, 0))
    assert await plan_morning(repo, user, now) == utc("2026-01-14 07:00")

    assert await rows(repo) == [
        ("morning", utc("2026-01-13 06:30"), "morning:1001:2026-01-13", "sent"),
        ("morning", utc("2026-01-14 07:00"), "morning:1001:2026-01-14", "pending"),
    ]


@pytest.mark.parametrize(
    "missing", ["time_zone", "morning_time", "onboarded_at"], ids=lambda name: f"no-{name}"
)
async def test_no_morning_push_until_the_set_up_is_complete(repo: Repository, missing: str) -> None:
    now = utc("2026-01-12 20:00")
    user = await set_up(repo, now, **{missing: None})

    assert await plan_morning(repo, user, now) is None
    await plan_weekly(repo, user, now)

    expected = [("weekly", utc("2026-01-18 18:00"))] if missing == "morning_time" else []
    assert [(kind, due) for kind, due, _, _ in await rows(repo)] == expected


@pytest.mark.parametrize("missing", ["time_zone", "morning_time"], ids=lambda name: f"no-{name}")
async def test_no_next_morning_without_a_zone_and_a_time(repo: Repository, missing: str) -> None:
    now = utc("2026-01-13 06:30")
    user = await set_up(repo, now, **{missing: None})

    await plan_next_morning(repo, user, date(2026, 1, 13), now)

    assert [kind for kind, _, _, _ in await rows(repo)] == []


async def test_after_a_push_the_next_one_is_the_following_local_day(repo: Repository) -> None:
    now = utc("2026-01-13 06:30")
    user = await set_up(repo, now)

    await plan_next_morning(repo, user, date(2026, 1, 13), now)
    await plan_next_morning(repo, user, date(2026, 1, 13), now)  # a retry adds nothing

    assert await rows(repo) == [
        ("morning", utc("2026-01-14 06:30"), "morning:1001:2026-01-14", "pending")
    ]
    assert [m.payload for m in await repo.schedule.list_for(1001)] == [{"date": "2026-01-14"}]


async def test_a_sundays_summary_once_sent_is_never_planned_again(repo: Repository) -> None:
    now = utc("2026-01-18 10:00")
    user = await set_up(repo, now)
    await plan_weekly(repo, user, now)
    (sunday,) = await repo.schedule.list_for(1001)
    await repo.schedule.settle(sunday.id, MessageStatus.SENT, now)

    await plan_weekly(repo, user, now)  # e.g. the summary switched off and on again that day

    assert await rows(repo) == [
        ("weekly", utc("2026-01-18 18:00"), "weekly:1001:2026-01-18", "sent")
    ]


async def test_the_summary_moves_with_the_quiet_hours(repo: Repository) -> None:
    now = utc("2026-01-12 08:00")
    user = await set_up(repo, now)
    await plan_weekly(repo, user, now)

    user = await repo.users.update(1001, now, quiet_start=time(18, 0), quiet_end=time(8, 0))
    await plan_weekly(repo, user, now)

    assert await rows(repo) == [
        ("weekly", utc("2026-01-19 07:00"), "weekly:1001:2026-01-18", "pending")
    ]
    assert [m.payload for m in await repo.schedule.list_for(1001)] == [{"date": "2026-01-18"}]


async def test_a_started_timer_is_three_cue_rows_and_the_gear_cue_two_hours_after(
    repo: Repository,
) -> None:
    now = utc("2026-01-13 06:30")
    await set_up(repo, now)
    jog = await repo.jogs.start(1001, "jog", 15, now, WARM_UP)

    await plan_timer(repo, 1001, jog)
    ended = utc("2026-01-13 06:50")
    await plan_compression_cue(repo, 1001, jog, ended)

    cues = [
        (m.due_at, m.payload, m.dedupe_key, m.jog_session_id, m.created_at)
        for m in await repo.schedule.list_for(1001)
        if m.kind == "jog_cue"
    ]
    assert cues == [
        (utc("2026-01-13 06:35"), {"cue": "go"}, f"cue:{jog.id}:go", jog.id, now),
        (utc("2026-01-13 06:42:30"), {"cue": "halfway"}, f"cue:{jog.id}:halfway", jog.id, now),
        (ended, {"cue": "done"}, f"cue:{jog.id}:done", jog.id, now),
        (
            ended + COMPRESSION_AFTER,
            {"cue": "compression"},
            f"cue:{jog.id}:compression",
            jog.id,
            ended,
        ),
    ]
