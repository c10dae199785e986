"""The bot speaks the user's language: taken from Telegram at /start, changeable in /settings,
and used for every reply, button and push. Expected texts come from the catalogs themselves."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi
from conversations import i18n, texts
from conversations.checkin import INTENSITY, WALKING, WALKING_LEVELS, WORKOUT
from conversations.coach.advice import (
    DATED_LEG_DAY_CAUSE,
    DATED_WORKOUT_DRIVERS,
    DISCLAIMER,
    Answers,
    LegIntensity,
    Profile,
    Walking,
    Workout,
    advise,
)
from conversations.coach.advice import render_advice as render
from conversations.coach.history import Baseline, describe_baseline
from conversations.coach.timing import WARM_UP
from conversations.i18n import Label, shown_time
from conversations.keyboards import YES_NO
from conversations.profile import SETTING_LINE
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, buttons, check_in
from tests.conftest import tick
from tests.conversations.test_history import NOW, seed


@contextmanager
def speaking(language: str) -> Iterator[None]:
    before = i18n.current()
    i18n.use(language)
    try:
        yield
    finally:
        i18n.use(before)


def tr(language: str, text: Label) -> str:
    with speaking(language):
        return str(text)


def labels(language: str, choices: tuple[tuple[Label, str], ...], per_row: int) -> list[list[str]]:
    shown = [tr(language, label) for label, _ in choices]
    return [shown[i : i + per_row] for i in range(0, len(shown), per_row)]


YES, NO = (label for label, _ in YES_NO)


@pytest.mark.parametrize("language", ["en", "ru", "es", "de"])
async def test_a_full_check_in_in_each_language(
    app: CoachApp, api: LocalBotApi, repo: Repository, language: str
) -> None:
    ana = Chat(app, api, user_id=1001, first_name="Ana", language_code=language)

    welcome, zone_question = await ana.send("/start")
    assert welcome.text == tr(language, texts.WELCOME).format(
        name=", Ana", disclaimer=tr(language, DISCLAIMER)
    )
    assert zone_question.text == tr(language, texts.ZONE_PROMPT)
    assert buttons(zone_question) == [[tr(language, texts.SHARE_LOCATION)]]

    zone_set, morning = await ana.send("Berlin")
    assert zone_set.text is not None
    assert zone_set.text.startswith(tr(language, texts.ZONE_SET).split("{zone}")[0])
    assert morning.text == tr(language, texts.MORNING_PROMPT).format(
        example=tr(language, shown_time(time(6, 45)))
    )
    (run,) = await ana.press(tr(language, shown_time(time(7, 30))))
    assert run.text == tr(language, texts.RUN_PROMPT).format(
        example=tr(language, shown_time(time(18, 15)))
    )
    (new_runner,) = await ana.press(tr(language, shown_time(time(17, 30))))
    assert new_runner.text == tr(language, texts.NEW_RUNNER_PROMPT)
    assert buttons(new_runner) == [[tr(language, YES), tr(language, NO)]]
    (muscle,) = await ana.press(tr(language, NO))
    assert muscle.text == tr(language, texts.MUSCLE_PROMPT)
    (compression,) = await ana.press(tr(language, NO))
    assert compression.text == tr(language, texts.COMPRESSION_PROMPT)
    (done,) = await ana.press(tr(language, NO))
    assert done.text is not None
    assert done.text.startswith(tr(language, texts.SETUP_DONE).split("{summary}")[0])
    with speaking(language):
        language_line = SETTING_LINE.format(setting=i18n._("Language"), value=i18n.NAMES[language])
    assert language_line in done.text

    (workout,) = await ana.press(tr(language, texts.CHECKIN_NOW_BUTTON))
    assert workout.text == tr(language, texts.WORKOUT_PROMPT)
    assert buttons(workout) == labels(language, WORKOUT.choices, 2)
    (intensity,) = await ana.press(tr(language, WORKOUT.choices[0][0]))  # leg day
    assert intensity.text == tr(language, texts.INTENSITY_PROMPT)
    assert buttons(intensity) == labels(language, INTENSITY.choices, 3)
    (overreach,) = await ana.press(tr(language, INTENSITY.choices[0][0]))  # light
    assert overreach.text == tr(language, texts.OVERREACH_PROMPT)
    (walking,) = await ana.press(tr(language, NO))
    assert walking.text == tr(language, texts.WALKING_PROMPT)
    assert buttons(walking) == labels(language, WALKING.choices, 2)  # pain among them
    (verdict,) = await ana.press(tr(language, WALKING.choices[1][0]))  # a bit sore

    answers = Answers(Workout.LEG_DAY, Walking.A_BIT_SORE, LegIntensity.LIGHT, False, False)
    first = Baseline("light", (0, 0), (0, 0))  # a new user's record: calibrating
    with speaking(language):
        expected = render(advise(answers, Profile()), describe_baseline(first))
        band = str(i18n.N_("🟢 Green: good to go"))
    with speaking("en"):
        in_english = render(advise(answers, Profile()), describe_baseline(first))
    assert verdict.text == expected
    assert verdict.text.startswith(band + "\n")
    assert buttons(verdict)[0] == [tr(language, texts.START_15), tr(language, texts.START_20)]
    assert buttons(verdict)[-1] == [tr(language, texts.WHY_BUTTON)]
    if language != "en":
        # Nothing the user saw stayed in English.
        english = {tr("en", texts.WORKOUT_PROMPT), tr("en", texts.WALKING_PROMPT)}
        assert not english & {m.text for m in ana.history}
        assert verdict.text != in_english
    user = await repo.users.get(1001)
    assert user is not None and user.language == language


@pytest.mark.parametrize(
    ("telegram_code", "language"),
    [("de-AT", "de"), ("ru", "ru"), ("es-419", "es"), ("fr", "en"), ("", "en"), ("pt-br", "en")],
)
def test_the_telegram_language_code_picks_one_of_ours(telegram_code: str, language: str) -> None:
    assert i18n.language_for(telegram_code or None) == language


async def test_an_unknown_language_falls_back_to_english(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    pierre = Chat(app, api, user_id=3003, first_name="Pierre", language_code="fr")

    welcome, _ = await pierre.send("/start")

    assert welcome.text is not None and welcome.text.startswith("Hi, Pierre! I'm your")
    user = await repo.users.get(3003)
    assert user is not None and user.language == "en"


async def test_the_language_can_be_changed_in_settings_and_sticks(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    ana = Chat(app, api, user_id=1001, first_name="Ana", language_code="en")
    await ana.send("/start")
    await ana.send("Berlin")
    await ana.press("07:30")
    await ana.press("17:30")
    await ana.press("No")
    await ana.press("No")
    await ana.press("No")
    await ana.send("/settings")

    (question,) = await ana.press("Language")
    assert question.text == tr("en", texts.LANGUAGE_PROMPT)
    assert buttons(question) == [["English", "Русский"], ["Español", "Deutsch"]]
    saved, menu = await ana.press("Deutsch")

    assert saved.text == "Gespeichert."
    assert menu.text is not None and menu.text.startswith("Deine Einstellungen:\n")
    assert "• Sprache: Deutsch" in menu.text
    assert "• Morgen-Check-in: 07:30" in menu.text
    menus = [params for method, params in api.calls if method == "setMyCommands"]
    assert "1001" in str(menus[-1].get("scope"))  # this chat's command menu, in German
    assert "Der Erholungsvorschlag für heute" in str(menus[-1]["commands"])
    (help_text,) = await ana.send("/help")  # Telegram still says "en": the choice wins
    assert help_text.text == tr("de", texts.HELP)
    user = await repo.users.get(1001)
    assert user is not None and user.language == "de"


async def test_pushes_come_in_the_users_language_with_local_dates(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)
    lucia = Chat(app, api, user_id=4004, first_name="Lucía", language_code="es")
    await lucia.send("/start")
    (_, morning) = await lucia.send("Madrid")
    assert buttons(morning) == [["6:30", "7:00", "7:30", "8:00"]]  # Spanish writes H:mm
    await lucia.press("7:30")
    await lucia.press("17:30")
    for _ in range(3):
        await lucia.press("No")

    (menu,) = await lucia.send("/settings")
    assert menu.text is not None and "• Registro de la mañana: 7:30" in menu.text  # es: H:mm
    await lucia.send("/cancel")
    (paused,) = await lucia.send("/pause 2")
    with speaking("es"):  # two days from Monday 21:00 in Madrid: back on Thursday the 15th
        assert paused.text == texts.PAUSED_DAYS.format(2, days=2, day="jue, 15 ene")
    await lucia.send("/resume")

    clock.now = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)  # 07:30 in Madrid
    assert await tick(app) == 1
    push = lucia.last
    assert push.text == tr("es", texts.MORNING_PUSH)
    assert buttons(push) == [
        [tr("es", texts.CHECKIN_NOW_BUTTON)],
        [tr("es", texts.PAUSE_BUTTON), tr("es", texts.CHANGE_TIME_BUTTON)],
    ]
    user = await repo.users.get(4004)
    assert user is not None and user.morning_time == time(7, 30)


async def set_up_in_german(app: CoachApp, api: LocalBotApi, user_id: int, name: str) -> Chat:
    """A user whose Telegram speaks German, through onboarding: Berlin, 07:30, 17:30, three
    times "Nein"."""
    chat = Chat(app, api, user_id=user_id, first_name=name, language_code="de")
    await chat.send("/start")
    await chat.send("Berlin")
    await chat.press("07:30")
    await chat.press("17:30")
    for _ in range(3):
        await chat.press("Nein")
    return chat


async def test_a_timed_cross_training_session_in_german_is_named_so_and_said_naturally(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    """Newcomer 13, in German: the evening after a cross-training session on the timer named it
    "💪 Anderes Training" and said "deine Einheit lief mit meinem Timer"."""
    clock.now = datetime(2026, 1, 13, 6, 45, tzinfo=UTC)  # 07:45 in Berlin
    jonas = await set_up_in_german(app, api, 5005, "Jonas")
    await check_in(jonas, "🏅 Langer Lauf oder Wettkampf", "Normal")  # cross-training offered
    clock.now = datetime(2026, 1, 13, 10, 0, tzinfo=UTC)
    await jonas.send("/jog")
    await jonas.press("🚲 Crosstraining 15 Min.")
    clock.now += WARM_UP + timedelta(minutes=15)
    await jonas.press("Vorzeitig beenden")
    clock.now = datetime(2026, 1, 13, 18, 0, tzinfo=UTC)  # 19:00 in Berlin

    (done,) = await jonas.send("/checkin")

    assert (done.text or "").startswith(
        "Deinen Check-in hast du heute schon gemacht (Crosstraining), und deine Einheit hat "
        "mein Timer erfasst: 🚲 Crosstraining (15 Min.). Das war dein Training für heute"
    )


async def test_a_language_can_be_typed_by_its_own_name(
    app: CoachApp, api: LocalBotApi, repo: Repository
) -> None:
    ana = await set_up_in_german(app, api, 1001, "Ana")
    await ana.send("/settings")
    await ana.press("Sprache")

    hint, again = await ana.send("Klingonisch")
    assert hint.text == tr("de", texts.PICK_A_BUTTON)
    assert again.text == tr("de", texts.LANGUAGE_PROMPT)
    saved, _ = await ana.send("русский")

    assert saved.text == "Сохранено."
    user = await repo.users.get(1001)
    assert user is not None and user.language == "ru"


async def test_history_and_its_chart_in_german_with_german_dates(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = NOW
    jonas = await set_up_in_german(app, api, 5005, "Jonas")
    await seed(repo, 5005, ["normal", "a_bit_sore", "stiff_sore", "normal", "hard"])

    summary, chart = await jonas.send("/history")

    assert summary.text is not None
    assert summary.text.startswith("<b>Seit dem 9. Jan.: 5 Check-ins</b>\n<pre>Tag ")
    assert "\n13. Jan. Beintag" in summary.text  # Babel's German short date
    assert "Check-in-Serie: 5 Tage in Folge." in summary.text
    assert "Dein Verlauf: noch nicht genug." in summary.text
    assert chart.params["caption"] == tr("de", texts.CHART_CAPTION)


async def test_export_in_german_has_german_words_beside_the_codes(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = NOW
    jonas = await set_up_in_german(app, api, 5005, "Jonas")
    await seed(repo, 5005, ["normal", "hard"])
    (jog,) = await repo.jogs.list_for(5005)
    await repo.jogs.set_feeling(jog.id, "tough")

    checkins_csv, jogs_csv, _activities_csv, export_json = await jonas.send("/export")

    checkins = list(csv.DictReader(io.StringIO((checkins_csv.document or b"").decode())))
    assert [(row["walking"], row["walking_text"]) for row in checkins] == [
        ("normal", tr("de", WALKING_LEVELS[0][0])),
        ("hard", tr("de", WALKING_LEVELS[3][0])),
    ]
    assert checkins[-1]["workout_text"] == "Beintag"  # plain words, no button emoji
    (row,) = csv.DictReader(io.StringIO((jogs_csv.document or b"").decode()))
    assert (row["kind_text"], row["status_text"]) == ("Lockerer Lauf", "beendet")
    assert (row["feeling"], row["feeling_text"], row["load"]) == ("tough", "Hart", "75")
    profile = json.loads(export_json.document or b"")["profile"]
    assert (profile["language"], profile["language_code"]) == ("de", "de")


async def test_the_command_menu_is_registered_in_every_language(
    app: CoachApp, api: LocalBotApi
) -> None:
    menus = {
        str(params.get("language_code") or ""): params["commands"]
        for method, params in api.calls
        if method == "setMyCommands" and not params.get("scope")
    }

    assert set(menus) == {"", "ru", "es", "de"}
    for code, language in (("", "en"), ("ru", "ru"), ("es", "es"), ("de", "de")):
        descriptions = [c["description"] for c in _commands(menus[code])]
        assert descriptions == [tr(language, about) for _, about in texts.COMMANDS]


def _commands(raw: Any) -> list[dict[str, str]]:
    """PTB sends the list as JSON text or as a list, depending on how the request is encoded."""
    found: list[dict[str, str]] = json.loads(raw) if isinstance(raw, str) else raw
    return found


async def test_a_german_date_ending_a_sentence_keeps_one_period(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    """German short dates end in an abbreviation's period ("Mo., 12. Jan."): where a sentence
    ends right after one, there is one period, not two."""
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    jonas = await set_up_in_german(app, api, 5005, "Jonas")
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on the 13th

    (question,) = await jonas.send("/checkin")

    assert question.text == (
        "Es ist nach Mitternacht, also zählt dieser Check-in noch für Mo., 12. Jan. Was war "
        "dein Haupttraining am Tag davor, am So., 11. Jan.?"
    )


DATED = [
    texts.WORKOUT_AFTER_MIDNIGHT_PROMPT,
    texts.PAIN_EARLIER_REMINDER,
    texts.PAIN_EASING_BACK_DATED,
    texts.PUSHES_PAUSED_UNTIL,
    DATED_LEG_DAY_CAUSE,
    *DATED_WORKOUT_DRIVERS.values(),
]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_no_date_in_any_language_is_followed_by_a_second_period(language: str) -> None:
    """Every month's short date, in every text that names a day, in each language's format."""
    days = [datetime(2026, month, 8, tzinfo=UTC) for month in range(1, 13)]
    with speaking(language):
        for day in days:
            shown = i18n.format_day(day)
            filled = [text.format(day=shown, before=shown) for text in DATED]
            filled.append(texts.PAUSED_DAYS.format(3, days=3, day=shown))
            for text in filled:
                assert shown in text or shown.rstrip(".") in text, text
                assert ".." not in text, text


async def test_resume_in_german_names_the_next_push_with_am_and_um(
    app: CoachApp, api: LocalBotApi, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 13, 12, 0, tzinfo=UTC)  # a Tuesday
    jonas = await set_up_in_german(app, api, 5005, "Jonas")
    await jonas.send("/pause")

    (reply,) = await jonas.send("/resume")

    assert (
        reply.text == "Die morgendlichen Erinnerungen sind an. Die nächste kommt am Mi. um 07:30."
    )
