"""The dialog states aggregate: where each user's dialog stands, keyed by (name, key)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import ConversationState
from storage.transactions import Database

_DROP_DIALOG = delete(ConversationState).where(
    ConversationState.name == bindparam("dialog_name"),
    ConversationState.key == bindparam("dialog_key"),
)


def _upsert_dialog(insert: Any) -> Any:
    statement = insert(ConversationState).values(
        name=bindparam("dialog_name"),
        key=bindparam("dialog_key"),
        state=bindparam("new_state"),
        updated_at=bindparam("now"),
    )
    return statement.on_conflict_do_update(
        index_elements=[ConversationState.name, ConversationState.key],
        set_={"state": statement.excluded.state, "updated_at": statement.excluded.updated_at},
    )


_UPSERT_DIALOG = {"postgresql": _upsert_dialog(pg_insert), "sqlite": _upsert_dialog(sqlite_insert)}


class Dialogs:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, name: str) -> dict[str, Any]:
        """Every state of the dialog `name`, by key."""
        async with self._db.reading() as session:
            rows = await session.execute(
                select(ConversationState.key, ConversationState.state).where(
                    ConversationState.name == name
                )
            )
            return {key: state for key, state in rows.all()}

    async def get(self, name: str, key: str) -> Any | None:
        """The state of one dialog (name, key); None if it has none."""
        async with self._db.writing(writes=False) as connection:
            return await connection.scalar(
                select(ConversationState.state).where(
                    ConversationState.name == name, ConversationState.key == key
                )
            )

    async def save(self, name: str, key: str, state: Any | None, now: datetime) -> None:
        """One statement, no read first: this runs on nearly every button press. None: the
        dialog ended, its row goes."""
        parameters = {"dialog_name": name, "dialog_key": key}
        async with self._db.writing() as connection:
            if state is None:
                await connection.execute(_DROP_DIALOG, parameters)
            else:
                await connection.execute(
                    _UPSERT_DIALOG.get(connection.dialect.name, _UPSERT_DIALOG["sqlite"]),
                    {**parameters, "new_state": state, "now": now},
                )
