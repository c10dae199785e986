"""The language the bot speaks: gettext catalogs (managed with Babel) and locale-aware formats.

Texts are written in English in the code and marked for extraction: `N_` for a module-level
constant (a `Text`, translated each time it is used), `_` and `ngettext` inside functions
(translated at once). They are translated into the language of the user the bot is talking to:
the update guard sets it for each update, the scheduler for each push (a context variable, so
concurrent tasks never see each other's language). The catalogs live in
conversations/locales; see the README for the pybabel commands that extract, update and
compile them.
"""

from __future__ import annotations

import contextlib
import gettext as gettext_module
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.dates import format_time as babel_format_time
from babel.messages.mofile import read_mo
from babel.numbers import format_decimal
from babel.support import Translations

LANGUAGES = ("en", "ru", "es", "de")
DEFAULT = "en"
# Babel locales for dates and numbers. English is en_GB: the bot asks for 24-hour times
# ("06:45"), so it shows them the same way.
LOCALES = {"en": "en_GB", "ru": "ru_RU", "es": "es_ES", "de": "de_DE"}
# Each language named in itself, for the /settings buttons.
NAMES = {"en": "English", "ru": "Русский", "es": "Español", "de": "Deutsch"}
LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def language_for(code: str | None) -> str:
    """A Telegram language_code ('de', 'pt-BR', 'ru-RU') as one of ours; English otherwise."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT


def language_of_accept(header: str | None) -> str | None:
    """The one of our languages an HTTP Accept-Language header ("de-DE,de;q=0.9,en;q=0.8")
    prefers most, by its q-values (RFC 9110, section 12.5.4); None if it names none of ours."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        base = tag.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES and weight > 0:
            ranked.append((-weight, index, base))
    return min(ranked)[2] if ranked else None


def use(language: str | None) -> None:
    """Speak this language in the current task from now on."""
    _current.set(language if language in LANGUAGES else DEFAULT)


@contextlib.contextmanager
def one_update() -> Iterator[None]:
    """English until the guard learns the user's language, and back to what it was after, so
    whatever runs next in the same task (a test, the console) does not inherit it."""
    token = _current.set(DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def locale() -> str:
    return LOCALES[current()]


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    if language == DEFAULT:
        return gettext_module.NullTranslations()
    found = Translations.load(str(LOCALE_DIR), [language], DOMAIN)
    if not isinstance(found, Translations):  # Babel hands back NullTranslations when missing
        raise FileNotFoundError(f"no compiled catalog for {language} in {LOCALE_DIR}")
    return found


@cache
def _english_of(language: str) -> dict[str, str]:
    """Each text of the language's catalog, mapped back to its English msgid."""
    if language == DEFAULT:
        return {}
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as compiled:
        catalog = read_mo(compiled)
    return {
        message.string: message.id
        for message in catalog
        if isinstance(message.id, str) and message.id and isinstance(message.string, str)
    }


def in_english(shown: str, language: str | None = None) -> str | None:
    """The English text a text shown in `language` (the current one if None) was translated
    from; None for one that is no whole entry of the catalog (a label with a time or a count
    in it)."""
    return _english_of(language or current()).get(shown)


def _(message: str) -> str:
    """Translate now, into the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for n in the current language (Russian has three)."""
    return translations(current()).ngettext(singular, plural, n)


def plain_words(label: object) -> str:
    """A button's label as plain words, without the emoji it starts with ("🦵 Leg day" ->
    "Leg day", "⚠️ Sharp or joint pain" -> "Sharp or joint pain"): for a file a spreadsheet
    reads, or a label quoted in a sentence. A label with no letter or digit stays as it is."""
    text = str(label)
    start = next((index for index, char in enumerate(text) if char.isalnum()), 0)
    return text[start:]


def fill(template: str, values: Mapping[str, object]) -> str:
    """`template.format(**values)`, but a value that ends in a period where the text puts one
    right after it keeps only its own: German and Russian dates end in an abbreviation's period
    ("Di., 8. Dez.", "8 дек."), and "…für {day}." must not read "8. Dez..". Raises what
    str.format raises (KeyError for a missing value)."""
    for name, value in values.items():
        if str(value).endswith("."):
            template = template.replace(f"{{{name}}}.", f"{{{name}}}")
    return template.format(**values)


class Text:
    """A marked constant: it stays the English msgid and is translated each time it is used,
    so one module-level definition serves every user in their own language."""

    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __str__(self) -> str:
        return _(self.msgid)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def format(self, **values: object) -> str:
        return fill(str(self), values)

    def __repr__(self) -> str:
        return f"N_({self.msgid!r})"


class Plural:
    """A marked constant with a count: the form is chosen for n in the current language."""

    __slots__ = ("plural", "singular")

    def __init__(self, singular: str, plural: str) -> None:
        self.singular, self.plural = singular, plural

    def format(self, n: int, **values: object) -> str:
        return fill(ngettext(self.singular, self.plural, n), values)

    def __repr__(self) -> str:
        return f"Np_({self.singular!r}, {self.plural!r})"


def Np_(singular: str, plural: str) -> Plural:
    return Plural(singular, plural)


def N_(message: str) -> Text:
    return Text(message)


class Shown:
    """A label worked out each time it is shown, like a time of day in the user's locale."""

    __slots__ = ("_render",)

    def __init__(self, render: Callable[[], str]) -> None:
        self._render = render

    def __str__(self) -> str:
        return self._render()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def shown_time(value: time) -> Shown:
    return Shown(lambda: format_time(value))


Label = str | Text | Shown


def untranslated(label: Label) -> str:
    """A label as the code writes it, in English: what a user may type in any language."""
    if isinstance(label, Text):
        return label.msgid
    return str(label)


def format_time(value: time | datetime) -> str:
    """A time of day as the user's locale writes it ('07:30' in English here, '7:30' in Spanish)."""
    return babel_format_time(value, "short", locale=locale())


def format_day(value: date | datetime) -> str:
    """A weekday and date, short: 'Thu 15 Jan', 'чт, 15 янв.', 'Do., 15. Jan.'."""
    return format_skeleton("MMMEd", value, locale=locale())


def format_weekday(value: date | datetime) -> str:
    """A short weekday: 'Thu', 'чт', 'jue', 'Do.'."""
    return babel_format_date(value, "EEE", locale=locale())


def format_short_date(value: date) -> str:
    """A date in the history table and chart: '15 Jan', '15 янв.', '15. Jan.'."""
    return format_skeleton("MMMd", value, locale=locale())


def format_number(value: float) -> str:
    """One decimal, with the locale's separator: '1.5', '1,5'."""
    return format_decimal(value, "0.0", locale=locale())
