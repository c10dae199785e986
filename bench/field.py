"""Benchmark parts for users side by side: a flood next to a calm user, and /history at once.

Both run the application as it runs for real (its update queue, its update processor, the
Bot API stand-in in a process of its own), on a fresh SQLite file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import selectors
import statistics
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from telegram import Update

from bench.parts import PUSH_AT, FixedClock, settings_for, stand_in_elsewhere
from bot.app import build_application, migrate, on_shutdown, settle_heap
from bot.runtime import CoachApp
from bot.standin.local_api import make_text_update
from conversations.coach.timing import local_date

FLOODER = 700_000
FLOOD = 300  # updates the flooding user sends at once
# Calm users each send one message a second, staggered: 20 of them make 20 reply times a
# second to take the p99 of, while each stays far below the flood limit.
CALM = range(700_001, 700_021)


async def _running(database: Path, api: Any) -> CoachApp:
    settings = settings_for(database, api.url(), send_rate_limit=0)
    await migrate(settings.database_url)
    app = build_application(settings, clock=FixedClock(PUSH_AT))
    settle_heap()  # as `legday-bot run` does once the application is built
    await app.initialize()
    await app.start()
    return app


async def _stop(app: CoachApp) -> None:
    await app.stop()
    await app.shutdown()
    await on_shutdown(app)


async def _arrive(app: CoachApp, update: dict[str, Any]) -> None:
    await app.update_queue.put(Update.de_json(update, app.bot))


async def _until(check: Callable[[], bool], timeout: float = 60.0) -> None:
    """Wait for `check()`, asked in a thread: it talks to the stand-in's process, and that
    round trip must not be counted as a stall of the bot's event loop."""
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(check):
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not answer in time")
        await asyncio.sleep(0.01)


async def _calm_replies(api: Any, app: CoachApp, messages: int, flood: bool) -> list[float]:
    """Reply times (s) of `messages` /help sent by the calm users, each one a second; with
    `flood`, the flooding user's burst arrives just before the first of them."""
    before = {uid: len(api.messages(uid)) for uid in CALM}
    sent_at: dict[int, list[float]] = {uid: [] for uid in CALM}
    if flood:
        for _ in range(FLOOD):
            await _arrive(app, make_text_update(FLOODER, "/help"))
    for number in range(messages):
        uid = CALM[number % len(CALM)]
        sent_at[uid].append(time.monotonic())
        await _arrive(app, make_text_update(uid, "/help"))
        await asyncio.sleep(1.0 / len(CALM))
    expected = [before[uid] + len(sent_at[uid]) for uid in CALM]
    await _until(lambda: all(n >= e for n, e in zip(api.counts(list(CALM)), expected, strict=True)))
    # The stand-in notes each arrival on the same monotonic clock (one machine).
    times = []
    for uid in CALM:
        replies = api.messages(uid)[before[uid] :]
        times += [reply.received - sent for reply, sent in zip(replies, sent_at[uid], strict=True)]
    return times


async def _flood(database: Path, messages: int) -> dict[str, Any]:
    with stand_in_elsewhere() as api:
        app = await _running(database, api)
        try:
            calm = await _calm_replies(api, app, messages, flood=False)
            flooded = await _calm_replies(api, app, messages, flood=True)
        finally:
            await _stop(app)
    calm_p99 = statistics.quantiles(calm, n=100)[98] * 1000
    flood_p99 = statistics.quantiles(flooded, n=100)[98] * 1000
    return {
        "flood_other_user_p99_ms": flood_p99,
        "calm_other_user_p99_ms": calm_p99,
        "flood_to_calm_p99_ratio": flood_p99 / calm_p99,
    }


def flood(database: Path, messages: int) -> dict[str, Any]:
    return asyncio.run(_flood(database, messages))


class _Steps(logging.Handler):
    """Collects how long each step of the event loop ran, from asyncio's own debug reports."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        took = _TOOK.search(record.getMessage())
        if took is not None:
            self.longest = max(self.longest, float(took.group(1)))


_TOOK = re.compile(r"^Executing .* took (\d+\.\d+) seconds$", re.DOTALL)


class _Polls(selectors.DefaultSelector):
    """The event loop's selector, timing each turn of the loop while `watching`: everything it
    runs between two polls for I/O, during which no other request or update is read. Beside
    the wall time it notes how long the OS kept the loop's thread runnable but off the CPU
    (the second field of Linux's /proc/thread-self/schedstat, ns): on a machine shared with
    other work that wait, not the bot's code, made most of the long turns."""

    def __init__(self) -> None:
        super().__init__()
        self.watching = False
        self.longest = 0.0  # s, wall
        self.longest_own = 0.0  # s, wall less the wait for a core
        self.longest_cpu = 0.0  # s, the loop thread's time on a CPU
        self._stat: int | None = None
        self._began: tuple[float, int, int] | None = None

    def _sched_ns(self) -> tuple[int, int]:
        """The loop thread's time on a CPU and time runnable but waiting for one, ns."""
        if self._stat is None:  # opened in the loop's thread: thread-self is that thread
            self._stat = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        on_cpu, waited = os.pread(self._stat, 128, 0).split()[:2]
        return int(on_cpu), int(waited)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if self._began is not None:
            wall = time.perf_counter() - self._began[0]
            on_cpu, waited = self._sched_ns()
            self.longest = max(self.longest, wall)
            self.longest_own = max(self.longest_own, wall - (waited - self._began[2]) / 1e9)
            self.longest_cpu = max(self.longest_cpu, (on_cpu - self._began[1]) / 1e9)
        ready = super().select(timeout)
        self._began = (time.perf_counter(), *self._sched_ns()) if self.watching else None
        return ready

    def close(self) -> None:
        if self._stat is not None:
            os.close(self._stat)
            self._stat = None
        super().close()


_polls: _Polls | None = None
T = TypeVar("T")


def run_watched(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)` on a selector loop whose turns `_longest_step` can time."""
    global _polls
    _polls = _Polls()
    polls = _polls
    with asyncio.Runner(loop_factory=lambda: asyncio.SelectorEventLoop(polls)) as runner:
        return runner.run(main)


class Stalls(NamedTuple):
    step: float  # s: the longest single step (asyncio's debug reports), wall time
    turn: float  # s: the longest turn of the loop, wall time
    turn_own: float  # s: the same less the time the OS kept the loop waiting for a core
    turn_cpu: float  # s: the most CPU time the loop's thread used in one turn


async def _stalls(work: Awaitable[object]) -> Stalls:
    """How long the event loop was blocked while `work` ran. `step`: asyncio's debug mode
    reports every callback longer than `slow_callback_duration`; a step that blocks (a chart
    drawn on the loop, a synchronous call) shows here, the loop serving ten users' short steps
    in turn does not. `turn` and `turn_own` (with `run_watched` only, else 0): the longest
    stretch with no poll for I/O, all steps of one turn together; `turn_own` leaves out the
    time this process waited for a core, which no code of the bot can shorten (but not a
    wait for the GIL held by another thread of the process that itself waits for a core);
    `turn_cpu` is the most CPU the loop's thread spent in one turn: the bot's own work."""
    loop = asyncio.get_running_loop()
    steps = _Steps()
    reports = logging.getLogger("asyncio")
    reports.addHandler(steps)
    reports.propagate = False
    loop.set_debug(True)
    loop.slow_callback_duration = 0.002
    if _polls is not None:
        _polls.watching = True
    try:
        await work
    finally:
        loop.set_debug(False)
        reports.removeHandler(steps)
        reports.propagate = True
        if _polls is not None:
            _polls.watching = False
    if _polls is None:
        return Stalls(steps.longest, 0.0, 0.0, 0.0)
    return Stalls(steps.longest, _polls.longest, _polls.longest_own, _polls.longest_cpu)


async def _longest_step(work: Awaitable[object]) -> float:
    """The longest time (s) one step of the event loop blocked it while `work` ran (`_stalls`)."""
    return (await _stalls(work)).step


async def _histories(database: Path, users: int) -> dict[str, Any]:
    """`users` users with 8 weeks of check-ins each send /history at the same moment."""
    with stand_in_elsewhere() as api:
        app = await _running(database, api)
        repo = app.bot_data.repo
        assert repo is not None
        uids = range(800_000, 800_000 + users)
        today = local_date("Europe/Berlin", PUSH_AT)
        for uid in uids:
            await repo.users.ensure(uid, uid, PUSH_AT - timedelta(days=60))
            await repo.users.update(
                uid, PUSH_AT, time_zone="Europe/Berlin", onboarded_at=PUSH_AT - timedelta(days=60)
            )
            for back in range(56):
                workout = "leg_day" if back % 3 == 0 else "easy_run"
                answers = {"workout": workout, "walking": "normal"}
                day = today - timedelta(days=back)
                await repo.checkins.save(uid, day, answers, 7, "easy_jog", PUSH_AT)

        async def ask_all() -> None:
            for uid in uids:
                await _arrive(app, make_text_update(uid, "/history"))
            await _until(lambda: min(api.counts(list(uids))) >= 2)

        try:
            begin = time.perf_counter()
            stalls = await _stalls(ask_all())
            answered = time.perf_counter() - begin
        finally:
            await _stop(app)
    return {
        "history_event_loop_block_ms": stalls.step * 1000,
        "history_event_loop_turn_ms": stalls.turn * 1000,
        "history_event_loop_turn_own_ms": stalls.turn_own * 1000,
        "history_event_loop_turn_cpu_ms": stalls.turn_cpu * 1000,
        "history_all_answered_ms": answered * 1000,
        "history_users": users,
    }


def histories(database: Path, users: int) -> dict[str, Any]:
    return run_watched(_histories(database, users))
