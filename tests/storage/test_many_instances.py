"""Several bot processes on one database: every due push goes out exactly once, whichever
process claims it, and a claim left behind by a process that died is sent by another."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.app import build_application, on_startup
from bot.runtime import CoachApp, runtime
from bot.scheduler import CATCH_UP_SECONDS, CLAIM_SECONDS, LEASE, Scheduler
from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.renderers import RENDERERS
from storage.claims import new_claimer
from storage.repository import Repository
from tests.chat import FrozenClock, seed_set_up_users
from tests.conftest import BotRunner, tick

pytestmark = pytest.mark.both_databases

EVENING_BEFORE = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)
# 07:30 in Berlin on Tuesday 13 January: every seeded user's morning push is due.
PUSH_TIME = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
USERS = range(7000, 7200)


def push_counts(api: LocalBotApi) -> Counter[int]:
    return Counter(m.chat_id for m in api.messages() if m.text == str(texts.MORNING_PUSH))


@pytest.fixture
async def second(runner: BotRunner) -> AsyncIterator[CoachApp]:
    """Another bot process on the same database, with its own engine, scheduler and job queue."""
    other = build_application(runner.settings, clock=runner.clock)
    await other.initialize()
    yield other
    if other.running:
        await other.stop()
    await other.shutdown()


@pytest.fixture
async def paced_pair(runner: BotRunner) -> AsyncIterator[tuple[CoachApp, CoachApp]]:
    """Two bot processes on one database, each as deployed, with a send rate of RATE."""
    settings = runner.settings.model_copy(update={"send_rate_limit": RATE})
    pair = [build_application(settings, clock=runner.clock) for _ in range(2)]
    for instance in pair:
        await instance.initialize()
    yield pair[0], pair[1]
    for instance in pair:
        await instance.shutdown()
        await runtime(instance).engine.dispose()


RATE = 40  # messages a second for the whole bot
IN_FLIGHT_SECONDS = 0.1  # how far a push's arrival may trail its slot beyond the usual round trip


async def three_pushes_due_now(repo: Repository, clock: FrozenClock) -> range:
    """Three users set up the evening before; the clock stands at their morning push."""
    clock.now = EVENING_BEFORE
    users = range(7000, 7003)
    await seed_set_up_users(repo, users, clock.now)
    clock.now = PUSH_TIME
    return users


async def drain(app: CoachApp) -> int:
    """Tick until this process finds nothing more to send, as its repeating job would."""
    total = 0
    while sent := await tick(app):
        total += sent
    return total


async def test_two_instances_send_each_of_200_due_pushes_exactly_once(
    app: CoachApp, second: CoachApp, repo: Repository, api: LocalBotApi, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    await seed_set_up_users(repo, USERS, clock.now)
    # Small batches, so the two processes take turns claiming rather than one taking all.
    for instance in (app, second):
        runtime(instance).scheduler = Scheduler(repo_of(instance), clock, RENDERERS, batch=20)

    clock.now = PUSH_TIME
    first_sent, second_sent = await asyncio.gather(drain(app), drain(second))

    counts = push_counts(api)
    assert sorted(counts) == list(USERS)
    assert set(counts.values()) == {1}
    assert first_sent + second_sent == len(USERS)
    assert first_sent > 0 and second_sent > 0  # both processes really did part of the work
    for uid in (USERS[0], USERS[-1]):
        morning = [m for m in await repo.schedule.list_for(uid) if m.kind == "morning"]
        assert [(m.status, m.attempts) for m in morning if m.due_at == PUSH_TIME] == [("sent", 1)]


async def test_two_running_instances_share_the_pushes_through_their_job_queues(
    runner: BotRunner, second: CoachApp, repo: Repository, api: LocalBotApi, clock: FrozenClock
) -> None:
    clock.now = EVENING_BEFORE
    await seed_set_up_users(repo, USERS, clock.now)
    clock.now = PUSH_TIME
    assert runner.app is not None
    instances = (runner.app, second)
    for instance in instances:
        runtime(instance).scheduler = Scheduler(repo_of(instance), clock, RENDERERS, batch=20)
        # The repeating tick as start-up registers it, every 50 ms instead of every 5 s.
        assert instance.job_queue is not None
        for job in instance.job_queue.jobs():
            job.schedule_removal()
        runtime(instance).tick_seconds = 0.05
        await on_startup(instance)
    for instance in instances:
        await instance.start()
    try:
        assert await api.awaited(lambda: sum(push_counts(api).values()) >= len(USERS), 30)
        await asyncio.sleep(0.5)  # ten more ticks each: nothing may go out a second time
    finally:
        for instance in instances:
            await instance.stop()

    counts = push_counts(api)
    assert sorted(counts) == list(USERS)
    assert set(counts.values()) == {1}


async def test_two_processes_share_a_big_morning_within_one_send_rate(
    paced_pair: tuple[CoachApp, CoachApp],
    repo: Repository,
    api: LocalBotApi,
    clock: FrozenClock,
) -> None:
    clock.now = EVENING_BEFORE
    users = range(7000, 7200)  # 5 s of sending at RATE: 25 claims' worth
    await seed_set_up_users(repo, users, clock.now)
    clock.now = PUSH_TIME
    first, second = paced_pair

    sent = await asyncio.gather(tick(first), tick(second))

    counts = push_counts(api)
    assert sorted(counts) == list(users)  # none lost
    assert set(counts.values()) == {1}  # none twice
    assert sum(sent) == len(users)
    assert min(sent) >= len(users) / 4, sent  # both took part, not one while the other idled
    arrivals = sorted(m.received for m in api.messages() if m.text == str(texts.MORNING_PUSH))
    # Together at the one bot's rate: the processes share it rather than each sending at it
    # (which would take half the time). Only the first claim of the first process, made while
    # it was alone, goes out at the whole rate while the second sends at half.
    assert arrivals[-1] - arrivals[0] >= (len(users) - RATE * CLAIM_SECONDS / 2) / RATE * 0.95
    # In any one second, no more than the rate plus the slots each process may make up after
    # a slow claim (bot.scheduler._pace): a quarter second's worth, whatever the machine's load.
    # A process's slots are at least 1/share apart and each goes out at most CATCH_UP_SECONDS
    # after it, so a one-second window holds at most share * (1 + CATCH_UP_SECONDS) of them,
    # plus one where a slot falls on each edge: one such extra per process. The stand-in sees a
    # push one HTTP round trip after its slot, through the same event loop as both processes, so
    # a stall of that loop lands the pushes in flight together with the first ones after it:
    # IN_FLIGHT_SECONDS of the rate more (CI once counted 53 where slots alone allow 52).
    settled = [m for m in arrivals if m >= arrivals[0] + CLAIM_SECONDS]
    most = RATE * (1 + CATCH_UP_SECONDS + IN_FLIGHT_SECONDS) + len(paced_pair)
    for start in settled:
        in_a_second = sum(1 for m in settled if start <= m < start + 1)
        assert in_a_second <= most, (start - arrivals[0], in_a_second)


async def test_a_claim_left_by_a_dead_process_is_sent_once_after_its_lease(
    app: CoachApp,
    repo: Repository,
    api: LocalBotApi,
    clock: FrozenClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    users = await three_pushes_due_now(repo, clock)
    # A process claims the due pushes and is killed before it sends any of them.
    claimed = await repo.schedule.claim_due(clock.now, LEASE)
    assert sorted(user.telegram_user_id for _, user in claimed) == list(users)

    assert await tick(app) == 0  # the claim holds: nobody else may send them yet
    clock.now = PUSH_TIME + LEASE - LEASE / 10
    assert await tick(app) == 0
    assert push_counts(api) == Counter()

    clock.now = PUSH_TIME + LEASE + LEASE / 10  # the lease ran out: another process takes over
    caplog.set_level(logging.INFO, logger="bot.scheduler")
    assert await tick(app) == len(users)
    assert await tick(app) == 0
    taken = [r for r in caplog.records if "took over" in r.getMessage()]
    assert [(r.levelname, r.getMessage()) for r in taken] == [
        ("INFO", "took over 3 scheduled messages whose lease ran out (their process stopped)")
    ]
    assert push_counts(api) == dict.fromkeys(users, 1)
    morning = [m for m in await repo.schedule.list_for(users[0]) if m.due_at == PUSH_TIME]
    assert [(m.kind, m.status, m.attempts) for m in morning] == [("morning", "sent", 2)]


async def test_a_process_held_up_past_its_lease_leaves_the_rows_to_the_one_that_took_over(
    app: CoachApp, second: CoachApp, repo: Repository, api: LocalBotApi, clock: FrozenClock
) -> None:
    users = await three_pushes_due_now(repo, clock)
    held_up, other = scheduler_of(app), scheduler_of(second)
    claimed = await held_up.claim()  # and then it stalls (a long 429 wait, a hung network)
    assert len(claimed) == len(users)

    clock.now = PUSH_TIME + LEASE + LEASE / 10
    assert await other.tick(second.bot) == len(users)
    assert await held_up.send(app.bot, claimed) == 0  # it wakes up: the rows are not its own

    assert push_counts(api) == dict.fromkeys(users, 1)
    morning = [m for m in await repo.schedule.list_for(users[0]) if m.due_at == PUSH_TIME]
    assert [(m.status, m.attempts) for m in morning] == [("sent", 2)]


async def test_a_late_process_still_sends_rows_nobody_took_over(
    app: CoachApp, second: CoachApp, repo: Repository, api: LocalBotApi, clock: FrozenClock
) -> None:
    users = await three_pushes_due_now(repo, clock)
    late, other = scheduler_of(app), scheduler_of(second)
    claimed = await late.claim()

    clock.now = PUSH_TIME + LEASE + LEASE / 10
    assert await late.send(app.bot, claimed) == len(users)  # renews its claim, then sends
    assert await other.tick(second.bot) == 0

    assert push_counts(api) == dict.fromkeys(users, 1)


async def test_a_process_that_sent_all_it_claimed_no_longer_counts_as_claiming(
    app: CoachApp, repo: Repository, clock: FrozenClock
) -> None:
    users = await three_pushes_due_now(repo, clock)
    assert await tick(app) == len(users)  # its tick claimed, sent and ended well within LEASE
    seen: list[int] = []

    def size_for(claimers: int) -> int:
        seen.append(claimers)
        return 10

    await repo.schedule.claim(clock.now, LEASE, new_claimer(), size_for)

    assert seen == [1]  # alone: it may send at the whole rate


def scheduler_of(app: CoachApp) -> Scheduler:
    return runtime(app).scheduler


def repo_of(app: CoachApp) -> Repository:
    """Each instance keeps its own engine: the scheduler must use that instance's repository."""
    assert app.bot_data.repo is not None
    return app.bot_data.repo
