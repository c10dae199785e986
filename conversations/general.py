"""Everything outside the dialogs: /help, /today, /cancel with nothing open, the "why" screen,
unknown commands, stray input, old buttons, and a user blocking the bot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from conversations import jog, limits, texts
from conversations.activities import counts_as_session
from conversations.buttons import CheckinNow, CheckinWith, PausePushes, ShowWhy, WhyFor
from conversations.checkin import ask_pending, pain_reminder, verdict_text
from conversations.coach.advice import (
    LEG_DAY_BEFORE_REST_DAYS,
    LEG_DAY_VERDICTS,
    Scope,
    Verdict,
    Walking,
    Workout,
    rests_tonight,
    why_screen,
)
from conversations.coach.routine import SESSION_KIND as ROUTINE_KIND
from conversations.coach.timing import PartOfDay, after_midnight, local_date
from conversations.common import answer_press, expired, send, set_up_user, user_id_of
from conversations.context import CoachContext
from conversations.i18n import Label, format_day
from conversations.keyboards import (
    asks_why,
    checkin_now_keyboard,
    inline,
    plain_answer,
    typeable,
)
from conversations.records import ask_to_erase_again
from conversations.renderers import asking_buttons, one_question_left
from conversations.typed import latest, no_such_button, press_close_spelling
from conversations.verdicts import (
    added_that_evening,
    checkin_now,
    current_day,
    days_since_leg_day,
    decided_by,
    last_nights_checkin,
    profile_of,
    rest_day_said,
    shown_now,
    that_days_answers,
    todays_advice,
    told_verdict,
)
from storage.models import User

# /help in the users' languages. Telegram takes only Latin letters, digits and "_" in a command,
# so "/hilfe" and "/ayuda" are commands and "/помощь" is text (or, to a client that marks it
# anyway, an unknown command): each is /help.
HELP_COMMANDS = ("help", "hilfe", "ayuda")
HELP_WORDS = (*HELP_COMMANDS, "помощь")
# Text that starts like a command, but that Telegram marked as none: a command in other letters
# than Latin ("/помощь"), or one longer than 64 (TDLib's match_bot_commands).
UNMARKED_COMMAND = filters.TEXT & filters.Regex(r"^/") & ~filters.COMMAND


async def help_command(update: Update, context: CoachContext) -> None:
    """/help: what the bot does and its commands."""
    await send(update, texts.HELP)


def _asks_help(text: str | None) -> bool:
    """Whether a message is /help in one of the users' languages ("/помощь", "/Hilfe@bot")."""
    words = (text or "").split()
    if not words or not words[0].startswith("/"):
        return False
    return words[0][1:].split("@")[0].casefold() in HELP_WORDS


async def today_command(update: Update, context: CoachContext) -> None:
    """/today: the verdict in force now (verdicts.shown_now: today's check-in, or last night's
    that covers today), as the check-in's reply showed it (checkin.verdict_text; after
    midnight, a daytime check-in's under a line naming the day it was for), and under it
    its own buttons as they stand now (jog.verdict_offer: a reminder set, a run done or a timer
    running is said, not offered again), "Why?" last; with none, the one question left when
    walking is all the check-in asks (`_one_question`, as the morning push asks it), else a
    pointer to /checkin (and its button, unless a check-in is under way)."""
    user = await set_up_user(update, context)
    if user is None or user.time_zone is None:
        return
    now = context.clock()
    shown = await shown_now(context.repo, user, now)
    if shown is None:
        open_checkin = await context.repo.checkins.get_draft(user.telegram_user_id)
        if open_checkin is None:
            if await _one_question(update, context, user):
                return
            await send(update, texts.TODAY_NONE, checkin_now_keyboard())
            return
        # Its question may have scrolled out of sight: asked again below, so that its buttons
        # are the latest (a typed answer or number goes to them, conversations.typed).
        await send(update, texts.TODAY_CHECKIN_UNDER_WAY)
        await ask_pending(update, context, open_checkin)
        return
    # Last night's check-in: the files its reply named were that day's, not today's; nor
    # once the evening's "Did you train today too?" has its answer (its reply said no files).
    named = not shown.last_night and shown.checkin.workout_that_day is None
    files_of = shown.checkin.local_date if named else None
    today = local_date(user.time_zone, now)
    # A daytime check-in's verdict, in force until 04:00: an evening's is worded for the night
    # already (Scope.NIGHT, TONIGHT), this one's "today" was its own day, and its files are
    # named from that day too ("today 18:00", not "yesterday" under "a jog today").
    own_day = not shown.last_night and shown.advice.scope is Scope.TODAY
    own_day = own_day and shown.checkin.local_date != today
    named_from = shown.checkin.local_date if own_day else None
    text = await verdict_text(
        context.repo,
        user,
        shown.advice,
        shown.judged,
        files_of,
        now,
        shown.checkin.local_date,
        named_from,
    )
    if shown.last_night:
        text = f"{texts.TODAY_LAST_NIGHT}\n\n{text}"
    elif own_day:
        day = format_day(shown.checkin.local_date)
        text = f"{texts.TODAY_AFTER_MIDNIGHT.format(day=day)}\n\n{text}"
    verdict = shown.advice.verdict
    line, rows = await jog.verdict_offer(context.repo, verdict, user, today, now)
    if files_of is not None and counts_as_session(
        await context.repo.activities.on_day(user.telegram_user_id, files_of), verdict
    ):
        # A file of that day was its session ("no need to go again"): nothing to start.
        rows = [jog.why_row(verdict)]
    if line is not None:
        text = f"{text}\n\n{line}"
    await send(update, text, inline(rows))


async def _one_question(update: Update, context: CoachContext, user: User) -> bool:
    """Before the day's check-in, when walking is all it still asks (yesterday's workout told
    last night, or known from a file or the timer: renderers.one_question_left), as the morning
    push says, until the evening (whose check-in asks the day's training too): that one
    question, with the push's walking answers and the line recalling pain at the check-in
    before (True); False, and nothing sent, when it asks more."""
    assert user.time_zone is not None  # /today checked
    now = context.clock()
    day, part, _night = await checkin_now(context.repo, user.telegram_user_id, user.time_zone, now)
    if part is PartOfDay.EVENING:
        return False  # the evening's check-in asks the day's own training too
    rows = await one_question_left(context.repo, user, day, now)
    if rows is None:
        return False
    text = str(texts.TODAY_ONE_QUESTION)
    if await rest_day_said(context.repo, user, day):
        text = f"{texts.REST_DAY_SAID}\n\n{text}"  # its rest tonight said the day after too
    reminder = await pain_reminder(context.repo, user.telegram_user_id, day)
    if reminder is not None:
        text = f"{text}\n{reminder}"
    await send(update, text, inline(rows))
    return True


async def nothing_to_cancel(update: Update, context: CoachContext) -> None:
    """/cancel with no dialog open."""
    await send(update, texts.NOTHING_TO_CANCEL)


async def unknown_command(update: Update, context: CoachContext) -> None:
    """A command we do not know: named back (shortened: it is the user's text, of any
    length); inside a dialog, the dialog stays where it was."""
    message = update.effective_message
    if _asks_help(message.text if message else None):
        await help_command(update, context)
        return
    command = ((message.text if message else None) or "/?").split()[0]
    await send(update, texts.UNKNOWN_COMMAND.format(command=limits.echo(command, limits.MAX_ECHO)))


async def free_text(update: Update, context: CoachContext) -> None:
    """Text, a sticker, a photo... outside any dialog: point to the commands (unless the text
    is a close spelling of a button of the latest keyboard: that button's press)."""
    if await press_close_spelling(update, context):
        return
    message = update.effective_message
    text = message.text if message else None
    if _asks_help(text):
        await help_command(update, context)
    elif text and asks_why(text):
        await todays_why(update, context)
    elif text and plain_answer(text) == "Yes" and await ask_to_erase_again(update, context):
        return
    else:
        # A number past the buttons says so, under the same buttons again where they come again.
        missing = await no_such_button(update, context)
        if not await _timer_running(update, context, missing) and not await _push_again(
            update, context, missing
        ):
            await send(update, missing or await _not_understood(update, context))


async def _push_again(update: Update, context: CoachContext, said: str | None = None) -> bool:
    """Text that names nothing while the chat's latest buttons are those of a push asking for
    the check-in (its pause and time row beside a button that starts the check-in, none of them
    pressed yet) and no check-in covers today: that push's buttons again, as they stand
    (renderers.asking_buttons), under a line saying what they are for (True); False, and
    nothing sent, otherwise. Pointed to /checkin or /help only, the user had to scroll up
    for the buttons (newcomer 13). `said`: the line to say instead."""
    chat = update.effective_chat
    keyboards = await latest(update, context)
    if chat is None or not keyboards:
        return False
    message, pairs = keyboards[-1]
    data = [pressed for pressed, _label in pairs]
    asks = any(map(PausePushes.pattern(), data)) and any(map(_opens_checkin, data))
    if not asks or await context.repo.presses.acted_on(chat.id, message):
        return False
    user = await context.repo.users.get(user_id_of(update))
    if user is None or user.time_zone is None or user.onboarded_at is None:
        return False
    now = context.clock()
    day = await current_day(context.repo, user.telegram_user_id, user.time_zone, now)
    if await todays_advice(context.repo, user, now, day) is not None:
        return False
    markup = await asking_buttons(context.repo, user, day, now)
    walking = any(CheckinWith.pattern()(pressed) for pressed, _label in typeable(markup))
    text = (
        str(texts.FREE_TEXT_PUSH_WALKING)
        if walking
        else texts.FREE_TEXT_PUSH.format(button=texts.CHECKIN_NOW_BUTTON)
    )
    await send(update, said or text, markup)
    return True


def _opens_checkin(data: str) -> bool:
    return CheckinNow.pattern()(data) or CheckinWith.pattern()(data)


async def _timer_running(update: Update, context: CoachContext, said: str | None = None) -> bool:
    """Text that names nothing while a jog or routine runs: that it runs, and how to stop it
    (or `said` instead), with the timer's buttons, and a routine's "Next move" while a move is
    to come (True); False, and nothing sent, while none runs."""
    session = await jog.running_now(context.repo, user_id_of(update), context.clock())
    if session is None:
        return False
    user = await context.repo.users.get(user_id_of(update))
    over = (
        None
        if user is None
        else await jog.close_overdue(context.repo, user, session, context.clock())
    )
    if over is not None:  # its time is up: no longer running, said as its "done" cue would
        await send(update, *over)
        return True
    running = (
        jog.running_text(session, context.clock())
        if session.kind == ROUTINE_KIND
        else str(texts.DAY_TIMER_RUNNING)
    )
    text = texts.FREE_TEXT_TIMER_RUNNING.format(
        running=running, finish=texts.FINISH_EARLY, cancel=texts.CANCEL_RUN
    )
    # A routine's move scrolled up out of sight with its "Next move": the reply carries it.
    markup = await jog.running_keyboard(context.repo, user_id_of(update), session)
    await send(update, said or text, markup)
    return True


async def _not_understood(update: Update, context: CoachContext) -> Label:
    """The line for text that names nothing, pointing where it is true to: /start before
    set-up (or after /delete), where today's suggestion is once it is given, else /checkin."""
    user = await context.repo.users.get(user_id_of(update))
    if user is None or user.onboarded_at is None:
        return texts.FREE_TEXT_NOT_SET_UP
    if await todays_advice(context.repo, user, context.clock()) is not None:
        return texts.FREE_TEXT_CHECKED_IN
    return texts.FREE_TEXT


async def todays_why(update: Update, context: CoachContext) -> None:
    """A typed "why?" that names no button: the why screen of the verdict in force today
    (verdicts.todays_advice), as its "Why? Both sides" button shows it; with none, a pointer
    to /checkin."""
    user = await context.repo.users.get(user_id_of(update))
    advice = None if user is None else await todays_advice(context.repo, user, context.clock())
    if user is None or advice is None:
        await send(update, texts.WHY_NO_VERDICT)
        return
    await _send_why(update, context, user, advice.verdict)


async def why(update: Update, context: CoachContext) -> None:
    """The "Why? Both sides" button under a verdict: the two sides of that verdict's choice
    (a button from before verdicts had their own: the leg-day camps). Text meant for a group
    (newer runners) goes only to its members, by the user's profile."""
    assert update.callback_query is not None
    verdict = Verdict.EASY_JOG
    if WhyFor.pattern()(update.callback_query.data):
        try:
            verdict = Verdict(WhyFor.of(update).verdict)
        except ValueError:  # no verdict of ours: forged
            await expired(update)
            return
    await answer_press(update.callback_query)
    user = await context.repo.users.get(user_id_of(update))
    if user is None:
        await send(update, why_screen(verdict))
        return
    await _send_why(update, context, user, verdict)


async def _send_why(update: Update, context: CoachContext, user: User, verdict: Verdict) -> None:
    """The why screen of `verdict`, ending as the verdict does when it is the one in force
    today (verdicts.todays_advice): with its own buttons as they stand now (jog.verdict_offer:
    the routine, the jog or cross-training offer; no second reminder; none once the run is done
    or declined, or while a timer runs; a timer that ran out unseen is said, jog.timer_ran_out),
    without its "Why?", which brought the screen. The
    screen is the same however it is reached (typed, tapped, after "Remind me"): what is
    settled was said where it was settled. A button of an earlier verdict explains that
    verdict, but offers nothing: its offer was another day's, or a check-in since changed it."""
    text = await _why_text(context, user, verdict)
    now = context.clock()
    advice = await todays_advice(context.repo, user, now)
    if advice is None or advice.verdict is not verdict or user.time_zone is None:
        await send(update, text)
        return
    ran_out = await jog.timer_ran_out(context.repo, user, now)
    if ran_out is not None:
        # Settled nowhere yet: said here too, with what /jog does about it; nothing offered.
        await send(update, f"{text}\n\n{ran_out}")
        return
    today = local_date(user.time_zone, now)
    _settled, rows = await jog.verdict_offer(context.repo, verdict, user, today, now)
    actions = rows[:-1]  # "Why?" is always the last row (jog.why_row)
    await send(update, text, inline(actions) if actions else None)


async def _why_text(context: CoachContext, user: User, verdict: Verdict) -> str:
    """The why screen of `verdict` for this user as of today."""
    ago = walking = workout_day = same_day = None
    scope = Scope.TODAY
    small_hours = False
    if user.time_zone is not None:
        # The button carries only the verdict: today's check-in (the one it sits under), or
        # before any, last night's that covers today (the morning push repeats it), says how
        # walking felt and how long ago the leg day was, as of today: a leg day two or three
        # days back is named instead of denied ("no leg day" is about yesterday), and last
        # night's "leg day yesterday" is two days back this morning.
        now = context.clock()
        small_hours = after_midnight(user.time_zone, now)  # as the verdict's own buttons
        today = await current_day(context.repo, user.telegram_user_id, user.time_zone, now)
        checkin = await context.repo.checkins.get(user.telegram_user_id, today)
        if checkin is None:
            checkin = await last_nights_checkin(context.repo, user, today)
        if checkin is None:
            # No verdict covers today yet, but the button sits under last night's, which went
            # for that night only (a race or any training that day, coach.advice
            # .RULES_FOR_TONIGHT): explained as it was told, not as a rest "today" (newcomer 15:
            # the morning after a race evening, "Why?" said "Bottom line: rest today").
            before = await context.repo.checkins.get(
                user.telegram_user_id, today - timedelta(days=1)
            )
            if before is not None and (before.evening or added_that_evening(before)):
                checkin = before
        if checkin is not None and told_verdict(checkin, user) == verdict:
            walking = Walking(checkin.walking)
            # Told the day's own training too, the verdict went for tonight only, by the
            # stricter of the two workouts: the screen speaks of the one that decided it, named
            # as the verdict named it (verdicts.advice_for, todays_advice): after an evening's
            # addition, the verdict its reply told, not the day's kept (verdicts.told_verdict).
            answers, own_day = decided_by(checkin, user)
            if that_days_answers(checkin) is not None or added_that_evening(checkin):
                # As its reply went (coach.advice.advise, tonight_only): an addition that told
                # no training that day went for tonight only too, its walking the morning's.
                scope = Scope.TONIGHT
            if own_day:
                # "today" on the check-in's own day, its date on a later one (advice_for)
                if checkin.local_date != local_date(user.time_zone, now):
                    workout_day = checkin.local_date
                if rests_tonight(answers):
                    same_day = answers
            elif checkin.local_date != local_date(user.time_zone, now):
                workout_day = checkin.local_date - timedelta(days=1)
            # After midnight an evening's verdict speaks of the day now begun ("later today",
            # verdicts.shown_now: Scope.NIGHT), a day further from the leg day than the day
            # the check-in counts for.
            shown_on = local_date(user.time_zone, now) if small_hours and checkin.evening else today
            if verdict is Verdict.AS_PLANNED:
                # From the check-in's day, as its verdict counted the cause it names
                # (verdicts.shown_now): at 08:06 the next morning, not a day more.
                ago = await days_since_leg_day(
                    context.repo, user.telegram_user_id, checkin.local_date
                )
            elif answers.workout is Workout.LEG_DAY:
                ago = 0 if own_day else (shown_on - checkin.local_date).days + 1
            elif answers.leg_day_before_rest and verdict in LEG_DAY_VERDICTS:
                # The leg day two days before the check-in decided it (coach.advice
                # .carries_leg_day): a run that many days after leg day, not the day after.
                ago = (shown_on - checkin.local_date).days + LEG_DAY_BEFORE_REST_DAYS
    return why_screen(
        verdict, profile_of(user), ago, walking, scope, workout_day, same_day, small_hours
    )


async def expired_button(update: Update, context: CoachContext) -> None:
    """Any press no dialog claimed: an old message, a restart, or forged data. Never an error."""
    await expired(update)


async def membership(update: Update, context: CoachContext) -> None:
    """Blocking the bot shows up here; mark the user inactive so nothing is pushed to them."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    user = await context.repo.users.get(change.from_user.id)
    if user is None:
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    await context.repo.users.update(change.from_user.id, context.clock(), active=not blocked)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Commands and buttons that work outside any dialog."""
    return [
        CommandHandler(HELP_COMMANDS, help_command),
        CommandHandler("today", today_command),
        CommandHandler("cancel", nothing_to_cancel),
        CallbackQueryHandler(why, pattern=ShowWhy.pattern()),
        CallbackQueryHandler(why, pattern=WhyFor.pattern()),
        ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER),
    ]


def before_dialogs() -> list[BaseHandler[Any, Any, Any]]:
    """Taken before a dialog could take it as an answer: what the user typed as a command,
    though Telegram marked it as text ("/помощь" is /help, as "/hilfe" is; anything else is a
    command we do not know), answered as a command is, in a dialog too, which stays on its
    question."""
    return [MessageHandler(UNMARKED_COMMAND, unknown_command)]


def fallbacks() -> list[BaseHandler[Any, Any, Any]]:
    """What nothing else took: these go last."""
    return [
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.ALL, free_text),
        CallbackQueryHandler(expired_button),
    ]
