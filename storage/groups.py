"""The group notices aggregate: the day each group was last told that the bot talks in
private chats only, so it is told at most once a day, whichever process sees the group."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import GroupNotice
from storage.transactions import Database


def _group_notice(insert: Any) -> Any:
    """The group's notice day moved to `day`, unless it is there already: returns a row only
    if it moved (or is new)."""
    statement = insert(GroupNotice).values(chat_id=bindparam("chat"), day=bindparam("day"))
    return statement.on_conflict_do_update(
        index_elements=[GroupNotice.chat_id],
        set_={"day": statement.excluded.day},
        where=GroupNotice.day < statement.excluded.day,
    ).returning(GroupNotice.chat_id)


_GROUP_NOTICE = {"postgresql": _group_notice(pg_insert), "sqlite": _group_notice(sqlite_insert)}


class Groups:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def notice_due(self, chat_id: int, day: date) -> bool:
        """Whether the group `chat_id` is yet to be told, on the UTC `day`, that the bot talks
        in private chats only; if so, noted at once (a transaction of its own, outside any
        unit of work), so that whichever process or update asks first tells it, and no other
        that day."""
        async with self._db.engine.begin() as connection:
            statement = _GROUP_NOTICE.get(connection.dialect.name, _GROUP_NOTICE["sqlite"])
            row = (await connection.execute(statement, {"chat": chat_id, "day": day})).first()
            return row is not None
