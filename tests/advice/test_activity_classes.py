"""How an activity file is classed for the rules: a table, one row per way to land in a class."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conversations.coach.activities import (
    Activity,
    ActivityClass,
    EarlierRun,
    Lap,
    Sport,
    classify,
    hardest,
    workout_of,
)
from conversations.coach.advice import Workout
from tests.conversations.test_languages import speaking

START = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
USUAL = [EarlierRun(360.0, 140), EarlierRun(355.0, 142), EarlierRun(365.0, 138)]  # 6:00/km


def run(
    seconds: float, metres: float | None, hr: int | None = None, laps: list[Lap] | None = None
) -> Activity:
    return Activity(Sport.RUN, START, seconds, metres, hr, laps=tuple(laps or ()))


# id, activity, earlier runs, class, words the reason contains
TABLE = [
    ("half marathon distance", run(7000, 21_100), [], ActivityClass.LONG_RACE, "21.1 km"),
    ("just under 21 km, under 100 min", run(5900, 20_900), [], ActivityClass.EASY_RUN, "nothing"),
    ("100 minutes slow", run(6000, 15_000), [], ActivityClass.LONG_RACE, "100 minutes"),
    ("99 minutes", run(5999, 15_000), [], ActivityClass.EASY_RUN, "nothing to compare"),
    ("8% faster than usual", run(1980, 6000), USUAL, ActivityClass.HARD_SESSION, "5:30/km"),
    ("5% faster than usual", run(2052, 6000), USUAL, ActivityClass.EASY_RUN, "close to your"),
    ("8 bpm above usual", run(2160, 6000, 148), USUAL, ActivityClass.HARD_SESSION, "148 bpm"),
    ("7 bpm above usual", run(2160, 6000, 147), USUAL, ActivityClass.EASY_RUN, "close"),
    (
        "two earlier runs are no usual yet",
        run(1980, 6000),
        USUAL[:2],
        ActivityClass.EASY_RUN,
        "nothing",
    ),
    (
        "intervals in the laps",
        run(2400, 7000, laps=[Lap(600, 1600), Lap(300, 1000), Lap(300, 700), Lap(300, 1000)]),
        [],
        ActivityClass.HARD_SESSION,
        "intervals",
    ),
    (
        "an even run by laps",
        run(2400, 6600, laps=[Lap(1200, 3300), Lap(1200, 3300)]),
        [],
        ActivityClass.EASY_RUN,
        "even effort",
    ),
    (
        "a short fast lap is noise",
        run(2400, 6600, laps=[Lap(1200, 3300), Lap(30, 150), Lap(1170, 3150)]),
        [],
        ActivityClass.EASY_RUN,
        "even effort",
    ),
    ("cycling", Activity(Sport.CYCLE, START, 9000, 80_000), [], ActivityClass.OTHER, "not a run"),
    ("swimming", Activity(Sport.SWIM, START, 1800, 1500), [], ActivityClass.OTHER, "not a run"),
    ("strength", Activity(Sport.STRENGTH, START, 3600), [], ActivityClass.ASK_LEGS, "legs"),
]


@pytest.mark.parametrize(
    ("activity", "earlier", "kind", "words"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_classes(
    activity: Activity, earlier: list[EarlierRun], kind: ActivityClass, words: str
) -> None:
    found = classify(activity, earlier)
    assert found.kind is kind
    assert words in found.reason


def test_the_reason_comes_in_the_users_language() -> None:
    with speaking("de"):
        reason = classify(run(7000, 21_100)).reason
    assert "21,1" in reason
    assert "half marathon" not in reason


def test_a_strength_file_waits_for_the_legs_answer() -> None:
    assert workout_of(ActivityClass.ASK_LEGS) is None
    assert workout_of(ActivityClass.ASK_LEGS, legs=True) is Workout.LEG_DAY
    assert workout_of(ActivityClass.ASK_LEGS, legs=False) is Workout.OTHER
    assert workout_of(ActivityClass.LONG_RACE) is Workout.LONG_RACE


def test_the_hardest_of_a_day_decides() -> None:
    assert hardest([Workout.EASY_RUN, Workout.LONG_RACE, Workout.OTHER]) is Workout.LONG_RACE
    assert hardest([Workout.OTHER, Workout.EASY_RUN]) is Workout.EASY_RUN
    assert hardest([Workout.LONG_RACE, Workout.LEG_DAY]) is Workout.LEG_DAY
    assert hardest([]) is None
