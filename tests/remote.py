"""A real `legday-bot run` process and a user talking to it through the Bot API stand-in.

Used where only a separate process will do: long polling end to end, and `kill -9`.
Every process starts with its clock at a chosen instant (`CLOCK_START`), never at the hour the
suite happens to run, and belongs to the `bot_process` fixture, which stops it at teardown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from bot.standin.local_api import (
    LocalBotApi,
    SentMessage,
    make_callback_update,
    make_text_update,
    stand_in_token,
)
from conversations.clock import running_clock

TOKEN = stand_in_token("tests")

# The instants a clock-dependent end-to-end test runs at (`@pytest.mark.any_hour`): CI starts
# whenever a session stops, so the product must behave at every one of them.
INSTANTS: dict[str, datetime] = {
    "midday UTC": datetime(2026, 6, 10, 12, 0, tzinfo=UTC),
    "23:30 UTC": datetime(2026, 1, 13, 23, 30, tzinfo=UTC),
    # 00:05 local, summer time in Berlin, winter time in New York.
    "after midnight in Berlin": datetime(2026, 7, 14, 22, 5, tzinfo=UTC),
    "after midnight in New York": datetime(2026, 1, 14, 5, 5, tzinfo=UTC),
    # 01:58 in Berlin two minutes before the clocks jump to 03:00 (29 March 2026).
    "Berlin springs forward": datetime(2026, 3, 29, 0, 58, tzinfo=UTC),
}
# Where a test does not sweep the instants, it runs at this one.
MIDDAY = INSTANTS["midday UTC"]


def bot_env(home: Path, at: datetime = MIDDAY, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_", "CLOCK_"))
    }
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        HOME=str(home),
        PYTHONUNBUFFERED="1",
        CLOCK_START=at.isoformat(),
    )
    env.update(extra)
    return env


def legday_bot(
    home: Path, *args: str, stdin: str = "", at: datetime = MIDDAY, **env: str
) -> subprocess.CompletedProcess[str]:
    """`legday-bot ARGS` run to its end in `home`, as a newcomer would type it, its clock
    starting `at` (a timeout kills it: nothing outlives the test)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=home,
        env=bot_env(home, at, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class BotProcess:
    """`legday-bot run` in `home`; made by the `bot_process` fixture, which closes it."""

    api: LocalBotApi
    home: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ("run",)
    at: datetime = MIDDAY
    proc: subprocess.Popen[bytes] | None = None
    log: IO[str] | None = None
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> None:
        # Logs go to a file, not a pipe: an unread pipe fills up and stalls the bot.
        if self.log is None:
            self.log = (self.home / "bot.log").open("a+")
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": self.api.base_url}
        env.update(self.extra_env)  # a test's own settings win, the token too
        # Telegram's dates follow the process's clock, which starts at `at` as this one does.
        self.api.clock = running_clock(1.0, self.at)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *self.args],
            cwd=self.home,
            env=bot_env(self.home, self.at, **env),
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.started.append(self.proc)

    def log_text(self) -> str:
        """What the bot has logged so far, while it runs."""
        return (self.home / "bot.log").read_text()

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> str:
        """Stop gracefully (Ctrl-C) and return everything the bot logged."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=30)
        return self.log_text()

    def close(self) -> None:
        """Whatever happened in the test: every process this started is gone afterwards."""
        for proc in self.started:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
        if self.log is not None:
            self.log.close()
            self.log = None


@dataclass
class RemoteChat:
    """A user whose updates reach the bot by long polling, as from Telegram."""

    api: LocalBotApi
    user_id: int
    timeout: float = 20.0

    @property
    def history(self) -> list[SentMessage]:
        return self.api.messages(self.user_id)

    def _deliver(self, update: dict[str, object], replies: int) -> list[SentMessage]:
        before = len(self.history)
        self.api.push_update(update)
        assert self.api.wait_for(lambda: len(self.history) >= before + replies, self.timeout), [
            m.text for m in self.history[before:]
        ]
        return self.history[before:]

    def say(self, text: str, replies: int = 1) -> list[SentMessage]:
        return self._deliver(make_text_update(self.user_id, text, date=self.api.now()), replies)

    def tap(self, label: str, replies: int = 1) -> list[SentMessage]:
        for message in reversed(self.history):
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label:
                        update = make_callback_update(
                            self.user_id, button["callback_data"], message, date=self.api.now()
                        )
                        return self._deliver(update, replies)
        raise AssertionError(f"no button {label!r}")

    def wait_for_text(self, start: str, timeout: float = 30.0) -> SentMessage:
        def found() -> bool:
            return any((m.text or "").startswith(start) for m in self.history)

        assert self.api.wait_for(found, timeout), [m.text for m in self.history[-5:]]
        return next(m for m in self.history if (m.text or "").startswith(start))

    def count(self, start: str) -> int:
        return sum((m.text or "").startswith(start) for m in self.history)

    def onboard(self) -> None:
        self.say("/start", replies=2)
        self.say("Berlin", replies=2)
        for label in ("07:30", "17:30", "No", "No", "No"):
            self.tap(label)
