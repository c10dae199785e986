"""The strength and mobility routine of a hard-to-walk day (rule 2): the screen the verdict's
button opens, and the guided routine on the jog's timer."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi, SentMessage
from conversations import texts
from conversations.coach.routine import ROUTINE, ROUTINE_MINUTES
from conversations.i18n import translations
from conversations.records import status_words
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, button_data, buttons, check_in, onboard, sent_until
from tests.conftest import BotRunner, tick
from tests.conversations.test_languages import speaking
from tests.conversations.test_no_literals import leftovers, marking, shown, tap
from tests.conversations.test_typed_answers import tap_value

__all__ = ["marking"]  # a fixture, used by name

# 07:30 in Berlin.
MORNING = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
HARD_DAY = ("🦵 Leg day", "Heavy", "No", "Hard to walk")
ROUTINE_BUTTON = "🧘 Strength and mobility routine"
GUIDE = f"▶️ Guide me through it ({ROUTINE_MINUTES} min)"


def move_cue(number: int) -> str:
    move = ROUTINE[number - 1]
    text = texts.ROUTINE_MOVE.format(
        number=number, count=len(ROUTINE), move=move.name, dose=_dose(number), how=move.how
    )
    if ROUTINE[number - 2].kind != move.kind:
        return f"{texts.ROUTINE_PARTS[move.kind]}\n{text}"
    return text


def _dose(number: int) -> str:
    from conversations.routine import dose

    return dose(ROUTINE[number - 1])


# The scheduler ticks every 15 seconds in these tests; times are told in seconds.
TICK = timedelta(seconds=15)
SECOND = timedelta(seconds=1)


@pytest.fixture
async def sore(ana: Chat, clock: FrozenClock) -> Chat:
    clock.now = MORNING
    await onboard(ana, compression="Yes")
    (verdict,) = await check_in(ana, *HARD_DAY)
    assert buttons(verdict) == [[ROUTINE_BUTTON], ["Why? Both sides"]]
    return ana


async def test_the_verdicts_button_opens_a_concrete_routine(sore: Chat, repo: Repository) -> None:
    (screen,) = await sore.press(ROUTINE_BUTTON)

    text = screen.text or ""
    lines = text.splitlines()
    assert lines[0] == "Today's strength and mobility routine:"
    assert lines[1] == (
        "About 10 minutes, slow and gentle. No running, no cardio workout and no held "
        "stretches; leave out any move that hurts."
    )
    assert "Strength, light and slow:" in lines
    assert "1. Box squats to a chair: 2 sets of 8 reps (2 min)" in lines
    assert "4. Dead bug: 2 sets of 6 reps per side (1.5 min)" in lines
    assert "Mobility, moving gently, never holding a stretch:" in lines
    assert "8. Ankle circles: 10 reps per side (1 min)" in lines
    assert (
        "   Lie on your back, knees bent, and squeeze your glutes to lift your hips; lower them "
        "slowly." in lines
    )
    assert lines.index("Strength, light and slow:") < lines.index(
        "Mobility, moving gently, never holding a stretch:"
    )
    for move in ROUTINE:
        assert str(move.name) in text
        assert str(move.how) in text
    assert buttons(screen) == [[GUIDE]]
    assert await repo.jogs.list_for(1001) == []  # nothing starts until asked


async def test_the_routine_in_german(ana: Chat, clock: FrozenClock) -> None:
    ana.language_code = "de"
    tr = translations("de").gettext
    clock.now = MORNING
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    (verdict,) = await check_in(ana, tr("🦵 Leg day"), tr("Heavy"), tr("No"), tr("Hard to walk"))
    routine_button = tr("🧘 Strength and mobility routine")
    assert routine_button != "🧘 Strength and mobility routine"
    assert buttons(verdict) == [[routine_button], [tr("Why? Both sides")]]

    (screen,) = await ana.press(routine_button)

    lines = (screen.text or "").splitlines()
    assert lines[0] == tr("Today's strength and mobility routine:")
    assert "1. Kniebeugen auf einen Stuhl: 2 Sätze à 8 Wiederholungen (2 Min.)" in lines
    assert "4. Toter Käfer (Dead Bug): 2 Sätze à 6 Wiederholungen pro Seite (1,5 Min.)" in lines
    assert tr("Mobility, moving gently, never holding a stretch:") in lines
    (label,) = buttons(screen)[0]
    assert label == f"▶️ Führ mich durch ({ROUTINE_MINUTES} Min.)"
    (started,) = await ana.press(label)
    assert (started.text or "").startswith("Los geht's:")


@pytest.mark.both_databases
async def test_guided_each_move_comes_when_the_one_before_is_done(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    (started,) = await sore.press(GUIDE)

    assert (started.text or "").split("\n\n") == [
        texts.ROUTINE_STARTED.format(count=len(ROUTINE), minutes=ROUTINE_MINUTES),
        texts.ROUTINE_MOVE.format(
            number=1,
            count=len(ROUTINE),
            move=ROUTINE[0].name,
            dose="2 sets of 8 reps",
            how=ROUTINE[0].how,
        ),
    ]
    assert buttons(started) == [["⏭ Next move"], ["Finish early", "Cancel"]]
    seen = await sent_until(
        sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 5), every=TICK, unit=SECOND
    )

    expected, at = [], 0
    for number, move in enumerate(ROUTINE, start=1):
        if number > 1:
            expected.append((at, move_cue(number)))
        at += move.seconds
    done = texts.ROUTINE_DONE.format(ROUTINE_MINUTES, minutes=ROUTINE_MINUTES)
    expected.append((ROUTINE_MINUTES * 60, done))
    assert seen == expected
    assert "Mobility, moving gently" in seen[3][1]  # the fifth move opens the second part
    assert buttons(sore.history[-2]) == [["Finish early", "Cancel"]]  # the last move: no "Next"
    assert buttons(sore.last) == []  # no "how did it feel?" and no cue after it
    assert "stretch your" not in " ".join(text for _, text in seen)  # rule 2: no stretching
    (session,) = await repo.jogs.list_for(1001)
    assert (session.kind, session.status, session.planned_minutes) == (
        "routine",
        "completed",
        ROUTINE_MINUTES,
    )
    assert session.actual_minutes == ROUTINE_MINUTES
    # No compression cue after a routine, though Ana owns the gear.
    assert (
        await sent_until(sore, clock, clock.now + timedelta(hours=3), every=TICK, unit=SECOND) == []
    )


async def test_finish_early_records_the_minutes_done(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    await sent_until(sore, clock, clock.now + timedelta(minutes=4), every=TICK, unit=SECOND)

    (done,) = await sore.press("Finish early")

    assert done.text == texts.ROUTINE_STOPPED.format(4, minutes=4)
    assert "stretch" not in (done.text or "")
    assert buttons(done) == []
    assert (
        await sent_until(sore, clock, clock.now + timedelta(minutes=20), every=TICK, unit=SECOND)
        == []
    )
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 4)


async def test_finish_at_once_records_nothing(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    clock.advance(seconds=40)

    (done,) = await sore.press("Finish early")

    assert done.text == str(texts.ROUTINE_STOPPED_AT_ONCE)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("cancelled", None)
    # The export says it as the chat did, not "cancelled" (a newcomer's find), in German too.
    _checkins, jogs_csv, _activities, _json = await sore.send("/export")
    (row,) = csv.DictReader(io.StringIO((jogs_csv.document or b"").decode()))
    assert (row["status"], row["status_text"]) == ("cancelled", "stopped after under a minute")
    with speaking("de"):
        assert status_words(session) == "beendet nach weniger als einer Minute"


@pytest.mark.both_databases
async def test_pressing_twice_or_late_is_answered_friendly(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    verdict = sore.last_with_buttons()
    (screen,) = await sore.press(ROUTINE_BUTTON)
    # The same button again: the verdict froze with the press, and a second tap does nothing.
    assert await sore.press_data("j:routine", verdict) == []
    (started,) = await sore.press(GUIDE, screen)
    clock.advance(minutes=3)
    assert await sore.press_data("j:routine:go", screen) == []  # a double tap
    assert "Got that already." in sore.alerts()

    # From another screen, the guide button shows the routine that runs, and starts none.
    await sore.send("/jog")
    (again,) = await sore.press_data("j:routine:go")
    assert again.text == (
        f"🧘 Your strength and mobility routine ({ROUTINE_MINUTES} min) is under way: 7 minutes "
        "to go. One thing at a time: carry on with it, or stop it before starting anything else."
    )
    assert buttons(again) == [["⏭ Next move"], ["Finish early", "Cancel"]]
    assert len(await repo.jogs.list_for(1001)) == 1
    (cancelled,) = await sore.press("Cancel", again)
    assert cancelled.text == str(texts.RUN_CANCELLED)
    (over,) = await sore.press("Finish early", started)
    assert over.text == str(texts.RUN_OVER)

    # The next day, before any check-in (yesterday's button, as the jog offer's: the press of
    # a button without a day goes by its message's date), and after one that says otherwise.
    clock.advance(days=1)
    (late,) = await sore.press_data("j:routine")
    assert late.text == f"{texts.STALE_YESTERDAY} {texts.STALE_CHECK_IN}"
    # Two days after the heavy leg day, the check-in asks walking first (issue 13).
    await check_in(sore, "Normal", "😴 Rest day")
    (late,) = await sore.press_data("j:routine:go")
    assert late.text == str(texts.ROUTINE_NOT_TODAY)
    for reply in (late,):
        assert "Sorry, something went wrong" not in (reply.text or "")
    assert len(await repo.jogs.list_for(1001)) == 1


async def test_jog_offers_the_same_routine(sore: Chat) -> None:
    (ask,) = await sore.send("/jog")
    assert buttons(ask) == [[ROUTINE_BUTTON], ["🏃 Run 15 min anyway"], ["Not today"]]

    (screen,) = await sore.press(ROUTINE_BUTTON)

    assert (screen.text or "").startswith("Today's strength and mobility routine:")
    assert buttons(screen) == [[GUIDE]]


async def test_a_restart_mid_routine_goes_on_from_the_move_that_is_due(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *HARD_DAY)
    await ana.press(ROUTINE_BUTTON)
    await ana.press(GUIDE)
    await runner.stop()

    # Move 2 was due at +2:00 while the bot was down; move 3 is due at +3:00.
    clock.now = MORNING + timedelta(minutes=2, seconds=30)
    ana.app = await runner.start()
    assert await tick(ana.app) == 1
    assert ana.last.text == move_cue(2)
    seen = await sent_until(
        ana, clock, MORNING + timedelta(minutes=ROUTINE_MINUTES + 1), every=TICK, unit=SECOND
    )
    assert [text for _, text in seen] == [
        *(move_cue(n) for n in range(3, len(ROUTINE) + 1)),
        texts.ROUTINE_DONE.format(ROUTINE_MINUTES, minutes=ROUTINE_MINUTES),
    ]
    assert [m.text for m in ana.history].count(move_cue(2)) == 1
    repo = ana.app.bot_data.repo
    assert repo is not None
    assert [j.status for j in await repo.jogs.list_for(1001)] == ["completed"]


# The routine's last move ends this long after its start (no warm-up): 07:30 + that in Berlin.
ROUTINE_END = MORNING + timedelta(seconds=sum(move.seconds for move in ROUTINE))


def asked_after_outage() -> str:
    end = ROUTINE_END.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    return (
        f"Your {ROUTINE_MINUTES}-minute strength and mobility routine should have ended at {end}, "
        "while I was offline, so I couldn't tell you it was over. Did you do it?"
    )


@pytest.mark.parametrize(
    ("answer", "reply", "record"),
    [
        (
            "Yes",
            texts.ROUTINE_ENDED_OFFLINE_NOTED.format(ROUTINE_MINUTES, minutes=ROUTINE_MINUTES),
            ("completed", ROUTINE_MINUTES),
        ),
        ("No", str(texts.ENDED_OFFLINE_NOT_DONE), ("missed", 0)),  # told: none done
    ],
    ids=["done", "not-done"],
)
async def test_a_routine_whose_end_passed_while_the_bot_was_down_is_asked_about(
    runner: BotRunner,
    api: LocalBotApi,
    clock: FrozenClock,
    answer: str,
    reply: str,
    record: tuple[str, int | None],
) -> None:
    """Newcomer: a routine ended while the bot was down was never asked about, as runs are
    ("Did you run it?"), and stayed missed. Its return asks, and the answer is recorded, the
    session ended when its last move did."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    clock.now = MORNING
    await onboard(ana)
    await check_in(ana, *HARD_DAY)
    await ana.press(ROUTINE_BUTTON)
    await ana.press(GUIDE)
    await runner.stop()

    clock.now = ROUTINE_END + timedelta(minutes=30)
    ana.app = await runner.start()
    assert await tick(ana.app) == 1  # the moves far too late; its end asked about

    assert ana.last.text == asked_after_outage()
    assert buttons(ana.last) == [["Yes", "No"]]
    question, yes = ana.last, button_data(ana.last, "Yes")
    (answered,) = await ana.press(answer)
    assert answered.text == reply
    assert buttons(answered) == []
    repo = ana.app.bot_data.repo
    assert repo is not None
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes, session.ended_at) == (*record, ROUTINE_END)
    assert await ana.press_data(yes, question) == []  # a second tap records nothing more
    assert [j.actual_minutes for j in await repo.jogs.list_for(1001)] == [record[1]]


async def test_jog_after_the_routine_ended_unseen_asks_whether_it_was_done(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Before the bot caught up with its end, /jog said the routine had a minute to go."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    clock.now = ROUTINE_END + timedelta(minutes=30)  # no tick since the start

    (asked,) = await sore.send("/jog")

    assert (asked.text, buttons(asked)) == (asked_after_outage(), [["Yes", "No"]])
    assert await tick(sore.app) == 0
    (again,) = await sore.send("/jog")  # unanswered: asked again, no new offer
    assert (again.text, buttons(again)) == (asked_after_outage(), [["Yes", "No"]])
    await sore.press("Yes", again)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", ROUTINE_MINUTES)


async def test_no_word_of_the_routine_stays_in_english(
    marking: None, app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    """Every text of the routine goes through the catalogs (as tests/conversations/
    test_no_literals.py checks for the rest)."""
    clock.now = MORNING
    ana = Chat(app, api, user_id=1001, first_name="Ana", language_code="ru")

    async def press(index: int = 0) -> None:
        await ana.press_data(tap(ana, index), ana.last_with_buttons())

    await ana.send("/start")
    await ana.send("Berlin")
    await ana.send("07:30")
    await press(2)  # 17:30
    for _ in range(3):
        await press(1)  # no
    await press()  # check in now
    await press(0)  # leg day
    await press(2)  # heavy
    await press(1)  # not overreached
    await press(3)  # hard to walk: the verdict
    await press(0)  # the routine
    await press(0)  # guide me
    await press(0)  # next move
    await sent_until(
        ana, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 1), every=TICK, unit=SECOND
    )
    await ana.send("/checkin")  # already checked in today
    await ana.send("/cancel")
    await ana.press_data("j:routine")  # again, from the /jog screen's button
    await ana.press_data("j:routine:go")
    await press(0)  # finish early at once
    await ana.send("/history")
    await ana.send("/export")

    seen = [text for message in ana.history for text in shown(message)]
    seen += [str(answer.get("text") or "") for answer in api.callback_answers]
    count = len(ROUTINE)
    moves = {n for n in range(1, count + 1) for text in seen if f"§{n}§{count}§" in text}
    assert moves == set(range(1, count + 1))  # every move was shown, marked
    assert [(text, leftovers(text)) for text in seen if leftovers(text)] == []


async def test_a_finished_routine_shows_in_history_and_export_as_itself(
    sore: Chat, clock: FrozenClock
) -> None:
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    await sent_until(
        sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 1), every=TICK, unit=SECOND
    )

    table_text, _chart = await sore.send("/history")
    today = (table_text.text or "").splitlines()
    assert any(f"🧘{ROUTINE_MINUTES}'" in line for line in today), today
    assert "🚲" not in (table_text.text or "")
    _checkins, jogs_csv, _activities, _json = await sore.send("/export")
    (row,) = csv.DictReader(io.StringIO((jogs_csv.document or b"").decode()))
    assert (row["kind"], row["kind_text"], row["status"], row["actual_minutes"]) == (
        "routine",
        "Strength and mobility routine",
        "completed",
        str(ROUTINE_MINUTES),
    )
    assert row["load"] == "0"


@pytest.mark.both_databases
async def test_next_move_comes_at_once_and_the_rest_as_much_earlier(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    (started,) = await sore.press(GUIDE)
    clock.advance(seconds=30)

    (second,) = await sore.press("⏭ Next move", started)

    assert second.text == move_cue(2)
    assert buttons(second) == [["⏭ Next move"], ["Finish early", "Cancel"]]
    ahead = ROUTINE[0].seconds - 30
    assert [m.text for m in sore.history].count(move_cue(2)) == 1
    seen = await sent_until(
        sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES), every=TICK, unit=SECOND
    )
    # 1.5 of the 10 minutes skipped: 8.5 spent, counted as the 8 whole minutes done.
    assert ROUTINE_MINUTES * 60 - ahead == 8.5 * 60
    assert [text for _, text in seen] == [
        *(move_cue(n) for n in range(3, len(ROUTINE) + 1)),
        texts.ROUTINE_DONE.format(8, minutes=8),
    ]
    # Move 3 comes when move 2's time is up, counted from the press.
    assert seen[0][0] == ROUTINE[1].seconds
    assert seen[-1][0] == ROUTINE_MINUTES * 60 - ahead - 30
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 8)


async def test_next_move_pressed_late_or_twice_changes_nothing(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    (started,) = await sore.press(GUIDE)
    seen = await sent_until(
        sore, clock, clock.now + timedelta(seconds=ROUTINE[0].seconds), every=TICK, unit=SECOND
    )
    assert [text for _, text in seen] == [move_cue(2)]

    # Move 1's "Next" after move 2 came: said over the chat, nothing sent, nothing moved.
    assert await sore.press("⏭ Next move", started) == []
    assert sore.alerts()[-1] == str(texts.ROUTINE_PAST_MOVE)
    move_2 = sore.last
    data = button_data(move_2, "⏭ Next move")
    (third,) = await sore.press("⏭ Next move")  # move 2's own: move 3 now
    assert third.text == move_cue(3)
    assert await sore.press_data(data, move_2) == []  # a double tap
    assert sore.alerts()[-1] == str(texts.PRESSED_ALREADY)
    (typed,) = await sore.send("next move")  # typed: move 3's own "Next"
    assert typed.text == move_cue(4)
    clock.advance(minutes=1)
    (over,) = await sore.send("/jog")
    # Moves 1-3 skipped ahead, so 5 minutes of moves are left, though 4 have passed.
    assert over.text == texts.ROUTINE_RUNNING_LEFT.format(5, planned=ROUTINE_MINUTES, minutes=5)
    assert "timer" not in (over.text or "")
    await sore.press("Cancel", over)
    (done,) = await sore.press("⏭ Next move", typed)
    assert done.text == str(texts.RUN_OVER)
    assert len(await repo.jogs.list_for(1001)) == 1


SUNDAY_EVENING_BERLIN = datetime(2026, 1, 18, 18, 0, tzinfo=UTC)  # the weekly summary's time


@pytest.mark.both_databases
async def test_skipping_through_counts_only_the_time_spent(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A newcomer tapped "Next move" through the whole routine in a second: what is stored and
    shown everywhere is the minute it took (the last move's), not the routine's ten."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    clock.advance(seconds=1)
    for number in range(2, len(ROUTINE) + 1):
        (move,) = await sore.press("⏭ Next move")
        assert move.text == move_cue(number)

    seen = await sent_until(
        sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES), every=TICK, unit=SECOND
    )

    assert seen == [(ROUTINE[-1].seconds, texts.ROUTINE_DONE.format(1, minutes=1))]
    assert seen[0][1].startswith("Routine done: 1 minute of strength and mobility.")
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 1)
    table_text, _chart = await sore.send("/history")
    lines = (table_text.text or "").splitlines()
    assert any("🧘1'" in line for line in lines), lines
    assert f"🧘{ROUTINE_MINUTES}'" not in (table_text.text or "")
    _checkins, jogs_csv, _activities, _json = await sore.send("/export")
    (row,) = csv.DictReader(io.StringIO((jogs_csv.document or b"").decode()))
    assert (row["kind"], row["actual_minutes"]) == ("routine", "1")
    clock.now = SUNDAY_EVENING_BERLIN
    await tick(sore.app)
    (summary,) = [m.text or "" for m in sore.history if (m.text or "").startswith("Your week")]
    assert "• Strength and mobility: 1 (1 minute)" in summary.splitlines()


async def test_finish_early_after_skipping_counts_the_time_spent(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Two moves skipped in the first second and "Finish early" then: not the three minutes
    the skipped moves were given, but nothing (no minute was up); skipped ahead and stopped
    after 4.5 minutes: 4."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    clock.advance(seconds=1)
    await sore.press("⏭ Next move")
    await sore.press("⏭ Next move")

    (done,) = await sore.press("Finish early")

    assert done.text == str(texts.ROUTINE_STOPPED_AT_ONCE)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("cancelled", None)
    # The export says it as the chat did, not "cancelled" (a newcomer's find), in German too.
    _checkins, jogs_csv, _activities, _json = await sore.send("/export")
    (row,) = csv.DictReader(io.StringIO((jogs_csv.document or b"").decode()))
    assert (row["status"], row["status_text"]) == ("cancelled", "stopped after under a minute")
    with speaking("de"):
        assert status_words(session) == "beendet nach weniger als einer Minute"
    table_text, _chart = await sore.send("/history")
    assert "🧘" not in (table_text.text or "")

    await sore.press_data("j:routine:go")
    clock.advance(seconds=30)
    await sore.press("⏭ Next move")
    clock.advance(minutes=4)
    (done,) = await sore.press("Finish early")
    assert done.text == texts.ROUTINE_STOPPED.format(4, minutes=4)
    assert [s.actual_minutes for s in await repo.jogs.list_for(1001)] == [None, 4]


async def _guided_in(chat: Chat, clock: FrozenClock, language: str) -> SentMessage:
    """A hard-to-walk day checked in in `language`, and the guided routine started."""
    chat.language_code = language
    tr = translations(language).gettext
    clock.now = MORNING
    await onboard(chat, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(chat, tr("🦵 Leg day"), tr("Heavy"), tr("No"), tr("Hard to walk"))
    (screen,) = await chat.press(tr("🧘 Strength and mobility routine"))
    ((guide,),) = buttons(screen)
    (started,) = await chat.press(guide)
    return started


# (language, typed to go on, typed when done with a move): the user's language and English.
MOVING_ON = [
    ("en", "next", "Done!"),
    ("de", "weiter", "fertig"),
    ("de", "Next", "done"),
    ("ru", "дальше", "Готово"),
    ("es", "siguiente", "listo"),
]


@pytest.mark.parametrize(("language", "onward", "done"), MOVING_ON)
async def test_typed_next_and_done_go_on_to_the_next_move(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, onward: str, done: str
) -> None:
    """ "weiter" or "fertig" during the routine was "I'm not sure what to do with that": each
    is "⏭ Next move" while a move is to come (done with the move on the screen), and "fertig"
    under the last move is "Finish early"."""
    tr = translations(language).gettext
    started = await _guided_in(ana, clock, language)
    clock.advance(seconds=30)
    next_move = tr("⏭ Next move")
    assert buttons(started)[0] == [next_move]

    # Each is said back as the button it was taken for, then the next move.
    said, second = await ana.send(onward)
    assert said.text == translations(language).gettext("Got it: {answer}.").format(
        answer=next_move.removeprefix("⏭ ")
    )
    assert buttons(second)[0] == [next_move]
    _said, third = await ana.send(done)
    assert buttons(third)[0] == [next_move]
    for _ in range(4, len(ROUTINE) + 1):
        _said, last = await ana.send(onward)
    assert buttons(last) == [[tr("Finish early"), tr("Cancel")]]
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"
    # Under the last move, "next" names no button: asked again, with the timer's.
    (again,) = await ana.send(onward)
    assert buttons(again) == [[tr("Finish early"), tr("Cancel")]]
    clock.advance(minutes=2)

    _said, finished = await ana.send(done)

    with speaking(language):
        assert finished.text == texts.ROUTINE_STOPPED.format(2, minutes=2)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", 2)


async def test_stray_text_during_the_routine_carries_its_next_move(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Text that names nothing mid-routine said how to stop it, with "Finish early" and
    "Cancel" only: "Next move" was up the chat. The reply carries the move's own buttons, and
    its "Next move" brings the move that is to come."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    seen = await sent_until(
        sore, clock, clock.now + timedelta(seconds=ROUTINE[0].seconds), every=TICK, unit=SECOND
    )
    assert [text for _, text in seen] == [move_cue(2)]
    clock.advance(seconds=20)

    (reply,) = await sore.send("banana bread")

    assert (reply.text or "").startswith("Sorry, I didn't get that.")
    assert buttons(reply) == [["⏭ Next move"], ["Finish early", "Cancel"]]
    (third,) = await sore.press("⏭ Next move", reply)
    assert third.text == move_cue(3)
    for number in range(4, len(ROUTINE) + 1):
        (move,) = await sore.press("⏭ Next move")
        assert move.text == move_cue(number)
    # At the last move there is none to come: the timer's buttons alone.
    (reply,) = await sore.send("banana bread")
    assert buttons(reply) == [["Finish early", "Cancel"]]
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"


async def test_jog_during_the_routine_shows_the_moves_own_buttons(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Newcomer of issue 13: mid-routine, /jog showed "Finish early" and "Cancel" only, while
    every move's message offers "⏭ Next move" too. /jog shows the move's own buttons, and its
    "Next move" brings the move that is to come; at the last move, the timer's alone."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    seen = await sent_until(
        sore, clock, clock.now + timedelta(seconds=ROUTINE[0].seconds), every=TICK, unit=SECOND
    )
    assert [text for _, text in seen] == [move_cue(2)]

    (shown,) = await sore.send("/jog")

    assert (shown.text or "").startswith("🧘 Your strength and mobility routine")
    assert (
        buttons(shown) == buttons(sore.history[-2]) == [["⏭ Next move"], ["Finish early", "Cancel"]]
    )
    (third,) = await sore.press("⏭ Next move", shown)
    assert third.text == move_cue(3)
    for number in range(4, len(ROUTINE) + 1):
        (move,) = await sore.press("⏭ Next move")
        assert move.text == move_cue(number)
    (last,) = await sore.send("/jog")
    assert buttons(last) == [["Finish early", "Cancel"]]
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"


async def test_typed_next_under_a_jogs_timer_stops_nothing(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """ "weiter" means running on: under a jog's timer it is no "Finish early"; "fertig" is."""
    ana.language_code = "de"
    tr = translations("de").gettext
    clock.now = MORNING
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await ana.send("/jog")
    await tap_value(ana, "j:go:jog:15")
    clock.advance(minutes=8)

    (reply,) = await ana.send("weiter")

    assert buttons(reply) == [[tr("Finish early"), tr("Cancel")]]
    (session,) = await repo.jogs.list_for(1001)
    assert session.status == "running"
    await ana.send("fertig")
    (session,) = await repo.jogs.list_for(1001)
    assert session.status != "running"


async def test_german_routine_wording_reads_naturally(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """ "Nach 2 Minuten der Routine beendet" and "Damit weiß ich nichts anzufangen" read
    oddly or curtly to German newcomers."""
    await _guided_in(ana, clock, "de")
    clock.advance(minutes=1)
    (stray,) = await ana.send("Banane")
    assert (stray.text or "").startswith("Das habe ich leider nicht verstanden.\n")
    clock.advance(minutes=1)

    (done,) = await ana.press("Vorzeitig beenden")

    assert (done.text or "").startswith("Routine nach 2 Minuten beendet. Das zählt trotzdem:")


async def test_the_routine_is_no_workout_the_next_check_in_takes_for_yesterdays(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The routine is what a day too sore to train is for: the evening after it asks what was
    trained that day, and the next morning asks yesterday's workout, as after any rest (taken
    as "other training", it made that evening a rest from the routine itself)."""
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    await sent_until(sore, clock, clock.now + timedelta(minutes=4), every=TICK, unit=SECOND)
    await sore.press("Finish early")

    clock.now = MORNING.replace(hour=MORNING.hour + 12)
    replies = await sore.send("/checkin")
    assert replies[-1].text == str(texts.TODAY_WORKOUT_PROMPT)
    assert not any("I timed" in (m.text or "") for m in replies)

    # Two days after the heavy leg day walking comes first; nothing said for the user before it.
    clock.now = MORNING + timedelta(days=1)
    replies = await sore.send("/checkin")
    assert [m.text for m in replies] == [str(texts.WALKING_PROMPT)]
    (workout,) = await sore.press("Normal")
    assert workout.text == str(texts.WORKOUT_PROMPT)
