"""Faults an operator must fix, told apart from the passing ones, on SQLite and PostgreSQL: a
read-only database fails the health check's write with the driver's own words, and the same
engine writes again as soon as the database is writable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import asyncpg
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import sqlite_path
from storage.health import HEALTH_MARK, storage_fault, write_probe
from storage.models import ProcessedUpdate
from tests.disk import read_only

NOW = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


async def _postgres_read_only(engine: AsyncEngine, on: bool) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("SET TRANSACTION READ WRITE"))  # the way back
        name = await connection.scalar(text("SELECT current_database()"))
        setting = "on" if on else "off"
        await connection.execute(
            text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = {setting}')
        )
    await engine.dispose()  # the setting holds for sessions started from now on


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@pytest.mark.both_databases
async def test_a_read_only_database_fails_the_write_with_the_drivers_message_until_writable(
    engine: AsyncEngine, database_url: str
) -> None:
    await write_probe(engine, NOW)
    path = sqlite_path(database_url)

    with read_only(path) if path is not None else _nothing():
        if path is None:
            await _postgres_read_only(engine, on=True)
        else:
            await engine.dispose()  # connections opened from now on can only read
        with pytest.raises(DBAPIError) as failed:
            await write_probe(engine, NOW)
    if path is None:
        await _postgres_read_only(engine, on=False)

    assert storage_fault(failed.value) == (
        "cannot execute DELETE in a read-only transaction"
        if path is None
        else "attempt to write a readonly database"
    )
    await write_probe(engine, NOW)  # the same engine, no restart
    async with engine.connect() as connection:
        marks = await connection.scalar(
            select(func.count()).where(ProcessedUpdate.update_id == HEALTH_MARK)
        )
    assert marks == 1


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # as sqlite3 sets it
    return error


def test_only_faults_that_need_an_operator_count_as_storage_faults() -> None:
    assert storage_fault(_sqlite_error("database or disk is full", 13)) == (
        "database or disk is full"
    )
    assert storage_fault(_sqlite_error("disk I/O error", 10 | 3 << 8)) == "disk I/O error"
    assert storage_fault(asyncpg.exceptions.DiskFullError("could not extend file")) == (
        "could not extend file"
    )
    # Passing troubles, or not the storage at all: handled as before.
    assert storage_fault(_sqlite_error("database is locked", 5)) is None
    assert storage_fault(_sqlite_error("unable to open database file", 14)) is None
    assert storage_fault(asyncpg.exceptions.LockNotAvailableError("lock timeout")) is None
    assert storage_fault(ConnectionRefusedError(111, "Connect call failed")) is None
