"""/checkin: yesterday's workout, how walking feels (with the safety check among its answers),
then today's advice.

Answers go to a draft row as they arrive (a crash or restart loses none); the finished check-in
replaces the draft in one transaction. Buttons carry the check-in's run id, so a button left over
from an earlier check-in is recognised as expired instead of being counted.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from conversations import texts
from conversations.activities import done_today, summary, workout_from_files
from conversations.buttons import (
    CheckinAfresh,
    CheckinAnswer,
    CheckinFixToday,
    CheckinFromFile,
    CheckinNow,
    CheckinWith,
)
from conversations.coach.activities import hardest
from conversations.coach.advice import (
    PAIN_WORDS,
    WALKING_WORDS,
    WORKOUT_WORDS,
    Advice,
    Answers,
    Band,
    LegIntensity,
    Workout,
    cites_own_record,
    for_tonight_only,
    render_advice,
    verdict_name,
)
from conversations.coach.history import baseline, describe_baseline
from conversations.coach.timing import PartOfDay, local_date, part_of_day
from conversations.common import (
    current_update,
    expired,
    remember,
    send,
    set_up_user,
    settle_button,
    user_id_of,
)
from conversations.context import CoachContext
from conversations.i18n import N_, Label, Text, format_day
from conversations.jog import advice_keyboard, timed_workout
from conversations.keyboards import YES_NO, Question, asks_why, inline
from conversations.own_record import user_record
from conversations.typed import Openers, no_such_button, press_close_spelling, say_back
from conversations.verdicts import (
    FIELDS,
    added_that_evening,
    checkin_now,
    heavy_leg_day,
    judged_advice_told,
    open_for_addition,
    settled,
    told_last_night,
)
from storage.models import CheckIn, CheckInDraft, JogSession, User
from storage.repository import Repository

Answer = str | bool | None


@dataclass(frozen=True)
class Step(Question):
    """One question of the check-in; its answers are stored as they come."""

    @property
    def state(self) -> str:
        return f"checkin:{self.field}"

    def value_of(self, raw: str) -> Answer:
        return raw == "yes" if self.choices is YES_NO else raw


PAIN_ANSWER = "pain"  # the walking question's safety answer: stored as sharp_pain, not walking


WORKOUT = Step(
    "workout",
    texts.WORKOUT_PROMPT,
    tuple((words.label, workout.value) for workout, words in WORKOUT_WORDS.items()),
)
INTENSITY = Step(
    "leg_intensity",
    texts.INTENSITY_PROMPT,
    (
        (N_("Light"), LegIntensity.LIGHT.value),
        (N_("Moderate"), LegIntensity.MODERATE.value),
        (N_("Heavy"), LegIntensity.HEAVY.value),
    ),
    per_row=3,
)
OVERREACH = Step("overreached", texts.OVERREACH_PROMPT, YES_NO)
WALKING_LEVELS: tuple[tuple[Text, str], ...] = tuple(
    (words.label, walking.value) for walking, words in WALKING_WORDS.items()
)
# The safety check rides along as the last answer, so every check-in reaches it and the
# common path (any walking level, no pain) costs no extra tap.
WALKING = Step(
    "walking",
    texts.WALKING_PROMPT,
    (*WALKING_LEVELS, (PAIN_WORDS.label, PAIN_ANSWER)),
)
# After the pain answer: walking still goes in the record (history, chart), so it is asked once
# more, without the pain answer. Same field and state as WALKING, whose handlers take it.
WALKING_AFTER_PAIN = Step("walking", texts.WALKING_AFTER_PAIN_PROMPT, WALKING_LEVELS)
# No longer asked: kept so a check-in that was waiting on it when this release came keeps going.
PAIN = Step("sharp_pain", texts.PAIN_PROMPT, YES_NO)
# Asked last, in the evening only (17:00-03:59): the check-in's own day's workout, which the
# next day's check-in takes as its workout answer (storage CheckIn.workout_that_day). Its rest
# day reads "nothing today"; the leg day's intensity and overreach follow, as in the morning.
TODAY_WORKOUT = Step(
    "today_workout",
    texts.TODAY_WORKOUT_PROMPT,
    tuple(
        (texts.NOTHING_TODAY if workout is Workout.REST else words.label, workout.value)
        for workout, words in WORKOUT_WORDS.items()
    ),
)
# After midnight its question names the day by its date, and so does its rest day's answer.
TODAY_WORKOUT_AFTER_MIDNIGHT = Step(
    TODAY_WORKOUT.field,
    texts.TODAY_WORKOUT_PROMPT,
    tuple(
        (texts.NOTHING_THAT_DAY if value == Workout.REST else label, value)
        for label, value in TODAY_WORKOUT.choices
    ),
)
# After "I trained more" (`correct_today`): the same field and state, its answers without the
# rest day, which would deny the tap that asked it.
TODAY_WORKOUT_MORE = Step(
    TODAY_WORKOUT.field,
    texts.TRAINED_MORE_PROMPT,
    tuple((label, value) for label, value in TODAY_WORKOUT.choices if value != Workout.REST),
)
TODAY_INTENSITY = Step("today_leg_intensity", texts.INTENSITY_PROMPT, INTENSITY.choices, per_row=3)
TODAY_OVERREACH = Step("today_overreached", texts.OVERREACH_PROMPT, YES_NO)
STEPS: dict[str, Step] = {
    s.field: s
    for s in (
        WORKOUT,
        INTENSITY,
        OVERREACH,
        WALKING,
        PAIN,
        TODAY_WORKOUT,
        TODAY_INTENSITY,
        TODAY_OVERREACH,
    )
}


def _opens_checkin(data: object) -> bool:
    return CheckinNow.pattern()(data) or CheckinWith.pattern()(data)


def _with(field: str) -> Callable[[str], CheckinWith]:
    return lambda value: CheckinWith(field, value)


# Under a button that starts a check-in ("Check in now", a push's walking answers), a typed
# answer to its workout or walking question starts it with that answer (conversations.typed).
OPENERS: Openers = tuple((_opens_checkin, step, _with(step.field)) for step in (WORKOUT, WALKING))

# Marks a draft keeps beside its answers, set when the check-in starts: it asks the evening's
# last question (TODAY_WORKOUT); it asks walking before the workout (the morning after a check-in
# that reported a heavy leg day, whose push asked about soreness first).
ASKS_TODAY = "asks_today"
WALKING_FIRST = "walking_first"
# It asks the evening's question after "I trained more" (TODAY_WORKOUT_MORE).
TRAINED_MORE = "trained_more"
# It adds to a day whose training the bot timed (`_add_evening`): that session stays the day's
# training, so a typed "nothing" adds nothing and takes none of it away (`step_handlers`).
TIMED_TODAY = "timed_today"
# It adds the evening's question to the day's check-in given before the evening, whose answers
# it holds already (`_add_evening`): the verdict says so instead of "I replaced", goes for
# tonight only, and the day's stored verdict stays (`_conclude`). Its value is that day (ISO
# date), which the answer keeps even when given after 04:00.
ADDS_EVENING = "adds_evening"


# The dialog state stored for a check-in, whichever question it is at: its draft tells that
# (`step_state`), so an answer moving it on writes no dialog state, and whether it still runs,
# so the advice that drops the draft ends it without a write of its own either (and the next
# /checkin finds it stored already). A question asked out of that order (the workout again,
# after a file's) is stored as its own state, and so are the states releases before this one
# stored.
CHECKIN = "checkin"


def step_state(stored: object, answers: Mapping[str, Answer] | None) -> object:
    """The state a dialog is at, from the state stored (`remember`) and the running check-in's
    answers (None: no check-in running): for CHECKIN, the state of its next question, or None
    (no dialog) once its draft is gone."""
    if stored != CHECKIN:
        return stored
    if answers is None:
        return None
    return (next_step(answers) or WALKING).state


def next_step(answers: Mapping[str, Answer]) -> Step | None:
    """Which question comes next: intensity and the overreach question only after a leg day,
    then walking (whose answers include sharp or joint pain; after that one, walking once more
    without it); walking first when the draft says so (WALKING_FIRST); in the evening, last,
    the workout of the day itself (ASKS_TODAY: TODAY_WORKOUT, and after a leg day its
    intensity and overreach; after "I trained more", TODAY_WORKOUT_MORE). "Much harder than
    usual" is the overreach already
    (coach.advice.Answers.past_usual) and is stored with it (`workout_answer`); a draft from a
    release before this one, waiting on the overreach question after it, still gets
    that question."""
    walking_step = WALKING_AFTER_PAIN if answers.get("sharp_pain") else WALKING
    if answers.get(WALKING_FIRST) and "walking" not in answers:
        return walking_step
    if "workout" not in answers:
        return WORKOUT
    workout = answers["workout"]
    if workout == Workout.LEG_DAY and "leg_intensity" not in answers:
        return INTENSITY
    if workout == Workout.LEG_DAY and answers.get("overreached") is None:
        return OVERREACH
    if workout == Workout.HARD_SESSION and "overreached" not in answers:
        return OVERREACH
    if "walking" not in answers:
        return walking_step
    if not answers.get(ASKS_TODAY):
        return None
    if "today_workout" not in answers:
        return TODAY_WORKOUT_MORE if answers.get(TRAINED_MORE) else TODAY_WORKOUT
    if answers["today_workout"] == Workout.LEG_DAY and "today_leg_intensity" not in answers:
        return TODAY_INTENSITY
    if answers["today_workout"] == Workout.LEG_DAY and answers.get("today_overreached") is None:
        return TODAY_OVERREACH
    return None


When = tuple[date, PartOfDay, bool]
"""A check-in now on the user's clock (verdicts.checkin_now): the day it counts for, the part
of the day, and whether it is 00:00-03:59 for the day before."""

# The questions whose wording depends on when they are asked (`_prompt`).
_TIMED = (WORKOUT, TODAY_WORKOUT, TODAY_WORKOUT_MORE, WALKING, WALKING_AFTER_PAIN)


async def ask(
    update: Update,
    context: CoachContext,
    run_id: str,
    step: Step,
    answers: Mapping[str, Answer] | None,
    when: When | None = None,
) -> str:
    """Ask `step`; `answers`: the draft's answers as they now are (None: asked out of their
    order), to tell whether the stored CHECKIN says this step already; `when`: the caller's
    `_when` of this update, if it has one (else read here, once, for a question whose wording
    depends on it)."""
    in_order = answers is not None and next_step(answers) is step
    await remember(update, context, step.state, stored=CHECKIN if in_order else None)
    prompt: Label = step.prompt
    shown: Step = step
    if step in _TIMED:
        user = await context.repo.users.get(user_id_of(update))
        zone = user.time_zone if user is not None else None
        if when is None and zone is not None:
            when = await _when(context, user_id_of(update), zone)
        prompt = await _prompt(context, step, user_id_of(update), zone, when)
        if step is TODAY_WORKOUT and when is not None and when[2]:
            shown = TODAY_WORKOUT_AFTER_MIDNIGHT  # "nothing today" would name the new day
    keyboard = shown.keyboard(lambda value: CheckinAnswer(run_id, step.field, value))
    await send(update, prompt, keyboard)
    return step.state


async def ask_pending(update: Update, context: CoachContext, draft: CheckInDraft) -> str:
    """The running check-in's question again, with its buttons, for `draft` (the running
    check-in's, CheckIns.get_draft), as the dialog stands: the workout asked again out of the
    draft's order ("Correct it"), else the draft's next question. Its answers so far stay."""
    opened = current_update()
    state = opened.dialog_state if opened is not None else None
    pending = next_step(draft.answers) or WALKING
    if isinstance(state, str) and state.startswith("checkin:") and state != pending.state:
        pending = STEPS.get(state.removeprefix("checkin:"), pending)
    return await ask(update, context, draft.run_id, pending, draft.answers)


async def _prompt(
    context: CoachContext, step: Step, uid: int, zone: str | None, when: When | None
) -> Label:
    """The wording of a question asked at `when` (None until a zone is known): "yesterday",
    "this morning" and "today" as the user's clock reads them."""
    if when is None:
        part = part_of_day("UTC", context.clock())
        day, night = None, False
    else:
        day, part, night = when
    if step is WORKOUT:
        return _workout_prompt(day, night)
    if step is TODAY_WORKOUT and night:
        assert day is not None  # `night` only with a zone
        return _today_prompt_after_midnight(day)
    if step is TODAY_WORKOUT_MORE and night:
        assert day is not None
        return texts.TRAINED_MORE_AFTER_MIDNIGHT_PROMPT.format(day=format_day(day))
    if step is WALKING:
        prompt: Label = step.prompt
        if part is not PartOfDay.MORNING:
            prompt = texts.WALKING_NOW_PROMPT  # "this morning" would be wrong later in the day
        reminder = None if day is None else await pain_reminder(context.repo, uid, day, night)
        return prompt if reminder is None else f"{prompt}\n{reminder}"
    if step is WALKING_AFTER_PAIN and part is PartOfDay.EVENING:
        # As the verdict will say.
        if night:
            return texts.WALKING_AFTER_PAIN_NIGHT_PROMPT
        return texts.WALKING_AFTER_PAIN_EVENING_PROMPT
    return step.prompt


def _workout_prompt(day: date | None, night: bool) -> Label:
    """The workout question: about "yesterday", except after midnight, when the check-in still
    counts for the day before (timing.checkin_day) and the question names both days, so that
    "yesterday" can't be read as the day the user has not slept since."""
    if day is None or not night:
        return WORKOUT.prompt
    return texts.WORKOUT_AFTER_MIDNIGHT_PROMPT.format(
        day=format_day(day), before=format_day(day - timedelta(days=1))
    )


def _today_prompt_after_midnight(day: date) -> Label:
    """The evening's last question after midnight: "today" is the new calendar day then, so it
    names the day the check-in counts for (timing.checkin_day)."""
    return texts.TODAY_WORKOUT_AFTER_MIDNIGHT_PROMPT.format(day=format_day(day))


def told_workout(workout: str, intensity: str | None) -> str:
    """A workout as the user told it: its button label, a leg day with its intensity
    ("🦵 Leg day (heavy)")."""
    label = str(WORKOUT.label_of(workout) or workout)
    named = INTENSITY.label_of(intensity) if intensity is not None else None
    if named is None:
        return label
    return texts.WORKOUT_WITH_INTENSITY.format(workout=label, intensity=str(named).lower())


async def pain_reminder(repo: Repository, uid: int, today: date, night: bool = False) -> str | None:
    """The line that recalls the pain the user's previous check-in (before local `today`, the
    check-in's day) reported (yesterday's, or the last one's, named by its day), or None when
    it reported none. Under every question of walking, which offers the pain answer it points
    at: the check-in's, and the push's that asks walking first (conversations.renderers).
    After midnight (`night`) "yesterday" on the user's clock is `today` itself, so the day
    before it is named by its date."""
    pain_day = await _pain_day(repo, uid, today)
    if pain_day is None:
        return None
    if pain_day == today - timedelta(days=1) and not night:
        return str(texts.PAIN_YESTERDAY_REMINDER)
    return texts.PAIN_EARLIER_REMINDER.format(day=format_day(pain_day))


async def _pain_day(repo: Repository, uid: int, before: date) -> date | None:
    """The local day of the user's last check-in before local day `before` when it told of sharp
    or joint pain; None when that check-in told of none (or there is none)."""
    last = await repo.checkins.latest_before(uid, before)
    return last.local_date if last is not None and last.sharp_pain else None


async def _when(context: CoachContext, uid: int, zone: str) -> When:
    """verdicts.checkin_now at the clock's now."""
    return await checkin_now(context.repo, uid, zone, context.clock())


async def begin(update: Update, context: CoachContext) -> str | int | None:
    """/checkin, or "Check in now": the check-in's first question (or what it says it took)."""
    return await _begin(update, context, None)


async def begin_afresh(update: Update, context: CoachContext) -> str | int | None:
    """The button under an evening check-in that adds to the day's earlier one
    (`_add_evening`): every question again, the answers replacing that check-in's, as a
    check-in again the same day does at any other time (legs that feel different by now, or an
    answer to correct)."""
    pressed = CheckinAfresh.of(update)
    draft = await context.repo.checkins.get_draft(user_id_of(update))
    if draft is None or draft.run_id != pressed.run_id:
        await expired(update)
        return ConversationHandler.END if draft is None else None
    return await _begin(update, context, None, afresh=True)


def _adding_to(stored: CheckIn, today: date) -> dict[str, Answer]:
    """A draft's answers that add the evening's question to `stored`, local `today`'s
    check-in: its own answers kept, the day's training to ask (ASKS_TODAY), and the day it
    adds to (ADDS_EVENING), which an answer after 04:00 still counts for."""
    known: dict[str, Answer] = {
        name: getattr(stored, name) for name in FIELDS if getattr(stored, name) is not None
    }
    known[ASKS_TODAY] = True
    known[ADDS_EVENING] = today.isoformat()
    return known


async def _add_evening(
    update: Update, context: CoachContext, user: User, stored: CheckIn, when: When
) -> str | int:
    """The evening's check-in of a day checked in earlier (verdicts.open_for_addition): says
    that the earlier answers stand, with one button to answer them all again instead
    (CheckinAfresh), and asks only the day's own training (TODAY_WORKOUT); its verdict goes
    for tonight only (coach.advice.advise, tonight_only: the walking answer is the earlier
    one's, so the next morning asks it again), and the stored check-in keeps the earlier
    answers and verdict, with the day's training added (issue 13: at 00:30, a check-in again
    dropped that morning's "hard to walk"; newcomer: an easy run added turned the day's jog
    into "rest tonight" in /history). A file of that day answers the question, as a tap would
    (`_from_file`): said with "Correct it", then that addition's verdict. Else, after a
    session the bot timed that day, nothing is asked or added: that session was the day's
    training, done under the day's verdict, which stays; "I trained more" (`correct_today`)
    asks the question after all. Once that evening has added to it (verdicts
    .added_that_evening), a check-in again adds again: the question, with the answer told
    before named, whose place the new one takes."""
    uid = user_id_of(update)
    today, _part, night = when
    run_id = secrets.token_hex(4)
    now = context.clock()
    known = _adding_to(stored, today)
    await context.repo.checkins.start_draft(uid, run_id, now, None, known)
    verdict = verdict_name(stored.advice, stored.walking)
    afresh = (texts.CHECKIN_AFRESH_BUTTON, CheckinAfresh(run_id))
    if added_that_evening(stored):
        # Added to already: the question again, its answer in place of the one told, and the
        # day's verdict still kept (newcomer: a check-in again at 00:30 replaced the whole day,
        # so that day alone read "rest tonight" in /history, the summary and the export). What
        # a file or the timer would say was said the first time; the answer told since wins.
        told_then = stored.workout_that_day
        assert told_then is not None  # added_that_evening
        told = told_workout(told_then, stored.intensity_that_day)
        if told_then == Workout.REST:
            told = str(texts.NOTHING_THAT_DAY if night else texts.NOTHING_TODAY)
        text = (
            texts.CHECKIN_ADDING_AGAIN_AFTER_MIDNIGHT.format(
                day=format_day(today), verdict=verdict, workout=told
            )
            if night
            else texts.CHECKIN_ADDING_AGAIN.format(verdict=verdict, workout=told)
        )
        await send(update, text, inline([[afresh]]))
        return await ask(update, context, run_id, TODAY_WORKOUT, known, when)
    from_file = await _from_file(
        context.repo, user, today, night, texts.CHECKIN_FROM_FILE_TODAY, context.clock()
    )
    if from_file is not None:
        # A file of the day answers the evening's question, as a tap of its workout would: the
        # reply is that addition's verdict (newcomer: a half marathon's file was left aside and
        # "nothing today" asked, whose answer then won in the record and the next morning).
        answers = await _save_today(context, uid, run_id, from_file[0])
        assert answers is not None  # the draft was started just above, in this update
        fix_today = inline([[(texts.CHECKIN_FIX_WORKOUT, CheckinFixToday(run_id))]])
        await send(update, from_file[1], fix_today)
        following = next_step(answers)
        if following is not None:  # a leg day's intensity and overreach
            return await ask(update, context, run_id, following, answers, when)
        return await _conclude(update, context, answers)
    timed_today = await timed_workout(context.repo, user, today, until=now)
    if timed_today is not None:
        # The session the bot timed was the day's training, done under the verdict the day's
        # check-in gave: nothing to add, and that verdict stays in the record (newcomer 12: an
        # advised jog, added as "trained today", turned the day's verdict into a rest tonight).
        # More training told ("I trained more") is added as any evening's.
        session = timed_session(timed_today)
        text = (
            texts.CHECKIN_TIMED_DONE_AFTER_MIDNIGHT.format(
                day=format_day(today), verdict=verdict, session=session
            )
            if night
            else texts.CHECKIN_TIMED_DONE.format(verdict=verdict, session=session)
        )
        more = (texts.CHECKIN_TRAINED_MORE, CheckinFixToday(run_id))
        await context.repo.checkins.save_answer(uid, run_id, TIMED_TODAY, True, now)
        await send(update, text, inline([[more], [afresh]]))
        return TODAY_WORKOUT.state
    text = (
        texts.CHECKIN_ADDING_AFTER_MIDNIGHT.format(day=format_day(today), verdict=verdict)
        if night
        else texts.CHECKIN_ADDING.format(verdict=verdict)
    )
    await send(update, text, inline([[afresh]]))
    following = next_step(known)
    assert following is not None  # ASKS_TODAY, and no training of the day told yet
    return await ask(update, context, run_id, following, known, when)


async def begin_with(update: Update, context: CoachContext) -> str | int | None:
    """An answer button of a push (CheckinWith: walking, under a push that asks it), or a typed
    answer under a push (conversations.typed): the check-in starts with that answer and asks
    what is still missing, or gives the advice at once."""
    pressed = CheckinWith.of(update)
    step = STEPS.get(pressed.field)
    if step not in (WORKOUT, WALKING) or step.label_of(pressed.value) is None:
        await expired(update)  # forged: no answer of ours
        return None
    return await _begin(update, context, (step, pressed.value))


async def _begin(
    update: Update, context: CoachContext, given: tuple[Step, str] | None, afresh: bool = False
) -> str | int | None:
    """Start a check-in; `given`: an answer it starts with (begin_with), taken as a tap of it
    at its question would be, before or after the questions before it; `afresh`: every
    question, even in the evening of a day checked in earlier (else `_add_evening`)."""
    if given is None:
        await settle_button(update)  # else the answer settles it, with its label (`_answer`)
    uid = user_id_of(update)
    user = await set_up_user(update, context)
    if user is None or user.time_zone is None:
        if given is not None:
            await settle_button(update)
        return ConversationHandler.END
    now = context.clock()
    when = await _when(context, uid, user.time_zone)
    today, part, night = when
    # The day's stored check-in, read at most once: in the evening (is this an addition?), and
    # when this check-in replaces it (its name, and which of its answers a file or the timer
    # may not overrule); the common morning path reads none.
    before: CheckIn | None = None
    if part is PartOfDay.EVENING and given is None and not afresh:
        before = await context.repo.checkins.get(uid, today)
        if before is not None and open_for_addition(before):
            return await _add_evening(update, context, user, before, when)
    yesterday = today - timedelta(days=1)
    run_id = secrets.token_hex(4)
    last = await context.repo.checkins.get(uid, yesterday)
    told, both = await last_nights_workout(context.repo, user, last, night)
    known: dict[str, Answer] = dict(told)
    if not told and heavy_leg_day(last):
        known[WALKING_FIRST] = True  # the soreness the push asked about first (issue 13)
    if part is PartOfDay.EVENING:
        known[ASKS_TODAY] = True
    earlier = await context.repo.checkins.start_draft(uid, run_id, now, today, known)
    replaced: CheckIn | None = None  # the day's check-in this one replaces, as stored
    if earlier is not None:
        replaced = before or await context.repo.checkins.get(uid, today)
        walking, tonight = None, False
        if replaced is not None:
            # Named as its headline said: "as planned, gently" on sore legs, "rest tonight" for
            # that evening only.
            walking = replaced.walking
            tonight = for_tonight_only(replaced.evening, replaced.workout_that_day, replaced.rule)
        name = verdict_name(earlier, walking, tonight)
        if night:
            text = texts.CHECKIN_REPLACING_AFTER_MIDNIGHT.format(
                day=format_day(today), verdict=name
            )
        else:
            text = texts.CHECKIN_REPLACING.format(verdict=name)
        await send(update, text)

    today_said: tuple[str, InlineKeyboardMarkup] | None = None
    if part is PartOfDay.EVENING:
        # A file of today, else the timer, answers the evening's question (`_today_known`).
        # Said before the first question, so that its "Correct it" works while the check-in
        # runs (asked last, it would come with the verdict, once the check-in is over).
        today_known = await _today_known(context, user, today, night)
        if today_known is not None and _still_stands(replaced, today_known[0], "workout_that_day"):
            saved = await _save_today(context, uid, run_id, today_known[0])
            assert saved is not None  # the draft was started just above, in this update
            known = saved
            fix_today = inline([[(texts.CHECKIN_FIX_WORKOUT, CheckinFixToday(run_id))]])
            today_said = today_known[1], fix_today

    async def go_on(answers: Mapping[str, Answer]) -> str | int | None:
        """What a file or the timer said of today (after what is said of yesterday), then the
        answer given, or else the next question."""
        if today_said is not None:
            await send(update, *today_said)
        if given is not None:
            return await _answer(update, context, given[0], run_id, given[1])
        following = next_step(answers)
        assert following is not None  # walking is still to come
        return await ask(update, context, run_id, following, answers, when)

    fix = inline([[(texts.CHECKIN_FIX_WORKOUT, CheckinFromFile(run_id))]])
    if told and given is not None:
        return await go_on(known)  # the push named the workout told last night already
    if told:
        # Said, not asked: the user's own answer of last night, with one button to correct it;
        # when a file of that day or the bot's timer told that workout, said as theirs (the
        # evening said so, and the user kept it).
        assert last is not None
        from_file = await _from_file(
            context.repo, user, yesterday, night, texts.CHECKIN_FROM_FILE, context.clock()
        )
        timed = (
            None if from_file is not None else await timed_workout(context.repo, user, yesterday)
        )
        if both is not None:
            text = both
        elif from_file is not None and from_file[0] == told["workout"]:
            text = from_file[1]
        elif timed is not None and timed[0] == told["workout"]:
            text = timed_line("dated" if night else "yesterday", timed, yesterday)
        else:
            workout = told_workout(told["workout"], last.intensity_that_day)
            text = (
                texts.CHECKIN_TOLD_DATED.format(day=format_day(yesterday), workout=workout)
                if night
                else texts.CHECKIN_TOLD_LAST_NIGHT.format(workout=workout)
            )
        await send(update, text, fix)
        return await go_on(known)
    source = await yesterday_known(context.repo, user, today, night, context.clock())
    if source is not None and not _still_stands(replaced, source[0], "workout"):
        source = None
    if source is None or (given is not None and given[0] is WORKOUT):
        return await go_on(known)  # a workout given wins over a file's, as an answer does
    # A file or a timed session covered yesterday: not asked, but said, with one button to
    # correct it.
    workout, text = source
    answers = await save_workout(context, uid, run_id, workout.value)
    assert answers is not None  # the draft was started just above, in this update
    await send(update, text, fix)
    return await go_on(answers)


async def _today_known(
    context: CoachContext, user: User, today: date, night: bool
) -> tuple[Workout, str] | None:
    """The evening's own day's workout (local `today`, the check-in's day) as the bot knows it
    without asking, and the line that says so: from that day's activity files, which know more
    and win as they do for yesterday (`yesterday_known`), else from a session it timed that
    day until now (jog.timed_workout); None when neither tells. After midnight (`night`) both
    name the day by its date, as "today" would be the new day."""
    from_file = await _from_file(
        context.repo, user, today, night, texts.CHECKIN_FROM_FILE_TODAY, context.clock()
    )
    if from_file is not None:
        return from_file
    timed = await timed_workout(context.repo, user, today, until=context.clock())
    if timed is None:
        return None
    return timed[0], timed_line("dated" if night else "today", timed, today)


async def _from_file(
    repo: Repository, user: User, day: date, night: bool, said: Text, now: datetime
) -> tuple[Workout, str] | None:
    """Local `day`'s workout from that day's activity files (activities.workout_from_files: the
    hardest decides), with the line that says so: `said` (CHECKIN_FROM_FILE for yesterday's,
    CHECKIN_FROM_FILE_TODAY for the evening's own day), or after midnight (`night`) the one
    that names the day by its date, as "yesterday" and "today" on the user's clock then name
    other days. None when they tell none."""
    uid = user.telegram_user_id
    zone = user.time_zone or "UTC"
    from_files = workout_from_files(await repo.activities.on_day(uid, day))
    if from_files is None:
        return None
    workout, row = from_files
    label = WORKOUT.label_of(workout.value)
    if night:
        return workout, texts.CHECKIN_FROM_FILE_DATED.format(
            summary=summary(row, zone), day=format_day(day), workout=label
        )
    shown = summary(row, zone, local_date(zone, now))
    return workout, said.format(summary=shown, workout=label)


async def _save_today(
    context: CoachContext, uid: int, run_id: str, workout: Workout
) -> dict[str, Any] | None:
    """Store `workout` as the answer to the evening's question (TODAY_WORKOUT), as a tap of it
    would (`_answer`): "much harder than usual" is the overreach already. Returns the answers,
    or None when the check-in is not the running one (CheckIns.save_answer)."""
    past_usual = ("today_overreached", True) if workout is Workout.HARD_SESSION else None
    return await context.repo.checkins.save_answer(
        uid, run_id, TODAY_WORKOUT.field, workout.value, context.clock(), default=past_usual
    )


def _still_stands(replaced: CheckIn | None, workout: Workout, field: str) -> bool:
    """May a workout a file or the timer gives be taken for this check-in? Not when it replaces
    a check-in of that day (`replaced`, as stored until this one is saved; None: it replaces
    none) whose `field` the user answered otherwise: an explicit answer always wins (issue 15)."""
    answered = getattr(replaced, field, None) if replaced is not None else None
    return answered is None or answered == workout


async def last_nights_workout(
    repo: Repository, user: User, last: CheckIn | None, night: bool
) -> tuple[dict[str, Any], str | None]:
    """The workout answers of the day of `last` (the check-in of the day before the new one's)
    as its evening told them (verdicts.told_last_night), and None; or, when that evening added
    the workout told to a session the bot timed that day ("🏋️ I trained more", `_add_evening`:
    verdicts.added_that_evening), both count: the answers of the harder of the two
    (coach.activities.hardest, as several files of one day), and the line that names both, for
    the check-in and the morning push that starts it (renderers._asking). After midnight
    (`night`) the line names the day by its date."""
    told = told_last_night(last)
    if last is None or not told or not added_that_evening(last):
        return told, None
    timed = await timed_workout(repo, user, last.local_date)
    if timed is None or timed[0] == told["workout"] or told["workout"] == Workout.REST:
        return told, None
    workout = told_workout(told["workout"], told.get("leg_intensity"))
    session = timed_session(timed)
    line = (
        texts.CHECKIN_TOLD_AND_TIMED_DATED.format(
            day=format_day(last.local_date), session=session, workout=workout
        )
        if night
        else texts.CHECKIN_TOLD_AND_TIMED.format(session=session, workout=workout)
    )
    if hardest([timed[0], Workout(told["workout"])]) is timed[0]:
        return {"workout": timed[0].value, "also_workout": told["workout"]}, line
    return {**told, "also_workout": timed[0].value}, line


async def yesterday_known(
    repo: Repository,
    user: User,
    today: date,
    night: bool,
    now: datetime,
    said: Text = texts.CHECKIN_FROM_FILE,
) -> tuple[Workout, str] | None:
    """Yesterday's workout (the day before local `today`) as the bot knows it without asking,
    and the line that says so: from yesterday's activity files, which know more (distance,
    pace, laps), else from the sessions it timed that day (jog.timed_workout); None when
    neither tells. The check-in says that line instead of asking, and the morning push that
    starts it says the same (renderers._walking_first), a file's in its own words (`said`:
    texts.PUSH_FROM_FILE, without the check-in's "Correct it below")."""
    yesterday = today - timedelta(days=1)
    from_file = await _from_file(repo, user, yesterday, night, said, now)
    if from_file is not None:
        return from_file
    timed = await timed_workout(repo, user, yesterday)
    if timed is None:
        return None
    return timed[0], timed_line("dated" if night else "yesterday", timed, yesterday)


def timed_session(timed: tuple[Workout, JogSession]) -> str:
    """A session the bot timed, named by its kind (texts.TIMED_SESSION_NAMES), with its minutes:
    "🏃 Easy run (15 min)", "🚲 Cross-training (12 min)"; it counts as the check-in's workout
    answer `timed[0]` all the same (cross-training as other training)."""
    _workout, session = timed
    return texts.WORKOUT_WITH_MINUTES.format(
        workout=texts.TIMED_SESSION_NAMES[session.kind], minutes=session.actual_minutes
    )


def timed_line(when: str, timed: tuple[Workout, JogSession], day: date) -> str:
    """What a session the bot timed says of local `day`'s workout (texts.CHECKIN_TIMED: `when`
    is "yesterday", "today" or "dated"): "Yesterday's workout, from the run I timed: 🏃 Easy
    run (15 min)."."""
    noun = "run" if timed[1].kind == "jog" else "session"
    return texts.CHECKIN_TIMED[when, noun].format(day=format_day(day), workout=timed_session(timed))


async def correct_workout(update: Update, context: CoachContext) -> str | int | None:
    """The button under what a file said of yesterday, or what the user told of it last night
    (told_last_night): ask the workout after all; the answer replaces that one (an explicit
    answer always wins, issue 15)."""
    pressed = CheckinFromFile.of(update)
    draft = await context.repo.checkins.get_draft(user_id_of(update))
    if draft is None or draft.run_id != pressed.run_id:
        await expired(update)
        return ConversationHandler.END if draft is None else None
    await settle_button(update, texts.CHECKIN_FIX_WORKOUT)
    return await ask(update, context, pressed.run_id, WORKOUT, None)


async def correct_today(update: Update, context: CoachContext) -> str | int | None:
    """The button under what a session the bot timed said of the evening's own day: ask that
    question after all; the answer replaces the timer's."""
    pressed = CheckinFixToday.of(update)
    uid = user_id_of(update)
    draft = await context.repo.checkins.get_draft(uid)
    if draft is None:
        # The timer's line comes before walking is asked (`_begin`), so its "Correct it" may be
        # pressed after the verdict: that evening's question again, as an addition to it.
        reopened = await _reopen_evening(update, context)
        if reopened is not None:
            return reopened
    if draft is None or draft.run_id != pressed.run_id:
        await expired(update)
        return ConversationHandler.END if draft is None else None
    # The same button says "I trained more" where the timer's session was the day's and
    # nothing was taken for the user yet (`_add_evening`): asked what else, as "nothing today"
    # would deny the tap (TODAY_WORKOUT_MORE; marked in the draft, so a question asked again
    # after a typed answer that names none is the same).
    if TODAY_WORKOUT.field in draft.answers:
        await settle_button(update, texts.CHECKIN_FIX_WORKOUT)
        return await ask(update, context, pressed.run_id, TODAY_WORKOUT, None)
    answers = await context.repo.checkins.save_answer(
        uid, pressed.run_id, TRAINED_MORE, True, context.clock()
    )
    await settle_button(update, texts.CHECKIN_TRAINED_MORE)
    return await ask(update, context, pressed.run_id, TODAY_WORKOUT_MORE, answers)


async def _reopen_evening(update: Update, context: CoachContext) -> str | None:
    """ "Correct it" under the timer's line of an evening check-in (`_begin`), pressed after
    its verdict: while it is still that evening (the check-in's day is the one stored with that
    day's workout), ask "Did you train today too?" again, keeping the other answers
    (`_adding_to`); None when it is no longer that evening (the press is stale)."""
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    if user is None or user.time_zone is None:
        return None
    when = await _when(context, uid, user.time_zone)
    today, part, _night = when
    stored = await context.repo.checkins.get(uid, today)
    if part is not PartOfDay.EVENING or stored is None or stored.workout_that_day is None:
        return None
    run_id = secrets.token_hex(4)
    known = _adding_to(stored, today)
    await context.repo.checkins.start_draft(uid, run_id, context.clock(), None, known)
    await settle_button(update, texts.CHECKIN_FIX_WORKOUT)
    return await ask(update, context, run_id, TODAY_WORKOUT, known, when)


def why_asked(step: Step, when: When | None = None) -> str:
    """The answer to a typed "why?" under `step`: in a line, what its answer changes in the
    advice (shared/recovery-rules.md), and that the advice's own reasons come with it; `when`:
    the check-in's `_when`, as the question's own wording goes by it (`_prompt`)."""
    line: Label = texts.WHY_THIS_QUESTION[step.field]
    if step.field == TODAY_WORKOUT.field and when is not None and when[2]:
        line = texts.WHY_TODAY_WORKOUT_AFTER_MIDNIGHT.format(day=format_day(when[0]))
    return f"{line}\n{texts.WHY_COMES_WITH_ADVICE}"


def step_handlers(step: Step) -> list[BaseHandler[Any, Any, Any]]:
    async def on_button(update: Update, context: CoachContext) -> str | int | None:
        pressed = CheckinAnswer.of(update)
        return await _answer(update, context, step, pressed.run_id, pressed.value)

    async def on_other(update: Update, context: CoachContext) -> str | int | None:
        """A typed answer counts as the button it names (see Question.typed); anything else
        is asked again."""
        draft = await context.repo.checkins.get_draft(user_id_of(update))
        if draft is None:
            await send(update, texts.EXPIRED_HINT)
            return ConversationHandler.END
        asked = next_step(draft.answers) or step
        message = update.effective_message
        if message is not None and _timed_stays(draft.answers):
            # The question under "I trained more" is not on the screen until pressed, and has
            # no "nothing": a session the bot timed was the day's training whatever is typed
            # (newcomer: "nothing" stored a rest day over a timed run, and the reply said "stick
            # to your plan tonight" under "rest tonight").
            text = message.text or ""
            if _says_nothing(text):
                await send(update, texts.TIMED_SESSION_STAYS)
                if not draft.answers.get(TRAINED_MORE):
                    return None
                # Its question is on the screen: asked again, for more training still to tell.
                return await ask(update, context, draft.run_id, asked, draft.answers)
            if not draft.answers.get(TRAINED_MORE):
                more = TODAY_WORKOUT_MORE.matching(text, by_number=False)
                if more is not None:
                    await context.repo.checkins.save_answer(
                        user_id_of(update), draft.run_id, TRAINED_MORE, True, context.clock()
                    )
                    return await _answer(update, context, TODAY_WORKOUT_MORE, draft.run_id, more)
                # Not on the screen: its number or a word of it answers nothing ("6" is no
                # "nothing today" under two buttons).
                if not await press_close_spelling(update, context):
                    await send(update, texts.PICK_A_BUTTON)
                return None
        typed = asked.matching(message.text or "") if message is not None else None
        if typed is not None and asked.field == step.field:
            say_back(update, asked.label_of(typed) or typed)
            return await _answer(update, context, asked, draft.run_id, typed)
        if typed is None and asked.field == WALKING.field and message is not None:
            # A workout typed where walking is asked (first, or after a workout said for the
            # user) is taken as under the push that asks walking (OPENERS): an answer, which
            # wins over one said for the user. By its label only: a number counts the walking
            # buttons on the screen ("6" under five of them is no "😴 Rest day").
            workout = WORKOUT.matching(message.text or "", by_number=False)
            if workout is not None:
                say_back(update, WORKOUT.label_of(workout) or workout)
                return await _answer(update, context, WORKOUT, draft.run_id, workout)
        if message is not None and asks_why(message.text or ""):
            # No verdict yet to explain (a plain "why" outside a dialog gets the verdict's):
            # what this question is for, and the question again.
            user = await context.repo.users.get(user_id_of(update))
            zone = user.time_zone if user is not None else None
            when = None if zone is None else await _when(context, user_id_of(update), zone)
            await send(update, why_asked(asked, when))
            return await ask(update, context, draft.run_id, asked, draft.answers, when)
        if await press_close_spelling(update, context):
            return None  # another button of the latest keyboards ("correct it")
        await send(update, await no_such_button(update, context) or texts.PICK_A_BUTTON)
        return await ask(update, context, draft.run_id, asked, draft.answers)

    return [
        CallbackQueryHandler(on_button, pattern=CheckinAnswer.pattern(field=step.field)),
        MessageHandler(~filters.COMMAND, on_other),
    ]


def _says_nothing(text: str) -> bool:
    """Does a typed text say "nothing today" (its answer's label, or a plain "no": the
    overreach question's "No", as a yes-no question takes it)?"""
    nothing = TODAY_WORKOUT.matching(text, by_number=False) == Workout.REST
    return nothing or OVERREACH.matching(text, by_number=False) == "no"


def _timed_stays(answers: Mapping[str, Answer]) -> bool:
    """Is the draft an evening's addition to a day the bot timed a session of (TIMED_TODAY),
    whose own training is not told yet?"""
    return bool(answers.get(TIMED_TODAY)) and TODAY_WORKOUT.field not in answers


async def _night(update: Update, context: CoachContext) -> bool:
    """00:00-03:59 on the user's clock (`_when`); False until a zone is known."""
    user = await context.repo.users.get(user_id_of(update))
    if user is None or user.time_zone is None:
        return False
    return (await _when(context, user.telegram_user_id, user.time_zone))[2]


async def _answer(
    update: Update, context: CoachContext, step: Step, run_id: str, raw: str
) -> str | int | None:
    """Store one answer (tapped or typed) and ask the next question, or give the advice."""
    uid = user_id_of(update)
    label = step.label_of(raw)
    if step is TODAY_WORKOUT and await _night(update, context):
        label = TODAY_WORKOUT_AFTER_MIDNIGHT.label_of(raw)  # as its button said
    answers = None
    if label is not None:  # forged data never reaches the database
        now = context.clock()
        if step.field == "walking" and raw == PAIN_ANSWER:
            answers = await context.repo.checkins.save_answer(uid, run_id, "sharp_pain", True, now)
        elif step is WORKOUT:
            answers = await save_workout(context, uid, run_id, raw)
        elif step.field == TODAY_WORKOUT.field:
            # "Much harder than usual" is the overreach already, as in the morning.
            past_usual = ("today_overreached", True) if raw == Workout.HARD_SESSION else None
            answers = await context.repo.checkins.save_answer(
                uid, run_id, step.field, raw, now, default=past_usual
            )
        else:
            # A walking level tapped where pain was on offer: no pain, stored as such (unless
            # pain was the answer before, and walking is asked again after it).
            no_pain = ("sharp_pain", False) if step.field == "walking" else None
            answers = await context.repo.checkins.save_answer(
                uid, run_id, step.field, step.value_of(raw), now, default=no_pain
            )
    if answers is None:
        await expired(update)
        # No check-in running any more: leave the dialog; an old button: stay in it.
        return (
            ConversationHandler.END if await context.repo.checkins.get_draft(uid) is None else None
        )
    await settle_button(update, label)
    # A draft from a release before this one asked this after a hard session; whatever the
    # answer, the workout said it already (`settled`), and a "no" is told so before the verdict.
    hard = answers.get("workout") == Workout.HARD_SESSION
    if step is OVERREACH and hard and answers.get("overreached") is False:
        await send(update, texts.HARD_SESSION_IS_PAST_USUAL)
    following = next_step(answers)
    if following is not None:
        return await ask(update, context, run_id, following, answers)
    return await _conclude(update, context, answers)


async def save_workout(
    context: CoachContext, uid: int, run_id: str, workout: str
) -> dict[str, Any] | None:
    """Store the workout answer and what it says of the overreach: "much harder than usual" is
    overreached (coach.advice.Answers.past_usual), and another workout drops an overreach
    answer a corrected one had, so a leg day asks it again. One statement on the common path;
    a second only when a correction left an answer that no longer fits. Returns the answers,
    or None when the check-in is not the running one (CheckIns.save_answer)."""
    now = context.clock()
    hard = workout == Workout.HARD_SESSION
    default = ("overreached", True) if hard else None
    answers = await context.repo.checkins.save_answer(
        uid, run_id, "workout", workout, now, default=default
    )
    if answers is None:
        return None
    if answers.get("also_workout") is not None:
        # The answer takes the place of both workouts said (`last_nights_workout`).
        answers = await context.repo.checkins.save_answer(uid, run_id, "also_workout", None, now)
        if answers is None:
            return None
    fitting = True if hard else None
    if answers.get("overreached", fitting) is not fitting:
        answers = await context.repo.checkins.save_answer(uid, run_id, "overreached", fitting, now)
    return answers


async def _conclude(update: Update, context: CoachContext, answers: Mapping[str, Any]) -> int:
    answers = settled(answers)
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    assert user is not None and user.time_zone is not None
    now = context.clock()
    today, part, night = await _when(context, uid, user.time_zone)
    evening = part is PartOfDay.EVENING
    added_to = answers.get(ADDS_EVENING)
    if isinstance(added_to, str) and date.fromisoformat(added_to) != today:
        # Asked before 04:00 about the day just ended, answered after: still that day's evening
        # (its other answers are that day's, not the new day's).
        today, evening, night = date.fromisoformat(added_to), True, True
    if not evening:
        # Started just before 04:00 and finished after: "today" is no longer the day asked of.
        for key in ("today_workout", "today_leg_intensity", "today_overreached"):
            answers.pop(key, None)
    trained = answers.get("today_workout") not in (None, Workout.REST)
    # An addition to a check-in given before the evening (verdicts.open_for_addition) stores the
    # day's training but keeps the day's verdict, and is no evening check-in: its walking is that
    # morning's (coach.history compares mornings), so the reply goes for tonight only and the
    # next morning asks walking again (newcomer: the day's jog turned into "rest tonight" in
    # /history, and the next push called the morning's walking "last night's"). The evening
    # check-in whose timer line is corrected after its verdict (`_reopen_evening`) stays one.
    kept = await context.repo.checkins.get(uid, today) if added_to is not None else None
    adding = kept is not None and open_for_addition(kept)
    if adding and answers.get("today_workout") == Workout.REST:
        # A session the bot timed that day was its training, which "nothing today" told again
        # that evening takes nothing away from (newcomer: the next morning said "you told me:
        # 😴 Rest day" over a timed run). The timer's line "Correct it" corrects is no addition.
        timed = await timed_workout(context.repo, user, today, until=now)
        if timed is not None:
            answers["today_workout"], trained = timed[0].value, True
    advice, judged = await judged_advice_told(
        context.repo, answers, user, today, evening, night, trained, tonight_only=adding
    )
    rule, verdict, covers = advice.rule, advice.verdict.value, evening
    carried = judged.leg_day_before_rest  # decided with the verdict, stored beside it
    if kept is not None and adding:
        rule, verdict, covers = kept.rule, kept.advice, False
        carried = bool(kept.leg_day_before_rest)
    replaced = await context.repo.checkins.save(
        uid, today, {**answers, "leg_day_before_rest": carried}, rule, verdict, now, evening=covers
    )
    # Not once the evening's question has its answer: a file of the day was said as that
    # answer already, with its "Correct it" (newcomer: said twice on an addition's verdict, the
    # second time as "for the rest of today" under a rest tonight), or an answer told otherwise
    # stands over it (issue 15).
    files_of = today if answers.get(TODAY_WORKOUT.field) is None else None
    text = await verdict_text(context.repo, user, advice, judged, files_of, now, today)
    await remember(update, context, None, stored=CHECKIN)  # the draft is gone: the dialog ended
    if replaced and added_to is not None:
        note = texts.ADDED_NOTE_AFTER_MIDNIGHT.format(day=format_day(today)) if night else ""
        text = f"{note or texts.ADDED_NOTE}\n\n{text}"
    elif replaced:
        note = texts.REPLACED_NOTE_AFTER_MIDNIGHT.format(day=format_day(today)) if night else ""
        text = f"{note or texts.REPLACED_NOTE}\n\n{text}"
    await send(update, text, advice_keyboard(advice.verdict, user, now, today.toordinal()))
    return ConversationHandler.END


async def verdict_text(
    repo: Repository,
    user: User,
    advice: Advice,
    judged: Answers,
    files_of: date | None,
    now: datetime,
    day: date | None = None,
    named_from: date | None = None,
) -> str:
    """A verdict screen as the check-in's reply shows it (coach.advice.render_advice): with the
    user's own record where the verdict cites it, compared with leg days as hard as the one in
    `judged` (the answers the verdict went by, verdicts.judged_advice), and what the files of
    local day `files_of` did already (activities.done_today; None: no files are named), their
    days named from the user's calendar at `now` (after midnight the check-in's day is
    yesterday). `day`: the check-in's local day, to ask for easing back in under a verdict
    that lets the user train when the check-in before it told of pain (`_easing_back`).
    `named_from`: the day the files' days are named from ("today") instead, when the verdict
    speaks of its own day after midnight (general.today_command)."""
    record = None
    easing = ""
    # Green and yellow let the user run or train on their legs again (coach.advice.band_of).
    if day is not None and advice.band is not Band.RED and not judged.sharp_pain:
        easing = await _easing_back(repo, user, day, now)
    # The record compares days after leg days; a leg day two days back decided this one
    # (coach.advice.carries_leg_day), which those figures say nothing about.
    if cites_own_record(advice.verdict) and not judged.leg_day_before_rest:
        # Today's own check-in has no follow-up yet, so it never counts as a case. The leg days
        # compared are as hard as the one the verdict went by: in the evening of a leg day, that
        # day's, not yesterday's rest day (then "similar", intensity None: issue 13).
        days, runs = await user_record(repo, user)
        intensity = judged.leg_intensity.value if judged.leg_intensity else None
        record = describe_baseline(baseline(days, runs, intensity))
    done = ""
    if files_of is not None:
        files = await repo.activities.on_day(user.telegram_user_id, files_of)
        zone = user.time_zone or "UTC"
        done = done_today(files, zone, named_from or local_date(zone, now), advice.verdict)
    return render_advice(advice, record, "\n\n".join(line for line in (easing, done) if line))


async def _easing_back(repo: Repository, user: User, day: date, now: datetime) -> str:
    """The line that asks to ease back in when the check-in before local `day`'s told of pain
    (`pain_reminder` asks about the same pain at the walking question); "yesterday" names it
    only where it is yesterday on the user's clock at `now`, else its date. Empty otherwise."""
    pain_day = await _pain_day(repo, user.telegram_user_id, day)
    if pain_day is None:
        return ""
    if pain_day == local_date(user.time_zone or "UTC", now) - timedelta(days=1):
        return str(texts.PAIN_EASING_BACK)
    return texts.PAIN_EASING_BACK_DATED.format(day=format_day(pain_day))


def states() -> dict[object, list[BaseHandler[Any, Any, Any]]]:
    return {step.state: step_handlers(step) for step in STEPS.values()}
