"""/today: the verdict in force now, as the check-in's reply showed it, with its buttons as
they stand (newcomer 13: "Today's suggestion is in /history" pointed at a one-word column)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conversations import texts
from conversations.coach.advice import EVENING_NOTE, NIGHT_NOTE
from storage.repository import Repository
from tests.activity_files import gpx_file
from tests.chat import Chat, FrozenClock, buttons
from tests.conftest import tick
from tests.conversations.test_typed_answers import (
    GREEN,
    HARD,
    RACE,
    World,
    checked_in,
    seen,
    tap_value,
    tr,
)

# Tuesday 13 Jan 2026 in Berlin (UTC+1).
EVENING = datetime(2026, 1, 13, 20, 0, tzinfo=UTC)  # 21:00
AFTER_MIDNIGHT = datetime(2026, 1, 13, 23, 30, tzinfo=UTC)  # 00:30 on Wednesday
NEXT_MORNING = datetime(2026, 1, 14, 5, 30, tzinfo=UTC)  # 06:30 on Wednesday: the push
NEXT_EVENING = datetime(2026, 1, 14, 17, 0, tzinfo=UTC)  # 18:00 on Wednesday


async def test_before_any_check_in_today_points_to_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()

    (reply,) = await chat.send("/today")

    assert reply.text == str(texts.TODAY_NONE)
    assert buttons(reply) == [[str(texts.CHECKIN_NOW_BUTTON)]]


@pytest.mark.parametrize("language", ["en", "de", "ru", "es"])
@pytest.mark.parametrize("answers", [GREEN, RACE, HARD], ids=["green", "race", "hard"])
async def test_it_shows_the_check_ins_reply_with_its_buttons(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, answers: tuple[str, ...]
) -> None:
    """Band, verdict, because, what would change it and the buttons (the jog offer, the
    routine, "Why?"), as the check-in's reply showed them, in the user's language."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    verdict = await checked_in(chat, *answers)
    clock.advance(hours=2)

    (shown,) = await chat.send("/today")

    assert seen([shown]) == seen([verdict])
    assert [tr(language, texts.WHY_BUTTON.msgid)] == buttons(shown)[-1]


async def test_a_reminder_set_is_said_not_offered_again(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    verdict = await checked_in(chat, *GREEN)
    told = verdict.text
    await chat.press(str(texts.REMIND_IN_HOUR), verdict)

    (shown,) = await chat.send("/today")

    assert shown.text == f"{told}\n\n{texts.DAY_REMINDER_SET.format(time='08:30')}"
    labels = [label for row in buttons(shown) for label in row]
    assert str(texts.REMIND_IN_HOUR) not in labels
    assert str(texts.START_15) in labels and labels[-1] == str(texts.WHY_BUTTON)


@pytest.mark.parametrize("answers", [("rest", "normal"), HARD], ids=["as-planned", "red"])
async def test_a_run_done_is_said_whatever_the_verdict(
    ana: Chat, clock: FrozenClock, repo: Repository, answers: tuple[str, ...]
) -> None:
    """Newcomer: on a green "as planned" day /jog said "✅ Done today: Easy jog, 15 min." and
    /today showed the bare verdict (a yellow day's showed its line); so on a no-run day run
    anyway."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    verdict = await checked_in(chat, *answers)
    (offer,) = await chat.send("/jog")
    labels = [label for row in buttons(offer) for label in row]
    start = str(texts.START_15)
    await chat.press(start if start in labels else texts.RUN_ANYWAY.format(minutes=15), offer)
    clock.advance(minutes=21)
    await chat.send("/jog")  # time's up, said as its cue would

    (shown,) = await chat.send("/today")

    done = texts.DAY_RUN_DONE.format(kind="Easy jog", minutes=15)
    assert shown.text == f"{verdict.text}\n\n{done}"
    assert buttons(shown)[-1] == [str(texts.WHY_BUTTON)]


async def test_a_typed_why_under_it_explains_the_same_verdict(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    await checked_in(chat, *RACE)
    await chat.send("/today")

    (tapped,) = await chat.press(str(texts.WHY_BUTTON))
    (typed,) = await chat.send("why")

    assert typed.text == tapped.text


async def test_the_evening_check_in_is_shown_in_its_evenings_words_until_midnight_and_after(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """At 21:30 the evening's reply ("the rest of today and tomorrow"); at 00:30, as a check-in
    then would say it ("the rest of the night and later today", yesterday named by its date)."""
    world = World(clock, repo, ana, "en")
    evening = await world.fresh()
    clock.now = EVENING
    reply = await checked_in(evening, *GREEN, "rest")
    night = await world.fresh()
    clock.now = AFTER_MIDNIGHT
    night_reply = await checked_in(night, *GREEN, "rest")

    clock.now = EVENING.replace(minute=30)
    (at_evening,) = await evening.send("/today")
    clock.now = AFTER_MIDNIGHT
    (after_midnight,) = await evening.send("/today")

    assert seen([at_evening]) == seen([reply])
    assert str(EVENING_NOTE) in (at_evening.text or "")
    assert after_midnight.text == night_reply.text
    assert str(NIGHT_NOTE) in (after_midnight.text or "")
    assert buttons(after_midnight) == buttons(night_reply)


async def test_after_midnight_a_morning_check_ins_verdict_is_said_to_be_that_days(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer 16: at 00:30 Tuesday morning's "rest today" still held (until 04:00), but its
    "today" and "tomorrow" each pointed a day late. A line above names the day it was for;
    an evening check-in's is worded for the night already (above)."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    verdict = await checked_in(chat, "hard_session", "normal")  # 07:30 on Tue 13 Jan
    assert "Rest today" in (verdict.text or "")

    clock.now = AFTER_MIDNIGHT
    (shown,) = await chat.send("/today")

    note, told = (shown.text or "").split("\n\n", 1)
    assert note == (
        "🌙 Past midnight: this is what your check-in on Tue 13 Jan said for that day. Once "
        "you've slept, send /checkin for the new day."
    )
    assert told.split("\n\n")[1:] == (verdict.text or "").split("\n\n")[1:]


async def test_after_midnight_a_file_of_that_days_run_is_named_as_the_verdict_names_the_day(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """At 00:30 the run of Tuesday evening, sent as a file, was named "gestern" under
    Tuesday's "heute ein lockerer Lauf", and the run was still offered: under a verdict worded
    for its own day, the file names that day as the verdict does, and a run done that day is
    offered no more (only "Why?")."""
    world = World(clock, repo, ana, "de")
    chat = await world.fresh()
    await checked_in(chat, *GREEN)  # 07:30 on Tue 13 Jan: an easy jog today
    clock.now = AFTER_MIDNIGHT
    await chat.send_file(
        "run.gpx", gpx_file(datetime(2026, 1, 13, 17, 0, tzinfo=UTC), seconds=1800, metres=5000)
    )

    (shown,) = await chat.send("/today")

    parts = (shown.text or "").split("\n\n")
    assert parts[2] == "🏃 Ja: heute ein lockerer Lauf von 15-20 Minuten."
    assert parts[3] == (
        "📎 Aus deiner Datei: 🏃 Lauf, heute 18:00: 5,0 km, 30 Min. in Bewegung.\n"
        "Das zählt als heutige Einheit: Heute musst du nicht noch einmal los."
    )
    assert buttons(shown) == [["Warum? Beide Seiten"]]


async def test_the_next_morning_last_nights_check_in_covers_the_day(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The day after an evening check-in, before the day's own: last night's verdict, said to
    be last night's, in the day's words (the push's headline, no "tonight"), with the buttons
    the push offers for it."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    clock.now = EVENING
    await checked_in(chat, *GREEN, "rest")
    clock.now = NEXT_MORNING
    await tick(chat.app)
    push = chat.last
    clock.advance(minutes=30)

    (shown,) = await chat.send("/today")

    text = shown.text or ""
    band, headline = (push.text or "").split("\n\n")[1].split("\n")
    assert text.startswith(f"{texts.TODAY_LAST_NIGHT}\n\n{band}\n")
    assert headline in text
    assert str(EVENING_NOTE) not in text
    offer = buttons(push)[:-2]  # without "Legs feel different: check in" and the push's row
    assert buttons(shown) == offer


async def test_an_evening_for_tonight_only_leaves_one_question_the_next_morning(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Told a heavy leg day that evening, the verdict went for tonight only: the next morning
    none is in force, and the push asks walking alone (the workout was told). /today before
    it asks that one question with the push's walking answers, not for the whole check-in;
    in the evening, whose check-in asks the day's training too, it asks for the check-in."""
    world = World(clock, repo, ana, "de")
    chat = await world.fresh()
    clock.now = EVENING
    await checked_in(chat, "rest", "normal", "leg_day", "heavy", "no")
    clock.now = NEXT_MORNING

    (shown,) = await chat.send("/today")

    assert shown.text == (
        "Nur noch eine Frage bis zu deinem Vorschlag für heute: Wie fühlt sich das Gehen heute "
        "an? Tippe unten auf eine Antwort."
    )
    assert buttons(shown) == [
        ["Normal", "Etwas Muskelkater"],
        ["Steif, mit Muskelkater", "Gehen fällt schwer"],
        ["⚠️ Stechender Schmerz oder Gelenkschmerz"],
    ]
    await tick(chat.app)
    push = chat.last
    assert (push.text or "").startswith("Guten Morgen! ")
    assert buttons(push)[:-1] == buttons(shown)

    # In the evening the check-in asks the day's own training too: no longer one question.
    clock.now = NEXT_EVENING
    (evening,) = await chat.send("/today")
    assert evening.text == tr("de", texts.TODAY_NONE.msgid)


async def test_the_morning_after_an_overreach_told_that_evening_says_today_is_a_rest_day(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer: the evening's rest after a session well past the usual said "The day after is
    a rest day too"; the next morning /today said only that one question was left. It says
    what last night said of today above that question."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    clock.now = EVENING
    await checked_in(chat, "rest", "normal", "leg_day", "heavy", "yes")
    clock.now = NEXT_MORNING

    (shown,) = await chat.send("/today")

    assert shown.text == (
        "Last night I said today is a rest day too, after yesterday's hard session.\n\n"
        f"{texts.TODAY_ONE_QUESTION}"
    )
    assert buttons(shown)[0] == ["Normal", "A bit sore"]


async def test_today_inside_an_open_check_in_asks_its_question_again(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """/today in the middle of a check-in says it is under way, not that there is none, and
    asks its question again with its buttons; the answers given so far stay, and the question
    still takes its answer."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    await checked_in(chat, "leg_day", "moderate")
    asked = seen([chat.last])

    under_way, again = await chat.send("/today")
    shown = seen([again])
    await tap_value(chat, ":overreached:no")
    (verdict,) = await tap_value(chat, ":walking:a_bit_sore")

    assert under_way.text == str(texts.TODAY_CHECKIN_UNDER_WAY)
    assert buttons(under_way) == []
    assert asked == [(str(texts.OVERREACH_PROMPT), [["Yes", "No"]])]
    assert shown == asked
    assert "Because: leg day yesterday, a bit sore walking" in (verdict.text or "")
    stored = await repo.checkins.get(chat.user_id, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.leg_intensity, stored.overreached, stored.walking) == (
        "leg_day",
        "moderate",
        False,
        "a_bit_sore",
    )


async def test_today_after_correct_it_asks_the_workout_again(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The workout asked again after "✏️ Correct it" is the question /today repeats, not the
    walking question the told workout would lead to."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    clock.now = EVENING
    # A heavy leg day told that evening: its verdict goes for tonight only.
    await checked_in(chat, "rest", "normal", "leg_day", "heavy", "no")
    clock.now = NEXT_MORNING
    told, _walking = await chat.send("/checkin")
    (workout,) = await chat.press("✏️ Correct it", told)
    asked = seen([workout])

    _under_way, again = await chat.send("/today")

    assert workout.text == str(texts.WORKOUT_PROMPT)
    assert seen([again]) == asked


async def test_the_pointers_to_todays_suggestion_name_today(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "es")
    chat = await world.fresh()
    await checked_in(chat, *GREEN)

    (reply,) = await chat.send("pan de plátano")
    await chat.send("/settings")
    (closed,) = await chat.press(tr("es", texts.SETTINGS_DONE_BUTTON.msgid))

    assert reply.text == tr("es", texts.FREE_TEXT_CHECKED_IN.msgid)
    assert closed.text == tr("es", texts.SETTINGS_CLOSED_CHECKED_IN.msgid)
    assert "/today" in (reply.text or "") and "/today" in (closed.text or "")
    assert "/history" not in (reply.text or "") + (closed.text or "")
