"""A local stand-in of the Telegram Bot API over real HTTP on 127.0.0.1.

`legday-bot console` talks to the real bot through it without a token, and the tests use it as
their only fake: PTB's own Application and httpx stack send real requests to it. It keeps what the
bot sent, hands out updates to long polling, and can answer with Telegram's errors on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import http.client
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER: dict[str, Any] = {
    "id": 100000000,
    "is_bot": True,
    "first_name": "Leg Day Coach",
    "username": "legday_coach_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
BLOCKED = "Forbidden: bot was blocked by the user"
# Bots may download files of up to 20 MB (Bot API, getFile).
FILE_DOWNLOAD_LIMIT = 20 * 1024 * 1024


def stand_in_token(purpose: str) -> str:
    """A token of the shape BotFather gives (the bot checks that shape), for the stand-in only.
    Built here rather than written out, so that no file holds a string a secret scanner would
    take for a real token."""
    bot_id = str(BOT_USER["id"])
    return f"{bot_id}:{purpose}-only-" + "x" * 30


_SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
# Methods Telegram refuses with 403 once the user has blocked the bot.
_CHAT_METHODS = _SENDS | {
    "sendChatAction",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
}
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: BLOCKED,
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# PTB form-encodes every non-string value as JSON and strings as they are, so the two cannot be
# told apart on the wire ("123" the text vs 123 the id). These fields are always strings.
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "action",
        "url",
        "title",
        "description",
        "short_description",
        "name",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "photo",
        "document",
        "thumbnail",
        "secret_token",
        "ip_address",
    }
)
_ids = count(1)
MENU_BUTTON_TYPES = frozenset({"default", "commands", "web_app"})

# Telegram's limits (Bot API documentation: sendMessage, sendPhoto, InlineKeyboardButton), and
# the errors it answers when they are broken. Lengths are counted after entity parsing; this
# counts UTF-16 code units, the stricter of the two readings seen in the field (an emoji is
# two), so whatever passes here passes Telegram too.
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes of UTF-8
MAX_BUTTONS = 100  # inline buttons in one keyboard
TEXT_TOO_LONG = "Bad Request: message is too long"
EDIT_TOO_LONG = "Bad Request: MESSAGE_TOO_LONG"
TEXT_EMPTY = "Bad Request: message text is empty"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
MARKUP_TOO_LONG = "Bad Request: reply markup is too long"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_TAG = re.compile(r"<[^>]*>")

WEBHOOK_TIMEOUT = 60.0  # seconds Telegram waits for a webhook's answer
WEBHOOK_RETRY = 0.2  # seconds before a failed delivery is tried again (Telegram: longer)


@dataclass
class SentMessage:
    """One message the bot sent, as the stand-in stored it (edits change it in place)."""

    method: str
    chat_id: int
    message_id: int
    text: str | None  # the caption for photos and documents
    reply_markup: dict[str, Any] | None
    params: dict[str, Any]
    document: bytes | None = None  # the uploaded file, photos included
    filename: str | None = None
    date: int = field(default_factory=lambda: int(time.time()))  # the stand-in's clock, unix s
    received: float = field(default_factory=time.monotonic)  # when the stand-in got it
    deleted: bool = False

    def as_telegram(self) -> dict[str, Any]:
        """The Message object Telegram would return (and embed in a callback query)."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": {"id": self.chat_id, "type": "private" if self.chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if self.method == "sendMessage":
            message["text"] = self.text or ""
        else:
            if self.text is not None:
                message["caption"] = self.text
            if self.method == "sendPhoto":
                message["photo"] = [
                    {
                        "file_id": f"photo{self.chat_id}_{self.message_id}",
                        "file_unique_id": f"p{self.chat_id}_{self.message_id}",
                        "width": 1,
                        "height": 1,
                    }
                ]
            else:
                message["document"] = {
                    "file_id": f"doc{self.chat_id}_{self.message_id}",
                    "file_unique_id": f"d{self.chat_id}_{self.message_id}",
                    "file_name": self.filename,
                    "file_size": len(self.document or b""),
                }
        # Telegram echoes only inline keyboards; reply keyboards stay with the client.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


class ApiError(Exception):
    """An answer Telegram gives with ok=false; raised by method handlers, sent as the reply."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class _Cut(Exception):
    """Raised to drop the connection without an answer, `after` seconds in."""

    def __init__(self, after: float) -> None:
        super().__init__(after)
        self.after = after


@dataclass
class _Failure:
    error: ApiError | _Cut
    times: int


# Update builders: plain functions, so tests can also feed updates straight to
# `Application.process_update(Update.de_json(update, bot))` without a server. Each takes the
# message's `date` (unix seconds, as Telegram stamps it); without one, the real now. A test on
# an injected clock passes `LocalBotApi.now()`, so a user's message is dated by the same clock
# as the bot's answers.


def _date(date: int | None) -> int:
    return int(time.time()) if date is None else date


def _user(user_id: int, first_name: str = "Test", language_code: str = "en") -> dict[str, Any]:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "language_code": language_code,
    }


def _chat(chat_id: int, chat_type: str, first_name: str) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
    else:
        chat["title"] = "Some group"
    return chat


def make_text_update(
    user_id: int,
    text: str,
    chat_id: int | None = None,
    chat_type: str = "private",
    first_name: str = "Test",
    language_code: str = "en",
    date: int | None = None,
) -> dict[str, Any]:
    """A user's text message; a leading "/word" gets the bot_command entity PTB matches on."""
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": _date(date),
        "chat": _chat(chat_id if chat_id is not None else user_id, chat_type, first_name),
        "from": _user(user_id, first_name, language_code),
        "text": text,
    }
    entities = [
        {
            "type": "bot_command",
            "offset": _utf16(text[: command.start()]),
            "length": _utf16(command.group()),
        }
        for command in _COMMAND.finditer(text)
    ]
    for mention in _MENTION.finditer(text):  # not the "@bot" of "/start@bot": the command's
        entities.append(
            {
                "type": "mention",
                "offset": _utf16(text[: mention.start()]),
                "length": _utf16(mention.group()),
            }
        )
    if entities:
        message["entities"] = sorted(entities, key=lambda entity: int(entity["offset"]))
    return {"update_id": next(_ids), "message": message}


# As Telegram marks bot commands (TDLib, MessageEntity.cpp, match_bot_commands), anywhere in
# the text: "/" and 1-64 Latin letters, digits or "_", optionally "@" and a username of 3-32,
# touching no word character, "/", "<" or ">" on either side. So "/помощь" and a 65-letter
# command are no commands, and reach the bot as plain text.
_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])")


_MENTION = re.compile(r"(?<![\w/@])@\w{5,32}")  # as Telegram marks them: @ and a username


def _utf16(text: str) -> int:
    """Telegram counts entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def make_callback_update(
    user_id: int,
    data: str,
    message: SentMessage | None,
    chat_id: int | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A tap on an inline button of `message`, which Telegram embeds as the bot sent it; made at
    `date` (unix seconds, default the real now), a message more than 48 hours older comes as an
    InaccessibleMessage (its chat and id, `date` 0), as Telegram may send it (Bot API,
    MaybeInaccessibleMessage)."""
    query: dict[str, Any] = {
        "id": str(next(_ids)),
        "from": _user(user_id),
        "chat_instance": str(chat_id if chat_id is not None else user_id),
        "data": data,
    }
    if message is not None:
        shown = message.as_telegram()
        if _date(date) - message.date > INACCESSIBLE_AFTER:
            shown = {"chat": shown["chat"], "message_id": message.message_id, "date": 0}
        query["message"] = shown
    return {"update_id": next(_ids), "callback_query": query}


INACCESSIBLE_AFTER = 48 * 3600  # seconds: older messages may come without their content


def make_location_update(
    user_id: int, latitude: float, longitude: float, date: int | None = None
) -> dict[str, Any]:
    """A shared location, as from the attachment menu or a location request button."""
    update = make_text_update(user_id, "", date=date)
    message = update["message"]
    del message["text"]
    message["location"] = {"latitude": latitude, "longitude": longitude}
    return update


def make_document_update(
    user_id: int,
    document: dict[str, Any],
    caption: str | None = None,
    language_code: str = "en",
    date: int | None = None,
) -> dict[str, Any]:
    """A file sent as a document (LocalBotApi.upload gives the `document`)."""
    update = make_text_update(user_id, "", language_code=language_code, date=date)
    message = update["message"]
    del message["text"]
    message["document"] = document
    if caption:
        message["caption"] = caption
    return update


def make_edited_message_update(user_id: int, text: str, date: int | None = None) -> dict[str, Any]:
    """A user editing one of their own earlier messages (`date`: when the edit was made)."""
    message = make_text_update(user_id, text, date=date)["message"]
    message["edit_date"] = message["date"]
    return {"update_id": next(_ids), "edited_message": message}


def make_service_update(
    chat_id: int, user_id: int, chat_type: str = "group", **service: Any
) -> dict[str, Any]:
    """A service message in a group, as Telegram sends one: a message with no text, only its
    service field (`new_chat_members=[...]`, `new_chat_title="..."`, `pinned_message={...}`,
    `migrate_to_chat_id=...`)."""
    message = make_text_update(user_id, "", chat_id=chat_id, chat_type=chat_type)["message"]
    del message["text"]
    message.update(service)
    return {"update_id": next(_ids), "message": message}


def make_business_updates(owner_id: int, customer_id: int, text: str) -> list[dict[str, Any]]:
    """What a bot connected to a business account gets (Telegram Business): the connection,
    a customer's message to the owner, its edit, and its deletion."""
    connection = "biz-" + str(owner_id)
    message = make_text_update(customer_id, text)["message"]
    message["business_connection_id"] = connection
    edited = {**message, "text": text + "!", "edit_date": int(time.time())}
    return [
        {
            "update_id": next(_ids),
            "business_connection": {
                "id": connection,
                "user": _user(owner_id),
                "user_chat_id": owner_id,
                "date": int(time.time()),
                "is_enabled": True,
                "rights": {"can_reply": True},
            },
        },
        {"update_id": next(_ids), "business_message": message},
        {"update_id": next(_ids), "edited_business_message": edited},
        {
            "update_id": next(_ids),
            "deleted_business_messages": {
                "business_connection_id": connection,
                "chat": message["chat"],
                "message_ids": [message["message_id"]],
            },
        },
    ]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many bots or a benchmark connect at once

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client hanging up mid long poll is normal; tracebacks would be noise


class LocalBotApi:
    """The Bot API on 127.0.0.1: records what the bot does and serves updates to long polling.

    All state sits behind one condition; every change notifies it, so `wait_for` and getUpdates
    wake at once instead of polling. The public lists change only under that lock.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        on_send: Callable[[SentMessage], None] | None = None,
        first_update_id: int = 1,
        first_message_id: int = 1,
        on_answer: Callable[[dict[str, Any]], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._lock = threading.Condition()
        # Where "now" comes from for the dates Telegram stamps (a sent message's `date`): the
        # bot's own injected clock in tests and the console, so a message sent "yesterday" on
        # that clock says so when a button under it is pressed today. None: the real time.
        self.clock = clock
        self._on_send = on_send
        # Called with each answerCallbackQuery Telegram would take, as `callback_answers`
        # records it: a client shows its text as a toast (or an alert), not as a message.
        self._on_answer = on_answer
        self._version = 0
        self._async_waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._closed = False
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = first_update_id
        self._allowed_updates: list[str] | None = None
        self._message_ids: dict[int, int] = {}
        self._first_message_id = first_message_id
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, float] = {}
        self._blocked: set[int] = set()
        self._late: set[str] = set()  # callback query ids whose answer window has passed
        # Files users sent, by file_id: (file_unique_id, content, the size Telegram states).
        self._files: dict[str, tuple[str, bytes, int]] = {}
        self._rate: float | None = None
        self._send_times: list[float] = []
        self._commands: dict[str, list[dict[str, Any]]] = {}
        # setChatMenuButton: by chat id, None for the default of every chat.
        self._menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._token_digests: set[str] = set()
        self._webhook: dict[str, Any] | None = None
        self._delivery: threading.Thread | None = None
        # (update_id, HTTP status or 0 when unreachable) for every webhook delivery attempt.
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.sent: list[SentMessage] = []
        self.edits: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[BaseException] = []  # bugs in the stand-in, on_send or on_answer
        self.new_message_event = threading.Event()  # set on every message sent; clear it yourself
        self._server = _Server((host, port), self._handler_class())
        self._thread: threading.Thread | None = None

    # Life cycle

    @property
    def base_url(self) -> str:
        """What to pass to `ApplicationBuilder().base_url(...)`; PTB appends the token."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="local-bot-api",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; long polls still waiting return at once with what they have."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._changed()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()
        if self._delivery is not None:
            self._delivery.join(timeout=1.0)  # a daemon: a hung delivery must not hold us up

    def __enter__(self) -> LocalBotApi:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def now(self) -> int:
        """Telegram's "now" as it stamps messages: unix seconds on the stand-in's clock."""
        return int(time.time()) if self.clock is None else int(self.clock().timestamp())

    # Reading what happened

    @property
    def condition(self) -> threading.Condition:
        """The lock of all state, notified on every change (for waits `wait_for` can't express)."""
        return self._lock

    @property
    def commands(self) -> list[dict[str, Any]]:
        """The commands last set with setMyCommands for the default scope and language."""
        with self._lock:
            return list(self._commands.get(_commands_key({}), []))

    def messages(self, chat_id: int | None = None) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.sent if chat_id is None or m.chat_id == chat_id]

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any]:
        """What getChatMenuButton would answer: the chat's own, else the default one."""
        with self._lock:
            found = self._menu_buttons.get(chat_id) or self._menu_buttons.get(None)
            return dict(found or {"type": "default"})

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The parameters of the last setWebhook (url, secret_token...), None when none is set."""
        with self._lock:
            return dict(self._webhook) if self._webhook is not None else None

    def saw_token(self, token: str | None = None) -> bool:
        """Whether any (or this) token reached the stand-in; only digests are kept, never logged."""
        with self._lock:
            if token is None:
                return bool(self._token_digests)
            return _digest(token) in self._token_digests

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Block until `predicate()` holds; re-checked on every change and every 50 ms.

        The predicate runs outside the lock, so it may look at anything (a database too).
        """
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                version = self._version
            if predicate():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            with self._lock:
                if self._version == version:
                    self._lock.wait(min(left, 0.05))

    async def awaited(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """`wait_for` for coroutines: the event loop keeps running (and the bot on it)."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        waiter = (loop, event)
        with self._lock:
            self._async_waiters.add(waiter)
        try:
            deadline = loop.time() + timeout
            while True:
                event.clear()
                if predicate():
                    return True
                left = deadline - loop.time()
                if left <= 0:
                    return False
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), min(left, 0.05))
        finally:
            with self._lock:
                self._async_waiters.discard(waiter)

    def clear(self) -> None:
        """Forget what was sent and called (message ids go on counting), e.g. between rounds."""
        with self._lock:
            self.sent.clear()
            self.edits.clear()
            self.callback_answers.clear()
            self.calls.clear()
            self._changed()

    # Playing the users

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates and wake long polls; returns its update_id."""
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": self._next_update_id, **update}
            update_id = int(update["update_id"])
            self._next_update_id = max(self._next_update_id, update_id + 1)
            self._updates.append(update)
            self._changed()
            return update_id

    @property
    def pending_updates(self) -> int:
        """Updates pushed but not yet confirmed by a getUpdates offset."""
        with self._lock:
            return len(self._updates)

    # Faults

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` with this error (429 gets retry_after 1)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            text = _DEFAULT_DESCRIPTIONS.get(status, "Error")
            description = text.format(retry_after=retry_after)
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(ApiError(status, description, retry_after), times)
            )

    def cut_next(self, method: str, after: float = 0.0, times: int = 1) -> None:
        """Drop the connection of the next `times` calls of `method`, `after` seconds in, with
        nothing delivered: a lost request, or (with `after` past the client's time-out) a hang.

        Queued in one line with `fail_next`, so faults happen in the order they were set.
        """
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(_Cut(after), times))

    def delay_next(self, method: str, seconds: float) -> None:
        """Let the next call of `method` wait `seconds` before it is answered (slow Telegram)."""
        with self._lock:
            self._delays[method] = seconds

    def upload(
        self, content: bytes, file_name: str, stated_size: int | None = None
    ) -> dict[str, Any]:
        """A file a user sends: kept for getFile and the download path, returned as the
        `document` of a message. `stated_size` lets a test claim a size Telegram would state
        (a 25 MB file) without holding that many bytes."""
        unique = "u" + hashlib.sha256(content).hexdigest()[:15]  # the same bytes, the same id
        with self._lock:
            file_id = f"doc-{len(self._files) + 1}-{unique}"
            size = len(content) if stated_size is None else stated_size
            self._files[file_id] = (unique, content, size)
        return {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_name": file_name,
            "file_size": size,
        }

    def block_chat(self, chat_id: int) -> None:
        """Answer 403 "bot was blocked by the user" to everything for this chat."""
        with self._lock:
            self._blocked.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.discard(chat_id)

    def too_late(self, query_id: str) -> None:
        """Refuse any answer to this press, as Telegram does once its answer window has passed
        (after a restart or a slow moment): "query is too old..."."""
        with self._lock:
            self._late.add(query_id)

    def rate_limit(self, per_second: float | None) -> None:
        """Answer 429 (retry_after 1) to sends beyond `per_second` in any second; None lifts it."""
        with self._lock:
            self._rate = per_second
            self._send_times.clear()

    # Serving

    def _changed(self) -> None:
        """Wake every waiter; call with the lock held."""
        self._version += 1
        self._lock.notify_all()
        for loop, event in self._async_waiters:
            with contextlib.suppress(RuntimeError):  # that loop is closed
                loop.call_soon_threadsafe(event.set)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            # Headers and body leave as one write with Nagle off: no 40 ms delayed-ACK stall.
            disable_nagle_algorithm = True
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                path, _, query = self.path.partition("?")
                answer = api._handle(
                    path, query, self.headers.get("Content-Type") or "", self._body()
                )
                if answer is None:  # an injected cut: hang up without a word
                    self.close_connection = True
                    return
                status, payload = answer
                raw = isinstance(payload, bytes)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                kind = "application/octet-stream" if raw else "application/json"
                head = (
                    f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                    f"Content-Type: {kind}\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n"
                ).encode()
                try:
                    self.wfile.write(head + data)
                except OSError:  # the client gave up (a cancelled long poll)
                    self.close_connection = True

            def _body(self) -> bytes:
                if (self.headers.get("Transfer-Encoding") or "").lower() == "chunked":
                    chunks = []
                    while size := int(self.rfile.readline().split(b";")[0], 16):
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def log_message(self, format: str, *args: Any) -> None:
                return  # request lines carry the token: never print them

        return Handler

    def _handle(
        self, path: str, query: str, content_type: str, body: bytes
    ) -> tuple[int, dict[str, Any] | bytes] | None:
        """One request: /bot<token>/<method>, any non-empty token accepted, or a download
        /file/bot<token>/<file_path> (answered with the file's bytes); None hangs up."""
        not_found = ApiError(404, "Not Found")
        if path.startswith("/file/bot"):
            _token, _, file_path = path[len("/file/bot") :].partition("/")
            with self._lock:
                self.calls.append(("download", {"file_path": file_path}))
                content = self._download(file_path)
            return (404, not_found.payload()) if content is None else (200, content)
        if not path.startswith("/bot"):
            return 404, not_found.payload()
        token, _, method = path[len("/bot") :].partition("/")
        if not token or not method or "/" in method:
            return 404, not_found.payload()
        try:
            params, files = _parse(content_type, body)
            params.update((k, _decode(k, v)) for k, v in parse_qsl(query))
        except (ValueError, UnicodeDecodeError) as exc:
            return 400, ApiError(400, f"Bad Request: {exc}").payload()
        with self._lock:
            self._token_digests.add(_digest(token))
        try:
            return self._dispatch(method, params, files)
        except ApiError as error:
            return error.status, error.payload()
        except _Cut as cut:
            time.sleep(cut.after)
            return None
        except Exception as exc:
            with self._lock:
                self.errors.append(exc)
            return 500, ApiError(500, f"Internal Server Error: {exc!r}").payload()

    def _dispatch(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.calls.append((method, params))
            delay = self._delays.pop(method, 0.0)
            self._changed()
        if delay:
            time.sleep(delay)
        handler = getattr(self, f"_m_{method}", None)
        with self._lock:
            self._check_faults(method, params)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = handler(params, files)
            answered = dict(self.callback_answers[-1]) if method == "answerCallbackQuery" else None
            self._changed()
        if answered is not None and self._on_answer is not None:
            try:
                self._on_answer(answered)
            except Exception as exc:
                with self._lock:
                    self.errors.append(exc)
        if isinstance(result, SentMessage):
            if method in _SENDS:
                self.new_message_event.set()
                if self._on_send is not None:
                    try:
                        self._on_send(result)
                    except Exception as exc:
                        with self._lock:
                            self.errors.append(exc)
            return 200, {"ok": True, "result": result.as_telegram()}
        return 200, {"ok": True, "result": result}

    def _check_faults(self, method: str, params: dict[str, Any]) -> None:
        """Raise the error an injected fault calls for; the lock is held."""
        if method in _CHAT_METHODS and _int(params.get("chat_id")) in self._blocked:
            raise ApiError(403, BLOCKED)
        queue = self._failures.get(method)
        if queue:
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            raise failure.error
        if method in _SENDS and self._rate is not None:
            now = time.monotonic()
            self._send_times = [t for t in self._send_times if now - t < 1.0]
            if len(self._send_times) >= self._rate:
                raise ApiError(429, "Too Many Requests: retry after 1", 1)
            self._send_times.append(now)

    def _deliver_webhooks(self) -> None:
        """POST pending updates to the webhook one at a time, oldest first, as Telegram does
        with max_connections=1: an update leaves the queue only when answered with 200, anything
        else (an error status, a refused or cut connection) is tried again a moment later.
        Only local http:// URLs are reached; others stay pending, like an unreachable server."""
        while True:
            with self._lock:
                while not self._closed and not self._deliverable():
                    self._lock.wait(0.5)
                if self._closed:
                    return
                hook = dict(self._webhook or {})
                update = self._updates[0]
            status = _post_update(str(hook["url"]), update, hook.get("secret_token"))
            with self._lock:
                self.webhook_deliveries.append((int(update["update_id"]), status))
                if status == 200 and self._updates and self._updates[0] is update:
                    self._updates.pop(0)
                self._changed()
                if status != 200 and not self._closed:
                    self._lock.wait(WEBHOOK_RETRY)

    def _deliverable(self) -> bool:
        if self._webhook is None or not self._updates:
            return False
        parts = urlsplit(str(self._webhook.get("url", "")))
        return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling; the lock is held and released while waiting."""
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int(params.get("offset")) or 0
        timeout = max(0.0, float(params.get("timeout") or 0))
        limit = min(max(_int(params.get("limit")) or 100, 1), 100)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list) and allowed:
            self._allowed_updates = [str(kind) for kind in allowed]  # Telegram remembers it
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        deadline = time.monotonic() + timeout
        while True:
            if self._allowed_updates is not None:
                kinds = self._allowed_updates
                self._updates = [u for u in self._updates if _kind(u) in kinds]
            left = deadline - time.monotonic()
            if self._updates or self._closed or left <= 0:
                return list(self._updates[:limit])
            self._lock.wait(min(left, 0.5))

    # Methods (called with the lock held; each takes the params and the uploaded files)

    def _record(
        self,
        method: str,
        params: dict[str, Any],
        text: str | None,
        document: bytes | None = None,
        filename: str | None = None,
    ) -> SentMessage:
        chat_id = _int(params.get("chat_id"))
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        message_id = self._message_ids.get(chat_id, self._first_message_id - 1) + 1
        self._message_ids[chat_id] = message_id
        markup = params.get("reply_markup")
        message = SentMessage(
            method,
            chat_id,
            message_id,
            text,
            markup if isinstance(markup, dict) else None,
            params,
            document,
            filename,
            date=self.now(),
        )
        self.sent.append(message)
        return message

    def _find(self, params: dict[str, Any], what: str) -> SentMessage:
        chat_id, message_id = _int(params.get("chat_id")), _int(params.get("message_id"))
        for message in self.sent:
            same = message.chat_id == chat_id and message.message_id == message_id
            if same and not message.deleted:
                return message
        raise ApiError(400, f"Bad Request: message to {what} not found")

    def _edit(
        self, method: str, params: dict[str, Any], text: str | None, changes_text: bool
    ) -> dict[str, Any]:
        message = self._find(params, "edit")
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) else None
        if (not changes_text or text == message.text) and markup == message.reply_markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        self.edits.append(
            {
                "method": method,
                "chat_id": message.chat_id,
                "message_id": message.message_id,
                "text": text if changes_text else None,
                "reply_markup": markup,
                "params": params,
            }
        )
        if changes_text:
            message.text = text
        message.reply_markup = markup
        return message.as_telegram()

    def _m_getMe(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        return BOT_USER

    def _m_getUpdates(self, params: dict[str, Any], files: object) -> list[dict[str, Any]]:
        return self._get_updates(params)

    def _m_sendMessage(self, params: dict[str, Any], files: object) -> SentMessage:
        text = str(params.get("text", ""))
        _check_text(text, params, TEXT_TOO_LONG)
        _check_markup(params)
        return self._record("sendMessage", params, text)

    def _m_sendPhoto(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> SentMessage:
        name, content = files.get("photo", (None, None))
        _check_caption(params.get("caption"), params)
        _check_markup(params)
        return self._record("sendPhoto", params, params.get("caption"), content, name)

    def _m_sendDocument(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> SentMessage:
        name, content = files.get("document", (None, None))
        _check_caption(params.get("caption"), params)
        _check_markup(params)
        return self._record("sendDocument", params, params.get("caption"), content, name)

    def _m_editMessageText(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        _check_text(str(params.get("text", "")), params, EDIT_TOO_LONG)
        _check_markup(params)
        return self._edit("editMessageText", params, str(params.get("text", "")), True)

    def _m_editMessageCaption(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        _check_caption(params.get("caption"), params)
        _check_markup(params)
        return self._edit("editMessageCaption", params, params.get("caption"), True)

    def _m_editMessageReplyMarkup(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        _check_markup(params)
        return self._edit("editMessageReplyMarkup", params, None, False)

    def _m_deleteMessage(self, params: dict[str, Any], files: object) -> bool:
        chat_id, message_id = _int(params.get("chat_id")), _int(params.get("message_id"))
        for message in self.sent:
            if message.chat_id == chat_id and message.message_id == message_id:
                message.deleted = True
        return True  # users' own messages are not tracked, so an unknown id is fine

    def _m_answerCallbackQuery(self, params: dict[str, Any], files: object) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        # Telegram takes one answer per press, and only soon after it: both refused alike.
        if query_id in self._late or any(
            a["callback_query_id"] == query_id for a in self.callback_answers
        ):
            raise ApiError(400, QUERY_TOO_OLD)
        self.callback_answers.append(
            {
                "callback_query_id": str(params.get("callback_query_id", "")),
                "text": params.get("text"),
                "show_alert": params.get("show_alert") is True,
            }
        )
        return True

    def _m_setMyCommands(self, params: dict[str, Any], files: object) -> bool:
        commands = params.get("commands")
        self._commands[_commands_key(params)] = list(commands) if isinstance(commands, list) else []
        return True

    def _m_getMyCommands(self, params: dict[str, Any], files: object) -> list[dict[str, Any]]:
        return list(self._commands.get(_commands_key(params), []))

    def _m_deleteMyCommands(self, params: dict[str, Any], files: object) -> bool:
        self._commands.pop(_commands_key(params), None)
        return True

    def _m_setChatMenuButton(self, params: dict[str, Any], files: object) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in MENU_BUTTON_TYPES:
            raise ApiError(400, "Bad Request: can't parse menu button")
        if button["type"] == "web_app":
            text, web_app = button.get("text"), button.get("web_app")
            if not isinstance(text, str) or not text.strip():
                raise ApiError(400, "Bad Request: menu button text must be non-empty")
            _check_web_app(web_app, "menu button")
        chat = _int(params.get("chat_id")) if params.get("chat_id") is not None else None
        self._menu_buttons[chat] = dict(button)
        return True

    def _m_getChatMenuButton(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        chat = _int(params.get("chat_id")) if params.get("chat_id") is not None else None
        return dict(
            self._menu_buttons.get(chat) or self._menu_buttons.get(None) or {"type": "default"}
        )

    def _m_setWebhook(self, params: dict[str, Any], files: object) -> bool:
        url = params.get("url")
        if not isinstance(url, str) or not url:
            raise ApiError(400, "Bad Request: bad webhook: an HTTPS URL must be provided")
        self._webhook = dict(params)
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        if self._delivery is None:
            self._delivery = threading.Thread(
                target=self._deliver_webhooks, name="local-bot-api-webhook", daemon=True
            )
            self._delivery.start()
        return True

    def _m_deleteWebhook(self, params: dict[str, Any], files: object) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        return {
            "url": (self._webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _m_getFile(self, params: dict[str, Any], files: object) -> dict[str, Any]:
        """Telegram refuses files over 20 MB to bots (Bot API, getFile)."""
        found = self._files.get(str(params.get("file_id") or ""))
        if found is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        unique, _content, size = found
        if size > FILE_DOWNLOAD_LIMIT:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": params["file_id"],
            "file_unique_id": unique,
            "file_size": size,
            "file_path": f"documents/{params['file_id']}",
        }

    def _download(self, file_path: str) -> bytes | None:
        if not file_path.startswith("documents/"):
            return None
        found = self._files.get(file_path.removeprefix("documents/"))
        return None if found is None else found[1]

    def _m_sendChatAction(self, params: dict[str, Any], files: object) -> bool:
        return True

    def _m_close(self, params: dict[str, Any], files: object) -> bool:
        return True

    def _m_logOut(self, params: dict[str, Any], files: object) -> bool:
        return True


def telegram_length(text: str, parse_mode: object = None) -> int:
    """How long Telegram takes a text or caption to be: UTF-16 code units of what is left once
    HTML markup (parse_mode "HTML") is parsed away."""
    if parse_mode == "HTML":
        text = html.unescape(_TAG.sub("", text))
    return len(text.encode("utf-16-le")) // 2


def _check_text(text: str, params: dict[str, Any], too_long: str) -> None:
    """A message text: 1-4096 characters once parsed; blank counts as empty, as Telegram
    strips it."""
    if not text.strip():
        raise ApiError(400, TEXT_EMPTY)
    if telegram_length(text, params.get("parse_mode")) > MAX_TEXT:
        raise ApiError(400, too_long)


def _check_caption(caption: object, params: dict[str, Any]) -> None:
    if (
        isinstance(caption, str)
        and telegram_length(caption, params.get("parse_mode")) > MAX_CAPTION
    ):
        raise ApiError(400, CAPTION_TOO_LONG)


def _check_markup(params: dict[str, Any]) -> None:
    """An inline keyboard: at most 100 buttons, each button's callback_data 1-64 bytes."""
    markup = params.get("reply_markup")
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        return
    buttons = [button for row in rows if isinstance(row, list) for button in row]
    if len(buttons) > MAX_BUTTONS:
        raise ApiError(400, MARKUP_TOO_LONG)
    for button in buttons:
        if isinstance(button, dict) and "web_app" in button:
            _check_web_app(button["web_app"], "inline keyboard button")
        data = button.get("callback_data") if isinstance(button, dict) else None
        if data is None:
            continue
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
            raise ApiError(400, BUTTON_DATA_INVALID)


def _check_web_app(web_app: object, where: str) -> None:
    """A WebAppInfo: Telegram opens Mini Apps over HTTPS only."""
    url = web_app.get("url") if isinstance(web_app, dict) else None
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        raise ApiError(
            400,
            f"Bad Request: {where} Web App URL {url!r} is invalid: Only HTTPS links are allowed",
        )


def _post_update(url: str, update: dict[str, Any], secret: object) -> int:
    """One webhook request; the HTTP status, or 0 when no answer came."""
    parts = urlsplit(url)
    headers = {"Content-Type": "application/json"}
    if isinstance(secret, str) and secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port or 80, timeout=WEBHOOK_TIMEOUT
    )
    try:
        connection.request("POST", parts.path or "/", json.dumps(update).encode(), headers)
        return connection.getresponse().status
    except OSError:
        return 0
    finally:
        connection.close()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _kind(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _commands_key(params: dict[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _decode(name: str, value: str) -> Any:
    """PTB sends non-string values (ids, flags, keyboards) as JSON strings inside the form."""
    if name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # a plain string such as "@channel"


_UNESCAPE = re.compile(r"\\(.)|%(22|[01][0-9A-F])")


def _unescape(match: re.Match[str]) -> str:
    return match.group(1) or chr(int(match.group(2), 16))


def _header_params(value: str) -> tuple[str, dict[str, str]]:
    """`form-data; name="x"; filename="y"` -> ("form-data", {"name": "x", "filename": "y"})."""
    kind, _, rest = value.partition(";")
    found = re.findall(r'([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))', rest)
    params = {}
    for key, quoted, bare in found:
        # httpx (like browsers) escapes backslashes, and quotes and control characters as %XX.
        params[key.lower()] = _UNESCAPE.sub(_unescape, quoted) if quoted else bare
    return kind.strip().lower(), params


def _parse(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Form, multipart (files: name -> (filename, bytes)) or JSON bodies into params."""
    kind, options = _header_params(content_type)
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if kind == "multipart/form-data":
        delimiter = b"--" + options["boundary"].encode()
        for part in body.split(delimiter)[1:]:
            if part.startswith(b"--"):
                break
            head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
            content = content.removesuffix(b"\r\n")
            headers = {}
            for line in head.decode().split("\r\n"):
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            _, disposition = _header_params(headers.get("content-disposition", ""))
            name = disposition.get("name", "")
            if "filename" in disposition:
                files[name] = (disposition["filename"], content)
            else:
                params[name] = _decode(name, content.decode())
    elif kind == "application/json":
        loaded = json.loads(body) if body else {}
        if not isinstance(loaded, dict):
            raise ValueError("the JSON body is not an object")
        params = loaded
    else:
        params = {k: _decode(k, v) for k, v in parse_qsl(body.decode())}
    return params, files
