"""Webhook mode over real HTTP on 127.0.0.1: Telegram's POSTs, the secret header, /healthz."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import build_application, migrate
from bot.config import Settings, TrustedProxies
from bot.runtime import runtime
from bot.standin.local_api import LocalBotApi, make_text_update
from bot.update_log import CoachApplication
from bot.webhook import (
    NO_URL,
    SECRET_HEADER,
    WebhookConfigError,
    WebhookRunner,
    webhook_config,
)
from conversations import texts
from storage.health import HEALTH_MARK
from storage.models import ProcessedUpdate
from storage.repository import Repository
from tests.chat import FrozenClock
from tests.conftest import TOKEN
from tests.disk import read_only
from tests.remote import BotProcess, RemoteChat, legday_bot

SECRET = "s3cret-Token_for-the-webhook"
USER = 4242


@dataclass
class Served:
    app: CoachApplication
    runner: WebhookRunner
    base: str
    db_dir: Path

    @property
    def repo(self) -> Repository:
        assert self.app.bot_data.repo is not None
        return self.app.bot_data.repo

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with httpx.AsyncClient() as client:
            return await client.post(f"{self.base}/telegram", json=update, headers=headers)

    async def get(self, path: str) -> httpx.Response:
        async with httpx.AsyncClient() as client:
            return await client.get(f"{self.base}{path}")


@pytest.fixture
async def served(
    settings: Settings, clock: FrozenClock, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Served]:
    """The bot in webhook mode on a free port; `WEBHOOK_TRUSTED_PROXY` from an indirect
    parameter, if the test gives one."""
    db_dir = tmp_path / "db"
    local = settings.model_copy(
        update={"database_url": f"sqlite+aiosqlite:///{db_dir / 'legday.sqlite3'}"}
    )
    await migrate(local.database_url)
    app = build_application(local, clock=clock)
    trusted = TrustedProxies.parse(getattr(request, "param", ""))
    config = webhook_config("https://bot.example.com/", "127.0.0.1", 0, "telegram", SECRET, trusted)
    runner = WebhookRunner(app, config)
    port = await runner.start()
    yield Served(app, runner, f"http://127.0.0.1:{port}", db_dir)
    await runner.stop()


async def test_start_up_registers_the_webhook_with_its_secret(
    served: Served, api: LocalBotApi
) -> None:
    webhook = api.webhook
    assert webhook is not None
    assert webhook["url"] == "https://bot.example.com/telegram"
    assert webhook["secret_token"] == SECRET
    assert "message" in webhook["allowed_updates"]
    assert [c["command"] for c in api.commands][:1] == ["checkin"]


async def test_an_update_with_the_right_secret_is_answered_before_telegram_is(
    served: Served, api: LocalBotApi
) -> None:
    update = make_text_update(USER, "/help")

    response = await served.post(update)

    assert response.status_code == 200
    # Answered only once handled: the reply is already out, the update id is on record.
    assert [m.text for m in api.messages(USER)] == [str(texts.HELP)]
    assert await served.repo.updates.seen(update["update_id"])


async def test_an_update_the_guard_cannot_check_gets_an_error_status_and_one_try_again(
    served: Served, api: LocalBotApi
) -> None:
    update = {**make_text_update(USER, "/help"), "update_id": 2**63}  # past any 64-bit column

    first, again = await served.post(update), await served.post(update)

    # Not 200: Telegram delivers it again; the user was asked to try again once, not twice.
    assert (first.status_code, again.status_code) == (503, 503)
    assert [m.text for m in api.messages(USER)] == [str(texts.DB_BUSY)]
    assert await served.repo.users.get(USER) is None


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x", SECRET[:-1]])
async def test_without_the_right_secret_it_is_403_and_nothing_happens(
    served: Served, api: LocalBotApi, secret: str | None
) -> None:
    update = make_text_update(USER, "/start")

    response = await served.post(update, secret=secret)

    assert response.status_code == 403
    assert api.messages(USER) == []
    assert not await served.repo.updates.seen(update["update_id"])
    assert await served.repo.users.get(USER) is None
    # The same update sent properly afterwards is handled: the refusal left no trace.
    assert (await served.post(update)).status_code == 200
    assert api.messages(USER)[0].text is not None
    assert await served.repo.users.get(USER) is not None


@pytest.mark.parametrize("body", [b"{not json", b"null", b"[1, 2]", b'{"message": "hi"}'])
async def test_a_body_that_is_not_an_update_is_refused(
    served: Served, api: LocalBotApi, body: bytes
) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{served.base}/telegram", content=body, headers={SECRET_HEADER: SECRET}
        )
    assert response.status_code == 400
    assert api.messages() == []


async def test_a_huge_body_is_refused_before_it_is_read(served: Served, api: LocalBotApi) -> None:
    # Only the head and a first piece are sent: the answer must come without the rest (a client
    # that sent all 2 MB would be cut off mid-body, before it could read that answer).
    port = int(served.base.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            (
                "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Content-Type: application/json\r\n{SECRET_HEADER}: {SECRET}\r\n"
                "Content-Length: 2000000\r\n\r\n"
            ).encode()
            + json.dumps(make_text_update(USER, "/help")).encode()[:-1]
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 5)  # then it hangs up
    finally:
        writer.close()

    assert answer.split(b"\r\n", 1)[0] == b"HTTP/1.1 400 Bad Request"
    assert api.messages() == []


async def test_other_paths_and_methods_are_not_served(served: Served) -> None:
    assert (await served.get("/telegram")).status_code == 405
    assert (await served.get("/")).status_code == 404
    assert (await served.get("/telegram/../healthz/x")).status_code == 404


async def test_healthz_is_200_while_the_database_answers_and_503_when_it_does_not(
    served: Served,
) -> None:
    ok = await served.get("/healthz")
    assert ok.status_code == 200
    assert ok.json() == {"database": "ok"}
    async with httpx.AsyncClient() as client:
        assert (await client.head(f"{served.base}/healthz")).status_code == 200

    # The database's folder disappears: pooled connections go, new ones cannot open the file.
    shutil.rmtree(served.db_dir)
    await runtime(served.app).engine.dispose()

    down = await served.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"database": "unreachable"}


async def test_a_read_only_database_is_logged_once_and_healthz_is_503_until_it_is_writable(
    served: Served, api: LocalBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    database = served.db_dir / "legday.sqlite3"
    assert (await served.get("/healthz")).status_code == 200
    # The file turns read-only (a remount, a wrong owner after a restore); connections opened
    # from now on can only read it, as after a restart.
    with read_only(database):
        await runtime(served.app).engine.dispose()
        down = [await served.get("/healthz") for _ in range(2)]
        for _ in range(2):  # /start stores the user before it says anything
            assert (await served.post(make_text_update(USER, "/start"))).status_code == 200

    assert [(r.status_code, r.json()) for r in down] == [(503, {"database": "unwritable"})] * 2
    assert [m.text for m in api.messages(USER)] == [str(texts.DB_BUSY)] * 2  # never "Sorry"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.name, r.getMessage()) for r in errors] == [
        ("bot.faults", "database cannot be written: attempt to write a readonly database")
    ]
    assert errors[0].exc_info is None  # one line, no traceback

    # Writable again: healthy at once, and the next fault would be news again.
    up = await served.get("/healthz")
    assert (up.status_code, up.json()) == (200, {"database": "ok"})
    assert "database can be written again" in [r.getMessage() for r in caplog.records]
    (reply,) = [await served.post(make_text_update(USER, "/help"))]
    assert reply.status_code == 200
    assert api.messages(USER)[-1].text == str(texts.HELP)


async def test_healthz_writes_to_the_database(served: Served) -> None:
    assert (await served.get("/healthz")).status_code == 200

    async with runtime(served.app).engine.connect() as connection:
        marks = await connection.scalar(
            select(func.count()).where(ProcessedUpdate.update_id == HEALTH_MARK)
        )
    assert marks == 1


async def test_telegram_refusing_the_url_stops_with_its_reason(
    settings: Settings, clock: FrozenClock, api: LocalBotApi
) -> None:
    await migrate(settings.database_url)
    app = build_application(settings, clock=clock)
    config = webhook_config("http://bot.example.com", "127.0.0.1", 0, "/telegram", SECRET)
    api.fail_next("setWebhook", 400, "Bad Request: bad webhook: An HTTPS URL must be provided")
    runner = WebhookRunner(app, config)

    with pytest.raises(WebhookConfigError) as refused:
        await runner.start()

    assert str(refused.value) == (
        "Telegram refused the webhook http://bot.example.com/telegram: "
        "Bad webhook: an https url must be provided"
    )
    assert not app.running
    with pytest.raises(httpx.ConnectError):  # the server is closed again
        async with httpx.AsyncClient() as client:
            await client.get(f"http://127.0.0.1:{runner.port}/healthz")


async def test_a_port_in_use_is_a_clear_message(
    settings: Settings, clock: FrozenClock, api: LocalBotApi
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = webhook_config("https://bot.example.com", "127.0.0.1", port, "/telegram", SECRET)
        runner = WebhookRunner(build_application(settings, clock=clock), config)

        with pytest.raises(WebhookConfigError) as refused:
            await runner.start()

    assert str(refused.value).startswith(f"Cannot listen on 127.0.0.1:{port}: ")
    assert api.webhook is None


def test_the_webhook_settings_are_checked() -> None:
    with pytest.raises(WebhookConfigError) as missing:
        webhook_config("", "127.0.0.1", 8080, "/telegram", SECRET)
    assert str(missing.value) == NO_URL
    for url in ("bot.example.com", "ftp://bot.example.com", "https://", "https://x.org/?a=1"):
        with pytest.raises(WebhookConfigError, match="is not a web address"):
            webhook_config(url, "127.0.0.1", 8080, "/telegram", SECRET)
    for secret in ("has space", "x" * 257, "ünïcode"):
        with pytest.raises(WebhookConfigError, match="WEBHOOK_SECRET"):
            webhook_config("https://a.org", "127.0.0.1", 8080, "/telegram", secret)
    with pytest.raises(WebhookConfigError, match="WEBHOOK_PORT"):
        webhook_config("https://a.org", "127.0.0.1", 70000, "/telegram", SECRET)
    with pytest.raises(WebhookConfigError, match="health"):
        webhook_config("https://a.org", "127.0.0.1", 8080, "/healthz/", SECRET)

    config = webhook_config("https://a.org/bot/", "0.0.0.0", 8443, "hook/", "")
    assert config.public_url == "https://a.org/bot/hook" and config.path == "/hook"
    assert config.secret_generated and len(config.secret) >= 32
    again = webhook_config("https://a.org", "0.0.0.0", 8443, "/hook", "")
    assert again.secret != config.secret


def test_run_webhook_without_a_public_url_says_so_in_one_line(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "run", "--webhook", TELEGRAM_BOT_TOKEN=TOKEN)

    assert result.returncode == 2
    assert result.stderr.strip() == NO_URL
    assert "Traceback" not in result.stderr


def test_run_webhook_with_a_url_telegram_refuses_says_why_and_exits_2(
    tmp_path: Path, api: LocalBotApi
) -> None:
    api.fail_next("setWebhook", 400, "Bad Request: bad webhook: An HTTPS URL must be provided")
    result = legday_bot(
        tmp_path,
        "run",
        "--webhook",
        "--port",
        "0",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=api.base_url,
        WEBHOOK_URL="http://bot.example.com",
        LOG_LEVEL="WARNING",
    )

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Telegram refused the webhook http://bot.example.com/telegram: "
        "Bad webhook: an https url must be provided"
    )


def test_legday_bot_run_webhook_serves_updates_and_health(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    bot = bot_process(
        tmp_path,
        {"WEBHOOK_SECRET": SECRET, "LOG_FORMAT": "json"},
        args=("run", "--webhook", "--url", "https://bot.example.com", "--port", "0"),
    )
    bot.start()
    try:
        assert api.wait_for(lambda: api.webhook is not None, 60), bot.log_text()
        found = re.search(r"webhook server on http://127\.0\.0\.1:(\d+)", bot.log_text())
        assert found is not None
        base = f"http://127.0.0.1:{found.group(1)}"
        webhook = api.webhook
        assert webhook is not None
        assert webhook["url"] == "https://bot.example.com/telegram"
        assert webhook["secret_token"] == SECRET

        update = make_text_update(USER, "/help")
        refused = httpx.post(f"{base}/telegram", json=update, headers={SECRET_HEADER: "nope"})
        assert refused.status_code == 403
        assert api.messages(USER) == []
        accepted = httpx.post(f"{base}/telegram", json=update, headers={SECRET_HEADER: SECRET})
        assert accepted.status_code == 200
        assert [m.text for m in api.messages(USER)] == [str(texts.HELP)]
        assert httpx.get(f"{base}/healthz").status_code == 200
    finally:
        log = bot.stop()

    assert bot.proc is not None and bot.proc.returncode == 0
    entries = [json.loads(line) for line in log.splitlines()]  # every line is JSON
    (handled,) = [e for e in entries if e["logger"] == "bot.updates"]
    assert handled["handler"] == "general.help_command"
    assert handled["update_id"] == update["update_id"]
    assert any(e["message"].startswith("webhook request from") for e in entries)
    assert TOKEN not in log and TOKEN.split(":")[1] not in log and SECRET not in log
    assert str(USER) not in log


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_update_cut_off_by_kill_9_is_sent_again_and_answered(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    # Telegram (the stand-in) posts straight to the bot here, and re-sends what got no 200.
    port = str(_free_port())
    env = {"WEBHOOK_URL": f"http://127.0.0.1:{port}", "WEBHOOK_PORT": port, "LOG_LEVEL": "DEBUG"}
    bot = bot_process(tmp_path, env, args=("run", "--webhook"))
    bot.start()
    user = RemoteChat(api, USER, timeout=60)
    try:
        assert api.wait_for(lambda: api.webhook is not None, 60), bot.log_text()
        user.onboard()  # the whole set-up, every update by webhook
        user.tap("Check in now")

        api.delay_next("sendMessage", 3)  # the bot is mid-update when it dies
        sent = len(api.calls)
        update_id = api.push_update(make_text_update(USER, "/help"))
        assert api.wait_for(lambda: any(m == "sendMessage" for m, _ in api.calls[sent:]), 30)
        bot.kill9()
        assert api.pending_updates == 1  # no 200 came back: Telegram keeps it

        bot.start()
        assert api.wait_for(lambda: api.pending_updates == 0, 60), bot.log_text()
        # Once from the restarted process, once from the dying one (its request was already
        # on its way), whichever the stand-in finishes first.
        assert api.wait_for(lambda: user.count(str(texts.HELP)) == 2, 10)
        statuses = [status for uid, status in api.webhook_deliveries if uid == update_id]
        assert statuses[0] != 200 and statuses[-1] == 200
        # The check-in the user was in survived the crash.
        (question,) = user.tap("🦵 Leg day")
        assert question.text is not None and question.text.startswith("How hard")
    finally:
        log = bot.stop()

    # Each start made its own secret; neither shows up, even in PTB's DEBUG lines.
    assert "Calling Bot API endpoint `setWebhook`" in log
    secrets = {params["secret_token"] for method, params in api.calls if method == "setWebhook"}
    assert len(secrets) == 2
    assert not any(secret in log for secret in secrets)
    assert TOKEN not in log


async def test_stopping_mid_update_finishes_it_and_a_resend_is_dropped(
    settings: Settings, clock: FrozenClock, api: LocalBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    await migrate(settings.database_url)
    app = build_application(settings, clock=clock)
    config = webhook_config("https://bot.example.com", "127.0.0.1", 0, "/telegram", SECRET)
    runner = WebhookRunner(app, config)
    port = await runner.start()
    repo = app.bot_data.repo
    assert repo is not None
    update = make_text_update(USER, "/help")
    api.delay_next("sendMessage", 1.0)

    async def post() -> int | str:
        async with httpx.AsyncClient() as client:
            try:
                response = await client.post(
                    f"http://127.0.0.1:{port}/telegram",
                    json=update,
                    headers={SECRET_HEADER: SECRET},
                )
            except httpx.RemoteProtocolError:
                return "hung up"
            return response.status_code

    posting = asyncio.create_task(post())
    assert await api.awaited(lambda: any(m == "sendMessage" for m, _ in api.calls), 10)
    await runner.stop()  # SIGTERM while the update is half done
    answer = await posting

    assert answer == "hung up"  # Telegram got no answer, so it will send the update again...
    assert [m.text for m in api.messages(USER)] == [str(texts.HELP)]  # ...which was finished
    assert await repo.updates.seen(update["update_id"])  # and will be dropped as a repeat
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


async def test_polling_again_removes_the_webhook(app: CoachApplication, api: LocalBotApi) -> None:
    await app.bot.set_webhook("https://bot.example.com/telegram", secret_token=SECRET)
    assert app.updater is not None

    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        assert api.webhook is None
        user_id = 777
        api.push_update(make_text_update(user_id, "/help"))
        await app.start()
        assert await api.awaited(lambda: len(api.messages(user_id)) == 1, 10)
    finally:
        await app.updater.stop()
        await app.stop()


@pytest.mark.parametrize(
    ("served", "logged"),
    [
        ("", "127.0.0.1"),  # no proxy trusted: the connection's own address, whatever it says
        ("1", "10.1.2.3"),  # the proxy in front: the address it appended
        ("127.0.0.1, 10.0.0.0/8", "198.51.100.2"),  # past every trusted hop
        ("10.0.0.0/8", "127.0.0.1"),  # the request did not come from a trusted proxy
    ],
    indirect=["served"],
)
async def test_the_client_address_in_the_log_comes_from_x_forwarded_for_only_via_a_trusted_proxy(
    served: Served, caplog: pytest.LogCaptureFixture, logged: str
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.webhook")
    # The client 198.51.100.2, then an inner proxy 10.1.2.3, then ours (127.0.0.1).
    forwarded = {"X-Forwarded-For": "198.51.100.2, 10.1.2.3"}
    async with httpx.AsyncClient() as client:
        refused = await client.post(
            f"{served.base}/telegram",
            json=make_text_update(USER, "/start"),
            headers={SECRET_HEADER: "wrong", **forwarded},
        )
        malformed = await client.post(
            f"{served.base}/telegram", content=b"{", headers={SECRET_HEADER: SECRET, **forwarded}
        )

    assert (refused.status_code, malformed.status_code) == (403, 400)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.webhook"]
    assert lines == [
        f"webhook request from {logged} refused: wrong secret token",
        f"webhook request from {logged} refused: not an update (JSONDecodeError)",
    ]


def test_trusted_proxies_are_read_from_the_setting() -> None:
    nobody, front = TrustedProxies.parse(""), TrustedProxies.parse("1")
    listed = TrustedProxies.parse("127.0.0.1 ::1,10.0.0.0/8")
    chain = "198.51.100.2, 10.1.2.3"

    assert nobody.client("10.0.0.5", chain) == "10.0.0.5"
    assert front.client("10.0.0.5", chain) == "10.1.2.3"  # only the last hop is its own
    assert listed.client("10.0.0.5", chain) == "198.51.100.2"
    assert listed.client("::1", "2001:db8::1") == "2001:db8::1"
    assert listed.client("192.0.2.1", chain) == "192.0.2.1"  # a stranger's header is ignored
    assert listed.client("10.0.0.5", "") == "10.0.0.5"
    assert listed.client("10.0.0.5", "10.0.0.9") == "10.0.0.9"  # all hops trusted: the first
    with pytest.raises(ValueError, match="'proxy' is not an IP address"):
        TrustedProxies.parse("127.0.0.1,proxy")
