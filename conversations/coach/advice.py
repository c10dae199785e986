"""The recovery rules: today's suggestion from yesterday's training and this morning's legs.

Pure functions, no I/O, so the whole table is tested row by row. The first rule that matches
wins, in the order of shared/recovery-rules.md. All texts are plain (no Markdown or HTML), so
nothing a chat client parses can break them. They come in the current language
(conversations.i18n): the advice is worked out again each time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from conversations.i18n import N_, Np_, Text, _, format_day


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


@dataclass(frozen=True)
class Words:
    """How the user sees one check-in answer: `label` is its button (an emoji, then the words),
    `short` the same answer in a table column or on the chart's axis. The short form is taken
    from the label's own words (tests/conversations/test_history.py checks it is contained in
    the label in every language), so the history, the chart, the weekly summary and the export
    never name an answer otherwise than its button did."""

    label: Text
    short: Text


# One table for the check-in's buttons (conversations.checkin) and for every place that shows
# an answer afterwards. The long-run answer covers races and long training runs alike: rule 4
# of shared/recovery-rules.md is about the distance and the pounding, not about a start number.
WORKOUT_WORDS: dict[Workout, Words] = {
    Workout.LEG_DAY: Words(N_("🦵 Leg day"), N_("leg day")),
    Workout.LONG_RACE: Words(N_("🏅 Long run or race"), N_("long run")),
    Workout.HARD_SESSION: Words(N_("🔥 Much harder than usual"), N_("much harder")),
    Workout.EASY_RUN: Words(N_("🏃 Easy run"), N_("easy run")),
    Workout.OTHER: Words(N_("💪 Other training"), N_("other")),
    Workout.REST: Words(N_("😴 Rest day"), N_("rest")),
}
WALKING_WORDS: dict[Walking, Words] = {
    Walking.NORMAL: Words(N_("Normal"), N_("normal")),
    Walking.A_BIT_SORE: Words(N_("A bit sore"), N_("a bit sore")),
    Walking.STIFF_SORE: Words(N_("Stiff and sore"), N_("stiff")),
    Walking.HARD: Words(N_("Hard to walk"), N_("hard")),
}
# The walking question's safety answer; a day with it shows as pain wherever a day is shown.
PAIN_WORDS = Words(N_("⚠️ Sharp or joint pain"), N_("pain"))


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


class Scope(StrEnum):
    """What a verdict covers, by the time on the user's clock it was given
    (conversations.coach.timing.part_of_day): the texts that name a time say it so."""

    TODAY = "today"  # 04:00-16:59
    EVENING = "evening"  # 17:00-23:59: tonight and tomorrow
    # 00:00-03:59, still the evening before (timing.checkin_day), where "tomorrow" could mean
    # either day: the rest of the night and the day now begun, "later today"
    NIGHT = "night"
    # 17:00-03:59, when the user also trained that day ("did you train today too?"), or when
    # the evening adds that question to the day's earlier check-in: the verdict goes for the
    # rest of the night only, as the next morning asks afresh
    TONIGHT = "tonight"


class Band(StrEnum):
    """The traffic light that opens every verdict: can the user run today, at a glance."""

    GREEN = "green"  # an easy jog, or the plan on fresh legs
    YELLOW = "yellow"  # only gently, or cross-train
    RED = "red"  # no run


# Each label has to fit every verdict shown under it (an easy jog and "train as planned" are
# both green; a gentle run, cross-training and a plan kept on sore legs are yellow), and none
# names a time of day, since an evening verdict also covers tomorrow.
BAND_LABELS: dict[Band, Text] = {
    Band.GREEN: N_("🟢 Green: good to go"),
    Band.YELLOW: N_("🟡 Yellow: go gently"),
    Band.RED: N_("🔴 Red: no run"),
}
BECAUSE = N_("Because: {drivers}")
# In place of the band above a rest tonight after training told for that same day
# (SAME_DAY_RULE): the training was done, often as the morning advised, and "🔴 Red: no run"
# over it read as a reprimand (newcomer 13: a green morning, the easy run done, a red evening).
# The band stays red wherever a colour is drawn: no run tonight.
DONE_TODAY_LABEL = N_("✅ Done for today")
# The same where the reason names that training by its date (after midnight: "easy run on Fri
# 11 Dec"): "today" would be the day just begun, or read as the date's contradiction.
DONE_THAT_DAY_LABEL = N_("✅ Done for the day")

# The few words that say what drove a verdict; joined with commas under the band.
WORKOUT_DRIVERS: dict[Workout, Text] = {
    Workout.LEG_DAY: N_("leg day yesterday"),
    Workout.LONG_RACE: N_("long run or race yesterday"),
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
# The same named by the workout's date {day} ('Sun 11 Jan'), where "yesterday" on the user's clock
# is another day: after midnight the check-in still counts for the day before
# (coach.timing.checkin_day), so the workout is two calendar days back, as the workout question
# says (conversations.texts.WORKOUT_AFTER_MIDNIGHT_PROMPT); and a verdict shown again on a later
# day (last night's, covering today) is about a workout further back still.
DATED_WORKOUT_DRIVERS: dict[Workout, Text] = {
    Workout.LEG_DAY: N_("leg day on {day}"),
    Workout.LONG_RACE: N_("long run or race on {day}"),
    Workout.HARD_SESSION: N_("a much harder session than usual on {day}"),
    Workout.EASY_RUN: N_("easy run on {day}"),
    Workout.OTHER: N_("other training on {day}"),
    Workout.REST: N_("rest day on {day}"),
}
# The same for the workout of the check-in's own day, told in its evening (Answers.same_day):
# on that day's clock it is today's, not a date's.
TODAY_WORKOUT_DRIVERS: dict[Workout, Text] = {
    Workout.LEG_DAY: N_("leg day today"),
    Workout.LONG_RACE: N_("long run or race today"),
    Workout.HARD_SESSION: N_("a much harder session than usual today"),
    Workout.EASY_RUN: N_("easy run today"),
    Workout.OTHER: N_("other training today"),
    Workout.REST: N_("rest day today"),
}
# Two workouts of one day (Answers.also), the harder first: "easy run + other training
# yesterday", and the same by the workout's date or as today's, as the single ones above.
WORKOUT_NOUNS: dict[Workout, Text] = {
    Workout.LEG_DAY: N_("leg day"),
    Workout.LONG_RACE: N_("long run or race"),
    Workout.HARD_SESSION: N_("a much harder session than usual"),
    Workout.EASY_RUN: N_("easy run"),
    Workout.OTHER: N_("other training"),
    Workout.REST: N_("rest day"),
}
TWO_WORKOUTS_DRIVER = N_("{first} + {second} yesterday")
TWO_WORKOUTS_DATED_DRIVER = N_("{first} + {second} on {day}")
TWO_WORKOUTS_TODAY_DRIVER = N_("{first} + {second} today")
# A leg day two days back, a rest day between, deciding rule 6 or 7 (Answers.leg_day_before_rest).
LEG_DAY_BEFORE_REST_DRIVER = N_("leg day 2 days ago")
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
    # The workout is that of the check-in's own day, told in its evening ("did you train today
    # too?", conversations.verdicts.that_days_answers), not the day before's: the rules are
    # about the day after a workout, so after a hard one that evening is for rest
    # (`rests_tonight`).
    same_day: bool = False
    # The user's last leg day was two days before the check-in's day, with a rest day between
    # (yesterday's answer), told in the morning (`carries_leg_day`): soreness from strength work
    # peaks one to three days later (DOMS), so sore legs that morning are still the leg day's,
    # and rules 6 and 7 go by it as they would have the day before; not rule 5, whose day of
    # waiting is over. Without it, last night's "easy jog tonight or tomorrow" after the leg day
    # turned into "as planned, gently" at the next morning's check-in on the same legs
    # (newcomer 16).
    leg_day_before_rest: bool = False
    # The day's other workout, no harder than `workout` (coach.activities.hardest), which the
    # rules go by: a session the bot timed and more training told that evening both count
    # (conversations.checkin.last_nights_workout), and the reason names both (`drivers_of`).
    also: Workout | None = None

    @property
    def past_usual(self) -> bool:
        """Did yesterday go well past what the body is used to? A leg day says so by the
        overreach answer; "much harder than usual" says so by itself, being the source's
        category "hard session that went well past what the body was ready for"
        (shared/recovery-rules.md, rule 3), so no answer can deny it."""
        return bool(self.overreached) or self.workout is Workout.HARD_SESSION


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
    change: str = ""  # set by advise(): the one answer that would change the verdict, and to what
    # set by advise(): the evening scope, pain on a day trained too, the soreness peak
    notes: tuple[str, ...] = ()
    # set by advise(): a leg day of two or three days ago named as the likely cause of sore legs
    cause: str = ""
    scope: Scope = Scope.TODAY  # set by advise(): the time the verdict covers
    # set by advise(): the drivers name the workout by its date (DATED_WORKOUT_DRIVERS)
    dated: bool = False
    # set by advise(): a rest tonight after training that day with nothing to warn of, opened
    # with DONE_TODAY_LABEL (DONE_THAT_DAY_LABEL when dated) instead of its band's label
    # (`render_band`)
    done_for_today: bool = False


DISCLAIMER = N_(
    "These are general training tips, not medical advice: for pain that worries you, "
    "talk to a doctor or physio."
)

# The "why" screen: the two sides of the choice the verdict made, so it never argues for what
# the verdict ruled out. Leg day keeps the two camps of shared/recovery-rules.md; its bottom
# line follows the verdict.
LEG_DAY_CAMPS = N_(
    "Run the day after leg day? Both camps have a point.\n\n"
    "Why some say don't: cardio straight after strength work can hold back muscle gains, and "
    "making the same tired legs work two days in a row invites strains and "
    "tears. So they wait a day, or keep any run very gentle.\n\n"
    "Why others say do: moving gently pumps blood through your legs, which helps them repair "
    "sooner, and a short easy run can stop the ache from getting worse. A little soreness is "
    "part of getting fitter."
)
# The same camps, read a day later (last night's verdict covering this morning, issue 13): the
# leg day was two or more days ago, so "the day after" and "two days in a row" no longer fit,
# and the soreness peak one to three days after strength work is the careful camp's point.
LEG_DAY_CAMPS_LATER = Np_(
    "Run {days} day after leg day? Both camps have a point.\n\n"
    "Why some say don't: soreness often peaks one to three days after strength work, and a hard "
    "effort on sore, tired legs invites strains and tears. So they keep any run very gentle.\n\n"
    "Why others say do: moving gently pumps blood through your legs, which helps them repair "
    "sooner, and a short easy run can stop the ache from getting worse. A little soreness is "
    "part of getting fitter.",
    "Run {days} days after leg day? Both camps have a point.\n\n"
    "Why some say don't: soreness often peaks one to three days after strength work, and a hard "
    "effort on sore, tired legs invites strains and tears. So they keep any run very gentle.\n\n"
    "Why others say do: moving gently pumps blood through your legs, which helps them repair "
    "sooner, and a short easy run can stop the ache from getting worse. A little soreness is "
    "part of getting fitter.",
)
BOTH_SIDES = N_(
    "Bottom line: for most people a short, easy run does more good than harm. Your fitness, "
    "your goals and how your legs actually feel today get the final say."
)
# Rule 8's why screen: the reason the plan stands, then what to heed, which follows this
# morning's walking answer: "should your legs feel sore" to someone who just said they are
# contradicts them.
AS_PLANNED_REASON = N_(
    "Why not change your plan? Nothing you told me about yesterday calls for it: no leg "
    "day, long run, race or overreach, no pain today, and walking isn't hard."
)
AS_PLANNED_FRESH = N_(
    "Why still listen to your legs: if they do get sore, a hard effort on sore muscles is where "
    "strains happen.\n\n"
    "Bottom line: keep your plan; should your legs feel sore, keep it easy and warm up longer."
)
AS_PLANNED_SORE = N_(
    "Why still listen to your legs: they are sore, and a hard effort on sore muscles is where "
    "strains happen.\n\n"
    "Bottom line: keep your plan, but your legs are sore, so keep it easy today and warm up "
    "longer."
)
SORE_WALKING = frozenset({Walking.A_BIT_SORE, Walking.STIFF_SORE})
WHY_SCREENS: dict[Verdict, tuple[Text, ...]] = {
    Verdict.PAIN_REST: (
        N_(
            "Why rest, when a run might loosen you up? Because sharp pain or pain in a joint is "
            "not the dull ache of worked muscles: it can mean a strain, an irritated tendon or a "
            "joint problem, and running on it can turn a few days off into weeks.\n\n"
            "Why some keep moving anyway: ordinary soreness does ease with gentle movement. "
            "That is true for the ache, not for this kind of pain.\n\n"
            "When to see a professional: if the pain is still there after a few days, if it "
            "gets worse, if a joint swells, or if you can't put weight on the leg, see a doctor "
            "or physio."
        ),
    ),
    Verdict.STRENGTH_MOBILITY: (
        N_(
            "Why not run it off? When walking itself is hard, your muscles are tight and "
            "knotted, and running on tight muscles is how tears happen. Static stretching "
            "pulls on them too.\n\n"
            "Why not just lie still: gentle strength and mobility work gets blood into the "
            "muscles and loosens them without pounding them, and a few calm minutes of easy "
            "swimming, pedalling or foam rolling, just to loosen up and not as a workout, help "
            "the same way.\n\n"
            "Bottom line: move, but don't run, until walking feels easier."
        ),
    ),
    Verdict.REST_DAY: (
        N_(
            "Why rest, even on a day you feel fit? Heart and lungs recover long before muscles, "
            "bones, tendons and ligaments, so feeling ready is not the same as being ready, and "
            "a run on damaged tissue adds to the damage.\n\n"
            "Why some train through it: a day off can feel like lost progress. But progress "
            "comes from recovering from the hard session, not from piling another on top.\n\n"
            "Bottom line: rest today, and build strength, endurance and core before the next "
            "big effort."
        ),
    ),
    Verdict.CROSS_TRAIN: (
        N_(
            "Why no run after a long run or race? Your legs took thousands of impacts "
            "yesterday, and running today would add more while they repair.\n\n"
            "Why not rest completely: easy movement brings blood to tired legs and speeds "
            "recovery. Pool running or cycling gives you that without the pounding."
        ),
        N_(
            "Bottom line: 15-20 slow, comfortable minutes without impact, and run again once "
            "your legs feel fresh."
        ),
    ),
    Verdict.WAIT_A_DAY: (
        LEG_DAY_CAMPS,
        N_(
            "Bottom line for you: building muscle comes first, so the first camp has your "
            "answer. Wait a day, then run easy."
        ),
    ),
    Verdict.EASY_OR_CROSS: (
        LEG_DAY_CAMPS,
        N_(
            "Bottom line for you: stiff legs tip it towards the careful camp, so cross-train, "
            "or keep any run very short and very easy."
        ),
    ),
    Verdict.EASY_JOG: (LEG_DAY_CAMPS, BOTH_SIDES),
    Verdict.AS_PLANNED: (AS_PLANNED_REASON, AS_PLANNED_FRESH),
}


# Rule 3's why screen when the legs are sore: the fit-feeling opener would contradict them.
REST_DAY_SORE = N_(
    "Why rest, and not just an easy run to loosen up? Your legs are sore, and what lies under "
    "the soreness heals slower than it feels: heart and lungs recover long before muscles, "
    "bones, tendons and ligaments, and a run on damaged tissue adds to the damage.\n\n"
    "Why some train through it: a day off can feel like lost progress. But progress comes from "
    "recovering from the hard session, not from piling another on top.\n\n"
    "Bottom line: rest today, and build strength, endurance and core before the next big effort."
)


# The why screen of a verdict that goes for tonight only (Scope.TONIGHT, the user trained on
# the check-in's own day too): the paragraphs that say "today" say "tonight", and those that
# speak of one workout speak of the one that decided the verdict, or of both.
# The leg day was that same day: "the day after" and "two days in a row" would deny it.
LEG_DAY_CAMPS_SAME_DAY = N_(
    "Run on the day of your leg day? Both camps have a point.\n\n"
    "Why some say don't: cardio straight after strength work can hold back muscle gains, and "
    "making the same tired legs work again so soon invites strains and tears. So they wait a "
    "day, or keep any run very gentle.\n\n"
    "Why others say do: moving gently pumps blood through your legs, which helps them repair "
    "sooner, and a short easy run can stop the ache from getting worse. A little soreness is "
    "part of getting fitter."
)
BOTH_SIDES_TONIGHT = N_(
    "Bottom line: for most people a short, easy run does more good than harm. Your fitness, "
    "your goals and how your legs actually feel tonight get the final say."
)
REST_BOTTOM_LINE_TONIGHT = N_(
    "Bottom line: rest tonight, and build strength, endurance and core before the next big effort."
)
# Rule 4's screen in the small hours (RACE_NIGHT_HEADLINE): no cross-training then either.
CROSS_TRAIN_NIGHT = N_(
    "Why no run, and no cross-training either? Your legs are still repairing from the impacts "
    "of your long run or race, and running now would add more. The 15-20 easy minutes in the "
    "pool or on a bike that help the day after are for the daytime: in the small hours, sleep "
    "does more for your legs."
)
CROSS_TRAIN_NIGHT_BOTTOM_LINE = N_(
    "Bottom line: sleep now, and check in once you've slept; from then on, it goes by how your "
    "legs feel."
)
CROSS_TRAIN_TONIGHT = N_(
    "Why no run after a long run or race? Your legs took thousands of impacts yesterday, and "
    "running tonight would add more while they repair.\n\n"
    "Why not rest completely: easy movement brings blood to tired legs and speeds "
    "recovery. Pool running or cycling gives you that without the pounding."
)
# A plan kept tonight only: an evening's addition told no training that day ("nothing today",
# conversations.checkin._add_evening), so the reason is yesterday's workout and that morning's
# answers, and the day since; any training that day would have made it a rest tonight.
AS_PLANNED_REASON_TONIGHT = N_(
    "Why not change your plan? Nothing you told me calls for it: no leg day, long run, race or "
    "overreach yesterday, no training since, no pain, and walking isn't hard."
)
AS_PLANNED_SORE_TONIGHT = N_(
    "Why still listen to your legs: they are sore, and a hard effort on sore muscles is where "
    "strains happen.\n\n"
    "Bottom line: keep your plan, but your legs are sore, so keep it easy tonight and warm up "
    "longer."
)
# The same named by the workout's date {day} ('Sun 11 Jan'), where "yesterday" would name
# another day, as the verdict's own drivers do (DATED_WORKOUT_DRIVERS): after midnight, or a
# verdict shown again on a later day (last night's, covering this morning).
CROSS_TRAIN_DATED = N_(
    "Why no run after a long run or race? Your legs took thousands of impacts on {day}, and "
    "running now would add more while they repair.\n\n"
    "Why not rest completely: easy movement brings blood to tired legs and speeds "
    "recovery. Pool running or cycling gives you that without the pounding."
)
# The pain and walking answers are the check-in's, not {day}'s: a pain told at {day}'s own
# check-in is no contradiction of "no pain" (newcomer 15).
AS_PLANNED_REASON_DATED = N_(
    "Why not change your plan? Nothing you told me calls for it: no leg day, long run, race or "
    "overreach on {day}, no pain when you checked in, and walking isn't hard."
)


# The why screens of a rest tonight after a hard workout of that same day (SAME_DAY_RULE): a
# leg day keeps its two camps, asked of that evening (LEG_DAY_CAMPS_SAME_DAY), with a bottom
# line that puts the careful camp's night first and the other camp's easy run the day after.
SAME_DAY_LEG_BOTTOM_LINE = N_(
    "Bottom line for you: your leg day was only hours ago, so tonight is for rest. The easy run "
    "the second camp speaks of is for the day after, if your legs are up to it, so check in "
    "once you've slept."
)
SAME_DAY_MUSCLE_BOTTOM_LINE = N_(
    "Bottom line for you: your leg day was only hours ago and building muscle comes first, so "
    "the first camp has your answer. Rest tonight, and wait a day before running."
)
RACE_SAME_DAY = N_(
    "Why no training at all tonight, not even without impact? Your legs took thousands of "
    "impacts only hours ago and have just begun to repair: the night is for that.\n\n"
    "Why cross-training still has its place: the day after a long run or race, 15-20 easy "
    "minutes in the pool or on a bike bring blood to tired legs without the pounding.\n\n"
    "Bottom line: rest tonight, and check in once you've slept."
)
# After an easy run or other training that day: not the leg-day camps nor a race's impact,
# which would speak of a workout the user never did.
LIGHT_SAME_DAY = N_(
    "Why not another session tonight, even an easy one? You've had your training for the day, "
    "and your body gets fitter while it recovers between sessions, not during them: a "
    "second one within hours only adds load.\n\n"
    "Why some would go again: a little easy movement can help loosen you up. A relaxed walk "
    "does that just as well tonight.\n\n"
    "Bottom line: rest tonight, and check in once you've slept. The day after goes by how your "
    "legs feel then."
)


# Said only to those it is true of: the onboarding asks whether the user is new to running.
NEW_RUNNER_GAIN = N_("As a newer runner, you gain the most from this.")


# Rule 8's why screen opens with this when the last leg day was two or three days ago: "no leg
# day" would deny it, and its soreness may be peaking now (PEAK_NOTE).
AS_PLANNED_AFTER_LEG_DAY = Np_(
    "Why not change your plan? Your leg day was {days} day ago, not yesterday, and nothing you "
    "told me about yesterday calls for a change: no pain today, and walking isn't hard. "
    "Soreness from that leg day can still be peaking, though: it often does one to three days "
    "later.",
    "Why not change your plan? Your leg day was {days} days ago, not yesterday, and nothing you "
    "told me about yesterday calls for a change: no pain today, and walking isn't hard. "
    "Soreness from that leg day can still be peaking, though: it often does one to three days "
    "later.",
)
# The same, to someone whose walking is normal: soreness that may still peak would contradict them.
AS_PLANNED_AFTER_LEG_DAY_FRESH = Np_(
    "Why not change your plan? Your leg day was {days} day ago, not yesterday, and nothing you "
    "told me about yesterday calls for a change: no pain today, and walking feels normal. "
    "Soreness after leg day often peaks one to three days later; with walking normal now, "
    "your legs have come through it.",
    "Why not change your plan? Your leg day was {days} days ago, not yesterday, and nothing you "
    "told me about yesterday calls for a change: no pain today, and walking feels normal. "
    "Soreness after leg day often peaks one to three days later; with walking normal now, "
    "your legs have come through it.",
)
# The same by dates, where "yesterday" names another day than the check-in's (after midnight,
# or a verdict shown again on a later day): the leg day {leg_day} as the verdict's cause names
# it (DATED_LEG_DAY_CAUSE), the workout answered {day}; pain and walking are the check-in's.
AS_PLANNED_AFTER_LEG_DAY_DATED = N_(
    "Why not change your plan? Your leg day was on {leg_day}, not {day}, and nothing you told "
    "me about {day} calls for a change: no pain when you checked in, and walking isn't hard. "
    "Soreness from that leg day can still be peaking, though: it often does one to three days "
    "later."
)
AS_PLANNED_AFTER_LEG_DAY_DATED_FRESH = N_(
    "Why not change your plan? Your leg day was on {leg_day}, not {day}, and nothing you told "
    "me about {day} calls for a change: no pain when you checked in, and walking felt normal. "
    "Soreness after leg day often peaks one to three days later; with walking normal then, "
    "your legs had come through it."
)


def why_screen(
    verdict: Verdict,
    profile: Profile | None = None,
    leg_day_days_ago: int | None = None,
    walking: Walking | None = None,
    scope: Scope = Scope.TODAY,
    workout_day: date | None = None,
    same_day: Answers | None = None,
    small_hours: bool = False,
) -> str:
    """The "Why? Both sides" screen for this verdict, in the current language; a newer runner
    (`profile`) hears after a long run or race that no-impact training helps them most.
    `leg_day_days_ago`: how many days before today the user's last leg day was (see
    `recent_leg_day`), or None; a plan kept two or three days after one speaks of it rather than
    of "no leg day" (counted from the check-in's day, and named by its date with `workout_day`,
    as the verdict's cause is), and a leg-day verdict shown a day or more after its check-in
    (last night's, covering this morning) weighs a run that many days after leg day, not "the
    day after"; 0:
    the leg day that decided a tonight-only verdict was that same day.
    `walking`: the walking answer of the check-in the verdict came from, or None
    when unknown; a plan kept on sore legs says they are sore rather than "should they get
    sore". `scope`: the time the verdict covers (Advice.scope); tonight only (Scope.TONIGHT,
    and a rest day or cross-training told in any late scope: RULES_FOR_TONIGHT) says "tonight"
    for "today", and a plan kept (an evening's addition that told no training that day) speaks
    of the day since. `workout_day`:
    the date of the workout that decided the verdict where the verdict names it so
    (`drivers_of`), else None ("yesterday"). `same_day`: the answers of the check-in's own day
    when their workout decided a rest tonight (`rests_tonight`): the screen weighs that evening
    (a leg day's two camps, a race's impact, or for an easy run or other training why one
    session a day is enough; an overreach keeps rule 3's screen), else None. `small_hours`:
    shown 00:00-03:59 (coach.timing.after_midnight), when rule 4's cross-training is over for
    the day too (RACE_NIGHT_HEADLINE)."""
    # Rules 3 and 4 told in the evening go for tonight only (RULES_FOR_TONIGHT), as their
    # headline says: "rest today" under "😴 Rest tonight." read as a contradiction.
    tonight = scope is Scope.TONIGHT or (
        scope is not Scope.TODAY and verdict in (Verdict.REST_DAY, Verdict.CROSS_TRAIN)
    )
    if verdict is Verdict.REST_DAY and same_day is not None and rests_tonight(same_day):
        # After an overreach that day, rule 3's screen stands, its bottom line tonight's (below).
        if same_day.workout is Workout.LONG_RACE:
            return str(RACE_SAME_DAY)
        if same_day.workout in LIGHT_WORKOUTS:
            return str(LIGHT_SAME_DAY)
        if not same_day.past_usual:
            muscle_first = profile is not None and profile.muscle_priority
            bottom = SAME_DAY_MUSCLE_BOTTOM_LINE if muscle_first else SAME_DAY_LEG_BOTTOM_LINE
            return f"{LEG_DAY_CAMPS_SAME_DAY}\n\n{bottom}"
    parts = [str(part) for part in WHY_SCREENS[verdict]]
    if WHY_SCREENS[verdict][0] is LEG_DAY_CAMPS:
        if leg_day_days_ago == 0:
            parts[0] = str(LEG_DAY_CAMPS_SAME_DAY)
        elif (leg_day_days_ago or 1) > 1:
            assert leg_day_days_ago is not None
            parts[0] = LEG_DAY_CAMPS_LATER.format(leg_day_days_ago, days=leg_day_days_ago)
        if tonight and WHY_SCREENS[verdict][1] is BOTH_SIDES:
            parts[1] = str(BOTH_SIDES_TONIGHT)
    if verdict is Verdict.AS_PLANNED:
        # A recent leg day first, tonight too: the verdict names it as the likely cause, and
        # "no leg day" beside that would deny it (newcomer 16).
        if recent_leg_day(leg_day_days_ago) and workout_day is not None:
            assert leg_day_days_ago is not None
            # counted from the check-in's day, the day after the workout (as `advise`)
            leg_day = workout_day + timedelta(days=1 - leg_day_days_ago)
            dated = (
                AS_PLANNED_AFTER_LEG_DAY_DATED_FRESH
                if walking is Walking.NORMAL
                else AS_PLANNED_AFTER_LEG_DAY_DATED
            )
            parts[0] = dated.format(leg_day=format_day(leg_day), day=format_day(workout_day))
        elif recent_leg_day(leg_day_days_ago):
            assert leg_day_days_ago is not None
            kept = (
                AS_PLANNED_AFTER_LEG_DAY_FRESH
                if walking is Walking.NORMAL
                else AS_PLANNED_AFTER_LEG_DAY
            )
            parts[0] = kept.format(leg_day_days_ago, days=leg_day_days_ago)
        elif tonight:
            # After midnight "yesterday" is another day: named by its date, as the verdict does.
            parts[0] = (
                str(AS_PLANNED_REASON_TONIGHT)
                if workout_day is None
                else AS_PLANNED_REASON_DATED.format(day=format_day(workout_day))
            )
        elif workout_day is not None:
            parts[0] = AS_PLANNED_REASON_DATED.format(day=format_day(workout_day))
        if walking in SORE_WALKING:
            parts[1] = str(AS_PLANNED_SORE_TONIGHT if tonight else AS_PLANNED_SORE)
    if verdict is Verdict.REST_DAY:
        if walking in SORE_WALKING:
            parts[0] = str(REST_DAY_SORE)  # "even on a day you feel fit" to someone who said sore
        if tonight:
            # The bottom line is the screen's last paragraph, in every language.
            paragraphs = parts[0].split("\n\n")
            parts[0] = "\n\n".join([*paragraphs[:-1], str(REST_BOTTOM_LINE_TONIGHT)])
    if verdict is Verdict.CROSS_TRAIN and small_hours:
        return f"{CROSS_TRAIN_NIGHT}\n\n{CROSS_TRAIN_NIGHT_BOTTOM_LINE}"
    if verdict is Verdict.CROSS_TRAIN:
        if workout_day is not None:
            parts[0] = CROSS_TRAIN_DATED.format(day=format_day(workout_day))
        elif tonight:
            parts[0] = str(CROSS_TRAIN_TONIGHT)
        if profile is not None and profile.new_runner:
            parts[0] = f"{parts[0]} {NEW_RUNNER_GAIN}"
    return "\n\n".join(parts)


# One name per verdict, used wherever a verdict is named in a few words (the history table,
# the weekly summary, "you already checked in", what would change it), so they all agree.
VERDICT_NAMES: dict[str, Text] = {
    Verdict.PAIN_REST: N_("rest (pain)"),
    Verdict.STRENGTH_MOBILITY: N_("strength and mobility"),
    Verdict.REST_DAY: N_("rest day"),
    Verdict.CROSS_TRAIN: N_("cross-training"),
    Verdict.WAIT_A_DAY: N_("wait a day"),
    # Rule 6 is yellow: cross-training first, a very easy run allowed; not rule 4's red
    # "cross-training", and no "better" that reads as a comparison in a change line.
    Verdict.EASY_OR_CROSS: N_("cross-train or easy run"),
    Verdict.EASY_JOG: N_("easy jog"),
    Verdict.AS_PLANNED: N_("as planned"),
}


# The verdicts that decide "an easy jog after leg day, or not": only under these does the
# user's own record on jogs after leg days (coach.history.baseline) speak to the choice made.
# Pain, hard walking, overreach and a race decide on safety or impact, whatever the record says,
# so a line about jogging would argue with them.
JOG_CHOICE_VERDICTS = frozenset({Verdict.WAIT_A_DAY, Verdict.EASY_OR_CROSS, Verdict.EASY_JOG})


def cites_own_record(verdict: Verdict) -> bool:
    """Whether the user's own record on easy jogs after leg day goes under this verdict."""
    return verdict in JOG_CHOICE_VERDICTS


# Rule 8 on sore legs is yellow and says "but gently": its name must not read as the green one.
AS_PLANNED_GENTLY = N_("as planned, gently")
# A rest for that evening only (Scope.TONIGHT: the SAME_DAY_RULE after a hard workout that day,
# or any rest verdict of an evening whose user trained that day too): its headline said
# "😴 Rest tonight.", and the next morning asked again, so it was never a rest day.
REST_TONIGHT_NAME = N_("rest tonight")


def for_tonight_only(
    evening: bool | None, workout_that_day: str | None, rule: int | None = None
) -> bool:
    """Did a stored check-in's verdict go for its evening only? So it did when it came from
    SAME_DAY_RULE (`rule`, None: not known), or when given in the evening (CheckIn.evening)
    from one of RULES_FOR_TONIGHT (its headline said "😴 Rest tonight." after an overreach), or
    with a workout told for that same day (CheckIn.workout_that_day, a Workout value; None: not
    asked): `advise` then tells it for tonight whatever decided it (Scope.TONIGHT). A pain rest
    covers the next day too, but is named apart (Verdict.PAIN_REST) anyway."""
    trained = workout_that_day not in (None, Workout.REST)
    return rule == SAME_DAY_RULE or (bool(evening) and (trained or rule in RULES_FOR_TONIGHT))


SORE = frozenset({Walking.A_BIT_SORE, Walking.STIFF_SORE})


def verdict_name(verdict: str, walking: str | None = None, tonight: bool = False) -> str:
    """The verdict's few words; with the `walking` answer it came with, a plan kept on sore
    legs is named as its headline says it ("as planned, gently"); `tonight`: the verdict went
    for that evening only (`for_tonight_only`), so a rest is named "rest tonight", as its
    headline said ("😴 Rest tonight."), not a rest day. An unknown stored value is shown as it
    is."""
    if verdict == Verdict.AS_PLANNED and walking in SORE:
        return str(AS_PLANNED_GENTLY)
    if verdict == Verdict.REST_DAY and tonight:
        return str(REST_TONIGHT_NAME)
    name = VERDICT_NAMES.get(verdict)
    return str(name) if name is not None else verdict


# The steps that name a time, as each scope says it: an evening verdict's headline covers
# tonight and tomorrow, so its steps must not say "today".
SKIP_RUNNING: dict[Scope, Text] = {
    Scope.TODAY: N_("Skip running and any hard training today."),
    Scope.EVENING: N_("Skip running and any hard training tonight and tomorrow."),
    Scope.NIGHT: N_("Skip running and any hard training tonight and later today."),
    Scope.TONIGHT: N_("Skip running and any hard training tonight."),
}
# Rule 3's rest is the day after the overreach: given late, that day ends with the night
# (RULES_FOR_TONIGHT), so every late scope rests tonight only.
REST_WALK: dict[Scope, Text] = {
    Scope.TODAY: N_("Rest today; a relaxed walk is fine."),
    Scope.EVENING: N_("Rest tonight; a relaxed walk is fine."),
    Scope.NIGHT: N_("Rest tonight; a relaxed walk is fine."),
    Scope.TONIGHT: N_("Rest tonight; a relaxed walk is fine."),
}
EASY_EFFORT: dict[Scope, Text] = {
    Scope.TODAY: N_("Stick to your plan, at an easy effort today."),
    Scope.EVENING: N_("Stick to your plan, at an easy effort tonight and tomorrow."),
    Scope.NIGHT: N_("Stick to your plan, at an easy effort later today."),
    Scope.TONIGHT: N_("Stick to your plan, at an easy effort tonight."),
}

# Rule 5 waits one day after the leg day: checked in that day's evening (or the night after),
# the wait ends with the night, so the verdict covers only tonight (VERDICTS_FOR_TONIGHT).
NO_RUN_YET: dict[Scope, Text] = {
    Scope.TODAY: N_("No run today."),
    Scope.EVENING: N_("No run tonight."),
    Scope.NIGHT: N_("No run tonight."),
    Scope.TONIGHT: N_("No run tonight."),
}
RUN_AFTER_WAITING: dict[Scope, Text] = {
    Scope.TODAY: N_("Go for an easy run tomorrow or the day after."),
    Scope.EVENING: N_("Tomorrow your day of waiting is over: an easy run is fine then."),
    Scope.NIGHT: N_("Once you've slept, your day of waiting is over: run easy later today."),
    # The training told for that day starts a wait of its own: the morning asks afresh.
    Scope.TONIGHT: N_("Check in after you've slept: I'll count your latest training then."),
}


# Rules 3 and 4 hold the day after the workout alone: checked in at that day's end (from 17:00,
# or after midnight for it), the night ends them, and the day after goes by the legs, as the
# next check-in finds them (after a rest or cross-training only pain or hard walking restrict
# it). Not said under Scope.TONIGHT: the training of that day decides the day after then.
OVERREACH_REST_ENDS = N_(
    "Your rest day ends with the night: after that, it goes by how your legs feel when you next "
    "check in."
)
RACE_BREAK_ENDS = N_(
    "Your day without running ends with the night: after that, it goes by how your legs feel "
    "when you next check in."
)
ENDS_WITH_THE_NIGHT = frozenset({Scope.EVENING, Scope.NIGHT})
# Rule 4 told after midnight (00:00-03:59, for the day after the race): its 15-20 minutes of
# cross-training are that day's, which is over by then, and in the small hours the rest of the
# night is for sleep; "cross-training tonight" at 00:30 read as an order to get on the bike. The
# day after goes by the legs at the next check-in (RACE_BREAK_ENDS), as in the evening.
RACE_NIGHT_HEADLINE = N_("😴 No run tonight, and it's too late for cross-training: sleep now.")
RACE_NIGHT_WHY = N_(
    "The 15-20 easy minutes of cycling or pool running that help the day after a long run or "
    "race are for the daytime, and that day is over: in the small hours, sleep does more for "
    "tired legs than any session."
)
RACE_NIGHT_STEP = N_("No run and no cross-training now; get some sleep.")


def _pain(scope: Scope) -> Advice:
    return Advice(
        1,
        Verdict.PAIN_REST,
        _("🛑 No running today: rest."),
        _(
            "A sharp pain or an aching joint is a warning sign, not the usual tiredness after "
            "training, so it calls for rest."
        ),
        (
            str(SKIP_RUNNING[scope]),
            _("Only move in ways that don't hurt."),
            _("If it hasn't eased in a few days, get it checked by a doctor or physio."),
        ),
    )


def _hard_to_walk() -> Advice:
    # Rule 2 of shared/recovery-rules.md rules out cardio yet allows a few minutes in the pool,
    # on a bike or with a foam roller: the cardio ruled out is a workout, the minutes only
    # loosen, and the texts say so, or they would read as a contradiction.
    return Advice(
        2,
        Verdict.STRENGTH_MOBILITY,
        _("🧘 No running or cardio workout today: strength and mobility instead."),
        _(
            "When even walking is a struggle, your muscles are very tight, and that is exactly "
            "when a run can tear something."
        ),
        (
            _(
                "No running and no cardio workout, not even a light one. Leave static stretches "
                "out too."
            ),
            _(
                "Do a gentle strength routine, then a mobility routine that eases the tight spots "
                "without forcing them."
            ),
            _(
                "Just to loosen up, a few calm minutes of easy swimming, pedalling or foam rolling "
                "are fine: that is not a workout."
            ),
        ),
    )


def _overreached(scope: Scope) -> Advice:
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
            str(REST_WALK[scope]),
            *((str(OVERREACH_REST_ENDS),) if scope in ENDS_WITH_THE_NIGHT else ()),
            _(
                "To avoid a repeat, grow your base first (strength, endurance and core work) and "
                "only then go for big efforts."
            ),
        ),
    )


def _long_race(profile: Profile, scope: Scope) -> Advice:
    why = _(
        "Gentle cycling or pool running gets blood moving through tired legs, which speeds up "
        "recovery, and spares them the pounding of the road."
    )
    if profile.new_runner:
        why = f"{why} {NEW_RUNNER_GAIN}"
    return Advice(
        4,
        Verdict.CROSS_TRAIN,
        _("🚴 No run today: 15-20 minutes of no-impact cross-training."),
        why,
        (
            _("Choose pool running or an easy bike ride."),
            _("Keep going for 15-20 minutes, slow enough to stay comfortable throughout."),
            *((str(RACE_BREAK_ENDS),) if scope in ENDS_WITH_THE_NIGHT else ()),
        ),
    )


def _muscle_first(scope: Scope) -> Advice:
    return Advice(
        5,
        Verdict.WAIT_A_DAY,
        # A choice for the user's goal, not a warning (the band is red only because no run):
        # the headline names the goal, so it never reads like the pain verdict.
        _("⏳ For your muscle gains, hold off on running for at least another day."),
        _(
            "Building muscle is your priority, and cardio right after a strength day holds back "
            "strength and size gains a little (it won't wipe them out)."
        ),
        (
            str(NO_RUN_YET[scope]),
            _("A walk or some light mobility work is fine."),
            str(RUN_AFTER_WAITING[scope]),
        ),
    )


EASY_OR_CROSS_HEADLINE = N_(
    "🚲 Only if you must: a very short, very easy run. Better: cross-train."
)


def _stiff_after_legs() -> Advice:
    return Advice(
        6,
        Verdict.EASY_OR_CROSS,
        str(EASY_OR_CROSS_HEADLINE),
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


def _easy_jog(profile: Profile, walking: Walking) -> Advice:
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
    if walking is Walking.NORMAL:
        # Walking feels normal: no ache to take the edge off, only repair under way. Not "from
        # yesterday": after midnight that names the day after the leg day (DATED_WORKOUT_DRIVERS).
        why = _(
            "Your legs feel fine, but they are still repairing from leg day: gentle running "
            "pushes more blood through them, delivering what they need and flushing out what "
            "they don't, and can keep soreness from setting in."
        )
    else:
        why = _(
            "Gentle running pushes more blood through sore legs, delivering what they need to "
            "repair and flushing out what they don't. Moving also takes the edge off the ache and "
            "can stop more soreness from setting in."
        )
    return Advice(
        7,
        Verdict.EASY_JOG,
        _("🏃 Yes: an easy 15-20 minute jog today."),
        why,
        tuple(steps),
    )


def _as_planned(answers: Answers, scope: Scope) -> Advice:
    if answers.walking in (Walking.A_BIT_SORE, Walking.STIFF_SORE):
        # Each names the walking answer given: "stiff" to someone a bit sore contradicts them.
        if answers.walking is Walking.A_BIT_SORE:
            why = _(
                "Your plan can stand, but legs that are a bit sore need a gentle start: pushing "
                "sore muscles hard is how strains happen."
            )
        else:
            why = _(
                "Your plan can stand, but sore legs need a gentle start: pushing stiff muscles "
                "hard is how strains happen."
            )
        steps: tuple[str, ...] = (
            str(EASY_EFFORT[scope]),
            _("Warm up for longer than usual."),
            _("Ease off if your legs protest."),
        )
        # Sore legs make the band yellow ("go gently"): a bare "train as planned" under it
        # would read as the opposite, so the headline says gently too.
        headline = str(GENTLE_PLAN_HEADLINE)
    else:
        why = _("Your answers give no reason to change your plan.")
        steps = (_("Stick to your plan."), _("Warm up properly before you start."))
        headline = _("✅ Train as planned.")
    return Advice(8, Verdict.AS_PLANNED, headline, why, steps)


# Not a row of shared/recovery-rules.md: its rules are about the day after a workout (rule 7's
# easy jog the day after leg day, rule 4's cross-training the day after a race). Read on the
# evening of the workout itself, they would send the user out again hours after a heavy leg
# day or a race; that evening is for rest, and the day-after advice waits for the night
# (`rests_tonight`). Stored under rule 3's verdict, the rest day, which the history, the export
# and the pushes already know; only pain and legs too sore to walk come first.
SAME_DAY_RULE = 0
SAME_DAY_WHY: dict[Workout, Text] = {
    Workout.LEG_DAY: N_(
        "Your legs have only just begun to repair from your leg day, and working the same tired "
        "muscles again so soon invites strains and tears."
    ),
    Workout.LONG_RACE: N_(
        "Your legs took thousands of impacts only hours ago and have just begun to repair: "
        "tonight is for that, and more training, even without impact, would only add to the "
        "load."
    ),
    Workout.HARD_SESSION: N_(
        "That session went well past what you're used to: your heart and lungs are ready again "
        "long before your muscles, bones, tendons and ligaments, so you may feel fit tonight "
        "while that tissue is still repairing; more training now would only add to the damage."
    ),
    # A light session is still a session: the body adapts between sessions, not during them,
    # and a second one within hours only adds load before the first has been taken in.
    # Not "today": after midnight the check-in's day is yesterday on the user's clock.
    Workout.EASY_RUN: N_(
        "That run was your session for the day: your legs recover between sessions, not during "
        "them, so another one tonight would only add to the load before they've taken in the "
        "first."
    ),
    Workout.OTHER: N_(
        "That training was your session for the day: your body recovers between sessions, not "
        "during them, so another one tonight would only add to the load before it's taken in "
        "the first."
    ),
}
NO_MORE_TRAINING_TONIGHT = N_("No run and no more training tonight; a relaxed walk is fine.")
NO_MORE_TRAINING_HARD_LEGS = N_(
    "No run and no more training tonight: with legs this hard to walk on, keep the evening quiet."
)
# After a light session no rule holds the next day whatever the legs say: it goes by them.
DAY_AFTER_BY_THE_LEGS = N_(
    "What the day after holds goes by how your legs feel then: check in once you've slept."
)
# The day-after advice, said as what comes once the night is over: the next check-in decides it.
DAY_AFTER: dict[Workout, Text] = {
    Workout.EASY_RUN: DAY_AFTER_BY_THE_LEGS,
    Workout.OTHER: DAY_AFTER_BY_THE_LEGS,
    Workout.LEG_DAY: N_(
        "The easy jog that can help after a leg day is for the day after: check in once you've "
        "slept, and I'll see if your legs are up to it."
    ),
    # Rules 4 and 3 hold the next day whatever the legs say; only pain or legs too sore to
    # walk (rules 1 and 2) come before them, so that is all the next check-in could change.
    Workout.LONG_RACE: N_(
        "The day after is for 15-20 minutes of no-impact cross-training, not a run: check in "
        "once you've slept; only pain, or legs too sore to walk, would change that."
    ),
    Workout.HARD_SESSION: N_(
        "The day after is a rest day too, however fresh your legs feel: check in once you've "
        "slept; only pain, or legs too sore to walk, would change that."
    ),
}
DAY_AFTER_MUSCLE_FIRST = N_(
    "For your muscle gains, the day after holds no run either: check in once you've slept, and "
    "I'll tell you when to run."
)
# Every workout but the rest day: whoever trained on the check-in's own day, however lightly,
# has had that day's session (an easy run tonight too would be a second one, and the rules'
# easy jog and cross-training are day-after advice), newcomer of issue 13.
SAME_DAY_WORKOUTS = frozenset(Workout) - {Workout.REST}


def rests_tonight(answers: Answers) -> bool:
    """Was any workout (SAME_DAY_WORKOUTS: a leg day of any intensity, a long run or race, one
    past what the user is used to, an easy run or other training) answered for the check-in's
    own day (Answers.same_day)? Then that evening is for rest (SAME_DAY_RULE), unless pain or
    hard walking say more."""
    return answers.same_day and (answers.past_usual or answers.workout in SAME_DAY_WORKOUTS)


def trained_on_hard_legs(answers: Answers) -> bool:
    """Did the user train on the check-in's own day (`rests_tonight`) against rule 2, with legs
    too sore to walk and no pain: a run, a leg day or a session past what they are used to,
    where rule 2 allows only gentle strength and mobility work? Other training may have been
    the few calm minutes of pedalling or swimming it allows, so it is not held against them."""
    trained = answers.workout is not Workout.OTHER or answers.past_usual
    hard = answers.walking is Walking.HARD and not answers.sharp_pain
    return rests_tonight(answers) and hard and trained


def _rest_tonight(answers: Answers, profile: Profile) -> Advice:
    # An overreach is the weightier reason, as rule 3 comes before rules 4-7.
    workout = Workout.HARD_SESSION if answers.past_usual else answers.workout
    day_after = DAY_AFTER[workout]
    if workout is Workout.LEG_DAY and profile.muscle_priority:
        day_after = DAY_AFTER_MUSCLE_FIRST
    # Legs too sore to walk on (rule 2, the morning's red verdict) were told no cardio, not a
    # walk: the rest tonight says the same.
    rest = (
        NO_MORE_TRAINING_HARD_LEGS if answers.walking is Walking.HARD else NO_MORE_TRAINING_TONIGHT
    )
    return Advice(
        SAME_DAY_RULE,
        Verdict.REST_DAY,
        str(TONIGHT_HEADLINES[Verdict.REST_DAY]),
        str(SAME_DAY_WHY[workout]),
        (str(rest), str(day_after)),
    )


GENTLE_PLAN_HEADLINE = N_("✅ Train as planned, but gently.")
# Rule 6's and rule 8's headlines as each late scope says the time they cover (LATE_HEADLINES),
# as rule 7's do: "✅ Train as planned." at 21:00 left open whether it meant tonight or tomorrow.
EASY_OR_CROSS_LATE: dict[Scope, Text] = {
    Scope.EVENING: N_(
        "🚲 Only if you must, tonight or tomorrow: a very short, very easy run. Better: "
        "cross-train."
    ),
    Scope.NIGHT: N_(
        "🚲 Only if you must, later today: a very short, very easy run. Better: cross-train."
    ),
    Scope.TONIGHT: N_(
        "🚲 Only if you must, tonight: a very short, very easy run. Better: cross-train."
    ),
}
AS_PLANNED_LATE: dict[Scope, Text] = {
    Scope.EVENING: N_("✅ Train as planned, tonight and tomorrow."),
    Scope.NIGHT: N_("✅ Train as planned later today."),
    Scope.TONIGHT: N_("✅ Train as planned tonight."),
}
# Rule 8 on sore legs (GENTLE_PLAN_HEADLINE), by the same scopes.
GENTLE_PLAN_LATE: dict[Scope, Text] = {
    Scope.EVENING: N_("✅ Train as planned, tonight and tomorrow, but gently."),
    Scope.NIGHT: N_("✅ Train as planned later today, but gently."),
    Scope.TONIGHT: N_("✅ Train as planned tonight, but gently."),
}
# The headlines that may stand under the yellow band ("go gently"): each says the run goes
# ahead only gently, so band and headline never read as a contradiction; no other band shows
# them (tests/advice/test_advice_rules.py checks every answer set in every language).
GENTLE_HEADLINES: tuple[Text, ...] = (
    EASY_OR_CROSS_HEADLINE,
    GENTLE_PLAN_HEADLINE,
    *EASY_OR_CROSS_LATE.values(),
    *GENTLE_PLAN_LATE.values(),
)


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


def drivers_of(
    rule: int, answers: Answers, profile: Profile, workout_day: date | None = None
) -> tuple[str, ...]:
    """Only the answers the winning rule looked at, so the reason reads as the real one.
    `workout_day`: the local day of the workout answered, to name it by its date
    (DATED_WORKOUT_DRIVERS); None names it "yesterday"."""
    workout = str(WORKOUT_DRIVERS[answers.workout])
    if workout_day is not None:
        workout = DATED_WORKOUT_DRIVERS[answers.workout].format(day=format_day(workout_day))
    elif answers.same_day:
        workout = str(TODAY_WORKOUT_DRIVERS[answers.workout])
    if answers.also is not None:
        pair = {
            "first": str(WORKOUT_NOUNS[answers.workout]),
            "second": str(WORKOUT_NOUNS[answers.also]),
        }
        if workout_day is not None:
            workout = TWO_WORKOUTS_DATED_DRIVER.format(day=format_day(workout_day), **pair)
        elif answers.same_day:
            workout = TWO_WORKOUTS_TODAY_DRIVER.format(**pair)
        else:
            workout = TWO_WORKOUTS_DRIVER.format(**pair)
    if answers.leg_day_before_rest and rule in LEG_DAY_RULES:
        # The leg day decided it, not yesterday's rest: named as the day it was.
        workout = str(LEG_DAY_BEFORE_REST_DRIVER)
        if workout_day is not None:
            leg_day = workout_day - timedelta(days=1)
            workout = DATED_WORKOUT_DRIVERS[Workout.LEG_DAY].format(day=format_day(leg_day))
    walking = str(WALKING_DRIVERS[answers.walking])
    # A leg day gone past what the user is used to says so; "much harder than usual" already
    # does by its own words.
    overreach = () if answers.workout is Workout.HARD_SESSION else (str(OVERREACH_DRIVER),)
    match rule:
        case 1:
            return (str(PAIN_DRIVER),)
        case 2:
            return (walking,)
        case 3 if answers.past_usual:
            return (workout, *overreach)
        case 0:
            told = (workout, *overreach) if answers.past_usual else (workout,)
            # Walking has no say in a rest after training only hours ago, unless the legs are
            # too sore to walk: then they are why there is no strength and mobility routine
            # either (rule 2, `_first_match`).
            return (*told, walking) if answers.walking is Walking.HARD else told
        case 4:
            return (workout, str(NEW_RUNNER_DRIVER)) if profile.new_runner else (workout,)
        case 5:
            return (workout, str(MUSCLE_DRIVER))
        case _:
            return (workout, walking)


# Soreness from a leg day peaks one to three days after it (DOMS, shared/recovery-rules.md,
# PEAK_NOTE): a leg day yesterday is the check-in's own answer; one two or three days ago only
# the stored record knows.
RECENT_LEG_DAYS = range(2, 4)
# Yesterday's workouts too light to make legs sore by themselves: after these, a recent leg day
# is the likely cause. After a race or a hard session, yesterday may well be the cause.
LIGHT_WORKOUTS = frozenset({Workout.EASY_RUN, Workout.OTHER, Workout.REST})
LEG_DAY_CAUSE = Np_(
    "Your leg day {days} day ago is the likely cause: soreness often peaks one to three days "
    "later.",
    "Your leg day {days} days ago is the likely cause: soreness often peaks one to three days "
    "later.",
)
# The same by the leg day's date {day}, where the workout is (DATED_WORKOUT_DRIVERS): "days ago"
# counts from the day the check-in counts for, which is then not today on the user's clock.
DATED_LEG_DAY_CAUSE = N_(
    "Your leg day on {day} is the likely cause: soreness often peaks one to three days later."
)


# The rules that go by a leg day the day before and by the walking answer (6: stiff and sore,
# 7: normal or a bit sore), which a leg day two days back still decides
# (Answers.leg_day_before_rest).
LEG_DAY_RULES = frozenset({6, 7})
LEG_DAY_VERDICTS = frozenset({Verdict.EASY_OR_CROSS, Verdict.EASY_JOG})
LEG_DAY_BEFORE_REST_DAYS = 2


def carries_leg_day(answers: Answers, leg_day_days_ago: int | None, evening: bool) -> bool:
    """Does the leg day `leg_day_days_ago` days before the check-in's day still decide it
    (Answers.leg_day_before_rest): two days back, a rest day yesterday, and a check-in before
    the evening? An evening's verdict covers the next day too, three days after that leg day,
    where the soreness is past its usual peak and no longer the leg day's to answer for
    (shared/recovery-rules.md rules 6 and 7 are about the day after; DOMS peaks 24-72 h)."""
    return (
        not evening
        and answers.workout is Workout.REST
        and leg_day_days_ago == LEG_DAY_BEFORE_REST_DAYS
    )


def recent_leg_day(days_ago: int | None) -> bool:
    """Was the last leg day two or three days ago (`days_ago`: days before today, or None)?"""
    return days_ago in RECENT_LEG_DAYS


def names_recent_leg_day(answers: Answers) -> bool:
    """Would a leg day two or three days ago be named as the cause under these answers: legs
    sore after a light day, and no pain (pain is no soreness). The caller looks up the record
    only then."""
    return (
        answers.workout in LIGHT_WORKOUTS
        and answers.walking is not Walking.NORMAL
        and not answers.sharp_pain
    )


def advise(
    answers: Answers,
    profile: Profile,
    evening: bool = False,
    leg_day_days_ago: int | None = None,
    after_midnight: bool = False,
    workout_day: date | None = None,
    trained_that_day: bool = False,
    *,
    tonight_only: bool = False,
) -> Advice:
    """The advice of the first rule that matches, with its band, drivers, what would change it and
    its notes. `evening`: checked in late, so the advice covers the rest of today and all of
    tomorrow until the next check-in (conversations.coach.timing.covers_next_day), or tonight
    only where its reason ends with the check-in's day (RULES_FOR_TONIGHT).
    `after_midnight`: an evening check-in given 00:00-03:59 (coach.timing.after_midnight), where
    "tomorrow" is ambiguous: its texts say "later today" instead (Scope.NIGHT).
    `workout_day`: the local day of the workout answered (the day before the check-in's day,
    coach.timing.checkin_day), given when "yesterday" on the user's clock is another day: after
    midnight (ValueError without it), or for a verdict shown again on a later day. The drivers
    then name the workout, and the cause a recent leg day, by their dates.
    `trained_that_day`: an evening check-in whose user also trained on the check-in's own day:
    the answers are about yesterday's workout, so the advice covers only tonight (Scope.TONIGHT;
    `covers_the_next_day`), except after pain, which gets a note on that training instead.
    `tonight_only`: an evening check-in that adds the day's training to the day's earlier one
    (conversations.checkin._add_evening), whose walking answer is that earlier one's: tonight
    only whatever was answered, pain too (Scope.TONIGHT; the next morning asks walking again,
    with the pain recalled), and without training that day its note says why (ADDED_NOTE_TONIGHT).
    `leg_day_days_ago`: how many days before today the user's last leg day was, from their stored
    record, or None; two or three add the likely cause of sore legs (`names_recent_leg_day`). It
    never changes the rule: the rules go by yesterday (shared/recovery-rules.md)."""
    scope = Scope.TODAY
    if evening:
        scope = Scope.NIGHT if after_midnight else Scope.EVENING
        if (trained_that_day and not answers.sharp_pain) or tonight_only:
            # Pain is no soreness the night will tell more of: its rest covers tomorrow too,
            # as the question after the pain answer said (covers_the_next_day). Not so when
            # the pain was told earlier that day: the next morning asks, and recalls it.
            scope = Scope.TONIGHT
    if scope is Scope.NIGHT and workout_day is None:
        raise ValueError("a check-in after midnight needs the day of its workout")
    advice = _first_match(answers, profile, scope)
    cause = ""
    carried = answers.leg_day_before_rest and advice.rule in LEG_DAY_RULES
    # Carried, the leg day is the verdict's own reason (`drivers_of`), not a cause beside it.
    if names_recent_leg_day(answers) and recent_leg_day(leg_day_days_ago) and not carried:
        assert leg_day_days_ago is not None
        cause = LEG_DAY_CAUSE.format(leg_day_days_ago, days=leg_day_days_ago)
        if workout_day is not None:
            # leg_day_days_ago counts from the check-in's day, the day after the workout
            leg_day = workout_day + timedelta(days=1 - leg_day_days_ago)
            cause = DATED_LEG_DAY_CAUSE.format(day=format_day(leg_day))
    notes: list[str] = []
    if scope is not Scope.TODAY:
        ends_tonight = advice.rule in RULES_FOR_TONIGHT
        late_headline = (TONIGHT_HEADLINES if ends_tonight else LATE_HEADLINES[scope]).get(
            advice.verdict
        )
        if advice.verdict is Verdict.AS_PLANNED and answers.walking in SORE:
            late_headline = GENTLE_PLAN_LATE[scope]  # gently, as its yellow band says
        if advice.rule == SAME_DAY_RULE:
            late_headline = None  # it says "tonight" already, and never covers tomorrow
        if late_headline is not None:
            advice = replace(advice, headline=str(late_headline))
        late_notes = TONIGHT_NOTES if ends_tonight else LATE_NOTES
        note = late_notes[scope]
        if tonight_only and not trained_that_day:
            note = ADDED_NOTE_TONIGHT  # no training told: the walking answer is the reason
        if advice.rule != SAME_DAY_RULE:
            # A rest tonight says what the day after holds in its own steps (DAY_AFTER): "this
            # goes for tonight only" beside "the day after is a rest day too" read as a denial.
            notes.append(str(note))
        if tonight_only and trained_on_hard_legs(answers):
            # The walking answer is that of the day's earlier check-in, told before this
            # training: the rest tonight alone would not say they trained against it.
            notes.append(str(TRAINED_ON_HARD_LEGS_NOTE))
        if trained_that_day and answers.sharp_pain:
            # The pain's rest covers tomorrow whatever was trained (above); the training may
            # have caused the pain or worsened it, which the rest alone does not speak to.
            if workout_day is None:
                notes.append(str(TRAINED_WITH_PAIN_NOTE))
            else:
                # After midnight "today" names another day than the check-in's, which is that
                # of the workout when it was the day's own (Answers.same_day).
                checkin_day = workout_day + timedelta(days=0 if answers.same_day else 1)
                notes.append(TRAINED_WITH_PAIN_DATED_NOTE.format(day=format_day(checkin_day)))
    if after_midnight and scope is not Scope.TODAY and advice.rule == 4:
        advice = replace(
            advice,
            headline=str(RACE_NIGHT_HEADLINE),
            why=str(RACE_NIGHT_WHY),
            steps=(str(RACE_NIGHT_STEP), str(RACE_BREAK_ENDS)),
        )
    change = what_would_change(answers, profile)
    if answers.workout is Workout.LEG_DAY and answers.leg_intensity is LegIntensity.HEAVY:
        # "Tomorrow" names no day once the verdict is for tonight only: "when you wake up".
        waking = scope in (Scope.NIGHT, Scope.TONIGHT)
        # Beside "tomorrow, if your legs feel no worse → ..." (CHANGE_TIME_LINES) the peak is
        # that line's other side, said as such: "may feel worse" alone read as its denial.
        peak_notes = PEAK_NOTES_BESIDE_CHANGE if change.same_legs else PEAK_NOTES
        notes.append(str(peak_notes[waking]))
    return replace(
        advice,
        band=band_of(advice.verdict, answers.walking),
        drivers=drivers_of(advice.rule, answers, profile, workout_day),
        change=describe_change(change, scope),
        notes=tuple(notes),
        cause=cause,
        scope=scope,
        dated=workout_day is not None,
        # Trained against the morning's verdict, the rest is no "done" to tick off.
        done_for_today=advice.rule == SAME_DAY_RULE
        and not (tonight_only and trained_on_hard_legs(answers)),
    )


EVENING_NOTE = N_("🌙 A late check-in: this goes for the rest of today and tomorrow.")
NIGHT_NOTE = N_("🌙 Past midnight: this goes for the rest of the night and later today.")
# Told that day's training too: what the user feels tomorrow depends on it, so the morning asks.
TRAINED_TODAY_NOTE = N_(
    "🌙 This goes for tonight only: your legs have that training to recover from too, so I'll "
    "ask how they feel after you've slept."
)
# Added to a check-in given earlier that day, with no training that day: the walking answer is
# that check-in's (of the morning or afternoon; after midnight no longer "today"), so the
# verdict goes for tonight only and the next morning asks again (`advise`, tonight_only).
ADDED_NOTE_TONIGHT = N_(
    "🌙 This goes for tonight only: you told me how walking felt when you checked in earlier, "
    "so I'll ask again after you've slept."
)
# Pain told in the evening of a day the user trained too: whether that training brought it on or
# made it worse is what the pain verdict's rest alone leaves unsaid. {day}: the check-in's day,
# after midnight ('Tue 8 Dec').
TRAINED_WITH_PAIN_NOTE = N_(
    "⚠️ You trained today: if this pain came with that training or has got worse since, have "
    "it checked by a doctor or physio before you run again."
)
# Training told in the evening's addition to a day whose earlier check-in found walking hard
# (rule 2: no running, no cardio workout, only gentle strength and mobility work): that evening
# rests (`rests_tonight`), and this says what the rest alone leaves unsaid. No day named: after
# midnight "today" would name another.
TRAINED_ON_HARD_LEGS_NOTE = N_(
    "⚠️ You trained on legs that were hard to walk on when you checked in earlier: muscles "
    "that tight tear easily, so if a spot hurts sharply or swells, have it checked by a doctor "
    "or physio before you run again."
)
TRAINED_WITH_PAIN_DATED_NOTE = N_(
    "⚠️ You trained on {day}: if this pain came with that training or has got worse since, "
    "have it checked by a doctor or physio before you run again."
)
LATE_NOTES = {
    Scope.EVENING: EVENING_NOTE,
    Scope.NIGHT: NIGHT_NOTE,
    Scope.TONIGHT: TRAINED_TODAY_NOTE,
}
# Rules whose reason ends with the night: they go by yesterday's workout alone, and a late check-in
# comes at that day's end. Rule 3 makes the day after an overreach a rest day, rule 4 the day
# after a long run or race a day of no-impact training, rule 5 waits one day after the leg day
# (shared/recovery-rules.md). Carried into the next day, two days after the workout, "no run
# tomorrow" would keep the user from a run the rules allow then; so the next day asks for its
# own check-in. Pain and hard walking (rules 1 and 2) go by the legs, which the night may not
# mend: they cover the next day.
RULES_FOR_TONIGHT = frozenset({3, 4, 5})
# Their verdicts, where a stored check-in's rule is not known: only rule 3's rest day is another
# rule's too (SAME_DAY_RULE's, which goes for tonight only as well).
VERDICTS_FOR_TONIGHT = frozenset({Verdict.REST_DAY, Verdict.CROSS_TRAIN, Verdict.WAIT_A_DAY})
TONIGHT_NOTES = {
    Scope.EVENING: N_("🌙 A late check-in: this goes for tonight. Check in again tomorrow."),
    Scope.NIGHT: N_(
        "🌙 Past midnight: this goes for the rest of the night. Check in again after you've slept."
    ),
    Scope.TONIGHT: TRAINED_TODAY_NOTE,
}


def covers_the_next_day(
    verdict: str, workout_that_day: str | None = None, rule: int | None = None
) -> bool:
    """Does a late check-in with this stored verdict cover the next day too (see
    coach.timing.covers_next_day for the hours)? Not when it went for that evening only
    (`for_tonight_only`): from one of RULES_FOR_TONIGHT (`rule`, CheckIn.rule; None: not known,
    then by the verdict, VERDICTS_FOR_TONIGHT), or when the user trained on the check-in's own
    day (`workout_that_day`, a Workout value; None: not asked): the verdict went by the workout
    of the day before, and the next morning asks how the legs took the new one
    (Scope.TONIGHT). A pain verdict covers it whatever was trained: pain is not soreness the
    night tells more of (rule 1, shared/recovery-rules.md)."""
    if verdict == Verdict.PAIN_REST:
        return True
    if rule is None and verdict in VERDICTS_FOR_TONIGHT:
        return False
    return not for_tonight_only(True, workout_that_day, rule)


# Soreness after hard strength work usually peaks one to three days later (DOMS), see
# shared/recovery-rules.md; the next morning's push asks about it first.
PEAK_NOTE = N_(
    "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so "
    "tomorrow may feel worse than today."
)
NIGHT_PEAK_NOTE = N_(
    "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so your "
    "legs may feel worse when you wake up than they do now."
)
# By whether the verdict's next check-in comes after a night's sleep (Scope.NIGHT, TONIGHT).
PEAK_NOTES: dict[bool, Text] = {False: PEAK_NOTE, True: NIGHT_PEAK_NOTE}
# The same beside a change line that only the day passing would bring ("tomorrow, if your legs
# feel no worse → as planned", CHANGE_TIME_LINES): the peak is that line's other side.
PEAK_NOTES_BESIDE_CHANGE: dict[bool, Text] = {
    False: N_(
        "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so "
        "tomorrow may feel worse than today; if it does, tomorrow's check-in will suggest what "
        "fits then."
    ),
    True: N_(
        "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so your "
        "legs may feel worse when you wake up than they do now; if they do, your next check-in "
        "will suggest what fits then."
    ),
}
# The headlines that name "today", as they read in the evening; RULES_FOR_TONIGHT take those of
# TONIGHT_HEADLINES, as their verdict goes for tonight only.
EVENING_HEADLINES: dict[Verdict, Text] = {
    Verdict.PAIN_REST: N_("🛑 No running tonight or tomorrow: rest."),
    Verdict.STRENGTH_MOBILITY: N_(
        "🧘 No running or cardio workout tonight or tomorrow: strength and mobility instead."
    ),
    Verdict.EASY_JOG: N_("🏃 Yes: an easy 15-20 minute jog, tonight or tomorrow."),
    Verdict.EASY_OR_CROSS: EASY_OR_CROSS_LATE[Scope.EVENING],
    Verdict.AS_PLANNED: AS_PLANNED_LATE[Scope.EVENING],
}
# The same after midnight: "tomorrow" could then mean either day.
NIGHT_HEADLINES: dict[Verdict, Text] = {
    Verdict.PAIN_REST: N_("🛑 No running tonight or later today: rest."),
    Verdict.STRENGTH_MOBILITY: N_(
        "🧘 No running or cardio workout tonight or later today: strength and mobility instead."
    ),
    Verdict.EASY_JOG: N_("🏃 Yes: an easy 15-20 minute jog later today."),
    Verdict.EASY_OR_CROSS: EASY_OR_CROSS_LATE[Scope.NIGHT],
    Verdict.AS_PLANNED: AS_PLANNED_LATE[Scope.NIGHT],
}
# The same for a verdict that goes for tonight only (Scope.TONIGHT, and RULES_FOR_TONIGHT in
# every late scope).
TONIGHT_HEADLINES: dict[Verdict, Text] = {
    Verdict.PAIN_REST: N_("🛑 No running tonight: rest."),
    Verdict.STRENGTH_MOBILITY: N_(
        "🧘 No running or cardio workout tonight: strength and mobility instead."
    ),
    Verdict.REST_DAY: N_("😴 Rest tonight."),
    Verdict.CROSS_TRAIN: N_("🚴 No run tonight: 15-20 minutes of no-impact cross-training."),
    Verdict.EASY_JOG: N_("🏃 Yes: an easy 15-20 minute jog tonight."),
    Verdict.WAIT_A_DAY: N_("⏳ No run tonight: your day of waiting isn't over yet."),
    Verdict.EASY_OR_CROSS: EASY_OR_CROSS_LATE[Scope.TONIGHT],
    Verdict.AS_PLANNED: AS_PLANNED_LATE[Scope.TONIGHT],
}
LATE_HEADLINES = {
    Scope.EVENING: EVENING_HEADLINES,
    Scope.NIGHT: NIGHT_HEADLINES,
    Scope.TONIGHT: TONIGHT_HEADLINES,
}


# How restrictive each verdict is, most restrictive first: what "better news" means to the
# "what would change it" line (a user reads it as "what would let me do more"). Ordered by band
# first (red: no run; yellow: only gently; green: run), then, within a band, by the first-match
# order of shared/recovery-rules.md, which puts the weightier reason first (pain, then legs too
# sore to walk, then overreach, a race, the muscle goal), so a later rule is the lighter
# restriction: after "much harder than usual", hard walking (rule 2) is worse news than the rest
# day (rule 3), never a way to earn more training. Rule 8's plan is yellow on sore legs and
# green on fresh ones, so it stands twice. tests/advice/test_what_would_change.py checks that
# every verdict and band advise() gives is here once, in this order.
RESTRICTIVENESS: tuple[tuple[Verdict, Band], ...] = (
    (Verdict.PAIN_REST, Band.RED),
    (Verdict.STRENGTH_MOBILITY, Band.RED),
    (Verdict.REST_DAY, Band.RED),
    (Verdict.CROSS_TRAIN, Band.RED),
    (Verdict.WAIT_A_DAY, Band.RED),
    (Verdict.EASY_OR_CROSS, Band.YELLOW),
    (Verdict.AS_PLANNED, Band.YELLOW),
    (Verdict.EASY_JOG, Band.GREEN),
    (Verdict.AS_PLANNED, Band.GREEN),
)


def less_restrictive(verdict: Verdict, band: Band, than: tuple[Verdict, Band]) -> bool:
    """Is `verdict` under `band` better news than `than` (see RESTRICTIVENESS)?"""
    return RESTRICTIVENESS.index((verdict, band)) > RESTRICTIVENESS.index(than)


@dataclass(frozen=True)
class Change:
    """One answer changed: `field` of Answers ("walking", "sharp_pain"), its new value, the
    verdict the rules give then, and the whole `answers` that give it (with `that_day`: the
    same change made to the answers of the check-in's own day, whose verdict the stricter of
    the two is, see `combined_change`). `tomorrow`: the answer is one of the next check-in's,
    about the day this verdict covers (`tomorrows_answers`), not another answer today;
    `same_legs`: that answer is the walking the user already gave, so only the day passing
    would change the verdict (CHANGE_TIME_LINES); `or_better`: easier walking gives the same
    verdict too, so the line names the hardest that still does as a limit ("walking no worse
    than a bit sore", WALKING_LIMITS); `pain_gone`: the check-in told of pain, which the next
    check-in's answers are without, so the line names its going too (NO_PAIN_AND)."""

    field: str
    value: Walking | bool
    verdict: Verdict
    answers: Answers
    tomorrow: bool = False
    that_day: Answers | None = None
    same_legs: bool = False
    or_better: bool = False
    pain_gone: bool = False


WALKING_ORDER = (Walking.NORMAL, Walking.A_BIT_SORE, Walking.STIFF_SORE, Walking.HARD)
CHANGE_LINE = N_("🔁 What would change it: {condition} → {verdict}")
# The next check-in's answer, said as each scope names that check-in: in the evening the verdict
# already covers tomorrow until tomorrow's check-in (coach.timing.covers_next_day), and after
# midnight "tomorrow" could mean either day (Scope.NIGHT).
CHANGE_TOMORROW_LINES: dict[Scope, Text] = {
    Scope.TODAY: N_("🔁 What would change it: {condition} tomorrow → {verdict}"),
    Scope.EVENING: N_("🔁 What would change it: {condition} at tomorrow's check-in → {verdict}"),
    Scope.NIGHT: N_("🔁 What would change it: {condition} once you've slept → {verdict}"),
    # Tonight only: the next check-in is the morning's, which asks afresh (TRAINED_TODAY_NOTE).
    Scope.TONIGHT: N_("🔁 What would change it: {condition} once you've slept → {verdict}"),
}
# Only the day passing would change it: the next check-in's walking that lifts the verdict is
# the one the user already gave, and naming it ("walking normally tomorrow" to someone who just
# answered "Normal") would read as if their answer were something else.
CHANGE_TIME_LINES: dict[Scope, Text] = {
    Scope.TODAY: N_("🔁 What would change it: tomorrow, if your legs feel no worse → {verdict}"),
    Scope.EVENING: N_(
        "🔁 What would change it: at tomorrow's check-in, if your legs feel no worse → {verdict}"
    ),
    Scope.NIGHT: N_(
        "🔁 What would change it: once you've slept, if your legs feel no worse → {verdict}"
    ),
    Scope.TONIGHT: N_(
        "🔁 What would change it: once you've slept, if your legs feel no worse → {verdict}"
    ),
}
# The next check-in's walking as a limit, where easier walking gives the same verdict too:
# "walking normally → easy jog" to someone whose "a bit sore" would do as well reads as if
# only fresh legs would (issue 13). Normal walking is no limit: nothing is easier.
WALKING_LIMITS: dict[Walking, Text] = {
    Walking.A_BIT_SORE: N_("walking no worse than a bit sore"),
    Walking.STIFF_SORE: N_("walking no worse than stiff and sore"),
}
NO_PAIN = N_("no sharp or joint pain")
# The next check-in's walking after a check-in with pain: walking alone would lift nothing while
# the pain stays (rule 1 comes first), so the line names its going too. {walking}: a walking
# condition ("walking normally", WALKING_DRIVERS; "walking no worse than a bit sore",
# WALKING_LIMITS).
NO_PAIN_AND = N_("no sharp or joint pain and {walking}")
# The same where only the day passing would lift the verdict (CHANGE_TIME_LINES).
CHANGE_TIME_PAIN_LINES: dict[Scope, Text] = {
    Scope.TODAY: N_(
        "🔁 What would change it: tomorrow, if the pain has gone and your legs feel no worse "
        "→ {verdict}"
    ),
    Scope.EVENING: N_(
        "🔁 What would change it: at tomorrow's check-in, if the pain has gone and your legs "
        "feel no worse → {verdict}"
    ),
    Scope.NIGHT: N_(
        "🔁 What would change it: once you've slept, if the pain has gone and your legs feel no "
        "worse → {verdict}"
    ),
    Scope.TONIGHT: N_(
        "🔁 What would change it: once you've slept, if the pain has gone and your legs feel no "
        "worse → {verdict}"
    ),
}
# Rule 5's verdict named in a change line by when the run comes back, as its steps say it
# (RUN_AFTER_WAITING): "→ wait a day" would name news that still means no run today, and
# reads as no change at all. Only another of today's answers leads to it: a next check-in whose
# best news is another day of waiting is named by no line (`_nearest_change`).
RUN_AFTER_WAITING_NAMES: dict[Scope, Text] = {
    Scope.TODAY: N_("an easy run tomorrow"),
    Scope.EVENING: N_("an easy run tomorrow"),
    Scope.NIGHT: N_("an easy run once you've slept"),
    Scope.TONIGHT: N_("an easy run once you've slept"),
}
# What the user does on the day a verdict covers, as they would answer "your main workout
# yesterday?" at the next check-in: the verdict followed. Strength and mobility work and
# cross-training are other training (not legs: the routine loosens, it is no leg day).
FOLLOWED: dict[Verdict, Workout] = {
    Verdict.PAIN_REST: Workout.REST,
    Verdict.STRENGTH_MOBILITY: Workout.OTHER,
    Verdict.REST_DAY: Workout.REST,
    Verdict.CROSS_TRAIN: Workout.OTHER,
    Verdict.WAIT_A_DAY: Workout.REST,
    Verdict.EASY_OR_CROSS: Workout.OTHER,
    Verdict.EASY_JOG: Workout.EASY_RUN,
}


def neighbours(answers: Answers) -> list[tuple[str, Walking | bool]]:
    """The answers to try, in order: first those that would be better news (the pain gone,
    walking easier by one step, then two, then three), then those that would be worse (walking
    harder by one step, two, three, and last pain appearing, which turns any verdict that isn't
    about pain into rule 1)."""
    here = WALKING_ORDER.index(answers.walking)
    better: list[tuple[str, Walking | bool]] = []
    if answers.sharp_pain:
        better.append(("sharp_pain", False))
    # Never the overreach: like the workout, it is yesterday's and told by the user, so "a
    # session within what you're used to" would only deny their words (the rest it brings lifts
    # with the day it covers: `tomorrows_answers`).
    better += [("walking", WALKING_ORDER[index]) for index in range(here - 1, -1, -1)]
    worse: list[tuple[str, Walking | bool]] = [
        ("walking", WALKING_ORDER[index]) for index in range(here + 1, len(WALKING_ORDER))
    ]
    if not answers.sharp_pain:
        worse.append(("sharp_pain", True))
    return better + worse


def changed(answers: Answers, field: str, value: Walking | bool) -> Answers:
    """The answers with one of them changed, as `neighbours` names it."""
    if field == "walking":
        assert isinstance(value, Walking)
        return replace(answers, walking=value)
    assert isinstance(value, bool) and field == "sharp_pain"
    return replace(answers, sharp_pain=value)


def tomorrows_answers(verdict: Verdict, walking: Walking) -> Answers | None:
    """The next check-in's answers after a day that followed `verdict` (FOLLOWED), with
    `walking` then and no pain; None after the plan, which the rules know nothing of."""
    workout = FOLLOWED.get(verdict)
    if workout is None:
        return None
    return Answers(workout, walking, overreached=False, sharp_pain=False)


def shown_by(answers: Answers, profile: Profile) -> tuple[Verdict, Band]:
    """The verdict the rules give these answers, with its band."""
    verdict = _first_match(answers, profile).verdict
    return verdict, band_of(verdict, answers.walking)


def that_day_decides(yesterdays: tuple[Verdict, Band], that_days: tuple[Verdict, Band]) -> bool:
    """Does the verdict for the answers with the check-in's own day's workout (an evening's
    "did you train today too?") decide that evening, over the one for yesterday's? So it does
    when it is the stricter (RESTRICTIVENESS; on a tie, yesterday's decides), and when it is
    the rest tonight after that training (`rests_tonight`) where yesterday's is rule 2's
    strength and mobility routine: legs too sore to walk are told either way, but the routine
    is the day after's answer to them, and after training that day it would be more training
    still (a newcomer's half marathon on a hard-to-walk day got the routine that evening)."""
    if yesterdays[0] is Verdict.STRENGTH_MOBILITY and that_days[0] is Verdict.REST_DAY:
        return True
    return less_restrictive(*yesterdays, that_days)


def what_would_change(answers: Answers, profile: Profile) -> Change:
    """The answer that would change the verdict, worked out from the rules themselves so it stays
    true when they change; a change is another verdict, or the same one under another band
    (rule 8's plan, green on fresh legs, yellow on sore ones). In order of preference:
    1. the nearest of today's answers (`neighbours`) that gives better news (RESTRICTIVENESS);
    2. on a day that isn't green, when none does, the next check-in's walking answer that gives
       better news after a day that followed this verdict (`tomorrows_answers`): a rest day, a
       race or building muscle first lift with time, not with another answer. The news is the
       best (tried from the easiest walking), named under the hardest walking that still gives
       it (`or_better`: easier walking would too), or as the day passing alone (`same_legs`:
       that walking is the one given);
    3. else the nearest of today's answers that changes the verdict at all (a green day hears
       what would hold it back).
    Every verdict has one: pain, tried last, turns any other verdict into rule 1, and without
    pain rule 1 cannot hold."""
    verdict = _first_match(answers, profile).verdict

    def tomorrow(walking: Walking) -> Answers | None:
        if rests_tonight(answers):
            # The next check-in takes the day's own workout as its yesterday's.
            return replace(answers, walking=walking, sharp_pain=False, same_day=False)
        return tomorrows_answers(verdict, walking)

    change = _nearest_change(answers, None, profile, tomorrow)
    if change is None:  # pragma: no cover - see docstring
        raise AssertionError(f"no answer changes {verdict}")
    return change


def combined_change(answers: Answers, that_day: Answers, profile: Profile) -> Change | None:
    """What would change an evening verdict that weighs the check-in's own day too ("did you
    train today too?"): the stricter of the verdicts for yesterday's `answers` and for
    `that_day`'s (the same answers with that day's workout), so each answer tried is tried on
    both and judged by the stricter of the two, as the verdict is. Preferred as in
    `what_would_change`; the next check-in's answers are those of the morning after, which
    takes that day's workout as its "yesterday" (verdicts.told_last_night). None when a day
    that isn't green has no better news to name: no line then, rather than worse news."""
    return _nearest_change(
        answers,
        that_day,
        profile,
        lambda walking: replace(that_day, walking=walking, sharp_pain=False, same_day=False),
    )


# Two ways of saying "rest": pain gone, a rest day for another reason is no better news to name.
RESTS = frozenset({Verdict.PAIN_REST, Verdict.REST_DAY})


def _nearest_change(
    answers: Answers,
    that_day: Answers | None,
    profile: Profile,
    tomorrow: Callable[[Walking], Answers | None],
) -> Change | None:
    """See `what_would_change` and `combined_change`."""

    def judged(mine: Answers, theirs: Answers | None) -> tuple[Verdict, Band]:
        yesterdays = shown_by(mine, profile)
        if theirs is None:
            return yesterdays
        that_days = shown_by(theirs, profile)
        return that_days if that_day_decides(yesterdays, that_days) else yesterdays

    shown = judged(answers, that_day)
    tried = neighbours(answers)
    if that_day is not None:
        tried += [each for each in neighbours(that_day) if each not in tried]
    others: list[Change] = []
    for field, value in tried:
        other_answers = changed(answers, field, value)
        other_that_day = None if that_day is None else changed(that_day, field, value)
        other = judged(other_answers, other_that_day)
        # A plan kept on sore legs is yellow and named "as planned, gently": to the user it is
        # another verdict than the green plan, so walking that turns one into the other counts.
        if other != shown:
            others.append(Change(field, value, other[0], other_answers, that_day=other_that_day))
            if less_restrictive(*other, shown) and not {other[0], shown[0]} <= RESTS:
                return others[-1]
    if shown[1] is not Band.GREEN:
        for index, walking in enumerate(WALKING_ORDER):
            later = tomorrow(walking)
            if later is None:
                break
            then = shown_by(later, profile)
            if then[0] is Verdict.WAIT_A_DAY:
                # The best news the next check-in can bring is a day of waiting (after a leg
                # day of the check-in's own day, building muscle first): no run that day
                # either, so nothing to name; harder walking would only be worse news.
                break
            if less_restrictive(*then, shown):
                # The best news the next check-in can bring, under the hardest walking that
                # still brings it: harder walking giving the same verdict widens the condition.
                hardest, named = index, later
                for harder in range(index + 1, len(WALKING_ORDER)):
                    also = tomorrow(WALKING_ORDER[harder])
                    if also is None or shown_by(also, profile) != then:
                        break
                    hardest, named = harder, also
                limit = WALKING_ORDER[hardest]
                return Change(
                    "walking",
                    limit,
                    then[0],
                    named,
                    tomorrow=True,
                    same_legs=limit is answers.walking,
                    or_better=hardest > index,
                    pain_gone=bool(answers.sharp_pain),
                )
        return None if that_day is not None else (others[0] if others else None)
    return others[0] if others else None


def describe_change(change: Change, scope: Scope = Scope.TODAY) -> str:
    """'🔁 What would change it: stiff and sore walking → cross-train or easy run', or for the
    next check-in's answer, 'walking normally tomorrow → as planned' as `scope` names that
    check-in (CHANGE_TOMORROW_LINES), as a limit where easier walking would do too ('walking no
    worse than a bit sore once you've slept → easy jog', WALKING_LIMITS), with the pain's
    going where the check-in told of pain ('no sharp or joint pain and walking normally at
    tomorrow's check-in → as planned', NO_PAIN_AND). The verdict is named as it would be shown
    under those answers, rule 5's by when the run comes back (RUN_AFTER_WAITING_NAMES)."""
    if change.field == "walking":
        assert isinstance(change.value, Walking)
        limits = WALKING_LIMITS if change.or_better else WALKING_DRIVERS
        condition = str(limits.get(change.value, WALKING_DRIVERS[change.value]))
        if change.pain_gone:
            condition = NO_PAIN_AND.format(walking=condition)
    else:
        condition = str(PAIN_DRIVER if change.value else NO_PAIN)
    if change.verdict is Verdict.WAIT_A_DAY:
        verdict = str(RUN_AFTER_WAITING_NAMES[scope])
    else:
        verdict = verdict_name(change.verdict, change.answers.walking)
    if change.same_legs:
        lines = CHANGE_TIME_PAIN_LINES if change.pain_gone else CHANGE_TIME_LINES
        return lines[scope].format(verdict=verdict)
    line = CHANGE_TOMORROW_LINES[scope] if change.tomorrow else CHANGE_LINE
    return line.format(condition=condition, verdict=verdict)


def _first_match(answers: Answers, profile: Profile, scope: Scope = Scope.TODAY) -> Advice:
    """Safety first: pain, then how the legs feel, then the workout; the first match wins.
    `scope`: the time the steps that name one speak of."""
    leg_day = answers.workout is Workout.LEG_DAY
    # Rules 6 and 7 only: rule 5's day of waiting after the leg day is over (Answers
    # .leg_day_before_rest).
    legs = leg_day or answers.leg_day_before_rest
    if answers.sharp_pain:
        return _pain(scope)
    # Rule 2's routine is the day after's answer to legs too sore to walk: after training that
    # same day it would be more training still, so that evening rests (`rests_tonight`), and the
    # routine waits for the next check-in, if walking is still hard then.
    if rests_tonight(answers):
        return _rest_tonight(answers, profile)
    if answers.walking is Walking.HARD:
        return _hard_to_walk()
    if answers.past_usual:
        return _overreached(scope)
    if answers.workout is Workout.LONG_RACE:
        return _long_race(profile, scope)
    if leg_day and profile.muscle_priority:
        return _muscle_first(scope)
    if legs and answers.walking is Walking.STIFF_SORE:
        return _stiff_after_legs()
    if leg_day and answers.walking in (Walking.NORMAL, Walking.A_BIT_SORE):
        return _easy_jog(profile, answers.walking)
    if legs and answers.walking is Walking.A_BIT_SORE:
        # Two days on, walking normal means the legs are through it: the plan stands (rule 8).
        return _easy_jog(profile, answers.walking)
    return _as_planned(answers, scope)


def render_advice(advice: Advice, record: str | None = None, done: str | None = None) -> str:
    """Plain text, so it reads the same in a chat, a push and the console. `record` is the
    user's own baseline line (conversations.coach.history.describe_baseline), shown after the
    steps and before what would change the verdict. `done`: what the user already did today
    (conversations.activities.done_today), right under the verdict it qualifies."""
    steps = "\n".join(f"• {step}" for step in advice.steps)
    what_to_do = _("What to do:")
    parts = [render_band(advice), advice.headline]
    if advice.cause:
        parts.append(advice.cause)  # right under the verdict: it explains the legs it is for
    if done:
        parts.append(done)
    parts += [advice.why, f"{what_to_do}\n{steps}"]
    if record:
        parts.append(record)
    if advice.change:
        parts.append(advice.change)
    parts.extend(advice.notes)
    return "\n\n".join(parts)


def render_band(advice: Advice) -> str:
    """'🟢 Green: good to go' and, below it, what drove it in a few words; a rest tonight after
    training that same day opens with DONE_TODAY_LABEL instead (DONE_THAT_DAY_LABEL where the
    drivers date that training)."""
    because = BECAUSE.format(drivers=", ".join(advice.drivers))
    label = BAND_LABELS[advice.band]
    if advice.done_for_today:
        label = DONE_THAT_DAY_LABEL if advice.dated else DONE_TODAY_LABEL
    return f"{label}\n{because}"
