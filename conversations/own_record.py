"""The user's stored rows as the coach's plain records (conversations.coach.history), for
/history, the check-in's baseline line, the weekly summary and the Mini App."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from conversations.coach.activities import ActivityClass
from conversations.coach.advice import covers_the_next_day, for_tonight_only
from conversations.coach.history import Day, Run
from conversations.coach.timing import local_date
from storage.activities import FileLine
from storage.checkins import DayAnswers
from storage.jogs import SessionLine
from storage.models import CheckIn, JogSession, JogStatus, User
from storage.repository import Repository


def as_record(
    checkins: Iterable[CheckIn | DayAnswers], jogs: Iterable[JogSession | SessionLine], zone: str
) -> tuple[list[Day], list[Run]]:
    """Stored rows as the coach's plain records; a run belongs to the local day it started on
    in `zone`. Whether a check-in covers the next morning is the evening it stored
    (CheckIn.evening), whatever the zone is now."""
    return (
        [
            Day(
                c.local_date,
                c.workout,
                c.walking,
                c.advice,
                c.leg_intensity,
                bool(c.sharp_pain),
                # As stored when given (CheckIn.evening), never re-read on today's zone.
                bool(c.evening) and covers_the_next_day(c.advice, c.workout_that_day, c.rule),
                bool(c.overreached),
                c.workout_that_day,
                bool(c.overreached_that_day),
                for_tonight_only(c.evening, c.workout_that_day, c.rule),
            )
            for c in checkins
        ],
        [
            Run(
                local_date(zone, j.started_at),
                j.actual_minutes,
                j.status == JogStatus.COMPLETED,
                j.feeling,
                j.kind,
                j.planned_minutes,
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


async def file_run_days(repo: Repository, user: User) -> list[date]:
    """Local dates of the user's activity files classed as an easy run that counted for advice
    (a check-in said those instead of asking: conversations.checkin.yesterday_known), oldest
    first: the weekly summary counts such runs as the files', not as told (coach.history.week)."""
    return easy_run_days(await repo.activities.lines_for(user.telegram_user_id))


def easy_run_days(lines: Iterable[FileLine]) -> list[date]:
    """`file_run_days` of the user's activity files, as read already (the Mini App's)."""
    return sorted(
        {
            line.local_date
            for line in lines
            if line.for_advice and line.classification == ActivityClass.EASY_RUN
        }
    )
