"""Activity files sent in the chat: summed up, classed, stored; bad files get one clear line."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from fit_tool.profile.profile_type import Sport as FitSport
from fit_tool.profile.profile_type import SubSport

from bot.standin.local_api import LocalBotApi
from conversations import i18n, texts
from conversations.activities import class_name
from storage.models import ActivityRecord
from storage.repository import Repository
from tests.activity_files import LapSpec, fit_file, gpx_file, gz, tcx_file
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard

# 08:00 in Berlin on Monday 30 Nov; yesterday's run started at 09:00 Berlin time.
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
YESTERDAY = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


@pytest.fixture
async def runner_ana(ana: Chat, clock: FrozenClock) -> Chat:
    clock.now = NOW
    await onboard(ana)
    return ana


async def test_a_long_run_from_a_fit_file(
    runner_ana: Chat, repo: Repository, api: LocalBotApi
) -> None:
    data = fit_file(YESTERDAY, seconds=6300, metres=21_500, heart_rate=150)
    (reply,) = await runner_ana.send_file("Morning_Run.fit", data)

    assert reply.text == (
        "🏃 Run, yesterday 09:00: 21.5 km, 1:45:00 moving, avg heart rate 150 bpm.\n"
        "It counts as a long run or race for today's check-in: 21.5 km is at least a half marathon."
    )
    (row,) = await repo.activities.list_for(runner_ana.user_id)
    assert (row.sport, row.classification, row.distance_metres) == ("run", "long_race", 21_500)
    assert [m for m, _ in api.calls if m in ("getFile", "download")] == ["getFile", "download"]


async def test_a_gpx_run_today_counts_for_tomorrow(runner_ana: Chat) -> None:
    start = NOW - timedelta(hours=1)
    (reply,) = await runner_ana.send_file(
        "run.gpx.gz", gz(gpx_file(start, seconds=1800, metres=5000))
    )
    assert reply.text is not None
    assert reply.text.startswith("🏃 Run, today 07:00: 5.0 km, 30 min moving.")
    assert "counts as an easy run for tomorrow's check-in" in reply.text


async def test_a_hard_session_by_its_laps_from_tcx(runner_ana: Chat) -> None:
    laps = [LapSpec(600, 1700), LapSpec(240, 1000), LapSpec(120, 300), LapSpec(240, 1000)]
    (reply,) = await runner_ana.send_file("intervals.tcx", tcx_file(YESTERDAY, laps=laps))
    assert "much harder session than usual" in (reply.text or "")
    assert "intervals" in (reply.text or "")


async def test_the_summary_comes_in_the_users_language(runner_ana: Chat, repo: Repository) -> None:
    await repo.users.update(runner_ana.user_id, NOW, language="de")
    data = fit_file(YESTERDAY, seconds=6300, metres=21_500)
    (reply,) = await runner_ana.send_file("run.fit", data)
    assert "21,5 km" in (reply.text or "")
    assert "Halbmarathon" in (reply.text or "")


async def test_a_strength_session_asks_whether_it_was_legs(
    runner_ana: Chat, repo: Repository
) -> None:
    data = fit_file(
        YESTERDAY, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    (question,) = await runner_ana.send_file("gym.fit", data)
    assert (question.text or "").endswith(str(texts.ACTIVITY_ASK_LEGS))
    assert buttons(question) == [["🦵 Yes, legs", "No, not legs"]]

    (noted,) = await runner_ana.press("🦵 Yes, legs")
    assert noted.text == str(texts.ACTIVITY_LEGS_NOTED)
    (row,) = await repo.activities.list_for(runner_ana.user_id)
    assert row.legs is True


async def test_a_file_from_before_onboarding_points_to_start(ana: Chat, clock: FrozenClock) -> None:
    clock.now = NOW
    (reply,) = await ana.send_file("run.fit", fit_file(YESTERDAY))
    assert reply.text == str(texts.NOT_SET_UP)


# Bad input: one line that says what was wrong, and nothing stored.

EMPTY_GPX = (
    "That GPX file has no recorded points, so there's nothing to read. Send the activity as "
    "your watch or app recorded it, not a planned route or course."
)
NO_SUMMARY = (
    "That FIT file has recorded points but no summary of the workout (the watch may not have "
    "finished saving it), so I can't tell what you did. Sync it from your watch again, or "
    "export the activity from your app."
)
BAD = [
    ("photo.jpg", b"\xff\xd8\xff\xe0 JFIF", texts.ACTIVITY_NOT_ACTIVITY),
    ("statement.pdf", b"%PDF-1.7 ...", texts.ACTIVITY_NOT_ACTIVITY),
    ("run.fit", fit_file(YESTERDAY)[:-50], texts.ACTIVITY_CORRUPT_FIT),
    ("run.tcx", b"<TrainingCenterDatabase><Activities><Activity", texts.ACTIVITY_MALFORMED_XML),
    ("run.gpx", gpx_file(None).encode(), texts.ACTIVITY_NO_TIMES),
    ("empty.gpx", b"<gpx></gpx>", EMPTY_GPX),
    ("unsaved.fit", fit_file(YESTERDAY, records_every=10, session=False), NO_SUMMARY),
    ("run.gpx.gz", gzip.compress(b"\0" * (41 * 1024 * 1024)), texts.ACTIVITY_ZIP_BOMB),
    ("run.fit", fit_file(NOW + timedelta(days=1)), texts.ACTIVITY_FUTURE),
]


@pytest.mark.parametrize(
    ("name", "data", "answer"),
    BAD,
    ids=[
        "photo",
        "pdf",
        "truncated fit",
        "malformed xml",
        "gpx without times",
        "empty gpx",
        "fit without a session",
        "zip bomb",
        "future",
    ],
)
async def test_bad_files_get_one_line_and_nothing_is_stored(
    runner_ana: Chat, repo: Repository, name: str, data: bytes, answer: object
) -> None:
    replies = await runner_ana.send_file(name, data)
    assert [r.text for r in replies] == [str(answer)]
    assert await repo.activities.list_for(runner_ana.user_id) == []


async def test_a_file_over_20_mb_is_not_even_downloaded(
    runner_ana: Chat, repo: Repository, api: LocalBotApi
) -> None:
    replies = await runner_ana.send_file("huge.fit", b"x", stated_size=25 * 1024 * 1024)
    assert [r.text for r in replies] == [str(texts.ACTIVITY_TOO_BIG)]
    assert not [m for m, _ in api.calls if m in ("getFile", "download")]


async def test_the_stand_in_refuses_a_download_over_20_mb(
    runner_ana: Chat, api: LocalBotApi
) -> None:
    """Telegram states no size at times: then getFile is what refuses."""
    document = api.upload(b"x", "huge.fit", 21 * 1024 * 1024)
    del document["file_size"]
    from telegram import Update

    from bot.standin.local_api import make_document_update

    await runner_ana.app.process_update(
        Update.de_json(make_document_update(runner_ana.user_id, document), runner_ana.app.bot)
    )
    assert runner_ana.last.text == str(texts.ACTIVITY_TOO_BIG)


async def test_the_same_file_twice_is_turned_away(runner_ana: Chat, repo: Repository) -> None:
    data = fit_file(YESTERDAY)
    await runner_ana.send_file("run.fit", data)
    replies = await runner_ana.send_file("run again.fit.gz", gz(data))
    assert [r.text for r in replies] == [str(texts.ACTIVITY_DUPLICATE)]
    assert len(await repo.activities.list_for(runner_ana.user_id)) == 1


async def test_a_file_over_a_week_old_is_kept_for_the_history_only(
    runner_ana: Chat, repo: Repository
) -> None:
    (reply,) = await runner_ana.send_file("old.fit", fit_file(NOW - timedelta(days=9)))
    assert (reply.text or "").endswith(texts.ACTIVITY_TOO_OLD.format(days=7))
    (row,) = await repo.activities.list_for(runner_ana.user_id)
    assert row.for_advice is False


# The check-in of the day after


async def test_the_check_in_after_a_long_run_file_skips_the_workout_question(
    runner_ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    """Issue 15's "done when": yesterday's long run from a file, this morning's check-in does
    not ask about it and advises no-impact cross-training."""
    await runner_ana.send_file("long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500))
    said, question = await runner_ana.send("/checkin")

    assert said.text == (
        "From your file: 🏃 Run, yesterday 09:00: 21.5 km, 1:45:00 moving, "
        "avg heart rate 145 bpm.\n"
        "So yesterday counts as: 🏅 Long run or race. Not right? Correct it below."
    )
    assert buttons(said) == [["✏️ Correct it"]]
    assert question.text == str(texts.WALKING_PROMPT)
    await runner_ana.press("Normal", question)
    checkin = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert checkin is not None
    assert (checkin.workout, checkin.advice) == ("long_race", "cross_train")


async def test_a_file_before_the_check_in_offers_the_check_in(runner_ana: Chat) -> None:
    """A new user's GPX of yesterday, sent before the morning's check-in: the reply says it
    counts for today's check-in, and "Check in now" starts it, with the file's run said, not
    asked (it had no button: the user was left to find /checkin)."""
    (reply,) = await runner_ana.send_file("run.gpx", gpx_file(YESTERDAY, metres=5000))

    assert "counts as an easy run for today's check-in" in (reply.text or "")
    assert buttons(reply) == [["Check in now"]]
    said, question = await runner_ana.press("Check in now", reply)
    assert (said.text or "").startswith("From your file: 🏃 Run, yesterday 09:00: 5.0 km")
    assert question.text == str(texts.WALKING_PROMPT)


async def test_every_file_reply_before_the_check_in_ends_with_it(runner_ana: Chat) -> None:
    """The same file again, a file too old to change any advice, and a strength file once
    "was it legs?" is answered: each reply before the day's check-in offers it."""
    run = gpx_file(YESTERDAY, metres=5000)
    await runner_ana.send_file("run.gpx", run)
    (again,) = await runner_ana.send_file("run.gpx", run)
    (old,) = await runner_ana.send_file("old.gpx", gpx_file(NOW - timedelta(days=30)))
    gym = fit_file(
        YESTERDAY, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    await runner_ana.send_file("gym.fit", gym)
    (noted,) = await runner_ana.press("🦵 Yes, legs")

    assert again.text == str(texts.ACTIVITY_DUPLICATE)
    assert "doesn't change any advice" in (old.text or "")
    assert noted.text == str(texts.ACTIVITY_LEGS_NOTED)
    for reply in (again, old, noted):
        assert buttons(reply) == [["Check in now"]]


async def test_after_the_check_in_a_file_reply_offers_no_check_in(runner_ana: Chat) -> None:
    """Once the day's check-in is made, its verdict and buttons are above: a file that agrees
    with it, or one of today (for tomorrow's check-in), ends without a button."""
    await check_in(runner_ana, "🏃 Easy run", "Normal")

    (agrees,) = await runner_ana.send_file("run.gpx", gpx_file(YESTERDAY, metres=5000))
    (today,) = await runner_ana.send_file(
        "today.gpx", gpx_file(NOW - timedelta(hours=1), seconds=1800, metres=5000)
    )

    assert (agrees.text or "").endswith(str(texts.ACTIVITY_CHECKIN_AGREES))
    assert "for tomorrow's check-in" in (today.text or "")
    assert buttons(agrees) == buttons(today) == []


async def test_a_long_training_run_is_never_called_a_race(runner_ana: Chat) -> None:
    """Issue 13: a 21.6 km training run counts under the long-race rule (rule 4), so every
    screen after it speaks of a long run or race, never of a race alone."""
    (said,) = await runner_ana.send_file("sunday.gpx", gpx_file(YESTERDAY, metres=21_600))
    _from_file, question = await runner_ana.send("/checkin")
    (verdict,) = await runner_ana.press("Normal", question)
    (why,) = await runner_ana.press("Why? Both sides", verdict)
    table, _chart = await runner_ana.send("/history")

    assert "It counts as a long run or race for today's check-in" in (said.text or "")
    assert "Because: long run or race yesterday\n" in (verdict.text or "")
    assert (why.text or "").startswith("Why no run after a long run or race? ")
    assert "\n30 Nov long run  normal" in (table.text or "")
    for screen in (said, verdict, why, table):
        assert "a race" not in (screen.text or "") and "long race" not in (screen.text or "")


async def test_a_hard_session_file_is_overreached_unasked_and_a_leg_day_correction_asks_it(
    runner_ana: Chat, repo: Repository
) -> None:
    """Issue 13: a file's hard session is "much harder than usual", which says it went past what
    the body is used to, so the check-in asks walking next; corrected to a leg day, the
    overreach question is asked after all, and its answer is what is stored."""
    laps = [LapSpec(600, 1700), LapSpec(240, 1000), LapSpec(120, 300), LapSpec(240, 1000)]
    await runner_ana.send_file("intervals.tcx", tcx_file(YESTERDAY, laps=laps))
    said, question = await runner_ana.send("/checkin")
    assert "🔥 Much harder than usual" in (said.text or "")
    assert question.text == str(texts.WALKING_PROMPT)

    await runner_ana.press("✏️ Correct it", said)
    await runner_ana.press("🦵 Leg day")
    (overreach,) = await runner_ana.press("Light")
    assert overreach.text == str(texts.OVERREACH_PROMPT)
    await runner_ana.press("No")
    (verdict,) = await runner_ana.press("Normal")

    assert "🏃 Yes: an easy 15-20 minute jog today." in (verdict.text or "")
    checkin = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert checkin is not None
    assert (checkin.workout, checkin.overreached, checkin.advice) == ("leg_day", False, "easy_jog")


async def test_an_explicit_answer_wins_over_the_file(runner_ana: Chat, repo: Repository) -> None:
    await runner_ana.send_file("long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500))
    said, _walking = await runner_ana.send("/checkin")
    (question,) = await runner_ana.press("✏️ Correct it", said)
    assert question.text == str(texts.WORKOUT_PROMPT)
    await runner_ana.press("😴 Rest day")
    await runner_ana.press("Normal")
    checkin = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert checkin is not None and checkin.workout == "rest"


async def test_the_hardest_file_of_the_day_decides(runner_ana: Chat, repo: Repository) -> None:
    await runner_ana.send_file("easy.fit", fit_file(YESTERDAY, seconds=1800, metres=5000))
    later = YESTERDAY + timedelta(hours=6)
    await runner_ana.send_file("ride.gpx", gpx_file(later, sport="cycling"))
    await runner_ana.send_file(
        "long.tcx", tcx_file(later + timedelta(hours=2), laps=[LapSpec(6300, 21_200)])
    )
    said, _walking = await runner_ana.send("/checkin")
    assert "🏅 Long run or race" in (said.text or "")
    assert len(await repo.activities.list_for(runner_ana.user_id)) == 3


async def test_a_strength_file_not_answered_leaves_the_question_to_the_check_in(
    runner_ana: Chat,
) -> None:
    gym = fit_file(
        YESTERDAY, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    await runner_ana.send_file("gym.fit", gym)
    (question,) = await runner_ana.send("/checkin")
    assert question.text == str(texts.WORKOUT_PROMPT)


async def test_a_strength_file_answered_legs_is_leg_day(runner_ana: Chat) -> None:
    gym = fit_file(
        YESTERDAY, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    await runner_ana.send_file("gym.fit", gym)
    await runner_ana.press("🦵 Yes, legs")
    said, question = await runner_ana.send("/checkin")
    assert "🦵 Leg day" in (said.text or "")
    assert question.text == str(texts.INTENSITY_PROMPT)


async def test_an_old_file_does_not_change_the_check_in(runner_ana: Chat) -> None:
    """A run of nine days ago, sent now (a bulk export): kept, but not for advice."""
    await runner_ana.send_file("old.fit", fit_file(NOW - timedelta(days=9)))
    (question,) = await runner_ana.send("/checkin")
    assert question.text == str(texts.WORKOUT_PROMPT)


async def test_a_file_two_days_old_gives_its_date(runner_ana: Chat) -> None:
    start = YESTERDAY - timedelta(days=1)
    (reply,) = await runner_ana.send_file("run.fit", fit_file(start, seconds=1800, metres=5000))
    assert (reply.text or "").startswith("🏃 Run, Sat 28 Nov 09:00: 5.0 km")
    assert "in your history" in (reply.text or "")


# A file of yesterday that comes after today's check-in


async def _checked_in(chat: Chat, workout: str) -> None:
    await chat.send("/checkin")
    await chat.press(workout)
    await chat.press("Normal")


async def test_a_file_after_the_check_in_says_the_answer_stays_and_offers_the_file(
    runner_ana: Chat, repo: Repository
) -> None:
    await _checked_in(runner_ana, "😴 Rest day")
    before = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert before is not None and (before.workout, before.advice) == ("rest", "as_planned")

    (reply,) = await runner_ana.send_file(
        "long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500)
    )
    assert (reply.text or "").splitlines() == [
        "🏃 Run, yesterday 09:00: 21.5 km, 1:45:00 moving, avg heart rate 145 bpm.",
        *REST_KEPT_LINES,
    ]
    assert buttons(reply) == [["Use the file for today's advice"]]
    # The explicit answer stands until the button is pressed.
    kept = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert kept is not None and (kept.workout, kept.advice) == ("rest", "as_planned")

    (advice,) = await runner_ana.press("Use the file for today's advice", reply)
    assert (advice.text or "").startswith(str(texts.ACTIVITY_USED_FOR_TODAY) + "\n\n")
    after = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert after is not None
    # A long race yesterday, walking normal: as the check-in would have decided with the file.
    assert (after.workout, after.walking, after.advice) == ("long_race", "normal", "cross_train")


REST_KEPT_LINES = [
    # The file is kept, the advice goes by the check-in, and the button switches it to the file;
    # answers are quoted in plain words, without their buttons' emoji (issue 13).
    "Your file is in your history, but today's advice still goes by your check-in, where you "
    "answered “Rest day” for yesterday.",
    "Your files say yesterday was “Long run or race”: 21.5 km is at least a half marathon.",
    "To let the file decide today's advice instead, tap “Use the file for today's advice”.",
]
NOT_USED_EASY = "Not used: you said “Easy run”, and your answer counted."
NOT_USED_REST = "Not used: you said “Rest day”, and your answer counted."


async def test_a_gpx_run_after_a_rest_day_check_in_says_it_is_not_used_as_history_does(
    runner_ana: Chat, repo: Repository
) -> None:
    """Issue 13: the file reply said "It counts as a long run or race in your history" while
    /history showed the same file as not used. Both now say the check-in's answer counts."""
    await _checked_in(runner_ana, "😴 Rest day")

    (reply,) = await runner_ana.send_file("run2.gpx", gpx_file(YESTERDAY, metres=21_500))

    lines = (reply.text or "").splitlines()
    assert lines[0].startswith("🏃 Run, yesterday 09:00: 21.5 km")
    assert lines[1:] == REST_KEPT_LINES
    assert "counts as a long run" not in (reply.text or "")
    assert buttons(reply) == [["Use the file for today's advice"]]
    (row,) = await repo.activities.list_for(runner_ana.user_id)
    assert (row.classification, row.for_advice) == ("long_race", True)
    kept = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert kept is not None and kept.workout == "rest"
    history, _chart = await runner_ana.send("/history")
    assert f"🏃 Run, Sun 29 Nov 09:00: 21.5 km, 1:00:00 moving. {NOT_USED_REST}" in (
        history.text or ""
    )


async def test_the_same_file_again_offers_the_button_while_the_check_in_keeps_its_answer(
    runner_ana: Chat, repo: Repository
) -> None:
    """The button under the first reply scrolls away; sending the file again brings it back,
    and pressing it there lets the file decide as the first one would have."""
    await _checked_in(runner_ana, "😴 Rest day")
    run = gpx_file(YESTERDAY, metres=21_500)
    await runner_ana.send_file("run2.gpx", run)
    await runner_ana.send("/history")

    (again,) = await runner_ana.send_file("run2.gpx", run)

    assert (again.text or "").splitlines() == [str(texts.ACTIVITY_DUPLICATE), *REST_KEPT_LINES]
    assert buttons(again) == [["Use the file for today's advice"]]
    assert len(await repo.activities.list_for(runner_ana.user_id)) == 1
    (advice,) = await runner_ana.press("Use the file for today's advice", again)
    assert (advice.text or "").startswith(str(texts.ACTIVITY_USED_FOR_TODAY) + "\n\n")
    after = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert after is not None and after.workout == "long_race"

    # Once the file decides, sending it yet again has nothing left to offer.
    (third,) = await runner_ana.send_file("run2.gpx", run)
    assert (third.text or "").splitlines() == [
        str(texts.ACTIVITY_DUPLICATE),
        str(texts.ACTIVITY_CHECKIN_AGREES),
    ]
    assert buttons(third) == []
    history, _chart = await runner_ana.send("/history")
    assert "Counts as a long run or race." in (history.text or "")


async def _race_file_corrected_to_an_easy_run(chat: Chat) -> None:
    """A 21.5 km file from yesterday (a long race to the check-in), corrected in the check-in
    to an easy run, walking a bit sore."""
    await chat.send_file("long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500))
    said, _walking = await chat.send("/checkin")
    await chat.press("✏️ Correct it", said)
    await chat.press("🏃 Easy run")
    await chat.press("A bit sore")


async def test_a_file_corrected_in_the_check_in_no_longer_counts_in_the_history(
    runner_ana: Chat,
) -> None:
    """Issue 13: the check-in took yesterday from a 21.5 km file (a long race); the user
    corrected it to an easy run. /history then says the answer counted, and nowhere a race."""
    await _race_file_corrected_to_an_easy_run(runner_ana)

    history, _chart = await runner_ana.send("/history")

    assert "🏃 Run, Sun 29 Nov 09:00: 21.5 km" in (history.text or "")
    assert NOT_USED_EASY in (history.text or "")
    assert "race" not in (history.text or "").lower()


async def test_a_second_check_in_the_same_day_keeps_the_correction_of_the_file(
    runner_ana: Chat, repo: Repository
) -> None:
    """Issue 13: a correction of the file's workout is an explicit answer: checking in again
    later that day asks the workout instead of taking the file's once more."""
    await _race_file_corrected_to_an_easy_run(runner_ana)

    replacing, question = await runner_ana.send("/checkin")

    assert "From your file" not in (replacing.text or "")
    assert question.text == str(texts.WORKOUT_PROMPT)
    await runner_ana.press("🏃 Easy run")
    await runner_ana.press("Normal")
    checkin = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert checkin is not None and checkin.workout == "easy_run"
    history, _chart = await runner_ana.send("/history")
    assert NOT_USED_EASY in (history.text or "")


async def test_the_export_says_a_corrected_file_did_not_count_as_history_does(
    runner_ana: Chat, repo: Repository
) -> None:
    """Issue 13: the export must not say a file counted for advice when /history says the
    user's answer overruled it; the stored `for_advice` keeps its meaning (recent enough)."""
    await _race_file_corrected_to_an_easy_run(runner_ana)
    await repo.users.update(runner_ana.user_id, NOW, language="de")

    replies = await runner_ana.send("/export")

    by_name = {m.filename: m.document or b"" for m in replies}
    (row,) = csv.DictReader(io.StringIO(by_name["legday-activities.csv"].decode()))
    assert (row["for_advice"], row["counted"], row["overruled_by"]) == ("True", "False", "easy_run")
    # Plain words, no emoji, in the readable columns (issue 13).
    assert row["sport_text"] == "Lauf"
    assert row["overruled_by_text"] == "Lockerer Lauf"
    header, line = by_name["legday-activities.csv"].decode().splitlines()
    assert header == (
        "started_at,sport,sport_text,moving_seconds,distance_metres,avg_heart_rate,"
        "max_heart_rate,classification,classification_text,reason_text,legs,for_advice,"
        "counted,counted_text,overruled_by,overruled_by_text,created_at"
    )
    # The class named as the class, why it was, and, apart, that the user's answer counted.
    assert line == (
        "2026-11-29T08:00:00+00:00,run,Lauf,6300,21500,145,165,long_race,"
        'Langer Lauf oder Wettkampf,"21,5 km sind mindestens ein Halbmarathon",,True,False,'
        '"Nicht verwendet: Du hast „Lockerer Lauf“ gesagt, und deine Antwort zählte",'
        "easy_run,Lockerer Lauf,2026-11-30T07:00:00+00:00"
    )
    (stored,) = json.loads(by_name["legday-export.json"])["activities"]
    assert (stored["for_advice"], stored["counted"], stored["overruled_by"]) == (
        True,
        False,
        "easy_run",
    )


async def test_a_file_left_to_the_check_in_counts_and_one_let_decide_later_counts_then(
    runner_ana: Chat,
) -> None:
    """Not corrected, the file counted as the check-in took it; sent after a check-in that said
    otherwise, it counts only once the user lets it decide today's advice."""
    await _checked_in(runner_ana, "🏃 Easy run")
    (reply,) = await runner_ana.send_file(
        "long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500)
    )
    history, _chart = await runner_ana.send("/history")
    assert NOT_USED_EASY in (history.text or "")

    await runner_ana.press("Use the file for today's advice", reply)
    history, _chart = await runner_ana.send("/history")
    assert "Counts as a long run or race." in (history.text or "")
    assert "Not used" not in (history.text or "")


async def test_a_file_that_agrees_with_the_check_in_says_so_without_a_button(
    runner_ana: Chat,
) -> None:
    await _checked_in(runner_ana, "🏃 Easy run")
    (reply,) = await runner_ana.send_file(
        "easy.fit", fit_file(YESTERDAY, seconds=1800, metres=5000)
    )
    assert (reply.text or "").endswith(str(texts.ACTIVITY_CHECKIN_AGREES))
    assert buttons(reply) == []


async def test_the_button_pressed_the_next_day_changes_nothing(
    runner_ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await _checked_in(runner_ana, "😴 Rest day")
    (reply,) = await runner_ana.send_file(
        "long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500)
    )
    clock.now = NOW + timedelta(days=1)
    (said,) = await runner_ana.press("Use the file for today's advice", reply)
    assert said.text == str(texts.EXPIRED_HINT)
    kept = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert kept is not None and kept.workout == "rest"


async def test_a_strength_file_answered_legs_after_the_check_in_offers_the_file(
    runner_ana: Chat, repo: Repository
) -> None:
    await _checked_in(runner_ana, "😴 Rest day")
    gym = fit_file(
        YESTERDAY, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    await runner_ana.send_file("gym.fit", gym)
    (noted,) = await runner_ana.press("🦵 Yes, legs")
    assert (noted.text or "").splitlines() == [
        str(texts.ACTIVITY_LEGS_NOTED),
        REST_KEPT_LINES[0],
        "Your files say yesterday was “Leg day”: you said it was legs.",
        REST_KEPT_LINES[2],
    ]
    await runner_ana.press("Use the file for today's advice", noted)
    after = await repo.checkins.get(runner_ana.user_id, NOW.date())
    assert after is not None and after.workout == "leg_day"


async def test_a_file_of_today_says_nothing_of_todays_check_in(runner_ana: Chat) -> None:
    await _checked_in(runner_ana, "😴 Rest day")
    start = NOW - timedelta(hours=1)
    (reply,) = await runner_ana.send_file("run.gpx", gpx_file(start, seconds=1800, metres=5000))
    assert len((reply.text or "").splitlines()) == 2 and buttons(reply) == []


# /history, /export, /delete


async def test_files_show_in_history_and_export_and_go_with_delete(
    runner_ana: Chat, repo: Repository
) -> None:
    await runner_ana.send_file("long.fit", fit_file(YESTERDAY, seconds=6300, metres=21_500))
    await runner_ana.send_file("old.fit", fit_file(NOW - timedelta(days=9), serial=2))

    (history,) = await runner_ana.send("/history")
    assert history.text is not None
    assert "🏃 Run, Sun 29 Nov 09:00: 21.5 km" in history.text
    assert "Counts as a long run or race." in history.text
    assert "Kept for the history only." in history.text

    # German writes its nouns large, in the middle of a sentence too.
    await repo.users.update(runner_ana.user_id, NOW, language="de")
    (history,) = await runner_ana.send("/history")
    assert "Zählt als langer Lauf oder Wettkampf." in (history.text or "")
    await repo.users.update(runner_ana.user_id, NOW, language="en")

    replies = await runner_ana.send("/export")
    by_name = {m.filename: m.document or b"" for m in replies}
    rows = list(csv.DictReader(io.StringIO(by_name["legday-activities.csv"].decode())))
    assert [(r["sport"], r["classification"], r["for_advice"]) for r in rows] == [
        ("run", "easy_run", "False"),
        ("run", "long_race", "True"),
    ]
    # Beside the codes, the class's own name, why it was classed so, and how it counted in
    # /history's words (issue 13).
    assert [
        (r["sport_text"], r["classification_text"], r["counted"], r["counted_text"]) for r in rows
    ] == [
        ("Run", "Easy run", "False", "Kept for the history only"),
        ("Run", "Long run or race", "True", "Counts as a long run or race"),
    ]
    assert rows[1]["reason_text"] == "21.5 km is at least a half marathon"
    assert rows[0]["reason_text"] != ""
    header, _old, long_run = by_name["legday-activities.csv"].decode().splitlines()
    assert header.split(",")[7:14] == [
        "classification",
        "classification_text",
        "reason_text",
        "legs",
        "for_advice",
        "counted",
        "counted_text",
    ]
    assert long_run == (
        "2026-11-29T08:00:00+00:00,run,Run,6300,21500,145,165,long_race,Long run or race,"
        "21.5 km is at least a half marathon,,True,True,Counts as a long run or race,,,"
        "2026-11-30T07:00:00+00:00"
    )
    assert len(json.loads(by_name["legday-export.json"])["activities"]) == 2

    await runner_ana.send("/delete")
    await runner_ana.press("Yes, erase everything")
    assert await repo.activities.list_for(runner_ana.user_id) == []


# A file of today sent before the check-in: the verdict knows what was done already (issue 13)

TODAYS_RUN = "📎 From your file: 🏃 Run, today 07:00: 5.0 km, 30 min moving."


async def _verdict_after_todays_file(
    chat: Chat, data: bytes | str, name: str, *answers: str
) -> str:
    await chat.send_file(name, data)
    (verdict,) = await check_in(chat, *answers)
    return verdict.text or ""


async def test_a_run_this_morning_is_todays_easy_jog_in_the_verdict(runner_ana: Chat) -> None:
    run = gpx_file(NOW - timedelta(hours=1), seconds=1800, metres=5000)
    text = await _verdict_after_todays_file(
        runner_ana, run, "run.gpx", "🦵 Leg day", "Moderate", "No", "A bit sore"
    )

    headline, done = text.split("\n\n")[1:3]
    assert headline == "🏃 Yes: an easy 15-20 minute jog today."
    assert done == f"{TODAYS_RUN}\nThat counts as today's session: no need to go again today."


async def test_after_a_run_this_morning_a_no_run_verdict_is_for_the_rest_of_the_day(
    runner_ana: Chat,
) -> None:
    run = gpx_file(NOW - timedelta(hours=1), seconds=1800, metres=5000)
    text = await _verdict_after_todays_file(
        runner_ana, run, "run.gpx", "😴 Rest day", "⚠️ Sharp or joint pain", "Normal"
    )

    assert f"{TODAYS_RUN}\nThe advice below is for the rest of today." in text
    assert "no need to go again" not in text


async def test_a_ride_this_morning_is_no_easy_jog(runner_ana: Chat) -> None:
    ride = fit_file(NOW - timedelta(hours=1), seconds=1800, metres=12_000, sport=FitSport.CYCLING)
    text = await _verdict_after_todays_file(
        runner_ana, ride, "ride.fit", "🦵 Leg day", "Moderate", "No", "A bit sore"
    )

    assert "📎 From your file: 🚴 Ride, today 07:00:" in text
    assert "The advice below is for the rest of today." in text


async def test_a_file_of_yesterday_is_not_called_done_today(runner_ana: Chat) -> None:
    run = gpx_file(YESTERDAY, seconds=1800, metres=5000)
    await runner_ana.send_file("run.gpx", run)
    await runner_ana.send("/checkin")
    (verdict,) = await runner_ana.press("A bit sore")

    assert verdict.text is not None and "📎" not in verdict.text


@pytest.mark.parametrize(
    ("language", "classification", "legs", "name"),
    [
        ("en", "ask_legs", None, "Strength session"),
        ("en", "ask_legs", True, "Leg day"),
        ("en", "hard_session", None, "Much harder than usual"),
        ("es", "ask_legs", None, "Sesión de fuerza"),
        ("es", "ask_legs", False, "Otro entrenamiento"),
        ("es", "easy_run", None, "Rodaje suave"),
        ("en", "kayak", None, "kayak"),  # a class a later version stores
    ],
)
def test_the_exports_class_names_are_the_check_ins_workout_words(
    language: str, classification: str, legs: bool | None, name: str
) -> None:
    row = ActivityRecord(local_date=NOW.date(), classification=classification, legs=legs)
    i18n.use(language)
    try:
        assert class_name(row) == name
    finally:
        i18n.use(i18n.DEFAULT)


# The same activity in two files (newcomer 13)

SAME_ACTIVITY = (
    "I have this one already, from another file that starts at the same time, so I count it once."
)


async def test_the_same_run_in_two_files_counts_once(runner_ana: Chat, repo: Repository) -> None:
    """Newcomer 13: two files of one run (the watch's FIT, and a GPX from another app whose
    first point came 40 seconds later, with a slightly other distance) both counted. The
    second is said to be the same run, under the line of the one kept, and is not stored; its
    reply still offers the check-in, as any file's before it. A ride starting at the same time
    is another activity."""
    await runner_ana.send_file("watch.fit", fit_file(YESTERDAY, seconds=1800, metres=5000))
    strava = gpx_file(YESTERDAY + timedelta(seconds=40), seconds=1790, metres=5020)

    (second,) = await runner_ana.send_file("strava.gpx", strava)

    assert (second.text or "").splitlines() == [
        "🏃 Run, yesterday 09:00: 5.0 km, 30 min moving, avg heart rate 145 bpm.",
        SAME_ACTIVITY,
    ]
    assert buttons(second) == [["Check in now"]]
    (row,) = await repo.activities.list_for(runner_ana.user_id)
    assert (row.source_id.startswith("fit:"), row.distance_metres) == (True, 5000)

    ride = gpx_file(YESTERDAY, seconds=1800, metres=12_000, sport="cycling")
    (other,) = await runner_ana.send_file("ride.gpx", ride)
    assert SAME_ACTIVITY not in (other.text or "")
    assert len(await repo.activities.list_for(runner_ana.user_id)) == 2


async def test_the_same_run_again_after_the_check_in_says_how_it_stands(
    runner_ana: Chat, repo: Repository
) -> None:
    """After a check-in that answered otherwise, the second file of the run says it is the same
    one and, as the first file's reply did, that the answer given counts, with the button
    that lets the file decide."""
    await _checked_in(runner_ana, "😴 Rest day")
    await runner_ana.send_file("watch.gpx", gpx_file(YESTERDAY, metres=21_500))

    (again,) = await runner_ana.send_file(
        "phone.gpx", gpx_file(YESTERDAY - timedelta(seconds=30), metres=21_400, heart_rate=150)
    )

    assert (again.text or "").splitlines()[1:] == [SAME_ACTIVITY, *REST_KEPT_LINES]
    assert buttons(again) == [["Use the file for today's advice"]]
    assert len(await repo.activities.list_for(runner_ana.user_id)) == 1
