"""A Telegram user as the tests see one: they type, tap buttons, share a location, and read replies.

Updates go through the real Application (handlers, database, persistence); replies travel over
real HTTP to the local Bot API stand-in, which is where the tests read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from telegram import Update

from bot.runtime import CoachApp, runtime
from bot.standin.local_api import (
    LocalBotApi,
    SentMessage,
    make_callback_update,
    make_document_update,
    make_edited_message_update,
    make_location_update,
    make_text_update,
)
from conversations.planning import plan_morning
from storage.repository import Repository


class Killed(BaseException):
    """The process dies right here: nothing after it runs, and what it had not committed is
    gone (a BaseException passes PTB's error handlers by, as a `kill -9` would)."""


@dataclass
class FrozenClock:
    """The tests' "now": it moves only when a test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def buttons(message: SentMessage) -> list[list[str]]:
    """Button labels row by row, inline or reply keyboard alike."""
    markup = message.reply_markup or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [[b["text"] if isinstance(b, dict) else str(b) for b in row] for row in rows]


def button_data(message: SentMessage, label: str) -> str:
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for button in row:
            if button["text"] == label:
                return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} in {buttons(message)} of {message.text!r}")


@dataclass
class Chat:
    app: CoachApp
    api: LocalBotApi
    user_id: int
    first_name: str = "Ana"
    language_code: str = "en"
    chat_id: int | None = None
    chat_type: str = "private"
    _seen: int = field(default=0, init=False)
    _last_update: dict[str, Any] = field(default_factory=dict, init=False)

    @property
    def cid(self) -> int:
        return self.chat_id if self.chat_id is not None else self.user_id

    @property
    def history(self) -> list[SentMessage]:
        return self.api.messages(self.cid)

    @property
    def last(self) -> SentMessage:
        return self.history[-1]

    def last_with_buttons(self) -> SentMessage:
        for message in reversed(self.history):
            if (message.reply_markup or {}).get("inline_keyboard"):
                return message
        raise AssertionError("no message with buttons yet")

    async def _feed(self, update: dict[str, Any]) -> list[SentMessage]:
        self._last_update = update
        self._seen = len(self.history)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.history[self._seen :]

    async def send(self, text: str) -> list[SentMessage]:
        return await self._feed(
            make_text_update(
                self.user_id,
                text,
                chat_id=self.cid,
                chat_type=self.chat_type,
                first_name=self.first_name,
                language_code=self.language_code,
                date=self.api.now(),
            )
        )

    async def press(
        self, label: str, message: SentMessage | None = None, *, late: bool = False
    ) -> list[SentMessage]:
        """Tap the button with this label on the newest message that has buttons; `late`: the
        press reaches the bot after Telegram stopped taking an answer to it."""
        target = message or self.last_with_buttons()
        return await self.press_data(button_data(target, label), target, late=late)

    async def press_data(
        self, data: str, message: SentMessage | None = None, *, late: bool = False
    ) -> list[SentMessage]:
        target = message or (self.history[-1] if self.history else None)
        update = make_callback_update(
            self.user_id, data, target, chat_id=self.cid, date=self.api.now()
        )
        if late:
            self.api.too_late(update["callback_query"]["id"])
        return await self._feed(update)

    async def redeliver(self) -> list[SentMessage]:
        """Telegram sends the last update again, same update id (as after a crash)."""
        return await self._feed(self._last_update)

    async def send_file(
        self, file_name: str, content: bytes | str, stated_size: int | None = None
    ) -> list[SentMessage]:
        """Send a file as a document: the stand-in keeps it for getFile and the download."""
        data = content.encode() if isinstance(content, str) else content
        document = self.api.upload(data, file_name, stated_size)
        return await self._feed(
            make_document_update(
                self.user_id, document, language_code=self.language_code, date=self.api.now()
            )
        )

    async def share_location(self, latitude: float, longitude: float) -> list[SentMessage]:
        return await self._feed(
            make_location_update(self.user_id, latitude, longitude, self.api.now())
        )

    async def edit(self, text: str) -> list[SentMessage]:
        return await self._feed(make_edited_message_update(self.user_id, text, self.api.now()))

    def texts(self, messages: list[SentMessage]) -> list[str]:
        return [m.text or "" for m in messages]

    def alerts(self) -> list[str]:
        return [str(a.get("text") or "") for a in self.api.callback_answers]


async def onboard(
    chat: Chat,
    zone: str = "Europe/Berlin",
    morning: str = "07:30",
    run: str = "17:30",
    new_runner: str = "No",
    muscle_first: str = "No",
    compression: str = "No",
) -> list[SentMessage]:
    """Complete /start the way a user would, typing the zone and tapping the rest."""
    await chat.send("/start")
    await chat.send(zone)
    await _tap_or_type(chat, morning)
    await _tap_or_type(chat, run)
    await chat.press(new_runner)
    await chat.press(muscle_first)
    return await chat.press(compression)


async def _tap_or_type(chat: Chat, answer: str) -> None:
    """A time offered as a button is tapped; any other time is typed."""
    if any(answer in row for row in buttons(chat.last_with_buttons())):
        await chat.press(answer)
    else:
        await chat.send(answer)


async def check_in(chat: Chat, *answers: str) -> list[SentMessage]:
    """Run /checkin, tapping the given answers in order; returns the replies to the last tap."""
    replies = await chat.send("/checkin")
    for label in answers:
        replies = await chat.press(label)
    return replies


async def seed_set_up_users(repo: Repository, uids: Iterable[int], now: datetime) -> None:
    """Users already through /start (Berlin, 07:30), each with a morning push planned: for
    tests about many users at once, where the dialog itself is not the point."""
    for uid in uids:
        await repo.users.ensure(uid, uid, now)
        user = await repo.users.update(
            uid, now, time_zone="Europe/Berlin", morning_time=time(7, 30), onboarded_at=now
        )
        await plan_morning(repo, user, now)


async def tick(app: CoachApp) -> int:
    """One run of the scheduler, as the repeating job does it: sends whatever is due now."""
    return await runtime(app).scheduler.tick(app.bot)


async def sent_until(
    chat: Chat,
    clock: FrozenClock,
    end: datetime,
    *,
    every: timedelta,
    unit: timedelta = timedelta(minutes=1),
) -> list[tuple[float, str]]:
    """Move the clock on by `every` and run the scheduler, again and again until `end`; for
    each message sent on the way, (time since the start in `unit`s, its text). The time is
    that of the tick that sent it, so a message due between two ticks shows at the later one."""
    start = clock.now
    seen = []
    while clock.now < end:
        clock.now += every
        before = len(chat.history)
        await tick(chat.app)
        seen += [((clock.now - start) / unit, m.text or "") for m in chat.history[before:]]
    return seen
