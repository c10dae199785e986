"""SEND_RATE_LIMIT: what the bot sends to all chats together leaves evenly paced, one message
every 1/rate seconds, not in bursts (a burst trips Telegram's limit, and one 429 pauses every
send). Measured on the stand-in's clock: when each message reached it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from itertools import pairwise
from statistics import median

import pytest

from bot.config import Settings
from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations import texts
from tests.chat import FrozenClock, seed_set_up_users
from tests.conftest import BotRunner, tick

RATE = 20  # messages per second: a burst of 11 takes half a second
USERS = range(8000, 8011)
EVENING = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)
PUSH_TIME = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)  # 07:30 in Berlin, for all of them


@pytest.fixture
async def paced(settings: Settings, clock: FrozenClock) -> AsyncIterator[CoachApp]:
    """The bot as deployed: with a send rate (the other tests run without one)."""
    runner = BotRunner(settings.model_copy(update={"send_rate_limit": RATE}), clock)
    app = await runner.start()
    yield app
    await runner.stop()


async def test_pushes_due_at_once_leave_evenly_paced_at_the_send_rate(
    paced: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    repo = paced.bot_data.repo
    assert repo is not None
    clock.now = EVENING
    await seed_set_up_users(repo, USERS, clock.now)

    clock.now = PUSH_TIME
    assert await tick(paced) == len(USERS)

    pushes = [m for m in api.messages() if m.chat_id in USERS]
    assert [m.text for m in pushes] == [str(texts.MORNING_PUSH)] * len(USERS)
    arrivals = sorted(m.received for m in pushes)
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    # One every 1/RATE seconds (50 ms), give or take the jitter of a busy machine; without
    # pacing they all leave within a few milliseconds of each other.
    assert 0.8 / RATE <= median(gaps) <= 2 / RATE, gaps
    assert arrivals[-1] - arrivals[0] >= 0.8 * (len(USERS) - 1) / RATE, gaps
