"""How updates are taken in: users side by side, each user's updates in order, floods cut off.

python-telegram-bot hands each update to an update processor (`concurrent_updates`). This one
runs the updates of different users concurrently, at most `MAX_CONCURRENT` at once, while the
updates of one user (or of one chat, for updates without a user) run one after another, in the
order they arrived: a dialog's answers must never overtake each other. A user who sends more
than `FLOOD_BURST` updates within `FLOOD_WINDOW` seconds gets one "slow down" reply, and the
rest of that burst is dropped (and logged), so one user can never hold up the others.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from conversations import i18n, texts

log = logging.getLogger(__name__)

# Enough for a busy morning on one process; the database is the real limit beyond it.
MAX_CONCURRENT = 64
# A person tapping fast sends a few updates a second; twenty in ten seconds is a script or a
# stuck key. Telegram itself lets a bot answer one chat about once a second.
FLOOD_BURST = 20
FLOOD_WINDOW = 10.0
# PTB's own bound applies before ours and knows nothing of users: one user's queued updates
# would hold its slots while they wait their turn. Ours applies once it is a user's turn.
_QUEUED_AT_MOST = 100_000


class PerUserUpdates(BaseUpdateProcessor):
    """Concurrent across users, sequential per user, with per-user flood control.

    `clock` gives seconds (monotonic) for the flood window; `bot` is set by the application
    factory and sends the "slow down" reply.
    """

    def __init__(
        self,
        max_concurrent: int = MAX_CONCURRENT,
        burst: int = FLOOD_BURST,
        window: float = FLOOD_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(_QUEUED_AT_MOST)
        self.bot: Bot | None = None
        self._running = asyncio.BoundedSemaphore(max_concurrent)
        self._burst = burst
        self._window = window
        self._clock = clock
        self._turns: dict[int, asyncio.Lock] = {}
        self._arrivals: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}
        self._seen_since_sweep = 0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _sender(update)
        if key is None:  # nothing to keep in order with: a poll, a chat boost...
            async with self._running:
                await coroutine
            return
        if self._flooding(key):
            _discard(coroutine)
            await self._slow_down(key, update)
            return
        turn = self._turns.setdefault(key, asyncio.Lock())
        try:
            async with turn, self._running:  # asyncio.Lock wakes its waiters first come first
                await coroutine
        finally:
            if not turn.locked() and self._turns.get(key) is turn:
                del self._turns[key]  # no one waiting: forget the user

    def _flooding(self, key: int) -> bool:
        now = self._clock()
        self._seen_since_sweep += 1
        if self._seen_since_sweep >= 1000:  # forget senders who have gone quiet
            self._seen_since_sweep = 0
            self._sweep(now)
        arrivals = self._arrivals.setdefault(key, deque())
        while arrivals and now - arrivals[0] > self._window:
            arrivals.popleft()
        if len(arrivals) >= self._burst:
            return True
        arrivals.append(now)
        return False

    def _sweep(self, now: float) -> None:
        for key in [k for k, times in self._arrivals.items() if now - times[-1] > self._window]:
            del self._arrivals[key]
        for key in [k for k, until in self._warned_until.items() if until <= now]:
            del self._warned_until[key]

    async def _slow_down(self, key: int, update: object) -> None:
        now = self._clock()
        if self._warned_until.get(key, 0.0) > now:
            log.debug("update from a flooding sender dropped")
            return
        self._warned_until[key] = now + self._window
        log.warning(
            "a sender went over %d updates in %gs: the rest dropped", self._burst, self._window
        )
        chat = update.effective_chat if isinstance(update, Update) else None
        if self.bot is None or chat is None or chat.type != "private":
            return
        user = update.effective_user if isinstance(update, Update) else None
        i18n.use(i18n.language_for(user.language_code if user else None))
        try:
            await self.bot.send_message(chat.id, str(texts.SLOW_DOWN))
        except TelegramError as exc:
            log.info("could not ask a flooding user to slow down: %s", type(exc).__name__)


def _sender(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.business_message or update.edited_business_message:
        return None  # a business account's customers: the guard drops them, never a reply
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


def _discard(coroutine: Awaitable[Any]) -> None:
    """A dropped update's handling never starts: close its coroutine so nothing warns."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
