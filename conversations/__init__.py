"""The dialogs: onboarding (/start), the morning check-in (/checkin) and /settings.

They share one state machine because a user is in at most one of them at a time: any entry
command leaves the current dialog and starts the new one, and /cancel leaves whichever is open.
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import CoachContext
from conversations import checkin, onboarding, settings, texts
from conversations.common import remember, send, user_id_of
from conversations.keyboards import CHANGE_TIME, CHECKIN_NOW
from conversations.router import END, DialogRouter

KNOWN_COMMANDS = tuple(name for name, _ in texts.COMMANDS)
# Commands we answer; anything else starting with "/" gets the unknown-command reply.
KNOWN = filters.Regex(rf"^/({'|'.join(KNOWN_COMMANDS)})(@\w+)?(\s|$)")


async def cancel(update: Update, context: CoachContext) -> int:
    uid = user_id_of(update)
    await context.repo.delete_draft(uid)
    user = await context.repo.get_user(uid)
    done = user is not None and user.onboarded_at is not None
    await remember(update, context, None)
    await send(update, texts.CANCELLED if done else texts.CANCELLED_SETUP, ReplyKeyboardRemove())
    return END


async def unknown_command(update: Update, context: CoachContext) -> None:
    """Inside a dialog: say so, and stay on the same question."""
    text = update.effective_message.text if update.effective_message else ""
    command = (text or "").split()[0] if text else "/?"
    await send(update, texts.UNKNOWN_COMMAND.format(command=command))


def build_dialog() -> DialogRouter:
    return DialogRouter(
        entry_points=[
            CommandHandler("start", onboarding.start),
            CommandHandler("checkin", checkin.begin),
            CallbackQueryHandler(checkin.begin, pattern=rf"^{CHECKIN_NOW}$"),
            CommandHandler("settings", settings.open_menu),
            CallbackQueryHandler(settings.change_morning_time, pattern=rf"^{CHANGE_TIME}$"),
        ],
        states={**onboarding.states(), **checkin.states(), **settings.states()},
        fallbacks=[
            CommandHandler("cancel", cancel),
            MessageHandler(filters.COMMAND & ~KNOWN, unknown_command),
        ],
        allow_reentry=True,
    )
