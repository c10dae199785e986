"""Every screen around a verdict agrees with it: the safety answer in the walking question, the
"why" screen, the jog timer after a no-run or go-gently verdict, the time of day, typed
answers, and what "how did it feel?" gets back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fit_tool.profile.profile_type import Sport as FitSport
from fit_tool.profile.profile_type import SubSport

from conversations import texts
from conversations.coach.advice import (
    AS_PLANNED_FRESH,
    AS_PLANNED_SORE,
    Verdict,
    Walking,
    why_screen,
)
from conversations.i18n import translations
from conversations.routine import routine_text
from storage.repository import Repository
from tests.activity_files import fit_file
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import tick

pytestmark = pytest.mark.both_databases

WALKING_BUTTONS = [
    ["Normal", "A bit sore"],
    ["Stiff and sore", "Hard to walk"],
    ["⚠️ Sharp or joint pain"],
]
PAIN_DAY = ("🦵 Leg day", "Light", "No", "⚠️ Sharp or joint pain", "Normal")
JOG_DAY = ("🦵 Leg day", "Moderate", "No", "Normal")


async def test_the_safety_check_is_an_answer_of_the_walking_question(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light")
    (walking,) = await ana.press("No")
    assert walking.text == str(texts.WALKING_PROMPT)
    assert buttons(walking) == WALKING_BUTTONS

    (again,) = await ana.press("⚠️ Sharp or joint pain")
    assert again.text == str(texts.WALKING_AFTER_PAIN_PROMPT)
    assert buttons(again) == WALKING_BUTTONS[:2]  # no pain answer twice
    (verdict,) = await ana.press("Normal")

    assert (verdict.text or "").startswith(
        "🔴 Red: no run\nBecause: sharp or joint pain\n\n🛑 No running today: rest."
    )
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.walking, stored.sharp_pain, stored.rule) == ("normal", True, 1)


async def test_the_day_after_pain_the_walking_question_recalls_it(
    ana: Chat, clock: FrozenClock
) -> None:
    """After a red pain verdict, the next check-in asks about the pain again, by the safety
    answer; a check-in without pain in between ends that."""
    await onboard(ana)
    await check_in(ana, *PAIN_DAY)
    clock.now += timedelta(days=1)

    (walking,) = await check_in(ana, "🏃 Easy run")

    assert walking.text == (
        "How does walking feel this morning?\n"
        "Yesterday you had sharp or joint pain: if it's still there, tap ⚠️ below."
    )
    assert buttons(walking) == WALKING_BUTTONS
    await ana.press("Normal")  # the pain is gone
    (why,) = await ana.press("Why? Both sides")
    # Yesterday's pain was told: the plan's reasons deny only today's.
    assert "no pain today" in (why.text or ""), why.text
    clock.now += timedelta(days=1)
    (walking,) = await check_in(ana, "🏃 Easy run")
    assert walking.text == str(texts.WALKING_PROMPT)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "At your check-in on Tue 13 Jan you had sharp or joint pain: if it's still there"),
        ("de", "Bei deinem Check-in am Di., 13. Jan. hattest du einen stechenden Schmerz oder"),
    ],
)
async def test_pain_at_the_last_check_in_days_ago_is_recalled_with_its_day(
    ana: Chat, clock: FrozenClock, language: str, line: str
) -> None:
    ana.language_code = language
    tr = translations(language).gettext
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🏃 Easy run"), tr("⚠️ Sharp or joint pain"), tr("Normal"))
    clock.now += timedelta(days=3)

    (walking,) = await check_in(ana, tr("😴 Rest day"))

    assert line in (walking.text or "")
    assert (walking.text or "").startswith(tr(texts.WALKING_PROMPT.msgid))
    assert buttons(walking)[-1] == [
        {"en": "⚠️ Sharp or joint pain", "de": "⚠️ Stechender Schmerz oder Gelenkschmerz"}[language]
    ]


async def test_pain_recalled_after_midnight_names_its_day_not_yesterday(
    ana: Chat, clock: FrozenClock
) -> None:
    """At 00:31 on Thu 15 Jan the check-in counts for Wed 14 Jan, whose check-in before it
    (Tue 13 Jan) reported pain: on the user's clock "yesterday" is Wednesday, so the line names
    Tuesday by its date (newcomer 15: "Gestern hattest du ..." for two days back)."""
    await onboard(ana)
    await check_in(ana, *PAIN_DAY)  # Tue 13 Jan, 07:30 in Berlin
    clock.now = datetime(2026, 1, 14, 23, 31, tzinfo=UTC)  # Thu 15 Jan, 00:31 in Berlin

    (walking,) = await check_in(ana, "🏃 Easy run")

    assert walking.text is not None
    assert "Yesterday you had" not in walking.text
    assert walking.text.endswith(
        "At your check-in on Tue 13 Jan you had sharp or joint pain: if it's still there, "
        "tap ⚠️ below."
    )


async def test_the_why_screen_after_pain_is_about_pain(ana: Chat) -> None:
    await onboard(ana)
    await check_in(ana, *PAIN_DAY)

    (why,) = await ana.press("Why? Both sides")

    assert why.text == why_screen(Verdict.PAIN_REST)
    assert "doctor or physio" in why.text
    assert "more good than harm" not in why.text


async def test_the_why_screen_after_a_race_is_about_impact(ana: Chat) -> None:
    await onboard(ana)
    await check_in(ana, "🏅 Long run or race", "Normal")

    (why,) = await ana.press("Why? Both sides")

    assert why.text == why_screen(Verdict.CROSS_TRAIN)
    assert (why.text or "").startswith("Why no run after a long run or race?")


@pytest.mark.parametrize(("new_runner", "told"), [("Yes", True), ("No", False)])
async def test_only_a_newer_runner_hears_that_no_impact_training_helps_newer_runners_most(
    ana: Chat, new_runner: str, told: bool
) -> None:
    """The onboarding asks whether the user is new to running; a claim about newer runners
    goes to them alone, on the verdict and on its why screen."""
    await onboard(ana, new_runner=new_runner)
    (verdict,) = await check_in(ana, "🏅 Long run or race", "Normal")

    (why,) = await ana.press("Why? Both sides")

    for screen in (verdict.text or "", why.text or ""):
        assert ("newer runner" in screen) is told, screen
    assert "newer runners" not in (why.text or "")  # no claim about a group


@pytest.mark.parametrize(
    ("language", "walking"), [("en", "A bit sore"), ("en", "Stiff and sore"), ("de", "A bit sore")]
)
async def test_the_why_screen_of_a_plan_kept_on_sore_legs_says_they_are_sore(
    ana: Chat, language: str, walking: str
) -> None:
    """Rule 8 after "a bit sore" or "stiff and sore": the user just said their legs are sore, so
    the why screen says so instead of "should your legs feel sore"."""
    ana.language_code = language
    tr = translations(language).gettext
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🏃 Easy run"), tr(walking))

    (why,) = await ana.press(tr(str(texts.WHY_BUTTON.msgid)))

    assert (why.text or "").endswith(tr(AS_PLANNED_SORE.msgid))
    assert tr(AS_PLANNED_FRESH.msgid) not in (why.text or "")
    if language == "en":
        assert (why.text or "").endswith(
            "Bottom line: keep your plan, but your legs are sore, so keep it easy today and warm "
            "up longer."
        )


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("en", "Why rest, and not just an easy run to loosen up? Your legs are sore"),
        ("de", "Warum Ruhe und nicht nur ein lockerer Lauf zum Lockern? Deine Beine haben"),
    ],
)
async def test_the_why_screen_of_a_rest_day_does_not_assume_fit_legs(
    ana: Chat, language: str, opening: str
) -> None:
    """Rule 3 after "stiff and sore": the why screen must not take it that the user feels fit."""
    ana.language_code = language
    tr = translations(language).gettext
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🔥 Much harder than usual"), tr("Stiff and sore"))

    (why,) = await ana.press(tr(str(texts.WHY_BUTTON.msgid)))

    assert (why.text or "").startswith(opening)
    assert "feel fit" not in (why.text or "")
    assert "fit fühlst" not in (why.text or "")


async def test_hard_walking_rules_out_a_cardio_workout_not_a_few_loosening_minutes(
    ana: Chat,
) -> None:
    """Rule 2: "no cardio, however light" and then "swim or pedal a few minutes" read as a
    contradiction; the minutes are allowed as loosening, not as a workout, on both screens."""
    await onboard(ana)
    (verdict,) = await check_in(ana, "🏃 Easy run", "Hard to walk")

    text = verdict.text or ""
    assert "🧘 No running or cardio workout today: strength and mobility instead." in text
    assert "• No running and no cardio workout, not even a light one." in text
    assert (
        "• Just to loosen up, a few calm minutes of easy swimming, pedalling or foam rolling "
        "are fine: that is not a workout." in text
    )
    assert "however light" not in text
    (why,) = await ana.press("Why? Both sides")
    assert "just to loosen up and not as a workout" in (why.text or "")


async def test_the_why_screen_of_a_hard_to_walk_day_offers_the_routine(ana: Chat) -> None:
    """Rule 2: the why screen, by its button or typed, ends with the verdict's own button, the
    guided routine (newcomer: it had none), and not with a second "Why?"."""
    await onboard(ana)
    (verdict,) = await check_in(ana, "🏃 Easy run", "Hard to walk")
    assert buttons(verdict) == [["🧘 Strength and mobility routine"], ["Why? Both sides"]]

    (why,) = await ana.press("Why? Both sides")
    (typed,) = await ana.send("why?")

    for screen in (why, typed):
        assert (screen.text or "").startswith("Why not run it off?")
        assert buttons(screen) == [["🧘 Strength and mobility routine"]]
    (steps,) = await ana.press("🧘 Strength and mobility routine", why)
    assert steps.text == routine_text()


async def test_the_why_screen_of_a_jog_day_offers_the_jog_as_it_stands(ana: Chat) -> None:
    """Rule 7: the why screen carries the jog offer of the verdict; once a reminder is set, no
    second one, as the morning push does; once the run is declined, nothing. The screen itself
    stays the same."""
    await onboard(ana)
    (verdict,) = await check_in(ana, *JOG_DAY)
    offer = [
        ["Start 15 min", "Start 20 min"],
        ["Remind me at 17:30"],
        ["Remind me in 1 hour", "Not today"],
    ]
    assert buttons(verdict) == [*offer, ["Why? Both sides"]]

    (why,) = await ana.press("Why? Both sides")
    assert why.text == why_screen(Verdict.EASY_JOG)
    assert buttons(why) == offer

    await ana.press("Remind me at 17:30", why)
    (typed,) = await ana.send("Why")
    assert typed.text == why_screen(Verdict.EASY_JOG)
    assert buttons(typed) == [["Start 15 min", "Start 20 min"], ["Not today"]]

    await ana.press("Not today", typed)
    (declined,) = await ana.press("Why? Both sides", verdict)
    assert declined.text == why_screen(Verdict.EASY_JOG)
    assert buttons(declined) == []


async def test_in_german_an_easy_day_is_locker_and_the_why_offers_the_routine(ana: Chat) -> None:
    """German runners say "locker" for keeping it easy: the verdict's way out names "wie
    geplant, aber locker" (it said "sanft"), and the why screen carries the routine's button
    in German too."""
    ana.language_code = "de"
    await onboard(ana, new_runner="Nein", muscle_first="Nein", compression="Nein")
    (verdict,) = await check_in(ana, "🏃 Lockerer Lauf", "Gehen fällt schwer")

    assert (verdict.text or "").endswith(
        "🔁 Was das ändern würde: beim Gehen steif, mit Muskelkater → wie geplant, aber locker"
    )
    (why,) = await ana.press("Warum? Beide Seiten")
    assert buttons(why) == [["🧘 Kraft- und Mobilitätstraining"]]
    for screen in (verdict, why):
        assert "sanft" not in (screen.text or "").lower()


async def test_the_why_button_of_a_replaced_verdict_explains_it_but_offers_nothing(
    ana: Chat,
) -> None:
    """A check-in since changed the day's verdict: the earlier verdict's "Why?" still explains
    that verdict, but its jog offer is no longer today's."""
    await onboard(ana)
    (green,) = await check_in(ana, *JOG_DAY)
    await check_in(ana, "🏃 Easy run", "Hard to walk")

    (why,) = await ana.press("Why? Both sides", green)

    assert why.text == why_screen(Verdict.EASY_JOG)
    assert buttons(why) == []


async def test_a_why_button_of_an_earlier_release_still_shows_the_leg_day_camps(ana: Chat) -> None:
    await onboard(ana)

    (why,) = await ana.press_data("why")

    assert why.text == why_screen(Verdict.EASY_JOG)


async def test_a_forged_verdict_on_the_why_button_is_an_expired_button(ana: Chat) -> None:
    await onboard(ana)

    replies = await ana.press_data("why:sprint")

    screens = {why_screen(verdict) for verdict in Verdict}
    assert replies and not any(reply.text in screens for reply in replies)


async def test_every_verdict_names_what_would_change_it(ana: Chat) -> None:
    await onboard(ana)

    (verdict,) = await check_in(ana, "🦵 Leg day", "Light", "No", "A bit sore")

    assert (verdict.text or "").split("\n\n")[-1] == (
        "🔁 What would change it: stiff and sore walking → cross-train or easy run"
    )


async def test_a_no_run_day_names_what_would_lift_it_not_what_would_sink_it(ana: Chat) -> None:
    """After a long run no answer today allows a run (rule 4): the line names the next
    check-in's answer that would, never harder walking."""
    await onboard(ana)

    (verdict,) = await check_in(ana, "🏅 Long run or race", "A bit sore")

    assert (verdict.text or "").startswith("🔴 Red: no run")
    assert (verdict.text or "").split("\n\n")[-1] == (
        "🔁 What would change it: walking normally tomorrow → as planned"
    )


# --- the jog timer after the verdict -------------------------------------------------------


async def test_jog_after_a_no_run_verdict_says_why_not_and_asks_first(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    (verdict,) = await check_in(ana, *PAIN_DAY)
    assert buttons(verdict) == [["Why? Both sides"]]  # no jog offer, no reminder

    (ask,) = await ana.send("/jog")

    assert ask.text == "Your check-in said no run (sharp or joint pain). Start the timer anyway?"
    assert buttons(ask) == [["🏃 Run 15 min anyway"], ["Not today"]]
    assert await repo.jogs.list_for(1001) == []
    (warm_up,) = await ana.press("🏃 Run 15 min anyway")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)
    assert [j.kind for j in await repo.jogs.list_for(1001)] == ["jog"]


async def test_jog_after_a_late_verdict_names_the_workout_as_the_users_clock_would(
    ana: Chat, clock: FrozenClock
) -> None:
    """A check-in at 00:30 on Tuesday counts for Monday and is about Sunday's run: at 00:40
    under that verdict, "yesterday" would name Monday; the reason names Sunday's date instead.
    Its day without running ends with the night (coach.advice.RULES_FOR_TONIGHT): on Tuesday
    afternoon /jog asks as on any day without a verdict."""
    clock.now = datetime(2026, 1, 12, 20, 0, tzinfo=UTC)  # 21:00 on Monday in Berlin
    await onboard(ana)
    clock.now = datetime(2026, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 on Tuesday 13 Jan
    await check_in(ana, "🏅 Long run or race", "Normal", "😴 No, nothing that day")
    clock.advance(minutes=10)

    (ask,) = await ana.send("/jog")

    # In the small hours its cross-training is over too, as the verdict says.
    dated = texts.JOG_NOT_TONIGHT_CROSS.format(drivers="long run or race on Sun 11 Jan")
    assert ask.text == dated
    await ana.press("Not today")
    clock.now = datetime(2026, 1, 13, 14, 0, tzinfo=UTC)  # 15:00 on Tuesday: two days later
    (later,) = await ana.send("/jog")
    assert later.text == str(texts.JOG_ASK)


async def test_an_old_jog_offer_after_a_later_no_run_verdict_asks_first(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    (green,) = await check_in(ana, *JOG_DAY)
    clock.advance(minutes=20)
    await check_in(ana, *PAIN_DAY)

    (ask,) = await ana.press("Start 20 min", green)

    assert ask.text == "Your check-in said no run (sharp or joint pain). Start the timer anyway?"
    assert buttons(ask) == [["🏃 Run 20 min anyway"], ["Not today"]]
    assert await repo.jogs.list_for(1001) == []
    (skipped,) = await ana.press("Not today")
    assert skipped.text == str(texts.SKIPPED)


async def test_jog_after_a_cross_training_verdict_offers_cross_training_first(
    ana: Chat, repo: Repository, clock: FrozenClock
) -> None:
    await onboard(ana)
    (verdict,) = await check_in(ana, "🏅 Long run or race", "Normal")
    assert buttons(verdict)[0] == ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"]

    (ask,) = await ana.send("/jog")

    assert ask.text == texts.JOG_NOT_TODAY_CROSS.format(drivers="long run or race yesterday")
    assert buttons(ask) == [
        ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"],
        ["🏃 Run 15 min anyway"],
        ["Not today"],
    ]
    # The run from an older offer asks first too, with cross-training first.
    clock.advance(minutes=1)
    (confirm,) = await ana.press_data("j:go:jog:20")
    assert buttons(confirm) == [
        ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"],
        ["🏃 Run 20 min anyway"],
        ["Not today"],
    ]
    assert await repo.jogs.list_for(1001) == []
    (warm_up,) = await ana.press("🚲 Cross-train 20 min", confirm)
    assert warm_up.text == texts.WARM_UP["cross"].format(minutes=20)
    assert [(j.kind, j.planned_minutes) for j in await repo.jogs.list_for(1001)] == [("cross", 20)]


async def test_jog_after_a_strength_and_mobility_verdict_offers_the_routine_first(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    (verdict,) = await check_in(ana, "🦵 Leg day", "Heavy", "No", "Hard to walk")
    assert "strength and mobility" in (verdict.text or "")

    (ask,) = await ana.send("/jog")

    assert ask.text == texts.JOG_NOT_TODAY_MOBILITY.format(drivers="hard to walk")
    assert buttons(ask) == [
        ["🧘 Strength and mobility routine"],
        ["🏃 Run 15 min anyway"],
        ["Not today"],
    ]
    (routine,) = await ana.press("🧘 Strength and mobility routine")
    lines = (routine.text or "").splitlines()
    assert lines[0] == str(texts.MOBILITY_HEAD)
    # Issue 13: a routine of its own (tests/conversations/test_routine.py), not the verdict's
    # bullets again.
    assert "1. Box squats to a chair: 2 sets of 8 reps (2 min)" in lines
    assert "No running, no cardio workout and no held stretches" in lines[1]
    assert await repo.jogs.list_for(1001) == []


async def test_a_jog_reminder_set_before_a_no_run_verdict_is_not_sent(
    ana: Chat, clock: FrozenClock
) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)
    await ana.press("Remind me in 1 hour")
    await check_in(ana, *PAIN_DAY)
    before = len(ana.history)

    clock.advance(minutes=61)
    await tick(ana.app)

    assert str(texts.REMINDER["jog"]) not in [m.text for m in ana.history[before:]]


async def test_jog_after_a_go_gently_verdict_offers_the_gentler_option_first(
    ana: Chat, repo: Repository
) -> None:
    """Rule 6 ("very easy jog or cross-train", yellow) says cross-training is the better of
    the two: it comes first. The verdict offers the same (newcomer: it offered cross-training
    15 or 20 minutes, /jog 15 minutes of it or a very easy jog)."""
    await onboard(ana)
    (verdict,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "Stiff and sore")
    assert (await repo.checkins.list_for(1001))[0].advice == Verdict.EASY_OR_CROSS

    (ask,) = await ana.send("/jog")

    # What the check-in said ("Better: cross-train", a run only very short and very easy),
    # not "the gentler option comes first", an order it never gave.
    assert ask.text == (
        "Your check-in said cross-training is the better choice: easy cycling or pool running. "
        "If you do run, keep it very short and very easy."
    )
    assert buttons(ask) == [
        ["🚲 Cross-train 15 min", "🚲 Cross-train 20 min"],
        ["🏃 Very easy jog 15 min"],
    ]
    assert buttons(verdict)[:2] == buttons(ask)
    (warm_up,) = await ana.press("🚲 Cross-train 15 min")
    assert warm_up.text == texts.WARM_UP["cross"].format(minutes=15)


async def test_jog_after_train_as_planned_but_gently_offers_the_short_run_first(
    ana: Chat, repo: Repository
) -> None:
    """Rule 8 on sore legs (yellow) says stick to the plan, gently: the plan's run, shorter,
    comes first, and cross-training is only the alternative."""
    await onboard(ana)
    (verdict,) = await check_in(ana, "😴 Rest day", "Stiff and sore")
    assert "Train as planned, but gently" in (verdict.text or "")

    (ask,) = await ana.send("/jog")

    # Its check-in said "Stick to your plan, at an easy effort", and no order of options.
    assert ask.text == (
        "Your check-in said to stick to your plan, at an easy effort: a short, very easy run, "
        "or easy cycling or pool running if you'd rather."
    )
    assert buttons(ask) == [["🏃 Very easy jog 15 min"], ["🚲 Cross-train 15 min"]]
    (warm_up,) = await ana.press("🏃 Very easy jog 15 min")
    assert warm_up.text == texts.WARM_UP["jog"].format(minutes=15)


async def test_jog_without_a_check_in_or_on_a_green_day_asks_how_long(ana: Chat) -> None:
    await onboard(ana)
    (plain,) = await ana.send("/jog")
    await check_in(ana, *JOG_DAY)
    (green,) = await ana.send("/jog")

    for ask in (plain, green):
        assert ask.text == str(texts.JOG_ASK)
        assert buttons(ask) == [["Start 15 min", "Start 20 min"]]


@pytest.mark.parametrize(
    ("feeling", "words"),
    [
        ("Tough", ("stop at 10 minutes", "slower", "cross-train")),
        ("Too easy", ("recovery session",)),
        ("Just right", ("exactly the aim",)),
    ],
)
async def test_how_it_felt_gets_its_own_reply(
    ana: Chat, clock: FrozenClock, feeling: str, words: tuple[str, ...]
) -> None:
    await onboard(ana)
    await check_in(ana, *JOG_DAY)
    await ana.press("Start 15 min")
    clock.advance(minutes=17)  # 12 minutes of running
    await ana.press("Finish early")

    (reply,) = await ana.press(feeling)

    assert all(word in (reply.text or "") for word in words)
    others = {"Tough", "Too easy", "Just right"} - {feeling}
    assert not any(reply.text == str(texts.FEELING_REPLIES.get(o, "")) for o in others)


# --- the time of day -----------------------------------------------------------------------

EVENING = datetime(2026, 1, 13, 18, 30, tzinfo=UTC)  # 19:30 in Berlin


async def test_an_evening_check_in_speaks_of_now_and_covers_tomorrow_morning(
    ana: Chat, clock: FrozenClock
) -> None:
    await onboard(ana)
    clock.now = EVENING
    await check_in(ana, "🦵 Leg day", "Light")

    (walking,) = await ana.press("No")
    assert walking.text == "How does walking feel now?"  # asked, not yet answered
    await ana.press("Normal")
    (verdict,) = await ana.press("😴 No, nothing today")  # the evening's last question

    text = verdict.text or ""
    assert "🏃 Yes: an easy 15-20 minute jog, tonight or tomorrow." in text
    assert "jog today" not in text
    assert text.endswith("🌙 A late check-in: this goes for the rest of today and tomorrow.")


async def test_pain_in_the_evening_is_noted_as_the_verdict_will_put_it(
    ana: Chat, clock: FrozenClock
) -> None:
    await onboard(ana)
    clock.now = EVENING
    await check_in(ana, "😴 Rest day")

    (again,) = await ana.press("⚠️ Sharp or joint pain")
    await ana.press("A bit sore")
    (verdict,) = await ana.press("😴 No, nothing today")  # the evening's last question

    assert (again.text or "").startswith(
        "Noted: sharp or joint pain, so no running tonight or tomorrow."
    )
    assert "🛑 No running tonight or tomorrow: rest." in (verdict.text or "")


async def test_a_morning_check_in_speaks_of_this_morning(ana: Chat) -> None:
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light")

    (walking,) = await ana.press("No")
    (verdict,) = await ana.press("Normal")

    assert (walking.text or "").startswith("How does walking feel this morning?\n")
    assert "🏃 Yes: an easy 15-20 minute jog today." in (verdict.text or "")
    assert "🌙" not in (verdict.text or "")


async def test_in_the_afternoon_walking_is_asked_about_now_and_the_advice_is_for_today(
    ana: Chat, clock: FrozenClock
) -> None:
    await onboard(ana)
    clock.now = datetime(2026, 1, 13, 13, 0, tzinfo=UTC)  # 14:00 in Berlin
    await check_in(ana, "🦵 Leg day", "Light")

    (walking,) = await ana.press("No")
    (verdict,) = await ana.press("Normal")

    assert (walking.text or "").startswith("How does walking feel now?\n")
    assert "jog today" in (verdict.text or "")


# --- typed answers -------------------------------------------------------------------------


async def test_typed_labels_numbers_and_close_spellings_count_as_the_button(
    ana: Chat, repo: Repository
) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    (intensity,) = await ana.send("leg day")
    assert intensity.text == str(texts.INTENSITY_PROMPT)
    said, overreach = await ana.send("2")  # moderate, said back: typed as no label reads
    assert said.text == "Got it: Moderate."
    assert overreach.text == str(texts.OVERREACH_PROMPT)
    (walking,) = await ana.send("no")
    assert walking.text == str(texts.WALKING_PROMPT)
    said, verdict = await ana.send("stif and sore")
    assert said.text == "Got it: Stiff and sore."

    assert (verdict.text or "").startswith("🟡 Yellow: go gently")
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.leg_intensity, stored.overreached, stored.walking) == (
        "leg_day",
        "moderate",
        False,
        "stiff_sore",
    )


async def test_text_matching_no_button_is_asked_again(ana: Chat, repo: Repository) -> None:
    await onboard(ana)
    await ana.send("/checkin")

    sorry, question = await ana.send("banana")

    assert sorry.text == str(texts.PICK_A_BUTTON)
    assert question.text == str(texts.WORKOUT_PROMPT)
    draft = await repo.checkins.get_draft(1001)
    assert draft is not None and draft.answers == {}


@pytest.mark.parametrize(
    ("language", "workout", "no"),
    [("de", "Beintag", "nein"), ("ru", "день ног", "нет"), ("es", "dia de pierna", "No")],
)
async def test_typed_labels_in_the_users_language(
    ana: Chat, repo: Repository, language: str, workout: str, no: str
) -> None:
    ana.language_code = language
    button = {"de": "Nein", "ru": "Нет", "es": "No"}[language]
    await onboard(ana, new_runner=button, muscle_first=button, compression=button)
    await ana.send("/checkin")

    await ana.send(workout)
    await ana.send("1")  # light
    (walking,) = await ana.send(no)
    await ana.send("1")  # normal

    assert walking.text != str(texts.PICK_A_BUTTON)
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None
    assert (stored.workout, stored.leg_intensity, stored.overreached, stored.walking) == (
        "leg_day",
        "light",
        False,
        "normal",
    )


@pytest.mark.parametrize(
    ("language", "typed", "workout"),
    [
        ("en", "rest", "rest"),
        ("en", "Rest", "rest"),
        ("en", "easy", "easy_run"),
        ("en", "legs", "leg_day"),
        ("en", "leg", "leg_day"),
        ("en", "Long", "long_race"),
        ("de", "Ruhe", "rest"),
        ("de", "Beine", "leg_day"),
        ("de", "rest", "rest"),  # the English label's start, as a whole English label counts
        ("ru", "Лёгкая", "easy_run"),
        ("es", "Tirada", "long_race"),
        # Starts two buttons share, and text that starts none: asked again.
        ("ru", "день", None),
        ("es", "día", None),
        ("en", "hello", None),
        ("en", "re", None),
        ("en", "run", None),
    ],
)
async def test_the_start_of_one_label_counts_as_its_button(
    ana: Chat, repo: Repository, language: str, typed: str, workout: str | None
) -> None:
    """Issue 13: "rest" is "😴 Rest day" (its distinctive first word, or a start of it), as
    long as no other button starts so; ambiguous or stray text is asked again."""
    ana.language_code = language
    button = {"en": "No", "de": "Nein", "ru": "Нет", "es": "No"}[language]
    await onboard(ana, new_runner=button, muscle_first=button, compression=button)
    await ana.send("/checkin")

    replies = await ana.send(typed)

    draft = await repo.checkins.get_draft(1001)
    assert draft is not None
    if workout is None:
        assert [m.text for m in replies] == [
            translations(language).gettext(texts.PICK_A_BUTTON.msgid),
            translations(language).gettext(texts.WORKOUT_PROMPT.msgid),
        ]
        assert draft.answers == {}
    else:
        assert draft.answers.get("workout") == workout
        assert replies[-1].text != translations(language).gettext(texts.PICK_A_BUTTON.msgid)


def test_evening_starts_at_five_on_the_users_clock() -> None:
    from conversations.coach.timing import PartOfDay, part_of_day

    assert part_of_day("Europe/Berlin", EVENING - timedelta(hours=2, minutes=31)) is PartOfDay.DAY
    assert part_of_day("Europe/Berlin", EVENING - timedelta(hours=2, minutes=30)) is (
        PartOfDay.EVENING
    )
    assert EVENING.tzinfo is UTC


# --- a leg day two or three days ago --------------------------------------------------------

LEG_DAY_CAUSE = (
    "Your leg day {days} days ago is the likely cause: soreness often peaks one to three days "
    "later."
)


async def test_soreness_two_days_after_a_leg_day_is_put_down_to_it(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The console tester's case: Monday's check-in said leg day (Sunday, heavy); Tuesday's says
    easy run and a bit sore. The rule stays 8; the verdict and its why screen name Sunday."""
    clock.now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)  # 07:00 in Berlin
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "A bit sore")
    clock.now += timedelta(days=1)

    # Two days after the heavy leg day, walking comes first (issue 13).
    (verdict,) = await check_in(ana, "A bit sore", "🏃 Easy run")

    assert (verdict.text or "").startswith(
        "🟡 Yellow: go gently\nBecause: easy run yesterday, a bit sore walking\n\n"
        "✅ Train as planned, but gently.\n\n" + LEG_DAY_CAUSE.format(days=2) + "\n\n"
    )
    stored = await repo.checkins.get(1001, date(2026, 1, 13))
    assert stored is not None and (stored.rule, stored.advice) == (8, "as_planned")
    (why,) = await ana.press("Why? Both sides")
    assert (why.text or "").startswith(
        "Why not change your plan? Your leg day was 2 days ago, not yesterday"
    )
    assert "no leg day" not in (why.text or "")


# Monday 12 Jan's check-in tells Sunday's leg day; Tuesday's, a kept plan on sore legs after
# Monday's easy run, names Sunday as the likely cause. Berlin times.
TUESDAY_NIGHT = datetime(2026, 1, 13, 20, 0, tzinfo=UTC)  # 21:00
WEDNESDAY_0030 = datetime(2026, 1, 13, 23, 30, tzinfo=UTC)  # 00:30, still Tuesday's check-in
WEDNESDAY_0806 = datetime(2026, 1, 14, 7, 6, tzinfo=UTC)  # 08:06


@pytest.mark.parametrize(
    ("language", "cause", "reason"),
    [
        (
            "en",
            "Your leg day on Sun 11 Jan is the likely cause",
            "Why not change your plan? Your leg day was on Sun 11 Jan, not Mon 12 Jan, and "
            "nothing you told me about Mon 12 Jan calls for a change: no pain when you checked "
            "in, and walking isn't hard. Soreness from that leg day can still be peaking",
        ),
        (
            "de",
            "Dein Beintag am So., 11. Jan. ist wahrscheinlich die Ursache",
            "Warum deinen Plan nicht ändern? Dein Beintag war am So., 11. Jan., nicht am Mo., "
            "12. Jan., und nichts, was du mir über den Mo., 12. Jan. gesagt hast, spricht für "
            "eine Änderung: beim Check-in kein Schmerz",
        ),
    ],
)
async def test_why_of_a_plan_kept_names_the_leg_day_by_its_date_after_midnight_and_next_morning(
    ana: Chat, clock: FrozenClock, language: str, cause: str, reason: str
) -> None:
    """Newcomer 16: Tuesday evening's kept plan, shown at 00:30 and at 08:06 on Wednesday,
    names Sunday's leg day by its date; its why screen said "2 days ago, not yesterday" at 00:30
    and "3 days ago" at 08:06. It names the days as the verdict does, counted from the
    check-in's day."""
    ana.language_code = language
    tr = translations(language).gettext
    clock.now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)  # 07:00 on Monday
    await onboard(ana, new_runner=tr("No"), muscle_first=tr("No"), compression=tr("No"))
    await check_in(ana, tr("🦵 Leg day"), tr("Moderate"), tr("No"), tr("A bit sore"))
    clock.now = TUESDAY_NIGHT
    (verdict,) = await check_in(
        ana, tr("🏃 Easy run"), tr("A bit sore"), tr("😴 No, nothing today")
    )

    for now in (WEDNESDAY_0030, WEDNESDAY_0806):
        clock.now = now
        (today,) = await ana.send("/today")
        (why,) = await ana.press(tr(texts.WHY_BUTTON.msgid), verdict)
        assert cause in (today.text or ""), today.text
        assert (why.text or "").startswith(reason), why.text
        assert (why.text or "").endswith(tr(AS_PLANNED_SORE.msgid))


async def test_why_of_a_plan_kept_for_tonight_names_the_recent_leg_day(
    ana: Chat, clock: FrozenClock
) -> None:
    """A plan kept for tonight only (Tuesday morning's check-in, "nothing today" added at
    21:00) names Sunday's leg day as the likely cause; its why screen said "no leg day" at
    21:30 and "no leg day ... on Mon 12 Jan" at 00:30, denying it."""
    clock.now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    clock.now = datetime(2026, 1, 13, 6, 0, tzinfo=UTC)  # 07:00 on Tuesday
    await check_in(ana, "🏃 Easy run", "A bit sore")
    clock.now = TUESDAY_NIGHT
    *_, verdict = await check_in(ana, "😴 No, nothing today")
    assert "Your leg day 2 days ago is the likely cause" in (verdict.text or "")

    clock.now = TUESDAY_NIGHT + timedelta(minutes=30)
    (evening,) = await ana.press("Why? Both sides", verdict)
    clock.now = WEDNESDAY_0030
    (night,) = await ana.press("Why? Both sides", verdict)

    assert (evening.text or "").startswith(
        "Why not change your plan? Your leg day was 2 days ago, not yesterday"
    )
    assert (evening.text or "").endswith("so keep it easy tonight and warm up longer.")
    assert (night.text or "").startswith(
        "Why not change your plan? Your leg day was on Sun 11 Jan, not Mon 12 Jan"
    )
    for screen in (evening.text or "", night.text or ""):
        assert "no leg day" not in screen


async def _onboarded_with_a_legs_file(
    chat: Chat, clock: FrozenClock, now: datetime, trained: datetime
) -> None:
    """Onboarded at `now`, then a strength-training FIT file started at `trained`, answered
    "legs"."""
    clock.now = now
    await onboard(chat)
    gym = fit_file(
        trained, metres=None, sport=FitSport.TRAINING, sub_sport=SubSport.STRENGTH_TRAINING
    )
    await chat.send_file("gym.fit", gym)
    await chat.press("🦵 Yes, legs")


async def test_a_strength_file_answered_legs_three_days_ago_counts_without_a_check_in(
    ana: Chat, clock: FrozenClock
) -> None:
    await _onboarded_with_a_legs_file(
        ana,
        clock,
        now=datetime(2026, 1, 13, 6, 0, tzinfo=UTC),
        trained=datetime(2026, 1, 10, 16, 0, tzinfo=UTC),
    )

    (verdict,) = await check_in(ana, "😴 Rest day", "Stiff and sore")

    assert LEG_DAY_CAUSE.format(days=3) in (verdict.text or "")


async def test_the_check_in_of_the_day_after_wins_over_a_legs_file(
    ana: Chat, clock: FrozenClock
) -> None:
    """The file said legs, but the check-in of the day after said other training: the user's
    answer counts, so no leg day is named; nor one when walking is normal."""
    await _onboarded_with_a_legs_file(
        ana,
        clock,
        now=datetime(2026, 1, 12, 6, 0, tzinfo=UTC),
        trained=datetime(2026, 1, 11, 16, 0, tzinfo=UTC),
    )
    said, _walking = await ana.send("/checkin")
    await ana.press("✏️ Correct it", said)
    await ana.press("💪 Other training")
    await ana.press("Normal")
    clock.now += timedelta(days=1)

    (verdict,) = await check_in(ana, "🏃 Easy run", "A bit sore")

    assert "likely cause" not in (verdict.text or "")
    (why,) = await ana.press("Why? Both sides")
    assert why.text == why_screen(Verdict.AS_PLANNED, walking=Walking.A_BIT_SORE)
