"""/settings: every onboarding answer can be changed on its own, and the menu shows the result."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from conversations import texts
from conversations.i18n import translations
from storage.models import MessageKind
from storage.repository import Repository
from tests.chat import Chat, buttons, onboard

MENU_BUTTONS = [
    ["Time zone", "Morning check-in"],
    ["Run time", "New to running"],
    ["Building muscle first", "Compression gear"],
    ["Weekly summary", "Quiet hours"],
    ["Language"],
    ["Done"],
]


async def test_settings_shows_every_answer(ana: Chat) -> None:
    await onboard(ana, zone="Europe/Berlin", morning="07:30", run="17:30")

    (menu,) = await ana.send("/settings")

    assert menu.text == (
        "Your settings:\n"
        "• Time zone: Europe/Berlin\n"
        "• Morning check-in: 07:30\n"
        "• Run time: 17:30\n"
        "• New to running: no\n"
        "• Building muscle first: no\n"
        "• Compression gear: no\n"
        "• Weekly summary: on, Sunday evenings\n"
        "• Quiet hours: 22:00-06:00\n"
        "• Language: English\n\n"
        "Morning pushes: on (/pause, /resume)\n\n"
        "Tap what you'd like to change."
    )
    assert buttons(menu) == MENU_BUTTONS


@pytest.mark.parametrize("language", ["en", "de"])
async def test_every_setting_shown_as_changeable_has_its_button(ana: Chat, language: str) -> None:
    """Issue 13: each "• name: value" line of /settings is named as a button of the menu is,
    in the menu's order; the morning pushes, which no button changes, come apart from them,
    with the commands that do."""
    ana.language_code = language
    no = {"en": "No", "de": "Nein"}[language]
    await onboard(ana, new_runner=no, muscle_first=no, compression=no)

    (menu,) = await ana.send("/settings")

    named = [line[2:].split(": ")[0] for line in (menu.text or "").splitlines() if line[:2] == "• "]
    shown = [label for row in buttons(menu) for label in row]
    done = translations(language).gettext(texts.SETTINGS_DONE_BUTTON.msgid)
    assert named == [label for label in shown if label != done]
    pushes = translations(language).gettext("Morning pushes: {status} (/pause, /resume)")
    assert pushes.split("{status}")[0] in (menu.text or "")


async def test_change_the_morning_time_by_typing_it(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/settings")

    (question,) = await ana.press("Morning check-in")
    assert question.text == texts.MORNING_PROMPT.format(example="06:45")
    saved, menu = await ana.send("6:45")

    assert saved.text == "Saved."
    assert menu.text is not None and "• Morning check-in: 06:45" in menu.text
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time == time(6, 45)


@pytest.mark.parametrize(
    ("setting", "typed", "shown", "field", "stored"),
    [
        ("Morning check-in", "7", "• Morning check-in: 07:00", "morning_time", time(7, 0)),
        ("Run time", "19h", "• Run time: 19:00", "run_time", time(19, 0)),
        ("Run time", "6 pm", "• Run time: 18:00", "run_time", time(18, 0)),
    ],
)
async def test_change_a_time_by_typing_the_hour(
    ana: Chat, repo: Repository, setting: str, typed: str, shown: str, field: str, stored: time
) -> None:
    await onboard(ana)
    await ana.send("/settings")
    await ana.press(setting)

    saved, menu = await ana.send(typed)

    assert saved.text == "Saved."
    assert menu.text is not None and shown in menu.text
    user = await repo.users.get(1001)
    assert user is not None and getattr(user, field) == stored


async def test_change_the_zone_by_sharing_a_location(ana: Chat, repo: Repository) -> None:
    await onboard(ana, zone="Europe/Berlin")
    await ana.send("/settings")
    await ana.press("Time zone")

    confirm, menu = await ana.share_location(40.7128, -74.0060)

    assert confirm.text is not None and confirm.text.startswith("Time zone set: America/New_York")
    assert menu.text is not None and "• Time zone: America/New_York" in menu.text
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "America/New_York"


async def test_change_the_zone_by_typing_an_offset_with_minutes(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    await ana.send("/settings")
    await ana.press("Time zone")

    confirm, menu = await ana.send("+05:45")

    assert confirm.text == "Time zone set: Asia/Kathmandu (UTC+05:45, 12:15 there now)."
    assert menu.text is not None and "• Time zone: Asia/Kathmandu" in menu.text
    (morning,) = [m for m in await repo.schedule.pending(1001) if m.kind == MessageKind.MORNING]
    assert morning.due_at == datetime(2026, 1, 14, 1, 45, tzinfo=UTC)  # 07:30 in Kathmandu


async def test_change_the_zone_by_typing_the_time_and_picking_the_guess(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana, zone="Europe/Berlin")
    await ana.send("/settings")
    await ana.press("Time zone")

    (offer,) = await ana.send("01:30")  # New York, five hours behind 06:30 UTC
    assert buttons(offer)[0] == ["America/New_York: UTC-05:00 now, UTC-04:00 from 8 Mar"]
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "Europe/Berlin"  # nothing changed yet

    confirm, menu = await ana.press("America/New_York: UTC-05:00 now, UTC-04:00 from 8 Mar")

    assert confirm.text is not None and confirm.text.startswith("Time zone set: America/New_York")
    assert menu.text is not None and menu.text.startswith("Your settings:")
    user = await repo.users.get(1001)
    assert user is not None and user.time_zone == "America/New_York"


async def test_change_a_yes_no_answer_and_close(ana: Chat, repo: Repository) -> None:
    await onboard(ana, compression="No")
    await ana.send("/settings")
    await ana.press("Compression gear")
    await ana.press("Yes")

    (closed,) = await ana.press("Done")

    assert closed.text == str(texts.SETTINGS_CLOSED)
    user = await repo.users.get(1001)
    assert user is not None and user.compression_gear is True
    assert user.morning_time == time(7, 30)  # nothing else changed


async def test_settings_before_setup_points_to_start(ana: Chat) -> None:
    (reply,) = await ana.send("/settings")

    assert reply.text == str(texts.NOT_SET_UP)


async def test_time_questions_offer_only_what_they_would_take(ana: Chat, repo: Repository) -> None:
    """Issue 13: with quiet hours 23:00-07:00 the morning question offered 06:30 and "like
    06:45", then refused both. Every time question offers, and names as its example, only
    answers outside the quiet hours; the quiet hours question only ranges that leave the
    morning check-in free."""
    await onboard(ana, morning="07:30")
    await ana.send("/settings")
    await ana.press("Quiet hours")
    await ana.press("23:00-07:00")

    (morning,) = await ana.press("Morning check-in")
    assert morning.text == texts.MORNING_PROMPT.format(example="07:15")
    assert buttons(morning) == [["07:00", "07:30", "08:00"]]
    await ana.press("07:00")
    user = await repo.users.get(1001)
    assert user is not None and user.morning_time == time(7, 0)

    (quiet,) = await ana.press("Quiet hours")
    assert quiet.text == texts.QUIET_PROMPT.format(example="22:30-06:30")
    assert buttons(quiet) == [["22:00-06:00", "23:00-07:00", "21:00-06:00"], ["No quiet hours"]]
    await ana.send("23:00-06:00")
    await ana.press("Morning check-in")
    await ana.send("06:00")  # no 06:00 button: typed

    (quiet,) = await ana.press("Quiet hours")
    assert quiet.text == texts.QUIET_PROMPT.format(example="22:30-06:00")
    assert buttons(quiet) == [["22:00-06:00", "21:00-06:00", "No quiet hours"]]
    await ana.press("21:00-06:00")
    user = await repo.users.get(1001)
    assert user is not None and (user.quiet_start, user.quiet_end) == (time(21), time(6))


async def test_the_run_time_question_leaves_out_the_quiet_hours(ana: Chat) -> None:
    await onboard(ana, morning="08:00")
    await ana.send("/settings")
    await ana.press("Quiet hours")
    await ana.send("18:00-08:00")

    (run,) = await ana.press("Run time")

    assert run.text == texts.RUN_PROMPT.format(example="08:15")
    assert buttons(run) == [["12:00", "17:30", "I start runs myself"]]
