"""The processed updates aggregate: Telegram update ids already handled, kept for two days."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from storage.models import GroupNotice, PressedMessage, ProcessedUpdate
from storage.presses import MARK_PRESSED
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
        go (and what it wrote since, when called again), with the pressed message if the press
        acted (storage.presses). False if another process noted the same update, or acted on a
        press of the same message, first: that one stands, and what this one wrote is rolled
        back."""
        unit = current()
        parameters: dict[str, Any] = {"update_id": update_id, "now": now}
        try:
            if unit is None:
                async with self._db.engine.begin() as connection:
                    await connection.execute(_MARK_PROCESSED, parameters)
                return True
            note_press = unit.press_acted and not unit.press_noted
            connection = await self._db.connection_of(unit)
            if unit.recorded and not note_press and not connection.in_transaction():
                return True  # noted, and nothing written since
            if not unit.recorded:
                await connection.execute(_MARK_PROCESSED, parameters)
            if note_press and unit.press is not None:
                chat, message = unit.press
                await connection.execute(
                    MARK_PRESSED, {"press_chat": chat, "press_message": message, "now": now}
                )
            await connection.commit()
        except IntegrityError:
            await self._db.rollback()
            return False
        unit.press_noted = unit.press_noted or note_press
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
        """Telegram re-sends for about a day at most; older ids need not be kept. Presses
        noted before `before` go too (their messages are frozen), and the notices of groups
        told before that day. Returns how many update ids were forgotten."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
            )
            await connection.execute(
                delete(PressedMessage).where(PressedMessage.pressed_at < before)
            )
            await connection.execute(delete(GroupNotice).where(GroupNotice.day < before.date()))
            return int(result.rowcount or 0)
