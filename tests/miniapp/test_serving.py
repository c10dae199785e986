"""Where the Mini App is offered and served: the button under /history and the chat's menu
button when WEBAPP_URL is set (and neither without it), the page on the webhook's own server
and, in polling mode, on WEBHOOK_LISTEN:WEBHOOK_PORT of the same process."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from bot.app import build_application, migrate, on_shutdown, on_startup
from bot.config import Settings
from bot.initdata import sign
from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from bot.webhook import WebhookConfigError, WebhookRunner, webhook_config
from tests.chat import Chat, FrozenClock, onboard
from tests.miniapp.records import seed_weeks
from tests.remote import TOKEN, BotProcess, legday_bot

NOW = datetime(2026, 1, 13, 9, 0, tzinfo=UTC)
TODAY = date(2026, 1, 13)
BASE = "https://miniapp.example"
PAGE = f"{BASE}/app"


def web_app_buttons(markup: dict[str, object] | None) -> list[dict[str, object]]:
    rows = (markup or {}).get("inline_keyboard", [])
    assert isinstance(rows, list)
    return [button for row in rows for button in row if "web_app" in button]


async def history_reply(app: CoachApp, api: LocalBotApi, clock: FrozenClock, language: str) -> Chat:
    clock.now = NOW
    chat = Chat(app, api, user_id=1001)
    await onboard(chat)
    assert app.bot_data.repo is not None
    # The language as chosen in /settings.
    await seed_weeks(app.bot_data.repo, 1001, TODAY, NOW, weeks=2, language=language)
    await chat.send("/history")
    return chat


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Open my record"), ("de", "Meinen Verlauf öffnen")]
)
async def test_history_offers_the_record_and_the_menu_button_opens_it(
    settings: Settings, clock: FrozenClock, api: LocalBotApi, language: str, label: str
) -> None:
    await migrate(settings.database_url)
    app = build_application(settings.model_copy(update={"webapp_url": BASE}), clock=clock)
    await app.initialize()
    await on_startup(app)
    try:
        # Every chat's menu button, set at start-up (Telegram's default for all chats).
        assert api.menu_button() == {
            "type": "web_app",
            "text": "Open my record",
            "web_app": {"url": PAGE},
        }
        chat = await history_reply(app, api, clock, language)
        photo = chat.history[-1]
        assert photo.method == "sendPhoto"
        assert web_app_buttons(photo.reply_markup) == [{"text": label, "web_app": {"url": PAGE}}]
        assert api.menu_button(chat.cid)["text"] == label
    finally:
        await app.shutdown()
        await on_shutdown(app)


async def test_without_webapp_url_there_is_no_button_at_all(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    chat = await history_reply(app, api, clock, "de")
    assert chat.history[-1].method == "sendPhoto"
    assert all(not web_app_buttons(m.reply_markup) for m in chat.history)
    assert "setChatMenuButton" not in [method for method, _ in api.calls]
    assert api.menu_button() == {"type": "default"}


def test_the_stand_in_refuses_what_telegram_refuses(api: LocalBotApi) -> None:
    def call(method: str, **params: object) -> httpx.Response:
        return httpx.post(f"{api.base_url}{TOKEN}/{method}", json=params)

    button = {"text": "x", "web_app": {"url": "http://insecure.example/app"}}
    answer = call("sendMessage", chat_id=1, text="hi", reply_markup={"inline_keyboard": [[button]]})
    assert answer.status_code == 400 and "Only HTTPS links" in answer.json()["description"]
    answer = call("setChatMenuButton", menu_button={"type": "web_app", **button})
    assert answer.status_code == 400
    assert call("setChatMenuButton", menu_button={"type": "nope"}).status_code == 400
    assert api.menu_button() == {"type": "default"}


def test_webapp_url_must_be_https() -> None:
    with pytest.raises(ValueError, match="HTTPS"):
        Settings(webapp_url="http://bot.example.com")
    assert Settings(webapp_url=" https://bot.example.com/ ").webapp_page == (
        "https://bot.example.com/app"
    )
    assert Settings(webapp_url="").webapp_page == ""


def test_a_webhook_path_under_app_is_refused() -> None:
    for path in ("app", "/app/api/history"):
        with pytest.raises(WebhookConfigError, match="Mini App"):
            webhook_config("https://bot.example.com", "127.0.0.1", 0, path, "s3cret")


@pytest.mark.parametrize("webapp_url", [BASE, ""], ids=["on", "off"])
async def test_webhook_mode_serves_the_mini_app_on_its_own_server(
    settings: Settings, clock: FrozenClock, repo_path: Path, webapp_url: str
) -> None:
    clock.now = NOW
    local = settings.model_copy(
        update={"webapp_url": webapp_url, "database_url": f"sqlite+aiosqlite:///{repo_path}"}
    )
    await migrate(local.database_url)
    app = build_application(local, clock=clock)
    runner = WebhookRunner(
        app, webhook_config("https://bot.example.com", "127.0.0.1", 0, "telegram", "s3cret")
    )
    port = await runner.start()
    try:
        assert app.bot_data.repo is not None
        await seed_weeks(app.bot_data.repo, 1001, TODAY, NOW, weeks=1)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as web:
            page = await web.get("/app")
            auth = {"Authorization": "tma " + sign(1001, "Ana", "en", TOKEN, NOW)}
            data = await web.get("/app/api/history", headers=auth)
            assert (await web.get("/healthz")).status_code == 200
        if webapp_url:
            assert page.status_code == 200 and "app/static/app.js" in page.text
            assert len(data.json()["days"]) == 7
        else:
            assert page.status_code == 404 and data.status_code == 404
    finally:
        await runner.stop()


@pytest.fixture
def repo_path(tmp_path: Path) -> Path:
    return tmp_path / "webhook" / "legday.sqlite3"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/app", timeout=2)
    except httpx.TransportError:
        return False
    return True


def test_polling_with_webapp_url_serves_the_mini_app_in_the_same_process(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    port = _free_port()
    bot = bot_process(tmp_path, {"WEBAPP_URL": BASE, "WEBHOOK_PORT": str(port)})
    bot.start()
    try:
        assert api.wait_for(lambda: "mini app on" in bot.log_text(), 60), bot.log_text()
        assert re.search(rf"mini app on http://127\.0\.0\.1:{port}/app", bot.log_text())
        page = httpx.get(f"http://127.0.0.1:{port}/app")
        assert page.status_code == 200 and page.headers["Content-Security-Policy"]
        unknown = httpx.get(
            f"http://127.0.0.1:{port}/app/api/history",
            headers={"Authorization": "tma " + sign(77, "Zoe", "es", TOKEN, bot.at)},
        )
        assert unknown.status_code == 200 and unknown.json()["empty"] is True
        assert httpx.get(f"http://127.0.0.1:{port}/app/api/history").status_code == 401
        assert api.menu_button()["web_app"] == {"url": PAGE}
    finally:
        log = bot.stop()
    assert bot.proc is not None and bot.proc.returncode == 0, log
    assert TOKEN not in log
    assert not _answers(port)  # stopped with the bot


def test_polling_without_webapp_url_listens_on_nothing(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    port = _free_port()
    bot = bot_process(tmp_path, {"WEBHOOK_PORT": str(port)})
    bot.start()
    try:
        assert api.wait_for(lambda: bool(api.commands), 60), bot.log_text()
        assert api.wait_for(lambda: any(m == "getUpdates" for m, _ in api.calls), 30)
        assert not _answers(port)
    finally:
        bot.stop()
    assert "setChatMenuButton" not in [method for method, _ in api.calls]


def test_a_taken_port_for_the_mini_app_is_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = legday_bot(
            tmp_path,
            "run",
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL="http://127.0.0.1:9/bot",
            WEBAPP_URL=BASE,
            WEBHOOK_PORT=str(port),
        )
    assert done.returncode == 2
    assert f"Cannot serve the Mini App (WEBAPP_URL) on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_http_webapp_url_is_a_configuration_error(tmp_path: Path) -> None:
    done = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, WEBAPP_URL="http://x.example")
    assert done.returncode == 2
    assert done.stderr.startswith("Configuration error: WEBAPP_URL: Telegram opens Mini Apps")
