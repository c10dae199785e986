"""Typed answers into values: times of day and IANA time zones.

A zone is stored by its IANA name, never as a fixed offset, so the user's reminders follow
their daylight saving changes. Pure functions: the dialogs decide what to say about a miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from conversations.i18n import LANGUAGES, LOCALES, _, format_short_date, format_time

# "7:30", "07.30", "0730", "19h05", "19h", "7:30 am", "7pm", "1:15 p.m."
_TIME = re.compile(
    r"^(\d{1,2})(?:(?:[:.]|\s*h\s*)?(\d{2}))?\s*(h|am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE
)

# "UTC+2", "GMT -5", "utc+02:00", "UTC+5:30", "GMT+05:30", "+05:45", "-3" (spaces removed first)
_OFFSET = re.compile(r"^(?:utc|gmt)?([+-])(\d{1,2})(?:[:.]?(\d{2}))?$")
# Offsets in use run from UTC-12 to UTC+14; minutes are 00, 30 or 45 (Nepal, Chatham).
_LOWEST, _HIGHEST = timedelta(hours=-12), timedelta(hours=14)

# The areas of today's IANA names; the rest ("US/", "Canada/", "Japan", "EST5EDT"...) are
# legacy spellings that tools and other services no longer agree on.
_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)


@cache
def renamed() -> dict[str, str]:
    """Old zone names that still exist as links, to the current name ('Europe/Kiev' to
    'Europe/Kyiv', 'US/Eastern' to 'America/New_York'): CLDR's zone aliases as Babel ships
    them (babel.core.get_global("zone_aliases")). Only names of the area form are taken;
    bare abbreviations such as 'EST' or 'CET' stand for fixed offsets or for no one city."""
    available = available_timezones()
    return {
        old: new
        for old, new in get_global("zone_aliases").items()
        if "/" in old and not old.startswith("Etc/") and new in available and old != new
    }


# Last parts of old names that are regions, not places, or would point at the wrong place
# (Victoria in Canada, independent Samoa).
_LEGACY_NOT_PLACES = frozenset(
    {
        "ACT",
        "LHI",
        "NSW",
        "North",
        "Queensland",
        "Samoa",
        "South",
        "Tasmania",
        "Victoria",
        "Virgin",
        "West",
        "Yancowinna",
    }
)

# Big cities with no zone of their own, in the few spellings people type: CLDR (and so Babel)
# names only the cities that give a zone its name, in every language (see _names), so these
# are the only names written out here. Keys are folded (see _fold).
CITY_ALIASES = {
    # Germany, Austria, Switzerland
    "munich": "Europe/Berlin",
    "munchen": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "frankfurt am main": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "koln": "Europe/Berlin",
    "stuttgart": "Europe/Berlin",
    "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin",
    "dresden": "Europe/Berlin",
    "hanover": "Europe/Berlin",
    "hannover": "Europe/Berlin",
    "nuremberg": "Europe/Berlin",
    "nurnberg": "Europe/Berlin",
    "bremen": "Europe/Berlin",
    "dortmund": "Europe/Berlin",
    "essen": "Europe/Berlin",
    "bonn": "Europe/Berlin",
    "wien": "Europe/Vienna",
    "salzburg": "Europe/Vienna",
    "graz": "Europe/Vienna",
    "geneva": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "genf": "Europe/Zurich",
    "ginebra": "Europe/Zurich",
    "женева": "Europe/Zurich",
    "basel": "Europe/Zurich",
    "bern": "Europe/Zurich",
    "lausanne": "Europe/Zurich",
    # Rest of Europe
    "barcelona": "Europe/Madrid",
    "valencia": "Europe/Madrid",
    "seville": "Europe/Madrid",
    "milan": "Europe/Rome",
    "milano": "Europe/Rome",
    "naples": "Europe/Rome",
    "turin": "Europe/Rome",
    "florence": "Europe/Rome",
    "venice": "Europe/Rome",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "glasgow": "Europe/London",
    "birmingham": "Europe/London",
    "liverpool": "Europe/London",
    "leeds": "Europe/London",
    "bristol": "Europe/London",
    "cardiff": "Europe/London",
    "lyon": "Europe/Paris",
    "marseille": "Europe/Paris",
    "toulouse": "Europe/Paris",
    "nice": "Europe/Paris",
    "rotterdam": "Europe/Amsterdam",
    "the hague": "Europe/Amsterdam",
    "utrecht": "Europe/Amsterdam",
    "antwerp": "Europe/Brussels",
    "krakow": "Europe/Warsaw",
    "gothenburg": "Europe/Stockholm",
    "porto": "Europe/Lisbon",
    "kiev": "Europe/Kyiv",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    # North America
    "new york city": "America/New_York",
    "nyc": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "philadelphia": "America/New_York",
    "baltimore": "America/New_York",
    "pittsburgh": "America/New_York",
    "orlando": "America/New_York",
    "charlotte": "America/New_York",
    "houston": "America/Chicago",
    "dallas": "America/Chicago",
    "austin": "America/Chicago",
    "san antonio": "America/Chicago",
    "minneapolis": "America/Chicago",
    "new orleans": "America/Chicago",
    "nashville": "America/Chicago",
    "st louis": "America/Chicago",
    "saint louis": "America/Chicago",
    "salt lake city": "America/Denver",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "portland": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles",
    "sacramento": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "quebec": "America/Toronto",
    "calgary": "America/Edmonton",
    # Latin America
    "rio de janeiro": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "guadalajara": "America/Mexico_City",
    # Asia, Oceania, Africa
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "mumbai": "Asia/Kolkata",
    "bombay": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "hyderabad": "Asia/Kolkata",
    "calcutta": "Asia/Kolkata",
    "lahore": "Asia/Karachi",
    "islamabad": "Asia/Karachi",
    "osaka": "Asia/Tokyo",
    "kyoto": "Asia/Tokyo",
    "busan": "Asia/Seoul",
    "abu dhabi": "Asia/Dubai",
    "hanoi": "Asia/Bangkok",
    "ho chi minh city": "Asia/Ho_Chi_Minh",
    "saigon": "Asia/Ho_Chi_Minh",
    "canberra": "Australia/Sydney",
    "gold coast": "Australia/Brisbane",
    "wellington": "Pacific/Auckland",
    "christchurch": "Pacific/Auckland",
    "cape town": "Africa/Johannesburg",
    "tel aviv": "Asia/Jerusalem",
    # Countries and parts of them that CLDR does not name (the rest come from Babel: COUNTRIES).
    "uk": "Europe/London",
    "england": "Europe/London",
    "scotland": "Europe/London",
    "turkey": "Europe/Istanbul",  # CLDR's English name is now Türkiye
}

# Countries with several zones where one serves (nearly) everyone; a country with a single zone
# needs no entry. Their names in every language come from Babel (Locale.territories).
COUNTRIES = {
    "DE": "Europe/Berlin",  # and Büsingen
    "ES": "Europe/Madrid",  # and the Canaries, Ceuta
    "UA": "Europe/Kyiv",  # and Crimea
    "CN": "Asia/Shanghai",  # and Xinjiang
    "NZ": "Pacific/Auckland",  # and the Chatham Islands
}

# Who types "UTC+1" as their local time most likely lives in one of these. Order matters where
# two share an offset at that moment: the first one wins.
PREFERRED_ZONES = (
    "America/Los_Angeles",
    "America/Denver",
    "America/Phoenix",  # Arizona keeps UTC-7 all year
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Halifax",
    "America/St_Johns",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Yangon",
    "Australia/Darwin",
    "Australia/Brisbane",
    "Australia/Lord_Howe",
    "Africa/Abidjan",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "America/Mexico_City",
    "America/Bogota",
    "America/Argentina/Buenos_Aires",
    "America/Noronha",
    "Atlantic/Azores",
    "Atlantic/Cape_Verde",
    "Pacific/Noumea",
    "Pacific/Fiji",
    "Pacific/Chatham",
    "Pacific/Tongatapu",
    "Pacific/Kiritimati",
    "Pacific/Marquesas",
    "Pacific/Pago_Pago",
)

_DAY = 24 * 60


def _fold(text: str) -> str:
    """Compare names the way people type them, in any script: 'São_Paulo ' and 'sao paulo'
    are the same, and so are 'Кёльн' and 'кельн' (accents dropped, case folded)."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    ).casefold()
    for mark in "_-":
        plain = plain.replace(mark, " ")
    for mark in ".'":
        plain = plain.replace(mark, "")
    return " ".join(plain.split())


@cache
def _canonical_zones() -> tuple[str, ...]:
    """Current IANA names only, so nothing we store is a legacy alias."""
    return tuple(
        sorted(
            zone
            for zone in available_timezones()
            if zone.split("/", 1)[0] in _AREAS and zone not in renamed()
        )
    )


@cache
def _by_preference() -> tuple[str, ...]:
    """Current zones with Antarctic bases last: a city should win a tie with a research station."""
    return tuple(sorted(_canonical_zones(), key=lambda z: (z.startswith("Antarctica/"), z)))


@cache
def _names() -> dict[str, str]:
    """Every way of naming a zone we accept, folded, to the zone to store: the IANA name and its
    last part, old names, the zone's city as CLDR writes it in each of the bot's languages
    ('Москва', 'Moskau', 'Nueva York', 'Londres'), countries by their names in those languages
    ('Schweiz', 'Suiza'), and CITY_ALIASES. Where two zones share a name, the first kept wins:
    English last parts, then old names, then the localized names."""
    available = available_timezones()
    names: dict[str, str] = {}
    # Last parts first (the first zone in order keeps a shared one), full names over them.
    for zone in _by_preference():
        names.setdefault(_fold(zone.rsplit("/", 1)[1]), zone)
    for old, new in renamed().items():
        names[_fold(old)] = new
        area, _, place = old.rpartition("/")
        if area.split("/", 1)[0] in _AREAS and place not in _LEGACY_NOT_PLACES:
            names.setdefault(_fold(place), new)
    current = set(_canonical_zones())
    territory_zones = get_global("territory_zones")
    for language in LANGUAGES:
        locale = Locale.parse(LOCALES[language])
        # CLDR's exemplar city of each zone (babel.dates.get_timezone_location reads the same).
        for cldr_zone, info in sorted(locale.time_zones.items()):
            zone, city = renamed().get(cldr_zone, cldr_zone), info.get("city")
            if city and zone in current:
                names.setdefault(_fold(city), zone)
        for code, country in locale.territories.items():
            zones = territory_zones.get(code, [])
            main = COUNTRIES.get(code) or (str(zones[0]) if len(zones) == 1 else None)
            if main is not None and renamed().get(main, main) in available:
                names.setdefault(_fold(country), renamed().get(main, main))
    for zone in _canonical_zones():
        names[_fold(zone)] = zone
    names.update({alias: zone for alias, zone in CITY_ALIASES.items() if zone in available})
    for utc in ("utc", "etc/utc", "gmt", "etc/gmt"):
        names[utc] = "UTC"
    return names


def is_current_zone(zone: str) -> bool:
    """A name we may store: a current IANA zone, UTC, or a fixed Etc/GMT zone; never an old
    name (a button's data is checked with this: it could be forged)."""
    return zone in _canonical_zones() or zone == "UTC" or zone in _etc_zones().values()


@cache
def _etc_zones() -> dict[str, str]:
    """'etc/gmt-2' to 'Etc/GMT-2': folding would blur the sign, so these match exactly."""
    return {z.lower(): z for z in available_timezones() if z.startswith("Etc/GMT")}


def parse_hhmm(text: str) -> time | None:
    """A time of day as people type it ("19h" is the French and Spanish 19:00); a bare number
    like "7" is refused as too ambiguous (`parse_time_answer` takes it where a time is asked)."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if match.group(2) is None and not suffix:
        return None
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_range(text: str) -> tuple[time, time] | None:
    """'22:00-06:00', '22:30 - 6:30', '23-7', '23:00-7', '11pm-7am': two times of day joined
    by a dash (or an en/em dash). Beside another time, a bare number is a whole hour (0-23):
    the dash says it is a time, which a lone "7" does not (parse_hhmm)."""
    parts = re.split("\\s*[-\u2013\u2014]\\s*", text.strip())
    if len(parts) != 2:
        return None
    start, end = (_range_end(part) for part in parts)
    return (start, end) if start is not None and end is not None else None


def _range_end(text: str) -> time | None:
    """One end of a range: a time as parse_time_answer reads it."""
    return parse_time_answer(text)


def parse_time_answer(text: str) -> time | None:
    """A time of day typed where one is asked (the morning push's time, the run time): as
    parse_hhmm reads it, or a bare hour 0-23 ("7" is 07:00): the question says it is a time,
    which a lone "7" elsewhere does not (a zone's "7" may be UTC+7)."""
    typed = text.strip()
    if typed.isascii() and typed.isdigit() and len(typed) <= 2 and int(typed) <= 23:
        return time(int(typed))
    return parse_hhmm(typed)


def parse_offset(text: str) -> timedelta | None:
    """A typed UTC offset ('UTC+5:30', 'GMT+05:30', '+05:45', 'UTC-3') as a timedelta east of
    UTC; None for anything else, or an offset no place uses (past -12h/+14h, odd minutes)."""
    match = _OFFSET.match("".join(text.lower().split()))
    if not match:
        return None
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if minutes not in (0, 30, 45):
        return None
    offset = timedelta(hours=hours, minutes=minutes) * (1 if match.group(1) == "+" else -1)
    return offset if _LOWEST <= offset <= _HIGHEST else None


def _offset_zone(text: str) -> str | None:
    """'UTC+2' as an Etc zone; these count the other way round, so UTC+2 is Etc/GMT-2. None for
    an offset with minutes: Etc has whole hours only (see zone_for_offset)."""
    offset = parse_offset(text)
    return None if offset is None else _fixed_zone(offset)


def zone_from_text(text: str) -> str | None:
    """A typed zone name, city or country, or a whole-hour UTC offset (a fixed Etc zone); None
    so the dialog can try zone_for_offset, or ask again."""
    stripped = text.strip()
    if not stripped:
        return None
    if _OFFSET.match("".join(stripped.lower().split())):
        return _offset_zone(stripped)
    names = _names()
    # "Berlin, Germany" -> try the whole text, then the part before the first comma.
    for candidate in (stripped, stripped.split(",", 1)[0]):
        zone = names.get(_fold(candidate))
        if zone:
            return zone
    return _etc_zones().get(stripped.lower())


@cache
def _finder() -> Any:
    """One TimezoneFinder for the process: building it loads its polygon data, which is slow."""
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_from_location(latitude: float, longitude: float) -> str | None:
    """A shared Telegram location to a zone, offline: no third-party service sees it."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _finder().timezone_at(lat=latitude, lng=longitude)
    if not zone:
        return None
    zone = renamed().get(str(zone), str(zone))
    return zone if zone in available_timezones() else None


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _offset_at(zone: str, now_utc: datetime) -> timedelta | None:
    return now_utc.astimezone(ZoneInfo(zone)).utcoffset()


def region_of(language_code: str | None) -> str | None:
    """The country a Telegram language_code points to: its own region ('en-US' -> 'US',
    'pt-br' -> 'BR'), else the language's likeliest one by CLDR ('de' -> 'DE', 'en' -> 'US';
    Babel's likely_subtags); None when there is nothing to go on."""
    code = (language_code or "").strip().replace("-", "_")
    if not code:
        return None
    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if locale.territory:
        return str(locale.territory)
    likely = get_global("likely_subtags").get(locale.language)
    return str(likely).rsplit("_", 1)[-1] if likely and "_" in str(likely) else None


@cache
def _home_zones(region: str | None) -> frozenset[str]:
    if region is None:
        return frozenset()
    zones = get_global("territory_zones").get(region, [])
    return frozenset(renamed().get(zone, zone) for zone in zones)


def year_offsets(zone: str, now_utc: datetime) -> frozenset[timedelta]:
    """Every UTC offset the zone has in the year from now on (sampled every 15 days; no
    place changes its clocks for less than a month)."""
    start = _as_utc(now_utc)
    tz = ZoneInfo(zone)
    return frozenset(
        (start + timedelta(days=days)).astimezone(tz).utcoffset() or timedelta()
        for days in range(0, 366, 15)
    )


def _ranked(zones: Iterable[str], now_utc: datetime, region: str | None) -> list[str]:
    """Zones in the order a guess prefers them: the user's own country first (and there, a zone
    that keeps its offset all year, since one clock reading cannot tell summer time apart),
    then PREFERRED_ZONES, then the rest, Antarctic bases last."""
    home = _home_zones(region)
    preferred = {zone: index for index, zone in enumerate(PREFERRED_ZONES)}

    def key(zone: str) -> tuple[bool, bool, int, bool, str]:
        ours = zone in home
        steady = ours and len(year_offsets(zone, now_utc)) == 1
        return (
            not ours,
            not steady and ours,
            preferred.get(zone, len(preferred)),
            zone.startswith("Antarctica/"),
            zone,
        )

    return sorted(zones, key=key)


def _fixed_zone(offset: timedelta) -> str | None:
    """The Etc zone of a whole-hour offset (UTC for zero), None when there is none."""
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    if rest:
        return None
    zone = "UTC" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
    return zone if zone == "UTC" or zone in available_timezones() else None


def _zones_at(offsets: Sequence[timedelta], now_utc: datetime, region: str | None) -> list[str]:
    """Current zones whose offset at `now_utc` is one of `offsets`, best first; a fixed Etc
    zone when no place has it."""
    now_utc = _as_utc(now_utc)
    found = [zone for zone in _canonical_zones() if _offset_at(zone, now_utc) in offsets]
    # A research station is nobody's guess while a town shares its offset.
    towns = [zone for zone in found if not zone.startswith("Antarctica/")]
    if towns or found:
        return _ranked(towns or found, now_utc, region)
    return [zone for zone in map(_fixed_zone, offsets) if zone is not None][:1]


def zone_for_offset(text: str, now_utc: datetime, region: str | None = None) -> str | None:
    """A typed UTC offset ('UTC+5:30', '+05:45') as a zone with that offset now: the fixed
    Etc zone for whole hours (as zone_from_text), else the likeliest place (Asia/Kolkata,
    Asia/Kathmandu), preferring the user's region. None if it is no offset in use."""
    offset = parse_offset(text)
    if offset is None:
        return None
    fixed = _offset_zone(text)
    if fixed is not None:
        return fixed
    found = _zones_at([offset], now_utc, region)
    return found[0] if found else None


def _clock_offsets(text: str, now_utc: datetime) -> list[timedelta]:
    """The offsets a typed clock reading can mean at `now_utc` (none if it is no time)."""
    local = parse_hhmm(text)
    if local is None:
        return []
    now_utc = _as_utc(now_utc)
    diff = local.hour * 60 + local.minute - (now_utc.hour * 60 + now_utc.minute)
    # Round first: the user's clock may be a few minutes off. Local time may be a day ahead of
    # UTC or behind it, and real offsets lie between -12h and +14h, so from 10 to 12 hours
    # either way one clock reading fits two offsets (Honolulu -10h and Kiritimati +14h look
    # alike): both are tried, and the ranking settles it, whatever the hour.
    ahead = round(diff / 15) * 15 % _DAY
    return [timedelta(minutes=m) for m in (ahead, ahead - _DAY) if -12 * 60 <= m <= 14 * 60]


def zone_choices_from_local_time(
    text: str, now_utc: datetime, region: str | None = None, most: int = 3
) -> list[str]:
    """The zones a typed clock reading may mean, best guess first, one for each way of keeping
    time through the year (Los Angeles, UTC-7 in summer and -8 in winter, and Phoenix, -7 all
    year, look alike in July): at most `most`, for the user to pick from. Empty when the text
    is no time."""
    offsets = _clock_offsets(text, now_utc)
    if not offsets:
        return []
    now_utc = _as_utc(now_utc)
    choices: list[str] = []
    seen: set[tuple[timedelta | None, frozenset[timedelta]]] = set()
    for zone in _zones_at(offsets, now_utc, region):
        pattern = (_offset_at(zone, now_utc), year_offsets(zone, now_utc))
        if pattern not in seen:
            seen.add(pattern)
            choices.append(zone)
        if len(choices) == most:
            break
    return choices


def zone_from_local_time(text: str, now_utc: datetime, region: str | None = None) -> str | None:
    """The best guess of zone_choices_from_local_time: the time on the user's clock, against
    UTC now, gives their offset, and so a zone that has that offset today. A guess, which is
    why the dialog asks the user to confirm it."""
    choices = zone_choices_from_local_time(text, now_utc, region, most=1)
    return choices[0] if choices else None


def utc_offset(offset: timedelta) -> str:
    """'UTC+05:30', 'UTC-03:00'."""
    total = int(offset.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def next_change(zone: str, now_utc: datetime) -> datetime | None:
    """The first moment within a year from now at which the zone's offset changes, to the
    hour; None if it keeps its offset all year."""
    tz = ZoneInfo(zone)
    start = _as_utc(now_utc).replace(minute=0, second=0, microsecond=0)
    current = start.astimezone(tz).utcoffset()

    def changed(moment: datetime) -> bool:
        return moment.astimezone(tz).utcoffset() != current

    day = next((d for d in range(1, 367) if changed(start + timedelta(days=d))), None)
    if day is None:
        return None
    hours = (start + timedelta(days=day - 1, hours=h) for h in range(1, 25))
    return next(moment for moment in hours if changed(moment))


def describe_year(zone: str, now_utc: datetime) -> str:
    """How a zone keeps time through the year, to tell look-alikes apart: 'America/Phoenix:
    UTC-07:00 all year', 'America/Los_Angeles: UTC-07:00 now, UTC-08:00 from 1 Nov'."""
    tz = ZoneInfo(zone)
    now_utc = _as_utc(now_utc)
    offset = utc_offset(now_utc.astimezone(tz).utcoffset() or timedelta())
    change = next_change(zone, now_utc)
    if change is None:
        return _("{zone}: {offset} all year").format(zone=zone, offset=offset)
    local = change.astimezone(tz)
    return _("{zone}: {offset} now, {other} from {day}").format(
        zone=zone,
        offset=offset,
        other=utc_offset(local.utcoffset() or timedelta()),
        day=format_short_date(local.date()),
    )


def describe_zone(zone: str, now_utc: datetime) -> str:
    """'Europe/Berlin (UTC+01:00, 14:35 there now)': the clock time lets the user spot a wrong
    guess at once."""
    local = _as_utc(now_utc).astimezone(ZoneInfo(zone))
    offset = utc_offset(local.utcoffset() or timedelta())
    return _("{zone} ({offset}, {time} there now)").format(
        zone=zone, offset=offset, time=format_time(local)
    )
