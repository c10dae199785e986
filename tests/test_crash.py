"""`kill -9` of a real bot process, then a restart on the same database: nothing is lost."""

from __future__ import annotations

from pathlib import Path

from bot.local_api import LocalBotApi
from conversations import texts
from tests.remote import BotProcess, RemoteChat


def test_kill_9_mid_checkin_then_the_checkin_goes_on(tmp_path: Path, api: LocalBotApi) -> None:
    bot = BotProcess(api, tmp_path)
    bot.start()
    user = RemoteChat(api, user_id=42)
    user.onboard()
    user.say("/checkin")
    user.tap("🦵 Leg day")
    bot.kill9()

    bot.start()
    (question,) = user.tap("Moderate")
    assert question.text == str(texts.OVERREACH_PROMPT)
    user.tap("No")
    user.tap("A bit sore")
    (advice,) = user.tap("No")
    bot.stop()

    assert advice.text is not None and "\n🏃 Yes: an easy 15-20 minute jog" in advice.text


def test_kill_9_mid_timer_then_the_cues_still_arrive_once(tmp_path: Path, api: LocalBotApi) -> None:
    # At 60x a minute lasts a second: warm-up 5 s, then a 15 s "15-minute" run.
    bot = BotProcess(api, tmp_path, {"CLOCK_SPEED": "60"})
    bot.start()
    user = RemoteChat(api, user_id=43)
    user.onboard()
    user.say("/jog")
    (warm_up,) = user.tap("Start 15 min")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    bot.kill9()

    bot.start()
    user.wait_for_text("Go!", timeout=30)
    user.wait_for_text("Time's up: 15 minutes done", timeout=40)
    bot.stop()

    assert user.count("Go!") == 1
    assert user.count("Halfway there.") == 1
    assert user.count("Time's up") == 1
