"""Faults from outside: an update delivered twice, a database that is briefly locked or down,
and an update the guard cannot check."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.runtime import CoachApp, runtime
from bot.standin.local_api import LocalBotApi, make_text_update
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


# The guard fails closed: an update it could not check never reaches a handler.

PAST_64_BITS = 2**63  # no database column holds it


def refusing_connections(engine: AsyncEngine) -> Callable[..., Any]:
    """Every new connection fails the way asyncpg's does with PostgreSQL down."""

    def refuse(*args: Any) -> Any:
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")

    event.listen(engine.sync_engine, "do_connect", refuse)
    return refuse


@pytest.mark.both_databases
async def test_a_database_that_refuses_connections_gets_one_try_again_and_no_sorry(
    ana: Chat, app: CoachApp, caplog: pytest.LogCaptureFixture
) -> None:
    await onboard(ana)
    await ana.send("/checkin")
    engine = runtime(app).engine
    await engine.dispose()  # no connection left in the pool: the next one is refused
    refuse = refusing_connections(engine)

    typed = await ana.send("/help")
    pressed = await ana.press("🦵 Leg day")

    assert [m.text for m in typed + pressed] == [str(texts.DB_BUSY)] * 2
    checked = [r for r in caplog.records if "could not be checked" in r.getMessage()]
    assert [r.levelno for r in checked] == [logging.ERROR] * 2
    assert "ConnectionRefusedError: [Errno 111] Connect call failed" in checked[0].getMessage()
    event.remove(engine.sync_engine, "do_connect", refuse)
    (question,) = await ana.press("🦵 Leg day", message=ana.history[-3])
    assert question.text == str(texts.INTENSITY_PROMPT)  # nothing was half done


@pytest.mark.both_databases
async def test_an_update_id_past_64_bits_gets_one_try_again_by_polling(
    app: CoachApp, api: LocalBotApi
) -> None:
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    try:
        api.push_update({**make_text_update(5005, "/help"), "update_id": PAST_64_BITS})
        assert await api.awaited(lambda: len(api.messages(5005)) >= 1, 10)
        # Polling went on past it: the next getUpdates confirmed it.
        assert await api.awaited(lambda: api.pending_updates == 0, 10)
    finally:
        await app.updater.stop()
        await app.stop()

    assert [m.text for m in api.messages(5005)] == [str(texts.DB_BUSY)]
