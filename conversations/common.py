"""Small helpers every dialog uses to answer a message or a button press."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar

from telegram import CallbackQuery, InputFile, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram import InlineKeyboardMarkup as Inline
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from conversations import limits, texts
from conversations.context import CoachContext
from conversations.i18n import Label
from conversations.keyboards import typeable
from storage.models import User

log = logging.getLogger(__name__)

Markup = Inline | ReplyKeyboardMarkup | ReplyKeyboardRemove


DIALOG = "dialog"  # the name the dialogs' states are stored under
# The name the chat's latest keyboards are stored under, beside its dialog (conversations.typed).
KEYBOARDS = "keyboards"
# The id of a press made by typing a button's label (conversations.typed): no Telegram press
# stands behind it, so there is nothing to answer.
TYPED = "typed:"
Keyboards = list[tuple[int, list[tuple[str, str]]]]  # (message id, its typeable buttons)


class OpenUpdate:
    """One update on its way: where the user's dialog stands (as the guard read it from the
    database, then as the update moves it on), and what answering a button press still owes
    once its handler is done: the answer itself is already on its way; the question is
    frozen only if the step went through, so a press that failed (say, on a busy database)
    keeps its buttons for a second try."""

    def __init__(self) -> None:
        self.answers: list[asyncio.Future[object]] = []
        self.freezes: list[tuple[CallbackQuery, str | None]] = []
        self.failed = False
        self.answered = False  # Telegram takes one answer per press
        self.unchecked = False  # the guard could not check it: Telegram should send it again
        self.dialog_state: object | None = None  # None: no dialog running
        self.arrived_state: object | None = None
        # The state as the database holds it: the dialog's own, or one that stands for several
        # the data tells apart (the check-in's, conversations.checkin.CHECKIN).
        self.stored_state: object | None = None
        self.undo_dialog: Callable[[], Awaitable[None]] | None = None  # back to arrived_state
        # Commits what the update wrote so far, if anything, with its id; False if another
        # process had handled it (set by the guard, bot.handlers).
        self.commit: Callable[[], Awaitable[bool]] | None = None
        # For a button press, set by the guard: its message's buttons acted (settle_button),
        # or, after a failure, may be pressed again (step_failed).
        self.press_acted: Callable[[], None] | None = None
        self.undo_press: Callable[[], Awaitable[None]] | None = None
        # The keyboards this update sent so far, and how they are stored as the chat's latest
        # (set by the guard): a typed answer may stand for one of their buttons.
        self.keyboards: Keyboards = []
        self.note_keyboards: Callable[[Keyboards], Awaitable[None]] | None = None
        # The chat's latest keyboards as stored, read with the update's first look when it may
        # be a typed press (conversations.typed), and kept as this update notes new ones; None:
        # not read.
        self.latest_keyboards: Keyboards | None = None
        # The label of the button a typed message was taken for, unless typed as it reads
        # (conversations.typed); once its press acts (settle_button), `echo`: said before the
        # update's first reply (texts.TYPED_AS), then None.
        self.typed_as: str | None = None
        self.echo: str | None = None

    async def close(self) -> None:
        """Send the freezes and wait for everything. A user who blocked the bot meanwhile is
        reported (Forbidden) so they are marked inactive; any other failure costs only the
        button's spinner or its frozen look, since the step itself went through: logged."""
        jobs = list(self.answers)
        if not self.failed:
            jobs += [asyncio.ensure_future(_freeze(q, text)) for q, text in self.freezes]
        for result in await asyncio.gather(*jobs, return_exceptions=True):
            if isinstance(result, Forbidden):
                raise result
            if isinstance(result, BaseException):
                log.warning("could not settle a button press: %s", type(result).__name__)


_open: ContextVar[OpenUpdate | None] = ContextVar("open_update", default=None)


@contextlib.contextmanager
def opened_update() -> Iterator[OpenUpdate]:
    """One OpenUpdate for the span of one update; button answers in it go out in the
    background (settle_button). Reset afterwards, so nothing later can add to a closed one."""
    opened = OpenUpdate()
    token = _open.set(opened)
    try:
        yield opened
    finally:
        _open.reset(token)


def current_update() -> OpenUpdate | None:
    return _open.get()


def take_open_update() -> OpenUpdate | None:
    """The update's pending answers, handed over once: settle_button answers inline after."""
    opened = _open.get()
    if opened is not None:
        _open.set(None)
    return opened


async def step_failed() -> None:
    """The update's step did not go through: leave its question pressable, and its dialog at
    that question."""
    opened = _open.get()
    if opened is None:
        return
    opened.failed = True
    opened.echo = None  # the answer was not taken after all
    if opened.undo_press is not None:
        undo_press, opened.undo_press = opened.undo_press, None
        try:
            await undo_press()
        except Exception as exc:  # the database itself may be what failed
            log.warning("could not free the pressed message: %s", type(exc).__name__)
    if opened.undo_dialog is not None and opened.dialog_state != opened.arrived_state:
        undo, opened.undo_dialog = opened.undo_dialog, None
        try:
            await undo()
            opened.dialog_state = opened.stored_state = opened.arrived_state
        except Exception as exc:  # the database itself may be what failed
            log.warning("could not put the dialog back: %s", type(exc).__name__)


async def remember(
    update: Update, context: CoachContext, state: object | None, *, stored: object | None = None
) -> None:
    """Store the dialog's next state before its question goes out, and with it, in one commit,
    everything else the update wrote (the answer it carries) and its update id: once the user
    sees the question, a crash loses nothing of the step, and a re-delivery of the update is
    recognised. If another process handled this very update meanwhile, stop before replying
    twice.

    `stored`: what the database keeps instead of `state`, when the dialog's own data tells the
    state again (the check-in's answers tell its step): written only when it changes, so the
    steps of such a dialog write no dialog state of their own."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    opened = _open.get()
    now = context.clock()
    keep = state if stored is None else stored
    if opened is None or opened.stored_state != keep:
        key = json.dumps([chat.id, user.id])
        await context.repo.dialogs.save(DIALOG, key, keep, now)
    if opened is None:
        return
    opened.dialog_state, opened.stored_state = state, keep
    if not await context.repo.updates.mark_processed(update.update_id, now):
        log.info("update %d was handled by another process meanwhile", update.update_id)
        raise ApplicationHandlerStop


async def _commit_before_reply() -> None:
    """Nothing the user sees runs ahead of what is stored: what the update wrote so far (a
    jog session with its cues, a reminder) and its id are committed before a reply goes out,
    as `remember` does for a dialog step, and the database is not held locked while the reply
    travels. If another process handled this very update meanwhile, stop before replying
    twice."""
    opened = _open.get()
    if opened is None or opened.commit is None:
        return
    if not await opened.commit():
        log.info("the update was handled by another process meanwhile")
        raise ApplicationHandlerStop


async def set_up_user(update: Update, context: CoachContext) -> User | None:
    """The user, once set up; anyone else is pointed to /start (and None is returned)."""
    user = await context.repo.users.get(user_id_of(update))
    if user is None or user.onboarded_at is None or user.time_zone is None:
        await send(update, texts.NOT_SET_UP)
        return None
    return user


async def answer_press(query: CallbackQuery, text: Label | None = None) -> None:
    """Answer a button press: stop the client's spinner, with `text` (cut to Telegram's 200
    characters) shown over the chat. Every answer to a press goes through here.

    A courtesy that may fail: Telegram refuses an answer that comes late (after a restart or a
    slow moment: "query is too old and response timeout expired or query ID is invalid") or
    twice, and the press's work is done anyway, so a refusal is logged at DEBUG and nothing
    else. Only Forbidden goes on (the user blocked the bot: on_error marks them inactive).
    """
    if is_typed(query):
        return
    try:
        await query.answer(None if text is None else limits.alert(str(text)))
    except Forbidden:
        raise
    except TelegramError as exc:
        log.debug("could not answer a button press: %s", exc.message)


def is_typed(query: CallbackQuery) -> bool:
    """A press made by typing a button's label (conversations.typed), not by a tap."""
    return query.id.startswith(TYPED)


async def expired(update: Update) -> None:
    """A press on a button that no longer means anything (an old message, a restart, forged
    data): say so on the button and in the chat, never as an error."""
    if update.callback_query is not None:
        await answer_press(update.callback_query, texts.EXPIRED)
    await send(update, texts.EXPIRED_HINT)


def user_id_of(update: Update) -> int:
    user = update.effective_user
    if user is None:  # the wiring only routes updates with a user here
        raise ValueError("update without a user")
    return user.id


async def send(update: Update, text: Label, markup: Markup | None = None) -> None:
    """A plain text to the update's chat, as one message or, past Telegram's 4096 characters,
    several (conversations.limits.split); the buttons go under the last one."""
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    await _commit_before_reply()
    await _say_echo(update)
    *first, last = limits.split(str(text))
    for piece in first:
        await chat.send_message(piece)
    sent = await chat.send_message(last, reply_markup=markup)
    await _note_keyboard(sent.message_id, markup)


async def _say_echo(update: Update) -> None:
    """Before the first reply to a typed answer taken as a button, the button it was taken for
    (OpenUpdate.echo), once."""
    opened, chat = _open.get(), update.effective_chat
    if opened is None or opened.echo is None or chat is None:
        return
    answer, opened.echo = opened.echo, None
    await chat.send_message(texts.TYPED_AS.format(answer=answer))


async def _note_keyboard(message_id: int, markup: Markup | None) -> None:
    """A message with buttons sent: its buttons join the others this update sent as the chat's
    latest keyboards; a reply keyboard (a question answered by typing or sharing) or buttons
    with nothing to type (a link) end them. A message with no markup leaves them as they are."""
    opened = _open.get()
    if markup is None or opened is None or opened.note_keyboards is None:
        return
    buttons = typeable(markup)
    opened.keyboards = [*opened.keyboards, (message_id, buttons)] if buttons else []
    await opened.note_keyboards(opened.keyboards)
    if opened.latest_keyboards is not None:
        opened.latest_keyboards = opened.keyboards


async def send_html(update: Update, blocks: list[str]) -> None:
    """HTML blocks (parse_mode HTML, each a whole fragment: a table in <pre>, a paragraph)
    joined into as few messages as Telegram's limit allows (conversations.limits.pack)."""
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    await _commit_before_reply()
    await _say_echo(update)
    for piece in limits.pack(blocks, as_html=True):
        await chat.send_message(piece, parse_mode=ParseMode.HTML)


async def send_file(
    update: Update,
    content: bytes,
    filename: str,
    caption: Label,
    *,
    photo: bool = False,
    markup: Inline | None = None,
) -> None:
    """A document (or a photo) with its caption cut to Telegram's 1024 characters, and its
    buttons (`markup`), if any."""
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    await _commit_before_reply()
    await _say_echo(update)
    shown = limits.caption(str(caption))
    if photo:
        sent = await chat.send_photo(
            InputFile(content, filename=filename), caption=shown, reply_markup=markup
        )
    else:
        sent = await chat.send_document(
            InputFile(content, filename=filename), caption=shown, reply_markup=markup
        )
    await _note_keyboard(sent.message_id, markup)


async def settle_button(update: Update, chosen: Label | None = None) -> None:
    """Answer the press and freeze the question with its answer, so it can't be pressed twice:
    not on the screen, and not by a second press already on its way (a double tap, a racing
    update), which the guard turns away once this step is committed.

    Neither changes what the handler does next, so while an update is open the answer goes
    out at once in the background, beside the handler's own database work and reply, and the
    freeze once the handler is done: a tap costs about one Bot API round trip, not three.
    """
    query = update.callback_query
    if query is None:
        return
    message = query.message
    text = getattr(message, "text", None) if message is not None else None
    frozen = None if text is None else frozen_text(text, chosen)
    # A typed press knows its message but not its text: its buttons go, the text stays.
    freeze = frozen is not None or is_typed(query)
    pending = _open.get()
    if pending is None:
        await answer_press(query)
        if freeze:
            await _freeze(query, frozen)
        return
    pending.answered = True
    if is_typed(query) and pending.typed_as is not None:
        pending.echo, pending.typed_as = pending.typed_as, None
    if pending.press_acted is not None:
        pending.press_acted()
    pending.answers.append(asyncio.ensure_future(answer_press(query)))
    if freeze:
        pending.freezes.append((query, frozen))


def frozen_text(question: str, chosen: Label | None) -> str:
    """A question with the answer given under it ("→ Light"), within Telegram's limit: the
    question gives way, the answer stays whole."""
    if not chosen:
        return limits.fit(question)
    answer = f"\n→ {limits.shorten(str(chosen), limits.MAX_TEXT // 4)}"
    return limits.shorten(question, limits.MAX_TEXT - limits.length(answer)) + answer


async def _freeze(query: CallbackQuery, text: str | None) -> None:
    try:
        if text is None:
            await query.edit_message_reply_markup(reply_markup=None)
        else:
            await query.edit_message_text(text, reply_markup=None)
    except BadRequest as exc:  # too old to edit, or unchanged: the answer still counts
        log.debug("could not edit the answered question: %s", exc)
