"""What the Mini App shows: a user's record as plain, JSON-ready data, already in their language.

The page (bot/miniapp/) stays dumb: every label, date and sentence comes from here, translated
with the same catalogs as the chat and written as the user's locale writes dates, so the
browser formats nothing and decides nothing. Dates are the user's local dates (their zone), as
the check-ins store them; a session belongs to the local day it started on.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from conversations import i18n, texts
from conversations.activities import (
    SPORT_NAMES,
    class_label,
    duration,
    overruled,
    reason_of,
    shown_class,
)
from conversations.checkin import PAIN_ANSWER, WALKING, WALKING_LEVELS, WORKOUT
from conversations.coach.activities import Sport
from conversations.coach.advice import (
    BAND_LABELS,
    Band,
    Verdict,
    Walking,
    Workout,
    band_of,
    for_tonight_only,
    verdict_name,
)
from conversations.coach.history import (
    OVERREACH_MARK,
    OVERREACH_NOTE,
    SORENESS,
    THAT_DAY_MARK,
    chronic_load,
    describe_both,
    describe_load,
    leg_days,
    streak_run,
    told_run_days,
    unrated_in_week,
    weekly_load,
)
from conversations.coach.timing import local_date
from conversations.i18n import (
    N_,
    Text,
    format_day,
    format_number,
    format_short_date,
    format_time,
    ngettext,
)
from conversations.own_record import as_record, easy_run_days
from storage.activities import FileLine
from storage.checkins import DayAnswers
from storage.jogs import SessionLine
from storage.models import JogStatus
from storage.repository import Repository

SPAN = 182  # days: the longest range offered (26 weeks, about six months)
RANGES: tuple[tuple[Text, int], ...] = (
    (N_("4 weeks"), 28),
    (N_("8 weeks"), 56),
    (N_("6 months"), SPAN),
)
DEFAULT_RANGE = 56
KINDS = texts.JOG_KINDS

TITLE = N_("Your record")
CHART_HEAD = N_("How walking felt each day")
LEG_DAY = N_("Leg day")
# An easy run the user told in a check-in, not timed by the bot: marked as the PNG chart
# marks it, apart from the timed ones (coach.history.told_run_days).
RUN_TOLD = N_("Easy run you told me about")
# The same where an activity file gave any of them (the check-in said it, not asked).
RUN_TOLD_OR_FILE = N_("Easy run told or from a file")
TAP_A_DAY = N_("Tap a day to see its check-in.")
NO_CHECKIN = N_("No check-in that day.")
WORKOUT_HEAD = N_("Yesterday's workout")
# The workout of the check-in's own day, told in its evening: marked as /history marks it.
THAT_DAY_HEAD = N_("Trained that day too")
WALKING_HEAD = N_("Walking that day")
ADVICE_HEAD = N_("Advice")
SESSIONS_HEAD = N_("Sessions")
ACTIVITY = N_("Activity file")
BACK_TO_CHAT = N_("Back to the chat")
EMPTY = N_(
    "Nothing to look back on yet. Check in for a few days in the chat and your record appears here."
)
# Shown by the page when the server failed to answer (any other error's message).
NOT_LOADED = N_("Your record could not be loaded just now. Try again in a moment.")
# Shown by the page when the server would not answer (the 401's message).
NOT_VERIFIED = N_(
    "This link could not be verified, or it is too old. Open your record again from the chat."
)


def _labels(runs_from_files: bool = False) -> dict[str, str]:
    """Every fixed text the page shows, in the current language; `runs_from_files`: an activity
    file gave one of the runs marked as told (RUN_TOLD_OR_FILE)."""
    return {
        "title": str(TITLE),
        "chart": str(CHART_HEAD),
        "leg_day": str(LEG_DAY),
        "jog": str(KINDS["jog"]),
        "run_told": str(RUN_TOLD_OR_FILE if runs_from_files else RUN_TOLD),
        "cross": str(KINDS["cross"]),
        "tap": str(TAP_A_DAY),
        "no_checkin": str(NO_CHECKIN),
        "workout": str(WORKOUT_HEAD),
        "that_day": f"{THAT_DAY_MARK} {THAT_DAY_HEAD}",
        "walking": str(WALKING_HEAD),
        "advice": str(ADVICE_HEAD),
        "sessions": str(SESSIONS_HEAD),
        "activity": str(ACTIVITY),
        "pain": str(WALKING.label_of(PAIN_ANSWER)),
        "back": str(BACK_TO_CHAT),
        "empty": str(EMPTY),
    }


def _checkin(row: DayAnswers, language: str) -> dict[str, Any]:
    that_day = row.workout_that_day if row.workout_that_day != Workout.REST else None
    return dict(
        _checkin_of(
            language,
            row.workout,
            row.walking,
            row.advice,
            bool(row.overreached),
            that_day,
            bool(row.overreached_that_day),
            for_tonight_only(row.evening, row.workout_that_day, row.rule),
        )
    )


def _workout_words(workout: str, overreached: bool) -> str:
    """A workout as its button names it, marked 🔥 as /history marks a leg day well past the
    usual (coach.history.OVERREACH_MARK)."""
    shown = str(WORKOUT.label_of(workout) or workout)
    return f"{shown} {OVERREACH_MARK}" if overreached and workout == Workout.LEG_DAY else shown


@lru_cache(maxsize=4096)
def _checkin_of(
    language: str,
    workout: str,
    walking: str,
    advice: str,
    overreached: bool = False,
    that_day: str | None = None,
    that_day_overreached: bool = False,
    tonight: bool = False,
) -> dict[str, Any]:
    """A check-in's words; cached, as a record repeats the same few answers for months. A stored
    value no table knows (a row from an older version) is shown as it is stored: the page shows
    every value as text, so even markup in it stays text. `that_day`: the workout told for the
    check-in's own day in its evening (a Workout value), or None; `tonight`: the verdict went
    for that evening only (coach.advice.for_tonight_only)."""
    try:
        band: Band | None = band_of(Verdict(advice), Walking(walking))
    except ValueError:
        band = None
    with i18n.one_update():
        i18n.use(language)
        shown = _workout_words(workout, overreached)
        told = None if that_day is None else _workout_words(that_day, that_day_overreached)
        marked = OVERREACH_MARK in shown or OVERREACH_MARK in (told or "")
        return {
            "workout": shown,
            "that_day": told,
            "walking": str(WALKING.label_of(walking) or walking),
            "verdict": verdict_name(advice, walking, tonight),
            "band": band.value if band else "none",
            "band_label": str(BAND_LABELS[band]) if band else "",
            "notes": [str(OVERREACH_NOTE)] if marked else [],
        }


def _session(row: SessionLine) -> dict[str, Any]:
    minutes = row.actual_minutes or 0
    feeling = next((str(label) for label, value in texts.FEELINGS if value == row.feeling), None)
    return {
        "kind": row.kind if row.kind in KINDS else "jog",
        "label": str(KINDS.get(row.kind, KINDS["jog"])),
        "minutes": minutes,
        "duration": ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes),
        "feeling": feeling,
    }


def _activity(row: FileLine, zone: str, language: str, said: str | None) -> dict[str, Any]:
    # The row is the key of its cached words: its reason (a dict) goes as sorted items.
    reason = None if row.reason is None else tuple(sorted(row.reason.items()))
    return dict(_activity_of(language, zone, row._replace(reason=None), reason, said))


@lru_cache(maxsize=8192)
def _activity_of(
    language: str,
    zone: str,
    row: FileLine,
    reason: tuple[tuple[str, Any], ...] | None,
    said: str | None,
) -> dict[str, Any]:
    """One file's numbers and how it counted, in `language`; `row` without its `reason`, given
    apart as items; `said`: the workout answered instead of the file's
    (conversations.activities.overruled), or None. Cached as the check-ins' words are: Babel
    takes some 0.1 ms for each number and time, four of them a file."""
    with i18n.one_update():
        i18n.use(language)
        return _words(row._replace(reason=None if reason is None else dict(reason)), said, zone)


def _words(row: FileLine, said: str | None, zone: str) -> dict[str, Any]:
    start = row.started_at.astimezone(ZoneInfo(zone))
    try:
        sport = Sport(row.sport)
    except ValueError:  # a sport a later version stores: shown as a workout
        sport = Sport.OTHER
    distance = row.distance_metres
    told = None if said is None else str(WORKOUT.label_of(said) or said)
    return {
        "sport": sport.value,
        "label": str(SPORT_NAMES[sport]),
        "time": format_time(start),
        "distance": texts.ACTIVITY_KM.format(km=format_number(distance / 1000))
        if distance
        else None,
        "moving": texts.ACTIVITY_MOVING.format(time=duration(row.moving_seconds)),
        "heart_rate": texts.ACTIVITY_HR.format(bpm=row.avg_heart_rate)
        if row.avg_heart_rate
        else None,
        "class": shown_class(row, told),
        "class_label": class_label(row, told),
        "reason": reason_of(row, told),
    }


@lru_cache(maxsize=8192)
def _dates(language: str, day: date) -> tuple[str, str]:
    """A day as the language writes it, long and short ('Wed 10 Jun', '10 Jun'). Cached: Babel
    takes some 0.1 ms a date, and a record shows up to 182 of them on every request (the bench's
    year of check-ins spent half its time here)."""
    with i18n.one_update():
        i18n.use(language)
        return format_day(day), format_short_date(day)


def empty_record(language: str) -> dict[str, Any]:
    """A record with nothing in it: the page shows a friendly line and the way back."""
    with i18n.one_update():
        i18n.use(language)
        return {"empty": True, "language": language, "texts": _labels()}


def refusal(language: str) -> str:
    """What the page says when the server refused the initData, in `language`."""
    with i18n.one_update():
        i18n.use(language)
        return str(NOT_VERIFIED)


def failure(language: str) -> str:
    """What the page says when the server could not answer (any error but a refusal)."""
    with i18n.one_update():
        i18n.use(language)
        return str(NOT_LOADED)


async def record_for(
    repo: Repository, telegram_user_id: int, language_code: str | None, now: datetime
) -> dict[str, Any]:
    """The user's record over the last SPAN days ending today in their zone.

    Shape: {"empty": bool, "language", "texts": {...}, "today": ISO date, "zone",
    "ranges": [{"label", "days"}], "default_range": days, "streak": str, "evidence": str,
    "load": str (the last seven days' session load against the four weeks before, "" if none),
    "scale": [label of soreness 0..3], "ticks": [{"date", "short"}] a week apart from today,
    "days": [{"date": ISO, "label", "short", "soreness": 0-3 or null, "leg_day": bool,
    "run_told": bool (an easy run told in a check-in for that day, none timed: coach.history.
    told_run_days),
    "pain": bool (sharp or joint pain reported that morning; soreness is still its walking),
    "checkin": {"workout" (marked 🔥 after a leg day well past the usual), "that_day" (the
    workout told for that same day in its evening, marked alike, or null), "walking", "verdict",
    "band", "band_label", "notes": [what a 🔥 shown means, if one is]} or null,
    "sessions": [{"kind": "jog"|"cross"|"routine", "label", "minutes", "duration", "feeling"}],
    "activities": [{"sport": coach.activities.Sport, "label", "time" (local start), "distance"
    or null, "moving", "heart_rate" or null, "class" (see conversations.activities.shown_class:
    "not_used" when the check-in of the day after answered otherwise), "class_label",
    "reason"}]}], the days oldest first and only those with something on them; an activity is
    on the local day it started on, oldest first. Only this user's rows are read.
    `language_code` (Telegram's, from the initData) decides the language unless the user chose
    one in the bot."""
    user = await repo.users.get(telegram_user_id)
    language = (user.language if user else None) or i18n.language_for(language_code)
    if user is None or user.time_zone is None:
        return empty_record(language)
    zone = user.time_zone
    checkins = await repo.checkins.days_for(telegram_user_id)
    if not checkins:
        return empty_record(language)
    jogs = [
        j for j in await repo.jogs.lines_for(telegram_user_id) if j.status == JogStatus.COMPLETED
    ]
    today = local_date(zone, now)
    start = today - timedelta(days=SPAN - 1)
    days, runs = as_record(checkins, jogs, zone)
    by_day: dict[date, DayAnswers] = {c.local_date: c for c in checkins}
    pain = {d.day for d in days if d.pain}
    sessions: dict[date, list[SessionLine]] = {}
    for jog in jogs:
        sessions.setdefault(local_date(zone, jog.started_at), []).append(jog)
    files: dict[date, list[FileLine]] = {}
    lines = await repo.activities.lines_for(telegram_user_id)
    for row in lines:
        files.setdefault(local_date(zone, row.started_at), []).append(row)
    said = overruled(lines, {c.local_date: c.workout for c in checkins})
    legs = set(leg_days(days))
    told = set(told_run_days(days, runs))
    shown = sorted(d for d in {*by_day, *sessions, *files, *legs, *told} if start <= d <= today)
    told_from_files = not told.intersection(easy_run_days(lines)).isdisjoint(shown)
    with i18n.one_update():
        i18n.use(language)
        count, spanned = streak_run(days, today)
        return {
            "empty": False,
            "language": language,
            "texts": _labels(told_from_files),
            "today": today.isoformat(),
            "zone": zone,
            "ranges": [{"label": str(label), "days": span} for label, span in RANGES],
            "default_range": DEFAULT_RANGE,
            "streak": texts.streak_line(count, spanned),
            "evidence": describe_both(days, runs),
            "load": " ".join(
                describe_load(
                    weekly_load(runs, today),
                    chronic_load(days, runs, today),
                    unrated_in_week(runs, today),
                )
            ),
            # The walking levels only: the pain answer is no level (a pain day is marked apart).
            "scale": [str(label) for label, _ in WALKING_LEVELS],
            # Dates for the chart's axis, a week apart back from today, as the locale writes them.
            "ticks": [
                {"date": tick.isoformat(), "short": _dates(language, tick)[1]}
                for tick in (today - timedelta(days=7 * n) for n in range(SPAN // 7))
            ],
            "days": [
                {
                    "date": day.isoformat(),
                    "label": _dates(language, day)[0],
                    "short": _dates(language, day)[1],
                    "soreness": SORENESS.get(by_day[day].walking) if day in by_day else None,
                    "leg_day": day in legs,
                    "run_told": day in told,
                    "pain": day in pain,
                    "checkin": _checkin(by_day[day], language) if day in by_day else None,
                    "sessions": [_session(j) for j in sessions.get(day, [])],
                    "activities": [
                        _activity(a, zone, language, said.get(a.local_date))
                        for a in files.get(day, [])
                    ],
                }
                for day in shown
            ],
        }
