"""The coach learns from the user's own record: the personal baseline after a leg day and the
session load of jogs (Foster's session RPE) against the four weeks before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conversations import i18n
from conversations.coach.advice import Verdict, advise, cites_own_record
from conversations.coach.history import (
    RPE,
    Baseline,
    Day,
    Run,
    baseline,
    chronic_load,
    describe_baseline,
    describe_load,
    describe_split,
    session_load,
    week,
    weekly_load,
)
from tests.advice.test_advice_rules import EVERY_ADVICE

TODAY = date(2026, 3, 1)  # a Sunday


def case(start: date, jogged: bool, walking: str, intensity: str | None = "heavy") -> list[Day]:
    """A leg day on `start`, reported next morning; two mornings later, how walking felt."""
    return [
        Day(start + timedelta(days=1), "leg_day", "a_bit_sore", "easy_jog", intensity),
        Day(start + timedelta(days=2), "easy_run" if jogged else "rest", walking, "as_planned"),
    ]


def record(
    cases: list[tuple[bool, str]], intensity: str | None = "heavy", first: int = 90
) -> list[Day]:
    """One case every five days, the first `first` days before TODAY."""
    days: list[Day] = []
    for index, (jogged, walking) in enumerate(cases):
        days += case(TODAY - timedelta(days=first - 5 * index), jogged, walking, intensity)
    return days


@pytest.mark.parametrize(
    ("cases", "with_jog", "without_jog", "enough"),
    [
        ([], (0, 0), (0, 0), False),
        ([(True, "normal")] * 2, (2, 2), (0, 0), False),
        ([(True, "normal")] * 3 + [(False, "hard")] * 2, (3, 3), (0, 2), False),
        ([(True, "normal")] * 2 + [(False, "normal")] * 3, (2, 2), (3, 3), False),
        (
            [(True, "normal")] * 4
            + [(True, "a_bit_sore")]
            + [(False, "normal")]
            + [(False, "stiff_sore")] * 2,
            (4, 5),
            (1, 3),
            True,
        ),
    ],
    ids=["none", "two-with", "three-and-two", "two-and-three", "enough"],
)
def test_baseline_counts_normal_walking_two_mornings_after(
    cases: list[tuple[bool, str]],
    with_jog: tuple[int, int],
    without_jog: tuple[int, int],
    enough: bool,
) -> None:
    found = baseline(record(cases), [], "heavy")

    assert (found.with_jog, found.without_jog, found.enough) == (with_jog, without_jog, enough)


def test_baseline_compares_only_leg_days_as_hard_as_todays() -> None:
    days = record([(True, "normal")] * 3, "heavy") + record(
        [(False, "hard")] * 3, "light", first=40
    )

    assert baseline(days, [], "heavy") == Baseline("heavy", (3, 3), (0, 0))
    assert baseline(days, [], "light") == Baseline("light", (0, 0), (0, 3))
    assert baseline(days, [], None) == Baseline(None, (0, 0), (0, 0))


def test_baseline_takes_a_finished_timer_the_day_after_as_the_jog() -> None:
    days = record([(False, "normal")])
    leg_day = TODAY - timedelta(days=90)

    finished = baseline(days, [Run(leg_day + timedelta(days=1), 15, True)], "heavy")
    stopped = baseline(days, [Run(leg_day + timedelta(days=1), 3, False)], "heavy")

    assert (finished.with_jog, finished.without_jog) == ((1, 1), (0, 0))
    assert (stopped.with_jog, stopped.without_jog) == ((0, 0), (1, 1))


def test_pain_two_days_after_a_leg_day_is_no_normal_walking() -> None:
    days = record([(True, "normal")])
    later = days[-1]
    pained = [*days[:-1], Day(later.day, later.workout, later.walking, later.advice, pain=True)]

    assert baseline(days, [], "heavy").with_jog == (1, 1)
    assert baseline(pained, [], "heavy").with_jog == (0, 1)


def test_a_leg_day_without_its_follow_up_is_no_case() -> None:
    days = [Day(TODAY, "leg_day", "a_bit_sore", "easy_jog", "heavy")]

    assert baseline(days, [], "heavy") == Baseline("heavy", (0, 0), (0, 0))


@pytest.mark.parametrize(
    ("found", "said"),
    [
        (
            Baseline("heavy", (4, 5), (1, 3)),
            "📊 Your record: after 4 of your 5 heavy leg days, an easy jog the next day was "
            "followed by normal walking a day later (without the jog: 1 of 3).",
        ),
        (
            Baseline("moderate", (2, 2), (0, 0)),
            "📊 Your record: calibrating. To compare, I need 3 moderate leg days with an easy jog "
            "the day after and 3 without; so far: 2 with, 0 without.",
        ),
        (
            Baseline(None, (3, 7), (2, 4)),
            "📊 Your record: after 3 of your 7 similar leg days, an easy jog the next day was "
            "followed by normal walking a day later (without the jog: 2 of 4).",
        ),
        (
            Baseline("light", (0, 9), (1, 2)),
            "📊 Your record: calibrating. To compare, I need 3 light leg days with an easy jog "
            "the day after and 3 without; so far: 3 with, 2 without.",
        ),
    ],
    ids=["enough", "calibrating", "no-intensity", "one-side-full"],
)
def test_baseline_in_one_line(found: Baseline, said: str) -> None:
    assert describe_baseline(found) == said


@pytest.mark.parametrize(
    ("language", "calibrating", "counted", "split"),
    [
        (
            "de",
            # The object of "brauche ich": accusative, not the dative after "von".
            "Zum Vergleichen brauche ich 3 mittlere Beintage mit lockerem Lauf am Tag danach",
            "Nach 4 von 5 schweren Beintagen mit lockerem Lauf",
            "• Mittlere Beintage: 1 von 1 mit, 0 von 2 ohne; noch zu wenige",
        ),
        (
            "ru",
            # After 3: "дня", not the genitive plural "дней" that "из 5" takes.
            "Для сравнения нужно 3 средних дня ног с лёгкой пробежкой",  # noqa: RUF001 - Cyrillic
            "после 4 из 5 тяжёлых дней ног с лёгкой пробежкой",  # noqa: RUF001 - Cyrillic
            "• Средние дни ног: 1 из 1 с пробежкой, 0 из 2 без; пока мало",  # noqa: RUF001 - Cyrillic
        ),
        (
            "es",
            "Para comparar necesito 3 días de pierna moderados con rodaje suave",
            "tras 4 de tus 5 días de pierna duros con rodaje suave",
            "• Días de pierna moderados: 1 de 1 con, 0 de 2 sin; aún son pocos",
        ),
    ],
)
def test_the_record_lines_take_the_case_and_number_their_sentence_needs(
    language: str, calibrating: str, counted: str, split: str
) -> None:
    """Issue 13: German read "brauche ich 3 mittleren Beintagen" (the dative of "von 5 ...")."""
    with i18n.one_update():
        i18n.use(language)
        waiting = describe_baseline(Baseline("moderate", (1, 1), (0, 2)))
        enough = describe_baseline(Baseline("heavy", (4, 5), (1, 3)))
        per_intensity = describe_split(Baseline("moderate", (1, 1), (0, 2)))

    assert calibrating in waiting
    assert counted in enough
    assert per_intensity.startswith(split)


@pytest.mark.parametrize(
    ("run", "load"),
    [
        (Run(TODAY, 20, True, "easy"), 40),
        (Run(TODAY, 20, True, "right"), 60),
        (Run(TODAY, 20, True, "tough"), 100),
        (Run(TODAY, 20, True, None), None),  # unanswered: no effort, so no load
        (Run(TODAY, 20, True, None, "cross"), None),
        (Run(TODAY, 7, False, "tough"), 0),  # stopped: no session
        (Run(TODAY, 7, False, None), 0),
        (Run(TODAY, None, True, "right"), 0),
    ],
)
def test_session_load_is_rpe_times_minutes(run: Run, load: int | None) -> None:
    assert session_load(run) == load


def test_rpe_grows_with_the_answer() -> None:
    assert RPE["easy"] < RPE["right"] < RPE["tough"]


def runs_weekly(loads_by_week: list[int]) -> list[Run]:
    """One "just right" run (RPE 3) per week ending on TODAY - 7*k, k = len-1 .. 0."""
    runs = []
    for index, load in enumerate(loads_by_week):
        weeks_back = len(loads_by_week) - 1 - index
        runs.append(Run(TODAY - timedelta(weeks=weeks_back), load // 3, True, "right"))
    return runs


def test_the_chronic_load_is_the_average_of_the_four_weeks_before() -> None:
    runs = runs_weekly([999, 60, 90, 30, 60, 150])  # the 999 is five weeks back: not counted
    first = [Day(TODAY - timedelta(weeks=8), "rest", "normal", "as_planned")]

    assert weekly_load(runs, TODAY) == 150
    assert chronic_load(first, runs, TODAY) == 60


def test_the_chronic_load_counts_only_weeks_since_the_first_record() -> None:
    runs = runs_weekly([90, 150])
    first = [Day(TODAY - timedelta(days=9), "rest", "normal", "as_planned")]

    assert chronic_load(first, runs, TODAY) == 90  # one week known, not 90 / 4
    assert chronic_load([Day(TODAY, "rest", "normal", "as_planned")], [], TODAY) is None
    assert chronic_load([], [], TODAY) is None


@pytest.mark.parametrize(
    ("load", "previous", "lines"),
    [
        (0, None, []),
        (0, 0.0, []),
        (60, None, ["• Load (effort times minutes): 60"]),
        (60, 0.0, ["• Load (effort times minutes): 60"]),
        (
            90,
            60.0,
            [
                "• Load (effort times minutes): 90, against an average of 60 "
                "a week in the weeks before"
            ],
        ),
        (
            91,
            60.0,
            [
                "• Load (effort times minutes): 91, against an average of 60 "
                "a week in the weeks before",
                "⚠️ That is 52% more than your usual week. Jumps of more than half go with more "
                "injuries: keep the next runs short and easy.",
            ],
        ),
        (
            0,
            45.5,
            [
                "• Load (effort times minutes): 0, against an average of 46 "
                "a week in the weeks before"
            ],
        ),
    ],
    ids=["nothing", "nothing-before", "first", "first-after-quiet", "at-50", "jump", "no-runs"],
)
def test_the_weeks_load_against_the_four_before(
    load: int, previous: float | None, lines: list[str]
) -> None:
    assert describe_load(load, previous) == lines


def test_runs_with_no_effort_answer_are_left_out_of_the_load_and_counted() -> None:
    """Effort times minutes needs the effort: a finished run or cross-training whose "How did
    it feel?" went unanswered has no load, and the week says how many were left out."""
    runs = [
        Run(TODAY, 20, True, "right"),  # 60
        Run(TODAY - timedelta(days=1), 15, True, None),
        Run(TODAY - timedelta(days=2), 20, True, None, "cross"),
        Run(TODAY - timedelta(days=3), 5, False, None),  # stopped: not a run of the week
        Run(TODAY - timedelta(days=7), 30, True, None),  # the week before
    ]
    days = [Day(TODAY - timedelta(weeks=3), "rest", "normal", "as_planned")]

    figures = week(days, runs, TODAY)

    assert (figures.load, figures.unrated) == (60, 2)
    assert describe_load(figures.load, figures.previous_load, figures.unrated) == [
        "• Load (effort times minutes): 60",
        "• 2 runs had no answer to “How did it feel?”, so they are not in the load",
    ]
    assert describe_load(0, None, 1) == [
        "• Load (effort times minutes): 0",
        "• 1 run had no answer to “How did it feel?”, so it is not in the load",
    ]


def test_week_carries_the_load_and_its_comparison() -> None:
    runs = runs_weekly([60, 60, 60, 60, 150])
    days = [Day(TODAY - timedelta(weeks=6), "rest", "normal", "as_planned")]

    figures = week(days, runs, TODAY)

    assert (figures.load, figures.previous_load) == (150, 60)


# Whether a verdict decides "an easy jog after leg day, or not", written out per verdict.
WEIGHS_A_JOG_AFTER_LEG_DAY = {
    Verdict.PAIN_REST: False,
    Verdict.STRENGTH_MOBILITY: False,
    Verdict.REST_DAY: False,
    Verdict.CROSS_TRAIN: False,
    Verdict.WAIT_A_DAY: True,
    Verdict.EASY_OR_CROSS: True,
    Verdict.EASY_JOG: True,
    Verdict.AS_PLANNED: False,
}


def test_the_own_record_goes_only_under_verdicts_that_weigh_a_jog_after_leg_day() -> None:
    assert set(WEIGHS_A_JOG_AFTER_LEG_DAY) == set(Verdict)
    for answers, profile in EVERY_ADVICE:
        verdict = advise(answers, profile).verdict
        assert cites_own_record(verdict) is WEIGHS_A_JOG_AFTER_LEG_DAY[verdict], verdict
