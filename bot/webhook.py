"""Webhook mode: Telegram POSTs each update to us, and `/healthz` says whether we can work.

Why a small tornado app of our own rather than PTB's `Application.run_webhook`: PTB's webhook
server has one route and no public way to add another, and `/healthz` should answer on the same
port. Tornado is what PTB's `webhooks` extra installs anyway, so this adds no dependency; the
shape is PTB's `examples/customwebhookbot`: check the request, then put the update on
`application.update_queue`, where PTB's own loop handles it in order.

One change from that example: the answer to Telegram waits until the update has been handled.
Telegram re-sends an update that was not answered with 200, so a crash mid-update loses nothing
(the guard drops the second copy of an update that did get through).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.error import TelegramError
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.config import TrustedProxies
from bot.faults import storage_faults
from bot.runtime import runtime
from bot.update_log import CoachApplication
from bot.webapp import PAGE_PATH, webapp_routes
from storage.health import write_probe

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret token.
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
HEALTH_TIMEOUT = 5.0  # seconds: a database that takes longer counts as unreachable
# Telegram gives up on a webhook request after about a minute and sends it again; answer first.
ANSWER_WITHIN = 50.0
MAX_BODY = 1 << 20  # bytes; an update is a few kilobytes

NO_URL = (
    "Webhook mode needs the public address Telegram will post to: set WEBHOOK_URL "
    "(e.g. https://bot.example.com) or pass --url, or run without --webhook to use long polling."
)


class WebhookConfigError(ValueError):
    """A setting that makes webhook mode impossible; the message is for the person starting it."""


@dataclass(frozen=True)
class WebhookConfig:
    public_url: str  # the full URL given to setWebhook: WEBHOOK_URL plus the path
    listen: str
    port: int
    path: str
    secret: str = field(repr=False)
    secret_generated: bool = False
    # Whose X-Forwarded-For names the client in log lines (WEBHOOK_TRUSTED_PROXY): no one's by
    # default, so a stranger cannot put an address of their choosing into the logs.
    trusted: TrustedProxies = field(default_factory=TrustedProxies)


def webhook_config(
    url: str,
    listen: str,
    port: int,
    path: str,
    secret: str = "",
    trusted: TrustedProxies | None = None,
) -> WebhookConfig:
    """Check the settings; with no secret, make a random one for this run."""
    url = url.strip()
    if not url:
        raise WebhookConfigError(NO_URL)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise WebhookConfigError(
            f"WEBHOOK_URL {url!r} is not a web address; it should look like https://bot.example.com"
        )
    if not 0 <= port <= 65535:
        raise WebhookConfigError(f"WEBHOOK_PORT {port} is not a port number (0-65535)")
    path = "/" + path.strip().strip("/")
    if path == HEALTH_PATH:
        raise WebhookConfigError(f"WEBHOOK_PATH cannot be {HEALTH_PATH}: that is the health check")
    if path == PAGE_PATH or path.startswith(PAGE_PATH + "/"):
        raise WebhookConfigError(f"WEBHOOK_PATH cannot be under {PAGE_PATH}: that is the Mini App")
    generated = not secret
    if generated:
        secret = secrets.token_urlsafe(32)
    elif not _SECRET_SHAPE.match(secret):
        raise WebhookConfigError(
            "WEBHOOK_SECRET may only hold 1-256 letters, digits, '_' and '-' (Telegram's rule)"
        )
    return WebhookConfig(
        public_url=url.rstrip("/") + path,
        listen=listen,
        port=port,
        path=path,
        secret=secret,
        secret_generated=generated,
        trusted=trusted or TrustedProxies(),
    )


class UpdateRequest(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: CoachApplication, secret: str, trusted: TrustedProxies) -> None:
        self.app = app
        self.secret = secret.encode()
        self.trusted = trusted

    @property
    def client(self) -> str:
        """Who sent the request, for the logs: X-Forwarded-For only from a trusted proxy."""
        peer = self.request.remote_ip or "?"
        return self.trusted.client(peer, self.request.headers.get("X-Forwarded-For"))

    def _reply(self, status: int, ok: bool) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": ok}))

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):  # constant time: no guessing by timing
            log.warning(
                "webhook request from %s refused: %s secret token",
                self.client,
                "wrong" if given else "no",
            )
            self._reply(403, False)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict):
                raise TypeError("not an object")
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # malformed JSON or not an update: Telegram never sends that
            log.warning(
                "webhook request from %s refused: not an update (%s)",
                self.client,
                type(exc).__name__,
            )
            self._reply(400, False)
            return
        done = self.app.processed(update)
        await self.app.update_queue.put(update)
        try:
            checked = await asyncio.wait_for(asyncio.shield(done), ANSWER_WITHIN)
        except TimeoutError:
            log.warning("update %d still in progress; answered Telegram anyway", update.update_id)
            checked = True
        if not checked:  # turned away unchecked (bot.handlers.guard): Telegram sends it again
            log.warning(
                "update %d could not be checked; Telegram will send it again", update.update_id
            )
            self._reply(503, False)
            return
        self._reply(200, True)


class HealthRequest(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, app: CoachApplication) -> None:
        self.app = app

    async def get(self) -> None:
        """200 once a small write went through within HEALTH_TIMEOUT; else 503, saying whether
        the database cannot be written (a full disk, a read-only file: logged once at ERROR
        with the driver's message) or did not answer."""
        services = runtime(self.app)
        state = "ok"
        try:
            await asyncio.wait_for(write_probe(services.engine, services.clock()), HEALTH_TIMEOUT)
        except Exception as exc:
            if storage_faults.report(exc):
                state = "unwritable"
            else:
                log.warning("health check: database unreachable (%s)", type(exc).__name__)
                state = "unreachable"
        else:
            storage_faults.writable()
        self.set_status(200 if state == "ok" else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"database": state}))

    async def head(self) -> None:
        await self.get()


class _Routes(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: one line per update comes from bot.update_log instead."""


def routes(app: CoachApplication, config: WebhookConfig) -> tornado.web.Application:
    return _Routes(
        [
            (
                re.escape(config.path),
                UpdateRequest,
                {"app": app, "secret": config.secret, "trusted": config.trusted},
            ),
            (re.escape(HEALTH_PATH), HealthRequest, {"app": app}),
            # The Mini App, when WEBAPP_URL turns it on: the same server, the same loop.
            *(webapp_routes(app) if runtime(app).webapp_page else []),
        ]
    )


class WebhookRunner:
    """Start-up and shut-down in PTB's order, with our server in place of PTB's Updater."""

    def __init__(self, app: CoachApplication, config: WebhookConfig) -> None:
        self.app = app
        self.config = config
        self._server: HTTPServer | None = None
        self.port = 0

    async def start(self) -> int:
        """Returns the port listened on (useful with port 0). Raises WebhookConfigError when
        Telegram refuses the URL."""
        app = self.app
        try:
            sockets = bind_sockets(self.config.port, self.config.listen)
        except OSError as exc:  # taken, or not an address of this machine
            raise WebhookConfigError(
                f"Cannot listen on {self.config.listen}:{self.config.port}: {exc.strerror or exc}"
            ) from exc
        self.port = int(sockets[0].getsockname()[1])
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        # Bodies are read before the secret is checked: keep strangers' ones small.
        # A client that stalls mid-body or idles must not hold a connection (and up to MAX_BODY
        # of buffer, read before the secret is checked) for tornado's default hour.
        # xheaders off: tornado would believe X-Forwarded-For from anyone; UpdateRequest.client
        # believes it only from the proxies WEBHOOK_TRUSTED_PROXY names.
        self._server = HTTPServer(
            routes(app, self.config),
            xheaders=False,
            max_body_size=MAX_BODY,
            body_timeout=10,
            idle_connection_timeout=75,
        )
        self._server.add_sockets(sockets)
        log.info(
            "webhook server on http://%s:%d (updates at %s, health at %s)",
            self.config.listen,
            self.port,
            self.config.path,
            HEALTH_PATH,
        )
        if self.config.secret_generated:
            log.info("no WEBHOOK_SECRET set: using a new random one for this run")
        try:
            await app.bot.set_webhook(
                self.config.public_url,
                secret_token=self.config.secret,
                allowed_updates=Update.ALL_TYPES,
            )
        except TelegramError as exc:
            await self.stop()
            raise WebhookConfigError(
                f"Telegram refused the webhook {self.config.public_url}: {exc.message}"
            ) from exc
        log.info("Telegram will post updates to %s", self.config.public_url)
        return self.port

    async def stop(self) -> None:
        """Stop taking requests, then finish the queued updates. Requests still waiting are cut
        off, so Telegram sends them again and the guard skips those already handled."""
        app = self.app
        if self._server is not None:
            self._server.stop()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.close_all_connections(), 5)
            self._server = None
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def serve(app: CoachApplication, config: WebhookConfig, stopping: asyncio.Event) -> None:
    runner = WebhookRunner(app, config)
    await runner.start()
    try:
        await stopping.wait()
    finally:
        log.info("stopping: finishing the updates already received")
        await runner.stop()


def run_webhook(app: CoachApplication, config: WebhookConfig) -> None:
    """Serve until SIGINT or SIGTERM (Ctrl-C, systemd stop)."""
    import signal

    async def main() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        await serve(app, config, stopping)

    asyncio.run(main())
