"""The bot token never reaches a log line, whatever the level or the traceback."""

from __future__ import annotations

import io
import logging

from bot.logs import setup_logging
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
