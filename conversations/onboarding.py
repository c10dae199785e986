"""/start: welcome, then the profile questions in order, then a way straight into a check-in."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, ConversationHandler

from conversations import limits, texts
from conversations.coach.advice import DISCLAIMER
from conversations.common import remember, send, user_id_of
from conversations.context import CoachContext
from conversations.i18n import language_for, use
from conversations.keyboards import checkin_now_keyboard
from conversations.planning import plan_morning, plan_weekly
from conversations.profile import (
    COMPRESSION,
    MORNING,
    MUSCLE,
    NEW_RUNNER,
    RUN,
    AfterSave,
    ProfileQuestion,
    ask,
    ask_zone,
    question_handlers,
    summary,
    zone_handlers,
)

ZONE = "onboarding:time_zone"
ORDER: tuple[ProfileQuestion, ...] = (MORNING, RUN, NEW_RUNNER, MUSCLE, COMPRESSION)


def state_of(question: ProfileQuestion) -> str:
    return f"onboarding:{question.field}"


async def start(update: Update, context: CoachContext) -> str | int:
    tg_user = update.effective_user
    assert tg_user is not None and update.effective_chat is not None
    user = await context.repo.users.ensure(
        tg_user.id,
        update.effective_chat.id,
        context.clock(),
        first_name=tg_user.first_name,
        language_code=tg_user.language_code,
    )
    if user.language is None:  # the first /start picks the language; /settings changes it
        language = language_for(tg_user.language_code)
        user = await context.repo.users.update(tg_user.id, context.clock(), language=language)
    use(user.language)
    name = f", {limits.echo(tg_user.first_name)}" if tg_user.first_name else ""
    if user.onboarded_at is not None:
        await send(update, texts.WELCOME_BACK.format(name=name))
        return ConversationHandler.END
    await remember(update, context, ZONE)
    await send(update, texts.WELCOME.format(name=name, disclaimer=DISCLAIMER))
    await ask_zone(update)
    return ZONE


def _ask_next(index: int) -> AfterSave:
    """After answer number `index` (-1 is the zone), ask the next question or finish."""

    async def after_save(update: Update, context: CoachContext) -> str | int:
        if index + 1 < len(ORDER):
            question = ORDER[index + 1]
            await remember(update, context, state_of(question))
            await ask(update, context, question)
            return state_of(question)
        return await _finish(update, context)

    return after_save


async def _finish(update: Update, context: CoachContext) -> int:
    now = context.clock()
    user = await context.repo.users.update(user_id_of(update), now, onboarded_at=now)
    await plan_morning(context.repo, user, now)
    await plan_weekly(context.repo, user, now)
    await remember(update, context, None)
    await send(
        update,
        texts.SETUP_DONE.format(summary=summary(user)),
        checkin_now_keyboard(),
    )
    return ConversationHandler.END


def states() -> dict[object, list[BaseHandler[Any, Any, Any]]]:
    result: dict[object, list[BaseHandler[Any, Any, Any]]] = {ZONE: zone_handlers(_ask_next(-1))}
    for index, question in enumerate(ORDER):
        result[state_of(question)] = question_handlers(question, _ask_next(index))
    return result
