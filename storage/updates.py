"""The processed updates aggregate: Telegram update ids already handled, kept for two days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from storage.models import ProcessedUpdate
from storage.transactions import Database, current

_MARK_PROCESSED = insert(ProcessedUpdate).values(
    update_id=bindparam("update_id"), processed_at=bindparam("now")
)


class Updates:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def last_id(self) -> int:
        """The highest update id handled (0 if none), for a local Bot API to count on from."""
        async with self._db.reading() as session:
            return int(await session.scalar(select(func.max(ProcessedUpdate.update_id))) or 0)

    async def seen(self, update_id: int) -> bool:
        async with self._db.reading() as session:
            return await session.get(ProcessedUpdate, update_id) is not None

    async def mark_processed(self, update_id: int, now: datetime) -> bool:
        """Note the update as handled. In an update, this commits everything it wrote, in one
        go (and what it wrote since, when called again). False if another process noted the
        same update first: that one stands, and what this one wrote is rolled back."""
        unit = current()
        parameters = {"update_id": update_id, "now": now}
        try:
            if unit is None:
                async with self._db.engine.begin() as connection:
                    await connection.execute(_MARK_PROCESSED, parameters)
                return True
            connection = await self._db.connection_of(unit)
            if unit.recorded and not connection.in_transaction():
                return True  # noted, and nothing written since
            if not unit.recorded:
                await connection.execute(_MARK_PROCESSED, parameters)
            await connection.commit()
        except IntegrityError:
            await self._db.rollback()
            return False
        unit.recorded = True
        unit.written = False
        return True

    async def commit_written(self, update_id: int, now: datetime) -> bool:
        """In an update that has written something not yet committed: `mark_processed`.
        Otherwise nothing: an update that only read is noted when it is done, so one cut off
        before then is answered again when Telegram re-sends it."""
        unit = current()
        if unit is None or not unit.written:
            return True
        return await self.mark_processed(update_id, now)

    async def forget_before(self, before: datetime) -> int:
        """Telegram re-sends for about a day at most; older ids need not be kept."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
            )
            return int(result.rowcount or 0)
