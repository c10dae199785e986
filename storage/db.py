"""Engine and sessions: SQLite by default (WAL, busy timeout), or any SQLAlchemy async URL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from threading import Thread
from typing import Any, TypeVar, cast

import aiosqlite
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_T = TypeVar("_T")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database).expanduser().resolve()


def create_engine(url: str, busy_timeout_ms: int = 5000) -> AsyncEngine:
    path = sqlite_path(url)
    if path is None:
        connect_args: dict[str, Any] = {}
        if make_url(url).get_driver_name() == "asyncpg":
            # Rows or tables another process holds locked: give up after as long as SQLite
            # would wait (the user is asked to try again) instead of hanging the update.
            connect_args["server_settings"] = {"lock_timeout": str(int(busy_timeout_ms))}
        return _create_async_engine(url, pool_pre_ping=True, connect_args=connect_args)
    path.parent.mkdir(parents=True, exist_ok=True)
    timeout = busy_timeout_ms / 1000
    if make_url(url).query:  # options for the driver: leave the connecting to SQLAlchemy
        engine = _create_async_engine(url, connect_args={"timeout": timeout})
    else:

        async def connect() -> _OneHopConnection:
            # The arguments SQLAlchemy's aiosqlite dialect would pass.
            connection = aiosqlite.connect(path, timeout=timeout, check_same_thread=False)
            worker = connection if isinstance(connection, Thread) else connection._thread
            worker.daemon = True  # as that dialect does: never keep the process alive
            return _OneHopConnection(await connection)

        engine = _create_async_engine(url, async_creator=connect)

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets readers work while a writer commits; the busy timeout waits out short locks.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # In WAL mode NORMAL never corrupts the file and survives a process crash; only a
        # power cut can lose the last commits. FULL would fsync every one of them.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


class _OneHopCursor:
    """An aiosqlite cursor look-alike for SQLAlchemy's adapter. aiosqlite sends the cursor's
    creation, the statement, the fetch and the close to its worker thread one by one, each a
    thread switch and an event loop wake-up; here they are one trip, which is most of the CPU
    a short statement costs. Rows are fetched eagerly, as the adapter does anyway."""

    arraysize = 1

    def __init__(self, connection: _OneHopConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: list[Any] = []

    async def __aenter__(self) -> _OneHopCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Any = None) -> _OneHopCursor:
        return await self._run(lambda cursor: cursor.execute(sql, parameters or ()))

    async def executemany(self, sql: str, parameters: Any) -> _OneHopCursor:
        return await self._run(lambda cursor: cursor.executemany(sql, parameters))

    async def _run(self, statement: Callable[[sqlite3.Cursor], object]) -> _OneHopCursor:
        def in_worker(db: sqlite3.Connection) -> tuple[Any, int, int | None, list[Any], bool]:
            cursor = db.cursor()
            try:
                statement(cursor)
                rows = cursor.fetchall() if cursor.description else []
                return (
                    cursor.description,
                    cursor.rowcount,
                    cursor.lastrowid,
                    rows,
                    db.in_transaction,
                )
            finally:
                cursor.close()

        try:
            found = await self._connection.run(in_worker)
        except BaseException:
            self._connection.in_transaction = True  # a failed write may have begun one
            raise
        self.description, self.rowcount, self.lastrowid, self._rows, in_transaction = found
        self._connection.in_transaction = in_transaction
        return self

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        size = size or self.arraysize
        rows, self._rows = self._rows[:size], self._rows[size:]
        return rows

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def close(self) -> None:
        self._rows = []


_PAST_OUR_CURSOR = frozenset({"execute", "executemany", "executescript", "execute_insert"})


class _OneHopConnection:
    """An aiosqlite connection whose cursors make one trip per statement, and whose commit
    or rollback makes none when no transaction is open: SQLAlchemy's pool rolls back every
    connection it gets back, even one just committed or one that only read. Anything else
    goes to aiosqlite's own connection."""

    def __init__(self, inner: aiosqlite.Connection) -> None:
        self._inner = inner
        self.in_transaction = True  # not known yet: assume so, which costs one trip at most

    def __getattr__(self, name: str) -> Any:
        if name in _PAST_OUR_CURSOR:
            # A statement run straight on aiosqlite's connection (say, through
            # `driver_connection`) may open a transaction we would not see: assume it did,
            # so the commit or rollback that follows is not skipped.
            self.in_transaction = True
        return getattr(self._inner, name)

    async def run(self, function: Callable[[sqlite3.Connection], _T]) -> _T:
        """`function(sqlite3 connection)` in aiosqlite's worker thread, the one thread that may
        use the connection."""
        inner = self._inner
        # aiosqlite's own way into its thread (private, untyped, there since its first
        # releases): each of its public methods is a call of this.
        done = await inner._execute(lambda: function(inner._conn))  # type: ignore[no-untyped-call]
        return cast(_T, done)

    def cursor(self) -> _OneHopCursor:
        return _OneHopCursor(self)

    async def commit(self) -> None:
        await self._end(sqlite3.Connection.commit)

    async def rollback(self) -> None:
        await self._end(sqlite3.Connection.rollback)

    async def _end(self, how: Callable[[sqlite3.Connection], None]) -> None:
        if not self.in_transaction:
            return  # sqlite3 itself would do nothing, after a trip to the worker thread

        def in_worker(db: sqlite3.Connection) -> bool:
            how(db)
            return db.in_transaction

        try:
            self.in_transaction = await self.run(in_worker)
        except BaseException:
            self.in_transaction = True  # as far as we know: the next rollback will tell
            raise


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every migration not yet applied; harmless when the schema is current."""

    def _run(connection: Connection) -> None:
        command.upgrade(_alembic_config(connection), "head")

    async with engine.begin() as connection:
        await connection.run_sync(_run)
