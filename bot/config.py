"""Settings read from the environment (and an optional `.env`), kept apart from the logic."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
# BotFather tokens look like "123456789:AA...": digits, a colon, then 30+ url-safe characters.
_TOKEN_SHAPE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,}$")


def default_database_url() -> str:
    """A SQLite file in the user's data folder: any working directory finds the same data."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite+aiosqlite:///{base / 'legday-coach' / 'legday.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = Field(default="", repr=False)
    database_url: str = Field(default_factory=default_database_url)
    telegram_base_url: str = TELEGRAM_BASE_URL
    log_level: str = "INFO"
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


def token_looks_valid(token: str) -> bool:
    return bool(_TOKEN_SHAPE.match(token.strip()))
