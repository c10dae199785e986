"""Nothing the bot sends can break a Bot API limit: every text at its longest, in every
language, fits; echoed user text is shortened; a text that would not fit is split (or, for a
push, shortened); and the stand-in, which refuses what Telegram refuses, sees no refusal."""

from __future__ import annotations

import importlib
import itertools
import pkgutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from string import Formatter
from zoneinfo import available_timezones

import pytest

import conversations
from bot.runtime import CoachApp
from bot.standin.local_api import LocalBotApi, SentMessage
from conversations import i18n, limits, texts
from conversations.activities import DONE_TODAY_FILES, SPORT_NAMES
from conversations.buttons import (
    MAX_BYTES,
    ActivityLegs,
    ButtonData,
    CheckinAnswer,
    CheckinFromFile,
    JogCancel,
    JogFeeling,
    JogFinish,
    JogRemind,
    JogSkip,
    JogStart,
    JogStartAnyway,
    ProfileAnswer,
    SettingsItem,
)
from conversations.checkin import INTENSITY, WORKOUT, told_workout
from conversations.coach.activities import LABELS
from conversations.coach.advice import (
    AS_PLANNED_GENTLY,
    DISCLAIMER,
    NO_PAIN,
    NO_PAIN_AND,
    PAIN_DRIVER,
    REST_TONIGHT_NAME,
    RUN_AFTER_WAITING_NAMES,
    VERDICT_NAMES,
    WALKING_DRIVERS,
    WALKING_LIMITS,
    WORKOUT_DRIVERS,
    WORKOUT_NOUNS,
    Answers,
    LegIntensity,
    Profile,
    Verdict,
    Walking,
    Workout,
    advise,
    render_advice,
    why_screen,
)
from conversations.coach.history import (
    Day,
    Evidence,
    Run,
    Week,
    describe_both,
    describe_evidence,
    describe_week,
)
from conversations.coach.routine import ROUTINE
from conversations.common import frozen_text
from conversations.i18n import Plural, Text, format_day, format_time
from conversations.parsing import describe_zone
from conversations.profile import SETTINGS, summary
from conversations.pushes import push_status
from conversations.records import history_blocks
from conversations.routine import dose, slot
from storage.models import MessageKind, User
from storage.repository import Repository
from tests.chat import Chat, FrozenClock, onboard
from tests.conftest import tick

NOW = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
A_YEAR = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]


def longest(values: Iterator[str] | list[str]) -> str:
    return max(values, key=limits.length)


def longest_user() -> User:
    """A user whose every setting reads as long as it can."""
    return User(
        telegram_user_id=1,
        chat_id=1,
        time_zone=max(available_timezones(), key=len),
        morning_time=time(23, 59),
        run_time=time(23, 59),
        new_runner=True,
        muscle_priority=True,
        compression_gear=True,
        paused=True,
        paused_until=NOW + timedelta(days=60),
        weekly_summary=True,
        quiet_start=time(23, 59),
        quiet_end=time(22, 58),
        language=longest(list(i18n.NAMES)),
        active=True,
    )


def longest_values() -> dict[str, object]:
    """Each placeholder of the texts at the longest value it can take, in the current language.
    A new placeholder fails the test below until its longest value is added here."""
    hour = longest(format_time(time(h, m)) for h in range(24) for m in (0, 59))
    day = longest(format_day(d) for d in A_YEAR)
    # A workout as a push or the check-in repeats it: a leg day with its intensity.
    workout = longest(
        [told_workout(value, None) for _, value in WORKOUT.choices]
        + [told_workout("leg_day", value) for _, value in INTENSITY.choices]
    )
    # The next check-in's walking in a change line, as a driver or as a limit.
    walking = longest(str(t) for t in (*WALKING_DRIVERS.values(), *WALKING_LIMITS.values()))
    return {
        "name": ", " + limits.echo("W" * 300),  # a first name is the user's own text
        "disclaimer": str(DISCLAIMER),
        "zone": describe_zone(max(available_timezones(), key=len), NOW),
        "summary": summary(longest_user()),
        "setting": longest(str(label) for _, label in SETTINGS),
        "value": longest(
            line.split(": ", 1)[1] for line in summary(longest_user()).splitlines() if ": " in line
        ),
        "status": push_status(longest_user()),
        # a verdict's name, or rule 5's in a change line, by when the run comes back
        "verdict": longest(
            str(v) for v in (*VERDICT_NAMES.values(), *RUN_AFTER_WAITING_NAMES.values())
        ),
        "command": limits.echo("/" + "x" * 4052),
        "time": hour,
        "asked": hour,
        "start": hour,
        "end": hour,
        # a time, or quiet hours written as a range of two (profile.offered)
        "example": texts.QUIET_RANGE.format(start=hour, end=hour),
        "day": day,
        "before": day,
        "leg_day": day,
        # the morning after an evening check-in repeats its headline, as the morning reads it
        "headline": longest(
            advise(a, Profile(*flags)).headline
            for a in every_advice()
            if isinstance(a, Answers)
            for flags in itertools.product((True, False), repeat=3)
        ),
        "days": 60,
        "minutes": 999,
        "planned": 20,
        "kind": longest(str(t) for t in texts.JOG_KINDS.values()),
        # the day's session done, before "How did it feel?" asked again
        "done": longest(
            texts.DAY_RUN_DONE.format(kind=str(t), minutes=999) for t in texts.JOG_KINDS.values()
        ),
        # the running-timer line under text that names nothing while a session runs
        "running": longest(
            [
                str(texts.DAY_TIMER_RUNNING),
                texts.ROUTINE_RUNNING_LEFT.format(999, planned=20, minutes=999),
            ]
        ),
        "finish": str(texts.FINISH_EARLY),
        "cancel": str(texts.CANCEL_RUN),
        "drivers": ", ".join(
            str(t) for t in (*WORKOUT_DRIVERS.values(), *WALKING_DRIVERS.values(), PAIN_DRIVER)
        ),
        "condition": longest(
            [str(t) for t in (*WALKING_DRIVERS.values(), PAIN_DRIVER, NO_PAIN)]
            + [NO_PAIN_AND.format(walking=walking)]
        ),
        "walking": walking,
        # every verdict of a week named, those named apart too, seven days each at most
        "verdicts": "; ".join(
            f"{v} ×7"  # noqa: RUF001
            for v in (*VERDICT_NAMES.values(), AS_PLANNED_GENTLY, REST_TONIGHT_NAME)
        ),
        # Activity files: numbers as big as a file can hold, the longest of each kind of words.
        "km": "9999.9",
        "pace": "99:59",
        "usual": "99:59",
        "hr": 250,
        "bpm": 250,
        "share": "100%",
        "sport": longest(str(t) for t in SPORT_NAMES.values()),
        "details": f"9999.9 km, 99:59:59 {'x' * 20}, {'x' * 40} 250 bpm",
        "activity": str(texts.ACTIVITY_SUMMARY).format(
            sport=longest(str(t) for t in SPORT_NAMES.values()),
            day=day,
            time=hour,
            details=f"9999.9 km, 99:59:59 {'x' * 20}, {'x' * 40} 250 bpm",
        ),
        "label": longest(str(t) for t in LABELS.values()),
        "purpose": longest(
            str(t)
            for t in (
                texts.ACTIVITY_FOR_TODAY,
                texts.ACTIVITY_FOR_TOMORROW,
                texts.ACTIVITY_FOR_HISTORY,
            )
        ),
        "reason": "x" * 200,
        "button": str(texts.ACTIVITY_USE_FOR_TODAY),  # the only button a text names
        # a button's label said back after a typed answer: longer than any of ours
        "answer": "W" * 100,
        "workout": workout,
        # The morning push after an evening that said the session the bot timed says it as the
        # check-in does (checkin.timed_line).
        "said": longest(
            [
                *(
                    str(text).format(
                        day=day,
                        workout=texts.WORKOUT_WITH_MINUTES.format(workout=workout, minutes=999),
                    )
                    for text in texts.CHECKIN_TIMED.values()
                ),
                # A session timed and more training told that evening, both named.
                *(
                    str(text).format(
                        day=day,
                        session=texts.WORKOUT_WITH_MINUTES.format(workout=workout, minutes=999),
                        workout=workout,
                    )
                    for text in (texts.CHECKIN_TOLD_AND_TIMED, texts.CHECKIN_TOLD_AND_TIMED_DATED)
                ),
            ]
        ),
        # Two workouts of one day in a verdict's reason (coach.advice.drivers_of).
        "first": longest(str(t) for t in WORKOUT_NOUNS.values()),
        "second": longest(str(t) for t in WORKOUT_NOUNS.values()),
        # A session the bot timed as the evening of a day checked in names it (checkin.
        # timed_session).
        "session": texts.WORKOUT_WITH_MINUTES.format(workout=workout, minutes=999),
        "intensity": longest(str(label).lower() for label, _ in INTENSITY.choices),
        # The routine: counts as big as a routine of its shape could hold, its longest words.
        "count": 999,
        "number": 999,
        "sets": 999,
        "reps": texts.ROUTINE_REPS.format(999, count=999),
        "dose": longest(dose(replace(move, sets=999, reps=999)) for move in ROUTINE),
        "move": longest(str(move.name) for move in ROUTINE),
        "how": longest(str(move.how) for move in ROUTINE),
        "length": longest(slot(replace(move, seconds=999 * 60 + 30)) for move in ROUTINE),
    }


def marked_texts() -> Iterator[tuple[str, Text | Plural]]:
    """Every marked module-level text of the conversations package, inside dicts and tuples
    too: (where it is, the text)."""
    for module_info in pkgutil.walk_packages(conversations.__path__, "conversations."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            yield from _found(f"{module_info.name}.{name}", value)


def _found(where: str, value: object) -> Iterator[tuple[str, Text | Plural]]:
    if isinstance(value, Text | Plural):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _found(f"{where}[{key!r}]", item)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _found(f"{where}[{index}]", item)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def rendered(text: Text | Plural, values: dict[str, object]) -> list[str]:
    if isinstance(text, Text):
        return [text.format(**{k: values[k] for k in fields(str(text))})]
    forms = [text.format(n, **values) for n in (1, 2, 5, 60, 999)]
    return forms


CAPTIONS = {id(texts.CHART_CAPTION), *(id(t) for t in texts.EXPORT_CAPTIONS.values())}
ALERTS = {id(texts.EXPIRED), id(texts.PRIVATE_ONLY), id(texts.PRESSED_ALREADY)}
COMMAND_MENU = {id(about) for _, about in texts.COMMANDS}


@pytest.fixture(params=i18n.LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each language in turn, spoken for the test and put back afterwards, so no later test
    inherits it."""
    before = i18n.current()
    i18n.use(request.param)
    yield str(request.param)
    i18n.use(before)


def test_every_text_at_its_longest_fits_in_every_language(language: str) -> None:
    values = longest_values()
    found = list(marked_texts())
    assert len(found) > 150  # the walk really found the texts

    for where, text in found:
        msgid = text.msgid if isinstance(text, Text) else text.plural
        missing = fields(msgid) - set(values)
        assert not missing, f"{where}: no longest value for {missing}"
        limit = limits.MAX_TEXT
        if id(text) in CAPTIONS:
            limit = limits.MAX_CAPTION
        elif id(text) in ALERTS:
            limit = limits.MAX_ALERT
        elif id(text) in COMMAND_MENU:
            limit = 256  # setMyCommands: a description is 1-256 characters
        for shown in rendered(text, values):
            assert 0 < limits.length(shown) <= limit, (where, language, limits.length(shown))
            # Whatever a message shows, with the answer frozen under it, still fits.
            assert limits.length(frozen_text(shown, shown)) <= limits.MAX_TEXT


def longest_done() -> str:
    """What a check-in says of today's files at its longest (activities.done_today): the most
    files it names, each as long as a summary gets, and the longer closing line."""
    activity = str(longest_values()["activity"])
    files = [str(texts.DONE_TODAY).format(activity=activity)] * DONE_TODAY_FILES
    return "\n".join([*files, longest([str(texts.DONE_TODAY_COUNTS), str(texts.DONE_TODAY_REST)])])


def every_advice() -> Iterator[Answers | Profile]:
    yes_no_none = (True, False, None)
    for workout, walking, intensity, overreached, pain in itertools.product(
        Workout, Walking, (*LegIntensity, None), yes_no_none, yes_no_none
    ):
        yield Answers(workout, walking, intensity, overreached, pain)


def test_every_rule_rendered_for_every_profile_fits_in_a_message_and_a_push(
    language: str,
) -> None:
    lengths = set()
    done = longest_done()
    for answers in every_advice():
        assert isinstance(answers, Answers)
        for flags in itertools.product((True, False), repeat=3):
            advice = render_advice(advise(answers, Profile(*flags)), done=done)
            for text in (
                advice,
                f"{texts.REPLACED_NOTE}\n\n{advice}",  # a check-in that replaced the day's first
            ):
                lengths.add(limits.length(text))
    assert len(lengths) > 8 and max(lengths) <= limits.MAX_TEXT


def leg_days_of_every_intensity(cases: int) -> tuple[list[Day], list[Run]]:
    """`cases` leg days of each intensity with an easy run reported the next morning and as
    many without, each followed by a check-in two days later."""
    days: list[Day] = []
    start = date(2020, 1, 1)
    for n, (level, jogged) in enumerate(
        itertools.product(("light", "moderate", "heavy", None), (True, False) * cases)
    ):
        leg_day = start + timedelta(days=3 * n)
        days += [
            Day(leg_day + timedelta(days=1), "leg_day", "a_bit_sore", "easy_jog", level),
            Day(
                leg_day + timedelta(days=2), "easy_run" if jogged else "rest", "hard", "as_planned"
            ),
        ]
    return days, []


def test_the_weekly_summary_and_the_history_at_their_longest_are_one_message(
    language: str,
) -> None:
    evidence = [
        Evidence((3,) * 999, (0,) * 999),
        Evidence((0,) * 999, (3,) * 999),
        Evidence((), ()),
    ]
    weeks = [
        Week(
            7,
            99,
            9999,
            2.99,
            0.01,
            cross=99,
            cross_minutes=9999,
            routines=99,
            routine_minutes=9999,
        ),
        Week(7, 99, 9999, 0.01, 2.99),
        Week(0, 0, 0, None, None),
    ]
    # Under the evidence, what it counts and the check-in's 📊 line for each intensity, with
    # three-digit counts (describe_both: its first line is the evidence itself).
    split = describe_both(*leg_days_of_every_intensity(100)).split("\n")[1:]
    assert len(split) == 5
    for figures, found in itertools.product(weeks, evidence):
        push = "\n".join([f"{describe_week(figures)}\n\n{describe_evidence(found)}", *split])
        assert limits.length(push) <= limits.MAX_TEXT

    today = date(2026, 9, 30)
    labels = list(itertools.product(Workout, Walking, ("rest_day", "easy_or_cross", "as_planned")))
    days = [Day(today - timedelta(days=n), w, k, a) for n, (w, k, a) in enumerate(labels)]
    days += leg_days_of_every_intensity(100)[0]  # long before: only in the evidence lines
    # Each day a run, cross-training and the routine, the longest the session column gets:
    # 999'+🚲999'+🧘999'.
    runs = [
        Run(today - timedelta(days=n), 999, True, kind=k)
        for n in range(14)
        for k in texts.JOG_KINDS
    ]
    pieces = limits.pack(history_blocks(days, runs, today), as_html=True)
    assert len(pieces) == 1 and limits.html_length(pieces[0]) <= limits.MAX_TEXT


@pytest.mark.parametrize(
    "button",
    [
        ProfileAnswer("compression_gear", "22:00-06:00"),
        CheckinAnswer("ffffffff", "leg_intensity", "hard_session"),
        SettingsItem("compression_gear"),
        JogStart("cross", 20, date.max.toordinal()),
        JogStartAnyway("jog", 20, date.max.toordinal()),
        JogRemind("snooze", "cross", date.max.toordinal()),
        JogSkip("cross", date.max.toordinal()),
        JogFinish(10**18 - 1),
        JogCancel(10**18 - 1),
        JogFeeling(10**18 - 1, "right"),
        ActivityLegs(10**18 - 1, "yes"),
        CheckinFromFile("f" * 8),
    ],
    ids=lambda b: type(b).__name__,
)
def test_every_button_family_at_its_longest_is_within_64_bytes(button: ButtonData) -> None:
    assert MAX_BYTES == limits.MAX_CALLBACK_DATA == 64
    assert len(button.pack().encode()) <= 64


def test_shorten_split_and_pack_keep_within_the_limit() -> None:
    assert limits.shorten("short", 10) == "short"
    assert limits.shorten("hello wonderful world", 16) == "hello wonderful…"
    assert limits.length(limits.shorten("🏃" * 100, 11)) <= 11  # never half an emoji
    assert limits.echo("/x  with\nnew lines") == "/x with new lines"

    text = "\n\n".join(f"Paragraph {n}: " + "word " * 300 for n in range(10))
    pieces = limits.split(text)
    assert len(pieces) > 1 and all(limits.length(p) <= limits.MAX_TEXT for p in pieces)
    assert all(p.startswith("Paragraph") for p in pieces)  # cut at paragraphs
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())  # nothing lost
    assert [limits.length(p) for p in limits.split("x" * 9000)] == [4096, 4096, 808]

    small, table = "<b>Head</b>", "<pre>" + "a &lt; b\n" * 1000 + "</pre>"
    packed = limits.pack([small, "one", "two"], as_html=True)
    assert packed == ["<b>Head</b>\n\none\n\ntwo"]
    too_big = limits.pack([small, table], as_html=True)
    assert too_big[0] == small and all("<pre>" not in p for p in too_big[1:])
    assert all(limits.html_length(p) <= limits.MAX_TEXT for p in too_big)


# End to end: what the stand-in (which refuses as Telegram does) actually receives.


@pytest.mark.parametrize("message", ["/" + "x" * 4052, "/dance " + "x" * 4046])
async def test_a_4053_character_unknown_command_gets_a_short_reply(
    ana: Chat, api: LocalBotApi, message: str
) -> None:
    assert len(message) == 4053
    await onboard(ana)

    (reply,) = await ana.send(message)

    assert reply.text is not None and reply.text.startswith("I don't know /")
    assert reply.text.endswith(". Send /help to see what I can do.")
    assert limits.length(reply.text) < 200
    assert str(texts.ERROR) not in ana.texts(ana.history)


async def test_a_long_unknown_command_inside_a_dialog_is_named_back_short(ana: Chat) -> None:
    await onboard(ana)
    await ana.send("/settings")

    (reply,) = await ana.send("/" + "ё" * 4052)

    assert reply.text is not None and "ё" * 60 + "…" in reply.text
    assert limits.length(reply.text) < 200


async def test_a_text_too_long_for_one_message_comes_as_several_with_the_buttons_last(
    ana: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    await onboard(ana)
    long_help = "\n\n".join(f"Line {n}: " + "help " * 200 for n in range(10))
    monkeypatch.setattr(texts, "HELP", long_help)

    replies = await ana.send("/help")

    assert len(replies) == 3
    assert " ".join(" ".join(ana.texts(replies)).split()) == " ".join(long_help.split())
    assert all(limits.length(m.text or "") <= limits.MAX_TEXT for m in replies)


async def test_a_push_too_long_for_one_message_is_shortened_not_refused(
    app: CoachApp, ana: Chat, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await onboard(ana, zone="Europe/Berlin", morning="07:30")
    monkeypatch.setattr(texts, "MORNING_PUSH", "Good morning! " * 400)
    clock.now = datetime(2026, 1, 14, 6, 30, tzinfo=UTC)  # 07:30 in Berlin, the next day

    assert await tick(app) == 1

    push = ana.last
    assert push.text is not None and push.text.endswith("…")
    assert limits.length(push.text) <= limits.MAX_TEXT
    assert push.reply_markup is not None  # the buttons still came with it


async def tap(chat: Chat, index: int) -> list[SentMessage]:
    """Press the index-th button of the newest message with buttons, whatever its language."""
    message = chat.last_with_buttons()
    rows = (message.reply_markup or {})["inline_keyboard"]
    return await chat.press_data([b for row in rows for b in row][index]["callback_data"], message)


async def test_the_why_screen_history_and_export_are_accepted_in_every_language(
    app: CoachApp, api: LocalBotApi, repo: Repository, language: str
) -> None:
    chat = Chat(app, api, user_id=2001, first_name="W" * 64)
    await onboard(chat)
    await repo.users.update(2001, NOW, language=language)
    await chat.send("/checkin")
    for index in (0, 0, 1, 1):  # leg day, light, not overreached, a bit sore
        await tap(chat, index)
    (screen,) = await tap(chat, -1)  # why? both sides
    history = await chat.send("/history")
    export = await chat.send("/export")

    assert screen.text == why_screen(Verdict.EASY_JOG)  # in `language`, which the fixture speaks
    assert [m.method for m in history] == ["sendMessage", "sendPhoto"]
    assert [m.method for m in export] == ["sendDocument"] * 4
    assert api.errors == []
    assert not any(str(texts.ERROR) in (m.text or "") for m in api.sent)


def test_no_push_kind_is_left_unfitted() -> None:
    from conversations.renderers import RENDERERS

    assert set(RENDERERS) == set(MessageKind)
    assert all(r.render.__qualname__.startswith("_fitted") for r in RENDERERS.values())
