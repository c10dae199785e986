"""The Mini App's web side: the page at /app and the user's record at /app/api/history.

Served by this process, in its event loop: in webhook mode by the webhook's own server (bot.webhook
adds these routes), in polling mode by a small server of the same kind started with the bot
(`serve_when_polling`), both on WEBHOOK_LISTEN:WEBHOOK_PORT behind the HTTPS proxy that
WEBAPP_URL names. The shape follows PTB's examples/customwebhookbot: the web framework shares
the Application's loop and reads through the same repository.

Security: the data endpoint answers only to `Authorization: tma <initData>` that bot.initdata
accepts, and only with the record of the user that initData names; anything else is a 401 with
a JSON error. The page is static files shipped in the package (bot/miniapp/), loads nothing
from another origin, and is sent with a Content-Security-Policy that says so.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.resources import files
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.initdata import InitDataRefused, claimed_language, verify
from bot.runtime import CoachApp, runtime
from conversations import i18n
from conversations.coach.timing import local_date
from conversations.miniapp import failure, record_for, refusal
from storage.repository import RecordStamp

log = logging.getLogger(__name__)

PAGE_PATH = "/app"
API_PATH = "/app/api/history"
STATIC_PREFIX = "/app/static/"
# Nothing from another origin: scripts, styles, data and images come from this server only.
# Telegram Web shows Mini Apps in a frame of its own pages.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org"
)
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
STATIC = ("app.css", "app.js")
# Records being read, by (user id, Telegram language code): see HistoryApi.get.
RecordKey = tuple[int, str | None]
InFlight = dict[RecordKey, asyncio.Future[bytes]]
# How long a built record is trusted on its stamp alone (see RecordCache), and how many are kept.
RECORD_TTL = timedelta(seconds=30)
RECORDS_KEPT = 1024


@dataclass(frozen=True)
class _Built:
    stamp: RecordStamp
    day: date | None  # the user's local day it was built on: "today" moves the record
    until: datetime
    body: bytes


class RecordCache:
    """Records already built, as the JSON bytes sent, by (user id, Telegram language code).

    A year of check-ins takes some 7 ms of CPU to read and build, all on the event loop; a page
    opened again, a range switched or a phone retrying asks for the same record. One is served
    again only while the user's stamp (storage.repository.Repository.record_stamp, read from
    the database on every request, so a write by any process counts) is the same, it is the
    same local day, and it is younger than `ttl`, which bounds the one change a stamp may miss.
    The key is the verified user's id: no other user's record can be found under it."""

    def __init__(self, ttl: timedelta = RECORD_TTL, kept: int = RECORDS_KEPT) -> None:
        self.ttl = ttl
        self.kept = kept
        self._built: OrderedDict[RecordKey, _Built] = OrderedDict()

    def get(
        self, key: RecordKey, stamp: RecordStamp, day: date | None, now: datetime
    ) -> bytes | None:
        built = self._built.get(key)
        if built is None or built.stamp != stamp or built.day != day or now >= built.until:
            return None
        self._built.move_to_end(key)
        return built.body

    def put(
        self, key: RecordKey, stamp: RecordStamp, day: date | None, now: datetime, body: bytes
    ) -> None:
        self._built[key] = _Built(stamp, day, now + self.ttl, body)
        self._built.move_to_end(key)
        while len(self._built) > self.kept:
            self._built.popitem(last=False)

    def __len__(self) -> int:
        return len(self._built)


def _asset(name: str) -> tuple[bytes, str]:
    """A file of bot/miniapp/ and its Content-Type."""
    data = files("bot").joinpath("miniapp", name).read_bytes()
    return data, _TYPES[name[name.rfind(".") :]]


class _Guarded(tornado.web.RequestHandler):
    """Headers every Mini App response carries."""

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Tornado's default error page is HTML with a traceback in debug; a line of JSON, with
        the words the page shows in the reader's language."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        body = {"error": self._reason, "message": failure(self.reader_language())}
        self.finish(json.dumps(body, ensure_ascii=False))

    def reader_language(self) -> str:
        """The language for words to a reader nobody has verified: the one their initData
        claims (bot.initdata.claimed_language: a Telegram user's app language, as the record
        itself uses), else the browser's Accept-Language, else English."""
        headers = self.request.headers
        # A bare language tag ("de", "pt-br") reads as an Accept-Language of one entry.
        return (
            i18n.language_of_accept(claimed_language(headers.get("Authorization")))
            or i18n.language_of_accept(headers.get("Accept-Language"))
            or i18n.DEFAULT
        )


class AssetRequest(_Guarded):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, name: str) -> None:
        self.body, self.content_type = _asset(name)

    def get(self) -> None:
        self.set_header("Content-Type", self.content_type)
        # The page changes with the bot's version; a restart should show the new one.
        self.set_header("Cache-Control", "no-cache")
        self.finish(self.body)

    def head(self) -> None:
        self.set_header("Content-Type", self.content_type)
        self.set_header("Content-Length", str(len(self.body)))
        self.finish()


class HistoryApi(_Guarded):
    SUPPORTED_METHODS = ("GET",)

    def initialize(self, app: CoachApp, in_flight: InFlight, records: RecordCache) -> None:
        self.app = app
        self.in_flight = in_flight
        self.records = records

    def _json(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))

    async def get(self) -> None:
        services = runtime(self.app)
        now = services.clock()
        try:
            user = verify(self.request.headers.get("Authorization"), self.app.bot.token, now)
        except InitDataRefused as refused:
            log.info("mini app request refused: %s", refused.reason)
            self.set_header("WWW-Authenticate", "tma")
            # The page shows the message, in the language the reader claims (nothing else of
            # the refused data is used).
            message = refusal(self.reader_language())
            self._json(401, {"error": refused.reason, "message": message})
            return
        key = (user.id, user.language_code)
        shared = self.in_flight.get(key)
        if shared is None:
            # Requests of one user while their record is being read share that reading: the
            # answer is the same, and a phone that retries or a page opened twice costs once.
            shared = asyncio.ensure_future(self._record(user.id, user.language_code, now))
            self.in_flight[key] = shared
            shared.add_done_callback(lambda _: self.in_flight.pop(key, None))
        body = await asyncio.shield(shared)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(body)

    async def _record(self, uid: int, language_code: str | None, now: datetime) -> bytes:
        repo = runtime(self.app).repo
        assert repo is not None  # the factory sets it
        # The stamp is read before the record: a write landing in between makes the record
        # newer than its stamp, never older, and the next request builds it again.
        stamp = await repo.record_stamp(uid)
        key = (uid, language_code)
        day = local_date(stamp.time_zone, now) if stamp and stamp.time_zone else None
        if stamp is not None:
            kept = self.records.get(key, stamp, day, now)
            if kept is not None:
                return kept
        record = await record_for(repo, uid, language_code, now)
        record["chat_url"] = self._chat_url()
        body = json.dumps(record, ensure_ascii=False).encode()
        if stamp is not None:
            self.records.put(key, stamp, day, now, body)
        return body

    def _chat_url(self) -> str | None:
        """The chat with the bot, for the page's way back outside Telegram."""
        try:
            return f"https://t.me/{self.app.bot.username}"
        except RuntimeError:  # not initialised: the page then offers no link
            return None


def webapp_routes(app: CoachApp) -> list[tuple[str, type[tornado.web.RequestHandler], Any]]:
    """The Mini App's routes, to add to a tornado application."""
    return [
        (PAGE_PATH, AssetRequest, {"name": "index.html"}),
        (API_PATH, HistoryApi, {"app": app, "in_flight": {}, "records": RecordCache()}),
        *((STATIC_PREFIX + name, AssetRequest, {"name": name}) for name in STATIC),
    ]


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: initData travels in a header, but a line per request adds nothing."""


def webapp_server(app: CoachApp) -> HTTPServer:
    """An HTTP server for the Mini App's routes alone (polling mode, the console, tests)."""
    return HTTPServer(
        _Quiet(webapp_routes(app)),
        xheaders=False,
        max_body_size=1 << 16,
        body_timeout=10,
        idle_connection_timeout=75,
    )


def bind(listen: str, port: int) -> list[socket.socket]:
    """Sockets to serve on; OSError (taken, or not an address here) for the caller to say."""
    return bind_sockets(port, listen)


def serve_when_polling(app: CoachApp, sockets: list[socket.socket]) -> None:
    """Serve the Mini App on `sockets` while `app.run_polling` runs: started after the bot's own
    start-up, in its loop, and closed before its shut-down."""
    started = app.post_init
    stopping = app.post_shutdown
    server: list[HTTPServer] = []

    async def post_init(application: CoachApp) -> None:
        if started is not None:
            await started(application)
        server.append(webapp_server(application))
        server[0].add_sockets(sockets)
        host, port = sockets[0].getsockname()[:2]
        log.info("mini app on http://%s:%d%s", host, port, PAGE_PATH)

    async def post_shutdown(application: CoachApp) -> None:
        if server:
            server[0].stop()
            await server[0].close_all_connections()
        if stopping is not None:
            await stopping(application)

    app.post_init = post_init
    app.post_shutdown = post_shutdown
