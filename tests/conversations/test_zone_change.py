"""A change of time zone never takes away today's check-in or revives an older verdict
(coach.timing.current_checkin_day): /checkin, /jog and /history keep telling the verdict the
user was told, until the new zone's own next check-in day begins. Issue 13."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conversations.coach.timing import current_checkin_day, held_over
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard

REPLACING_TODAY = "You already checked in today: rest day."
NO_RUN = "Your check-in said no run (leg day yesterday, well past what you're used to)."


async def _move(chat: Chat, place: str, zone: str, repo: Repository) -> None:
    await chat.send("/settings")
    await chat.press("Time zone")
    await chat.send(place)
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == zone


async def _red_leg_day(chat: Chat) -> None:
    (verdict,) = await check_in(chat, "🦵 Leg day", "Heavy", "Yes", "Normal")
    assert verdict.text is not None and verdict.text.startswith("🔴"), verdict.text


async def _still_red(chat: Chat) -> None:
    """/checkin names today's red verdict as today's, and /jog says why not first."""
    (again, _question) = await chat.send("/checkin")
    assert again.text is not None and again.text.startswith(REPLACING_TODAY), again.text
    await chat.send("/cancel")
    (jog,) = await chat.send("/jog")
    assert jog.text is not None and jog.text.startswith(NO_RUN), jog.text
    assert buttons(jog)[0] == ["🏃 Run 15 min anyway"]


async def test_moving_west_keeps_this_mornings_red_verdict(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """At 07:44 in Berlin a red leg-day check-in for Fri 11 Dec, after a green one of 10 Dec;
    at 07:50 the user moves to New York, where it is 01:50, still the evening of 10 Dec by
    the clock alone: the green verdict of 10 Dec must not come back."""
    clock.now = datetime(2026, 12, 10, 6, 40, tzinfo=UTC)
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    await check_in(ana, "😴 Rest day", "Normal")  # 10 Dec: train as planned
    clock.now = datetime(2026, 12, 11, 6, 44, tzinfo=UTC)
    await _red_leg_day(ana)

    clock.now = datetime(2026, 12, 11, 6, 50, tzinfo=UTC)
    await _move(ana, "New York", "America/New_York", repo)

    await _still_red(ana)
    summary, *_ = await ana.send("/history")
    assert summary.text is not None and "11 Dec leg day🔥 normal     rest day" in summary.text
    # A check-in answered again now redoes that of 11 Dec, as in its morning.
    replies = await check_in(ana, "🦵 Leg day", "Heavy", "Yes", "Normal")
    redone = replies[-1].text
    assert redone is not None and redone.startswith(
        "I replaced today's earlier check-in with these answers.\n\n🔴 Red: no run"
    )
    assert "tonight" not in redone
    stored = [(c.local_date, c.advice) for c in await repo.checkins.list_for(1001)]
    assert stored == [(date(2026, 12, 10), "as_planned"), (date(2026, 12, 11), "rest_day")]

    clock.now = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)  # 04:00 in New York: 11 Dec there too
    await _still_red(ana)


async def test_moving_east_keeps_the_verdict_until_the_new_zones_day_begins(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """A red check-in at 07:44 in Berlin holds in Tokyo (15:50 there, the same day); the new
    zone's next day begins at 04:00 Tokyo time, and its check-in is asked for as any day's."""
    clock.now = datetime(2026, 12, 11, 6, 40, tzinfo=UTC)
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    clock.now = datetime(2026, 12, 11, 6, 44, tzinfo=UTC)
    await _red_leg_day(ana)

    clock.now = datetime(2026, 12, 11, 6, 50, tzinfo=UTC)
    await _move(ana, "Tokyo", "Asia/Tokyo", repo)
    await _still_red(ana)

    clock.now = datetime(2026, 12, 11, 19, 0, tzinfo=UTC)  # 04:00 on Sat 12 Dec in Tokyo
    (question,) = await ana.send("/checkin")
    # Two days after the heavy leg day Berlin's check-in reported: walking first (issue 13).
    assert question.text == "How does walking feel this morning?"
    stored = [c.local_date for c in await repo.checkins.list_for(1001)]
    assert stored == [date(2026, 12, 11)]


async def test_moving_west_on_the_new_zones_dst_day(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Sun 8 Mar 2026, New York springs forward at 02:00: a Berlin check-in at 07:44 (06:44
    UTC) is held in New York (01:44 EST), and a check-in answered again at 03:30 EDT still
    redoes 8 Mar's, as in its morning (not "after midnight" for 7 Mar)."""
    clock.now = datetime(2026, 3, 8, 6, 40, tzinfo=UTC)
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    clock.now = datetime(2026, 3, 8, 6, 44, tzinfo=UTC)
    await _red_leg_day(ana)
    await _move(ana, "New York", "America/New_York", repo)

    clock.now = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT, an hour after the gap
    await _still_red(ana)
    (again, question) = await ana.send("/checkin")
    assert again.text is not None and again.text.startswith(REPLACING_TODAY)
    assert question.text is not None and question.text.startswith("What was your main workout")
    assert [c.local_date for c in await repo.checkins.list_for(1001)] == [date(2026, 3, 8)]


@pytest.mark.parametrize(
    ("zone", "moment", "latest", "day"),
    [
        # Held: New York's clock alone says 10 Dec, the latest check-in is of 11 Dec.
        (
            "America/New_York",
            datetime(2026, 12, 11, 6, 50, tzinfo=UTC),
            date(2026, 12, 11),
            date(2026, 12, 11),
        ),
        # An older check-in never pulls the day back, nor forward.
        (
            "America/New_York",
            datetime(2026, 12, 11, 6, 50, tzinfo=UTC),
            date(2026, 12, 9),
            date(2026, 12, 10),
        ),
        (
            "America/New_York",
            datetime(2026, 12, 11, 9, 0, tzinfo=UTC),
            date(2026, 12, 10),
            date(2026, 12, 11),
        ),
        ("America/New_York", datetime(2026, 12, 11, 9, 0, tzinfo=UTC), None, date(2026, 12, 11)),
        (
            "Asia/Tokyo",
            datetime(2026, 12, 11, 19, 0, tzinfo=UTC),
            date(2026, 12, 11),
            date(2026, 12, 12),
        ),
    ],
)
def test_current_checkin_day(zone: str, moment: datetime, latest: date | None, day: date) -> None:
    assert current_checkin_day(zone, moment, latest) == day


@pytest.mark.parametrize(
    ("moment", "day", "held"),
    [
        (datetime(2026, 12, 11, 6, 50, tzinfo=UTC), date(2026, 12, 11), True),  # 01:50 NY
        (datetime(2026, 12, 11, 6, 50, tzinfo=UTC), date(2026, 12, 10), False),
        (datetime(2026, 12, 11, 9, 0, tzinfo=UTC), date(2026, 12, 11), False),  # 04:00 NY
    ],
)
def test_held_over(moment: datetime, day: date, held: bool) -> None:
    assert held_over("America/New_York", moment, day) is held


BERLIN_RECORD = (
    "<b>Since 7 Dec: 3 check-ins</b>\n<pre>"
    "day    yesterday walking    advice      session\n"
    "7 Dec  rest      normal     as planned  -\n"
    "8 Dec  -         -          -           -\n"
    "9 Dec  leg day   a bit sore easy jog    -\n"
    "10 Dec -         -          ↑easy jog   -\n"
    "11 Dec rest      normal     as planned  -\n"
    "↑ covered by the check-in the day before, given that evening or night</pre>\n"
    "Check-in streak: 3 days covered in a row (an evening check-in covers the next morning)."
)


@pytest.mark.parametrize(
    ("place", "zone"), [("Tokyo", "Asia/Tokyo"), ("New York", "America/New_York")]
)
async def test_a_move_keeps_which_past_checkins_were_evening_ones(
    ana: Chat, repo: Repository, clock: FrozenClock, place: str, zone: str
) -> None:
    """Check-ins in Berlin: 7 Dec at 10:00 (18:00 in Tokyo), 9 Dec at 20:00 (04:00 on 10 Dec in
    Tokyo, 14:00 in New York), 11 Dec at 08:00. Only 9 Dec's was an evening one and covers
    10 Dec; read again on the new zone's clock, 7 Dec's would have covered 8 Dec and 9 Dec's
    nothing. After the move /history's table and streak stay as they were."""
    clock.now = datetime(2026, 12, 7, 8, 50, tzinfo=UTC)
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    await check_in(ana, "😴 Rest day", "Normal")
    clock.now = datetime(2026, 12, 9, 19, 0, tzinfo=UTC)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", "😴 No, nothing today")
    clock.now = datetime(2026, 12, 11, 7, 0, tzinfo=UTC)
    await check_in(ana, "😴 Rest day", "Normal")

    clock.now = datetime(2026, 12, 11, 7, 30, tzinfo=UTC)
    (before, *_) = await ana.send("/history")
    assert before.text is not None and before.text.startswith(BERLIN_RECORD), before.text

    await _move(ana, place, zone, repo)

    (after, *_) = await ana.send("/history")
    assert after.text is not None and after.text.startswith(BERLIN_RECORD), after.text
    assert after.text == before.text
