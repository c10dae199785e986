"""`legday-bot console`: talk to the real bot in a terminal, no token and no Telegram needed.

The same Application, handlers, database and scheduler run as in production; only Telegram is
replaced by the local Bot API stand-in, to which this console plays the user. Buttons appear as
numbered choices; whatever the bot sends later (a push, a timer cue) is printed when it arrives.
"""

from __future__ import annotations

import asyncio
import getpass
import html
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from sqlalchemy.engine import make_url
from telegram import Update

from bot.app import build_application, migrate, on_shutdown, on_startup
from bot.config import Settings
from bot.initdata import sign
from bot.runtime import runtime
from bot.standin.local_api import (
    LocalBotApi,
    SentMessage,
    make_callback_update,
    make_document_update,
    make_location_update,
    make_text_update,
    stand_in_token,
)
from bot.webapp import PAGE_PATH, bind, webapp_server
from conversations.clock import clock_for
from conversations.typed import newest_keyboard_message
from storage.db import create_engine, make_session_factory, sqlite_path
from storage.repository import Repository

_TAG = re.compile(r"</?[a-z]+[^>]*>")
CONSOLE_TOKEN = stand_in_token("console")  # never sent to Telegram
USER_ID = 1
# How long the bot must stay silent before an update counts as answered (seconds).
QUIET = 0.3
NEUTRAL_NAME = "Runner"
# User ids below these are the system's own accounts (root, daemon, www-data, a container's
# default user), not a person's: the UID_MIN of Debian and most Linux distributions, and the
# first user id macOS gives a person. 65534 is "nobody" everywhere.
FIRST_PERSONAL_UID = 501 if sys.platform == "darwin" else 1000
NOBODY_UID = 65534


def console_name() -> str:
    """The console user's first name when --name gives none: the OS account's, capitalised,
    when the account is a person's; NEUTRAL_NAME for root, a service account, or an account
    that cannot be read (a bot that greets "Root" reads as a mistake)."""
    try:
        account = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return NEUTRAL_NAME
    if sys.platform != "win32":
        uid = os.getuid()
        if uid < FIRST_PERSONAL_UID or uid >= NOBODY_UID:
            return NEUTRAL_NAME
    return account.capitalize() if account.isalpha() else NEUTRAL_NAME


@dataclass
class Choice:
    label: str
    callback_data: str | None = None
    message: SentMessage | None = None
    location: bool = False


class Terminal:
    """Prints what the bot sends and remembers its latest buttons as numbered choices.

    While the bot answers one update (`hold` .. `release`) its messages are printed together
    once it falls quiet, so that only the last keyboard's buttons are numbered: a number typed
    presses a button of the last keyboard only (conversations.typed), and the console's own
    numbers (`choices`) are the same. Earlier buttons of that answer are shown unnumbered; their
    labels may still be typed. What comes while no update is being answered (a push, a timer
    cue) is printed at once.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.choices: list[Choice] = []
        self._files: Path | None = None  # where photos and documents go, made at the first
        # The stand-in calls from its request threads, the console from its own.
        self._lock = threading.Lock()
        self._held: list[SentMessage | str] | None = None

    def show(self, message: SentMessage) -> None:
        if message.chat_id != USER_ID:
            return
        self._put(message)

    def toast(self, answer: dict[str, Any]) -> None:
        """A button press's answer (answerCallbackQuery): Telegram shows its text over the
        chat for a moment, or as an alert to close; without text it shows nothing."""
        if answer.get("text"):
            kind = "alert" if answer.get("show_alert") else "toast"
            self._put(f"bot ({kind})> {answer['text']}")

    def hold(self) -> None:
        """Keep what the bot sends from now on until `release`."""
        with self._lock:
            if self._held is None:
                self._held = []

    def release(self) -> None:
        """Print what was kept since `hold`, numbering only the last keyboard's buttons."""
        with self._lock:
            held, self._held = self._held or [], None
            self._print(held)

    def _put(self, item: SentMessage | str) -> None:
        with self._lock:
            if self._held is not None:
                self._held.append(item)
            else:
                self._print([item])

    def _print(self, items: list[SentMessage | str]) -> None:
        keyboards = [
            i
            for i, item in enumerate(items)
            if isinstance(item, SentMessage) and self._choices_of(item)
        ]
        last = keyboards[-1] if keyboards else None
        for index, item in enumerate(items):
            if isinstance(item, str):
                self.out.write(item + "\n\n")
            else:
                self.out.write("\n".join(self._lines(item, numbered=index == last)) + "\n\n")
        self.out.flush()

    def _lines(self, message: SentMessage, numbered: bool) -> list[str]:
        text = message.text or ""
        if message.params.get("parse_mode") == "HTML":
            text = html.unescape(_TAG.sub("", text))  # a terminal shows no bold
        lines = [f"bot> {line}" for line in text.splitlines()] or ["bot>"]
        if message.document is not None:
            kind = "photo" if message.method == "sendPhoto" else "file"
            lines.append(f"   ({kind} saved to {self._save(message)})")
        choices = self._choices_of(message)
        if numbered:
            self.choices = choices
            lines += [f"   [{n}] {c.label}" for n, c in enumerate(choices, start=1)]
        else:
            lines += [f"   • {c.label}" for c in choices]
        return lines

    def _save(self, message: SentMessage) -> Path:
        """Photos and documents cannot be shown in a terminal; they can be opened from here."""
        if self._files is None:
            self._files = Path(tempfile.mkdtemp(prefix="legday-console-"))
        default = "photo.png" if message.method == "sendPhoto" else "file"
        name = Path(message.filename or default).name
        path = self._files / f"{message.message_id}-{name}"
        path.write_bytes(message.document or b"")
        return path

    @staticmethod
    def _choices_of(message: SentMessage) -> list[Choice]:
        markup: dict[str, Any] = message.reply_markup or {}
        result: list[Choice] = []
        for row in markup.get("inline_keyboard", []):
            for button in row:
                result.append(Choice(button["text"], button.get("callback_data"), message))
        for row in markup.get("keyboard", []):
            for button in row:
                if isinstance(button, dict):
                    result.append(
                        Choice(button["text"], location=bool(button.get("request_location")))
                    )
                else:
                    result.append(Choice(str(button)))
        return result


def _ask_location(date: int) -> dict[str, Any] | None:
    try:
        raw = input("latitude, longitude (for example 52.52, 13.40): ")
    except EOFError:  # the input ended here: nothing to send, and the session ends as at Ctrl-D
        print()
        return None
    try:
        latitude, longitude = (float(part) for part in raw.replace(" ", "").split(","))
    except ValueError:
        print("That wasn't two numbers; nothing was sent.")
        return None
    return make_location_update(USER_ID, latitude, longitude, date)


def _update_for(line: str, terminal: Terminal, name: str, date: int) -> dict[str, Any] | None:
    """The update a typed line makes, dated `date` (unix seconds on the bot's clock)."""
    if line.isdigit() and 1 <= int(line) <= len(terminal.choices):
        choice = terminal.choices[int(line) - 1]
        if choice.callback_data is not None:
            return make_callback_update(USER_ID, choice.callback_data, choice.message, date=date)
        if choice.location:
            return _ask_location(date)
        line = choice.label
    return make_text_update(USER_ID, line, first_name=name, date=date)


def _file_update(api: LocalBotApi, typed: str, out: TextIO) -> dict[str, Any] | None:
    """`/send PATH`: the file at PATH, sent as a document (an activity file from a watch)."""
    path = Path(typed.strip().strip("'\"")).expanduser()
    try:
        content = path.read_bytes()
    except OSError as error:
        out.write(f"(console: can't read {path}: {error.strerror or error})\n")
        return None
    return make_document_update(USER_ID, api.upload(content, path.name), date=api.now())


async def _deliver(api: LocalBotApi, update: dict[str, Any], terminal: Terminal) -> None:
    """Hand the update to the bot and print its answer once it is complete, before the next
    prompt."""
    terminal.hold()
    try:
        await _answered(api, update)
    finally:
        terminal.release()


async def _answered(api: LocalBotApi, update: dict[str, Any]) -> None:
    before = _shown(api)
    # The stand-in numbers updates; ours would restart at 1 and look like ones already handled.
    api.push_update({key: value for key, value in update.items() if key != "update_id"})
    if not await asyncio.to_thread(api.wait_for, lambda: _shown(api) > before, 5.0):
        return
    # One update may be answered in several steps (the pressed message edited, then the next
    # question sent): wait until the bot falls quiet, so that a number typed next taps the
    # newest buttons, not the ones just pressed (a second press of those is taken for a double
    # tap and gets only a toast).
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        if not await asyncio.to_thread(api.wait_for, _more_than(api, _shown(api)), QUIET):
            return


def _shown(api: LocalBotApi) -> int:
    """How many things the user has seen: messages, and press answers with a text (a toast)."""
    return len(api.sent) + sum(1 for a in api.callback_answers if a["text"])


def _more_than(api: LocalBotApi, count: int) -> Callable[[], bool]:
    return lambda: _shown(api) > count


async def _console(
    settings: Settings, out: TextIO, speed: float, start: datetime | None, name: str | None
) -> int:
    terminal = Terminal(out)
    path = sqlite_path(settings.database_url)
    # A PostgreSQL URL may carry a password: never echo it.
    shown = path or make_url(settings.database_url).render_as_string(hide_password=True)
    out.write(f"Database: {shown}\n")
    await migrate(settings.database_url)
    # Update ids go on from the last session's: a repeated id is dropped as a re-delivery.
    # Message ids too, as Telegram's do in a chat: a new message must not take the id of an
    # earlier session's message that was pressed, or whose buttons may still be pressed (a
    # press on the new one would be taken for a second press of the old one, and dropped).
    engine = create_engine(settings.database_url)
    try:
        repo = Repository(make_session_factory(engine))
        last = await repo.updates.last_id()
        last_message = max(
            await repo.updates.last_pressed_message_id(),
            await newest_keyboard_message(repo, USER_ID, USER_ID),
        )
    finally:
        await engine.dispose()
    clock = clock_for(speed, start)
    api = LocalBotApi(
        on_send=terminal.show,
        on_answer=terminal.toast,
        first_update_id=last + 1,
        first_message_id=last_message + 1,
        clock=clock["clock"],  # Telegram's dates on the bot's clock, --speed and --start too
    )
    api.start()
    # No WEBAPP_URL in the console: a terminal cannot show Telegram's Mini App button, so the
    # record's local address is printed instead.
    console_settings = settings.model_copy(
        update={
            "telegram_bot_token": CONSOLE_TOKEN,
            "telegram_base_url": api.base_url,
            "webapp_url": "",
        }
    )
    app = build_application(console_settings, **clock)
    await app.initialize()
    await on_startup(app)
    name = name or console_name()
    # The Mini App on a free local port, for a browser on this machine.
    sockets = bind("127.0.0.1", 0)
    web = webapp_server(app)
    web.add_sockets(sockets)
    port = int(sockets[0].getsockname()[1])

    async def record_link() -> str:
        """The Mini App with initData signed now, as Telegram would pass it (24 hours of the
        bot's clock: with --speed, a fresh one is printed after each /history), in the
        language the user chose (the page's error texts follow the initData's)."""
        services = runtime(app)
        assert services.repo is not None  # the factory sets it
        user = await services.repo.users.get(USER_ID)
        language = (user.language if user is not None else None) or "en"
        signed = sign(USER_ID, name, language, CONSOLE_TOKEN, services.clock())
        return f"http://127.0.0.1:{port}{PAGE_PATH}#" + urlencode({"tgWebAppData": signed})

    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES)
    await app.start()
    out.write(
        "You are chatting with legday-coach. Type as you would in Telegram (try /start); "
        "type a number to tap one of the newest buttons, or any button's label; /send PATH "
        "sends a file (a .fit, .gpx or .tcx activity); Ctrl-D or /quit leaves."
        + (f" Time runs {speed:g}x faster." if speed != 1 else "")
        + (f" The clock started at {start.isoformat(timespec='minutes')}." if start else "")
        + "\n\n"
        + f"Your record as Telegram's Mini App shows it, in a browser here: {await record_link()}"
        + "\n\n"
    )
    try:
        while True:
            try:
                line = (await asyncio.to_thread(input, "you> ")).strip()
            except EOFError:
                break
            if line in ("/quit", "/exit"):
                break
            if line == "/wait" or line.startswith("/wait "):  # console only: let time pass
                seconds = _seconds(line[5:])
                if seconds is None:
                    out.write("(console: /wait takes seconds of real time, like /wait 3)\n")
                else:
                    await asyncio.sleep(seconds)
                continue
            if not line:
                continue
            if line.startswith("/send "):  # console only: send a file as a document
                update = _file_update(api, line[len("/send ") :], out)
            else:
                update = _update_for(line, terminal, name, api.now())
            if update is None:
                continue
            await _deliver(api, update, terminal)
            if line.split("@")[0] == "/history":
                out.write(f"(console: your record in a browser: {await record_link()})\n\n")
    finally:
        web.stop()
        await web.close_all_connections()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await on_shutdown(app)
        api.stop()
    return 0


def _seconds(typed: str) -> float | None:
    """`/wait`'s argument: seconds from 0 to 600 (1 when left out); None for anything else."""
    if not typed.strip():
        return 1.0
    try:
        seconds = float(typed)
    except ValueError:
        return None
    return seconds if 0 <= seconds <= 600 else None


def run_console(
    settings: Settings,
    out: TextIO = sys.stdout,
    speed: float = 1.0,
    start: datetime | None = None,
    name: str | None = None,
) -> int:
    """Chat with the bot in this terminal as the user `name` (console_name() if None)."""
    return asyncio.run(_console(settings, out, speed, start, name))
