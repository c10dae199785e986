"""The dialogs: onboarding (/start), the morning check-in (/checkin) and /settings.

They share one state machine because a user is in at most one of them at a time: any entry
command leaves the current dialog and starts the new one, and /cancel leaves whichever is open.
Their states are drawn in conversations/README.md.
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from conversations import checkin, general, onboarding, settings, texts
from conversations.buttons import (
    ChangeMorningTime,
    CheckinAfresh,
    CheckinFixToday,
    CheckinFromFile,
    CheckinNow,
    CheckinWith,
)
from conversations.common import remember, send, user_id_of
from conversations.context import CoachContext
from conversations.router import END, DialogRouter

KNOWN_COMMANDS = tuple(name for name, _ in texts.COMMANDS)
# Commands we answer; anything else starting with "/" gets the unknown-command reply.
KNOWN = filters.Regex(rf"^/({'|'.join(KNOWN_COMMANDS)})(@\w+)?(\s|$)")


async def cancel(update: Update, context: CoachContext) -> int:
    """/cancel inside a dialog: leave it, and drop an unfinished check-in."""
    uid = user_id_of(update)
    await context.repo.checkins.delete_draft(uid)
    user = await context.repo.users.get(uid)
    done = user is not None and user.onboarded_at is not None
    await remember(update, context, None)
    await send(update, texts.CANCELLED if done else texts.CANCELLED_SETUP, ReplyKeyboardRemove())
    return END


def build_dialog() -> DialogRouter:
    return DialogRouter(
        entry_points=[
            CommandHandler("start", onboarding.start),
            CommandHandler("checkin", checkin.begin),
            CallbackQueryHandler(checkin.begin, pattern=CheckinNow.pattern()),
            CallbackQueryHandler(checkin.begin_with, pattern=CheckinWith.pattern()),
            CallbackQueryHandler(checkin.correct_workout, pattern=CheckinFromFile.pattern()),
            CallbackQueryHandler(checkin.begin_afresh, pattern=CheckinAfresh.pattern()),
            CallbackQueryHandler(checkin.correct_today, pattern=CheckinFixToday.pattern()),
            CommandHandler("settings", settings.open_menu),
            CallbackQueryHandler(settings.change_morning_time, pattern=ChangeMorningTime.pattern()),
        ],
        states={**onboarding.states(), **checkin.states(), **settings.states()},
        fallbacks=[
            CommandHandler("cancel", cancel),
            # Inside a dialog: say so, and stay on the same question.
            MessageHandler(filters.COMMAND & ~KNOWN, general.unknown_command),
        ],
        allow_reentry=True,
    )
