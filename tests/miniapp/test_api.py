"""/app/api/history: the record of the user the initData names, in their language, and nothing
for anyone who cannot prove who they are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from tornado.netutil import bind_sockets

from bot.config import Settings
from bot.initdata import sign
from bot.runtime import CoachApp
from bot.standin.local_api import stand_in_token
from bot.webapp import CSP, webapp_server
from storage.repository import Repository
from tests.chat import FrozenClock
from tests.miniapp.records import seed_weeks
from tests.remote import TOKEN

NOW = datetime(2026, 1, 13, 9, 0, tzinfo=UTC)
TODAY = date(2026, 1, 13)  # in Berlin, at NOW
PAGE = "https://miniapp.example/app"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webapp_url": "https://miniapp.example"})


@pytest.fixture
async def web(app: CoachApp, clock: FrozenClock) -> AsyncIterator[httpx.AsyncClient]:
    """The Mini App's server on a free port of 127.0.0.1, in the test's loop, as the bot runs it."""
    clock.now = NOW
    server = webapp_server(app)
    sockets = bind_sockets(0, "127.0.0.1")
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        yield client
    server.stop()
    await server.close_all_connections()


def tma(uid: int, language: str | None = "en", at: datetime = NOW, token: str = TOKEN) -> str:
    return "tma " + sign(uid, "Ana", language, token, at)


async def history(web: httpx.AsyncClient, authorization: str | None) -> httpx.Response:
    headers = {} if authorization is None else {"Authorization": authorization}
    return await web.get("/app/api/history", headers=headers)


async def test_the_record_has_every_check_in_of_the_last_weeks_and_marks(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    dates = await seed_weeks(repo, 1001, TODAY, NOW, weeks=8)
    answer = await history(web, tma(1001))
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    record = answer.json()
    assert not record["empty"]
    checked = [d["date"] for d in record["days"] if d["checkin"] is not None]
    assert checked == [d.isoformat() for d in dates]
    assert record["today"] == "2026-01-13" and record["zone"] == "Europe/Berlin"
    by_date = {d["date"]: d for d in record["days"]}
    # Offset 1 reported a leg day: the leg day is offset 2; offset 0 had the jog after it.
    assert by_date["2026-01-11"]["leg_day"] and not by_date["2026-01-12"]["leg_day"]
    today = by_date["2026-01-13"]
    assert today["soreness"] == 0
    assert today["checkin"] == {
        "workout": "😴 Rest day",
        "walking": "Normal",
        "verdict": "easy jog",
        "band": "green",
        "band_label": "🟢 Green: good to go",
    }
    assert today["sessions"] == [
        {
            "kind": "jog",
            "label": "Easy jog",
            "minutes": 15,
            "duration": "15 minutes",
            "feeling": "Just right",
        }
    ]
    assert by_date["2026-01-10"]["sessions"][0]["kind"] == "cross"
    assert record["streak"] == "Check-in streak: 56 days in a row."
    assert record["evidence"].startswith("Your own evidence")
    # The last seven days: two 15' jogs and 20' of cross-training felt "just right" (RPE 3);
    # the four weeks before held 165 minutes of them: 495 / 4 a week.
    assert record["load"] == "• Load (effort times minutes): 150, against 124 a week before"
    assert [r["days"] for r in record["ranges"]] == [28, 56, 182]
    assert record["ticks"][0] == {"date": "2026-01-13", "short": "13 Jan"}


async def test_only_the_last_six_months_are_sent(web: httpx.AsyncClient, repo: Repository) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=30)
    days = (await history(web, tma(1001))).json()["days"]
    assert days[0]["date"] == (TODAY - timedelta(days=181)).isoformat()


async def test_each_user_gets_only_their_own_record(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=8)
    await seed_weeks(repo, 2002, TODAY, NOW, weeks=1)
    ana, ben = (await history(web, tma(1001))).json(), (await history(web, tma(2002))).json()
    assert len([d for d in ana["days"] if d["checkin"]]) == 56
    assert len([d for d in ben["days"] if d["checkin"]]) == 7


async def test_an_unknown_user_gets_an_empty_record_in_their_language(
    web: httpx.AsyncClient,
) -> None:
    record = (await history(web, tma(3003, "de"))).json()
    assert record["empty"] is True and record["language"] == "de"
    assert "days" not in record
    assert record["texts"]["back"] == "Zurück zum Chat"


async def test_the_record_speaks_the_language_chosen_in_the_bot(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1, language="de")
    record = (await history(web, tma(1001, "en"))).json()
    assert record["language"] == "de"
    today = record["days"][-1]
    assert today["label"] == "Di., 13. Jan."
    assert today["checkin"]["walking"] == "Normal"
    assert record["streak"] == "Check-in-Serie: 7 Tage in Folge."


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "tma",
        "Bearer abc",
        "tma user=%7B%7D&auth_date=1&hash=00",
        tma(1001, token=stand_in_token("another-bot")),
        tma(1001, at=NOW - timedelta(hours=24, seconds=1)),
        "tma " + "x" * 9000,
    ],
    ids=["none", "empty", "bare", "bearer", "malformed", "other bot", "expired", "oversized"],
)
async def test_without_valid_initdata_there_is_a_401_and_nothing_else(
    web: httpx.AsyncClient, repo: Repository, authorization: str | None
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)
    answer = await history(web, authorization)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "tma"
    body: dict[str, Any] = answer.json()
    assert set(body) == {"error", "message"}
    assert body["error"].startswith("initData") or body["error"] == "no initData"


async def test_a_refusal_says_why_in_the_devices_language(web: httpx.AsyncClient) -> None:
    answer = await web.get("/app/api/history", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert answer.status_code == 401
    assert answer.json()["message"].startswith("Dieser Link")


async def test_a_raw_non_utf8_header_is_a_401(web: httpx.AsyncClient) -> None:
    answer = await web.get(
        "/app/api/history", headers=[(b"Authorization", b"tma user=\xff&auth_date=1&hash=0")]
    )
    assert answer.status_code == 401
    assert answer.json()["error"] == "initData is not UTF-8"


async def test_the_page_and_its_files_come_with_a_content_security_policy(
    web: httpx.AsyncClient,
) -> None:
    page = await web.get("/app")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Content-Security-Policy"] == CSP
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from another origin
    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css")):
        asset = await web.get(f"/app/static/{name}")
        assert asset.status_code == 200 and asset.headers["Content-Type"].startswith(kind)
        assert asset.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/app/static/../webapp.py", "/app/static/index.html", "/app/", "/app/api"):
        assert (await web.get(path)).status_code == 404


async def test_the_bot_answers_another_method_on_the_api_with_405(web: httpx.AsyncClient) -> None:
    assert (await web.post("/app/api/history", content=b"x")).status_code == 405


async def test_a_users_requests_at_the_same_moment_share_one_reading(
    web: httpx.AsyncClient, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    import bot.webapp
    from conversations.miniapp import record_for

    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    readings: list[int] = []
    real = record_for

    async def counted(*args: Any) -> dict[str, Any]:
        readings.append(args[1])
        await asyncio.sleep(0.05)  # a slow reading: the others arrive while it runs
        return await real(*args)

    monkeypatch.setattr(bot.webapp, "record_for", counted)
    answers = await asyncio.gather(*(history(web, tma(1001)) for _ in range(5)))
    assert [a.status_code for a in answers] == [200] * 5
    assert len({a.content for a in answers}) == 1
    assert readings == [1001]
    # Once it is done, the next request reads afresh.
    await history(web, tma(1001))
    assert readings == [1001, 1001]
