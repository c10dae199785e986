"""A restart in the middle of a dialog: the new process picks up at the same question."""

from __future__ import annotations

from datetime import date

from bot.standin.local_api import LocalBotApi
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
    (verdict,) = await ana.press("A bit sore")  # no pain: a walking level, no question more

    assert verdict.text is not None and "15-20" in verdict.text
    repo = runner.app.bot_data.repo
    assert isinstance(repo, Repository)
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
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
    assert question.text == texts.RUN_PROMPT.format(example="18:15")


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


async def test_a_dialog_goes_on_whichever_of_two_processes_gets_each_update(
    runner: BotRunner, api: LocalBotApi
) -> None:
    """Behind a load balancer, a user's updates land on any process: each one reads the
    dialog's state from the shared database, not from what it saw last."""
    assert runner.app is not None
    first = runner.app
    other = BotRunner(runner.settings, runner.clock)
    second = await other.start()
    try:
        ana = Chat(first, api, user_id=1001)
        await onboard(ana)  # `second` loaded the dialogs before this: it knows nothing of Ana
        ana.app = second
        (question,) = await ana.send("/checkin")
        assert question.text == str(texts.WORKOUT_PROMPT)
        ana.app = first
        (question,) = await ana.press("🦵 Leg day")
        assert question.text == str(texts.INTENSITY_PROMPT)
        ana.app = second
        (question,) = await ana.press("Moderate")
        assert question.text == str(texts.OVERREACH_PROMPT)
        ana.app = first
        await ana.press("No")
        ana.app = second
        await ana.press("Normal")

        ana.app = first  # the dialog is over in both, though `first` last saw a question
        (reply,) = await ana.send("hello")
        assert reply.text == str(texts.FREE_TEXT_CHECKED_IN)
        repo = first.bot_data.repo
        assert isinstance(repo, Repository)
        stored = await repo.checkins.get(1001, date(2026, 1, 13))
        assert stored is not None
        assert (stored.workout, stored.leg_intensity, stored.overreached, stored.walking) == (
            "leg_day",
            "moderate",
            False,
            "normal",
        )
    finally:
        await other.stop()
