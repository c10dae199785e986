"""Engine and sessions: SQLite by default (WAL, busy timeout), or any SQLAlchemy async URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, ExceptionContext, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, PoolResetState

from storage.health import storage_fault

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
    # SQLAlchemy's own aiosqlite dialect, as it comes: it connects with the timeout below
    # and keeps aiosqlite's worker thread from holding the process open at exit. A connection
    # back in the pool is rolled back only if a transaction is open (see _reset).
    engine = _create_async_engine(
        url, connect_args={"timeout": busy_timeout_ms / 1000}, pool_reset_on_return=None
    )

    @event.listens_for(engine.sync_engine, "reset")
    def _reset(dbapi_connection: Any, record: ConnectionPoolEntry, state: PoolResetState) -> None:
        # The pool would roll back every connection it gets back, one trip to aiosqlite's
        # thread each, though most were just committed or only read: sqlite3 begins a
        # transaction only for a write, and says whether one is open.
        driver = record.driver_connection
        if state.asyncio_safe and driver is not None and driver.in_transaction:
            dbapi_connection.rollback()

    @event.listens_for(engine.sync_engine, "handle_error")
    def _reopen_after_storage_fault(context: ExceptionContext) -> None:
        # A connection opened while the file was read-only stays read-only after the file is
        # writable again: a storage fault drops the pooled connections, as a lost connection
        # would, so the next ones open the file as it is now.
        if storage_fault(context.original_exception) is not None:
            context.is_disconnect = True

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
        # What is deleted is overwritten with zeros, not only unlinked: /delete leaves no
        # bytes of the user in the file (see wipe_deleted for the write-ahead log).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return engine


async def wipe_deleted(engine: AsyncEngine) -> bool:
    """After an erasure, on SQLite: copy the write-ahead log into the file (where
    secure_delete has zeroed what was deleted) and truncate the log to nothing, so no earlier
    version of the erased rows is left on disk. False if another connection was reading the
    log and it could not be emptied now (it is at the next checkpoint). PostgreSQL: nothing
    to do here; its dead rows go at the next (auto)vacuum."""
    if engine.dialect.name != "sqlite":
        return True
    async with engine.connect() as connection:
        result = await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        row = result.first()
    return row is not None and row[0] == 0


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply every migration not yet applied, up to `revision` (an id such as "0011"; the
    newest by default); harmless when the schema is there already."""

    def _run(connection: Connection) -> None:
        command.upgrade(_alembic_config(connection), revision)

    async with engine.begin() as connection:
        await connection.run_sync(_run)
