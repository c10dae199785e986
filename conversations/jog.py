"""The easy jog: the offer under the advice, reminders, and the guided 15-20 minute timer.

Buttons carry everything they need (the kind of session, or the session id), so they keep
working after a restart; a session id that isn't the user's own is treated as expired.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from conversations import texts
from conversations.buttons import (
    JogCancel,
    JogFeeling,
    JogFinish,
    JogKind,
    JogRan,
    JogRanEarly,
    JogRemind,
    JogRoutine,
    JogSkip,
    JogStart,
    JogStartAnyway,
    RoutineNext,
    WhyFor,
)
from conversations.coach.activities import hardest
from conversations.coach.advice import Advice, Band, Verdict, Workout
from conversations.coach.routine import ROUTINE, move_of_cue, move_times
from conversations.coach.routine import SESSION_KIND as ROUTINE_KIND
from conversations.coach.timing import (
    ENDED_OFFLINE_GRACE,
    GRACE,
    REMIND_IN,
    SNOOZE,
    WARM_UP,
    after_midnight,
    after_quiet_hours,
    checkin_day,
    cue_times,
    local_date,
    local_moment,
    quiet_now,
)
from conversations.common import answer_press, expired, send, set_up_user, settle_button, user_id_of
from conversations.context import CoachContext
from conversations.i18n import Label, format_time
from conversations.keyboards import Button, checkin_now_keyboard, compression_controls, inline
from conversations.planning import plan_compression_cue, plan_timer
from conversations.verdicts import (
    advice_in_force,
    checkin_in_force,
    current_day,
    last_nights_checkin,
    rest_day_said,
    todays_advice,
)
from storage.models import JogSession, JogStatus, MessageKind, ReminderPayload, User
from storage.repository import Repository

JOG_VERDICTS: dict[str, JogKind] = {
    Verdict.EASY_JOG: "jog",
    Verdict.CROSS_TRAIN: "cross",
    Verdict.EASY_OR_CROSS: "cross",
}


def kind_for(verdict: str) -> JogKind | None:
    return JOG_VERDICTS.get(verdict)


def _run_time_today(user: User, now: datetime) -> time | None:
    """The usual run time, if it is still ahead today in the user's zone and outside their
    quiet hours (no reminder fires in them, so "Remind me at 22:30" would not be true)."""
    if user.run_time is None or user.time_zone is None:
        return None
    today = local_date(user.time_zone, now)
    moment = local_moment(user.time_zone, today, user.run_time)
    return user.run_time if moment > now and not quiet_now(user, moment) else None


async def day_of(repo: Repository, user: User, now: datetime) -> int:
    """The check-in day a button sent at `now` belongs to, as its data carries it
    (conversations.buttons: date.toordinal() of verdicts.current_day, the day every screen
    reads)."""
    return (await _today(repo, user, now)).toordinal()


async def _today(repo: Repository, user: User, now: datetime) -> date:
    """verdicts.current_day for this user (UTC until a zone is known)."""
    return await current_day(repo, user.telegram_user_id, user.time_zone or "UTC", now)


def start_row(kind: JogKind, day: int) -> list[Button]:
    """The timer's start buttons, named for what they start: after a race or on a go-gently
    day the verdict advised cross-training, and its buttons say so."""
    if kind == "cross":
        return [
            (texts.START_CROSS_15, JogStart(kind, 15, day)),
            (texts.START_CROSS_20, JogStart(kind, 20, day)),
        ]
    return [(texts.START_15, JogStart(kind, 15, day)), (texts.START_20, JogStart(kind, 20, day))]


def start_rows(verdict: str, kind: JogKind, day: int) -> list[list[Button]]:
    """The start buttons a verdict offers, under it and at /jog alike: its kind's
    (`start_row`), and on rule 6's go-gently day, below cross-training ("Better: cross-train"),
    the run its check-in allowed ("Only if you must: a very short, very easy run")."""
    rows = [start_row(kind, day)]
    if verdict == Verdict.EASY_OR_CROSS:
        rows.append([(texts.START_JOG_15, JogStart("jog", 15, day))])
    return rows


def offer_keyboard(
    verdict: str, kind: JogKind, user: User, now: datetime, day: int
) -> list[list[Button]]:
    """The jog offer of `verdict` sent at `now`, its buttons carrying check-in `day`
    (`day_of`)."""
    rows = start_rows(verdict, kind, day)
    run_time = _run_time_today(user, now)
    if run_time is not None:
        label = texts.REMIND_AT.format(time=format_time(run_time))
        rows.append([(label, JogRemind("at", kind, day))])
    rows.append(
        [(texts.REMIND_IN_HOUR, JogRemind("in", kind, day)), (texts.NOT_TODAY, JogSkip(kind, day))]
    )
    return rows


def _small_hours(user: User, now: datetime) -> bool:
    """00:00-03:59 on the user's clock (coach.timing.after_midnight); False without a zone."""
    return user.time_zone is not None and after_midnight(user.time_zone, now)


def offered_kind(verdict: str, user: User, now: datetime) -> JogKind | None:
    """The timer a verdict's buttons offer at `now` (`kind_for`), but none for rule 4's
    cross-training in the small hours (coach.timing.after_midnight): its day is over, and the
    verdict says to sleep (coach.advice.RACE_NIGHT_HEADLINE)."""
    late = _small_hours(user, now)
    return None if late and verdict == Verdict.CROSS_TRAIN else kind_for(verdict)


def advice_rows(verdict: str, user: User, now: datetime, day: int) -> list[list[Button]]:
    """Under every verdict: the "Why?" button of that verdict; under a jog or cross-training
    day, the offer (never a jog on a no-run day: rule 4's is cross-training, and none after
    midnight, `offered_kind`); under a hard-to-walk day, the strength and mobility routine
    (conversations.routine). `day`: the check-in day the buttons carry (`day_of`)."""
    kind = offered_kind(verdict, user, now)
    rows = offer_keyboard(verdict, kind, user, now, day) if kind else []
    if verdict == Verdict.STRENGTH_MOBILITY:
        rows = [[(texts.MOBILITY_BUTTON, JogRoutine(day))]]
    return [*rows, why_row(verdict)]


def why_row(verdict: str) -> list[Button]:
    """The "Why?" button of a verdict, the last row under it."""
    return [(texts.WHY_BUTTON, WhyFor(verdict))]


RunSettled = Literal["done", "reminder", "skipped"]


async def run_settled(repo: Repository, user: User, day: date) -> tuple[RunSettled, str] | None:
    """What the user already settled about the run of their local `day`, with the one line a
    push says of it: a run or cross-training finished that day ("✅ Done today: Easy jog,
    15 min"), a reminder pending ("⏰ Reminder set for 18:00"), or "Not today" said (stored as
    `User.run_skipped_on`); None when nothing is. The first that holds wins, in that order."""
    zone = user.time_zone or "UTC"
    uid = user.telegram_user_id
    last = await done_on(repo, user, day)
    if last is not None:
        return "done", done_line(last)
    # Claimed too: a reminder due with the push is claimed beside it, and comes right after.
    reminders = [m for m in await repo.schedule.unsent(uid) if m.kind == MessageKind.JOG_REMINDER]
    if reminders:
        when = format_time(reminders[0].due_at.astimezone(ZoneInfo(zone)))
        return "reminder", texts.DAY_REMINDER_SET.format(time=when)
    if user.run_skipped_on == day:
        return "skipped", str(texts.DAY_RUN_SKIPPED)
    return None


async def done_on(repo: Repository, user: User, day: date) -> JogSession | None:
    """The last run or cross-training session started on the user's local `day` and finished
    (at time up, early, or told after the bot was offline), if any."""
    zone = user.time_zone or "UTC"
    that_day = await repo.jogs.started_between(
        user.telegram_user_id,
        local_moment(zone, day, time(0, 0)),
        local_moment(zone, day + timedelta(days=1), time(0, 0)),
    )
    done = [
        session
        for session in that_day
        if session.status == JogStatus.COMPLETED and session.kind in JOG_VERDICTS.values()
    ]
    return done[-1] if done else None


def done_line(session: JogSession) -> str:
    """ "✅ Done today: Easy jog, 15 min."."""
    kind = texts.JOG_KINDS[session.kind]
    return texts.DAY_RUN_DONE.format(kind=kind, minutes=done_minutes(session))


def done_minutes(session: JogSession) -> int:
    return session.actual_minutes or session.planned_minutes


# The check-in's workout answer a session the bot timed gives: a run is an easy run (the timer
# guides an easy 15-20 minutes), cross-training is other training, as a ride or a strength file
# not of the legs is (coach.activities.workout_of). The strength and mobility routine is none:
# it is what a day too sore to train is for, gentle by design, and taken as "other training"
# it made that evening a rest from the routine itself (newcomer of issue 13).
TIMED_WORKOUTS: dict[str, Workout] = {
    "jog": Workout.EASY_RUN,
    "cross": Workout.OTHER,
}


async def timed_workout(
    repo: Repository, user: User, day: date, until: datetime | None = None
) -> tuple[Workout, JogSession] | None:
    """The workout of the user's local `day` as the sessions the bot timed tell it (issue 13:
    asked again, it was contradicted): of the sessions started that day (or, with `until`
    later than its end, before `until`: an evening check-in after midnight still counts for
    it) and done for at least a minute (completed, at time up or finished early; one cancelled,
    stopped in its warm-up, or missed while the bot was down records no minutes), the hardest
    decides (coach.activities.hardest), and of those the last. Returns it with that session;
    None when the bot timed nothing that day."""
    zone = user.time_zone or "UTC"
    end = local_moment(zone, day + timedelta(days=1), time(0, 0))
    if until is not None and until > end:
        end = until
    sessions = [
        session
        for session in await repo.jogs.started_between(
            user.telegram_user_id, local_moment(zone, day, time(0, 0)), end
        )
        if session.status == JogStatus.COMPLETED
        and (session.actual_minutes or 0) > 0
        and session.kind in TIMED_WORKOUTS
    ]
    decided = hardest([TIMED_WORKOUTS[session.kind] for session in sessions])
    if decided is None:
        return None
    return decided, [s for s in sessions if TIMED_WORKOUTS[s.kind] is decided][-1]


async def day_offer(
    repo: Repository, verdict: str, user: User, day: date, now: datetime
) -> tuple[str | None, list[list[Button]]]:
    """A push's verdict buttons (advice_rows) for the user's local `day`, and the line saying
    what is settled already: with a reminder set, no second one (the start buttons and "Not
    today" stay); with the run done or declined, only "Why?". None and the full offer when
    nothing is settled, or the verdict offers no run; under one that offers none (a green "as
    planned" day, whose run /jog offers all the same; a no-run day run anyway), the run done
    that day is still said, over the verdict's own buttons."""
    kind = offered_kind(verdict, user, now)
    settled = await run_settled(repo, user, day)
    today = await day_of(repo, user, now)
    if kind is None:
        done = settled[1] if settled is not None and settled[0] == "done" else None
        return done, advice_rows(verdict, user, now, today)
    if settled is not None and settled[0] != "reminder":
        return settled[1], [why_row(verdict)]
    rows = advice_rows(verdict, user, now, today)
    if settled is None:
        return None, rows
    line = settled[1]
    starts = start_rows(verdict, kind, today)
    return line, [*starts, [(texts.NOT_TODAY, JogSkip(kind, today))], rows[-1]]


async def verdict_offer(
    repo: Repository, verdict: str, user: User, day: date, now: datetime
) -> tuple[str | None, list[list[Button]]]:
    """The verdict's own buttons as they stand at `now` (`day_offer` for the user's local
    `day`: a reminder set is not offered again), "Why?" last, and the line saying what is
    settled; while a timer runs, only "Why?" and a line saying so: its cues carry its own
    buttons, and a second start would only be turned away. What a push repeats of a verdict,
    and what the why screen ends with (without its "Why?"). A timer that ran out unseen
    (`timer_ran_out`) is said so, with what /jog does about it, and nothing offered."""
    ran_out = await timer_ran_out(repo, user, now)
    if ran_out is not None:
        return ran_out, [why_row(verdict)]
    if await running_now(repo, user.telegram_user_id, now) is not None:
        return str(texts.DAY_TIMER_RUNNING), [why_row(verdict)]
    return await day_offer(repo, verdict, user, day, now)


async def timer_ran_out(repo: Repository, user: User, now: datetime) -> str | None:
    """ "⏱ Your timer ran out at 07:50. Send /jog ..." when the user's session ended with
    nothing said of it yet: one still running past its end (`run_end`: the bot was down then,
    or has not caught up), or one missed whose question (`ended_offline`) waits unanswered
    (`asked_after_offline`); /jog says time's up or asks it (`close_overdue`, `jog_command`).
    None otherwise."""
    session = await running_now(repo, user.telegram_user_id, now)
    if session is not None and now < run_end(session):
        return None
    if session is None:
        session = await asked_after_offline(repo, user, now)
    if session is None:
        return None
    end = format_time(run_end(session).astimezone(ZoneInfo(user.time_zone or "UTC")))
    return texts.DAY_TIMER_RAN_OUT.format(time=end)


def advice_keyboard(verdict: str, user: User, now: datetime, day: int) -> InlineKeyboardMarkup:
    """`advice_rows` as a keyboard."""
    return inline(advice_rows(verdict, user, now, day))


def reminder_keyboard(kind: JogKind, day: int) -> InlineKeyboardMarkup:
    return inline(
        [
            start_row(kind, day),
            [
                (texts.SNOOZE_BUTTON, JogRemind("snooze", kind, day)),
                (texts.NOT_TODAY, JogSkip(kind, day)),
            ],
        ]
    )


def timer_keyboard(jog_id: int) -> InlineKeyboardMarkup:
    return inline(
        [[(texts.FINISH_EARLY, JogFinish(jog_id)), (texts.CANCEL_RUN, JogCancel(jog_id))]]
    )


def move_keyboard(session_id: int, number: int) -> InlineKeyboardMarkup:
    """Under move `number` of a guided routine: on to the next one (not under the last:
    "Finish early" ends it), and the timer's own buttons."""
    if number >= len(ROUTINE):
        return timer_keyboard(session_id)
    stop: list[Button] = [
        (texts.FINISH_EARLY, JogFinish(session_id)),
        (texts.CANCEL_RUN, JogCancel(session_id)),
    ]
    return inline([[(texts.ROUTINE_NEXT_BUTTON, RoutineNext(session_id, number))], stop])


async def running_keyboard(repo: Repository, uid: int, session: JogSession) -> InlineKeyboardMarkup:
    """The buttons of a running session, for a reply that shows it again: a run's
    `timer_keyboard`; a routine's, those of the move it is at (`move_keyboard`): the move before
    its first cue still to come ("⏭ Next move" of that move is what brings the cue at once,
    routine.on_next), the last move once none is to come."""
    if session.kind != ROUTINE_KIND:
        return timer_keyboard(session.id)
    coming = [
        number
        for row in await repo.schedule.pending(uid)
        if row.jog_session_id == session.id and row.kind == MessageKind.JOG_CUE
        for number in [move_of_cue(str(row.payload.get("cue")))]
        if number is not None
    ]
    return move_keyboard(session.id, min(coming) - 1 if coming else len(ROUTINE))


def feeling_keyboard(jog_id: int) -> InlineKeyboardMarkup:
    return inline([[(label, JogFeeling(jog_id, value)) for label, value in texts.FEELINGS]])


def cue_message(jog: JogSession, cue: str) -> tuple[str, InlineKeyboardMarkup | None]:
    if cue == "done":
        return texts.TIME_UP.format(minutes=jog.planned_minutes), feeling_keyboard(jog.id)
    if cue == "compression":
        return str(texts.COMPRESSION_OFF), inline([compression_controls()])
    return str(texts.CUES[jog.kind][cue]), timer_keyboard(jog.id)


def run_end(jog: JogSession) -> datetime:
    """When the session's time is up, as its own "done" cue is timed: a run's or
    cross-training's after its warm-up and planned minutes (coach.timing.cue_times), the
    routine's after its last move (coach.routine.move_times, from a start "Next move" may
    have moved earlier). A session missed while the bot was down is stored as ended then."""
    if jog.kind == ROUTINE_KIND:
        return move_times(jog)["done"]
    return cue_times(jog)["done"]


async def running_now(repo: Repository, uid: int, now: datetime) -> JogSession | None:
    """The user's running session at `now`; one whose end (`run_end`) is more than
    ENDED_OFFLINE_GRACE back (the bot was down through it, and its "done" cue came too late to
    be sent) is closed here as missed, without the question `ended_offline` (a day-old run
    named by a bare time read as today's), and None."""
    session = await repo.jogs.running(uid)
    if session is None or now - run_end(session) <= ENDED_OFFLINE_GRACE:
        return session
    await repo.jogs.end(session.id, JogStatus.MISSED, run_end(session), None)
    return None


# "Stopped early" after an outage: the lengths offered, those below the planned minutes.
EARLY_MINUTES = (5, 10, 15)


def ended_offline(jog: JogSession, zone: str, now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    """The question for a session whose time was up while the bot was down: "... should have
    ended at 08:20, while I was offline ... Did you run it?" (`zone`: the user's, for the
    time; "yesterday at 08:20" when asked at `now` on a later local day), with "Yes, all of
    it", "Stopped early" and "No"; of the routine, "Did you do it?" with "Yes" (the minutes its
    moves took, `routine_minutes`) and "No"."""
    ended = run_end(jog).astimezone(ZoneInfo(zone))
    asked = texts.ENDED_OFFLINE
    if local_date(zone, now) > ended.date():
        asked = texts.ENDED_OFFLINE_YESTERDAY  # within ENDED_OFFLINE_GRACE: the day before
    text = asked[jog.kind].format(minutes=jog.planned_minutes, time=format_time(ended))
    if jog.kind == ROUTINE_KIND:
        # Its moves come one by one: nobody kept count of minutes to tell "stopped early" by.
        done = routine_minutes(jog)
        yes_no: list[Button] = [
            (texts.ENDED_OFFLINE_YES, JogRan(jog.id, done)),
            (texts.ENDED_OFFLINE_NO, JogRan(jog.id, 0)),
        ]
        return text, inline([yes_no])
    row: list[Button] = [
        (texts.ENDED_OFFLINE_ALL, JogRan(jog.id, jog.planned_minutes)),
        (texts.ENDED_OFFLINE_EARLY, JogRanEarly(jog.id)),
        (texts.ENDED_OFFLINE_NO, JogRan(jog.id, 0)),
    ]
    return text, inline([row])


def routine_minutes(jog: JogSession) -> int:
    """The minutes a routine done all through took: to its last move's end (`run_end`), less
    any "Next move" skipped (`minutes_done`), as its own "done" cue would have recorded."""
    return minutes_done(jog, run_end(jog))


async def close_overdue(
    repo: Repository, user: User, jog: JogSession, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """A running run or cross-training whose time is up at `now` (its "done" cue not sent yet:
    the bot was down, or the cue is due this very tick) is closed here, as that cue would close
    it, and what the cue would say is returned: within GRACE of its end, time's up with "How did
    it feel?" (the routine's "Routine done"); later, missed (ended at `run_end`), and the
    question of `ended_offline`. None while it still runs (or it ended elsewhere meanwhile)."""
    end = run_end(jog)
    if now < end:
        return None
    if now - end <= GRACE:
        if not await time_up(repo, user.telegram_user_id, jog, end):
            return None
        if jog.kind == ROUTINE_KIND:
            minutes = routine_minutes(jog)
            return texts.ROUTINE_DONE.format(minutes, minutes=minutes), None
        return cue_message(jog, "done")
    if not await repo.jogs.end(jog.id, JogStatus.MISSED, end, None):
        return None
    return ended_offline(jog, user.time_zone or "UTC", now)


def gentle_rows(day: int) -> list[list[Button]]:
    """A "train as planned, but gently" day (rule 8 on sore legs), whose verdict offers no
    timer: the shorter option of the plan's run first, then cross-training."""
    cross: list[Button] = [(texts.START_CROSS_15, JogStart("cross", 15, day))]
    run: list[Button] = [(texts.START_JOG_15, JogStart("jog", 15, day))]
    return [run, cross]


def no_run_rows(
    verdict: Verdict, minutes: Literal[15, 20], day: int, late: bool = False
) -> list[list[Button]]:
    """A no-run day: what the verdict advised first (the cross-training timer, the mobility
    routine), then running only as "run anyway", then not today. In the small hours (`late`)
    no cross-training, as under the verdict (`offered_kind`)."""
    rows: list[list[Button]] = []
    if verdict is Verdict.CROSS_TRAIN and not late:
        rows.append(start_row("cross", day))
    elif verdict is Verdict.STRENGTH_MOBILITY:
        rows.append([(texts.MOBILITY_BUTTON, JogRoutine(day))])
    label = texts.RUN_ANYWAY.format(minutes=minutes)
    rows.append([(label, JogStartAnyway("jog", minutes, day))])
    rows.append([(texts.NOT_TODAY, JogSkip("jog", day))])
    return rows


def rest_day_offer(day: int) -> tuple[str, InlineKeyboardMarkup]:
    """Before the check-in of a day last night's check-in called a rest day too
    (verdicts.rest_day_said): that in one line, and the run only as a no-run verdict offers it
    (`no_run_rows`), for check-in `day`."""
    text = f"{texts.REST_DAY_SAID} {texts.START_ANYWAY_ASK}"
    return text, inline(no_run_rows(Verdict.REST_DAY, 15, day))


async def jog_command(update: Update, context: CoachContext) -> None:
    """The timer offer, as today's check-in allows it: while a session runs, that session;
    after a no-run verdict, why not in one line and what the verdict advised first; after a
    go-gently one, the gentler option first."""
    user = await set_up_user(update, context)
    if user is None:
        return
    now = context.clock()
    running = await running_now(context.repo, user_id_of(update), now)
    if running is not None:
        await _show_running(update, context, running)
        return
    today = await _today(context.repo, user, now)
    advice = await todays_advice(context.repo, user, now, today)
    if advice is None and await _pain_in_open_checkin(context.repo, user, now):
        await send(update, texts.JOG_PAIN_IN_OPEN_CHECKIN)
        return
    missed = await asked_after_offline(context.repo, user, now)
    if missed is not None:
        # Its question is unanswered: a new offer would leave the session missed in the record
        # (newcomer: /jog right after it offered "Start 15 min").
        await send(update, *ended_offline(missed, user.time_zone or "UTC", now))
        return
    done = await done_on(context.repo, user, local_date(user.time_zone or "UTC", now))
    if done is not None and done.feeling is None:
        # Its question scrolled up under this offer's keyboard, and a typed answer meant for it
        # pressed the offer's button of that number instead.
        asked = texts.FEELING_ASKED_AGAIN.format(done=done_line(done))
        await send(update, asked, feeling_keyboard(done.id))
        return
    text, markup = _offer(advice, today.toordinal(), _small_hours(user, now))
    if advice is None and await rest_day_said(context.repo, user, today):
        text, markup = rest_day_offer(today.toordinal())
    if done is not None:
        # Offered again as if nothing had happened, a second session reads as the day's advice.
        text = f"{done_line(done)} {texts.JOG_DONE_ALREADY}\n\n{text}"
    await send(update, text, markup)


def unanswered(jog: JogSession) -> bool:
    """A session missed while the bot was down, not yet told done or not (on_ran)."""
    return jog.status == JogStatus.MISSED and jog.actual_minutes is None


async def asked_after_offline(repo: Repository, user: User, now: datetime) -> JogSession | None:
    """The last session whose question `ended_offline` waits unanswered (`unanswered`): one
    whose end (`run_end`) is within ENDED_OFFLINE_GRACE of `now`, as long as it is asked
    (one missed longer ago stays missed without a word); None when none waits."""
    since = now - ENDED_OFFLINE_GRACE - timedelta(hours=1)
    started = await repo.jogs.started_between(user.telegram_user_id, since, now)
    waiting = [
        session
        for session in started
        if unanswered(session) and now - run_end(session) <= ENDED_OFFLINE_GRACE
    ]
    return waiting[-1] if waiting else None


async def _pain_in_open_checkin(repo: Repository, user: User, now: datetime) -> bool:
    """Has the check-in still open today already been told of sharp or joint pain? Its verdict
    will be rule 1's no run (coach.advice), so /jog must not offer one in the meantime."""
    draft = await repo.checkins.get_draft(user.telegram_user_id)
    if draft is None or not draft.answers.get("sharp_pain") or user.time_zone is None:
        return False
    return checkin_day(user.time_zone, draft.started_at) == checkin_day(user.time_zone, now)


def _offer(advice: Advice | None, day: int, late: bool) -> tuple[Label, InlineKeyboardMarkup]:
    """What /jog offers with this advice in force (None: no check-in covers today); `late`:
    in the small hours (`_small_hours`)."""
    if advice is not None and advice.band is Band.RED:
        return _said_no_run(advice, late), inline(no_run_rows(advice.verdict, 15, day, late))
    if advice is not None and advice.band is Band.YELLOW:
        if advice.verdict is Verdict.AS_PLANNED:
            return texts.JOG_ASK_PLANNED, inline(gentle_rows(day))
        # As under the verdict (rule 6's: cross-training, or a very easy run).
        return texts.JOG_ASK_GENTLY, inline(start_rows(advice.verdict, "cross", day))
    return texts.JOG_ASK, inline([start_row("jog", day)])


def _pressed_day(update: Update, zone: str, day: int | None) -> date | None:
    """The check-in day of the pressed button: the one its data carries, or, for a button of a
    release before that, the day its message was sent (an InaccessibleMessage, older than 48
    hours, is dated 1970: long past); None when neither tells."""
    if day is not None:
        try:
            return date.fromordinal(day)
        except (ValueError, OverflowError):  # no day any button carried: forged
            return date.min
    query = update.callback_query
    if query is None or query.message is None:
        return None
    return checkin_day(zone, query.message.date)


async def stale_press(update: Update, context: CoachContext, user: User, day: int | None) -> bool:
    """Is this a press on an earlier day's offer (the jog offer under a verdict or from /jog,
    a reminder's buttons)? Then it says so in one line and shows what fits today instead (or,
    with no check-in covering today, asks for one), and nothing else happens: True. Days are
    check-in days as every screen reads them (verdicts.current_day: 00:00-03:59 still belongs
    to the evening before, and a move west keeps the day of this morning's check-in), and
    last night's evening verdict, which covers today until today's check-in
    (verdicts.last_nights_checkin), keeps its buttons."""
    zone = user.time_zone or "UTC"
    now = context.clock()
    pressed = _pressed_day(update, zone, day)
    if pressed is None:
        return False
    today = await _today(context.repo, user, now)
    if pressed >= today:
        return False
    checkin = await checkin_in_force(context.repo, user, now, today)
    if checkin is not None and checkin.local_date == pressed:
        return False
    if update.callback_query is not None:
        await answer_press(update.callback_query)
    was = texts.STALE_YESTERDAY if pressed == today - timedelta(days=1) else texts.STALE_EARLIER
    if checkin is None:
        await send(update, f"{was} {texts.STALE_CHECK_IN}", checkin_now_keyboard())
        return True
    advice = advice_in_force(checkin, user, now)
    text, markup = _offer(advice, today.toordinal(), _small_hours(user, now))
    await send(update, f"{was} {texts.STALE_TODAYS}\n\n{text}", markup)
    return True


def _said_no_run(advice: Advice, late: bool = False) -> str:
    drivers = ", ".join(advice.drivers)
    if advice.verdict is Verdict.CROSS_TRAIN and late:
        # As the verdict says in the small hours (coach.advice.RACE_NIGHT_HEADLINE): its
        # cross-training was for the day that is over (newcomer: /jog at 00:30 offered it).
        return texts.JOG_NOT_TONIGHT_CROSS.format(drivers=drivers)
    if advice.verdict is Verdict.CROSS_TRAIN:
        return texts.JOG_NOT_TODAY_CROSS.format(drivers=drivers)
    if advice.verdict is Verdict.STRENGTH_MOBILITY:
        return texts.JOG_NOT_TODAY_MOBILITY.format(drivers=drivers)
    return texts.JOG_NOT_TODAY.format(drivers=drivers)


def running_text(jog: JogSession, now: datetime) -> str:
    """What the running session is and how long it has to go, in whole minutes rounded up
    (never below 1 while it runs: the "done" cue closes it)."""
    kind = texts.JOG_KINDS.get(jog.kind, texts.JOG_KINDS["jog"])
    planned = jog.planned_minutes
    if jog.kind == ROUTINE_KIND:
        # No warm-up, and "Next move" moved its start earlier: the end is the moves left.
        end = jog.run_started_at + timedelta(minutes=planned)
        left = max(1, math.ceil((end - now) / timedelta(minutes=1)))
        return texts.ROUTINE_RUNNING_LEFT.format(left, planned=planned, minutes=left)
    if now < jog.run_started_at:
        left = math.ceil((jog.run_started_at - now) / timedelta(minutes=1))
        return texts.RUNNING_WARM_UP.format(left, kind=kind, planned=planned, minutes=left)
    end = jog.run_started_at + timedelta(minutes=planned)
    left = max(1, math.ceil((end - now) / timedelta(minutes=1)))
    return texts.RUNNING_LEFT.format(left, kind=kind, planned=planned, minutes=left)


async def _show_running(update: Update, context: CoachContext, jog: JogSession) -> None:
    """The running session again, with the buttons its own messages carry: a routine's
    "⏭ Next move" too (newcomer of issue 13: /jog showed only "Finish early" and "Cancel").
    One whose time is up is no longer under way (the bot was down when it ended: it said "1
    minute to go" 20 minutes after): closed, and said as its "done" cue would (close_overdue)."""
    user = await context.repo.users.get(user_id_of(update))
    if user is not None:
        over = await close_overdue(context.repo, user, jog, context.clock())
        if over is not None:
            await send(update, *over)
            return
    markup = await running_keyboard(context.repo, user_id_of(update), jog)
    await send(update, running_text(jog, context.clock()), markup)


async def on_start(update: Update, context: CoachContext) -> None:
    """Start the timer; a jog on a day whose check-in said no run asks first (on_start_anyway)."""
    assert update.callback_query is not None
    pressed = JogStart.of(update)
    user = await set_up_user(update, context)
    if user is None or await stale_press(update, context, user, pressed.day):
        return
    if pressed.kind == "jog":
        now = context.clock()
        today = await _today(context.repo, user, now)
        advice = await todays_advice(context.repo, user, now, today)
        if advice is not None and advice.band is Band.RED:
            if await already_running(update, context):
                return
            await settle_button(update)
            late = _small_hours(user, now)
            rows = no_run_rows(advice.verdict, pressed.minutes, today.toordinal(), late)
            await send(update, _said_no_run(advice, late), inline(rows))
            return
    await _start(update, context, pressed.kind, pressed.minutes)


async def on_start_anyway(update: Update, context: CoachContext) -> None:
    pressed = JogStartAnyway.of(update)
    user = await set_up_user(update, context)
    if user is None or await stale_press(update, context, user, pressed.day):
        return
    await _start(update, context, pressed.kind, pressed.minutes)


async def _start(
    update: Update, context: CoachContext, kind: JogKind, minutes: Literal[15, 20]
) -> None:
    assert update.callback_query is not None
    uid = user_id_of(update)
    if await already_running(update, context):
        return
    await settle_button(update, texts.MINUTES_SHORT.format(minutes=minutes))
    now = context.clock()
    # One transaction, the update's: a session is never stored without its cues.
    jog = await context.repo.jogs.start(uid, kind, int(minutes), now, WARM_UP)
    await context.repo.schedule.unschedule(uid, [MessageKind.JOG_REMINDER])
    await plan_timer(context.repo, uid, jog)
    await send(update, texts.WARM_UP[kind].format(minutes=minutes), timer_keyboard(jog.id))


async def already_running(update: Update, context: CoachContext) -> bool:
    """A start pressed while a session runs: that session is shown, and no second starts."""
    running = await running_now(context.repo, user_id_of(update), context.clock())
    if running is None:
        return False
    if update.callback_query is not None:
        await answer_press(update.callback_query)
    await _show_running(update, context, running)
    return True


async def on_remind(update: Update, context: CoachContext) -> None:
    """Remind at the usual run time, in an hour, or (snooze) in half an hour; a moment in the
    user's quiet hours moves to their end, and the reply says so (no reminder fires in them)."""
    pressed = JogRemind.of(update)
    action, kind = pressed.when, pressed.kind
    user = await set_up_user(update, context)
    if user is None:
        await expired(update)
        return
    if await stale_press(update, context, user, pressed.day):
        return
    now = context.clock()
    due = now + (SNOOZE if action == "snooze" else REMIND_IN)
    payload: ReminderPayload = {"kind": kind}
    if action == "at":
        run_time = _run_time_today(user, now)
        if run_time is not None and user.time_zone is not None:
            today = local_date(user.time_zone, now)
            due = local_moment(user.time_zone, today, run_time)
            # Kept with the row, so a change of zone or run time moves it (planning.replan).
            payload = {"kind": kind, "date": today.isoformat(), "at": run_time.strftime("%H:%M")}
    asked, due = due, after_quiet_hours(user, due)
    zone = ZoneInfo(user.time_zone or "UTC")
    if due != asked and not await _covers(context.repo, user, now, due):
        # Moved past the night, it would come on a day the verdict does not speak for (one that
        # goes for tonight only, or a morning's): that day's check-in decides its run.
        said = texts.REMIND_PAST_VERDICT.format(asked=format_time(asked.astimezone(zone)))
        await settle_button(update, said)
        await send(update, said)
        return
    uid = user_id_of(update)
    await context.repo.schedule.unschedule(uid, [MessageKind.JOG_REMINDER])
    await context.repo.schedule.add(uid, MessageKind.JOG_REMINDER, due, now, payload)
    when = format_time(due.astimezone(zone))
    await settle_button(update, texts.REMIND_SET.format(time=when))
    why = await why_again(context, user, now)
    if due == asked:
        await send(update, texts.REMIND_SET.format(time=when), inline(why) if why else None)
        return
    # Moved out of the quiet hours, maybe to tomorrow morning: one tap takes it back.
    moved = (
        texts.REMIND_MOVED_TOMORROW
        if due.astimezone(zone).date() > now.astimezone(zone).date()
        else texts.REMIND_MOVED
    )
    said = moved.format(asked=format_time(asked.astimezone(zone)), time=when)
    skip = JogSkip(kind, await day_of(context.repo, user, now))
    await send(update, said, inline([[(texts.NOT_TODAY, skip)], *why]))


async def _covers(repo: Repository, user: User, now: datetime, due: datetime) -> bool:
    """Does the verdict in force at `now` (verdicts.checkin_in_force) still speak for the
    check-in day of `due`: its own day, or the next one when it was given that evening and
    covers it (verdicts.last_nights_checkin)? True without a check-in: nothing to outlast."""
    checkin = await checkin_in_force(repo, user, now)
    if checkin is None:
        return True
    day = checkin_day(user.time_zone or "UTC", due)
    if day == checkin.local_date:
        return True
    covering = await last_nights_checkin(repo, user, day)
    return covering is not None and covering.local_date == checkin.local_date


async def on_skip(update: Update, context: CoachContext) -> None:
    """ "Not today" (under the offer, a reminder set, or the reminder itself): no reminder, and
    that day's pushes offer none (run_settled); the one of an earlier day's offer cancels
    nothing (stale_press)."""
    uid = user_id_of(update)
    user = await context.repo.users.get(uid)
    if user is not None and await stale_press(update, context, user, JogSkip.of(update).day):
        return
    await settle_button(update, texts.NOT_TODAY)
    await context.repo.schedule.unschedule(uid, [MessageKind.JOG_REMINDER])
    if user is None:
        await send(update, texts.SKIPPED)
        return
    now = context.clock()
    day = await _today(context.repo, user, now)  # after midnight: still the evening's run
    await context.repo.users.update(uid, now, run_skipped_on=day)
    why = await why_again(context, user, now)
    done = await done_on(context.repo, user, local_date(user.time_zone or "UTC", now))
    said = (
        str(texts.SKIPPED)
        if done is None
        else texts.SKIPPED_AFTER_DONE.format(done_minutes(done), minutes=done_minutes(done))
    )
    await send(update, said, inline(why) if why else None)


async def why_again(context: CoachContext, user: User, now: datetime) -> list[list[Button]]:
    """Under the reply to "remind me" or "not today": the "Why?" button of the day's verdict
    again, or no rows when no verdict is in force. The press froze the verdict's keyboard, "Why?"
    with it, and a typed "why" names a button of the newest keyboard only (conversations.typed),
    so without it the question the user was weighing could no longer be asked."""
    advice = await todays_advice(context.repo, user, now)
    if advice is None:
        return []
    return [why_row(advice.verdict)]


async def _own_jog(
    update: Update, context: CoachContext, pressed: JogFinish | JogCancel | JogFeeling
) -> JogSession | None:
    jog = await context.repo.jogs.get(user_id_of(update), pressed.session_id)
    if jog is None:
        await expired(update)
    return jog


async def on_finish(update: Update, context: CoachContext) -> None:
    jog = await _own_jog(update, context, JogFinish.of(update))
    if jog is None:
        return
    now = context.clock()
    minutes = minutes_done(jog, now)
    if jog.kind == ROUTINE_KIND:
        await _finish_routine(update, context, jog, minutes)
        return
    if minutes == 0:
        # Ended in the warm-up or the first minute: no run to record, nor to ask about.
        await settle_button(update, texts.FINISH_EARLY)
        ended = await context.repo.jogs.end(jog.id, JogStatus.CANCELLED, now, None)
        await send(update, texts.FINISHED_IN_WARM_UP if ended else texts.RUN_OVER)
        return
    if not await context.repo.jogs.end(jog.id, JogStatus.COMPLETED, now, minutes):
        await settle_button(update)
        await send(update, texts.RUN_OVER)
        return
    await _after_run(context.repo, user_id_of(update), jog, now)
    await settle_button(update, texts.FINISH_EARLY)
    said = texts.FINISHED_EARLY.format(minutes, minutes=minutes, planned=jog.planned_minutes)
    await send(update, said, feeling_keyboard(jog.id))


def minutes_done(jog: JogSession, at: datetime) -> int:
    """Whole minutes (rounded down) of the session done by `at`, at most the planned ones: a
    run's from the end of its warm-up, a routine's from its start. "Next move" moves a
    routine's `run_started_at` earlier, so that what is left comes sooner; the moves it skipped
    were not done, and only the time actually spent counts (`started_at` never moves)."""
    since = jog.started_at if jog.kind == ROUTINE_KIND else jog.run_started_at
    done = max(0, int((at - since) / timedelta(minutes=1)))
    return min(done, jog.planned_minutes)


async def _finish_routine(
    update: Update, context: CoachContext, jog: JogSession, minutes: int
) -> None:
    """A routine stopped early: the minutes done are recorded, none in its first minute, and
    nothing is asked (its texts never say to stretch: rule 2 rules static stretching out)."""
    status = JogStatus.COMPLETED if minutes else JogStatus.CANCELLED
    if not await context.repo.jogs.end(jog.id, status, context.clock(), minutes or None):
        await settle_button(update)
        await send(update, texts.RUN_OVER)
        return
    await settle_button(update, texts.FINISH_EARLY)
    if minutes:
        await send(update, texts.ROUTINE_STOPPED.format(minutes, minutes=minutes))
    else:
        await send(update, texts.ROUTINE_STOPPED_AT_ONCE)


async def _after_run(repo: Repository, uid: int, jog: JogSession, ended: datetime) -> None:
    """Owners of compression gear hear, two hours later, that they can take it off (after a
    run or cross-training: nobody puts it on for the routine of a hard-to-walk day)."""
    if jog.kind == ROUTINE_KIND:
        return
    user = await repo.users.get(uid)
    if user is not None and user.compression_gear:
        await plan_compression_cue(repo, uid, jog, ended)


def _ran_choices(jog: JogSession) -> set[int]:
    """The minutes `ended_offline` and "Stopped early" offer for the session (0: not done)."""
    if jog.kind == ROUTINE_KIND:
        return {0, routine_minutes(jog)}
    return {0, jog.planned_minutes, *(m for m in EARLY_MINUTES if m < jog.planned_minutes)}


async def _told_already(update: Update, jog: JogSession) -> bool:
    """Has the user answered `ended_offline` already (done, or not: no longer `unanswered`)?
    Then the press says so, and nothing more is recorded: True."""
    if unanswered(jog):
        return False
    await _say_told(update)
    return True


async def _say_told(update: Update) -> None:
    await settle_button(update)
    await send(update, texts.ENDED_OFFLINE_TOLD)


async def on_ran(update: Update, context: CoachContext) -> None:
    """The answer to `ended_offline`: done for all its minutes or some (recorded as completed,
    ended when those minutes were up, then "How did it feel?"; the routine's "Yes" asks
    nothing, as its own end would not), or not done (it stays missed)."""
    pressed = JogRan.of(update)
    jog = await context.repo.jogs.get(user_id_of(update), pressed.session_id)
    minutes = pressed.minutes
    if jog is None or minutes not in _ran_choices(jog):
        await expired(update)
        return
    if await _told_already(update, jog):
        return
    if minutes == 0:
        if not await context.repo.jogs.decline_missed(jog.id):
            await _say_told(update)  # told meanwhile, in another update
            return
        await settle_button(update, texts.ENDED_OFFLINE_NO)
        await send(update, texts.ENDED_OFFLINE_NOT_DONE)
        return
    ended = jog.run_started_at + timedelta(minutes=minutes)
    if jog.kind == ROUTINE_KIND:
        ended = run_end(jog)
    if not await context.repo.jogs.settle_missed(jog.id, ended, minutes):
        await _say_told(update)  # told meanwhile, in another update
        return
    if jog.kind == ROUTINE_KIND:
        await settle_button(update, texts.ENDED_OFFLINE_YES)
        await send(update, texts.ROUTINE_ENDED_OFFLINE_NOTED.format(minutes, minutes=minutes))
        return
    await _after_run(context.repo, user_id_of(update), jog, ended)
    all_of_it = minutes == jog.planned_minutes
    await settle_button(
        update,
        texts.ENDED_OFFLINE_ALL if all_of_it else texts.MINUTES_SHORT.format(minutes=minutes),
    )
    noted = texts.ENDED_OFFLINE_NOTED.format(minutes, minutes=minutes)
    await send(update, noted, feeling_keyboard(jog.id))


async def on_ran_early(update: Update, context: CoachContext) -> None:
    """ "Stopped early" under `ended_offline`: how many minutes, of the lengths below the
    planned ones."""
    pressed = JogRanEarly.of(update)
    jog = await context.repo.jogs.get(user_id_of(update), pressed.session_id)
    if jog is None or jog.kind == ROUTINE_KIND:
        await expired(update)
        return
    if await _told_already(update, jog):
        return
    await settle_button(update, texts.ENDED_OFFLINE_EARLY)
    row: list[Button] = [
        (texts.MINUTES_SHORT.format(minutes=m), JogRan(jog.id, m))
        for m in EARLY_MINUTES
        if m < jog.planned_minutes
    ]
    await send(update, texts.ENDED_OFFLINE_HOW_LONG, inline([row]))


async def on_cancel(update: Update, context: CoachContext) -> None:
    jog = await _own_jog(update, context, JogCancel.of(update))
    if jog is None:
        return
    await settle_button(update, texts.CANCEL_RUN)
    if await context.repo.jogs.end(jog.id, JogStatus.CANCELLED, context.clock(), None):
        await send(update, texts.RUN_CANCELLED)
    else:
        await send(update, texts.RUN_OVER)


async def on_feeling(update: Update, context: CoachContext) -> None:
    pressed = JogFeeling.of(update)
    jog = await _own_jog(update, context, pressed)
    if jog is None:
        return
    value = pressed.value
    labels = {v: label for label, v in texts.FEELINGS}
    if value not in labels:
        await expired(update)
        return
    await settle_button(update, labels[value])
    await context.repo.jogs.set_feeling(jog.id, value)
    user = await context.repo.users.get(user_id_of(update))
    recovery = user is not None and await recovery_day(context.repo, user, jog)
    await send(update, feeling_reply(jog, value, recovery))


async def recovery_day(repo: Repository, user: User, jog: JogSession) -> bool:
    """Was the session's day one whose verdict offered the timer as recovery (an easy jog or
    cross-training, `kind_for`), by the check-in in force when it started
    (verdicts.checkin_in_force)? Not on a plan kept, without a check-in, or on a no-run day."""
    zone = user.time_zone or "UTC"
    day = checkin_day(zone, jog.started_at)
    advice = await todays_advice(repo, user, jog.started_at, day)
    return advice is not None and kind_for(advice.verdict) is not None


# The lengths a "Tough" reply suggests stopping at: the timer's shorter option, then shorter.
SHORTER_MINUTES = (15, 10)


def feeling_reply(jog: JogSession, value: str, recovery: bool = True) -> str:
    """The reply to "how did it feel?", for the session's kind and minutes: "Tough" suggests
    the next shorter length below what was done (none once it was 10 minutes or less), going
    slower, and the other kind (cross-training after a run, rest after cross-training); a run
    on a day that was no `recovery_day` is called an easy run, not a recovery run."""
    if value != "tough":
        return str(texts.FEELING_REPLIES[value])
    kind = "cross" if jog.kind == "cross" else "jog" if recovery else "run"
    done = jog.actual_minutes or jog.planned_minutes
    shorter = next((m for m in SHORTER_MINUTES if m < done), None)
    if shorter is None:
        return str(texts.TOUGH_SLOWER[kind])
    return texts.TOUGH_SHORTER[kind].format(shorter, minutes=shorter)


async def time_up(repo: Repository, uid: int, jog: JogSession, due: datetime) -> bool:
    """The "done" cue closes the session, unless it already ended: a run at its planned
    length, a routine at the minutes spent on it (`minutes_done`)."""
    if not await repo.jogs.end(jog.id, JogStatus.COMPLETED, due, minutes_done(jog, due)):
        return False
    await _after_run(repo, uid, jog, due)
    return True


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """/jog, and every button of the offer, the reminders and the timer."""
    return [
        CommandHandler("jog", jog_command),
        CallbackQueryHandler(on_start, pattern=JogStart.pattern()),
        CallbackQueryHandler(on_start_anyway, pattern=JogStartAnyway.pattern()),
        CallbackQueryHandler(on_remind, pattern=JogRemind.pattern()),
        CallbackQueryHandler(on_skip, pattern=JogSkip.pattern()),
        CallbackQueryHandler(on_finish, pattern=JogFinish.pattern()),
        CallbackQueryHandler(on_cancel, pattern=JogCancel.pattern()),
        CallbackQueryHandler(on_feeling, pattern=JogFeeling.pattern()),
        CallbackQueryHandler(on_ran, pattern=JogRan.pattern()),
        CallbackQueryHandler(on_ran_early, pattern=JogRanEarly.pattern()),
    ]
