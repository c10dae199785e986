"""Today's advice for answers stored or fresh, with the user's profile: shared by the check-in,
the jog timer and the pushes, so each screen works from the same verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from conversations.coach.advice import (
    LEG_DAY_BEFORE_REST_DAYS,
    RECENT_LEG_DAYS,
    SAME_DAY_RULE,
    Advice,
    Answers,
    LegIntensity,
    Profile,
    Walking,
    Workout,
    advise,
    carries_leg_day,
    combined_change,
    covers_the_next_day,
    describe_change,
    names_recent_leg_day,
    that_day_decides,
)
from conversations.coach.timing import (
    PartOfDay,
    after_midnight,
    current_checkin_day,
    held_over,
    local_date,
    part_of_day,
)
from storage.checkins import ANSWER_FIELDS
from storage.models import CheckIn, User
from storage.repository import Repository

# The stored answers a verdict goes by (one list with storage's).
FIELDS = ANSWER_FIELDS


def settled(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as a check-in stores them: "much harder than usual" is overreached by itself
    (coach.advice.Answers.past_usual), and only a leg day keeps an overreach answer of its own
    (one left from a workout since corrected would decide a verdict it was never asked for),
    and only a leg day its intensity (one told last night, then corrected, would name a leg day
    that never was). So the history, the export, the Mini App and what would change it all
    read the same."""
    kept = dict(answers)
    workout = kept.get("workout")
    if workout == Workout.HARD_SESSION:
        kept["overreached"] = True
    elif workout != Workout.LEG_DAY:
        kept["overreached"] = None
    if workout != Workout.LEG_DAY:
        kept["leg_intensity"] = None
    return kept


def answers_of(answers: Mapping[str, Any] | CheckIn) -> Answers:
    """Stored or fresh answers as the coach takes them."""
    if isinstance(answers, CheckIn):
        answers = {name: getattr(answers, name) for name in FIELDS}
    intensity = answers.get("leg_intensity")
    also = answers.get("also_workout")
    return Answers(
        workout=Workout(answers["workout"]),
        also=Workout(also) if also else None,
        walking=Walking(answers["walking"]),
        leg_intensity=LegIntensity(intensity) if intensity else None,
        overreached=answers.get("overreached"),
        sharp_pain=answers.get("sharp_pain"),
        leg_day_before_rest=bool(answers.get("leg_day_before_rest")),
    )


def advice_for(
    answers: Mapping[str, Any] | CheckIn,
    user: User,
    evening: bool = False,
    leg_day_days_ago: int | None = None,
    after_midnight: bool = False,
    workout_day: date | None = None,
    trained_that_day: bool = False,
    that_day: date | None = None,
) -> Advice:
    """The advice for stored or fresh answers, with the user's current profile; `evening`: it
    covers the rest of today and tomorrow; `after_midnight`: given 00:00-03:59, so it says "later
    today" for tomorrow; `workout_day`: the workout's local day, named by its date where
    "yesterday" would name another; `trained_that_day`: given in the evening of a day the user
    trained too, so it covers only tonight; `leg_day_days_ago`: see `days_since_leg_day`
    (coach.advice.advise); `that_day`: the check-in's local day, for fresh answers that hold
    the workout of that day too (a stored CheckIn carries its own): the stricter verdict of
    the two workouts (coach.advice.RESTRICTIVENESS) is the one told, or that day's rest tonight
    over the routine of legs too sore to walk (coach.advice.that_day_decides)."""
    return judged_advice(
        answers,
        user,
        evening,
        leg_day_days_ago,
        after_midnight,
        workout_day,
        trained_that_day,
        that_day,
    )[0]


def judged_advice(
    answers: Mapping[str, Any] | CheckIn,
    user: User,
    evening: bool = False,
    leg_day_days_ago: int | None = None,
    after_midnight: bool = False,
    workout_day: date | None = None,
    trained_that_day: bool = False,
    that_day: date | None = None,
    *,
    tonight_only: bool = False,
) -> tuple[Advice, Answers]:
    """`advice_for`, and the answers its verdict went by: yesterday's workout as answered, or,
    when the stricter verdict was that of the check-in's own day (an evening's "did you train
    today too?"), that workout's. The check-in's 📊 line compares leg days as hard as the one
    the verdict is about (issue 13). `tonight_only`: an evening's addition to the day's earlier
    check-in (coach.advice.advise)."""
    profile = profile_of(user)
    judged = answers_of(answers)
    advice = advise(
        judged,
        profile,
        evening,
        leg_day_days_ago,
        after_midnight,
        workout_day,
        trained_that_day,
        tonight_only=tonight_only,
    )
    that_days = that_days_answers(answers)
    day = answers.local_date if isinstance(answers, CheckIn) else that_day
    if that_days is None or day is None:
        return advice, judged
    # Tonight's advice weighs the training of the day itself too (a heavy leg day at 18:00,
    # checked in at 21:00): the more careful of the two verdicts. Its workout is "today's",
    # named by its date only where yesterday's is too (after midnight, or shown on a later day).
    named = day if after_midnight or workout_day is not None else None
    other = advise(
        that_days,
        profile,
        evening,
        None,
        after_midnight,
        named,
        trained_that_day,
        tonight_only=tonight_only,
    )
    decides = that_day_decides((advice.verdict, advice.band), (other.verdict, other.band))
    told, answered = (other, that_days) if decides else (advice, judged)
    # What would change it goes by the same two workouts: one workout's answers alone could
    # name a change the stricter of the two would not give.
    change = combined_change(answers_of(answers), that_days, profile)
    shown = replace(told, change="" if change is None else describe_change(change, told.scope))
    return shown, answered


def that_days_answers(answers: Mapping[str, Any] | CheckIn) -> Answers | None:
    """The answers as they would read with the workout of the check-in's own day ("did you
    train today too?") in place of yesterday's, marked as that day's (Answers.same_day: after a
    hard one the evening is for rest, coach.advice.rests_tonight); None when none was told."""
    if isinstance(answers, CheckIn):
        told = told_last_night(answers)
        base = {name: getattr(answers, name) for name in FIELDS}
    else:
        told = {
            key: answers.get(f"today_{key}")
            for key in ("workout", "leg_intensity", "overreached")
            if answers.get(f"today_{key}") is not None
        }
        base = dict(answers)
    if told.get("workout") in (None, Workout.REST):
        return None
    kept = settled(
        {**base, "leg_intensity": None, "overreached": None, "also_workout": None, **told}
    )
    return replace(answers_of(kept), same_day=True)


def decided_by(checkin: CheckIn, user: User) -> tuple[Answers, bool]:
    """The answers whose verdict a check-in told (`advice_for`): those with yesterday's workout,
    or those with the workout of the check-in's own day ("did you train today too?") when its
    verdict was the stricter; True for the latter (they are marked Answers.same_day)."""
    _told, judged = judged_advice(checkin, user)
    return judged, judged.same_day


# An evening's addition (conversations.checkin._add_evening) is read from two columns of the
# day's check-in, here only: CheckIn.evening (given in its evening, covering the next morning)
# and CheckIn.workout_that_day (the day's own training, asked in its evening).


def open_for_addition(checkin: CheckIn) -> bool:
    """Was `checkin` given before its evening (a morning's or an afternoon's, CheckIn.evening
    unset), so that a check-in in that evening adds the day's own training to it instead of
    replacing it? Its walking is that morning's, which the record keeps (coach.history compares
    mornings). An addition stores no evening flag, so the check-in stays open for another."""
    return not checkin.evening


def added_that_evening(checkin: CheckIn) -> bool:
    """Was `checkin` given before its evening and added to in it (`open_for_addition`, with
    the day's own training told, CheckIn.workout_that_day)? Its reply went for that night
    only, while the record kept the day's verdict. Rows stored before additions stayed
    unflagged read as the evening check-ins they were stored as."""
    return open_for_addition(checkin) and checkin.workout_that_day is not None


def told_verdict(checkin: CheckIn, user: User) -> str:
    """The verdict (a Verdict value) the latest reply about `checkin` told: the stored one,
    but after an evening's addition with training that day (`added_that_evening`) the stricter
    of the two workouts' (`advice_for`), which its reply told for tonight while the record kept
    the day's."""
    if not added_that_evening(checkin) or that_days_answers(checkin) is None:
        return checkin.advice
    return advice_for(checkin, user).verdict.value


async def advice_told(
    repo: Repository,
    answers: Mapping[str, Any] | CheckIn,
    user: User,
    day: date,
    evening: bool = False,
    after_midnight: bool = False,
    trained_that_day: bool = False,
) -> Advice:
    """The advice as a verdict screen tells it for the check-in of local `day`: `advice_for`,
    with a recent leg day looked up in the record when the coach would name it (sore legs
    after a light day; coach.advice.names_recent_leg_day)."""
    told, _judged = await judged_advice_told(
        repo, answers, user, day, evening, after_midnight, trained_that_day
    )
    return told


async def judged_advice_told(
    repo: Repository,
    answers: Mapping[str, Any] | CheckIn,
    user: User,
    day: date,
    evening: bool = False,
    after_midnight: bool = False,
    trained_that_day: bool = False,
    *,
    tonight_only: bool = False,
) -> tuple[Advice, Answers]:
    """`advice_told`, and the answers its verdict went by (`judged_advice`); `tonight_only`:
    an evening's addition to the day's earlier check-in (coach.advice.advise). Fresh answers
    (a mapping) get Answers.leg_day_before_rest decided here, from the record
    (coach.advice.carries_leg_day); the caller stores it with them (the judged answers carry
    it); a stored CheckIn keeps its own, and so does an addition (`tonight_only`)."""
    given = answers_of(answers)
    fresh = not isinstance(answers, CheckIn)
    ago = None
    # A rest day yesterday, checked in before the evening: a leg day two days back may decide.
    may_carry = fresh and carries_leg_day(given, LEG_DAY_BEFORE_REST_DAYS, evening)
    if names_recent_leg_day(given) or may_carry:
        ago = await days_since_leg_day(repo, user.telegram_user_id, day)
    if fresh:
        assert not isinstance(answers, CheckIn)  # for mypy: `fresh` says so
        # An addition keeps the day's check-in's answers, and with them whether its leg day
        # decided the verdict (checkin._adding_to): the reply says that verdict, for tonight
        # (newcomer: "train as planned" said over the day's stored "cross-train").
        carried = given.leg_day_before_rest
        if not tonight_only:
            carried = carries_leg_day(given, ago, evening or after_midnight)
        answers = {**answers, "leg_day_before_rest": carried}
    # After midnight "yesterday" is the check-in's own day on the user's clock.
    workout_day = day - timedelta(days=1) if after_midnight else None
    return judged_advice(
        answers,
        user,
        evening,
        ago,
        after_midnight,
        workout_day,
        trained_that_day,
        that_day=day,
        tonight_only=tonight_only,
    )


async def days_since_leg_day(repo: Repository, telegram_user_id: int, day: date) -> int | None:
    """How many days before local `day` the user's latest leg day was, if two or three
    (coach.advice.RECENT_LEG_DAYS; yesterday's is the day's own answer), else None. A day's
    workout is what the check-in of the day after said (an answer always wins over a file);
    without that check-in, the day's own evening check-in told it ("did you train today
    too?"), or a file of the day answered "was it legs?" with yes."""
    for ago in RECENT_LEG_DAYS:
        trained = day - timedelta(days=ago)
        after = await repo.checkins.get(telegram_user_id, trained + timedelta(days=1))
        if after is not None:
            if after.workout == Workout.LEG_DAY:
                return ago
            continue
        that_evening = await repo.checkins.get(telegram_user_id, trained)
        if told_last_night(that_evening).get("workout") == Workout.LEG_DAY:
            return ago
        if any(row.legs for row in await repo.activities.on_day(telegram_user_id, trained)):
            return ago
    return None


def profile_of(user: User) -> Profile:
    """The onboarding answers the rules and texts depend on; unanswered counts as no."""
    return Profile(
        new_runner=bool(user.new_runner),
        muscle_priority=bool(user.muscle_priority),
        compression_gear=bool(user.compression_gear),
    )


def heavy_leg_day(told: CheckIn | Mapping[str, Any] | None) -> bool:
    """Did these answers tell of a heavy leg day: a check-in's (the day before its own), or
    answers under a check-in's keys ("workout", "leg_intensity"), as `told_last_night` gives
    them?"""
    if told is None:
        return False
    workout: str | None
    intensity: str | None
    if isinstance(told, CheckIn):
        workout, intensity = told.workout, told.leg_intensity
    else:
        workout, intensity = told.get("workout"), told.get("leg_intensity")
    return workout == Workout.LEG_DAY and intensity == LegIntensity.HEAVY


def told_last_night(checkin: CheckIn | None) -> dict[str, Any]:
    """The workout answers the next day's check-in takes from this one's evening ("did you
    train today too?", CheckIn.workout_that_day), under the check-in's own keys, "nothing" as
    the rest day it was (asked again, it could be contradicted unawares); empty when it was not
    asked. A check-in so holds the workout of the day before its own, as ever."""
    if checkin is None or checkin.workout_that_day is None:
        return {}
    told = {
        "workout": checkin.workout_that_day,
        "leg_intensity": checkin.intensity_that_day,
        "overreached": checkin.overreached_that_day,
    }
    return {key: value for key, value in told.items() if value is not None}


async def last_nights_checkin(repo: Repository, user: User, day: date) -> CheckIn | None:
    """The check-in of the local day before `day`, if it was given that evening, so that its
    verdict covers `day` until that day's own check-in (timing.covers_next_day), unless it went
    for that evening only: by its rule (coach.advice.RULES_FOR_TONIGHT), or as the user trained
    that day too (coach.advice.covers_the_next_day). Whether it was given that
    evening is what it stored then (CheckIn.evening: an earlier check-in of that day answered
    again in the evening is an evening one; one the evening only added the day's training to,
    conversations.checkin._add_evening, is not: its walking is still that morning's), so a
    change of zone since never re-reads it. Rows stored before additions stayed unflagged are
    read as stored."""
    if user.time_zone is None:
        return None
    before = await repo.checkins.get(user.telegram_user_id, day - timedelta(days=1))
    if before is None:
        return None
    covers = before.evening and covers_the_next_day(
        before.advice, before.workout_that_day, before.rule
    )
    return before if covers else None


async def rest_day_said(repo: Repository, user: User, day: date) -> bool:
    """Did last night's check-in say local `day` is a rest day too, with `day`'s own check-in
    not given yet? So it did after a session well past what the user is used to, told for
    that same day (its rest tonight, SAME_DAY_RULE, said "The day after is a rest day too":
    coach.advice.DAY_AFTER, rule 3, which only pain or legs too sore to walk would change,
    neither a run). Its verdict went for that night only (`last_nights_checkin` gives None),
    so until the morning's check-in nothing else says it."""
    uid = user.telegram_user_id
    if user.time_zone is None or await repo.checkins.get(uid, day) is not None:
        return False
    before = await repo.checkins.get(uid, day - timedelta(days=1))
    if before is None or not before.evening or before.rule != SAME_DAY_RULE:
        return False
    that_day = that_days_answers(before)
    return that_day is not None and that_day.past_usual


async def current_day(repo: Repository, telegram_user_id: int, zone: str, now: datetime) -> date:
    """The local day a check-in at `now` counts for, as every screen reads it: that of
    timing.current_checkin_day, with the user's latest check-in looked up (so a change of zone
    never takes today's check-in away)."""
    return current_checkin_day(zone, now, await repo.checkins.latest_day(telegram_user_id))


async def checkin_now(
    repo: Repository, telegram_user_id: int, zone: str, now: datetime
) -> tuple[date, PartOfDay, bool]:
    """A check-in at `now` on the user's clock: (the day it counts for, `current_day`; the part
    of the day; whether it is 00:00-03:59 for the day before, timing.after_midnight). A day
    held over from the zone before a change (timing.held_over) is redone as in its morning."""
    day = await current_day(repo, telegram_user_id, zone, now)
    if held_over(zone, now, day):
        return day, PartOfDay.MORNING, False
    return day, part_of_day(zone, now), after_midnight(zone, now)


async def checkin_in_force(
    repo: Repository, user: User, now: datetime, day: date | None = None
) -> CheckIn | None:
    """The check-in whose advice is in force: that of the user's check-in day (`current_day`,
    or `day` when the caller has it already), or, before any, last night's, whose verdict
    covers the whole day (its note says "the rest of today and tomorrow":
    coach.advice.EVENING_NOTE); None without."""
    if user.time_zone is None:
        return None
    if day is None:
        day = await current_day(repo, user.telegram_user_id, user.time_zone, now)
    checkin = await repo.checkins.get(user.telegram_user_id, day)
    if checkin is None:
        checkin = await last_nights_checkin(repo, user, day)
    return checkin


def advice_in_force(checkin: CheckIn | None, user: User, now: datetime) -> Advice | None:
    """The advice of `checkin_in_force`'s check-in as shown at `now`; None without one."""
    if checkin is None or user.time_zone is None:
        return None
    # Shown on another calendar day than its own (after midnight, or last night's covering
    # today), "yesterday" would name another day than the workout's.
    workout_day = checkin.local_date - timedelta(days=1)
    named = workout_day if checkin.local_date != local_date(user.time_zone, now) else None
    return advice_for(checkin, user, workout_day=named)


async def todays_advice(
    repo: Repository, user: User, now: datetime, day: date | None = None
) -> Advice | None:
    """The advice in force: that of `checkin_in_force` (`day`: the caller's `current_day`, if
    it has it), None without a check-in covering today."""
    return advice_in_force(await checkin_in_force(repo, user, now, day), user, now)


@dataclass(frozen=True)
class InForce:
    """A verdict in force, as `shown_now` gives it."""

    checkin: CheckIn
    advice: Advice  # as the check-in's reply told it, worded for now
    judged: Answers  # the answers the advice went by (`judged_advice`)
    last_night: bool  # the check-in is last night's, covering today (`last_nights_checkin`)


async def shown_now(repo: Repository, user: User, now: datetime) -> InForce | None:
    """The check-in in force at `now` (`checkin_in_force`) and its advice as its reply told
    it; None without one (or a zone).

    Worded for `now`, as the reply would word it: in the evening it was given in (until 03:59,
    "later today" after midnight), as the evening's reply (Scope.EVENING or NIGHT; after an
    evening's addition, `added_that_evening`, tonight's verdict, Scope.TONIGHT); last night's
    check-in covering today, or a daytime one, as the day reads it (the morning push's words:
    "tonight" is over). Shown on a later calendar day than its own, the workouts are named by
    their dates, where "yesterday" would name another day."""
    zone = user.time_zone
    if zone is None:
        return None
    uid = user.telegram_user_id
    day, part, night = await checkin_now(repo, uid, zone, now)
    checkin = await repo.checkins.get(uid, day)
    evening = tonight_only = trained = last_night = False
    if checkin is None:
        checkin = await last_nights_checkin(repo, user, day)
        if checkin is None:
            return None
        last_night = True
    elif part is PartOfDay.EVENING:
        tonight_only = added_that_evening(checkin)
        evening = checkin.evening or tonight_only
        trained = checkin.workout_that_day not in (None, Workout.REST)
    later = checkin.local_date != local_date(zone, now)
    workout_day = checkin.local_date - timedelta(days=1) if later else None
    ago = None
    if names_recent_leg_day(answers_of(checkin)):
        ago = await days_since_leg_day(repo, uid, checkin.local_date)
    advice, judged = judged_advice(
        checkin,
        user,
        evening,
        ago,
        night and evening,
        workout_day,
        trained,
        tonight_only=tonight_only,
    )
    return InForce(checkin, advice, judged, last_night)
