"""PTB persistence for dialog states, kept in the bot's own database instead of a pickle file.

Only conversation states are persisted: answers live in our own tables, written as they arrive.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, ConversationHandler, PersistenceInput
from telegram.ext._utils.trackingdict import TrackingDict
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from conversations.clock import Clock
from storage.repository import Repository


class DatabasePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], Any]):
    def __init__(self, repo: Repository, clock: Clock) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=60,
        )
        self._repo = repo
        self._clock = clock
        # What this process last wrote (or loaded) per dialog: the dialogs store their next
        # state early (store_now), so PTB's own write after the handler is usually a repeat.
        self._written: dict[tuple[str, str], object | None] = {}

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await self._repo.load_conversations(name)
        self._written.update({(name, key): state for key, state in stored.items()})
        return {tuple(json.loads(key)): state for key, state in stored.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        await self.store_now(name, key, new_state)

    async def store_now(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        """Write a dialog's state at once; a state already written is not written again."""
        stored_key = json.dumps(list(key))
        slot = (name, stored_key)
        if slot in self._written and self._written[slot] == new_state:
            return
        await self._repo.save_conversation(name, stored_key, new_state, self._clock())
        self._written[slot] = new_state

    def adopt(self, dialog: ConversationHandler[Any], key: ConversationKey, stored: Any) -> None:
        """Make the dialog's state in memory what the database says before an update is
        handled. PTB reads dialog states once, at start; with several processes on one
        database (webhooks behind a load balancer) another process may have moved this
        user's dialog on since. PTB has no public way to refresh one, hence its private dict,
        changed without marking it written (it already is)."""
        conversations = dialog._conversations
        if conversations.get(key) == stored:
            return
        if isinstance(conversations, TrackingDict):
            if stored is None:
                conversations.data.pop(key, None)
            else:
                conversations.update_no_track({key: stored})
        self._written[(dialog.name or "", json.dumps(list(key)))] = stored

    # Nothing below is stored: the store_data flags above tell PTB not to ask for it.
    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> Any:
        return None

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: Any) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Any) -> None:
        return None

    async def flush(self) -> None:
        return None
