"""The activities aggregate: what the user's shared activity files said (not the files)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select, update

from storage.models import ActivityRecord, User
from storage.transactions import Database
from storage.users import UnknownUser, pk_of


@dataclass(frozen=True)
class NewActivity:
    """One parsed file, ready to store: times aware UTC, distance in metres, rates in bpm."""

    source_id: str
    sport: str
    started_at: datetime
    local_date: date
    moving_seconds: int
    distance_metres: int | None
    avg_heart_rate: int | None
    max_heart_rate: int | None
    classification: str
    for_advice: bool
    # Why it was classed so: {"why": a coach.activities.Reason value, its numbers}.
    reason: dict[str, Any] | None = None


class FileLine(NamedTuple):
    """An activity as a record shows it (see ActivityRecord for the fields)."""

    sport: str
    started_at: datetime
    local_date: date
    distance_metres: int | None
    moving_seconds: int
    avg_heart_rate: int | None
    classification: str
    legs: bool | None
    for_advice: bool
    reason: dict[str, Any] | None


# Only the columns a record shows, as plain tuples (see storage.checkins._DAYS).
_LINES = (
    select(*(getattr(ActivityRecord, name) for name in FileLine._fields))
    .join(User, User.id == ActivityRecord.user_id)
    .where(User.telegram_user_id == bindparam("tg_user"))
    .order_by(ActivityRecord.started_at)
)


class Activities:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def by_source(self, telegram_user_id: int, source_id: str) -> ActivityRecord | None:
        """The user's row of this very file, or None if they have not sent it before."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    ActivityRecord.source_id == source_id,
                )
            )

    async def same_activity(
        self, telegram_user_id: int, sport: str, start: datetime, within: timedelta
    ) -> ActivityRecord | None:
        """The user's earliest stored activity of `sport` (a coach.activities.Sport value) that
        started within `within` of `start` (aware), or None: the same activity in another file."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    ActivityRecord.sport == sport,
                    ActivityRecord.started_at >= start - within,
                    ActivityRecord.started_at <= start + within,
                )
                .order_by(ActivityRecord.id)
                .limit(1)
            )

    async def add(self, telegram_user_id: int, new: NewActivity, now: datetime) -> ActivityRecord:
        async with self._db.session() as session:
            pk = await session.scalar(pk_of(telegram_user_id))
            if pk is None:
                raise UnknownUser(telegram_user_id)
            row = ActivityRecord(user_id=pk, created_at=now, legs=None, **vars(new))
            session.add(row)
            await session.flush()
        return row

    async def get(self, telegram_user_id: int, activity_id: int) -> ActivityRecord | None:
        """Only the user's own: a forged id of someone else's finds nothing."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(ActivityRecord.id == activity_id, User.telegram_user_id == telegram_user_id)
            )

    async def set_legs(self, telegram_user_id: int, activity_id: int, legs: bool) -> bool:
        """The answer to "was it legs?" for a strength session; False if not theirs."""
        async with self._db.writing() as connection:
            result = await connection.execute(
                update(ActivityRecord)
                .where(
                    ActivityRecord.id == activity_id,
                    ActivityRecord.user_id.in_(pk_of(telegram_user_id).scalar_subquery()),
                )
                .values(legs=legs)
            )
            return bool(result.rowcount)

    async def on_day(self, telegram_user_id: int, local_date: date) -> list[ActivityRecord]:
        """The activities of one local day that count for advice, oldest first."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    ActivityRecord.local_date == local_date,
                    ActivityRecord.for_advice.is_(True),
                )
                .order_by(ActivityRecord.started_at)
            )
            return list(rows)

    async def runs_before(
        self, telegram_user_id: int, before: datetime, limit: int = 20
    ) -> list[ActivityRecord]:
        """The user's latest runs that started before `before`, newest first: their usual."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(
                    User.telegram_user_id == telegram_user_id,
                    ActivityRecord.sport == "run",
                    ActivityRecord.started_at < before,
                )
                .order_by(ActivityRecord.started_at.desc())
                .limit(limit)
            )
            return list(rows)

    async def list_for(self, telegram_user_id: int) -> list[ActivityRecord]:
        """The user's activities, oldest first."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(ActivityRecord)
                .join(User, User.id == ActivityRecord.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(ActivityRecord.started_at)
            )
            return list(rows)

    async def lines_for(self, telegram_user_id: int) -> list[FileLine]:
        """The user's activities, oldest first, with only what a record shows."""
        async with self._db.writing(writes=False) as connection:
            rows = await connection.execute(_LINES, {"tg_user": telegram_user_id})
            return [FileLine(*row) for row in rows]
