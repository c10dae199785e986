"""`kill -9` of a real bot process, then a restart on the same database: nothing is lost."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import migrate
from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.db import create_engine, make_session_factory
from storage.models import MessageKind
from storage.repository import Repository
from tests.remote import BotProcess, RemoteChat

Spawn = Callable[..., BotProcess]


@pytest.mark.both_databases
def test_kill_9_mid_checkin_then_the_checkin_goes_on(
    tmp_path: Path, api: LocalBotApi, database_url: str, bot_process: Spawn
) -> None:
    bot = bot_process(tmp_path, {"DATABASE_URL": database_url})
    bot.start()
    user = RemoteChat(api, user_id=42)
    user.onboard()
    user.say("/checkin")
    user.tap("🦵 Leg day")
    bot.kill9()

    bot.start()
    (question,) = user.tap("Moderate")
    assert question.text == str(texts.OVERREACH_PROMPT)
    user.tap("No")
    (advice,) = user.tap("A bit sore")  # no pain: a walking level, no question more
    bot.stop()

    assert advice.text is not None and "\n🏃 Yes: an easy 15-20 minute jog" in advice.text


def test_kill_9_mid_timer_then_the_cues_still_arrive_once(
    tmp_path: Path, api: LocalBotApi, bot_process: Spawn
) -> None:
    # At 60x a minute lasts a second: warm-up 5 s, then a 15 s "15-minute" run.
    bot = bot_process(tmp_path, {"CLOCK_SPEED": "60"})
    bot.start()
    user = RemoteChat(api, user_id=43)
    user.onboard()
    user.say("/jog")
    (warm_up,) = user.tap("Start 15 min")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    bot.kill9()

    bot.start()
    user.wait_for_text("Go!", timeout=30)
    user.wait_for_text("Time's up: 15 minutes done", timeout=40)
    bot.stop()

    assert user.count("Go!") == 1
    assert user.count("Halfway there.") == 1
    assert user.count("Time's up") == 1


@pytest.mark.any_hour
@pytest.mark.both_databases
def test_kill_9_after_claiming_a_push_then_another_process_sends_it_once(
    tmp_path: Path, api: LocalBotApi, database_url: str, instant: datetime, bot_process: Spawn
) -> None:
    uid = 77
    asyncio.run(_a_push_due_at(database_url, uid, instant))
    # At 60x the 2-minute lease lasts 2 seconds.
    env = {"DATABASE_URL": database_url, "CLOCK_SPEED": "60"}
    homes = [tmp_path / "first", tmp_path / "second"]
    for home in homes:
        home.mkdir()
    api.cut_next("sendMessage", after=30)  # the first process's send hangs: nothing arrives
    first = bot_process(homes[0], env)
    first.start()
    assert api.wait_for(lambda: asyncio.run(_status(database_url, uid)) == "claimed", 30)
    time.sleep(1)  # its send is under way
    first.kill9()
    assert api.messages(uid) == []

    second = bot_process(homes[1], env)
    second.start()
    try:
        arrived = api.wait_for(lambda: bool(api.messages(uid)), 30)
        time.sleep(2)  # another lease and several ticks: nothing may come twice
    finally:
        log = second.stop()

    assert arrived, log
    assert [m.text for m in api.messages(uid)] == [str(texts.MORNING_PUSH)], log
    assert asyncio.run(_status(database_url, uid)) == "sent"


# A user for whom it is morning or day at the instant: their push is due then, outside the
# default quiet hours (22:00-06:00), whatever the instant.
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo")


def daytime_zone(moment: datetime) -> str:
    return next(z for z in ZONES if 7 <= moment.astimezone(ZoneInfo(z)).hour < 20)


async def _a_push_due_at(database_url: str, uid: int, now: datetime) -> None:
    """The user's morning push, due at `now` on their own clock (where the bot's starts)."""
    await migrate(database_url)
    engine = create_engine(database_url)
    repo = Repository(make_session_factory(engine))
    zone = daytime_zone(now)
    local = now.astimezone(ZoneInfo(zone))
    try:
        await repo.users.ensure(uid, uid, now - timedelta(days=1))
        await repo.users.update(
            uid, now, time_zone=zone, morning_time=local.time(), onboarded_at=now
        )
        day = local.date().isoformat()
        await repo.schedule.add(
            uid,
            MessageKind.MORNING,
            now - timedelta(seconds=30),
            now,
            {"date": day},
            f"morning:{uid}:{day}",
        )
    finally:
        await engine.dispose()


async def _status(database_url: str, uid: int) -> str | None:
    """The state of the push made due by `_a_push_due_at` (later mornings are not due)."""
    engine = create_engine(database_url)
    try:
        rows = await Repository(make_session_factory(engine)).schedule.list_for(uid)
        return next((m.status for m in rows if m.kind == "morning"), None)
    finally:
        await engine.dispose()
