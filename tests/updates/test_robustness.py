"""Faults from outside: an update delivered twice, and a database that is briefly locked."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import date

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.db import sqlite_path
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, onboard
from tests.conftest import BotRunner, tick


async def test_an_update_delivered_twice_is_applied_once(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")

    assert await ana.redeliver() == []

    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}
    (question,) = await ana.press("Light")  # the dialog is where it should be
    assert question.text == str(texts.OVERREACH_PROMPT)


async def test_a_command_delivered_twice_is_answered_once(ana: Chat) -> None:
    await ana.send("/help")

    assert await ana.redeliver() == []


@contextlib.asynccontextmanager
async def locked_by_another_process(database_url: str) -> AsyncIterator[None]:
    """SQLite: another process holds the write lock. PostgreSQL: another process holds the
    check-in tables locked (there is no lock on a whole database there)."""
    path = sqlite_path(database_url)
    if path is not None:
        blocker = sqlite3.connect(path, timeout=0)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            blocker.rollback()
            blocker.close()
        return
    server = make_url(database_url).set(drivername="postgresql")
    connection = await asyncpg.connect(server.render_as_string(hide_password=False))
    try:
        async with connection.transaction():
            await connection.execute(
                "LOCK TABLE checkin_drafts, checkins IN ACCESS EXCLUSIVE MODE NOWAIT"
            )
            yield
    finally:
        await connection.close()


@pytest.mark.both_databases
async def test_a_locked_database_gets_a_try_again_and_nothing_half_written(
    runner: BotRunner, api: LocalBotApi
) -> None:
    await runner.stop()
    runner.settings = runner.settings.model_copy(update={"sqlite_busy_timeout_ms": 200})
    app = await runner.start()
    ana = Chat(app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/checkin")

    async with locked_by_another_process(runner.settings.database_url):
        replies = await ana.press("😴 Rest day")

    assert [m.text for m in replies] == [str(texts.DB_BUSY)]
    repo = app.bot_data.repo
    assert repo is not None
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {}
    (question,) = await ana.press("😴 Rest day", message=ana.history[-2])
    assert question.text == str(texts.WALKING_PROMPT)
    await ana.press("Normal")
    assert [c.local_date for c in await repo.checkins.list_for(1001)] == [date(2026, 1, 13)]


async def test_an_update_delivered_again_two_days_later_is_still_answered_once(
    ana: Chat, clock: FrozenClock
) -> None:
    await ana.send("/help")

    clock.advance(days=2)  # Telegram gives up re-sending long before this
    await tick(ana.app)  # the scheduler's first tick also clears out old update ids

    assert await ana.redeliver() == []


async def test_update_ids_older_than_two_days_are_forgotten(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await ana.send("/help")
    update_id = await repo.updates.last_id()
    assert await repo.updates.seen(update_id)

    clock.advance(days=2, seconds=1)
    await tick(ana.app)

    assert not await repo.updates.seen(update_id)
