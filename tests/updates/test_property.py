"""Whatever several users throw at the bot, in any order: nothing raises out of a handler,
every private message gets an answer, and the stored data stays consistent. Presses come as
Telegram delivers them: some late (their answer refused), some twice in a row; groups get
service messages and at most one line a day."""

from __future__ import annotations

import copy
import logging
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from telegram import Update

from bot.config import Settings
from bot.runtime import CoachApp, runtime
from bot.standin.local_api import BOT_USER, LocalBotApi, make_service_update
from conversations import texts
from tests.chat import Chat, FrozenClock, onboard
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
    kind: str  # command, text, tap, late, double, forged, edit, group, service, location
    value: str
    index: int


actions = st.builds(
    Action,
    user=st.sampled_from([11, 11, 12, 13]),  # 11 is set up already: more live buttons
    kind=st.sampled_from(
        [
            "command",
            "text",
            "tap",
            "tap",
            "late",
            "double",
            "double",
            "forged",
            "edit",
            "group",
            "service",
            "location",
        ]
    ),
    value=st.one_of(st.sampled_from(COMMANDS + TEXTS), st.text(max_size=20)),
    index=st.integers(min_value=0, max_value=50),
)


SERVICE: list[dict[str, Any]] = [
    {"new_chat_members": [BOT_USER]},
    {"left_chat_member": {"id": 3003, "is_bot": False, "first_name": "Bo"}},
    {"new_chat_title": "Leg day crew"},
    {"pinned_message": {"message_id": 1, "date": 0, "chat": {"id": -1, "type": "group"}}},
    {"migrate_to_chat_id": -1009999},
    {"group_chat_created": True},
]


@dataclass
class Groups:
    """The users' groups, and which of them were told today to talk in private."""

    chats: dict[int, Chat]
    told: set[int] = field(default_factory=set)


def addressed(text: str) -> bool | None:
    """Whether a group message is addressed to the bot; None when this model cannot say."""
    if "@" in text:
        return None
    # A leading command as Telegram marks one: "/" and Latin letters, digits or "_", so a lone
    # "/" or "/помощь" is plain text, which nobody addresses to the bot.
    return re.match(r"/[A-Za-z0-9_]{1,64}(?![\w/<>])", text) is not None


async def perform(chats: dict[int, Chat], groups: Groups, action: Action) -> None:
    chat = chats[action.user]
    before = len(chat.history)
    answers = len(chat.api.callback_answers)
    if action.kind in ("group", "service"):
        await in_a_group(groups, action)
        return
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
    else:
        with_buttons = [m for m in chat.history if (m.reply_markup or {}).get("inline_keyboard")]
        late = action.kind == "late"
        if action.kind == "forged" or not with_buttons:
            await chat.press_data(action.value[:64] or "x", late=late)
        else:
            # Any button ever shown: the newest is live, older ones are stale.
            message = with_buttons[action.index % len(with_buttons)]
            rows = message.reply_markup["inline_keyboard"] if message.reply_markup else []
            data = [b for row in rows for b in row][action.index % sum(map(len, rows))]
            as_pressed = copy.deepcopy(message)  # a second tap carries it as it was
            await chat.press_data(data["callback_data"], as_pressed, late=late)
            if action.kind == "double":
                acted = not (message.reply_markup or {}).get("inline_keyboard")  # frozen
                after, answered = len(chat.history), len(chat.api.callback_answers)
                again = await chat.press_data(data["callback_data"], as_pressed)
                if acted:  # the first tap acted: the second one only hears so
                    assert again == [], [m.text for m in again]
                    assert chat.alerts()[answered:] == [str(texts.PRESSED_ALREADY)]
                else:
                    assert len(chat.api.callback_answers) > answered or len(chat.history) > after
        if not late:
            # A press is always acknowledged, and usually answered with a message too.
            assert len(chat.api.callback_answers) > answers or len(chat.history) > before


async def in_a_group(groups: Groups, action: Action) -> None:
    """A message in the user's group: one line a day if addressed to the bot, else nothing."""
    chat = groups.chats[action.user]
    if action.kind == "service":
        service = SERVICE[action.index % len(SERVICE)]
        update = make_service_update(chat.cid, chat.user_id, **service)
        before = len(chat.history)
        await chat.app.process_update(Update.de_json(update, chat.app.bot))
        assert chat.history[before:] == []
        return
    said = action.value or "/start"
    replies = await chat.send(said)
    assert [m.text for m in replies] in ([], [str(texts.PRIVATE_ONLY)])
    if replies:
        assert chat.cid not in groups.told, "told twice in one day"
        groups.told.add(chat.cid)
    elif addressed(said) and chat.cid not in groups.told:
        raise AssertionError(f"{said!r} got no answer in a group")


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
            groups = Groups(
                {
                    uid: Chat(app, api, user_id=uid, chat_id=-1000 - uid, chat_type="group")
                    for uid in (11, 12, 13)
                }
            )
            # One user is set up already, so presses of live buttons come early and often.
            await onboard(chats[11])
            for action in script:
                await perform(chats, groups, action)
            await consistent(app)
            assert str(texts.ERROR) not in [m.text for m in api.sent]
        finally:
            await runner.stop()

    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failures == [], [r.getMessage() for r in failures]
