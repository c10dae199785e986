"""Looking back: the recent table, the streak, the chart's series, the weekly figures and the
user's own evidence on easy jogs after leg day. Pure functions over plain records, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

from storage.models import CheckIn, JogSession

# How walking felt, as a number: 0 = normal ... 3 = hard to walk.
SORENESS = {"normal": 0, "a_bit_sore": 1, "stiff_sore": 2, "hard": 3}
MIN_CASES = 3
TIE = 0.25  # averages closer than this on the 0-3 scale count as "about the same"

WORKOUT_SHORT = {
    "leg_day": "legs",
    "long_race": "race",
    "hard_session": "hard",
    "easy_run": "easy run",
    "other": "other",
    "rest": "rest",
}
WALKING_SHORT = {
    "normal": "fine",
    "a_bit_sore": "a bit sore",
    "stiff_sore": "stiff",
    "hard": "hard",
}
ADVICE_SHORT = {
    "pain_rest": "rest",
    "strength_mobility": "mobility",
    "rest_day": "rest",
    "cross_train": "cross-train",
    "wait_a_day": "wait",
    "easy_or_cross": "cross-train",
    "easy_jog": "easy jog",
    "as_planned": "as planned",
}


@dataclass(frozen=True)
class Day:
    """One check-in: on `day` the user reported yesterday's workout and this morning's legs."""

    day: date
    workout: str
    walking: str
    advice: str


@dataclass(frozen=True)
class Run:
    day: date  # local date the session started
    minutes: int | None
    completed: bool


def leg_days(days: Iterable[Day]) -> list[date]:
    """A check-in reporting a leg day yesterday dates the leg day itself."""
    return sorted(d.day - timedelta(days=1) for d in days if d.workout == "leg_day")


def jog_days(runs: Iterable[Run]) -> list[date]:
    return sorted({r.day for r in runs if r.completed})


def streak(days: Iterable[Day], today: date) -> int:
    """Consecutive days with a check-in, up to today (or yesterday, if today's is still due)."""
    checked = {d.day for d in days}
    current = today if today in checked else today - timedelta(days=1)
    count = 0
    while current in checked:
        count += 1
        current -= timedelta(days=1)
    return count


def table(days: Sequence[Day], runs: Sequence[Run], today: date, span: int = 14) -> str:
    """The last `span` days, one line each, narrow enough for a phone."""
    by_day = {d.day: d for d in days}
    minutes: dict[date, int] = {}
    for run in runs:
        if run.completed:
            minutes[run.day] = minutes.get(run.day, 0) + (run.minutes or 0)
    lines = [f"{'day':<6} {'yesterday':<9} {'walking':<10} {'advice':<11} jog"]
    for offset in range(span - 1, -1, -1):
        day = today - timedelta(days=offset)
        entry = by_day.get(day)
        jog = f"{minutes[day]}'" if day in minutes else "-"
        if entry is None:
            lines.append(f"{day:%d %b} {'-':<9} {'-':<10} {'-':<11} {jog}")
            continue
        lines.append(
            f"{day:%d %b} {WORKOUT_SHORT.get(entry.workout, entry.workout):<9} "
            f"{WALKING_SHORT.get(entry.walking, entry.walking):<10} "
            f"{ADVICE_SHORT.get(entry.advice, entry.advice):<11} {jog}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Evidence:
    """Soreness two mornings after each leg day, split by whether an easy jog came between."""

    with_jog: tuple[int, ...]
    without_jog: tuple[int, ...]

    @property
    def enough(self) -> bool:
        return len(self.with_jog) >= MIN_CASES and len(self.without_jog) >= MIN_CASES


def evidence(days: Sequence[Day], runs: Sequence[Run]) -> Evidence:
    by_day = {d.day: d for d in days}
    jogged = set(jog_days(runs))
    with_jog: list[int] = []
    without: list[int] = []
    for leg_day in leg_days(days):
        two_mornings_later = by_day.get(leg_day + timedelta(days=2))
        if two_mornings_later is None:
            continue
        day_after = leg_day + timedelta(days=1)
        # A jog the day after shows as a finished timer, or as "easy run" reported next morning.
        ran = day_after in jogged or two_mornings_later.workout == "easy_run"
        (with_jog if ran else without).append(SORENESS[two_mornings_later.walking])
    return Evidence(tuple(with_jog), tuple(without))


def describe_evidence(found: Evidence) -> str:
    n_with, n_without = len(found.with_jog), len(found.without_jog)
    if not found.enough:
        return (
            "Your own evidence: not enough yet. I compare how walking feels two mornings after "
            f"a leg day with and without an easy jog the day after, and need at least {MIN_CASES} "
            f"of each (so far: {n_with} with a jog, {n_without} without)."
        )
    avg_with, avg_without = mean(found.with_jog), mean(found.without_jog)
    figures = (
        f"two mornings after a leg day, your soreness averaged {avg_with:.1f} when you jogged "
        f"easy the day after ({n_with} times) and {avg_without:.1f} when you didn't "
        f"({n_without} times), on a scale from 0 (walking normal) to 3 (hard to walk)"
    )
    if abs(avg_with - avg_without) < TIE:
        verdict = "So far it makes about no difference for you."
    elif avg_with < avg_without:
        verdict = "So far, easy jogs after leg day seem to help you."
    else:
        verdict = "So far, easy jogs after leg day don't seem to help you."
    caution = " Still few cases, so take it as a hint." if min(n_with, n_without) < 6 else ""
    return f"Your own evidence: {figures}. {verdict}{caution}"


@dataclass(frozen=True)
class ChartData:
    """Exactly what the chart draws, so tests can check the data rather than pixels."""

    days: tuple[date, ...]
    soreness: tuple[int, ...]
    leg_days: tuple[date, ...]
    jog_days: tuple[date, ...]
    start: date
    end: date


def chart_data(days: Sequence[Day], runs: Sequence[Run], today: date, weeks: int = 8) -> ChartData:
    start = today - timedelta(weeks=weeks) + timedelta(days=1)
    shown = sorted((d for d in days if start <= d.day <= today), key=lambda d: d.day)
    return ChartData(
        days=tuple(d.day for d in shown),
        soreness=tuple(SORENESS[d.walking] for d in shown),
        leg_days=tuple(d for d in leg_days(days) if start <= d <= today),
        jog_days=tuple(d for d in jog_days(runs) if start <= d <= today),
        start=start,
        end=today,
    )


@dataclass(frozen=True)
class Week:
    checkins: int
    jogs: int
    jog_minutes: int
    soreness: float | None
    previous_soreness: float | None


def week(days: Sequence[Day], runs: Sequence[Run], last_day: date) -> Week:
    """The seven days ending on `last_day`, and the soreness of the seven before."""

    def span(end: date) -> list[Day]:
        return [d for d in days if end - timedelta(days=6) <= d.day <= end]

    this, before = span(last_day), span(last_day - timedelta(days=7))
    finished = [
        r for r in runs if r.completed and last_day - timedelta(days=6) <= r.day <= last_day
    ]
    return Week(
        checkins=len(this),
        jogs=len(finished),
        jog_minutes=sum(r.minutes or 0 for r in finished),
        soreness=mean(SORENESS[d.walking] for d in this) if this else None,
        previous_soreness=mean(SORENESS[d.walking] for d in before) if before else None,
    )


def describe_week(figures: Week) -> str:
    lines = [
        "Your week in review",
        f"• Check-ins: {figures.checkins} of 7",
        f"• Easy jogs: {figures.jogs} ({figures.jog_minutes} minutes)",
    ]
    now, before = figures.soreness, figures.previous_soreness
    if now is None:
        lines.append("• Soreness: no check-ins this week")
    elif before is None:
        lines.append(f"• Soreness: {now:.1f} on average (0 = fine, 3 = hard to walk)")
    else:
        trend = (
            "about the same as"
            if abs(now - before) < TIE
            else ("lower than" if now < before else "higher than")
        )
        lines.append(
            f"• Soreness: {now:.1f} on average, {trend} the week before ({before:.1f}); "
            "0 = fine, 3 = hard to walk"
        )
    return "\n".join(lines)


def records(
    checkins: Iterable[CheckIn], jogs: Iterable[JogSession], zone: str
) -> tuple[list[Day], list[Run]]:
    """Stored rows as plain records; a run belongs to the local day it started on."""
    tz = ZoneInfo(zone)
    return (
        [Day(c.local_date, c.workout, c.walking, c.advice) for c in checkins],
        [
            Run(j.started_at.astimezone(tz).date(), j.actual_minutes, j.status == "completed")
            for j in jogs
        ],
    )
