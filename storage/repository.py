"""The only way the bot reads and writes its data: one front over a repository per aggregate.

`repo.users`, `repo.checkins`, `repo.schedule`, `repo.jogs`, `repo.activities`, `repo.dialogs`
and `repo.updates` each own their tables (storage.users, storage.checkins, ...); what spans them
stays here: the first look at an update, the span of one update and other units of work, erasing
a user, the health check. Time is always given by the caller.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, case, delete, exists, func, inspect, literal, null, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.activities import Activities
from storage.checkins import CheckIns
from storage.db import wipe_deleted
from storage.dialogs import Dialogs
from storage.groups import Groups
from storage.jogs import Jogs
from storage.models import (
    ActivityRecord,
    CheckIn,
    CheckInDraft,
    ConversationState,
    JogSession,
    ProcessedUpdate,
    ScheduledMessage,
    User,
)
from storage.presses import Presses
from storage.schedule import Schedule
from storage.transactions import Database, current
from storage.updates import Updates
from storage.users import Users, pk_of

log = logging.getLogger(__name__)

# The statements of every update's first look, built once: building one costs about as much
# CPU as running it, and a statement built anew has its cache key computed anew too.
_SEEN = exists().where(ProcessedUpdate.update_id == bindparam("update_id"))


def _stored_state(prefix: str) -> Any:
    """A conversation_states row's state as a scalar subquery, its name and key bound as
    `{prefix}_name` and `{prefix}_key` (or NULL where there is no such row)."""
    return (
        select(ConversationState.state)
        .where(
            ConversationState.name == bindparam(f"{prefix}_name"),
            ConversationState.key == bindparam(f"{prefix}_key"),
        )
        .scalar_subquery()
    )


_DIALOG_STATE = _stored_state("dialog")
# For a message that may be a typed button (conversations.typed): the chat's latest keyboards,
# stored as a dialog state is.
_LATEST_KEYBOARDS = _stored_state("keyboards")
# The user's whole row comes along (the handlers' users.get is then answered from it), joined
# to one row of our own so that the first look at a user not yet known still returns a row.
_USER_KEYS = tuple(attribute.key for attribute in inspect(User).column_attrs)
_USER_ROW = (
    select(literal(1).label("one"))
    .subquery("anchor")
    .outerjoin(User, User.telegram_user_id == bindparam("user_id"))
)
# The running check-in's answers, if any: where the check-in stands follows from them
# (conversations.checkin), so its step needs no dialog state of its own.
_DRAFT_ANSWERS = (
    select(CheckInDraft.answers).where(CheckInDraft.user_id == User.id).scalar_subquery()
)
_PRESSED = exists().where(
    ProcessedUpdate.pressed_chat_id == bindparam("press_chat"),
    ProcessedUpdate.pressed_message_id == bindparam("press_message"),
)


class RecordStamp(NamedTuple):
    """See Repository.record_stamp: the user's zone, and the rest to compare as a whole."""

    row_id: int
    language: str | None
    time_zone: str | None
    changes: tuple[Any, ...]


def _per_user(aggregate: Any, model: Any) -> Any:
    return select(aggregate).where(model.user_id == User.id).scalar_subquery()


# What a user's record is made of, in one cheap row: the user's own row id (a user erased and
# come back is another), language and zone, and for their check-ins, sessions and activity files
# how many there are, the newest id and the newest change each write leaves behind. Any write of
# a check-in sets its updated_at; a session changes from running to ended (ended_at) and gets a
# feeling; a file is added or erased (count, newest id) and a strength file gets its "was it
# legs?" answer (how many are answered, and how many of them yes).
_RECORD_STAMP = select(
    User.id,
    User.language,
    User.time_zone,
    _per_user(func.count(CheckIn.id), CheckIn),
    _per_user(func.max(CheckIn.id), CheckIn),
    _per_user(func.max(CheckIn.updated_at), CheckIn),
    _per_user(func.count(JogSession.id), JogSession),
    _per_user(func.max(JogSession.id), JogSession),
    _per_user(func.count(JogSession.ended_at), JogSession),
    _per_user(func.max(JogSession.ended_at), JogSession),
    _per_user(func.count(JogSession.feeling), JogSession),
    _per_user(func.count(ActivityRecord.id), ActivityRecord),
    _per_user(func.max(ActivityRecord.id), ActivityRecord),
    _per_user(func.count(ActivityRecord.legs), ActivityRecord),
    _per_user(func.count(case((ActivityRecord.legs.is_(True), 1))), ActivityRecord),
).where(User.telegram_user_id == bindparam("tg_user"))


def _arrival(in_dialog: bool, press: bool, keyboards: bool) -> Any:
    """The first look: seen before, the dialog's state (or NULL), the pressed message's buttons
    already acted on (or false), the running check-in's answers (or NULL), the latest
    keyboards (or NULL), then the user's columns (all NULL for a user not yet known)."""
    return select(
        _SEEN,
        _DIALOG_STATE if in_dialog else null(),
        _PRESSED if press else literal(False),
        _DRAFT_ANSWERS if in_dialog else null(),
        _LATEST_KEYBOARDS if keyboards else null(),
        *(getattr(User, key) for key in _USER_KEYS),
    ).select_from(_USER_ROW)


_ARRIVALS = {
    (d, p, k): _arrival(d, p, k)
    for d in (False, True)
    for p in (False, True)
    for k in (False, True)
}
_USER_AT = 5  # where the user's columns start in an arrival row
_REACTIVATE = (
    update(User)
    .where(User.telegram_user_id == bindparam("user_id"))
    .values(active=True, updated_at=bindparam("now"))
)


@dataclass(frozen=True)
class Arrival:
    seen: bool
    language: str | None = None  # as chosen by the user; None: not chosen (yet)
    dialog_state: Any | None = None  # None: no dialog running
    pressed: bool = False  # the pressed message's buttons were acted on already
    draft_answers: dict[str, Any] | None = None  # the running check-in's; None: none running
    keyboards: Any | None = None  # the latest keyboards' stored state, if asked for; None: none


class Repository:
    """The front: one repository per aggregate, and the units of work they all write in."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._db = Database(sessions)
        # The engine itself, for the storage modules beside the repositories (claims, health).
        self.engine = self._db.engine
        self.users = Users(self._db)
        self.checkins = CheckIns(self._db)
        self.schedule = Schedule(self._db)
        self.jogs = Jogs(self._db)
        self.activities = Activities(self._db)
        self.dialogs = Dialogs(self._db)
        self.updates = Updates(self._db)
        self.presses = Presses(self._db)
        self.groups = Groups(self._db)

    async def ping(self) -> None:
        """Reads a real table: `SELECT 1` alone never touches an SQLite file, so a deleted or
        unreadable database would still look healthy."""
        async with self._db.sessions() as session:
            await session.execute(select(User.id).limit(1))

    # Units of work

    @contextlib.asynccontextmanager
    async def one_update(self) -> AsyncIterator[None]:
        """The span of one update: everything it reads and writes goes through one connection,
        in one transaction that `updates.mark_processed` commits (before the reply that shows
        the step, see conversations.common.remember, and once more when the update is done,
        see bot.handlers.finish_update). Whatever it leaves uncommitted (an update turned away,
        a step the database refused, a process that died half-way) is rolled back, so a
        re-delivery of the update starts from a clean slate."""
        async with self._db.unit(commit=False):
            yield

    @contextlib.asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[None]:
        """A step that writes several rows, outside an update (the scheduler, start-up):
        committed all together when the block ends, rolled back if it raises. Inside an update
        or another unit it joins that one."""
        async with self._db.unit(commit=True):
            yield

    async def undo_update(self) -> None:
        """Roll back what the update (or unit of work) has written in its transaction so far."""
        await self._db.rollback()

    async def arrival(
        self,
        update_id: int,
        telegram_user_id: int,
        now: datetime,
        *,
        wrote: bool,
        dialog: tuple[str, str] | None = None,
        press: tuple[int, int] | None = None,
        keyboards: tuple[str, str] | None = None,
    ) -> Arrival:
        """First look at an update, in one read: was it handled before, which language did the
        user choose, where does their dialog (name, key) stand in the database, and, for a
        button press on the message `press` (chat id, message id), did a press of that
        message act already (see storage.presses), the running check-in's answers so far, and
        the state stored as `keyboards` (name, key), the chat's latest. A user who wrote to us
        (`wrote`) has not blocked us (any more), so an inactive one is reactivated, a write
        made only when something changes."""
        parameters: dict[str, Any] = {"update_id": update_id, "user_id": telegram_user_id}
        statement = _ARRIVALS[dialog is not None, press is not None, keyboards is not None]
        if dialog is not None:
            parameters.update(dialog_name=dialog[0], dialog_key=dialog[1])
        if press is not None:
            parameters.update(press_chat=press[0], press_message=press[1])
        if keyboards is not None:
            parameters.update(keyboards_name=keyboards[0], keyboards_key=keyboards[1])
        async with self._db.writing(writes=False) as connection:
            row = (await connection.execute(statement, parameters)).one()
            first = row[_USER_AT]
            user = None if first is None else dict(zip(_USER_KEYS, row[_USER_AT:], strict=True))
            language = user["language"] if user is not None else None
            if row[0]:
                return Arrival(seen=True, language=language)
            if row[2]:  # answered in the user's language: "Got that already"
                return Arrival(seen=False, pressed=True, language=language)
            unit = current()
            if wrote and user is not None and user["active"] is False:
                await connection.execute(_REACTIVATE, {"user_id": telegram_user_id, "now": now})
                if unit is not None:  # at once: nothing else of the update is written yet
                    await connection.commit()
                user.update(active=True, updated_at=now)
            if unit is not None:
                unit.users[telegram_user_id] = user
                unit.update_id = update_id
                unit.press = press
            return Arrival(
                seen=False,
                language=language,
                dialog_state=row[1],
                draft_answers=None if row[3] is None else dict(row[3]),
                keyboards=row[4],
            )

    async def record_stamp(self, telegram_user_id: int) -> RecordStamp | None:
        """A value that changes whenever the user's record does (a check-in stored or
        replaced, a session started, ended or rated, an activity file added, erased or answered
        "was it legs?", the language or zone changed, the user
        erased or come back), read in one statement; None for a user not known. Compare it for
        equality only. A replacement written at the very same instant as the one before it is
        the one change it may miss: a cache that trusts it keeps a short expiry as well."""
        async with self._db.writing(writes=False) as connection:
            row = (await connection.execute(_RECORD_STAMP, {"tg_user": telegram_user_id})).first()
            return None if row is None else RecordStamp(row[0], row[1], row[2], tuple(row[3:]))

    async def delete_user(self, telegram_user_id: int) -> bool:
        """Erase the user and every row that refers to them, in one transaction."""
        unit = current()
        if unit is not None:
            unit.forget_user(telegram_user_id)
            # Nor is the press that asked for it noted: its chat id is theirs, and a second
            # press of it finds no one to erase anyway.
            unit.press = None
        async with self._db.session() as session:
            pk = await session.scalar(pk_of(telegram_user_id))
            if pk is None:
                return False
            for model in (ScheduledMessage, JogSession, ActivityRecord, CheckInDraft, CheckIn):
                await session.execute(delete(model).where(model.user_id == pk))
            await session.execute(delete(User).where(User.id == pk))
            # Presses are noted by chat; a private chat's id is its user's.
            await session.execute(
                update(ProcessedUpdate)
                .where(ProcessedUpdate.pressed_chat_id == telegram_user_id)
                .values(pressed_chat_id=None, pressed_message_id=None)
            )
            # Dialog states are keyed by [chat id, user id]; in a private chat both are theirs.
            await session.execute(
                delete(ConversationState).where(
                    ConversationState.key.like(f"%, {telegram_user_id}]")
                )
            )
        # Committed now, not with the rest of the update: the log can only be emptied of the
        # erased rows once they are gone for good (a re-delivered /delete finds no one).
        await self._db.commit()
        if not await wipe_deleted(self._db.engine):
            log.warning("erased a user; the write-ahead log is emptied at the next checkpoint")
        return True
