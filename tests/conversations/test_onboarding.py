"""/start: a new user is welcomed and set up; a known user keeps their data."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations import texts
from conversations.coach.advice import DISCLAIMER
from conversations.i18n import translations
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, onboard


def tr(language: str, msgid: str) -> str:
    return translations(language).gettext(msgid)


pytestmark = pytest.mark.both_databases


async def test_new_user_is_welcomed_and_asked_for_their_time_zone(ana: Chat) -> None:
    welcome, zone_question = await ana.send("/start")

    assert welcome.text is not None
    assert welcome.text.startswith("Hi, Ana! I'm your leg-day recovery coach.")
    assert "15-20 minute jog" in welcome.text
    assert str(DISCLAIMER) in welcome.text
    assert zone_question.text == str(texts.ZONE_PROMPT)
    assert buttons(zone_question) == [["📍 Share my location"]]
    assert zone_question.reply_markup is not None
    assert zone_question.reply_markup["keyboard"][0][0]["request_location"] is True


async def test_full_onboarding_stores_every_answer(ana: Chat, repo: Repository) -> None:
    await ana.send("/start")

    confirm, morning = await ana.send("berlin")
    assert confirm.text is not None
    assert confirm.text.startswith("Time zone set: Europe/Berlin (UTC+01:00")
    assert confirm.reply_markup == {"remove_keyboard": True}
    assert morning.text == texts.MORNING_PROMPT.format(example="06:45")
    assert buttons(morning) == [["06:30", "07:00", "07:30", "08:00"]]

    (run,) = await ana.press("07:00")
    assert run.text == texts.RUN_PROMPT.format(example="18:15")
    assert buttons(run) == [["07:00", "12:00", "17:30", "19:00"], ["I start runs myself"]]
    assert morning.text is not None and ana.history[1].text is not None

    (new_runner,) = await ana.send("18:15")
    assert new_runner.text == "Are you new to running?"
    assert buttons(new_runner) == [["Yes", "No"]]
    (muscle,) = await ana.press("Yes")
    assert muscle.text == "Is building muscle your top priority right now?"
    (compression,) = await ana.press("No")
    assert compression.text == "Do you own compression socks or tights?"
    (done,) = await ana.press("Yes")

    assert done.text is not None
    assert done.text.startswith("All set!")
    assert "• Time zone: Europe/Berlin" in done.text
    assert "• Morning check-in: 07:00" in done.text
    assert "• Run time: 18:15" in done.text
    assert buttons(done) == [["Check in now"]]

    user = await repo.users.get(1001)
    assert user is not None
    assert (user.time_zone, user.morning_time, user.run_time) == (
        "Europe/Berlin",
        time(7, 0),
        time(18, 15),
    )
    assert (user.new_runner, user.muscle_priority, user.compression_gear) == (True, False, True)
    assert user.onboarded_at is not None


async def test_an_answered_question_keeps_the_choice_and_loses_its_buttons(ana: Chat) -> None:
    await ana.send("/start")
    await ana.send("Berlin")
    morning_question = ana.last

    await ana.press("06:30")

    assert morning_question.text == texts.MORNING_PROMPT.format(example="06:45") + "\n→ 06:30"
    assert morning_question.reply_markup is None


async def test_zone_from_a_shared_location(ana: Chat, repo: Repository) -> None:
    await ana.send("/start")
    confirm, _ = await ana.share_location(40.7128, -74.0060)

    assert confirm.text is not None
    assert confirm.text.startswith("Time zone set: America/New_York (UTC-05:00")
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "America/New_York"


@pytest.mark.parametrize(
    ("language", "city", "zone"),
    [
        ("ru", "Москва", "Europe/Moscow"),
        ("de", "Genf", "Europe/Zurich"),
        ("es", "Londres", "Europe/London"),
    ],
)
async def test_a_city_typed_in_the_users_language_sets_the_zone(
    app: CoachApp, api: LocalBotApi, repo: Repository, language: str, city: str, zone: str
) -> None:
    user = Chat(app, api, user_id=1002, language_code=language)
    await user.send("/start")

    confirm, _ = await user.send(city)

    assert confirm.text is not None and f": {zone} (UTC+0" in confirm.text
    stored = await repo.users.get(1002)
    assert stored is not None and stored.time_zone == zone


async def test_zone_from_the_local_time_typed_is_offered_and_stored_once_confirmed(
    ana: Chat, repo: Repository
) -> None:
    # The clock says 06:30 UTC; a user whose watch shows 15:30 is nine hours ahead.
    await ana.send("/start")
    (offer,) = await ana.send("15:30")

    assert offer.text == (
        "Your clock says 15:30. Which of these time zones is yours? If none of them is, type "
        "your city instead."
    )
    assert buttons(offer)[0] == ["Asia/Tokyo: UTC+09:00 all year"]
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone is None  # a guess is not stored unconfirmed

    confirm, morning = await ana.press("Asia/Tokyo: UTC+09:00 all year")

    assert confirm.text is not None
    assert confirm.text.startswith("Time zone set: Asia/Tokyo (UTC+09:00, 15:30 there now)")
    assert morning.text == texts.MORNING_PROMPT.format(example="06:45")
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "Asia/Tokyo"


async def test_a_phoenix_user_typing_the_time_in_july_is_not_given_los_angeles_silently(
    app: CoachApp, api: LocalBotApi, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 7, 14, 15, 0, tzinfo=UTC)  # 08:00 in Phoenix and Los Angeles
    phoenix = Chat(app, api, user_id=1002, language_code="en-US")
    await phoenix.send("/start")

    (offer,) = await phoenix.send("08:00")

    # The US first, and there the zone that is UTC-7 all year; Los Angeles, an hour off all
    # winter, is the other choice, with its change of clocks shown.
    assert buttons(offer) == [
        ["America/Phoenix: UTC-07:00 all year"],
        ["America/Los_Angeles: UTC-07:00 now, UTC-08:00 from 1 Nov"],
    ]
    await phoenix.press("America/Phoenix: UTC-07:00 all year")
    user = await repo.users.get(1002)
    assert user is not None and user.time_zone == "America/Phoenix"


async def test_a_guess_without_a_region_still_offers_both_ways_of_keeping_time(
    app: CoachApp, api: LocalBotApi, repo: Repository, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 7, 14, 15, 0, tzinfo=UTC)
    user = Chat(app, api, user_id=1003, language_code="")
    await user.send("/start")

    (offer,) = await user.send("8am")
    assert buttons(offer)[1] == ["America/Phoenix: UTC-07:00 all year"]
    confirm, _ = await user.press("America/Los_Angeles: UTC-07:00 now, UTC-08:00 from 1 Nov")

    assert offer.text is not None and offer.text.endswith(
        "\n→ America/Los_Angeles: UTC-07:00 now, UTC-08:00 from 1 Nov"
    )  # the choice stays on the question, its buttons gone
    assert confirm.text is not None and confirm.text.startswith(
        "Time zone set: America/Los_Angeles (UTC-07:00, 08:00 there now)"
    )
    stored = await repo.users.get(1003)
    assert stored is not None and stored.time_zone == "America/Los_Angeles"


@pytest.mark.parametrize(
    ("typed", "zone", "shown"),
    [
        ("UTC+5:30", "Asia/Kolkata", "(UTC+05:30, 12:00 there now)"),
        ("GMT+05:30", "Asia/Kolkata", "(UTC+05:30, 12:00 there now)"),
        ("+05:45", "Asia/Kathmandu", "(UTC+05:45, 12:15 there now)"),
        ("UTC-3", "Etc/GMT+3", "(UTC-03:00, 03:30 there now)"),
    ],
)
async def test_a_typed_utc_offset_sets_a_zone_with_that_offset_now(
    ana: Chat, repo: Repository, typed: str, zone: str, shown: str
) -> None:
    await ana.send("/start")

    confirm, morning = await ana.send(typed)

    assert confirm.text == f"Time zone set: {zone} {shown}."
    assert morning.text == texts.MORNING_PROMPT.format(example="06:45")
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == zone


async def test_a_forged_zone_choice_stores_nothing(ana: Chat, repo: Repository) -> None:
    await ana.send("/start")
    await ana.send("15:30")

    await ana.press_data("p:time_zone:Asia/Calcutta")  # an old name: never stored
    await ana.press_data("p:time_zone:Mars/Olympus")

    user = await repo.users.get(1001)
    assert user is not None and user.time_zone is None
    assert ana.alerts() == [str(texts.EXPIRED)] * 2


@pytest.mark.parametrize(
    ("language", "morning", "run", "stored"),
    [
        ("en", "7", "7 pm", (time(7, 0), time(19, 0))),
        ("en", "7am", "19", (time(7, 0), time(19, 0))),
        ("de", "8", "19h", (time(8, 0), time(19, 0))),
        ("es", "7.30", "18 h", (time(7, 30), time(18, 0))),
        ("ru", "9", "0", (time(9, 0), time(0, 0))),
    ],
)
async def test_a_bare_hour_or_a_short_time_is_taken_where_a_time_is_asked(
    ana: Chat,
    repo: Repository,
    language: str,
    morning: str,
    run: str,
    stored: tuple[time, time],
) -> None:
    """ "7" typed for the morning time was "That doesn't look like a time" (newcomer 13): a
    bare hour 0-23 is that hour, as are "7am", "7 pm", "19h" and "7.30"."""
    ana.language_code = language
    await ana.send("/start")
    await ana.send("Europe/Berlin")

    (run_question,) = await ana.send(morning)
    (new_runner,) = await ana.send(run)

    assert run_question.text == tr(language, texts.RUN_PROMPT.msgid).format(example="18:15")
    assert new_runner.text == tr(language, texts.NEW_RUNNER_PROMPT.msgid)
    user = await repo.users.get(1001)
    assert user is not None and (user.morning_time, user.run_time) == stored


async def test_a_number_under_time_buttons_is_an_hour_not_a_buttons_number(
    ana: Chat, repo: Repository
) -> None:
    """Under 06:30 07:00 07:30 08:00, "2" is 02:00 (refused: it falls in the quiet hours), never
    the second button; under the questions of other buttons a number still presses one."""
    await ana.send("/start")
    await ana.send("Europe/Berlin")

    (refused, again) = await ana.send("2")
    (run_question,) = await ana.send("6")
    await ana.send("17:30")
    said, muscle = await ana.send("1")  # "Are you new to running?": its first button, "Yes"

    assert refused.text == texts.MORNING_IN_QUIET.format(time="02:00", start="22:00", end="06:00")
    assert buttons(again) == [["06:30", "07:00", "07:30", "08:00"]]
    assert run_question.text == texts.RUN_PROMPT.format(example="18:15")
    assert said.text == "Got it: Yes."
    assert muscle.text == str(texts.MUSCLE_PROMPT)
    user = await repo.users.get(1001)
    assert user is not None and (user.morning_time, user.new_runner) == (time(6, 0), True)


async def test_run_time_can_be_left_to_the_user(ana: Chat, repo: Repository) -> None:
    await onboard(ana, run="I start runs myself")

    assert ana.last.text is not None and "• Run time: you start runs yourself" in ana.last.text
    user = await repo.users.get(1001)
    assert user is not None and user.run_time is None and user.onboarded_at is not None


async def test_start_again_keeps_the_data_and_points_to_settings(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana, morning="08:00")

    (reply,) = await ana.send("/start")

    assert reply.text == (
        "Welcome back, Ana! Your settings and history are all still here.\n"
        "Send /checkin for today's suggestion, or /settings to change your answers."
    )
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time == time(8, 0)


async def test_commands_are_registered_with_telegram(ana: Chat, api: LocalBotApi) -> None:
    assert [c["command"] for c in api.commands] == [
        "checkin",
        "today",
        "jog",
        "pause",
        "resume",
        "history",
        "export",
        "delete",
        "settings",
        "start",
        "cancel",
        "help",
    ]


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("es", ("sí", "No", "2"), (True, False, False)),
        ("en", ("yes", "1", "nope"), (True, True, False)),  # informal no (issue 13)
        ("de", ("jo", "nee", "nö"), (True, False, False)),
        ("en", ("yes", "1", "maybe"), None),
    ],
)
async def test_yes_or_no_typed_in_the_users_language_counts_as_the_button(
    ana: Chat,
    repo: Repository,
    language: str,
    typed: tuple[str, str, str],
    stored: tuple[bool, bool, bool] | None,
) -> None:
    """A label, its number, an informal yes or no, or a close spelling is the button; "maybe"
    matches none."""
    ana.language_code = language
    await ana.send("/start")
    await ana.send("Berlin")
    await ana.send("07:30")
    await ana.send("17:30")

    replies = [await ana.send(answer) for answer in typed]

    user = await repo.users.get(1001)
    assert user is not None
    if stored is not None:
        assert (user.new_runner, user.muscle_priority, user.compression_gear) == stored
    else:
        assert (user.new_runner, user.muscle_priority) == (True, True)
        hint, again = replies[-1]
        assert hint.text == str(texts.PICK_A_BUTTON)
        assert again.text == str(texts.COMPRESSION_PROMPT)
