"""Telegram's limits in one place, and the one way to stay inside them.

Source: the Bot API documentation (sendMessage: text 1-4096 characters after entities parsing;
sendPhoto and sendDocument: caption 0-1024; InlineKeyboardButton: callback_data 1-64 bytes;
answerCallbackQuery: text 0-200) and the field (at most 100 buttons in an inline keyboard, else
"reply markup is too long"). Telegram does not say in which unit it counts characters, and
reports disagree, so lengths here are UTF-16 code units, the stricter reading (an emoji is
two): a text that fits here fits Telegram either way. The local Bot API stand-in
(bot/standin/local_api.py) counts the same way and refuses with Telegram's words.

Everything the bot sends passes through here: `split` for a message text (long texts become
several messages, cut at paragraphs, then lines, then words), `caption` for a file's caption,
`echo` for anything the user typed that a reply repeats, `fit` where a text must stay one
message (a push). Pure functions of strings: no Telegram, no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MAX_TEXT = 4096  # a message text, after entities parsing
MAX_CAPTION = 1024  # a photo's or a document's caption
MAX_CALLBACK_DATA = 64  # bytes of UTF-8 in one button's callback_data
MAX_BUTTONS = 100  # buttons in one inline keyboard
MAX_ALERT = 200  # the text of an answer to a button press
MAX_ECHO = 64  # what a reply repeats of the user's own words
ELLIPSIS = "…"

_TAG = re.compile(r"<[^>]*>")


def length(text: str) -> int:
    """Telegram's length of a plain text: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def html_length(text: str) -> int:
    """Telegram's length of an HTML text (parse_mode HTML): what remains once parsed."""
    return length(plain(text))


def plain(text: str) -> str:
    """An HTML text as the user reads it: tags dropped, entities unescaped."""
    return html.unescape(_TAG.sub("", text))


def _prefix(text: str, budget: int) -> str:
    """The longest start of `text` within `budget` UTF-16 units, never half a character."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            return text[:index]
    return text


def shorten(text: str, limit: int) -> str:
    """`text` itself if it fits in `limit` units, else its start (at a word boundary when one
    is near) and an ellipsis, `limit` units at most. Raises ValueError for a limit under 1."""
    if limit < 1:
        raise ValueError(f"no room for any text: limit {limit}")
    if length(text) <= limit:
        return text
    start = _prefix(text, limit - length(ELLIPSIS))
    space = start.rfind(" ")
    if space >= len(start) * 3 // 4:  # a word boundary not far back: cut there
        start = start[:space]
    return start.rstrip() + ELLIPSIS


def echo(typed: str, limit: int = MAX_ECHO) -> str:
    """What a reply may repeat of the user's own words: one line, at most `limit` units."""
    return shorten(" ".join(typed.split()), limit)


def caption(text: str) -> str:
    """A caption within Telegram's 1024."""
    return shorten(text, MAX_CAPTION)


def fit(text: str, limit: int = MAX_TEXT) -> str:
    """A text that must stay one message (a push): shortened if over `limit`."""
    return shorten(text, limit)


def alert(text: str) -> str:
    """The text of an answer to a button press, within Telegram's 200."""
    return shorten(text, MAX_ALERT)


def _cut(text: str, limit: int) -> list[str]:
    """Pieces of `text`, each within `limit` units: cut at a paragraph break, else a line
    break, else a space, late enough to fill at least half a message; a word longer than a
    message is cut hard."""
    pieces: list[str] = []
    rest = text
    while length(rest) > limit:
        head = _prefix(rest, limit)
        # The last paragraph break in the second half of the room, else line break, else space.
        cuts = [head.rfind(mark) for mark in ("\n\n", "\n", " ")]
        cut = next((c for c in cuts if c >= len(head) // 2), max(cuts[-1], 0)) or len(head)
        piece, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if piece:
            pieces.append(piece)
    if rest.strip():
        pieces.append(rest)
    return pieces


def split(text: str, limit: int = MAX_TEXT) -> list[str]:
    """A plain text as the messages it takes: itself if it fits, else pieces of at most
    `limit` units cut at paragraphs, lines or words. An empty or blank text is one empty
    piece, which Telegram refuses: the caller never has nothing to say."""
    if length(text) <= limit:
        return [text]
    return _cut(text, limit)


def pack(blocks: Sequence[str], limit: int = MAX_TEXT, *, as_html: bool = False) -> list[str]:
    """Blocks (paragraphs, a table) joined by blank lines into as few messages as fit in
    `limit`, never cutting a block that fits one message. With `as_html`, lengths count as
    parsed, and a block too long for a message on its own is sent as its plain words cut to
    size (escaped), so no piece ever holds half a tag."""
    measure = html_length if as_html else length
    pieces: list[str] = []
    for block in blocks:
        if not block.strip():
            continue
        if measure(block) > limit:
            if as_html:
                cut = _cut(plain(block), limit)
                pieces += [html.escape(part, quote=False) for part in cut]
            else:
                pieces += _cut(block, limit)
            continue
        if pieces and measure(f"{pieces[-1]}\n\n{block}") <= limit:
            pieces[-1] = f"{pieces[-1]}\n\n{block}"
        else:
            pieces.append(block)
    return pieces
