"""Weeks of check-ins for the Mini App's tests, written straight to the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from conversations.coach.timing import WARM_UP
from storage.models import JogStatus
from storage.repository import Repository
from tests.chat import seed_set_up_users

WALKS = ("normal", "a_bit_sore", "stiff_sore", "hard")


async def seed_weeks(
    repo: Repository,
    uid: int,
    today: date,
    now: datetime,
    weeks: int = 8,
    language: str | None = None,
) -> list[date]:
    """A user set up in Berlin with a check-in every morning for `weeks` weeks up to today: a
    leg day every fourth day (reported the morning after), a finished 15-minute jog the day
    after each leg day, 20 minutes of cross-training every seventh day. Returns the check-in
    dates, oldest first."""
    await seed_set_up_users(repo, [uid], now)
    if language is not None:
        await repo.users.update(uid, now, language=language)
    dates = []
    for offset in range(weeks * 7 - 1, -1, -1):
        day = today - timedelta(days=offset)
        workout = "leg_day" if offset % 4 == 1 else "rest"
        answers = {"workout": workout, "walking": WALKS[offset % 4]}
        await repo.checkins.save(uid, day, answers, 8, "easy_jog", now)
        dates.append(day)
        if offset % 4 == 0 or offset % 7 == 3:
            kind, minutes = ("jog", 15) if offset % 4 == 0 else ("cross", 20)
            started = datetime.combine(day, time(9), tzinfo=UTC)
            jog = await repo.jogs.start(uid, kind, minutes, started, WARM_UP)
            ended = started + WARM_UP + timedelta(minutes=minutes)
            await repo.jogs.end(jog.id, JogStatus.COMPLETED, ended, minutes)
            await repo.jogs.set_feeling(jog.id, "right")
    return dates
