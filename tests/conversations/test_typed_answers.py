"""Typing instead of tapping: while a keyboard is the latest in the chat, its button's label (in
the user's language or in English), its number or a close spelling counts as that button, for
every keyboard the bot sends; text matching nothing gets the reply it got before.

The table walks every keyboard: for each of its buttons, a fresh user is brought to it and
taps the button, and other fresh users type it instead; each sees what the tapping one saw."""

from __future__ import annotations

import itertools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest

from bot.standin.local_api import SentMessage
from conversations import jog, texts
from conversations.coach.advice import WORKOUT_WORDS
from conversations.i18n import in_english, plain_words, translations
from conversations.keyboards import typed_choice
from conversations.parsing import parse_hhmm
from conversations.planning import plan_morning
from storage.repository import Repository
from tests.activity_files import fit_file, gpx_file
from tests.chat import Chat, FrozenClock, button_data, buttons
from tests.conftest import tick
from tests.conversations.test_languages import speaking

# 07:30 on a Tuesday in Berlin; the users' morning push is at 06:30, so none is due today.
START = datetime(2026, 1, 13, 6, 30, tzinfo=UTC)
LANGUAGES = ("en", "de", "ru", "es")
_users = itertools.count(5000)


def tr(language: str, msgid: str) -> str:
    return translations(language).gettext(msgid)


@dataclass
class World:
    """What a reach needs: the app and stand-in (through a chat), the clock and the storage."""

    clock: FrozenClock
    repo: Repository
    template: Chat
    language: str

    async def fresh(self) -> Chat:
        """A new user, set up as /start would leave them, in the world's language."""
        self.clock.now = START
        uid = next(_users)
        chat = Chat(self.template.app, self.template.api, uid, language_code=self.language)
        await self.repo.users.ensure(uid, uid, START)
        user = await self.repo.users.update(
            uid,
            START,
            time_zone="Europe/Berlin",
            morning_time=time(6, 30),
            run_time=time(17, 30),
            new_runner=False,
            muscle_priority=False,
            compression_gear=False,
            language=self.language,
            onboarded_at=START,
        )
        await plan_morning(self.repo, user, START)
        return chat


Reach = Callable[[Chat, World], Awaitable[SentMessage]]


async def tap_value(chat: Chat, suffix: str) -> list[SentMessage]:
    """Tap the button whose data ends with `suffix` on the newest message with buttons: by what
    it carries, so the same step serves every language. The jog offer's buttons end with their
    check-in day, which `suffix` leaves out ("j:in:jog" is "j:in:jog:<day>")."""
    message = chat.last_with_buttons()
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for button in row:
            data = str(button["callback_data"])
            if data.endswith(suffix) or re.fullmatch(re.escape(suffix) + r":\d+", data):
                return await chat.press_data(button["callback_data"], message)
    raise AssertionError(f"no button ending {suffix!r} in {buttons(message)}")


async def checked_in(chat: Chat, *values: str) -> SentMessage:
    await chat.send("/checkin")
    replies: list[SentMessage] = []
    for value in values:
        replies = await tap_value(chat, f":{value}")
    return replies[-1]


GREEN = ("leg_day", "moderate", "no", "normal")
RACE = ("long_race", "normal")
HARD = ("leg_day", "heavy", "no", "hard")
GENTLE = ("rest", "stiff_sore")


def verdict(*values: str) -> Reach:
    async def reach(chat: Chat, world: World) -> SentMessage:
        return await checked_in(chat, *values)

    return reach


def jog_after(*values: str) -> Reach:
    async def reach(chat: Chat, world: World) -> SentMessage:
        if values:
            await checked_in(chat, *values)
        (offer,) = await chat.send("/jog")
        return offer

    return reach


async def timer(chat: Chat, world: World) -> SentMessage:
    await chat.send("/jog")
    (warm_up,) = await tap_value(chat, "j:go:jog:15")
    world.clock.advance(minutes=8)
    return warm_up


async def feeling(chat: Chat, world: World) -> SentMessage:
    await timer(chat, world)
    (finished,) = await tap_value(chat, "j:end:" + _session_of(chat))
    return finished


def _session_of(chat: Chat) -> str:
    data = chat.last_with_buttons().reply_markup or {}
    return str(data["inline_keyboard"][0][0]["callback_data"]).rsplit(":", 1)[1]


async def jog_reminder(chat: Chat, world: World) -> SentMessage:
    await checked_in(chat, *GREEN)
    await tap_value(chat, "j:in:jog")
    world.clock.advance(minutes=61)
    await tick(chat.app)
    return chat.last


async def morning_push(chat: Chat, world: World) -> SentMessage:
    world.clock.advance(hours=23)  # 06:30 tomorrow in Berlin
    await tick(chat.app)
    return chat.last


def setup_question(field: str) -> Reach:
    """A question of /start: the user is set up anew from the beginning."""

    async def reach(chat: Chat, world: World) -> SentMessage:
        await world.repo.users.update(chat.user_id, START, onboarded_at=None)
        await chat.send("/start")
        await chat.send("Europe/Berlin")
        if field in ("run_time", "new_runner"):
            await tap_value(chat, "p:morning_time:07:00")
        if field == "new_runner":
            await tap_value(chat, "p:run_time:17:30")
        return chat.last

    return reach


def settings(item: str | None = None) -> Reach:
    async def reach(chat: Chat, world: World) -> SentMessage:
        (menu,) = await chat.send("/settings")
        if item is None:
            return menu
        (question,) = await tap_value(chat, f"s:{item}")
        return question

    return reach


KEYBOARDS: dict[str, Reach] = {
    "green verdict": verdict(*GREEN),
    "cross-training verdict": verdict(*RACE),
    "strength and mobility verdict": verdict(*HARD),
    "/jog": jog_after(),
    "/jog on a no-run, cross-training day": jog_after(*RACE),
    "/jog on a strength and mobility day": jog_after(*HARD),
    "/jog on a go-gently day": jog_after(*GENTLE),
    "the running timer": timer,
    "how did it feel": feeling,
    "jog reminder": jog_reminder,
    "morning push": morning_push,
    "morning time at /start": setup_question("morning_time"),
    "run time at /start": setup_question("run_time"),
    "yes or no at /start": setup_question("new_runner"),
    "/settings menu": settings(),
    "quiet hours in /settings": settings("quiet_hours"),
    "language in /settings": settings("language"),
    "weekly summary in /settings": settings("weekly_summary"),
}


def near_miss(label: str) -> str | None:
    """The label with one letter of its longest word left out; None for a label with no word of
    four letters (a time, "No"): those only count typed as they are."""
    words = re.findall(r"[^\W\d_]{4,}", label)
    if not words:
        return None
    word = max(words, key=len)
    return label.replace(word, word[:2] + word[3:], 1)


def seen(replies: list[SentMessage]) -> list[tuple[str, list[list[str]]]]:
    return [(m.text or "", buttons(m)) for m in replies]


# How the line that says back a typed answer's button starts, in each language (texts.TYPED_AS).
ECHO_STARTS = tuple(
    tr(language, texts.TYPED_AS.msgid).split("{answer}")[0] for language in LANGUAGES
)


def is_echo(message: tuple[str, list[list[str]]]) -> bool:
    """The line that says back the button a typed answer was taken for (in the language the
    reply speaks: a typed language is said in the language it chose)."""
    text, under = message
    return not under and text.startswith(ECHO_STARTS) and "\n" not in text


def after_echo(replies: list[SentMessage]) -> list[SentMessage]:
    """The replies to a typed answer past the line that says it back (tested on its own in
    test_a_typed_answer_is_said_back_before_the_next_question): what a tap gets."""
    if replies and is_echo((replies[0].text or "", buttons(replies[0]))):
        return replies[1:]
    return replies


# Numbers and close spellings work the same whatever the script: tried in English and Russian;
# German and Spanish labels are typed as shown and in English.
EVERY_FORM = ("en", "ru")


def typed_forms(
    language: str, label: str, number: int, numbered: bool = True
) -> list[tuple[str, str]]:
    """How the button may be typed: its label as shown (and in English, if it is another and a
    whole text of the catalog), its number (unless `numbered` is False: under buttons that are
    times a number is an hour), and a close spelling."""
    forms = [("label", label)]
    english = in_english(label, language)
    if english is not None and english != label:
        forms.append(("English label", english))
    if language not in EVERY_FORM:
        return forms
    if numbered:
        forms.append(("number", str(number)))
    close = near_miss(label)
    if close is not None:
        forms.append(("close spelling", close.lower()))
    return forms


REASKED = (
    texts.FREE_TEXT,
    texts.FREE_TEXT_CHECKED_IN,
    texts.PICK_A_BUTTON,
    texts.TIME_INVALID,
    texts.QUIET_INVALID,
)


@pytest.mark.parametrize("keyboard", list(KEYBOARDS))
async def test_every_button_may_be_typed(
    ana: Chat, clock: FrozenClock, repo: Repository, keyboard: str
) -> None:
    reach = KEYBOARDS[keyboard]
    for language in LANGUAGES:
        world = World(clock, repo, ana, language)
        probe = await world.fresh()
        shown = await reach(probe, world)
        labels = [label for row in buttons(shown) for label in row]
        assert labels, f"{keyboard}: no buttons"
        numbered = not any(parse_hhmm(label) is not None for label in labels)
        for number, label in enumerate(labels, start=1):
            tapper = await world.fresh()
            await reach(tapper, world)
            tapped = seen(await tapper.press(label))
            for form, text in typed_forms(language, label, number, numbered):
                typist = await world.fresh()
                await reach(typist, world)
                typed = seen(await typist.send(text))
                if form.endswith("label"):  # as it reads: nothing to say back
                    assert typed == tapped, f"{keyboard}, {language}: {label!r} as its {form}"
                    continue
                # Typed otherwise, the button is said back before the reply, by its words.
                if typed != tapped:
                    said, *rest = typed
                    assert is_echo(said) and said[0].endswith(f" {plain_words(label)}."), said
                    assert rest == tapped, f"{keyboard}, {language}: {label!r} as its {form}"
        # Text that names no button: asked again, or pointed to the commands, as before.
        for text in ("banana bread", "99"):
            for reply, _buttons in seen(await probe.send(text)):
                reasked = {tr(language, hint.msgid) for hint in REASKED} | {
                    # under a push asking for the check-in: its buttons again
                    tr(language, texts.FREE_TEXT_PUSH.msgid).format(
                        button=tr(language, texts.CHECKIN_NOW_BUTTON.msgid)
                    )
                }
                # A number past the buttons: that there is none, and how many there are.
                if numbered and text == "99":
                    reasked |= {
                        translations(language)
                        .ngettext(texts.NO_SUCH_BUTTON.singular, texts.NO_SUCH_BUTTON.plural, count)
                        .format(number=99, count=count)
                        for count in range(1, len(labels) + 1)
                    }
                # While a timer runs: that it does, and how to stop it.
                timer = tr(language, texts.FREE_TEXT_TIMER_RUNNING.msgid).split("\n")[0]
                assert reply in reasked or reply == shown.text or reply.startswith(f"{timer}\n"), (
                    f"{keyboard}, {language}: {text}"
                )


# --- informal words and spellings that sound the same ------------------------------------

YES_NO_SHOWN = {
    language: [
        ([tr(language, "Yes"), "Yes"], "yes"),
        ([tr(language, "No"), "No"], "no"),
    ]
    for language in LANGUAGES
}
FEELINGS_SHOWN = [([str(label.msgid)], value) for label, value in texts.FEELINGS]

# (language, typed, the answer it stands for: None, it names none and is asked again)
INFORMAL = [
    ("en", "nope", "no"),
    ("en", "Nah.", "no"),
    ("en", "yep", "yes"),
    ("en", "Yeah!", "yes"),
    ("en", "y", "yes"),
    ("de", "nö", "no"),
    ("de", "Nee", "no"),
    ("de", "jo", "yes"),
    ("de", "nope", "no"),  # English counts in every language, as English labels do
    ("ru", "неа", "no"),
    ("ru", "Ага", "yes"),  # noqa: RUF001 - Cyrillic
    ("ru", "угу", "yes"),  # noqa: RUF001 - Cyrillic
    ("es", "nop", "no"),
    ("es", "sip", "yes"),
    ("es", "Claro", "yes"),
    # Near misses: another language's word, a longer word, a word that merely starts alike.
    ("en", "jo", None),
    ("en", "неа", None),
    ("de", "sip", None),
    ("en", "nopes", None),
    ("en", "yesterday", None),
    ("en", "nothing", None),
    ("en", "na", None),
    ("en", "ok", None),
]


@pytest.mark.parametrize(("language", "typed", "value"), INFORMAL)
def test_informal_yes_and_no_are_taken_in_the_users_language_and_english(
    language: str, typed: str, value: str | None
) -> None:
    with speaking(language):
        assert typed_choice(typed, YES_NO_SHOWN[language]) == value


def test_informal_words_stand_only_for_the_plain_yes_and_no() -> None:
    """ "yeah" under "Yes, erase everything" must never erase anything."""
    erase = [([str(texts.DELETE_YES.msgid)], "erase"), ([str(texts.DELETE_NO.msgid)], "keep")]

    assert typed_choice("yeah", erase) is None
    # A "nope" is "No, keep my data", its one declining button: keeping is always safe.
    assert typed_choice("nope", erase) == "keep"


# (typed after "how did it feel?", the answer it stands for, or None)
SOUNDS = [
    ("tuff", "tough"),
    ("Tuff!", "tough"),
    ("tough", "tough"),
    ("tooo easy", "easy"),
    ("just rite", "right"),
    # Near misses: another word that sounds close but not the same.
    ("stuff", None),
    ("toff", None),
    ("enough", None),
    ("tuft", None),
]


@pytest.mark.parametrize(("typed", "value"), SOUNDS)
def test_a_spelling_that_sounds_the_same_is_the_button(typed: str, value: str | None) -> None:
    assert typed_choice(typed, FEELINGS_SHOWN) == value


WORKOUTS_SHOWN = [
    ([str(words.label.msgid)], workout.value) for workout, words in WORKOUT_WORDS.items()
]
WORKOUTS_SHOWN_DE = [
    ([tr("de", str(words.label.msgid)), str(words.label.msgid)], workout.value)
    for workout, words in WORKOUT_WORDS.items()
]

# (typed for yesterday's workout, the answer it stands for, or None). Two neighbouring letters
# swapped keep every letter typed: a slip, even in a word of four, where difflib's ratio (0.75)
# falls short. A changed letter is another word, and stays none.
SWAPS = [
    ("rset", "rest"),
    ("Rset!", "rest"),
    ("rets", "rest"),
    ("erst", "rest"),
    ("rset day", "rest"),
    ("ohter", "other"),
    ("leg dya", "leg_day"),
    # Near misses: a changed letter, a swap across a word, a word too short to tell.
    ("test", None),
    ("best", None),
    ("rust", None),
    ("tset", None),
    ("lge", None),
    ("r est", None),
]


@pytest.mark.parametrize(("typed", "value"), SWAPS)
def test_two_letters_swapped_are_the_button(typed: str, value: str | None) -> None:
    assert typed_choice(typed, WORKOUTS_SHOWN) == value


def test_a_swap_in_german_is_the_button_too() -> None:
    with speaking("de"):
        assert typed_choice("Rhue", WORKOUTS_SHOWN_DE) == "rest"  # "Ruhetag"
        assert typed_choice("Rheu", WORKOUTS_SHOWN_DE) is None


def test_a_swap_two_buttons_share_names_neither() -> None:
    assert typed_choice("rset", [(["Rest"], "a"), (["Rste"], "b")]) is None


ECHOED = [
    ("en", "2", "Got it: Moderate."),
    ("en", "moderte", "Got it: Moderate."),
    ("de", "2", "Verstanden: Mittel."),
    ("de", "moderate", None),  # its English label, as it reads: nothing to say back
    ("ru", "2", "Принято: Средний."),
    ("ru", "средн", "Принято: Средний."),
    ("es", "2", "Entendido: Moderado."),
    ("es", "Moderado", None),
]


@pytest.mark.parametrize(("language", "typed", "said"), ECHOED)
async def test_a_typed_answer_is_said_back_before_the_next_question(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str, said: str | None
) -> None:
    """ "2" at "How hard was the leg day?" was taken without a word: the next question came,
    and the user could not tell which answer it had become. It is said back in one line, in
    the user's language, before the next question; typed as the button reads, or tapped, it
    is not."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    await chat.send("/checkin")
    await tap_value(chat, ":leg_day")

    *echo, question = await chat.send(typed)

    assert [(m.text, buttons(m)) for m in echo] == ([] if said is None else [(said, [])])
    assert question.text == tr(language, texts.OVERREACH_PROMPT.msgid)
    draft = await repo.checkins.get_draft(chat.user_id)
    assert draft is not None and draft.answers["leg_intensity"] == "moderate"
    (walking,) = await tap_value(chat, ":no")  # tapped: nothing said back
    assert walking.text == tr(language, texts.WALKING_PROMPT.msgid)


async def test_a_workout_typed_under_the_morning_push_is_said_back_too(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Under the push, "easy" starts the check-in with the workout it stands for: that
    workout is said back, by its label without the emoji, before the next question."""
    world = World(clock, repo, ana, "de")
    chat = await world.fresh()
    await morning_push(chat, world)

    said, question = await chat.send("locker")

    assert (said.text, buttons(said)) == ("Verstanden: Lockerer Lauf.", [])
    assert question.text == tr("de", texts.WALKING_PROMPT.msgid)


async def test_a_swapped_rest_answers_the_workout_question(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """ "rset" was "I'm not sure what to do with that": it is "😴 Rest day", as tapped."""
    world = World(clock, repo, ana, "en")
    tapper = await world.fresh()
    after_echo(await tapper.send("/checkin"))
    tapped = seen(await tap_value(tapper, ":rest"))
    typist = await world.fresh()
    after_echo(await typist.send("/checkin"))

    assert seen(after_echo(await typist.send("rset"))) == tapped
    # "test" is another word, not a slip: asked again, nothing taken.
    wrong = await world.fresh()
    (asked,) = after_echo(await wrong.send("/checkin"))
    (hint, again) = seen(after_echo(await wrong.send("test")))
    assert hint == (texts.PICK_A_BUTTON.msgid, [])
    assert again == (asked.text, buttons(asked))


def test_a_sound_alike_shared_by_two_buttons_names_neither() -> None:
    assert typed_choice("tuff", [(["Tough"], "a"), (["Tuph"], "b")]) is None


async def test_a_typed_nope_answers_the_overreach_question(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    after_echo(await chat.send("/checkin"))
    await tap_value(chat, ":leg_day")
    await tap_value(chat, ":moderate")

    (walking,) = after_echo(await chat.send("nope"))

    assert walking.text == str(texts.WALKING_PROMPT)
    draft = await repo.checkins.get_draft(chat.user_id)
    assert draft is not None and draft.answers["overreached"] is False


# --- after "remind me": the verdict's "Why?" is still there to type -----------------------

WHY_TYPED = {"en": "why", "de": "warum", "ru": "почему", "es": "por qué"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pressed", ["j:in:jog", "j:at:jog", "j:skip:jog"])
async def test_why_may_still_be_typed_after_remind_me_or_not_today(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, pressed: str
) -> None:
    """ "Remind me in 1 hour" froze the verdict's keyboard, its "Why? Both sides" with it, and a
    typed "why" then matched nothing (issue 13): the confirmation carries the verdict's "Why?"
    again, so typed or tapped it shows what the verdict's own button shows."""
    world = World(clock, repo, ana, language)
    reader = await world.fresh()
    shown = await checked_in(reader, *GREEN)
    (expected,) = await reader.press(tr(language, str(texts.WHY_BUTTON.msgid)), shown)

    for typed in (True, False):
        chat = await world.fresh()
        await checked_in(chat, *GREEN)
        (confirmed,) = await tap_value(chat, pressed)
        assert buttons(confirmed) == [[tr(language, str(texts.WHY_BUTTON.msgid))]]
        if typed:
            (why,) = await chat.send(WHY_TYPED[language])
        else:
            (why,) = await chat.press(tr(language, str(texts.WHY_BUTTON.msgid)))
        assert why.text == expected.text


async def test_the_snooze_of_the_jog_reminder_keeps_the_verdicts_why_too(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    await jog_reminder(chat, world)

    (snoozed,) = await tap_value(chat, "j:snooze:jog")

    assert buttons(snoozed) == [["Why? Both sides"]]
    (why,) = await chat.send("why")
    assert (why.text or "").startswith("Run the day after leg day? ")


# --- around the table ---------------------------------------------------------------------


async def test_correct_it_may_be_typed_beside_the_walking_question(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """What a file said comes with "correct it", and the walking question right after it: both
    keyboards are the latest; a number counts on the last one."""
    world = World(clock, repo, ana, "en")
    for typed in ("Correct it", "corect it", "1"):
        chat = await world.fresh()
        clock.now = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
        yesterday = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
        await chat.send_file("long.fit", fit_file(yesterday, seconds=6300, metres=21_500))
        said, _walking = after_echo(await chat.send("/checkin"))
        assert buttons(said) == [["✏️ Correct it"]]

        (reply,) = after_echo(await chat.send(typed))

        if typed == "1":  # the walking question's first answer: Normal
            assert (reply.text or "").startswith("🔴")
            stored = await repo.checkins.get(chat.user_id, clock.now.date())
            assert stored is not None and stored.walking == "normal"
        else:
            assert reply.text == str(texts.WORKOUT_PROMPT), typed


async def test_a_typed_press_acts_once_like_a_tap(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The typed press is noted as a tap's would be: its buttons go, a later tap of them is
    turned away, and typing another of them no longer counts."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    verdict_message = await checked_in(chat, *GREEN)
    twenty = button_data(verdict_message, "Start 20 min")

    (warm_up,) = await chat.send("start 15 min")

    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    assert buttons(verdict_message) == []  # the typed-for keyboard loses its buttons
    assert await chat.press_data(twenty, verdict_message) == []
    assert str(texts.PRESSED_ALREADY) in chat.alerts()
    (session,) = await repo.jogs.list_for(chat.user_id)
    assert session.planned_minutes == 15
    # The timer's buttons are the latest now; the offer's are no more: while it runs, text that
    # names nothing says so, and how to stop it.
    (reply,) = await chat.send("Remind me in 1 hour")
    assert reply.text == (
        "Sorry, I didn't get that.\n⏱ Your timer is running: its cues keep coming.\n"
        "To stop it, tap “Finish early” or “Cancel” below."
    )
    assert buttons(reply) == [["Finish early", "Cancel"]]
    (cancelled,) = await chat.send("cancel")
    assert cancelled.text == str(texts.RUN_CANCELLED)


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_text_that_names_nothing_while_a_routine_runs_says_it_runs_and_how_to_stop(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    """ "Today's suggestion is in /history" said nothing of the routine under way: the reply is
    the routine's running line, and its move's buttons, whose stop buttons work."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    await checked_in(chat, *HARD)
    await chat.press(tr(language, "🧘 Strength and mobility routine"))
    await tap_value(chat, "j:routine:go")
    clock.advance(minutes=3)

    (reply,) = await chat.send("banana bread")

    (session,) = await repo.jogs.list_for(chat.user_id)
    running = tr(language, texts.FREE_TEXT_TIMER_RUNNING.msgid)
    with speaking(language):
        line = jog.running_text(session, clock.now)
    assert "7" in line  # 10 minutes, 3 gone
    assert reply.text == running.format(
        running=line,
        finish=tr(language, texts.FINISH_EARLY.msgid),
        cancel=tr(language, texts.CANCEL_RUN.msgid),
    )
    assert "/history" not in (reply.text or "")
    # The move's own buttons: "Next move" too, as under the move scrolled up (issue 13).
    assert buttons(reply) == [
        [tr(language, texts.ROUTINE_NEXT_BUTTON.msgid)],
        [tr(language, texts.FINISH_EARLY.msgid), tr(language, texts.CANCEL_RUN.msgid)],
    ]
    await chat.press(tr(language, texts.CANCEL_RUN.msgid), reply)
    assert await repo.jogs.running(chat.user_id) is None
    (after,) = await chat.send("banana bread")
    assert after.text == tr(language, texts.FREE_TEXT_CHECKED_IN.msgid)


# --- a typed "why?" where no button says it, a plain yes or no, /help by another name -----


async def _why_shown(world: World, *values: str) -> str:
    """What the "Why? Both sides" button under the verdict of `values` shows a fresh user."""
    reader = await world.fresh()
    shown = await checked_in(reader, *values)
    (why,) = await reader.press(tr(world.language, str(texts.WHY_BUTTON.msgid)), shown)
    return why.text or ""


@pytest.mark.parametrize("language", LANGUAGES)
async def test_why_typed_under_the_jog_reminder_explains_todays_verdict(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    """The jog reminder ("Time for your easy run! Ready?") has no "Why?" button: a typed "why"
    in the user's language is the why screen of the verdict in force today (issue 13)."""
    world = World(clock, repo, ana, language)
    expected = await _why_shown(world, *GREEN)
    chat = await world.fresh()
    reminder = await jog_reminder(chat, world)
    assert tr(language, str(texts.WHY_BUTTON.msgid)) not in str(buttons(reminder))

    (why,) = await chat.send(WHY_TYPED[language].capitalize() + "?")

    assert why.text == expected


async def test_warum_after_history_explains_todays_verdict(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "de")
    expected = await _why_shown(world, *RACE)
    chat = await world.fresh()
    await checked_in(chat, *RACE)
    await chat.send("/history")

    (why,) = await chat.send("warum")

    assert why.text == expected


async def test_why_before_any_check_in_points_to_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "ru")
    chat = await world.fresh()

    (reply,) = await chat.send("почему")

    assert reply.text == tr("ru", texts.WHY_NO_VERDICT.msgid)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "why is that"),  # a question about something else, not a plain "why?"
        ("en", "whyyy"),
        ("en", "warum"),  # another language's word: English and the user's own count
        ("de", "por qué"),
        ("es", "porque"),  # "because"
        ("es", "por favor"),
    ],
)
async def test_near_misses_of_why_are_not_understood(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    await checked_in(chat, *GREEN)
    await chat.send("/history")

    (reply,) = await chat.send(typed)

    assert reply.text == tr(language, texts.FREE_TEXT_CHECKED_IN.msgid)


# --- a typed "why?" inside an open dialog --------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_why_typed_in_an_open_check_in_says_what_the_question_is_for(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    """A check-in waiting on its first question has no verdict to explain yet: a typed "why"
    is answered with what the question is for and that the advice brings its reasons, and the
    question comes again with its buttons (never "pick a button", as unknown text gets), which
    still work."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    (question,) = await chat.send("/checkin")

    why, again = await chat.send(WHY_TYPED[language])

    assert why.text == "\n".join(
        (
            tr(language, texts.WHY_THIS_QUESTION["workout"].msgid),
            tr(language, texts.WHY_COMES_WITH_ADVICE.msgid),
        )
    )
    assert (again.text, buttons(again)) == (question.text, buttons(question))
    (intensity,) = await tap_value(chat, ":leg_day")
    assert intensity.text == tr(language, texts.INTENSITY_PROMPT.msgid)


async def test_why_typed_at_the_evenings_last_questions_names_their_purpose(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A newcomer's find: "why" at "Did you train today too?" (and after midnight) broke."""
    chat = await World(clock, repo, ana, "en").fresh()
    clock.now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    await chat.send("/checkin")
    await tap_value(chat, ":rest")
    (last,) = await tap_value(chat, ":normal")
    assert last.text == "Did you train today too?"

    why, again = await chat.send("why")
    assert (why.text or "").startswith("Why I ask: training you did today shapes")
    assert (again.text, buttons(again)) == (last.text, buttons(last))
    await tap_value(chat, ":leg_day")
    why, again = await chat.send("why")
    assert (why.text or "").startswith("Why I ask: the heavier the leg day")
    assert again.text == "How hard was the leg day?"


@pytest.mark.parametrize(("language", "typed"), [("en", "no"), ("en", "nope"), ("de", "nein")])
async def test_a_typed_no_at_the_evenings_last_question_is_nothing_today(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    """A newcomer's find: "no" under "Did you train today too?" was asked again."""
    chat = await World(clock, repo, ana, language).fresh()
    clock.now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    after_echo(await chat.send("/checkin"))
    await tap_value(chat, ":rest")
    await tap_value(chat, ":normal")

    (verdict,) = after_echo(await chat.send(typed))

    assert (verdict.text or "").startswith(("🟢", "🟡", "🔴"))
    (stored,) = await repo.checkins.list_for(chat.user_id)
    assert stored.workout_that_day == "rest"  # "nothing today", as the button stores it


@pytest.mark.parametrize(
    ("language", "typed"), [("en", "no"), ("de", "nein"), ("ru", "нет"), ("es", "no")]
)
async def test_after_midnight_the_last_questions_no_names_that_day_and_a_typed_no_is_it(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    """A newcomer's find: at 00:30 the question names the day by its date ("Did you train on
    Mon 30 Nov too?"), yet its button said "No, nothing today", the new day."""
    chat = await World(clock, repo, ana, language).fresh()
    clock.now = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 00:30 on Tuesday in Berlin
    after_echo(await chat.send("/checkin"))
    await tap_value(chat, ":rest")
    (last,) = await tap_value(chat, ":normal")
    nothing = tr(language, texts.NOTHING_THAT_DAY.msgid)
    assert buttons(last)[-1][-1] == nothing
    assert tr(language, texts.NOTHING_TODAY.msgid) not in str(buttons(last))

    (verdict,) = after_echo(await chat.send(typed))

    assert (verdict.text or "").startswith(("🟢", "🟡", "🔴"))
    (stored,) = await repo.checkins.list_for(chat.user_id)
    assert (stored.local_date, stored.workout_that_day) == (date(2026, 11, 30), "rest")
    # Tapped, the question keeps the answer as its button said it.
    tapper = await World(clock, repo, ana, language).fresh()
    clock.now = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    after_echo(await tapper.send("/checkin"))
    await tap_value(tapper, ":rest")
    (question,) = await tap_value(tapper, ":normal")
    await tap_value(tapper, ":today_workout:rest")
    assert (question.text or "").endswith(f"→ {nothing}")


async def test_why_typed_at_each_question_names_that_questions_purpose(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    chat = await World(clock, repo, ana, "en").fresh()
    await chat.send("/checkin")
    seen = {}
    for value in ("leg_day", "heavy", "no"):
        await tap_value(chat, f":{value}")
        why, again = await chat.send("Why?")
        seen[why.text] = again.text
    # The safety answer is among the walking question's buttons; after it, walking is asked
    # once more without it, and "why" there is still about walking.
    await tap_value(chat, ":pain")
    why, again = await chat.send("how come")
    seen[why.text] = again.text

    advice = "\nThe reasons for my advice come with it, once you have answered."
    assert seen == {
        "Why I ask: the heavier the leg day, the longer the soreness lasts, and the gentler the "
        "next session should be." + advice: "How hard was the leg day?",
        "Why I ask: a workout well past what your body is used to leaves more to recover from, "
        "so the advice gets more careful." + advice: str(texts.OVERREACH_PROMPT),
        "Why I ask: how walking feels is the clearest sign of how far your legs have recovered; "
        "pain in a joint, or sharp pain, rules running out." + advice: str(texts.WALKING_PROMPT),
        "Why I ask: how walking feels is the clearest sign of how far your legs have recovered; "
        "pain in a joint, or sharp pain, rules running out." + advice: str(
            texts.WALKING_AFTER_PAIN_PROMPT
        ),
    }
    (verdict, *_rest) = await tap_value(chat, ":normal")
    assert (verdict.text or "").startswith("🔴")  # pain: no running today


@pytest.mark.parametrize(("language", "kind"), [("en", "jog"), ("de", "routine"), ("es", "jog")])
async def test_why_typed_while_a_timer_runs_explains_todays_verdict(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, kind: str
) -> None:
    """The timer of a jog or of the strength and mobility routine shows no "Why?" button: a
    typed "why" is the why screen of today's verdict, and the timer's buttons stay the ones a
    typed word names."""
    world = World(clock, repo, ana, language)
    values = HARD if kind == "routine" else GREEN
    expected = await _why_shown(world, *values)
    chat = await world.fresh()
    await checked_in(chat, *values)
    if kind == "routine":
        await tap_value(chat, "j:routine")
        await tap_value(chat, "j:routine:go")
    else:
        await tap_value(chat, "j:go:jog:15")
        clock.advance(minutes=6)  # past the warm-up

    (why,) = await chat.send(WHY_TYPED[language])

    assert why.text == expected
    (cancelled,) = await chat.send(tr(language, str(texts.CANCEL_RUN.msgid)))
    assert cancelled.text == tr(language, texts.RUN_CANCELLED.msgid)


PAIN = ("leg_day", "light", "no", "pain", "normal")


@pytest.mark.parametrize(
    ("language", "typed", "label"),
    [
        ("de", "nein", "Not today"),
        ("de", "Nö", "Not today"),
        ("de", "no", "Not today"),  # English counts in every language
        ("en", "nope", "Not today"),
        ("ru", "нет", "Not today"),
        ("es", "No.", "Not today"),
        ("de", "ja", "🏃 Run {minutes} min anyway"),
        ("en", "yes", "🏃 Run {minutes} min anyway"),
        ("es", "sí", "🏃 Run {minutes} min anyway"),
    ],
)
async def test_yes_or_no_answers_start_the_timer_anyway(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str, label: str
) -> None:
    """ "Den Timer trotzdem starten?" offers "Run 15 min anyway" and "Not today": a plain yes or
    no is the one of them it says (issue 13)."""
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    await checked_in(tapper, *PAIN)
    after_echo(await tapper.send("/jog"))
    tapped = seen(await tapper.press(tr(language, label).format(minutes=15)))
    typist = await world.fresh()
    await checked_in(typist, *PAIN)
    (ask,) = after_echo(await typist.send("/jog"))
    assert len(buttons(ask)) == 2

    assert seen(after_echo(await typist.send(typed))) == tapped


async def test_yes_never_picks_one_of_several_starts(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """After a race the question offers cross-training twice and the run: a "ja" names none of
    them, while "nein" is still its one "Not today"."""
    world = World(clock, repo, ana, "de")
    chat = await world.fresh()
    await checked_in(chat, *RACE)
    after_echo(await chat.send("/jog"))

    (reply,) = after_echo(await chat.send("ja"))
    assert reply.text == tr("de", texts.FREE_TEXT_CHECKED_IN.msgid)
    assert await repo.jogs.list_for(chat.user_id) == []
    (skipped,) = after_echo(await chat.send("nein"))
    assert skipped.text == tr("de", texts.SKIPPED.msgid)


def test_yes_never_erases_and_no_keeps() -> None:
    erase = [
        ([str(texts.DELETE_YES.msgid)], "erase"),
        ([str(texts.DELETE_NO.msgid)], "keep"),
    ]

    for typed in ("yes", "Yes!", "yep", "sure"):
        assert typed_choice(typed, erase) is None, typed
    assert typed_choice("no", erase) == "keep"
    assert typed_choice("nah", erase) == "keep"


def test_a_plain_no_needs_exactly_one_declining_button() -> None:
    two_declining = [
        ([str(texts.NOT_TODAY.msgid)], "a"),
        ([str(texts.NOTHING_TODAY.msgid)], "b"),
    ]
    no_declining = [([str(texts.FINISH_EARLY.msgid)], "f"), ([str(texts.CANCEL_RUN.msgid)], "c")]

    assert typed_choice("no", two_declining) is None
    assert typed_choice("no", no_declining) is None  # "no" never cancels a running timer
    assert typed_choice("yes", no_declining) is None


@pytest.mark.parametrize(
    ("language", "typed"),
    [("de", "/hilfe"), ("es", "/ayuda"), ("ru", "/помощь"), ("de", "/Hilfe"), ("en", "/hilfe")],
)
async def test_help_in_the_users_language_is_help(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    world = World(clock, repo, ana, language)
    chat = await world.fresh()

    (reply,) = await chat.send(typed)

    assert reply.text == tr(language, texts.HELP.msgid)


@pytest.mark.parametrize("typed", ["/помощь", "/Помощь@legday_coach_bot"])
async def test_help_typed_in_russian_mid_check_in_is_help_and_the_question_stands(
    ana: Chat, clock: FrozenClock, repo: Repository, typed: str
) -> None:
    """Telegram marks no bot_command in "/помощь" (Latin letters only), so it reaches the bot as
    text; it is still /help, and the check-in waits on its question, as for "/hilfe"."""
    world = World(clock, repo, ana, "ru")
    chat = await world.fresh()
    await chat.send("/checkin")

    (reply,) = await chat.send(typed)

    assert reply.text == tr("ru", texts.HELP.msgid)
    await tap_value(chat, ":leg_day")
    assert chat.last.text == tr("ru", texts.INTENSITY_PROMPT.msgid)


async def test_a_near_miss_of_help_is_an_unknown_command(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "de")
    chat = await world.fresh()

    (reply,) = await chat.send("/hilfen")

    assert reply.text == tr("de", texts.UNKNOWN_COMMAND.msgid).format(command="/hilfen")


# --- a newcomer's findings (issue 13): labels typed where they were not taken -------------

# Monday 30 Nov, 08:00 in Berlin; yesterday's run started at 09:00 Berlin time.
FILE_DAY = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
FILE_RUN = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


async def _file_after_rest_day(chat: Chat, clock: FrozenClock) -> SentMessage:
    """A rest day checked in, then yesterday's half marathon sent: the reply offers to let
    the file decide today's advice."""
    clock.now = FILE_DAY
    await checked_in(chat, "rest", "normal")
    (reply,) = await chat.send_file("run.gpx", gpx_file(FILE_RUN, metres=21_500))
    return reply


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "Use the file for today's advice"),  # a phone's straight apostrophe
        ("en", "Use the file for today\u2019s advice"),  # the label's own, curly
        ("en", "use the file"),
        ("de", "Datei für die heutige Empfehlung nutzen"),
        ("ru", "взять файл"),
        ("es", "usar el archivo"),
    ],
)
async def test_the_file_may_be_let_decide_by_typing_its_button(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    """The button under an activity file's reply was never taken typed: its handler comes
    before the typed step (a file is read in any dialog), so the press found no taker."""
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    shown = await _file_after_rest_day(tapper, clock)
    (label,) = (label for row in buttons(shown) for label in row)
    tapped = seen(await tapper.press(label))
    typist = await world.fresh()
    await _file_after_rest_day(typist, clock)

    typed_replies = seen(after_echo(await typist.send(typed)))

    assert typed_replies == tapped
    assert typed_replies[0][0].startswith(tr(language, texts.ACTIVITY_USED_FOR_TODAY.msgid))
    stored = await repo.checkins.get(typist.user_id, FILE_DAY.date())
    assert stored is not None and stored.workout == "long_race"


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("en", "Easy run", "easy_run"),
        ("de", "Beintag", "leg_day"),
        ("ru", "лёгкая пробежка", "easy_run"),
        ("es", "día de pierna", "leg_day"),
    ],
)
async def test_a_workout_typed_under_the_morning_push_starts_the_check_in_with_it(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str, value: str
) -> None:
    """The push offers only "Check in now": a typed workout is that tap and then the answer,
    and the check-in goes on to the question after it, as it would tapped."""
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    await morning_push(tapper, world)
    await tapper.press(tr(language, texts.CHECKIN_NOW_BUTTON.msgid))
    tapped = seen(await tap_value(tapper, f":{value}"))
    typist = await world.fresh()
    push = await morning_push(typist, world)

    *_asked, following = seen(await typist.send(typed))

    assert following == tapped[-1]
    assert buttons(push) == []  # "Check in now" acted: the push's buttons are gone
    draft = await repo.checkins.get_draft(typist.user_id)
    assert draft is not None and draft.answers["workout"] == value


async def test_text_that_is_no_workout_under_the_morning_push_offers_its_buttons_again(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """Text that is no workout starts nothing: it is not understood, said kindly, and the push's
    buttons come again under it ("/checkin or /help" alone left them scrolled away), which
    then work as the push's did."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    push = await morning_push(chat, world)

    (reply,) = after_echo(await chat.send("banana bread"))

    assert reply.text == texts.FREE_TEXT_PUSH.format(button=texts.CHECKIN_NOW_BUTTON)
    assert buttons(reply) == buttons(push)
    assert await repo.checkins.get_draft(chat.user_id) is None
    (question,) = after_echo(await chat.send("1"))  # its "Check in now", by number
    assert (question.text or "").startswith(str(texts.WORKOUT_PROMPT))


NO_BUTTON_6_OF_5 = {
    "en": "There's no button 6 here, only 5: tap one, or type its number or its words.",
    "de": "Eine Schaltfläche 6 gibt es hier nicht, nur 5: Tippe eine an oder schreib ihre "
    "Nummer oder ihre Worte.",
    "ru": "Кнопки 6 здесь нет, их всего 5: нажми нужную или напиши её номер или слова.",
    "es": "Aquí no hay botón 6, solo 5: toca uno o escribe su número o sus palabras.",
}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_number_past_the_check_in_questions_buttons_says_so_and_asks_again(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    """ "6" under the walking question's five buttons was "Please pick one of the buttons
    below.", as if the number had not been typed: it says there is no button 6, and how many
    there are; the question comes again, every answer kept, and its buttons work."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    after_echo(await chat.send("/checkin"))
    await tap_value(chat, ":rest")
    asked = chat.last_with_buttons()
    assert sum(len(row) for row in buttons(asked)) == 5

    said, again = after_echo(await chat.send("6"))

    assert said.text == NO_BUTTON_6_OF_5[language]
    assert (again.text, buttons(again)) == (asked.text, buttons(asked))
    draft = await repo.checkins.get_draft(chat.user_id)
    assert draft is not None and draft.answers == {"workout": "rest"}
    (walking_again,) = after_echo(
        await chat.send("5")
    )  # "Sharp or joint pain", the fifth, by its number
    assert walking_again.text == tr(language, texts.WALKING_AFTER_PAIN_PROMPT.msgid)
    draft = await repo.checkins.get_draft(chat.user_id)
    assert draft is not None and draft.answers["sharp_pain"] is True


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("en", "7", "There's no button 7 here, only 6: tap one, or type its number or its words."),
        (
            "de",
            "0",
            "Eine Schaltfläche 0 gibt es hier nicht, nur 6: Tippe eine an oder schreib ihre "
            "Nummer oder ihre Worte.",
        ),
    ],
)
async def test_a_number_past_a_verdicts_buttons_says_so_and_a_number_a_label_shows_does_not(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str, shown: str
) -> None:
    """Outside a dialog, "7" under the verdict's six buttons pointed to /history; "15" is the
    15 minutes of "Start 15 min", no button's number, and gets what it got before."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    verdict_message = await checked_in(chat, *GREEN)
    assert sum(len(row) for row in buttons(verdict_message)) == 6

    (said,) = await chat.send(typed)

    assert said.text == shown
    assert buttons(verdict_message) != []  # nothing pressed
    (fifteen,) = await chat.send("15")
    assert fifteen.text == tr(language, texts.FREE_TEXT_CHECKED_IN.msgid)


async def test_a_number_past_the_morning_push_buttons_is_no_workout(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A number counts the buttons on the screen: "6" under the push's three is not the sixth
    workout ("😴 Rest day") of a question not asked yet, and starts no check-in."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    push = await morning_push(chat, world)
    assert sum(len(row) for row in buttons(push)) < 6

    await chat.send("6")

    assert await repo.checkins.get_draft(chat.user_id) is None
    assert sum(len(row) for row in buttons(push)) > 0  # none of its buttons was pressed


@pytest.mark.parametrize(
    ("language", "values", "typed", "label"),
    [
        ("en", HARD, "routine", "🧘 Strength and mobility routine"),
        ("es", HARD, "fuerza y movilidad", "🧘 Strength and mobility routine"),
        ("ru", GREEN, "через час", "Remind me in 1 hour"),
        ("de", GREEN, "1 Stunde", "Remind me in 1 hour"),
    ],
)
async def test_a_distinctive_part_of_one_label_is_that_button(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    language: str,
    values: tuple[str, ...],
    typed: str,
    label: str,
) -> None:
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    await checked_in(tapper, *values)
    tapped = seen(await tapper.press(tr(language, label)))
    typist = await world.fresh()
    await checked_in(typist, *values)

    assert seen(after_echo(await typist.send(typed))) == tapped


def test_a_part_two_labels_share_or_a_filler_word_names_none() -> None:
    shown = [
        (["🏃 Start 15 min"], "a"),
        (["🏃 Start 20 min"], "b"),
        (["🧘 Strength and mobility routine"], "c"),
    ]

    assert typed_choice("min", shown, close=False) is None  # in two labels
    assert typed_choice("and", shown, close=False) is None  # a filler word
    assert typed_choice("mobility", shown, close=False) == "c"
    assert typed_choice("mobility routines please", shown, close=False) is None


@pytest.mark.parametrize(("language", "typed"), [("en", "yes"), ("en", "yep"), ("de", "ja")])
async def test_a_typed_yes_never_erases_but_asks_again_how_to_confirm(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str
) -> None:
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    (confirm,) = await chat.send("/delete")

    how, again = await chat.send(typed)

    erase = tr(language, texts.DELETE_YES.msgid)
    assert how.text == tr(language, texts.DELETE_TAP_TO_CONFIRM.msgid).format(button=erase)
    assert (again.text, buttons(again)) == (confirm.text, buttons(confirm))
    assert await repo.users.get(chat.user_id) is not None  # nothing erased
    (done,) = await chat.press(erase)
    assert done.text == tr(language, texts.DELETED.msgid)
    assert await repo.users.get(chat.user_id) is None


async def test_a_typed_no_under_delete_still_keeps_the_data(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    chat = await World(clock, repo, ana, "ru").fresh()
    after_echo(await chat.send("/delete"))

    (kept,) = after_echo(await chat.send("нет"))

    assert kept.text == tr("ru", texts.DELETE_KEPT.msgid)
    # The confirmation acted: a later "yes" is text again, and today has no check-in yet.
    (reply,) = after_echo(await chat.send("да"))
    assert reply.text == tr("ru", texts.FREE_TEXT.msgid)


@pytest.mark.parametrize("language", ["en", "de"])
async def test_once_today_is_checked_in_unknown_text_points_to_history_not_checkin(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    """ "Send /checkin for today's suggestion" was said after today's check-in too (after "Not
    today", after closing /settings): there, the suggestion is in /history."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    (before,) = await chat.send("banana bread")
    assert before.text == tr(language, texts.FREE_TEXT.msgid)
    await checked_in(chat, *GREEN)
    await tap_value(chat, "j:skip:jog")  # "Not today"

    (after,) = await chat.send("banana bread")

    assert after.text == tr(language, texts.FREE_TEXT_CHECKED_IN.msgid)
    await chat.send("/settings")
    (closed,) = await tap_value(chat, "s:done")
    assert closed.text == tr(language, texts.SETTINGS_CLOSED_CHECKED_IN.msgid)
    (history, _chart) = await chat.send("/history")
    assert tr(language, "easy jog") in (history.text or "")


async def test_settings_closed_before_the_check_in_still_points_to_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    chat = await World(clock, repo, ana, "es").fresh()
    await chat.send("/settings")

    (closed,) = await tap_value(chat, "s:done")

    assert closed.text == tr("es", texts.SETTINGS_CLOSED.msgid)


async def test_after_delete_unknown_text_points_to_start(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    chat = await World(clock, repo, ana, "de").fresh()
    await chat.send("/delete")
    await chat.press(tr("de", texts.DELETE_YES.msgid))

    (reply,) = await chat.send("hallo")

    assert reply.text == tr("de", texts.FREE_TEXT_NOT_SET_UP.msgid)


# --- a typed "why?" at a question of set-up or /settings ----------------------------------


@pytest.mark.parametrize(
    ("language", "field"),
    [("en", "morning_time"), ("ru", "run_time"), ("de", "new_runner")],
)
async def test_why_typed_at_set_up_says_what_the_question_is_for(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, field: str
) -> None:
    """Once asked again as unknown text ("That doesn't look like a time"): now what the answer
    changes, and the question again with its buttons, which still work."""
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    question = await setup_question(field)(chat, world)

    why, again = await chat.send(WHY_TYPED[language])

    assert why.text == tr(language, texts.WHY_PROFILE_QUESTION[field].msgid)
    assert (again.text, buttons(again)) == (question.text, buttons(question))
    user = await repo.users.get(chat.user_id)
    assert user is not None and user.onboarded_at is None  # nothing answered for it


async def test_why_typed_at_the_time_zone_question_says_what_it_is_for(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    world = World(clock, repo, ana, "es")
    chat = await world.fresh()
    await repo.users.update(chat.user_id, START, onboarded_at=None)
    *_welcome, question = await chat.send("/start")

    why, again = await chat.send("¿Por qué?")

    assert why.text == tr("es", texts.WHY_PROFILE_QUESTION["time_zone"].msgid)
    assert again.text == question.text
    await chat.send("Europe/Madrid")
    user = await repo.users.get(chat.user_id)
    assert user is not None and user.time_zone == "Europe/Madrid"


@pytest.mark.parametrize("language", ["en", "de"])
async def test_why_typed_in_settings_says_what_they_are_for(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str
) -> None:
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    (menu,) = await chat.send("/settings")

    why, again = await chat.send(WHY_TYPED[language])

    assert why.text == tr(language, texts.WHY_SETTINGS_MENU.msgid)
    assert (again.text, buttons(again)) == (menu.text, buttons(menu))
    await tap_value(chat, "s:quiet_hours")
    why, again = await chat.send(WHY_TYPED[language])
    assert why.text == tr(language, texts.WHY_PROFILE_QUESTION["quiet_hours"].msgid)
    (saved, _menu) = await chat.send("22:30-06:30")
    assert saved.text == tr(language, texts.SETTINGS_SAVED.msgid)
    user = await repo.users.get(chat.user_id)
    assert user is not None and (user.quiet_start, user.quiet_end) == (time(22, 30), time(6, 30))


# --- typed answers under the pushes that ask walking (issue 13) ----------------------------


async def told_push(chat: Chat, world: World) -> SentMessage:
    """The morning after an evening check-in that told a heavy leg day of that same day: the push
    names it and asks walking only, with walking's answers."""
    world.clock.now = datetime(2026, 1, 13, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    await checked_in(chat, "rest", "normal", "leg_day", "heavy", "no")
    world.clock.now = datetime(2026, 1, 14, 5, 30, tzinfo=UTC)  # 06:30 in Berlin
    await tick(chat.app)
    return chat.last


async def walking_first_push(chat: Chat, world: World) -> SentMessage:
    """The morning after a check-in that reported a heavy leg day: walking is asked first."""
    await checked_in(chat, *HARD)
    return await morning_push(chat, world)


WALKING_PUSHES: dict[str, Reach] = {"walking-only": told_push, "walking-first": walking_first_push}


@pytest.mark.parametrize("push", list(WALKING_PUSHES))
@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("en", "stiff", "stiff_sore"),
        ("en", "a bit sore", "a_bit_sore"),
        ("en", "2", "a_bit_sore"),
        ("en", "stif and sore", "stiff_sore"),  # a close spelling
        ("de", "steif", "stiff_sore"),
        ("de", "2", "a_bit_sore"),
        ("ru", "скованно", "stiff_sore"),
        ("es", "normal", "normal"),
    ],
)
async def test_walking_typed_under_a_push_that_asks_it_is_its_answer(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    push: str,
    language: str,
    typed: str,
    value: str,
) -> None:
    """ "stiff", "steif" or "2" under the push that asks walking was "I'm not sure what to do
    with that": it is the walking answer the push carries, typed or tapped the same."""
    reach = WALKING_PUSHES[push]
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    await reach(tapper, world)
    tapped = seen(await tap_value(tapper, f"go:with:walking:{value}"))
    typist = await world.fresh()
    shown = await reach(typist, world)

    typed_replies = seen(after_echo(await typist.send(typed)))

    assert typed_replies == tapped
    assert buttons(shown) == []  # its answer taken: the push's buttons are gone
    if push == "walking-only":  # the one answer missing: the verdict, by last night's leg day
        ((_verdict, under),) = typed_replies
        assert [tr(language, texts.WHY_BUTTON.msgid)] in under
        stored = await repo.checkins.get(typist.user_id, date(2026, 1, 14))
        assert stored is not None and (stored.workout, stored.walking) == ("leg_day", value)
    else:  # yesterday's workout is still to come
        assert typed_replies == [(tr(language, texts.WORKOUT_PROMPT.msgid), tapped[-1][1])]
        draft = await repo.checkins.get_draft(typist.user_id)
        assert draft is not None and draft.answers["walking"] == value


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [("en", "rest", "rest"), ("de", "Ruhetag", "rest"), ("es", "rodaje suave", "easy_run")],
)
async def test_a_workout_typed_under_the_walking_first_push_asks_walking_next(
    ana: Chat, clock: FrozenClock, repo: Repository, language: str, typed: str, value: str
) -> None:
    """The push asks walking first, yet "rest" (yesterday's workout) was lost: it starts the
    check-in with that workout and asks what is still missing, walking; its answer then gives
    the verdict, as both tapped in the check-in would."""
    world = World(clock, repo, ana, language)
    tapper = await world.fresh()
    await walking_first_push(tapper, world)
    await tapper.press(tr(language, "A bit sore"))
    tapped = seen(await tap_value(tapper, f":workout:{value}"))
    typist = await world.fresh()
    push = await walking_first_push(typist, world)

    (walking,) = after_echo(await typist.send(typed))

    assert buttons(push) == []
    assert (walking.text or "").startswith(tr(language, texts.WALKING_PROMPT.msgid))
    draft = await repo.checkins.get_draft(typist.user_id)
    assert draft is not None and draft.answers["workout"] == value
    assert "walking" not in draft.answers
    assert seen(await typist.press(tr(language, "A bit sore"))) == tapped


@pytest.mark.parametrize("push", list(WALKING_PUSHES))
@pytest.mark.parametrize("language", ["de", "ru"])
async def test_text_that_is_no_answer_under_a_push_asking_walking_offers_its_buttons_again(
    ana: Chat, clock: FrozenClock, repo: Repository, push: str, language: str
) -> None:
    world = World(clock, repo, ana, language)
    chat = await world.fresh()
    shown = await WALKING_PUSHES[push](chat, world)

    (reply,) = await chat.send("banana bread")

    assert reply.text == tr(language, texts.FREE_TEXT_PUSH_WALKING.msgid)
    assert buttons(reply) == buttons(shown)
    tapped = await tap_value(chat, "go:with:walking:stiff_sore")
    assert buttons(reply) == []  # its answer taken, as the push's would be
    assert tapped


async def test_text_under_the_push_of_a_day_last_night_covers_points_to_today(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The push after an evening check-in says its verdict covers the day (its "check in
    again" is no question asked): text under it is pointed to /today, where that verdict is,
    and no buttons come again."""
    world = World(clock, repo, ana, "en")
    chat = await world.fresh()
    world.clock.now = datetime(2026, 1, 13, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
    await checked_in(chat, *GREEN, "rest")
    world.clock.now = datetime(2026, 1, 14, 5, 30, tzinfo=UTC)  # 06:30: the push
    await tick(chat.app)
    assert [str(texts.CHECKIN_AGAIN_BUTTON)] in buttons(chat.last)

    (reply,) = await chat.send("banana bread")

    assert reply.text == str(texts.FREE_TEXT_CHECKED_IN)
    assert buttons(reply) == []
