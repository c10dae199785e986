"""Who counts as claiming (storage.claims): the processes with a live lease in `claimers`, a
row each, so that sizing a claim costs the same however many rows are claimed."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.claims import SharedClaims, new_claimer
from storage.db import create_engine, make_session_factory, upgrade
from storage.models import Claimer, MessageKind, MessageStatus, ScheduledMessage
from storage.repository import Repository

LEASE = timedelta(minutes=2)  # as the scheduler leases a claim
NOW = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


async def due_rows(engine: AsyncEngine, pending: int, claimed: int = 0) -> None:
    """User 7 with `pending` rows due at NOW, and `claimed` more that a live process holds."""
    await Repository(make_session_factory(engine)).users.ensure(7, 7, NOW)
    holder = new_claimer() + "0" * 16
    rows: list[dict[str, Any]] = [
        {
            "user_id": 1,
            "kind": MessageKind.JOG_REMINDER,
            "due_at": NOW - timedelta(seconds=number % 7),
            "payload": {},
            "status": MessageStatus.CLAIMED if number < claimed else MessageStatus.PENDING,
            "claim_token": holder if number < claimed else None,
            "claimed_until": NOW + LEASE if number < claimed else None,
            "attempts": int(number < claimed),
            "created_at": NOW - timedelta(days=1),
        }
        for number in range(claimed + pending)
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(ScheduledMessage), rows)


class Counted:
    """Claims, noting how many processes each found claiming."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.claims = SharedClaims(engine)
        self.seen: list[int] = []

    async def claim(self, claimer: str, now: datetime, size: int = 3) -> int:
        def size_for(claimers: int) -> int:
            self.seen.append(claimers)
            return size

        return len((await self.claims.claim(now, LEASE, claimer, size_for)).rows)


@pytest.mark.both_databases
async def test_a_process_counts_as_claiming_until_it_leaves_or_its_lease_runs_out(
    engine: AsyncEngine,
) -> None:
    await due_rows(engine, pending=30)
    counted = Counted(engine)
    dead, leaving, alive = new_claimer(), new_claimer(), new_claimer()

    assert await counted.claim(dead, NOW) == 3  # and then this process is killed
    assert await counted.claim(leaving, NOW + timedelta(seconds=1)) == 3
    assert await counted.claim(alive, NOW + timedelta(seconds=2)) == 3
    await counted.claims.leave(leaving, NOW + timedelta(seconds=3))  # it sent all it took
    assert await counted.claim(alive, NOW + LEASE - timedelta(seconds=1)) == 3
    # The dead one's lease ran out: it no longer slows the others down.
    assert await counted.claim(alive, NOW + LEASE + timedelta(seconds=1)) == 3

    assert counted.seen == [1, 2, 3, 2, 1]
    await counted.claims.leave(alive, NOW + LEASE + timedelta(seconds=2))
    async with engine.connect() as connection:  # the dead one's row went with it
        assert (await connection.scalars(select(Claimer.name))).all() == []


@pytest.mark.both_databases
async def test_a_claim_that_finds_nothing_leaves_the_count_at_once(engine: AsyncEngine) -> None:
    await due_rows(engine, pending=3)
    counted = Counted(engine)
    idle, busy = new_claimer(), new_claimer()

    assert await counted.claim(busy, NOW) == 3
    assert await counted.claim(idle, NOW) == 0  # nothing left: it does not count
    assert await counted.claim(busy, NOW) == 0

    assert counted.seen == [1, 2, 1]
    async with engine.connect() as connection:
        assert (await connection.scalars(select(Claimer.name))).all() == []


@pytest.mark.both_databases
async def test_every_claim_due_of_one_repository_counts_as_one_process(
    engine: AsyncEngine,
) -> None:
    """The tests' and the benchmark's claims (Schedule.claim_due) claim under the repository's
    one name: three of them are one process claiming, not three, for the whole lease."""
    await due_rows(engine, pending=30)
    repo = Repository(make_session_factory(engine))
    for second in range(3):
        rows = await repo.schedule.claim_due(NOW + timedelta(seconds=second), LEASE, limit=3)
        assert len(rows) == 3
    counted = Counted(engine)
    other = new_claimer()

    assert await counted.claim(other, NOW + timedelta(seconds=3)) == 3
    await repo.schedule.leave(repo.schedule.claimer, NOW + timedelta(seconds=4))
    assert await counted.claim(other, NOW + timedelta(seconds=5)) == 3

    assert counted.seen == [2, 1]
    async with engine.connect() as connection:
        assert (await connection.scalars(select(Claimer.name))).all() == [other]


def steps_of(database: Path, statements: Sequence[tuple[str, Any]]) -> int:
    """SQLite virtual machine instructions that running `statements` (with their parameters)
    takes, in a transaction rolled back afterwards: a scan of N rows is some N times ten."""
    steps = 0

    def step() -> int:
        nonlocal steps
        steps += 1
        return 0

    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("BEGIN")
        connection.set_progress_handler(step, 1)
        for statement, parameters in statements:
            connection.execute(statement, parameters).fetchall()
        connection.set_progress_handler(None, 1)
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    return steps


async def claim_statements(database: Path, claimed: int) -> list[tuple[str, Any]]:
    """What one claim of 10 rows runs, with 50 rows pending and `claimed` held by another."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        await upgrade(engine)
        await due_rows(engine, pending=50, claimed=claimed)
        ran: list[tuple[str, Any]] = []

        def note(*args: Any) -> None:
            ran.append((args[2], args[3]))

        event.listen(engine.sync_engine, "before_cursor_execute", note)
        await Counted(engine).claim(new_claimer(), NOW, size=10)
        event.remove(engine.sync_engine, "before_cursor_execute", note)
    finally:
        await engine.dispose()
    return ran


async def test_claiming_reads_none_of_the_rows_other_processes_hold(tmp_path: Path) -> None:
    """A big morning's claims must not slow down as claimed rows pile up: the claim's
    statements, run again on SQLite, take as many steps beside 5,000 claimed rows as beside
    20 (counting the claimers by their claimed rows read all 5,000, some 50,000 steps)."""
    few, many = tmp_path / "few.db", tmp_path / "many.db"
    statements_few = await claim_statements(few, claimed=20)
    statements_many = await claim_statements(many, claimed=5000)

    steps_few, steps_many = steps_of(few, statements_few), steps_of(many, statements_many)
    assert steps_many < steps_few * 1.5, (steps_few, steps_many)
