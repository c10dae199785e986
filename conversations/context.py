"""What every handler receives: a ready repository and a clock, never a raw session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ExtBot

from conversations.clock import Clock, system_clock

if TYPE_CHECKING:
    from storage.repository import Repository


class BotData:
    """The services the dialogs use, filled in by the application factory (PTB builds this
    with no arguments; the runtime keeps its own services in a subclass, bot.runtime)."""

    def __init__(self) -> None:
        self.repo: Repository | None = None
        self.clock: Clock = system_clock
        # The Mini App's page (WEBAPP_URL + "/app"), or "" when it is off: no button then.
        self.webapp_page: str = ""


class CoachContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def repo(self) -> Repository:
        repo = self.bot_data.repo
        if repo is None:  # pragma: no cover - the factory always sets it
            raise RuntimeError("repository not configured")
        return repo

    @property
    def clock(self) -> Clock:
        return self.bot_data.clock
