"""The day after an evening check-in (issue 13): its verdict said it goes for the rest of that
day and the next, so the next morning's push asks for no new check-in, says the verdict covers
today, repeats it in a few words and offers one to check in again if the legs feel different;
`/jog` follows it all that day until a check-in of the day's own."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from conversations import i18n, texts
from conversations.coach.advice import (
    BAND_LABELS,
    BOTH_SIDES,
    EVENING_NOTE,
    PEAK_NOTE,
    Answers,
    Band,
    Profile,
    Walking,
    Workout,
    advise,
    verdict_name,
)
from storage.repository import Repository
from tests.activity_files import gpx_file
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import tick

JOG_OFFER = [
    ["Start 15 min", "Start 20 min"],
    ["Remind me at 17:30"],
    ["Remind me in 1 hour", "Not today"],
    ["Why? Both sides"],
]
# The push that asks walking carries its answers: one tap answers it and starts the check-in.
WALKING_ANSWERS = [
    ["Normal", "A bit sore"],
    ["Stiff and sore", "Hard to walk"],
    ["⚠️ Sharp or joint pain"],
]
AGAIN_AND_CONTROLS = [["Legs feel different: check in"], ["Pause pushes", "Change time"]]
JOG_TODAY = "🏃 Yes: an easy 15-20 minute jog today."
# The covered push opens its headline with the verdict's band, as every verdict screen does.
GREEN = "🟢 Green: good to go"
YELLOW = "🟡 Yellow: go gently"
RED = "🔴 Red: no run"
JOG_COVERED = f"{GREEN}\n{JOG_TODAY}"
NOTHING = "😴 No, nothing today"  # the evening's last question: no training that day
NOTHING_THAT_DAY = "😴 No, nothing that day"  # the same after midnight, when it names the date


def at(zone: str, wall: str) -> datetime:
    """A wall-clock time in `zone`, as the UTC moment the clock is set to."""
    return datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


async def drain(chat: Chat) -> None:
    """Ticks until nothing more is due at the frozen moment."""
    while await tick(chat.app):
        pass


async def _rest_day_then_leg_day(
    chat: Chat, clock: FrozenClock, rest_at: str, leg_day_at: str, walking: str = "A bit sore"
) -> None:
    """Onboarded in Berlin with a rest day told at `rest_at`, then a moderate leg day without
    pain told at `leg_day_at` (Berlin wall times, "YYYY-MM-DD HH:MM"), walking `walking`."""
    clock.now = at("Europe/Berlin", rest_at)
    await onboard(chat)
    await check_in(chat, "😴 Rest day", "Normal")
    clock.now = at("Europe/Berlin", leg_day_at)
    await check_in(chat, "🦵 Leg day", "Moderate", "No", walking, NOTHING)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
async def test_the_push_after_an_evening_checkin_says_it_covers_today(
    ana: Chat, clock: FrozenClock, repo: Repository, zone: str
) -> None:
    clock.now = at(zone, "2026-01-12 21:00")
    await onboard(ana, zone=zone)
    (verdict,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    assert verdict.text is not None and str(EVENING_NOTE) in verdict.text
    assert "🌙 A late check-in: this goes for the rest of today and tomorrow." in verdict.text
    assert "tomorrow morning" not in verdict.text  # the next day is covered, not half of it

    clock.now = at(zone, "2026-01-13 07:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == texts.MORNING_COVERED.format(verdict="easy jog", headline=JOG_COVERED)
    assert ana.last.text.startswith(
        "Good morning! Last night's check-in covers today: easy jog.\n\n🟢 Green: good to go\n"
        "🏃 Yes: an easy 15-20 minute jog today.\n\n"
    )
    assert buttons(ana.last) == [*JOG_OFFER, *AGAIN_AND_CONTROLS]

    # The jog offer under it works as under any jog verdict: the reminder comes.
    clock.now = at(zone, "2026-01-13 07:35")
    await ana.press("Remind me in 1 hour")
    clock.now = at(zone, "2026-01-13 08:35")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.REMINDER["jog"])

    # No follow-up asks for the check-in the push said was not needed.
    clock.now = at(zone, "2026-01-13 10:30")
    assert await tick(ana.app) == 0
    assert await repo.checkins.get(1001, date(2026, 1, 13)) is None

    # It covers one morning: the next one asks again.
    clock.now = at(zone, "2026-01-14 07:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.MORNING_PUSH)
    assert buttons(ana.last)[0] == ["Check in now"]


async def test_waiting_a_day_told_that_evening_is_over_by_the_next_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    """Rule 5 waits one day after the leg day: checked in at that day's end, its verdict covers
    only tonight, so the next morning asks afresh instead of holding the run off again."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana, muscle_first="Yes")
    (verdict,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    assert verdict.text is not None
    assert "⏳ No run tonight: your day of waiting isn't over yet." in verdict.text
    assert "• Tomorrow your day of waiting is over: an easy run is fine then." in verdict.text
    assert verdict.text.endswith(
        "🌙 A late check-in: this goes for tonight. Check in again tomorrow."
    )

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    # "Nothing today" was the answer for that day: named, not asked again (newcomer 10).
    assert ana.last.text == texts.MORNING_PUSH_TOLD.format(workout="😴 Rest day")
    assert buttons(ana.last)[0] == ["Normal", "A bit sore"]
    (offer,) = await ana.send("/jog")
    assert offer.text == str(texts.JOG_ASK)  # no "your check-in said no run" a day later


async def test_an_afternoon_checkin_does_not_cover_the_next_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-12 16:59")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)

    assert ana.last.text == str(texts.MORNING_PUSH)


async def test_a_morning_checkin_answered_again_in_the_evening_covers_the_next_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    """Every answer given again that evening ("Answer everything again" under the evening's
    addition), not only the day's own training."""
    clock.now = at("Europe/Berlin", "2026-01-12 08:00")
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    adding, _today = await ana.send("/checkin")
    _replacing, question = await ana.press("🔄 Answer everything again", adding)
    assert question.text == str(texts.WORKOUT_PROMPT)
    for label in ("🦵 Leg day", "Moderate", "No", "Stiff and sore", NOTHING):
        await ana.press(label)

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    assert ana.last.text == texts.MORNING_COVERED.format(
        verdict="cross-train or easy run",
        headline=f"{YELLOW}\n🚲 Only if you must: a very short, very easy run. Better: "
        "cross-train.",
    )


async def test_after_a_red_evening_verdict_the_morning_holds_no_run(
    ana: Chat, clock: FrozenClock
) -> None:
    zone = "America/New_York"
    clock.now = at(zone, "2026-01-12 22:30")
    await onboard(ana, zone=zone)
    await check_in(ana, "😴 Rest day", "⚠️ Sharp or joint pain", "Normal", NOTHING)

    clock.now = at(zone, "2026-01-13 07:30")
    await tick(ana.app)
    assert ana.last.text == texts.MORNING_COVERED_PAIN.format(
        verdict="rest (pain)", headline=f"{RED}\n🛑 No running today: rest."
    )
    assert ana.last.text.endswith("If the pain has gone since last night, check in again.")
    # No jog offer, no reminder: only why, checking in again and the push controls.
    assert buttons(ana.last) == [["Why? Both sides"], *AGAIN_AND_CONTROLS]

    # Last night's verdict covers the whole day, as the push said, not only its morning.
    for wall in ("08:00", "12:30", "21:00"):
        clock.now = at(zone, f"2026-01-13 {wall}")
        (reply,) = await ana.send("/jog")
        assert reply.text == texts.JOG_NOT_TODAY.format(drivers="sharp or joint pain"), wall
        assert buttons(reply)[0] == ["🏃 Run 15 min anyway"]

    # The day after that has no verdict yet: /jog asks as on any day without one.
    clock.now = at(zone, "2026-01-14 12:30")
    (reply,) = await ana.send("/jog")
    assert reply.text == str(texts.JOG_ASK)


async def test_pain_told_in_the_evening_of_a_day_trained_holds_the_next_morning_too(
    ana: Chat, clock: FrozenClock
) -> None:
    """The question after the pain answer says "no running tonight or tomorrow"; a workout of
    that day does not make the verdict tonight's only, as it does for soreness (newcomer 9)."""
    zone = "America/New_York"
    clock.now = at(zone, "2026-01-12 21:00")
    await onboard(ana, zone=zone)
    await ana.send("/checkin")
    await ana.press("😴 Rest day")
    (question,) = await ana.press("⚠️ Sharp or joint pain")
    assert question.text is not None and question.text.startswith(
        "Noted: sharp or joint pain, so no running tonight or tomorrow."
    )
    await ana.press("Normal")
    (verdict,) = await ana.press("🏃 Easy run")
    assert verdict.text is not None
    assert "🛑 No running tonight or tomorrow: rest." in verdict.text
    assert str(EVENING_NOTE) in verdict.text
    assert "tonight only" not in verdict.text
    # Walking alone lifts nothing while the pain stays, and the run of that day may have
    # brought it on.
    lines = verdict.text.split("\n")
    assert (
        "🔁 What would change it: at tomorrow's check-in, if the pain has gone and your legs "
        "feel no worse → as planned"
    ) in lines
    assert lines[-1] == (
        "⚠️ You trained today: if this pain came with that training or has got worse since, "
        "have it checked by a doctor or physio before you run again."
    )

    clock.now = at(zone, "2026-01-13 07:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == texts.MORNING_COVERED_PAIN.format(
        verdict="rest (pain)", headline=f"{RED}\n🛑 No running today: rest."
    )
    assert ana.last.text.endswith("If the pain has gone since last night, check in again.")
    (reply,) = await ana.send("/jog")
    assert reply.text == texts.JOG_NOT_TODAY.format(drivers="sharp or joint pain")


async def test_last_nights_verdict_holds_until_a_checkin_later_that_day_replaces_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The push's "Remind me at 17:30" belongs to the covered day; checking in again in the
    afternoon makes that day's verdict the one in force, and its no-run holds back the reminder
    (a red verdict offers none)."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)
    clock.now = at("Europe/Berlin", "2026-01-13 07:35")
    await ana.press("Remind me at 17:30")

    clock.now = at("Europe/Berlin", "2026-01-13 15:00")
    told, _walking = await ana.send("/checkin")  # not "you already checked in today"
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")
    (question,) = await ana.press("✏️ Correct it", told)
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    await ana.press("⚠️ Sharp or joint pain")
    await ana.press("Normal")
    rows = [(r.local_date, r.advice) for r in await repo.checkins.list_for(1001)]
    assert rows == [(date(2026, 1, 12), "easy_jog"), (date(2026, 1, 13), "pain_rest")]

    (reply,) = await ana.send("/jog")
    assert reply.text == texts.JOG_NOT_TODAY.format(drivers="sharp or joint pain")
    clock.now = at("Europe/Berlin", "2026-01-13 17:30")
    await drain(ana)
    assert [m for m in ana.history if m.text == str(texts.REMINDER["jog"])] == []


async def test_after_pain_told_past_midnight_the_push_asks_to_check_in_if_it_has_gone(
    ana: Chat, clock: FrozenClock
) -> None:
    """A heavy leg day and sharp pain told at 00:31: the rest's change line names the pain
    gone, so the morning push invites a check-in for that, not for worse walking (which could
    not change a rest for pain)."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-13 00:31")
    (verdict,) = await check_in(
        ana,
        "🦵 Leg day",
        "Heavy",
        "No",
        "⚠️ Sharp or joint pain",
        "Normal",
        "😴 No, nothing that day",
    )
    assert verdict.text is not None
    assert "🔁 What would change it: no sharp or joint pain → easy jog" in verdict.text

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)

    assert ana.last.text is not None
    assert ana.last.text.endswith("If the pain has gone since last night, check in again.")
    assert "if walking feels worse" not in ana.last.text


async def test_after_a_heavy_leg_day_reported_in_the_evening_the_push_names_the_peak(
    ana: Chat, clock: FrozenClock
) -> None:
    """The leg day was two days before the push, as after a morning check-in; last night is only
    ten hours ago, so the peak is why to check again, not a question asked first."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:30")
    await onboard(ana)
    (verdict,) = await check_in(ana, "🦵 Leg day", "Heavy", "No", "A bit sore", NOTHING)
    assert verdict.text is not None and str(PEAK_NOTE) in verdict.text

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)

    assert ana.last.text == texts.MORNING_COVERED_PEAK.format(
        verdict="easy jog", headline=JOG_COVERED
    )
    assert "soreness often peaks one to three days later: if walking feels worse than last " in (
        ana.last.text
    )
    assert buttons(ana.last) == [*JOG_OFFER, *AGAIN_AND_CONTROLS]


async def test_checking_in_again_next_morning_is_that_days_own_checkin(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)

    clock.now = at("Europe/Berlin", "2026-01-13 07:40")
    # A new day: not "you already checked in"; last night's "nothing today" is named.
    told, _walking = await ana.press("Legs feel different: check in")
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")
    (question,) = await ana.press("✏️ Correct it", told)
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    (verdict,) = await ana.press("Stiff and sore")

    assert verdict.text is not None
    assert verdict.text.startswith("🟡 Yellow: go gently\nBecause: easy run yesterday")
    assert str(EVENING_NOTE) not in verdict.text
    rows = [(r.local_date, r.advice) for r in await repo.checkins.list_for(1001)]
    assert rows == [(date(2026, 1, 12), "easy_jog"), (date(2026, 1, 13), "as_planned")]
    # Today's verdict is the one in force now.
    (reply,) = await ana.send("/jog")
    assert reply.text == str(texts.JOG_ASK_PLANNED)  # as planned, but gently

    # The week's summary counts each check-in once, on its own day, in the same few words.
    clock.now = at("Europe/Berlin", "2026-01-18 19:00")
    await drain(ana)
    (weekly,) = [m for m in ana.history if (m.text or "").startswith("Your week in review")]
    assert weekly.text is not None
    assert "• Check-ins: 2 of 7" in weekly.text
    assert "• Advice: easy jog ×1; as planned, gently ×1" in weekly.text  # noqa: RUF001


async def test_history_keeps_the_streak_over_a_morning_covered_by_last_night(
    ana: Chat, clock: FrozenClock
) -> None:
    await _rest_day_then_leg_day(ana, clock, "2026-01-11 08:00", "2026-01-12 21:00")
    # The 13th: covered by the evening of the 12th, no check-in.
    clock.now = at("Europe/Berlin", "2026-01-14 08:00")
    await check_in(ana, "🏃 Easy run", "Normal")

    summary, _chart = await ana.send("/history")

    assert summary.text is not None
    # Three check-ins over four days: the line counts the days and says what covered the 13th.
    assert (
        "Check-in streak: 4 days covered in a row (an evening check-in covers the next morning)."
        in summary.text
    )
    table = summary.text.split("<pre>")[1].split("</pre>")[0].splitlines()
    # The evening's verdict on its own day, and on the covered day as ↑ (coach.history).
    assert [row for row in table if row.startswith(("12 Jan", "13 Jan"))] == [
        "12 Jan leg day   a bit sore easy jog    -",
        "13 Jan -         -          ↑easy jog   -",
    ]


# Berlin's clocks go back on the last Sunday of October: 02:00-03:00 comes twice on the 25th.
FALL_BACK_CHECKINS = [
    (datetime(2026, 10, 24, 19, 0, tzinfo=UTC), None),  # Sat 21:00 summer time
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2:30 summer time"),
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2:30 again, winter time"),
]


@pytest.mark.parametrize(
    ("moment", "after_midnight"), FALL_BACK_CHECKINS, ids=["21:00", "02:30-CEST", "02:30-CET"]
)
async def test_an_evening_checkin_covers_the_morning_the_clocks_go_back(
    ana: Chat, clock: FrozenClock, repo: Repository, moment: datetime, after_midnight: str | None
) -> None:
    clock.now = datetime(2026, 10, 24, 17, 0, tzinfo=UTC)
    await onboard(ana)
    clock.now = moment
    (question,) = await ana.send("/checkin")
    if after_midnight:
        assert question.text == texts.WORKOUT_AFTER_MIDNIGHT_PROMPT.format(
            day="Sat 24 Oct", before="Fri 23 Oct"
        )
    else:
        assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    (last_question,) = await ana.press("Normal")
    # The evening's last question names the day the check-in counts for once "today" is Sunday.
    if after_midnight:
        assert last_question.text == "Did you train on Sat 24 Oct too?"
    else:
        assert last_question.text == "Did you train today too?"
    await ana.press(NOTHING_THAT_DAY if after_midnight else NOTHING)
    assert [r.local_date for r in await repo.checkins.list_for(1001)] == [date(2026, 10, 24)]

    clock.now = datetime(2026, 10, 25, 6, 30, tzinfo=UTC)  # 07:30 winter time
    assert await tick(ana.app) == 1

    assert ana.last.text == texts.MORNING_COVERED.format(
        verdict="as planned", headline=f"{GREEN}\n✅ Train as planned."
    )


async def test_a_night_shift_checkin_answering_a_push_before_four_stops_its_follow_up(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A morning time at 02:30 (no quiet hours): the check-in it brings counts for the evening
    before, and it covers the day, so the follow-up three hours later stays away."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await repo.users.ensure(1001, 1001, clock.now)
    await repo.users.update(1001, clock.now, quiet_start=time(0, 0), quiet_end=time(0, 0))
    await onboard(ana, morning="02:30")
    clock.now = at("Europe/Berlin", "2026-01-13 02:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.MORNING_PUSH)

    clock.now = at("Europe/Berlin", "2026-01-13 02:35")
    (question,) = await ana.press("Check in now")
    assert question.text == texts.WORKOUT_AFTER_MIDNIGHT_PROMPT.format(
        day="Mon 12 Jan", before="Sun 11 Jan"
    )
    await ana.press("😴 Rest day")
    await ana.press("Normal")
    await ana.press(NOTHING_THAT_DAY)

    clock.now = at("Europe/Berlin", "2026-01-13 05:30")
    assert await tick(ana.app) == 0


@pytest.mark.parametrize("language", ["ru", "de", "es"])
async def test_the_covered_morning_speaks_the_users_language(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    await repo.users.update(1001, clock.now, language=language)
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    answers: dict[str, str | bool | None] = {
        "workout": "rest",
        "walking": "normal",
        "sharp_pain": False,
    }
    await repo.checkins.save(
        1001, date(2026, 1, 12), answers, 8, "as_planned", clock.now, evening=True
    )

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await tick(ana.app)

    before = i18n.current()
    i18n.use(language)
    try:
        headline = advise(Answers(Workout.REST, Walking.NORMAL), Profile()).headline
        expected = texts.MORNING_COVERED.format(
            verdict=verdict_name("as_planned"), headline=f"{BAND_LABELS[Band.GREEN]}\n{headline}"
        )
        again = str(texts.CHECKIN_AGAIN_BUTTON)
    finally:
        i18n.use(before)
    assert ana.last.text == expected
    assert expected != texts.MORNING_COVERED.format(
        verdict="as planned", headline=f"{GREEN}\n✅ Train as planned."
    )
    assert buttons(ana.last)[-2] == [again] != [str(texts.CHECKIN_AGAIN_BUTTON)]


async def test_why_under_the_covered_morning_speaks_of_the_leg_day_as_of_that_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    """Last night's "leg day yesterday" is two days back by the morning its verdict covers:
    "Why? Both sides" weighs a run two days after leg day there, not "the day after"."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    (evening_why,) = await ana.press("Why? Both sides")
    assert evening_why.text is not None
    assert evening_why.text.startswith("Run the day after leg day? Both camps have a point.")

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    assert await tick(ana.app) == 1
    (morning_why,) = await ana.press("Why? Both sides")

    assert morning_why.text is not None
    assert morning_why.text.startswith("Run 2 days after leg day? Both camps have a point.")
    assert "day after leg day" not in morning_why.text.replace("2 days after leg day", "")
    assert "two days in a row" not in morning_why.text
    assert "soreness often peaks one to three days after strength work" in morning_why.text
    # The bottom line still follows the verdict the push repeats (an easy jog).
    assert morning_why.text.endswith(str(BOTH_SIDES))


async def test_why_the_morning_after_a_race_evening_explains_that_evenings_rest(
    ana: Chat, clock: FrozenClock
) -> None:
    """A race told in the evening rests that night only: the next morning no verdict covers
    the day, and "Why?" under that evening's verdict (tapped, or "why?" typed) explains the
    rest tonight it told, with the race named by its date, not a rest "today"."""
    clock.now = at("Europe/Berlin", "2026-01-12 19:00")
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal", "🏅 Long run or race")
    verdict = ana.last
    (evening_why,) = await ana.press("Why? Both sides", verdict)
    assert evening_why.text is not None and "Bottom line: rest tonight" in evening_why.text

    clock.now = at("Europe/Berlin", "2026-01-13 07:10")  # before the push, no check-in yet
    (morning_why,) = await ana.press("Why? Both sides", verdict)
    (typed_why,) = await ana.send("why?")

    for screen in (morning_why.text, typed_why.text):
        assert screen is not None
        assert "Why cross-training still has its place" in screen
        assert "rest today" not in screen
        assert "even on a day you feel fit" not in screen


async def _evening_jog_verdict_then(chat: Chat, clock: FrozenClock) -> None:
    """An easy-jog verdict told at 20:00 in Berlin on Mon 12 Jan, which covers Tuesday."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(chat)
    await check_in(chat, "🦵 Leg day", "Moderate", "No", "Normal")
    await chat.press("😴 No, nothing today")  # the evening's last question


async def test_the_covered_push_says_a_reminder_is_set_and_offers_no_second_one(
    ana: Chat, clock: FrozenClock
) -> None:
    """Issue 13: asked for this morning under last night's verdict, before the push."""
    await _evening_jog_verdict_then(ana, clock)
    clock.now = at("Europe/Berlin", "2026-01-13 07:00")
    (set_,) = await ana.press("Remind me in 1 hour")
    assert set_.text == "OK, I'll remind you at 08:00."

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    assert await tick(ana.app) == 1

    assert ana.last.text == (
        texts.MORNING_COVERED.format(verdict="easy jog", headline=JOG_COVERED)
        + "\n\n⏰ Reminder set for 08:00."
    )
    assert buttons(ana.last) == [
        ["Start 15 min", "Start 20 min"],
        ["Not today"],
        ["Why? Both sides"],
        *AGAIN_AND_CONTROLS,
    ]
    (skipped,) = await ana.press("Not today")  # takes the reminder back
    assert skipped.text == str(texts.SKIPPED)
    clock.now = at("Europe/Berlin", "2026-01-13 08:00")
    assert await tick(ana.app) == 0


async def test_the_covered_push_after_not_today_offers_no_reminder(
    ana: Chat, clock: FrozenClock
) -> None:
    await _evening_jog_verdict_then(ana, clock)
    clock.now = at("Europe/Berlin", "2026-01-13 06:45")
    await ana.press("Not today")

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    assert await tick(ana.app) == 1

    assert (ana.last.text or "").endswith("\n\n😴 Not today, as you said: no reminder.")
    assert buttons(ana.last) == [["Why? Both sides"], *AGAIN_AND_CONTROLS]
    # Not today was Tuesday's: Wednesday's push asks again, with the whole offer after it.
    clock.now = at("Europe/Berlin", "2026-01-14 07:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.MORNING_PUSH)


async def test_the_covered_push_after_this_mornings_run_says_it_is_done(
    ana: Chat, clock: FrozenClock
) -> None:
    await _evening_jog_verdict_then(ana, clock)
    clock.now = at("Europe/Berlin", "2026-01-13 06:40")
    await ana.press("Start 15 min")
    clock.now = at("Europe/Berlin", "2026-01-13 06:57")  # 12 minutes after the warm-up
    await ana.press("Finish early")

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    assert (ana.last.text or "").endswith("\n\n✅ Done today: Easy jog, 12 min.")
    assert buttons(ana.last) == [["Why? Both sides"], *AGAIN_AND_CONTROLS]


async def test_the_covered_push_offers_no_second_timer_while_one_runs(
    ana: Chat, clock: FrozenClock
) -> None:
    """Issue 13: a timer started just before the push's time; the push offers no start."""
    await _evening_jog_verdict_then(ana, clock)
    clock.now = at("Europe/Berlin", "2026-01-13 07:20")
    await ana.press("Start 15 min")

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    (push,) = [m for m in ana.history if (m.text or "").startswith("Good morning!")]
    assert buttons(push) == [["Why? Both sides"], *AGAIN_AND_CONTROLS]
    # It says so, rather than leave the verdict beside the timer's cues unexplained.
    assert (push.text or "").endswith("\n\n⏱ Your timer is running: its cues keep coming.")


async def test_the_covered_push_after_a_timer_ran_out_unseen_says_so_and_points_to_jog(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer: the bot was down when a run started before the push ended; back after the
    push's time, it asked "Did you run it?" and then the push said the timer was still running.
    The push says when it ran out and what /jog does about it, and offers nothing."""
    await _evening_jog_verdict_then(ana, clock)
    clock.now = at("Europe/Berlin", "2026-01-13 07:00")
    await ana.press("Start 15 min")  # time's up at 07:20; no tick after it: the bot was down

    clock.now = at("Europe/Berlin", "2026-01-13 07:35")
    await drain(ana)

    asked, push = ana.history[-2:]
    assert (asked.text or "").endswith("Did you run it?")
    assert (push.text or "").startswith("Good morning!")
    assert (push.text or "").endswith(
        "\n\n⏱ Your timer ran out at 07:20. Send /jog to tell me how it went."
    )
    assert buttons(push) == [["Why? Both sides"], *AGAIN_AND_CONTROLS]
    (jog,) = await ana.send("/jog")
    assert jog.text == asked.text


# An evening check-in, and the training of that same day told last (issue 13): a leg day at
# 18:00, checked in at 21:00, or after midnight on the night the clocks go back.
TRAINED_THAT_EVENING = [
    ("Europe/Berlin", "2026-01-12 21:00", "2026-01-13 07:30", "Did you train today too?"),
    ("America/New_York", "2026-01-12 21:00", "2026-01-13 07:30", "Did you train today too?"),
    ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25 07:30", "Did you train on Sat 24 Oct too?"),
]


@pytest.mark.parametrize(
    ("zone", "evening", "morning", "asked"), TRAINED_THAT_EVENING, ids=["berlin", "new-york", "dst"]
)
async def test_a_leg_day_told_in_the_evening_is_the_next_mornings_workout(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    zone: str,
    evening: str,
    morning: str,
    asked: str,
) -> None:
    clock.now = at(zone, evening) - timedelta(hours=4)
    await onboard(ana, zone=zone)
    clock.now = at(zone, evening)
    await check_in(ana, "😴 Rest day")
    (last_question,) = await ana.press("Normal")
    assert last_question.text == asked
    # After midnight the question names the day by its date, and so does its "no".
    nothing = NOTHING if "today" in asked else NOTHING_THAT_DAY
    assert buttons(last_question) == [
        ["🦵 Leg day", "🏅 Long run or race"],
        ["🔥 Much harder than usual", "🏃 Easy run"],
        ["💪 Other training", nothing],
    ]
    await ana.press("🦵 Leg day")
    await ana.press("Heavy")
    (verdict,) = await ana.press("No")

    # Tonight's verdict weighs the leg day of the day itself, the stricter of the two workouts
    # (a newcomer got "train as planned ... no leg day" here): rest tonight, the leg day named
    # as today's (by its date after midnight); it goes for tonight only, and warns of the
    # soreness to come.
    assert verdict.text is not None
    after_midnight = zone == "Europe/Berlin" and evening.startswith("2026-10")
    day = "on Sat 24 Oct" if after_midnight else "today"
    done = "✅ Done for the day" if after_midnight else "✅ Done for today"
    assert verdict.text.startswith(f"{done}\nBecause: leg day {day}\n\n😴 Rest tonight.")
    assert "jog tonight" not in verdict.text and "Train as planned" not in verdict.text
    # Its steps say what the day after holds: no "this goes for tonight only" beside them.
    assert "🌙" not in verdict.text
    assert verdict.text.endswith("your legs may feel worse when you wake up than they do now.")
    assert "tomorrow" not in verdict.text
    (stored,) = await repo.checkins.list_for(1001)
    assert (stored.workout, stored.workout_that_day) == ("rest", "leg_day")
    assert (stored.intensity_that_day, stored.overreached_that_day) == ("heavy", False)

    # The next morning is not covered: the push names the leg day and asks walking only.
    clock.now = at(zone, morning)
    assert await tick(ana.app) == 1
    assert ana.last.text == (
        "Good morning! Last night you told me what you trained yesterday: 🦵 Leg day (heavy). "
        "Soreness often peaks one to three days after a heavy leg day: how does walking feel this "
        "morning? Check in and I'll suggest today's move."
    )
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]
    (verdict,) = await ana.press("Stiff and sore")

    # One tap on the push: the verdict goes by the leg day, and the check-in keeps it as its own
    # workout.
    assert verdict.text is not None
    assert verdict.text.startswith("🟡 Yellow: go gently\nBecause: leg day yesterday")
    assert "soreness often peaks one to three days later" in verdict.text
    rows = [(r.workout, r.leg_intensity, r.overreached) for r in await repo.checkins.list_for(1001)]
    assert rows[1] == ("leg_day", "heavy", False)


async def test_nothing_today_keeps_the_covered_morning_and_a_workout_of_today_ends_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """ "No, nothing today" leaves the next morning covered, as before; "much harder than
    usual" that day is kept as the overreach it is, and the next check-in asks walking only."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    (verdict,) = await check_in(ana, "🏃 Easy run", "Normal", NOTHING)
    assert verdict.text is not None and str(EVENING_NOTE) in verdict.text
    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    assert await tick(ana.app) == 1
    assert (ana.last.text or "").startswith("Good morning! Last night's check-in covers today")

    clock.now = at("Europe/Berlin", "2026-01-13 21:00")
    # Yesterday's "nothing today" stands as the rest day told: walking is asked first.
    (verdict,) = await check_in(ana, "Normal", "🔥 Much harder than usual")
    assert verdict.text is not None and "🏃 Yes" not in verdict.text
    clock.now = at("Europe/Berlin", "2026-01-14 07:30")
    assert await tick(ana.app) == 1
    assert ana.last.text == (
        "Good morning! Last night you told me what you trained yesterday: "
        "🔥 Much harder than usual. How does walking feel this morning? Check in and I'll "
        "suggest today's move."
    )
    (verdict,) = await ana.press("Normal")
    assert (verdict.text or "").startswith("🔴 Red: no run")  # rule 3: rest after overreaching
    last = (await repo.checkins.list_for(1001))[-1]
    assert (last.workout, last.overreached) == ("hard_session", True)


async def test_the_evening_question_comes_from_17_and_the_morning_path_gains_no_tap(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-12 08:00")
    await onboard(ana)
    (verdict,) = await check_in(ana, "🏃 Easy run", "Normal")
    assert (verdict.text or "").startswith("🟢 Green")
    clock.now = at("Europe/Berlin", "2026-01-12 16:59")
    _notice, _question = await ana.send("/checkin")
    await ana.press("🏃 Easy run")
    (verdict,) = await ana.press("Normal")
    assert (verdict.text or "").startswith("I replaced today's earlier check-in")
    clock.now = at("Europe/Berlin", "2026-01-12 17:00")
    # That check-in was the afternoon's: the evening's adds the day's own training to it.
    _notice, question = await ana.send("/checkin")
    assert question.text == "Did you train today too?"


async def test_what_was_told_last_night_can_be_corrected_and_leaves_nothing_behind(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await check_in(ana, "😴 Rest day", "Normal", "🦵 Leg day", "Heavy", "No")

    clock.now = at("Europe/Berlin", "2026-01-13 08:00")
    told, _question = await ana.send("/checkin")
    (question,) = await ana.press("✏️ Correct it", told)
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    (verdict,) = await ana.press("Normal")

    # An explicit answer wins, and the leg day's intensity goes with the leg day.
    assert (verdict.text or "").startswith("🟢 Green: good to go\nBecause: easy run yesterday")
    last = (await repo.checkins.list_for(1001))[-1]
    assert (last.local_date, last.workout, last.leg_intensity) == (
        date(2026, 1, 13),
        "easy_run",
        None,
    )


async def test_a_correction_of_last_nights_workout_is_that_evenings_too(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """ "Nothing today" told in the evening, corrected the next morning to a much harder
    session: one day, one workout, in both rows and in /history (the evening's row kept "rest"
    while the morning's said otherwise)."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)

    clock.now = at("Europe/Berlin", "2026-01-13 08:00")
    told, _question = await ana.send("/checkin")
    (question,) = await ana.press("✏️ Correct it", told)
    await ana.press("🔥 Much harder than usual", question)
    (verdict,) = await ana.press("Normal")

    assert "Because: a much harder session than usual yesterday" in (verdict.text or "")
    evening, morning = await repo.checkins.list_for(1001)
    assert (evening.local_date, evening.workout_that_day, evening.overreached_that_day) == (
        date(2026, 1, 12),
        "hard_session",
        True,
    )
    assert (morning.local_date, morning.workout, morning.overreached) == (
        date(2026, 1, 13),
        "hard_session",
        True,
    )
    table, _chart = await ana.send("/history")
    lines = (table.text or "").split("\n")
    assert lines[2:5] == [
        "12 Jan rest        normal     as planned  -",
        "       + that day: much harder",
        "13 Jan much harder normal     rest day    -</pre>",
    ]


async def test_a_leg_day_told_in_the_evening_decides_two_days_on_without_a_checkin_after_it(
    ana: Chat, clock: FrozenClock
) -> None:
    """Told on the 12th's evening, with no check-in on the 13th: the 14th's sore legs after a
    rest day still find the leg day two days back in the record, and it decides (rule 7), as
    the cause beside the plan it once was only named."""
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await check_in(ana, "😴 Rest day", "Normal", "🦵 Leg day", "Moderate", "No")

    clock.now = at("Europe/Berlin", "2026-01-14 08:00")
    (verdict,) = await check_in(ana, "😴 Rest day", "A bit sore")

    assert "Because: leg day 2 days ago, a bit sore walking" in (verdict.text or "")
    assert JOG_TODAY in (verdict.text or "")
    assert "📊" not in (verdict.text or "")  # the record compares the day after leg days


async def test_after_midnight_the_workout_told_that_evening_is_named_by_its_date(
    ana: Chat, clock: FrozenClock
) -> None:
    """A newcomer's find: at 00:30 on Sunday (the check-in of Saturday) the told workout was
    "yesterday's, as you told me last night", which on the user's clock is neither."""
    clock.now = at("Europe/Berlin", "2026-12-04 17:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-12-04 21:00")
    await check_in(ana, "😴 Rest day", "Normal")
    await ana.press("🦵 Leg day")
    await ana.press("Heavy")
    await ana.press("No")

    clock.now = at("Europe/Berlin", "2026-12-06 00:30")
    told, question = await ana.send("/checkin")

    assert told.text == (
        "Your workout on Fri 4 Dec, as you told me that evening: 🦵 Leg day (heavy)."
    )
    assert question.text is not None and "walking" in question.text


# The evening's verdict after training on the day itself too is the stricter of the two
# workouts' (verdicts.advice_for): what would change it and its why screen go by both (issue 13).


async def test_an_easy_run_told_for_that_evening_after_a_leg_day_is_rest_tonight(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The newcomer's find: a leg day yesterday, stiff and sore, an easy run today. It offered
    "Best: 15-20 minutes of easy cycling" tonight, with cross-training buttons, to someone who
    had trained already. Now the evening is a rest, red, named by today's run; the day after
    goes by the legs; no button offers a session; the why screen is about a second session,
    not the leg-day camps; the history keeps the rest day, and the morning asks afresh."""
    clock.now = at("Europe/Berlin", "2026-12-09 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-12-09 21:00")

    (verdict,) = await check_in(
        ana, "🦵 Leg day", "Moderate", "No", "Stiff and sore", "🏃 Easy run"
    )

    assert verdict.text == (
        "✅ Done for today\n"
        "Because: easy run today\n\n"
        "😴 Rest tonight.\n\n"
        "That run was your session for the day: your legs recover between sessions, not during "
        "them, so another one tonight would only add to the load before they've taken in the "
        "first.\n\n"
        "What to do:\n"
        "• No run and no more training tonight; a relaxed walk is fine.\n"
        "• What the day after holds goes by how your legs feel then: check in once you've "
        "slept.\n\n"
        "🔁 What would change it: walking normally once you've slept → as planned"
    )
    assert buttons(verdict) == [["Why? Both sides"]]  # no jog, no cross-training, no reminder
    (stored,) = await repo.checkins.list_for(1001)
    assert (stored.workout, stored.workout_that_day, stored.advice) == (
        "leg_day",
        "easy_run",
        "rest_day",
    )

    (why,) = await ana.press("Why? Both sides")
    assert why.text is not None
    assert why.text.startswith("Why not another session tonight, even an easy one?")
    assert why.text.endswith(
        "Bottom line: rest tonight, and check in once you've slept. The day after goes by how "
        "your legs feel then."
    )
    assert "leg day" not in why.text and "today" not in why.text

    (jog, *_) = await ana.send("/jog")
    assert jog.text == "Your check-in said no run (easy run today). Start the timer anyway?"

    # The next morning takes the run as yesterday's and asks walking only: no verdict covers it.
    clock.now = at("Europe/Berlin", "2026-12-10 07:30")
    assert await tick(ana.app) == 1
    assert (ana.last.text or "").startswith(
        "Good morning! Last night you told me what you trained yesterday: 🏃 Easy run."
    )
    (morning,) = await ana.press("Normal")
    assert (morning.text or "").startswith(
        "🟢 Green: good to go\nBecause: easy run yesterday, walking normally\n\n"
        "✅ Train as planned."
    )


async def test_other_training_told_for_that_evening_is_rest_tonight_in_russian(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The same in Russian, after other training: the rest tonight names today's training, the
    line says the legs decide the day after, and the why screen is the short one."""
    clock.now = at("Europe/Berlin", "2026-12-09 20:00")
    await onboard(ana)
    await repo.users.update(1001, clock.now, language="ru")
    clock.now = at("Europe/Berlin", "2026-12-09 21:00")

    await ana.send("/checkin")
    await ana.press("🦵 День ног")
    await ana.press("Средний")
    await ana.press("Нет")
    await ana.press("Скованно и больно")
    (verdict,) = await ana.press("💪 Другая тренировка")

    assert verdict.text is not None
    assert verdict.text.startswith(
        "✅ На сегодня всё\nПочему: сегодня была другая тренировка\n\n"  # noqa: RUF001
        "😴 Сейчас отдыхай."
    )
    assert "• Что будет на следующий день, зависит от того, как тогда будут ощущаться ноги" in (
        verdict.text
    )
    assert "велосипед" not in verdict.text and "По плану" not in verdict.text
    why_button = "Почему? Обе стороны"  # noqa: RUF001 - Cyrillic
    assert buttons(verdict) == [[why_button]]
    (why,) = await ana.press(why_button)
    assert why.text is not None
    assert why.text.startswith("Почему сегодня вечером без ещё одной тренировки")
    assert "дня ног" not in why.text


# The rules are about the day after a workout (rule 7's easy jog after leg day, rule 4's
# cross-training after a race): the evening of a hard one is for rest, and the day-after advice
# waits for the next check-in (coach.advice.rests_tonight, newcomer of issue 13).


async def test_the_evening_of_a_heavy_leg_day_is_rest_tonight_and_the_jog_waits_for_the_night(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The newcomer's find: an easy run yesterday, walking normal, a heavy leg day today. It
    said "Green: good to go ... an easy 15-20 minute jog tonight" hours after the leg day, named
    by its date, under a note that the legs have that training to recover from."""
    clock.now = at("Europe/Berlin", "2026-12-09 20:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-12-09 21:00")

    (verdict,) = await check_in(ana, "🏃 Easy run", "Normal", "🦵 Leg day", "Heavy", "No")

    assert verdict.text == (
        "✅ Done for today\n"
        "Because: leg day today\n\n"
        "😴 Rest tonight.\n\n"
        "Your legs have only just begun to repair from your leg day, and working the same tired "
        "muscles again so soon invites strains and tears.\n\n"
        "What to do:\n"
        "• No run and no more training tonight; a relaxed walk is fine.\n"
        "• The easy jog that can help after a leg day is for the day after: check in once you've "
        "slept, and I'll see if your legs are up to it.\n\n"
        "🔁 What would change it: walking no worse than a bit sore once you've slept → easy jog\n\n"
        "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so your "
        "legs may feel worse when you wake up than they do now."
    )
    # Red: no jog offer, no reminder, no "calibrating" line about a jog the day after.
    assert buttons(verdict) == [["Why? Both sides"]]
    (stored,) = await repo.checkins.list_for(1001)
    assert (stored.workout, stored.workout_that_day, stored.advice) == (
        "easy_run",
        "leg_day",
        "rest_day",
    )

    (why,) = await ana.press("Why? Both sides")
    assert why.text is not None
    assert why.text.startswith("Run on the day of your leg day? Both camps have a point.")
    assert why.text.endswith(
        "Bottom line for you: your leg day was only hours ago, so tonight is for rest. The easy "
        "run the second camp speaks of is for the day after, if your legs are up to it, so "
        "check in once you've slept."
    )
    assert "Heart and lungs" not in why.text  # not rule 3's overreach screen

    # In Russian too, the why screen is that same evening's, with its own bottom line.
    await repo.users.update(1001, clock.now, language="ru")
    (ru_why,) = await ana.press("Why? Both sides")
    assert ru_why.text is not None
    assert ru_why.text.startswith("Бегать в тот же день, что и день ног?")
    assert ru_why.text.endswith("так что отметься, когда выспишься.")
    assert "на следующий день после дня ног" not in ru_why.text
    await repo.users.update(1001, clock.now, language="en")

    # /jog tonight says why not first; the history names the day's verdict as the rest it is,
    # for tonight only, with the day's own leg day on a line of its own under yesterday's run.
    (jog, *_) = await ana.send("/jog")
    assert jog.text == "Your check-in said no run (leg day today). Start the timer anyway?"
    (history, *_) = await ana.send("/history")
    assert history.text is not None
    assert (
        "9 Dec  easy run  normal     rest tonight -\n       + that day: leg day</pre>"
        in history.text
    ), history.text

    # The next morning is not covered: it names the leg day and asks walking only, and the easy
    # jog the verdict spoke of comes with legs no worse.
    clock.now = at("Europe/Berlin", "2026-12-10 07:30")
    assert await tick(ana.app) == 1
    assert (ana.last.text or "").startswith(
        "Good morning! Last night you told me what you trained yesterday: 🦵 Leg day (heavy)."
    )
    (morning,) = await ana.press("Normal")  # walking's answers are on the push itself
    assert (morning.text or "").startswith(
        "🟢 Green: good to go\nBecause: leg day yesterday, walking normally\n\n"
        "🏃 Yes: an easy 15-20 minute jog today."
    )


async def test_the_evening_of_a_race_is_rest_tonight_not_cross_training_in_german(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The newcomer in New York: a heavy leg day yesterday, a bit sore, a long run or race
    today. It said "No run tonight: 15-20 minutes of no-impact cross-training" on the evening
    of the race; the cross-training is for the day after."""
    zone = "America/New_York"
    clock.now = at(zone, "2026-12-04 18:00")
    await onboard(ana, zone=zone)
    await repo.users.update(1001, clock.now, language="de")
    clock.now = at(zone, "2026-12-04 19:00")

    (verdict,) = await check_in(
        ana, "🦵 Beintag", "Schwer", "Nein", "Etwas Muskelkater", "🏅 Langer Lauf oder Wettkampf"
    )

    assert verdict.text is not None
    assert verdict.text.startswith(
        "✅ Für heute geschafft\nGrund: heute ein langer Lauf oder Wettkampf\n\n😴 Jetzt: Ruhe."
    )
    assert "• Jetzt kein Lauf und kein weiteres Training" in verdict.text
    assert "Der Tag danach ist für 15-20 Minuten gelenkschonendes Crosstraining" in verdict.text
    assert "Dez" not in verdict.text  # today, not a date
    assert buttons(verdict) == [["Warum? Beide Seiten"]]

    (why,) = await ana.press("Warum? Beide Seiten")
    assert why.text is not None
    assert why.text.startswith("Warum heute Abend gar kein Training, nicht einmal ohne")
    assert why.text.endswith(
        "Fazit: Ruh dich heute Abend aus und mach deinen Check-in, wenn du ausgeschlafen hast."
    )


@pytest.mark.parametrize(
    ("workout", "headline", "ends"),
    [
        (
            "🏅 Long run or race",
            "🚴 No run tonight: 15-20 minutes of no-impact cross-training.",
            "• Your day without running ends with the night: after that, it goes by how your "
            "legs feel when you next check in.",
        ),
        (
            "🔥 Much harder than usual",
            "😴 Rest tonight.",
            "• Your rest day ends with the night: after that, it goes by how your legs feel when "
            "you next check in.",
        ),
    ],
    ids=["long-run", "much-harder"],
)
async def test_the_day_after_a_long_run_or_an_overreach_told_that_evening_ends_with_the_night(
    ana: Chat, clock: FrozenClock, workout: str, headline: str, ends: str
) -> None:
    """A newcomer's find: at 20:00 on the day after a long run, "No run tonight or tomorrow",
    and the next morning's push said "no run today", though that day is two days after the run
    and checking in again gave green. Rules 4 and 3 go by yesterday's workout alone, so their
    day ends with the night, as rule 5's does: the next morning gets the push that asks
    walking, and checking in gives that day's own verdict."""
    clock.now = at("Europe/Berlin", "2026-01-12 19:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    (evening,) = await check_in(ana, workout, "Normal", NOTHING)
    assert evening.text is not None
    lines = evening.text.split("\n")
    assert lines[:4] == ["🔴 Red: no run", lines[1], "", headline], evening.text
    assert ends in lines
    assert "tomorrow:" not in evening.text and "rest of today and tomorrow" not in evening.text
    assert (
        "🔁 What would change it: at tomorrow's check-in, if your legs feel no worse → as planned"
    ) in lines
    assert lines[-1] == "🌙 A late check-in: this goes for tonight. Check in again tomorrow."

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    assert ana.last.text == texts.MORNING_PUSH_TOLD.format(workout="😴 Rest day")
    assert buttons(ana.last)[:2] == WALKING_ANSWERS[:2]
    (offer,) = await ana.send("/jog")
    assert offer.text == str(texts.JOG_ASK)  # no "your check-in said no run" a day later
    (verdict,) = await check_in(ana, "Normal")
    assert verdict.text is not None
    assert verdict.text.startswith("🟢 Green: good to go\nBecause: rest day yesterday")


async def test_the_push_two_days_after_a_heavy_leg_day_told_last_night_says_soreness_may_peak(
    ana: Chat, clock: FrozenClock
) -> None:
    """A heavy leg day, then a rest day told that evening: the next morning is two days after
    the leg day, and the push says so as the one after a morning check-in does."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana, muscle_first="Yes")
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "A bit sore", NOTHING)

    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)

    assert ana.last.text == (
        "Good morning! Last night you told me what you trained yesterday: 😴 Rest day. Soreness "
        "often peaks one to three days after a heavy leg day: how does walking feel this "
        "morning? Check in and I'll suggest today's move."
    )
    assert buttons(ana.last)[:2] == WALKING_ANSWERS[:2]


async def test_today_before_the_push_after_a_race_evening_asks_the_one_question_it_asks(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer 16: the morning after a race told in the evening (rule 4, tonight only) the
    push asks walking alone, while /today before it said there was no check-in and sent to
    /checkin. /today now asks the same one question with the push's walking answers, and one
    tap gives the day's verdict."""
    clock.now = at("Europe/Berlin", "2026-01-12 19:00")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    (evening,) = await check_in(ana, "🏅 Long run or race", "Normal", NOTHING)
    assert "🚴 No run tonight: 15-20 minutes of no-impact cross-training." in (evening.text or "")

    clock.now = at("Europe/Berlin", "2026-01-13 07:10")
    (today,) = await ana.send("/today")
    assert today.text == (
        "Today's suggestion is one question away: how does walking feel today? Tap an answer below."
    )
    assert buttons(today) == WALKING_ANSWERS
    clock.now = at("Europe/Berlin", "2026-01-13 07:30")
    await drain(ana)
    assert ana.last.text == texts.MORNING_PUSH_TOLD.format(workout="😴 Rest day")
    assert buttons(ana.last)[:-1] == buttons(today)

    (verdict,) = await ana.press("Normal", today)
    assert (verdict.text or "").startswith("🟢 Green: good to go\nBecause: rest day yesterday")
    assert (await repo.checkins.get(1001, date(2026, 1, 13))) is not None


@pytest.mark.parametrize(
    ("place", "zone"), [("Tokyo", "Asia/Tokyo"), ("New York", "America/New_York")]
)
async def test_a_move_after_an_evening_checkin_keeps_the_next_morning_covered(
    ana: Chat, clock: FrozenClock, repo: Repository, place: str, zone: str
) -> None:
    """Checked in at 20:00 in Berlin on 12 Jan, then moved: on Tokyo's clock that was 04:00 on
    13 Jan, on New York's 14:00 on 12 Jan, neither an evening. The check-in was an evening one
    when it was made, so the next morning's push, on the new zone's clock, still says it covers
    that day (issue 13)."""
    clock.now = at("Europe/Berlin", "2026-01-12 19:50")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-12 20:00")
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    clock.now = at("Europe/Berlin", "2026-01-12 20:05")
    await ana.send("/settings")
    await ana.press("Time zone")
    await ana.send(place)
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == zone

    clock.now = at(zone, "2026-01-13 07:30")
    await drain(ana)

    assert ana.last.text == texts.MORNING_COVERED.format(verdict="easy jog", headline=JOG_COVERED)


async def test_a_reminder_moved_to_six_and_the_covered_push_at_seven_both_come(
    ana: Chat, clock: FrozenClock
) -> None:
    """Issue 13 (newcomer, unreproduced): Berlin, push at 07:00, default quiet hours. Last
    night's jog verdict covers Sunday 13 Dec; "Remind me in 1 hour" fell in the quiet hours and
    moved to 06:00; the covered push still comes at 07:00. (The evening's addition to that
    morning's check-in covers no next day: `test_an_addition_after_midnight_covers_no_morning`.)"""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-12 21:00")
    await onboard(ana, morning="07:00")
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    (moved,) = await ana.press("Remind me in 1 hour")
    # After midnight 06:00 is today's, so it says no "tomorrow".
    assert "so I'll remind you when they end, " in (moved.text or "")
    assert (moved.text or "").endswith(" at 06:00.")

    start = clock.now
    came: list[tuple[str, str]] = []
    while clock.now < at(zone, "2026-12-13 09:00"):
        clock.now += timedelta(minutes=15)
        before = len(ana.history)
        await drain(ana)
        wall = clock.now.astimezone(ZoneInfo(zone)).strftime("%d %H:%M")
        came += [(wall, (m.text or "").split("\n")[0]) for m in ana.history[before:]]

    assert start < at(zone, "2026-12-13 06:00")
    assert came == [
        ("13 06:00", str(texts.REMINDER["jog"])),
        ("13 07:00", "Good morning! Last night's check-in covers today: easy jog."),
    ]


async def test_an_addition_after_midnight_covers_no_morning(ana: Chat, clock: FrozenClock) -> None:
    """At 00:30, "nothing that day" added to Saturday's morning jog: the jog goes for tonight
    only (walking was the morning's answer), so a reminder in the quiet hours would outlast it,
    and the 07:00 push asks walking instead of saying last night's check-in covers Sunday."""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-12 08:00")
    await onboard(ana, morning="07:00")
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    clock.now = at(zone, "2026-12-13 00:30")
    (verdict,) = await check_in(ana, NOTHING_THAT_DAY)
    assert "🏃 Yes: an easy 15-20 minute jog tonight." in (verdict.text or "")

    (kept,) = await ana.press("Remind me in 1 hour")

    assert (kept.text or "").startswith("01:30 falls in your quiet hours, and this suggestion")
    clock.now = at(zone, "2026-12-13 07:00")
    await drain(ana)
    assert ana.last.text == texts.MORNING_PUSH_TOLD.format(workout="😴 Rest day")
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]


@pytest.mark.parametrize(
    ("language", "typed", "line"),
    [
        (
            "en",
            "why",
            "Why I ask: training you did on Sat 12 Dec shapes how your legs feel later today, so "
            "I count it tonight and ask after you've slept.",
        ),
        (
            "ru",
            "почему",
            "Зачем я спрашиваю: тренировка в тот день (сб, 12 дек.) влияет на то, как ноги "  # noqa: RUF001 - Cyrillic
            "будут ощущаться сегодня днём, поэтому я учту её этой ночью и спрошу, когда ты "
            "выспишься.",
        ),
    ],
)
async def test_why_typed_at_the_evening_question_after_midnight_names_its_day(
    ana: Chat, clock: FrozenClock, language: str, typed: str, line: str
) -> None:
    """Newcomer 16: at 00:30 the evening's question names its day ("Did you train on Sat 12
    Dec too?"), but a typed "why" there said "training you did today shapes how your legs feel
    tomorrow", each a day late. It names the day as the question does; the question again."""
    ana.language_code = language
    tr = i18n.translations(language).gettext
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-12 08:00")
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🦵 Leg day"), tr("Moderate"), tr("No"), tr("A bit sore"))
    clock.now = at(zone, "2026-12-13 00:30")
    *_, question = await ana.send("/checkin")

    why, again = await ana.send(typed)

    assert why.text == f"{line}\n{tr(texts.WHY_COMES_WITH_ADVICE.msgid)}"
    assert (again.text, buttons(again)) == (question.text, buttons(question))


async def test_a_run_timed_that_day_is_named_as_the_timers_by_the_next_push(
    ana: Chat, clock: FrozenClock
) -> None:
    """The evening said the run the bot timed instead of asking "did you train today too?"; the
    next push names it in the same words as the check-in it starts, not as something told."""
    clock.now = at("Europe/Berlin", "2026-01-13 07:45")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-13 11:00")
    await ana.send("/jog")
    await ana.press("Start 15 min")
    clock.now = at("Europe/Berlin", "2026-01-13 11:25")
    await ana.press("Finish early")
    clock.now = at("Europe/Berlin", "2026-01-13 19:00")
    await check_in(ana, "😴 Rest day", "Normal")

    clock.now = at("Europe/Berlin", "2026-01-14 07:30")
    await drain(ana)

    said = "Yesterday's workout, from the run I timed: 🏃 Easy run (15 min)."
    assert ana.last.text == texts.MORNING_PUSH_TIMED.format(said=said)
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]
    (verdict,) = await ana.press("Normal")
    assert (verdict.text or "").startswith("🟢")
    assert "Because: easy run yesterday" in (verdict.text or "")


async def test_cross_training_timed_is_named_so_and_the_next_push_says_it_instead_of_asking(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer 13: an evening after a timed cross-training session named it "💪 Other training",
    promised "I'll know what you did", and the next push asked yesterday's workout anyway. The
    session is named by its kind on every screen, and still counts as other training."""
    clock.now = at("Europe/Berlin", "2026-01-13 07:45")
    await onboard(ana)
    await check_in(ana, "🏅 Long run or race", "Normal")  # rule 4: cross-training offered
    clock.now = at("Europe/Berlin", "2026-01-13 11:00")
    await ana.send("/jog")
    await ana.press("🚲 Cross-train 15 min")
    clock.now = at("Europe/Berlin", "2026-01-13 11:25")
    await ana.press("Finish early")
    clock.now = at("Europe/Berlin", "2026-01-13 19:00")
    (done,) = await ana.send("/checkin")
    assert done.text == texts.CHECKIN_TIMED_DONE.format(
        verdict="cross-training", session="🚲 Cross-training (15 min)"
    )

    clock.now = at("Europe/Berlin", "2026-01-14 07:30")
    await drain(ana)

    said = "Yesterday's workout, from the session I timed: 🚲 Cross-training (15 min)."
    assert ana.last.text == texts.MORNING_PUSH_TIMED.format(said=said)
    assert "What did you train yesterday" not in (ana.last.text or "")
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]
    said_again, verdict = await ana.press("Normal")
    assert said_again.text == said
    assert "Because: other training yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 14))
    assert stored is not None and stored.workout == "other"


async def test_the_push_after_a_file_says_what_it_told_and_asks_walking_only(
    ana: Chat, clock: FrozenClock
) -> None:
    """A file of yesterday's run told the workout: the next push says so and asks walking
    only, as the check-in it starts asks nothing else (it asked the workout again, newcomer
    16). The push has no "Correct it", so it says the file without "Correct it below"; the
    check-in, started by the walking answer, says it with that button, then the verdict.
    /today before the push asks the same one question."""
    clock.now = at("Europe/Berlin", "2026-01-13 07:45")
    await onboard(ana)
    clock.now = at("Europe/Berlin", "2026-01-13 20:00")
    await ana.send_file("run.gpx", gpx_file(at("Europe/Berlin", "2026-01-13 18:00"), metres=8000))

    clock.now = at("Europe/Berlin", "2026-01-14 07:00")
    (today,) = await ana.send("/today")
    assert today.text == str(texts.TODAY_ONE_QUESTION)
    assert buttons(today) == WALKING_ANSWERS
    clock.now = at("Europe/Berlin", "2026-01-14 07:30")
    await drain(ana)

    assert ana.last.text == (
        "Good morning! From your file: 🏃 Run, yesterday 18:00: 8.0 km, 1:00:00 moving. So "
        "yesterday counts as 🏃 Easy run. How does walking feel this morning? Check in and I'll "
        "suggest today's move."
    )
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]
    said, verdict = await ana.press("A bit sore")
    assert (said.text or "").startswith("From your file: 🏃 Run, yesterday 18:00: 8.0 km")
    assert buttons(said) == [["✏️ Correct it"]]
    assert (verdict.text or "").startswith(
        "🟡 Yellow: go gently\nBecause: easy run yesterday, a bit sore walking"
    )


async def test_the_morning_after_an_evenings_addition_asks_walking(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer: after the evening added an easy run to the morning's check-in, the next push
    said "Last night's check-in covers today ... legs feel different from last night?", though
    walking was the morning's answer. The addition goes for its night only: the push asks
    walking, naming the workout told last night."""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-08 08:00")
    await onboard(ana, morning="07:00")
    (morning,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    assert JOG_TODAY in (morning.text or "")
    clock.now = at(zone, "2026-12-08 21:00")
    (verdict,) = await check_in(ana, "🏃 Easy run")
    assert "😴 Rest tonight." in (verdict.text or "")

    clock.now = at(zone, "2026-12-09 07:00")
    await drain(ana)

    assert ana.last.text == texts.MORNING_PUSH_TOLD.format(workout="🏃 Easy run")
    assert buttons(ana.last) == [*WALKING_ANSWERS, ["Pause pushes", "Change time"]]
    (checked,) = await ana.press("Normal")
    assert "Because: easy run yesterday" in (checked.text or "")


async def test_the_evenings_addition_says_the_verdict_a_leg_day_two_days_back_gave(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer: a rest day after a leg day, stiff and sore the morning after it, was "cross-train
    or easy run" because of that leg day; "nothing today" added that evening said "Because: rest
    day yesterday ... ✅ Train as planned, but gently", while /today and the stored verdict kept
    the cross-training. The addition says the day's verdict, for tonight."""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-18 07:45")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light", "No", "Normal")
    clock.now = at(zone, "2026-12-19 07:45")
    (morning,) = await check_in(ana, "😴 Rest day", "Stiff and sore")
    because = "Because: leg day 2 days ago, stiff and sore walking"
    assert because in (morning.text or "")
    day = await repo.checkins.get(ana.user_id, date(2026, 12, 19))
    assert day is not None and day.leg_day_before_rest

    clock.now = at(zone, "2026-12-19 20:00")
    (verdict,) = await check_in(ana, NOTHING)

    assert (verdict.text or "").startswith(str(texts.ADDED_NOTE))
    assert because in (verdict.text or "")
    assert "as planned" not in (verdict.text or "")
    assert buttons(verdict)[0] == ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"]
    stored = await repo.checkins.get(ana.user_id, date(2026, 12, 19))
    assert stored is not None
    assert (stored.rule, stored.advice, stored.leg_day_before_rest, stored.workout_that_day) == (
        day.rule,
        day.advice,
        True,
        "rest",
    )
    (today,) = await ana.send("/today")
    assert because in (today.text or "")


async def test_the_evening_after_a_hard_to_walk_morning_offers_no_walk(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer 16: a red morning for legs too hard to walk on (no cardio, not even light),
    a few calm minutes of other training, and the evening's "✅ Done for today ... hard to
    walk" said "a relaxed walk is fine". It says what the morning said: keep the evening quiet."""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-01-13 07:45")
    await onboard(ana)
    clock.now = at(zone, "2026-01-13 08:00")
    (morning,) = await check_in(ana, "😴 Rest day", "Hard to walk")
    assert (morning.text or "").startswith("🔴 Red: no run\nBecause: hard to walk")
    clock.now = at(zone, "2026-01-13 20:00")

    (verdict,) = await check_in(ana, "💪 Other training")

    assert verdict.text is not None
    assert (
        "\n\n✅ Done for today\nBecause: other training today, hard to walk\n\n😴 Rest tonight."
    ) in verdict.text
    assert (
        "What to do:\n• No run and no more training tonight: with legs this hard to walk on, "
        "keep the evening quiet.\n• What the day after holds goes by how your legs feel then: "
        "check in once you've slept."
    ) in verdict.text
    assert "walk is fine" not in verdict.text


async def test_pain_told_in_the_morning_keeps_its_rest_tonight_and_is_recalled_next_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    """The evening's addition to a check-in that reported pain: the rest said for tonight, and
    the next morning asks walking with the pain recalled under it."""
    zone = "Europe/Berlin"
    clock.now = at(zone, "2026-12-08 08:00")
    await onboard(ana, morning="07:00")
    await check_in(ana, "😴 Rest day", "⚠️ Sharp or joint pain", "Normal")
    clock.now = at(zone, "2026-12-08 21:00")

    (verdict,) = await check_in(ana, NOTHING)

    assert "🛑 No running tonight: rest." in (verdict.text or "")
    assert "tomorrow" not in (verdict.text or "").split("\n\n")[2]
    clock.now = at(zone, "2026-12-09 07:00")
    await drain(ana)
    assert ana.last.text == (
        f"{texts.MORNING_PUSH_TOLD.format(workout='😴 Rest day')}\n{texts.PAIN_YESTERDAY_REMINDER}"
    )


async def test_why_after_midnight_speaks_of_the_leg_day_as_of_the_day_the_headline_names(
    ana: Chat, clock: FrozenClock
) -> None:
    """At 02:00 the evening's "easy jog" speaks of the new calendar day ("later today"), two
    days after the leg day: "Why?" weighs a run 2 days after it, as it does that morning."""
    clock.now = at("Europe/Berlin", "2026-01-12 21:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)

    clock.now = at("Europe/Berlin", "2026-01-13 02:00")
    (today,) = await ana.send("/today")
    assert today.text is not None and "later today" in today.text
    (why,) = await ana.press("Why? Both sides", today)

    assert why.text is not None
    assert why.text.startswith("Run 2 days after leg day? Both camps have a point.")


async def test_the_same_sore_legs_the_morning_after_keep_last_nights_easy_jog(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer 16: Sunday evening's "easy jog, tonight or tomorrow" after Saturday's leg day
    turned into "as planned, gently" when Monday morning's check-in told the same "a bit sore"
    (yesterday was Sunday's rest). The leg day two days back still decides (rule 7), on every
    screen that shows the verdict again."""
    clock.now = at("Europe/Berlin", "2026-01-11 21:00")  # Sunday; the leg day was Saturday
    await onboard(ana)
    (evening,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    assert evening.text is not None and "easy 15-20 minute jog" in evening.text

    clock.now = at("Europe/Berlin", "2026-01-12 07:40")
    told, _walking = await ana.send("/checkin")
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")
    (verdict,) = await ana.press("A bit sore")

    assert verdict.text is not None
    assert verdict.text.startswith("🟢 Green: good to go\nBecause: leg day 2 days ago, a bit sore")
    assert JOG_TODAY in verdict.text
    assert "likely cause" not in verdict.text  # the leg day is the reason, not a cause beside it
    assert buttons(verdict) == JOG_OFFER
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 12))
    assert stored is not None
    assert (stored.workout, stored.rule, stored.advice) == ("rest", 7, "easy_jog")
    assert stored.leg_day_before_rest is True
    # Shown again, it reads the same: /today, "Why?", /jog.
    (today,) = await ana.send("/today")
    assert today.text is not None and JOG_TODAY in today.text
    assert "Because: leg day 2 days ago, a bit sore walking" in today.text
    (why,) = await ana.press("Why? Both sides", verdict)
    assert why.text is not None and why.text.startswith("Run 2 days after leg day?")
    (jog,) = await ana.send("/jog")
    assert buttons(jog)[0] == ["Start 15 min", "Start 20 min"]


async def test_stiff_the_morning_after_gets_what_last_nights_change_line_said(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = at("Europe/Berlin", "2026-01-11 21:00")
    await onboard(ana)
    (evening,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", NOTHING)
    assert evening.text is not None
    assert "🔁 What would change it: stiff and sore walking → cross-train or easy run" in (
        evening.text
    )

    clock.now = at("Europe/Berlin", "2026-01-12 07:40")
    await ana.send("/checkin")
    (verdict,) = await ana.press("Stiff and sore")

    assert verdict.text is not None
    assert verdict.text.startswith("🟡 Yellow: go gently\nBecause: leg day 2 days ago, stiff")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 12))
    assert stored is not None and (stored.rule, stored.advice) == (6, "easy_or_cross")


async def test_three_days_on_or_after_a_run_between_the_plan_stands(
    ana: Chat, clock: FrozenClock
) -> None:
    """Only a rest day between, and only two days back: after an easy run the leg day is the
    likely cause beside the plan, as before."""
    clock.now = at("Europe/Berlin", "2026-01-11 21:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore", "🏃 Easy run")
    clock.now = at("Europe/Berlin", "2026-01-12 07:40")
    await ana.send("/checkin")
    (verdict,) = await ana.press("A bit sore")
    assert verdict.text is not None
    assert "✅ Train as planned, but gently." in verdict.text
    assert "Your leg day 2 days ago is the likely cause" in verdict.text
