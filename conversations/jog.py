"""The easy jog: the offer under the advice, reminders, and the guided 15-20 minute timer.

Buttons carry everything they need (the kind of session, or the session id), so they keep
working after a restart; a session id that isn't the user's own is treated as expired.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from bot.advice import Verdict
from bot.context import CoachContext
from bot.i18n import format_time
from bot.timing import REMIND_IN, SNOOZE, WARM_UP, local_moment, plan_compression_cue, plan_timer
from conversations import texts
from conversations.common import send, set_up_user, settle_button, user_id_of
from conversations.keyboards import (
    CHECKIN_NOW,
    JOG,
    WHY,
    Choice,
    compression_controls,
    inline,
)
from storage.models import JogSession, User
from storage.repository import Repository

JOG_VERDICTS: dict[str, str] = {
    Verdict.EASY_JOG: "jog",
    Verdict.CROSS_TRAIN: "cross",
    Verdict.EASY_OR_CROSS: "cross",
}


def kind_for(verdict: str) -> str | None:
    return JOG_VERDICTS.get(verdict)


def _run_time_today(user: User, now: datetime) -> time | None:
    """The usual run time, if it is still ahead today in the user's zone."""
    if user.run_time is None or user.time_zone is None:
        return None
    today = now.astimezone(ZoneInfo(user.time_zone)).date()
    return user.run_time if local_moment(user.time_zone, today, user.run_time) > now else None


def offer_keyboard(kind: str, user: User, now: datetime) -> list[list[Choice]]:
    rows: list[list[Choice]] = [
        [(texts.START_15, f"{JOG}:go:{kind}:15"), (texts.START_20, f"{JOG}:go:{kind}:20")],
    ]
    run_time = _run_time_today(user, now)
    if run_time is not None:
        label = texts.REMIND_AT.format(time=format_time(run_time))
        rows.append([(label, f"{JOG}:at:{kind}")])
    rows.append(
        [(texts.REMIND_IN_HOUR, f"{JOG}:in:{kind}"), (texts.NOT_TODAY, f"{JOG}:skip:{kind}")]
    )
    return rows


def advice_rows(verdict: str, user: User, now: datetime) -> list[list[Choice]]:
    """Under every verdict: the "Why?" button; under a jog or cross-training day, the offer."""
    kind = kind_for(verdict)
    rows = offer_keyboard(kind, user, now) if kind else []
    return [*rows, [(texts.WHY_BUTTON, WHY)]]


def advice_keyboard(verdict: str, user: User, now: datetime) -> InlineKeyboardMarkup:
    return inline(advice_rows(verdict, user, now))


def reminder_keyboard(kind: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [(texts.START_15, f"{JOG}:go:{kind}:15"), (texts.START_20, f"{JOG}:go:{kind}:20")],
            [
                (texts.SNOOZE_BUTTON, f"{JOG}:snooze:{kind}"),
                (texts.SKIP_TODAY, f"{JOG}:skip:{kind}"),
            ],
        ]
    )


def timer_keyboard(jog_id: int) -> InlineKeyboardMarkup:
    return inline(
        [[(texts.FINISH_EARLY, f"{JOG}:end:{jog_id}"), (texts.CANCEL_RUN, f"{JOG}:stop:{jog_id}")]]
    )


def feeling_keyboard(jog_id: int) -> InlineKeyboardMarkup:
    return inline([[(label, f"{JOG}:feel:{jog_id}:{value}") for label, value in texts.FEELINGS]])


def checkin_keyboard() -> InlineKeyboardMarkup:
    return inline([[(texts.CHECKIN_NOW_BUTTON, CHECKIN_NOW)]])


def cue_message(jog: JogSession, cue: str) -> tuple[str, InlineKeyboardMarkup | None]:
    if cue == "done":
        return texts.TIME_UP.format(minutes=jog.planned_minutes), feeling_keyboard(jog.id)
    if cue == "compression":
        return str(texts.COMPRESSION_OFF), inline([compression_controls()])
    return str(texts.CUES[jog.kind][cue]), timer_keyboard(jog.id)


async def _expired(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(str(texts.EXPIRED))
    await send(update, texts.EXPIRED_HINT)


async def jog_command(update: Update, context: CoachContext) -> None:
    if await set_up_user(update, context) is None:
        return
    await send(
        update,
        texts.JOG_ASK,
        inline([[(texts.START_15, f"{JOG}:go:jog:15"), (texts.START_20, f"{JOG}:go:jog:20")]]),
    )


async def on_start(update: Update, context: CoachContext) -> None:
    assert update.callback_query is not None and update.callback_query.data is not None
    _, _, kind, minutes = update.callback_query.data.split(":")
    if kind not in texts.WARM_UP or minutes not in ("15", "20"):
        await _expired(update)
        return
    uid = user_id_of(update)
    if await set_up_user(update, context) is None:
        return
    running = await context.repo.running_jog(uid)
    if running is not None:
        await update.callback_query.answer()
        await send(update, texts.JOG_ALREADY, timer_keyboard(running.id))
        return
    await settle_button(update, texts.MINUTES_SHORT.format(minutes=minutes))
    now = context.clock()
    jog = await context.repo.start_jog(uid, kind, int(minutes), now, WARM_UP)
    await context.repo.unschedule(uid, ["jog_reminder"])
    await plan_timer(context.repo, uid, jog)
    await send(update, texts.WARM_UP[kind].format(minutes=minutes), timer_keyboard(jog.id))


async def on_remind(update: Update, context: CoachContext) -> None:
    """Remind at the usual run time, in an hour, or (snooze) in half an hour."""
    assert update.callback_query is not None and update.callback_query.data is not None
    _, action, kind = update.callback_query.data.split(":")
    user = await set_up_user(update, context)
    if user is None or kind not in texts.REMINDER:
        await _expired(update)
        return
    now = context.clock()
    due = now + (SNOOZE if action == "snooze" else REMIND_IN)
    if action == "at":
        run_time = _run_time_today(user, now)
        if run_time is not None and user.time_zone is not None:
            due = local_moment(
                user.time_zone, now.astimezone(ZoneInfo(user.time_zone)).date(), run_time
            )
    uid = user_id_of(update)
    await context.repo.unschedule(uid, ["jog_reminder"])
    await context.repo.schedule(uid, "jog_reminder", due, now, {"kind": kind})
    zone = ZoneInfo(user.time_zone or "UTC")
    when = format_time(due.astimezone(zone))
    await settle_button(update, texts.REMIND_SET.format(time=when))
    await send(update, texts.REMIND_SET.format(time=when))


async def on_skip(update: Update, context: CoachContext) -> None:
    await settle_button(update, texts.NOT_TODAY)
    await context.repo.unschedule(user_id_of(update), ["jog_reminder"])
    await send(update, texts.SKIPPED)


async def _own_jog(update: Update, context: CoachContext) -> JogSession | None:
    assert update.callback_query is not None and update.callback_query.data is not None
    parts = update.callback_query.data.split(":")
    jog = None
    if len(parts) >= 3 and parts[2].isdigit():
        jog = await context.repo.get_jog(user_id_of(update), int(parts[2]))
    if jog is None:
        await _expired(update)
    return jog


async def on_finish(update: Update, context: CoachContext) -> None:
    jog = await _own_jog(update, context)
    if jog is None:
        return
    now = context.clock()
    minutes = max(0, int((now - jog.run_started_at) / timedelta(minutes=1)))
    minutes = min(minutes, jog.planned_minutes)
    if not await context.repo.end_jog(jog.id, "completed", now, minutes):
        await settle_button(update)
        await send(update, texts.RUN_OVER)
        return
    await settle_button(update, texts.FINISH_EARLY)
    await send(
        update, texts.FINISHED_EARLY.format(minutes, minutes=minutes), feeling_keyboard(jog.id)
    )
    await _after_run(context.repo, user_id_of(update), jog, now)


async def _after_run(repo: Repository, uid: int, jog: JogSession, ended: datetime) -> None:
    """Owners of compression gear hear, two hours later, that they can take it off."""
    user = await repo.get_user(uid)
    if user is not None and user.compression_gear:
        await plan_compression_cue(repo, uid, jog, ended)


async def on_cancel(update: Update, context: CoachContext) -> None:
    jog = await _own_jog(update, context)
    if jog is None:
        return
    await settle_button(update, texts.CANCEL_RUN)
    if await context.repo.end_jog(jog.id, "cancelled", context.clock(), None):
        await send(update, texts.RUN_CANCELLED)
    else:
        await send(update, texts.RUN_OVER)


async def on_feeling(update: Update, context: CoachContext) -> None:
    jog = await _own_jog(update, context)
    assert update.callback_query is not None and update.callback_query.data is not None
    if jog is None:
        return
    value = update.callback_query.data.rsplit(":", 1)[1]
    labels = {v: label for label, v in texts.FEELINGS}
    if value not in labels:
        await _expired(update)
        return
    await settle_button(update, labels[value])
    await context.repo.set_jog_feeling(jog.id, value)
    await send(update, texts.FEELING_SAVED)


async def time_up(repo: Repository, uid: int, jog: JogSession, due: datetime) -> bool:
    """The "done" cue closes the session at its planned length, unless it already ended."""
    if not await repo.end_jog(jog.id, "completed", due, jog.planned_minutes):
        return False
    await _after_run(repo, uid, jog, due)
    return True
