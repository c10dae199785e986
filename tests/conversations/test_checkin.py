"""/checkin: the questions asked depend on the answers, the advice follows the rules table, and
each user has one check-in per local day."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.coach.advice import LIGHT_SAME_DAY, Verdict, why_screen
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, button_data, buttons, check_in, onboard
from tests.conftest import BotRunner

NOTHING = "😴 No, nothing today"  # an evening check-in's last question: no training that day
NOTHING_THAT_DAY = "😴 No, nothing that day"  # the same after midnight, when it names the date

pytestmark = pytest.mark.both_databases

WORKOUT_BUTTONS = [
    ["🦵 Leg day", "🏅 Long run or race"],
    ["🔥 Much harder than usual", "🏃 Easy run"],
    ["💪 Other training", "😴 Rest day"],
]

# Under a jog or cross-training verdict: start the timer, or be reminded (Berlin, 07:30 now).
JOG_OFFER = [
    ["Start 15 min", "Start 20 min"],
    ["Remind me at 17:30"],
    ["Remind me in 1 hour", "Not today"],
    ["Why? Both sides"],
]
# A cross-training day's: its start buttons say what they start.
CROSS_OFFER = [["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"], *JOG_OFFER[1:]]
# Rule 6's go-gently day's: cross-training first ("Better: cross-train"), then the very short,
# very easy run its check-in allowed; what /jog offers too (test_verdict_screens.py).
GENTLE_OFFER = [
    ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"],
    ["🏃 Very easy jog 15 min"],
    *JOG_OFFER[1:],
]
# A hard-to-walk day's: the strength and mobility routine (tests/conversations/test_routine.py).
ROUTINE_OFFER = [["🧘 Strength and mobility routine"], ["Why? Both sides"]]
OFFERS = {
    "cross_train": CROSS_OFFER,
    "easy_or_cross": GENTLE_OFFER,
    "easy_jog": JOG_OFFER,
    "strength_mobility": ROUTINE_OFFER,
}

# (id, muscle first?, taps, questions asked after the workout one, rule, stored advice)
SCENARIOS = [
    (
        "1-pain-overrides-everything",
        "No",
        ["🦵 Leg day", "Moderate", "No", "⚠️ Sharp or joint pain", "Stiff and sore"],
        [
            str(texts.INTENSITY_PROMPT),
            str(texts.OVERREACH_PROMPT),
            str(texts.WALKING_PROMPT),
            str(texts.WALKING_AFTER_PAIN_PROMPT),
        ],
        1,
        "pain_rest",
    ),
    (
        "2-hard-to-walk",
        "No",
        ["🏃 Easy run", "Hard to walk"],
        [str(texts.WALKING_PROMPT)],
        2,
        "strength_mobility",
    ),
    (
        "3-much-harder-than-usual-says-it-went-well-past-usual",
        "No",
        ["🔥 Much harder than usual", "A bit sore"],
        [str(texts.WALKING_PROMPT)],
        3,
        "rest_day",
    ),
    (
        "3-leg-day-well-past-usual",
        "No",
        ["🦵 Leg day", "Heavy", "Yes", "Normal"],
        [str(texts.INTENSITY_PROMPT), str(texts.OVERREACH_PROMPT), str(texts.WALKING_PROMPT)],
        3,
        "rest_day",
    ),
    (
        "4-long-race",
        "No",
        ["🏅 Long run or race", "Normal"],
        [str(texts.WALKING_PROMPT)],
        4,
        "cross_train",
    ),
    (
        "5-leg-day-muscle-first",
        "Yes",
        ["🦵 Leg day", "Heavy", "No", "Normal"],
        [str(texts.INTENSITY_PROMPT), str(texts.OVERREACH_PROMPT), str(texts.WALKING_PROMPT)],
        5,
        "wait_a_day",
    ),
    (
        "6-leg-day-stiff",
        "No",
        ["🦵 Leg day", "Light", "No", "Stiff and sore"],
        [str(texts.INTENSITY_PROMPT), str(texts.OVERREACH_PROMPT), str(texts.WALKING_PROMPT)],
        6,
        "easy_or_cross",
    ),
    (
        "7-leg-day-a-bit-sore",
        "No",
        ["🦵 Leg day", "Moderate", "No", "A bit sore"],
        [str(texts.INTENSITY_PROMPT), str(texts.OVERREACH_PROMPT), str(texts.WALKING_PROMPT)],
        7,
        "easy_jog",
    ),
    (
        "8-rest-day",
        "No",
        ["😴 Rest day", "Normal"],
        [str(texts.WALKING_PROMPT)],
        8,
        "as_planned",
    ),
]


@pytest.mark.parametrize(
    ("muscle_first", "taps", "questions", "rule", "advice"),
    [pytest.param(*s[1:], id=s[0]) for s in SCENARIOS],
)
async def test_every_rule_is_reachable_through_the_dialog(
    ana: Chat,
    repo: Repository,
    muscle_first: str,
    taps: list[str],
    questions: list[str],
    rule: int,
    advice: str,
) -> None:
    await onboard(ana, muscle_first=muscle_first)
    (first,) = await ana.send("/checkin")
    assert first.text == str(texts.WORKOUT_PROMPT)
    assert buttons(first) == WORKOUT_BUTTONS

    asked = []
    for label in taps[:-1]:
        (question,) = await ana.press(label)
        asked.append(question.text)
    (verdict,) = await ana.press(taps[-1])

    assert asked == questions
    assert verdict.text is not None
    assert "What to do:" in verdict.text
    green = ("easy_jog", "as_planned")  # as planned: this scenario walks normally
    light = "🟢" if advice in green else "🟡" if advice == "easy_or_cross" else "🔴"
    band, because = verdict.text.split("\n")[:2]
    assert band.startswith(light)
    assert because.startswith("Because: ")
    assert buttons(verdict) == OFFERS.get(advice, [["Why? Both sides"]])
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.rule, stored.advice) == (rule, advice)
    assert await repo.checkins.get_draft(1001) is None


async def test_an_easy_jog_day_reads_as_a_jog_with_its_reasons(ana: Chat, repo: Repository) -> None:
    await onboard(ana, compression="Yes")
    (verdict,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "Normal")

    assert verdict.text is not None
    assert "15-20" in verdict.text
    assert "compression" in verdict.text.lower()
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.leg_intensity, stored.overreached) == (
        "leg_day",
        "moderate",
        False,
    )
    assert (stored.walking, stored.sharp_pain) == ("normal", False)


async def test_much_harder_than_usual_is_stored_overreached_and_nothing_says_otherwise(
    ana: Chat, repo: Repository
) -> None:
    """The answer is the source's "went well past what the body was ready for": no follow-up
    question, stored as overreached, a rest day, and no line suggesting a session within what
    the user is used to, which their own answer denies."""
    await onboard(ana)

    (verdict,) = await check_in(ana, "🔥 Much harder than usual", "Normal")

    text = verdict.text or ""
    assert text.split("\n\n")[1].startswith("😴 ")  # the rest day's headline
    assert "Because: a much harder session than usual yesterday" in text
    assert "within what you're used to" not in text
    # Only time lifts the rest day (walking is normal already); harder walking would be worse
    # news, not a way out.
    assert text.endswith(
        "🔁 What would change it: tomorrow, if your legs feel no worse → as planned"
    )
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.overreached, stored.rule, stored.advice) == (
        "hard_session",
        True,
        3,
        "rest_day",
    )


@pytest.mark.parametrize(("answer", "note"), [("No", True), ("Yes", False)])
async def test_a_draft_of_an_earlier_release_asking_overreach_after_a_hard_session_finishes(
    ana: Chat, repo: Repository, clock: FrozenClock, answer: str, note: bool
) -> None:
    """Releases before this one asked the overreach question after "much harder than usual":
    such a draft, waiting on it, takes the tap, says why a "no" does not turn the verdict, and
    ends on the rest day, stored as overreached."""
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    await ana.press("Heavy")  # the overreach question on screen, its buttons with the run id
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None
    # The draft as those releases left it: the hard session, no overreach answer yet.
    await repo.checkins.start_draft(1001, draft.run_id, clock())
    await repo.checkins.save_answer(1001, draft.run_id, "workout", "hard_session", clock())

    replies = await ana.press(answer)

    texts_sent = [reply.text for reply in replies]
    assert texts_sent[-1] == str(texts.WALKING_PROMPT)
    assert (str(texts.HARD_SESSION_IS_PAST_USUAL) in texts_sent) is note
    (verdict,) = await ana.press("Normal")
    assert "Because: a much harder session than usual yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.overreached, stored.advice) == (
        "hard_session",
        True,
        "rest_day",
    )


async def test_why_shows_both_sides(ana: Chat) -> None:
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")

    (why,) = await ana.press("Why? Both sides")

    assert why.text == why_screen(Verdict.AS_PLANNED)


async def test_a_second_checkin_the_same_day_replaces_the_first_and_says_so(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    clock.advance(hours=3)

    notice, question = await ana.send("/checkin")
    assert notice.text == (
        "You already checked in today: as planned. If you answer again, "
        "your new answers replace today's."
    )
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    (verdict,) = await ana.press("Hard to walk")

    assert verdict.text is not None
    assert verdict.text.startswith("I replaced today's earlier check-in with these answers.\n\n")
    rows = await repo.checkins.list_for(1001)
    assert [(r.local_date, r.workout, r.rule) for r in rows] == [(date(2026, 1, 13), "easy_run", 2)]


async def test_a_plan_kept_gently_is_named_so_when_a_second_checkin_replaces_it(
    ana: Chat, clock: FrozenClock
) -> None:
    """Its headline said "Train as planned, but gently": the notice must not call it the plan."""
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "A bit sore")
    clock.advance(hours=3)

    notice, _question = await ana.send("/checkin")

    assert notice.text == (
        "You already checked in today: as planned, gently. If you answer again, "
        "your new answers replace today's."
    )


async def test_the_next_local_day_gets_its_own_checkin(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    clock.advance(days=1)

    (question,) = await ana.send("/checkin")
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    (verdict,) = await ana.press("Normal")

    assert verdict.text is not None and not verdict.text.startswith("I replaced")
    rows = await repo.checkins.list_for(1001)
    assert [r.local_date for r in rows] == [date(2026, 1, 13), date(2026, 1, 14)]


async def test_the_day_is_the_users_own_local_day(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    # 03:00 UTC on the 13th is still the evening of the 12th in New York.
    clock.now = clock.now.replace(hour=3)
    await onboard(ana, zone="America/New_York")
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)

    assert [r.local_date for r in await repo.checkins.list_for(1001)] == [date(2026, 1, 12)]


@pytest.mark.parametrize(
    ("zone", "moment"),
    [
        ("Europe/Berlin", datetime(2026, 1, 13, 0, 30, tzinfo=UTC)),  # 01:30 on the 13th
        ("America/New_York", datetime(2026, 1, 13, 8, 59, tzinfo=UTC)),  # 03:59 on the 13th
    ],
)
async def test_after_midnight_the_checkin_counts_for_the_evening_before_and_says_so(
    ana: Chat, repo: Repository, clock: FrozenClock, zone: str, moment: datetime
) -> None:
    """Not slept yet: "yesterday" would be read as the day the user is still in, so the question
    names both days, and the day stored is the one it names."""
    clock.now = moment - timedelta(hours=3)
    await onboard(ana, zone=zone)
    clock.now = moment

    (question,) = await ana.send("/checkin")
    assert question.text == (
        "It's past midnight, so this check-in still counts for Mon 12 Jan. What was your main "
        "workout the day before, on Sun 11 Jan?"
    )
    await ana.press("🏃 Easy run")
    (last_question,) = await ana.press("Normal")
    assert last_question.text == "Did you train on Mon 12 Jan too?"
    (verdict,) = await ana.press(NOTHING_THAT_DAY)

    # "Tomorrow" would be ambiguous now: the day it covers is the one just begun.
    assert verdict.text is not None
    assert verdict.text.endswith(
        "🌙 Past midnight: this goes for the rest of the night and later today."
    )
    assert "tomorrow" not in verdict.text
    rows = await repo.checkins.list_for(1001)
    assert [(r.local_date, r.workout) for r in rows] == [(date(2026, 1, 12), "easy_run")]


async def test_a_pain_checkin_after_midnight_says_later_today_not_tomorrow(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    await onboard(ana)
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on the 13th

    await ana.send("/checkin")
    await ana.press("🏃 Easy run")
    (walking,) = await ana.press("⚠️ Sharp or joint pain")
    assert walking.text == str(texts.WALKING_AFTER_PAIN_NIGHT_PROMPT)
    await ana.press("A bit sore")
    (verdict,) = await ana.press(NOTHING_THAT_DAY)

    assert verdict.text is not None
    assert "🛑 No running tonight or later today: rest." in verdict.text
    assert "• Skip running and any hard training tonight and later today." in verdict.text
    assert "tomorrow" not in verdict.text


async def test_after_midnight_the_reason_names_the_workout_by_the_day_the_question_named(
    ana: Chat, clock: FrozenClock
) -> None:
    """At 00:30 on Tuesday "yesterday" is Monday on the user's clock, but the check-in counts
    for Monday and asked about Sunday: the verdict's reason names Sunday, as the question did."""
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00 on Monday in Berlin
    await onboard(ana)
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tuesday 13 Jan

    (question,) = await ana.send("/checkin")
    assert question.text is not None and question.text.endswith("the day before, on Sun 11 Jan?")
    await ana.press("🦵 Leg day")
    await ana.press("Light")
    await ana.press("No")
    await ana.press("Normal")
    (verdict,) = await ana.press(NOTHING_THAT_DAY)

    assert verdict.text is not None
    assert verdict.text.startswith(
        "🟢 Green: good to go\nBecause: leg day on Sun 11 Jan, walking normally\n\n"
    )
    assert "yesterday" not in verdict.text


async def test_from_four_the_checkin_is_the_new_days_and_asks_about_yesterday(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 13, 3, 0, tzinfo=UTC)  # 04:00 in Berlin
    await onboard(ana)

    (question,) = await ana.send("/checkin")

    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("🏃 Easy run")
    await ana.press("Normal")
    assert [r.local_date for r in await repo.checkins.list_for(1001)] == [date(2026, 1, 13)]


async def test_a_checkin_after_midnight_replaces_that_evenings(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)
    clock.now = datetime(2026, 1, 13, 0, 15, tzinfo=UTC)  # 01:15

    # "Today" would be Tuesday, the day just begun, whose check-in is still to come.
    notice, _question = await ana.send("/checkin")
    assert notice.text == (
        "You already checked in for Mon 12 Jan: as planned. If you answer again, your new "
        "answers replace those."
    )
    await ana.press("🏃 Easy run")
    await ana.press("Hard to walk")
    (verdict,) = await ana.press(NOTHING_THAT_DAY)

    assert verdict.text is not None
    assert verdict.text.startswith(
        "I replaced the earlier check-in for Mon 12 Jan with these answers.\n\n"
    )
    rows = await repo.checkins.list_for(1001)
    assert [(r.local_date, r.advice) for r in rows] == [(date(2026, 1, 12), "strength_mobility")]


async def test_a_long_run_told_after_midnight_offers_sleep_not_cross_training(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Newcomer: at 00:30, the day after a race, "🚴 No run tonight: 15-20 minutes of
    no-impact cross-training", with buttons to start it or be reminded in an hour. That day
    is over by then: the verdict, its buttons, "Why?" and what would change it all say sleep,
    and the next check-in decides the day after. Also told as an addition of "nothing that
    day" to that day's morning check-in."""
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan in Berlin
    await onboard(ana)

    (verdict,) = await check_in(ana, "🏅 Long run or race", "Normal", NOTHING_THAT_DAY)

    lines = (verdict.text or "").split("\n")
    assert lines[:4] == [
        "🔴 Red: no run",
        "Because: long run or race on Sun 11 Jan",
        "",
        "😴 No run tonight, and it's too late for cross-training: sleep now.",
    ], verdict.text
    assert "• No run and no cross-training now; get some sleep." in lines
    assert "tonight: 15-20" not in (verdict.text or "") and "Choose pool running" not in lines
    assert (
        "🔁 What would change it: once you've slept, if your legs feel no worse → as planned"
    ) in lines
    assert buttons(verdict) == [["Why? Both sides"]]
    (why,) = await ana.press("Why? Both sides", verdict)
    assert (why.text or "").startswith("Why no run, and no cross-training either?")
    assert (why.text or "").endswith(
        "Bottom line: sleep now, and check in once you've slept; from then on, it goes by how "
        "your legs feel."
    )
    assert buttons(why) == []
    # /jog agrees: no cross-training offered at 00:30 either (newcomer: "easy cross-training
    # is on" right under "too late for cross-training: sleep now").
    (offer,) = await ana.send("/jog")
    assert offer.text == (
        "Your check-in said no run (long run or race on Sun 11 Jan), and this late not even "
        "cross-training: sleep now, and check in once you've slept. Start the timer anyway?"
    )
    assert buttons(offer) == [["🏃 Run 15 min anyway"], ["Not today"]]
    (row,) = await repo.checkins.list_for(1001)
    assert (row.rule, row.advice) == (4, "cross_train")  # that day's verdict, as the rules say

    # The same day's morning check-in, added to after midnight with nothing that day.
    clock.now = datetime(2026, 1, 13, 7, 0, tzinfo=UTC)  # 08:00 on Tue 13 Jan
    said, _walking = await ana.send("/checkin")  # the rest day told last night, said
    await ana.press("✏️ Correct it", said)
    await ana.press("🏅 Long run or race")
    (morning,) = await ana.press("Normal")
    assert "🚴 No run today: 15-20 minutes of no-impact cross-training." in (morning.text or "")
    clock.now = datetime(2026, 1, 13, 23, 30, tzinfo=UTC)  # 00:30 on Wed 14 Jan
    (added,) = await check_in(ana, NOTHING_THAT_DAY)
    assert "\n\n😴 No run tonight, and it's too late for cross-training: sleep now.\n" in (
        added.text or ""
    )
    assert buttons(added) == [["Why? Both sides"]]


AFRESH = "🔄 Answer everything again"


async def test_after_midnight_a_checkin_adds_that_days_training_to_its_morning_checkin(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Issue 13 (newcomer): at 00:30, after that day's morning check-in, a check-in again asked
    it all anew and replaced the morning's "hard to walk". It is that day's evening now: the
    morning's answers stand, only the day's own training is asked, and the verdict goes for
    tonight only: its walking is the morning's, so the next morning asks again and the day
    after is not covered by it."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    (morning,) = await check_in(ana, "🏃 Easy run", "Hard to walk")
    assert (morning.text or "").startswith("🔴 Red: no run\nBecause: hard to walk\n")
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan

    adding, question = await ana.send("/checkin")

    assert adding.text == (
        "You checked in for Mon 12 Jan earlier that day: strength and mobility. Your answers "
        "from then stay as they are; I'll just ask about that day's training."
    )
    assert buttons(adding) == [[AFRESH]]
    assert question.text == "Did you train on Mon 12 Jan too?"
    assert buttons(question)[-1] == ["💪 Other training", NOTHING_THAT_DAY]
    (verdict,) = await ana.press(NOTHING_THAT_DAY)
    assert verdict.text is not None
    assert verdict.text.startswith(
        "I've added this to your check-in for Mon 12 Jan; your other answers stay as they "
        "were.\n\n🔴 Red: no run\nBecause: hard to walk\n\n"
        "🧘 No running or cardio workout tonight: strength and mobility instead."
    )
    assert "later today" not in verdict.text
    assert verdict.text.endswith(
        "🌙 This goes for tonight only: you told me how walking felt when you checked in "
        "earlier, so I'll ask again after you've slept."
    )
    (row,) = await repo.checkins.list_for(1001)
    assert (row.local_date, row.workout, row.walking, row.sharp_pain) == (
        date(2026, 1, 12),
        "easy_run",
        "hard",
        False,
    )
    assert (row.rule, row.advice, row.evening, row.workout_that_day) == (
        2,
        "strength_mobility",
        False,
        "rest",
    )
    assert await repo.checkins.get_draft(1001) is None

    summary, _chart = await ana.send("/history")
    assert (summary.text or "").startswith(
        "<b>Since 12 Jan: 1 check-in</b>\n<pre>"
        "day    yesterday walking    advice                session\n"
        "12 Jan easy run  hard       strength and mobility -\n"
        "13 Jan -         -          -                     -</pre>"
    ), summary.text


async def test_after_midnight_training_that_day_is_added_to_the_morning_checkin(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "A bit sore")
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan

    _adding, _question = await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    await ana.press("Heavy")
    (verdict,) = await ana.press("No")

    assert verdict.text is not None
    assert verdict.text.startswith(
        "I've added this to your check-in for Mon 12 Jan; your other answers stay as they "
        "were.\n\n✅ Done for the day\nBecause: leg day on Mon 12 Jan\n\n😴 Rest tonight.\n"
    ), verdict.text
    (row,) = await repo.checkins.list_for(1001)
    assert (row.workout, row.walking, row.workout_that_day, row.intensity_that_day) == (
        "rest",
        "a_bit_sore",
        "leg_day",
        "heavy",
    )
    # The day's verdict stays the morning's (rule 8, gently on sore legs), no evening one.
    assert (row.rule, row.advice, row.evening) == (8, "as_planned", False)


async def test_an_addition_asked_before_four_and_answered_after_stays_that_days(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Its question named Mon 12 Jan: answered at 04:05, the answer is still that day's, and
    the morning's answers never become Tuesday's check-in."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "🏃 Easy run", "Hard to walk")
    clock.now = datetime(2026, 1, 13, 2, 55, tzinfo=UTC)  # 03:55 on Tue 13 Jan
    await ana.send("/checkin")
    clock.now = datetime(2026, 1, 13, 3, 5, tzinfo=UTC)  # 04:05

    (verdict,) = await ana.press(NOTHING_THAT_DAY)

    assert (verdict.text or "").startswith(
        "I've added this to your check-in for Mon 12 Jan; your other answers stay as they "
        "were.\n\n🔴"
    )
    rows = [(r.local_date, r.walking, r.evening) for r in await repo.checkins.list_for(1001)]
    assert rows == [(date(2026, 1, 12), "hard", False)]


async def test_an_evening_checkin_adds_to_the_mornings_as_after_midnight(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """21:00 and 00:30 are the same evening: a check-in again then keeps the morning's
    answers either way."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    await onboard(ana)
    await check_in(ana, "🏃 Easy run", "Hard to walk")
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00

    adding, question = await ana.send("/checkin")
    assert adding.text == (
        "You checked in earlier today: strength and mobility. Your answers from then stay as "
        "they are; I'll just ask about today's training."
    )
    assert question.text == "Did you train today too?"
    (verdict,) = await ana.press(NOTHING)

    assert verdict.text is not None
    assert verdict.text.startswith(
        "I've added this to your check-in from earlier today; your other answers stay as they "
        "were.\n\n🔴 Red: no run\n"
    )
    # Walking was the morning's answer: the verdict goes for tonight, and the morning asks.
    assert "🧘 No running or cardio workout tonight: strength and mobility instead." in (
        verdict.text
    )
    assert verdict.text.endswith(
        "🌙 This goes for tonight only: you told me how walking felt when you checked in "
        "earlier, so I'll ask again after you've slept."
    )
    (row,) = await repo.checkins.list_for(1001)
    assert (row.walking, row.evening, row.workout_that_day) == ("hard", False, "rest")
    # Added to once, it adds again: the answer told is named, and only that question is asked.
    again, question = await ana.send("/checkin")
    assert again.text == (
        "You checked in earlier today (strength and mobility) and have told me about today's "
        "training since: 😴 No, nothing today. Your other answers stay as they are; I'll just "
        "ask about today's training again."
    )
    assert buttons(again) == [[AFRESH]]
    assert question.text == "Did you train today too?"


async def test_an_easy_run_added_in_the_evening_keeps_the_days_jog_in_the_record(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Newcomer: an easy jog in the morning, "🏃 Easy run" added that evening. The reply rests
    tonight, but the day's record kept "rest tonight" in place of the morning's verdict: the
    addition stores the day's training and keeps the day's verdict and rule, and is no evening
    check-in (its walking is the morning's)."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    (morning,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    assert (morning.text or "").startswith("🟢 Green: good to go\n")
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00

    (verdict,) = await check_in(ana, "🏃 Easy run")

    assert (verdict.text or "").startswith(
        "I've added this to your check-in from earlier today; your other answers stay as they "
        "were.\n\n✅ Done for today\nBecause: easy run today\n\n😴 Rest tonight.\n"
    ), verdict.text
    (row,) = await repo.checkins.list_for(1001)
    assert (row.workout, row.leg_intensity, row.walking, row.workout_that_day) == (
        "leg_day",
        "moderate",
        "a_bit_sore",
        "easy_run",
    )
    assert (row.rule, row.advice, row.evening) == (7, "easy_jog", False)
    # Its "Why?" explains the rest it told, not the day's jog kept in the record.
    (why,) = await ana.press("Why? Both sides", verdict)
    assert why.text == str(LIGHT_SAME_DAY)
    summary, _chart = await ana.send("/history")
    assert (summary.text or "").startswith(
        "<b>Since 12 Jan: 1 check-in</b>\n<pre>"
        "day    yesterday walking    advice      session\n"
        "12 Jan leg day   a bit sore easy jog    -\n"
        "       + that day: easy run</pre>"
    ), summary.text


async def test_a_checkin_again_after_an_addition_adds_again_and_keeps_the_days_verdict(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Newcomer: an easy run added at 21:00, then a check-in again at 00:30 said "your new
    answers replace those", so that day alone read "rest tonight" in /history, the weekly
    summary and the export. A check-in again after an addition adds again: the day's training
    is asked once more, its answer in place of the one told, and the morning's verdict stays."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00
    await check_in(ana, "🏃 Easy run")
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan

    again, question = await ana.send("/checkin")

    assert again.text == (
        "You checked in for Mon 12 Jan earlier that day (easy jog) and have told me about that "
        "day's training since: 🏃 Easy run. Your other answers stay as they are; I'll just ask "
        "about that day's training again."
    )
    assert buttons(again) == [[AFRESH]]
    assert question.text == "Did you train on Mon 12 Jan too?"
    await ana.press("🦵 Leg day")
    await ana.press("Light")
    (verdict,) = await ana.press("No")
    text = verdict.text or ""
    assert text.startswith(
        "I've added this to your check-in for Mon 12 Jan; your other answers stay as they were.\n\n"
    ), text
    # The training is that day's, dated after midnight: "Done for today" would be Tuesday's.
    assert "\n\n✅ Done for the day\nBecause: leg day on Mon 12 Jan\n\n😴 Rest tonight.\n" in text
    (row,) = await repo.checkins.list_for(1001)
    assert (row.workout, row.walking, row.rule, row.advice, row.evening) == (
        "leg_day",
        "a_bit_sore",
        7,
        "easy_jog",
        False,
    )
    assert (row.workout_that_day, row.intensity_that_day) == ("leg_day", "light")
    assert await repo.checkins.get_draft(1001) is None

    summary, _chart = await ana.send("/history")
    assert (summary.text or "").startswith(
        "<b>Since 12 Jan: 1 check-in</b>\n<pre>"
        "day    yesterday walking    advice      session\n"
        "12 Jan leg day   a bit sore easy jog    -\n"
        "       + that day: leg day\n"
        "13 Jan -         -          -           -</pre>"
    ), summary.text
    checkins_csv, *_rest = await ana.send("/export")
    (exported,) = csv.DictReader(io.StringIO((checkins_csv.document or b"").decode()))
    assert (exported["advice"], exported["advice_text"], exported["rule"]) == (
        "easy_jog",
        "easy jog",
        "7",
    )
    assert (exported["workout_that_day"], exported["evening"]) == ("leg_day", "False")


async def test_an_addition_after_midnight_with_nothing_that_day_goes_for_tonight(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Newcomer: at 00:33, "nothing that day" added to the morning's "as planned, gently" said
    "Stick to your plan ... later today", carrying the morning's walking into a day it was
    never asked of. It goes for tonight, and says why."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "A bit sore")
    clock.now = datetime(2026, 1, 12, 23, 33, tzinfo=UTC)  # 00:33 on Tue 13 Jan

    (verdict,) = await check_in(ana, NOTHING_THAT_DAY)

    text = verdict.text or ""
    assert text.startswith(
        "I've added this to your check-in for Mon 12 Jan; your other answers stay as they "
        "were.\n\n🟡"
    ), text
    assert "• Stick to your plan, at an easy effort tonight." in text.split("\n")
    assert "later today" not in text
    assert text.endswith(
        "🌙 This goes for tonight only: you told me how walking felt when you checked in "
        "earlier, so I'll ask again after you've slept."
    )
    (row,) = await repo.checkins.list_for(1001)
    assert (row.rule, row.advice, row.evening, row.workout_that_day) == (
        8,
        "as_planned",
        False,
        "rest",
    )


async def test_why_after_an_addition_of_nothing_today_speaks_of_tonight(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer: "Why?" under an addition that told no training that day kept the daytime
    wording ("keep it easy today", "no pain today") under a verdict that said tonight; after
    midnight it names the day instead of "yesterday", as the verdict does."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "A bit sore")
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00
    (verdict,) = await check_in(ana, NOTHING)
    assert "• Stick to your plan, at an easy effort tonight." in (verdict.text or "")

    (why,) = await ana.press("Why? Both sides", verdict)

    assert why.text == (
        "Why not change your plan? Nothing you told me calls for it: no leg day, long run, race "
        "or overreach yesterday, no training since, no pain, and walking isn't hard.\n\n"
        "Why still listen to your legs: they are sore, and a hard effort on sore muscles is "
        "where strains happen.\n\n"
        "Bottom line: keep your plan, but your legs are sore, so keep it easy tonight and warm "
        "up longer."
    )
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan
    (why,) = await ana.press("Why? Both sides", verdict)
    assert (why.text or "").startswith(
        "Why not change your plan? Nothing you told me calls for it: no leg day, long run, "
        "race or overreach on Sun 11 Jan, no pain when you checked in"
    )
    assert "today" not in (why.text or "") and "yesterday" not in (why.text or "")


async def test_answer_everything_again_replaces_the_mornings_checkin_after_midnight(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)  # 08:00 on Mon 12 Jan in Berlin
    await onboard(ana)
    await check_in(ana, "🏃 Easy run", "Hard to walk")
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tue 13 Jan
    adding, _question = await ana.send("/checkin")
    afresh = button_data(adding, AFRESH)

    notice, question = await ana.press(AFRESH, adding)

    assert notice.text == (
        "You already checked in for Mon 12 Jan: strength and mobility. If you answer again, your "
        "new answers replace those."
    )
    assert (question.text or "").endswith("the day before, on Sun 11 Jan?")
    await ana.press("🏃 Easy run")
    await ana.press("Normal")
    (verdict,) = await ana.press(NOTHING_THAT_DAY)
    assert (verdict.text or "").startswith(
        "I replaced the earlier check-in for Mon 12 Jan with these answers.\n\n🟢"
    )
    (row,) = await repo.checkins.list_for(1001)
    assert (row.walking, row.advice, row.evening) == ("normal", "as_planned", True)
    # The addition's button, pressed once more (a double tap), starts nothing: it has ended.
    assert await ana.press_data(afresh, adding) == []
    assert len(await repo.checkins.list_for(1001)) == 1
    assert await repo.checkins.get_draft(1001) is None


async def test_checkin_before_setup_points_to_start(ana: Chat, repo: Repository) -> None:
    (reply,) = await ana.send("/checkin")

    assert reply.text == str(texts.NOT_SET_UP)
    assert await repo.checkins.list_for(1001) == []


async def test_check_in_now_button_after_setup_opens_the_checkin(ana: Chat) -> None:
    await onboard(ana)

    (question,) = await ana.press("Check in now")

    assert question.text == str(texts.WORKOUT_PROMPT)


async def test_a_restart_mid_checkin_goes_on_typed_or_tapped(
    runner: BotRunner, api: LocalBotApi
) -> None:
    """The dialog and its latest keyboard are stored, not kept in memory: after a restart, the
    question's number typed counts as its button, and the next one may be tapped."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    await runner.stop()

    ana.app = await runner.start()
    said, overreach = await ana.send("2")  # the intensity question's second button: Moderate
    assert said.text == "Got it: Moderate."

    assert overreach.text == str(texts.OVERREACH_PROMPT)
    (walking,) = await ana.press("No")
    assert walking.text == str(texts.WALKING_PROMPT)
    (verdict,) = await ana.press("A bit sore")
    repo = ana.app.bot_data.repo
    assert repo is not None
    (stored,) = await repo.checkins.list_for(1001)
    assert (stored.leg_intensity, stored.overreached, stored.walking) == (
        "moderate",
        False,
        "a_bit_sore",
    )
    assert "\n🏃 " in (verdict.text or "")  # the day's advice, with what to run


async def test_the_checkin_stores_one_dialog_state_its_draft_tells_the_step(
    ana: Chat, repo: Repository
) -> None:
    """Answers moving the check-in on, and the advice ending it, write no dialog state: the
    draft tells the question, and its being gone that the check-in is over."""
    await onboard(ana)
    stored = []
    for _ in range(2):  # the second check-in finds its state stored by the first
        await ana.send("/checkin")
        stored.append(await repo.dialogs.load("dialog"))
        for label in ("🦵 Leg day", "Moderate", "No"):
            await ana.press(label)
            stored.append(await repo.dialogs.load("dialog"))
        (verdict,) = await ana.press("A bit sore")
        stored.append(await repo.dialogs.load("dialog"))
        assert "\n🏃 " in (verdict.text or "")

    assert stored == [{"[1001, 1001]": "checkin"}] * 10
    (reply,) = await ana.send("Moderate")  # no check-in runs: not taken as an answer
    assert reply.text == str(texts.FREE_TEXT_CHECKED_IN)
    assert len(await repo.checkins.list_for(1001)) == 1  # the day's, replaced


async def test_a_checkin_at_a_step_stored_by_an_earlier_release_goes_on(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Releases before one stored state for the whole check-in stored each question's own."""
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    await repo.dialogs.save("dialog", "[1001, 1001]", "checkin:leg_intensity", clock())

    (overreach,) = await ana.press("Heavy")

    assert overreach.text == str(texts.OVERREACH_PROMPT)
    assert await repo.dialogs.load("dialog") == {"[1001, 1001]": "checkin"}
    (walking,) = await ana.press("Yes")
    assert walking.text == str(texts.WALKING_PROMPT)


async def seed_leg_days(repo: Repository, cases: list[tuple[bool, str]]) -> None:
    """Heavy leg days a week apart before 13 Jan: each reported next morning, with an easy run
    (or rest) reported the morning after that, and how walking felt then."""
    now = datetime(2026, 1, 13, 7, 0, tzinfo=UTC)
    for index, (jogged, walking) in enumerate(cases):
        leg_day = date(2026, 1, 10) - timedelta(weeks=index)
        await repo.checkins.save(
            1001,
            leg_day + timedelta(days=1),
            {"workout": "leg_day", "leg_intensity": "heavy", "walking": "a_bit_sore"},
            8,
            "easy_jog",
            now,
        )
        await repo.checkins.save(
            1001,
            leg_day + timedelta(days=2),
            {"workout": "easy_run" if jogged else "rest", "walking": walking},
            8,
            "as_planned",
            now,
        )


async def test_a_leg_day_verdict_cites_the_users_own_record(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    cases = [(True, "normal")] * 4 + [(True, "a_bit_sore"), (False, "normal")]
    await seed_leg_days(repo, [*cases, (False, "stiff_sore"), (False, "hard")])

    (heavy,) = await check_in(ana, "🦵 Leg day", "Heavy", "No", "A bit sore")

    paragraphs = (heavy.text or "").split("\n\n")
    change = next(i for i, p in enumerate(paragraphs) if p.startswith("🔁 What would change it"))
    assert paragraphs[change - 1] == (
        "📊 Your record: after 4 of your 5 heavy leg days, an easy jog the next day was followed "
        "by normal walking a day later (without the jog: 1 of 3)."
    )

    # A moderate leg day is not compared with heavy ones (the check-in replaces today's).
    (moderate,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")

    assert (
        "📊 Your record: calibrating. To compare, I need 3 moderate leg days with an easy jog "
        "the day after and 3 without; so far: 0 with, 0 without."
    ) in (moderate.text or "").split("\n\n")


async def test_no_record_line_after_a_day_without_legs(ana: Chat) -> None:
    await onboard(ana)

    (verdict,) = await check_in(ana, "😴 Rest day", "Normal")

    assert "📊" not in (verdict.text or "")


# Each leg-day verdict, reached as a user would: (id, muscle first?, taps, record line shown?)
LEG_DAY_VERDICTS = [
    ("pain", "No", ["Moderate", "No", "⚠️ Sharp or joint pain", "A bit sore"], False),
    ("hard to walk", "No", ["Moderate", "No", "Hard to walk"], False),
    ("well past usual", "No", ["Heavy", "Yes", "Normal"], False),
    ("muscle first", "Yes", ["Moderate", "No", "A bit sore"], True),
    ("stiff", "No", ["Moderate", "No", "Stiff and sore"], True),
    ("a bit sore", "No", ["Moderate", "No", "A bit sore"], True),
]


@pytest.mark.parametrize(
    ("muscle_first", "taps", "shown"),
    [pytest.param(*row[1:], id=row[0]) for row in LEG_DAY_VERDICTS],
)
async def test_the_record_line_goes_only_under_verdicts_that_weigh_a_jog_after_leg_day(
    ana: Chat, muscle_first: str, taps: list[str], shown: bool
) -> None:
    """Pain, hard walking and overreach rule out a run whatever the record says about jogs."""
    await onboard(ana, muscle_first=muscle_first)

    (verdict,) = await check_in(ana, "🦵 Leg day", *taps)

    assert ("📊 Your record: calibrating" in (verdict.text or "")) is shown
