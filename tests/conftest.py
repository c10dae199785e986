"""Shared fixtures: a running bot on a fresh database, the Bot API stand-in, and a frozen clock."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_application, migrate, on_shutdown, on_startup
from bot.config import Settings
from bot.context import CoachApp
from bot.local_api import LocalBotApi, stand_in_token
from storage.repository import Repository
from tests.chat import Chat, FrozenClock
from tests.pg import fresh_database

TOKEN = stand_in_token("tests")


@pytest.fixture
def api() -> Iterator[LocalBotApi]:
    server = LocalBotApi()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def clock() -> FrozenClock:
    # A Tuesday in winter: Berlin is UTC+1, New York UTC-5.
    return FrozenClock(datetime(2026, 1, 13, 6, 30, tzinfo=UTC))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_databases: run these tests on SQLite and again on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_databases"
    ):
        metafunc.parametrize("database", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: both for tests marked `both_databases`, else SQLite,
    or PostgreSQL with LEGDAY_TEST_DATABASE=postgresql (to try the whole suite on it)."""
    return str(getattr(request, "param", os.environ.get("LEGDAY_TEST_DATABASE", "sqlite")))


@pytest.fixture
def database_url(database: str, tmp_path: Path) -> Iterator[str]:
    if database == "postgresql":
        with fresh_database() as url:
            yield url
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'legday.sqlite3'}"


@pytest.fixture
def settings(api: LocalBotApi, database_url: str) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        database_url=database_url,
        telegram_base_url=api.base_url,
        log_level="DEBUG",
        # No overall pacing in tests (bench/ measures it); 429s are still retried.
        send_rate_limit=0,
    )


class BotRunner:
    """Starts and stops applications on one database, as a deployment would across restarts."""

    def __init__(self, settings: Settings, clock: FrozenClock) -> None:
        self.settings = settings
        self.clock = clock
        self.app: CoachApp | None = None

    async def start(self) -> CoachApp:
        await migrate(self.settings.database_url)
        app = build_application(self.settings, clock=self.clock)
        await app.initialize()
        await on_startup(app)
        self.app = app
        return app

    async def stop(self) -> None:
        if self.app is not None:
            await self.app.shutdown()
            await on_shutdown(self.app)
            self.app = None


@pytest.fixture
async def runner(settings: Settings, clock: FrozenClock) -> AsyncIterator[BotRunner]:
    bot = BotRunner(settings, clock)
    await bot.start()
    yield bot
    await bot.stop()


@pytest.fixture
def app(runner: BotRunner) -> CoachApp:
    assert runner.app is not None
    return runner.app


@pytest.fixture
def ana(app: CoachApp, api: LocalBotApi) -> Chat:
    return Chat(app, api, user_id=1001, first_name="Ana")


@pytest.fixture
def repo(app: CoachApp) -> Repository:
    assert app.bot_data.repo is not None
    return app.bot_data.repo


async def tick(app: CoachApp) -> int:
    """One run of the scheduler, as the repeating job does it: sends whatever is due now."""
    assert app.bot_data.scheduler is not None
    return await app.bot_data.scheduler.tick(app.bot)
