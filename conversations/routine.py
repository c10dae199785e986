"""The strength and mobility routine of a hard-to-walk day (rule 2): the screen under the
verdict, and the guided version on the jog's timer.

The guided routine is a timer session of kind "routine" (storage.models.JogSession): it starts
at once, with no warm-up (its first moves are the gentle ones), and each further move is a
timer cue at the moment coach.routine.move_times gives, so a restart goes on from the move that
is due. "Finish early" and "Cancel" are the jog's own buttons (conversations.jog).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from babel.numbers import format_decimal
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from conversations import i18n, texts
from conversations.buttons import JogRoutine, RoutineNext, RoutineStart
from conversations.coach.advice import Verdict
from conversations.coach.routine import (
    ROUTINE,
    ROUTINE_MINUTES,
    SESSION_KIND,
    Move,
    move_of_cue,
    move_times,
)
from conversations.common import (
    answer_press,
    expired,
    is_typed,
    send,
    set_up_user,
    settle_button,
    user_id_of,
)
from conversations.context import CoachContext
from conversations.jog import (
    already_running,
    day_of,
    minutes_done,
    move_keyboard,
    stale_press,
)
from conversations.keyboards import inline
from conversations.planning import plan_cues
from conversations.verdicts import todays_advice
from storage.models import JogSession, JogStatus, MessageKind

KIND = SESSION_KIND


def dose(move: Move) -> str:
    """How much: "2 sets of 8 reps", "10 reps per side"; sets only when there are several."""
    reps = texts.ROUTINE_REPS.format(move.reps, count=move.reps)
    shown = reps
    if move.sets > 1:
        shown = texts.ROUTINE_SETS.format(move.sets, sets=move.sets, reps=reps)
    return texts.ROUTINE_PER_SIDE.format(dose=shown) if move.per_side else shown


def slot(move: Move) -> str:
    """The move's time on the timer in minutes, as the locale writes them ("1.5 min")."""
    minutes = format_decimal(move.seconds / 60, "0.#", locale=i18n.locale())
    return texts.ROUTINE_SLOT.format(minutes=minutes)


def routine_text() -> str:
    """The whole routine: a heading, the rules it keeps, then each part's moves, numbered, each
    with its dose, its time and one line of how."""
    lines = [str(texts.MOBILITY_HEAD), texts.ROUTINE_INTRO.format(minutes=ROUTINE_MINUTES)]
    part = None
    for number, move in enumerate(ROUTINE, start=1):
        if move.kind != part:
            part = move.kind
            lines += ["", str(texts.ROUTINE_PARTS[part])]
        line = texts.ROUTINE_LINE.format(
            number=number, move=move.name, dose=dose(move), length=slot(move)
        )
        lines += [line, f"   {move.how}"]
    lines += ["", str(texts.ROUTINE_GUIDE_HINT)]
    return "\n".join(lines)


def routine_keyboard(day: int) -> InlineKeyboardMarkup:
    """The guided routine's start, carrying check-in `day` (jog.day_of)."""
    label = texts.ROUTINE_GUIDE_BUTTON.format(minutes=ROUTINE_MINUTES)
    return inline([[(label, RoutineStart(day))]])


def move_text(number: int) -> str:
    move = ROUTINE[number - 1]
    return texts.ROUTINE_MOVE.format(
        number=number, count=len(ROUTINE), move=move.name, dose=dose(move), how=move.how
    )


def cue_message(
    session: JogSession, cue: str, at: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    """A routine session's cue, due `at`: the next move (under the part's heading when a part
    begins), or, at "done", the end with the minutes spent (jog.minutes_done, as recorded)."""
    if cue == "done":
        minutes = minutes_done(session, at)
        return texts.ROUTINE_DONE.format(minutes, minutes=minutes), None
    number = move_of_cue(cue) or 1
    text = move_text(number)
    if number > 1 and ROUTINE[number - 2].kind != ROUTINE[number - 1].kind:
        text = f"{texts.ROUTINE_PARTS[ROUTINE[number - 1].kind]}\n{text}"
    return text, move_keyboard(session.id, number)


async def _fits_today(update: Update, context: CoachContext, pressed: int | None) -> int | None:
    """Is the routine still what today's advice says? A press of an earlier day's button
    (`pressed`: the check-in day it carries, None on a button of a release before that) is
    told so as the jog's are (jog.stale_press); the routine of a check-in since replaced (a
    later check-in, or none yet today) is answered with why not, in a friendly line. Then
    nothing starts: None. Else today's check-in day, as buttons carry it (jog.day_of)."""
    user = await set_up_user(update, context)
    if user is None or await stale_press(update, context, user, pressed):
        return None
    now = context.clock()
    today = await day_of(context.repo, user, now)
    advice = await todays_advice(context.repo, user, now, date.fromordinal(today))
    if advice is not None and advice.verdict is Verdict.STRENGTH_MOBILITY:
        return today
    if update.callback_query is not None:
        await answer_press(update.callback_query)
    await send(update, texts.ROUTINE_CHECK_IN_FIRST if advice is None else texts.ROUTINE_NOT_TODAY)
    return None


async def on_routine(update: Update, context: CoachContext) -> None:
    """The routine screen, with the button that guides through it."""
    today = await _fits_today(update, context, JogRoutine.of(update).day)
    if today is None:
        return
    await settle_button(update, texts.MOBILITY_BUTTON)
    await send(update, routine_text(), routine_keyboard(today))


async def on_start(update: Update, context: CoachContext) -> None:
    """Start the guided routine: the first move at once, the others as cues; while any timer
    runs, that session is shown instead (one at a time)."""
    if await _fits_today(update, context, RoutineStart.of(update).day) is None:
        return
    if await already_running(update, context):
        return
    await settle_button(update, texts.ROUTINE_GUIDE_BUTTON.format(minutes=ROUTINE_MINUTES))
    now = context.clock()
    uid = user_id_of(update)
    # One transaction, the update's: a session is never stored without its cues.
    session = await context.repo.jogs.start(uid, KIND, ROUTINE_MINUTES, now, timedelta(0))
    await context.repo.schedule.unschedule(uid, [MessageKind.JOG_REMINDER])
    await plan_cues(context.repo, uid, session, move_times(session))
    started = texts.ROUTINE_STARTED.format(count=len(ROUTINE), minutes=ROUTINE_MINUTES)
    first, markup = cue_message(session, "move1", now)
    await send(update, f"{started}\n\n{first}", markup)


async def on_next(update: Update, context: CoachContext) -> None:
    """On to the next move now: its cue is sent at once instead of when due, and every later
    cue, and the session's start with them, come as much earlier (so "minutes to go" counts
    the moves left; the minutes recorded are those spent, jog.minutes_done). A press under a
    move whose next one has come already (late, or the cue was faster) says so and changes
    nothing."""
    pressed = RoutineNext.of(update)
    uid = user_id_of(update)
    session = await context.repo.jogs.get(uid, pressed.session_id)
    if session is None or session.kind != KIND or move_of_cue(f"move{pressed.number}") is None:
        await expired(update)
        return
    if session.status != JogStatus.RUNNING:
        await settle_button(update)
        await send(update, texts.RUN_OVER)
        return
    cue = f"move{pressed.number + 1}"
    rows = [
        row
        for row in await context.repo.schedule.pending(uid)
        if row.jog_session_id == session.id and row.kind == MessageKind.JOG_CUE
    ]
    due = next((row for row in rows if row.payload.get("cue") == cue), None)
    now = context.clock()
    # Cancelled only while still pending: a cue a process is sending right now goes out as is.
    if due is None or due.due_at <= now or not await context.repo.schedule.cancel(due.id):
        await _past_move(update)
        return
    ahead = due.due_at - now
    for row in rows:
        if row.id != due.id and row.due_at > due.due_at:
            await context.repo.schedule.reschedule(row.id, row.due_at - ahead)
    await context.repo.jogs.move_run_start(session.id, session.run_started_at - ahead)
    await settle_button(update, texts.ROUTINE_NEXT_BUTTON)
    text, markup = cue_message(session, cue, now)
    await send(update, text, markup)


async def _past_move(update: Update) -> None:
    """Said over the chat like "Got that already." for a tap; a typed press has no toast."""
    query = update.callback_query
    if query is not None and not is_typed(query):
        await answer_press(query, texts.ROUTINE_PAST_MOVE)
    else:
        await send(update, texts.ROUTINE_PAST_MOVE)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """The routine's screen, its start and its "Next move"; the timer's own buttons are the
    jog's."""
    return [
        CallbackQueryHandler(on_start, pattern=RoutineStart.pattern()),
        CallbackQueryHandler(on_next, pattern=RoutineNext.pattern()),
        CallbackQueryHandler(on_routine, pattern=JogRoutine.pattern()),
    ]
