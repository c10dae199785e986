"""Logging set-up that can never print the bot token, whatever the level, format or traceback."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

# These libraries log full request URLs (which contain the token) at INFO or DEBUG.
_CHATTY = ("httpx", "httpcore", "apscheduler", "aiosqlite", "hpack", "matplotlib", "tornado")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Everything a LogRecord carries by itself; whatever else it has came in through `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[token]")
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class JsonFormatter(RedactingFormatter):
    """One JSON object per line: time, level, logger, message, then any `extra=` fields.

    Redaction runs on the finished line, so a secret is caught in any field, tracebacks too
    (tokens and webhook secrets use only characters JSON never escapes)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__("%(message)s", secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return self.redact(json.dumps(entry, default=str, ensure_ascii=False))


def _not_a_start_up_abort(record: logging.LogRecord) -> bool:
    """PTB logs a start-up that cannot reach the Bot API, or whose token is refused, with a
    traceback ("Network Retry Loop (Bootstrap ...) ... Aborting"); bot.cli says it in one line
    instead. Its retries once running are still logged."""
    if record.levelno < logging.ERROR or not record.name.startswith("telegram.ext"):
        return True
    prefix = record.args[0] if isinstance(record.args, tuple) and record.args else ""
    return not (isinstance(prefix, str) and "(Bootstrap" in prefix and "Abort" in str(record.msg))


def setup_logging(level: str, secrets: Iterable[str] = (), log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_not_a_start_up_abort)
    secrets = list(secrets)
    if log_format == "json":
        handler.setFormatter(JsonFormatter(secrets))
    else:
        handler.setFormatter(RedactingFormatter(TEXT_FORMAT, secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
    redactor = RedactingFormatter(TEXT_FORMAT, secrets)

    def _uncaught(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        """A crash's traceback goes through the same redaction: PTB quotes the token in some
        error messages (InvalidToken)."""
        text = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(redactor.redact(text))

    sys.excepthook = _uncaught


def log_salt(token: str, configured: str = "") -> bytes:
    """The key for user tags: LOG_SALT if set, else one derived from the token through a one-way
    HMAC, so tags stay stable for one bot, differ between bots, and reveal nothing of the token."""
    if configured:
        return configured.encode()
    return hmac.new(token.encode(), b"legday-coach user tags", hashlib.sha256).digest()


def user_tag(user_id: int | None, salt: bytes) -> str:
    """8 hex characters that tell a user's log lines apart without naming the user."""
    if user_id is None:
        return "-"
    return hmac.new(salt, str(user_id).encode(), hashlib.sha256).hexdigest()[:8]
