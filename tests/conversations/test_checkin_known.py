"""What the bot already knows is not asked again (issue 13): a workout typed at a check-in that
asks walking first is taken, as under the push that asks walking."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from conversations import texts
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, check_in, onboard

pytestmark = pytest.mark.both_databases

BERLIN = ZoneInfo("Europe/Berlin")
NOTHING = "😴 No, nothing today"


def berlin(wall: str) -> datetime:
    return datetime.fromisoformat(wall).replace(tzinfo=BERLIN).astimezone(UTC)


async def test_a_workout_typed_where_walking_is_asked_first_is_taken(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Two days after a heavy leg day /checkin asks walking first; a typed workout there is
    taken, as under the push that asks walking, not asked again."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "Normal")

    clock.now = berlin("2026-01-14 07:45")
    (walking,) = await ana.send("/checkin")
    assert (walking.text or "").startswith(str(texts.WALKING_PROMPT))
    (again,) = await ana.send("rest")

    assert again.text == str(texts.WALKING_PROMPT)
    assert not any(m.text == str(texts.PICK_A_BUTTON) for m in ana.history)
    (verdict,) = await ana.press("A bit sore", again)
    assert "Because: rest day yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 14))
    assert stored is not None and (stored.workout, stored.walking) == ("rest", "a_bit_sore")


async def test_a_workout_typed_at_walking_corrects_one_told_last_night(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    clock.now = berlin("2026-01-13 19:00")
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)

    clock.now = berlin("2026-01-14 07:45")
    told, _walking = await ana.send("/checkin")
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")
    (again,) = await ana.send("easy run")
    assert again.text == str(texts.WALKING_PROMPT)
    await ana.press("Normal", again)
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 14))
    assert stored is not None and stored.workout == "easy_run"
