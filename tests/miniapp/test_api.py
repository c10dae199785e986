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
from conversations.coach.timing import WARM_UP
from storage.activities import NewActivity
from storage.models import JogStatus
from storage.repository import Repository
from tests.chat import FrozenClock, seed_set_up_users
from tests.miniapp.records import seed_files, seed_pain, seed_weeks
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
        "that_day": None,
        "notes": [],
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
    assert record["evidence"].startswith("Your record")
    # The last seven days: two 15' jogs and 20' of cross-training felt "just right" (RPE 3);
    # the four weeks before held 165 minutes of them: 495 / 4 a week.
    assert (
        record["load"] == "• Load (effort times minutes): 150, against an average of 124 "
        "a week in the weeks before"
    )
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


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": tma(1001, "de", token="0:another bot")},  # forged, claiming German
        {"Authorization": tma(1001, "de", at=NOW - timedelta(days=2))},  # expired
        {"Authorization": tma(1001, "de-AT", at=NOW - timedelta(days=2)), "Accept-Language": "en"},
        {"Accept-Language": "fr-FR,fr;q=0.9,de;q=0.8,en;q=0.1"},
        {"Authorization": tma(1001, "pt-br", token="0:x"), "Accept-Language": "en;q=0.2, de"},
    ],
    ids=["forged", "expired", "claim over device", "first of ours", "claim not ours"],
)
async def test_a_refusal_speaks_the_language_the_reader_claims(
    web: httpx.AsyncClient, repo: Repository, headers: dict[str, str]
) -> None:
    """Issue 13: a German user whose link failed reads why in German. The unverified initData
    lends the refusal its language and nothing else: no record, no name."""
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)

    answer = await web.get("/app/api/history", headers=headers)

    assert answer.status_code == 401
    body = answer.json()
    assert set(body) == {"error", "message"}
    assert body["message"] == (
        "Dieser Link ließ sich nicht prüfen oder ist zu alt. Öffne deinen Verlauf noch einmal "
        "aus dem Chat."
    )


async def test_other_errors_say_so_in_the_readers_language_too(web: httpx.AsyncClient) -> None:
    answer = await web.post(
        "/app/api/history", content=b"", headers={"Authorization": tma(1001, "de")}
    )

    assert answer.status_code == 405
    assert answer.json() == {
        "error": "Method Not Allowed",
        "message": "Dein Verlauf ließ sich gerade nicht laden. Versuch es gleich noch einmal.",
    }


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
    # Once it is done, the next request finds the record built: nothing changed since.
    await history(web, tma(1001))
    assert readings == [1001]
    # A write changes it: the next request reads afresh.
    later = NOW + timedelta(minutes=1)
    await repo.checkins.save(1001, TODAY, {"workout": "rest", "walking": "hard"}, 8, "rest", later)
    await history(web, tma(1001))
    assert readings == [1001, 1001]


def _day(answer: httpx.Response, day: date) -> dict[str, Any]:
    return next(d for d in answer.json()["days"] if d["date"] == day.isoformat())


@pytest.mark.both_databases
async def test_the_record_shows_each_write_at_once_though_it_was_built_before(
    web: httpx.AsyncClient, repo: Repository, clock: FrozenClock
) -> None:
    """Each write below lands at the same moment of the frozen clock as the record before it,
    and long before the record's expiry: only the user's stamp can tell the record changed."""
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    first = await history(web, tma(1001))
    assert _day(first, TODAY)["checkin"]["walking"] == "Normal"
    assert (await history(web, tma(1001))).content == first.content  # served again, unchanged

    # Today's check-in replaced (a new answer, written later the same morning).
    later = NOW + timedelta(minutes=5)
    await repo.checkins.save(1001, TODAY, {"workout": "rest", "walking": "hard"}, 8, "rest", later)
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Hard to walk"

    # A check-in for a day that had none.
    gap = TODAY - timedelta(days=20)
    assert not any(d["date"] == gap.isoformat() for d in first.json()["days"])
    await repo.checkins.save(1001, gap, {"workout": "rest", "walking": "normal"}, 8, "rest", later)
    assert _day(await history(web, tma(1001)), gap)["checkin"]["walking"] == "Normal"

    # A session finished today, then rated.
    before = _day(await history(web, tma(1001)), TODAY)["sessions"]
    jog = await repo.jogs.start(1001, "jog", 12, later, timedelta(minutes=1))
    assert _day(await history(web, tma(1001)), TODAY)["sessions"] == before  # still running
    await repo.jogs.end(jog.id, JogStatus.COMPLETED, later + timedelta(minutes=13), 12)
    *earlier, session = _day(await history(web, tma(1001)), TODAY)["sessions"]
    assert earlier == before and session["minutes"] == 12 and session["feeling"] is None
    await repo.jogs.set_feeling(jog.id, "tough")
    *earlier, session = _day(await history(web, tma(1001)), TODAY)["sessions"]
    assert session["feeling"] == "Tough"

    # The language chosen in the bot.
    await repo.users.update(1001, later, language="de")
    assert (await history(web, tma(1001))).json()["language"] == "de"

    # Erased: an empty record, not the one built before.
    await repo.delete_user(1001)
    assert (await history(web, tma(1001))).json()["empty"]


@pytest.mark.both_databases
async def test_a_write_by_another_process_is_seen_at_once(
    web: httpx.AsyncClient, repo: Repository, database_url: str
) -> None:
    """Another process is another engine on the same database, with no way to tell this one."""
    from storage.db import create_engine, make_session_factory

    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Normal"
    engine = create_engine(database_url)
    try:
        other = Repository(make_session_factory(engine))
        later = NOW + timedelta(minutes=1)
        answers = {"workout": "rest", "walking": "stiff_sore"}
        await other.checkins.save(1001, TODAY, answers, 8, "rest", later)
    finally:
        await engine.dispose()
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Stiff and sore"


async def test_a_replacement_the_stamp_cannot_tell_is_shown_after_the_short_expiry(
    web: httpx.AsyncClient, repo: Repository, clock: FrozenClock
) -> None:
    """The one change the stamp misses: a check-in replaced at the very instant of the one
    before (same count, same newest change). The record built before lives RECORD_TTL."""
    from bot.webapp import RECORD_TTL

    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Normal"
    await repo.checkins.save(1001, TODAY, {"workout": "rest", "walking": "hard"}, 8, "rest", NOW)
    clock.now = NOW + RECORD_TTL - timedelta(seconds=1)
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Normal"
    clock.now = NOW + RECORD_TTL
    assert _day(await history(web, tma(1001)), TODAY)["checkin"]["walking"] == "Hard to walk"


async def test_the_record_moves_with_the_users_day(
    web: httpx.AsyncClient, repo: Repository, clock: FrozenClock
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)
    assert (await history(web, tma(1001))).json()["today"] == TODAY.isoformat()
    # 23:00 UTC is midnight in Berlin: a new day, with nothing written since.
    clock.now = datetime(2026, 1, 13, 23, 0, tzinfo=UTC)
    after = (await history(web, tma(1001, at=clock.now))).json()
    assert after["today"] == "2026-01-14"


async def test_one_user_never_gets_anothers_record(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """Two users with records built and kept, asked for in turn and at once: each gets their
    own, whoever was built first."""
    import asyncio

    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    await seed_weeks(repo, 1002, TODAY, NOW, weeks=1)
    await repo.checkins.save(
        1002, TODAY, {"workout": "rest", "walking": "hard"}, 8, "rest", NOW + timedelta(minutes=1)
    )
    own = {1001: "Normal", 1002: "Hard to walk"}
    counts = {1001: 14, 1002: 7}
    for uid in (1001, 1002, 1001, 1002):
        answer = await history(web, tma(uid))
        assert _day(answer, TODAY)["checkin"]["walking"] == own[uid]
        assert sum(d["checkin"] is not None for d in answer.json()["days"]) == counts[uid]
    both = await asyncio.gather(*(history(web, tma(uid)) for uid in (1002, 1001) * 3))
    for uid, answer in zip((1002, 1001) * 3, both, strict=True):
        assert _day(answer, TODAY)["checkin"]["walking"] == own[uid]
    # A user with no record gets an empty one, not a record kept for someone else.
    assert (await history(web, tma(1003))).json()["empty"]


async def test_a_days_activity_files_come_with_their_numbers_and_why_they_counted(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    # Today's: no check-in of the day after has answered otherwise (see the test below).
    await seed_files(repo, 1001, TODAY, NOW)
    day = _day(await history(web, tma(1001)), TODAY)
    assert day["activities"] == [
        {
            "sport": "run",
            "label": "🏃 Run",
            "time": "08:00",
            "distance": "21.5 km",
            "moving": "1:45:00 moving",
            "heart_rate": "avg heart rate 145 bpm",
            "class": "long_race",
            "class_label": "Counts as a long run or race",
            "reason": "21.5 km is at least a half marathon",
        },
        {
            "sport": "cycle",
            "label": "🚴 Ride",
            "time": "17:00",
            "distance": "45.0 km",
            "moving": "1:30:00 moving",
            "heart_rate": None,
            "class": "other",
            "class_label": "Counts as other training",
            "reason": "not a run: it counts as other training",
        },
    ]
    # The same files read in German: numbers, nouns and reasons as German writes them.
    await repo.users.update(1001, NOW, language="de")
    run = _day(await history(web, tma(1001)), TODAY)["activities"][0]
    assert (run["distance"], run["class_label"]) == (
        "21,5 km",
        "Zählt als langer Lauf oder Wettkampf",
    )
    assert run["reason"] == "21,5 km sind mindestens ein Halbmarathon"


@pytest.mark.both_databases
async def test_a_file_the_next_check_in_overruled_says_so_at_once_though_built_before(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """Yesterday's 21.5 km run counted as a long race until today's check-in said easy run:
    from then on the file says the answer counted, and nothing calls the day a race. At the
    same frozen moment as the record before: only the stamp can tell it changed."""
    yesterday = TODAY - timedelta(days=1)
    await seed_weeks(repo, 1001, yesterday, NOW, weeks=1)
    await seed_files(repo, 1001, yesterday, NOW)
    before = await repo.record_stamp(1001)
    (run, _ride) = _day(await history(web, tma(1001)), yesterday)["activities"]
    assert (run["class"], run["class_label"]) == ("long_race", "Counts as a long run or race")

    await repo.checkins.save(
        1001, TODAY, {"workout": "easy_run", "walking": "a_bit_sore"}, 8, "as_planned", NOW
    )

    assert await repo.record_stamp(1001) != before
    record = await history(web, tma(1001))
    for shown in _day(record, yesterday)["activities"]:
        assert shown["class"] == "not_used"
        assert shown["class_label"] == "Not used: you said “🏃 Easy run”, and your answer counted"
        assert shown["reason"] == ""
    assert _day(record, TODAY)["checkin"]["workout"] == "🏃 Easy run"
    assert "race" not in str(_day(record, yesterday)).lower()
    await repo.users.update(1001, NOW, language="de")
    (run, _ride) = _day(await history(web, tma(1001)), yesterday)["activities"]
    assert run["class_label"].startswith("Nicht verwendet: Du hast „🏃 Lockerer Lauf“ gesagt")


async def test_a_file_on_a_day_without_a_check_in_is_a_day_of_the_record(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY - timedelta(days=10), NOW, weeks=1)
    await seed_files(repo, 1001, TODAY - timedelta(days=2), NOW)
    day = _day(await history(web, tma(1001)), TODAY - timedelta(days=2))
    assert day["checkin"] is None and day["soreness"] is None
    assert [a["sport"] for a in day["activities"]] == ["run", "cycle"]


async def test_a_pain_day_is_marked_and_keeps_its_walking_level(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    await seed_pain(repo, 1001, TODAY - timedelta(days=1), "stiff_sore", NOW)
    record = (await history(web, tma(1001))).json()
    pain = [d["date"] for d in record["days"] if d["pain"]]
    assert pain == [(TODAY - timedelta(days=1)).isoformat()]
    day = _day(await history(web, tma(1001)), TODAY - timedelta(days=1))
    assert day["soreness"] == 2 and day["checkin"]["walking"] == "Stiff and sore"
    assert record["texts"]["pain"] == "⚠️ Sharp or joint pain"
    # The chart's scale is the walking levels; the pain answer is no level of it.
    assert record["scale"] == ["Normal", "A bit sore", "Stiff and sore", "Hard to walk"]


def _strength(answer: httpx.Response) -> list[dict[str, Any]]:
    return [a for a in _day(answer, TODAY)["activities"] if a["sport"] == "strength"]


@pytest.mark.both_databases
async def test_a_new_file_and_a_legs_answer_show_at_once_though_the_record_was_built_before(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """At the same frozen moment as the record before: only the stamp can tell it changed."""
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=2)
    assert _day(await history(web, tma(1001)), TODAY)["activities"] == []
    await seed_files(repo, 1001, TODAY, NOW)
    assert len(_day(await history(web, tma(1001)), TODAY)["activities"]) == 2
    gym = NewActivity(
        source_id="gym",
        sport="strength",
        started_at=NOW - timedelta(hours=1),
        local_date=TODAY,
        moving_seconds=3000,
        distance_metres=None,
        avg_heart_rate=None,
        max_heart_rate=None,
        classification="ask_legs",
        for_advice=True,
        reason={"why": "strength"},
    )
    row = await repo.activities.add(1001, gym, NOW)
    (shown,) = _strength(await history(web, tma(1001)))
    assert (shown["class"], shown["class_label"]) == ("ask_legs", "A strength session")
    assert await repo.activities.set_legs(1001, row.id, True)
    (shown,) = _strength(await history(web, tma(1001)))
    assert (shown["class"], shown["reason"]) == ("leg_day", "you said it was legs")
    await repo.delete_user(1001)
    assert (await history(web, tma(1001))).json()["empty"]


async def test_another_users_files_are_never_in_the_record(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)
    await seed_weeks(repo, 2002, TODAY, NOW, weeks=1)
    await seed_files(repo, 2002, TODAY - timedelta(days=1), NOW)
    ana = (await history(web, tma(1001))).json()
    assert all(d["activities"] == [] for d in ana["days"])
    ben = (await history(web, tma(2002))).json()
    assert sum(len(d["activities"]) for d in ben["days"]) == 2
    # Ben's initData asks for Ben's record, whoever holds it: still Ana sees none of his.
    assert all(d["activities"] == [] for d in (await history(web, tma(1001))).json()["days"])


async def test_a_day_shows_the_marks_and_the_rest_tonight_as_the_history_does(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """/history's 🔥 (a leg day well past the usual) and + (the day's own workout, told in its
    evening) are in the record too, and a rest for that evening only is named "rest tonight"."""
    await seed_weeks(repo, 1001, TODAY, NOW, weeks=1)
    answers: dict[str, str | bool | None] = {
        "workout": "leg_day",
        "leg_intensity": "heavy",
        "overreached": True,
        "walking": "a_bit_sore",
        "today_workout": "leg_day",
        "today_leg_intensity": "moderate",
        "today_overreached": True,
    }
    await repo.checkins.save(1001, TODAY, answers, 0, "rest_day", NOW, evening=True)
    yesterday = {"workout": "rest", "walking": "normal", "today_workout": "long_race"}
    await repo.checkins.save(1001, TODAY - timedelta(days=1), yesterday, 0, "rest_day", NOW)

    answer = await history(web, tma(1001))

    assert _day(answer, TODAY)["checkin"] == {
        "workout": "🦵 Leg day 🔥",
        "that_day": "🦵 Leg day 🔥",
        "walking": "A bit sore",
        "verdict": "rest tonight",
        "band": "red",
        "band_label": "🔴 Red: no run",
        "notes": ["🔥 well past what your body is used to"],
    }
    # Rule 0 names it so, from the stored rule, even with no evening stored beside it.
    before = _day(answer, TODAY - timedelta(days=1))["checkin"]
    assert (before["workout"], before["that_day"], before["verdict"], before["notes"]) == (
        "😴 Rest day",
        "🏅 Long run or race",
        "rest tonight",
        [],
    )
    assert answer.json()["texts"]["that_day"] == "+ Trained that day too"


async def test_an_easy_run_told_in_a_check_in_is_marked_as_the_chart_marks_it(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """The PNG chart marks a run the user told but did not time apart from a timed one: so does
    the record. Told as yesterday's workout, it is the day before the check-in's (a day with no
    check-in of its own is in the record for it); told in its evening, the check-in's own day;
    timed and told, the timer's."""
    await seed_set_up_users(repo, [1001], NOW)
    easy = {"workout": "easy_run", "walking": "normal"}
    await repo.checkins.save(1001, TODAY - timedelta(days=3), easy, 8, "as_planned", NOW)
    started = NOW - timedelta(days=2)
    jog = await repo.jogs.start(1001, "jog", 15, started, WARM_UP)
    await repo.jogs.end(jog.id, JogStatus.COMPLETED, started + timedelta(minutes=20), 15)
    await repo.checkins.save(1001, TODAY - timedelta(days=1), easy, 8, "as_planned", NOW)
    evening = {"workout": "rest", "walking": "normal", "today_workout": "easy_run"}
    await repo.checkins.save(1001, TODAY, evening, 8, "as_planned", NOW, evening=True)

    answer = await history(web, tma(1001))

    told = {d["date"]: (d["run_told"], len(d["sessions"])) for d in answer.json()["days"]}
    assert told == {
        "2026-01-09": (True, 0),
        "2026-01-10": (False, 0),
        "2026-01-11": (False, 1),
        "2026-01-12": (False, 0),
        "2026-01-13": (True, 0),
    }
    assert _day(answer, TODAY - timedelta(days=4))["checkin"] is None
    assert answer.json()["texts"]["run_told"] == "Easy run you told me about"
    german = await history(web, tma(1001, "de"))
    assert german.json()["texts"]["run_told"] == "Lockerer Lauf, von dir angegeben"


def _easy_run_file(day: date) -> NewActivity:
    """A 5 km run of 30 minutes on `day`, classed an easy run and counted for advice: the
    check-in of the day after said it instead of asking."""
    return NewActivity(
        source_id=f"easy-{day}",
        sport="run",
        started_at=datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17),
        local_date=day,
        moving_seconds=1800,
        distance_metres=5000,
        avg_heart_rate=None,
        max_heart_rate=None,
        classification="easy_run",
        for_advice=True,
        reason={"why": "easy"},
    )


async def test_the_legend_of_runs_told_says_from_a_file_when_a_file_gave_one(
    web: httpx.AsyncClient, repo: Repository
) -> None:
    """A run a file gave, said by the next check-in, is marked as a told one (no timer knows its
    minutes), and "Easy run you told me about" was untrue of it: the legend says "told or from
    a file" while one is in the record, in every language; a file of a day no run is marked on
    changes nothing."""
    await seed_set_up_users(repo, [1001], NOW)
    easy = {"workout": "easy_run", "walking": "normal"}
    await repo.checkins.save(1001, TODAY - timedelta(days=3), easy, 8, "as_planned", NOW)
    await repo.activities.add(1001, _easy_run_file(TODAY - timedelta(days=6)), NOW)
    assert (await history(web, tma(1001))).json()["texts"]["run_told"] == (
        "Easy run you told me about"
    )

    await repo.activities.add(1001, _easy_run_file(TODAY - timedelta(days=4)), NOW)

    answer = await history(web, tma(1001))
    assert _day(answer, TODAY - timedelta(days=4))["run_told"] is True
    shown = {
        language: (await history(web, tma(1001, language))).json()["texts"]["run_told"]
        for language in ("en", "de", "ru", "es")
    }
    assert shown == {
        "en": "Easy run told or from a file",
        "de": "Lockerer Lauf, von dir angegeben oder aus einer Datei",
        "ru": "Лёгкая пробежка с твоих слов или из файла",  # noqa: RUF001 - Cyrillic
        "es": "Rodaje suave que me contaste o de un archivo",
    }
