"""The recovery rules: today's suggestion from yesterday's training and this morning's legs.

Pure functions, no I/O, so the whole table is tested row by row. The first rule that matches
wins, in the order of shared/recovery-rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Workout(StrEnum):
    LEG_DAY = "leg_day"
    LONG_RACE = "long_race"
    HARD_SESSION = "hard_session"  # much harder or longer than usual
    EASY_RUN = "easy_run"
    OTHER = "other"  # upper body, a sport
    REST = "rest"


class LegIntensity(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"


class Walking(StrEnum):
    NORMAL = "normal"
    A_BIT_SORE = "a_bit_sore"
    STIFF_SORE = "stiff_sore"
    HARD = "hard"


class Verdict(StrEnum):
    """Stored with each check-in; one per rule of the table."""

    PAIN_REST = "pain_rest"
    STRENGTH_MOBILITY = "strength_mobility"
    REST_DAY = "rest_day"
    CROSS_TRAIN = "cross_train"
    WAIT_A_DAY = "wait_a_day"
    EASY_OR_CROSS = "easy_or_cross"
    EASY_JOG = "easy_jog"
    AS_PLANNED = "as_planned"


@dataclass(frozen=True)
class Answers:
    workout: Workout
    walking: Walking
    leg_intensity: LegIntensity | None = None
    overreached: bool | None = None  # went well past what the body is used to
    sharp_pain: bool | None = None  # asked only when walking is not normal


@dataclass(frozen=True)
class Profile:
    new_runner: bool = False
    muscle_priority: bool = False
    compression_gear: bool = False


@dataclass(frozen=True)
class Advice:
    rule: int
    verdict: Verdict
    headline: str
    why: str
    steps: tuple[str, ...]


DISCLAIMER = (
    "I give general training guidance, not medical advice: if something hurts in a worrying "
    "way, ask a doctor or physio."
)

BOTH_SIDES = (
    "Running the day after leg day: both sides.\n\n"
    "Why some say don't: running right after a strength day can slow down muscle gain, and "
    "loading the same tired muscles two days in a row raises the risk of straining or tearing "
    "them. Their answer is to leave a day between, or keep the run very gentle.\n\n"
    "Why others say do: easy movement gets the blood flowing, which speeds up recovery, and a "
    "short easy run can keep the soreness from getting worse. Some soreness simply comes with "
    "training.\n\n"
    "Bottom line: most of the time a short, easy run helps. How much depends on your fitness, "
    "your goals and what your body tells you today."
)


def _pain() -> Advice:
    return Advice(
        1,
        Verdict.PAIN_REST,
        "🛑 No running today: rest.",
        "Sharp or joint pain is not the usual post-workout soreness, so it needs rest, not a run.",
        (
            "Skip running and hard training today.",
            "Move gently only if it doesn't hurt.",
            "If the pain is still there in a few days, see a doctor or physio.",
        ),
    )


def _hard_to_walk() -> Advice:
    return Advice(
        2,
        Verdict.STRENGTH_MOBILITY,
        "🧘 No running or cardio today: strength and mobility instead.",
        "Soreness this bad means your muscles are very tight, and running on tight muscles "
        "makes a tear more likely.",
        (
            "Skip running, even light cardio, and skip static stretching.",
            "Do a gentle strength routine and a mobility routine that loosen tight spots "
            "without forcing them.",
            "A few easy minutes in the pool, on a bike or with a foam roller are fine.",
        ),
    )


def _overreached() -> Advice:
    return Advice(
        3,
        Verdict.REST_DAY,
        "😴 Take a rest day.",
        "Your heart and lungs bounce back faster than muscles, bones, tendons and ligaments, "
        "and running on tissue that is still damaged makes it worse.",
        (
            "Rest today; an easy walk is fine.",
            "Next time, build strength, endurance and core before pushing that hard.",
        ),
    )


def _long_race(profile: Profile) -> Advice:
    why = (
        "Cycling or pool running gets blood flowing to speed up recovery, without the pounding "
        "of running."
    )
    if profile.new_runner:
        why += " As a newer runner, this matters even more for you."
    return Advice(
        4,
        Verdict.CROSS_TRAIN,
        "🚴 No run today: 15-20 minutes of no-impact cross-training.",
        why,
        (
            "Pick pool running or easy cycling.",
            "Go for 15-20 minutes at a slow pace that feels comfortable the whole time.",
        ),
    )


def _muscle_first() -> Advice:
    return Advice(
        5,
        Verdict.WAIT_A_DAY,
        "⏳ Wait at least a day before running.",
        "Endurance work right after a strength session slows your strength and size gains "
        "(it doesn't cancel them), and building muscle is your priority right now.",
        (
            "Skip the run today.",
            "Walking and light mobility work are fine.",
            "Run easy tomorrow or the day after.",
        ),
    )


def _stiff_after_legs() -> Advice:
    return Advice(
        6,
        Verdict.EASY_OR_CROSS,
        "🚲 Only if you must: a very short, very easy run. Better: cross-train.",
        "Tight muscles combined with intensity is where injuries happen.",
        (
            "Best: 15-20 minutes of easy cycling or pool running instead.",
            "If you do run: warm up for longer than usual first.",
            "Keep it short and very easy, never hard.",
        ),
    )


def _easy_jog(profile: Profile) -> Advice:
    steps = ["Put on your most comfortable running shoes."]
    if profile.compression_gear:
        steps.append("Wear your compression socks or tights: they help circulation.")
    steps += [
        "Warm up first with a few minutes of dynamic stretches.",
        "Run 15-20 minutes: start with a light jog, then settle at a pace where you could "
        "chat. Never sprint.",
        "When time is up, cool down and stretch.",
    ]
    return Advice(
        7,
        Verdict.EASY_JOG,
        "🏃 Yes: an easy 15-20 minute jog today.",
        "Easy movement sends more blood to your legs, bringing nutrients in and clearing waste "
        "out, and it can keep extra soreness from building up. Exercise also dulls the ache.",
        tuple(steps),
    )


def _as_planned(answers: Answers) -> Advice:
    sore = answers.walking in (Walking.A_BIT_SORE, Walking.STIFF_SORE)
    if sore:
        why = (
            "Nothing calls for a change, but your legs are sore, and tight muscles plus intensity "
            "is where injuries happen."
        )
        steps: tuple[str, ...] = (
            "Train as you planned.",
            "Warm up for longer than usual.",
            "Keep it easy today.",
        )
    else:
        why = "Nothing in your answers calls for a change today."
        steps = ("Train as you planned.", "Warm up well before you start.")
    return Advice(8, Verdict.AS_PLANNED, "✅ Train as planned.", why, steps)


def advise(answers: Answers, profile: Profile) -> Advice:
    leg_day = answers.workout is Workout.LEG_DAY
    if answers.sharp_pain:
        return _pain()
    if answers.walking is Walking.HARD:
        return _hard_to_walk()
    if answers.overreached:
        return _overreached()
    if answers.workout is Workout.LONG_RACE:
        return _long_race(profile)
    if leg_day and profile.muscle_priority:
        return _muscle_first()
    if leg_day and answers.walking is Walking.STIFF_SORE:
        return _stiff_after_legs()
    if leg_day and answers.walking in (Walking.NORMAL, Walking.A_BIT_SORE):
        return _easy_jog(profile)
    return _as_planned(answers)


def render_advice(advice: Advice) -> str:
    steps = "\n".join(f"• {step}" for step in advice.steps)
    return f"{advice.headline}\n\n{advice.why}\n\nWhat to do:\n{steps}"
