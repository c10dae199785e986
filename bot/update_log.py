"""One log line per update: its id, the handler that answered it, the time taken, a user tag.

PTB does not say which handler took an update, so every handler callback is wrapped to note its
name on a per-update trace, and the Application's `process_update` writes the line once all
groups have run. That covers updates the guard drops too, which a closing handler would miss.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, BaseHandler

from bot.logs import user_tag
from bot.runtime import runtime
from conversations import i18n
from conversations.common import opened_update
from conversations.context import BotData, CoachContext
from conversations.router import DialogRouter

log = logging.getLogger("bot.updates")
Callback = Callable[[Any, Any], Coroutine[Any, Any, Any]]
# Callbacks that run for every update; they name the handler only when they stopped it.
_AROUND = frozenset({"handlers.guard", "handlers.finish_update"})


@dataclass
class _Trace:
    handlers: list[str] = field(default_factory=list)
    stopped_by: str | None = None
    error: str | None = None


_current: ContextVar[_Trace | None] = ContextVar("legday_update_trace", default=None)


def callback_name(callback: Callable[..., Any], state: object = None) -> str:
    """`onboarding.start`, or `checkin.on_button[checkin:walking]` for a dialog step: the
    module's own name, the function (closures without their factory), the dialog state."""
    module = (getattr(callback, "__module__", None) or "").rsplit(".", 1)[-1]
    function = getattr(callback, "__qualname__", repr(callback)).rsplit(".<locals>.", 1)[-1]
    return f"{module}.{function}" + (f"[{state}]" if state is not None else "")


def traced(callback: Callback, state: object = None) -> Callback:
    if getattr(callback, "__traced__", False):
        return callback
    name = callback_name(callback, state)

    @functools.wraps(callback)
    async def wrapper(update: Any, context: Any) -> Any:
        trace = _current.get()
        if trace is not None:
            trace.handlers.append(name)
        try:
            return await callback(update, context)
        except ApplicationHandlerStop:
            if trace is not None:
                trace.stopped_by = name
            raise
        except Exception as exc:
            if trace is not None:
                trace.error = type(exc).__name__
            raise

    wrapper.__traced__ = True  # type: ignore[attr-defined]
    return wrapper


def instrument(handler: BaseHandler[Any, Any, Any], state: object = None) -> None:
    """Wrap the callback of `handler`, or of every handler inside the dialogs' router."""
    if isinstance(handler, DialogRouter):
        for each in chain(handler.entry_points, handler.fallbacks):
            instrument(each)
        for inner_state, handlers in handler.states.items():
            for each in handlers:
                instrument(each, inner_state)
        return
    handler.callback = traced(handler.callback, state)


class CoachApplication(
    Application[Any, CoachContext, dict[Any, Any], dict[Any, Any], BotData, Any]
):
    """PTB's Application plus the per-update log line, and a way to wait for one update."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._waiting: dict[int, asyncio.Future[bool]] = {}

    def processed(self, update: Update) -> asyncio.Future[bool]:
        """Done once this very update object has been through every handler group (the
        webhook answers Telegram only then): True, or False if the guard could not check it
        (bot.handlers.guard), so Telegram should deliver it again."""
        future = asyncio.get_running_loop().create_future()
        self._waiting[id(update)] = future
        return future

    async def process_update(self, update: object) -> None:
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        trace = _Trace()
        reset = _current.set(trace)
        started = time.perf_counter()
        repo = self.bot_data.repo
        checked = True
        try:
            with opened_update() as opened, i18n.one_update():
                # One transaction for the update's own writes (see Repository.one_update).
                async with repo.one_update() if repo else contextlib.nullcontext():
                    await super().process_update(update)
                checked = not opened.unchecked
        finally:
            _current.reset(reset)
            elapsed_ms = (time.perf_counter() - started) * 1000
            self._log(update, trace, elapsed_ms)
            waiting = self._waiting.pop(id(update), None)
            if waiting is not None and not waiting.done():
                waiting.set_result(checked)

    def _log(self, update: Update, trace: _Trace, elapsed_ms: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        main = [name for name in trace.handlers if name not in _AROUND]
        handler = ",".join(main) or trace.stopped_by or "-"
        user = update.effective_user.id if update.effective_user else None
        fields: dict[str, Any] = {
            "update_id": update.update_id,
            "handler": handler,
            "duration_ms": round(elapsed_ms, 1),
            "user": user_tag(user, runtime(self).log_salt),
        }
        text = "update {update_id} handler={handler} ms={duration_ms} user={user}"
        if trace.error is not None:
            fields["error"] = trace.error
            text += " error={error}"
        log.info(text.format(**fields), extra=fields)
