"""The dialogs' state machine: which handler takes an update, by where the user's dialog stands.

It does what python-telegram-bot's ConversationHandler does for our dialogs (entry points, the
handlers of each state, fallbacks, re-entry, END), but keeps no state of its own: the state is
the one `handlers.guard` read from the database for this very update, and the state a handler
moves to is stored with the update (see conversations.common.remember). So several processes
on one database keep each dialog in step, whichever of them gets the next update.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Final, cast

from telegram import Update
from telegram.ext import Application, BaseHandler, ConversationHandler

from conversations.common import current_update, remember
from conversations.context import CoachContext

log = logging.getLogger(__name__)

END: Final = ConversationHandler.END  # what a handler returns to leave the dialog
Handlers = Sequence[BaseHandler[Any, Any, Any]]
Route = tuple[BaseHandler[Any, Any, Any], object]


class DialogRouter(BaseHandler[Update, CoachContext, None]):
    """Entry points are tried first while no dialog runs or, with `allow_reentry`, always;
    then the handlers of the current state, then the fallbacks. A handler returns the next
    state, END to leave the dialog, or None to stay where it is."""

    def __init__(
        self,
        *,
        entry_points: Handlers,
        states: Mapping[object, Handlers],
        fallbacks: Handlers,
        allow_reentry: bool = False,
    ) -> None:
        super().__init__(_never_called)
        self.entry_points = list(entry_points)
        self.states = {state: list(handlers) for state, handlers in states.items()}
        self.fallbacks = list(fallbacks)
        self.allow_reentry = allow_reentry

    def check_update(self, update: object) -> Route | None:
        if not isinstance(update, Update) or update.channel_post or update.edited_channel_post:
            return None
        if update.effective_chat is None or update.effective_user is None:
            return None
        opened = current_update()
        state = opened.dialog_state if opened is not None else None
        if state is None or self.allow_reentry:
            route = _first_match(self.entry_points, update)
            if route is not None or state is None:
                return route
        return _first_match(self.states.get(state, ()), update) or _first_match(
            self.fallbacks, update
        )

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, CoachContext, Any, Any, Any, Any],
        check_result: object,
        context: CoachContext,
    ) -> None:
        handler, check = cast(Route, check_result)  # what check_update returned
        new_state = await handler.handle_update(update, application, check, context)
        if new_state is None:
            return
        if new_state != END and new_state not in self.states:
            log.warning("a dialog step returned the unknown state %r", new_state)
        state = None if new_state == END else new_state
        opened = current_update()
        if opened is None or opened.dialog_state != state:  # else the step stored it already
            await remember(update, context, state)


def _first_match(handlers: Handlers, update: Update) -> Route | None:
    for handler in handlers:
        check = handler.check_update(update)
        if check is not None and check is not False:
            return handler, check
    return None


async def _never_called(update: Update, context: CoachContext) -> None:
    raise RuntimeError("the router hands each update to one of its handlers")
