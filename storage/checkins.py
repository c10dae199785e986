"""The check-ins aggregate: the running check-in's draft and the stored check-ins, one a day."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import JSON, String, bindparam, cast, delete, func, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import CheckIn, CheckInDraft, User, UtcDateTime
from storage.transactions import Database
from storage.users import UnknownUser

# A check-in's answers about the day before it, as stored (storage.models.CheckIn): the one
# list the dialogs (conversations.verdicts) and the export (conversations.records) go by.
ANSWER_FIELDS = (
    "workout",
    "also_workout",
    "leg_intensity",
    "overreached",
    "walking",
    "sharp_pain",
    "leg_day_before_rest",
)
# The evening's answer about the check-in's own day (CheckIn.workout_that_day), as the draft
# keeps them.
THAT_DAY_FIELDS = {
    "today_workout": "workout_that_day",
    "today_leg_intensity": "intensity_that_day",
    "today_overreached": "overreached_that_day",
}
_CHECKIN_FIELDS = (*ANSWER_FIELDS, *THAT_DAY_FIELDS.values(), "rule", "advice", "evening")

# Statements on the path of every check-in step, built once: building one costs about as much
# CPU as running it, and a statement built anew has its cache key computed anew too.
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
    # Returned with it: the advice of the user's check-in of that day, if one is stored already.
    earlier = (
        select(CheckIn.advice)
        .where(
            CheckIn.user_id == _USER_PK,
            CheckIn.local_date == bindparam("day", type_=CheckIn.local_date.type),
        )
        .scalar_subquery()
    )
    return statement.on_conflict_do_update(
        index_elements=[CheckInDraft.user_id],
        set_={name: statement.excluded[name] for name in replaced},
    ).returning(earlier)


_NEW_DRAFT = {"postgresql": _new_draft(pg_insert), "sqlite": _new_draft(sqlite_insert)}
_REPLACE_CHECKIN = (
    update(CheckIn)
    .where(CheckIn.user_id == _USER_PK, CheckIn.local_date == bindparam("day"))
    .values(
        {name: bindparam(f"new_{name}") for name in _CHECKIN_FIELDS}
        | {"updated_at": bindparam("now")}
    )
)

# The check-in of the day before, if its evening told that day's own workout: it takes the
# workout answers just stored, which are about that same day (an answer given later wins);
# not when they hold that told workout beside a session the bot timed (CheckIn.also_workout):
# the evening's answer stands as told.
_ALIGN_DAY_BEFORE = (
    update(CheckIn)
    .where(
        CheckIn.user_id == _USER_PK,
        CheckIn.local_date == bindparam("day_before"),
        CheckIn.workout_that_day.is_not(None),
        bindparam("new_also_workout", type_=String).is_(None),
    )
    .values(
        workout_that_day=bindparam("new_workout"),
        intensity_that_day=bindparam("new_leg_intensity"),
        overreached_that_day=bindparam("new_overreached"),
    )
)


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


_SQLITE_SET = func.json_set(
    CheckInDraft.answers,
    bindparam("path", type_=String),
    func.json(bindparam("value", type_=String)),
)


def _pg_object(key: str, value: str) -> Any:
    return func.jsonb_build_object(
        bindparam(key, type_=String), cast(bindparam(value, type_=String), JSONB)
    )


_PG_SET = cast(CheckInDraft.answers, JSONB).op("||")(_pg_object("key", "value"))
_ADD_ANSWER = {
    "sqlite": _add_answer(_SQLITE_SET),
    "postgresql": _add_answer(cast(_PG_SET, JSON)),
}
# The same, plus a second answer stored only if none is there yet (json_insert leaves an
# existing key alone; in PostgreSQL's ||, the right-hand side wins).
_ADD_ANSWER_AND_DEFAULT = {
    "sqlite": _add_answer(
        func.json_insert(
            _SQLITE_SET,
            bindparam("default_path", type_=String),
            func.json(bindparam("default_value", type_=String)),
        )
    ),
    "postgresql": _add_answer(
        cast(_pg_object("default_key", "default_value").op("||")(_PG_SET), JSON)
    ),
}


class DayAnswers(NamedTuple):
    """A stored check-in as a record shows it: the local date, the answers it keeps, the
    advice, when the answers were given (UTC), and whether that was in the evening of its day
    (CheckIn.evening: then it covers the next morning)."""

    local_date: date
    workout: str
    walking: str
    advice: str
    leg_intensity: str | None
    sharp_pain: bool | None
    updated_at: datetime
    workout_that_day: str | None
    evening: bool = False
    overreached: bool | None = None
    intensity_that_day: str | None = None
    overreached_that_day: bool | None = None
    rule: int | None = None  # CheckIn.rule: the rule that decided its advice


# Only the columns a record shows, as plain tuples: loading 365 ORM objects for a year of
# check-ins cost some 5 ms of CPU, most of it in building the objects.
_DAYS = (
    select(
        CheckIn.local_date,
        CheckIn.workout,
        CheckIn.walking,
        CheckIn.advice,
        CheckIn.leg_intensity,
        CheckIn.sharp_pain,
        CheckIn.updated_at,
        CheckIn.workout_that_day,
        CheckIn.evening,
        CheckIn.overreached,
        CheckIn.intensity_that_day,
        CheckIn.overreached_that_day,
        CheckIn.rule,
    )
    .where(CheckIn.user_id == _USER_PK)
    .order_by(CheckIn.local_date)
)


class CheckIns:
    def __init__(self, db: Database) -> None:
        self._db = db

    # The running check-in's draft

    async def start_draft(
        self,
        telegram_user_id: int,
        run_id: str,
        now: datetime,
        day: date | None = None,
        answers: Mapping[str, str | bool | None] | None = None,
    ) -> str | None:
        """A new check-in, in place of any running one, with `answers` known before it is asked
        (none by default). Returns, in the same statement, the advice of the user's check-in
        stored for the local `day` (None: none, or no day given), which the new one will
        replace. UnknownUser if the user is not stored."""
        parameters = {
            "tg_user": telegram_user_id,
            "run": run_id,
            "now": now,
            "no_answers": dict(answers or {}),
            "day": day,
        }
        async with self._db.writing() as connection:
            statement = _NEW_DRAFT.get(connection.dialect.name, _NEW_DRAFT["sqlite"])
            row = (await connection.execute(statement, parameters)).first()
            if row is None:
                raise UnknownUser(telegram_user_id)
            return None if row[0] is None else str(row[0])

    async def get_draft(self, telegram_user_id: int) -> CheckInDraft | None:
        async with self._db.reading() as session:
            return await session.scalar(
                select(CheckInDraft)
                .join(User, User.id == CheckInDraft.user_id)
                .where(User.telegram_user_id == telegram_user_id)
            )

    async def save_answer(
        self,
        telegram_user_id: int,
        run_id: str,
        key: str,
        value: str | bool | None,
        now: datetime,
        *,
        default: tuple[str, str | bool | None] | None = None,
    ) -> dict[str, Any] | None:
        """Add one answer to the running check-in and return all its answers so far; None
        when that check-in is not the user's current one (any more). `default`: another
        answer (key, value), stored in the same statement only if that key has none yet."""
        parameters = {
            "tg_user": telegram_user_id,
            "run": run_id,
            "key": key,
            "path": f'$."{key}"',
            "value": json.dumps(value),
            "now": now,
        }
        statements = _ADD_ANSWER
        if default is not None:
            statements = _ADD_ANSWER_AND_DEFAULT
            parameters.update(
                default_key=default[0],
                default_path=f'$."{default[0]}"',
                default_value=json.dumps(default[1]),
            )
        async with self._db.writing() as connection:
            statement = statements.get(connection.dialect.name, statements["sqlite"])
            answers = (await connection.execute(statement, parameters)).scalar()
            return None if answers is None else dict(answers)

    async def delete_draft(self, telegram_user_id: int) -> None:
        """Drop the running check-in, if any."""
        async with self._db.writing() as connection:
            await connection.execute(_DROP_DRAFT, {"tg_user": telegram_user_id})

    # Stored check-ins

    async def save(
        self,
        telegram_user_id: int,
        local_date: date,
        answers: Mapping[str, str | bool | None],
        rule: int,
        advice: str,
        now: datetime,
        *,
        evening: bool = False,
    ) -> bool:
        """Store the day's check-in and drop the draft together; True if it replaced one.
        `answers` as the draft keeps them (the answers about the day itself under the keys of
        THAT_DAY_FIELDS); `evening`: given in the evening of `local_date` on the user's clock
        now (CheckIn.evening, coach.timing.covers_next_day), which a check-in replaced later
        takes from the time of its new answers. The day before's check-in, if its evening told
        that day's own workout (THAT_DAY_FIELDS), takes this one's workout answers in its place:
        one day's workout, told twice, reads the same in both rows (the later answer, a
        correction of the one told that evening, wins)."""
        parameters: dict[str, Any] = {f"new_{name}": answers.get(name) for name in ANSWER_FIELDS}
        parameters.update(
            {f"new_{column}": answers.get(key) for key, column in THAT_DAY_FIELDS.items()}
        )
        parameters.update(
            tg_user=telegram_user_id,
            day=local_date,
            day_before=local_date - timedelta(days=1),
            new_rule=rule,
            new_advice=advice,
            new_evening=evening,
            now=now,
        )
        async with self._db.writing() as connection:
            add = _ADD_CHECKIN.get(connection.dialect.name, _ADD_CHECKIN["sqlite"])
            replaced = not (await connection.execute(add, parameters)).rowcount
            if replaced and not (await connection.execute(_REPLACE_CHECKIN, parameters)).rowcount:
                raise UnknownUser(telegram_user_id)
            await connection.execute(_ALIGN_DAY_BEFORE, parameters)
            await connection.execute(_DROP_DRAFT, parameters)
            return replaced

    async def get(self, telegram_user_id: int, local_date: date) -> CheckIn | None:
        async with self._db.reading() as session:
            return await session.scalar(
                select(CheckIn)
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id, CheckIn.local_date == local_date)
            )

    async def latest_day(self, telegram_user_id: int) -> date | None:
        """The local day of the user's latest check-in, or None before any."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(func.max(CheckIn.local_date))
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id)
            )

    async def latest_before(self, telegram_user_id: int, local_date: date) -> CheckIn | None:
        """The user's latest check-in of a local day before `local_date`, or None."""
        async with self._db.reading() as session:
            return await session.scalar(
                select(CheckIn)
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id, CheckIn.local_date < local_date)
                .order_by(CheckIn.local_date.desc())
                .limit(1)
            )

    async def list_for(self, telegram_user_id: int) -> list[CheckIn]:
        """The user's check-ins, oldest first."""
        async with self._db.reading() as session:
            rows = await session.scalars(
                select(CheckIn)
                .join(User, User.id == CheckIn.user_id)
                .where(User.telegram_user_id == telegram_user_id)
                .order_by(CheckIn.local_date)
            )
            return list(rows)

    async def days_for(self, telegram_user_id: int) -> list[DayAnswers]:
        """The user's check-ins, oldest first, with only what a record shows (list_for has
        every column)."""
        async with self._db.writing(writes=False) as connection:
            rows = await connection.execute(_DAYS, {"tg_user": telegram_user_id})
            return [DayAnswers(*row) for row in rows]
