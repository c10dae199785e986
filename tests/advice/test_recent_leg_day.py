"""A leg day two or three days ago, from the user's record: named as the likely cause of sore
legs after a light day, never changing the rule (the rules go by yesterday)."""

from __future__ import annotations

import itertools

import pytest

from conversations.coach.advice import (
    Answers,
    Profile,
    Verdict,
    Walking,
    Workout,
    advise,
    render_advice,
    why_screen,
)
from conversations.i18n import LANGUAGES
from tests.advice.test_advice_rules import every_answer_set
from tests.conversations.test_languages import speaking

PLAIN = Profile()
CAUSE_2 = (
    "Your leg day 2 days ago is the likely cause: soreness often peaks one to three days later."
)


def test_sore_after_an_easy_run_two_days_after_a_leg_day_names_the_leg_day() -> None:
    advice = advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), PLAIN, leg_day_days_ago=2)

    assert (advice.rule, advice.cause) == (8, CAUSE_2)
    parts = render_advice(advice).split("\n\n")
    assert parts[1:3] == ["✅ Train as planned, but gently.", CAUSE_2]  # under the verdict


def test_three_days_ago_is_named_too() -> None:
    advice = advise(Answers(Workout.REST, Walking.STIFF_SORE), PLAIN, leg_day_days_ago=3)
    assert advice.cause.startswith("Your leg day 3 days ago is the likely cause")


@pytest.mark.parametrize(
    ("answers", "ago"),
    [
        (Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), None),
        (Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), 4),  # past the peak
        (Answers(Workout.EASY_RUN, Walking.NORMAL), 2),  # nothing sore to explain
        (Answers(Workout.LONG_RACE, Walking.A_BIT_SORE), 2),  # yesterday may well be the cause
        (Answers(Workout.HARD_SESSION, Walking.A_BIT_SORE, overreached=False), 2),
        (Answers(Workout.EASY_RUN, Walking.A_BIT_SORE, sharp_pain=True), 2),  # pain: no ache
    ],
)
def test_no_cause_where_it_would_not_be_true(answers: Answers, ago: int | None) -> None:
    advice = advise(answers, PLAIN, leg_day_days_ago=ago)
    assert advice.cause == ""
    assert "likely cause" not in render_advice(advice)


def test_a_recent_leg_day_never_changes_the_rule() -> None:
    for (answers, profile), ago in itertools.product(every_answer_set(), (2, 3)):
        with_it = advise(answers, profile, leg_day_days_ago=ago)
        without = advise(answers, profile)
        assert (with_it.rule, with_it.band, with_it.headline) == (
            without.rule,
            without.band,
            without.headline,
        )


def test_the_plan_kept_why_screen_names_a_recent_leg_day_instead_of_denying_it() -> None:
    plain = why_screen(Verdict.AS_PLANNED)
    assert "no leg day" in plain  # about yesterday, and true when there was none since

    after = why_screen(Verdict.AS_PLANNED, PLAIN, leg_day_days_ago=2)
    assert after.startswith("Why not change your plan? Your leg day was 2 days ago, not yesterday")
    assert "no leg day" not in after
    assert "one to three days later" in after
    assert why_screen(Verdict.AS_PLANNED, PLAIN, leg_day_days_ago=5) == plain
    # A leg-day verdict is about the leg day it came from, the day after it by default; shown a
    # day later (last night's verdict covering this morning) it weighs a run two days after.
    assert why_screen(Verdict.EASY_JOG, PLAIN, leg_day_days_ago=1) == why_screen(Verdict.EASY_JOG)
    later = why_screen(Verdict.EASY_JOG, PLAIN, leg_day_days_ago=2)
    assert later.startswith("Run 2 days after leg day?")
    assert later.endswith(why_screen(Verdict.EASY_JOG).split("\n\n")[-1])  # the same bottom line


def test_the_plan_kept_on_normal_walking_does_not_say_soreness_may_be_peaking() -> None:
    """A user who said walking feels normal, two days after leg day, is not told their soreness
    may be peaking now: that would contradict their answer."""
    fresh = why_screen(Verdict.AS_PLANNED, PLAIN, leg_day_days_ago=2, walking=Walking.NORMAL)
    assert fresh.startswith("Why not change your plan? Your leg day was 2 days ago, not yesterday")
    assert "walking feels normal" in fresh and "have come through it" in fresh
    assert "can still be peaking" not in fresh
    sore = why_screen(Verdict.AS_PLANNED, PLAIN, leg_day_days_ago=2, walking=Walking.A_BIT_SORE)
    assert "can still be peaking" in sore and "come through it" not in sore
    with speaking("de"):
        german = why_screen(Verdict.AS_PLANNED, PLAIN, leg_day_days_ago=3, walking=Walking.NORMAL)
    assert "vor 3 Tagen" in german and "überstanden" in german


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_the_cause_and_the_why_screen_come_in_the_users_language(language: str) -> None:
    english_cause = advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), PLAIN, False, 2).cause
    english_why = why_screen(Verdict.AS_PLANNED, PLAIN, 2)
    with speaking(language):
        cause = advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), PLAIN, False, 2).cause
        why = why_screen(Verdict.AS_PLANNED, PLAIN, 2)
    assert cause != english_cause and "2" in cause
    assert why != english_why and "2" in why


def test_russian_says_two_days_in_its_few_form() -> None:
    with speaking("ru"):
        cause = advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), PLAIN, False, 2).cause
    assert "2 дня назад" in cause
