"""Today's advice for answers stored or fresh, with the user's profile: shared by the check-in,
the jog timer and the pushes, so each screen works from the same verdict."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
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
from conversations.coach.timing import local_date
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


async def todays_advice(repo: Repository, user: User, now: datetime) -> Advice | None:
    """The advice of the user's check-in of their local today, if there is one."""
    if user.time_zone is None:
        return None
    checkin = await repo.checkins.get(user.telegram_user_id, local_date(user.time_zone, now))
    return advice_for(checkin, user) if checkin is not None else None
