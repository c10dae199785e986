"""Button presses as Telegram really delivers them: late (Telegram no longer takes an answer to
the press), twice in a row from one message, and back to back as two racing updates."""

from __future__ import annotations

import asyncio
import copy
import logging
import re
from pathlib import Path

import pytest
from telegram import Update

from bot.runtime import CoachApp
from bot.standin.local_api import SentMessage, make_callback_update
from conversations import i18n, texts
from conversations.coach.advice import Verdict, why_screen
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, button_data, check_in, onboard
from tests.conftest import tick

JOG_DAY = ("🦵 Leg day", "Moderate", "No", "Normal")
SORRY = str(texts.ERROR)


def no_sorry(chat: Chat) -> None:
    assert SORRY not in [m.text for m in chat.history]


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def refused_quietly(logs: pytest.LogCaptureFixture) -> None:
    """The refused answer is a DEBUG line, and nothing is logged louder than INFO."""
    refusals = [r for r in logs.records if "could not answer a button press" in r.getMessage()]
    assert [r.levelno for r in refusals] == [logging.DEBUG]
    assert [r.getMessage() for r in logs.records if r.levelno >= logging.WARNING] == []


def test_every_answer_to_a_press_goes_through_one_helper() -> None:
    """So no handler can stop at a refused answer: see conversations.common.answer_press."""
    root = Path(__file__).resolve().parents[2]
    calls = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("bot", "conversations")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.answer\(|answer_callback_query\(", line)
    ]
    assert len(calls) == 1 and calls[0].startswith("conversations/common.py"), calls


# Late presses: answering is a courtesy that may fail; the press's work is done anyway.


async def test_why_pressed_late_still_explains(ana: Chat, logs: pytest.LogCaptureFixture) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)

    replies = await ana.press(str(texts.WHY_BUTTON), late=True)

    assert [m.text for m in replies] == [why_screen(Verdict.EASY_JOG)]
    no_sorry(ana)
    refused_quietly(logs)
    assert ana.alerts() == [""] * len(ana.alerts())  # every other press was answered


async def test_a_checkin_answer_pressed_late_still_counts(
    ana: Chat, repo: Repository, logs: pytest.LogCaptureFixture
) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    (question,) = await ana.press("🦵 Leg day", late=True)

    assert question.text == str(texts.INTENSITY_PROMPT)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}
    no_sorry(ana)
    refused_quietly(logs)


async def test_a_jog_start_pressed_late_still_starts_the_timer(
    ana: Chat, repo: Repository, logs: pytest.LogCaptureFixture
) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)

    (warm_up,) = await ana.press("Start 15 min", late=True)

    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    assert [j.status for j in await repo.jogs.list_for(1001)] == ["running"]
    no_sorry(ana)
    refused_quietly(logs)


async def test_a_profile_answer_pressed_late_is_saved(
    ana: Chat, repo: Repository, logs: pytest.LogCaptureFixture
) -> None:
    await ana.send("/start")
    await ana.send("Europe/Berlin")
    await ana.press("07:30")
    await ana.press("17:30")

    (question,) = await ana.press("Yes", late=True)  # new to running

    assert question.text == str(texts.MUSCLE_PROMPT)
    user = await repo.users.get(1001)
    assert user is not None and user.new_runner is True
    no_sorry(ana)
    refused_quietly(logs)


async def test_an_expired_button_pressed_late_still_says_so(
    ana: Chat, logs: pytest.LogCaptureFixture
) -> None:
    await onboard(ana)

    (hint,) = await ana.press_data("j:end:999", late=True)

    assert hint.text == str(texts.EXPIRED_HINT)
    no_sorry(ana)
    refused_quietly(logs)


# Double taps and racing presses: a message's buttons act once.


async def press_twice(
    chat: Chat, label: str, message: SentMessage | None = None
) -> tuple[list[SentMessage], list[SentMessage]]:
    """Two taps of one button, the second sent before the first one's answer came back (so
    it carries the message as it was, buttons and all)."""
    target = copy.deepcopy(message or chat.last_with_buttons())
    data = button_data(target, label)
    return await chat.press_data(data, target), await chat.press_data(data, target)


async def test_check_in_now_pressed_twice_asks_one_question(ana: Chat, repo: Repository) -> None:
    await onboard(ana)  # its last message offers "Check in now"

    first, second = await press_twice(ana, "Check in now")

    assert [m.text for m in first] == [str(texts.WORKOUT_PROMPT)]
    assert second == []
    assert ana.alerts()[-1] == str(texts.PRESSED_ALREADY)
    (question,) = await ana.press("🦵 Leg day")  # the one question asked is alive
    assert question.text == str(texts.INTENSITY_PROMPT)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {"workout": "leg_day"}


async def test_a_double_tap_is_answered_in_the_users_language(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    await repo.users.update(1001, clock.now, language="de")
    await ana.send("/checkin")

    await press_twice(ana, "🦵 Beintag")

    assert ana.alerts()[-1] == i18n.translations("de").gettext(str(texts.PRESSED_ALREADY))
    assert ana.alerts()[-1] != str(texts.PRESSED_ALREADY)


async def test_a_checkin_answer_pressed_twice_counts_once_without_the_old_message_hint(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    first, second = await press_twice(ana, "🦵 Leg day")

    assert [m.text for m in first] == [str(texts.INTENSITY_PROMPT)]
    assert second == []  # no "that button belongs to an older message"
    assert ana.alerts()[-1] == str(texts.PRESSED_ALREADY)
    (question,) = await ana.press("Light")
    assert question.text == str(texts.OVERREACH_PROMPT)
    no_sorry(ana)


async def test_jog_start_pressed_twice_runs_one_timer(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)

    first, second = await press_twice(ana, "Start 15 min")

    assert [m.text for m in first] == [texts.WARM_UP["jog"].format(minutes=15)]
    assert second == []
    (jog,) = await repo.jogs.list_for(1001)
    cues = [r for r in await repo.schedule.pending(1001) if r.kind == MessageKind.JOG_CUE]
    assert sorted(r.payload["cue"] for r in cues) == ["done", "go", "halfway"]
    assert {r.jog_session_id for r in cues} == {jog.id}
    before = len(ana.history)
    for _ in range(2 * 21):  # the timer's 5 + 15 minutes, ticking every 30 seconds
        clock.advance(seconds=30)
        await tick(ana.app)
    cue_texts = [str(texts.CUES["jog"]["go"]), str(texts.CUES["jog"]["halfway"])]
    cue_texts.append(texts.TIME_UP.format(minutes=15))
    assert [m.text for m in ana.history[before:]] == cue_texts  # one set of cues


async def test_remind_me_pressed_twice_keeps_one_reminder(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)

    first, second = await press_twice(ana, "Remind me in 1 hour")

    assert [m.text for m in first] == [ana.history[-1].text]
    assert second == []
    reminders = [r for r in await repo.schedule.pending(1001) if r.kind == MessageKind.JOG_REMINDER]
    assert len(reminders) == 1


@pytest.mark.both_databases
async def test_two_presses_racing_in_two_processes_act_once(
    ana: Chat, app: CoachApp, repo: Repository
) -> None:
    """Updates of one user run one after another in a process (bot.updates); two processes
    on one database may take two presses of one message at the same moment."""
    await onboard(ana)
    target = copy.deepcopy(ana.last_with_buttons())
    data = button_data(target, "Check in now")
    updates = [make_callback_update(1001, data, target) for _ in range(2)]
    before = len(ana.history)

    await asyncio.gather(*(app.process_update(Update.de_json(u, app.bot)) for u in updates))

    assert [m.text for m in ana.history[before:]] == [str(texts.WORKOUT_PROMPT)]
    (question,) = await ana.press("🦵 Leg day")
    assert question.text == str(texts.INTENSITY_PROMPT)
