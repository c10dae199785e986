"""What the bot already knows is not asked again (issue 13): a session it timed is the workout of
its day, said at the next check-in with "Correct it" (the morning after, and the evening's own
last question); a file of the same day knows more and is said instead; and a workout typed at a
check-in that asks walking first is taken, as under the push that asks walking."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fit_tool.profile.profile_type import Sport as FitSport
from fit_tool.profile.profile_type import SubSport

from conversations import texts
from conversations.coach.timing import WARM_UP
from storage.repository import Repository
from tests.activity_files import fit_file, gpx_file
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import tick

pytestmark = pytest.mark.both_databases

BERLIN = ZoneInfo("Europe/Berlin")
WORKOUT_BUTTONS = [
    ["🦵 Leg day", "🏅 Long run or race"],
    ["🔥 Much harder than usual", "🏃 Easy run"],
    ["💪 Other training", "😴 Rest day"],
]
NOTHING = "😴 No, nothing today"


def berlin(wall: str) -> datetime:
    return datetime.fromisoformat(wall).replace(tzinfo=BERLIN).astimezone(UTC)


async def time_a_session(
    chat: Chat, clock: FrozenClock, start: datetime, done: timedelta, start_button: str
) -> None:
    """/jog's timer from `start`, stopped with "Finish early" `done` after its warm-up."""
    clock.now = start
    await chat.send("/jog")
    await chat.press(start_button)
    clock.now = start + WARM_UP + done
    await chat.press("Finish early")


@pytest.fixture
async def jogger(ana: Chat, clock: FrozenClock) -> Chat:
    """Ana, set up in Berlin on Tuesday 13 Jan, who ran 15 minutes on the bot's timer at 11:00."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await time_a_session(
        ana, clock, berlin("2026-01-13 11:00"), timedelta(minutes=15), "Start 15 min"
    )
    return ana


async def test_a_run_timed_yesterday_is_said_not_asked(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-14 07:45")
    said, question = await jogger.send("/checkin")

    assert said.text == "Yesterday's workout, from the run I timed: 🏃 Easy run (15 min)."
    assert buttons(said) == [["✏️ Correct it"]]
    assert question.text == str(texts.WALKING_PROMPT)
    (verdict,) = await jogger.press("Normal", question)
    assert "Because: easy run yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 14))
    assert stored is not None and stored.workout == "easy_run"
    table, _chart = await jogger.send("/history")
    assert "14 Jan easy run" in (table.text or "")
    assert "rest" not in (table.text or "")


async def test_correct_it_asks_the_workout_and_the_answer_wins(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-14 07:45")
    said, _walking = await jogger.send("/checkin")
    (question,) = await jogger.press("✏️ Correct it", said)

    assert question.text == str(texts.WORKOUT_PROMPT)
    assert buttons(question) == WORKOUT_BUTTONS
    (walking,) = await jogger.press("😴 Rest day", question)
    assert (walking.text or "").startswith(str(texts.WALKING_PROMPT))
    await jogger.press("Normal", walking)
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 14))
    assert stored is not None and stored.workout == "rest"


async def test_a_session_stopped_in_its_warm_up_says_nothing_and_the_workout_is_asked(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await time_a_session(ana, clock, berlin("2026-01-13 11:00"), -WARM_UP / 2, "Start 15 min")
    assert ana.last.text == str(texts.FINISHED_IN_WARM_UP)

    clock.now = berlin("2026-01-14 07:45")
    (question,) = await ana.send("/checkin")
    assert question.text == str(texts.WORKOUT_PROMPT)


async def test_cross_training_stopped_early_counts_as_other_training_for_its_minutes(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Named by its kind, as /history and the export name it; counted as other training."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await check_in(ana, "🏅 Long run or race", "Normal")  # rule 4: cross-training offered
    await time_a_session(
        ana, clock, berlin("2026-01-13 11:00"), timedelta(minutes=12), "🚲 Cross-train 15 min"
    )

    clock.now = berlin("2026-01-14 07:45")
    said, question = await ana.send("/checkin")
    assert said.text == (
        "Yesterday's workout, from the session I timed: 🚲 Cross-training (12 min)."
    )
    assert question.text == str(texts.WALKING_PROMPT)
    (verdict,) = await ana.press("Normal", question)
    assert "Because: other training yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 14))
    assert stored is not None and stored.workout == "other"


async def test_a_file_of_the_same_day_is_said_instead_of_the_timer(
    jogger: Chat, clock: FrozenClock
) -> None:
    """The file knows more (distance, pace): it decides, and the timer is not named beside it,
    so the two never disagree on one screen."""
    clock.now = berlin("2026-01-13 20:00")
    long_run = fit_file(berlin("2026-01-13 16:00"), seconds=6300, metres=21_500)
    await jogger.send_file("long.fit", long_run)

    clock.now = berlin("2026-01-14 07:45")
    said, question = await jogger.send("/checkin")
    assert (said.text or "").startswith("From your file: 🏃 Run, yesterday 16:00: 21.5 km")
    assert "🏅 Long run or race" in (said.text or "")
    assert question.text == str(texts.WALKING_PROMPT)
    assert not any("I timed" in (m.text or "") for m in jogger.history)


async def test_the_evening_says_the_run_timed_that_day_instead_of_asking(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The evening's last question is not asked after a run timed that day; the next morning
    names it as the timer's too, not as something the user told."""
    clock.now = berlin("2026-01-13 19:00")
    said, question = await jogger.send("/checkin")

    assert said.text == "Today's workout, from the run I timed: 🏃 Easy run (15 min)."
    assert buttons(said) == [["✏️ Correct it"]]
    assert question.text == str(texts.WORKOUT_PROMPT)
    await jogger.press("😴 Rest day", question)
    (verdict,) = await jogger.press("Normal")
    assert "Because:" in (verdict.text or "")
    assert not any(m.text == str(texts.TODAY_WORKOUT_PROMPT) for m in jogger.history)
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "easy_run"

    clock.now = berlin("2026-01-14 07:45")
    told, walking = await jogger.send("/checkin")
    assert told.text == "Yesterday's workout, from the run I timed: 🏃 Easy run (15 min)."
    assert walking.text == str(texts.WALKING_PROMPT)


async def test_correcting_the_evenings_timed_run_asks_its_question(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 19:00")
    said, _workout = await jogger.send("/checkin")
    (question,) = await jogger.press("✏️ Correct it", said)

    assert question.text == str(texts.TODAY_WORKOUT_PROMPT)
    (workout,) = await jogger.press(NOTHING, question)
    assert workout.text == str(texts.WORKOUT_PROMPT)
    await jogger.press("😴 Rest day", workout)
    await jogger.press("Normal")
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "rest"


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
    said, again = await ana.send("rest")

    assert said.text == "Got it: Rest day."
    assert again.text == str(texts.WALKING_PROMPT)
    assert not any(m.text == str(texts.PICK_A_BUTTON) for m in ana.history)
    (verdict,) = await ana.press("A bit sore", again)
    # The rest day is stored as told; the leg day two days back decides (rule 7).
    assert "Because: leg day 2 days ago, a bit sore walking" in (verdict.text or "")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 14))
    assert stored is not None and (stored.workout, stored.walking) == ("rest", "a_bit_sore")


async def test_a_number_past_the_walking_buttons_is_no_workout(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Walking asked first has five buttons; a typed "6" names none of them, and is no press
    of the sixth workout button ("😴 Rest day"), which is not on the screen: it says so, is asked
    again, and the workout question still comes."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "Hard to walk")

    clock.now = berlin("2026-01-14 07:45")
    await ana.send("/checkin")
    hint, again = await ana.send("6")

    assert hint.text == texts.NO_SUCH_BUTTON.format(5, number=6, count=5)
    assert (again.text or "").startswith(str(texts.WALKING_PROMPT))
    assert sum(len(row) for row in buttons(again)) == 5
    said, workout = await ana.send("2")  # "A bit sore", the second of the five on the screen
    assert said.text == "Got it: A bit sore."
    assert workout.text == str(texts.WORKOUT_PROMPT)
    await ana.press("😴 Rest day", workout)
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


async def test_the_evening_of_a_day_checked_in_says_the_run_timed_was_that_days_training(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A check-in that evening, after the day's check-in and a run the bot timed: that run was
    the day's training, so nothing is asked or added, and the day's verdict stays in the record
    (added as "trained today", it became a rest tonight: newcomer 12). More training told is
    added as any evening's, the morning's answers kept."""
    clock.now = berlin("2026-01-13 12:00")
    await check_in(jogger, "😴 Rest day", "A bit sore")

    clock.now = berlin("2026-01-13 19:00")
    (done,) = await jogger.send("/checkin")

    assert done.text == texts.CHECKIN_TIMED_DONE.format(
        verdict="as planned, gently", session="🏃 Easy run (15 min)"
    )
    assert buttons(done) == [["🏋️ I trained more"], ["🔄 Answer everything again"]]
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.advice, stored.workout_that_day, stored.evening) == ("as_planned", None, False)
    (history, *_) = await jogger.send("/history")
    assert "13 Jan" in (history.text or "") and "rest tonight" not in (history.text or "")

    clock.now = berlin("2026-01-13 19:05")
    (question,) = await jogger.press("🏋️ I trained more", done)
    # Asked what else: "No, nothing today" would deny the tap that asked it.
    assert question.text == "What else did you train today?"
    assert buttons(question) == [
        ["🦵 Leg day", "🏅 Long run or race"],
        ["🔥 Much harder than usual", "🏃 Easy run"],
        ["💪 Other training"],
    ]
    (verdict,) = await jogger.press("🦵 Leg day", question)
    (verdict,) = await jogger.press("Light", verdict)
    (verdict,) = await jogger.press("No", verdict)
    assert (verdict.text or "").startswith(str(texts.ADDED_NOTE))
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.workout_that_day, stored.walking) == (
        "rest",
        "leg_day",
        "a_bit_sore",
    )

    # The next morning names the leg day told that evening, the harder of the two workouts.
    clock.now = berlin("2026-01-14 07:45")
    told, _walking = await jogger.send("/checkin")
    assert "Leg day" in (told.text or "")


async def test_nothing_typed_under_i_trained_more_keeps_the_run_timed(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The question under "I trained more" is not on the screen, and has no "nothing": typed
    "nothing" or "no" there adds nothing and takes nothing away (newcomer: it stored a rest day
    over the timed run, the reply said "stick to your plan tonight" under "rest tonight", and
    the next morning said "you told me: 😴 Rest day"). A workout typed is more training told."""
    clock.now = berlin("2026-01-13 12:00")
    await check_in(jogger, "😴 Rest day", "A bit sore")
    clock.now = berlin("2026-01-13 20:00")
    (done,) = await jogger.send("/checkin")

    for typed in ("nothing", "no"):
        (note,) = await jogger.send(typed)
        assert note.text == str(texts.TIMED_SESSION_STAYS)
    (hint,) = await jogger.send("6")  # no sixth button on the screen
    assert hint.text == str(texts.PICK_A_BUTTON)
    (question,) = await jogger.press("🏋️ I trained more", done)
    assert question.text == "What else did you train today?"
    note, again = await jogger.send("nothing")
    assert note.text == str(texts.TIMED_SESSION_STAYS)
    assert again.text == question.text and buttons(again) == buttons(question)
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.advice, stored.workout_that_day, stored.evening) == ("as_planned", None, False)

    clock.now = berlin("2026-01-14 07:45")
    said, _walking = await jogger.send("/checkin")
    assert "🏃 Easy run (15 min)" in (said.text or "") and "Rest day" not in (said.text or "")


async def test_nothing_told_again_that_evening_keeps_the_run_timed(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """More training told, then "nothing today" at a check-in again that evening: the run the
    bot timed stays the day's training, in the record and the next morning."""
    clock.now = berlin("2026-01-13 12:00")
    await check_in(jogger, "😴 Rest day", "A bit sore")
    clock.now = berlin("2026-01-13 20:00")
    (done,) = await jogger.send("/checkin")
    (question,) = await jogger.press("🏋️ I trained more", done)
    await jogger.press("💪 Other training", question)
    clock.now = berlin("2026-01-13 20:30")
    _again, question = await jogger.send("/checkin")

    (verdict,) = await jogger.press(NOTHING, question)

    assert "easy run today" in (verdict.text or "")
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.advice, stored.workout_that_day) == ("as_planned", "easy_run")
    clock.now = berlin("2026-01-14 07:45")
    said, _walking = await jogger.send("/checkin")
    assert "🏃 Easy run" in (said.text or "") and "Rest day" not in (said.text or "")


async def test_a_workout_typed_under_the_run_timed_is_more_training(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 12:00")
    await check_in(jogger, "😴 Rest day", "A bit sore")
    clock.now = berlin("2026-01-13 20:00")
    await jogger.send("/checkin")

    (verdict,) = await jogger.send("other training")

    assert (verdict.text or "").startswith(str(texts.ADDED_NOTE))
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "other"


async def test_a_run_timed_and_more_training_told_that_evening_both_count_the_next_morning(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The run the bot timed on a red day and the other training told that evening with "I
    trained more": the next morning's push and check-in name both (the timed run was dropped),
    and the harder of the two is the workout the rules go by."""
    clock.now = berlin("2026-01-13 12:00")
    (red,) = await check_in(jogger, "🔥 Much harder than usual", "Normal")
    assert (red.text or "").startswith("🔴 Red: no run")
    clock.now = berlin("2026-01-13 19:00")
    (done,) = await jogger.send("/checkin")
    (question,) = await jogger.press("🏋️ I trained more", done)
    await jogger.press("💪 Other training", question)

    clock.now = berlin("2026-01-14 07:30")
    # Two runs of the scheduler: the first settles what the timer left due overnight.
    assert [await tick(jogger.app) for _run in range(2)] == [0, 1]
    both = (
        "Yesterday's workout: 🏃 Easy run (15 min) on my timer, and as you told me last night: "
        "💪 Other training."
    )
    assert jogger.last.text == texts.MORNING_PUSH_TIMED.format(said=both)
    clock.now = berlin("2026-01-14 07:45")
    said, walking = await jogger.send("/checkin")
    assert said.text == both
    assert buttons(said) == [["✏️ Correct it"]]
    assert walking.text == str(texts.WALKING_PROMPT)
    (verdict,) = await jogger.press("Normal", walking)

    assert "Because: easy run + other training yesterday" in (verdict.text or "")
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 14))
    assert stored is not None
    assert (stored.workout, stored.also_workout) == ("easy_run", "other")
    evening = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert evening is not None and evening.workout_that_day == "other"  # as told
    (shown,) = await jogger.send("/today")
    assert "Because: easy run + other training yesterday" in (shown.text or "")

    # Corrected, the answer takes the place of both.
    clock.now = berlin("2026-01-14 08:00")
    _replacing, said, _walking = await jogger.send("/checkin")
    assert said.text == both
    (question,) = await jogger.press("✏️ Correct it", said)
    (walking,) = await jogger.press("🦵 Leg day", question)
    (walking,) = await jogger.press("Light", walking)
    (walking,) = await jogger.press("No", walking)
    (verdict,) = await jogger.press("Normal", walking)
    assert "Because: leg day yesterday, walking normally" in (verdict.text or "")
    rows = [await repo.checkins.get(jogger.user_id, date(2026, 1, d)) for d in (13, 14)]
    assert [(r.workout_that_day, r.workout, r.also_workout) for r in rows if r] == [
        ("leg_day", "hard_session", None),
        (None, "leg_day", None),
    ]


async def test_i_trained_more_after_midnight_asks_what_else_in_german(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """After midnight the question names the day; typed "nichts" names no answer there: the
    timed run stays, and the question comes again, still without "nothing that day", and a
    typed workout is taken."""
    await jogger.send("/settings")
    await jogger.press("Language")
    await jogger.press("Deutsch")
    await jogger.press("Fertig")
    clock.now = berlin("2026-01-13 12:00")
    await check_in(jogger, "😴 Ruhetag", "Etwas Muskelkater")
    clock.now = berlin("2026-01-14 00:30")
    (done,) = await jogger.send("/checkin")

    (question,) = await jogger.press("🏋️ Ich habe mehr trainiert", done)

    assert question.text == "Was hast du am Di., 13. Jan. noch trainiert?"
    labels = [label for row in buttons(question) for label in row]
    assert len(labels) == 5 and not any("nichts" in label for label in labels), labels
    stays, again = await jogger.send("nichts")
    assert (stays.text or "").startswith("Alles klar, nichts weiter: Die Einheit, die ich")
    assert again.text == question.text and buttons(again) == buttons(question)
    (verdict,) = await jogger.send("Lockerer Lauf")
    assert (verdict.text or "").startswith(
        "Ich habe das bei deinem Check-in für Di., 13. Jan. ergänzt"
    )
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout_that_day, stored.advice) == ("easy_run", "as_planned")


async def test_the_timers_correct_it_pressed_after_the_evenings_verdict_asks_again(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Said before walking, the evening's timer line may be corrected after the verdict came:
    while it is still that evening its question is asked again."""
    clock.now = berlin("2026-01-13 19:00")
    said, _workout = await jogger.send("/checkin")
    await jogger.press("😴 Rest day")
    await jogger.press("Normal")

    clock.now = berlin("2026-01-13 19:10")
    (question,) = await jogger.press("✏️ Correct it", said)
    assert question.text == str(texts.TODAY_WORKOUT_PROMPT)
    await jogger.press(NOTHING, question)
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "rest"
    # Still that evening's own check-in, not an addition to an earlier one: its verdict is the
    # evening's again, with no run to rest from, and it covers the next morning.
    assert (stored.advice, stored.evening) == ("as_planned", True)


async def test_the_timers_correct_it_pressed_the_next_morning_is_stale(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 19:00")
    said, _workout = await jogger.send("/checkin")
    await jogger.press("😴 Rest day")
    await jogger.press("Normal")

    clock.now = berlin("2026-01-14 08:00")
    replies = await jogger.press("✏️ Correct it", said)

    assert str(texts.TODAY_WORKOUT_PROMPT) not in [m.text for m in replies]
    stored = await repo.checkins.get(jogger.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "easy_run"


HALF_MARATHON_FILE = (
    "From your file: 🏃 Run, today 21:52: 21.5 km, 1:45:00 moving.\n"
    "So today counts as: 🏅 Long run or race. Not right? Correct it below."
)


async def send_half_marathon(chat: Chat, clock: FrozenClock) -> None:
    """A GPX of a half marathon started at 21:52 on Tuesday 13 Jan, sent at 23:40."""
    clock.now = berlin("2026-01-13 23:40")
    run = gpx_file(berlin("2026-01-13 21:52"), seconds=6300, metres=21_500)
    await chat.send_file("half.gpx", run)


async def test_a_file_of_the_evenings_day_answers_its_question(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer: a half marathon's GPX sent that evening, then the evening's check-in asked "Did
    you train today too?" anyway, and its "nothing today" won in the record and the next
    morning. The file answers it, said with "Correct it", as the timer's session is."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await send_half_marathon(ana, clock)

    said, question = await ana.send("/checkin")
    assert said.text == HALF_MARATHON_FILE
    assert buttons(said) == [["✏️ Correct it"]]
    assert question.text == str(texts.WORKOUT_PROMPT)
    await ana.press("😴 Rest day", question)
    (verdict,) = await ana.press("Normal")
    assert "Because:" in (verdict.text or "")
    assert not any(m.text == str(texts.TODAY_WORKOUT_PROMPT) for m in ana.history)
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "long_race"

    clock.now = berlin("2026-01-14 07:45")
    told, walking = await ana.send("/checkin")
    assert (told.text or "").startswith("From your file: 🏃 Run, yesterday 21:52: 21.5 km")
    assert "🏅 Long run or race" in (told.text or "")
    assert walking.text == str(texts.WALKING_PROMPT)


async def test_a_file_of_the_day_after_midnight_names_the_day(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await send_half_marathon(ana, clock)

    clock.now = berlin("2026-01-14 00:30")
    said, *_ = await ana.send("/checkin")
    assert said.text == (
        "From your file: 🏃 Run, Tue 13 Jan 21:52: 21.5 km, 1:45:00 moving.\n"
        "So Tue 13 Jan counts as: 🏅 Long run or race. Not right? Correct it below."
    )


async def test_correcting_the_evenings_file_asks_its_question_and_the_answer_wins(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await send_half_marathon(ana, clock)
    said, _workout = await ana.send("/checkin")
    (question,) = await ana.press("✏️ Correct it", said)

    assert question.text == str(texts.TODAY_WORKOUT_PROMPT)
    (workout,) = await ana.press(NOTHING, question)
    await ana.press("😴 Rest day", workout)
    await ana.press("Normal")
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "rest"

    # A check-in again that evening keeps the explicit answer over the file's (issue 15).
    replacing, workout = await ana.send("/checkin")
    assert (replacing.text or "").startswith("You already checked in today")
    assert workout.text == str(texts.WORKOUT_PROMPT)
    await ana.press("😴 Rest day", workout)
    (today,) = await ana.press("Normal")
    assert today.text == str(texts.TODAY_WORKOUT_PROMPT)


async def test_a_file_of_the_day_checked_in_earlier_is_the_evenings_addition(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The evening of a day checked in that morning: the file is the answer to its question, as
    a tap would be, so the reply is that addition's verdict (rest tonight after training)."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    await send_half_marathon(ana, clock)

    said, verdict = await ana.send("/checkin")
    assert said.text == HALF_MARATHON_FILE
    assert buttons(said) == [["✏️ Correct it"]]
    assert (verdict.text or "").startswith(str(texts.ADDED_NOTE))
    assert "tonight" in (verdict.text or "")
    # The file is said once, as the answer: not again under the verdict ("📎 From your file").
    assert "21.5 km" not in (verdict.text or "")
    assert "rest of today" not in (verdict.text or "")
    assert not any(m.text == str(texts.TODAY_WORKOUT_PROMPT) for m in ana.history)
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.walking, stored.workout_that_day) == (
        "rest",
        "normal",
        "long_race",
    )

    # "Correct it" after the verdict asks the evening's question after all.
    clock.now = berlin("2026-01-13 23:45")
    (question,) = await ana.press("✏️ Correct it", said)
    assert question.text == str(texts.TODAY_WORKOUT_PROMPT)

    clock.now = berlin("2026-01-14 07:45")
    told, walking = await ana.send("/checkin")
    assert (told.text or "").startswith("From your file: 🏃 Run, yesterday 21:52: 21.5 km")
    assert walking.text == str(texts.WALKING_PROMPT)


async def test_a_file_after_the_evening_told_otherwise_does_not_claim_tomorrow(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The evening's "nothing today" told first wins (issue 15): a file of that day sent later
    says so, as /history's "Not used" does, instead of "it counts for tomorrow's check-in"."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    clock.now = berlin("2026-01-13 21:00")
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)

    clock.now = berlin("2026-01-13 23:40")
    run = gpx_file(berlin("2026-01-13 21:52"), seconds=6300, metres=21_500)
    (reply,) = await ana.send_file("half.gpx", run)
    assert reply.text == (
        "🏃 Run, today 21:52: 21.5 km, 1:45:00 moving.\n"
        + texts.ACTIVITY_EVENING_KEPT.format(workout="Rest day")
    )
    assert buttons(reply) == []

    clock.now = berlin("2026-01-14 07:45")
    told, _walking = await ana.send("/checkin")
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")


async def test_a_half_marathon_on_a_hard_to_walk_day_rests_that_evening(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer 13: the morning found walking hard (rule 2: no running, the strength and
    mobility routine); a half marathon's file came that evening, and the evening's verdict kept
    "Do a gentle strength routine ... tonight", with its button, and said nothing of the run.
    It rests tonight, says they trained on legs hard to walk on, offers no routine, and its
    why screen and change line speak of the race."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    (morning,) = await check_in(ana, "😴 Rest day", "Hard to walk")
    assert ["🧘 Strength and mobility routine"] in buttons(morning)
    await send_half_marathon(ana, clock)

    _said, verdict = await ana.send("/checkin")

    text = verdict.text or ""
    assert (
        "🔴 Red: no run\nBecause: long run or race today, hard to walk\n\n😴 Rest tonight."
    ) in text
    assert "routine" not in text
    assert (
        "🔁 What would change it: walking no worse than stiff and sore once you've slept → "
        "cross-training"
    ) in text
    assert text.endswith(
        "⚠️ You trained on legs that were hard to walk on when you checked in earlier: muscles "
        "that tight tear easily, so if a spot hurts sharply or swells, have it checked by a "
        "doctor or physio before you run again."
    )
    assert all("routine" not in label for row in buttons(verdict) for label in row)
    (why,) = await ana.press("Why? Both sides", verdict)
    assert (why.text or "").startswith("Why no training at all tonight, not even without impact?")
    # The record keeps the day's verdict; the evening's training is added to it.
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.walking, stored.advice, stored.workout_that_day) == (
        "hard",
        "strength_mobility",
        "long_race",
    )


async def test_a_file_after_midnight_names_days_as_the_users_clock_does(
    ana: Chat, clock: FrozenClock
) -> None:
    """Newcomer 13: at 00:30 a file line said "Run, yesterday 17:30" for a run two calendar
    days back, naming days from the check-in's day (still the evening before). At 00:30 on
    Wed 14 Jan a run of Tue 13 Jan is yesterday's; one of Mon 12 Jan is named by its date, and
    both count for the next check-in (the one still open for the 13th takes the 12th's as
    yesterday's; the 13th's is that day's own), never "today's" or "tomorrow's"."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    clock.now = berlin("2026-01-14 00:30")

    (last_night,) = await ana.send_file(
        "tue.gpx", gpx_file(berlin("2026-01-13 17:30"), seconds=1800, metres=5000)
    )
    (before,) = await ana.send_file(
        "mon.gpx", gpx_file(berlin("2026-01-12 17:30"), seconds=1800, metres=5000)
    )

    assert (last_night.text or "").startswith("🏃 Run, yesterday 17:30: 5.0 km, 30 min moving.\n")
    assert (before.text or "").startswith("🏃 Run, Mon 12 Jan 17:30: 5.0 km, 30 min moving.\n")
    for reply in (last_night, before):
        assert "counts as an easy run for your next check-in" in (reply.text or "")
        assert "today's check-in" not in (reply.text or "")
        assert "tomorrow's check-in" not in (reply.text or "")

    # The check-in still open for the 13th takes the 12th's run as yesterday's, by its date.
    said, *_rest = await ana.send("/checkin")
    assert said.text == (
        "From your file: 🏃 Run, Mon 12 Jan 17:30: 5.0 km, 30 min moving.\n"
        "So Mon 12 Jan counts as: 🏃 Easy run. Not right? Correct it below."
    )


STRENGTH = {"metres": None, "sport": FitSport.TRAINING, "sub_sport": SubSport.STRENGTH_TRAINING}


async def test_legs_answered_after_the_evening_told_that_day_say_the_evening_stands(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A strength file of the day, "was it legs?" left open through the evening's check-in,
    which answered "nothing today": "Yes, legs" afterwards said "it counts as leg day", but the
    evening's answer is what the next check-in takes (issue 15). The reply says so."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    clock.now = berlin("2026-01-13 20:00")
    (question,) = await ana.send_file("gym.fit", fit_file(berlin("2026-01-13 18:00"), **STRENGTH))
    await check_in(ana, "😴 Rest day", "Normal", NOTHING)

    (noted,) = await ana.press("🦵 Yes, legs", question)

    assert (noted.text or "").splitlines() == [
        "Noted: it was legs.",
        texts.ACTIVITY_EVENING_KEPT.format(workout="Rest day"),
    ]
    assert buttons(noted) == []
    stored = await repo.checkins.get(ana.user_id, date(2026, 1, 13))
    assert stored is not None and stored.workout_that_day == "rest"
    clock.now = berlin("2026-01-14 07:45")
    told, _walking = await ana.send("/checkin")
    assert told.text == texts.CHECKIN_TOLD_LAST_NIGHT.format(workout="😴 Rest day")


async def test_legs_answered_before_the_evening_counts_for_it(
    ana: Chat, clock: FrozenClock
) -> None:
    """The same answered before the evening's check-in: it counts, and that check-in says the
    day's leg day from the file instead of asking."""
    clock.now = berlin("2026-01-13 07:00")
    await onboard(ana)
    clock.now = berlin("2026-01-13 20:00")
    (question,) = await ana.send_file("gym.fit", fit_file(berlin("2026-01-13 18:00"), **STRENGTH))

    (noted,) = await ana.press("🦵 Yes, legs", question)
    said, _workout = await ana.send("/checkin")

    assert noted.text == str(texts.ACTIVITY_LEGS_NOTED)
    assert "So today counts as: 🦵 Leg day." in (said.text or "")
