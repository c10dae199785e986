"""The profile questions, asked once by onboarding and one at a time by /settings.

Each question knows its prompt, its buttons and how to read a typed answer; the two flows only
decide what happens after an answer is saved.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from conversations import texts
from conversations.buttons import ProfileAnswer
from conversations.coach.timing import QUIET_END, QUIET_START, in_quiet_hours
from conversations.common import answer_press, send, settle_button, user_id_of
from conversations.context import CoachContext
from conversations.i18n import (
    DEFAULT,
    LANGUAGES,
    N_,
    NAMES,
    Shown,
    Text,
    _,
    format_time,
    shown_time,
    use,
)
from conversations.keyboards import (
    YES_NO,
    Option,
    Question,
    asks_why,
    inline,
    location_keyboard,
)
from conversations.parsing import (
    describe_year,
    describe_zone,
    is_current_zone,
    parse_hhmm,
    parse_range,
    parse_time_answer,
    region_of,
    zone_choices_from_local_time,
    zone_for_offset,
    zone_from_location,
    zone_from_text,
)
from conversations.planning import replan
from conversations.pushes import push_status
from conversations.typed import no_such_button, press_close_spelling, say_back
from storage.models import User

# What happens once an answer is stored: onboarding asks the next question, settings shows the menu.
AfterSave = Callable[[Update, CoachContext], Awaitable[str | int]]

log = logging.getLogger(__name__)

RUN_SELF = "self"
QUIET_OFF = "off"
_INVALID = object()
_REMOVE = ReplyKeyboardRemove()


@dataclass(frozen=True)
class ProfileQuestion(Question):
    """A question of onboarding and /settings; it may also take a typed answer."""

    typed: Callable[[str], object] | None = None  # typed answer -> value, or _INVALID

    def buttons(self) -> InlineKeyboardMarkup:
        return self.keyboard(lambda value: ProfileAnswer(self.field, value))

    def value_of(self, raw: str) -> object:
        """Turn button data back into the stored value; _INVALID for anything we never offered."""
        if raw not in {value for _, value in self.choices}:
            return _INVALID
        if self.typed is not None:
            return self.typed(raw)
        return raw == "yes"


def _typed_time(text: str) -> object:
    return parse_time_answer(text) or _INVALID


def _typed_run_time(text: str) -> object:
    if text.strip().lower() in {"self", "myself", str(texts.RUN_SELF).lower()}:
        return None
    return _typed_time(text)


def _typed_quiet(text: str) -> object:
    """A range of hours, or (from its button) no quiet hours: stored as equal start and end."""
    if text == QUIET_OFF:
        return (time(0, 0), time(0, 0))
    return parse_range(text) or _INVALID


def _typed_language(text: str) -> object:
    """A button's code, or a language typed by its code or its own name ('de', 'Deutsch')."""
    typed = text.strip().lower()
    by_name = {name.lower(): code for code, name in NAMES.items()}
    return typed if typed in LANGUAGES else by_name.get(typed, _INVALID)


def _time_choice(value: str) -> Option:
    """A time button: the stored value is HH:MM, the label the way the user's locale writes it."""
    wall = time.fromisoformat(value)
    return (shown_time(wall), value)


def _range_choice(value: str) -> Option:
    start, end = (time.fromisoformat(part) for part in value.split("-"))
    return (Shown(lambda: quiet_label(start, end)), value)


def hhmm(value: time) -> str:
    """A time of day the way the user's locale writes it."""
    return format_time(value)


def quiet_label(start: time, end: time) -> str:
    if start == end:
        return str(texts.QUIET_NONE)
    return texts.QUIET_RANGE.format(start=hhmm(start), end=hhmm(end))


MORNING = ProfileQuestion(
    "morning_time",
    texts.MORNING_PROMPT,
    tuple(_time_choice(value) for value in ("06:30", "07:00", "07:30", "08:00")),
    per_row=4,
    typed=_typed_time,
)
RUN = ProfileQuestion(
    "run_time",
    texts.RUN_PROMPT,
    (
        *(_time_choice(value) for value in ("07:00", "12:00", "17:30", "19:00")),
        (texts.RUN_SELF, RUN_SELF),
    ),
    per_row=4,
    typed=_typed_run_time,
)
NEW_RUNNER = ProfileQuestion("new_runner", texts.NEW_RUNNER_PROMPT, YES_NO)
MUSCLE = ProfileQuestion("muscle_priority", texts.MUSCLE_PROMPT, YES_NO)
COMPRESSION = ProfileQuestion("compression_gear", texts.COMPRESSION_PROMPT, YES_NO)
WEEKLY = ProfileQuestion("weekly_summary", texts.WEEKLY_PROMPT, YES_NO)
QUIET = ProfileQuestion(
    "quiet_hours",
    texts.QUIET_PROMPT,
    (
        *(_range_choice(value) for value in ("22:00-06:00", "23:00-07:00", "21:00-06:00")),
        (texts.QUIET_NONE, QUIET_OFF),
    ),
    per_row=3,
    typed=_typed_quiet,
)
LANGUAGE = ProfileQuestion(
    "language",
    texts.LANGUAGE_PROMPT,
    tuple((NAMES[code], code) for code in LANGUAGES),
    typed=_typed_language,
)
QUESTIONS: dict[str, ProfileQuestion] = {
    q.field: q for q in (MORNING, RUN, NEW_RUNNER, MUSCLE, COMPRESSION, WEEKLY, QUIET, LANGUAGE)
}
ZONE_FIELD = "time_zone"
# The /settings menu's buttons, in the order the summary lists the settings; each line of the
# summary starts with its button's label, so every setting shown is one a button changes.
SETTINGS: tuple[tuple[str, Text], ...] = (
    (ZONE_FIELD, N_("Time zone")),
    ("morning_time", N_("Morning check-in")),
    ("run_time", N_("Run time")),
    ("new_runner", N_("New to running")),
    ("muscle_priority", N_("Building muscle first")),
    ("compression_gear", N_("Compression gear")),
    ("weekly_summary", N_("Weekly summary")),
    ("quiet_hours", N_("Quiet hours")),
    ("language", N_("Language")),
)
SETTING_LINE = N_("• {setting}: {value}")
PUSHES_LINE = N_("Morning pushes: {status} (/pause, /resume)")


MORNING_EXAMPLE, RUN_EXAMPLE = time(6, 45), time(18, 15)
QUIET_EXAMPLE = (time(22, 30), time(6, 30))


def _later(wall: time, minutes: int) -> time:
    return (datetime.combine(date.min, wall) + timedelta(minutes=minutes)).time()


def offered(question: ProfileQuestion, user: User | None) -> ProfileQuestion:
    """`question` as it is asked of `user`: only the answers `_save` would take, and a prompt
    whose example is one of them. A morning or run time is offered only outside the quiet
    hours (the example, else a quarter past their end), and quiet hours only when they leave
    the morning check-in free (the example, else ending at the morning time). Pressing a
    button left out is still refused as before (an old keyboard)."""
    prompts = {MORNING: texts.MORNING_PROMPT, RUN: texts.RUN_PROMPT, QUIET: texts.QUIET_PROMPT}
    if question not in prompts:
        return question
    quiet = (user.quiet_start, user.quiet_end) if user is not None else (QUIET_START, QUIET_END)
    if question is QUIET:
        morning = user.morning_time if user is not None else None
        start, end = QUIET_EXAMPLE
        if morning is not None and in_quiet_hours(morning, start, end):
            end = morning
        choices = tuple(
            (label, value)
            for label, value in question.choices
            if morning is None
            or value == QUIET_OFF
            or not in_quiet_hours(morning, *(time.fromisoformat(t) for t in value.split("-")))
        )
        example = texts.QUIET_RANGE.format(start=hhmm(start), end=hhmm(end))
    else:
        example_time = MORNING_EXAMPLE if question is MORNING else RUN_EXAMPLE
        if in_quiet_hours(example_time, *quiet):
            example_time = _later(quiet[1], 15)
        choices = tuple(
            (label, value)
            for label, value in question.choices
            if value == RUN_SELF or not in_quiet_hours(time.fromisoformat(value), *quiet)
        )
        example = hhmm(example_time)
    prompt = prompts[question].format(example=example)
    return replace(question, prompt=prompt, choices=choices)


async def ask(update: Update, context: CoachContext, question: ProfileQuestion) -> None:
    """Ask `question` as it is `offered` to the user."""
    user = await context.repo.users.get(user_id_of(update))
    shown = offered(question, user)
    await send(update, shown.prompt, shown.buttons())


async def ask_zone(update: Update) -> None:
    await send(update, texts.ZONE_PROMPT, location_keyboard())


def question_handlers(
    question: ProfileQuestion, after_save: AfterSave
) -> list[BaseHandler[Any, Any, Any]]:
    """Buttons and typed answers for one question; anything else re-asks it."""

    async def on_button(update: Update, context: CoachContext) -> str | int | None:
        assert update.callback_query is not None
        raw = ProfileAnswer.of(update).value
        value = question.value_of(raw)
        if value is _INVALID:
            await answer_press(update.callback_query, texts.EXPIRED)
            return None
        await settle_button(update, question.label_of(raw))
        return await _save(update, context, question.field, value, after_save)

    async def on_text(update: Update, context: CoachContext) -> str | int | None:
        assert update.effective_message is not None
        text = update.effective_message.text or ""
        if question.typed is not None:
            value = question.typed(text)
        else:  # a yes/no kind of question: a label, its number or a close spelling counts
            raw = question.matching(text)
            value = _INVALID if raw is None else question.value_of(raw)
            if raw is not None:
                say_back(update, question.label_of(raw) or raw)
        if value is _INVALID:
            if await press_close_spelling(update, context):
                return None  # handed on as that button's press, which moved the dialog itself
            if asks_why(text):
                await send(update, texts.WHY_PROFILE_QUESTION[question.field])
                await ask(update, context, question)
                return None
            hint = texts.PICK_A_BUTTON
            if question in (MORNING, RUN):
                hint = texts.TIME_INVALID
            elif question is QUIET:
                hint = texts.QUIET_INVALID
            await send(update, await no_such_button(update, context) or hint)
            await ask(update, context, question)
            return None
        return await _save(update, context, question.field, value, after_save)

    async def on_other(update: Update, context: CoachContext) -> None:
        await send(update, texts.PICK_A_BUTTON)
        await ask(update, context, question)

    return [
        CallbackQueryHandler(on_button, pattern=ProfileAnswer.pattern(field=question.field)),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        MessageHandler(~filters.COMMAND, on_other),
    ]


def zone_handlers(after_save: AfterSave) -> list[BaseHandler[Any, Any, Any]]:
    """A shared location, a typed zone, city or UTC offset, or the local time: all end in an
    IANA zone. A zone guessed from the local time is never stored unconfirmed: the user picks
    it from the likely zones (conversations.parsing.zone_choices_from_local_time)."""

    async def on_location(update: Update, context: CoachContext) -> str | int | None:
        location = update.effective_message.location if update.effective_message else None
        zone = zone_from_location(location.latitude, location.longitude) if location else None
        return await _zone_found(update, context, zone, after_save)

    async def on_text(update: Update, context: CoachContext) -> str | int | None:
        assert update.effective_message is not None
        text = update.effective_message.text or ""
        now, region = context.clock(), _region(update)
        zone = zone_from_text(text) or zone_for_offset(text, now, region)
        if zone is not None:
            return await _zone_found(update, context, zone, after_save)
        choices = zone_choices_from_local_time(text, now, region)
        if not choices:
            if await press_close_spelling(update, context):
                return None
            if asks_why(text):
                await send(update, texts.WHY_PROFILE_QUESTION[ZONE_FIELD])
                await ask_zone(update)
                return None
            await send(update, texts.ZONE_INVALID, location_keyboard())
            return None
        typed = parse_hhmm(text)
        assert typed is not None  # choices come only from a time of day
        rows = [[(describe_year(zone, now), ProfileAnswer(ZONE_FIELD, zone))] for zone in choices]
        await send(update, texts.ZONE_GUESS.format(time=hhmm(typed)), inline(rows))
        return None

    async def on_choice(update: Update, context: CoachContext) -> str | int | None:
        """One of the zones offered for a typed local time."""
        assert update.callback_query is not None
        zone = ProfileAnswer.of(update).value
        if not is_current_zone(zone):
            await answer_press(update.callback_query, texts.EXPIRED)
            return None
        await settle_button(update, describe_year(zone, context.clock()))
        return await _zone_found(update, context, zone, after_save)

    async def on_other(update: Update, context: CoachContext) -> None:
        await send(update, texts.ZONE_INVALID, location_keyboard())

    return [
        MessageHandler(filters.LOCATION, on_location),
        CallbackQueryHandler(on_choice, pattern=ProfileAnswer.pattern(field=ZONE_FIELD)),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        MessageHandler(~filters.COMMAND, on_other),
    ]


def _region(update: Update) -> str | None:
    """The user's country as Telegram's language_code suggests it, for guessing zones."""
    user = update.effective_user
    return region_of(user.language_code if user is not None else None)


async def _zone_found(
    update: Update, context: CoachContext, zone: str | None, after_save: AfterSave
) -> str | int | None:
    if zone is None:
        await send(update, texts.ZONE_INVALID, location_keyboard())
        return None
    now = context.clock()
    user = await context.repo.users.update(user_id_of(update), now, time_zone=zone)
    await replan(context.repo, user, now)
    await send(update, texts.ZONE_SET.format(zone=describe_zone(zone, context.clock())), _REMOVE)
    return await after_save(update, context)


async def _save(
    update: Update, context: CoachContext, field: str, value: object, after_save: AfterSave
) -> str | int | None:
    """Store one answer; a morning time inside the quiet hours is refused, and so are quiet
    hours that would cover the morning time (the morning push could never come)."""
    now = context.clock()
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    assert user is not None
    changes: dict[str, object] = {field: value}
    quiet = (user.quiet_start, user.quiet_end)
    if field == "morning_time" and isinstance(value, time) and in_quiet_hours(value, *quiet):
        refusal = texts.MORNING_IN_QUIET.format(
            time=hhmm(value), start=hhmm(quiet[0]), end=hhmm(quiet[1])
        )
        await send(update, refusal)
        await ask(update, context, MORNING)
        return None
    if field == "quiet_hours" and isinstance(value, tuple):
        start, end = value
        if user.morning_time is not None and in_quiet_hours(user.morning_time, start, end):
            await send(update, texts.QUIET_COVERS_MORNING.format(time=hhmm(user.morning_time)))
            await ask(update, context, QUIET)
            return None
        changes = {"quiet_start": start, "quiet_end": end}
    user = await context.repo.users.update(uid, now, **changes)
    if field == "language":
        use(user.language)  # "Saved." and the menu come in the new language
        await _commands_in_their_language(update, context)
    await replan(context.repo, user, now)  # whatever changed, every pending row follows it
    return await after_save(update, context)


async def _commands_in_their_language(update: Update, context: CoachContext) -> None:
    """Telegram shows the command menu in the app's language; a user who chose another one
    gets the menu in theirs, for their chat only. Not worth failing the save over."""
    chat = update.effective_chat
    if chat is None:
        return
    commands = [BotCommand(name, str(about)) for name, about in texts.COMMANDS]
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat.id))
    except TelegramError as exc:
        log.warning("could not set the chat's command menu: %s", exc)


def _hhmm(value: time | None) -> str:
    return hhmm(value) if value else _("not set")


def _yes_no(value: bool | None) -> str:
    return _("not set") if value is None else (_("yes") if value else _("no"))


def summary(user: User) -> str:
    """Every setting as `• label: value`, the label its /settings button's (SETTINGS), then the
    morning pushes, which /pause and /resume change (no button of the menu does)."""
    values = {
        ZONE_FIELD: user.time_zone or _("not set"),
        "morning_time": _hhmm(user.morning_time),
        "run_time": _hhmm(user.run_time) if user.run_time else _("you start runs yourself"),
        "new_runner": _yes_no(user.new_runner),
        "muscle_priority": _yes_no(user.muscle_priority),
        "compression_gear": _yes_no(user.compression_gear),
        "weekly_summary": _("on, Sunday evenings") if user.weekly_summary else _("off"),
        "quiet_hours": quiet_label(user.quiet_start, user.quiet_end),
        "language": NAMES[user.language or DEFAULT],
    }
    lines = [SETTING_LINE.format(setting=label, value=values[field]) for field, label in SETTINGS]
    return "\n".join([*lines, "", PUSHES_LINE.format(status=push_status(user))])
