"""Users side by side: one user's flood never holds up another, and each user's own updates are
handled in the order they were sent, however many arrive at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time
from typing import Any

import pytest
from telegram import Update

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi, make_text_update
from bot.updates import FLOOD_BURST, PerUserUpdates
from conversations import texts
from storage.repository import Repository
from tests.chat import Chat

ANA, BEN = 1001, 1002


@pytest.fixture
async def running(app: CoachApp) -> AsyncIterator[CoachApp]:
    """The application taking updates from its queue, as it does from Telegram."""
    await app.start()
    yield app
    await app.stop()


async def arrive(app: CoachApp, *updates: dict[str, Any]) -> None:
    for update in updates:
        await app.update_queue.put(Update.de_json(update, app.bot))


def replies(api: LocalBotApi, chat: int) -> list[str]:
    return [m.text or "" for m in api.messages(chat)]


async def test_a_flood_from_one_user_never_delays_another(
    running: CoachApp, api: LocalBotApi
) -> None:
    await arrive(running, *(make_text_update(ANA, "/help") for _ in range(300)))
    await arrive(running, make_text_update(BEN, "/help"))

    assert await api.awaited(lambda: replies(api, BEN) == [str(texts.HELP)], 10)
    ana_before_ben = len(replies(api, ANA))
    assert await api.awaited(lambda: len(replies(api, ANA)) == FLOOD_BURST + 1, 20)

    assert ana_before_ben < FLOOD_BURST / 2  # Ben did not wait for Ana's burst
    assert replies(api, ANA).count(str(texts.HELP)) == FLOOD_BURST
    assert replies(api, ANA).count(str(texts.SLOW_DOWN)) == 1  # once, not 280 times


async def test_one_users_updates_are_handled_in_the_order_they_were_sent(
    running: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    # Typed as fast as a script would: each answer must meet the question it answers.
    await arrive(
        running,
        make_text_update(ANA, "/start"),
        make_text_update(ANA, "Berlin"),
        make_text_update(ANA, "06:45"),
        make_text_update(ANA, "18:15"),
    )

    done = str(texts.NEW_RUNNER_PROMPT)
    assert await api.awaited(lambda: done in replies(api, ANA), 10), replies(api, ANA)
    user = await repo.users.get(ANA)
    assert user is not None
    assert (user.time_zone, user.morning_time, user.run_time) == (
        "Europe/Berlin",
        time(6, 45),
        time(18, 15),
    )
    assert replies(api, ANA)[-1] == done
    assert not any(str(texts.PICK_A_BUTTON) in text for text in replies(api, ANA))


class Handled:
    """Stands in for the handling of an update: notes its number."""

    def __init__(self) -> None:
        self.numbers: list[int] = []

    async def handle(self, number: int) -> None:
        self.numbers.append(number)


async def test_a_burst_is_taken_up_to_its_limit_and_no_further(ana: Chat) -> None:
    flood = PerUserUpdates(burst=FLOOD_BURST, window=10.0, clock=lambda: 0.0)
    handled = Handled()
    update = Update.de_json(make_text_update(ANA, "/help"), ana.app.bot)

    for number in range(FLOOD_BURST + 1):
        await flood.process_update(update, handled.handle(number))

    assert handled.numbers == list(range(FLOOD_BURST))


async def test_a_user_who_slowed_down_is_answered_again(ana: Chat) -> None:
    now = 0.0
    flood = PerUserUpdates(burst=3, window=10.0, clock=lambda: now)
    handled = Handled()
    update = Update.de_json(make_text_update(ANA, "/help"), ana.app.bot)

    for number in range(5):  # five within a second: three taken, two dropped
        now = number / 5
        await flood.process_update(update, handled.handle(number))
    now = 10.3  # ten seconds after the second one: only the third is still in the window
    await flood.process_update(update, handled.handle(5))
    await flood.process_update(update, handled.handle(6))

    assert handled.numbers == [0, 1, 2, 5, 6]
