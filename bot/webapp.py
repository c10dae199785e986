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
from datetime import datetime
from importlib.resources import files
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.initdata import InitDataRefused, verify
from bot.runtime import CoachApp, runtime
from conversations import i18n
from conversations.miniapp import record_for, refusal

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
InFlight = dict[tuple[int, str | None], asyncio.Future[bytes]]


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
        """Tornado's default error page is HTML with a traceback in debug; a line of JSON."""
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": self._reason}))


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

    def initialize(self, app: CoachApp, in_flight: InFlight) -> None:
        self.app = app
        self.in_flight = in_flight

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
            # The page shows the message; the language is the device's, as nothing is verified.
            language = i18n.language_for(self.request.headers.get("Accept-Language"))
            self._json(401, {"error": refused.reason, "message": refusal(language)})
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
        record = await record_for(repo, uid, language_code, now)
        record["chat_url"] = self._chat_url()
        return json.dumps(record, ensure_ascii=False).encode()

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
        (API_PATH, HistoryApi, {"app": app, "in_flight": {}}),
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
