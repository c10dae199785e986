"""Claims that several bot processes share: each takes a small batch of due rows, sized by how
many processes are claiming at the moment, so a big morning is sent by all of them together
and their sends add up to one bot's rate (Telegram's limit is per bot, not per process).

The processes "claiming at the moment" are the rows of `claimers` whose lease has not run out:
each claim that takes rows writes its process's row, leased as long as the rows it took; a
claim that finds nothing, or the process once it has sent its last claim (`leave`), deletes
it; a process that died drops out when its lease runs out. So counting them reads a table of
a row per process, however many rows are claimed. Counting and claiming happen under one lock
(PostgreSQL: a transaction-level advisory lock; SQLite: its write lock, taken by the claim's
first write, the claimer's own row), so two processes starting together never both find
themselves alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, case, delete, func, or_, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from storage.models import SEND_ORDER, Claimer, MessageStatus, ScheduledMessage, User

CLAIMER_CHARS = 16  # of the 32 a claim token holds (ScheduledMessage.claim_token)
# Any fixed number: the key of the advisory lock that claims take turns on (PostgreSQL).
_CLAIM_LOCK = 0x6C656764  # "legd"
# Rows due at the same moment go in SEND_ORDER (a morning push before a jog reminder).
_RANK = case(
    {kind.value: rank for rank, kind in enumerate(SEND_ORDER)},
    value=ScheduledMessage.kind,
    else_=len(SEND_ORDER),
)


def _upsert_claimer(insert: Any) -> Any:
    statement = insert(Claimer).values(
        name=bindparam("claimer"), alive_until=bindparam("alive_until")
    )
    return statement.on_conflict_do_update(
        index_elements=[Claimer.name], set_={"alive_until": statement.excluded.alive_until}
    )


_UPSERT_CLAIMER = {
    "postgresql": _upsert_claimer(pg_insert),
    "sqlite": _upsert_claimer(sqlite_insert),
}


def new_claimer() -> str:
    """A process's name in claim tokens: 16 random hex characters."""
    return uuid.uuid4().hex[:CLAIMER_CHARS]


@dataclass
class Claim:
    """What one claim took: `rows` (message, user) in due order; `claimers`, the processes
    claiming at that moment, this one included (>= 1); `taken_over`, how many of the rows
    another process had claimed and then let its lease run out on; `token`, this claim's."""

    rows: list[tuple[ScheduledMessage, User]] = field(default_factory=list)
    claimers: int = 1
    taken_over: int = 0
    token: str = ""


class SharedClaims:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def claim(
        self,
        now: datetime,
        lease: timedelta,
        claimer: str,
        size_for: Callable[[int], int],
    ) -> Claim:
        """Take up to `size_for(claimers)` due rows for `claimer` (see new_claimer), leased
        until now + lease: rows pending, and rows whose claim's lease ran out."""
        token = claimer + uuid.uuid4().hex[: 32 - len(claimer)]
        async with self._sessions() as session:
            if self._engine.dialect.name == "postgresql":
                await session.execute(select(func.pg_advisory_xact_lock(_CLAIM_LOCK)))
            # On SQLite this first write takes the write lock until the commit below: the
            # count and the claim are then one step for every process on the file.
            await session.execute(
                _UPSERT_CLAIMER[self._engine.dialect.name],
                {"claimer": claimer, "alive_until": now + lease},
            )
            counted = await session.scalar(
                select(func.count()).select_from(Claimer).where(Claimer.alive_until >= now)
            )
            claimers = max(1, int(counted or 0))
            size = size_for(claimers)
            candidates = (await session.execute(_claimable(now, size))).all()
            if not candidates:
                # Nothing to send: out of the count at once, with the long dead.
                await session.execute(_leaving(claimer, now))
                await session.commit()
                return Claim(claimers=claimers, token=token)
            ids = [row.id for row in candidates]
            await session.execute(
                update(ScheduledMessage)
                .where(
                    ScheduledMessage.id.in_(ids),
                    or_(
                        ScheduledMessage.status == MessageStatus.PENDING,
                        (ScheduledMessage.status == MessageStatus.CLAIMED)
                        & (ScheduledMessage.claimed_until < now),
                    ),
                )
                .values(
                    status=MessageStatus.CLAIMED,
                    claim_token=token,
                    claimed_until=now + lease,
                    attempts=ScheduledMessage.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            )
            await session.commit()
            rows = await session.execute(
                select(ScheduledMessage, User)
                .join(User, User.id == ScheduledMessage.user_id)
                .where(ScheduledMessage.id.in_(ids), ScheduledMessage.claim_token == token)
                .order_by(ScheduledMessage.due_at, _RANK, ScheduledMessage.id)
            )
            taken = [(message, user) for message, user in rows.all()]
        ours = {message.id for message, _ in taken}
        taken_over = sum(
            1 for row in candidates if row.id in ours and row.status == MessageStatus.CLAIMED
        )
        return Claim(taken, claimers, taken_over, token)

    async def leave(self, claimer: str, now: datetime) -> None:
        """`claimer` has sent what it claimed: it no longer counts as claiming (nor does any
        process whose lease ran out before `now`). Harmless if it was not counted."""
        async with self._sessions() as session:
            await session.execute(_leaving(claimer, now))
            await session.commit()


def _leaving(claimer: str, now: datetime) -> Any:
    return delete(Claimer).where(or_(Claimer.name == claimer, Claimer.alive_until < now))


def _claimable(now: datetime, size: int) -> Any:
    """Up to `size` rows due by `now`, soonest first (of those due together, in SEND_ORDER):
    pending, or claimed with a lease that ran out. Each kind is read through its own index
    (status, due_at / claimed_until), so the rows claimed and still leased are not read at all,
    however many there are."""
    columns = (
        ScheduledMessage.id,
        ScheduledMessage.status,
        ScheduledMessage.due_at,
        _RANK.label("rank"),
    )
    pending = (
        select(*columns)
        .where(ScheduledMessage.status == MessageStatus.PENDING, ScheduledMessage.due_at <= now)
        .order_by(ScheduledMessage.due_at, _RANK, ScheduledMessage.id)
        .limit(size)
        .subquery()
    )
    expired = (
        select(*columns)
        .where(
            ScheduledMessage.status == MessageStatus.CLAIMED,
            ScheduledMessage.claimed_until < now,
            ScheduledMessage.due_at <= now,
        )
        .order_by(ScheduledMessage.claimed_until, ScheduledMessage.id)
        .limit(size)
        .subquery()
    )
    both = union_all(select(pending), select(expired)).subquery()
    return (
        select(both.c.id, both.c.status).order_by(both.c.due_at, both.c.rank, both.c.id).limit(size)
    )
