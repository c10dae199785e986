"""Activity files shared in the chat (issue 15): a FIT, TCX or GPX file sent as a document, at any
time, is read, classed for the recovery rules, stored as an activity row and summed up in one
line with what the coach makes of it and why. A strength session asks "was it legs?".

Handlers: `on_document` (any document), `on_legs` (the ActivityLegs buttons). The check-in
takes yesterday's files from here (`workout_from_files`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from conversations import texts
from conversations.activity_files import (
    MAX_FILE_BYTES,
    ActivityFileError,
    Parsed,
    Problem,
    kind_of,
    read_in_worker,
)
from conversations.buttons import ActivityForToday, ActivityLegs
from conversations.coach.activities import (
    LABELS,
    Activity,
    ActivityClass,
    Classification,
    EarlierRun,
    Reason,
    Sport,
    classify,
    describe,
    hardest,
    pace_of,
    workout_of,
)
from conversations.coach.advice import WORKOUT_WORDS, Verdict, Workout, render_advice
from conversations.coach.timing import (
    PartOfDay,
    local_date,
)
from conversations.common import expired, send, set_up_user, settle_button, user_id_of
from conversations.context import CoachContext
from conversations.i18n import N_, Text, format_day, format_number, format_time, plain_words
from conversations.jog import advice_keyboard
from conversations.keyboards import checkin_now_keyboard, inline
from conversations.verdicts import FIELDS, checkin_now, judged_advice_told, settled
from storage.activities import NewActivity
from storage.models import ActivityRecord, CheckIn

# Files older than this say little about this week's legs: kept for the history only (issue 15).
ADVICE_DAYS = 7
# A watch's clock may run a little ahead of ours: only a start further ahead is "in the future".
CLOCK_SLACK = timedelta(minutes=10)
# Two files of one sport starting this close are one activity exported twice, or recorded by a
# watch and a phone app at once: their starts differ by when each took its first point, and a
# GPS fix can take a minute. A second session of one sport that soon after the first is a
# recording stopped and started again, rare enough to be counted once too.
SAME_START = timedelta(minutes=2)

SPORT_NAMES: dict[Sport, Text] = {
    Sport.RUN: N_("🏃 Run"),
    Sport.CYCLE: N_("🚴 Ride"),
    Sport.SWIM: N_("🏊 Swim"),
    Sport.STRENGTH: N_("🏋️ Strength session"),
    Sport.OTHER: N_("🤸 Workout"),
}
PROBLEMS: dict[Problem, Text] = {
    Problem.NOT_ACTIVITY: texts.ACTIVITY_NOT_ACTIVITY,
    Problem.CORRUPT_FIT: texts.ACTIVITY_CORRUPT_FIT,
    Problem.MALFORMED_XML: texts.ACTIVITY_MALFORMED_XML,
    Problem.NO_TIMES: texts.ACTIVITY_NO_TIMES,
    Problem.NO_POINTS: texts.ACTIVITY_NO_POINTS,
    Problem.NO_SESSION: texts.ACTIVITY_NO_SESSION,
    Problem.TOO_BIG: texts.ACTIVITY_TOO_BIG,
    Problem.ZIP_BOMB: texts.ACTIVITY_ZIP_BOMB,
    Problem.BAD_GZIP: texts.ACTIVITY_BAD_GZIP,
    Problem.TOO_SLOW: texts.ACTIVITY_TOO_SLOW,
}


def duration(seconds: float) -> str:
    """'45 min' under an hour, else '1:45:00'."""
    whole = round(seconds)
    if whole < 3600:
        return texts.ACTIVITY_MINUTES.format(minutes=max(1, round(whole / 60)))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def summary(row: ActivityRecord, zone: str, today: date | None = None) -> str:
    """'🏃 Run, Sat 28 Nov 08:00: 21.5 km, 1:45:00 moving, avg HR 145 bpm'; with `today` (the
    user's local date), a start today or yesterday says so instead of the date."""
    start = row.started_at.astimezone(ZoneInfo(zone))
    day = format_day(start)
    if today is not None and start.date() == today:
        day = str(texts.ACTIVITY_TODAY)
    elif today is not None and start.date() == today - timedelta(days=1):
        day = str(texts.ACTIVITY_YESTERDAY)
    details = []
    if row.distance_metres:
        details.append(texts.ACTIVITY_KM.format(km=format_number(row.distance_metres / 1000)))
    details.append(texts.ACTIVITY_MOVING.format(time=duration(row.moving_seconds)))
    if row.avg_heart_rate:
        details.append(texts.ACTIVITY_HR.format(bpm=row.avg_heart_rate))
    return texts.ACTIVITY_SUMMARY.format(
        sport=SPORT_NAMES[Sport(row.sport)],
        day=day,
        time=format_time(start),
        details=", ".join(details),
    )


# The sessions of today's files that already are the verdict's own: the easy jog is a run,
# cross-training a ride or a swim (no impact), "very easy or cross" either, and a plan kept
# any session. Under any other verdict (or another sport) the advice is for the rest of the day.
SESSION_OF: dict[Verdict, frozenset[Sport]] = {
    Verdict.EASY_JOG: frozenset({Sport.RUN}),
    Verdict.EASY_OR_CROSS: frozenset({Sport.RUN, Sport.CYCLE, Sport.SWIM}),
    Verdict.CROSS_TRAIN: frozenset({Sport.CYCLE, Sport.SWIM}),
    Verdict.AS_PLANNED: frozenset(Sport),
}


DONE_TODAY_FILES = 3


def counts_as_session(rows: Iterable[ActivityRecord], verdict: Verdict) -> bool:
    """Is one of these files (a day's, storage Activities.on_day) the session `verdict` asks
    for (SESSION_OF), so that day's session is done?"""
    return any(Sport(row.sport) in SESSION_OF.get(verdict, ()) for row in rows)


def done_today(rows: Iterable[ActivityRecord], zone: str, today: date, verdict: Verdict) -> str:
    """For a check-in made after a file of the same day (a run this morning): one line per
    file, then whether it was already the session the verdict asks for or the verdict is for
    the rest of the day (issue 13); "" when there is no such file. `rows`: the files of the
    check-in's day (storage Activities.on_day); `today`: the user's calendar date, from which
    their day is named (after midnight the check-in's day is yesterday)."""
    rows = list(rows)
    if not rows:
        return ""
    # The latest few, so that a day of many files still leaves the verdict one message.
    shown = rows[-DONE_TODAY_FILES:]
    lines = [texts.DONE_TODAY.format(activity=summary(row, zone, today)) for row in shown]
    counts = counts_as_session(rows, verdict)
    lines.append(str(texts.DONE_TODAY_COUNTS if counts else texts.DONE_TODAY_REST))
    return "\n".join(lines)


def _purpose(day: date, today: date, night: bool = False) -> Text:
    """Which check-in a file of local `day` counts for, as said on check-in day `today`; after
    midnight (`night`) that day is yesterday on the user's clock, and "today's" or
    "tomorrow's" check-in would name the wrong one: the next check-in takes either."""
    if day not in (today, today - timedelta(days=1)):
        return texts.ACTIVITY_FOR_HISTORY
    if night:
        return texts.ACTIVITY_FOR_NEXT_CHECKIN
    return texts.ACTIVITY_FOR_TOMORROW if day == today else texts.ACTIVITY_FOR_TODAY


async def on_document(update: Update, context: CoachContext) -> None:
    message = update.effective_message
    if message is None or message.document is None:
        return
    user = await set_up_user(update, context)
    if user is None or user.time_zone is None:
        return
    document = message.document
    name = document.file_name or ""
    kind = kind_of(name)
    if kind is None:
        await send(update, texts.ACTIVITY_NOT_ACTIVITY)
        return
    # Refused before asking for it: Telegram would not hand a bot more (Bot API, getFile).
    if (document.file_size or 0) > MAX_FILE_BYTES:
        await send(update, texts.ACTIVITY_TOO_BIG)
        return
    try:
        file = await context.bot.get_file(document.file_id)
        data = bytes(await file.download_as_bytearray())
        parsed = await read_in_worker(name, data)
    except BadRequest:  # "file is too big" when the size was not stated
        await send(update, texts.ACTIVITY_TOO_BIG)
        return
    except ActivityFileError as error:
        await send(update, PROBLEMS[error.problem].format(kind=kind.upper()))
        return
    await _store_and_reply(update, context, user.telegram_user_id, user.time_zone, parsed)


async def _store_and_reply(
    update: Update, context: CoachContext, uid: int, zone: str, parsed: Parsed
) -> None:
    repo = context.repo
    now = context.clock()
    activity = parsed.activity
    sent = await repo.activities.by_source(uid, parsed.source_id)
    said = texts.ACTIVITY_DUPLICATE
    if sent is None:
        # The same activity in another file (exported twice, or by a watch's app and Strava
        # both): as the file sent again, it is counted once.
        sent = await repo.activities.same_activity(
            uid, activity.sport.value, activity.start, SAME_START
        )
        said = texts.ACTIVITY_SAME_ACTIVITY
    if sent is not None:
        # The button under the first reply may be far up the chat, or gone: sending the file
        # again offers it once more while today's check-in still goes by the user's answer.
        today, _night = await _checkin_day(context, uid, zone)
        checkin = await repo.checkins.get(uid, today)
        note, use_file = await _checkin_made(context, uid, today, sent, checkin)
        note = note or await _told_that_evening(context, uid, today, sent, checkin)
        told: tuple[str, ...] = (str(said),)
        if sent.source_id != parsed.source_id:
            told = (summary(sent, zone, local_date(zone, now)), str(said))
        await send(update, "\n".join((*told, *note)), _next_step(checkin, use_file))
        return
    if activity.start > now + CLOCK_SLACK:
        await send(update, texts.ACTIVITY_FUTURE)
        return
    for_advice = now - activity.start <= timedelta(days=ADVICE_DAYS)
    earlier = [
        EarlierRun(pace_of(r.moving_seconds, r.distance_metres), r.avg_heart_rate)
        for r in await repo.activities.runs_before(uid, activity.start)
    ]
    found = classify(activity, earlier)
    row = await repo.activities.add(uid, _new_row(parsed, activity, zone, found, for_advice), now)
    today, night = await _checkin_day(context, uid, zone)
    checkin = await repo.checkins.get(uid, today)
    # Named from the user's own calendar: after midnight the check-in's day is yesterday.
    head = summary(row, zone, local_date(zone, now))
    if not for_advice:
        old = f"{head}\n{texts.ACTIVITY_TOO_OLD.format(days=ADVICE_DAYS)}"
        await send(update, old, _next_step(checkin))
        return
    if found.kind is ActivityClass.ASK_LEGS:
        keyboard = inline(
            [
                [
                    (texts.ACTIVITY_LEGS_YES, ActivityLegs(row.id, "yes")),
                    (texts.ACTIVITY_LEGS_NO, ActivityLegs(row.id, "no")),
                ]
            ]
        )
        await send(update, f"{head}\n{texts.ACTIVITY_ASK_LEGS}", keyboard)
        return
    note, use_file = await _checkin_made(context, uid, today, row, checkin)
    if use_file is not None:
        # Today's check-in keeps its own answer unless the user lets the file decide: until
        # then the file does not count (/history says "Not used"), so no "it counts as".
        await send(update, "\n".join((head, *note)), use_file)
        return
    kept = await _told_that_evening(context, uid, today, row, checkin)
    if kept:
        # As /history's "Not used": the evening's own answer, not the file, goes to the next
        # check-in (verdicts.told_last_night), so the file is not said to count for it.
        await send(update, "\n".join((head, *kept)), _next_step(checkin))
        return
    purpose = _purpose(row.local_date, today, night)
    verdict = texts.ACTIVITY_VERDICT.format(
        label=LABELS[found.kind], purpose=purpose, reason=found.reason
    )
    await send(update, "\n".join((head, verdict, *note)), _next_step(checkin))


async def _checkin_day(context: CoachContext, uid: int, zone: str) -> tuple[date, bool]:
    """The day a check-in now counts for (verdicts.checkin_now), and whether it is 00:00-03:59,
    when that day is yesterday on the user's clock."""
    today, _part, night = await checkin_now(context.repo, uid, zone, context.clock())
    return today, night


async def _checkin_made(
    context: CoachContext, uid: int, today: date, row: ActivityRecord, checkin: CheckIn | None
) -> tuple[tuple[str, ...], InlineKeyboardMarkup | None]:
    """For a file of yesterday (counting for advice) once today's check-in (`checkin`, as
    stored for local `today`, or None) is made: one line on that check-in; when its answer for
    yesterday differs from what the day's files say, the lines saying the answer counts and
    what the files say (as /history's "Not used" line, issue 13), and one button to let the
    files decide today's advice. The answer given stays unless the user presses it (an explicit
    answer always wins, issue 15). Else ((), None)."""
    if not row.for_advice or row.local_date != today - timedelta(days=1) or checkin is None:
        return (), None
    files = workout_from_files(await context.repo.activities.on_day(uid, row.local_date))
    if files is None or files[0].value == checkin.workout:
        return (str(texts.ACTIVITY_CHECKIN_AGREES),), None
    workout, decided_by = files
    reason = reason_of(decided_by)
    said = workout_words(checkin.workout)
    files_say = (
        texts.ACTIVITY_FILES_SAY.format(workout=workout_words(workout.value), reason=reason)
        if reason
        else texts.ACTIVITY_FILES_SAY_PLAIN.format(workout=workout_words(workout.value))
    )
    lines = (
        texts.ACTIVITY_CHECKIN_KEPT.format(workout=said),
        files_say,
        texts.ACTIVITY_TAP_TO_USE.format(button=texts.ACTIVITY_USE_FOR_TODAY),
    )
    button = inline([[(texts.ACTIVITY_USE_FOR_TODAY, ActivityForToday(today.toordinal()))]])
    return lines, button


async def _told_that_evening(
    context: CoachContext, uid: int, today: date, row: ActivityRecord, checkin: CheckIn | None
) -> tuple[str, ...]:
    """For a file of `today` (the user's check-in day) once that day's evening check-in
    (`checkin`, as stored, or None) told its workout (CheckIn.workout_that_day) otherwise than
    the day's files do: the line saying that answer stands for the next check-in (an explicit
    answer always wins, issue 15). Else ()."""
    if row.local_date != today or checkin is None or checkin.workout_that_day is None:
        return ()
    files = workout_from_files(await context.repo.activities.on_day(uid, today))
    if files is None or files[0].value == checkin.workout_that_day:
        return ()
    said = workout_words(checkin.workout_that_day)
    return (texts.ACTIVITY_EVENING_KEPT.format(workout=said),)


def _next_step(
    checkin: CheckIn | None, offered: InlineKeyboardMarkup | None = None
) -> InlineKeyboardMarkup | None:
    """The buttons under a reply to a file: `offered` (`_checkin_made`'s "Use the file for
    today's advice"), if any; else, before the check-in of the user's check-in day (`checkin`,
    as stored, or None), "Check in now", as the pushes ask for it: the check-in takes
    yesterday's files, and its verdict is what a file is for. After that check-in, none: its
    verdict and buttons are above, and the reply says how the file stands to it."""
    if offered is not None:
        return offered
    if checkin is not None:
        return None
    return checkin_now_keyboard()


def workout_words(code: str) -> str:
    """A stored workout in the words of its check-in button, without the button's emoji (they
    are quoted in a sentence, or read in the export), in the current language; the code itself
    for one a later version stores."""
    try:
        return plain_words(WORKOUT_WORDS[Workout(code)].label)
    except ValueError:
        return code


async def on_use_for_today(update: Update, context: CoachContext) -> None:
    """The button under a file that came after today's check-in: today's advice decided again
    as the check-in would have with the file's class (the answers that class does not ask are
    dropped; those it asks and were not answered stay unknown, as coach.advice.advise takes
    them), stored over the check-in and sent."""
    pressed = ActivityForToday.of(update)
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    now = context.clock()
    if user is None or user.time_zone is None:
        await expired(update)
        return
    today, part, night = await checkin_now(context.repo, uid, user.time_zone, now)
    checkin = await context.repo.checkins.get(uid, today)
    yesterday = today - timedelta(days=1)
    files = workout_from_files(await context.repo.activities.on_day(uid, yesterday))
    if pressed.day != today.toordinal() or checkin is None or files is None:
        await expired(update)
        return
    workout = files[0]
    answers: dict[str, Any] = {name: getattr(checkin, name) for name in FIELDS}
    answers["workout"] = workout.value
    answers["also_workout"] = None  # the file's workout in place of what was told
    if workout is not Workout.LEG_DAY:
        answers["leg_intensity"] = None
    answers = settled(answers)
    evening = part is PartOfDay.EVENING
    advice, judged = await judged_advice_told(context.repo, answers, user, today, evening, night)
    answers["leg_day_before_rest"] = judged.leg_day_before_rest
    await context.repo.checkins.save(
        uid, today, answers, advice.rule, advice.verdict.value, now, evening=evening
    )
    await settle_button(update, texts.ACTIVITY_USE_FOR_TODAY)
    text = f"{texts.ACTIVITY_USED_FOR_TODAY}\n\n{render_advice(advice)}"
    await send(update, text, advice_keyboard(advice.verdict, user, now, today.toordinal()))


def _new_row(
    parsed: Parsed, activity: Activity, zone: str, found: Classification, for_advice: bool
) -> NewActivity:
    return NewActivity(
        source_id=parsed.source_id,
        sport=activity.sport.value,
        started_at=activity.start,
        local_date=local_date(zone, activity.start),
        moving_seconds=round(activity.moving_seconds),
        distance_metres=round(activity.distance_metres) if activity.distance_metres else None,
        avg_heart_rate=activity.avg_heart_rate,
        max_heart_rate=activity.max_heart_rate,
        classification=found.kind.value,
        for_advice=for_advice,
        reason={"why": found.why.value, **found.values},
    )


async def on_legs(update: Update, context: CoachContext) -> None:
    pressed = ActivityLegs.of(update)
    legs = pressed.answer == "yes"
    label = texts.ACTIVITY_LEGS_YES if legs else texts.ACTIVITY_LEGS_NO
    if not await context.repo.activities.set_legs(user_id_of(update), pressed.activity_id, legs):
        await expired(update)
        return
    await settle_button(update, label)
    noted = str(texts.ACTIVITY_LEGS_NOTED if legs else texts.ACTIVITY_NOT_LEGS_NOTED)
    # The answer may change what yesterday's files say after today's check-in was made.
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    row = await context.repo.activities.get(uid, pressed.activity_id)
    if user is None or user.time_zone is None or row is None or not row.for_advice:
        await send(update, noted)
        return
    today, _night = await _checkin_day(context, uid, user.time_zone)
    checkin = await context.repo.checkins.get(uid, today)
    note, use_file = await _checkin_made(context, uid, today, row, checkin)
    kept = () if note else await _told_that_evening(context, uid, today, row, checkin)
    if kept:
        # The evening's answer for that day stands (issue 15): "it counts as leg day" would
        # say the file goes to the next check-in, which it does not.
        noted = str(texts.ACTIVITY_LEGS_KEPT if legs else texts.ACTIVITY_NOT_LEGS_KEPT)
    await send(update, "\n".join((noted, *note, *kept)), _next_step(checkin, use_file))


# /history lists the files of the same span as its table.
HISTORY_DAYS = 14


class StoredClass(Protocol):
    """What says how a stored file counts (an ActivityRecord, or the Mini App's copy of it)."""

    @property
    def local_date(self) -> date: ...
    @property
    def classification(self) -> str: ...
    @property
    def legs(self) -> bool | None: ...
    @property
    def for_advice(self) -> bool: ...
    @property
    def reason(self) -> Mapping[str, Any] | None: ...


# The class of a file whose day the user's own answer decided (see `overruled`).
NOT_USED = "not_used"


def overruled(files: Iterable[StoredClass], answered: Mapping[date, str]) -> dict[date, str]:
    """The days whose files the check-in of the day after did not follow: {the files' local
    day: the workout that check-in stored (a Workout value)}. `answered`: {check-in date: its
    workout}. That check-in's workout decided its advice; the files' only when it is theirs
    (taken from them, or "use it for today" pressed), since an explicit answer always wins
    (issue 15). So a file of such a day did not count, and no screen may say it did."""
    told: dict[date, list[Workout]] = {}
    for row in files:
        if not row.for_advice:
            continue
        try:
            workout = workout_of(ActivityClass(row.classification), row.legs)
        except ValueError:  # a class a later version stores
            continue
        if workout is not None:
            told.setdefault(row.local_date, []).append(workout)
    days: dict[date, str] = {}
    for day, workouts in told.items():
        decided = hardest(workouts)
        answer = answered.get(day + timedelta(days=1))
        if decided is not None and answer is not None and answer != decided.value:
            days[day] = answer
    return days


def shown_class(row: StoredClass, said: str | None = None) -> str:
    """How a stored file counts now: its ActivityClass value, or for a strength session the
    answer to "was it legs?" ("leg_day", or "other"); "ask_legs" while unanswered; "not_used"
    when `said` (the user's words for the workout they answered instead, see `overruled`)."""
    if said is not None and row.for_advice:
        return NOT_USED
    if row.legs is not None:
        return "leg_day" if row.legs else ActivityClass.OTHER.value
    return row.classification


def _sentence(text: str) -> str:
    """`text` as a sentence starts: only its first letter raised. str.capitalize would lower
    every other one, and German writes its nouns large ("zählt als lockerer Lauf")."""
    return text[:1].upper() + text[1:]


def class_label(row: StoredClass, said: str | None = None) -> str:
    """How the file counted, as a sentence starts, in the current language; `said`: see
    `shown_class`."""
    if not row.for_advice:
        return _sentence(str(texts.ACTIVITY_HISTORY_ONLY))
    if said is not None:
        return _sentence(texts.ACTIVITY_NOT_USED.format(workout=said))
    kind = shown_class(row)
    if kind == "leg_day":
        return _sentence(str(texts.ACTIVITY_LEG_DAY))
    try:
        return _sentence(str(LABELS[ActivityClass(kind)]))
    except ValueError:  # a class a later version stores
        return kind


def class_name(row: StoredClass) -> str:
    """The file's class as a name, in the current language, whether or not it counted: the
    words of the check-in's workout button it stands for ("Long run or race", "Easy run"; a
    strength file answered "was it legs?" as "Leg day" or "Other training"), so the export
    names a class as the check-in names that workout; "Strength session" while unanswered;
    the stored code for a class a later version stores."""
    try:
        workout = workout_of(ActivityClass(row.classification), row.legs)
    except ValueError:
        return row.classification
    if workout is None:
        return str(texts.ACTIVITY_STRENGTH_CLASS)
    return workout_words(workout.value)


def reason_of(row: StoredClass, said: str | None = None) -> str:
    """Why the file was classed as it was, in the current language; for a strength session the
    user's own answer; "" for a row stored before the reason was kept, and for a file that did
    not count (`said`, see `shown_class`): why it would have is beside the point."""
    if said is not None and row.for_advice:
        return ""
    if row.legs is not None:
        return str(texts.ACTIVITY_SAID_LEGS if row.legs else texts.ACTIVITY_SAID_NOT_LEGS)
    stored = dict(row.reason or {})
    try:
        return describe(Reason(stored.pop("why", None)), stored)
    except (ValueError, KeyError, TypeError):
        return ""


def activity_lines(
    rows: list[ActivityRecord], zone: str, today: date, said: Mapping[date, str] | None = None
) -> list[str]:
    """/history's lines for the files of the last `HISTORY_DAYS` days, oldest first: the
    summary and how each counted. `said`: {a day of `overruled`: the user's words for what
    they answered instead}."""
    said = said or {}
    return [
        f"• {summary(row, zone)} {class_label(row, said.get(row.local_date))}."
        for row in rows
        if row.local_date > today - timedelta(days=HISTORY_DAYS)
    ]


def workout_from_files(rows: list[ActivityRecord]) -> tuple[Workout, ActivityRecord] | None:
    """Yesterday's workout as the day's files tell it: the hardest decides (issue 15); a
    strength session not answered yet tells nothing. Returns it with the file that decided."""
    told = {
        row.id: workout
        for row in rows
        if (workout := workout_of(ActivityClass(row.classification), row.legs)) is not None
    }
    decided = hardest(list(told.values()))
    if decided is None:
        return None
    row = next(r for r in rows if told.get(r.id) == decided)
    return decided, row


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        MessageHandler(filters.Document.ALL, on_document),
        CallbackQueryHandler(on_legs, pattern=ActivityLegs.pattern()),
        CallbackQueryHandler(on_use_for_today, pattern=ActivityForToday.pattern()),
    ]
