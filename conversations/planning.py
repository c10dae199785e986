"""Pushes and cues as rows: the next morning push, the weekly summary, the jog timer's cues.

The times come from `conversations.coach.timing`; this writes them as scheduled messages (see
storage.models.ScheduledMessage), each with a dedupe key, so that planning twice is harmless: a
second morning push for the same local day is refused by the database.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from conversations.coach.timing import (
    COMPRESSION_AFTER,
    FOLLOW_UP_AFTER,
    after_quiet_hours,
    cue_times,
    first_morning_after_pause,
    local_moment,
    next_morning,
    next_weekly,
)
from storage.models import JogSession, MessageKind, ScheduledMessage, User
from storage.repository import Repository

log = logging.getLogger(__name__)


async def _plan_day(
    repo: Repository, user: User, kind: MessageKind, day: date, due: datetime, now: datetime
) -> bool:
    """A row for one local day of the user's (its payload names the day); its dedupe key,
    `<kind>:<user>:<day>`, makes a second one of that kind for that day impossible. False
    when there is one already: nothing is added."""
    key = f"{kind}:{user.telegram_user_id}:{day.isoformat()}"
    return await repo.schedule.add(
        user.telegram_user_id, kind, due, now, {"date": day.isoformat()}, key
    )


async def plan_morning(repo: Repository, user: User, now: datetime) -> datetime | None:
    """(Re)plan the user's next morning push and return its moment (UTC); a day whose push
    already went out is skipped, and so is every day a pause for some days still covers (the
    push is planned for the day it ends: timing.first_morning_after_pause)."""
    await repo.schedule.unschedule(user.telegram_user_id, [MessageKind.MORNING])
    if user.time_zone is None or user.morning_time is None or user.onboarded_at is None:
        return None
    day, due = next_morning(user.time_zone, user.morning_time, now)
    if user.paused and user.paused_until is not None and user.paused_until > now:
        day, due = first_morning_after_pause(user.time_zone, user.morning_time, user.paused_until)
    for _ in range(2):
        if await _plan_day(repo, user, MessageKind.MORNING, day, due, now):
            return due
        day += timedelta(days=1)
        due = local_moment(user.time_zone, day, user.morning_time)
    return None


async def plan_lost_mornings(repo: Repository, now: datetime) -> int:
    """Plan the next morning push of every user who should have one ahead and has none
    (storage.users.Users.without_morning); returns how many. Run at start-up and hourly
    (bot.scheduler): the chain of mornings must never end because one link was lost."""
    lost = await repo.users.without_morning()
    for user in lost:
        async with repo.unit_of_work():
            await plan_morning(repo, user, now)
    if lost:
        log.info("planned the morning push of %d users who had none", len(lost))
    return len(lost)


async def plan_next_morning(repo: Repository, user: User, after: date, now: datetime) -> None:
    """After a morning push was handled, the next one is the following local day's."""
    if user.time_zone is None or user.morning_time is None:
        return
    day = after + timedelta(days=1)
    due = local_moment(user.time_zone, day, user.morning_time)
    await _plan_day(repo, user, MessageKind.MORNING, day, due, now)


async def plan_follow_up(
    repo: Repository, user: User, day: date, due: datetime, now: datetime
) -> None:
    """The one reminder of a morning push that got no check-in."""
    await _plan_day(repo, user, MessageKind.FOLLOW_UP, day, due, now)


async def plan_weekly(repo: Repository, user: User, now: datetime) -> None:
    """Sunday 19:00, or the end of the quiet hours when they cover Sunday evening."""
    await repo.schedule.unschedule(user.telegram_user_id, [MessageKind.WEEKLY])
    if not user.weekly_summary or user.time_zone is None or user.onboarded_at is None:
        return
    day, due = next_weekly(user.time_zone, now)
    await _plan_day(repo, user, MessageKind.WEEKLY, day, after_quiet_hours(user, due), now)


async def plan_timer(repo: Repository, telegram_user_id: int, jog: JogSession) -> None:
    await plan_cues(repo, telegram_user_id, jog, cue_times(jog))


async def plan_cues(
    repo: Repository, telegram_user_id: int, jog: JogSession, cues: dict[str, datetime]
) -> None:
    """One row per cue of the session (its name: the moment it is due), each unique by its
    dedupe key, so planning twice is harmless."""
    for cue, due in cues.items():
        await repo.schedule.add(
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
    await repo.schedule.add(
        telegram_user_id,
        MessageKind.JOG_CUE,
        ended + COMPRESSION_AFTER,
        ended,
        {"cue": "compression"},
        f"cue:{jog.id}:compression",
        jog_session_id=jog.id,
    )


_KEEP = object()  # replan: the row stays as it is


def _replanned(row: ScheduledMessage, user: User) -> datetime | object | None:
    """When a pending row is due under the user's settings as they are now: a moment (UTC),
    None when it should no longer come at all, or _KEEP when no setting decides its time."""
    zone, payload = user.time_zone, row.payload
    if zone is None:
        return _KEEP
    if row.kind == MessageKind.FOLLOW_UP and user.morning_time is not None:
        day = date.fromisoformat(payload["date"])
        return local_moment(zone, day, user.morning_time) + FOLLOW_UP_AFTER
    if row.kind == MessageKind.JOG_REMINDER:
        # Set for the usual run time: the run time as it is now, or the one it was set for;
        # "in an hour": its moment. Either way never in the quiet hours as they are now.
        due = row.due_at
        if "at" in payload and "date" in payload:
            wall = user.run_time or time.fromisoformat(payload["at"])
            due = local_moment(zone, date.fromisoformat(payload["date"]), wall)
        return after_quiet_hours(user, due)
    if row.kind == MessageKind.JOG_CUE and payload.get("cue") == "compression":
        return _KEEP if user.compression_gear else None
    return _KEEP


async def replan(repo: Repository, user: User, now: datetime) -> None:
    """After any setting changed (zone, morning time, run time, quiet hours, language, profile
    answers): every pending row of the user planned anew from the settings as they are now.

    The morning push and the weekly summary are planned again from scratch; the day's follow-up
    moves to three hours after the morning time on its day, in the current zone; a reminder set
    for the usual run time moves to the run time on its day, in the current zone; any reminder
    then in the quiet hours moves to their end (no reminder fires in them); compression
    cues go once the user has no compression gear. A row whose new moment has already passed
    is dropped (it would come at a time nobody chose), and so is one that should no longer
    come. The rest keep their moment: the timer's cues and the compression cue follow the
    clock, not the calendar. What they say, and whether quiet hours hold them back, is worked
    out when they are sent, in the user's language and zone then (conversations.renderers).
    A row being sent right now is left to its sender.
    """
    await plan_morning(repo, user, now)
    await plan_weekly(repo, user, now)
    for row in await repo.schedule.pending(user.telegram_user_id):
        due = _replanned(row, user)
        if due is _KEEP or due == row.due_at:
            continue
        if isinstance(due, datetime) and due > now:
            await repo.schedule.reschedule(row.id, due)
        elif await repo.schedule.cancel(row.id):
            log.info("%s #%d dropped: no longer due under the new settings", row.kind, row.id)
