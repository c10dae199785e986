"""Logging set-up that can never print the bot token, whatever the level or the traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

# These libraries log full request URLs (which contain the token) at INFO or DEBUG.
_CHATTY = ("httpx", "httpcore", "apscheduler", "aiosqlite", "hpack", "matplotlib")


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[token]")
        return text


def setup_logging(level: str, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
