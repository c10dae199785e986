"""The recovery rules: today's suggestion from yesterday's training and this morning's legs.

Pure functions, no I/O, so the whole table is tested row by row. The first rule that matches
wins, in the order of shared/recovery-rules.md. All texts are plain (no Markdown or HTML), so
nothing a chat client parses can break them. They come in the current language
(conversations.i18n): the advice is worked out again each time it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from conversations.i18n import N_, Text, _


class Workout(StrEnum):
    """Yesterday's main session: it decides which rules can apply at all."""

    LEG_DAY = "leg_day"
    LONG_RACE = "long_race"
    HARD_SESSION = "hard_session"  # much harder or longer than usual
    EASY_RUN = "easy_run"
    OTHER = "other"  # upper body, a sport
    REST = "rest"


class LegIntensity(StrEnum):
    """Kept with the check-in for the history; no rule depends on it yet."""

    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"


class Walking(StrEnum):
    """How walking feels this morning: the simplest honest measure of soreness."""

    NORMAL = "normal"
    A_BIT_SORE = "a_bit_sore"
    STIFF_SORE = "stiff_sore"
    HARD = "hard"


class Verdict(StrEnum):
    """Stored with each check-in, one per rule, so values stay short and must never change."""

    PAIN_REST = "pain_rest"
    STRENGTH_MOBILITY = "strength_mobility"
    REST_DAY = "rest_day"
    CROSS_TRAIN = "cross_train"
    WAIT_A_DAY = "wait_a_day"
    EASY_OR_CROSS = "easy_or_cross"
    EASY_JOG = "easy_jog"
    AS_PLANNED = "as_planned"


class Band(StrEnum):
    """The traffic light that opens every verdict: can the user run today, at a glance."""

    GREEN = "green"  # run easy today
    YELLOW = "yellow"  # only gently, or cross-train
    RED = "red"  # no run today


BAND_LABELS: dict[Band, Text] = {
    Band.GREEN: N_("🟢 Green: run easy today"),
    Band.YELLOW: N_("🟡 Yellow: only gently, or cross-train"),
    Band.RED: N_("🔴 Red: no run today"),
}
BECAUSE = N_("Because: {drivers}")

# The few words that say what drove a verdict; joined with commas under the band.
WORKOUT_DRIVERS: dict[Workout, Text] = {
    Workout.LEG_DAY: N_("leg day yesterday"),
    Workout.LONG_RACE: N_("long race yesterday"),
    Workout.HARD_SESSION: N_("a much harder session than usual yesterday"),
    Workout.EASY_RUN: N_("easy run yesterday"),
    Workout.OTHER: N_("other training yesterday"),
    Workout.REST: N_("rest day yesterday"),
}
WALKING_DRIVERS: dict[Walking, Text] = {
    Walking.NORMAL: N_("walking normally"),
    Walking.A_BIT_SORE: N_("a bit sore walking"),
    Walking.STIFF_SORE: N_("stiff and sore walking"),
    Walking.HARD: N_("hard to walk"),
}
PAIN_DRIVER = N_("sharp or joint pain")
OVERREACH_DRIVER = N_("well past what you're used to")
MUSCLE_DRIVER = N_("building muscle comes first")
NEW_RUNNER_DRIVER = N_("new to running")


@dataclass(frozen=True)
class Answers:
    """This morning's check-in. Optional answers are None when the dialog never asked them."""

    workout: Workout
    walking: Walking
    leg_intensity: LegIntensity | None = None
    overreached: bool | None = None  # went well past what they are used to
    sharp_pain: bool | None = None  # asked only when walking is not normal


@dataclass(frozen=True)
class Profile:
    """Asked once, so the daily check-in stays short."""

    new_runner: bool = False
    muscle_priority: bool = False
    compression_gear: bool = False


@dataclass(frozen=True)
class Advice:
    """What to tell the user, kept in parts so the chat, pushes and history can reuse them."""

    rule: int
    verdict: Verdict
    headline: str
    why: str
    steps: tuple[str, ...]
    band: Band = Band.RED  # set by advise() for every rule
    drivers: tuple[str, ...] = ()  # set by advise(): what in the answers decided it


DISCLAIMER = N_(
    "These are general training tips, not medical advice: for pain that worries you, "
    "talk to a doctor or physio."
)

BOTH_SIDES = N_(
    "Run the day after leg day? Both camps have a point.\n\n"
    "Why some say don't: cardio straight after strength work can hold back the muscle you are "
    "building, and making the same tired legs work two days in a row invites strains and "
    "tears. So they wait a day, or keep any run very gentle.\n\n"
    "Why others say do: moving gently pumps blood through your legs, which helps them repair "
    "sooner, and a short easy run can stop the ache from getting worse. A little soreness is "
    "a normal part of getting fitter.\n\n"
    "Bottom line: for most people a short, easy run does more good than harm. Your fitness, "
    "your goals and how your legs actually feel today get the final say."
)


def _pain() -> Advice:
    return Advice(
        1,
        Verdict.PAIN_REST,
        _("🛑 No running today: rest."),
        _(
            "A sharp pain or an aching joint is a warning sign, not the normal tiredness after "
            "training, so today is for resting."
        ),
        (
            _("Skip running and any hard training today."),
            _("Only move in ways that don't hurt."),
            _("If it hasn't eased in a few days, get it checked by a doctor or physio."),
        ),
    )


def _hard_to_walk() -> Advice:
    return Advice(
        2,
        Verdict.STRENGTH_MOBILITY,
        _("🧘 No running or cardio today: strength and mobility instead."),
        _(
            "When even walking is a struggle, your muscles are badly knotted up, and that is "
            "exactly when a run can tear something."
        ),
        (
            _("No running and no cardio, however light. Leave static stretches out too."),
            _(
                "Do a gentle strength routine, then a mobility routine that eases the tight spots "
                "without forcing them."
            ),
            _("If you want to move more: a few calm minutes swimming, pedalling or foam rolling."),
        ),
    )


def _overreached() -> Advice:
    return Advice(
        3,
        Verdict.REST_DAY,
        _("😴 Take a rest day."),
        _(
            "Your heart and lungs are ready again long before your muscles, bones, tendons and "
            "ligaments, so you may feel fit while that tissue is still repairing; a run now would "
            "only add to the damage."
        ),
        (
            _("Rest today; a relaxed walk is fine."),
            _(
                "To avoid a repeat, grow your base first (strength, endurance and core work) and "
                "only then go for big efforts."
            ),
        ),
    )


def _long_race(profile: Profile) -> Advice:
    why = _(
        "Gentle cycling or pool running gets blood moving through tired legs, which speeds up "
        "recovery, and spares them the pounding of the road."
    )
    if profile.new_runner:
        why = f"{why} {_('As a newer runner, you gain the most from this.')}"
    return Advice(
        4,
        Verdict.CROSS_TRAIN,
        _("🚴 No run today: 15-20 minutes of no-impact cross-training."),
        why,
        (
            _("Choose pool running or an easy bike ride."),
            _("Keep going for 15-20 minutes, slow enough to stay comfortable throughout."),
        ),
    )


def _muscle_first() -> Advice:
    return Advice(
        5,
        Verdict.WAIT_A_DAY,
        _("⏳ Hold off on running for at least another day."),
        _(
            "Building muscle is your priority, and cardio right after a strength day holds back "
            "strength and size gains a little (it won't wipe them out)."
        ),
        (
            _("No run today."),
            _("A walk or some light mobility work is fine."),
            _("Go for an easy run tomorrow or the day after."),
        ),
    )


def _stiff_after_legs() -> Advice:
    return Advice(
        6,
        Verdict.EASY_OR_CROSS,
        _("🚲 Only if you must: a very short, very easy run. Better: cross-train."),
        _(
            "Putting stiff muscles under load is the classic recipe for a strain, so keep the "
            "effort tiny or take it off your legs."
        ),
        (
            _("Best: 15-20 minutes of easy cycling or pool running instead."),
            _("If you do run, give your warm-up extra time first."),
            _("Keep it short and gentle, with no fast bits at all."),
        ),
    )


def _easy_jog(profile: Profile) -> Advice:
    steps = [_("Lace up your comfiest running shoes.")]
    if profile.compression_gear:
        steps.append(_("Pull on your compression socks or tights; they give circulation a boost."))
    steps += [
        _("Warm up with a few minutes of dynamic stretches, like leg swings and walking lunges."),
        _(
            "Run for 15-20 minutes: begin very gently, then hold a pace easy enough to talk in "
            "full sentences. No sprints."
        ),
        _("Once your time is up, walk a few minutes to cool down, then stretch."),
    ]
    return Advice(
        7,
        Verdict.EASY_JOG,
        _("🏃 Yes: an easy 15-20 minute jog today."),
        _(
            "Gentle running pushes more blood through sore legs, delivering what they need to "
            "repair and flushing out what they don't. Moving also takes the edge off the ache and "
            "can stop more soreness from setting in."
        ),
        tuple(steps),
    )


def _as_planned(answers: Answers) -> Advice:
    if answers.walking in (Walking.A_BIT_SORE, Walking.STIFF_SORE):
        why = _(
            "Your plan can stand, but sore legs need a gentle start: pushing stiff muscles hard "
            "is how strains happen."
        )
        steps: tuple[str, ...] = (
            _("Stick to your plan, at an easy effort today."),
            _("Warm up for longer than usual."),
            _("Ease off if your legs protest."),
        )
    else:
        why = _("Your answers give no reason to change your plan today.")
        steps = (_("Stick to your plan."), _("Warm up properly before you start."))
    return Advice(8, Verdict.AS_PLANNED, _("✅ Train as planned."), why, steps)


def band_of(verdict: Verdict, walking: Walking) -> Band:
    """Red whenever the advice says no run (cross-training days too), yellow when a run is
    allowed only gently, green when an easy run (or the plan, on fresh legs) is fine."""
    if verdict is Verdict.EASY_JOG:
        return Band.GREEN
    if verdict is Verdict.EASY_OR_CROSS:
        return Band.YELLOW
    if verdict is Verdict.AS_PLANNED:
        return Band.GREEN if walking is Walking.NORMAL else Band.YELLOW
    return Band.RED


def drivers_of(rule: int, answers: Answers, profile: Profile) -> tuple[str, ...]:
    """Only the answers the winning rule looked at, so the reason reads as the real one."""
    workout = str(WORKOUT_DRIVERS[answers.workout])
    walking = str(WALKING_DRIVERS[answers.walking])
    match rule:
        case 1:
            return (str(PAIN_DRIVER),)
        case 2:
            return (walking,)
        case 3:
            if answers.workout is Workout.HARD_SESSION:
                return (workout,)
            return (workout, str(OVERREACH_DRIVER))
        case 4:
            return (workout, str(NEW_RUNNER_DRIVER)) if profile.new_runner else (workout,)
        case 5:
            return (workout, str(MUSCLE_DRIVER))
        case _:
            return (workout, walking)


def advise(answers: Answers, profile: Profile) -> Advice:
    """The advice of the first rule that matches, with its traffic-light band and drivers."""
    advice = _first_match(answers, profile)
    return replace(
        advice,
        band=band_of(advice.verdict, answers.walking),
        drivers=drivers_of(advice.rule, answers, profile),
    )


def _first_match(answers: Answers, profile: Profile) -> Advice:
    """Safety first: pain, then how the legs feel, then the workout; the first match wins."""
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
    """Plain text, so it reads the same in a chat, a push and the console."""
    steps = "\n".join(f"• {step}" for step in advice.steps)
    what_to_do = _("What to do:")
    return f"{render_band(advice)}\n\n{advice.headline}\n\n{advice.why}\n\n{what_to_do}\n{steps}"


def render_band(advice: Advice) -> str:
    """'🟢 Green: run easy today' and, below it, what drove it in a few words."""
    because = BECAUSE.format(drivers=", ".join(advice.drivers))
    return f"{BAND_LABELS[advice.band]}\n{because}"
