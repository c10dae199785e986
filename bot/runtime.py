"""The services of a running bot process, beside the ones the dialogs see (BotData)."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Protocol

from telegram.ext import Application, ExtBot

from conversations.clock import TICK_SECONDS
from conversations.context import BotData, CoachContext

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.scheduler import Scheduler
    from conversations.router import DialogRouter

CoachApp = Application[ExtBot[Any], CoachContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class RuntimeData(BotData):
    """Filled in by the application factory (bot.app)."""

    def __init__(self) -> None:
        super().__init__()
        self._engine: AsyncEngine | None = None
        self._scheduler: Scheduler | None = None
        self.tick_seconds: float = TICK_SECONDS
        self.dialog: DialogRouter | None = None  # the dialogs' state machine
        self.log_salt: bytes = b""  # keys the user tags in log lines (bot.logs.user_tag)
        # Update ids whose user was asked to try again, oldest first (bot.handlers.guard).
        self.told_to_retry: OrderedDict[int, None] = OrderedDict()

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:  # pragma: no cover - the factory always sets it
            raise RuntimeError("engine not configured")
        return self._engine

    @engine.setter
    def engine(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @property
    def scheduler(self) -> Scheduler:
        if self._scheduler is None:  # pragma: no cover - the factory always sets it
            raise RuntimeError("scheduler not configured")
        return self._scheduler

    @scheduler.setter
    def scheduler(self, scheduler: Scheduler) -> None:
        self._scheduler = scheduler


class _HasBotData(Protocol):
    @property
    def bot_data(self) -> BotData: ...


def runtime(holder: _HasBotData) -> RuntimeData:
    """The runtime services of an application, or of a handler's context."""
    data = holder.bot_data
    if not isinstance(data, RuntimeData):  # pragma: no cover - the factory always makes one
        raise RuntimeError("not built by bot.app.build_application")
    return data
