"""Button layouts. What each button carries is typed in `conversations.buttons`."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from conversations import texts
from conversations.buttons import (
    ButtonData,
    ChangeMorningTime,
    CheckinNow,
    CompressionOff,
    PausePushes,
    WeeklyOff,
)
from conversations.i18n import N_, Label, current, untranslated
from conversations.limits import MAX_BUTTONS

Option = tuple[Label, str]  # an answer: (label shown, translated when sent; value stored)
Button = tuple[Label, ButtonData]  # (label shown; what the press carries)

YES_NO: tuple[Option, ...] = ((N_("Yes"), "yes"), (N_("No"), "no"))
# What people type for yes and no instead of the word itself, per language; a user's own
# language and English count, as for labels (`typed_choice`). Matched whole only (after
# `normalised`: "nö" is "no"), never by their start or a close spelling, and only for the plain
# "Yes" and "No" buttons (and "⏭ Next move", below), never for "Yes, erase everything".
# Words that also mean something else a button could stand for ("ok" under "OK, ..." texts,
# "na" as German "well") are left out.
SAID_FOR: dict[str, dict[str, tuple[str, ...]]] = {
    "Yes": {
        "en": ("y", "yep", "yup", "yeah", "yea", "ya", "sure", "yes please"),
        "de": ("jo", "jap", "jep", "jawohl", "klar", "genau", "ja klar"),
        "ru": ("ага", "угу", "конечно", "ну да", "да да"),  # noqa: RUF001 - Cyrillic, meant
        "es": ("sip", "sep", "claro", "vale", "si si"),
    },
    "No": {
        "en": ("n", "nope", "nah", "no way", "no thanks"),
        "de": ("nö", "noe", "nee", "ne", "nein danke"),
        "ru": ("неа", "не а", "не", "нет нет", "не-а"),  # noqa: RUF001 - Cyrillic, meant
        "es": ("nop", "nel", "para nada", "que va", "no no"),
    },
}


# What people type to go on to the guided routine's next move (conversations.routine), per
# language, matched as SAID_FOR's words are: only for "⏭ Next move". Never for "Finish early":
# "weiter" under a jog's timer means running on, not stopping.
NEXT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("next", "next one", "next please", "go on", "continue", "move on", "skip"),
    "de": ("weiter", "weiter bitte", "und weiter", "nächste", "naechste", "nächste bitte"),
    "ru": ("дальше", "далее", "давай дальше", "следующее", "следующая", "следующий", "некст"),
    "es": ("siguiente", "el siguiente", "sigue", "seguir", "otro", "adelante"),
}
# What people type when they are done. Under a move with "⏭ Next move", done with that move:
# the next one (the end by mistake could not be taken back; a move too many is one tap from
# "Finish early"). Else, under the last move or a jog's timer, "Finish early" (SAID_ELSE_FOR).
DONE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("done", "im done", "i m done", "all done", "finished", "did it"),
    "de": ("fertig", "bin fertig", "erledigt", "geschafft", "gemacht"),
    "ru": ("готово", "готов", "готова", "сделал", "сделала", "всё", "закончил", "закончила"),
    "es": ("listo", "lista", "hecho", "terminado", "terminé", "ya está", "ya terminé"),
}
SAID_FOR["⏭ Next move"] = {
    language: (*NEXT_WORDS[language], *DONE_WORDS[language]) for language in NEXT_WORDS
}
# Informal words for a button only when they name no button of the keyboard through SAID_FOR.
SAID_ELSE_FOR: dict[str, dict[str, tuple[str, ...]]] = {"Finish early": DONE_WORDS}


# Buttons that turn a question down, as each is given in English: a plain "no" typed under a
# question whose buttons say it otherwise ("Run 15 min anyway" / "Not today") is the one of
# these it shows (issue 13). "Cancel" under a running timer is no answer to a question, and
# stays typed only as itself.
DECLINING = (
    "Not today",
    "No, keep my data",
    "😴 No, nothing today",
    "😴 No, nothing that day",
)
# Buttons a typed "yes" never stands for, whatever else the keyboard holds: what can't be undone.
NEVER_BY_YES = ("Yes, erase everything",)
# What a user types to ask why, per language (a user's own and English count, as for labels);
# matched whole, after `normalised` ("¿Por qué?" is "por que").
ASKED_WHY: dict[str, tuple[str, ...]] = {
    "en": ("why", "why not", "how come"),
    "de": ("warum", "wieso", "weshalb", "warum nicht", "wieso nicht"),
    "ru": ("почему", "зачем", "а почему", "почему нет"),  # noqa: RUF001 - Cyrillic, meant
    "es": ("por que", "por que no", "y eso"),
}


@dataclass(frozen=True)
class Question:
    """A question answered with buttons: its prompt and the answers it offers, `per_row` a
    row. The check-in's steps and the profile's questions are both one."""

    field: str
    prompt: Label
    choices: tuple[Option, ...]
    per_row: int = 2

    def label_of(self, raw: str) -> Label | None:
        """The label of an offered answer; None for anything this question never offered."""
        return next((label for label, value in self.choices if value == raw), None)

    def matching(self, text: str, *, by_number: bool = True) -> str | None:
        """The value of the answer a typed message stands for (see `typed_choice`), matched
        against the labels in the user's language and in English; None if it matches none.
        `by_number=False` for a question whose buttons are not on the screen: a number then
        names none of them."""
        return typed_choice(
            text,
            [([str(label), untranslated(label)], value) for label, value in self.choices],
            numbered=None if by_number else 0,
        )

    def keyboard(self, carry: Callable[[str], ButtonData]) -> InlineKeyboardMarkup:
        """Its answer buttons; `carry(value)` is what each press carries."""
        return inline(rows_of(self.choices, carry, self.per_row))


def inline(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    """An inline keyboard; each button's data is packed (at most 64 bytes, else ValueError).
    Raises ValueError past Telegram's 100 buttons: no keyboard of ours comes near."""
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise ValueError(f"more than {MAX_BUTTONS} buttons in one keyboard")
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(str(label), callback_data=data.pack()) for label, data in row]
            for row in rows
        ]
    )


def rows_of(
    options: Sequence[Option], carry: Callable[[str], ButtonData], per_row: int = 2
) -> list[list[Button]]:
    """Answer buttons, `per_row` a row; `carry(value)` is what each press carries."""
    buttons = [(label, carry(value)) for label, value in options]
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def checkin_now_row() -> list[Button]:
    return [(texts.CHECKIN_NOW_BUTTON, CheckinNow())]


def checkin_now_keyboard() -> InlineKeyboardMarkup:
    return inline([checkin_now_row()])


def push_controls() -> list[Button]:
    """The row that ends every morning push and follow-up."""
    return [(texts.PAUSE_BUTTON, PausePushes()), (texts.CHANGE_TIME_BUTTON, ChangeMorningTime())]


def weekly_controls() -> list[Button]:
    return [(texts.WEEKLY_OFF_BUTTON, WeeklyOff())]


def compression_controls() -> list[Button]:
    return [(texts.GEAR_CUES_OFF_BUTTON, CompressionOff())]


def location_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(str(texts.SHARE_LOCATION), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def typeable(markup: object) -> list[tuple[str, str]]:
    """The buttons of a keyboard a typed answer may stand for: (callback data, label shown) of
    each inline button that carries data, row by row; none for a reply keyboard, its removal,
    or links and Mini App buttons."""
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [
        (button.callback_data, button.text)
        for row in markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    ]


SHORTEST_START = 3  # "rest", "leg", "Ruhe" name a button; "no" never stands for "Normal"


def _starts(label: str, wanted: str) -> bool:
    """Whether a typed text (normalised) is how the label (normalised) begins: its first word or
    words, or their start ("rest" for "rest day", "Ruhe" for "Ruhetag"), at least SHORTEST_START
    letters, or that with one letter more at the end ("legs" for "leg day", "Beine" for
    "Beintag"). Digits alone never count: "07 3" is no start of the time "07:30"."""
    if len(wanted) < SHORTEST_START or not any(c.isalpha() for c in wanted):
        return False
    if label.startswith(wanted):
        return True
    stem = wanted[:-1]
    return len(stem) >= SHORTEST_START and label.startswith(stem) and wanted[-1].isalpha()


SHORTEST_PART = 4  # letters: "routine", "через час", "Datei" name a button; "and", "min" never


def _part_of(label: str, wanted: str) -> bool:
    """Whether a typed text (normalised) is whole words from inside the label (normalised),
    in their order: "routine" of "strength and mobility routine", "через час" of "напомнить
    через час". At least SHORTEST_PART letters, so a filler word ("and", "the") never counts."""
    if sum(c.isalpha() for c in wanted) < SHORTEST_PART:
        return False
    return f" {wanted} " in f" {label} "


CLOSE_ENOUGH = 0.8  # difflib ratio: "Moderte" or "stif and sore" count, "No" for "Normal" doesn't
# Spellings that sound the same, folded to one before comparing (then doubled letters to one):
# "tuff" is "tough", "stif" is "stiff". A letter ratio can't see it ("tuff" and "tough" share
# two letters in order, a ratio of 0.44), so the folded forms must be equal, not merely near:
# "stuff" still names no "Tough".
SOUND_ALIKE = (("ough", "uf"), ("ph", "f"), ("ck", "k"), ("z", "s"))


SHORTEST_SWAP = (
    4  # letters: "rset" is "rest"; "eys" or "on" are too short to tell a slip from a word
)


def swapped(wanted: str, label: str) -> bool:
    """Whether a typed text (normalised) is the label (normalised), or how it begins as
    `_starts` takes it, with two neighbouring letters swapped: "rset" for "rest day", "Rhue"
    for "Ruhetag". At least SHORTEST_SWAP letters. A swap keeps every letter typed, so it is a
    slip of the fingers; a changed letter is another word ("test", "best" are no "rest"), and
    difflib's ratio, which rates a swap as one letter missed (0.75 in four), can't tell them
    apart."""
    if len(wanted) < SHORTEST_SWAP or sum(c.isalpha() for c in wanted) < SHORTEST_SWAP:
        return False
    candidates = {label, label[: len(wanted)]}
    for shown in candidates:
        if len(shown) != len(wanted) or shown == wanted:
            continue
        differ = [i for i, (a, b) in enumerate(zip(wanted, shown, strict=True)) if a != b]
        if (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and wanted[differ[0]] == shown[differ[1]]
            and wanted[differ[1]] == shown[differ[0]]
            and wanted[differ[0]].isalpha()
            and wanted[differ[1]].isalpha()
        ):
            return True
    return False


def sounded(text: str) -> str:
    """A normalised text as it sounds, roughly: 'tough' and 'tuff' both become 'tuf'."""
    for spelled, sound in SOUND_ALIKE:
        text = text.replace(spelled, sound)
    return "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])


def said_for(label: str) -> tuple[str, ...]:
    """The informal words typed for a label given in English (SAID_FOR), in the current
    language and in English; none for any other label."""
    return in_language_and_english(SAID_FOR.get(label, {}))


def said_else_for(label: str) -> tuple[str, ...]:
    """The informal words typed for a label given in English only when they name no other
    button (SAID_ELSE_FOR), in the current language and in English."""
    return in_language_and_english(SAID_ELSE_FOR.get(label, {}))


def in_language_and_english(words: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Words given per language, in the current language and in English."""
    return (*words.get(current(), ()), *(words.get("en", ()) if current() != "en" else ()))


def asks_why(text: str) -> bool:
    """Whether a typed text is a plain "why?" (ASKED_WHY) in the user's language or English."""
    wanted = normalised(text)
    return bool(wanted) and any(normalised(w) == wanted for w in in_language_and_english(ASKED_WHY))


def plain_answer(text: str) -> str | None:
    """ "Yes" or "No" for a typed text that is one of them, as the word of the user's language
    or of English, or an informal word for it (SAID_FOR); None for anything else."""
    wanted = normalised(text)
    for answer in ("Yes", "No"):
        shown = str(YES_NO[0][0] if answer == "Yes" else YES_NO[1][0])
        words = (answer, shown, *said_for(answer))
        if wanted and any(normalised(word) == wanted for word in words):
            return answer
    return None


def _answered_by(
    answer: str, options: Sequence[tuple[Sequence[str], str]], numbered: int
) -> str | None:
    """The button a plain "yes" or "no" stands for under a question whose buttons say it
    otherwise, among the last keyboard's (the first `numbered` options): "no", its only
    DECLINING button; "yes", the other of exactly two when one declines and the other is not
    in NEVER_BY_YES. Anything less clear stands for nothing."""
    shown = options[:numbered]
    declining = [value for names, value in shown if any(n in DECLINING for n in names)]
    if len(declining) != 1:
        return None
    if answer == "No":
        return declining[0]
    others = [(names, value) for names, value in shown if value != declining[0]]
    if len(others) != 1 or any(n in NEVER_BY_YES for n in others[0][0]):
        return None
    return others[0][1]


def normalised(text: str) -> str:
    """Case, accents, emoji and punctuation dropped, spaces collapsed: 'Sí' and '🦵 Leg day'
    become 'si' and 'leg day'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def typed_choice(
    text: str,
    choices: Iterable[tuple[Sequence[str], str]],
    *,
    close: bool = True,
    numbered: int | None = None,
) -> str | None:
    """The value of the choice a typed text stands for, or None.

    `choices`: (the labels it may be typed as, its value), in the order the buttons are shown.
    Taken, in this order: the button's number ("2", counting from 1, among the first
    `numbered` choices, all if None); a label, ignoring case, accents, emoji and punctuation;
    an informal word for a button (`said_for`: "nope", "nö", "неа", "sip" for yes or no,
    "weiter" for "Next move"; else `said_else_for`: "fertig" for "Finish early"), whole; a plain yes
    or no under a question whose buttons say it otherwise (`_answered_by`: "nein" for "Not
    today"), and then nothing else; the start of
    one choice's labels only ("rest" for "😴 Rest day", see `_starts`; a start two choices
    share, as "день" of "День ног" and "День отдыха", is none); whole words from inside one
    choice's labels only ("routine", "через час", see `_part_of`); with `close`, the one label
    that sounds the same (`sounded`: "tuff" for "Tough"), else the one typed with two
    neighbouring letters swapped (`swapped`: "rset" for "😴 Rest day"), else the one closest in
    spelling (difflib ratio at least CLOSE_ENOUGH, and closer than any label of another choice,
    so a typo never picks one of two look-alikes).
    """
    options = list(choices)
    wanted = normalised(text)
    count = len(options) if numbered is None else min(numbered, len(options))
    if wanted.isdigit() and 1 <= int(wanted) <= count:
        return options[int(wanted) - 1][1]
    if not wanted:
        return None
    labels = [(normalised(label), value) for names, value in options for label in names]
    exact = {value for label, value in labels if label == wanted}
    if len(exact) == 1:
        return exact.pop()

    def said(words: Callable[[str], Iterable[str]]) -> set[str]:
        return {
            value
            for names, value in options
            for name in names
            for word in words(name)
            if normalised(word) == wanted
        }

    informal = said(said_for)
    if not exact and not informal:
        informal = said(said_else_for)
    if not exact and len(informal) == 1:
        return informal.pop()
    answer = None if exact or informal else plain_answer(text)
    if answer is not None:
        return _answered_by(answer, options, count)
    starting = {value for label, value in labels if _starts(label, wanted)}
    if len(starting) == 1:
        return starting.pop()
    inside = {value for label, value in labels if _part_of(label, wanted)}
    if not starting and len(inside) == 1:
        return inside.pop()
    if not close:
        return None
    sounding = {value for label, value in labels if sounded(label) == sounded(wanted)}
    if len(sounding) == 1:
        return sounding.pop()
    if not sounding:
        slipped = {value for label, value in labels if swapped(wanted, label)}
        if len(slipped) == 1:
            return slipped.pop()
    scored = sorted(
        ((difflib.SequenceMatcher(None, wanted, label).ratio(), value) for label, value in labels),
        reverse=True,
    )
    best, value = scored[0] if scored else (0.0, "")
    rivals = [v for ratio, v in scored if ratio == best and v != value]
    return value if best >= CLOSE_ENOUGH and not rivals else None
