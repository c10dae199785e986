"""The jogs aggregate: guided runs, from the warm-up to how the run felt."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, delete, select, update

from storage.models import JogSession, JogStatus, MessageKind, MessageStatus, ScheduledMessage, User
from storage.transactions import Database
from storage.users import UnknownUser, pk_of


class SessionLine(NamedTuple):
    """A session as a record shows it."""

    started_at: datetime
    kind: str
    actual_minutes: int | None
    status: JogStatus
    feeling: str | None
    planned_minutes: int


# Only the columns a record shows, as plain tuples (see storage.checkins._DAYS).
_LINES = (
    select(
        JogSession.started_at,
        JogSession.kind,
        JogSession.actual_minutes,
        JogSession.status,
        JogSession.feeling,
        JogSession.planned_minutes,
    )
    .join(User, User.id == JogSession.user_id)
    .where(User.telegram_user_id == bindparam("tg_user"))
    .order_by(JogSession.started_at)
)


class Jogs:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self, telegram_user_id: int, kind: str, minutes: int, now: datetime, warm_up: timedelta
    ) -> JogSession:
        """A running session. Its cues are scheduled apart (conversations.planning.plan_timer),
        in the same unit of work: a session is never stored without them."""
        async with self._db.session() as session:
            pk = await session.scalar(pk_of(telegram_user_id))
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
        return jog

    async def get(self, telegram_user_id: int, jog_id: int) -> JogSession | None:
        """Only the user's own sessions: a forged id of someone else's finds nothing."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(JogSession.id == jog_id, User.telegram_user_id == telegram_user_id)
            )

    async def running(self, telegram_user_id: int) -> JogSession | None:
        async with self._db.reading() as session:
            return await session.scalar(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    JogSession.status == JogStatus.RUNNING,
                )
            )

    async def end(
        self, jog_id: int, status: JogStatus, now: datetime, actual_minutes: int | None
    ) -> bool:
        """Close a running session and drop its cues still pending; False if it was not
        running (already ended elsewhere)."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(JogSession)
                .where(JogSession.id == jog_id, JogSession.status == JogStatus.RUNNING)
                .values(status=status, ended_at=now, actual_minutes=actual_minutes)
            )
            await connection.execute(
                delete(ScheduledMessage).where(
                    ScheduledMessage.jog_session_id == jog_id,
                    ScheduledMessage.status == MessageStatus.PENDING,
                    ScheduledMessage.kind == MessageKind.JOG_CUE,
                )
            )
            return bool(result.rowcount)

    async def settle_missed(self, jog_id: int, ended_at: datetime, actual_minutes: int) -> bool:
        """A session missed while the bot was down, told done after all for `actual_minutes`
        (ended at `ended_at`): completed; False if it was told already (done, or not:
        `decline_missed`)."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(JogSession)
                .where(
                    JogSession.id == jog_id,
                    JogSession.status == JogStatus.MISSED,
                    JogSession.actual_minutes.is_(None),
                )
                .values(
                    status=JogStatus.COMPLETED, ended_at=ended_at, actual_minutes=actual_minutes
                )
            )
            return bool(result.rowcount)

    async def decline_missed(self, jog_id: int) -> bool:
        """A session missed while the bot was down, told not done: it stays missed, with 0
        minutes (None: not told yet); False if it was told already."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(JogSession)
                .where(
                    JogSession.id == jog_id,
                    JogSession.status == JogStatus.MISSED,
                    JogSession.actual_minutes.is_(None),
                )
                .values(actual_minutes=0)
            )
            return bool(result.rowcount)

    async def move_run_start(self, jog_id: int, run_started_at: datetime) -> bool:
        """Move a running session's start (a guided routine skipped ahead: what is left of it
        is shorter by as much); False if it was not running."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(JogSession)
                .where(JogSession.id == jog_id, JogSession.status == JogStatus.RUNNING)
                .values(run_started_at=run_started_at)
            )
            return bool(result.rowcount)

    async def set_feeling(self, jog_id: int, feeling: str) -> None:
        async with self._db.writing() as connection:
            await connection.execute(
                update(JogSession).where(JogSession.id == jog_id).values(feeling=feeling)
            )

    async def list_for(self, telegram_user_id: int) -> list[JogSession]:
        """The user's sessions, oldest first."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(JogSession.started_at)
            )
            return list(rows)

    async def started_between(
        self, telegram_user_id: int, start: datetime, end: datetime
    ) -> list[JogSession]:
        """The user's sessions started at or after `start` and before `end` (aware UTC: one
        local day is its midnights' moments), oldest first; read through the user's sessions
        only, not all of them."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(JogSession)
                .join(User, User.id == JogSession.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    JogSession.started_at >= start,
                    JogSession.started_at < end,
                )
                .order_by(JogSession.started_at)
            )
            return list(rows)

    async def lines_for(self, telegram_user_id: int) -> list[SessionLine]:
        """The user's sessions, oldest first, with only what a record shows."""
        async with self._db.writing(writes=False) as connection:
            rows = await connection.execute(_LINES, {"tg_user": telegram_user_id})
            return [SessionLine(*row) for row in rows]
