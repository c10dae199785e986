"""/history, /export and /delete: users look back on their data, take it with them, or erase it."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonWebApp,
    Update,
    WebAppInfo,
)
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from conversations import i18n, texts
from conversations.activities import (
    SPORT_NAMES,
    activity_lines,
    class_label,
    class_name,
    overruled,
    reason_of,
    workout_words,
)
from conversations.buttons import DeleteAnswer
from conversations.chart import draw_chart
from conversations.checkin import INTENSITY, WALKING, WORKOUT
from conversations.coach.activities import Sport
from conversations.coach.advice import for_tonight_only, verdict_name
from conversations.coach.history import (
    TABLE_DAYS,
    Day,
    Run,
    chart_data,
    describe_both,
    session_load,
    shown_span,
    streak_run,
    table,
)
from conversations.coach.routine import SESSION_KIND as ROUTINE_KIND
from conversations.coach.timing import local_date
from conversations.common import (
    send,
    send_file,
    send_html,
    set_up_user,
    settle_button,
    user_id_of,
)
from conversations.context import CoachContext
from conversations.i18n import plain_words
from conversations.jog import minutes_done
from conversations.keyboards import YES_NO, inline
from conversations.own_record import file_run_days, user_record
from conversations.typed import still_pressable
from storage.checkins import ANSWER_FIELDS
from storage.models import ActivityRecord, CheckIn, JogSession, JogStatus, User

CHECKIN_COLUMNS = (
    "local_date",
    # The answers (storage.checkins.ANSWER_FIELDS): workout and also_workout (the day's other
    # workout beside it, both counting), ..., sharp_pain, then leg_day_before_rest: a leg day
    # two days back, with a rest day between, decided rule 6 or 7 (empty in rows from before
    # it was stored).
    *ANSWER_FIELDS,
    # The rule that decided the advice, as numbered in shared/recovery-rules.md (1 pain ... 8
    # as planned); 0 is the rest for that evening only after a hard workout told for that
    # same day (coach.advice.SAME_DAY_RULE; its advice_text says "rest tonight").
    "rule",
    "advice",
    # The evening's "did you train today too?" (storage.models.CheckIn.workout_that_day).
    "workout_that_day",
    "intensity_that_day",
    "overreached_that_day",
    # Given in the evening of local_date on the user's clock then: it covered the next morning.
    "evening",
    "created_at",
    "updated_at",
)
JOG_COLUMNS = (
    "started_at",
    "kind",
    "planned_minutes",
    "actual_minutes",
    "status",
    "feeling",
    "ended_at",
)
ACTIVITY_COLUMNS = (
    "started_at",
    "sport",
    "moving_seconds",
    "distance_metres",
    "avg_heart_rate",
    "max_heart_rate",
    "classification",
    "legs",
    "for_advice",
    "created_at",
)
# `for_advice` keeps its stored meaning (recent enough when sent to tell a check-in about);
# `counted` says whether it did, as /history does: not when the check-in of the day after
# answered otherwise (`overruled_by`, conversations.activities.overruled), and `counted_text`
# how, in /history's words. `classification_text` names the class itself, and `reason_text`
# why the file was classed so, whether or not it counted.
ACTIVITY_CSV_COLUMNS = (
    "started_at",
    "sport",
    "sport_text",
    "moving_seconds",
    "distance_metres",
    "avg_heart_rate",
    "max_heart_rate",
    "classification",
    "classification_text",
    "reason_text",
    "legs",
    "for_advice",
    "counted",
    "counted_text",
    "overruled_by",
    "overruled_by_text",
    "created_at",
)
# Beside each stable code, the words the user saw for it, in their language.
CHECKIN_CSV_COLUMNS = (
    "local_date",
    "workout",
    "workout_text",
    "also_workout",
    "also_workout_text",
    "leg_intensity",
    "leg_intensity_text",
    "overreached",
    "overreached_text",
    "walking",
    "walking_text",
    "sharp_pain",
    "sharp_pain_text",
    "leg_day_before_rest",
    "leg_day_before_rest_text",
    "rule",
    "advice",
    "advice_text",
    "workout_that_day",
    "workout_that_day_text",
    "intensity_that_day",
    "intensity_that_day_text",
    "overreached_that_day",
    "overreached_that_day_text",
    "evening",
    "evening_text",
    "created_at",
    "updated_at",
)
JOG_CSV_COLUMNS = (
    "started_at",
    "kind",
    "kind_text",
    "planned_minutes",
    "actual_minutes",
    "status",
    "status_text",
    "feeling",
    "feeling_text",
    "load",
    "ended_at",
)
# Internal keys only: the row ids and the link between tables.
NOT_EXPORTED = frozenset({"id", "user_id"})


async def history(update: Update, context: CoachContext) -> None:
    user = await set_up_user(update, context)
    if user is None or user.time_zone is None:
        return
    days, runs = await user_record(context.repo, user)
    today = local_date(user.time_zone, context.clock())
    stored = await context.repo.activities.list_for(user.telegram_user_id)
    answered = overruled(stored, {d.day: d.workout for d in days})
    said = {day: workout_words(code) for day, code in answered.items()}
    files = activity_lines(stored, user.time_zone, today, said)
    if not days:
        await send(update, "\n".join([str(texts.HISTORY_EMPTY), *files]))
        return
    blocks = history_blocks(days, runs, today)
    if files:
        blocks.append(
            f"<b>{html.escape(str(texts.ACTIVITIES_HEAD), quote=False)}</b>\n"
            + html.escape("\n".join(files), quote=False)
        )
    await send_html(update, blocks)
    png = await draw_chart(
        chart_data(days, runs, today, file_run_days=await file_run_days(context.repo, user))
    )
    page = context.bot_data.webapp_page
    markup = open_record(page) if page else None
    await send_file(update, png, "soreness.png", texts.CHART_CAPTION, photo=True, markup=markup)
    if page and i18n.current() != i18n.DEFAULT and update.effective_chat is not None:
        # The menu button set at start-up speaks English: this chat's, in the user's language.
        # A failure here costs only the label's language; the record was sent.
        with contextlib.suppress(TelegramError):
            await context.bot.set_chat_menu_button(
                chat_id=update.effective_chat.id,
                menu_button=MenuButtonWebApp(str(texts.OPEN_RECORD), WebAppInfo(page)),
            )


def open_record(page: str) -> InlineKeyboardMarkup:
    """The button that opens the Mini App (WEBAPP_URL + /app) inside Telegram."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(texts.OPEN_RECORD), web_app=WebAppInfo(page))]]
    )


def history_blocks(days: list[Day], runs: list[Run], today: date) -> list[str]:
    """/history's text as HTML blocks: the table under its heading, the streak, and what the
    user's own record shows (conversations.common.send_html fits them into messages)."""
    recent = html.escape(table(days, runs, today), quote=False)
    count, spanned = streak_run(days, today)
    shown = shown_span(days, runs, today)
    head = (
        str(texts.HISTORY_HEAD)
        if shown == TABLE_DAYS
        else texts.HISTORY_HEAD_SO_FAR.format(
            len(days),
            day=i18n.format_short_date(today - timedelta(days=shown - 1)),
            count=len(days),
        )
    )
    streak_line = texts.streak_line(count, spanned)
    return [
        f"<b>{html.escape(head, quote=False)}</b>\n<pre>{recent}</pre>"
        + (f"\n{html.escape(streak_line, quote=False)}" if streak_line else ""),
        html.escape(describe_both(days, runs), quote=False),
    ]


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(
    item: CheckIn | JogSession | ActivityRecord | User, columns: tuple[str, ...]
) -> dict[str, Any]:
    return {name: _value(getattr(item, name)) for name in columns}


def _stored(item: CheckIn | JogSession | ActivityRecord | User) -> dict[str, Any]:
    """Every stored column of the row but its internal keys, as JSON values."""
    return {
        column.key: _value(getattr(item, column.key))
        for column in item.__table__.columns
        if column.key not in NOT_EXPORTED
    }


def _words(label: object, code: object) -> str:
    """A code's label in the current language as plain words (no button emoji: a spreadsheet
    reads them); empty for no value, the code for an unknown."""
    if code is None:
        return ""
    return plain_words(label) if label is not None else str(code)


def _yes_no(answer: bool | None) -> str:
    """A yes-or-no answer as its button read, in the current language; empty if not asked."""
    if answer is None:
        return ""
    return plain_words(YES_NO[0][0] if answer else YES_NO[1][0])


def checkin_words(row: CheckIn) -> dict[str, str]:
    """The check-in's answers and verdict in the user's language, as the check-in asked them."""
    return {
        "workout_text": _words(WORKOUT.label_of(row.workout), row.workout),
        "also_workout_text": _words(
            WORKOUT.label_of(row.also_workout) if row.also_workout else None, row.also_workout
        ),
        "leg_intensity_text": _words(
            INTENSITY.label_of(row.leg_intensity) if row.leg_intensity else None,
            row.leg_intensity,
        ),
        "walking_text": _words(WALKING.label_of(row.walking), row.walking),
        # A pain day's walking answer came after the pain: the pain column says which it was.
        "overreached_text": _yes_no(row.overreached),
        "sharp_pain_text": _yes_no(row.sharp_pain),
        "leg_day_before_rest_text": _yes_no(row.leg_day_before_rest),
        # A rest for that evening only is named as its headline said: "rest tonight".
        "advice_text": plain_words(
            verdict_name(
                row.advice,
                row.walking,
                for_tonight_only(row.evening, row.workout_that_day, row.rule),
            )
        ),
        # The record's words for the day's workout, as the workout column names them: its
        # question's rest answer ("No, nothing today") is no name for a day in a spreadsheet.
        "workout_that_day_text": _words(
            WORKOUT.label_of(row.workout_that_day) if row.workout_that_day else None,
            row.workout_that_day,
        ),
        "intensity_that_day_text": _words(
            INTENSITY.label_of(row.intensity_that_day) if row.intensity_that_day else None,
            row.intensity_that_day,
        ),
        "overreached_that_day_text": _yes_no(row.overreached_that_day),
        "evening_text": _yes_no(row.evening),
    }


def jog_words(row: JogSession, zone: str) -> dict[str, Any]:
    """The session's kind, status and feeling in words, and its load (RPE x minutes)."""
    feeling = next((label for label, value in texts.FEELINGS if value == row.feeling), None)
    run = Run(
        local_date(zone, row.started_at),
        row.actual_minutes,
        row.status == JogStatus.COMPLETED,
        row.feeling,
        row.kind,
        row.planned_minutes,
    )
    return {
        "kind_text": _words(texts.JOG_KINDS.get(row.kind), row.kind),
        "status_text": status_words(row),
        "feeling_text": _words(feeling, row.feeling),
        "load": session_load(run),
    }


def status_words(row: JogSession) -> str:
    """The session's status as the chat told it: "finished", "cancelled", "cancelled after 7
    minutes", "stopped after 7 minutes of the 20 planned, not counting the warm-up" (a run's
    or cross-training's: the routine's "Next move" makes it shorter, stopped or not); a
    session stopped before a minute of it was done, with none recorded (a run in its warm-up
    or its first minute, the routine in its first: conversations.jog.minutes_done), as
    "stopped during the warm-up" or "stopped after under a minute", not as "cancelled"."""
    done = row.actual_minutes
    finished = row.status == JogStatus.COMPLETED and row.kind != ROUTINE_KIND
    if finished and done is not None and done < row.planned_minutes:
        return texts.STOPPED_AFTER.format(done, minutes=done, planned=row.planned_minutes)
    if row.status != JogStatus.CANCELLED:
        return _words(texts.JOG_STATUSES.get(row.status.value), row.status.value)
    if row.actual_minutes:
        return texts.CANCELLED_AFTER.format(row.actual_minutes, count=row.actual_minutes)
    if row.ended_at is not None and minutes_done(row, row.ended_at) == 0:
        if row.ended_at < row.run_started_at:
            return str(texts.STOPPED_IN_WARM_UP)
        return str(texts.STOPPED_AT_ONCE)
    return str(texts.JOG_STATUSES["cancelled"])


def activity_state(row: ActivityRecord, answered: Mapping[date, str]) -> dict[str, Any]:
    """Whether the file counted for advice, as /history says it: {"counted": bool,
    "overruled_by": the Workout value the check-in of the day after answered instead, or None}.
    `answered`: the days `overruled` returned for the user's files."""
    said = answered.get(row.local_date) if row.for_advice else None
    return {"counted": row.for_advice and said is None, "overruled_by": said}


def activity_words(row: ActivityRecord, answered: Mapping[date, str]) -> dict[str, str]:
    """The file's sport, class and why it was classed so, and how it counted in /history's
    words, in the current language; `answered`: as for `activity_state`."""
    code = answered.get(row.local_date) if row.for_advice else None
    said = workout_words(code) if code is not None else None
    try:
        sport = plain_words(SPORT_NAMES[Sport(row.sport)])
    except ValueError:  # a sport a later version stores
        sport = row.sport
    return {
        "sport_text": sport,
        "classification_text": class_name(row),
        "reason_text": reason_of(row),
        "counted_text": class_label(row, said),
        "overruled_by_text": said or "",
    }


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


async def export(update: Update, context: CoachContext) -> None:
    """Only the asking user's own rows: every query is keyed by their Telegram id."""
    user = await set_up_user(update, context)
    if user is None:
        return
    uid = user.telegram_user_id
    zone = user.time_zone or "UTC"
    stored_checkins = await context.repo.checkins.list_for(uid)
    stored_jogs = await context.repo.jogs.list_for(uid)
    checkins = [_row(c, CHECKIN_COLUMNS) for c in stored_checkins]
    jogs = [_row(j, JOG_COLUMNS) for j in stored_jogs]
    stored_files = await context.repo.activities.list_for(uid)
    answered = overruled(stored_files, {c.local_date: c.workout for c in stored_checkins})
    files = [
        _row(a, ACTIVITY_COLUMNS) | activity_state(a, answered) | activity_words(a, answered)
        for a in stored_files
    ]
    everything = {
        "exported_at": context.clock().isoformat(),
        "profile": _stored(user),
        "checkins": [_stored(c) for c in stored_checkins],
        "jog_sessions": [_stored(j) | {"load": jog_words(j, zone)["load"]} for j in stored_jogs],
        "activities": [_stored(a) | activity_state(a, answered) for a in stored_files],
    }
    checkin_rows = [
        row | checkin_words(c) for row, c in zip(checkins, stored_checkins, strict=True)
    ]
    jog_rows = [row | jog_words(j, zone) for row, j in zip(jogs, stored_jogs, strict=True)]
    sent = (
        (
            "legday-checkins.csv",
            _csv(checkin_rows, CHECKIN_CSV_COLUMNS),
            texts.EXPORT_CAPTIONS["checkins"],
        ),
        ("legday-jogs.csv", _csv(jog_rows, JOG_CSV_COLUMNS), texts.EXPORT_CAPTIONS["jogs"]),
        (
            "legday-activities.csv",
            _csv(files, ACTIVITY_CSV_COLUMNS),
            texts.EXPORT_CAPTIONS["activities"],
        ),
        (
            "legday-export.json",
            json.dumps(everything, indent=2, ensure_ascii=False).encode(),
            texts.EXPORT_CAPTIONS["json"],
        ),
    )
    for name, content, caption in sent:
        await send_file(update, content, name, caption)


async def delete(update: Update, context: CoachContext) -> None:
    if await context.repo.users.get(user_id_of(update)) is None:
        await send(update, texts.DELETED)  # nothing stored: already true
        return
    await send(
        update,
        texts.DELETE_CONFIRM,
        inline(
            [[(texts.DELETE_YES, DeleteAnswer("yes"))], [(texts.DELETE_NO, DeleteAnswer("no"))]]
        ),
    )


async def ask_to_erase_again(update: Update, context: CoachContext) -> bool:
    """A typed "yes" under the /delete confirmation, still on screen: it never erases
    (keyboards.NEVER_BY_YES: only the button does), so the confirmation is asked again with
    how to confirm, and True; False when no confirmation waits."""
    if await still_pressable(update, context, DeleteAnswer.pattern()) is None:
        return False
    await send(update, texts.DELETE_TAP_TO_CONFIRM.format(button=texts.DELETE_YES))
    await delete(update, context)
    return True


async def delete_answer(update: Update, context: CoachContext) -> None:
    confirmed = DeleteAnswer.of(update).answer == "yes"
    await settle_button(update, texts.DELETE_YES if confirmed else texts.DELETE_NO)
    if not confirmed:
        await send(update, texts.DELETE_KEPT)
        return
    await context.repo.delete_user(user_id_of(update))
    await send(update, texts.DELETED)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """/history, /export and /delete with its confirmation."""
    return [
        CommandHandler("history", history),
        CommandHandler("export", export),
        CommandHandler("delete", delete),
        CallbackQueryHandler(delete_answer, pattern=DeleteAnswer.pattern()),
    ]
