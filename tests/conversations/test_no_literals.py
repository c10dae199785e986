"""No user-facing literal stays in the code: with a catalog that turns every piece of marked
text into "§" (and keeps the {placeholders}), a user goes through every feature, and nothing
the bot shows them may still hold a word of English. Only the values filled into the texts
remain, and those must be numbers, times, Babel's Cyrillic dates, or names the user gave."""

from __future__ import annotations

import gettext
import re
from datetime import UTC, datetime, timedelta
from string import Formatter

import pytest

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi, SentMessage
from conversations import i18n
from tests.chat import Chat, FrozenClock
from tests.conftest import tick

MARK = "§"


def marked(message: str) -> str:
    """Every literal stretch of a text becomes one mark; the placeholders stay."""
    out = []
    for literal, field, spec, conversion in Formatter().parse(message):
        if literal.strip():
            out.append(MARK)
        if field is not None:
            conversion_part = "!" + conversion if conversion else ""
            spec_part = ":" + spec if spec else ""
            out.append("{" + field + conversion_part + spec_part + "}")
    return "".join(out)


class Marking(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return marked(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return marked(msgid1 if n == 1 else msgid2)


# What may remain once the marks are gone: the zone, the name and the unknown command the user
# gave, HTML tags, and the languages on their buttons, each named in itself.
ALLOWED = re.compile(r"Europe/Berlin|UTC|Ana|/dance|<[^>]+>|English|Español|Deutsch")


def leftovers(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", ALLOWED.sub("", text.replace(MARK, "")))


def shown(message: SentMessage) -> list[str]:
    markup = message.reply_markup or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [message.text or "", *(str(button["text"]) for row in rows for button in row)]


def tap(chat: Chat, index: int = 0) -> str:
    """The callback data of the index-th button of the newest message with buttons."""
    message = chat.last_with_buttons()
    row_buttons = [b for row in message.reply_markup["inline_keyboard"] for b in row]  # type: ignore[index]
    return str(row_buttons[index]["callback_data"])


@pytest.fixture
def marking(monkeypatch: pytest.MonkeyPatch) -> None:
    real = i18n.translations

    def translations(language: str) -> gettext.NullTranslations:
        return Marking() if language == "ru" else real(language)

    monkeypatch.setattr(i18n, "translations", translations)


async def test_nothing_the_bot_shows_stays_in_english(
    marking: None, app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 16, 20, 0, tzinfo=UTC)  # Friday evening in Berlin
    ana = Chat(app, api, user_id=1001, first_name="Ana", language_code="ru")

    async def press(index: int = 0) -> None:
        await ana.press_data(tap(ana, index), ana.last_with_buttons())

    await ana.send("/checkin")  # not set up yet
    await ana.send("/start")
    await ana.send("nowhere at all")  # a zone it can't place
    await ana.send("Berlin")
    await ana.send("3 am")  # inside the quiet hours
    await ana.send("07:30")
    await ana.send("lunchtime")  # not a time
    await press(2)  # 17:30
    for _ in range(3):
        await press(1)  # no
    await press()  # check in now
    await ana.send("hello")  # not a button
    await press(0)  # leg day
    await press(1)  # moderate
    await press(1)  # not overreached
    await press(1)  # a bit sore
    await press(1)  # no pain: the verdict
    await press(len(ana.last_with_buttons().reply_markup["inline_keyboard"]) - 1)  # type: ignore[index]
    await ana.send("/checkin")  # already checked in today
    await ana.send("/cancel")
    await ana.send("/jog")
    await press(0)  # start 15 minutes: 5 minutes' warm-up, then the timer's cues
    start = clock.now
    for minutes in (5, 12.5, 20):
        clock.now = start + timedelta(minutes=minutes)
        await tick(app)
    await press(1)  # how it felt
    for field in range(9):
        await ana.send("/settings")
        await press(field)
        await ana.send("/cancel")
    await ana.send("/settings")
    await press(7)  # quiet hours
    await ana.send("all night")
    await ana.send("21:00-08:00")  # would cover the morning time
    await press(3)  # none
    await press(9)  # done
    await ana.send("/pause 2")
    await ana.send("/pause forever")
    await ana.send("/resume")
    await ana.send("/history")
    await ana.send("/export")
    await ana.send("/help")
    await ana.send("/dance")
    await ana.send("just chatting")
    await ana.press_data("c:dead:workout:rest", None)  # an old button
    clock.now = datetime(2026, 1, 17, 6, 30, tzinfo=UTC)  # Saturday 07:30: the push
    await tick(app)
    clock.now = datetime(2026, 1, 17, 9, 30, tzinfo=UTC)  # its follow-up
    await tick(app)
    clock.now = datetime(2026, 1, 18, 18, 0, tzinfo=UTC)  # Sunday 19:00: the week
    await tick(app)
    await ana.send("/delete")
    await press(1)  # keep my data

    seen = [text for message in ana.history for text in shown(message)]
    seen += [str(answer.get("text") or "") for answer in api.callback_answers]
    assert len(ana.history) > 60
    assert [(text, leftovers(text)) for text in seen if leftovers(text)] == []
