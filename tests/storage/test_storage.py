"""Storage on SQLite and PostgreSQL: migrations match the models, and rows hold what users did."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Date, Integer, String, column, delete, event, insert, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import MIGRATIONS, create_engine, make_session_factory, sqlite_path, upgrade
from storage.models import Base, CheckIn, CheckInDraft, MessageKind, User, UtcDateTime
from storage.repository import Repository
from storage.users import UnknownUser
from tests.remote import legday_bot

LEASE = timedelta(minutes=2)  # as the scheduler leases a claimed row

NOW = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
DAY = date(2026, 3, 1)

pytestmark = pytest.mark.both_databases


@pytest.fixture
def repo(engine: AsyncEngine) -> Repository:
    return Repository(make_session_factory(engine))


async def test_the_migrations_build_exactly_the_models(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_upgrading_twice_is_harmless(engine: AsyncEngine) -> None:
    await upgrade(engine)

    async with engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == ScriptDirectory(str(MIGRATIONS)).get_current_head()


async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'data.sqlite3'}")
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert await connection.scalar(text("PRAGMA busy_timeout")) == 5000
            assert await connection.scalar(text("PRAGMA foreign_keys")) == 1
    finally:
        await engine.dispose()


async def test_a_failed_sqlite_write_leaves_no_lock_behind(tmp_path: Path) -> None:
    """SQLite connections skip the rollback when no transaction is open: a write that failed
    half-way has opened one, and it must still be rolled back, or its lock would stay."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'data.sqlite3'}"
    engine, other = create_engine(url), create_engine(url, busy_timeout_ms=200)
    try:
        await upgrade(engine)
        repo, elsewhere = (Repository(make_session_factory(e)) for e in (engine, other))
        await repo.updates.mark_processed(1, NOW)
        await repo.updates.mark_processed(1, NOW)  # a duplicate: refused, and rolled back
        await elsewhere.updates.mark_processed(2, NOW)  # would wait, then fail, on a lock left over
        await repo.updates.mark_processed(3, NOW)
        assert await elsewhere.updates.last_id() == 3
    finally:
        await engine.dispose()
        await other.dispose()


async def test_a_write_on_the_raw_sqlite_connection_is_committed(tmp_path: Path) -> None:
    """The skipped commit must not swallow a write made past SQLAlchemy's cursor."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'data.sqlite3'}"
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))  # SQLAlchemy's transaction begins
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            await raw.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (7, ?)",
                (NOW.isoformat(" "),),
            )
            await connection.commit()
        other = create_engine(url)
        try:
            assert await Repository(make_session_factory(other)).updates.last_id() == 7
        finally:
            await other.dispose()
    finally:
        await engine.dispose()


def test_the_sqlite_path_is_found_in_the_url(tmp_path: Path) -> None:
    assert sqlite_path(f"sqlite+aiosqlite:///{tmp_path}/x.db") == tmp_path / "x.db"
    assert sqlite_path("postgresql+asyncpg://u:p@localhost/db") is None


async def test_a_user_is_created_once_and_refreshed_on_later_contact(repo: Repository) -> None:
    first = await repo.users.ensure(7, 7, NOW, first_name="Ana", language_code="en")
    await repo.users.update(7, NOW, active=False)
    again = await repo.users.ensure(7, 7, NOW, first_name="Ana Maria")

    assert again.id == first.id
    assert (again.first_name, again.active) == ("Ana Maria", True)


async def test_only_profile_fields_can_be_updated(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    user = await repo.users.update(7, NOW, morning_time=time(6, 45), time_zone="Asia/Tokyo")

    assert (user.morning_time, user.time_zone) == (time(6, 45), "Asia/Tokyo")
    with pytest.raises(ValueError, match="chat_id"):
        await repo.users.update(7, NOW, chat_id=8)
    with pytest.raises(UnknownUser):
        await repo.users.update(99, NOW, active=True)


async def test_draft_answers_belong_to_one_checkin_run(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.checkins.start_draft(7, "aaaa", NOW)

    assert await repo.checkins.save_answer(7, "aaaa", "workout", "leg_day", NOW) == {
        "workout": "leg_day"
    }
    assert await repo.checkins.save_answer(7, "bbbb", "workout", "rest", NOW) is None
    draft = await repo.checkins.get_draft(7)
    assert draft is not None and draft.answers == {"workout": "leg_day"}

    await repo.checkins.start_draft(7, "bbbb", NOW)
    draft = await repo.checkins.get_draft(7)
    assert draft is not None and (draft.run_id, draft.answers) == ("bbbb", {})


async def test_a_new_draft_says_which_checkin_of_the_day_it_will_replace(
    repo: Repository,
) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.users.ensure(8, 8, NOW)
    await repo.checkins.save(7, DAY, {"workout": "rest", "walking": "normal"}, 8, "as_planned", NOW)
    await repo.checkins.save(8, DAY, {"workout": "rest", "walking": "normal"}, 8, "rest", NOW)

    assert await repo.checkins.start_draft(7, "aaaa", NOW, DAY) == "as_planned"
    assert await repo.checkins.start_draft(7, "bbbb", NOW, DAY + timedelta(days=1)) is None
    assert await repo.checkins.start_draft(7, "cccc", NOW) is None
    with pytest.raises(UnknownUser):
        await repo.checkins.start_draft(9, "dddd", NOW, DAY)


async def test_two_processes_answering_at_once_lose_no_answer(
    repo: Repository, database_url: str
) -> None:
    """Two taps of one user, served by two processes at the same moment: each adds its
    answer to the other's, never writes over it."""
    other = create_engine(database_url)
    elsewhere = Repository(make_session_factory(other))
    try:
        await repo.users.ensure(7, 7, NOW)
        for attempt in range(20):
            run = f"run{attempt}"
            await repo.checkins.start_draft(7, run, NOW)
            await asyncio.gather(
                repo.checkins.save_answer(7, run, "workout", "leg_day", NOW),
                elsewhere.checkins.save_answer(7, run, "walking", "sore", NOW),
            )
            draft = await repo.checkins.get_draft(7)
            assert draft is not None and draft.answers == {"workout": "leg_day", "walking": "sore"}
    finally:
        await other.dispose()


async def test_second_checkin_same_day_replaces_the_first(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.checkins.start_draft(7, "aaaa", NOW)
    answers = {"workout": "rest", "walking": "normal"}

    first = await repo.checkins.save(7, DAY, answers, 8, "as_planned", NOW)
    later = NOW.replace(hour=9)
    second = await repo.checkins.save(
        7,
        DAY,
        {"workout": "easy_run", "walking": "hard", "sharp_pain": False},
        2,
        "strength_mobility",
        later,
    )

    assert (first, second) == (False, True)
    (row,) = await repo.checkins.list_for(7)
    assert (row.workout, row.walking, row.sharp_pain, row.rule) == ("easy_run", "hard", False, 2)
    assert row.created_at == NOW and row.updated_at == later
    assert await repo.checkins.get_draft(7) is None


async def test_deleting_a_user_leaves_no_row_of_theirs(
    repo: Repository, engine: AsyncEngine
) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.checkins.save(7, DAY, {"workout": "rest", "walking": "normal"}, 8, "as_planned", NOW)
    await repo.checkins.start_draft(7, "aaaa", NOW)

    async with make_session_factory(engine)() as session:
        await session.execute(delete(User).where(User.telegram_user_id == 7))
        await session.commit()
        for model in (CheckIn, CheckInDraft):
            assert (
                await session.execute(text(f"SELECT count(*) FROM {model.__tablename__}"))
            ).scalar() == 0


async def test_dialog_states_round_trip_and_are_removed(repo: Repository) -> None:
    await repo.dialogs.save("dialog", "[1, 1]", "checkin:walking", NOW)
    await repo.dialogs.save("dialog", "[2, 2]", "onboarding:time_zone", NOW)
    await repo.dialogs.save("dialog", "[1, 1]", "checkin:sharp_pain", NOW)
    await repo.dialogs.save("dialog", "[2, 2]", None, NOW)

    assert await repo.dialogs.load("dialog") == {"[1, 1]": "checkin:sharp_pain"}
    assert await repo.dialogs.load("other") == {}


async def test_lists_are_empty_for_a_stranger(repo: Repository) -> None:
    assert await repo.checkins.list_for(404) == []
    assert await repo.checkins.get_draft(404) is None
    assert await repo.users.get(404) is None


async def test_writing_for_a_stranger_is_refused_and_creates_nothing(repo: Repository) -> None:
    with pytest.raises(UnknownUser):
        await repo.users.update(404, NOW, active=False)
    with pytest.raises(UnknownUser):
        await repo.checkins.start_draft(404, "aaaa", NOW)
    with pytest.raises(UnknownUser):
        await repo.checkins.save(404, DAY, {"workout": "rest"}, 8, "as_planned", NOW)
    with pytest.raises(UnknownUser):
        await repo.schedule.add(404, MessageKind.JOG_REMINDER, NOW, NOW, {"kind": "jog"})
    with pytest.raises(UnknownUser):
        await repo.jogs.start(404, "jog", 15, NOW, timedelta(minutes=5))

    assert await repo.users.get(404) is None


async def test_processes_claiming_at_once_take_other_rows_a_batch_at_a_time(
    repo: Repository, database_url: str
) -> None:
    await repo.users.ensure(7, 7, NOW)
    # Many rows due at the same moment, as at 07:30 for everyone in one zone.
    for number in range(200):
        await repo.schedule.add(
            7, MessageKind.JOG_REMINDER, NOW - timedelta(minutes=number % 2), NOW
        )
    other_engine = create_engine(database_url)
    other = Repository(make_session_factory(other_engine))
    batches: list[list[int]] = []
    try:
        while not batches or any(batches[-2:]):
            for batch in await asyncio.gather(
                repo.schedule.claim_due(NOW, timedelta(minutes=2), limit=20),
                other.schedule.claim_due(NOW, timedelta(minutes=2), limit=20),
            ):
                batches.append([message.id for message, _ in batch])
    finally:
        await other_engine.dispose()

    assert max(len(batch) for batch in batches) == 20
    claimed = [row for batch in batches for row in batch]
    assert len(claimed) == len(set(claimed)) == 200


def test_db_upgrade_on_the_command_line_builds_the_schema(
    database_url: str, tmp_path: Path
) -> None:
    result = legday_bot(tmp_path, "db", "upgrade", DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Database is up to date: ")

    async def version() -> str | None:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as connection:
                found = await connection.scalar(text("SELECT version_num FROM alembic_version"))
                return None if found is None else str(found)
        finally:
            await engine.dispose()

    assert asyncio.run(version()) == ScriptDirectory(str(MIGRATIONS)).get_current_head()


async def test_only_a_pending_row_is_moved_or_dropped(repo: Repository) -> None:
    await repo.users.ensure(1, 1, NOW)
    for minutes in (10, 20):
        await repo.schedule.add(1, MessageKind.FOLLOW_UP, NOW + timedelta(minutes=minutes), NOW)
    sending, later = await repo.schedule.pending(1)
    assert [
        row.id for row, _ in await repo.schedule.claim_due(NOW + timedelta(minutes=15), LEASE)
    ] == [sending.id]  # the first is being sent now; the second still waits

    assert not await repo.schedule.reschedule(sending.id, NOW + timedelta(hours=1))
    assert not await repo.schedule.cancel(sending.id)
    assert await repo.schedule.reschedule(later.id, NOW + timedelta(hours=1))
    (still,) = await repo.schedule.pending(1)
    assert (still.id, still.due_at) == (later.id, NOW + timedelta(hours=1))
    assert await repo.schedule.cancel(later.id)
    assert await repo.schedule.pending(1) == []
    assert [row.id for row in await repo.schedule.list_for(1)] == [sending.id]  # left to its sender


async def test_a_group_is_due_its_notice_once_a_day_whoever_asks(
    repo: Repository, engine: AsyncEngine
) -> None:
    other = Repository(make_session_factory(engine))  # another process on the same database

    told = [await r.groups.notice_due(-100555, DAY) for r in (repo, other, repo)]
    told_tomorrow = [
        await r.groups.notice_due(-100555, DAY + timedelta(days=1)) for r in (other, repo)
    ]

    assert told == [True, False, False]
    assert told_tomorrow == [True, False]
    assert await repo.groups.notice_due(-100666, DAY)  # another group: its own day
    assert not await repo.groups.notice_due(-100555, DAY)  # a day already past: still no


async def test_a_press_that_acted_is_kept_with_its_update_and_one_that_failed_is_not(
    repo: Repository,
) -> None:
    press = (7, 42)  # chat id, message id

    async def arrive(update_id: int) -> bool:
        return (await repo.arrival(update_id, 7, NOW, wrote=True, press=press)).pressed

    async with repo.one_update():
        assert not await arrive(1)
        repo.presses.acted()
        await repo.presses.undone()  # the step failed after all
        assert await repo.updates.mark_processed(1, NOW)
    async with repo.one_update():
        assert not await arrive(2)
        repo.presses.acted()
        assert await repo.updates.mark_processed(2, NOW)
    async with repo.one_update():
        assert await arrive(3)  # a second press of that message
    async with repo.one_update():
        assert not (await repo.arrival(4, 7, NOW, wrote=True, press=(7, 43))).pressed


async def test_a_press_noted_is_freed_again_when_its_step_fails_afterwards(
    repo: Repository,
) -> None:
    async with repo.one_update():
        await repo.arrival(1, 7, NOW, wrote=True, press=(7, 42))
        repo.presses.acted()
        assert await repo.updates.mark_processed(1, NOW)  # the question went out: committed
        await repo.presses.undone()  # then its send failed
        assert await repo.updates.mark_processed(1, NOW)
    async with repo.one_update():
        assert not (await repo.arrival(2, 7, NOW, wrote=True, press=(7, 42))).pressed


async def test_old_presses_and_group_notices_are_forgotten_with_old_update_ids(
    repo: Repository, engine: AsyncEngine
) -> None:
    async with repo.one_update():
        await repo.arrival(1, 7, NOW, wrote=True, press=(7, 42))
        repo.presses.acted()
        await repo.updates.mark_processed(1, NOW)
    await repo.groups.notice_due(-100555, DAY)

    assert await repo.updates.forget_before(NOW + timedelta(days=2)) == 1

    async with engine.connect() as connection:
        for table in ("processed_updates", "group_notices"):
            assert await connection.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table
    async with repo.one_update():  # the message may be pressed again: nothing remembers it
        assert not (await repo.arrival(2, 7, NOW, wrote=True, press=(7, 42))).pressed


async def test_the_first_look_reads_the_dialog_its_answers_and_keyboards_in_one_statement(
    repo: Repository, engine: AsyncEngine
) -> None:
    """What routing an update needs comes in the one read of its first look: where the dialog
    stands, the running check-in's answers (they tell its question) and, for text that may be
    a typed button, the chat's latest keyboards."""
    await repo.users.ensure(7, 7, NOW)
    await repo.checkins.start_draft(7, "run1", NOW)
    await repo.checkins.save_answer(7, "run1", "workout", "leg_day", NOW)
    await repo.dialogs.save("dialog", "[7, 7]", "checkin", NOW)
    await repo.dialogs.save("keyboards", "[7, 7]", [[42, [["c:x", "Light"]]]], NOW)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        async with repo.one_update():
            found = await repo.arrival(
                1,
                7,
                NOW,
                wrote=True,
                dialog=("dialog", "[7, 7]"),
                keyboards=("keyboards", "[7, 7]"),
            )
            plain = await repo.arrival(2, 7, NOW, wrote=True, dialog=("dialog", "[7, 7]"))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)

    assert len(statements) == 2
    assert found.dialog_state == "checkin"
    assert found.draft_answers == {"workout": "leg_day"}
    assert found.keyboards == [[42, [["c:x", "Light"]]]]
    assert (plain.draft_answers, plain.keyboards) == ({"workout": "leg_day"}, None)


async def test_migration_0012_marks_the_evening_checkins_on_the_users_zone(
    database_url: str,
) -> None:
    """Check-ins stored before 0012 get `evening` from their `updated_at` on the user's zone
    of the day of the upgrade (best effort: the zone they were made in was not kept)."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0011")
        repo = Repository(make_session_factory(engine))
        for uid, zone in ((7, "Europe/Berlin"), (8, "Asia/Tokyo"), (9, None)):
            await repo.users.ensure(uid, uid, NOW)
            await repo.users.update(uid, NOW, time_zone=zone)
        old_checkins = table(
            "checkins",
            column("user_id", Integer()),
            column("local_date", Date()),
            column("workout", String()),
            column("walking", String()),
            column("rule", Integer()),
            column("advice", String()),
            column("created_at", UtcDateTime()),
            column("updated_at", UtcDateTime()),
        )
        given = [
            (7, date(2026, 12, 7), datetime(2026, 12, 7, 9, 0, tzinfo=UTC)),  # 10:00 Berlin
            (7, date(2026, 12, 9), datetime(2026, 12, 9, 19, 0, tzinfo=UTC)),  # 20:00
            (7, date(2026, 12, 10), datetime(2026, 12, 10, 23, 30, tzinfo=UTC)),  # 00:30, 11th
            (7, date(2026, 12, 11), datetime(2026, 12, 11, 3, 0, tzinfo=UTC)),  # 04:00
            (8, date(2026, 12, 9), datetime(2026, 12, 9, 9, 0, tzinfo=UTC)),  # 18:00 Tokyo
            (9, date(2026, 12, 9), datetime(2026, 12, 9, 16, 59, tzinfo=UTC)),  # 16:59 UTC
            (9, date(2026, 12, 10), datetime(2026, 12, 10, 17, 0, tzinfo=UTC)),  # 17:00 UTC
        ]
        async with engine.begin() as connection:
            ids = {
                row.telegram_user_id: row.id
                for row in await connection.execute(select(User.id, User.telegram_user_id))
            }
            await connection.execute(
                insert(old_checkins),
                [
                    {
                        "user_id": ids[uid],
                        "local_date": day,
                        "workout": "rest",
                        "walking": "normal",
                        "rule": 8,
                        "advice": "as_planned",
                        "created_at": at,
                        "updated_at": at,
                    }
                    for uid, day, at in given
                ],
            )

        await upgrade(engine)

        stored = {
            (uid, c.local_date): c.evening
            for uid in (7, 8, 9)
            for c in await repo.checkins.list_for(uid)
        }
        assert stored == {
            (7, date(2026, 12, 7)): False,
            (7, date(2026, 12, 9)): True,
            (7, date(2026, 12, 10)): True,
            (7, date(2026, 12, 11)): False,
            (8, date(2026, 12, 9)): True,
            (9, date(2026, 12, 9)): False,
            (9, date(2026, 12, 10)): True,
        }
    finally:
        await engine.dispose()


async def test_a_checkin_keeps_whether_it_was_given_in_the_evening(repo: Repository) -> None:
    """Stored as given: a morning check-in answered again that evening becomes an evening one."""
    await repo.users.ensure(7, 7, NOW)
    answers: dict[str, str | bool | None] = {"workout": "rest", "walking": "normal"}
    await repo.checkins.save(7, DAY, answers, 8, "as_planned", NOW)
    first = await repo.checkins.get(7, DAY)
    assert first is not None and first.evening is False

    await repo.checkins.save(7, DAY, answers, 8, "as_planned", NOW + LEASE, evening=True)

    (day,) = await repo.checkins.days_for(7)
    assert day.evening is True


async def test_sessions_started_between_two_moments_are_the_users_own_in_that_span(
    repo: Repository,
) -> None:
    """One local day's sessions (conversations.jog.run_settled): start inclusive, end exclusive,
    oldest first, nobody else's."""
    await repo.users.ensure(7, 7, NOW)
    await repo.users.ensure(8, 8, NOW)
    warm_up = timedelta(minutes=5)
    day_start, day_end = NOW, NOW + timedelta(days=1)
    for uid, at in [
        (7, day_start - timedelta(seconds=1)),
        (7, day_start + timedelta(hours=10)),
        (7, day_start),
        (7, day_end),
        (8, day_start + timedelta(hours=1)),
    ]:
        await repo.jogs.start(uid, "jog", 15, at, warm_up)

    found = await repo.jogs.started_between(7, day_start, day_end)

    assert [s.started_at for s in found] == [day_start, day_start + timedelta(hours=10)]
