"""Small helpers every dialog uses to answer a message or a button press."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup as Inline
from telegram import ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import BadRequest

from bot.context import CoachContext
from bot.i18n import Label
from conversations import texts
from storage.models import User

log = logging.getLogger(__name__)

Markup = Inline | ReplyKeyboardMarkup | ReplyKeyboardRemove


DIALOG = "dialog"  # the persisted ConversationHandler's name


async def remember(update: Update, context: CoachContext, state: str | None) -> None:
    """Store the dialog's next state before its question goes out. PTB persists the state only
    after the handler returns, so a crash right after the question was sent would leave the
    previous state on disk and the answer would find no handler."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    key = json.dumps([chat.id, user.id])
    await context.repo.save_conversation(DIALOG, key, state, context.clock())


async def set_up_user(update: Update, context: CoachContext) -> User | None:
    """The user, once set up; anyone else is pointed to /start (and None is returned)."""
    user = await context.repo.get_user(user_id_of(update))
    if user is None or user.onboarded_at is None or user.time_zone is None:
        await send(update, texts.NOT_SET_UP)
        return None
    return user


def user_id_of(update: Update) -> int:
    user = update.effective_user
    if user is None:  # the wiring only routes updates with a user here
        raise ValueError("update without a user")
    return user.id


async def send(update: Update, text: Label, markup: Markup | None = None) -> None:
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    await chat.send_message(str(text), reply_markup=markup)


async def settle_button(update: Update, chosen: Label | None = None) -> None:
    """Answer the press and freeze the question with its answer, so it can't be pressed twice."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    if message is None or not hasattr(message, "text") or message.text is None:
        return
    text = f"{message.text}\n→ {chosen}" if chosen else message.text
    try:
        await query.edit_message_text(text, reply_markup=None)
    except BadRequest as exc:  # too old to edit, or unchanged: the answer still counts
        log.debug("could not edit the answered question: %s", exc)


def local_today(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()
