"""Where a statement runs: in the unit of work under way, or in a short transaction of its own.

A unit of work is one transaction on one connection, taken at its first statement and kept in
a context variable, so every repository (storage.users, storage.checkins, ...) that runs while
it is open writes into it, and what a step writes lands all together or not at all. Two kinds:
an update's (storage.repository.Repository.one_update: committed by `mark_processed`, before
the reply that shows the step) and an explicit one (Repository.unit_of_work: committed when
its block ends without an exception). Outside any unit, each repository call is its own
transaction, committed on the way out.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextvars import ContextVar
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker


class UnitOfWork:
    """One unit's connection (None until its first statement) and what it knows meanwhile."""

    def __init__(self) -> None:
        self.connection: AsyncConnection | None = None
        self.open = True
        self.recorded = False  # an update's: its update id is written (and committed)
        self.written = False  # it wrote something not committed yet
        # Users as the update's first look read them, by Telegram id (None: not known), so
        # that the handlers' reads of the user cost no second query.
        self.users: dict[int, dict[str, Any] | None] = {}
        # An update's: the message whose button it pressed (chat id, message id), whether the
        # press acted (noted with the update id, see storage.presses), and whether that note
        # is written.
        self.update_id: int | None = None
        self.press: tuple[int, int] | None = None
        self.press_acted = False
        self.press_noted = False

    def forget_user(self, telegram_user_id: int) -> None:
        """The user was written: a later read in the unit reads them afresh."""
        self.users.pop(telegram_user_id, None)


_CURRENT: ContextVar[UnitOfWork | None] = ContextVar("legday_unit_of_work", default=None)


def current() -> UnitOfWork | None:
    """The unit of work open in this task, if any."""
    unit = _CURRENT.get()
    return unit if unit is not None and unit.open else None


class Database:
    """The engine and sessions every repository shares, and the unit of work in progress."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions
        # The hot paths use Core on a plain connection: the ORM session adds nothing to a
        # statement that loads no objects, but costs CPU on every one.
        engine = sessions.kw.get("bind")
        if not isinstance(engine, AsyncEngine):
            raise TypeError("the session factory must be bound to an engine")
        self.engine = engine

    @contextlib.asynccontextmanager
    async def unit(self, *, commit: bool) -> AsyncIterator[UnitOfWork]:
        """Open a unit of work, or join the one already open (which then commits for both).
        `commit`: commit what it wrote when the block ends without an exception; either way,
        whatever is left uncommitted at the end is rolled back."""
        outer = current()
        if outer is not None:
            yield outer
            return
        unit = UnitOfWork()
        token = _CURRENT.set(unit)
        try:
            yield unit
            if commit and unit.connection is not None and unit.connection.in_transaction():
                await unit.connection.commit()
        finally:
            unit.open = False
            _CURRENT.reset(token)
            if unit.connection is not None:
                await unit.connection.close()

    async def connection_of(self, unit: UnitOfWork) -> AsyncConnection:
        if unit.connection is None:
            unit.connection = await self.engine.connect()
        return unit.connection

    async def commit(self) -> None:
        """Commit what the unit under way has written so far (outside one, each call has
        committed already)."""
        unit = current()
        if unit is not None and unit.connection is not None and unit.connection.in_transaction():
            await unit.connection.commit()
            unit.written = False

    async def rollback(self) -> None:
        """Roll back what the unit under way has written so far (nothing outside one)."""
        unit = current()
        if unit is not None and unit.connection is not None:
            await unit.connection.rollback()
            unit.written = False

    @contextlib.asynccontextmanager
    async def writing(self, *, writes: bool = True) -> AsyncIterator[AsyncConnection]:
        """A connection to run Core statements on: the unit's, its transaction left open; or,
        outside a unit, a transaction of its own, committed on the way out. `writes=False`:
        what runs on it writes nothing that waits for the unit's commit."""
        unit = current()
        if unit is None:
            async with self.engine.begin() as connection:
                yield connection
            return
        unit.written = unit.written or writes
        yield await self.connection_of(unit)

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """An ORM session that may write: in a unit, on the unit's connection and inside its
        transaction (flushed on the way out, committed with the unit); outside, a session of
        its own, committed on the way out."""
        unit = current()
        if unit is None:
            async with self.sessions() as session:
                yield session
                await session.commit()
            return
        unit.written = True
        connection = await self.connection_of(unit)
        if not connection.in_transaction():
            # Begun here, not by the session: a session that begins a transaction owns it
            # and would roll it back when it closes.
            await connection.begin()
        async with AsyncSession(connection, expire_on_commit=False) as session:
            yield session
            await session.flush()

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session to read with: in a unit, on the unit's connection (no connection of its
        own to take, and what the unit wrote is seen); outside, one of its own."""
        unit = current()
        if unit is None:
            async with self.sessions() as session:
                yield session
            return
        connection = await self.connection_of(unit)
        async with AsyncSession(connection, expire_on_commit=False) as session:
            yield session
