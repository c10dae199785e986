"""A local stand-in of the Telegram Bot API over real HTTP on 127.0.0.1.

`legday-bot console` talks to the real bot through it without a token, and the tests use it as
their only fake: PTB's own Application and httpx stack send real requests to it. It keeps what the
bot sent, hands out updates to long polling, and can answer with Telegram's errors on demand.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import parse_qsl

BOT_USER = {
    "id": 100000000,
    "is_bot": True,
    "first_name": "Leg Day Coach",
    "username": "legday_coach_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_SENDS = ("sendMessage", "sendPhoto", "sendDocument")
_ids = count(1)


@dataclass
class SentMessage:
    method: str
    chat_id: int
    message_id: int
    text: str | None
    reply_markup: dict[str, Any] | None
    params: dict[str, Any]
    document: bytes | None = None
    filename: str | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    received: float = field(default_factory=time.monotonic)  # when the stand-in got it

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
            message["caption"] = self.text
            if self.method == "sendPhoto":
                message["photo"] = [
                    {
                        "file_id": f"photo{self.message_id}",
                        "file_unique_id": "p",
                        "width": 1,
                        "height": 1,
                    }
                ]
            else:
                message["document"] = {
                    "file_id": f"doc{self.message_id}",
                    "file_unique_id": "d",
                    "file_name": self.filename,
                }
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    times: int


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
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id if chat_id is not None else user_id, chat_type, first_name),
        "from": _user(user_id, first_name, language_code),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": next(_ids), "message": message}


def make_callback_update(
    user_id: int, data: str, message: SentMessage | None, chat_id: int | None = None
) -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": str(next(_ids)),
        "from": _user(user_id),
        "chat_instance": str(chat_id if chat_id is not None else user_id),
        "data": data,
    }
    if message is not None:
        query["message"] = message.as_telegram()
    return {"update_id": next(_ids), "callback_query": query}


def make_location_update(user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
    update = make_text_update(user_id, "")
    message = update["message"]
    del message["text"]
    message["location"] = {"latitude": latitude, "longitude": longitude}
    return update


def make_edited_message_update(user_id: int, text: str) -> dict[str, Any]:
    message = make_text_update(user_id, text)["message"]
    message["edit_date"] = int(time.time())
    return {"update_id": next(_ids), "edited_message": message}


class LocalBotApi:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        on_send: Callable[[SentMessage], None] | None = None,
    ) -> None:
        self._lock = threading.Condition()
        self._on_send = on_send
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._message_ids: dict[int, int] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, float] = {}
        self._blocked: set[int] = set()
        self._rate: float | None = None
        self._send_times: list[float] = []
        self.sent: list[SentMessage] = []
        self.edits: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.commands: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # Life cycle

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalBotApi:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    # What the tests and the console use

    def push_update(self, update: dict[str, Any]) -> int:
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": self._next_update_id, **update}
            self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
            self._updates.append(update)
            self._lock.notify_all()
            return int(update["update_id"])

    def messages(self, chat_id: int | None = None) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.sent if chat_id is None or m.chat_id == chat_id]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.05))
            return True

    def fail_next(
        self,
        method: str,
        status: int,
        description: str = "Internal Server Error",
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(status, description, retry_after, times)
            )

    def delay_next(self, method: str, seconds: float) -> None:
        with self._lock:
            self._delays[method] = seconds

    def block_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.discard(chat_id)

    def rate_limit(self, per_second: float | None) -> None:
        with self._lock:
            self._rate = per_second

    # Serving

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                params, files = _parse(self.headers.get("Content-Type") or "", body)
                status, payload = api._dispatch(method, params, files)
                data = json.dumps(payload).encode()
                head = (
                    f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                    "Content-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n"
                ).encode()
                self.wfile.write(head + data)

            def log_message(self, format: str, *args: Any) -> None:
                return  # request lines carry the token: never print them

        return Handler

    def _dispatch(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, dict[str, Any]]:
        delay = 0.0
        with self._lock:
            self.calls.append((method, params))
            delay = self._delays.pop(method, 0.0)
            failure = self._take_failure(method, params)
        if delay:
            time.sleep(delay)
        if failure is not None:
            return failure
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        with self._lock:
            result = handler(params, files)
            self._lock.notify_all()
        if isinstance(result, SentMessage):
            if self._on_send is not None:
                self._on_send(result)
            return 200, {"ok": True, "result": result.as_telegram()}
        return 200, {"ok": True, "result": result}

    def _take_failure(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]] | None:
        if method in _SENDS and _int(params.get("chat_id")) in self._blocked:
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        queue = self._failures.get(method)
        if queue:
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure.status, _error(failure.status, failure.description, failure.retry_after)
        if method in _SENDS and self._rate is not None:
            now = time.monotonic()
            self._send_times = [t for t in self._send_times if now - t < 1.0]
            if len(self._send_times) >= self._rate:
                return 429, _error(429, "Too Many Requests: retry after 1", 1)
            self._send_times.append(now)
        return None

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int(params.get("offset")) or 0
        timeout = float(params.get("timeout") or 0)
        limit = _int(params.get("limit")) or 100
        deadline = time.monotonic() + timeout
        with self._lock:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(min(left, 0.5))
            return list(self._updates[:limit])

    # Methods (called with the lock held)

    def _record(
        self,
        method: str,
        params: dict[str, Any],
        text: str | None,
        document: bytes | None = None,
        filename: str | None = None,
    ) -> SentMessage:
        chat_id = _int(params.get("chat_id")) or 0
        message_id = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = message_id
        markup = params.get("reply_markup")
        message = SentMessage(method, chat_id, message_id, text, markup, params, document, filename)
        self.sent.append(message)
        return message

    def _m_getMe(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return BOT_USER

    def _m_sendMessage(self, params: dict[str, Any], files: Any) -> SentMessage:
        return self._record("sendMessage", params, str(params.get("text", "")))

    def _m_sendPhoto(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> SentMessage:
        name, content = files.get("photo", ("photo", b""))
        return self._record("sendPhoto", params, params.get("caption"), content, name)

    def _m_sendDocument(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> SentMessage:
        name, content = files.get("document", ("document", b""))
        return self._record("sendDocument", params, params.get("caption"), content, name)

    def _find(self, params: dict[str, Any]) -> SentMessage | None:
        chat_id, message_id = _int(params.get("chat_id")), _int(params.get("message_id"))
        return next(
            (m for m in self.sent if m.chat_id == chat_id and m.message_id == message_id), None
        )

    def _m_editMessageText(self, params: dict[str, Any], files: Any) -> Any:
        message = self._find(params)
        self.edits.append(params)
        if message is None:
            return True
        message.text = str(params.get("text", ""))
        message.reply_markup = params.get("reply_markup")
        return message.as_telegram()

    def _m_editMessageReplyMarkup(self, params: dict[str, Any], files: Any) -> Any:
        message = self._find(params)
        self.edits.append(params)
        if message is None:
            return True
        message.reply_markup = params.get("reply_markup")
        return message.as_telegram()

    def _m_answerCallbackQuery(self, params: dict[str, Any], files: Any) -> bool:
        self.callback_answers.append(params)
        return True

    def _m_setMyCommands(self, params: dict[str, Any], files: Any) -> bool:
        self.commands = list(params.get("commands") or [])
        return True

    def _m_getMyCommands(self, params: dict[str, Any], files: Any) -> list[dict[str, Any]]:
        return self.commands

    def _m_deleteWebhook(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    def _m_deleteMessage(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _m_sendChatAction(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _m_close(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _m_logOut(self, params: dict[str, Any], files: Any) -> bool:
        return True


def _error(status: int, description: str, retry_after: int | None) -> dict[str, Any]:
    payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        payload["parameters"] = {"retry_after": retry_after}
    return payload


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _decode(value: str) -> Any:
    """PTB sends nested values (keyboards, lists) as JSON strings inside the form."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _parse(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                files[str(name)] = (filename, payload)
            else:
                params[str(name)] = _decode(payload.decode())
        return params, files
    if content_type.startswith("application/json"):
        return (json.loads(body) if body else {}), {}
    return {k: _decode(v) for k, v in parse_qsl(body.decode())}, {}
