"""The strength and mobility routine of a hard-to-walk day (rule 2): the screen the verdict's
button opens, and the guided routine on the jog's timer."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.coach.routine import ROUTINE, ROUTINE_MINUTES
from conversations.i18n import translations
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, button_data, buttons, check_in, onboard
from tests.conftest import BotRunner, tick
from tests.conversations.test_no_literals import leftovers, marking, shown, tap

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


async def messages_until(chat: Chat, clock: FrozenClock, end: datetime) -> list[tuple[int, str]]:
    """Tick every 15 seconds up to `end`: (seconds since start, text) of each message sent."""
    start = clock.now
    seen = []
    while clock.now < end:
        clock.advance(seconds=15)
        before = len(chat.history)
        await tick(chat.app)
        for message in chat.history[before:]:
            seen.append((int((clock.now - start).total_seconds()), message.text or ""))
    return seen


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
    assert "4. Dead Bug: 2 Sätze à 6 Wiederholungen pro Seite (1,5 Min.)" in lines
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
    seen = await messages_until(sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 5))

    expected, at = [], 0
    for number, move in enumerate(ROUTINE, start=1):
        if number > 1:
            expected.append((at, move_cue(number)))
        at += move.seconds
    expected.append((ROUTINE_MINUTES * 60, texts.ROUTINE_DONE.format(minutes=ROUTINE_MINUTES)))
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
    assert await messages_until(sore, clock, clock.now + timedelta(hours=3)) == []


async def test_finish_early_records_the_minutes_done(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    await sore.press(GUIDE)
    await messages_until(sore, clock, clock.now + timedelta(minutes=4))

    (done,) = await sore.press("Finish early")

    assert done.text == texts.ROUTINE_STOPPED.format(4, minutes=4)
    assert "stretch" not in (done.text or "")
    assert buttons(done) == []
    assert await messages_until(sore, clock, clock.now + timedelta(minutes=20)) == []
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
    assert again.text == texts.RUNNING_LEFT.format(
        7, kind="Strength and mobility routine", planned=ROUTINE_MINUTES, minutes=7
    )
    assert buttons(again) == [["Finish early", "Cancel"]]
    assert len(await repo.jogs.list_for(1001)) == 1
    (cancelled,) = await sore.press("Cancel", again)
    assert cancelled.text == str(texts.RUN_CANCELLED)
    (over,) = await sore.press("Finish early", started)
    assert over.text == str(texts.RUN_OVER)

    # The next day, before any check-in, and after one that says something else.
    clock.advance(days=1)
    (late,) = await sore.press_data("j:routine")
    assert late.text == str(texts.ROUTINE_CHECK_IN_FIRST)
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
    seen = await messages_until(ana, clock, MORNING + timedelta(minutes=ROUTINE_MINUTES + 1))
    assert [text for _, text in seen] == [
        *(move_cue(n) for n in range(3, len(ROUTINE) + 1)),
        texts.ROUTINE_DONE.format(minutes=ROUTINE_MINUTES),
    ]
    assert [m.text for m in ana.history].count(move_cue(2)) == 1
    repo = ana.app.bot_data.repo
    assert repo is not None
    assert [j.status for j in await repo.jogs.list_for(1001)] == ["completed"]


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
    await messages_until(ana, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 1))
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
    await messages_until(sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES + 1))

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
    seen = await messages_until(sore, clock, clock.now + timedelta(minutes=ROUTINE_MINUTES))
    assert [text for _, text in seen] == [
        *(move_cue(n) for n in range(3, len(ROUTINE) + 1)),
        texts.ROUTINE_DONE.format(minutes=ROUTINE_MINUTES),
    ]
    # Move 3 comes when move 2's time is up, counted from the press.
    assert seen[0][0] == ROUTINE[1].seconds
    assert seen[-1][0] == ROUTINE_MINUTES * 60 - ahead - 30
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes) == ("completed", ROUTINE_MINUTES)


async def test_next_move_pressed_late_or_twice_changes_nothing(
    sore: Chat, clock: FrozenClock, repo: Repository
) -> None:
    await sore.press(ROUTINE_BUTTON)
    (started,) = await sore.press(GUIDE)
    seen = await messages_until(sore, clock, clock.now + timedelta(seconds=ROUTINE[0].seconds))
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
    assert over.text == texts.RUNNING_LEFT.format(
        5, kind="Strength and mobility routine", planned=ROUTINE_MINUTES, minutes=5
    )
    await sore.press("Cancel", over)
    (done,) = await sore.press("⏭ Next move", typed)
    assert done.text == str(texts.RUN_OVER)
    assert len(await repo.jogs.list_for(1001)) == 1
