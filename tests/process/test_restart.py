"""A restart in the middle of a dialog: the new process picks up at the same question."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, check_in, onboard
from tests.conftest import BotRunner, tick


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


async def test_a_run_whose_end_passed_while_the_bot_was_down_is_recorded_as_it_went(
    runner: BotRunner, api: LocalBotApi, clock: FrozenClock
) -> None:
    """A restart mid-timer, back 20 minutes after the run's end (07:30 in Berlin, 5 minutes'
    warm-up, 15 run: 07:50). /today before the scheduler caught up said the timer was running;
    the row said it ended when the bot came back. Told "stopped early" after 10 minutes, the
    record and the export say so."""
    assert runner.app is not None
    ana = Chat(runner.app, api, user_id=1001)
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "Normal")
    start = clock.now
    await ana.press("Start 15 min")
    await runner.stop()

    clock.now = start + timedelta(minutes=40)
    ana.app = await runner.start()
    (today,) = await ana.send("/today")
    assert (today.text or "").endswith(
        "\n\n⏱ Your timer ran out at 07:50. Send /jog to tell me how it went."
    )
    assert await tick(ana.app) == 1  # go and halfway far too late; time's up asked about
    repo = ana.app.bot_data.repo
    assert isinstance(repo, Repository)
    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.ended_at) == ("missed", start + timedelta(minutes=20))

    await ana.press("Stopped early")
    await ana.press("10 min")

    (session,) = await repo.jogs.list_for(1001)
    assert (session.status, session.actual_minutes, session.ended_at) == (
        "completed",
        10,
        start + timedelta(minutes=15),
    )
    _checkins, jogs_csv, *_files = (m.document or b"" for m in await ana.send("/export"))
    (line,) = csv.DictReader(io.StringIO(jogs_csv.decode()))
    assert (line["status_text"], line["ended_at"]) == (
        "stopped after 10 minutes of the 15 planned, not counting the warm-up",
        "2026-01-13T06:45:00+00:00",
    )
