"""Typing instead of tapping: a typed message that names a button of the chat's latest keyboard
is that button's press, whatever the keyboard (a check-in question, a verdict's offer, the run
time, "how did it feel?", a /settings menu, "correct it").

The latest keyboards are those of the last update or push that sent any buttons (one update may
send two, say what a file said with "correct it" and then the walking question), kept per chat
as the dialogs' states are (`common.KEYBOARDS`, written by `common.send` and the scheduler, and
read with the update's first look, bot.handlers.guard). A keyboard whose press acted already
(its buttons are frozen) counts no more.

What a typed text stands for (`keyboards.typed_choice`): the number of a button of the last
keyboard, counting from 1 (not under buttons that are times of day: there a number is an
hour); a label in the user's language or in English, ignoring case,
accents, emoji and punctuation; for a plain "Yes" or "No", the informal word for it ("nope",
"nö", "неа", "sip": `keyboards.SAID_FOR`); a plain yes or no under a question whose one
declining button says it otherwise ("nein" for "Nicht heute", never "yes" for "erase"); the
start of one button's label and no other's ("rest"
for "😴 Rest day", "Ruhe" for "😴 Ruhetag"); whole words from inside one button's label and no
other's ("routine", "через час" for "Напомнить через час"); or, only once the step that would
take the text as it is (a time, a zone, a range of hours) has found nothing in it, the one label
that sounds the same ("tuff" for "Tough"), or else is typed with two neighbouring letters
swapped ("rset" for "Rest day"), or else is closest in spelling.
Anything else goes where it went before, and is asked again there (outside a dialog, a plain
"why?" is then today's verdict's why screen: general.todays_why; under a push asking for the
check-in, that push's buttons again; inside a check-in, what the question is for:
checkin.why_asked).

A typed press is handed on as a button press (`common.TYPED` in its id), to the same handlers a
tap reaches (any of the group, those before this step too, as the activity file's "Use the file
for today's advice"), so each button means the same typed or tapped. A button that opens a
question of its own (`TypedPresses(opens=...)`: "Check in now" and the workout question) takes
a typed answer to that question as its press and then the answer's.
A typed "yes" under "Yes, erase everything" presses nothing; the confirmation is asked again
(records.ask_to_erase_again).

A tap shows its answer under the question ("→ Moderate"); a typed press can't, so once it acts,
the button it was taken for is said back before the reply ("Got it: Moderate.", texts.TYPED_AS),
unless the text was its label as it reads. A typed number past the last keyboard's buttons says
there is no such button, and how many there are (`no_such_button`), where the step asks again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, cast

from telegram import CallbackQuery, Message, Update
from telegram.ext import Application, BaseHandler, CallbackQueryHandler

from conversations import texts
from conversations.buttons import ButtonData
from conversations.common import KEYBOARDS, TYPED, Keyboards, current_update
from conversations.context import CoachContext
from conversations.i18n import Label, in_english, plain_words
from conversations.keyboards import Question, normalised, typed_choice
from conversations.parsing import parse_hhmm
from storage.repository import Repository

CoachApplicationType = Application[Any, CoachContext, Any, Any, Any, Any]
# (does this callback data open a question?, the question, the press that opens it with an
# answer: CheckinWith)
Openers = Sequence[tuple[Callable[[object], bool], Question, Callable[[str], ButtonData]]]


def stored(keyboards: Keyboards) -> list[Any] | None:
    """The keyboards as the chat's latest are stored (JSON); None: there are none."""
    return [
        [message, [list(button) for button in buttons]] for message, buttons in keyboards
    ] or None


def loaded(state: object) -> Keyboards:
    """Stored keyboards back; anything malformed counts as none."""
    found: Keyboards = []
    if not isinstance(state, list):
        return found
    for entry in state:
        if not (isinstance(entry, list) and len(entry) == 2):
            return []
        if not (isinstance(entry[0], int) and isinstance(entry[1], list)):
            return []
        message, buttons = entry
        pairs = [
            (data, label)
            for data, label in (b for b in buttons if isinstance(b, list) and len(b) == 2)
            if isinstance(data, str) and isinstance(label, str)
        ]
        found.append((message, pairs))
    return found


def chat_key(chat_id: int, user_id: int) -> str:
    """The key of a chat's latest keyboards: its dialog's (common.remember)."""
    return json.dumps([chat_id, user_id])


async def newest_keyboard_message(repo: Repository, chat_id: int, user_id: int) -> int:
    """The id of the newest message whose buttons this chat may still press (0 if none): a
    local Bot API numbering its messages on from here never gives a new message the id of one
    that can still be pressed."""
    keyboards = loaded(await repo.dialogs.get(KEYBOARDS, chat_key(chat_id, user_id)))
    return max((message for message, _buttons in keyboards), default=0)


async def latest(update: Update, context: CoachContext) -> Keyboards:
    """The chat's latest keyboards, as (message id, [(callback data, label)]), oldest first;
    [] for an update without a chat or user."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return []
    opened = current_update()
    if opened is not None and opened.latest_keyboards is not None:
        return opened.latest_keyboards  # read with the update's first look
    return loaded(await context.repo.dialogs.get(KEYBOARDS, chat_key(chat.id, user.id)))


async def still_pressable(
    update: Update, context: CoachContext, wanted: Callable[[str], bool]
) -> int | None:
    """The id of the newest message of the latest keyboards with a button whose callback data
    is `wanted`, while its buttons have not acted; None if there is none."""
    chat = update.effective_chat
    if chat is None:
        return None
    for message, buttons in reversed(await latest(update, context)):
        if any(wanted(data) for data, _label in buttons):
            return None if await context.repo.presses.acted_on(chat.id, message) else message
    return None


async def _pressed(update: Update, context: CoachContext, *, close: bool) -> Update | None:
    """The button press a typed message stands for, ready to hand on; None if none."""
    message, chat, user = update.message, update.effective_chat, update.effective_user
    if message is None or not message.text or chat is None or user is None:
        return None
    keyboards = await latest(update, context)
    if not keyboards:
        return None
    # The last keyboard first: its buttons are the numbered ones.
    ordered = [(mid, button) for mid, buttons in reversed(keyboards) for button in buttons]
    choices = []
    for index, (_mid, (_data, label)) in enumerate(ordered):
        english = in_english(label)
        choices.append(([label] if english is None else [label, english], str(index)))
    found = typed_choice(message.text, choices, close=close, numbered=_numbered(keyboards[-1][1]))
    if found is None:
        return None
    pressed_message, (data, label) = ordered[int(found)]
    return await _press_of(update, context, pressed_message, data, label)


def _numbered(buttons: list[tuple[str, str]]) -> int:
    """How many of a keyboard's buttons a typed number counts: all of them, but none under
    buttons that are times of day (the morning push's time, the run time), where a number is an
    hour, as the question reads it ("7" is 07:00, parsing.parse_time_answer): "2" under 06:30
    07:00 07:30 08:00 would otherwise be 07:00."""
    return 0 if any(parse_hhmm(label) is not None for _data, label in buttons) else len(buttons)


async def no_such_button(update: Update, context: CoachContext) -> str | None:
    """For a typed number that is no button's of the latest keyboard ("6" under five, or "0"):
    that there is none, and how many there are (texts.NO_SUCH_BUTTON), for a step about to ask
    again; None for any other text, for a number a label shows ("15" under "Start 15 min"),
    under buttons a number doesn't count (`_numbered`), or once that keyboard acted."""
    message, chat = update.message, update.effective_chat
    if message is None or chat is None:
        return None
    wanted = normalised(message.text or "")
    if not wanted.isdigit():
        return None
    keyboards = await latest(update, context)
    if not keyboards:
        return None
    shown, buttons = keyboards[-1]
    count, number = _numbered(buttons), int(wanted)
    if count == 0 or 1 <= number <= count:
        return None
    if any(wanted in normalised(label).split() for _data, label in buttons):
        return None
    if await context.repo.presses.acted_on(chat.id, shown):
        return None  # its buttons are gone from the chat
    return texts.NO_SUCH_BUTTON.format(count, number=number, count=count)


async def _opening(update: Update, context: CoachContext, opens: Openers) -> Update | None:
    """The press that opens a question with the typed answer to it, made on the one message of
    the latest keyboards with a button that opens such a question ("Easy run" under the morning
    push's "Check in now", "rest" under the push that asks walking first); None if no such
    message, or the text answers no question, or more than one way."""
    message = update.message
    if message is None or not message.text:
        return None
    found = {
        (mid, carry(value).pack(), str(label))
        for mid, buttons in await latest(update, context)
        for pattern, question, carry in opens
        if any(pattern(data) for data, _label in buttons)
        # By label only: the question is not on the screen, so a number counts other buttons.
        and (value := question.matching(message.text, by_number=False)) is not None
        and (label := question.label_of(value)) is not None
    }
    if len(found) != 1:
        return None
    ((mid, data, label),) = found
    return await _press_of(update, context, mid, data, label)


async def _press_of(
    update: Update, context: CoachContext, pressed_message: int, data: str, label: str
) -> Update | None:
    """A press of the button carrying `data` on `pressed_message`, labelled `label`, made of a
    typed message; None if that message's buttons acted already. Unless the text was typed as
    the label reads (or its English), the label is said back once the press acts
    (OpenUpdate.typed_as)."""
    message, chat, user = update.message, update.effective_chat, update.effective_user
    if message is None or chat is None or user is None:
        return None
    if await context.repo.presses.acted_on(chat.id, pressed_message):
        return None  # its buttons did their work already, and are gone from the chat
    opened = current_update()
    if opened is not None:
        opened.typed_as = said_back(message.text or "", label)
    shown = Message(message_id=pressed_message, date=message.date, chat=chat)
    shown.set_bot(context.bot)
    query = CallbackQuery(
        id=f"{TYPED}{update.update_id}",
        from_user=user,
        chat_instance=str(chat.id),
        data=data,
        message=shown,
    )
    query.set_bot(context.bot)
    press = Update(update.update_id, callback_query=query)
    press.set_bot(context.bot)
    return press


def said_back(typed: str, label: str) -> str | None:
    """The label a typed text was taken for, as it is said back (texts.TYPED_AS: its words
    without the emoji); None if the text was the label as it reads, or its English."""
    as_it_reads = {normalised(label), normalised(in_english(label) or "")}
    return None if normalised(typed) in as_it_reads else plain_words(label)


def say_back(update: Update, label: Label) -> None:
    """For an answer a step takes from the typed text itself (a close spelling the step matched,
    conversations.checkin): its label said back before the reply, as for a typed press."""
    opened, message = current_update(), update.message
    if opened is not None and message is not None:
        opened.echo = said_back(message.text or "", str(label))


def may_be_typed(update: object) -> bool:
    """A message that may name a button: text, not a command."""
    if not isinstance(update, Update) or update.message is None:
        return False
    text = update.message.text
    return bool(text) and not (text or "").startswith("/")


class TypedPresses(BaseHandler[Update, CoachContext, None]):
    """First among the handlers of its group: a typed message that is the number or the label
    of a button of the latest keyboard goes on as that button's press; any other message goes
    on as it came. Either way, to the first handler after this one that takes it."""

    def __init__(self, opens: Openers = ()) -> None:
        """`opens`: buttons (by their callback data) that open a question, that question, and
        the press that opens it with an answer: a typed answer to it under such a button is
        that press, which starts the dialog with it and asks what is still missing."""
        super().__init__(_never_called)
        self.opens = opens

    def check_update(self, update: object) -> bool | None:
        return may_be_typed(update) or None

    async def handle_update(
        self,
        update: Update,
        application: CoachApplicationType,
        check_result: object,
        context: CoachContext,
    ) -> None:
        pressed = await _pressed(update, context, close=False)
        if pressed is not None and await _press(pressed, application, context, self):
            return
        opening = await _opening(update, context, self.opens)
        if opening is not None and await _press(opening, application, context, self):
            return  # the answer went with the press that opened its question
        taker = _taker(update, application, self)
        if taker is not None:
            await taker[0].handle_update(update, application, taker[1], context)


async def press_close_spelling(update: Update, context: CoachContext) -> bool:
    """For a step about to ask again: a typed text close in spelling to a label of the latest
    keyboard is that button's press after all (handed on; True), else nothing happens (False)."""
    pressed = await _pressed(update, context, close=True)
    if pressed is None:
        return False
    application = cast(CoachApplicationType, context.application)
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, TypedPresses):
                return await _press(pressed, application, context, handler)
    return False


async def _press(
    pressed: Update, application: CoachApplicationType, context: CoachContext, after: TypedPresses
) -> bool:
    """Hand a typed press on, noted as a tap's would be (storage.presses), unless only the
    catch-all for old buttons would take it: a typed word is then taken as the text it is
    (an old question's "no" after its dialog ended is no expired button)."""
    taker = _taker(pressed, application, after, anywhere=True)
    if taker is None or _catch_all(taker[0]):
        return False
    query = pressed.callback_query
    assert query is not None and query.message is not None  # made so by _pressed
    context.repo.presses.pressing(query.message.chat.id, query.message.message_id)
    opened = current_update()
    if opened is not None:  # as the guard does for a tap
        opened.press_acted = context.repo.presses.acted
        opened.undo_press = context.repo.presses.undone
    await taker[0].handle_update(pressed, application, taker[1], context)
    return True


def _catch_all(handler: BaseHandler[Any, Any, Any]) -> bool:
    return isinstance(handler, CallbackQueryHandler) and handler.pattern is None


def _taker(
    update: Update,
    application: CoachApplicationType,
    after: TypedPresses,
    *,
    anywhere: bool = False,
) -> tuple[BaseHandler[Any, Any, Any], object] | None:
    """As PTB would within a group: the first handler after `after` that takes it, and what
    its check gave. With `anywhere`, the first of the whole group but `after`: a press PTB
    would give to a handler placed before this one (the activity file's "Use the file for
    today's advice", whose handlers come first so a file is read in any dialog)."""
    for handlers in application.handlers.values():
        if after not in handlers:
            continue
        start = 0 if anywhere else handlers.index(after) + 1
        for handler in handlers[start:]:
            if handler is after:
                continue
            check = handler.check_update(update)
            if check is not None and check is not False:
                return handler, check
    return None


async def _never_called(update: Update, context: CoachContext) -> None:
    raise RuntimeError("TypedPresses hands each message on itself")
