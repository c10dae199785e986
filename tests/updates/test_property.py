"""Whatever several users throw at the bot, in any order: nothing raises out of a handler,
every private message gets an answer, and the stored data stays consistent."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.config import Settings
from bot.runtime import CoachApp, runtime
from bot.standin.local_api import LocalBotApi
from tests.chat import Chat, FrozenClock
from tests.conftest import BotRunner

COMMANDS = [
    "/start",
    "/checkin",
    "/settings",
    "/help",
    "/cancel",
    "/jog",
    "/pause",
    "/resume",
    "/history",
    "/dance",
    "/pause 3",
    "/pause x",
]
TEXTS = ["Berlin", "07:15", "25:99", "hello", "Atlantis", "14:35", "I start runs myself", "yes"]


@dataclass(frozen=True)
class Action:
    user: int
    kind: str  # command, text, tap, forged, edit, group, location
    value: str
    index: int


actions = st.builds(
    Action,
    user=st.sampled_from([11, 12, 13]),
    kind=st.sampled_from(
        ["command", "text", "tap", "tap", "tap", "forged", "edit", "group", "location"]
    ),
    value=st.one_of(st.sampled_from(COMMANDS + TEXTS), st.text(max_size=20)),
    index=st.integers(min_value=0, max_value=50),
)


async def perform(chats: dict[int, Chat], group: dict[int, Chat], action: Action) -> None:
    chat = chats[action.user]
    before = len(chat.history)
    answers = len(chat.api.callback_answers)
    if action.kind == "command":
        command = action.value if action.value.startswith("/") else "/checkin"
        replies = await chat.send(command)
        assert replies, f"no reply to {command}"
    elif action.kind == "text":
        replies = await chat.send(action.value or "?")
        assert replies, f"no reply to {action.value!r}"
    elif action.kind == "location":
        assert await chat.share_location(52.5, 13.4)
    elif action.kind == "edit":
        assert await chat.edit(action.value or "?") == []
    elif action.kind == "group":
        (reply,) = await group[action.user].send(action.value or "/start")
        assert reply.text is not None and "private" in reply.text
    else:
        with_buttons = [m for m in chat.history if (m.reply_markup or {}).get("inline_keyboard")]
        if action.kind == "forged" or not with_buttons:
            await chat.press_data(action.value[:64] or "x")
        else:
            # Any button ever shown: the newest is live, older ones are stale.
            message = with_buttons[action.index % len(with_buttons)]
            rows = message.reply_markup["inline_keyboard"] if message.reply_markup else []
            buttons = [b for row in rows for b in row]
            await chat.press_data(buttons[action.index % len(buttons)]["callback_data"], message)
        # A press is always acknowledged, and usually answered with a message too.
        assert len(chat.api.callback_answers) > answers or len(chat.history) > before


async def consistent(app: CoachApp) -> None:
    async with runtime(app).engine.connect() as db:
        for table in ("checkins", "checkin_drafts", "jog_sessions", "scheduled_messages"):
            orphans = await db.scalar(
                text(f"SELECT count(*) FROM {table} WHERE user_id NOT IN (SELECT id FROM users)")
            )
            assert orphans == 0, table
        doubles = await db.scalar(
            text(
                "SELECT count(*) FROM (SELECT user_id, local_date FROM checkins "
                "GROUP BY user_id, local_date HAVING count(*) > 1)"
            )
        )
        assert doubles == 0
        running = await db.scalar(
            text(
                "SELECT count(*) FROM (SELECT user_id FROM jog_sessions WHERE status = 'running' "
                "GROUP BY user_id HAVING count(*) > 1)"
            )
        )
        assert running == 0
        groups = await db.scalar(text("SELECT count(*) FROM users WHERE chat_id < 0"))
        assert groups == 0


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(script=st.lists(actions, min_size=1, max_size=25))
async def test_random_use_by_several_users_never_breaks_the_bot(
    settings: Settings,
    clock: FrozenClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    script: list[Action],
) -> None:
    caplog.set_level(logging.ERROR)
    # Every example starts from nothing, so a failure replays the same way when shrunk.
    with LocalBotApi() as api:
        fresh = settings.model_copy(
            update={
                "database_url": f"sqlite+aiosqlite:///{tmp_path / uuid.uuid4().hex}.sqlite3",
                "telegram_base_url": api.base_url,
            }
        )
        runner = BotRunner(fresh, clock)
        app = await runner.start()
        try:
            chats = {uid: Chat(app, api, user_id=uid) for uid in (11, 12, 13)}
            group = {
                uid: Chat(app, api, user_id=uid, chat_id=-1000 - uid, chat_type="group")
                for uid in (11, 12, 13)
            }
            for action in script:
                await perform(chats, group, action)
            await consistent(app)
        finally:
            await runner.stop()

    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures == [], [r.getMessage() for r in failures]
