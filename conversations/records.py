"""/history, /export and /delete: users look back on their data, take it with them, or erase it."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
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
from conversations.activities import activity_lines
from conversations.buttons import DeleteAnswer
from conversations.chart import draw_chart
from conversations.coach.history import (
    Day,
    Run,
    chart_data,
    describe_evidence,
    evidence,
    streak,
    table,
)
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
from conversations.keyboards import inline
from storage.checkins import DayAnswers
from storage.jogs import SessionLine
from storage.models import ActivityRecord, CheckIn, JogSession, JogStatus, User
from storage.repository import Repository

CHECKIN_COLUMNS = (
    "local_date",
    "workout",
    "leg_intensity",
    "overreached",
    "walking",
    "sharp_pain",
    "rule",
    "advice",
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
PROFILE_COLUMNS = (
    "time_zone",
    "morning_time",
    "run_time",
    "new_runner",
    "muscle_priority",
    "compression_gear",
    "weekly_summary",
    "paused",
    "paused_until",
    "created_at",
)


def as_record(
    checkins: Iterable[CheckIn | DayAnswers], jogs: Iterable[JogSession | SessionLine], zone: str
) -> tuple[list[Day], list[Run]]:
    """Stored rows as the coach's plain records; a run belongs to the local day it started on."""
    return (
        [Day(c.local_date, c.workout, c.walking, c.advice) for c in checkins],
        [
            Run(
                local_date(zone, j.started_at),
                j.actual_minutes,
                j.status == JogStatus.COMPLETED,
            )
            for j in jogs
        ],
    )


async def user_record(repo: Repository, user: User) -> tuple[list[Day], list[Run]]:
    """Everything the user checked in and ran, as the coach's records."""
    uid = user.telegram_user_id
    return as_record(
        await repo.checkins.days_for(uid), await repo.jogs.lines_for(uid), user.time_zone or "UTC"
    )


async def history(update: Update, context: CoachContext) -> None:
    user = await set_up_user(update, context)
    if user is None or user.time_zone is None:
        return
    days, runs = await user_record(context.repo, user)
    today = local_date(user.time_zone, context.clock())
    files = activity_lines(
        await context.repo.activities.list_for(user.telegram_user_id), user.time_zone, today
    )
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
    png = await draw_chart(chart_data(days, runs, today))
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
    count = streak(days, today)
    return [
        f"<b>{html.escape(str(texts.HISTORY_HEAD), quote=False)}</b>\n<pre>{recent}</pre>\n"
        + html.escape(texts.STREAK.format(count, days=count), quote=False),
        html.escape(describe_evidence(evidence(days, runs)), quote=False),
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
    checkins = [_row(c, CHECKIN_COLUMNS) for c in await context.repo.checkins.list_for(uid)]
    jogs = [_row(j, JOG_COLUMNS) for j in await context.repo.jogs.list_for(uid)]
    files = [_row(a, ACTIVITY_COLUMNS) for a in await context.repo.activities.list_for(uid)]
    everything = {
        "exported_at": context.clock().isoformat(),
        "profile": _row(user, PROFILE_COLUMNS),
        "checkins": checkins,
        "jog_sessions": jogs,
        "activities": files,
    }
    sent = (
        ("legday-checkins.csv", _csv(checkins, CHECKIN_COLUMNS), texts.EXPORT_CAPTIONS["checkins"]),
        ("legday-jogs.csv", _csv(jogs, JOG_COLUMNS), texts.EXPORT_CAPTIONS["jogs"]),
        (
            "legday-activities.csv",
            _csv(files, ACTIVITY_COLUMNS),
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
