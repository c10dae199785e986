"""The activities aggregate on SQLite and PostgreSQL: one row per file, a file once, gone with
the user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.activities import NewActivity
from storage.db import create_engine, make_session_factory, upgrade
from storage.repository import Repository
from storage.users import UnknownUser

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
DAY = date(2026, 3, 1)

pytestmark = pytest.mark.both_databases


@pytest.fixture
async def repo(database_url: str) -> AsyncIterator[Repository]:
    engine: AsyncEngine = create_engine(database_url)
    await upgrade(engine)
    yield Repository(make_session_factory(engine))
    await engine.dispose()


def new(
    source_id: str,
    started: datetime,
    kind: str = "easy_run",
    *,
    advice: bool = True,
    sport: str = "run",
) -> NewActivity:
    return NewActivity(
        source_id=source_id,
        sport=sport,
        started_at=started,
        local_date=started.date(),
        moving_seconds=3600,
        distance_metres=10_000,
        avg_heart_rate=145,
        max_heart_rate=170,
        classification=kind,
        for_advice=advice,
    )


async def test_a_file_is_stored_once_per_user_and_found_by_day(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.users.ensure(8, 8, NOW)
    morning = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    await repo.activities.add(7, new("fit:a", morning), NOW)
    await repo.activities.add(7, new("fit:b", morning + timedelta(hours=9), "long_race"), NOW)
    await repo.activities.add(7, new("fit:old", morning - timedelta(days=9), advice=False), NOW)
    await repo.activities.add(8, new("fit:a", morning), NOW)  # another user, the same file

    assert await repo.activities.by_source(7, "fit:a") is not None
    assert await repo.activities.by_source(7, "fit:c") is None
    day = await repo.activities.on_day(7, DAY)
    assert [row.classification for row in day] == ["easy_run", "long_race"]
    assert [row.source_id for row in await repo.activities.runs_before(7, morning)] == ["fit:old"]
    assert len(await repo.activities.list_for(7)) == 3


async def test_a_file_sent_before_is_found_by_its_source_only_for_its_sender(
    repo: Repository,
) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.users.ensure(8, 8, NOW)
    morning = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    mine = await repo.activities.add(7, new("fit:a", morning, "long_race"), NOW)

    found = await repo.activities.by_source(7, "fit:a")
    assert found is not None and (found.id, found.classification) == (mine.id, "long_race")
    assert await repo.activities.by_source(8, "fit:a") is None
    assert await repo.activities.by_source(7, "fit:b") is None


async def test_the_same_activity_is_found_by_its_sport_and_start_only_for_its_sender(
    repo: Repository,
) -> None:
    """Another file of one activity: the same sport, starting within the span given (UTC
    instants, so a zone's offset never splits them)."""
    await repo.users.ensure(7, 7, NOW)
    await repo.users.ensure(8, 8, NOW)
    morning = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    mine = await repo.activities.add(7, new("fit:a", morning), NOW)
    span = timedelta(minutes=2)

    for start in (morning - span, morning + timedelta(seconds=40), morning + span):
        found = await repo.activities.same_activity(7, "run", start, span)
        assert found is not None and found.id == mine.id, start
    later = morning + span + timedelta(seconds=1)
    berlin = (morning + timedelta(seconds=30)).astimezone(timezone(timedelta(hours=1)))
    assert await repo.activities.same_activity(7, "run", later, span) is None
    assert await repo.activities.same_activity(7, "cycle", morning, span) is None
    assert await repo.activities.same_activity(8, "run", morning, span) is None
    found = await repo.activities.same_activity(7, "run", berlin, span)
    assert found is not None and found.id == mine.id


async def test_the_legs_answer_is_kept_and_only_for_the_owner(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    row = await repo.activities.add(7, new("gym", NOW, "ask_legs", sport="strength"), NOW)
    assert not await repo.activities.set_legs(8, row.id, True)
    assert await repo.activities.set_legs(7, row.id, True)
    found = await repo.activities.get(7, row.id)
    assert found is not None and found.legs is True
    assert await repo.activities.get(8, row.id) is None


async def test_activities_go_with_the_user(repo: Repository) -> None:
    await repo.users.ensure(7, 7, NOW)
    await repo.activities.add(7, new("fit:a", NOW), NOW)
    assert await repo.delete_user(7)
    assert await repo.activities.list_for(7) == []
    with pytest.raises(UnknownUser):
        await repo.activities.add(7, new("fit:a", NOW), NOW)
