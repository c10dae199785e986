"""Weeks of check-ins for the Mini App's tests, written straight to the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from conversations.coach.activities import Activity, Sport, classify
from conversations.coach.timing import WARM_UP
from storage.activities import NewActivity
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


async def seed_files(repo: Repository, uid: int, day: date, now: datetime) -> None:
    """Two activity files started on `day` in Berlin, classed as the bot classes them: a
    21.5 km run at 08:00 (a long race, 1:45:00, average heart rate 145) and a 45 km ride at
    17:00 (other training, no heart rate)."""
    files = (
        ("long", Activity(Sport.RUN, _berlin(day, 8), 6300, 21_500, 145, 170)),
        ("ride", Activity(Sport.CYCLE, _berlin(day, 17), 5400, 45_000)),
    )
    for name, activity in files:
        found = classify(activity)
        new = NewActivity(
            source_id=f"{name}-{uid}-{day}",
            sport=activity.sport.value,
            started_at=activity.start,
            local_date=day,
            moving_seconds=round(activity.moving_seconds),
            distance_metres=round(activity.distance_metres or 0) or None,
            avg_heart_rate=activity.avg_heart_rate,
            max_heart_rate=activity.max_heart_rate,
            classification=found.kind.value,
            for_advice=True,
            reason={"why": found.why.value, **found.values},
        )
        await repo.activities.add(uid, new, now)


async def seed_pain(
    repo: Repository, uid: int, day: date, walking: str, now: datetime, workout: str = "rest"
) -> None:
    """The check-in of `day` replaced by one reporting sharp or joint pain (and `walking`), and
    `workout` for yesterday (the files' own, where the check-in took it from them)."""
    answers: dict[str, str | bool | None] = {
        "workout": workout,
        "walking": walking,
        "sharp_pain": True,
    }
    await repo.checkins.save(uid, day, answers, 8, "rest", now)


def _berlin(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)
