"""Chats the bot does not coach in: groups get one line a day when they address the bot and
nothing for their service messages; a business account's chats get nothing at all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from telegram import Update

from bot.runtime import CoachApp, runtime
from bot.standin.local_api import (
    BOT_USER,
    LocalBotApi,
    make_business_updates,
    make_service_update,
    make_text_update,
)
from conversations import texts
from storage.repository import Repository
from tests.chat import Chat, FrozenClock
from tests.conftest import BotRunner

GROUP = -100555
MEMBER = 2002


async def feed(app: CoachApp, update: dict[str, Any]) -> None:
    await app.process_update(Update.de_json(update, app.bot))


async def stored_rows(app: CoachApp) -> dict[str, int]:
    async with runtime(app).engine.connect() as db:
        return {
            table: int(await db.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
            for table in ("users", "processed_updates", "conversation_states")
        }


def service_messages() -> list[dict[str, Any]]:
    member = {"id": 3003, "is_bot": False, "first_name": "Bo"}
    pinned = make_text_update(MEMBER, "see you at 7", chat_id=GROUP, chat_type="group")["message"]
    return [
        make_service_update(GROUP, MEMBER, new_chat_members=[member, BOT_USER]),
        make_service_update(GROUP, MEMBER, left_chat_member=member),
        make_service_update(GROUP, MEMBER, new_chat_title="Leg day crew"),
        make_service_update(GROUP, MEMBER, pinned_message=pinned),
        make_service_update(GROUP, MEMBER, migrate_to_chat_id=-1001234567890),
        make_service_update(
            -1001234567890, MEMBER, chat_type="supergroup", migrate_from_chat_id=GROUP
        ),
    ]


async def test_service_messages_in_a_group_get_nothing(app: CoachApp, api: LocalBotApi) -> None:
    for update in service_messages():
        await feed(app, update)

    assert api.sent == []
    assert (await stored_rows(app))["users"] == 0


async def test_a_group_is_told_once_a_day_to_talk_in_private(
    runner: BotRunner, app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    group = Chat(app, api, user_id=MEMBER, chat_id=GROUP, chat_type="group")

    (line,) = await group.send("/start")
    assert await group.send("/checkin") == []
    # Kept in the database: a restart (or another process) does not tell the group again.
    await runner.stop()
    group.app = await runner.start()
    assert await group.send("/help@legday_coach_bot") == []

    clock.advance(days=1)
    (again,) = await group.send("/checkin")

    assert line.text == again.text == str(texts.PRIVATE_ONLY)
    assert (await stored_rows(group.app))["users"] == 0


async def test_in_a_group_only_what_is_addressed_to_the_bot_gets_the_line(
    app: CoachApp, api: LocalBotApi
) -> None:
    chats = [Chat(app, api, user_id=MEMBER, chat_id=GROUP - n, chat_type="group") for n in range(4)]
    not_for_us = ["morning all", "/help@some_other_bot", "legday_coach_bot is great"]
    for chat, said in zip(chats, not_for_us, strict=False):
        assert await chat.send(said) == [], said

    mention = await chats[0].send("@legday_coach_bot how do I start?")
    command = await chats[1].send("/start@LegDay_Coach_Bot")
    reply = make_text_update(MEMBER, "and me?", chat_id=GROUP - 2, chat_type="group")
    reply["message"]["reply_to_message"] = {
        **make_text_update(0, "earlier", chat_id=GROUP - 2, chat_type="group")["message"],
        "from": BOT_USER,
    }
    await feed(app, reply)

    assert [m.text for m in mention + command] == [str(texts.PRIVATE_ONLY)] * 2
    assert [m.text for m in api.messages(GROUP - 2)] == [str(texts.PRIVATE_ONLY)]


async def test_business_chats_get_no_reply_and_nothing_is_stored(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    updates = make_business_updates(owner_id=4004, customer_id=5005, text="/start")
    updates += make_business_updates(owner_id=4004, customer_id=5005, text="Are you open today?")

    for update in updates:
        await feed(app, update)

    assert api.sent == []
    assert api.calls == [c for c in api.calls if c[0] not in ("sendMessage", "sendChatAction")]
    assert await repo.users.get(5005) is None and await repo.users.get(4004) is None
    assert await stored_rows(app) == {
        "users": 0,
        "processed_updates": 0,
        "conversation_states": 0,
    }
