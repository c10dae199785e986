"""What every handler receives: a ready repository and a clock, never a raw session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock, system_clock

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.scheduler import Scheduler
    from conversations.router import DialogRouter
    from storage.repository import Repository


class BotData:
    """Shared services, filled in by the application factory (PTB builds this with no arguments)."""

    def __init__(self) -> None:
        self.repo: Repository | None = None
        self.clock: Clock = system_clock
        self.engine: AsyncEngine | None = None
        self.scheduler: Scheduler | None = None
        self.tick_seconds: float = 5.0
        self.dialog: DialogRouter | None = None  # the dialogs' state machine
        self.log_salt: bytes = b""  # keys the user tags in log lines (bot.logs.user_tag)


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


CoachApp = Application[ExtBot[Any], CoachContext, dict[Any, Any], dict[Any, Any], BotData, Any]
