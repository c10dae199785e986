"""Is the database writable? The faults an operator must fix (a full disk, a read-only file
or server), told apart from a busy or briefly unreachable database, and a small write to check.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import ProcessedUpdate

# The row the health check writes: an update id Telegram never uses (its ids are positive),
# so no update is ever taken for it, and `forget_processed` clears it like any other.
HEALTH_MARK = -1

# SQLite's primary result codes (https://sqlite.org/rescode.html) that mean the file cannot
# be written until someone acts: no permission, read-only, disk I/O failed, disk full. (A file
# that cannot be opened at all, SQLITE_CANTOPEN, counts as unreachable, like a server down.)
_SQLITE_STORAGE = frozenset({3, 8, 10, 13})
# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# class 53 (insufficient resources: disk full, out of memory), 25006 (read-only transaction,
# as on a standby or with default_transaction_read_only), 58030 (I/O error).
_PG_STORAGE_CLASSES = ("53",)
_PG_STORAGE_STATES = frozenset({"25006", "58030"})


def storage_fault(error: BaseException) -> str | None:
    """The driver's own message when `error` (a SQLAlchemy DBAPIError, or what it wraps) says
    the database cannot be written: e.g. 'attempt to write a readonly database',
    'database or disk is full'; None for any other error (a lock, a lost connection)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in _SQLITE_STORAGE:
                return str(current)
        state = getattr(current, "sqlstate", None)
        if isinstance(state, str) and (
            state in _PG_STORAGE_STATES or state.startswith(_PG_STORAGE_CLASSES)
        ):
            message = str(current)
            # SQLAlchemy's asyncpg adapter prefixes the class of the error it wraps.
            return message.split(": ", 1)[1] if message.startswith("<class ") else message
        current = getattr(current, "orig", None) or current.__cause__
    return None


async def write_probe(engine: AsyncEngine, now: datetime) -> None:
    """One small committed write (the HEALTH_MARK row of processed_updates). Raises what the
    driver raises when the database cannot be written or reached."""
    try:
        async with engine.begin() as connection:
            await connection.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.update_id == HEALTH_MARK)
            )
            await connection.execute(
                insert(ProcessedUpdate).values(update_id=HEALTH_MARK, processed_at=now)
            )
    except IntegrityError:
        pass  # another process wrote its mark at the same moment: the database took a write
