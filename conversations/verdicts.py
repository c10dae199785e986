"""Today's advice for answers stored or fresh, with the user's profile: shared by the check-in,
the jog timer and the pushes, so each screen works from the same verdict."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from conversations.coach.advice import (
    Advice,
    Answers,
    LegIntensity,
    Profile,
    Walking,
    Workout,
    advise,
)
from conversations.coach.timing import PartOfDay, checkin_day, covers_next_morning, part_of_day
from storage.models import CheckIn, User
from storage.repository import Repository

FIELDS = ("workout", "leg_intensity", "overreached", "walking", "sharp_pain")


def advice_for(answers: Mapping[str, Any] | CheckIn, user: User, evening: bool = False) -> Advice:
    """The advice for stored or fresh answers, with the user's current profile; `evening`: it
    covers the rest of today and tomorrow morning (coach.advice.advise)."""
    if isinstance(answers, CheckIn):
        answers = {name: getattr(answers, name) for name in FIELDS}
    intensity = answers.get("leg_intensity")
    return advise(
        Answers(
            workout=Workout(answers["workout"]),
            walking=Walking(answers["walking"]),
            leg_intensity=LegIntensity(intensity) if intensity else None,
            overreached=answers.get("overreached"),
            sharp_pain=answers.get("sharp_pain"),
        ),
        profile_of(user),
        evening=evening,
    )


def profile_of(user: User) -> Profile:
    """The onboarding answers the rules and texts depend on; unanswered counts as no."""
    return Profile(
        new_runner=bool(user.new_runner),
        muscle_priority=bool(user.muscle_priority),
        compression_gear=bool(user.compression_gear),
    )


async def last_nights_checkin(repo: Repository, user: User, day: date) -> CheckIn | None:
    """The check-in of the local day before `day`, if it was given that evening, so that its
    verdict covers the morning of `day` (timing.covers_next_morning). Its answers' time is
    `updated_at`: an earlier check-in of that day answered again in the evening is an evening
    one."""
    if user.time_zone is None:
        return None
    before = await repo.checkins.get(user.telegram_user_id, day - timedelta(days=1))
    if before is None:
        return None
    covers = covers_next_morning(user.time_zone, before.local_date, before.updated_at)
    return before if covers else None


async def todays_advice(repo: Repository, user: User, now: datetime) -> Advice | None:
    """The advice in force: that of the check-in of the user's check-in day (timing.checkin_day),
    or, in the morning before any, last night's verdict, which covers it (its note says so)."""
    if user.time_zone is None:
        return None
    day = checkin_day(user.time_zone, now)
    checkin = await repo.checkins.get(user.telegram_user_id, day)
    if checkin is None and part_of_day(user.time_zone, now) is PartOfDay.MORNING:
        checkin = await last_nights_checkin(repo, user, day)
    return advice_for(checkin, user) if checkin is not None else None
