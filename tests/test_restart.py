"""A restart in the middle of a dialog: the new process picks up at the same question."""

from __future__ import annotations

from datetime import date

from bot.local_api import LocalBotApi
from conversations import texts
from storage.repository import Repository
from tests.chat import Chat, onboard
from tests.conftest import BotRunner


async def test_a_checkin_continues_after_a_restart(runner: BotRunner, api: LocalBotApi) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/checkin")
    await ana.press("🦵 Leg day")
    (question,) = await ana.press("Moderate")
    assert question.text == str(texts.OVERREACH_PROMPT)

    await runner.stop()
    ana.app = await runner.start()

    (walking,) = await ana.press("No")
    assert walking.text == str(texts.WALKING_PROMPT)
    await ana.press("A bit sore")
    (verdict,) = await ana.press("No")

    assert verdict.text is not None and "15-20" in verdict.text
    repo = runner.app.bot_data.repo
    assert isinstance(repo, Repository)
    stored = await repo.get_checkin(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.leg_intensity, stored.walking, stored.rule) == (
        "leg_day",
        "moderate",
        "a_bit_sore",
        7,
    )


async def test_onboarding_continues_after_a_restart(runner: BotRunner, api: LocalBotApi) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    await ana.send("/start")
    await ana.send("Berlin")

    await runner.stop()
    ana.app = await runner.start()

    (question,) = await ana.press("07:00")
    assert question.text == str(texts.RUN_PROMPT)


async def test_a_button_pressed_after_the_dialog_ended_and_a_restart_has_expired(
    runner: BotRunner, api: LocalBotApi
) -> None:
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await ana.send("/checkin")
    stale = ana.last
    await ana.send("/cancel")

    await runner.stop()
    ana.app = await runner.start()

    (hint,) = await ana.press("🦵 Leg day", message=stale)
    assert hint.text == str(texts.EXPIRED_HINT)
