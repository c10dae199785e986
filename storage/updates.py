"""The processed updates aggregate: Telegram update ids already handled, kept for two days."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from storage.models import GroupNotice, ProcessedUpdate
from storage.presses import NOTE_PRESS
from storage.transactions import Database, current

_MARK_PROCESSED = insert(ProcessedUpdate).values(
    update_id=bindparam("update_id"),
    processed_at=bindparam("now"),
    pressed_chat_id=bindparam("press_chat"),
    pressed_message_id=bindparam("press_message"),
)


class Updates:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def last_id(self) -> int:
        """The highest update id handled (0 if none), for a local Bot API to count on from."""
        async with self._db.reading() as session:
            return int(await session.scalar(select(func.max(ProcessedUpdate.update_id))) or 0)

    async def last_pressed_message_id(self) -> int:
        """The highest message id a noted press was on (0 if none): a local Bot API that
        numbers its messages on from it never makes a new message look already pressed (the
        console also skips the messages whose buttons may still be pressed)."""
        async with self._db.reading() as session:
            found = await session.scalar(select(func.max(ProcessedUpdate.pressed_message_id)))
            return int(found or 0)

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
                    no_press = {"press_chat": None, "press_message": None}
                    await connection.execute(_MARK_PROCESSED, parameters | no_press)
                return True
            note_press = unit.press_acted and not unit.press_noted and unit.press is not None
            connection = await self._db.connection_of(unit)
            if unit.recorded and not note_press and not connection.in_transaction():
                return True  # noted, and nothing written since
            chat, message = unit.press if note_press and unit.press is not None else (None, None)
            if not unit.recorded:
                pressed = {"press_chat": chat, "press_message": message}
                await connection.execute(_MARK_PROCESSED, parameters | pressed)
            elif note_press:
                await connection.execute(
                    NOTE_PRESS,
                    {"noted_update": update_id, "press_chat": chat, "press_message": message},
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
        """Telegram re-sends for about a day at most; older ids need not be kept, nor the
        presses noted with them (their messages are frozen), and the notices of groups
        told before that day. Returns how many update ids were forgotten."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
            )
            await connection.execute(delete(GroupNotice).where(GroupNotice.day < before.date()))
            return int(result.rowcount or 0)
