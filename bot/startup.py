"""What can stop a start before the bot runs, each said in one line with an exit code that tells
a supervisor whether restarting can help: EXIT_SETTING (2) for a setting that is wrong, which
only a person can fix; EXIT_FAULT (1) for a fault that may pass (a database or the Bot API that
is down, a database that cannot be written until the disk or the mount is fixed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InvalidRequestError, NoSuchModuleError

from storage.db import create_engine, sqlite_path, upgrade
from storage.health import storage_fault, write_probe

EXIT_FAULT = 1
EXIT_SETTING = 2

URL_SHAPES = "sqlite+aiosqlite:////path/to/file.sqlite3 or postgresql+asyncpg://user:pw@host/db"
# PostgreSQL SQLSTATEs that a restart cannot fix: class 28 (the user or password was refused),
# 3D000 (no such database).
_REFUSED_SETTINGS = ("28", "3D000")


class StartupFault(Exception):
    """`message`: the one line to print; `code`: EXIT_SETTING or EXIT_FAULT."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def describe_database(url: str) -> str:
    """For people and logs, never with the password: 'SQLite file /path' or 'host:port/db'.
    Raises StartupFault (EXIT_SETTING) for a string that is no database URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StartupFault(
            f"Configuration error: DATABASE_URL: not a database URL; it looks like {URL_SHAPES}",
            EXIT_SETTING,
        ) from None
    path = sqlite_path(url)
    if path is not None:
        return f"SQLite file {path}"
    return parsed.render_as_string(hide_password=True).split("@")[-1]


def _sqlstate(error: BaseException) -> str | None:
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        state = getattr(current, "sqlstate", None)
        if isinstance(state, str):
            return state
        current = getattr(current, "orig", None) or current.__cause__
    return None


def _driver_message(error: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's statement and link."""
    inner = error.orig if isinstance(error, DBAPIError) else error
    text = str(inner).splitlines()[0] if str(inner) else type(inner).__name__
    return text.split(": ", 1)[1] if text.startswith("<class ") else text


async def prepare_database(url: str, now: datetime, probe: bool = True) -> str:
    """Migrate the schema, then (with `probe`) make one small write, so a database the bot
    could only read fails now rather than at the first user. Returns describe_database(url).
    Raises StartupFault."""
    where = describe_database(url)
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ImportError, InvalidRequestError) as exc:
        driver = make_url(url).drivername
        raise StartupFault(
            f"Configuration error: DATABASE_URL: no asyncio driver for {driver!r} ({exc}); "
            f"use {URL_SHAPES}",
            EXIT_SETTING,
        ) from None
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise StartupFault(f"Cannot open the database ({where}): {exc}", EXIT_FAULT) from None
    try:
        await upgrade(engine)
        if probe:
            await write_probe(engine, now)
    except (DBAPIError, OSError, TimeoutError) as exc:
        state = _sqlstate(exc)
        if state is not None and state.startswith(_REFUSED_SETTINGS):
            raise StartupFault(
                f"Configuration error: DATABASE_URL: the database refused it: "
                f"{_driver_message(exc)}",
                EXIT_SETTING,
            ) from None
        fault = storage_fault(exc)
        if fault is not None:
            raise StartupFault(
                f"The database ({where}) cannot be written: {fault}", EXIT_FAULT
            ) from None
        raise StartupFault(
            f"Cannot reach the database ({where}): {_driver_message(exc)}", EXIT_FAULT
        ) from None
    finally:
        await engine.dispose()
    return where
