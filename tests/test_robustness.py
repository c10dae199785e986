"""Faults from outside: an update delivered twice, and a database that is briefly locked."""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.local_api import LocalBotApi
from conversations import texts
from storage.db import sqlite_path
from storage.repository import Repository
from tests.chat import Chat, onboard
from tests.conftest import BotRunner


async def test_an_update_delivered_twice_is_applied_once(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")

    assert await ana.redeliver() == []

    draft = await repo.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}
    (question,) = await ana.press("Light")  # the dialog is where it should be
    assert question.text == str(texts.OVERREACH_PROMPT)


async def test_a_command_delivered_twice_is_answered_once(ana: Chat) -> None:
    await ana.send("/help")

    assert await ana.redeliver() == []


async def test_a_locked_database_gets_a_try_again_and_nothing_half_written(
    runner: BotRunner, api: LocalBotApi
) -> None:
    await runner.stop()
    runner.settings = runner.settings.model_copy(update={"sqlite_busy_timeout_ms": 200})
    app = await runner.start()
    ana = Chat(app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/checkin")
    path = sqlite_path(runner.settings.database_url)
    assert path is not None

    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        replies = await ana.press("😴 Rest day")
    finally:
        blocker.rollback()
        blocker.close()

    assert [m.text for m in replies] == [str(texts.DB_BUSY)]
    repo = app.bot_data.repo
    assert repo is not None
    draft = await repo.get_draft(1001)
    assert draft is not None and draft.answers == {}
    (question,) = await ana.press("😴 Rest day", message=ana.history[-2])
    assert question.text == str(texts.WALKING_PROMPT)
    await ana.press("Normal")
    assert [c.local_date for c in await repo.list_checkins(1001)] == [date(2026, 1, 13)]
