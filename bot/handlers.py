"""Everything outside the dialogs: private-chat guard, /help, stray input, old buttons, errors."""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy.exc import DBAPIError
from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot import i18n
from bot.advice import BOTH_SIDES
from bot.context import CoachContext
from conversations import texts

log = logging.getLogger(__name__)


async def guard(update: Update, context: CoachContext) -> None:
    """Runs first: edits are ignored, groups or channels get one line and nothing is stored,
    and an update delivered a second time is dropped."""
    if update.edited_message or update.edited_channel_post:
        raise ApplicationHandlerStop
    # Until the stored choice is read: the language Telegram reports for the sender.
    sender = update.effective_user
    i18n.use(i18n.language_for(sender.language_code if sender else None))
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        if update.callback_query is not None:
            await update.callback_query.answer(str(texts.PRIVATE_ONLY))
        elif update.message is not None or update.channel_post is not None:
            await chat.send_message(str(texts.PRIVATE_ONLY))
        raise ApplicationHandlerStop
    if update.effective_user is None or chat is None:
        if update.callback_query is not None:  # a press without its message: still answer it
            await update.callback_query.answer(str(texts.EXPIRED))
        raise ApplicationHandlerStop
    try:
        if await context.repo.was_processed(update.update_id):
            log.info("update %d was delivered again; already handled", update.update_id)
            if update.callback_query is not None:
                await update.callback_query.answer()
            raise ApplicationHandlerStop
        await _use_their_language(update.effective_user.id, context)
        if update.message is not None or update.callback_query is not None:
            # Writing to us means they have not blocked us (any more): pushes may resume.
            await context.repo.reactivate(update.effective_user.id, context.clock())
    except DBAPIError as exc:
        await _database_busy(update, exc)
        raise ApplicationHandlerStop from exc


async def _use_their_language(telegram_user_id: int, context: CoachContext) -> None:
    """The language chosen at /start or in /settings wins over what Telegram reports."""
    user = await context.repo.get_user(telegram_user_id)
    if user is not None and user.language is not None:
        i18n.use(user.language)


async def _database_busy(update: Update, error: DBAPIError) -> None:
    """The database was locked or unreachable: each write is its own transaction, so nothing
    is half-written; the user only needs to try again."""
    log.warning("database unavailable: %s", type(error.orig).__name__)
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer()
        if update.effective_chat is not None:
            await update.effective_chat.send_message(str(texts.DB_BUSY))


async def help_command(update: Update, context: CoachContext) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(str(texts.HELP))


async def nothing_to_cancel(update: Update, context: CoachContext) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(str(texts.NOTHING_TO_CANCEL))


async def unknown_command(update: Update, context: CoachContext) -> None:
    assert update.effective_chat is not None and update.effective_message is not None
    command = (update.effective_message.text or "/?").split()[0]
    await update.effective_chat.send_message(texts.UNKNOWN_COMMAND.format(command=command))


async def free_text(update: Update, context: CoachContext) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(str(texts.FREE_TEXT))


async def why(update: Update, context: CoachContext) -> None:
    assert update.callback_query is not None and update.effective_chat is not None
    await update.callback_query.answer()
    await update.effective_chat.send_message(str(BOTH_SIDES))


async def expired_button(update: Update, context: CoachContext) -> None:
    """Any press no dialog claimed: an old message, a restart, or forged data. Never an error."""
    assert update.callback_query is not None and update.effective_chat is not None
    await update.callback_query.answer(str(texts.EXPIRED))
    await update.effective_chat.send_message(str(texts.EXPIRED_HINT))


async def membership(update: Update, context: CoachContext) -> None:
    """Blocking the bot shows up here; mark the user inactive so nothing is pushed to them."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    user = await context.repo.get_user(change.from_user.id)
    if user is None:
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    await context.repo.update_user(change.from_user.id, context.clock(), active=not blocked)


async def finish_update(update: Update, context: CoachContext) -> None:
    """After every update: write dialog states now, not once a minute, so a crash loses no step,
    and note the update id, so a re-delivery of it is not applied twice."""
    await context.application.update_persistence()
    try:
        await context.repo.mark_processed(update.update_id, context.clock())
    except DBAPIError as exc:  # the user was already told to try again
        log.warning("could not record update %d: %s", update.update_id, type(exc.orig).__name__)


async def on_error(update: object, context: CoachContext) -> None:
    error = context.error
    if isinstance(update, Update) and isinstance(error, Forbidden) and update.effective_user:
        # The user blocked the bot while we were answering: stop writing to them.
        with contextlib.suppress(LookupError):  # blocked before ever finishing /start
            await context.repo.update_user(update.effective_user.id, context.clock(), active=False)
        log.info("user blocked the bot; marked inactive")
        return
    if isinstance(error, DBAPIError) and isinstance(update, Update):
        await _database_busy(update, error)
        return
    log.error("update failed", exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.effective_chat.type != ChatType.PRIVATE:
            return
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await update.effective_chat.send_message(str(texts.ERROR))
        except TelegramError:
            log.warning("could not tell the user about the error")
