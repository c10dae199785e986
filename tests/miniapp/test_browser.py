"""The Mini App in a real headless browser (Chromium, driven by Playwright) against a real
`legday-bot run` process serving it: what a user sees and taps.

Needs Debian's `chromium` (or LEGDAY_CHROMIUM naming another build) and the `playwright`
package; Playwright's own browser downloads are not used. Without them the tests skip and say
why; with LEGDAY_REQUIRE_BROWSER=1 (CI) they fail instead. LEGDAY_SCREENSHOTS=DIR keeps the
light and dark screenshots at 360x740 in DIR (the README's come from there).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import pytest

from bot.app import migrate
from bot.initdata import sign
from bot.standin.local_api import LocalBotApi
from storage.db import create_engine, make_session_factory
from storage.repository import Repository
from tests.chat import seed_set_up_users
from tests.miniapp.records import seed_files, seed_pain, seed_weeks
from tests.remote import MIDDAY, TOKEN, BotProcess

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

TODAY = date(2026, 6, 10)  # in Berlin, at MIDDAY (the bot process's clock)
ANA, JONAS, MARKUP, NEWCOMER, RUNNER = 1001, 1002, 1003, 1004, 1005
# The runner's easy run, told as yesterday's workout the morning after and never timed.
TOLD_DAY = TODAY - timedelta(days=2)
# Ana's long run and ride (tests.miniapp.records.seed_files), and the pain she felt the morning
# after (reported with her walking level of that day in seed_weeks, and the long race the
# check-in took from the files: one that said otherwise would mark them not used).
FILES_DAY = TODAY - timedelta(days=3)
PAIN_DAY = TODAY - timedelta(days=2)
# An evening that told a heavy leg day well past the usual yesterday and a leg day that day.
MARKED_DAY = TODAY - timedelta(days=5)
MARKED: dict[str, str | bool | None] = {
    "workout": "leg_day",
    "leg_intensity": "heavy",
    "overreached": True,
    "walking": "a_bit_sore",
    "today_workout": "leg_day",
    "today_leg_intensity": "moderate",
    "today_overreached": False,
}
TAGS = "<b>x</b><i>y</i>"  # a stored workout with markup in it (15 characters)
DARK = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "link_color": "#6ab3f3",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#232e3c",
}
LIGHT = {**DARK, "bg_color": "#ffffff", "text_color": "#000000", "secondary_bg_color": "#efeff3"}


def _chromium() -> str:
    """Where Chromium is, or skip (fail with LEGDAY_REQUIRE_BROWSER=1) saying what is missing."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[dev]')")
    path = os.environ.get("LEGDAY_CHROMIUM") or shutil.which("chromium")
    if path is None:
        missing.append("Chromium (apt-get install chromium, or LEGDAY_CHROMIUM=/path)")
    if missing:
        reason = "no headless browser: missing " + " and ".join(missing)
        if os.environ.get("LEGDAY_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (LEGDAY_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    assert path is not None
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=path)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _seed(url: str) -> None:
    await migrate(url)
    engine = create_engine(url)
    try:
        repo = Repository(make_session_factory(engine))
        await seed_weeks(repo, ANA, TODAY, MIDDAY, weeks=8)
        await seed_files(repo, ANA, FILES_DAY, MIDDAY)
        await seed_pain(repo, ANA, PAIN_DAY, "stiff_sore", MIDDAY, "long_race")
        await repo.checkins.save(ANA, MARKED_DAY, MARKED, 0, "rest_day", MIDDAY, evening=True)
        await seed_weeks(repo, JONAS, TODAY, MIDDAY, weeks=2, language="de")
        await seed_files(repo, JONAS, FILES_DAY, MIDDAY)
        await seed_pain(repo, JONAS, PAIN_DAY, "stiff_sore", MIDDAY, "long_race")
        await seed_weeks(repo, MARKUP, TODAY, MIDDAY, weeks=1)
        answers = {"workout": TAGS, "walking": "a_bit_sore"}
        await repo.checkins.save(MARKUP, TODAY, answers, 8, "easy_jog", MIDDAY)
        await seed_set_up_users(repo, [RUNNER], MIDDAY)
        told = {"workout": "easy_run", "walking": "normal"}
        after = TOLD_DAY + timedelta(days=1)
        await repo.checkins.save(RUNNER, after, told, 8, "as_planned", MIDDAY)
    finally:
        await engine.dispose()


@dataclass
class Served:
    base: str

    def url(self, uid: int, language: str = "en", token: str = TOKEN) -> str:
        """The page as Telegram opens it: the launch parameters in the fragment."""
        init_data = sign(uid, "Ana", language, token, MIDDAY)
        return f"{self.base}/app#" + urlencode(
            {"tgWebAppData": init_data, "tgWebAppVersion": "8.0"}
        )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One `legday-bot run` (long polling, WEBAPP_URL set) for the module, on a seeded database."""
    home = tmp_path_factory.mktemp("miniapp")
    url = f"sqlite+aiosqlite:///{home / 'legday.sqlite3'}"
    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as worker:
        worker.submit(asyncio.run, _seed(url)).result()
    port = _free_port()
    api = LocalBotApi()
    api.start()
    env = {"WEBAPP_URL": "https://miniapp.example", "WEBHOOK_PORT": str(port), "DATABASE_URL": url}
    bot = BotProcess(api, home, env, ("run",), at=MIDDAY)
    bot.start()
    try:
        deadline = time.monotonic() + 60
        while "mini app on" not in bot.log_text():
            assert time.monotonic() < deadline, bot.log_text()
            assert bot.proc is not None and bot.proc.poll() is None, bot.log_text()
            time.sleep(0.1)
        yield Served(f"http://127.0.0.1:{port}")
    finally:
        bot.stop()
        bot.close()
        api.stop()


@dataclass
class Opened:
    page: Page
    requests: list[str]
    errors: list[str]


@pytest.fixture
def open_page(browser: Browser, served: Served) -> Iterator[Any]:
    """Opens a page at 360x740 that records every request and every console error."""
    contexts = []

    def opening(
        url: str, web_app: dict[str, Any] | None = None, color_scheme: str = "light"
    ) -> Opened:
        from playwright.sync_api import expect

        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            color_scheme=color_scheme,  # type: ignore[arg-type]
        )
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, [], [])
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on(
            "console",
            lambda message: opened.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        if web_app is not None:
            # Telegram.WebApp as a client provides it, in place before the page's script runs.
            page.add_init_script(
                "window.__handlers = {};"
                f"window.Telegram = {{WebApp: Object.assign({json.dumps(web_app)}, {{"
                "ready() { window.__ready = true; }, expand() {},"
                "close() { window.__closed = true; },"
                "onEvent(name, fn) { (window.__handlers[name] = window.__handlers[name] || [])"
                ".push(fn); } })};"
            )
        page.goto(url)
        # Loaded once the placeholder is gone (a locator, not a string of script: the page's
        # policy refuses eval, and a test must not switch the policy off).
        expect(page.locator("#status")).not_to_have_text("…")
        return opened

    yield opening
    for context in contexts:
        context.close()


def _only_this_origin(opened: Opened, served: Served) -> None:
    assert opened.requests, "no request seen"
    assert all(url.startswith(served.base + "/") for url in opened.requests), opened.requests
    assert opened.errors == []


def _background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_the_chart_has_one_point_per_check_in_and_the_range_switch_works(
    open_page: Any, served: Served
) -> None:
    opened = open_page(served.url(ANA))
    page = opened.page
    points = page.locator("circle.point")
    assert points.count() == 56  # 8 weeks, one check-in a morning
    dates = [points.nth(i).get_attribute("data-date") for i in range(points.count())]
    assert dates[0] == (TODAY - timedelta(days=55)).isoformat() and dates[-1] == TODAY.isoformat()
    assert page.locator("rect.leg").count() == 14  # a leg day every fourth day
    assert page.locator("circle.jog-mark").count() == 14
    assert page.locator("rect.cross-mark").count() == 6  # every seventh day, not on a jog day
    assert page.locator("#streak").text_content() == "Check-in streak: 56 days in a row."
    page.get_by_role("button", name="4 weeks").click()
    assert points.count() == 28
    assert page.get_by_role("button", name="4 weeks").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="6 months").click()
    assert points.count() == 56  # no older check-ins
    _only_this_origin(opened, served)


def test_tapping_a_day_shows_its_check_in(open_page: Any, served: Served) -> None:
    opened = open_page(served.url(ANA))
    page = opened.page
    assert page.locator("#detail").is_hidden()
    page.locator(f'circle.point[data-date="{TODAY.isoformat()}"]').click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    assert detail.locator("h3").text_content() == "Wed 10 Jun"
    assert detail.locator(".band.green").text_content() == "🟢 Green: good to go"
    shown = [t.strip() for t in detail.locator("dt, dd").all_text_contents()]
    assert shown == [
        "Yesterday's workout",
        "😴 Rest day",
        "Walking that day",
        "Normal",
        "Advice",
        "easy jog",
        "Easy jog",
        "15 minutes · Just right",
    ]
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    page.locator(f'circle.point[data-date="{yesterday}"]').click()
    assert "🦵 Leg day" in detail.locator("dd").all_text_contents()
    _only_this_origin(opened, served)


def test_a_days_detail_marks_its_workouts_as_the_history_does(
    open_page: Any, served: Served
) -> None:
    """🔥 after a leg day well past the usual, the day's own workout told in its evening on a
    row of its own after +, the note that says what 🔥 means, and the rest it decided named
    for that evening only, as /history names them."""
    opened = open_page(served.url(ANA))
    page = opened.page
    page.locator(f'circle.point[data-date="{MARKED_DAY.isoformat()}"]').click()
    detail = page.locator("#detail")
    shown = [t.strip() for t in detail.locator("dt, dd").all_text_contents()]
    assert shown[:8] == [
        "Yesterday's workout",
        "🦵 Leg day 🔥",
        "+ Trained that day too",
        "🦵 Leg day",
        "Walking that day",
        "A bit sore",
        "Advice",
        "rest tonight",
    ]
    assert detail.locator("p.note").all_text_contents() == [
        "🔥 well past what your body is used to"
    ]
    page.locator(f'circle.point[data-date="{TODAY.isoformat()}"]').click()
    assert detail.locator("p.note").count() == 0
    _only_this_origin(opened, served)


def test_an_easy_run_told_in_a_check_in_is_marked_hollow_and_told_when_tapped(
    open_page: Any, served: Served
) -> None:
    """As on the PNG chart: a run the user told but did not time has a mark of its own, apart
    from a timed run's, on its day (which has no check-in of its own), named in the legend."""
    opened = open_page(served.url(RUNNER))
    page = opened.page
    told = page.locator("circle.told-mark")
    assert told.count() == 1
    assert told.get_attribute("data-date") == TOLD_DAY.isoformat()
    assert page.locator("circle.jog-mark").count() == 0
    assert "Easy run you told me about" in page.locator("#legend li").all_text_contents()
    told.click()
    detail = page.locator("#detail")
    assert detail.locator("p.hint").text_content() == "No check-in that day."
    shown = [t.strip() for t in detail.locator("dt, dd").all_text_contents()]
    assert shown == ["Easy run you told me about", "✓"]
    _only_this_origin(opened, served)


def test_activity_files_and_a_pain_day_are_marked_and_told_in_the_days_detail(
    open_page: Any, served: Served
) -> None:
    opened = open_page(served.url(ANA))
    page = opened.page
    files = page.locator("path.file-mark")
    assert files.count() == 2
    assert {files.nth(i).get_attribute("data-date") for i in range(2)} == {FILES_DAY.isoformat()}
    assert [files.nth(i).get_attribute("data-class") for i in range(2)] == ["long_race", "other"]
    assert files.first.get_attribute("aria-label") == "🏃 Run · Counts as a long run or race"
    pain = page.locator("path.pain-mark")
    assert pain.count() == 1 and pain.get_attribute("data-date") == PAIN_DAY.isoformat()
    assert pain.get_attribute("aria-label") == "⚠️ Sharp or joint pain"
    assert page.locator("#legend li").all_text_contents()[-2:] == [
        "Activity file",
        "⚠️ Sharp or joint pain",
    ]
    page.locator(f'circle.point[data-date="{FILES_DAY.isoformat()}"]').click()
    detail = page.locator("#detail")
    shown = [t.strip() for t in detail.locator("dt, dd").all_text_contents()]
    assert shown[-4:] == [
        "🏃 Run 08:00",
        "21.5 km · 1:45:00 moving · avg heart rate 145 bpm"
        "Counts as a long run or race: 21.5 km is at least a half marathon",
        "🚴 Ride 17:00",
        "45.0 km · 1:30:00 movingCounts as other training: not a run: it counts as other training",
    ]
    assert detail.locator(".why").first.text_content() == (
        "Counts as a long run or race: 21.5 km is at least a half marathon"
    )
    assert detail.locator("p.pain").count() == 0
    # The pain day: marked in the detail, its walking level still shown.
    page.locator(f'path.pain-mark[data-date="{PAIN_DAY.isoformat()}"]').click()
    assert detail.locator("h3").text_content() == "Mon 8 Jun"
    assert detail.locator("p.pain").text_content() == "⚠️ Sharp or joint pain"
    assert "Stiff and sore" in detail.locator("dd").all_text_contents()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _only_this_origin(opened, served)


def test_a_german_user_reads_german(open_page: Any, served: Served) -> None:
    opened = open_page(served.url(JONAS, "en"), web_app={"initData": "", "themeParams": {}})
    page = opened.page
    assert page.locator("h1").text_content() == "Dein Verlauf"
    assert page.get_by_role("button", name="4 Wochen").is_visible()
    assert page.locator("html").get_attribute("lang") == "de"
    page.locator(f'circle.point[data-date="{TODAY.isoformat()}"]').click()
    assert page.locator("#detail h3").text_content() == "Mi., 10. Juni"
    assert page.locator("circle.point").count() == 14
    page.locator(f'circle.point[data-date="{PAIN_DAY.isoformat()}"]').click()
    assert (
        page.locator("#detail p.pain").text_content() == "⚠️ Stechender Schmerz oder Gelenkschmerz"
    )
    page.locator(f'circle.point[data-date="{FILES_DAY.isoformat()}"]').click()
    assert page.locator("#detail .why").all_text_contents() == [
        "Zählt als langer Lauf oder Wettkampf: 21,5 km sind mindestens ein Halbmarathon",
        "Zählt als anderes Training: kein Lauf: zählt als anderes Training",
    ]
    _only_this_origin(opened, served)


def test_at_360_pixels_nothing_scrolls_sideways(open_page: Any, served: Served) -> None:
    opened = open_page(served.url(ANA))
    page = opened.page
    page.locator(f'circle.point[data-date="{TODAY.isoformat()}"]').click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert (
        page.evaluate("document.querySelector('#chart svg').getBoundingClientRect().right") <= 360
    )


def test_telegrams_dark_theme_applies_and_follows_a_theme_change(
    open_page: Any, served: Served, tmp_path: Path
) -> None:
    init_data = sign(ANA, "Ana", "en", TOKEN, MIDDAY)
    web_app = {"initData": init_data, "themeParams": DARK, "colorScheme": "dark"}
    opened = open_page(f"{served.base}/app", web_app=web_app)
    page = opened.page
    assert page.evaluate("window.__ready") is True
    assert _background(page) == "rgb(23, 33, 43)"
    assert page.locator("html").get_attribute("data-scheme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(245, 245, 245)"
    page.locator(f'circle.point[data-date="{FILES_DAY.isoformat()}"]').click()
    _screenshot(page, "miniapp-dark.png", tmp_path)
    page.evaluate(
        f"Object.assign(window.Telegram.WebApp, {{themeParams: {json.dumps(LIGHT)},"
        " colorScheme: 'light'}); window.__handlers.themeChanged.forEach((f) => f())"
    )
    assert _background(page) == "rgb(255, 255, 255)"
    assert page.locator("html").get_attribute("data-scheme") == "light"
    _only_this_origin(opened, served)


def test_the_theme_in_the_launch_fragment_applies_without_telegrams_script(
    open_page: Any, served: Served, tmp_path: Path
) -> None:
    url = served.url(ANA) + "&tgWebAppThemeParams=" + quote(json.dumps(LIGHT))
    opened = open_page(url, color_scheme="dark")  # the device's dark mode yields to Telegram's
    page = opened.page
    assert _background(page) == "rgb(255, 255, 255)"
    page.locator(f'circle.point[data-date="{FILES_DAY.isoformat()}"]').click()
    _screenshot(page, "miniapp-light.png", tmp_path)
    _only_this_origin(opened, served)


def test_forged_initdata_shows_an_error_and_no_data(open_page: Any, served: Served) -> None:
    from bot.standin.local_api import stand_in_token

    opened = open_page(served.url(ANA, token=stand_in_token("forger")))
    page = opened.page
    assert page.locator("#status").text_content() == (
        "This link could not be verified, or it is too old. Open your record again from the chat."
    )
    assert page.locator("#record").is_hidden()
    assert page.locator("circle.point").count() == 0
    assert page.locator("#streak").text_content() == ""
    # The browser logs the 401 itself; nothing else went wrong.
    assert [e for e in opened.errors if "401" not in e] == []


def test_values_with_markup_in_them_are_shown_as_text(open_page: Any, served: Served) -> None:
    opened = open_page(served.url(MARKUP))
    page = opened.page
    page.locator(f'circle.point[data-date="{TODAY.isoformat()}"]').click()
    assert TAGS in page.locator("#detail dd").all_text_contents()
    assert page.locator("#detail b, #detail i").count() == 0
    _only_this_origin(opened, served)


def test_an_empty_record_has_a_friendly_line_and_the_way_back(
    open_page: Any, served: Served
) -> None:
    web_app = {"initData": sign(NEWCOMER, "Neu", "es", TOKEN, MIDDAY), "themeParams": {}}
    opened = open_page(f"{served.base}/app", web_app=web_app)
    page = opened.page
    assert page.locator("#empty-line").text_content() == (
        "Aún no hay nada que revisar. Haz tu registro en el chat unos cuantos días y tu "
        "historial aparecerá aquí."
    )
    assert page.locator("#record").is_hidden()
    page.get_by_role("button", name="Volver al chat").click()
    assert page.evaluate("window.__closed") is True
    _only_this_origin(opened, served)


def _screenshot(page: Page, name: str, tmp_path: Path) -> None:
    """Kept in LEGDAY_SCREENSHOTS when set (the README's pictures), else in the test's folder."""
    folder = Path(os.environ.get("LEGDAY_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))
    assert (folder / name).stat().st_size > 1000


def test_without_a_browser_the_tests_skip_and_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("LEGDAY_CHROMIUM", raising=False)
    monkeypatch.delenv("LEGDAY_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"missing Chromium \(apt-get install"):
        _chromium()
    monkeypatch.setenv("LEGDAY_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="LEGDAY_REQUIRE_BROWSER=1"):
        _chromium()
