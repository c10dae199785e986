"""/settings: shows every onboarding answer and changes one at a time, then returns to the menu."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from conversations import texts
from conversations.buttons import SettingsItem
from conversations.common import (
    answer_press,
    remember,
    send,
    set_up_user,
    settle_button,
    user_id_of,
)
from conversations.context import CoachContext
from conversations.keyboards import Button, asks_why, inline
from conversations.profile import (
    MORNING,
    QUESTIONS,
    SETTINGS,
    ZONE_FIELD,
    ask,
    ask_zone,
    question_handlers,
    summary,
    zone_handlers,
)
from conversations.typed import no_such_button, press_close_spelling
from conversations.verdicts import todays_advice

MENU = "settings:menu"
LABELS = SETTINGS


def state_of(field: str) -> str:
    return f"settings:{field}"


async def open_menu(update: Update, context: CoachContext) -> str | int:
    user = await set_up_user(update, context)
    if user is None:
        return ConversationHandler.END
    buttons: list[Button] = [(label, SettingsItem(field)) for field, label in LABELS]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(texts.SETTINGS_DONE_BUTTON, SettingsItem("done"))])
    await remember(update, context, MENU)
    await send(update, texts.SETTINGS_MENU.format(summary=summary(user)), inline(rows))
    return MENU


async def _saved(update: Update, context: CoachContext) -> str | int:
    await send(update, texts.SETTINGS_SAVED)
    return await open_menu(update, context)


async def on_menu_button(update: Update, context: CoachContext) -> str | int | None:
    field = SettingsItem.of(update).field
    if field == "done":
        await settle_button(update)
        await remember(update, context, None)
        user = await context.repo.users.get(user_id_of(update))
        given = user is not None and await todays_advice(context.repo, user, context.clock())
        await send(update, texts.SETTINGS_CLOSED_CHECKED_IN if given else texts.SETTINGS_CLOSED)
        return ConversationHandler.END
    if field == ZONE_FIELD:
        await settle_button(update, dict(LABELS)[field])
        await remember(update, context, state_of(field))
        await ask_zone(update)
        return state_of(field)
    if field in QUESTIONS:
        await settle_button(update, dict(LABELS)[field])
        await remember(update, context, state_of(field))
        await ask(update, context, QUESTIONS[field])
        return state_of(field)
    assert update.callback_query is not None
    await answer_press(update.callback_query, texts.EXPIRED)
    return None


async def change_morning_time(update: Update, context: CoachContext) -> str | int:
    """The "Change time" button under a push: straight to the morning-time question."""
    await settle_button(update, texts.CHANGE_TIME_BUTTON)
    if await set_up_user(update, context) is None:
        return ConversationHandler.END
    field = MORNING.field
    await remember(update, context, state_of(field))
    await ask(update, context, MORNING)
    return state_of(field)


async def on_menu_other(update: Update, context: CoachContext) -> str | int | None:
    if await press_close_spelling(update, context):
        return None  # handed on as that button's press, which moved the dialog itself
    message = update.effective_message
    asked_why = message is not None and asks_why(message.text or "")
    hint = await no_such_button(update, context) or texts.PICK_A_BUTTON
    await send(update, texts.WHY_SETTINGS_MENU if asked_why else hint)
    return await open_menu(update, context)


def states() -> dict[object, list[BaseHandler[Any, Any, Any]]]:
    result: dict[object, list[BaseHandler[Any, Any, Any]]] = {
        MENU: [
            CallbackQueryHandler(on_menu_button, pattern=SettingsItem.pattern()),
            MessageHandler(~filters.COMMAND, on_menu_other),
        ],
        # "Time zone set: …" already says it is saved: no "Saved." after it.
        state_of(ZONE_FIELD): zone_handlers(open_menu),
    }
    for field, question in QUESTIONS.items():
        result[state_of(field)] = question_handlers(question, _saved)
    return result
