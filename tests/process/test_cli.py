"""The command line as a newcomer meets it: no-token hint, console, real long polling."""

from __future__ import annotations

import getpass
import json
import os
import re
import socket
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from sqlalchemy.engine import make_url

from bot import console
from bot.config import Settings
from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.coach.timing import PartOfDay, checkin_day, part_of_day
from tests.activity_files import gpx_file
from tests.conftest import TOKEN
from tests.disk import read_only
from tests.pg import URL_VARIABLE
from tests.remote import MIDDAY, BotProcess, RemoteChat, legday_bot

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("token", ["", "not-a-token", "12345:short"])
def test_run_without_a_valid_token_says_how_to_get_one(tmp_path: Path, token: str) -> None:
    result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=token)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "@BotFather" in lines[0] and "legday-bot console" in lines[0]
    assert "Traceback" not in result.stderr


def test_db_upgrade_creates_the_default_sqlite_file(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "db", "upgrade")

    expected = tmp_path / "data" / "legday-coach" / "legday.sqlite3"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Database is up to date: SQLite file {expected}"
    assert expected.exists()


def _evening(instant: datetime) -> list[str]:
    """The answer to an evening check-in's last question in Berlin, "No, nothing today" (after
    midnight "No, nothing that day"; its 6th button), if `instant` is in the evening there
    (17:00-03:59); else nothing."""
    return ["6"] if part_of_day("Europe/Berlin", instant) is PartOfDay.EVENING else []


@pytest.mark.any_hour
def test_console_onboarding_and_checkin_end_in_advice(tmp_path: Path, instant: datetime) -> None:
    # Numbers tap the numbered buttons: zone typed, 07:30, 17:30, No, No, No, Check in now,
    # Easy run, Stiff and sore, (in the evening: No, nothing today), then Why?.
    script = "\n".join(
        ["/start", "Berlin", "3", "3", "2", "2", "2", "1", "4", "3", *_evening(instant), "1", ""]
    )
    result = legday_bot(tmp_path, "console", stdin=script, at=instant)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "bot> Time zone set: Europe/Berlin" in out
    assert "bot> All set!" in out
    assert "   [1] 🦵 Leg day" in out
    assert "   [5] ⚠️ Sharp or joint pain" in out
    assert "bot> 🟡 Yellow: go gently" in out
    # In the evening and after midnight, the headline says the time it covers.
    assert any(
        f"✅ Train as planned{time}, but gently." in out
        for time in ("", ", tonight and tomorrow", " later today")
    )
    assert "Warm up for longer than usual." in out
    assert "Why still listen to your legs" in out  # the why screen of a plan kept
    assert "   [1] Why? Both sides" in out
    assert out.index("All set!") < out.index("What to do:")
    assert "Traceback" not in result.stderr


@pytest.mark.any_hour
def test_console_prints_timer_cues_as_they_arrive(tmp_path: Path, instant: datetime) -> None:
    # At 600x, the 5-minute warm-up and a 15-minute run pass in about two seconds.
    script = "\n".join(["/start", "Berlin", "3", "3", "2", "2", "2", "/jog", "1", "/wait 4", ""])
    result = legday_bot(tmp_path, "console", "--speed", "600", stdin=script, at=instant)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    go = out.index("bot> Go! Start with a light jog")
    halfway = out.index("bot> Halfway there.")
    done = out.index("bot> Time's up: 15 minutes done")
    assert out.index("Timer on: a 5-minute warm-up") < go < halfway < done
    assert "   [2] Just right" in out[done:]


def test_run_with_long_polling_against_a_local_bot_api(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    bot = bot_process(tmp_path, {"LOG_LEVEL": "DEBUG"})
    bot.start()
    try:
        user = RemoteChat(api, user_id=7)
        user.onboard()
        user.tap("Check in now")
        user.tap("😴 Rest day")
        (advice,) = user.tap("Normal")
        assert advice.text is not None and "What to do:" in advice.text
        assert api.commands[0]["command"] == "checkin"
    finally:
        log = bot.stop()

    assert "Database: SQLite file" in log
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log


def test_a_bad_setting_is_named_in_one_line(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, LOG_FORMAT="xml")

    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: LOG_FORMAT: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("mode", [[], ["--webhook", "--url", "https://bot.example.org"]])
def test_a_token_telegram_refuses_gets_one_line_and_never_shows_the_token(
    tmp_path: Path, api: LocalBotApi, mode: list[str]
) -> None:
    api.fail_next("getMe", 401, "Unauthorized", times=10)

    result = legday_bot(
        tmp_path,
        "run",
        *mode,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=api.base_url,
        WEBHOOK_PORT="0",
    )

    assert result.returncode == 2, result.stderr
    assert TOKEN not in result.stderr + result.stdout  # PTB's own error quotes it
    assert "@BotFather" in result.stderr.strip().splitlines()[-1]


def test_a_second_console_session_goes_on_with_the_same_data(tmp_path: Path) -> None:
    first = legday_bot(tmp_path, "console", stdin="\n".join(["/start", "Berlin", "3", ""]))
    assert first.returncode == 0, first.stderr

    second = legday_bot(tmp_path, "console", stdin="\n".join(["/help", "/start", ""]))

    assert second.returncode == 0, second.stderr
    assert "/checkin" in second.stdout.split("you>")[1]  # /help was answered, not dropped
    assert "bot>" in second.stdout.split("you>")[2]


def test_presses_in_a_second_console_session_are_not_taken_for_the_first_ones(
    tmp_path: Path,
) -> None:
    # The first session presses buttons on its messages 2-8 (zone, times, reminders, Check in
    # now, Easy run, Stiff and sore); a press is noted with its message for two days.
    taps = ["/start", "Berlin", "3", "3", "2", "2", "2", "1", "4", "3", ""]
    first = legday_bot(tmp_path, "console", stdin="\n".join(taps))
    assert first.returncode == 0, first.stderr
    assert "What to do:" in first.stdout

    # The second one's messages are new ones: pressing them is not a second press.
    taps = ["/settings", "10", "/settings", "4", "1", "3", "1", ""]
    second = legday_bot(tmp_path, "console", stdin="\n".join(taps))

    assert second.returncode == 0, second.stderr
    assert str(texts.PRESSED_ALREADY) not in second.stdout
    assert "• New to running: yes" in second.stdout, second.stdout


def test_a_second_session_may_press_the_buttons_the_first_one_left_unpressed(
    tmp_path: Path,
) -> None:
    # The first session ends on "All set!" with its "Check in now" button unpressed.
    first = legday_bot(tmp_path, "console", stdin="\n".join(["/start", "Berlin", *"32222", ""]))
    assert first.returncode == 0, first.stderr
    assert "   [1] Check in now" in first.stdout

    # "1" typed is that button; then the check-in's own buttons, pressed as fast as they come:
    # Leg day, Heavy, No, A bit sore.
    second = legday_bot(tmp_path, "console", stdin="\n".join([*"11322", ""]))

    assert second.returncode == 0, second.stderr
    assert "How hard was the leg day?" in second.stdout
    assert "Because: leg day yesterday, a bit sore walking" in second.stdout, second.stdout
    assert str(texts.PRESSED_ALREADY) not in second.stdout


def test_the_console_links_the_record_in_the_users_language_and_name(tmp_path: Path) -> None:
    """Issue 13: after switching to German in /settings, the record's link claims German (the
    page's own error texts follow it), and the user is called as --name says."""
    setup = ["/start", "Berlin", "3", "3", "2", "2", "2"]
    language = ["/settings", "9", "4"]  # Language, Deutsch
    result = legday_bot(
        tmp_path, "console", "--name", "Ana", stdin="\n".join([*setup, *language, "/history", ""])
    )

    assert result.returncode == 0, result.stderr
    first, *_, last = re.findall(r"http://127\.0\.0\.1:\d+/app#(\S+?)\)?\s", result.stdout)
    claimed = [
        json.loads(parse_qs(parse_qs(link)["tgWebAppData"][0])["user"][0]) for link in (first, last)
    ]
    assert [(user["first_name"], user.get("language_code")) for user in claimed] == [
        ("Ana", "en"),
        ("Ana", "de"),
    ]


@pytest.mark.parametrize(
    ("account", "uid", "name"),
    [
        ("ana", 1000, "Ana"),
        ("root", 0, "Runner"),
        ("www-data", 33, "Runner"),
        ("ana", 65534, "Runner"),
        ("ci-bot", 1001, "Runner"),
    ],
)
def test_the_console_user_is_named_after_a_person_not_a_system_account(
    monkeypatch: pytest.MonkeyPatch, account: str, uid: int, name: str
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: account)
    monkeypatch.setattr(os, "getuid", lambda: uid)

    assert console.console_name() == name


def test_the_console_help_says_how_the_user_is_named(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "console", "--help")

    assert result.returncode == 0, result.stderr
    assert "--name" in result.stdout and "'Runner'" in " ".join(result.stdout.split())


def test_console_input_ending_at_the_location_prompt_ends_the_session(tmp_path: Path) -> None:
    # Zone typed, then "Time zone" in /settings and its "Share my location" button.
    taps = ["/start", "Berlin", "3", "3", "2", "2", "2", "/settings", "1", "1", ""]
    result = legday_bot(tmp_path, "console", stdin="\n".join(taps))

    assert result.returncode == 0, result.stderr
    assert "latitude, longitude" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.any_hour
def test_console_shows_history_as_plain_text_and_saves_the_chart(
    tmp_path: Path, instant: datetime
) -> None:
    # Set up, check in (Easy run, Normal), then look back and export.
    # Before 04:00 in Berlin the check-in counts for the evening before (coach.timing.checkin_day).
    setup = ["/start", "Berlin", "3", "3", "2", "2", "2", "1", "4", "1", *_evening(instant)]
    script = "\n".join([*setup, "/history", "/export", ""])
    result = legday_bot(tmp_path, "console", stdin=script, at=instant, TMPDIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    out = result.stdout[result.stdout.index("bot> Since ") :]
    # From the first day shown (today, or yesterday before 04:00: the check-in counts for the
    # evening before), one check-in; no <b> shown.
    assert re.match(r"bot> Since \d+ \w+: 1 check-in\n", out)
    assert "<pre>" not in out and "</pre>" not in out
    saved = [
        line.split(" saved to ")[1].rstrip(")") for line in out.splitlines() if "saved" in line
    ]
    chart, checkins, jogs, activities, everything = (Path(path) for path in saved)
    assert chart.name.endswith(".png") and chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (
        checkins.read_text()
        .splitlines()[1]
        .startswith(f"{checkin_day('Europe/Berlin', instant)},easy_run,")
    )
    assert jogs.read_text().startswith("started_at,kind,kind_text,planned_minutes")
    assert activities.read_text().startswith("started_at,sport,sport_text,moving_seconds")
    assert json.loads(everything.read_text())["profile"]["time_zone"] == "Europe/Berlin"
    saved_in = {path.parent.parent for path in (chart, checkins, jogs, activities, everything)}
    assert saved_in == {tmp_path}


def test_a_clock_start_without_its_offset_is_named_in_one_line(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, CLOCK_START="2026-03-29T06:00")

    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: CLOCK_START: ")
    assert "offset" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_log_level_is_named_in_one_line(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, LOG_LEVEL="LOUD")

    assert result.returncode == 2
    assert result.stderr == (
        "Configuration error: LOG_LEVEL: 'LOUD' is not a log level; give one of DEBUG, INFO, "
        "WARNING (or WARN), ERROR, CRITICAL, in any case\n"
    )


def test_a_bad_trusted_proxy_is_named_in_one_line(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_TRUSTED_PROXY="nginx")

    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: WEBHOOK_TRUSTED_PROXY: 'nginx' is not")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("given", "level"), [("debug", "DEBUG"), (" warn ", "WARNING")])
def test_a_log_level_is_read_as_people_write_it(
    given: str, level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOG_LEVEL", given)

    assert Settings().log_level == level


def test_version_prints_the_installed_version(tmp_path: Path) -> None:
    result = legday_bot(tmp_path, "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"legday-bot {version('legday-coach')}\n"
    assert version("legday-coach") == "0.1.0"  # as pyproject.toml says


def test_a_token_with_a_trailing_newline_is_used_without_it(
    tmp_path: Path, api: LocalBotApi, bot_process: Callable[..., BotProcess]
) -> None:
    # As from a secret file: `TELEGRAM_BOT_TOKEN=$(cat token)` keeps no newline, but
    # systemd's EnvironmentFile or a copied value can bring one, or a space.
    bot = bot_process(tmp_path, {"TELEGRAM_BOT_TOKEN": f" {TOKEN}\n"})
    bot.start()
    try:
        (reply,) = RemoteChat(api, user_id=7).say("/help")
    finally:
        log = bot.stop()

    assert reply.text is not None and reply.text.startswith("Here is what I can do")
    assert api.saw_token(TOKEN) and not api.saw_token(f" {TOKEN}\n")
    assert TOKEN not in log


def test_console_wait_with_a_wrong_argument_says_how_and_goes_on(tmp_path: Path) -> None:
    result = legday_bot(
        tmp_path, "console", stdin="\n".join(["/wait abc", "/waiting", "/help", ""])
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.count("(console: /wait takes seconds of real time, like /wait 3)") == 1
    assert "I don't know /waiting" in result.stdout  # not the console's: the bot's own reply
    assert "/checkin" in result.stdout.split("you>")[-2]  # /help still answered afterwards


def _closed_port() -> int:
    """A port nothing listens on: taken from the system, then let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    "url",
    [
        "nonsense",
        "postgresql://legday:pw-secret@127.0.0.1/legday",  # a driver that is not asyncio's
        "mysql+aiomysql://legday:pw-secret@127.0.0.1/legday",  # a driver not installed
    ],
)
@pytest.mark.parametrize("command", [("run",), ("db", "upgrade")])
def test_a_bad_database_url_is_one_line_and_exit_2(
    tmp_path: Path, url: str, command: tuple[str, ...]
) -> None:
    result = legday_bot(
        tmp_path, *command, TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=url, LOG_LEVEL="WARNING"
    )

    assert result.returncode == 2
    line = _one_line(result)
    assert line.startswith("Configuration error: DATABASE_URL: "), line
    assert "postgresql+asyncpg://" in line  # what it should look like
    assert "pw-secret" not in result.stderr


def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    port = _closed_port()
    url = f"postgresql+asyncpg://legday:pw-secret@127.0.0.1:{port}/legday"

    result = legday_bot(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=url, LOG_LEVEL="WARNING"
    )

    assert result.returncode == 1
    line = _one_line(result)
    assert line.startswith(f"Cannot reach the database (127.0.0.1:{port}/legday): "), line
    assert "Connect call failed" in line  # the driver's words
    assert "pw-secret" not in result.stderr


def test_a_database_postgresql_does_not_have_is_one_line_and_exit_2(tmp_path: Path) -> None:
    server = os.environ.get(URL_VARIABLE)
    if not server:
        pytest.skip(f"needs {URL_VARIABLE} (tests/with-postgres.sh)")
    url = make_url(server).set(database="no_such_legday_database")

    result = legday_bot(
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=url.render_as_string(hide_password=False),
        LOG_LEVEL="WARNING",
    )

    assert result.returncode == 2
    assert _one_line(result) == (
        "Configuration error: DATABASE_URL: the database refused it: "
        'database "no_such_legday_database" does not exist'
    )


def test_a_read_only_database_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    assert legday_bot(tmp_path, "db", "upgrade").returncode == 0
    database = tmp_path / "data" / "legday-coach" / "legday.sqlite3"

    with read_only(database):
        result = legday_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, LOG_LEVEL="WARNING")

    assert result.returncode == 1
    assert _one_line(result) == (
        f"The database (SQLite file {database}) cannot be written: "
        "attempt to write a readonly database"
    )


@pytest.mark.parametrize("mode", [[], ["--webhook", "--url", "https://bot.example.org"]])
def test_an_unreachable_bot_api_at_start_up_is_one_line_and_exit_1(
    tmp_path: Path, mode: list[str]
) -> None:
    base = f"http://127.0.0.1:{_closed_port()}/bot"

    result = legday_bot(
        tmp_path,
        "run",
        *mode,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=base,
        WEBHOOK_PORT="0",
        LOG_LEVEL="WARNING",
    )

    assert result.returncode == 1
    line = _one_line(result)
    assert line.startswith(f"Cannot reach the Bot API at {base}: "), line
    assert TOKEN.split(":")[1] not in result.stderr


def test_console_sends_an_activity_file_typed_as_a_path(tmp_path: Path) -> None:
    run = tmp_path / "Morning Run.gpx"
    run.write_text(gpx_file(MIDDAY - timedelta(hours=26), seconds=6300, metres=21_500))
    script = "\n".join(
        ["/start", "Berlin", "3", "3", "2", "2", "2", f"/send {run}", "/send /nowhere.fit", ""]
    )
    result = legday_bot(tmp_path, "console", stdin=script)

    assert result.returncode == 0, result.stderr
    assert "21.5 km" in result.stdout
    assert "counts as a long run or race" in result.stdout
    assert "(console: can't read /nowhere.fit" in result.stdout


def test_console_numbers_only_the_last_keyboard_and_prints_toasts(tmp_path: Path) -> None:
    """Issue 13: a check-in after a file sends "✏️ Correct it" and then the walking question; a
    typed number presses only the last keyboard, so only its buttons are numbered. A press on
    spent buttons is answered with a toast, which the console prints."""
    run = tmp_path / "run.gpx"
    run.write_text(gpx_file(MIDDAY - timedelta(hours=26), seconds=6300, metres=21_500))
    # Onboarding, the file, /checkin, Normal, cross-train 15 min, Finish early, and again.
    taps = ["/start", "Berlin", "3", "3", "2", "2", "2", f"/send {run}", "/checkin", *"1111"]
    result = legday_bot(tmp_path, "console", stdin="\n".join([*taps, ""]))

    assert result.returncode == 0, result.stderr
    out = result.stdout
    correct = out.index("   • ✏️ Correct it\n")
    assert correct < out.index("bot> How does walking feel now?\n   [1] Normal\n")
    assert "[1] ✏️ Correct it" not in out
    assert "bot> 🔴 Red: no run" in out  # "1" was the walking question's Normal
    assert f"you> bot (toast)> {texts.PRESSED_ALREADY}\n" in out
