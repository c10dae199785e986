"""The only way the bot reads and writes its data: short transactions, time given by the caller."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    String,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    inspect,
    literal,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from storage.models import (
    CheckIn,
    CheckInDraft,
    ConversationState,
    GroupNotice,
    JogSession,
    JogStatus,
    MessageKind,
    MessageStatus,
    Payload,
    PressedMessage,
    ProcessedUpdate,
    ScheduledMessage,
    User,
    UtcDateTime,
)

_USER_FIELDS = frozenset(
    {
        "time_zone",
        "morning_time",
        "run_time",
        "new_runner",
        "muscle_priority",
        "compression_gear",
        "onboarded_at",
        "active",
        "paused",
        "paused_until",
        "weekly_summary",
        "quiet_start",
        "quiet_end",
        "language",
    }
)
_ANSWER_FIELDS = ("workout", "leg_intensity", "overreached", "walking", "sharp_pain")


# Statements on the path of every update, built once: building one costs about as much CPU
# as running it, and a statement built anew has its cache key computed anew too.
_SEEN = exists().where(ProcessedUpdate.update_id == bindparam("update_id"))
_DIALOG_STATE = (
    select(ConversationState.state)
    .where(
        ConversationState.name == bindparam("dialog_name"),
        ConversationState.key == bindparam("dialog_key"),
    )
    .scalar_subquery()
)
# The user's whole row comes along (the handlers' get_user is then answered from it), joined to
# one row of our own so that the first look at a user not yet known still returns a row.
_USER_KEYS = tuple(attribute.key for attribute in inspect(User).column_attrs)
_USER_ROW = (
    select(literal(1).label("one"))
    .subquery("anchor")
    .outerjoin(User, User.telegram_user_id == bindparam("user_id"))
)
_PRESSED = exists().where(
    PressedMessage.chat_id == bindparam("press_chat"),
    PressedMessage.message_id == bindparam("press_message"),
)


def _arrival(in_dialog: bool, press: bool) -> Any:
    """The first look: seen before, the dialog's state (or NULL), the pressed message's buttons
    already acted on (or false), then the user's columns (all NULL for a user not yet known)."""
    return select(
        _SEEN,
        _DIALOG_STATE if in_dialog else null(),
        _PRESSED if press else literal(False),
        *(getattr(User, key) for key in _USER_KEYS),
    ).select_from(_USER_ROW)


_ARRIVALS = {(d, p): _arrival(d, p) for d in (False, True) for p in (False, True)}
_USER_AT = 3  # where the user's columns start in an arrival row
_REACTIVATE = (
    update(User)
    .where(User.telegram_user_id == bindparam("user_id"))
    .values(active=True, updated_at=bindparam("now"))
)
# Named apart from the columns: a bindparam may not share its name with a column written to.
_USER_PK = select(User.id).where(User.telegram_user_id == bindparam("tg_user")).scalar_subquery()
_DROP_DRAFT = delete(CheckInDraft).where(CheckInDraft.user_id == _USER_PK)


def _new_draft(insert: Any) -> Any:
    """A new check-in's draft, in place of any earlier one, in one statement."""
    statement = insert(CheckInDraft).from_select(
        ["user_id", "run_id", "answers", "started_at", "updated_at"],
        select(
            User.id,
            bindparam("run", type_=String),
            bindparam("no_answers", type_=JSON),
            bindparam("now", type_=UtcDateTime),
            bindparam("now", type_=UtcDateTime),
        ).where(User.telegram_user_id == bindparam("tg_user")),
    )
    replaced = ("run_id", "answers", "started_at", "updated_at")
    return statement.on_conflict_do_update(
        index_elements=[CheckInDraft.user_id],
        set_={name: statement.excluded[name] for name in replaced},
    )


_NEW_DRAFT = {"postgresql": _new_draft(pg_insert), "sqlite": _new_draft(sqlite_insert)}
_CHECKIN_FIELDS = (*_ANSWER_FIELDS, "rule", "advice")
_REPLACE_CHECKIN = (
    update(CheckIn)
    .where(CheckIn.user_id == _USER_PK, CheckIn.local_date == bindparam("day"))
    .values(
        {name: bindparam(f"new_{name}") for name in _CHECKIN_FIELDS}
        | {"updated_at": bindparam("now")}
    )
)

_CHECKIN_VALUES = [
    bindparam(f"new_{name}", type_=CheckIn.__table__.c[name].type) for name in _CHECKIN_FIELDS
]


def _add_checkin(insert: Any) -> Any:
    """The day's check-in, unless the user has one for that day already."""
    return (
        insert(CheckIn)
        .from_select(
            ["user_id", "local_date", *_CHECKIN_FIELDS, "created_at", "updated_at"],
            select(
                User.id,
                bindparam("day", type_=CheckIn.local_date.type),
                *(
                    bindparam(f"new_{n}", type_=CheckIn.__table__.c[n].type)
                    for n in _CHECKIN_FIELDS
                ),
                bindparam("now", type_=UtcDateTime),
                bindparam("now", type_=UtcDateTime),
            ).where(User.telegram_user_id == bindparam("tg_user")),
        )
        .on_conflict_do_nothing(index_elements=[CheckIn.user_id, CheckIn.local_date])
    )


_ADD_CHECKIN = {"postgresql": _add_checkin(pg_insert), "sqlite": _add_checkin(sqlite_insert)}


def _add_answer(merged: Any) -> Any:
    """One answer added to the running check-in's draft in one statement, which returns all its
    answers: two presses served by two processes at once each add to the other's answers,
    whichever database does the locking."""
    return (
        update(CheckInDraft)
        .where(CheckInDraft.user_id == _USER_PK, CheckInDraft.run_id == bindparam("run"))
        .values(answers=merged, updated_at=bindparam("now", type_=UtcDateTime))
        .returning(CheckInDraft.answers)
    )


_ADD_ANSWER = {
    "sqlite": _add_answer(
        func.json_set(
            CheckInDraft.answers,
            bindparam("path", type_=String),
            func.json(bindparam("value", type_=String)),
        )
    ),
    "postgresql": _add_answer(
        cast(
            cast(CheckInDraft.answers, JSONB).op("||")(
                func.jsonb_build_object(
                    bindparam("key", type_=String), cast(bindparam("value", type_=String), JSONB)
                )
            ),
            JSON,
        )
    ),
}
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
_MARK_PROCESSED = insert(ProcessedUpdate).values(
    update_id=bindparam("update_id"), processed_at=bindparam("now")
)
_MARK_PRESSED = insert(PressedMessage).values(
    chat_id=bindparam("press_chat"),
    message_id=bindparam("press_message"),
    pressed_at=bindparam("now"),
)
_UNMARK_PRESSED = delete(PressedMessage).where(
    PressedMessage.chat_id == bindparam("press_chat"),
    PressedMessage.message_id == bindparam("press_message"),
)


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


class UnknownUser(LookupError):
    """No user with this Telegram id: they never sent /start, or deleted their data."""


@dataclass(frozen=True)
class Arrival:
    seen: bool
    language: str | None = None  # as chosen by the user; None: not chosen (yet)
    dialog_state: Any | None = None  # None: no dialog running
    pressed: bool = False  # the pressed message's buttons were acted on already


class _UpdateTransaction:
    """One update's connection, taken at its first statement (see Repository.one_update)."""

    def __init__(self) -> None:
        self.connection: AsyncConnection | None = None
        self.open = True
        self.recorded = False  # its update id is written (and committed)
        # Users as their update's first look read them, by Telegram id (None: not known).
        self.users: dict[int, dict[str, Any] | None] = {}
        # The message whose button this update pressed (chat id, message id), whether the press
        # acted (noted with the update id), and whether that note is committed.
        self.press: tuple[int, int] | None = None
        self.press_acted = False
        self.press_noted = False


_UPDATE: ContextVar[_UpdateTransaction | None] = ContextVar("legday_update", default=None)


class Repository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        # The hot paths below use Core on a plain connection: the ORM session adds nothing
        # to a statement that loads no objects, but costs CPU on every one.
        engine = sessions.kw.get("bind")
        if not isinstance(engine, AsyncEngine):
            raise TypeError("the session factory must be bound to an engine")
        self._engine = engine

    @staticmethod
    async def _user(session: AsyncSession, telegram_user_id: int) -> User | None:
        return await session.scalar(select(User).where(User.telegram_user_id == telegram_user_id))

    async def _user_pk(self, session: AsyncSession, telegram_user_id: int) -> int | None:
        return await session.scalar(
            select(User.id).where(User.telegram_user_id == telegram_user_id)
        )

    async def ping(self) -> None:
        """Reads a real table: `SELECT 1` alone never touches an SQLite file, so a deleted or
        unreadable database would still look healthy."""
        async with self._sessions() as session:
            await session.execute(select(User.id).limit(1))

    # One update's transaction

    @contextlib.asynccontextmanager
    async def one_update(self) -> AsyncIterator[None]:
        """The span of one update. Its first look (`arrival`), its check-in answers, its dialog
        state and its update id go through one connection, in one transaction that
        `mark_processed` commits (before the reply that shows the step, see
        conversations.common.remember); whatever it leaves uncommitted (an update turned away,
        a step the database refused) is rolled back here. Anything else a step writes is a
        short transaction of its own, made before the update's own first write."""
        transaction = _UpdateTransaction()
        token = _UPDATE.set(transaction)
        try:
            yield
        finally:
            transaction.open = False
            _UPDATE.reset(token)
            if transaction.connection is not None:
                await transaction.connection.close()

    async def undo_update(self) -> None:
        """Roll back what the update has written in its transaction so far."""
        transaction = _UPDATE.get()
        if transaction is not None and transaction.connection is not None:
            await transaction.connection.rollback()

    @contextlib.asynccontextmanager
    async def _in_update(self) -> AsyncIterator[AsyncConnection]:
        """The update's connection, its transaction left open; outside an update, a
        transaction of its own, committed on the way out."""
        transaction = _UPDATE.get()
        if transaction is None or not transaction.open:
            async with self._engine.begin() as connection:
                yield connection
            return
        yield await self._connection_of(transaction)

    @contextlib.asynccontextmanager
    async def _reading(self) -> AsyncIterator[AsyncSession]:
        """A session to read with: in an update, on the update's connection (no connection of
        its own to take, and what the update wrote is seen); outside, one of its own."""
        transaction = _UPDATE.get()
        if transaction is None or not transaction.open:
            async with self._sessions() as session:
                yield session
            return
        connection = await self._connection_of(transaction)
        async with AsyncSession(connection, expire_on_commit=False) as session:
            yield session

    async def _connection_of(self, transaction: _UpdateTransaction) -> AsyncConnection:
        if transaction.connection is None:
            transaction.connection = await self._engine.connect()
        return transaction.connection

    @staticmethod
    def _updating() -> bool:
        transaction = _UPDATE.get()
        return transaction is not None and transaction.open

    # Users

    async def get_user(self, telegram_user_id: int) -> User | None:
        """In an update, the user as it arrived (or as written since): no second read."""
        transaction = _UPDATE.get()
        if transaction is not None and transaction.open and telegram_user_id in transaction.users:
            values = transaction.users[telegram_user_id]
            return None if values is None else User(**values)
        async with self._reading() as session:
            return await self._user(session, telegram_user_id)

    @staticmethod
    def _forget_user(telegram_user_id: int) -> None:
        """The user was written: a later get_user in the update reads them afresh."""
        transaction = _UPDATE.get()
        if transaction is not None:
            transaction.users.pop(telegram_user_id, None)

    async def ensure_user(
        self,
        telegram_user_id: int,
        chat_id: int,
        now: datetime,
        first_name: str | None = None,
        language_code: str | None = None,
    ) -> User:
        """Create the user on first contact; later contacts refresh names and mark them active."""
        for _ in range(2):  # a concurrent first contact may win the insert: then update theirs
            async with self._sessions() as session:
                user = await self._user(session, telegram_user_id)
                if user is None:
                    user = User(
                        telegram_user_id=telegram_user_id,
                        created_at=now,
                        active=True,
                    )
                    session.add(user)
                user.chat_id = chat_id
                user.first_name = first_name
                user.language_code = language_code
                user.active = True
                user.updated_at = now
                try:
                    await session.commit()
                except IntegrityError:
                    continue
                self._forget_user(telegram_user_id)
                return user
        raise RuntimeError("could not create or update the user")

    async def update_user(self, telegram_user_id: int, now: datetime, **changes: object) -> User:
        unknown = set(changes) - _USER_FIELDS
        if unknown:
            raise ValueError(f"not a user field: {', '.join(sorted(unknown))}")
        async with self._sessions() as session:
            user = await self._user(session, telegram_user_id)
            if user is None:
                raise UnknownUser(telegram_user_id)
            for name, value in changes.items():
                setattr(user, name, value)
            user.updated_at = now
            await session.commit()
            self._forget_user(telegram_user_id)
            return user

    async def arrival(
        self,
        update_id: int,
        telegram_user_id: int,
        now: datetime,
        *,
        wrote: bool,
        dialog: tuple[str, str] | None = None,
        press: tuple[int, int] | None = None,
    ) -> Arrival:
        """First look at an update, in one read: was it handled before, which language did the
        user choose, where does their dialog (name, key) stand in the database, and, for a
        button press on the message `press` (chat id, message id), did a press of that
        message act already (see `press_acted`). A user who wrote to us (`wrote`) has not
        blocked us (any more), so an inactive one is reactivated, a write made only when
        something changes."""
        parameters: dict[str, Any] = {"update_id": update_id, "user_id": telegram_user_id}
        statement = _ARRIVALS[dialog is not None, press is not None]
        if dialog is not None:
            parameters.update(dialog_name=dialog[0], dialog_key=dialog[1])
        if press is not None:
            parameters.update(press_chat=press[0], press_message=press[1])
        async with self._in_update() as connection:
            row = (await connection.execute(statement, parameters)).one()
            if row[0]:
                return Arrival(seen=True)
            if row[2]:
                return Arrival(seen=False, pressed=True)
            first = row[_USER_AT]
            user = None if first is None else dict(zip(_USER_KEYS, row[_USER_AT:], strict=True))
            if wrote and user is not None and user["active"] is False:
                await connection.execute(_REACTIVATE, {"user_id": telegram_user_id, "now": now})
                if self._updating():  # at once: nothing else of the update is written yet
                    await connection.commit()
                user.update(active=True, updated_at=now)
            transaction = _UPDATE.get()
            if transaction is not None and transaction.open:
                transaction.users[telegram_user_id] = user
                transaction.press = press
            return Arrival(
                seen=False,
                language=user["language"] if user is not None else None,
                dialog_state=row[1],
            )

    # Check-in drafts

    async def start_draft(self, telegram_user_id: int, run_id: str, now: datetime) -> None:
        """A new check-in, in place of any running one (in the update's transaction)."""
        parameters = {"tg_user": telegram_user_id, "run": run_id, "now": now, "no_answers": {}}
        async with self._in_update() as connection:
            statement = _NEW_DRAFT.get(connection.dialect.name, _NEW_DRAFT["sqlite"])
            if not (await connection.execute(statement, parameters)).rowcount:
                raise UnknownUser(telegram_user_id)

    async def _draft(self, session: AsyncSession, telegram_user_id: int) -> CheckInDraft | None:
        return await session.scalar(
            select(CheckInDraft)
            .join(User, User.id == CheckInDraft.user_id)
            .where(User.telegram_user_id == telegram_user_id)
        )

    async def get_draft(self, telegram_user_id: int) -> CheckInDraft | None:
        async with self._reading() as session:
            return await self._draft(session, telegram_user_id)

    async def save_draft_answer(
        self,
        telegram_user_id: int,
        run_id: str,
        key: str,
        value: str | bool | None,
        now: datetime,
    ) -> dict[str, Any] | None:
        """Add one answer to the running check-in and return all its answers so far (in the
        update's transaction); None when that check-in is not the user's current one (any
        more)."""
        parameters = {
            "tg_user": telegram_user_id,
            "run": run_id,
            "key": key,
            "path": f'$."{key}"',
            "value": json.dumps(value),
            "now": now,
        }
        async with self._in_update() as connection:
            statement = _ADD_ANSWER.get(connection.dialect.name, _ADD_ANSWER["sqlite"])
            answers = (await connection.execute(statement, parameters)).scalar()
            return None if answers is None else dict(answers)

    async def delete_draft(self, telegram_user_id: int) -> None:
        """Drop the running check-in, if any (in the update's transaction)."""
        async with self._in_update() as connection:
            await connection.execute(_DROP_DRAFT, {"tg_user": telegram_user_id})

    # Check-ins

    async def save_checkin(
        self,
        telegram_user_id: int,
        local_date: date,
        answers: Mapping[str, str | bool | None],
        rule: int,
        advice: str,
        now: datetime,
    ) -> bool:
        """Store the day's check-in and drop the draft together (in the update's transaction);
        True if it replaced one."""
        parameters: dict[str, Any] = {f"new_{name}": answers.get(name) for name in _ANSWER_FIELDS}
        parameters.update(
            tg_user=telegram_user_id, day=local_date, new_rule=rule, new_advice=advice, now=now
        )
        async with self._in_update() as connection:
            add = _ADD_CHECKIN.get(connection.dialect.name, _ADD_CHECKIN["sqlite"])
            replaced = not (await connection.execute(add, parameters)).rowcount
            if replaced and not (await connection.execute(_REPLACE_CHECKIN, parameters)).rowcount:
                raise UnknownUser(telegram_user_id)
            await connection.execute(_DROP_DRAFT, parameters)
            return replaced

    async def get_checkin(self, telegram_user_id: int, local_date: date) -> CheckIn | None:
        async with self._reading() as session:
            return await session.scalar(
                select(CheckIn)
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id, CheckIn.local_date == local_date)
            )

    async def list_checkins(self, telegram_user_id: int) -> list[CheckIn]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(CheckIn)
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(CheckIn.local_date)
            )
            return list(rows)

    # Dialog states (PTB persistence)

    async def load_conversations(self, name: str) -> dict[str, Any]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(ConversationState.key, ConversationState.state).where(
                    ConversationState.name == name
                )
            )
            return {key: state for key, state in rows.all()}

    async def save_conversation(
        self, name: str, key: str, state: Any | None, now: datetime
    ) -> None:
        """One statement, no read first (in the update's transaction): this runs on nearly
        every button press."""
        parameters = {"dialog_name": name, "dialog_key": key}
        async with self._in_update() as connection:
            if state is None:
                await connection.execute(_DROP_DIALOG, parameters)
            else:
                await connection.execute(
                    _UPSERT_DIALOG.get(connection.dialect.name, _UPSERT_DIALOG["sqlite"]),
                    {**parameters, "new_state": state, "now": now},
                )

    # Scheduled messages: pushes, reminders, timer cues

    async def schedule(
        self,
        telegram_user_id: int,
        kind: MessageKind,
        due_at: datetime,
        now: datetime,
        payload: Payload | None = None,
        dedupe_key: str | None = None,
        jog_session_id: int | None = None,
    ) -> bool:
        """Add a future message; False (and nothing added) if its dedupe key was used already."""
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                raise UnknownUser(telegram_user_id)
            session.add(
                ScheduledMessage(
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
            )
            try:
                await session.commit()
            except IntegrityError:
                return False
            return True

    async def unschedule(
        self, telegram_user_id: int, kinds: Iterable[MessageKind], jog_session_id: int | None = None
    ) -> int:
        """Drop pending rows (deleted, so their dedupe keys are free to be used again)."""
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                return 0
            query = delete(ScheduledMessage).where(
                ScheduledMessage.user_id == pk,
                ScheduledMessage.kind.in_(list(kinds)),
                ScheduledMessage.status == MessageStatus.PENDING,
            )
            if jog_session_id is not None:
                query = query.where(ScheduledMessage.jog_session_id == jog_session_id)
            result = await session.execute(query)
            await session.commit()
            return int(getattr(result, "rowcount", 0) or 0)

    async def reschedule(self, message_id: int, due_at: datetime) -> bool:
        """Move a row that is still pending to `due_at`; False (nothing changed) when it is not
        pending any more: a process has claimed it and is sending it."""
        async with self._sessions() as session:
            result = await session.execute(
                update(ScheduledMessage)
                .where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                )
                .values(due_at=due_at)
            )
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    async def cancel(self, message_id: int) -> bool:
        """Drop a row that is still pending; False when it is not pending any more."""
        async with self._sessions() as session:
            result = await session.execute(
                delete(ScheduledMessage).where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                )
            )
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    async def pending(self, telegram_user_id: int) -> list[ScheduledMessage]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ScheduledMessage)
                .join(User, User.id == ScheduledMessage.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                )
                .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
            )
            return list(rows)

    async def scheduled(self, telegram_user_id: int) -> list[ScheduledMessage]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ScheduledMessage)
                .join(User, User.id == ScheduledMessage.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
            )
            return list(rows)

    async def claim_due(
        self, now: datetime, lease: timedelta, limit: int = 500
    ) -> list[tuple[ScheduledMessage, User]]:
        """Take due rows for this process only: one UPDATE marks them, so no other process
        sends them; a claim whose lease ran out (its process died) can be taken again."""
        token = uuid.uuid4().hex
        claimable = or_(
            ScheduledMessage.status == MessageStatus.PENDING,
            (ScheduledMessage.status == MessageStatus.CLAIMED)
            & (ScheduledMessage.claimed_until < now),
        )
        async with self._sessions() as session:
            due = (
                select(ScheduledMessage.id)
                .where(claimable, ScheduledMessage.due_at <= now)
                .order_by(ScheduledMessage.due_at)
                .limit(limit)
                # PostgreSQL: rows another process is claiming right now are passed over
                # rather than waited for (SQLite locks the whole file and ignores this).
                .with_for_update(skip_locked=True)
                # Chosen once: PostgreSQL may otherwise re-run a `LIMIT ... SKIP LOCKED`
                # subquery for each row it updates, each time picking other rows, and claim
                # far more than `limit` (seen: 101 rows for a limit of 20).
                .cte("due")
                .prefix_with("MATERIALIZED", dialect="postgresql")
            )
            await session.execute(
                update(ScheduledMessage)
                .where(ScheduledMessage.id.in_(select(due.c.id)), claimable)
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
            return [(message, user) for message, user in rows.all()]

    async def renew_claim(
        self, message_id: int, token: str, now: datetime, lease: timedelta
    ) -> bool:
        """Just before sending: is the row still ours? Extends the lease if so. False when our
        lease ran out and another process took the row over: it sends it, we must not."""
        async with self._sessions() as session:
            result = await session.execute(
                update(ScheduledMessage)
                .where(
                    ScheduledMessage.id == message_id,
                    ScheduledMessage.claim_token == token,
                    ScheduledMessage.status == MessageStatus.CLAIMED,
                )
                .values(claimed_until=now + lease)
            )
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    async def settle(
        self,
        message_id: int,
        status: MessageStatus,
        now: datetime | None = None,
        token: str | None = None,
    ) -> bool:
        """Close a claimed row: sent, skipped or failed; "pending" hands it back for a retry.
        With the claim's token, only while the claim is still ours; False if it was not."""
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
        async with self._sessions() as session:
            result = await session.execute(query.values(**values))
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    # Jog sessions

    async def start_jog(
        self, telegram_user_id: int, kind: str, minutes: int, now: datetime, warm_up: timedelta
    ) -> JogSession:
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                raise UnknownUser(telegram_user_id)
            jog = JogSession(
                user_id=pk,
                kind=kind,
                planned_minutes=minutes,
                started_at=now,
                run_started_at=now + warm_up,
                status=JogStatus.RUNNING,
            )
            session.add(jog)
            await session.commit()
            return jog

    async def get_jog(self, telegram_user_id: int, jog_id: int) -> JogSession | None:
        """Only the user's own sessions: a forged id of someone else's finds nothing."""
        async with self._sessions() as session:
            return await session.scalar(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(JogSession.id == jog_id, User.telegram_user_id == telegram_user_id)
            )

    async def running_jog(self, telegram_user_id: int) -> JogSession | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    JogSession.status == JogStatus.RUNNING,
                )
            )

    async def end_jog(
        self, jog_id: int, status: JogStatus, now: datetime, actual_minutes: int | None
    ) -> bool:
        """Close a running session; False if it was not running (already ended elsewhere)."""
        async with self._sessions() as session:
            result = await session.execute(
                update(JogSession)
                .where(JogSession.id == jog_id, JogSession.status == JogStatus.RUNNING)
                .values(status=status, ended_at=now, actual_minutes=actual_minutes)
            )
            await session.execute(
                delete(ScheduledMessage).where(
                    ScheduledMessage.jog_session_id == jog_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                    ScheduledMessage.kind == MessageKind.JOG_CUE,
                )
            )
            await session.commit()
            return bool(getattr(result, "rowcount", 0))

    async def set_jog_feeling(self, jog_id: int, feeling: str) -> None:
        async with self._sessions() as session:
            await session.execute(
                update(JogSession).where(JogSession.id == jog_id).values(feeling=feeling)
            )
            await session.commit()

    async def list_jogs(self, telegram_user_id: int) -> list[JogSession]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(JogSession.started_at)
            )
            return list(rows)

    # The user's right to erase

    async def delete_user(self, telegram_user_id: int) -> bool:
        """Erase the user and, through the foreign keys, every row that refers to them."""
        self._forget_user(telegram_user_id)
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                return False
            for model in (ScheduledMessage, JogSession, CheckInDraft, CheckIn):
                await session.execute(delete(model).where(model.user_id == pk))
            await session.execute(delete(User).where(User.id == pk))
            # Dialog states are keyed by [chat id, user id]; in a private chat both are theirs.
            await session.execute(
                delete(ConversationState).where(
                    ConversationState.key.like(f"%, {telegram_user_id}]")
                )
            )
            await session.commit()
            return True

    # Updates already handled

    async def last_update_id(self) -> int:
        """The highest update id handled (0 if none), for a local Bot API to count on from."""
        async with self._sessions() as session:
            return int(await session.scalar(select(func.max(ProcessedUpdate.update_id))) or 0)

    async def was_processed(self, update_id: int) -> bool:
        async with self._sessions() as session:
            return await session.get(ProcessedUpdate, update_id) is not None

    async def mark_processed(self, update_id: int, now: datetime) -> bool:
        """Note the update as handled. In an update, this commits everything it wrote, in one
        go (and what it wrote since, when called again), with the pressed message if the press
        acted (`press_acted`). False if another process noted the same update, or acted on a
        press of the same message, first: that one stands, and what this one wrote is rolled
        back."""
        transaction = _UPDATE.get()
        parameters: dict[str, Any] = {"update_id": update_id, "now": now}
        try:
            if transaction is None or not transaction.open:
                async with self._engine.begin() as connection:
                    await connection.execute(_MARK_PROCESSED, parameters)
                return True
            note_press = transaction.press_acted and not transaction.press_noted
            async with self._in_update() as connection:
                if transaction.recorded and not note_press and not connection.in_transaction():
                    return True  # noted, and nothing written since
                if not transaction.recorded:
                    await connection.execute(_MARK_PROCESSED, parameters)
                if note_press and transaction.press is not None:
                    chat, message = transaction.press
                    await connection.execute(
                        _MARK_PRESSED, {"press_chat": chat, "press_message": message, "now": now}
                    )
                await connection.commit()
        except IntegrityError:
            await self.undo_update()
            return False
        transaction.recorded = True
        transaction.press_noted = transaction.press_noted or note_press
        return True

    @staticmethod
    def press_acted() -> None:
        """The update's button press acted (its question is frozen): a later press of the same
        message is turned away (`Arrival.pressed`). Noted with the update id (mark_processed),
        so only once the step is committed; no I/O here."""
        transaction = _UPDATE.get()
        if transaction is not None and transaction.open:
            transaction.press_acted = True

    async def press_undone(self) -> None:
        """The step of the press failed after all: its message may be pressed again. Written
        in the update's transaction, committed by its next mark_processed."""
        transaction = _UPDATE.get()
        if transaction is None or not transaction.open or transaction.press is None:
            return
        transaction.press_acted = False
        if transaction.press_noted:
            chat, message = transaction.press
            async with self._in_update() as connection:
                await connection.execute(
                    _UNMARK_PRESSED, {"press_chat": chat, "press_message": message}
                )
            transaction.press_noted = False

    # Groups

    async def group_notice_due(self, chat_id: int, day: date) -> bool:
        """Whether the group `chat_id` is yet to be told, on the UTC `day`, that the bot talks
        in private chats only; if so, noted at once (a transaction of its own), so that
        whichever process or update asks first tells it, and no other that day."""
        async with self._engine.begin() as connection:
            statement = _GROUP_NOTICE.get(connection.dialect.name, _GROUP_NOTICE["sqlite"])
            row = (await connection.execute(statement, {"chat": chat_id, "day": day})).first()
            return row is not None

    async def forget_processed(self, before: datetime) -> int:
        """Telegram re-sends for about a day at most; older ids need not be kept. Presses
        noted before `before` go too (their messages are frozen), and the notices of groups
        told before that day. Returns how many update ids were forgotten."""
        async with self._sessions() as session:
            result = await session.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
            )
            await session.execute(delete(PressedMessage).where(PressedMessage.pressed_at < before))
            await session.execute(delete(GroupNotice).where(GroupNotice.day < before.date()))
            await session.commit()
            return int(getattr(result, "rowcount", 0) or 0)
