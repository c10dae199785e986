"""Button layouts and the callback-data formats the handlers match on."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import N_, Label
from conversations import texts

Choice = tuple[Label, str]  # (label shown, translated when sent; value stored)

# Callback data is "<kind>:<...>"; a handler's pattern only accepts its own kind and field, so a
# press on a button that belongs to another step or flow falls through to the "expired" reply.
PROFILE = "p"  # p:<field>:<value>   onboarding and settings answers
CHECKIN = "c"  # c:<run_id>:<field>:<value>   check-in answers, tied to one check-in run
SETTINGS = "s"  # s:<field> | s:done   settings menu
WHY = "why"  # the "Why? Both sides" screen, valid forever
CHECKIN_NOW = "go:checkin"  # starts a check-in from a button
JOG = "j"  # j:go|at|in|snooze|skip:<kind>[:minutes]   j:end|stop:<id>   j:feel:<id>:<value>
PAUSE = "push:pause"  # pause pushes from a push
CHANGE_TIME = "push:time"  # change the morning time from a push
WEEKLY_OFF = "push:weekly_off"  # stop weekly summaries from one
COMPRESSION_OFF = "push:gear_off"  # no more "take off your compression gear" cues, from one
DELETE = "del"  # del:yes | del:no   confirming /delete

YES_NO: tuple[Choice, ...] = ((N_("Yes"), "yes"), (N_("No"), "no"))


def inline(rows: Sequence[Sequence[Choice]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(str(label), callback_data=data) for label, data in row]
            for row in rows
        ]
    )


def rows_of(choices: Sequence[Choice], prefix: str, per_row: int = 2) -> list[list[Choice]]:
    buttons = [(label, f"{prefix}:{value}") for label, value in choices]
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def push_controls() -> list[Choice]:
    """The row that ends every morning push and follow-up."""
    return [(texts.PAUSE_BUTTON, PAUSE), (texts.CHANGE_TIME_BUTTON, CHANGE_TIME)]


def weekly_controls() -> list[Choice]:
    return [(texts.WEEKLY_OFF_BUTTON, WEEKLY_OFF)]


def compression_controls() -> list[Choice]:
    return [(texts.GEAR_CUES_OFF_BUTTON, COMPRESSION_OFF)]


def location_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(str(texts.SHARE_LOCATION), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
