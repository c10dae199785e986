"""Presses that acted: a message whose buttons did their work once is noted with the update
that pressed it (storage.models.ProcessedUpdate), so that a second press (a double tap, two
racing updates, another process) is turned away by the update's first look
(storage.repository.Repository.arrival). Kept as long as update ids are (two days)."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from storage.models import ProcessedUpdate
from storage.transactions import Database, current

NOTE_PRESS = (
    update(ProcessedUpdate)
    .where(ProcessedUpdate.update_id == bindparam("noted_update"))
    .values(pressed_chat_id=bindparam("press_chat"), pressed_message_id=bindparam("press_message"))
)


class Presses:
    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    def acted() -> None:
        """The update's button press acted (its question is frozen): a later press of the same
        message is turned away (`Arrival.pressed`). Noted with the update id
        (storage.updates.Updates.mark_processed), so only once the step is committed; no I/O
        here."""
        unit = current()
        if unit is not None:
            unit.press_acted = True

    async def acted_on(self, chat_id: int, message_id: int) -> bool:
        """Whether a press of this message acted already (its buttons are frozen)."""
        async with self._db.writing(writes=False) as connection:
            found = await connection.scalar(
                select(ProcessedUpdate.update_id).where(
                    ProcessedUpdate.pressed_chat_id == chat_id,
                    ProcessedUpdate.pressed_message_id == message_id,
                )
            )
            return found is not None

    @staticmethod
    def pressing(chat_id: int, message_id: int) -> None:
        """The update presses this message after all (a typed answer taken as one of its
        buttons): noted as a tap's would be, if it acts."""
        unit = current()
        if unit is not None and unit.press is None:
            unit.press = (chat_id, message_id)

    async def undone(self) -> None:
        """The step of the press failed after all: its message may be pressed again. Written
        in the update's transaction, committed by its next mark_processed."""
        unit = current()
        if unit is None or unit.press is None:
            return
        unit.press_acted = False
        if unit.press_noted:
            async with self._db.writing() as connection:
                await connection.execute(
                    NOTE_PRESS,
                    {"noted_update": unit.update_id, "press_chat": None, "press_message": None},
                )
            unit.press_noted = False
