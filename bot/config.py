"""Settings read from the environment (and an optional `.env`), kept apart from the logic."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
# BotFather tokens look like "123456789:AA...": digits, a colon, then 30+ url-safe characters.
_TOKEN_SHAPE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,}$")
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LOG_LEVELS = frozenset(get_args(LogLevel))
_YES = frozenset({"1", "true", "yes", "on"})
_NO = frozenset({"", "0", "false", "no", "off"})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    """Who may tell us the client's address in X-Forwarded-For (WEBHOOK_TRUSTED_PROXY).

    `any_peer`: the one proxy right in front of us, whatever its address (the setting "1");
    `networks`: proxies by address or network ("127.0.0.1, 10.0.0.0/8"). Neither: no one, and
    the address logged is the connection's own.
    """

    any_peer: bool = False
    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, value: str) -> TrustedProxies:
        """'' or '0' (no one), '1' (the proxy in front), or addresses and networks separated by
        commas or spaces. Raises ValueError naming an entry that is neither."""
        text = value.strip().lower()
        if text in _NO:
            return cls()
        if text in _YES:
            return cls(any_peer=True)
        networks = []
        for entry in re.split(r"[,\s]+", text):
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise ValueError(
                    f"{entry!r} is not an IP address or network; give 1 for the proxy in front "
                    "of the bot, or its addresses, e.g. 127.0.0.1,10.0.0.0/8"
                ) from None
        return cls(networks=tuple(networks))

    def trusts(self, address: str) -> bool:
        if self.any_peer:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def client(self, peer: str, forwarded_for: str | None) -> str:
        """The client's address for the logs: the connection's own (`peer`), unless that is a
        trusted proxy; then the X-Forwarded-For entries are read from the right (each proxy
        appends the address it saw), past the trusted proxies, to the first one that is not.
        With `any_peer`, only the entry our own proxy wrote (the last) is believed."""
        if not forwarded_for or not self.trusts(peer):
            return peer
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if not hops:
            return peer
        if self.any_peer:
            return hops[-1]
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        return hops[0]


def default_database_url() -> str:
    """A SQLite file in the user's data folder: any working directory finds the same data."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite+aiosqlite:///{base / 'legday-coach' / 'legday.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Stripped: a secret file or a copied token often ends in a newline or a space.
    telegram_bot_token: str = Field(default="", repr=False)
    database_url: str = Field(default_factory=default_database_url)
    telegram_base_url: str = TELEGRAM_BASE_URL
    log_level: LogLevel = "INFO"
    # "text" for people, "json" for log collectors: one object per line.
    log_format: Literal["text", "json"] = "text"
    # Keys the short user tags in log lines; by default derived (one-way) from the token.
    log_salt: str = Field(default="", repr=False)
    # Seconds to wait for the Bot API's answer before treating a request as failed.
    telegram_timeout: float = Field(default=10.0, gt=0)
    # Messages per second to all chats together (Telegram's broadcast limit); 0 = no cap,
    # only the retries after a 429.
    send_rate_limit: float = Field(default=30.0, ge=0)
    # How long SQLite waits for another writer before giving up (the user is asked to retry).
    sqlite_busy_timeout_ms: int = 5000
    # Webhook mode (`legday-bot run --webhook`): Telegram posts to WEBHOOK_URL + WEBHOOK_PATH,
    # the bot listens on WEBHOOK_LISTEN:WEBHOOK_PORT (behind a reverse proxy that adds HTTPS).
    webhook_url: str = ""
    webhook_path: str = "/telegram"
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=0, le=65535)
    # Checked on every request; a random one per run when empty.
    webhook_secret: str = Field(default="", repr=False)
    # Whose X-Forwarded-For to believe for the client address in log lines (see TrustedProxies).
    webhook_trusted_proxy: str = ""
    # The Mini App (bot.webapp): the public HTTPS base URL where Telegram clients reach this
    # process's web server (e.g. https://bot.example.com); it serves /app there, on
    # WEBHOOK_LISTEN:WEBHOOK_PORT, in polling mode too. Empty: no Mini App and no button.
    webapp_url: str = ""
    # Run the bot's clock faster (demos and end-to-end tests of timers): 60 = a minute a second.
    clock_speed: float = Field(default=1.0, gt=0)
    # Start the bot's clock at this instant (ISO 8601 with its offset, e.g.
    # 2026-03-29T00:58:00Z): demos of a given morning, end-to-end tests at any hour.
    clock_start: datetime | None = None

    @field_validator("clock_start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("give the offset too, e.g. 2026-03-29T06:00:00+02:00 or ...Z")
        return value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        level = value.strip().upper()
        level = "WARNING" if level == "WARN" else level
        if level not in LOG_LEVELS:
            raise ValueError(
                f"{value.strip()!r} is not a log level; give one of DEBUG, INFO, WARNING "
                "(or WARN), ERROR, CRITICAL, in any case"
            )
        return level

    @field_validator("telegram_bot_token", "webhook_secret", "log_salt", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("webapp_url")
    @classmethod
    def _https(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
            raise ValueError(
                "Telegram opens Mini Apps only over HTTPS: give the public base URL, e.g. "
                "https://bot.example.com"
            )
        return value.rstrip("/")

    @property
    def webapp_page(self) -> str:
        """The Mini App's address for buttons, or "" when WEBAPP_URL is not set."""
        return f"{self.webapp_url}/app" if self.webapp_url else ""

    @field_validator("webhook_trusted_proxy")
    @classmethod
    def _proxies(cls, value: str) -> str:
        TrustedProxies.parse(value)  # raises ValueError naming the bad entry
        return value

    @property
    def trusted_proxies(self) -> TrustedProxies:
        return TrustedProxies.parse(self.webhook_trusted_proxy)


def token_looks_valid(token: str) -> bool:
    return bool(_TOKEN_SHAPE.match(token.strip()))
