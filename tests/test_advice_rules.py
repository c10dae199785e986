"""The recovery rules as a table: every row is reachable, and the first matching row wins."""

from __future__ import annotations

import pytest

from bot.advice import (
    Answers,
    LegIntensity,
    Profile,
    Verdict,
    Walking,
    Workout,
    advise,
    render_advice,
)

LEG = Workout.LEG_DAY
PLAIN = Profile()
MUSCLE = Profile(muscle_priority=True)

# id, answers, profile, expected rule, expected verdict
TABLE = [
    # One row each.
    (
        "1 sharp pain",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.LIGHT, False, True),
        PLAIN,
        1,
        Verdict.PAIN_REST,
    ),
    (
        "2 hard to walk",
        Answers(Workout.EASY_RUN, Walking.HARD, sharp_pain=False),
        PLAIN,
        2,
        Verdict.STRENGTH_MOBILITY,
    ),
    (
        "3 well past usual",
        Answers(Workout.HARD_SESSION, Walking.NORMAL, overreached=True),
        PLAIN,
        3,
        Verdict.REST_DAY,
    ),
    ("4 long race", Answers(Workout.LONG_RACE, Walking.NORMAL), PLAIN, 4, Verdict.CROSS_TRAIN),
    (
        "5 leg day, muscle first",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, False),
        MUSCLE,
        5,
        Verdict.WAIT_A_DAY,
    ),
    (
        "6 leg day, stiff",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.MODERATE, False, False),
        PLAIN,
        6,
        Verdict.EASY_OR_CROSS,
    ),
    (
        "7 leg day, walking normal",
        Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False),
        PLAIN,
        7,
        Verdict.EASY_JOG,
    ),
    (
        "7 leg day, a bit sore",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, False),
        PLAIN,
        7,
        Verdict.EASY_JOG,
    ),
    ("8 rest day", Answers(Workout.REST, Walking.NORMAL), PLAIN, 8, Verdict.AS_PLANNED),
    (
        "8 easy run, stiff",
        Answers(Workout.EASY_RUN, Walking.STIFF_SORE, sharp_pain=False),
        PLAIN,
        8,
        Verdict.AS_PLANNED,
    ),
    (
        "8 other training",
        Answers(Workout.OTHER, Walking.A_BIT_SORE, sharp_pain=False),
        MUSCLE,
        8,
        Verdict.AS_PLANNED,
    ),
    (
        "8 hard session within limits",
        Answers(Workout.HARD_SESSION, Walking.NORMAL, overreached=False),
        PLAIN,
        8,
        Verdict.AS_PLANNED,
    ),
    # Precedence: an earlier row beats every later one that also matches.
    (
        "1 beats 2",
        Answers(LEG, Walking.HARD, LegIntensity.HEAVY, True, True),
        MUSCLE,
        1,
        Verdict.PAIN_REST,
    ),
    (
        "2 beats 3",
        Answers(Workout.HARD_SESSION, Walking.HARD, overreached=True, sharp_pain=False),
        PLAIN,
        2,
        Verdict.STRENGTH_MOBILITY,
    ),
    (
        "3 beats 5",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, True),
        MUSCLE,
        3,
        Verdict.REST_DAY,
    ),
    (
        "3 beats 6",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.HEAVY, True, False),
        PLAIN,
        3,
        Verdict.REST_DAY,
    ),
    (
        "2 beats 4",
        Answers(Workout.LONG_RACE, Walking.HARD, sharp_pain=False),
        PLAIN,
        2,
        Verdict.STRENGTH_MOBILITY,
    ),
    (
        "4 beats 8 even when stiff",
        Answers(Workout.LONG_RACE, Walking.STIFF_SORE, sharp_pain=False),
        MUSCLE,
        4,
        Verdict.CROSS_TRAIN,
    ),
    (
        "5 beats 6",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.LIGHT, False, False),
        MUSCLE,
        5,
        Verdict.WAIT_A_DAY,
    ),
    (
        "5 beats 7",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.LIGHT, False, False),
        MUSCLE,
        5,
        Verdict.WAIT_A_DAY,
    ),
    (
        "no pain keeps 7",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.LIGHT, False, False),
        PLAIN,
        7,
        Verdict.EASY_JOG,
    ),
]


@pytest.mark.parametrize(
    ("answers", "profile", "rule", "verdict"), [pytest.param(*row[1:], id=row[0]) for row in TABLE]
)
def test_rules_table(answers: Answers, profile: Profile, rule: int, verdict: Verdict) -> None:
    advice = advise(answers, profile)

    assert (advice.rule, advice.verdict) == (rule, verdict)


def test_every_rule_is_in_the_table() -> None:
    assert {row[3] for row in TABLE} == set(range(1, 9))


def test_every_advice_has_a_one_line_verdict_a_short_why_and_steps() -> None:
    for _, answers, profile, _, _ in TABLE:
        advice = advise(answers, profile)
        assert "\n" not in advice.headline
        assert 1 <= advice.why.count(".") <= 3
        assert 2 <= len(advice.steps) <= 5


def test_compression_gear_is_mentioned_only_to_owners() -> None:
    jog = Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False)

    with_gear = render_advice(advise(jog, Profile(compression_gear=True)))
    without = render_advice(advise(jog, Profile(compression_gear=False)))

    assert "compression" in with_gear.lower()
    assert "compression" not in without.lower()


def test_the_new_runner_note_after_a_race_is_only_for_new_runners() -> None:
    race = Answers(Workout.LONG_RACE, Walking.NORMAL)

    assert "newer runner" in advise(race, Profile(new_runner=True)).why
    assert "newer runner" not in advise(race, Profile(new_runner=False)).why


def test_sore_legs_on_a_normal_day_ask_for_a_longer_warm_up() -> None:
    sore = advise(Answers(Workout.OTHER, Walking.STIFF_SORE, sharp_pain=False), PLAIN)
    fresh = advise(Answers(Workout.OTHER, Walking.NORMAL), PLAIN)

    assert "Warm up for longer than usual." in sore.steps
    assert "Warm up for longer than usual." not in fresh.steps


def test_pain_points_to_a_professional() -> None:
    advice = advise(Answers(Workout.REST, Walking.A_BIT_SORE, sharp_pain=True), PLAIN)

    assert any("doctor or physio" in step for step in advice.steps)


def test_rendered_advice_holds_the_verdict_the_reason_and_each_step() -> None:
    advice = advise(Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False), PLAIN)

    text = render_advice(advice)

    assert text.startswith(advice.headline + "\n\n" + advice.why + "\n\nWhat to do:\n")
    for step in advice.steps:
        assert f"• {step}" in text
