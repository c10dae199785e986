"""The recovery rules as a table: every row is reachable, and the first matching row wins."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date

import pytest

from conversations.coach.advice import (
    EVENING_NOTE,
    GENTLE_HEADLINES,
    GENTLE_PLAN_LATE,
    LATE_NOTES,
    NIGHT_NOTE,
    NIGHT_PEAK_NOTE,
    PEAK_NOTE,
    RACE_NIGHT_HEADLINE,
    RULES_FOR_TONIGHT,
    SAME_DAY_RULE,
    TONIGHT_HEADLINES,
    TONIGHT_NOTES,
    TRAINED_TODAY_NOTE,
    TRAINED_WITH_PAIN_DATED_NOTE,
    TRAINED_WITH_PAIN_NOTE,
    Advice,
    Answers,
    Band,
    LegIntensity,
    Profile,
    Scope,
    Verdict,
    Walking,
    Workout,
    advise,
    covers_the_next_day,
    for_tonight_only,
    render_advice,
    why_screen,
)
from conversations.i18n import DEFAULT, LANGUAGES
from tests.conversations.test_languages import speaking

LEG = Workout.LEG_DAY
PLAIN = Profile()
MUSCLE = Profile(muscle_priority=True)
# The workout day of a check-in at 00:30 on Tuesday 13 Jan, which still counts for Monday.
SUNDAY = date(2026, 1, 11)

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
        # "Much harder than usual" is the source's overreach by itself; releases before this
        # one stored a "no" to the overreach question after it, which cannot deny it.
        "3 much harder than usual, whatever the overreach answer",
        Answers(Workout.HARD_SESSION, Walking.NORMAL, overreached=False),
        PLAIN,
        3,
        Verdict.REST_DAY,
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
    """Each rule has its own verdict: every verdict the product knows is what it answers to
    some row, and each one reads differently, so no rule of conversations/coach/advice.py goes
    untested."""
    given = [advise(answers, profile) for _, answers, profile, _, _ in TABLE]

    assert {advice.verdict for advice in given} == set(Verdict)
    assert {advice.rule for advice in given} == set(range(1, len(Verdict) + 1))
    headlines = {render_advice(advice).split("\n\n")[1] for advice in given}
    assert headlines == {advice.headline for advice in given}
    # A plan kept on sore legs says "gently" (its yellow band): no headline serves two verdicts.
    verdict_of = {advice.headline: advice.verdict for advice in given}
    assert len({(advice.headline, advice.verdict) for advice in given}) == len(verdict_of)
    assert set(verdict_of.values()) == set(Verdict)


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

    assert advise(race, Profile(new_runner=True)).why == (
        advise(race, Profile(new_runner=False)).why
        + " As a newer runner, you gain the most from this."
    )
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

    head, rest = text.split("\n\nWhat to do:\n")
    steps, change = rest.split("\n\n")
    assert head == (
        "🟢 Green: good to go\nBecause: leg day yesterday, walking normally\n\n"
        + advice.headline
        + "\n\n"
        + advice.why
    )
    assert steps.split("\n") == [f"• {step}" for step in advice.steps]  # one a line
    assert (
        change
        == advice.change
        == "🔁 What would change it: stiff and sore walking → cross-train or easy run"
    )


# Every advice there is: each row of the table, and the variants a profile brings.
EVERY_ADVICE = [(row[1], row[2]) for row in TABLE] + [
    (Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False), Profile(compression_gear=True)),
    (Answers(Workout.LONG_RACE, Walking.NORMAL), Profile(new_runner=True)),
]


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != DEFAULT])
def test_every_line_of_every_advice_comes_in_the_users_language(language: str) -> None:
    """A text missing from the catalog would be shown in English instead."""
    for answers, profile in EVERY_ADVICE:
        english = render_advice(advise(answers, profile)).split("\n")
        with speaking(language):
            translated = render_advice(advise(answers, profile)).split("\n")

        assert len(translated) == len(english)
        untranslated = [
            line for line, other in zip(english, translated, strict=True) if line == other
        ]
        assert set(untranslated) == {""}, untranslated


# id, answers, profile, expected band, expected drivers (the rows of TABLE, by rule)
BANDS = [
    (
        "1 pain",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.LIGHT, False, True),
        PLAIN,
        Band.RED,
        ("sharp or joint pain",),
    ),
    (
        "2 hard to walk",
        Answers(Workout.EASY_RUN, Walking.HARD, sharp_pain=False),
        PLAIN,
        Band.RED,
        ("hard to walk",),
    ),
    (
        "3 hard session",
        Answers(Workout.HARD_SESSION, Walking.NORMAL, overreached=True),
        PLAIN,
        Band.RED,
        ("a much harder session than usual yesterday",),
    ),
    (
        "3 leg day well past usual",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, True),
        PLAIN,
        Band.RED,
        ("leg day yesterday", "well past what you're used to"),
    ),
    (
        "4 long race",
        Answers(Workout.LONG_RACE, Walking.NORMAL),
        PLAIN,
        Band.RED,
        ("long run or race yesterday",),
    ),
    (
        "4 long race, new runner",
        Answers(Workout.LONG_RACE, Walking.STIFF_SORE, sharp_pain=False),
        Profile(new_runner=True),
        Band.RED,
        ("long run or race yesterday", "new to running"),
    ),
    (
        "5 muscle first",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, False),
        MUSCLE,
        Band.RED,
        ("leg day yesterday", "building muscle comes first"),
    ),
    (
        "6 stiff after legs",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.MODERATE, False, False),
        PLAIN,
        Band.YELLOW,
        ("leg day yesterday", "stiff and sore walking"),
    ),
    (
        "7 walking normal",
        Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False),
        PLAIN,
        Band.GREEN,
        ("leg day yesterday", "walking normally"),
    ),
    (
        "7 a bit sore",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, False),
        PLAIN,
        Band.GREEN,
        ("leg day yesterday", "a bit sore walking"),
    ),
    (
        "8 rest day, fresh",
        Answers(Workout.REST, Walking.NORMAL),
        PLAIN,
        Band.GREEN,
        ("rest day yesterday", "walking normally"),
    ),
    (
        "8 easy run, stiff",
        Answers(Workout.EASY_RUN, Walking.STIFF_SORE, sharp_pain=False),
        PLAIN,
        Band.YELLOW,
        ("easy run yesterday", "stiff and sore walking"),
    ),
    (
        "8 other training, a bit sore",
        Answers(Workout.OTHER, Walking.A_BIT_SORE, sharp_pain=False),
        MUSCLE,
        Band.YELLOW,
        ("other training yesterday", "a bit sore walking"),
    ),
]


@pytest.mark.parametrize(
    ("answers", "profile", "band", "drivers"), [pytest.param(*row[1:], id=row[0]) for row in BANDS]
)
def test_band_and_drivers(
    answers: Answers, profile: Profile, band: Band, drivers: tuple[str, ...]
) -> None:
    advice = advise(answers, profile)

    assert (advice.band, advice.drivers) == (band, drivers)


def test_every_rule_has_a_band_row() -> None:
    assert {advise(row[1], row[2]).rule for row in BANDS} == set(range(1, 9))


def test_every_verdict_in_the_rules_table_gets_the_band_of_its_kind() -> None:
    """Red whenever the advice says no run; yellow only for the gentle-or-cross day and a plan
    kept on sore legs; green for the easy jog and a plan on fresh legs."""
    for _, answers, profile, _, verdict in TABLE:
        advice = advise(answers, profile)
        if verdict is Verdict.EASY_OR_CROSS:
            assert advice.band is Band.YELLOW
        elif verdict is Verdict.EASY_JOG:
            assert advice.band is Band.GREEN
        elif verdict is Verdict.AS_PLANNED:
            fresh = answers.walking is Walking.NORMAL
            assert advice.band is (Band.GREEN if fresh else Band.YELLOW)
        else:
            assert advice.band is Band.RED


@pytest.mark.parametrize(
    ("answers", "first_line"),
    [
        (Answers(Workout.LONG_RACE, Walking.NORMAL), "🔴 Red: no run"),
        (
            Answers(LEG, Walking.STIFF_SORE, LegIntensity.LIGHT, False, False),
            "🟡 Yellow: go gently",
        ),
        (Answers(LEG, Walking.NORMAL, LegIntensity.LIGHT, False), "🟢 Green: good to go"),
    ],
)
def test_the_verdict_opens_with_the_band_then_its_drivers(
    answers: Answers, first_line: str
) -> None:
    advice = advise(answers, PLAIN)

    lines = render_advice(advice).split("\n")

    assert lines[0] == first_line
    assert lines[1] == "Because: " + ", ".join(advice.drivers)
    assert lines[3] == advice.headline


# --- every text names the walking answer the user gave ---------------------------------------

# The words that name each walking answer in the advice, as a user would read them.
WALKING_WORDS: dict[Walking, str] = {
    Walking.NORMAL: r"\bnormal(ly)?\b|feel fine",
    Walking.A_BIT_SORE: r"\ba (bit|little) sore\b",
    Walking.STIFF_SORE: r"\bstiff",
    Walking.HARD: r"hard to walk|walking (itself )?is (hard|a struggle)",
}


def every_answer_set() -> list[tuple[Answers, Profile]]:
    """Every combination of answers the check-in can store, with every profile."""
    combos: list[tuple[Answers, Profile]] = []
    for workout, walking, pain in itertools.product(Workout, Walking, (False, True)):
        leg = workout is LEG
        asked_overreach = workout in (LEG, Workout.HARD_SESSION)
        for intensity, overreached in itertools.product(
            tuple(LegIntensity) if leg else (None,), (False, True) if asked_overreach else (None,)
        ):
            # After a rest day, a leg day two days back may decide (Answers.leg_day_before_rest).
            for carried in (False, True) if workout is Workout.REST else (False,):
                answers = Answers(
                    workout, walking, intensity, overreached, pain, leg_day_before_rest=carried
                )
                for flags in itertools.product((False, True), repeat=3):
                    combos.append((answers, Profile(*flags)))
    return combos


def reached() -> dict[tuple[int, Walking], list[tuple[Answers, Profile]]]:
    """For each rule, the walking answers it can be reached with, and how."""
    found: dict[tuple[int, Walking], list[tuple[Answers, Profile]]] = {}
    for answers, profile in every_answer_set():
        found.setdefault((advise(answers, profile).rule, answers.walking), []).append(
            (answers, profile)
        )
    return found


REACHED = reached()


@pytest.mark.parametrize(
    ("rule", "walking"), [pytest.param(*key, id=f"rule {key[0]}, {key[1]}") for key in REACHED]
)
def test_a_verdict_names_no_walking_answer_but_the_one_given(rule: int, walking: Walking) -> None:
    """The verdict, its reason, steps, notes and "why" screen; not the line on what would change
    it, which names another answer on purpose."""
    others = [words for level, words in WALKING_WORDS.items() if level is not walking]
    if walking is Walking.NORMAL:
        others.append(r"\bsore\b|\bthe ache\b")  # no soreness to speak of
    for answers, profile in REACHED[(rule, walking)]:
        for evening in (False, True):
            advice = advise(answers, profile, evening=evening)
            shown = render_advice(replace(advice, change=""))
            for words in others:
                assert not re.search(words, shown, re.IGNORECASE), (words, shown)
        screen = why_screen(advice.verdict)
        for words in others[: len(WALKING_WORDS) - 1]:  # a why screen may speak of soreness
            assert not re.search(words, screen, re.IGNORECASE), (words, screen)


def test_every_rule_is_reached_with_the_walking_answers_it_can_be() -> None:
    assert {rule for rule, _ in REACHED} == set(range(1, 9))
    assert {walking for rule, walking in REACHED if rule == 8} == {
        Walking.NORMAL,
        Walking.A_BIT_SORE,
        Walking.STIFF_SORE,
    }
    assert {walking for rule, walking in REACHED if rule == 7} == {
        Walking.NORMAL,
        Walking.A_BIT_SORE,
    }


def test_a_bit_sore_after_an_easy_run_is_not_called_stiff() -> None:
    advice = advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE, sharp_pain=False), PLAIN)

    assert advice.why == (
        "Your plan can stand, but legs that are a bit sore need a gentle start: pushing sore "
        "muscles hard is how strains happen."
    )


# --- the headline agrees with the band ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_yellow_band_never_sits_beside_a_headline_that_does_not_say_gently(
    language: str,
) -> None:
    """Every answer set, morning and evening: under yellow ("go gently") only a headline that
    says the run goes ahead gently, and that headline under no other band."""
    with speaking(language):
        gentle = {str(headline) for headline in GENTLE_HEADLINES}
        for (answers, profile), evening in itertools.product(every_answer_set(), (False, True)):
            advice = advise(answers, profile, evening)
            assert (advice.headline in gentle) is (advice.band is Band.YELLOW), (
                answers,
                profile,
                evening,
                advice.headline,
            )


def test_a_plan_kept_on_sore_legs_says_gently_under_its_yellow_band() -> None:
    """The console tester's case: an easy run yesterday, a bit sore this morning."""
    lines = render_advice(advise(Answers(Workout.EASY_RUN, Walking.A_BIT_SORE), PLAIN)).split("\n")

    assert lines[0] == "🟡 Yellow: go gently"
    assert lines[3] == "✅ Train as planned, but gently."
    fresh = advise(Answers(Workout.EASY_RUN, Walking.NORMAL), PLAIN)
    assert (fresh.band, fresh.headline) == (Band.GREEN, "✅ Train as planned.")


# --- a late verdict speaks of the time it covers ---------------------------------------------


def late_texts(advice: Advice) -> str:
    """Everything of a verdict that may name a time: headline, reason, steps and notes."""
    return "\n".join((advice.headline, advice.why, *advice.steps, *advice.notes))


@pytest.mark.parametrize(
    ("answers", "profile"),
    [pytest.param(*combo, id=str(index)) for index, combo in enumerate(every_answer_set()[::7])],
)
def test_an_evening_verdict_says_tonight_and_tomorrow_and_one_after_midnight_later_today(
    answers: Answers, profile: Profile
) -> None:
    """From 17:00 a verdict covers tonight and tomorrow, so under a headline that says so no
    step says "today". From 00:00 to 03:59 the check-in still counts for the evening before
    (coach.timing.checkin_day), and "tomorrow" could mean either day: it names none, and says
    "later today" for the day now begun."""
    evening = advise(answers, profile, evening=True)
    night = advise(answers, profile, evening=True, after_midnight=True, workout_day=SUNDAY)

    if "tonight" in evening.headline:
        assert not re.search(r"\btoday\b", "\n".join(evening.steps)), evening.steps
    assert not re.search(r"\btomorrow\b", late_texts(night)), late_texts(night)
    assert not re.search(r"(?<!later )\btoday\b", late_texts(night)), late_texts(night)
    if night.rule in RULES_FOR_TONIGHT:
        # Its reason ends with the night (a rest day, a day without running, a day of waiting):
        # it covers only tonight, and says so.
        assert night.notes[0] == str(TONIGHT_NOTES[Scope.NIGHT])
        assert evening.notes[0] == str(TONIGHT_NOTES[Scope.EVENING])
        assert "tomorrow" not in evening.headline
    else:
        assert str(NIGHT_NOTE) in night.notes and str(EVENING_NOTE) not in night.notes
    assert (night.verdict, night.band) == (evening.verdict, evening.band)
    # The same change, except that the next check-in, and the run after a day of waiting, are
    # named as each hour says it.
    assert not re.search(r"\btomorrow\b", night.change), night.change
    if "tomorrow's check-in" not in evening.change:
        assert night.change == evening.change.replace(
            "→ an easy run tomorrow", "→ an easy run once you've slept"
        )


STIFF_AFTER_LEGS = Answers(LEG, Walking.STIFF_SORE, LegIntensity.MODERATE, False, False)
FRESH_AFTER_REST = Answers(Workout.REST, Walking.NORMAL, None, None, False)
SORE_AFTER_REST = Answers(Workout.REST, Walking.A_BIT_SORE, None, None, False)


@pytest.mark.parametrize(
    ("answers", "rule", "evening", "night"),
    [
        (
            STIFF_AFTER_LEGS,
            6,
            "🚲 Only if you must, tonight or tomorrow: a very short, very easy run. Better: "
            "cross-train.",
            "🚲 Only if you must, later today: a very short, very easy run. Better: cross-train.",
        ),
        (
            FRESH_AFTER_REST,
            8,
            "✅ Train as planned, tonight and tomorrow.",
            "✅ Train as planned later today.",
        ),
        (
            SORE_AFTER_REST,
            8,
            "✅ Train as planned, tonight and tomorrow, but gently.",
            "✅ Train as planned later today, but gently.",
        ),
    ],
)
def test_an_evening_headline_of_rules_6_and_8_says_the_time_it_covers(
    answers: Answers, rule: int, evening: str, night: str
) -> None:
    """ "✅ Train as planned." at 21:00 said nothing of tonight or tomorrow, while rule 7's
    headline beside it did ("an easy 15-20 minute jog, tonight or tomorrow"): rules 6 and 8
    say it too, after midnight "later today", for tonight only "tonight"; the morning's
    headline names no time."""
    given = advise(answers, PLAIN, evening=True)
    late = advise(answers, PLAIN, evening=True, after_midnight=True, workout_day=SUNDAY)
    tonight = advise(answers, PLAIN, evening=True, tonight_only=True)

    assert (given.rule, given.headline) == (rule, evening)
    assert late.headline == night
    assert "tonight" in tonight.headline and "tomorrow" not in tonight.headline
    morning = advise(answers, PLAIN).headline
    assert not re.search(r"\b(tonight|tomorrow|today)\b", morning), morning


@pytest.mark.parametrize(("language", "evening"), [("de", "abend"), ("ru", "вечер")])
def test_after_midnight_no_headline_or_step_says_evening_in_german_or_russian(
    language: str, evening: str
) -> None:
    """At 00:30 "Heute Abend: Ruhe." named an evening that is over (and its Russian, the same):
    every verdict told after midnight, for the rest of the night and later today or for
    tonight only after training that day, says "now", "for now" or "later today"."""
    with speaking(language):
        for answers, profile in every_answer_set():
            for trained in (False, True):
                late = advise(answers, profile, True, None, True, SUNDAY, trained_that_day=trained)
                shown = "\n".join((late.headline, *late.steps)).lower()
                assert evening not in shown, (answers, profile, trained, shown)


# The goal named in rule 5's headline, and the warning words of the pain and injury verdicts.
MUSCLE_GOAL = {"en": "muscle gains", "de": "Muskelaufbau", "ru": "набора мышц", "es": "musculares"}
WARNINGS = {
    "en": ("pain", "injur", "tear", "strain", "risk", "warning"),
    "de": ("schmerz", "verletz", "riss", "zerrung", "risiko", "warn"),
    "ru": ("боль", "травм", "разрыв", "растяж", "риск"),
    "es": ("dolor", "lesi", "rotura", "distensi", "riesgo"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_waiting_a_day_reads_as_a_choice_for_muscle_not_a_warning(language: str) -> None:
    """Rule 5 is the user's goal (shared/recovery-rules.md: endurance work right after strength
    work slows the gains), not a danger: the headline names the goal and the verdict warns of
    nothing; it stays red, as it says no run."""
    legs = Answers(LEG, Walking.NORMAL, LegIntensity.MODERATE, False, False)
    with speaking(language):
        advice = advise(legs, MUSCLE)
        text = render_advice(advice).lower()

    assert advice.verdict is Verdict.WAIT_A_DAY and advice.band is Band.RED
    assert MUSCLE_GOAL[language] in advice.headline
    assert not [word for word in WARNINGS[language] if word in text], text


def test_waiting_a_day_after_leg_day_checked_in_that_evening_ends_with_the_night() -> None:
    """Rule 5 waits one day after the leg day; a late check-in comes at that day's end, so the
    next day's run is not held off again (the next day asks for its own check-in)."""
    legs = Answers(LEG, Walking.A_BIT_SORE, LegIntensity.MODERATE, False, False)
    muscle = Profile(muscle_priority=True)

    evening = advise(legs, muscle, evening=True)

    assert evening.verdict is Verdict.WAIT_A_DAY
    assert evening.headline == "⏳ No run tonight: your day of waiting isn't over yet."
    assert evening.steps[-1] == "Tomorrow your day of waiting is over: an easy run is fine then."
    assert evening.notes == ("🌙 A late check-in: this goes for tonight. Check in again tomorrow.",)
    assert not covers_the_next_day(evening.verdict)
    assert covers_the_next_day(advise(legs, PLAIN, evening=True).verdict)


# id, answers, the headline and the step that says what the next day goes by, in the evening
DAY_AFTER_ROWS = [
    (
        "3 much harder than usual",
        Answers(Workout.HARD_SESSION, Walking.A_BIT_SORE, overreached=True, sharp_pain=False),
        "😴 Rest tonight.",
        "Your rest day ends with the night: after that, it goes by how your legs feel when you "
        "next check in.",
    ),
    (
        "3 leg day well past usual",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, True, False),
        "😴 Rest tonight.",
        "Your rest day ends with the night: after that, it goes by how your legs feel when you "
        "next check in.",
    ),
    (
        "4 long race",
        Answers(Workout.LONG_RACE, Walking.STIFF_SORE, sharp_pain=False),
        "🚴 No run tonight: 15-20 minutes of no-impact cross-training.",
        "Your day without running ends with the night: after that, it goes by how your legs "
        "feel when you next check in.",
    ),
]


@pytest.mark.parametrize(
    ("answers", "headline", "step"), [pytest.param(*row[1:], id=row[0]) for row in DAY_AFTER_ROWS]
)
@pytest.mark.parametrize("after_midnight", [False, True], ids=["evening", "after-midnight"])
def test_the_day_after_a_race_or_an_overreach_checked_in_late_goes_for_tonight_only(
    answers: Answers, headline: str, step: str, after_midnight: bool
) -> None:
    """A newcomer's find: at 20:00 on the day after a long race, "No run tonight or tomorrow",
    and the next morning's push said "no run today", though that day is two days after the race
    and checking in again gave green. Rules 3 and 4 go by yesterday's workout alone, so their
    reason ends with the night, as rule 5's does: the next morning asks afresh."""
    day = SUNDAY if after_midnight else None
    late = advise(answers, PLAIN, True, None, after_midnight, day)
    scope = Scope.NIGHT if after_midnight else Scope.EVENING

    assert late.rule in (3, 4) and late.rule in RULES_FOR_TONIGHT
    if after_midnight and late.rule == 4:
        # Its cross-training was that day's, which is over: the small hours are for sleep.
        headline = "😴 No run tonight, and it's too late for cross-training: sleep now."
    assert late.headline == headline
    assert late.notes[0] == str(TONIGHT_NOTES[scope])
    assert step in late.steps
    assert not re.search(r"\b(tomorrow|today)\b", late.headline + "\n".join(late.steps))
    assert not covers_the_next_day(late.verdict, None, late.rule)
    assert not covers_the_next_day(late.verdict, Workout.REST, late.rule)  # "nothing today"
    assert for_tonight_only(True, None, late.rule)
    # Given in the daytime it is the day's own rest or cross-training, as the rules say.
    morning = advise(answers, PLAIN)
    assert step not in morning.steps and "tonight" not in morning.headline
    assert (morning.rule, morning.verdict) == (late.rule, late.verdict)


def tonight_headline(advice: Advice, after_midnight: bool) -> str:
    """The headline of a verdict for tonight only: rule 4's cross-training is over with its
    day after midnight, when the small hours are for sleep (RACE_NIGHT_HEADLINE)."""
    if after_midnight and advice.rule == 4:
        return str(RACE_NIGHT_HEADLINE)
    if advice.verdict is Verdict.AS_PLANNED and advice.band is Band.YELLOW:
        return str(GENTLE_PLAN_LATE[Scope.TONIGHT])  # on sore legs, gently
    return str(TONIGHT_HEADLINES[advice.verdict])


def test_only_rules_whose_reason_ends_with_the_night_leave_the_next_day_uncovered() -> None:
    """Every answer set, given late (with nothing trained that day): rules 3, 4 and 5 go for
    tonight only, with a note and a headline that say so; pain, hard walking and rules 6-8 go
    by the legs, which the night may not mend, and cover the next day, as their note says.
    A rest day is rule 3's and SAME_DAY_RULE's too: the stored rule decides where it is known."""
    rules = set()
    for answers, profile in every_answer_set():
        for after_midnight in (False, True):
            scope = Scope.NIGHT if after_midnight else Scope.EVENING
            late = advise(answers, profile, True, None, after_midnight, SUNDAY)
            covers = covers_the_next_day(late.verdict, None, late.rule)
            rules.add((late.rule, covers))
            assert covers is (late.rule not in (3, 4, 5)), (answers, profile)
            assert covers_the_next_day(late.verdict) is covers, (answers, profile)
            if covers:
                assert late.notes[0] == str(LATE_NOTES[scope]), (answers, profile)
            else:
                assert late.notes[0] == str(TONIGHT_NOTES[scope]), (answers, profile)
                assert late.headline == tonight_headline(late, after_midnight)
    assert {rule for rule, _covers in rules} == set(range(1, 9))
    assert not covers_the_next_day(Verdict.REST_DAY, Workout.LEG_DAY, SAME_DAY_RULE)
    assert not for_tonight_only(False, None, 3)  # given in the daytime: the day's rest day


@pytest.mark.parametrize(
    ("answers", "profile"), [pytest.param(*row[1:3], id=row[0]) for row in TABLE]
)
def test_after_midnight_no_line_says_yesterday(answers: Answers, profile: Profile) -> None:
    """At 00:30 on Tuesday the check-in counts for Monday and the workout answered is Sunday's;
    "yesterday" on the user's clock is Monday, so the reason names the workout's date."""
    night = advise(answers, profile, evening=True, after_midnight=True, workout_day=SUNDAY)
    text = render_advice(night)

    assert "yesterday" not in text, text
    if night.rule not in (1, 2):  # pain and hard walking name no workout
        assert night.drivers[0].endswith(" on Sun 11 Jan"), night.drivers
    morning = advise(answers, profile)
    assert len(night.drivers) == len(morning.drivers)


def test_after_midnight_a_recent_leg_day_is_named_by_its_date() -> None:
    """Two days before Monday, which the check-in counts for: Saturday, three days back on the
    user's clock at 00:30 on Tuesday, so no count of days, but the date."""
    sore = Answers(Workout.EASY_RUN, Walking.A_BIT_SORE, sharp_pain=False)

    night = advise(sore, PLAIN, True, leg_day_days_ago=2, after_midnight=True, workout_day=SUNDAY)

    assert night.cause == (
        "Your leg day on Sat 10 Jan is the likely cause: soreness often peaks one to three days "
        "later."
    )
    assert advise(sore, PLAIN, leg_day_days_ago=2).cause.startswith("Your leg day 2 days ago")
    with speaking("de"):
        german = advise(
            sore, PLAIN, True, leg_day_days_ago=2, after_midnight=True, workout_day=SUNDAY
        )
    assert german.cause.startswith("Dein Beintag am Sa., 10. Jan. ist")
    assert german.drivers[0] == "ein lockerer Lauf am So., 11. Jan."


def test_a_verdict_after_midnight_needs_the_day_it_counts_for() -> None:
    with pytest.raises(ValueError, match="after midnight"):
        advise(Answers(Workout.REST, Walking.NORMAL), PLAIN, evening=True, after_midnight=True)


def test_a_pain_verdict_after_midnight_reads_as_it_is_meant() -> None:
    pain = Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, True)

    night = advise(pain, PLAIN, evening=True, after_midnight=True, workout_day=SUNDAY)

    assert night.headline == "🛑 No running tonight or later today: rest."
    assert night.steps[0] == "Skip running and any hard training tonight and later today."
    assert night.notes == (
        "🌙 Past midnight: this goes for the rest of the night and later today.",
        "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so your "
        "legs may feel worse when you wake up than they do now.",
    )
    evening = advise(pain, PLAIN, evening=True)
    assert evening.steps[0] == "Skip running and any hard training tonight and tomorrow."


@pytest.mark.parametrize(
    ("answers", "profile"),
    [pytest.param(*combo, id=str(index)) for index, combo in enumerate(every_answer_set()[::7])],
)
@pytest.mark.parametrize("after_midnight", [False, True])
def test_a_verdict_given_after_training_that_day_too_goes_for_tonight_only(
    answers: Answers, profile: Profile, after_midnight: bool
) -> None:
    """The user trained on the check-in's own day too (the evening's last question): the
    verdict went by the day before, so it names neither tomorrow nor today, says it goes for
    tonight only, and keeps the rule, band and what would change it (the next check-in named
    as the morning's)."""
    day = date(2026, 1, 11) if after_midnight else None  # the workout's day, named after midnight
    tonight = advise(answers, profile, True, None, after_midnight, day, trained_that_day=True)
    evening = advise(answers, profile, True, None, after_midnight, day)
    if answers.sharp_pain:
        # Pain's rest covers tomorrow whatever was trained: not soreness the night tells of;
        # the training that may have brought the pain on gets a line of its own.
        trained = TRAINED_WITH_PAIN_DATED_NOTE.format(day="Mon 12 Jan")
        if not after_midnight:
            trained = str(TRAINED_WITH_PAIN_NOTE)
        assert tonight.notes == (evening.notes[0], trained, *evening.notes[1:])
        assert replace(tonight, notes=evening.notes) == evening
        return

    assert not re.search(r"\b(tomorrow|today)\b", late_texts(tonight).replace("you trained", ""))
    assert tonight.notes[0] == str(TRAINED_TODAY_NOTE) == str(TONIGHT_NOTES[Scope.TONIGHT])
    if tonight.verdict in TONIGHT_HEADLINES:
        assert tonight.headline == tonight_headline(tonight, after_midnight)
        assert "tonight" in tonight.headline
    assert (tonight.rule, tonight.band) == (evening.rule, evening.band)
    # The next check-in is the morning's: "tomorrow's check-in" becomes "once you've slept", the
    # day passing by itself a night's sleep, and so does the run after a day of waiting.
    assert tonight.change == evening.change.replace(
        "at tomorrow's check-in", "once you've slept"
    ).replace("→ an easy run tomorrow", "→ an easy run once you've slept")
    # Given in the daytime, "trained that day" changes nothing: the day's verdict goes for today.
    assert advise(answers, profile, trained_that_day=True) == advise(answers, profile)


def test_the_next_day_is_covered_unless_the_user_trained_that_day_too() -> None:
    assert covers_the_next_day(Verdict.EASY_JOG)
    assert covers_the_next_day(Verdict.EASY_JOG, None)
    assert covers_the_next_day(Verdict.EASY_JOG, Workout.REST)  # "No, nothing today"
    for workout in Workout:
        if workout is not Workout.REST:
            assert not covers_the_next_day(Verdict.EASY_JOG, workout)
    assert not covers_the_next_day(Verdict.WAIT_A_DAY, Workout.REST)
    assert all(covers_the_next_day(Verdict.PAIN_REST, workout) for workout in Workout)


def test_a_heavy_leg_day_checked_in_with_training_that_day_too_warns_of_waking_up() -> None:
    legs = Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, False)

    night = advise(legs, PLAIN, True, None, True, date(2026, 1, 11), trained_that_day=True)
    evening = advise(legs, PLAIN, True, None, False, trained_that_day=True)

    assert night.headline == evening.headline == "🏃 Yes: an easy 15-20 minute jog tonight."
    assert night.notes[1] == evening.notes[1] == str(NIGHT_PEAK_NOTE)
    assert advise(legs, PLAIN, evening=True).notes[1] == str(PEAK_NOTE)
