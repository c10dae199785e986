"""What the storage tests share: a migrated database of the kind under test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, upgrade


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on `database_url` (SQLite, or PostgreSQL where the test runs on both), migrated
    to the newest schema; disposed after the test."""
    engine = create_engine(database_url)
    await upgrade(engine)
    yield engine
    await engine.dispose()
