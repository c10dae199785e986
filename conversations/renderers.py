"""What each kind of scheduled message says when it is due, and what follows once it is settled.

The scheduler (bot.scheduler) only claims, leases, sends and settles rows; it is handed
`RENDERERS` at wiring time and asks the renderer of a row's kind for the text and buttons
(None: nothing to send any more), and, once the row is closed, to plan what comes after it
(in the same transaction as the closing: see bot.scheduler).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardMarkup

from conversations import jog, limits, routine, texts
from conversations.buttons import CheckinNow, CheckinWith
from conversations.checkin import (
    WALKING,
    last_nights_workout,
    pain_reminder,
    timed_line,
    told_workout,
    yesterday_known,
)
from conversations.coach.advice import BAND_LABELS, Band, Verdict, verdict_name
from conversations.coach.history import describe_both, describe_week, week
from conversations.coach.timing import (
    ENDED_OFFLINE_GRACE,
    FOLLOW_UP_AFTER,
    GRACE,
    MORNING_GRACE,
    WEEKLY_GRACE,
    quiet_now,
)
from conversations.keyboards import (
    Button,
    checkin_now_row,
    compression_controls,
    inline,
    push_controls,
    rows_of,
    weekly_controls,
)
from conversations.own_record import file_run_days, user_record
from conversations.planning import plan_follow_up, plan_next_morning, plan_weekly
from conversations.verdicts import (
    advice_for,
    heavy_leg_day,
    last_nights_checkin,
    rest_day_said,
    todays_advice,
)
from storage.models import CheckIn, JogStatus, MessageKind, ScheduledMessage, User
from storage.repository import Repository

log = logging.getLogger(__name__)

Content = tuple[str, InlineKeyboardMarkup | None]
Render = Callable[[Repository, ScheduledMessage, User, datetime], Awaitable[Content | None]]
# After a row is closed (sent, skipped or failed; not when handed back for a retry).
Settled = Callable[[Repository, ScheduledMessage, User, bool, datetime], Awaitable[None]]


async def _nothing_follows(
    repo: Repository, message: ScheduledMessage, user: User, sent: bool, now: datetime
) -> None:
    return None


@dataclass(frozen=True)
class Renderer:
    """One kind of scheduled message.

    grace: how late it may still go out after the bot was down (later: skipped, and logged);
    render: its text and buttons now, or None when it no longer makes sense to send it (in
    RENDERERS each is `_fitted`: the scheduler sends one message, so its text must fit one);
    settled: what to plan once it is closed (`sent` says whether it went out).
    """

    grace: timedelta
    render: Render
    settled: Settled = _nothing_follows


def _fitted(render: Render) -> Render:
    """The same render, its text cut to Telegram's limit if it would be longer."""

    async def fitted(
        repo: Repository, message: ScheduledMessage, user: User, now: datetime
    ) -> Content | None:
        content = await render(repo, message, user, now)
        if content is None:
            return None
        text, markup = content
        return limits.fit(text), markup

    return fitted


def pushes_paused(user: User, now: datetime) -> bool:
    return user.paused and (user.paused_until is None or user.paused_until > now)


async def _pushable(repo: Repository, user: User, now: datetime) -> bool:
    if not user.active:
        return False
    if user.paused and user.paused_until is not None and user.paused_until <= now:
        await repo.users.update(user.telegram_user_id, now, paused=False, paused_until=None)
        return True  # a pause for N days ended by itself
    return not pushes_paused(user, now)


def _held_back(message: ScheduledMessage, user: User, now: datetime) -> bool:
    """Quiet hours hold back what the bot sends of its own accord (see timing.quiet_now)."""
    if quiet_now(user, now):
        log.info("%s #%d falls in quiet hours: not sent", message.kind, message.id)
        return True
    return False


async def _checkin_of_the_day(
    repo: Repository, message: ScheduledMessage, user: User
) -> CheckIn | None:
    """The check-in of the local day the push is for, if it came."""
    return await repo.checkins.get(
        user.telegram_user_id, date.fromisoformat(message.payload["date"])
    )


async def _last_night(repo: Repository, message: ScheduledMessage, user: User) -> CheckIn | None:
    """The evening check-in of the day before the push's day, whose verdict covers its morning."""
    return await last_nights_checkin(repo, user, date.fromisoformat(message.payload["date"]))


async def _yesterdays(repo: Repository, message: ScheduledMessage, user: User) -> CheckIn | None:
    """The check-in of the day before the push's day, if it came."""
    day = date.fromisoformat(message.payload["date"])
    return await repo.checkins.get(user.telegram_user_id, day - timedelta(days=1))


async def _asking(
    repo: Repository, user: User, day: date, yesterdays: CheckIn | None, now: datetime
) -> Content:
    """The push of local `day` that asks for the check-in: one that asks walking first
    (`_walking_first`) carries its answers (CheckinWith), so one tap answers it and starts the
    check-in, and under it, as under the check-in's own walking question, the line recalling
    pain reported at the check-in before (checkin.pain_reminder); the other carries "Check in
    now"."""
    asks = await _walking_first(repo, user, day, yesterdays, now)
    if asks is None:
        return str(texts.MORNING_PUSH), inline(_checkin_now())
    text, _alone = asks
    reminder = await pain_reminder(repo, user.telegram_user_id, day)
    if reminder is not None:
        text = f"{text}\n{reminder}"
    return text, inline([*walking_rows(), push_controls()])


async def _walking_first(
    repo: Repository, user: User, day: date, yesterdays: CheckIn | None, now: datetime
) -> tuple[str, bool] | None:
    """The text of the push of local `day` when it asks walking first, and whether walking is
    all the check-in it starts still asks; None when it asks the workout first. Walking alone:
    after yesterday's workout told last night (told_last_night; named as the timer's when it
    was the session the bot timed, as the check-in names it), or known without asking from a
    file or the timer (checkin.yesterday_known, said in the check-in's words, a file's without
    the "Correct it below" only the check-in offers). Walking, then the workout: two days after
    a heavy leg day (soreness may be peaking: checkin.WALKING_FIRST); walking alone says that
    peak too, after a heavy leg day yesterday or the day before."""
    told, both = await last_nights_workout(repo, user, yesterdays, night=False)
    yesterday = day - timedelta(days=1)
    timed = await jog.timed_workout(repo, user, yesterday) if told else None
    known = None
    if not told:
        known = await yesterday_known(
            repo, user, day, night=False, now=now, said=texts.PUSH_FROM_FILE
        )
    # A heavy leg day yesterday, or the day before as yesterday's check-in reported it (and
    # then told that evening's training): soreness may be peaking either way.
    peak = heavy_leg_day(told) or heavy_leg_day(yesterdays)
    if both is not None:
        # A session timed and more training told that evening: both, as the check-in says.
        shown = texts.MORNING_PUSH_KNOWN_PEAK if peak else texts.MORNING_PUSH_TIMED
        return shown.format(said=both), True
    if told and timed is not None and timed[0] == told["workout"]:
        # Never a heavy leg day (jog.TIMED_WORKOUTS): the check-in's words for it; the day
        # before may have been one.
        shown = texts.MORNING_PUSH_KNOWN_PEAK if peak else texts.MORNING_PUSH_TIMED
        return shown.format(said=timed_line("yesterday", timed, yesterday)), True
    if known is not None:
        # The check-in it starts says this instead of asking the workout, so the push does not
        # ask it either (newcomer 13: "I'll know what you did", then a push asking it).
        shown = (
            texts.MORNING_PUSH_KNOWN_PEAK if heavy_leg_day(yesterdays) else texts.MORNING_PUSH_TIMED
        )
        return shown.format(said=known[1]), True
    if told:
        workout = told_workout(told["workout"], told.get("leg_intensity"))
        shown = texts.MORNING_PUSH_TOLD_PEAK if peak else texts.MORNING_PUSH_TOLD
        return shown.format(workout=workout), True
    if heavy_leg_day(yesterdays):
        return str(texts.MORNING_PUSH_PEAK), False
    return None


def walking_rows() -> list[list[Button]]:
    """The walking answers of a push that asks walking first, each starting the check-in with
    it (CheckinWith)."""
    return rows_of(WALKING.choices, _walking_answer, WALKING.per_row)


async def one_question_left(
    repo: Repository, user: User, day: date, now: datetime
) -> list[list[Button]] | None:
    """The walking answers (`walking_rows`) when walking is all that the check-in of local
    `day` still asks, as its morning push says (`_walking_first`); None when it asks more."""
    yesterdays = await repo.checkins.get(user.telegram_user_id, day - timedelta(days=1))
    asks = await _walking_first(repo, user, day, yesterdays, now)
    return walking_rows() if asks is not None and asks[1] else None


async def asking_buttons(
    repo: Repository, user: User, day: date, now: datetime
) -> InlineKeyboardMarkup:
    """The buttons of the morning push of local `day` that asks for the check-in (`_asking`),
    as it would be sent now: what text that names nothing under such a push offers again
    (general.free_text)."""
    yesterdays = await repo.checkins.get(user.telegram_user_id, day - timedelta(days=1))
    _text, markup = await _asking(repo, user, day, yesterdays, now)
    assert markup is not None  # every push that asks carries its buttons
    return markup


def _walking_answer(value: str) -> CheckinWith:
    return CheckinWith(WALKING.field, value)


async def _covered(
    repo: Repository, checkin: CheckIn, user: User, day: date, now: datetime
) -> Content:
    """The push after an evening check-in: its verdict in a few words and its headline as the day
    reads it (it covers all of today, until a new check-in), no new check-in asked for, one button
    for legs that feel different (after a heavy leg day the soreness may peak since: issue 13), and
    what the verdict's own keyboard offers (the jog offer and reminder, "Why?"). The headline
    comes under its band's label (coach.advice.BAND_LABELS). Last night is only
    ~10 hours ago, so the peak is a reason to check again, not a question asked first."""
    advice = advice_for(checkin, user)  # not the evening wording: "tonight" is over
    shown = texts.MORNING_COVERED_PEAK if heavy_leg_day(checkin) else texts.MORNING_COVERED
    if checkin.advice == Verdict.PAIN_REST:
        # Worse legs cannot change a rest for pain; the pain gone can (its change line).
        shown = texts.MORNING_COVERED_PAIN
    # The band opens the headline, as on every other verdict screen; its "Because:" line would
    # name last night's "yesterday", a day further back by now.
    headline = f"{BAND_LABELS[advice.band]}\n{advice.headline}"
    text = shown.format(verdict=verdict_name(checkin.advice, checkin.walking), headline=headline)
    line, offer = await jog.verdict_offer(repo, checkin.advice, user, day, now)
    if line is not None:
        text = f"{text}\n\n{line}"
    again: list[Button] = [(texts.CHECKIN_AGAIN_BUTTON, CheckinNow())]
    return text, inline([*offer, again, push_controls()])


def _checkin_now() -> list[list[Button]]:
    # Every push ends with one tap to pause it or change its time.
    return [checkin_now_row(), push_controls()]


async def _morning(
    repo: Repository, message: ScheduledMessage, user: User, now: datetime
) -> Content | None:
    """Asks for the check-in; after an evening check-in the day before, says that its verdict
    covers today. Not sent once the day's check-in is made: its reply showed the verdict and
    its buttons moments or hours ago (before the push's time, or before a late push: the bot
    was down), and repeating them would offer a reminder or a timer already dealt with."""
    if _held_back(message, user, now) or not await _pushable(repo, user, now):
        return None
    day = date.fromisoformat(message.payload["date"])
    if await _checkin_of_the_day(repo, message, user) is not None:
        log.info("morning #%d: the day's check-in came first, not sent", message.id)
        return None
    last_night = await _last_night(repo, message, user)
    if last_night is not None:
        return await _covered(repo, last_night, user, day, now)
    return await _asking(repo, user, day, await _yesterdays(repo, message, user), now)


async def _after_morning(
    repo: Repository, message: ScheduledMessage, user: User, sent: bool, now: datetime
) -> None:
    """One follow-up if no check-in came nor covers the morning; and in any case the next
    day's morning push."""
    day = date.fromisoformat(message.payload["date"])
    if (
        sent
        and await _checkin_of_the_day(repo, message, user) is None
        and await _last_night(repo, message, user) is None
    ):
        await plan_follow_up(repo, user, day, message.due_at + FOLLOW_UP_AFTER, now)
    await plan_next_morning(repo, user, day, now)


async def _follow_up(
    repo: Repository, message: ScheduledMessage, user: User, now: datetime
) -> Content | None:
    if _held_back(message, user, now) or not await _pushable(repo, user, now):
        return None
    if await _checkin_of_the_day(repo, message, user) is not None:
        return None
    if await _last_night(repo, message, user) is not None:
        return None  # a check-in after the push, before 04:00, covers the day (a night shift)
    return str(texts.FOLLOW_UP), inline(_checkin_now())


async def _weekly(
    repo: Repository, message: ScheduledMessage, user: User, now: datetime
) -> Content | None:
    if _held_back(message, user, now) or not user.weekly_summary:
        return None
    if not await _pushable(repo, user, now):
        return None
    days, runs = await user_record(repo, user)
    last_day = date.fromisoformat(message.payload["date"])
    figures = describe_week(week(days, runs, last_day, await file_run_days(repo, user)))
    return f"{figures}\n\n{describe_both(days, runs)}", inline([weekly_controls()])


async def _after_weekly(
    repo: Repository, message: ScheduledMessage, user: User, sent: bool, now: datetime
) -> None:
    await plan_weekly(repo, user, message.due_at + timedelta(minutes=1))


async def _jog_reminder(
    repo: Repository, message: ScheduledMessage, user: User, now: datetime
) -> Content | None:
    if not user.active:
        return None
    kind = message.payload["kind"]
    if kind == "jog":
        advice = await todays_advice(repo, user, now)
        if advice is not None and advice.band is Band.RED:
            # Set up before a later check-in said no run: a red verdict offers no jog reminder.
            log.info("jog reminder #%d after a no-run verdict: not sent", message.id)
            return None
    if _held_back(message, user, now):
        # Planned outside them (jog.on_remind, planning.replan), so only a late send gets here.
        return None
    day = await jog.day_of(repo, user, now)
    if kind == "jog" and await rest_day_said(repo, user, date.fromordinal(day)):
        return jog.rest_day_offer(day)
    return str(texts.REMINDER[kind]), jog.reminder_keyboard(kind, day)


async def _jog_cue(
    repo: Repository, message: ScheduledMessage, user: User, now: datetime
) -> Content | None:
    if not user.active or message.jog_session_id is None:
        return None
    cue = message.payload["cue"]
    # Only time's up outlasts GRACE (ENDED_OFFLINE_GRACE is this kind's grace, for it): a
    # late "go", or a move of the routine, would guide a session long past.
    late = now - message.due_at > GRACE
    if late and cue != "done":
        log.info("skipped %s #%d: %s late", message.kind, message.id, now - message.due_at)
        return None
    # The compression cue is the one timer cue that comes hours after the run: after a late
    # run it would wake the user for something that can wait until morning.
    if cue == "compression":
        if _held_back(message, user, now):
            return None
        return str(texts.COMPRESSION_OFF), inline([compression_controls()])
    session = await repo.jogs.get(user.telegram_user_id, message.jog_session_id)
    if session is None or session.status != JogStatus.RUNNING:
        return None  # finished early or cancelled
    if late:
        # The bot was down when its time was up: ask what was done (jog.on_ran).
        return jog.ended_offline(session, user.time_zone or "UTC", now)
    if session.kind == routine.KIND:
        return routine.cue_message(session, cue, message.due_at)
    return jog.cue_message(session, cue)


async def _after_cue(
    repo: Repository, message: ScheduledMessage, user: User, sent: bool, now: datetime
) -> None:
    """Time's up closes the session: once the user has been told, or, if the bot was down
    through the end of the run, as missed (then asked whether it was done, jog.ended_offline,
    whose answer records what was: jog.on_ran)."""
    if message.payload.get("cue") != "done" or message.jog_session_id is None:
        return
    session = await repo.jogs.get(user.telegram_user_id, message.jog_session_id)
    if session is None:
        return
    late = now - message.due_at > GRACE
    if sent and not late:
        await jog.time_up(repo, user.telegram_user_id, session, message.due_at)
    elif late:
        # Ended when its time was up, not when the bot came back (the record and the export).
        await repo.jogs.end(session.id, JogStatus.MISSED, jog.run_end(session), None)


RENDERERS: dict[MessageKind, Renderer] = {
    MessageKind.MORNING: Renderer(MORNING_GRACE, _fitted(_morning), _after_morning),
    MessageKind.FOLLOW_UP: Renderer(GRACE, _fitted(_follow_up)),
    MessageKind.WEEKLY: Renderer(WEEKLY_GRACE, _fitted(_weekly), _after_weekly),
    MessageKind.JOG_REMINDER: Renderer(GRACE, _fitted(_jog_reminder)),
    MessageKind.JOG_CUE: Renderer(ENDED_OFFLINE_GRACE, _fitted(_jog_cue), _after_cue),
}
