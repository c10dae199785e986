"""Who opened the Mini App: the `initData` Telegram hands it, checked as Telegram specifies.

The check itself is `init-data-py`'s `validate_by_hash` (MIT): the secret key is
HMAC-SHA256(key="WebAppData", msg=bot token), the data-check string is every received field but
`hash`, sorted by key and joined with newlines as received, and the hex HMAC-SHA256 of it under
that key must equal `hash` (compared in constant time). Source: core.telegram.org/bots/webapps,
"Validating data received via the Mini App". Around it, this module adds what the library leaves
to its caller: the `Authorization: tma <initData>` header, a size bound, strict UTF-8, `auth_date`
at most 24 hours old on the bot's own clock (and not from the future), and a user in the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

import init_data_py
from init_data_py import errors

SCHEME = "tma"
MAX_AGE = timedelta(hours=24)  # Telegram's own examples assume a day
# A client whose clock runs a little ahead signs a little in the future; more is not a clock.
MAX_AHEAD = timedelta(minutes=5)
# Real initData is well under 2 KB (a user object, a query id, two hashes); nothing legitimate is
# near this, and a bound keeps the parser's work small for strangers' headers.
MAX_BYTES = 8192


class InitDataRefused(Exception):
    """The header does not prove who is asking. `reason` is a short phrase, safe to log and to
    send back (it never holds the data or the token)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MiniAppUser:
    """The Telegram user the validated initData names."""

    id: int
    first_name: str
    language_code: str | None


def verify(header: str | bytes | None, bot_token: str, now: datetime) -> MiniAppUser:
    """The user behind an `Authorization` header (`str` as a web server hands it, with bytes
    beyond ASCII as Latin-1 characters, or the raw `bytes`), checked against `bot_token` at
    `now` (timezone-aware). Raises InitDataRefused: missing, oversized, not UTF-8, not `tma`,
    malformed, forged (another bot's token or a changed field), expired, from the future, or
    naming no user."""
    if header is None or not header:
        raise InitDataRefused("no initData")
    raw = header if isinstance(header, bytes) else _as_bytes(header)
    if len(raw) > MAX_BYTES:
        raise InitDataRefused("initData too large")
    try:
        text = raw.decode("utf-8")
        init_data = init_data_py.strip_auth_header(text, scheme=SCHEME)
        data = init_data_py.validate_by_hash(init_data, bot_token, expires_in=MAX_AGE, now=now)
    except UnicodeDecodeError:
        raise InitDataRefused("initData is not UTF-8") from None
    except errors.ExpiredError:
        raise InitDataRefused("initData expired") from None
    except errors.AuthenticityError:
        raise InitDataRefused("initData signature does not match") from None
    except errors.InvalidInitDataError:
        raise InitDataRefused("initData malformed") from None
    if data.issued_at > now + MAX_AHEAD:
        raise InitDataRefused("initData from the future")
    if data.user is None:
        raise InitDataRefused("initData names no user")
    return MiniAppUser(data.user.id, data.user.first_name, data.user.language_code)


def claimed_language(header: str | bytes | None) -> str | None:
    """The `language_code` the header's initData claims for its user, verified or not; None if
    there is none to read. Only for choosing the words of a refusal: nothing else is taken
    from data that failed (or never had) the check, and a forged language costs the forger
    nothing but the language of the answer they get."""
    if not header:
        return None
    raw = header if isinstance(header, bytes) else _as_bytes(header)
    if len(raw) > MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8")
        scheme, _, init_data = text.strip().partition(" ")
        if scheme.lower() != SCHEME:
            return None
        user = json.loads(dict(parse_qsl(init_data.strip())).get("user", "null"))
    except (UnicodeDecodeError, ValueError):  # json's errors are ValueErrors too
        return None
    code = user.get("language_code") if isinstance(user, dict) else None
    return code if isinstance(code, str) else None


def _as_bytes(header: str) -> bytes:
    """Web servers (tornado among them) hand header bytes over as Latin-1 characters: undo that
    to read them as UTF-8; a string with characters beyond Latin-1 is already text."""
    try:
        return header.encode("latin-1")
    except UnicodeEncodeError:
        return header.encode("utf-8")


def sign(
    user_id: int,
    first_name: str,
    language_code: str | None,
    bot_token: str,
    now: datetime,
) -> str:
    """Fresh initData for a user, as Telegram would make it (the console's local link and the
    tests). The user object is compact JSON, as Telegram sends it."""
    user: dict[str, object] = {"id": user_id, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    return init_data_py.sign(
        {"user": json.dumps(user, separators=(",", ":"), ensure_ascii=False)},
        bot_token,
        auth_date=now,
    )
