"""A leg day two days back, with a rest day between, still decides rules 6 and 7 on a morning
check-in (Answers.leg_day_before_rest): soreness from strength work peaks one to three days
later, so "a bit sore" the morning after last night's "easy jog tonight or tomorrow" keeps the
easy jog, and "stiff" gets what last night's change line promised (newcomer 16)."""

from __future__ import annotations

from datetime import date

import pytest

from conversations.coach.advice import (
    Answers,
    Band,
    Profile,
    Verdict,
    Walking,
    Workout,
    advise,
    carries_leg_day,
    render_advice,
)
from tests.conversations.test_languages import speaking

PLAIN = Profile()
CARRIED = Answers(Workout.REST, Walking.A_BIT_SORE, leg_day_before_rest=True)


def test_a_bit_sore_two_days_after_leg_day_gets_the_easy_jog_for_the_leg_day() -> None:
    advice = advise(CARRIED, PLAIN, leg_day_days_ago=2)

    assert (advice.rule, advice.verdict, advice.band) == (7, Verdict.EASY_JOG, Band.GREEN)
    assert advice.drivers == ("leg day 2 days ago", "a bit sore walking")
    assert advice.cause == ""  # the leg day is the reason itself, not a cause beside the plan
    text = render_advice(advice)
    assert "🏃 Yes: an easy 15-20 minute jog today." in text
    assert "Because: leg day 2 days ago, a bit sore walking" in text
    assert "rest day yesterday" not in text
    assert "🔁 What would change it: walking normally → as planned" in text  # rule 8, green


def test_stiff_gets_rule_6_and_hears_that_a_bit_sore_would_bring_the_jog() -> None:
    advice = advise(
        Answers(Workout.REST, Walking.STIFF_SORE, leg_day_before_rest=True), PLAIN, False, 2
    )
    assert (advice.rule, advice.band) == (6, Band.YELLOW)
    assert advice.change == "🔁 What would change it: a bit sore walking → easy jog"


def test_normal_walking_keeps_the_plan_and_says_sore_legs_would_bring_the_jog() -> None:
    """Two days on, legs that walk normally are through it: the plan stands (rule 8, green)."""
    advice = advise(Answers(Workout.REST, Walking.NORMAL, leg_day_before_rest=True), PLAIN)
    assert (advice.rule, advice.band) == (8, Band.GREEN)
    assert advice.drivers == ("rest day yesterday", "walking normally")
    assert advice.change == "🔁 What would change it: a bit sore walking → easy jog"


def test_building_muscle_first_has_waited_its_day_already() -> None:
    """Rule 5 waits one day after the leg day; two days on, the easy jog is rule 7's."""
    advice = advise(CARRIED, Profile(muscle_priority=True))
    assert (advice.rule, advice.verdict) == (7, Verdict.EASY_JOG)


@pytest.mark.parametrize(
    ("answers", "rule"),
    [
        (Answers(Workout.REST, Walking.A_BIT_SORE, sharp_pain=True, leg_day_before_rest=True), 1),
        (Answers(Workout.REST, Walking.HARD, sharp_pain=False, leg_day_before_rest=True), 2),
    ],
)
def test_pain_and_hard_walking_still_come_first(answers: Answers, rule: int) -> None:
    assert advise(answers, PLAIN).rule == rule


@pytest.mark.parametrize(
    ("answers", "ago", "evening", "carried"),
    [
        (Answers(Workout.REST, Walking.A_BIT_SORE), 2, False, True),
        (Answers(Workout.REST, Walking.NORMAL), 2, False, True),  # the fact; the rule decides
        (Answers(Workout.REST, Walking.A_BIT_SORE), 3, False, False),  # past the peak
        (Answers(Workout.REST, Walking.A_BIT_SORE), None, False, False),
        (Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), 2, False, False),  # trained between
        # The evening's verdict covers the next day too, three days after the leg day.
        (Answers(Workout.REST, Walking.A_BIT_SORE), 2, True, False),
    ],
)
def test_only_a_rest_day_between_in_a_morning_check_in_carries_the_leg_day(
    answers: Answers, ago: int | None, evening: bool, carried: bool
) -> None:
    assert carries_leg_day(answers, ago, evening) is carried


def test_the_leg_day_is_named_by_its_date_when_shown_on_a_later_day() -> None:
    advice = advise(CARRIED, PLAIN, workout_day=date(2026, 12, 13))  # the rest day, a Sunday
    assert advice.drivers[0] == "leg day on Sat 12 Dec"


def test_german_names_the_leg_day_two_days_back() -> None:
    with speaking("de"):
        advice = advise(CARRIED, PLAIN)
    assert advice.rule == 7
    assert "2" in advice.drivers[0] and advice.drivers[0] != "leg day 2 days ago"
