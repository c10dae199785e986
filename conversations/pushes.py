"""/pause and /resume: the user decides whether the morning pushes come."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from conversations import texts
from conversations.buttons import CompressionOff, PausePushes, WeeklyOff
from conversations.common import send, set_up_user, settle_button, user_id_of
from conversations.context import CoachContext
from conversations.i18n import format_day, format_time, format_weekday
from conversations.planning import plan_morning, plan_weekly
from storage.models import User

MAX_PAUSE_DAYS = 60


def _day(moment: datetime, user: User) -> str:
    return format_day(moment.astimezone(ZoneInfo(user.time_zone or "UTC")))


def push_status(user: User) -> str:
    if not user.paused:
        return str(texts.PUSHES_ON)
    if user.paused_until is None:
        return str(texts.PUSHES_PAUSED)
    return texts.PUSHES_PAUSED_UNTIL.format(day=_day(user.paused_until, user))


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
    now = context.clock()
    until = now + timedelta(days=days) if days else None
    user = await context.repo.update_user(user_id_of(update), now, paused=True, paused_until=until)
    if until is None or days is None:
        await send(update, texts.PAUSED)
    else:
        await send(update, texts.PAUSED_DAYS.format(days, days=days, day=_day(until, user)))


async def resume(update: Update, context: CoachContext) -> None:
    if await set_up_user(update, context) is None:
        return
    now = context.clock()
    user = await context.repo.update_user(
        user_id_of(update), now, paused=False, paused_until=None, active=True
    )
    due = await plan_morning(context.repo, user, now)
    zone = ZoneInfo(user.time_zone or "UTC")
    local = due.astimezone(zone) if due else None
    when = f"{format_weekday(local)} {format_time(local)}" if local else "?"
    await send(update, texts.RESUMED.format(when=when))


async def weekly_off_button(update: Update, context: CoachContext) -> None:
    """ "Stop weekly summaries" under a summary: off at once, back on only through /settings."""
    await settle_button(update, texts.WEEKLY_OFF_BUTTON)
    if await set_up_user(update, context) is None:
        return
    now = context.clock()
    user = await context.repo.update_user(user_id_of(update), now, weekly_summary=False)
    await plan_weekly(context.repo, user, now)
    await send(update, texts.WEEKLY_OFF)


async def compression_off_button(update: Update, context: CoachContext) -> None:
    """ "No more of these" under a compression cue: the profile answer decides who gets them,
    so it becomes "no"; /settings turns it back."""
    await settle_button(update, texts.GEAR_CUES_OFF_BUTTON)
    if await set_up_user(update, context) is None:
        return
    await context.repo.update_user(user_id_of(update), context.clock(), compression_gear=False)
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
