"""Shared fixtures: a running bot on a fresh database, the Bot API stand-in, and a frozen clock."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_application, migrate, on_shutdown, on_startup
from bot.config import Settings
from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations.activity_files import stop_reading
from conversations.chart import stop_drawing
from storage.repository import Repository
from tests.chat import Chat, FrozenClock
from tests.chat import tick as tick  # where the tests have long imported it from
from tests.pg import fresh_database
from tests.remote import INSTANTS, MIDDAY, TOKEN, BotProcess

__all__ = ["TOKEN"]  # the stand-in token, for tests that check it never leaks

# Every process the suite starts inherits this mark, so the end of the run can find any left.
RUN_MARK = "LEGDAY_TEST_RUN"
# Python's own helper of the chart worker (conversations.chart): it ends with this process.
HELPER = "multiprocessing.resource_tracker"


@pytest.fixture
def api(clock: FrozenClock) -> Iterator[LocalBotApi]:
    # Telegram's dates (a message's `date`) follow the tests' clock, as the bot's "now" does.
    server = LocalBotApi(clock=clock)
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
    config.addinivalue_line(
        "markers", "any_hour: run these end-to-end tests with the bot's clock at each instant"
    )
    os.environ.setdefault(RUN_MARK, uuid.uuid4().hex)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_databases"
    ):
        metafunc.parametrize("database", ["sqlite", "postgresql"], indirect=True)
    if "instant" in metafunc.fixturenames and metafunc.definition.get_closest_marker("any_hour"):
        metafunc.parametrize("instant", list(INSTANTS.values()), ids=list(INSTANTS), indirect=True)


@pytest.fixture
def instant(request: pytest.FixtureRequest) -> datetime:
    """Where a real bot process's clock starts: each of INSTANTS for tests marked `any_hour`,
    else midday UTC; never the hour the suite happens to run at."""
    return getattr(request, "param", MIDDAY)


@pytest.fixture
def bot_process(api: LocalBotApi, instant: datetime) -> Iterator[Callable[..., BotProcess]]:
    """Makes `legday-bot run` processes (not yet started) and stops them all at teardown, pass
    or fail: `bot_process(home, env, args=("run",))`."""
    made: list[BotProcess] = []

    def make(
        home: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ("run",)
    ) -> BotProcess:
        process = BotProcess(api, home, dict(env or {}), args, at=instant)
        made.append(process)
        return process

    yield make
    for process in made:
        process.close()


def _left_running(mark: str) -> list[str]:
    """Processes other than this one that carry this run's mark: started by the suite."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if f"{RUN_MARK}={mark}".encode() in environ and HELPER not in command:
            found.append(f"{entry.name}: {command.strip()}")
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fails the run if a process the suite started outlived it (and ends that process)."""
    stop_drawing()  # the chart worker lives as long as the process that started it
    stop_reading()  # and so does the activity files' one
    mark = os.environ.get(RUN_MARK)
    if mark is None or not Path("/proc/self/environ").exists():
        return
    deadline = time.monotonic() + 5  # a process told to stop a moment ago may still be exiting
    while (left := _left_running(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    if not left:
        return
    for line in left:
        with contextlib.suppress(OSError):
            os.kill(int(line.split(":")[0]), 9)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("processes started by the suite were still running:", red=True)
        for line in left:
            reporter.write_line(f"  {line}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
