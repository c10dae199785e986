"""The Bot API stand-in answers PTB's real Bot and Application over HTTP as Telegram would."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from bot.standin.local_api import (
    LocalBotApi,
    make_callback_update,
    make_edited_message_update,
    make_location_update,
    make_text_update,
    stand_in_token,
)

TOKEN = stand_in_token("stand-in-tests")
CHAT = 1001


@pytest.fixture
def api() -> Iterator[LocalBotApi]:
    with LocalBotApi() as server:
        yield server


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    async with Bot(token=TOKEN, base_url=api.base_url) as bot:
        yield bot


def keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Yes", callback_data="y"), InlineKeyboardButton("No", "n")]]
    )


def seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


def raw_post(api: LocalBotApi, path: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(api.base_url.removesuffix("/bot") + path, data=b"")
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


async def test_get_me_is_the_coach_and_the_token_is_kept_only_as_seen(
    api: LocalBotApi, bot: Bot
) -> None:
    me = await bot.get_me()

    assert me.is_bot and me.username == "legday_coach_bot"
    assert api.saw_token(TOKEN) and not api.saw_token("654321:OTHER")
    assert TOKEN not in repr(api.calls)


async def test_a_message_with_a_keyboard_round_trips(api: LocalBotApi, bot: Bot) -> None:
    first = await bot.send_message(CHAT, "Sore today?", reply_markup=keyboard())
    second = await bot.send_message(CHAT, "123")
    elsewhere = await bot.send_message(2002, "hi")

    assert first.text == "Sore today?" and first.reply_markup == keyboard()
    assert first.from_user is not None and first.from_user.username == "legday_coach_bot"
    assert first.chat.id == CHAT and first.chat.type == "private"
    assert (first.message_id, second.message_id, elsewhere.message_id) == (1, 2, 1)
    stored = api.messages(CHAT)
    assert [m.text for m in stored] == ["Sore today?", "123"]  # a numeric text stays a string
    assert stored[0].reply_markup == keyboard().to_dict()
    assert stored[0].params["chat_id"] == CHAT
    assert [m.chat_id for m in api.sent] == [CHAT, CHAT, 2002]
    assert api.new_message_event.is_set()


async def test_editing_changes_the_stored_message(api: LocalBotApi, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "Sore today?", reply_markup=keyboard())

    edited = await bot.edit_message_text("Noted: yes", chat_id=CHAT, message_id=sent.message_id)
    assert not isinstance(edited, bool) and edited.text == "Noted: yes"
    (stored,) = api.messages(CHAT)
    assert stored.text == "Noted: yes" and stored.reply_markup is None  # keyboard removed
    assert api.edits[-1]["text"] == "Noted: yes"
    assert api.edits[-1]["message_id"] == sent.message_id

    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard())
    assert stored.reply_markup == keyboard().to_dict() and stored.text == "Noted: yes"

    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard())
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("?", chat_id=CHAT, message_id=99)
    assert len(api.edits) == 2


async def test_callback_answers_and_commands_are_recorded(api: LocalBotApi, bot: Bot) -> None:
    await bot.answer_callback_query("q1", text="Saved", show_alert=True)
    await bot.set_my_commands([("checkin", "Log today"), ("help", "What I do")])

    assert api.callback_answers == [
        {"callback_query_id": "q1", "text": "Saved", "show_alert": True}
    ]
    assert [c["command"] for c in api.commands] == ["checkin", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["checkin", "help"]
    assert await bot.send_chat_action(CHAT, "typing")
    assert [method for method, _ in api.calls][-3:] == [
        "setMyCommands",
        "getMyCommands",
        "sendChatAction",
    ]


async def test_get_updates_returns_pushed_updates_and_an_offset_confirms_them(
    api: LocalBotApi, bot: Bot
) -> None:
    first = api.push_update(make_text_update(7, "/start"))
    second = api.push_update({"message": make_text_update(7, "hi")["message"]})
    assert second == first + 1  # a missing update_id gets the next one

    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert [u.update_id for u in await bot.get_updates(timeout=0, limit=1)] == [first]

    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert api.pending_updates == 0


async def test_a_long_poll_returns_as_soon_as_an_update_is_pushed(
    api: LocalBotApi, bot: Bot
) -> None:
    pusher = threading.Timer(0.1, api.push_update, [make_text_update(7, "hello")])
    started = time.monotonic()
    pusher.start()

    updates = await bot.get_updates(timeout=5)

    assert time.monotonic() - started < 1.5
    assert [u.message.text for u in updates if u.message] == ["hello"]


def test_a_long_poll_without_updates_waits_out_its_timeout(api: LocalBotApi) -> None:
    started = time.monotonic()
    assert raw_post(api, f"/bot{TOKEN}/getUpdates?timeout=0.3") == (200, {"ok": True, "result": []})
    assert 0.25 <= time.monotonic() - started < 1


async def test_429_raises_retry_after_with_its_delay(api: LocalBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", 429, retry_after=3, times=2)

    for _ in range(2):
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(CHAT, "push")
        assert seconds(refused.value.retry_after) == 3
    await bot.send_message(CHAT, "push")

    assert [m for m, _ in api.calls].count("sendMessage") == 3
    assert len(api.sent) == 1  # refused calls are not messages


async def test_a_blocked_chat_answers_403_until_unblocked(api: LocalBotApi, bot: Bot) -> None:
    api.block_chat(CHAT)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "push")
    await bot.send_message(2002, "others still get theirs")
    api.unblock_chat(CHAT)
    await bot.send_message(CHAT, "welcome back")

    assert [m.text for m in api.sent] == ["others still get theirs", "welcome back"]


async def test_fail_next_defaults_and_the_rate_limit(api: LocalBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "x")

    api.rate_limit(2)
    await bot.send_message(CHAT, "one")
    await bot.send_message(CHAT, "two")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(CHAT, "three")
    assert seconds(refused.value.retry_after) == 1
    api.rate_limit(None)
    await bot.send_message(CHAT, "three")
    assert [m.text for m in api.sent] == ["one", "two", "three"]


async def test_a_slow_answer_times_the_client_out(api: LocalBotApi) -> None:
    request = HTTPXRequest(read_timeout=0.1)
    async with Bot(TOKEN, base_url=api.base_url, request=request) as bot:
        api.delay_next("sendMessage", 0.4)
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "slow")
        await bot.send_message(CHAT, "fast again")  # the delay was for one call only


async def test_faults_come_in_the_order_they_were_set(api: LocalBotApi) -> None:
    request = HTTPXRequest(read_timeout=0.2)
    async with Bot(TOKEN, base_url=api.base_url, request=request) as bot:
        api.fail_next("sendMessage", 502)
        api.cut_next("sendMessage", after=0.4)  # hangs past the client's time-out
        api.cut_next("sendMessage")  # the connection drops at once

        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(CHAT, "a")
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "b")
        with pytest.raises(NetworkError) as dropped:
            await bot.send_message(CHAT, "c")
        assert not isinstance(dropped.value, TimedOut)
        await bot.send_message(CHAT, "d")

    assert [m.text for m in api.sent] == ["d"]  # nothing of the faulty calls was delivered
    assert [p["text"] for m, p in api.calls if m == "sendMessage"] == ["a", "b", "c", "d"]


async def test_documents_and_photos_keep_their_bytes(api: LocalBotApi, bot: Bot) -> None:
    content = bytes(range(256)) + b"\r\n--\r\n\n\r" * 3
    await bot.send_document(CHAT, content, filename='übung "1".csv', caption="Your data")
    await bot.send_photo(CHAT, b"\x89PNG\r\n\x1a\n" + content, caption="Chart")

    document, photo = api.messages(CHAT)
    assert document.method == "sendDocument" and document.document == content
    assert document.filename == 'übung "1".csv' and document.text == "Your data"
    assert photo.method == "sendPhoto" and photo.document == b"\x89PNG\r\n\x1a\n" + content
    assert photo.text == "Chart" and photo.params["chat_id"] == CHAT


def test_an_unknown_method_or_path_is_not_found(api: LocalBotApi) -> None:
    assert raw_post(api, f"/bot{TOKEN}/sendTelepathy") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )
    assert raw_post(api, "/elsewhere")[0] == 404
    assert raw_post(api, "/bot/getMe")[0] == 404  # no token


def test_wait_for_wakes_on_a_message_from_another_thread(api: LocalBotApi) -> None:
    def later() -> None:
        time.sleep(0.05)
        raw_post(api, f"/bot{TOKEN}/sendMessage?chat_id={CHAT}&text=hi")

    threading.Thread(target=later).start()

    assert api.wait_for(lambda: len(api.sent) == 1, timeout=2)
    assert api.sent[0].text == "hi"
    assert not api.wait_for(lambda: len(api.sent) == 2, timeout=0.05)


async def test_awaited_lets_the_event_loop_run(api: LocalBotApi, bot: Bot) -> None:
    task = asyncio.create_task(bot.send_message(CHAT, "from the loop"))

    assert await api.awaited(lambda: len(api.sent) == 1, timeout=2)
    await task
    assert not await api.awaited(lambda: len(api.sent) == 2, timeout=0.05)


async def test_stop_releases_a_waiting_long_poll() -> None:
    api = LocalBotApi()
    api.start()
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await asyncio.to_thread(api.stop)
        assert await poll == ()
        assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        ("/start now", ["/start"]),
        ("/start@legday_coach_bot", ["/start@legday_coach_bot"]),
        ("/pause_3", ["/pause_3"]),
        ("try /help or /hilfe", ["/help", "/hilfe"]),
        ("/помощь", []),  # Latin letters, digits and "_" only
        ("/startфыв", []),
        ("a/b and http://x/y", []),
        ("/" + "x" * 64, ["/" + "x" * 64]),
        ("/" + "x" * 65, []),
        ("/start@ab", []),  # a username has 3-32 characters
        ("</start>", []),
    ],
)
def test_bot_commands_are_marked_as_telegram_marks_them(text: str, commands: list[str]) -> None:
    message = Update.de_json(make_text_update(7, text)).message
    assert message is not None
    marked = [message.parse_entity(e) for e in message.entities if e.type == "bot_command"]
    assert marked == commands


async def test_dates_follow_the_stand_ins_clock_and_old_messages_become_inaccessible() -> None:
    now = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
    with LocalBotApi(clock=lambda: now) as api:
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            sent = await bot.send_message(7, "hi")
        (message,) = api.messages(7)
        assert sent.date == now and message.date == int(now.timestamp())
        fresh = Update.de_json(make_callback_update(7, "x", message, date=api.now()))
        later = int((now + timedelta(hours=48, seconds=1)).timestamp())
        old = Update.de_json(make_callback_update(7, "x", message, date=later))
    assert fresh.callback_query is not None and fresh.callback_query.message is not None
    assert fresh.callback_query.message.date == now
    assert old.callback_query is not None and old.callback_query.message is not None
    assert not old.callback_query.message.is_accessible  # PTB's reading of `date` 0
    assert old.callback_query.message.date == datetime(1970, 1, 1, tzinfo=UTC)


def test_the_builders_make_updates_ptb_understands_without_a_server() -> None:
    command = Update.de_json(make_text_update(7, "/start now", first_name="Ana"))
    assert command.message is not None and command.message.text == "/start now"
    (entity,) = command.message.entities
    assert command.message.parse_entity(entity) == "/start"
    assert command.effective_user is not None and command.effective_user.first_name == "Ana"

    group = Update.de_json(make_text_update(7, "hi", chat_id=-5, chat_type="group"))
    assert group.effective_chat is not None and group.effective_chat.type == "group"

    tap = Update.de_json(make_callback_update(7, "y", None))
    assert tap.callback_query is not None and tap.callback_query.data == "y"

    location = Update.de_json(make_location_update(7, 52.52, 13.4))
    assert location.message is not None and location.message.location is not None
    assert location.message.location.latitude == 52.52

    edited = Update.de_json(make_edited_message_update(7, "fixed"))
    assert edited.edited_message is not None and edited.edited_message.text == "fixed"
    assert edited.update_id > location.update_id > tap.update_id  # ids only grow


async def test_a_callback_update_embeds_the_bot_message(api: LocalBotApi, bot: Bot) -> None:
    await bot.send_message(7, "Sore?", reply_markup=keyboard())
    (sent,) = api.messages(7)

    tap = Update.de_json(make_callback_update(7, "y", sent), bot)

    assert tap.callback_query is not None and tap.callback_query.message is not None
    message = tap.callback_query.message
    assert message.message_id == sent.message_id and message.chat.id == 7
    assert getattr(message, "reply_markup", None) == keyboard()


async def test_an_application_answers_a_command_through_long_polling(api: LocalBotApi) -> None:
    async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("pong")

    app = Application.builder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(CommandHandler("ping", ping))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()

        api.push_update(make_text_update(42, "/ping"))
        assert await api.awaited(lambda: bool(api.messages(42)), timeout=3)

        await app.updater.stop()
        await app.stop()

    assert [m.text for m in api.messages(42)] == ["pong"]
    assert api.pending_updates == 0  # the stop confirmed the update


async def test_texts_over_telegrams_limits_are_refused_as_telegram_refuses_them(
    api: LocalBotApi, bot: Bot
) -> None:
    await bot.send_message(CHAT, "x" * 4096)  # exactly at the limit
    await bot.send_message(CHAT, "ж" * 4096)  # characters, not bytes
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(CHAT, "x" * 4097)
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(CHAT, "🏃" * 2049)  # two UTF-16 units each
    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot.send_message(CHAT, "  \n ")
    # HTML counts once parsed: tags add nothing, an entity is one character.
    await bot.send_message(CHAT, "<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(CHAT, "<b>" + "x" * 4097 + "</b>", parse_mode="HTML")

    first = api.messages(CHAT)[0]
    with pytest.raises(BadRequest, match=r"^Message_too_long$"):
        await bot.edit_message_text("y" * 4097, chat_id=CHAT, message_id=first.message_id)
    assert first.text == "x" * 4096  # the refused edit changed nothing
    assert len(api.sent) == 3  # refused sends are not messages


async def test_captions_over_1024_characters_are_refused(api: LocalBotApi, bot: Bot) -> None:
    await bot.send_document(CHAT, b"a,b\n", filename="a.csv", caption="c" * 1024)
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_document(CHAT, b"a,b\n", filename="a.csv", caption="c" * 1025)
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_photo(CHAT, b"\x89PNG\r\n\x1a\n", caption="ü" * 1025)

    assert [m.method for m in api.sent] == ["sendDocument"]


async def test_button_data_over_64_bytes_and_over_100_buttons_are_refused(
    api: LocalBotApi, bot: Bot
) -> None:
    def markup(count: int, data: str = "d") -> InlineKeyboardMarkup:
        buttons = [InlineKeyboardButton(str(n), callback_data=data) for n in range(count)]
        return InlineKeyboardMarkup([buttons[i : i + 8] for i in range(0, count, 8)])

    await bot.send_message(CHAT, "ok", reply_markup=markup(100, "x" * 64))
    await bot.send_message(CHAT, "ok", reply_markup=markup(1, "ж" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(CHAT, "no", reply_markup=markup(1, "ж" * 33))  # 66 bytes
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(CHAT, "no", reply_markup=markup(1, "x" * 65))
    with pytest.raises(BadRequest, match=r"^Reply markup is too long$"):
        await bot.send_message(CHAT, "no", reply_markup=markup(101))
    sent = api.messages(CHAT)[0]
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=markup(2, "y" * 65))

    assert [m.text for m in api.sent] == ["ok", "ok"]
