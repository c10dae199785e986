"""The users aggregate: one row per Telegram user, with their settings and onboarding answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, exists, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import MessageKind, MessageStatus, ScheduledMessage, User
from storage.transactions import Database, current

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
        "run_skipped_on",
    }
)
_CONTACT_FIELDS = ("chat_id", "first_name", "language_code", "active", "updated_at")


class UnknownUser(LookupError):
    """No user with this Telegram id: they never sent /start, or deleted their data."""


def pk_of(telegram_user_id: int) -> Select[int]:
    """The query for the user's row id, which every other aggregate refers to them by."""
    return select(User.id).where(User.telegram_user_id == telegram_user_id)


def _contact(insert: Any) -> Any:
    """A first contact creates the user; a later one refreshes their names and reactivates
    them, in one statement that two first contacts at once cannot both fail."""
    statement = insert(User).values(
        telegram_user_id=bindparam("tg_user"),
        chat_id=bindparam("chat"),
        first_name=bindparam("name"),
        language_code=bindparam("code"),
        active=True,
        created_at=bindparam("now"),
        updated_at=bindparam("now"),
    )
    return statement.on_conflict_do_update(
        index_elements=[User.telegram_user_id],
        set_={name: statement.excluded[name] for name in _CONTACT_FIELDS},
    )


_CONTACT = {"postgresql": _contact(pg_insert), "sqlite": _contact(sqlite_insert)}


class Users:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, telegram_user_id: int) -> User | None:
        """In an update, the user as it arrived (or as written since): no second read."""
        unit = current()
        if unit is not None and telegram_user_id in unit.users:
            values = unit.users[telegram_user_id]
            return None if values is None else User(**values)
        async with self._db.reading() as session:
            return await session.scalar(
                select(User).where(User.telegram_user_id == telegram_user_id)
            )

    async def ensure(
        self,
        telegram_user_id: int,
        chat_id: int,
        now: datetime,
        first_name: str | None = None,
        language_code: str | None = None,
    ) -> User:
        """Create the user on first contact; later contacts refresh names and mark them active."""
        parameters = {
            "tg_user": telegram_user_id,
            "chat": chat_id,
            "name": first_name,
            "code": language_code,
            "now": now,
        }
        async with self._db.writing() as connection:
            statement = _CONTACT.get(connection.dialect.name, _CONTACT["sqlite"])
            await connection.execute(statement, parameters)
        self._forget(telegram_user_id)
        user = await self.get(telegram_user_id)
        if user is None:  # pragma: no cover - written just above
            raise RuntimeError("could not create or update the user")
        return user

    async def update(self, telegram_user_id: int, now: datetime, **changes: object) -> User:
        """Change settings (names from the set above only); UnknownUser if there is no such
        user, ValueError for a name that is not a setting."""
        unknown = set(changes) - _USER_FIELDS
        if unknown:
            raise ValueError(f"not a user field: {', '.join(sorted(unknown))}")
        async with self._db.session() as session:
            user = await session.scalar(
                select(User).where(User.telegram_user_id == telegram_user_id)
            )
            if user is None:
                raise UnknownUser(telegram_user_id)
            for name, value in changes.items():
                setattr(user, name, value)
            user.updated_at = now
        self._forget(telegram_user_id)
        return user

    async def without_morning(self) -> list[User]:
        """Every user who should have a morning push ahead and has none: set up (zone, time,
        onboarding done), not paused until further notice, and with no morning row pending
        or being sent. Planning a push and settling the last one are one transaction, so this
        finds only users whose row was lost some other way (a crash of older code, a row
        removed by hand)."""
        planned = exists().where(
            ScheduledMessage.user_id == User.id,
            ScheduledMessage.kind == MessageKind.MORNING,
            ScheduledMessage.status.in_([MessageStatus.PENDING, MessageStatus.CLAIMED]),
        )
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(User)
                .where(
                    User.onboarded_at.is_not(None),
                    User.time_zone.is_not(None),
                    User.morning_time.is_not(None),
                    or_(~User.paused, User.paused_until.is_not(None)),
                    ~planned,
                )
                .order_by(User.id)
            )
            return list(rows)

    @staticmethod
    def _forget(telegram_user_id: int) -> None:
        unit = current()
        if unit is not None:
            unit.forget_user(telegram_user_id)
