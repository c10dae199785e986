"""Typed answers into values: times of day and IANA time zones (so DST follows the user)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.h ]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.IGNORECASE)

# Big cities that are not the name of their IANA zone.
CITY_ALIASES = {
    "munich": "Europe/Berlin",
    "munchen": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "koln": "Europe/Berlin",
    "stuttgart": "Europe/Berlin",
    "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "valencia": "Europe/Madrid",
    "seville": "Europe/Madrid",
    "milan": "Europe/Rome",
    "naples": "Europe/Rome",
    "florence": "Europe/Rome",
    "geneva": "Europe/Zurich",
    "basel": "Europe/Zurich",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "glasgow": "Europe/London",
    "birmingham": "Europe/London",
    "liverpool": "Europe/London",
    "lyon": "Europe/Paris",
    "marseille": "Europe/Paris",
    "rotterdam": "Europe/Amsterdam",
    "krakow": "Europe/Warsaw",
    "porto": "Europe/Lisbon",
    "kiev": "Europe/Kyiv",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "portland": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "philadelphia": "America/New_York",
    "nyc": "America/New_York",
    "houston": "America/Chicago",
    "dallas": "America/Chicago",
    "austin": "America/Chicago",
    "minneapolis": "America/Chicago",
    "salt lake city": "America/Denver",
    "calgary": "America/Edmonton",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "rio de janeiro": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "osaka": "Asia/Tokyo",
    "kyoto": "Asia/Tokyo",
    "abu dhabi": "Asia/Dubai",
    "hanoi": "Asia/Bangkok",
    "ho chi minh city": "Asia/Ho_Chi_Minh",
    "saigon": "Asia/Ho_Chi_Minh",
    "canberra": "Australia/Sydney",
    "gold coast": "Australia/Brisbane",
    "wellington": "Pacific/Auckland",
    "cape town": "Africa/Johannesburg",
}

# When the local time says only "UTC+1", pick the zone most people with that offset live in.
PREFERRED_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Sao_Paulo",
    "America/Halifax",
    "America/St_Johns",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Azores",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Tehran",
    "Asia/Dubai",
    "Asia/Kabul",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Yangon",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Darwin",
    "Australia/Adelaide",
    "Australia/Brisbane",
    "Australia/Sydney",
    "Pacific/Noumea",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Tongatapu",
    "Pacific/Kiritimati",
)


def _fold(text: str) -> str:
    """Lower case, no accents, single spaces: 'São_Paulo ' -> 'sao paulo'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.replace("_", " ").replace("-", " ").lower().split())


@cache
def _zones() -> dict[str, str]:
    """Folded full names and folded last parts of every IANA zone, mapped to the zone."""
    zones = sorted(
        z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    )
    by_name: dict[str, str] = {}
    for zone in zones:
        by_name[_fold(zone)] = zone
    for zone in zones:
        if zone.startswith(
            (
                "Europe/",
                "America/",
                "Asia/",
                "Africa/",
                "Australia/",
                "Pacific/",
                "Atlantic/",
                "Indian/",
            )
        ):
            by_name.setdefault(_fold(zone.rsplit("/", 1)[1]), zone)
    for zone in ("UTC",):
        by_name[_fold(zone)] = zone
    return by_name


def parse_hhmm(text: str) -> time | None:
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if match.group(2) is None and not suffix:
        return None  # a lone number is too ambiguous to be a time
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+-])\s*(\d{1,2})$")


def zone_from_text(text: str) -> str | None:
    folded = _fold(text)
    if not folded:
        return None
    offset = _OFFSET.match("".join(text.lower().split()))
    if offset:
        hours = int(offset.group(2))
        if hours == 0:
            return "UTC"
        if hours > 14:
            return None
        # IANA's Etc zones count the other way round: UTC+2 is Etc/GMT-2.
        return f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}"
    if folded in ("utc", "gmt"):
        return "UTC"
    return CITY_ALIASES.get(folded) or _zones().get(folded)


@cache
def _finder() -> Any:
    from timezonefinder import TimezoneFinder  # slow to load: only when a location arrives

    return TimezoneFinder()


def zone_from_location(latitude: float, longitude: float) -> str | None:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _finder().timezone_at(lat=latitude, lng=longitude)
    return str(zone) if zone else None


def _offset_at(zone: str, now_utc: datetime) -> timedelta | None:
    return now_utc.astimezone(ZoneInfo(zone)).utcoffset()


def zone_from_local_time(text: str, now_utc: datetime) -> str | None:
    """The clock on the user's wall, compared with UTC now, gives their offset and so a zone."""
    local = parse_hhmm(text)
    if local is None:
        return None
    utc_minutes = now_utc.hour * 60 + now_utc.minute
    diff = local.hour * 60 + local.minute - utc_minutes
    # Local days can be a day ahead of or behind UTC: pick the reading between -12h and +14h.
    while diff > 14 * 60:
        diff -= 24 * 60
    while diff < -12 * 60:
        diff += 24 * 60
    offset = timedelta(minutes=round(diff / 15) * 15)
    for zone in PREFERRED_ZONES:
        if _offset_at(zone, now_utc) == offset:
            return zone
    for zone in sorted(set(_zones().values())):
        if _offset_at(zone, now_utc) == offset:
            return zone
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    if rest == 0 and -12 <= hours <= 14:
        return "UTC" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
    return None


def describe_zone(zone: str, now_utc: datetime) -> str:
    """'Europe/Berlin (UTC+01:00, 14:35 there now)': lets the user check we understood."""
    local = now_utc.astimezone(ZoneInfo(zone))
    offset = local.utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{zone} (UTC{sign}{hours:02d}:{mins:02d}, {local:%H:%M} there now)"
