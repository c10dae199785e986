"""The services of a running bot process, beside the ones the dialogs see (BotData)."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from telegram.ext import Application, ExtBot

from conversations.clock import TICK_SECONDS
from conversations.context import BotData, CoachContext

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.scheduler import Scheduler
    from conversations.router import DialogRouter

T = TypeVar("T")
CoachApp = Application[ExtBot[Any], CoachContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class _Wired(Generic[T]):
    """A service the application factory sets; reading it before then is a wiring bug."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, holder: None, owner: type) -> _Wired[T]: ...
    @overload
    def __get__(self, holder: object, owner: type) -> T: ...
    def __get__(self, holder: object | None, owner: type) -> T | _Wired[T]:
        if holder is None:
            return self
        value: T | None = vars(holder).get(self._name)
        if value is None:  # pragma: no cover - the factory always sets it
            raise RuntimeError(f"{self._name} not configured")
        return value

    def __set__(self, holder: object, value: T) -> None:
        vars(holder)[self._name] = value


class RuntimeData(BotData):
    """Filled in by the application factory (bot.app)."""

    engine: _Wired[AsyncEngine] = _Wired()
    scheduler: _Wired[Scheduler] = _Wired()

    def __init__(self) -> None:
        super().__init__()
        self.tick_seconds: float = TICK_SECONDS
        self.dialog: DialogRouter | None = None  # the dialogs' state machine
        self.log_salt: bytes = b""  # keys the user tags in log lines (bot.logs.user_tag)
        # Update ids whose user was asked to try again, oldest first (bot.handlers.guard).
        self.told_to_retry: OrderedDict[int, None] = OrderedDict()


class _HasBotData(Protocol):
    @property
    def bot_data(self) -> BotData: ...


def runtime(holder: _HasBotData) -> RuntimeData:
    """The runtime services of an application, or of a handler's context."""
    data = holder.bot_data
    if not isinstance(data, RuntimeData):  # pragma: no cover - the factory always makes one
        raise RuntimeError("not built by bot.app.build_application")
    return data
