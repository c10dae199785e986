"""The only way the bot reads and writes its data: short transactions, time given by the caller."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.models import (
    CheckIn,
    CheckInDraft,
    ConversationState,
    JogSession,
    JogStatus,
    MessageKind,
    MessageStatus,
    Payload,
    ProcessedUpdate,
    ScheduledMessage,
    User,
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
_USER_ACTIVE = (
    select(User.active).where(User.telegram_user_id == bindparam("user_id")).scalar_subquery()
)
_USER_LANGUAGE = (
    select(User.language).where(User.telegram_user_id == bindparam("user_id")).scalar_subquery()
)
_DIALOG_STATE = (
    select(ConversationState.state)
    .where(
        ConversationState.name == bindparam("dialog_name"),
        ConversationState.key == bindparam("dialog_key"),
    )
    .scalar_subquery()
)
_ARRIVAL = select(_SEEN, _USER_ACTIVE, _USER_LANGUAGE)
_ARRIVAL_IN_DIALOG = select(_SEEN, _USER_ACTIVE, _USER_LANGUAGE, _DIALOG_STATE)
_REACTIVATE = (
    update(User)
    .where(User.telegram_user_id == bindparam("user_id"))
    .values(active=True, updated_at=bindparam("now"))
)
_DRAFT_FOR_UPDATE = (
    select(CheckInDraft.user_id, CheckInDraft.run_id, CheckInDraft.answers)
    .join(User, User.id == CheckInDraft.user_id)
    .where(User.telegram_user_id == bindparam("user_id"))
    # Two presses served by two processes: the second waits, then adds to the first one's
    # answers (PostgreSQL; on SQLite, save_draft_answer takes the write lock first).
    .with_for_update(of=CheckInDraft)
)
_SAVE_ANSWERS = (
    update(CheckInDraft)
    .where(CheckInDraft.user_id == bindparam("pk"), CheckInDraft.run_id == bindparam("draft_run"))
    .values(answers=bindparam("new_answers"), updated_at=bindparam("now"))
)
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


class UnknownUser(LookupError):
    """No user with this Telegram id: they never sent /start, or deleted their data."""


@dataclass(frozen=True)
class Arrival:
    seen: bool
    language: str | None = None  # as chosen by the user; None: not chosen (yet)
    dialog_state: Any | None = None  # None: no dialog running


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

    # Users

    async def get_user(self, telegram_user_id: int) -> User | None:
        async with self._sessions() as session:
            return await self._user(session, telegram_user_id)

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
            return user

    async def arrival(
        self,
        update_id: int,
        telegram_user_id: int,
        now: datetime,
        *,
        wrote: bool,
        dialog: tuple[str, str] | None = None,
    ) -> Arrival:
        """First look at an update, in one read: was it handled before, which language did the
        user choose, and where does their dialog (name, key) stand in the database. A user who
        wrote to us (`wrote`) has not blocked us (any more), so an inactive one is reactivated,
        a write made only when something changes."""
        parameters: dict[str, Any] = {"update_id": update_id, "user_id": telegram_user_id}
        statement = _ARRIVAL
        if dialog is not None:
            statement = _ARRIVAL_IN_DIALOG
            parameters.update(dialog_name=dialog[0], dialog_key=dialog[1])
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement, parameters)).one()
            if row[0]:
                return Arrival(seen=True)
            if wrote and row[1] is False:
                await connection.execute(_REACTIVATE, {"user_id": telegram_user_id, "now": now})
                await connection.commit()
            return Arrival(
                seen=False,
                language=row[2],
                dialog_state=row[3] if dialog is not None else None,
            )

    # Check-in drafts

    async def start_draft(self, telegram_user_id: int, run_id: str, now: datetime) -> None:
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                raise UnknownUser(telegram_user_id)
            await session.execute(delete(CheckInDraft).where(CheckInDraft.user_id == pk))
            session.add(
                CheckInDraft(user_id=pk, run_id=run_id, answers={}, started_at=now, updated_at=now)
            )
            await session.commit()

    async def _draft(self, session: AsyncSession, telegram_user_id: int) -> CheckInDraft | None:
        return await session.scalar(
            select(CheckInDraft)
            .join(User, User.id == CheckInDraft.user_id)
            .where(User.telegram_user_id == telegram_user_id)
        )

    async def get_draft(self, telegram_user_id: int) -> CheckInDraft | None:
        async with self._sessions() as session:
            return await self._draft(session, telegram_user_id)

    async def save_draft_answer(
        self,
        telegram_user_id: int,
        run_id: str,
        key: str,
        value: str | bool | None,
        now: datetime,
    ) -> dict[str, Any] | None:
        """Add one answer to the running check-in and return all its answers so far, in one
        transaction; None when that check-in is not the user's current one (any more)."""
        async with self._engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                # SQLite has no FOR UPDATE, and sqlite3 begins no transaction for a read:
                # take the write lock first, or a second process could read the same answers
                # and write its own over ours.
                await connection.exec_driver_sql("BEGIN IMMEDIATE")
            found = (
                await connection.execute(_DRAFT_FOR_UPDATE, {"user_id": telegram_user_id})
            ).first()
            if found is None or found.run_id != run_id:
                return None
            answers = {**found.answers, key: value}
            await connection.execute(
                _SAVE_ANSWERS,
                {"pk": found.user_id, "draft_run": run_id, "new_answers": answers, "now": now},
            )
            await connection.commit()
            return answers

    async def delete_draft(self, telegram_user_id: int) -> None:
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is not None:
                await session.execute(delete(CheckInDraft).where(CheckInDraft.user_id == pk))
                await session.commit()

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
        """Store the day's check-in and drop the draft together; True if it replaced one."""
        async with self._sessions() as session:
            pk = await self._user_pk(session, telegram_user_id)
            if pk is None:
                raise UnknownUser(telegram_user_id)
            row = await session.scalar(
                select(CheckIn).where(CheckIn.user_id == pk, CheckIn.local_date == local_date)
            )
            replaced = row is not None
            if row is None:
                row = CheckIn(user_id=pk, local_date=local_date, created_at=now)
                session.add(row)
            for name in _ANSWER_FIELDS:
                setattr(row, name, answers.get(name))
            row.rule = rule
            row.advice = advice
            row.updated_at = now
            await session.execute(delete(CheckInDraft).where(CheckInDraft.user_id == pk))
            await session.commit()
            return replaced

    async def get_checkin(self, telegram_user_id: int, local_date: date) -> CheckIn | None:
        async with self._sessions() as session:
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
        """One statement, no read first: this runs on nearly every button press."""
        parameters = {"dialog_name": name, "dialog_key": key}
        async with self._engine.begin() as connection:
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

    async def mark_processed(self, update_id: int, now: datetime) -> None:
        # Core on a plain connection, not the ORM's unit of work: this runs after every update.
        with contextlib.suppress(IntegrityError):  # handled twice at once: first one stands
            async with self._engine.begin() as connection:
                await connection.execute(_MARK_PROCESSED, {"update_id": update_id, "now": now})

    async def forget_processed(self, before: datetime) -> int:
        """Telegram re-sends for about a day at most; older ids need not be kept."""
        async with self._sessions() as session:
            result = await session.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < before)
            )
            await session.commit()
            return int(getattr(result, "rowcount", 0) or 0)
