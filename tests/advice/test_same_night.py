"""The evening of a workout is no day after it (issue 13): the rules are about the day after
a workout (rule 7's easy jog after leg day, rule 4's cross-training after a race), so any
workout told for the check-in's own day ("did you train today too?"), from a heavy leg day to
an easy run or other training, makes that evening a rest, and its day-after advice waits for
the next check-in. Worked out for every answer set the evening check-in can produce."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest

from conversations.coach.advice import (
    DAY_AFTER_BY_THE_LEGS,
    LIGHT_SAME_DAY,
    RACE_SAME_DAY,
    REST_BOTTOM_LINE_TONIGHT,
    RESTRICTIVENESS,
    SAME_DAY_LEG_BOTTOM_LINE,
    SAME_DAY_MUSCLE_BOTTOM_LINE,
    SAME_DAY_RULE,
    TRAINED_ON_HARD_LEGS_NOTE,
    TRAINED_WITH_PAIN_DATED_NOTE,
    TRAINED_WITH_PAIN_NOTE,
    Band,
    LegIntensity,
    Scope,
    Verdict,
    Walking,
    Workout,
    combined_change,
    covers_the_next_day,
    render_band,
    why_screen,
)
from conversations.verdicts import (
    advice_for,
    answers_of,
    judged_advice,
    profile_of,
    settled,
    that_days_answers,
)
from storage.models import User

DAY = date(2026, 12, 9)  # a Wednesday
# Every workout the evening's last question can add for the day itself, each making the evening
# a rest: a leg day of any intensity, with or without overreach, a long run or race, much
# harder, an easy run, other training ("No, nothing today" adds none).
TOLD_TODAY: list[dict[str, Any]] = [
    *(
        {"today_workout": Workout.LEG_DAY, "today_leg_intensity": i, "today_overreached": o}
        for i, o in itertools.product(LegIntensity, (True, False))
    ),
    {"today_workout": Workout.LONG_RACE},
    {"today_workout": Workout.HARD_SESSION},
    {"today_workout": Workout.EASY_RUN},
    {"today_workout": Workout.OTHER},
]
# Yesterday's workout as the morning part of the check-in asks it.
YESTERDAY: list[dict[str, Any]] = [
    *(
        {"workout": Workout.LEG_DAY, "leg_intensity": i, "overreached": o}
        for i, o in itertools.product(LegIntensity, (True, False))
    ),
    *({"workout": workout} for workout in Workout if workout is not Workout.LEG_DAY),
]
USERS = [
    User(new_runner=False, muscle_priority=False, compression_gear=False),
    User(new_runner=False, muscle_priority=True, compression_gear=True),
    User(new_runner=True, muscle_priority=False, compression_gear=False),
]
NO_RUN = {verdict for verdict, band in RESTRICTIVENESS if band is Band.RED}
DRIVERS = {
    Workout.LEG_DAY: "leg day",
    Workout.LONG_RACE: "long run or race",
    Workout.HARD_SESSION: "a much harder session than usual",
    Workout.EASY_RUN: "easy run",
    Workout.OTHER: "other training",
}
LIGHT = {Workout.EASY_RUN, Workout.OTHER}


def _every_evening() -> list[tuple[dict[str, Any], User]]:
    evenings = []
    for yesterday, today, walking, pain, user in itertools.product(
        YESTERDAY, TOLD_TODAY, Walking, (True, False, None), USERS
    ):
        answers = settled({**yesterday, "walking": walking, "sharp_pain": pain, **today})
        evenings.append((answers, user))
    return evenings


EVERY_EVENING = _every_evening()


@pytest.mark.parametrize("after_midnight", [False, True], ids=["evening", "after-midnight"])
def test_any_workout_told_for_that_day_gets_no_run_tonight(after_midnight: bool) -> None:
    """Whatever yesterday was and however the legs feel: no run and no jog tonight, red. With no
    pain (which stays stricter), it is the rest tonight of that day's own workout, named as
    today's (by its date after midnight), legs too sore to walk too (no strength and mobility
    routine on top of the day's training); what would change it is none, or the next
    check-in's; and the next morning asks afresh."""
    told: set[Workout] = set()
    labels: set[str] = set()
    for answers, user in EVERY_EVENING:
        workout_day = DAY - timedelta(days=1) if after_midnight else None
        advice = advice_for(
            answers, user, True, None, after_midnight, workout_day, True, that_day=DAY
        )
        case = (answers, user.muscle_priority, user.new_runner)

        assert advice.band is Band.RED, case
        assert advice.verdict in NO_RUN, case
        assert "🏃" not in advice.headline and "jog tonight" not in advice.headline, case
        that_day = that_days_answers(answers)
        assert that_day is not None and that_day.same_day
        if answers["sharp_pain"]:
            assert advice.verdict is Verdict.PAIN_REST, case
            continue
        assert advice.verdict is Verdict.REST_DAY, case
        assert advice.headline == "😴 Rest tonight.", case  # pain's rest covers tomorrow too
        # The training is done, often as the morning advised: no "Red" over it, though no run;
        # after yesterday's overreach (rule 3, the stricter on a tie) red says why.
        # After midnight the reason dates that training: "today" would be the new day.
        done = "✅ Done for the day" if after_midnight else "✅ Done for today"
        label = done if advice.rule == SAME_DAY_RULE else "🔴 Red: no run"
        assert render_band(advice).split("\n")[0] == label, case
        labels.add(label)
        assert advice.scope is Scope.TONIGHT
        assert not covers_the_next_day(advice.verdict, answers["today_workout"])
        change = combined_change(answers_of(answers), that_day, profile_of(user))
        assert change is None or change.tomorrow, (case, change)
        for step in advice.steps:
            assert "cycling" not in step and "Stick to your plan" not in step, case
        if advice.rule == SAME_DAY_RULE:
            told.add(that_day.workout)
            when = "on Wed 9 Dec" if after_midnight else "today"
            assert advice.drivers[0] == f"{DRIVERS[that_day.workout]} {when}", case
            hard = answers["walking"] is Walking.HARD
            assert (advice.drivers[-1] == "hard to walk") is hard, case
            assert any("once you've slept" in step for step in advice.steps), case
            if that_day.workout is Workout.LONG_RACE or that_day.past_usual:
                # The day after a race or an overreach goes by rule 4 or 3, not by the legs:
                # the step says what alone could change it (newcomer 11).
                assert any(
                    "only pain, or legs too sore to walk, would change that" in step
                    for step in advice.steps
                ), case
            if that_day.workout in LIGHT:
                # After a light session the day after goes by the legs: no rule holds it.
                assert advice.steps[-1] == str(DAY_AFTER_BY_THE_LEGS), case
        else:
            # Yesterday's rest day ties with it: the overreach of yesterday is named, as rule 3.
            assert answers_of(answers).past_usual, case
    assert told == set(Workout) - {Workout.REST}
    assert labels == {done, "🔴 Red: no run"}


@pytest.mark.parametrize(
    "today",
    [{"today_workout": Workout.EASY_RUN}, {"today_workout": Workout.OTHER}],
    ids=["easy-run", "other"],
)
def test_an_easy_run_or_other_training_that_day_is_a_rest_tonight_too(
    today: dict[str, Any],
) -> None:
    """The newcomer's find: a leg day yesterday, stiff and sore, an easy run today. It offered
    "Best: 15-20 minutes of easy cycling" tonight, to someone who had trained already. The rest
    tonight names today's workout, and the day after goes by the legs then."""
    answers = settled({"workout": Workout.LEG_DAY, "leg_intensity": "moderate", **today})
    answers.update(walking=Walking.STIFF_SORE, sharp_pain=False)

    advice = advice_for(answers, USERS[0], True, None, False, None, True, that_day=DAY)

    assert (advice.rule, advice.verdict, advice.band) == (SAME_DAY_RULE, Verdict.REST_DAY, Band.RED)
    assert advice.headline == "😴 Rest tonight."
    assert advice.drivers == (f"{DRIVERS[today['today_workout']]} today",)
    assert advice.steps == (
        "No run and no more training tonight; a relaxed walk is fine.",
        "What the day after holds goes by how your legs feel then: check in once you've slept.",
    )


def test_the_why_screen_of_a_rest_tonight_weighs_that_evening() -> None:
    """A leg day's two camps asked of that evening, with the bottom line of the user's goal; a
    race's impact; an overreach keeps rule 3's screen with tonight's bottom line; an easy run or
    other training, why one session a day is enough. None of them
    is the day-after screen, nor tells the user to run tonight."""
    seen = set()
    for answers, user in EVERY_EVENING:
        that_day = that_days_answers(answers)
        assert that_day is not None
        profile = profile_of(user)
        screen = why_screen(
            Verdict.REST_DAY, profile, 0, that_day.walking, Scope.TONIGHT, None, that_day
        )
        paragraphs = screen.split("\n\n")
        assert paragraphs[-1].startswith("Bottom line"), screen
        assert "tonight" in paragraphs[-1] and "run easy" not in paragraphs[-1], screen
        assert "day after leg day?" not in screen and "yesterday" not in screen, screen
        if that_day.past_usual:
            assert paragraphs[-1] == str(REST_BOTTOM_LINE_TONIGHT)
            seen.add("overreach")
        elif that_day.workout in LIGHT:
            # Not the leg-day camps nor a race's impact after an easy run or other training.
            assert screen == str(LIGHT_SAME_DAY)
            seen.add("light")
        elif that_day.workout is Workout.LONG_RACE:
            assert screen == str(RACE_SAME_DAY)
            seen.add("race")
        else:
            assert screen.startswith("Run on the day of your leg day?")
            bottom = (
                SAME_DAY_MUSCLE_BOTTOM_LINE if user.muscle_priority else SAME_DAY_LEG_BOTTOM_LINE
            )
            assert paragraphs[-1] == str(bottom)
            seen.add("muscle" if user.muscle_priority else "leg day")
    assert seen == {"overreach", "race", "muscle", "leg day", "light"}


@pytest.mark.parametrize("after_midnight", [False, True], ids=["evening", "after-midnight"])
def test_pain_on_a_day_trained_too_says_the_training_may_have_brought_it_on(
    after_midnight: bool,
) -> None:
    """A newcomer's find: pain in the evening of a day trained too kept the pain's rest for
    tomorrow as well, but said nothing of the training. Whatever was trained, one line says it,
    by the check-in's date after midnight; what would change the verdict, where it names the
    next check-in, names the pain's going too. Without pain, no such line."""
    trained_with_pain = (
        TRAINED_WITH_PAIN_DATED_NOTE.format(day="Wed 9 Dec")
        if after_midnight
        else str(TRAINED_WITH_PAIN_NOTE)
    )
    seen = 0
    for answers, user in EVERY_EVENING:
        workout_day = DAY - timedelta(days=1) if after_midnight else None
        advice = advice_for(
            answers, user, True, None, after_midnight, workout_day, True, that_day=DAY
        )
        said = [note for note in advice.notes if note.startswith("⚠️ You trained")]
        if not answers["sharp_pain"]:
            assert said == [], (answers, advice.notes)
            continue
        seen += 1
        assert advice.verdict is Verdict.PAIN_REST
        assert said == [trained_with_pain], (answers, advice.notes)
        if "check-in" in advice.change or "slept" in advice.change:
            assert "pain" in advice.change, (answers, advice.change)
    assert seen > 0


@pytest.mark.parametrize("scope", [Scope.EVENING, Scope.NIGHT])
def test_the_why_screen_of_an_evening_rest_day_or_cross_training_speaks_of_tonight(
    scope: Scope,
) -> None:
    """Rules 3 and 4 told in the evening go for tonight only ("😴 Rest tonight.", "🚴 No run
    tonight"): their why screen says tonight too, never "rest today" or "running today" under
    that headline (a newcomer read "Bottom line: rest today" at 21:00)."""
    for walking in (Walking.NORMAL, Walking.A_BIT_SORE):
        rest = why_screen(Verdict.REST_DAY, None, None, walking, scope)
        assert rest.split("\n\n")[-1] == str(REST_BOTTOM_LINE_TONIGHT), rest
        assert "today" not in rest, rest
    cross = why_screen(Verdict.CROSS_TRAIN, None, None, Walking.NORMAL, scope)
    assert "running tonight would add more" in cross and "today" not in cross, cross
    # In the daytime the same screens say today, as their verdicts do.
    assert "Bottom line: rest today" in why_screen(Verdict.REST_DAY, scope=Scope.TODAY)
    assert "running today" in why_screen(Verdict.CROSS_TRAIN, scope=Scope.TODAY)


HARD_LEGS_RACE_LINE = (
    "🔁 What would change it: walking no worse than stiff and sore once you've slept → "
    "cross-training"
)


@pytest.mark.parametrize("added", [False, True], ids=["evening", "added-to-the-morning"])
def test_legs_too_sore_to_walk_get_a_rest_not_the_routine_after_a_race_that_day(
    added: bool,
) -> None:
    """A newcomer's find: a half marathon's file sent on a hard-to-walk day, and the evening
    kept rule 2's "Do a gentle strength routine" tonight, saying nothing of the run. After
    training that day, that evening rests: the verdict, its reason, why and what would change
    it all speak of the race, and of the legs. Walking told at the day's earlier check-in
    (`added`, before the run) gets a line that they trained on legs hard to walk on, and a red
    light rather than "Done for today"."""
    answers = settled(
        {"workout": Workout.REST, "walking": Walking.HARD, "sharp_pain": False}
        | {"today_workout": Workout.LONG_RACE}
    )
    that_day = that_days_answers(answers)
    assert that_day is not None

    advice, decided = judged_advice(
        answers, USERS[0], True, None, False, None, True, DAY, tonight_only=added
    )

    assert decided == that_day
    assert (advice.rule, advice.verdict, advice.scope) == (
        SAME_DAY_RULE,
        Verdict.REST_DAY,
        Scope.TONIGHT,
    )
    assert advice.headline == "😴 Rest tonight."
    assert advice.drivers == ("long run or race today", "hard to walk")
    assert not any("routine" in step for step in advice.steps), advice.steps
    # Legs too sore to walk on: no "a relaxed walk is fine" under the red day's no cardio.
    assert advice.steps[0] == (
        "No run and no more training tonight: with legs this hard to walk on, keep the evening "
        "quiet."
    )
    assert advice.change == HARD_LEGS_RACE_LINE
    screen = why_screen(advice.verdict, None, None, Walking.HARD, advice.scope, None, that_day)
    assert screen == str(RACE_SAME_DAY)
    label = render_band(advice).split("\n")[0]
    if added:
        assert advice.notes == (str(TRAINED_ON_HARD_LEGS_NOTE),)
        assert label == "🔴 Red: no run"
    else:
        assert advice.notes == ()
        assert label == "✅ Done for today"


def test_the_hard_legs_line_is_for_running_or_legs_not_the_minutes_rule_2_allows() -> None:
    """Rule 2 allows a few calm minutes of pedalling or swimming: other training that day on
    legs hard to walk on is not held against the user (no line, "Done for today"); a leg day,
    an easy run, a long run or race or a session past the usual are. Every one rests tonight,
    and none offers the routine. Pain keeps its own line instead."""
    warned = set()
    for answers, user in EVERY_EVENING:
        if answers["walking"] is not Walking.HARD:
            continue
        advice, _decided = judged_advice(
            answers, user, True, None, False, None, True, DAY, tonight_only=True
        )
        case = (answers, user.muscle_priority)
        assert advice.verdict is not Verdict.STRENGTH_MOBILITY, case
        said = str(TRAINED_ON_HARD_LEGS_NOTE) in advice.notes
        if answers["sharp_pain"]:
            assert advice.verdict is Verdict.PAIN_REST and not said, case
            continue
        assert advice.rule == SAME_DAY_RULE, case
        other = answers["today_workout"] is Workout.OTHER
        assert said is not other, case
        assert advice.done_for_today is other, case
        if said:
            warned.add(answers["today_workout"])
    assert warned == set(Workout) - {Workout.REST, Workout.OTHER}
