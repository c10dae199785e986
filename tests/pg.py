"""A fresh PostgreSQL database per test, on the server named by LEGDAY_TEST_POSTGRES_URL.

`tests/with-postgres.sh` starts a throwaway server and sets that variable, plus
LEGDAY_REQUIRE_POSTGRES=1 so that CI fails rather than silently skipping the PostgreSQL runs.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy.engine import make_url

URL_VARIABLE = "LEGDAY_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "LEGDAY_REQUIRE_POSTGRES"
HOW_TO_RUN = (
    "needs a PostgreSQL server: run the suite through `bash tests/with-postgres.sh "
    ".venv/bin/pytest -q` (starts a throwaway cluster; needs PostgreSQL's server binaries, "
    "which it installs with apt-get when run as root), or set "
    f"{URL_VARIABLE}=postgresql+asyncpg://user@host:port/postgres for a role that may create "
    "databases"
)

T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run on a loop of its own: the fixtures using this are synchronous, and the test's loop
    is not running while they set up."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"PostgreSQL required ({REQUIRE_VARIABLE}=1) but {reason}", pytrace=False)
    pytest.skip(f"{reason}; this test {HOW_TO_RUN}")


async def _admin(server: str, statement: str) -> None:
    connection = await asyncpg.connect(server, timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def fresh_database() -> Iterator[str]:
    """An empty database of its own for one test (the bot's migrations build the schema),
    dropped afterwards even if connections were left open."""
    server_url = os.environ.get(URL_VARIABLE, "")
    if not server_url:
        _unavailable(f"{URL_VARIABLE} is not set")
    url = make_url(server_url)
    server = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"legday_test_{uuid.uuid4().hex[:16]}"
    try:
        _run(_admin(server, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        _unavailable(f"the server at {url.host}:{url.port} is unreachable ({exc})")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        _run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
