"""When things happen: the morning push at the user's wall-clock time, quiet hours, the weekly
summary, and the jog timer's cues. Pure functions of the user's zone and times and of `now`
(aware UTC datetimes in, aware UTC datetimes out); `conversations.planning` turns them into rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo


class QuietHours(Protocol):
    """A user's zone and quiet hours (a stored user is one)."""

    @property
    def time_zone(self) -> str | None: ...
    @property
    def quiet_start(self) -> time: ...
    @property
    def quiet_end(self) -> time: ...


class TimedRun(Protocol):
    """A jog session's start after the warm-up and planned length (a stored session is one)."""

    @property
    def run_started_at(self) -> datetime: ...
    @property
    def planned_minutes(self) -> int: ...


WARM_UP = timedelta(minutes=5)
FOLLOW_UP_AFTER = timedelta(hours=3)
COMPRESSION_AFTER = timedelta(hours=2)
SNOOZE = timedelta(minutes=30)
REMIND_IN = timedelta(hours=1)
# A message due while the bot was down is sent late only within its grace; otherwise skipped.
GRACE = timedelta(minutes=10)
MORNING_GRACE = timedelta(hours=3)
# The week's summary is read the same evening as gladly at 21:00 as at 19:00 (a restart at
# the wrong minute lost it for a week); quiet hours still hold back what comes later still.
WEEKLY_GRACE = timedelta(hours=3)
# A timer whose time's up fell while the bot was down: past GRACE, the user is asked on its
# return whether they did it (a record of what they ran, not of our outage), for up to this long
# after its end; later still, the session stays missed without a word.
ENDED_OFFLINE_GRACE = timedelta(hours=12)


QUIET_START = time(22, 0)
QUIET_END = time(6, 0)


def in_quiet_hours(wall: time, start: time, end: time) -> bool:
    """Start inclusive, end exclusive, across midnight when start > end; equal means none."""
    wall = wall.replace(second=0, microsecond=0, tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def quiet_now(user: QuietHours, moment: datetime) -> bool:
    """Is it quiet hours for this user at this moment, on their own clock?"""
    local = moment.astimezone(ZoneInfo(user.time_zone or "UTC"))
    return in_quiet_hours(local.time(), user.quiet_start, user.quiet_end)


def after_quiet_hours(user: QuietHours, due: datetime) -> datetime:
    """The moment itself, or, if it falls in the user's quiet hours, the moment they end."""
    if not quiet_now(user, due):
        return due
    zone = user.time_zone or "UTC"
    local = due.astimezone(ZoneInfo(zone))
    end = local_moment(zone, local.date(), user.quiet_end)
    if end <= due:
        end = local_moment(zone, local.date() + timedelta(days=1), user.quiet_end)
    return end


def local_date(zone: str, moment: datetime) -> date:
    """The user's calendar day at this moment, on their own clock."""
    return moment.astimezone(ZoneInfo(zone)).date()


def local_moment(zone: str, day: date, wall: time) -> datetime:
    """The UTC moment of a wall-clock time. A time skipped by spring-forward lands just after
    the gap; a time repeated by fall-back is taken once, at its first occurrence."""
    return datetime.combine(day, wall, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def next_morning(zone: str, wall: time, now: datetime) -> tuple[date, datetime]:
    """The next morning push strictly after `now`: (its local day, its UTC moment)."""
    today = local_date(zone, now)
    due = local_moment(zone, today, wall)
    if due > now:
        return today, due
    tomorrow = today + timedelta(days=1)
    return tomorrow, local_moment(zone, tomorrow, wall)


def first_morning_from(zone: str, wall: time, moment: datetime) -> tuple[date, datetime]:
    """The first morning push at or after `moment`: (its local day, its UTC moment)."""
    return next_morning(zone, wall, moment - timedelta(microseconds=1))


def pause_until(zone: str, wall: time, now: datetime, days: int) -> datetime:
    """Where `/pause <days>` sent at `now` ends (UTC): at the start of the local day of the
    first morning push once `days` days have passed on the user's own clock (so across a DST
    change too: a day is a calendar day, not 24 hours). Every push before that day is held back;
    that day's push comes, whatever the morning time is by then. The day the bot names and the
    push it plans both come from here (see first_morning_after_pause)."""
    local = now.astimezone(ZoneInfo(zone))
    end = local_moment(zone, local.date() + timedelta(days=days), local.time())
    day, _ = first_morning_from(zone, wall, end)
    return local_moment(zone, day, time(0, 0))


def first_morning_after_pause(zone: str, wall: time, until: datetime) -> tuple[date, datetime]:
    """The first morning push a pause ending at `until` lets through: (local day, moment)."""
    return first_morning_from(zone, wall, until)


WEEKLY_AT = time(19, 0)
SUNDAY = 6


def next_weekly(zone: str, now: datetime) -> tuple[date, datetime]:
    """The next Sunday evening in the user's zone (today, if it is Sunday before 19:00)."""
    day = local_date(zone, now)
    day += timedelta(days=(SUNDAY - day.weekday()) % 7)
    due = local_moment(zone, day, WEEKLY_AT)
    if due <= now:
        day += timedelta(days=7)
        due = local_moment(zone, day, WEEKLY_AT)
    return day, due


def cue_times(jog: TimedRun) -> dict[str, datetime]:
    """The timer's cues: go after the warm-up, halfway, and time's up."""
    start = jog.run_started_at
    minutes = timedelta(minutes=jog.planned_minutes)
    return {"go": start, "halfway": start + minutes / 2, "done": start + minutes}


class PartOfDay(StrEnum):
    MORNING = "morning"  # 04:00-11:59: "this morning", advice for today
    DAY = "day"  # 12:00-16:59: "now", advice for today
    EVENING = "evening"  # 17:00-03:59: "now", advice for the rest of today and tomorrow


MORNING_FROM, DAY_FROM, EVENING_FROM = time(4, 0), time(12, 0), time(17, 0)


def part_of_day(zone: str, moment: datetime) -> PartOfDay:
    """The part of the day it is on the user's own clock at `moment` (aware)."""
    wall = moment.astimezone(ZoneInfo(zone)).time()
    if MORNING_FROM <= wall < DAY_FROM:
        return PartOfDay.MORNING
    if DAY_FROM <= wall < EVENING_FROM:
        return PartOfDay.DAY
    return PartOfDay.EVENING


def checkin_day(zone: str, moment: datetime) -> date:
    """The local day a check-in at `moment` counts for: the user's calendar day, except that
    00:00-03:59, the tail of the evening (PartOfDay.EVENING), still counts for the day before,
    as it does for someone who has not slept yet. So "yesterday" in the check-in is the day
    before that, and "tomorrow" in a late verdict is the calendar day after the evening."""
    local = moment.astimezone(ZoneInfo(zone))
    if local.time() < MORNING_FROM:
        return local.date() - timedelta(days=1)
    return local.date()


def after_midnight(zone: str, moment: datetime) -> bool:
    """00:00-03:59 on the user's clock: a check-in then counts for the calendar day before."""
    return checkin_day(zone, moment) != local_date(zone, moment)


def covers_next_day(zone: str, day: date, given_at: datetime) -> bool:
    """Does the check-in of local `day` whose answers were given at `given_at` (aware) cover
    the day after, from its morning on, until that day's own check-in? Yes when it was given in
    that day's evening (17:00 until 03:59 the next calendar day), as its verdict says
    (coach.advice.EVENING_NOTE: "the rest of today and tomorrow")."""
    return part_of_day(zone, given_at) is PartOfDay.EVENING and checkin_day(zone, given_at) == day


def current_checkin_day(zone: str, now: datetime, latest: date | None) -> date:
    """The local day a check-in at `now` (aware) counts for, given the local day of the user's
    latest stored check-in (`latest`, None before any): `checkin_day` on the user's zone, but
    never before `latest`.

    The two differ only after a change of zone to the west (or a clock set back): at 07:44 in
    Berlin a check-in counts for 11 Dec; moved to New York at 07:50, it is 01:50 there, which
    `checkin_day` gives to 10 Dec. The check-in made this morning keeps counting for the day it
    was made for (11 Dec), until the new zone's check-in day reaches that day (04:00 in New
    York), so /checkin, /jog, the history and the pushes go on telling the verdict the user was
    told, and the change never revives the older verdict of 10 Dec. A change to the east only
    moves the day forwards, which `checkin_day` gives as it is: the new day begins earlier, and
    its check-in is asked for as on any other day. Issue 13."""
    day = checkin_day(zone, now)
    return latest if latest is not None and latest > day else day


def held_over(zone: str, now: datetime, day: date) -> bool:
    """Is `day` (from `current_checkin_day`) ahead of the zone's own check-in day at `now`?
    Then a check-in now redoes that day's own, as in its morning: not an evening one that
    covers the day after (`covers_next_day`), and not one "after midnight" for the day before."""
    return day > checkin_day(zone, now)
