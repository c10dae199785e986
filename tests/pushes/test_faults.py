"""A Bot API that misbehaves: 5xx, 429, time-outs and dropped connections. No push or cue is
lost or sent twice, and the bot keeps answering."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import DBAPIError

from bot.config import Settings
from bot.runtime import CoachApp, runtime
from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.db import sqlite_path
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, onboard, seed_set_up_users
from tests.conftest import BotRunner, tick
from tests.disk import read_only

EVENING = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)
PUSH_TIME = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)  # 07:30 in Berlin
USERS = range(7000, 7012)


async def flaky_runner(runner: BotRunner) -> CoachApp:
    """The same bot, but it gives up on a silent Bot API after half a second."""
    await runner.stop()
    runner.settings = runner.settings.model_copy(update={"telegram_timeout": 0.5})
    return await runner.start()


def inject_faults(api: LocalBotApi) -> None:
    api.fail_next("sendMessage", 500, "Internal Server Error", times=2)
    api.cut_next("sendMessage", after=1.0)  # hangs past the time-out, never delivered
    api.cut_next("sendMessage", times=2)  # connection dropped
    api.fail_next("sendMessage", 502, "Bad Gateway")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)


async def drain(app: CoachApp, clock: FrozenClock, repo: Repository, users: range) -> None:
    """Tick as the repeating job would, until nothing due is left unsent (bounded)."""
    for _ in range(30):
        await tick(app)
        waiting = [
            m for uid in users for m in await repo.schedule.pending(uid) if m.due_at <= clock.now
        ]
        if not waiting:
            return
        clock.advance(seconds=5)
    raise AssertionError("pushes still pending after 30 ticks")


async def test_every_push_arrives_exactly_once_through_faults(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    app = await flaky_runner(runner)
    repo = app.bot_data.repo
    assert repo is not None
    clock.now = EVENING
    await seed_set_up_users(repo, USERS, clock.now)
    inject_faults(api)

    clock.now = PUSH_TIME
    await drain(app, clock, repo, USERS)

    for uid in USERS:
        assert [m.text for m in api.messages(uid)] == [str(texts.MORNING_PUSH)], uid
        today = [m.status for m in await repo.schedule.list_for(uid) if m.due_at == PUSH_TIME]
        assert today == ["sent"]
    ana = Chat(app, api, user_id=USERS[0])
    (reply,) = await ana.send("/help")  # and the bot keeps serving
    assert reply.text == str(texts.HELP)


async def test_timer_cues_arrive_exactly_once_through_faults(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    app = await flaky_runner(runner)
    repo = app.bot_data.repo
    assert repo is not None
    clock.now = PUSH_TIME
    ana = Chat(app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/jog")
    await ana.press("Start 15 min")

    for minutes in (5, 12.5, 20):
        clock.now = PUSH_TIME + timedelta(minutes=minutes)
        inject_faults(api)
        await drain(app, clock, repo, range(1001, 1002))

    texts_seen = [m.text for m in ana.history]
    assert texts_seen.count(str(texts.CUES["jog"]["go"])) == 1
    assert texts_seen.count(str(texts.CUES["jog"]["halfway"])) == 1
    assert texts_seen.count(texts.TIME_UP.format(minutes=15)) == 1


def sends_to(api: LocalBotApi, chat_id: int) -> int:
    """How many times the bot tried to send to this chat, failed tries included."""
    return sum(
        1
        for method, params in api.calls
        if method == "sendMessage" and params.get("chat_id") == chat_id
    )


@pytest.mark.parametrize(
    ("failures", "outcome"),
    [(7, "sent"), (8, "failed")],
    ids=["sent-at-the-8th-try", "given-up-after-the-8th"],
)
async def test_a_push_that_keeps_failing_is_tried_eight_times_then_given_up(
    ana: Chat, api: LocalBotApi, clock: FrozenClock, repo: Repository, failures: int, outcome: str
) -> None:
    clock.now = EVENING
    await onboard(ana)
    # Telegram answers 500 to the next `failures` sends, and normally again after that.
    api.fail_next("sendMessage", 500, "Internal Server Error", times=failures)
    before = sends_to(api, 1001)

    clock.now = PUSH_TIME
    for _ in range(12):  # a minute of ticks
        await tick(ana.app)
        clock.advance(seconds=5)

    assert sends_to(api, 1001) - before == 8
    today = [m for m in await repo.schedule.list_for(1001) if m.due_at == PUSH_TIME]
    assert [(m.status, m.attempts) for m in today] == [(outcome, 8)]
    pushed = [m.text for m in ana.history if m.text == str(texts.MORNING_PUSH)]
    assert len(pushed) == (1 if outcome == "sent" else 0)
    clock.now = PUSH_TIME + timedelta(days=1)  # the next morning's push comes as usual
    assert await tick(ana.app) == 1


async def test_a_read_only_database_under_the_scheduler_is_one_error_line_not_one_per_tick(
    app: CoachApp, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    database = sqlite_path(settings.database_url)
    assert database is not None
    caplog.set_level(logging.DEBUG)
    with read_only(database):
        await runtime(app).engine.dispose()  # connections opened from now on can only read
        for _ in range(3):  # three ticks of the repeating job, five seconds apart
            try:
                await tick(app)
            except DBAPIError as exc:  # where PTB's job queue hands a job's error
                await app.process_error(None, exc)

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.getMessage(), r.exc_info) for r in errors] == [
        ("database cannot be written: attempt to write a readonly database", None)
    ]
