"""The schedule aggregate: every future push, reminder and timer cue as a row, and its claims."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.claims import Claim, SharedClaims, new_claimer
from storage.models import MessageKind, MessageStatus, Payload, ScheduledMessage, User
from storage.transactions import Database
from storage.users import UnknownUser, pk_of

_INSERT: dict[str, Any] = {"postgresql": pg_insert, "sqlite": sqlite_insert}


class Schedule:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._claims = SharedClaims(db.engine)
        # claim_due's process name: one per repository, as one process claims under one name
        # (a fresh name per call would count as another live process for a whole lease).
        self.claimer = new_claimer()

    async def add(
        self,
        telegram_user_id: int,
        kind: MessageKind,
        due_at: datetime,
        now: datetime,
        payload: Payload | None = None,
        dedupe_key: str | None = None,
        jog_session_id: int | None = None,
    ) -> bool:
        """Add a future message; False (and nothing added) if its dedupe key was used already.
        A used key is passed over by the database, not raised: in a unit of work an error
        would end the whole transaction (PostgreSQL refuses every statement after one)."""
        async with self._db.writing() as connection:
            pk = await connection.scalar(pk_of(telegram_user_id))
            if pk is None:
                raise UnknownUser(telegram_user_id)
            insert = _INSERT.get(connection.dialect.name, sqlite_insert)
            result = await connection.execute(
                insert(ScheduledMessage)
                .values(
                    user_id=pk,
                    kind=kind,
                    due_at=due_at,
                    payload=dict(payload or {}),
                    status=MessageStatus.PENDING,
                    attempts=0,
                    dedupe_key=dedupe_key,
                    jog_session_id=jog_session_id,
                    created_at=now,
                )
                .on_conflict_do_nothing(index_elements=[ScheduledMessage.dedupe_key])
            )
            return bool(result.rowcount)

    async def unschedule(
        self, telegram_user_id: int, kinds: Iterable[MessageKind], jog_session_id: int | None = None
    ) -> int:
        """Drop pending rows (deleted, so their dedupe keys are free to be used again)."""
        async with self._db.writing() as connection:
            pk = await connection.scalar(pk_of(telegram_user_id))
            if pk is None:
                return 0
            query = delete(ScheduledMessage).where(
                ScheduledMessage.user_id == pk,
                ScheduledMessage.kind.in_(list(kinds)),
                ScheduledMessage.status == MessageStatus.PENDING,
            )
            if jog_session_id is not None:
                query = query.where(ScheduledMessage.jog_session_id == jog_session_id)
            result = await connection.execute(query)
            return int(result.rowcount or 0)

    async def reschedule(self, message_id: int, due_at: datetime) -> bool:
        """Move a row that is still pending to `due_at`; False (nothing changed) when it is not
        pending any more: a process has claimed it and is sending it."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(ScheduledMessage)
                .where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                )
                .values(due_at=due_at)
            )
            return bool(result.rowcount)

    async def cancel(self, message_id: int) -> bool:
        """Drop a row that is still pending; False when it is not pending any more."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                delete(ScheduledMessage).where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                )
            )
            return bool(result.rowcount)

    async def pending(self, telegram_user_id: int) -> list[ScheduledMessage]:
        """The user's rows not yet claimed, soonest first."""
        return await self._of(telegram_user_id, ScheduledMessage.status == MessageStatus.PENDING)

    async def unsent(self, telegram_user_id: int) -> list[ScheduledMessage]:
        """The user's rows still to go out: pending, or claimed and not yet settled (a row
        claimed beside the one being rendered is sent moments later), soonest first."""
        return await self._of(
            telegram_user_id,
            ScheduledMessage.status.in_([MessageStatus.PENDING, MessageStatus.CLAIMED]),
        )

    async def list_for(self, telegram_user_id: int) -> list[ScheduledMessage]:
        """All the user's rows, whatever their status, soonest first."""
        return await self._of(telegram_user_id)

    async def _of(self, telegram_user_id: int, *where: Any) -> list[ScheduledMessage]:
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(ScheduledMessage)
                .join(User, User.id == ScheduledMessage.user_id)
                .where(User.telegram_user_id == telegram_user_id, *where)
                .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
            )
            return list(rows)

    async def claim(
        self, now: datetime, lease: timedelta, claimer: str, size_for: Callable[[int], int]
    ) -> Claim:
        """Take due rows for `claimer` alone, as many as `size_for(processes claiming)`, in
        a transaction of its own whatever unit of work is open (see storage.claims: several
        processes share a big morning). A claim whose lease ran out can be taken again."""
        return await self._claims.claim(now, lease, claimer, size_for)

    async def leave(self, claimer: str, now: datetime) -> None:
        """`claimer` has sent all it claimed: it no longer counts as claiming (storage.claims)."""
        await self._claims.leave(claimer, now)

    async def claim_due(
        self, now: datetime, lease: timedelta, limit: int = 500
    ) -> list[tuple[ScheduledMessage, User]]:
        """Up to `limit` due rows, whatever the number of processes claiming, for this
        repository's claimer (`self.claimer`): every call of one repository counts as one
        process claiming, until it `leave`s or its lease runs out (storage.claims)."""
        return (await self.claim(now, lease, self.claimer, lambda _claimers: limit)).rows

    async def renew_claim(
        self, message_id: int, token: str, now: datetime, lease: timedelta
    ) -> bool:
        """Just before sending: is the row still ours? Extends the lease if so. False when our
        lease ran out and another process took the row over: it sends it, we must not."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(ScheduledMessage)
                .where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.claim_token == token,
                    ScheduledMessage.status == MessageStatus.CLAIMED,
                )
                .values(claimed_until=now + lease)
            )
            return bool(result.rowcount)

    async def settle(
        self,
        message_id: int,
        status: MessageStatus,
        now: datetime | None = None,
        token: str | None = None,
    ) -> bool:
        """Close a claimed row: sent, skipped or failed; "pending" hands it back for a retry.
        With the claim's token, only while the claim is still ours; False if it was not.
        In a unit of work (bot.scheduler), together with what the row's settling plans."""
        values: dict[str, Any] = {"status": status}
        if status == MessageStatus.SENT:
            values["sent_at"] = now
        if status == MessageStatus.PENDING:
            values.update(claim_token=None, claimed_until=None)
        query = update(ScheduledMessage).where(ScheduledMessage.id == message_id)
        if token is not None:
            query = query.where(
                ScheduledMessage.claim_token == token,
                ScheduledMessage.status == MessageStatus.CLAIMED,
            )
        async with self._db.writing() as connection:
            result = await connection.execute(query.values(**values))
            return bool(result.rowcount)
