"""Claims that several bot processes share: each takes a small batch of due rows, sized by how
many processes are claiming at the moment, so a big morning is sent by all of them together
and their sends add up to one bot's rate (Telegram's limit is per bot, not per process).

A claimer names itself with the first CLAIMER_CHARS characters of every claim token it writes;
the processes "claiming at the moment" are those with a claim whose lease has not run out.
Counting them and claiming happen under one lock (PostgreSQL: a transaction-level advisory
lock; SQLite: its write lock, taken first by a write that changes nothing), so two processes
starting together never both find themselves alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from storage.models import MessageStatus, ScheduledMessage, User

CLAIMER_CHARS = 16  # of the 32 a claim token holds (ScheduledMessage.claim_token)
# Any fixed number: the key of the advisory lock that claims take turns on (PostgreSQL).
_CLAIM_LOCK = 0x6C656764  # "legd"


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
        claimable = or_(
            ScheduledMessage.status == MessageStatus.PENDING,
            (ScheduledMessage.status == MessageStatus.CLAIMED)
            & (ScheduledMessage.claimed_until < now),
        )
        async with self._sessions() as session:
            if self._engine.dialect.name == "postgresql":
                await session.execute(select(func.pg_advisory_xact_lock(_CLAIM_LOCK)))
            else:
                # Takes SQLite's write lock until the commit below: the count and the claim
                # are then one step for every process on the file.
                await session.execute(text("UPDATE scheduled_messages SET id = id WHERE 1 = 0"))
            prefix = func.substr(ScheduledMessage.claim_token, 1, len(claimer))
            others = await session.scalar(
                select(func.count(func.distinct(prefix))).where(
                    ScheduledMessage.status == MessageStatus.CLAIMED,
                    ScheduledMessage.claimed_until >= now,
                    prefix != claimer,
                )
            )
            claimers = int(others or 0) + 1
            size = size_for(claimers)
            candidates = (
                await session.execute(
                    select(ScheduledMessage.id, ScheduledMessage.status)
                    .where(claimable, ScheduledMessage.due_at <= now)
                    .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
                    .limit(size)
                )
            ).all()
            if not candidates:
                await session.commit()
                return Claim(claimers=claimers, token=token)
            await session.execute(
                update(ScheduledMessage)
                .where(ScheduledMessage.id.in_([row.id for row in candidates]), claimable)
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
                .where(ScheduledMessage.claim_token == token)
                .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
            )
            taken = [(message, user) for message, user in rows.all()]
        ours = {message.id for message, _ in taken}
        taken_over = sum(
            1 for row in candidates if row.id in ours and row.status == MessageStatus.CLAIMED
        )
        return Claim(taken, claimers, taken_over, token)
