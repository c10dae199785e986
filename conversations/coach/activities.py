"""What an activity file says about yesterday's training: its class for the recovery rules.

Pure functions over parsed activities (conversations.activity_files reads the files), so the
whole table is tested row by row (tests/advice/test_activity_classes.py). The classes and their
thresholds come from issue 15 and shared/recovery-rules.md: a long race, a hard session, an
easy run, other training, or a strength session that may have been a leg day (asked).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from conversations.coach.advice import Workout
from conversations.i18n import N_, Text, format_number


class Sport(StrEnum):
    """The sports the rules tell apart; stored with each activity, so values never change."""

    RUN = "run"
    CYCLE = "cycle"
    SWIM = "swim"
    STRENGTH = "strength"  # FIT sport `training`, sub-sport `strength_training`
    OTHER = "other"


class ActivityClass(StrEnum):
    """Stored with each activity; `ASK_LEGS` waits for the answer to "was it legs?"."""

    LONG_RACE = "long_race"
    HARD_SESSION = "hard_session"
    EASY_RUN = "easy_run"
    OTHER = "other"
    ASK_LEGS = "ask_legs"


# A half marathon (21.1 km) is the shortest race that leaves most runners' legs needing two days
# (shared/recovery-rules.md, "long race"); 21 km leaves room for a watch's GPS reading short.
LONG_RACE_METRES = 21_000.0
# 100 minutes is about what a half marathon takes a recreational runner: a run that long
# empties the legs' glycogen and damages muscle like a race, whatever its distance.
LONG_RACE_SECONDS = 100 * 60
# The usual pace and heart rate are the medians of the user's earlier runs, once there are
# this many: fewer would let one odd run set the norm.
HISTORY_RUNS = 3
# Easy runs of one runner vary by about 3-5 % in pace and 3-5 bpm in average heart rate from day
# to day (weather, terrain); a tempo run or intervals are 10-15 % faster and 10+ bpm higher.
# "Clearly above the usual" sits between: 8 % faster, or 8 bpm higher.
HARD_PACE_FACTOR = 0.92  # seconds per km at most this share of the usual
HARD_HEART_RATE_BPM = 8
# Without history, the file's own laps show a hard session: laps adding up to a fifth of the
# moving time at least 10 % faster than the first lap (the warm-up, run at the runner's easy
# pace) are intervals or a tempo block, not an easy run that drifted.
LAP_PACE_FACTOR = 0.90
LAP_SHARE = 0.20
# Laps shorter than this (a stop at a crossing, a lap button pressed twice) say nothing of pace.
LAP_MIN_METRES = 200.0


@dataclass(frozen=True)
class Lap:
    moving_seconds: float
    distance_metres: float


@dataclass(frozen=True)
class Activity:
    """One parsed file. `start` is aware (UTC); moving time excludes pauses; distance and heart
    rate are None when the file has none (a gym session, a watch without a strap)."""

    sport: Sport
    start: datetime
    moving_seconds: float
    distance_metres: float | None = None
    avg_heart_rate: int | None = None
    max_heart_rate: int | None = None
    laps: tuple[Lap, ...] = field(default=())

    @property
    def pace(self) -> float | None:
        """Seconds per km, or None without distance."""
        return pace_of(self.moving_seconds, self.distance_metres)


@dataclass(frozen=True)
class EarlierRun:
    """What an earlier run file left for the usual: its pace (s/km) and average heart rate."""

    pace: float | None
    avg_heart_rate: int | None


class Reason(StrEnum):
    """Why a file was classed as it was; stored with the activity (with its numbers, see
    `Classification.values`), so values never change and the reason is shown in whatever
    language the user reads it later."""

    LONG_DISTANCE = "long_distance"  # values: metres
    LONG_TIME = "long_time"  # values: minutes
    FASTER = "faster"  # values: pace, usual (seconds per km)
    HIGHER_HR = "higher_hr"  # values: hr, usual (bpm)
    FAST_LAPS = "fast_laps"  # values: percent
    EASY_HISTORY = "easy_history"
    EASY_LAPS = "easy_laps"
    EASY_NOTHING = "easy_nothing"
    OTHER = "other"
    STRENGTH = "strength"


@dataclass(frozen=True)
class Classification:
    """The class and why: `why` and the numbers its sentence shows (`values`, raw: metres,
    seconds per km, bpm, percent), so the sentence is written in the reader's language and
    number format whenever it is shown (`reason`, `describe`)."""

    kind: ActivityClass
    why: Reason
    values: Mapping[str, float] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """Why, in the current language."""
        return describe(self.why, self.values)


def pace_of(seconds: float, metres: float | None) -> float | None:
    if not metres or metres <= 0 or seconds <= 0:
        return None
    return seconds / (metres / 1000)


def format_pace(seconds_per_km: float) -> str:
    """'5:05' for 305 s per km."""
    whole = round(seconds_per_km)
    return f"{whole // 60}:{whole % 60:02d}"


REASON_LONG_DISTANCE = N_("{km} km is at least a half marathon")
REASON_LONG_TIME = N_("{minutes} minutes of running is as long as a half marathon")
REASON_FASTER = N_("your pace {pace}/km is clearly faster than your usual {usual}/km")
REASON_HIGHER_HR = N_("your average heart rate {hr} bpm is clearly above your usual {usual} bpm")
REASON_FAST_LAPS = N_(
    "{share} of the run was clearly faster than your first lap: intervals or a tempo block"
)
REASON_EASY_HISTORY = N_("pace and heart rate close to your usual")
REASON_EASY_LAPS = N_("an even effort from start to finish")
REASON_EASY_NOTHING = N_("shorter than a half marathon, with nothing to compare its pace with yet")
REASON_OTHER = N_("not a run: it counts as other training")
REASON_STRENGTH = N_("a strength session: only you know whether it was legs")

LABELS: dict[ActivityClass, Text] = {
    ActivityClass.LONG_RACE: N_("counts as a long run or race"),
    ActivityClass.HARD_SESSION: N_("counts as a much harder session than usual"),
    ActivityClass.EASY_RUN: N_("counts as an easy run"),
    ActivityClass.OTHER: N_("counts as other training"),
    ActivityClass.ASK_LEGS: N_("a strength session"),
}

# The hardest first: several files for one day, the hardest decides (issue 15). A leg day
# answered for a strength file ranks with the long race: both keep the legs off running.
HARDNESS: tuple[Workout, ...] = (
    Workout.LEG_DAY,
    Workout.LONG_RACE,
    Workout.HARD_SESSION,
    Workout.EASY_RUN,
    Workout.OTHER,
)


def workout_of(kind: ActivityClass, legs: bool | None = None) -> Workout | None:
    """The check-in's answer a file gives; None for a strength file not answered yet."""
    if kind is ActivityClass.ASK_LEGS:
        if legs is None:
            return None
        return Workout.LEG_DAY if legs else Workout.OTHER
    return Workout(kind.value)


def hardest(workouts: Sequence[Workout]) -> Workout | None:
    ranked = [w for w in HARDNESS if w in workouts]
    return ranked[0] if ranked else None


def classify(activity: Activity, earlier: Sequence[EarlierRun] = ()) -> Classification:
    """The class of one activity, from its own numbers and the user's earlier runs (any order).

    Long race first (distance or time alone decides), then a hard session against the usual of
    the earlier runs when there are `HISTORY_RUNS` of them, else against the file's own laps.
    """
    if activity.sport is Sport.STRENGTH:
        return Classification(ActivityClass.ASK_LEGS, Reason.STRENGTH)
    if activity.sport is not Sport.RUN:
        return Classification(ActivityClass.OTHER, Reason.OTHER)
    distance = activity.distance_metres or 0.0
    if distance >= LONG_RACE_METRES:
        return Classification(ActivityClass.LONG_RACE, Reason.LONG_DISTANCE, {"metres": distance})
    if activity.moving_seconds >= LONG_RACE_SECONDS:
        minutes = int(activity.moving_seconds // 60)
        return Classification(ActivityClass.LONG_RACE, Reason.LONG_TIME, {"minutes": minutes})
    paces = [run.pace for run in earlier if run.pace is not None]
    rates = [run.avg_heart_rate for run in earlier if run.avg_heart_rate is not None]
    if len(paces) >= HISTORY_RUNS or len(rates) >= HISTORY_RUNS:
        return _against_history(activity, paces, rates)
    return _against_laps(activity)


def _against_history(activity: Activity, paces: list[float], rates: list[int]) -> Classification:
    pace = activity.pace
    if pace is not None and len(paces) >= HISTORY_RUNS:
        usual = statistics.median(paces)
        if pace <= usual * HARD_PACE_FACTOR:
            return Classification(
                ActivityClass.HARD_SESSION, Reason.FASTER, {"pace": pace, "usual": usual}
            )
    hr = activity.avg_heart_rate
    if hr is not None and len(rates) >= HISTORY_RUNS:
        usual_hr = round(statistics.median(rates))
        if hr >= usual_hr + HARD_HEART_RATE_BPM:
            return Classification(
                ActivityClass.HARD_SESSION, Reason.HIGHER_HR, {"hr": hr, "usual": usual_hr}
            )
    return Classification(ActivityClass.EASY_RUN, Reason.EASY_HISTORY)


def _against_laps(activity: Activity) -> Classification:
    laps = [lap for lap in activity.laps if lap.distance_metres >= LAP_MIN_METRES]
    if len(laps) < 2:
        return Classification(ActivityClass.EASY_RUN, Reason.EASY_NOTHING)
    first = pace_of(laps[0].moving_seconds, laps[0].distance_metres)
    assert first is not None  # distance and time are positive for a kept lap
    fast = sum(
        lap.moving_seconds
        for lap in laps[1:]
        if (pace_of(lap.moving_seconds, lap.distance_metres) or first) <= first * LAP_PACE_FACTOR
    )
    total = sum(lap.moving_seconds for lap in laps)
    if total > 0 and fast / total >= LAP_SHARE:
        percent = round(100 * fast / total)
        return Classification(ActivityClass.HARD_SESSION, Reason.FAST_LAPS, {"percent": percent})
    return Classification(ActivityClass.EASY_RUN, Reason.EASY_LAPS)


def _km(metres: float) -> str:
    return format_number(metres / 1000)


_FIXED: dict[Reason, Text] = {
    Reason.EASY_HISTORY: REASON_EASY_HISTORY,
    Reason.EASY_LAPS: REASON_EASY_LAPS,
    Reason.EASY_NOTHING: REASON_EASY_NOTHING,
    Reason.OTHER: REASON_OTHER,
    Reason.STRENGTH: REASON_STRENGTH,
}


def describe(why: Reason, values: Mapping[str, float]) -> str:
    """The sentence for `why` in the current language, its numbers written as the language
    writes them. KeyError if `values` lacks a number the sentence shows."""
    if why is Reason.LONG_DISTANCE:
        return REASON_LONG_DISTANCE.format(km=_km(values["metres"]))
    if why is Reason.LONG_TIME:
        return REASON_LONG_TIME.format(minutes=int(values["minutes"]))
    if why is Reason.FASTER:
        pace, usual = format_pace(values["pace"]), format_pace(values["usual"])
        return REASON_FASTER.format(pace=pace, usual=usual)
    if why is Reason.HIGHER_HR:
        return REASON_HIGHER_HR.format(hr=int(values["hr"]), usual=int(values["usual"]))
    if why is Reason.FAST_LAPS:
        return REASON_FAST_LAPS.format(share=f"{int(values['percent'])}%")
    return str(_FIXED[why])
