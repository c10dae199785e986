"""Pushes and cues as rows: the next morning push, the weekly summary, the jog timer's cues.

The times come from `conversations.coach.timing`; this writes them as scheduled messages (see
storage.models.ScheduledMessage), each with a dedupe key, so that planning twice is harmless: a
second morning push for the same local day is refused by the database.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from conversations.coach.timing import (
    COMPRESSION_AFTER,
    after_quiet_hours,
    cue_times,
    first_morning_after_pause,
    local_moment,
    next_morning,
    next_weekly,
)
from storage.models import JogSession, MessageKind, User
from storage.repository import Repository


def morning_key(telegram_user_id: int, day: date) -> str:
    return f"morning:{telegram_user_id}:{day.isoformat()}"


async def plan_morning(repo: Repository, user: User, now: datetime) -> datetime | None:
    """(Re)plan the user's next morning push and return its moment (UTC); a day whose push
    already went out is skipped, and so is every day a pause for some days still covers (the
    push is planned for the day it ends: timing.first_morning_after_pause)."""
    await repo.unschedule(user.telegram_user_id, [MessageKind.MORNING])
    if user.time_zone is None or user.morning_time is None or user.onboarded_at is None:
        return None
    day, due = next_morning(user.time_zone, user.morning_time, now)
    if user.paused and user.paused_until is not None and user.paused_until > now:
        day, due = first_morning_after_pause(user.time_zone, user.morning_time, user.paused_until)
    for _ in range(2):
        key = morning_key(user.telegram_user_id, day)
        if await repo.schedule(
            user.telegram_user_id, MessageKind.MORNING, due, now, {"date": day.isoformat()}, key
        ):
            return due
        day += timedelta(days=1)
        due = local_moment(user.time_zone, day, user.morning_time)
    return None


async def plan_next_morning(repo: Repository, user: User, after: date, now: datetime) -> None:
    """After a morning push was handled, the next one is the following local day's."""
    if user.time_zone is None or user.morning_time is None:
        return
    day = after + timedelta(days=1)
    due = local_moment(user.time_zone, day, user.morning_time)
    await repo.schedule(
        user.telegram_user_id,
        MessageKind.MORNING,
        due,
        now,
        {"date": day.isoformat()},
        morning_key(user.telegram_user_id, day),
    )


async def plan_follow_up(
    repo: Repository, user: User, day: date, due: datetime, now: datetime
) -> None:
    """The one reminder of a morning push that got no check-in."""
    await repo.schedule(
        user.telegram_user_id,
        MessageKind.FOLLOW_UP,
        due,
        now,
        {"date": day.isoformat()},
        f"follow_up:{user.telegram_user_id}:{day.isoformat()}",
    )


async def plan_weekly(repo: Repository, user: User, now: datetime) -> None:
    """Sunday 19:00, or the end of the quiet hours when they cover Sunday evening."""
    await repo.unschedule(user.telegram_user_id, [MessageKind.WEEKLY])
    if not user.weekly_summary or user.time_zone is None or user.onboarded_at is None:
        return
    day, due = next_weekly(user.time_zone, now)
    due = after_quiet_hours(user, due)
    await repo.schedule(
        user.telegram_user_id,
        MessageKind.WEEKLY,
        due,
        now,
        {"date": day.isoformat()},
        f"weekly:{user.telegram_user_id}:{day.isoformat()}",
    )


async def plan_timer(repo: Repository, telegram_user_id: int, jog: JogSession) -> None:
    for cue, due in cue_times(jog).items():
        await repo.schedule(
            telegram_user_id,
            MessageKind.JOG_CUE,
            due,
            jog.started_at,
            {"cue": cue},
            f"cue:{jog.id}:{cue}",
            jog_session_id=jog.id,
        )


async def plan_compression_cue(
    repo: Repository, telegram_user_id: int, jog: JogSession, ended: datetime
) -> None:
    await repo.schedule(
        telegram_user_id,
        MessageKind.JOG_CUE,
        ended + COMPRESSION_AFTER,
        ended,
        {"cue": "compression"},
        f"cue:{jog.id}:compression",
        jog_session_id=jog.id,
    )
