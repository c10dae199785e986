"""/pause and /resume: the user decides whether the morning pushes come."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from conversations import texts
from conversations.buttons import CompressionOff, PausePushes, WeeklyOff
from conversations.coach.timing import first_morning_after_pause, pause_until
from conversations.common import send, set_up_user, settle_button, user_id_of
from conversations.context import CoachContext
from conversations.i18n import format_day, format_time, format_weekday
from conversations.planning import plan_morning, plan_weekly, replan
from storage.models import User

MAX_PAUSE_DAYS = 60


def _day(moment: datetime, user: User) -> str:
    return format_day(moment.astimezone(ZoneInfo(user.time_zone or "UTC")))


def push_status(user: User) -> str:
    """On, paused until /resume, or paused and back on a named day: the day of the first
    morning push the pause lets through, as planned (timing.first_morning_after_pause)."""
    if not user.paused:
        return str(texts.PUSHES_ON)
    if user.paused_until is None:
        return str(texts.PUSHES_PAUSED)
    back = user.paused_until
    if user.time_zone is not None and user.morning_time is not None:
        _, back = first_morning_after_pause(user.time_zone, user.morning_time, user.paused_until)
    return texts.PUSHES_PAUSED_UNTIL.format(day=_day(back, user))


async def pause(update: Update, context: CoachContext) -> None:
    if await set_up_user(update, context) is None:
        return
    args = context.args or []
    days: int | None = None
    if args:
        if not args[0].isdigit() or not 1 <= int(args[0]) <= MAX_PAUSE_DAYS or len(args) > 1:
            await send(update, texts.PAUSE_INVALID)
            return
        days = int(args[0])
    await _pause(update, context, days)


async def pause_button(update: Update, context: CoachContext) -> None:
    await settle_button(update, texts.PAUSE_BUTTON)
    if await set_up_user(update, context) is not None:
        await _pause(update, context, None)


async def _pause(update: Update, context: CoachContext, days: int | None) -> None:
    """Pause until /resume, or for `days` days: then the pushes come back on the day the reply
    names, which is the day of the morning push planned here (one computation:
    timing.pause_until, then planning.plan_morning)."""
    now = context.clock()
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    assert user is not None and user.time_zone is not None  # set_up_user came first
    until = None
    if days is not None:
        wall = user.morning_time or time(0, 0)
        until = pause_until(user.time_zone, wall, now, days)
    user = await context.repo.users.update(uid, now, paused=True, paused_until=until)
    if until is None or days is None:
        await send(update, texts.PAUSED)
        return
    due = await plan_morning(context.repo, user, now)
    await send(update, texts.PAUSED_DAYS.format(days, days=days, day=_day(due or until, user)))


async def resume(update: Update, context: CoachContext) -> None:
    if await set_up_user(update, context) is None:
        return
    now = context.clock()
    user = await context.repo.users.update(
        user_id_of(update), now, paused=False, paused_until=None, active=True
    )
    due = await plan_morning(context.repo, user, now)
    zone = ZoneInfo(user.time_zone or "UTC")
    local = due.astimezone(zone) if due else None
    if local is None:  # no push could be planned (plan_morning): nothing to name
        await send(update, texts.RESUMED_UNDATED)
        return
    # Day and time apart: each language joins them in its own words ("am Do. um 07:30").
    await send(update, texts.RESUMED.format(day=format_weekday(local), time=format_time(local)))


async def weekly_off_button(update: Update, context: CoachContext) -> None:
    """ "Stop weekly summaries" under a summary: off at once, back on only through /settings."""
    await settle_button(update, texts.WEEKLY_OFF_BUTTON)
    if await set_up_user(update, context) is None:
        return
    now = context.clock()
    user = await context.repo.users.update(user_id_of(update), now, weekly_summary=False)
    await plan_weekly(context.repo, user, now)
    await send(update, texts.WEEKLY_OFF)


async def compression_off_button(update: Update, context: CoachContext) -> None:
    """ "No more of these" under a compression cue: the profile answer decides who gets them,
    so it becomes "no"; /settings turns it back."""
    await settle_button(update, texts.GEAR_CUES_OFF_BUTTON)
    if await set_up_user(update, context) is None:
        return
    now = context.clock()
    user = await context.repo.users.update(user_id_of(update), now, compression_gear=False)
    await replan(context.repo, user, now)  # any other cue already planned goes too
    await send(update, texts.GEAR_CUES_OFF)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """/pause, /resume, and the buttons under pushes that turn them down."""
    return [
        CommandHandler("pause", pause),
        CommandHandler("resume", resume),
        CallbackQueryHandler(pause_button, pattern=PausePushes.pattern()),
        CallbackQueryHandler(weekly_off_button, pattern=WeeklyOff.pattern()),
        CallbackQueryHandler(compression_off_button, pattern=CompressionOff.pattern()),
    ]
