"""When things happen: the morning push at the user's wall-clock time, and the jog timer's cues.

Every future message is a row (see storage.models.ScheduledMessage); these helpers decide the
rows' times. A dedupe key per user and local day makes a second morning push impossible.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.models import JogSession, MessageKind, User
from storage.repository import Repository

WARM_UP = timedelta(minutes=5)
FOLLOW_UP_AFTER = timedelta(hours=3)
COMPRESSION_AFTER = timedelta(hours=2)
SNOOZE = timedelta(minutes=30)
REMIND_IN = timedelta(hours=1)
# A message due while the bot was down is sent late only within its grace; otherwise skipped.
GRACE = timedelta(minutes=10)
MORNING_GRACE = timedelta(hours=3)


QUIET_START = time(22, 0)
QUIET_END = time(6, 0)
# Quiet hours hold back what the bot sends of its own accord: the morning push, its follow-up
# and the weekly summary. What the user set going themselves still arrives on time (a jog
# reminder they asked for, the cues of a timer they started): they chose that moment.
QUIET_KINDS = frozenset({MessageKind.MORNING, MessageKind.FOLLOW_UP, MessageKind.WEEKLY})


def in_quiet_hours(wall: time, start: time, end: time) -> bool:
    """Start inclusive, end exclusive, across midnight when start > end; equal means none."""
    wall = wall.replace(second=0, microsecond=0, tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def quiet_now(user: User, moment: datetime) -> bool:
    """Is it quiet hours for this user at this moment, on their own clock?"""
    local = moment.astimezone(ZoneInfo(user.time_zone or "UTC"))
    return in_quiet_hours(local.time(), user.quiet_start, user.quiet_end)


def after_quiet_hours(user: User, due: datetime) -> datetime:
    """The moment itself, or, if it falls in the user's quiet hours, the moment they end."""
    if not quiet_now(user, due):
        return due
    zone = user.time_zone or "UTC"
    local = due.astimezone(ZoneInfo(zone))
    end = local_moment(zone, local.date(), user.quiet_end)
    if end <= due:
        end = local_moment(zone, local.date() + timedelta(days=1), user.quiet_end)
    return end


def grace_for(kind: str) -> timedelta:
    return MORNING_GRACE if kind == MessageKind.MORNING else GRACE


def local_moment(zone: str, day: date, wall: time) -> datetime:
    """The UTC moment of a wall-clock time. A time skipped by spring-forward lands just after
    the gap; a time repeated by fall-back is taken once, at its first occurrence."""
    return datetime.combine(day, wall, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def next_morning(zone: str, wall: time, now: datetime) -> tuple[date, datetime]:
    today = now.astimezone(ZoneInfo(zone)).date()
    due = local_moment(zone, today, wall)
    if due > now:
        return today, due
    tomorrow = today + timedelta(days=1)
    return tomorrow, local_moment(zone, tomorrow, wall)


def morning_key(telegram_user_id: int, day: date) -> str:
    return f"morning:{telegram_user_id}:{day.isoformat()}"


async def plan_morning(repo: Repository, user: User, now: datetime) -> datetime | None:
    """(Re)plan the user's next morning push; a day whose push already went out is skipped."""
    await repo.unschedule(user.telegram_user_id, [MessageKind.MORNING])
    if user.time_zone is None or user.morning_time is None or user.onboarded_at is None:
        return None
    day, due = next_morning(user.time_zone, user.morning_time, now)
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


WEEKLY_AT = time(19, 0)
SUNDAY = 6


def next_weekly(zone: str, now: datetime) -> tuple[date, datetime]:
    """The next Sunday evening in the user's zone (today, if it is Sunday before 19:00)."""
    day = now.astimezone(ZoneInfo(zone)).date()
    day += timedelta(days=(SUNDAY - day.weekday()) % 7)
    due = local_moment(zone, day, WEEKLY_AT)
    if due <= now:
        day += timedelta(days=7)
        due = local_moment(zone, day, WEEKLY_AT)
    return day, due


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


def cue_times(jog: JogSession) -> dict[str, datetime]:
    """The timer's cues: go after the warm-up, halfway, and time's up."""
    start = jog.run_started_at
    minutes = timedelta(minutes=jog.planned_minutes)
    return {"go": start, "halfway": start + minutes / 2, "done": start + minutes}


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
