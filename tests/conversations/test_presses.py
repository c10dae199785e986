"""Button presses as Telegram really delivers them: late (Telegram no longer takes an answer to
the press), twice in a row from one message, and back to back as two racing updates."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from conversations import texts
from conversations.coach.advice import BOTH_SIDES
from storage.repository import Repository
from tests.chat import Chat, check_in, onboard

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

    assert [m.text for m in replies] == [str(BOTH_SIDES)]
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
    draft = await repo.get_draft(1001)
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
    assert [j.status for j in await repo.list_jogs(1001)] == ["running"]
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
    user = await repo.get_user(1001)
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
