"""A real `legday-bot run` process and a user talking to it through the Bot API stand-in.

Used where only a separate process will do: long polling end to end, and `kill -9`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.local_api import LocalBotApi, SentMessage, make_callback_update, make_text_update
from tests.conftest import TOKEN


def bot_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(XDG_DATA_HOME=str(home / "data"), HOME=str(home), PYTHONUNBUFFERED="1", **extra)
    return env


def legday_bot(
    home: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """`legday-bot ARGS` run to its end in `home`, as a newcomer would type it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=home,
        env=bot_env(home, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass
class BotProcess:
    api: LocalBotApi
    home: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ("run",)
    proc: subprocess.Popen[bytes] | None = None
    log: IO[str] | None = None

    def start(self) -> None:
        # Logs go to a file, not a pipe: an unread pipe fills up and stalls the bot.
        self.log = (self.home / "bot.log").open("a+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *self.args],
            cwd=self.home,
            env=bot_env(
                self.home,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_BASE_URL=self.api.base_url,
                **self.extra_env,
            ),
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

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
        assert self.log is not None
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        return text


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
        return self._deliver(make_text_update(self.user_id, text), replies)

    def tap(self, label: str, replies: int = 1) -> list[SentMessage]:
        for message in reversed(self.history):
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label:
                        update = make_callback_update(
                            self.user_id, button["callback_data"], message
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
