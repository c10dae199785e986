"""Around every update: the guard that runs first, the bookkeeping after it, and errors."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import UTC

from sqlalchemy.exc import DBAPIError
from telegram import Chat, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.faults import storage_faults
from bot.runtime import runtime
from conversations import checkin, i18n, texts
from conversations.common import (
    DIALOG,
    KEYBOARDS,
    Keyboards,
    answer_press,
    current_update,
    step_failed,
    take_open_update,
)
from conversations.context import CoachContext
from conversations.typed import loaded, may_be_typed, stored
from storage.users import UnknownUser

log = logging.getLogger(__name__)

# Telegram re-sends a webhook update for up to a day; a few minutes' worth is enough to keep
# one failing update from asking the user again and again.
TOLD_AT_MOST = 1000


async def guard(update: Update, context: CoachContext) -> None:
    """Runs first: edits and Telegram Business updates are ignored, groups and channels get
    one line a day when they address the bot and nothing is stored of them, an update
    delivered a second time is dropped, and so is a second press of a message whose buttons
    acted already (a double tap, or a press racing the one that acted). Whatever happens in
    here, an update it turns away never reaches the dialogs: its Telegram calls may fail (a
    re-delivered press can no longer be answered; a group may not let us write) without
    letting it through.

    It fails closed: an update it could not check (the database refused, or any other
    exception: asyncpg's ConnectionRefusedError, an OverflowError from an update id past 64
    bits) is stopped with "try again in a moment" (once per update id, however often it is
    delivered) and marked unchecked, so a webhook answers Telegram with an error and Telegram
    delivers it again (bot.webhook)."""
    try:
        await _check(update, context)
    except ApplicationHandlerStop:
        raise
    except TelegramError as exc:
        log.info("could not answer an update turned away: %s", type(exc).__name__)
        raise ApplicationHandlerStop from exc
    except Exception as exc:
        await _unchecked(update, context, exc)
        raise ApplicationHandlerStop from exc


async def _check(update: Update, context: CoachContext) -> None:
    if update.edited_message or update.edited_channel_post or _business(update):
        raise ApplicationHandlerStop
    # Until the stored choice is read: the language Telegram reports for the sender.
    sender = update.effective_user
    i18n.use(i18n.language_for(sender.language_code if sender else None))
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        await _in_a_group(update, context, chat)
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or chat is None:
        if update.callback_query is not None:  # a press without its message: still answer it
            await answer_press(update.callback_query, texts.EXPIRED)
        raise ApplicationHandlerStop
    dialog_key, now = json.dumps([chat.id, user.id]), context.clock()
    query = update.callback_query
    pressed = query.message if query is not None else None
    # Writing to us means they have not blocked us (any more): pushes may resume.
    arrival = await context.repo.arrival(
        update.update_id,
        user.id,
        now,
        wrote=update.message is not None or query is not None,
        dialog=(DIALOG, dialog_key),
        press=(chat.id, pressed.message_id) if pressed is not None else None,
        keyboards=(KEYBOARDS, dialog_key) if may_be_typed(update) else None,
    )
    # Before the answers below: "Got that already" is said in the user's language too.
    if arrival.language is not None:  # chosen at /start or in /settings: it wins
        i18n.use(arrival.language)
    if arrival.seen:
        log.info("update %d was delivered again; already handled", update.update_id)
        if query is not None:
            await answer_press(query)
        raise ApplicationHandlerStop
    if arrival.pressed and query is not None:
        # A double tap, or a press that raced the one that acted: that one counts.
        log.info("update %d pressed a message already acted on", update.update_id)
        await answer_press(query, texts.PRESSED_ALREADY)
        raise ApplicationHandlerStop
    opened = current_update()
    if opened is None:
        return
    if may_be_typed(update):  # conversations.typed reads them from here
        opened.latest_keyboards = loaded(arrival.keyboards)
    # Where the dialogs take it from (conversations.router), and where a failed step puts it
    # back: for a check-in, the very question it was at (its answers may have moved on).
    opened.stored_state = arrival.dialog_state
    opened.dialog_state = opened.arrived_state = checkin.step_state(
        arrival.dialog_state, arrival.draft_answers
    )

    async def back_to_where_it_was() -> None:
        await context.repo.dialogs.save(DIALOG, dialog_key, opened.arrived_state, now)

    opened.undo_dialog = back_to_where_it_was
    if pressed is not None:
        opened.press_acted = context.repo.presses.acted
        opened.undo_press = context.repo.presses.undone

    async def commit() -> bool:
        return await context.repo.updates.commit_written(update.update_id, context.clock())

    opened.commit = commit

    async def note_keyboards(keyboards: Keyboards) -> None:
        await context.repo.dialogs.save(KEYBOARDS, dialog_key, stored(keyboards), context.clock())

    opened.note_keyboards = note_keyboards


def _business(update: Update) -> bool:
    """A business account's chats (Telegram Business): its customers never asked to talk to
    this bot, so nothing of them is answered or stored."""
    return bool(
        update.business_connection
        or update.business_message
        or update.edited_business_message
        or update.deleted_business_messages
    )


async def _in_a_group(update: Update, context: CoachContext, chat: Chat) -> None:
    """Groups and channels: a message addressed to the bot gets its one line, at most once a
    day (UTC) per group, whatever process takes it; anything else, service messages (members
    joining or leaving, a new title, a pin, a migration) included, gets nothing. Nothing of
    the group or its members is stored but the day of that line."""
    if update.callback_query is not None:  # no buttons of ours are sent there: forged
        await answer_press(update.callback_query, texts.PRIVATE_ONLY)
        return
    message = update.message or update.channel_post
    if message is None or not _addressed_to_us(message, context.bot.id, context.bot.username):
        return
    today = context.clock().astimezone(UTC).date()
    if await context.repo.groups.notice_due(chat.id, today):
        await chat.send_message(str(texts.PRIVATE_ONLY))
    else:
        log.debug("group told today already")


def _addressed_to_us(message: Message, bot_id: int, username: str | None) -> bool:
    """A command (bare, or /cmd@us), a mention of @us, or a reply to one of our messages.
    Service messages have no text, so they never are."""
    if not (message.text or message.caption):
        return False
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    wanted: list[str | None] = [MessageEntity.BOT_COMMAND, MessageEntity.MENTION]
    found = (
        message.parse_entities(wanted) if message.text else message.parse_caption_entities(wanted)
    )
    ours = f"@{username}".casefold() if username else None
    for entity, value in found.items():
        if entity.type == MessageEntity.BOT_COMMAND:
            _, at, target = value.partition("@")
            if not at or (ours is not None and f"@{target}".casefold() == ours):
                return True
        elif ours is not None and value.casefold() == ours:
            return True
    return False


async def _tell(update: Update, text: str) -> None:
    """Say something after a failure: stop the press's spinner unless it was answered
    already (Telegram refuses a second answer), then send the text on its own."""
    query = update.callback_query
    opened = current_update()
    if query is not None and (opened is None or not opened.answered):
        with contextlib.suppress(Forbidden):  # nothing more to tell them, then
            await answer_press(query)
    if update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
        try:
            await update.effective_chat.send_message(text)
        except TelegramError:
            log.warning("could not tell the user about the failure")


async def _unchecked(update: Update, context: CoachContext, error: Exception) -> None:
    opened = current_update()
    if opened is not None:
        opened.unchecked = True
    if isinstance(error, DBAPIError):
        log.warning("database unavailable: %s", _reason(error))
    else:
        log.error("update %d could not be checked: %s", update.update_id, _reason(error))
    if _told_before(context, update.update_id):
        log.info("update %d was delivered again; told to try again already", update.update_id)
        if update.callback_query is not None:
            with contextlib.suppress(Forbidden):
                await answer_press(update.callback_query)
        return
    await _tell(update, str(texts.DB_BUSY))


def _told_before(context: CoachContext, update_id: int) -> bool:
    """Whether this process already asked the user to try this update again; kept in memory
    (the database may be what failed), for the last TOLD_AT_MOST update ids."""
    told = runtime(context).told_to_retry
    if update_id in told:
        return True
    told[update_id] = None
    if len(told) > TOLD_AT_MOST:
        told.popitem(last=False)
    return False


def _reason(error: BaseException) -> str:
    """The exception's class and message (the driver's own, for a database error)."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    message = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__name__}: {message}" if message else type(cause).__name__


async def _database_busy(update: Update, error: DBAPIError) -> None:
    """The database was locked or unreachable: what the step had not committed was rolled
    back with it, so nothing is half-written; the user only needs to try again."""
    if not storage_faults.report(error):
        log.warning("database unavailable: %s", type(error.orig).__name__)
    await _tell(update, str(texts.DB_BUSY))


async def finish_update(update: Update, context: CoachContext) -> None:
    """After every update: note its id, committing what the update wrote since its question
    went out (see conversations.common.remember), or all it wrote if it asked none, so a
    re-delivery of it is not applied twice; meanwhile the pressed question is frozen (see
    settle_button)."""
    pending = take_open_update()
    settling = asyncio.ensure_future(pending.close()) if pending is not None else None
    try:
        try:
            await context.repo.updates.mark_processed(update.update_id, context.clock())
        except DBAPIError as exc:  # the user was already told to try again
            if not storage_faults.report(exc):
                log.warning(
                    "could not record update %d: %s", update.update_id, type(exc.orig).__name__
                )
    finally:
        if settling is not None:
            await settling  # a Forbidden from it goes to on_error: the user blocked us


async def on_error(update: object, context: CoachContext) -> None:
    """A step that failed is undone as far as the user can see: its question keeps its buttons
    and the dialog goes back to that question (it may have been moved on before the failure),
    so pressing again works. Answers it saved are kept, unless the database failed or the user
    blocked the bot: then what it had not yet committed is rolled back, and nothing it held
    locked stays locked."""
    error = context.error
    if isinstance(error, DBAPIError | Forbidden) and context.bot_data.repo is not None:
        try:
            await context.repo.undo_update()
        except Exception as exc:  # the database itself may be what failed
            log.warning("could not roll the update back: %s", type(exc).__name__)
    if isinstance(update, Update) and isinstance(error, Forbidden) and update.effective_user:
        chat = update.effective_chat
        if chat is None or chat.type == ChatType.PRIVATE:
            # The user blocked the bot while we were answering: stop writing to them.
            with contextlib.suppress(UnknownUser):  # blocked before ever finishing /start
                await context.repo.users.update(
                    update.effective_user.id, context.clock(), active=False
                )
            log.info("user blocked the bot; marked inactive")
        await step_failed()
        return
    await step_failed()
    if isinstance(error, DBAPIError) and isinstance(update, Update):
        await _database_busy(update, error)
        return
    if isinstance(error, DBAPIError) and storage_faults.report(error):
        return  # a scheduler tick: logged once, not with a traceback every few seconds
    log.error("update failed", exc_info=error)
    if isinstance(update, Update):
        await _tell(update, str(texts.ERROR))
