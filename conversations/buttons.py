"""Typed callback data: one small codec per button family.

Each family is a frozen dataclass. `pack()` turns it into the `callback_data` string Telegram
stores with the button (at most 64 bytes, Bot API limit), `parse()` turns a string back into it
and raises `MalformedButton` for anything else, and `pattern()` is the predicate a
`CallbackQueryHandler` matches with. So a handler receives a parsed object, and a forged,
malformed or outdated press matches no handler and gets the "button expired" reply.

The strings are `PREFIX:field:field...` (the formats of earlier releases, so buttons already
sent keep working). Only the last field may contain ":" (times such as 07:30 do). A last field
declared `int | None = None` is optional: None packs to nothing, and data without it (a button
of a release before the field) parses to None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Literal, Self, get_args, get_origin, get_type_hints

from telegram import Update

from conversations.limits import MAX_CALLBACK_DATA

MAX_BYTES = MAX_CALLBACK_DATA  # Bot API: callback_data is 1-64 bytes
_WORD = re.compile(r"[A-Za-z0-9_.\-+:/]+")  # "/" for zone names (America/Phoenix)


class MalformedButton(ValueError):
    """Callback data that no button of this family could have carried."""


class ButtonData:
    """Base of every family; subclasses are frozen dataclasses with a PREFIX."""

    PREFIX: ClassVar[str]

    def pack(self) -> str:
        values = [getattr(self, f.name) for f in fields(self)]  # type: ignore[arg-type]
        if values and values[-1] is None:  # an optional last field left out
            values.pop()
        parts = [self.PREFIX, *(str(value) for value in values)]
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def parse(cls, data: object) -> Self:
        """The button this data stands for; `MalformedButton` if none could carry it."""
        if not isinstance(data, str) or not 0 < len(data.encode()) <= MAX_BYTES:
            raise MalformedButton(data)
        if data == cls.PREFIX:
            body: list[str] = []
        elif data.startswith(cls.PREFIX + ":"):
            body = data[len(cls.PREFIX) + 1 :].split(":", max(len(_fields_of(cls)) - 1, 0))
        else:
            raise MalformedButton(data)
        declared = _fields_of(cls)
        if declared and _optional(declared[-1][1]) and len(body) == len(declared) - 1:
            declared = declared[:-1]  # a button sent before its last field was added
        if len(body) != len(declared):
            raise MalformedButton(data)
        values = {
            name: _convert(raw, kind, data)
            for (name, kind), raw in zip(declared, body, strict=True)
        }
        return cls(**values)

    @classmethod
    def pattern(cls, **fixed: object) -> Callable[[object], bool]:
        """For `CallbackQueryHandler(pattern=...)`: this family, with these fields if given."""

        def matches(data: object) -> bool:
            try:
                parsed = cls.parse(data)
            except MalformedButton:
                return False
            return all(getattr(parsed, name) == value for name, value in fixed.items())

        return matches

    @classmethod
    def of(cls, update: Update) -> Self:
        """The pressed button's data; only called from a handler whose pattern matched."""
        query = update.callback_query
        return cls.parse(query.data if query is not None else None)


_FIELDS: dict[type[ButtonData], tuple[tuple[str, Any], ...]] = {}


def _fields_of(family: type[ButtonData]) -> tuple[tuple[str, Any], ...]:
    """Each field's name and type, resolved once per family: every press of every button is
    parsed against several families, and resolving the annotations is the costly part."""
    found = _FIELDS.get(family)
    if found is None:
        hints = get_type_hints(family)
        found = tuple((f.name, hints[f.name]) for f in fields(family))  # type: ignore[arg-type]
        _FIELDS[family] = found
    return found


def _optional(kind: Any) -> bool:
    """`int | None`: a last field that buttons of earlier releases do not carry."""
    return bool(kind == int | None)


def _convert(raw: str, kind: Any, data: str) -> object:
    if not raw or not _WORD.fullmatch(raw):
        raise MalformedButton(data)
    if _optional(kind):
        kind = int
    if get_origin(kind) is Literal:
        for option in get_args(kind):
            if str(option) == raw:
                return option
        raise MalformedButton(data)
    if kind is int:
        if not raw.isdigit() or len(raw) > 18:
            raise MalformedButton(data)
        return int(raw)
    return raw


# --- the families -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileAnswer(ButtonData):
    """An answer in onboarding or /settings: `p:<field>:<value>` (a time zone chosen from a
    guess: `p:time_zone:America/Phoenix`)."""

    PREFIX: ClassVar[str] = "p"
    field: str
    value: str


@dataclass(frozen=True)
class CheckinAnswer(ButtonData):
    """An answer in one check-in run, so a stale run's buttons are told apart:
    `c:<run>:<field>:<value>`."""

    PREFIX: ClassVar[str] = "c"
    run_id: str
    field: str
    value: str


@dataclass(frozen=True)
class SettingsItem(ButtonData):
    """A line of the /settings menu, or `done`: `s:<field>`."""

    PREFIX: ClassVar[str] = "s"
    field: str


@dataclass(frozen=True)
class ShowWhy(ButtonData):
    """The "why? both sides" screen of releases before the screen followed the verdict: the
    leg-day camps, as it always showed. Valid forever."""

    PREFIX: ClassVar[str] = "why"


@dataclass(frozen=True)
class WhyFor(ButtonData):
    """The "why? both sides" screen of one verdict: `why:<verdict>`. Valid forever."""

    PREFIX: ClassVar[str] = "why"
    verdict: str


@dataclass(frozen=True)
class CheckinNow(ButtonData):
    """Starts a check-in from a push or a reply."""

    PREFIX: ClassVar[str] = "go:checkin"


@dataclass(frozen=True)
class CheckinWith(ButtonData):
    """Starts a check-in with its answer to one question, from a push that asks that question
    (walking, after a workout told last night or two days after a heavy leg day), or a typed
    answer under a push: `go:with:<field>:<value>`."""

    PREFIX: ClassVar[str] = "go:with"
    field: str
    value: str


@dataclass(frozen=True)
class PausePushes(ButtonData):
    PREFIX: ClassVar[str] = "push:pause"


@dataclass(frozen=True)
class ChangeMorningTime(ButtonData):
    PREFIX: ClassVar[str] = "push:time"


@dataclass(frozen=True)
class WeeklyOff(ButtonData):
    PREFIX: ClassVar[str] = "push:weekly_off"


@dataclass(frozen=True)
class CompressionOff(ButtonData):
    """No more "take off your compression gear" cues."""

    PREFIX: ClassVar[str] = "push:gear_off"


JogKind = Literal["jog", "cross"]


# The buttons of one day's advice (the jog offer, its reminders, "not today", the strength and
# mobility routine and its start) end with `day`:
# the check-in day they were sent on (timing.checkin_day, as date.toordinal(), 6 digits), so a
# press on another day is told apart (conversations.jog.stale_press). The day rides in the
# data rather than being read from the pressed message's `date`: a typed press
# (conversations.typed) has only the typed message's date, a message older than 48 hours may
# come as an InaccessibleMessage dated 0, and the data's day is the bot's own clock, never
# Telegram's. It costs 7 of the 64 bytes. Buttons of releases before it carry no day (None);
# for them the pressed message's date stands in.


@dataclass(frozen=True)
class JogStart(ButtonData):
    """Start the timer: `j:go:<kind>:<minutes>:<day>`."""

    PREFIX: ClassVar[str] = "j:go"
    kind: JogKind
    minutes: Literal[15, 20]
    day: int | None = None


@dataclass(frozen=True)
class JogStartAnyway(ButtonData):
    """Start the timer although today's check-in said no run: `j:sure:<kind>:<minutes>:<day>`."""

    PREFIX: ClassVar[str] = "j:sure"
    kind: JogKind
    minutes: Literal[15, 20]
    day: int | None = None


@dataclass(frozen=True)
class JogRoutine(ButtonData):
    """The strength and mobility routine of today's verdict, offered under it and by /jog:
    `j:routine:<day>` (the check-in day, as the jog offer's; none before this release)."""

    PREFIX: ClassVar[str] = "j:routine"
    day: int | None = None


@dataclass(frozen=True)
class RoutineStart(ButtonData):
    """Start the guided strength and mobility routine: `j:routine:go:<day>` (the check-in
    day, as the jog offer's; none before this release)."""

    PREFIX: ClassVar[str] = "j:routine:go"
    day: int | None = None


@dataclass(frozen=True)
class RoutineNext(ButtonData):
    """Done with move `number` of a guided routine, on to the next: `j:next:<session>:<number>`."""

    PREFIX: ClassVar[str] = "j:next"
    session_id: int
    number: int


@dataclass(frozen=True)
class JogRemind(ButtonData):
    """Remind me at my run time, in an hour, or again later: `j:<when>:<kind>:<day>`."""

    PREFIX: ClassVar[str] = "j"
    when: Literal["at", "in", "snooze"]
    kind: JogKind
    day: int | None = None


@dataclass(frozen=True)
class JogSkip(ButtonData):
    """Not today: `j:skip:<kind>:<day>`."""

    PREFIX: ClassVar[str] = "j:skip"
    kind: JogKind
    day: int | None = None


@dataclass(frozen=True)
class JogFinish(ButtonData):
    """Finish a running session early: `j:end:<session>`."""

    PREFIX: ClassVar[str] = "j:end"
    session_id: int


@dataclass(frozen=True)
class JogCancel(ButtonData):
    PREFIX: ClassVar[str] = "j:stop"
    session_id: int


@dataclass(frozen=True)
class JogFeeling(ButtonData):
    """How the run felt: `j:feel:<session>:<value>`."""

    PREFIX: ClassVar[str] = "j:feel"
    session_id: int
    value: str


@dataclass(frozen=True)
class JogRan(ButtonData):
    """A session whose time was up while the bot was offline, done for `minutes` (its planned
    ones: all of it; 0: not done): `j:ran:<session>:<minutes>`."""

    PREFIX: ClassVar[str] = "j:ran"
    session_id: int
    minutes: int


@dataclass(frozen=True)
class JogRanEarly(ButtonData):
    """The same session, stopped early: asks for how many minutes, `j:ranearly:<session>`."""

    PREFIX: ClassVar[str] = "j:ranearly"
    session_id: int


@dataclass(frozen=True)
class DeleteAnswer(ButtonData):
    """Confirming /delete: `del:yes` or `del:no`."""

    PREFIX: ClassVar[str] = "del"
    answer: Literal["yes", "no"]


@dataclass(frozen=True)
class ActivityLegs(ButtonData):
    """ "Was it legs?" for a strength session from a file: `act:legs:<activity>:<yes|no>`."""

    PREFIX: ClassVar[str] = "act:legs"
    activity_id: int
    answer: Literal["yes", "no"]


@dataclass(frozen=True)
class CheckinFromFile(ButtonData):
    """Correct yesterday's workout that the check-in took from a file, or from what the user
    told of it last night: `cf:<run id>`."""

    PREFIX: ClassVar[str] = "cf"
    run_id: str


@dataclass(frozen=True)
class CheckinAfresh(ButtonData):
    """Under an evening check-in that adds to the day's earlier one: answer every question
    again instead, replacing that check-in: `ca:<run id>`."""

    PREFIX: ClassVar[str] = "ca"
    run_id: str


@dataclass(frozen=True)
class CheckinFixToday(ButtonData):
    """Correct the evening's workout of the day itself that the check-in took from a session
    the bot timed that day: `cft:<run id>`."""

    PREFIX: ClassVar[str] = "cft"
    run_id: str


@dataclass(frozen=True)
class ActivityForToday(ButtonData):
    """Use yesterday's files for today's check-in, which was made before they came:
    `act:today:<today's date as date.toordinal()>`, so the press of another day does nothing."""

    PREFIX: ClassVar[str] = "act:today"
    day: int
