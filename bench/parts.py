"""Each benchmark part, run in a process of its own so its peak memory is its own."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import resource
import sqlite3
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from multiprocessing.managers import BaseManager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from telegram import (
    ForceReply,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import Application, MessageHandler, TypeHandler, filters

from bot.app import build_application, migrate, on_shutdown, on_startup
from bot.config import Settings
from bot.runtime import runtime
from bot.standin.local_api import (
    LocalBotApi,
    SentMessage,
    make_callback_update,
    make_text_update,
    stand_in_token,
)
from storage.db import create_engine, make_session_factory
from storage.repository import Repository

TOKEN = stand_in_token("bench")
PUSH_AT = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)  # 07:30 in Berlin


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


class _StandIn(LocalBotApi):
    def url(self) -> str:  # a proxy forwards methods only, not properties
        return self.base_url

    def call_count(self) -> int:
        return len(self.calls)

    def calls_since(self, start: int) -> list[tuple[str, dict[str, Any]]]:
        return self.calls[start:]

    def counts(self, chats: list[int]) -> list[int]:
        """How many messages each chat got: cheap to ask across processes (no message bodies)."""
        return [len(self.messages(chat)) for chat in chats]


class _Elsewhere(BaseManager):
    pass


_Elsewhere.register(
    "StandIn",
    _StandIn,
    exposed=("start", "stop", "url", "messages", "call_count", "calls_since", "counts"),
)


@contextmanager
def stand_in_elsewhere() -> Iterator[Any]:
    """The Bot API stand-in in a process of its own, as Telegram's servers are: sharing the
    interpreter, its request handling would be counted as the bot's own work, three times per
    check-in tap (answer, freeze, next question) against once per echo."""
    manager = _Elsewhere(ctx=multiprocessing.get_context("spawn"))
    manager.start()
    try:
        api: Any = manager.StandIn()  # type: ignore[attr-defined]
        api.start()
        try:
            yield api
        finally:
            api.stop()
    finally:
        manager.shutdown()


def settings_for(database: Path, base_url: str, send_rate_limit: float = 30.0) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{database}",
        telegram_base_url=base_url,
        log_level="WARNING",
        send_rate_limit=send_rate_limit,
    )


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def seed(database: Path, users: int) -> None:
    """Onboarded Berlin users, each with a morning push due at the same minute."""
    asyncio.run(migrate(f"sqlite+aiosqlite:///{database}"))
    created = (PUSH_AT - timedelta(days=1)).isoformat(" ")
    due = PUSH_AT.isoformat(" ")
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO users (id, telegram_user_id, chat_id, time_zone, morning_time, run_time,"
            " new_runner, muscle_priority, compression_gear, onboarded_at, active, paused,"
            " weekly_summary, created_at, updated_at) VALUES"
            " (?, ?, ?, 'Europe/Berlin', '07:30:00.000000', '17:30:00.000000', 0, 0, 0, ?,"
            " 1, 0, 0, ?, ?)",
            ((n, 10_000 + n, 10_000 + n, created, created, created) for n in range(1, users + 1)),
        )
        db.executemany(
            "INSERT INTO scheduled_messages (user_id, kind, due_at, payload, status, attempts,"
            " dedupe_key, created_at) VALUES (?, 'morning', ?, ?, 'pending', 0, ?, ?)",
            (
                (n, due, '{"date": "2026-01-13"}', f"morning:{10_000 + n}:2026-01-13", created)
                for n in range(1, users + 1)
            ),
        )


async def _fanout(database: Path) -> dict[str, Any]:
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    repo = Repository(make_session_factory(engine))
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    start = time.perf_counter()
    while True:
        batch = await repo.schedule.claim_due(PUSH_AT, timedelta(minutes=2), limit=5000)
        if not batch:
            break
        for message, user in batch:
            queue.put_nowait((user.chat_id, message.kind))  # handed to the sender
    elapsed = time.perf_counter() - start
    await engine.dispose()
    return {"fanout_queue_s": elapsed, "fanout_rss_mb": peak_rss_mb(), "queued": queue.qsize()}


def fanout(database: Path) -> dict[str, Any]:
    return asyncio.run(_fanout(database))


async def _startup(database: Path) -> dict[str, Any]:
    start = time.perf_counter()
    with LocalBotApi() as api:
        settings = settings_for(database, api.base_url)
        await migrate(settings.database_url)
        app = build_application(settings, clock=FixedClock(PUSH_AT - timedelta(hours=1)))
        await app.initialize()
        await on_startup(app)
        await runtime(app).scheduler.tick(app.bot)  # ready: the first look at what is due
        elapsed = time.perf_counter() - start
        await app.shutdown()
        await on_shutdown(app)
    return {"startup_s": elapsed, "startup_rss_mb": peak_rss_mb()}


def startup(database: Path) -> dict[str, Any]:
    return asyncio.run(_startup(database))


CPU_S = [0.0]  # the bot process's CPU time spent inside timed updates, all threads


# Each update handed to the bot, and the Bot API calls it made, in order: what `replay` makes
# a bare bot do again, to measure the floor of exactly these calls.
Exchange = tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]


async def _timed(
    app: Any,
    updates: list[dict[str, Any]],
    api: Any = None,
    record: list[Exchange] | None = None,
) -> list[float]:
    """Wall time per update; CPU_S adds up the process's CPU time over the same spans, a
    figure that other load on the machine disturbs far less than wall time. With `record`,
    each update and the calls it made (read from `api` outside the timed span) are kept."""
    durations = []
    for data in updates:
        before = api.call_count() if record is not None else 0
        begin, cpu = time.perf_counter(), time.process_time()
        await app.process_update(Update.de_json(data, app.bot))
        durations.append(time.perf_counter() - begin)
        CPU_S[0] += time.process_time() - cpu
        if record is not None:
            record.append((data, api.calls_since(before)))
    return durations


def _last_with(api: Any, chat: int, label: str) -> tuple[SentMessage, str]:
    for message in reversed(api.messages(chat)):
        for row in (message.reply_markup or {}).get("inline_keyboard", []):
            for button in row:
                if button["text"] == label:
                    return message, str(button["callback_data"])
    raise LookupError(label)


async def _checkins(database: Path, users: int, recorded: Path) -> dict[str, Any]:
    with stand_in_elsewhere() as api:
        # No overall cap here: like the bare echo bot, so the ratio shows our own cost.
        settings = settings_for(database, api.url(), send_rate_limit=0)
        await migrate(settings.database_url)
        clock = FixedClock(PUSH_AT)
        app = build_application(settings, clock=clock)
        await app.initialize()
        durations: list[float] = []
        exchanges: list[Exchange] = []
        # Statements and commits on the database, counted with SQLAlchemy's own events: what
        # the CPU figures below are made of, in numbers that no other load on the machine moves.
        counted = {"statements": 0, "commits": 0}
        engine = app.bot_data.repo.engine.sync_engine if app.bot_data.repo else None

        def statement(*_: Any) -> None:
            counted["statements"] += 1

        def commit(*_: Any) -> None:
            counted["commits"] += 1

        setup = ["/start", "Berlin"]
        taps = ["07:30", "17:30", "No", "No", "No"]
        checkin = ["🦵 Leg day", "Moderate", "No", "A bit sore"]
        for n in range(users):
            uid = 500_000 + n
            await _timed(app, [make_text_update(uid, text) for text in setup], api, exchanges)
            for label in taps:
                message, data = _last_with(api, uid, label)
                await _timed(app, [make_callback_update(uid, data, message)], api, exchanges)
        untimed = len(exchanges)
        CPU_S[0] = 0.0
        calls_before = api.call_count()
        if engine is not None:
            event.listen(engine, "before_cursor_execute", statement)
            event.listen(engine, "commit", commit)
        for n in range(users):  # timed: complete check-ins, one update at a time
            uid = 500_000 + n
            durations += await _timed(app, [make_text_update(uid, "/checkin")], api, exchanges)
            for label in checkin:
                message, data = _last_with(api, uid, label)
                update = make_callback_update(uid, data, message)
                durations += await _timed(app, [update], api, exchanges)
            assert "\n🏃 " in (api.messages(uid)[-1].text or ""), "check-in did not finish"
        calls = api.call_count() - calls_before
        await app.shutdown()
        await on_shutdown(app)
    recorded.write_text(json.dumps({"untimed": untimed, "exchanges": exchanges}))
    return {
        "checkin_updates_per_s": len(durations) / sum(durations),
        "checkin_p99_ms": statistics.quantiles(durations, n=100)[98] * 1000,
        "checkin_updates": len(durations),
        "checkin_cpu_ms_per_update": CPU_S[0] / len(durations) * 1000,
        "checkin_bot_api_calls_per_update": calls / len(durations),
        "checkin_statements_per_update": counted["statements"] / len(durations),
        "checkin_commits_per_update": counted["commits"] / len(durations),
    }


def checkins(database: Path, users: int, recorded: Path) -> dict[str, Any]:
    """Timed check-ins; the updates and the calls they made are written to `recorded` (JSON)
    for `replay`."""
    return asyncio.run(_checkins(database, users, recorded))


async def _replay(recorded: Path) -> dict[str, Any]:
    """The check-in's floor, exactly: a bare PTB bot, no database and no logic, that answers
    each recorded update with the very Bot API calls the check-in made for it (same methods,
    same texts and keyboards, through PTB's typed methods), against a fresh stand-in. The
    updates before the timed check-ins are replayed untimed, so message ids match."""
    found = json.loads(recorded.read_text())
    untimed: int = found["untimed"]
    exchanges: list[Exchange] = [(data, list(calls)) for data, calls in found["exchanges"]]
    waiting: list[list[tuple[str, dict[str, Any]]]] = []
    failed: list[str] = []
    with stand_in_elsewhere() as api:
        app = Application.builder().token(TOKEN).base_url(api.url()).build()

        async def again(update: Update, context: Any) -> None:
            for method, params in waiting.pop(0):
                try:
                    await _call(context.bot, method, params)
                except TelegramError:
                    failed.append(method)  # then the floor would be too low: reported

        app.add_handler(TypeHandler(Update, again))
        await app.initialize()
        for data, calls in exchanges[:untimed]:
            waiting.append(calls)
            await app.process_update(Update.de_json(data, app.bot))
        CPU_S[0] = 0.0
        timed = exchanges[untimed:]
        for _, calls in timed:
            waiting.append(calls)
        calls_before = api.call_count()
        await _timed(app, [data for data, _ in timed])
        calls = api.call_count() - calls_before
        await app.shutdown()
    return {
        "checkin_cpu_ms_floor_replayed": CPU_S[0] / len(timed) * 1000,
        "replayed_calls_per_update": calls / len(timed),
        "replay_failed_calls": len(failed),
    }


def replay(recorded: Path) -> dict[str, Any]:
    return asyncio.run(_replay(recorded))


MARKUPS: dict[str, Any] = {
    "inline_keyboard": InlineKeyboardMarkup,
    "keyboard": ReplyKeyboardMarkup,
    "remove_keyboard": ReplyKeyboardRemove,
    "force_reply": ForceReply,
}


async def _call(bot: Any, method: str, params: dict[str, Any]) -> None:
    """One recorded call through PTB's typed method of the same name (`sendMessage` ->
    `send_message`), its keyboard rebuilt as PTB objects, as the bot itself sends it."""
    kwargs = dict(params)
    markup = kwargs.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    if isinstance(markup, dict):
        kind = next(k for k in MARKUPS if k in markup)
        kwargs["reply_markup"] = MARKUPS[kind].de_json(markup, bot)
    for key in ("link_preview_options",):
        if isinstance(kwargs.get(key), str):
            kwargs[key] = json.loads(kwargs[key])
    name = "".join(f"_{c.lower()}" if c.isupper() else c for c in method)
    await getattr(bot, name)(**kwargs)


async def _echo(updates: int, replies: int) -> dict[str, Any]:
    """The bare echo bot; with `replies` other than 1, the same bot answering 0 or 2 times,
    which tells apart PTB's own dispatch and the cost of one Bot API call."""
    with stand_in_elsewhere() as api:
        app = Application.builder().token(TOKEN).base_url(api.url()).build()

        async def echo(update: Update, context: Any) -> None:
            assert update.message is not None
            for _ in range(replies):
                await update.message.reply_text(update.message.text or "")

        app.add_handler(MessageHandler(filters.TEXT, echo))
        await app.initialize()
        CPU_S[0] = 0.0
        durations = await _timed(app, [make_text_update(9, f"hi {n}") for n in range(updates)])
        await app.shutdown()
    return {
        "echo_updates_per_s": len(durations) / sum(durations),
        "echo_cpu_ms_per_update": CPU_S[0] / len(durations) * 1000,
    }


def echo(updates: int, replies: int = 1) -> dict[str, Any]:
    return asyncio.run(_echo(updates, replies))


async def _send_rate(database: Path, users: int, limit: float) -> dict[str, Any]:
    with LocalBotApi() as api:
        api.rate_limit(limit)  # the stand-in answers 429 above this many sends a second
        settings = settings_for(database, api.base_url, send_rate_limit=limit)
        app = build_application(settings, clock=FixedClock(PUSH_AT))
        await app.initialize()
        scheduler = runtime(app).scheduler
        assert scheduler is not None
        for _ in range(100):
            await scheduler.tick(app.bot)
            if len(api.sent) >= users:
                break
        await app.shutdown()
        await on_shutdown(app)
        sent = [m for m in api.sent if m.method == "sendMessage"]
        per_chat: dict[int, int] = {}
        for message in sent:
            per_chat[message.chat_id] = per_chat.get(message.chat_id, 0) + 1
        span = sent[-1].received - sent[0].received if len(sent) > 1 else 1.0
        refused = sum(1 for method, _ in api.calls if method == "sendMessage") - len(sent)
    return {
        "send_rate_ratio": (len(sent) - 1) / span / limit,
        "send_rate_per_s": (len(sent) - 1) / span,
        "send_rate_limit": limit,
        "send_429s": refused,
        "fanout_lost": users - len(per_chat),
        "fanout_duplicates": sum(count - 1 for count in per_chat.values()),
    }


def send_rate(database: Path, users: int, limit: float) -> dict[str, Any]:
    return asyncio.run(_send_rate(database, users, limit))
