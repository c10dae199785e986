"""The guided jog: the offer under the advice, reminders, and the timer's cues at the right time."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.coach.timing import cue_times
from conversations.i18n import translations
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import (
    Chat,
    FrozenClock,
    Killed,
    button_data,
    buttons,
    check_in,
    onboard,
    sent_until,
)
from tests.conftest import BotRunner, tick

# 07:30 in Berlin, where Ana lives; her usual run is at 17:30.
MORNING = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
JOG_DAY = ("🦵 Leg day", "Moderate", "No", "Normal")
RACE_DAY = ("🏅 Long run or race", "Normal")  # rule 4: cross-training, offered under the verdict


# The scheduler's ticks in these tests: cues due within half a minute show at the next one.
HALF_MINUTE = timedelta(seconds=30)


@pytest.fixture
async def jogger(ana: Chat, clock: FrozenClock) -> Chat:
    # Set up at 07:30 on the day: the first morning push is tomorrow's, out of the way.
    clock.now = MORNING
    await onboard(ana, compression="Yes")
    await check_in(ana, *JOG_DAY)
    return ana


@pytest.mark.parametrize("minutes", [15, 20])
async def test_the_timer_guides_the_run_at_the_right_moments(
    jogger: Chat, clock: FrozenClock, repo: Repository, minutes: int
) -> None:
    (warm_up,) = await jogger.press(f"Start {minutes} min")

    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=minutes)
    assert buttons(warm_up) == [["Finish early", "Cancel"]]
    seen = await sent_until(
        jogger, clock, clock.now + timedelta(minutes=minutes + 10), every=HALF_MINUTE
    )

    assert seen == [
        (5.0, str(texts.CUES["jog"]["go"])),
        (5 + minutes / 2, str(texts.CUES["jog"]["halfway"])),
        (5.0 + minutes, texts.TIME_UP.format(minutes=minutes)),
    ]
    assert buttons(jogger.last) == [["Too easy", "Just right", "Tough"]]
    (session,) = await repo.jogs.list_for(1001)
    assert (session.kind, session.planned_minutes, session.status) == ("jog", minutes, "completed")
    assert session.actual_minutes == minutes
    assert session.ended_at == MORNING + timedelta(minutes=5 + minutes)


@pytest.mark.parametrize(
    ("answer", "tapped", "feeling"),
    [("Just right", True, "right"), ("tough", False, "tough"), ("tuff", False, "tough")],
    ids=["tapped", "typed", "typed as it sounds"],
)
async def test_how_it_felt_is_stored_with_the_session(
    jogger: Chat, clock: FrozenClock, repo: Repository, answer: str, tapped: bool, feeling: str
) -> None:
    """Tapped or typed after time's up (the keyboard came from the scheduler, not a reply)."""
    await jogger.press("Start 15 min")
    await sent_until(jogger, clock, clock.now + timedelta(minutes=21), every=HALF_MINUTE)
    assert buttons(jogger.last) == [["Too easy", "Just right", "Tough"]]

    *said, reply = await (jogger.press(answer) if tapped else jogger.send(answer))

    # Typed otherwise than the button reads, it is said back first.
    assert [m.text for m in said] == (["Got it: Tough."] if answer == "tuff" else [])
    assert reply.text == (
        texts.TOUGH_SHORTER["jog"].format(10, minutes=10)
        if feeling == "tough"
        else str(texts.FEELING_REPLIES[feeling])
    )
    (session,) = await repo.jogs.list_for(1001)
    assert session.feeling == feeling


@pytest.mark.parametrize(
    ("workout", "start", "run_for", "reply"),
    [
        (JOG_DAY, "Start 20 min", 25, texts.TOUGH_SHORTER["jog"].format(15, minutes=15)),
        (JOG_DAY, "Start 15 min", 20, texts.TOUGH_SHORTER["jog"].format(10, minutes=10)),
        (JOG_DAY, "Start 20 min", 13, str(texts.TOUGH_SLOWER["jog"])),  # stopped after 8'
        (
            RACE_DAY,
            "🚲 Cross-train 15 min",
            20,
            texts.TOUGH_SHORTER["cross"].format(10, minutes=10),
        ),
        (RACE_DAY, "🚲 Cross-train 15 min", 14, str(texts.TOUGH_SLOWER["cross"])),  # 9'
    ],
    ids=["jog-20", "jog-15", "jog-8", "cross-15", "cross-9"],
)
async def test_tough_gets_what_to_change_for_the_sessions_kind_and_minutes(
    ana: Chat,
    clock: FrozenClock,
    workout: tuple[str, ...],
    start: str,
    run_for: int,
    reply: str,
) -> None:
    """Issue 13: "Tough" after 15 minutes of cross-training was told to go shorter (15 minutes)
    or cross-train instead. The reply names a length below what was done, and the other kind
    only after a run."""
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *workout)
    await ana.press(start)
    planned = int(start.split()[-2])
    if run_for - 5 < planned:
        clock.advance(minutes=run_for)
        await ana.press("Finish early")
    else:
        await sent_until(ana, clock, clock.now + timedelta(minutes=run_for + 1), every=HALF_MINUTE)

    (answer,) = await ana.press("Tough")

    assert answer.text == reply
    text = reply.lower()
    assert f"{run_for - 5} minutes" not in text and f"{planned} minutes" not in text
    assert ("instead" in text) == ("🚲" not in start)  # cross-training, as the other kind


@pytest.mark.parametrize(
    "workout", [("😴 Rest day", "Normal"), ()], ids=["as-planned", "no-check-in"]
)
async def test_tough_on_a_day_that_was_no_recovery_day_calls_the_run_an_easy_one(
    ana: Chat, clock: FrozenClock, workout: tuple[str, ...]
) -> None:
    """Newcomer: after a run on a green "Train as planned" day, "Tough" answered "A recovery
    run shouldn't feel tough", though the day's plan was no recovery run."""
    clock.now = MORNING
    await onboard(ana)
    if workout:
        await check_in(ana, *workout)
    (offer,) = await ana.send("/jog")
    await ana.press("Start 15 min", offer)
    await sent_until(ana, clock, clock.now + timedelta(minutes=21), every=HALF_MINUTE)

    (answer,) = await ana.press("Tough")

    assert answer.text == texts.TOUGH_SHORTER["run"].format(10, minutes=10)
    assert answer.text.startswith("Noted. An easy run shouldn't feel tough")


async def test_compression_gear_can_come_off_two_hours_later_for_owners_only(
    jogger: Chat, clock: FrozenClock, api: LocalBotApi
) -> None:
    ben = Chat(jogger.app, api, user_id=2002, first_name="Ben")
    await onboard(ben, compression="No")
    await check_in(ben, *JOG_DAY)
    await jogger.press("Start 15 min")
    await ben.press("Start 15 min")

    await sent_until(jogger, clock, MORNING + timedelta(minutes=20 + 121), every=HALF_MINUTE)

    assert jogger.last.text == str(texts.COMPRESSION_OFF)
    assert str(texts.COMPRESSION_OFF) not in [m.text for m in ben.history]
    offs = [m for m in jogger.history if m.text == str(texts.COMPRESSION_OFF)]
    assert len(offs) == 1
    assert buttons(offs[0]) == [["No more of these"]]


async def test_compression_cues_stop_with_one_tap(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await jogger.press("Start 15 min")
    await sent_until(jogger, clock, MORNING + timedelta(minutes=20 + 121), every=HALF_MINUTE)
    cue = jogger.last
    assert cue.text == str(texts.COMPRESSION_OFF)

    (reply,) = await jogger.press("No more of these", cue)

    assert reply.text == str(texts.GEAR_CUES_OFF)
    user = await repo.users.get(1001)
    assert user is not None and user.compression_gear is False
    clock.now = MORNING + timedelta(days=1)  # the next day's run: no cue two hours after it
    # Yesterday's timed run is said, not asked: corrected to the leg day whose verdict is a jog.
    said, _walking = await jogger.send("/checkin")
    await jogger.press("✏️ Correct it", said)
    for answer in JOG_DAY:
        await jogger.press(answer)
    await jogger.press("Start 15 min")
    later = await sent_until(
        jogger, clock, clock.now + timedelta(minutes=20 + 130), every=HALF_MINUTE
    )
    assert str(texts.COMPRESSION_OFF) not in [text for _, text in later]


async def test_finish_early_ends_the_timer_with_the_minutes_run(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await jogger.press("Start 20 min")
    await sent_until(jogger, clock, clock.now + timedelta(minutes=12), every=HALF_MINUTE)

    (done,) = await jogger.press("Finish early")

    # Newcomer: "Finished after 7 minutes" read as the whole session, and as a finished one.
    assert done.text == (
        "Stopped after 7 minutes of the 20 planned, not counting the warm-up. Cool down with a "
        "few minutes of easy walking, then stretch your calves, thighs and hips.\n\n"
        "How did it feel?"
    )
    assert buttons(done) == [["Too easy", "Just right", "Tough"]]
    later = await sent_until(jogger, clock, clock.now + timedelta(minutes=30), every=HALF_MINUTE)
    assert later == []
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 7)
    _checkins, jogs_csv, *_files = (m.document or b"" for m in await jogger.send("/export"))
    (line,) = csv.DictReader(io.StringIO(jogs_csv.decode()))
    assert (line["status"], line["status_text"]) == (
        "completed",
        "stopped after 7 minutes of the 20 planned, not counting the warm-up",
    )
    table_text, _chart = await jogger.send("/history")
    assert "🏃7/20'" in (table_text.text or "")
    assert "7/20': stopped after 7 of the 20 minutes planned" in (table_text.text or "")


async def test_jog_after_the_days_run_says_it_is_done_before_offering_another(
    jogger: Chat, clock: FrozenClock
) -> None:
    """Newcomer 9: /jog after a finished run offered "Ready for an easy run?" as if none had
    happened that day."""
    await jogger.press("Start 20 min")
    await sent_until(jogger, clock, clock.now + timedelta(minutes=12), every=HALF_MINUTE)
    await jogger.press("Finish early")
    await jogger.press("Just right")

    (reply,) = await jogger.send("/jog")

    assert reply.text == (
        "✅ Done today: Easy jog, 7 min. That was today's session; a second one adds little, "
        "but it's your call.\n\nReady for an easy run? How long would you like to go?"
    )
    assert buttons(reply)[0] == ["Start 15 min", "Start 20 min"]


async def test_jog_after_time_up_asks_how_it_felt_again_before_any_new_offer(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer of issue 13: /jog right after "Time's up" put a new offer under "How did it
    feel?", a typed "3" meant for "Tough" pressed the offer's "Not today", whose reply said "no
    session today" minutes after the run, and the feeling was lost. /jog asks the question again
    with its buttons; once answered it offers another session, whose "Not today" says the
    day's minutes are done."""
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *RACE_DAY)  # red: /jog's offer ends with "Not today"
    await ana.press("🚲 Cross-train 15 min")
    await sent_until(ana, clock, clock.now + timedelta(minutes=21), every=HALF_MINUTE)
    assert ana.last.text == texts.TIME_UP.format(minutes=15)

    (asked,) = await ana.send("/jog")

    assert asked.text == (
        "✅ Done today: Cross-training, 15 min. You haven't told me yet: how did it feel? Then "
        "/jog offers another session, if you want one."
    )
    assert buttons(asked) == [["Too easy", "Just right", "Tough"]]
    said, noted = await ana.send("3")
    assert said.text == "Got it: Tough."
    assert noted.text == texts.TOUGH_SHORTER["cross"].format(10, minutes=10)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes, session.feeling) == ("completed", 15, "tough")

    (offer,) = await ana.send("/jog")
    assert (offer.text or "").startswith(
        "✅ Done today: Cross-training, 15 min. That was today's session"
    )
    assert buttons(offer)[-1] == ["Not today"]
    (skipped,) = await ana.press("Not today", offer)
    assert skipped.text == (
        "OK, nothing more today: you've done your 15 minutes. Rest is part of training too."
    )
    assert "no session today" not in (skipped.text or "")


async def test_not_today_before_any_session_still_says_no_session_today(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *RACE_DAY)

    (skipped,) = await ana.press("Not today")

    assert skipped.text == str(texts.SKIPPED)


async def test_finish_early_in_the_warm_up_records_no_run_and_asks_nothing(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await jogger.press("Start 15 min")
    clock.now += timedelta(minutes=2)  # the run itself starts after the 5-minute warm-up

    (done,) = await jogger.press("Finish early")

    assert done.text == str(texts.FINISHED_IN_WARM_UP)
    assert "cancel" not in done.text.lower()  # "Finish early" was pressed, not "Cancel"
    assert buttons(done) == []
    assert (
        await sent_until(jogger, clock, clock.now + timedelta(minutes=30), every=HALF_MINUTE) == []
    )
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("cancelled", None)


async def test_cancel_stops_every_cue(jogger: Chat, clock: FrozenClock, repo: Repository) -> None:
    await jogger.press("Start 15 min")
    await sent_until(jogger, clock, clock.now + timedelta(minutes=6), every=HALF_MINUTE)

    (reply,) = await jogger.press("Cancel")

    assert reply.text == str(texts.RUN_CANCELLED)
    assert (
        await sent_until(jogger, clock, clock.now + timedelta(minutes=180), every=HALF_MINUTE) == []
    )
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "cancelled"
    (again,) = await jogger.press("Finish early", message=jogger.history[-3])
    assert again.text == str(texts.RUN_OVER)


async def test_one_session_at_a_time(jogger: Chat, clock: FrozenClock, repo: Repository) -> None:
    await jogger.press("Start 15 min")
    clock.advance(minutes=2)

    (reply,) = await jogger.press_data("j:go:jog:20")  # from an older offer

    assert reply.text == texts.RUNNING_WARM_UP.format(3, kind="Easy jog", planned=15, minutes=3)
    assert buttons(reply) == [["Finish early", "Cancel"]]
    assert len(await repo.jogs.list_for(1001)) == 1


async def test_jog_while_a_timer_runs_shows_that_session(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await jogger.press("Start 20 min")
    clock.advance(minutes=5 + 7, seconds=30)  # warm-up done, 7.5 of 20 minutes run
    await tick(jogger.app)

    (shown,) = await jogger.send("/jog")

    assert shown.text == texts.RUNNING_LEFT.format(13, kind="Easy jog", planned=20, minutes=13)
    assert buttons(shown) == [["Finish early", "Cancel"]]
    assert len(await repo.jogs.list_for(1001)) == 1
    (done,) = await jogger.press("Finish early", shown)
    assert done.text == texts.FINISHED_EARLY.format(7, minutes=7, planned=20)
    assert (await repo.jogs.list_for(1001))[0].status == "completed"
    (asked,) = await jogger.send("/jog")  # over: how it felt first, then a new one may start
    assert buttons(asked) == [["Too easy", "Just right", "Tough"]]
    await jogger.press("Just right", asked)
    (offer,) = await jogger.send("/jog")
    assert buttons(offer) == [["Start 15 min", "Start 20 min"]]


async def test_jog_command_starts_the_timer_directly(ana: Chat) -> None:
    await onboard(ana)

    (ask,) = await ana.send("/jog")
    assert ask.text == str(texts.JOG_ASK)
    assert buttons(ask) == [["Start 15 min", "Start 20 min"]]
    (warm_up,) = await ana.press("Start 20 min")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=20)


async def test_jog_in_the_middle_of_a_checkin_that_heard_of_pain_offers_no_run(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A newcomer's find: /jog between the pain answer and the last question offered a run."""
    clock.now = MORNING
    await onboard(ana)
    await ana.send("/checkin")
    for answer in ("🦵 Leg day", "Heavy", "No", "⚠️ Sharp or joint pain"):
        await ana.press(answer)

    (reply,) = await ana.send("/jog")

    assert reply.text == str(texts.JOG_PAIN_IN_OPEN_CHECKIN)
    assert buttons(reply) == []
    assert await repo.jogs.list_for(1001) == []
    # The check-in is still open: its last answer gives the verdict, pain first.
    (verdict,) = await ana.press("Normal")
    assert (verdict.text or "").startswith("🔴 Red: no run")
    # A check-in without pain, still open, leaves /jog as it was.
    await ana.send("/checkin")
    await ana.press("😴 Rest day")
    (offer,) = await ana.send("/jog")
    assert offer.text != str(texts.JOG_PAIN_IN_OPEN_CHECKIN)


async def test_after_a_long_race_the_timer_guides_cross_training(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = MORNING
    await onboard(ana)
    (verdict,) = await check_in(ana, "🏅 Long run or race", "Normal")
    # Named for what they start: cross-training, as the verdict advised.
    assert buttons(verdict)[0] == ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"]

    (warm_up,) = await ana.press("🚲 Cross-train 20 min")
    seen = await sent_until(ana, clock, clock.now + timedelta(minutes=26), every=HALF_MINUTE)

    assert warm_up.text == texts.WARM_UP["cross"].format(minutes=20)
    assert [text for _, text in seen] == [
        str(texts.CUES["cross"]["go"]),
        str(texts.CUES["cross"]["halfway"]),
        texts.TIME_UP.format(minutes=20),
    ]


async def test_remind_me_at_my_run_time_then_snooze_then_skip(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    (ok,) = await jogger.press("Remind me at 17:30")
    assert ok.text == "OK, I'll remind you at 17:30."

    seen = await sent_until(
        jogger, clock, datetime(2026, 1, 13, 16, 31, tzinfo=UTC), every=HALF_MINUTE
    )
    assert [(clock.now.hour, text) for _, text in seen][-1:] == [(16, str(texts.REMINDER["jog"]))]
    assert seen[-1][0] == 600.0  # 17:30 Berlin is ten hours after 07:30
    assert buttons(jogger.last) == [
        ["Start 15 min", "Start 20 min"],
        ["Snooze 30 min", "Not today"],
    ]

    await jogger.press("Snooze 30 min")
    snoozed = await sent_until(jogger, clock, clock.now + timedelta(minutes=31), every=HALF_MINUTE)
    assert [text for _, text in snoozed] == [str(texts.REMINDER["jog"])]

    (skip,) = await jogger.press("Not today")
    assert skip.text == str(texts.SKIPPED)
    assert [m.kind for m in await repo.schedule.pending(1001)] == ["morning", "weekly"]


async def test_remind_me_in_an_hour(jogger: Chat, clock: FrozenClock) -> None:
    await jogger.press("Remind me in 1 hour")

    seen = await sent_until(jogger, clock, clock.now + timedelta(minutes=61), every=HALF_MINUTE)

    assert seen == [(60.0, str(texts.REMINDER["jog"]))]


async def test_a_restart_mid_timer_keeps_the_cues_and_sends_none_twice(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await ana.send("/jog")
    await ana.press("Start 15 min")
    await runner.stop()

    clock.now = MORNING + timedelta(minutes=8)  # "go" was due at +5 while the bot was down
    ana.app = await runner.start()
    assert await tick(ana.app) == 1
    assert ana.last.text == str(texts.CUES["jog"]["go"])
    seen = await sent_until(ana, clock, MORNING + timedelta(minutes=25), every=HALF_MINUTE)
    assert [text for _, text in seen] == [
        str(texts.CUES["jog"]["halfway"]),
        texts.TIME_UP.format(minutes=15),
    ]
    assert [m.text for m in ana.history].count(str(texts.CUES["jog"]["go"])) == 1


async def test_after_a_restart_mid_timer_jog_shows_the_running_session(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, "🏅 Long run or race", "Normal")
    await ana.press("🚲 Cross-train 15 min")  # a long race
    await runner.stop()

    clock.now = MORNING + timedelta(minutes=10)
    ana.app = await runner.start()
    (shown,) = await ana.send("/jog")
    (again,) = await ana.press_data("j:go:cross:20")

    for reply in (shown, again):
        assert reply.text == texts.RUNNING_LEFT.format(
            10, kind="Cross-training", planned=15, minutes=10
        )
        assert buttons(reply) == [["Finish early", "Cancel"]]
    repo = ana.app.bot_data.repo
    assert repo is not None
    assert [j.status for j in await repo.jogs.list_for(1001)] == ["running"]
    (cancelled,) = await ana.press("Cancel", again)
    assert cancelled.text == str(texts.RUN_CANCELLED)


# Ana's run as the newcomer of issue 13 had it: started 07:30 in Berlin, time's up at 07:50.
ASKED = (
    "Your 15-minute easy jog should have ended at 07:50, while I was offline, so I couldn't "
    "tell you time was up. Did you run it?"
)
ASKED_BUTTONS = [["Yes, all of it", "Stopped early", "No"]]


async def test_a_run_whose_time_was_up_while_the_bot_was_down_is_asked_about_on_its_return(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    """Newcomer of issue 13: the bot was down through the end of a 15-minute run; back 20
    minutes after it, the timer was gone without a word, the export said "missed" and /history
    showed no session. Its return asks whether it was run, and "Yes, all of it" records it."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *JOG_DAY)
    await ana.press("Start 15 min")
    await runner.stop()

    clock.now = MORNING + timedelta(minutes=40)
    ana.app = await runner.start()
    assert await tick(ana.app) == 1  # go and halfway far too late; time's up asked about

    assert ana.last.text == ASKED
    assert buttons(ana.last) == ASKED_BUTTONS
    repo = ana.app.bot_data.repo
    assert repo is not None
    (session,) = await repo.jogs.list_for(1001)
    # Ended when its time was up (07:50), not when the bot came back 20 minutes later.
    assert (session.status, session.ended_at) == ("missed", MORNING + timedelta(minutes=20))
    _checkins, jogs_csv, *_files = (m.document or b"" for m in await ana.send("/export"))
    (line,) = csv.DictReader(io.StringIO(jogs_csv.decode()))
    assert (line["status"], line["ended_at"]) == ("missed", "2026-01-13T06:50:00+00:00")
    question, yes = ana.last_with_buttons(), button_data(ana.last_with_buttons(), "Yes, all of it")
    (noted,) = await ana.press("Yes, all of it")
    assert noted.text == texts.ENDED_OFFLINE_NOTED.format(15, minutes=15)
    assert buttons(noted) == [["Too easy", "Just right", "Tough"]]
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes, session.ended_at) == (
        "completed",
        15,
        MORNING + timedelta(minutes=20),
    )
    (felt,) = await ana.press("Just right", noted)
    assert felt.text == str(texts.FEELING_REPLIES["right"])
    table, _chart = await ana.send("/history")
    assert "🏃15'" in (table.text or "")
    assert await ana.press_data(yes, question) == []  # a second tap records nothing more
    assert [j.actual_minutes for j in await repo.jogs.list_for(1001)] == [15]


async def test_jog_the_morning_after_an_overreach_told_that_evening_asks_first(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer: told at 19:00 of a heavy leg day well past the usual, the evening's rest said
    "The day after is a rest day too"; the next morning, before the check-in, /jog said "Ready
    for an easy run?" and started the timer. It says what last night said, and asks as after a
    no-run verdict."""
    clock.now = MORNING + timedelta(hours=11, minutes=30)  # 19:00 in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal", "🦵 Leg day", "Heavy", "Yes")
    clock.now = MORNING + timedelta(days=1)  # 07:30 the next morning, no check-in yet

    (asked,) = await ana.send("/jog")

    assert asked.text == (
        "Last night I said today is a rest day too, after yesterday's hard session. Start the "
        "timer anyway?"
    )
    assert buttons(asked) == [["🏃 Run 15 min anyway"], ["Not today"]]
    (warm_up,) = await ana.press("🏃 Run 15 min anyway", asked)
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)


async def test_a_jog_reminder_the_morning_after_an_overreach_asks_first(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A jog reminder due that morning, before the check-in, says the same as /jog."""
    clock.now = MORNING + timedelta(hours=11, minutes=30)  # 19:00 in Berlin
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal", "🦵 Leg day", "Heavy", "Yes")
    due = MORNING + timedelta(days=1, hours=1)  # 08:30 the next morning
    await repo.schedule.add(1001, MessageKind.JOG_REMINDER, due, clock.now, {"kind": "jog"})
    clock.now = due

    await tick(ana.app)

    assert ana.last.text == (
        "Last night I said today is a rest day too, after yesterday's hard session. Start the "
        "timer anyway?"
    )
    assert buttons(ana.last) == [["🏃 Run 15 min anyway"], ["Not today"]]


async def test_jog_while_the_question_after_an_outage_waits_asks_it_again(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    """Newcomer 16: /jog right after "Did you run it?" offered "Start 15 min", and the run
    stayed missed. /jog asks the waiting question again; once answered, it offers as usual."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *JOG_DAY)
    await ana.press("Start 15 min")
    await runner.stop()
    clock.now = MORNING + timedelta(minutes=40)
    ana.app = await runner.start()
    await tick(ana.app)
    assert ana.last.text == ASKED

    (again,) = await ana.send("/jog")

    assert (again.text, buttons(again)) == (ASKED, ASKED_BUTTONS)
    await ana.press("No", again)
    (offer,) = await ana.send("/jog")
    assert offer.text != ASKED
    assert any("Start 15 min" in row for row in buttons(offer))


@pytest.mark.parametrize(
    ("answers", "record"),
    [(("Stopped early", "10 min"), ("completed", 10)), (("No",), ("missed", 0))],
    ids=["stopped-early", "not-run"],
)
async def test_jog_after_a_run_ended_while_the_bot_was_down_asks_what_was_done(
    jogger: Chat,
    clock: FrozenClock,
    repo: Repository,
    answers: tuple[str, ...],
    record: tuple[str, int | None],
) -> None:
    """Newcomer of issue 13: /jog 20 minutes after time's up, before the bot had caught up,
    said "Easy jog (15 min) is under way: 1 minute to go". A session whose end has passed is no
    longer under way: /jog asks what was done, and no cue of it comes after."""
    await jogger.press("Start 15 min")
    clock.now = MORNING + timedelta(minutes=40)  # no tick since the start: the bot was down

    (asked,) = await jogger.send("/jog")

    assert asked.text == ASKED
    assert buttons(asked) == ASKED_BUTTONS
    assert await tick(jogger.app) == 0
    *_, last = [await jogger.press(answer) for answer in answers]
    (reply,) = last
    if answers == ("No",):
        assert reply.text == str(texts.ENDED_OFFLINE_NOT_DONE)
    else:
        assert buttons(jogger.history[-2]) == []  # the minutes asked, their buttons settled
        assert reply.text == texts.ENDED_OFFLINE_NOTED.format(10, minutes=10)
        assert buttons(reply) == [["Too easy", "Just right", "Tough"]]
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == record
    # Time's up at 07:50 (5 minutes' warm-up, 15 run), whether or not it was run.
    assert session.ended_at == MORNING + timedelta(minutes=5 + (record[1] or 15))
    (offer,) = await jogger.send("/jog")
    assert "under way" not in (offer.text or "")


RAN_OUT = "⏱ Your timer ran out at 07:50. Send /jog to tell me how it went."


async def test_today_and_why_after_the_timer_ran_out_unseen_say_so_and_point_to_jog(
    jogger: Chat, clock: FrozenClock
) -> None:
    """Newcomer: with the bot not yet caught up with a run's end (down through it), /today
    said "⏱ Your timer is running: its cues keep coming." 20 minutes after time's up. It says
    when it ran out and what /jog does; /jog then asks, and once told, the day offers again."""
    await jogger.press("Start 15 min")
    clock.now = MORNING + timedelta(minutes=40)  # no tick since the start: the bot was down

    (today,) = await jogger.send("/today")
    (why,) = await jogger.press("Why? Both sides", today)

    assert (today.text or "").endswith(f"\n\n{RAN_OUT}")
    assert buttons(today) == [["Why? Both sides"]]
    assert (why.text or "").endswith(f"\n\n{RAN_OUT}")
    assert buttons(why) == []
    (asked,) = await jogger.send("/jog")
    assert asked.text == ASKED
    # Asked, and not answered yet: still not running, nor a day to offer a new run on.
    (waiting,) = await jogger.send("/today")
    assert (waiting.text or "").endswith(f"\n\n{RAN_OUT}")
    await jogger.press("No", asked)
    (told,) = await jogger.send("/today")
    assert RAN_OUT not in (told.text or "")
    assert ["Start 15 min", "Start 20 min"] in buttons(told)


async def test_the_question_after_an_outage_in_german(ana: Chat, clock: FrozenClock) -> None:
    ana.language_code = "de"
    tr = translations("de").gettext
    clock.now = MORNING
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🏅 Long run or race"), tr("Normal"))
    await ana.press(tr("🚲 Cross-train 15 min"))
    clock.now = MORNING + timedelta(minutes=40)

    (asked,) = await ana.send("/jog")

    assert asked.text == (
        "Dein Crosstraining über 15 Minuten hätte um 07:50 enden sollen, als ich offline war, "
        "deshalb konnte ich dir nicht sagen, dass die Zeit um ist. Hast du es gemacht?"
    )
    assert buttons(asked) == [["Ja, komplett", "Früher aufgehört", "Nein"]]
    await ana.press("Früher aufgehört")
    (noted,) = await ana.press("10 Min.")
    assert (noted.text or "").startswith("Eingetragen: 10 Minuten.")
    assert buttons(noted) == [[tr("Too easy"), tr("Just right"), tr("Tough")]]


async def test_a_run_ended_unseen_more_than_12_hours_ago_stays_missed_without_a_question(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer: back a day after a run's end (07:50), /jog asked "... should have ended at
    07:50 ... Did you run it?", a time that read as today's. The question stops after 12 hours
    (README): the session is recorded as missed at its end, and /jog offers the day's run."""
    await jogger.press("Start 15 min")
    clock.now = MORNING + timedelta(days=1, minutes=10)  # no tick since: the bot was down

    (offer,) = await jogger.send("/jog")

    assert offer.text == str(texts.JOG_ASK)
    assert ["Start 15 min", "Start 20 min"] in buttons(offer)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("missed", None)
    assert session.ended_at == MORNING + timedelta(minutes=20)


async def test_the_question_after_an_outage_on_the_next_day_says_yesterday(
    jogger: Chat, clock: FrozenClock
) -> None:
    """A run started at 22:00, its end (22:20) passed unseen, asked about at 07:30 the next
    morning: within the 12 hours, and named as yesterday's."""
    clock.now = MORNING + timedelta(hours=14, minutes=30)  # 22:00 in Berlin
    (offer,) = await jogger.send("/jog")
    await jogger.press("Start 15 min", offer)
    clock.now = MORNING + timedelta(days=1)  # 07:30 the next morning, no tick since

    (asked,) = await jogger.send("/jog")

    assert asked.text == (
        "Your 15-minute easy jog should have ended yesterday at 22:20, while I was offline, so "
        "I couldn't tell you time was up. Did you run it?"
    )
    assert buttons(asked) == ASKED_BUTTONS


async def test_stopped_early_after_an_outage_offers_the_lengths_below_the_planned_one(
    jogger: Chat, clock: FrozenClock
) -> None:
    await jogger.press("Start 20 min")
    clock.now = MORNING + timedelta(minutes=60)
    await jogger.send("/jog")

    (how_long,) = await jogger.press("Stopped early")

    assert how_long.text == str(texts.ENDED_OFFLINE_HOW_LONG)
    assert buttons(how_long) == [["5 min", "10 min", "15 min"]]
    (forged,) = await jogger.press_data(button_data(how_long, "15 min").replace(":15", ":12"))
    assert forged.text == str(texts.EXPIRED_HINT)


async def test_stray_text_after_an_outage_asks_what_was_done_not_that_the_timer_runs(
    jogger: Chat, clock: FrozenClock
) -> None:
    await jogger.press("Start 15 min")
    clock.now = MORNING + timedelta(minutes=40)

    (asked,) = await jogger.send("banana bread")

    assert asked.text == ASKED
    assert buttons(asked) == ASKED_BUTTONS


async def test_jog_just_after_time_up_says_times_up_as_its_cue_would(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Within the ten minutes a late cue still goes out, /jog says time's up itself, and the
    cue does not come a second time."""
    await jogger.press("Start 15 min")
    clock.now = MORNING + timedelta(minutes=22)

    (done,) = await jogger.send("/jog")

    assert done.text == texts.TIME_UP.format(minutes=15)
    assert buttons(done) == [["Too easy", "Just right", "Tough"]]
    assert await tick(jogger.app) == 0
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 15)


async def test_a_run_ended_more_than_twelve_hours_before_the_bot_came_back_stays_missed(
    jogger: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await jogger.press("Start 15 min")
    before = len(jogger.history)
    clock.now = MORNING + timedelta(minutes=20, hours=12, seconds=1)

    assert await tick(jogger.app) == 0

    assert jogger.history[before:] == []
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "missed"
    (warm_up,) = await jogger.press_data("j:go:jog:20")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=20)


async def test_someone_elses_session_button_has_expired(jogger: Chat, api: LocalBotApi) -> None:
    await jogger.press("Start 15 min")
    cancel = button_data(jogger.last, "Cancel")
    stranger = Chat(jogger.app, api, user_id=3003)
    await onboard(stranger)

    (hint,) = await stranger.press_data(cancel)  # forged: copied from someone else's chat

    assert hint.text == str(texts.EXPIRED_HINT)
    repo = jogger.app.bot_data.repo
    assert repo is not None
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"


async def test_a_late_run_gets_no_compression_cue_in_quiet_hours(
    ana: Chat, clock: FrozenClock, api: LocalBotApi
) -> None:
    clock.now = MORNING
    await onboard(ana, compression="Yes")
    await check_in(ana, *JOG_DAY)
    clock.now = datetime(2026, 1, 13, 19, 30, tzinfo=UTC)  # 20:30 in Berlin
    await ana.press("Start 15 min")

    seen = await sent_until(ana, clock, clock.now + timedelta(minutes=20 + 130), every=HALF_MINUTE)

    # Time's up at 20:50; two hours later it is 22:50, inside the default quiet hours.
    assert seen[-1] == (20.0, texts.TIME_UP.format(minutes=15))
    assert str(texts.COMPRESSION_OFF) not in [m.text for m in ana.history]


@pytest.mark.parametrize(
    ("late", "told"),
    [
        (timedelta(minutes=9, seconds=59), True),
        (timedelta(minutes=10), True),
        (timedelta(minutes=10, seconds=1), False),
    ],
    ids=["9m59s-late", "10m-late", "10m01s-late"],
)
async def test_times_up_missed_while_the_bot_was_down_comes_at_most_ten_minutes_late(
    jogger: Chat, clock: FrozenClock, repo: Repository, late: timedelta, told: bool
) -> None:
    await jogger.press("Start 15 min")
    before = len(jogger.history)

    # No tick ran since the start: the bot was down through the run. Time's up was due at +20.
    clock.now = MORNING + timedelta(minutes=20) + late
    await tick(jogger.app)

    (session,) = await repo.jogs.list_for(1001)
    if told:
        assert jogger.texts(jogger.history[before:]) == [texts.TIME_UP.format(minutes=15)]
        assert buttons(jogger.last) == [["Too easy", "Just right", "Tough"]]
        assert (session.status, session.ended_at) == (
            "completed",
            MORNING + timedelta(minutes=20),
        )
    else:  # go and halfway were far too late as well; what was done is asked
        assert jogger.texts(jogger.history[before:]) == [ASKED]
        assert session.status == "missed"


def fail_at_the_first_cue(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, fault: BaseException
) -> None:
    """Starting a jog fails after the session row is written, before its cues are."""
    add = repo.schedule.add

    async def failing(uid: int, kind: MessageKind, *args: Any, **kwargs: Any) -> bool:
        if kind == MessageKind.JOG_CUE:
            raise fault
        return await add(uid, kind, *args, **kwargs)

    monkeypatch.setattr(repo.schedule, "add", failing)


async def whole_session(repo: Repository) -> None:
    """One session, running, with every one of its cues pending."""
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"
    pending = await repo.schedule.pending(1001)
    cues = [row.payload["cue"] for row in pending if row.jog_session_id == session.id]
    assert sorted(cues) == sorted(cue_times(session))


@pytest.mark.both_databases
async def test_a_jog_start_cut_off_half_way_is_repaired_by_its_redelivery(
    jogger: Chat, clock: FrozenClock, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_at_the_first_cue(repo, monkeypatch, Killed())
    with pytest.raises(Killed):
        await jogger.press("Start 15 min")

    assert await repo.jogs.list_for(1001) == []  # no session without its cues
    monkeypatch.undo()
    (warm_up,) = await jogger.redeliver()  # Telegram sends the update again

    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    await whole_session(repo)
    seen = await sent_until(jogger, clock, clock.now + timedelta(minutes=25), every=HALF_MINUTE)
    assert [text for _, text in seen][-1] == texts.TIME_UP.format(minutes=15)


@pytest.mark.both_databases
async def test_a_jog_start_the_database_refused_half_way_leaves_nothing_and_works_again(
    jogger: Chat, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    offer = jogger.last_with_buttons()
    start = button_data(offer, "Start 15 min")
    fail_at_the_first_cue(
        repo, monkeypatch, OperationalError("INSERT", {}, Exception("disk I/O error"))
    )
    replies = await jogger.press_data(start, offer)

    assert jogger.texts(replies)[-1] == str(texts.DB_BUSY)
    assert await repo.jogs.list_for(1001) == []
    assert [
        row for row in await repo.schedule.pending(1001) if row.kind == MessageKind.JOG_CUE
    ] == []
    monkeypatch.undo()
    (warm_up,) = await jogger.press_data(start, offer)  # the user tries again

    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    await whole_session(repo)


async def test_a_typed_answer_counts_after_a_restart_mid_timer(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    """The latest keyboard is stored, not kept in memory: after a restart mid-timer, typing
    its button still stops the timer."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await ana.send("/jog")
    await ana.send("Start 20 min")
    await runner.stop()

    clock.now = MORNING + timedelta(minutes=9)
    ana.app = await runner.start()
    said, done = await ana.send("Finish erly")

    assert said.text == "Got it: Finish early."
    assert done.text == texts.FINISHED_EARLY.format(4, minutes=4, planned=20)
    assert buttons(done) == [["Too easy", "Just right", "Tough"]]
