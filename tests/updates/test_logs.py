"""Log lines: one per update, the user only as a tag, and never the token, in either format."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from bot.logs import log_salt, setup_logging, user_tag
from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from tests.chat import Chat, check_in, onboard
from tests.conftest import TOKEN


def test_the_token_is_redacted_from_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    setup_logging("DEBUG", secrets=[TOKEN])
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    log = logging.getLogger("telegram.test")

    log.debug("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        log.exception("send failed")

    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("[token]") == 2
    assert "Traceback" in output


def test_http_client_request_lines_are_kept_quiet() -> None:
    setup_logging("DEBUG", secrets=[TOKEN])

    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING


@pytest.fixture
def captured() -> Iterator[Callable[..., io.StringIO]]:
    """Logging as `legday-bot` sets it up, written to a string; restored afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "tornado")}

    def capture(log_format: str, level: str = "INFO") -> io.StringIO:
        stream = io.StringIO()
        setup_logging(level, secrets=[TOKEN, SECRET], log_format=log_format)
        handler = root.handlers[0]
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(stream)
        return stream

    yield capture
    root.handlers[:], level = saved
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


USER = 987654321  # distinctive: it must not show up anywhere in the logs
SECRET = "webhook-secret-abcdefghijklmnopqrstuvwxyz"


def _update_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if " bot.updates: " in line]


async def test_each_update_gets_one_line_with_id_handler_time_and_a_user_tag(
    app: CoachApp, api: LocalBotApi, captured: Callable[..., io.StringIO]
) -> None:
    stream = captured("text")
    ana = Chat(app, api, user_id=USER)

    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Stiff and sore")

    output = stream.getvalue()
    lines = _update_lines(output)
    assert len(lines) == 7 + 3  # /start, the zone, five taps; /checkin and two taps
    pattern = re.compile(
        r"INFO bot\.updates: update (\d+) handler=(\S+) ms=(\d+\.\d) user=([0-9a-f]{8})$"
    )
    matches = [pattern.search(line) for line in lines]
    assert all(matches), lines
    handlers = [m.group(2) for m in matches if m]
    assert handlers[0] == "onboarding.start"
    assert handlers[7] == "checkin.begin"
    assert handlers[8] == "checkin.on_button[checkin:workout]"
    assert handlers[9] == "checkin.on_button[checkin:walking]"
    assert len({m.group(4) for m in matches if m}) == 1  # one user, one tag
    assert str(USER) not in output  # at INFO; PTB's DEBUG lines carry chat ids and texts
    assert TOKEN not in output


async def test_the_token_and_secret_never_appear_even_at_debug(
    app: CoachApp, api: LocalBotApi, captured: Callable[..., io.StringIO]
) -> None:
    for user, log_format in enumerate(("text", "json"), start=USER):
        stream = captured(log_format, "DEBUG")
        await onboard(Chat(app, api, user_id=user))
        logging.getLogger("telegram.test").debug("calling /bot%s/getMe, %s", TOKEN, SECRET)

        output = stream.getvalue()
        assert "Calling Bot API endpoint `sendMessage`" in output  # DEBUG lines were written
        assert "[token]" in output
        assert TOKEN not in output and TOKEN.split(":")[1] not in output
        assert SECRET not in output


async def test_a_dropped_update_and_a_failed_one_are_logged_too(
    app: CoachApp, api: LocalBotApi, captured: Callable[..., io.StringIO]
) -> None:
    stream = captured("text")
    ana = Chat(app, api, user_id=USER)
    await ana.send("/help")
    await ana.redeliver()  # the guard drops it: already handled
    api.fail_next("sendMessage", 400, "Bad Request: something odd")
    await ana.send("/help")

    lines = _update_lines(stream.getvalue())
    assert [line.split("handler=")[1].split()[0] for line in lines] == [
        "general.help_command",
        "handlers.guard",
        "general.help_command",
    ]
    assert lines[0].split()[4] == lines[1].split()[4]  # the same update id twice
    assert "error=" not in lines[0] and lines[2].endswith("error=BadRequest")


async def test_json_logs_are_one_object_per_line_with_the_fields(
    app: CoachApp, api: LocalBotApi, captured: Callable[..., io.StringIO]
) -> None:
    stream = captured("json")
    ana = Chat(app, api, user_id=USER)
    await ana.send("/help")
    logging.getLogger("telegram.test").warning("calling /bot%s/getMe with %s", TOKEN, SECRET)

    output = stream.getvalue()
    entries = [json.loads(line) for line in output.splitlines()]
    (update,) = [e for e in entries if e["logger"] == "bot.updates"]
    assert update["level"] == "INFO"
    assert update["handler"] == "general.help_command"
    assert isinstance(update["update_id"], int) and isinstance(update["duration_ms"], float)
    assert re.fullmatch(r"[0-9a-f]{8}", update["user"])
    assert update["message"].startswith(f"update {update['update_id']} handler=")
    assert datetime.fromisoformat(update["time"]).tzinfo is not None
    assert entries[-1]["message"] == "calling /bot[token]/getMe with [token]"
    assert str(USER) not in output and TOKEN not in output and SECRET not in output


def test_json_tracebacks_are_redacted_too(captured: Callable[..., io.StringIO]) -> None:
    stream = captured("json")
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logging.getLogger("telegram.test").exception("send failed")

    (entry,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert entry["message"] == "send failed"
    assert "Traceback" in entry["exception"] and "/bot[token]/sendMessage" in entry["exception"]
    assert TOKEN not in stream.getvalue()


def test_user_tags_are_short_stable_and_keyed() -> None:
    salt = log_salt(TOKEN)
    assert user_tag(USER, salt) == user_tag(USER, salt)
    assert user_tag(USER, salt) != user_tag(USER + 1, salt)
    assert user_tag(USER, salt) != user_tag(USER, log_salt("42:" + "x" * 35))
    assert user_tag(USER, salt) != user_tag(USER, log_salt(TOKEN, configured="own salt"))
    assert TOKEN.split(":")[1].encode() not in salt
