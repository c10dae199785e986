"""What would change each verdict, worked out from the rules by trying neighbouring answers; the
"why" screen of each verdict's situation; labels and notes that fit the verdict they come with."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from conversations.coach.advice import (
    BAND_LABELS,
    CHANGE_TOMORROW_LINES,
    EVENING_NOTE,
    NO_PAIN,
    PAIN_DRIVER,
    PEAK_NOTE,
    RESTRICTIVENESS,
    RULES_FOR_TONIGHT,
    RUN_AFTER_WAITING_NAMES,
    TONIGHT_NOTES,
    WALKING_DRIVERS,
    WALKING_ORDER,
    Answers,
    Band,
    Change,
    LegIntensity,
    Profile,
    Scope,
    Verdict,
    Walking,
    Workout,
    advise,
    changed,
    combined_change,
    describe_change,
    less_restrictive,
    neighbours,
    shown_by,
    tomorrows_answers,
    verdict_name,
    what_would_change,
    why_screen,
)
from conversations.coach.timing import PartOfDay, part_of_day
from conversations.i18n import DEFAULT, LANGUAGES
from tests.advice.test_advice_rules import EVERY_ADVICE, TABLE
from tests.conversations.test_languages import speaking

LEG = Workout.LEG_DAY
PLAIN = Profile()
ROWS = [pytest.param(answers, profile, id=row_id) for row_id, answers, profile, *_ in TABLE]


def test_the_table_covers_every_rule() -> None:
    assert {advise(answers, profile).rule for _, answers, profile, *_ in TABLE} == set(range(1, 9))


def test_restrictiveness_orders_every_verdict_by_band_then_by_rule() -> None:
    """Each verdict and band the rules give stands once; red before yellow before green, and
    within a band the earlier rule (the weightier reason) is the more restrictive."""
    shown = {
        (advice.verdict, advice.band): advice.rule
        for answers, profile in EVERY_ANSWER
        for advice in [advise(answers, profile)]
    }
    assert set(RESTRICTIVENESS) == set(shown)
    bands = [Band.RED, Band.YELLOW, Band.GREEN]
    assert list(RESTRICTIVENESS) == sorted(
        shown, key=lambda pair: (bands.index(pair[1]), shown[pair])
    )
    # The example of issue 13: after "much harder than usual", hard walking is no better news.
    assert not less_restrictive(Verdict.STRENGTH_MOBILITY, Band.RED, (Verdict.REST_DAY, Band.RED))


def _shown(answers: Answers, profile: Profile) -> tuple[Verdict, Band]:
    advice = advise(answers, profile)
    return advice.verdict, advice.band


@pytest.mark.parametrize(("answers", "profile"), ROWS)
def test_the_named_change_is_the_nearest_better_news_and_else_the_nearest_change(
    answers: Answers, profile: Profile
) -> None:
    shown = _shown(answers, profile)

    change = what_would_change(answers, profile)

    named = _shown(change.answers, profile)
    assert named[0] is change.verdict and named != shown
    today = [changed(answers, field, value) for field, value in neighbours(answers)]
    better_today = [other for other in today if less_restrictive(*_shown(other, profile), shown)]
    tomorrow = [tomorrows_answers(shown[0], walking) for walking in WALKING_ORDER]
    better_tomorrow = [
        other
        for other in tomorrow
        if other is not None and less_restrictive(*_shown(other, profile), shown)
    ]
    if better_today:
        assert (change.tomorrow, change.answers) == (False, better_today[0])
    elif better_tomorrow and shown[1] is not Band.GREEN:
        assert (change.tomorrow, change.answers) == (True, better_tomorrow[0])
    else:
        changes = [other for other in today if _shown(other, profile) != shown]
        assert (change.tomorrow, change.answers) == (False, changes[0])


# Every answer set the check-in can produce, under each profile the rules look at.
EVERY_ANSWER = [
    (Answers(workout, walking, overreached=overreached, sharp_pain=pain), profile)
    for workout, walking, overreached, pain, profile in itertools.product(
        Workout,
        Walking,
        (True, False),
        (True, False),
        (PLAIN, Profile(muscle_priority=True), Profile(new_runner=True)),
    )
]


def test_every_day_that_is_not_green_names_better_news() -> None:
    """A user reads the line as "what would let me do more": under a red or yellow verdict it
    never names worse legs, whatever the answers."""
    for answers, profile in EVERY_ANSWER:
        shown = _shown(answers, profile)
        if shown[1] is Band.GREEN:
            continue
        change = what_would_change(answers, profile)
        assert less_restrictive(*_shown(change.answers, profile), shown), (answers, profile)


def test_the_table_names_each_kind_of_change() -> None:
    """Today's better answer, the next check-in's, and on a green day what would hold it back."""
    kinds = set()
    for _, answers, profile, *_ in TABLE:
        change = what_would_change(answers, profile)
        better = less_restrictive(*_shown(change.answers, profile), _shown(answers, profile))
        kinds.add((change.tomorrow, better))
    assert kinds == {(False, True), (True, True), (False, False)}


@pytest.mark.parametrize(("answers", "profile"), ROWS)
def test_every_verdict_names_its_change_in_one_line(answers: Answers, profile: Profile) -> None:
    advice = advise(answers, profile)
    change = what_would_change(answers, profile)

    assert "\n" not in advice.change
    assert advice.change.startswith("🔁 What would change it: ")
    assert advice.change.endswith(f" → {verdict_name(change.verdict, change.answers.walking)}")


# id, answers, profile, the line (a few rows written out, as a user reads them)
LINES = [
    (
        "a bit sore after legs: stiff would mean the bike",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, False),
        PLAIN,
        "stiff and sore walking → cross-train or easy run",
    ),
    (
        "stiff after legs: a bit sore would mean a jog",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.MODERATE, False, False),
        PLAIN,
        "a bit sore walking → easy jog",
    ),
    (
        "pain: without it, the plan",
        Answers(Workout.REST, Walking.A_BIT_SORE, sharp_pain=True),
        PLAIN,
        "no sharp or joint pain → as planned, gently",
    ),
    (
        # The overreach is the user's own answer about yesterday, like the workout: no line may
        # deny it (newcomer 10); the rest day lifts with the day it covers.
        "overreached on leg day, stiff: tomorrow's fresh legs lift the rest day",
        Answers(LEG, Walking.STIFF_SORE, LegIntensity.HEAVY, True, False),
        PLAIN,
        "walking normally tomorrow → as planned",
    ),
    (
        # The user's own answer says the session went past the usual: no line may deny it, and
        # hard walking would be worse news; the rest day lifts with the day it covers.
        "much harder than usual, stiff: tomorrow's fresh legs lift the rest day",
        Answers(Workout.HARD_SESSION, Walking.STIFF_SORE, overreached=True, sharp_pain=False),
        PLAIN,
        "walking normally tomorrow → as planned",
    ),
    (
        "long run yesterday: no answer today allows a run, tomorrow's fresh legs do",
        Answers(Workout.LONG_RACE, Walking.A_BIT_SORE, sharp_pain=False),
        PLAIN,
        "walking normally tomorrow → as planned",
    ),
    (
        # Walking is normal already: the day passing lifts it, not an answer the user gave.
        "muscle first: the day of waiting ends, whatever the legs say today",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, False, False),
        Profile(muscle_priority=True),
        "tomorrow, if your legs feel no worse → as planned",
    ),
    (
        "muscle first, a bit sore: walking normally tomorrow ends the wait",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, False),
        Profile(muscle_priority=True),
        "walking normally tomorrow → as planned",
    ),
    (
        "pain after a long run: without it, the no-impact day",
        Answers(Workout.LONG_RACE, Walking.A_BIT_SORE, sharp_pain=True),
        PLAIN,
        "no sharp or joint pain → cross-training",
    ),
    (
        "hard to walk after legs: stiff would mean the bike",
        Answers(LEG, Walking.HARD, LegIntensity.HEAVY, False, False),
        PLAIN,
        "stiff and sore walking → cross-train or easy run",
    ),
    (
        "overreached on leg day, walking normally: the day passing lifts the rest day",
        Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, True, False),
        PLAIN,
        "tomorrow, if your legs feel no worse → as planned",
    ),
    (
        # Pain gone, a rest day for another reason is rest still: not news (newcomer 10). The
        # legs feeling no worse lift nothing while the pain stays: its going is named too.
        "pain after a session much harder than usual: rest either way, tomorrow lifts it",
        Answers(Workout.HARD_SESSION, Walking.NORMAL, overreached=True, sharp_pain=True),
        PLAIN,
        "tomorrow, if the pain has gone and your legs feel no worse → as planned",
    ),
    (
        # Without the pain it is a day of waiting: named by when the run comes back, as "→ wait
        # a day" reads as no change at all.
        "pain after legs, muscle first: without it, a run tomorrow",
        Answers(LEG, Walking.A_BIT_SORE, LegIntensity.HEAVY, False, True),
        Profile(muscle_priority=True),
        "no sharp or joint pain → an easy run tomorrow",
    ),
    (
        "hard to walk after legs, muscle first: stiff would mean a run tomorrow",
        Answers(LEG, Walking.HARD, LegIntensity.HEAVY, False, False),
        Profile(muscle_priority=True),
        "stiff and sore walking → an easy run tomorrow",
    ),
    (
        # Same rule, another band: the green plan turns into the yellow "as planned, gently".
        "fresh after a rest day: a bit sore would mean going gently",
        Answers(Workout.REST, Walking.NORMAL, sharp_pain=False),
        PLAIN,
        "a bit sore walking → as planned, gently",
    ),
    (
        "a bit sore after a rest day: walking normally would mean the plan as it stands",
        Answers(Workout.REST, Walking.A_BIT_SORE, sharp_pain=False),
        PLAIN,
        "walking normally → as planned",
    ),
]


@pytest.mark.parametrize(
    ("answers", "profile", "line"), [pytest.param(*row[1:], id=row[0]) for row in LINES]
)
def test_the_change_line_reads_as_expected(answers: Answers, profile: Profile, line: str) -> None:
    assert advise(answers, profile).change == f"🔁 What would change it: {line}"


def _condition(line: str) -> str:
    """What a change line names as the change: 'walking normally tomorrow' of '🔁 What would
    change it: walking normally tomorrow → as planned'."""
    return line.removeprefix("🔁 What would change it: ").rsplit(" → ", 1)[0]


def _names_the_answer_given(
    condition: str, answers: Answers, that_day: Answers | None = None
) -> bool:
    given = [
        str(WALKING_DRIVERS[answers.walking]),
        str(PAIN_DRIVER if answers.sharp_pain else NO_PAIN),
    ]
    return any(condition.startswith(answer) for answer in given)


def _every_scope(answers: Answers, profile: Profile) -> list[str]:
    day = date(2026, 1, 11)
    return [
        advise(answers, profile).change,
        advise(answers, profile, evening=True).change,
        advise(answers, profile, True, after_midnight=True, workout_day=day).change,
        advise(answers, profile, True, trained_that_day=True).change,
    ]


def _that_days(answers: Answers) -> list[Answers]:
    """The answers with each workout the evening's last question can add for the day itself,
    kept as a check-in keeps them (verdicts.settled): an overreach only after a leg day, and
    "much harder than usual" being one by itself."""
    days = []
    for workout in Workout:
        if workout is Workout.REST:
            continue  # "No, nothing today": no second workout
        for overreached in (True, False) if workout is LEG else (None,):
            if workout is Workout.HARD_SESSION:
                overreached = True
            days.append(
                Answers(workout, answers.walking, None, overreached, answers.sharp_pain, True)
            )
    return days


def test_no_change_line_names_the_answer_the_user_gave() -> None:
    """Decided by the rules table, not by hand: where only the next check-in's walking lifts a
    verdict and that walking is the one given, the line says the day passing does it."""
    time_only = 0
    for answers, profile in EVERY_ANSWER:
        for line in _every_scope(answers, profile):
            assert not _names_the_answer_given(_condition(line), answers), (answers, line)
            time_only += "if your legs feel no worse" in line
        for that_day in _that_days(answers):
            change = combined_change(answers, that_day, profile)
            if change is not None:
                line = describe_change(change, Scope.TONIGHT)
                condition = _condition(line)
                assert not _names_the_answer_given(condition, answers, that_day), (answers, line)
    assert time_only > 0


def _combined(answers: Answers, that_day: Answers, profile: Profile) -> tuple[Verdict, Band]:
    """The evening's verdict: the stricter of the two workouts', except that legs too sore to
    walk (without pain) get that day's rest tonight, not yesterday's routine (rule 2) on top of
    the day's training."""
    both = (shown_by(answers, profile), shown_by(that_day, profile))
    if answers.walking is Walking.HARD and not answers.sharp_pain:
        assert both == ((Verdict.STRENGTH_MOBILITY, Band.RED), (Verdict.REST_DAY, Band.RED))
        return both[1]
    return min(both, key=RESTRICTIVENESS.index)


def test_the_evening_change_line_gives_the_verdict_both_workouts_would_give() -> None:
    """Told the day's own training too, the verdict is the stricter of the two workouts', a rest
    of some kind (`_combined`): no other answer today brings better news (legs too sore to walk
    named "stiff and sore walking → rest day" when they got the routine, and now get that rest
    already), so the change named is the next check-in's, the morning's, which takes the day's
    own workout as yesterday's, and gives better news. With none a day names none."""
    named = set()
    for answers, profile in EVERY_ANSWER:
        for that_day in _that_days(answers):
            shown = _combined(answers, that_day, profile)
            assert shown[0] in (Verdict.PAIN_REST, Verdict.REST_DAY), (answers, that_day)
            change = combined_change(answers, that_day, profile)
            if change is None:
                named.add("none")
                continue
            assert change.tomorrow, (answers, that_day, change)
            assert change.answers.workout is that_day.workout
            then = shown_by(change.answers, profile)
            named.add("tomorrow")
            # The best news, under the hardest walking that still brings it (issue 13):
            # every easier walking brings it too, one step harder does not.
            limit = WALKING_ORDER.index(change.answers.walking)
            for index, walking in enumerate(WALKING_ORDER):
                other = shown_by(replace(change.answers, walking=walking), profile)
                if index < limit:
                    assert other == then, (answers, that_day, change)
                elif index == limit + 1:
                    assert other != then, (answers, that_day, change)
            assert change.or_better == (limit > 0), (answers, that_day, change)
            assert change.verdict is then[0], (answers, that_day, change)
            assert less_restrictive(*then, shown), (answers, that_day, change)
    assert named == {"tomorrow", "none"}


def test_the_evening_change_line_is_not_that_of_one_workout_alone() -> None:
    """A newcomer's find: stiff after yesterday's leg day, other training today. The leg day
    alone would name "a bit sore → easy jog", but a bit sore after today's training keeps the
    plan only gently, and the stricter of the two is the verdict then."""
    stiff = Answers(LEG, Walking.STIFF_SORE, LegIntensity.MODERATE, False, False)
    other = Answers(Workout.OTHER, Walking.STIFF_SORE, None, None, False)

    alone = describe_change(what_would_change(stiff, PLAIN), Scope.TONIGHT)
    change = combined_change(stiff, other, PLAIN)

    assert alone == "🔁 What would change it: a bit sore walking → easy jog"
    assert change is not None
    assert describe_change(change, Scope.TONIGHT) == (
        "🔁 What would change it: a bit sore walking → as planned, gently"
    )
    assert isinstance(change, Change) and not change.tomorrow


@pytest.mark.parametrize(
    ("walking", "line"),
    [
        (Walking.NORMAL, "walking no worse than a bit sore once you've slept → easy jog"),
        (Walking.A_BIT_SORE, "once you've slept, if your legs feel no worse → easy jog"),
        (Walking.STIFF_SORE, "walking no worse than a bit sore once you've slept → easy jog"),
    ],
)
def test_the_next_checkins_walking_named_is_the_hardest_that_still_lifts_the_rest(
    walking: Walking, line: str
) -> None:
    """A newcomer's find: after a leg day that evening, "walking normally once you've slept →
    easy jog", though a bit sore gives the easy jog too (rule 7): the line names the hardest
    walking that still lifts the rest tonight, as a limit, or the day passing where that is the
    walking given."""
    yesterday = Answers(Workout.REST, walking, None, None, False)
    leg_day = Answers(LEG, walking, LegIntensity.MODERATE, False, False, same_day=True)

    change = combined_change(yesterday, leg_day, PLAIN)

    assert change is not None and change.tomorrow
    assert describe_change(change, Scope.TONIGHT) == f"🔁 What would change it: {line}"
    assert "walking normally" not in describe_change(change, Scope.TONIGHT)
    with speaking("de"):
        german = describe_change(change, Scope.TONIGHT)
    if walking is Walking.STIFF_SORE:
        assert "beim Gehen höchstens etwas Muskelkater" in german, german


LATE_SCOPES = (Scope.EVENING, Scope.NIGHT, Scope.TONIGHT)


def _every_line(answers: Answers, profile: Profile) -> list[tuple[Scope, Change, str]]:
    """Every change line these answers can get: alone in each scope, and in each late scope with
    each workout told for that day too (the stricter of the two, verdicts.judged_advice: pain
    keeps the evening's scope, the rest goes for tonight only, but every scope is tried)."""
    alone = what_would_change(answers, profile)
    lines = [(scope, alone, describe_change(alone, scope)) for scope in Scope]
    for that_day in _that_days(answers):
        change = combined_change(answers, that_day, profile)
        if change is not None:
            lines += [(scope, change, describe_change(change, scope)) for scope in LATE_SCOPES]
    return lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_change_line_names_waiting_a_day_as_the_change(language: str) -> None:
    """A newcomer's find: "no sharp or joint pain → wait a day" names news that still means no
    run today, and reads as no change. Rule 5's verdict is named by when the run comes back,
    as each scope says it, or, where the best the next check-in could bring is another day of
    waiting (a leg day told for that evening, building muscle first), no such line is named."""
    with speaking(language):
        waiting = f" → {verdict_name(Verdict.WAIT_A_DAY)}"
        comes_back = {scope: f" → {RUN_AFTER_WAITING_NAMES[scope]}" for scope in Scope}
        named = set()
        for answers, profile in EVERY_ANSWER:
            for scope, change, line in _every_line(answers, profile):
                assert not line.endswith(waiting), (answers, profile, line)
                if change.verdict is Verdict.WAIT_A_DAY:
                    assert not change.tomorrow, (answers, profile, change)
                    assert line.endswith(comes_back[scope]), (answers, profile, line)
                    named.add(scope)
    assert named == set(Scope)
    english = {str(name) for name in RUN_AFTER_WAITING_NAMES.values()}
    assert english == {"an easy run tomorrow", "an easy run once you've slept"}


def test_a_change_line_after_pain_names_the_pain_going_with_the_next_checkins_legs() -> None:
    """A newcomer's find: pain in the evening of a day trained too, and the line said "walking
    normally at tomorrow's check-in → as planned", though walking alone lifts nothing while the
    pain stays (rule 1 comes first). Whatever the answers and the scope, a line worked out from
    a check-in with pain that names the next check-in's legs names the pain's going too."""
    kinds = set()
    for answers, profile in EVERY_ANSWER:
        if not answers.sharp_pain:
            continue
        for _scope, change, line in _every_line(answers, profile):
            if not change.tomorrow:
                continue
            assert change.pain_gone, (answers, change)
            condition = _condition(line)
            if change.same_legs:
                assert "if the pain has gone and your legs feel no worse" in condition, line
                kinds.add("the day passing")
            else:
                assert condition.startswith("no sharp or joint pain and walking "), line
                kinds.add("walking")
            assert "\n" not in line, line
    assert kinds == {"the day passing", "walking"}
    # Without pain told, the lines stay as they were.
    fresh = Answers(Workout.LONG_RACE, Walking.A_BIT_SORE, sharp_pain=False)
    assert "pain" not in advise(fresh, PLAIN).change


@pytest.mark.parametrize(
    ("walking", "line"),
    [
        (
            Walking.A_BIT_SORE,
            "no sharp or joint pain and walking normally at tomorrow's check-in → as planned",
        ),
        (
            Walking.NORMAL,
            "at tomorrow's check-in, if the pain has gone and your legs feel no worse → as planned",
        ),
    ],
)
def test_pain_on_an_evening_after_training_names_the_pain_going_first(
    walking: Walking, line: str
) -> None:
    """The newcomer's case: a rest day yesterday, pain tonight, and an easy run today."""
    yesterday = Answers(Workout.REST, walking, sharp_pain=True)
    easy_run = Answers(Workout.EASY_RUN, walking, None, None, True, same_day=True)

    change = combined_change(yesterday, easy_run, PLAIN)

    assert change is not None
    assert describe_change(change, Scope.EVENING) == f"🔁 What would change it: {line}"
    for language in LANGUAGES:
        with speaking(language):
            assert describe_change(change, Scope.EVENING) != describe_change(
                replace(change, pain_gone=False), Scope.EVENING
            ), language


@pytest.mark.parametrize("overreached", [True, False, None])
@pytest.mark.parametrize("walking", list(Walking))
def test_after_much_harder_than_usual_no_change_denies_it(
    walking: Walking, overreached: bool | None
) -> None:
    """After "much harder than usual", which went past what the body is used to by its own
    words (a "no" stored by releases before this one included), the rest day holds, and no
    neighbour tried is "a session within what you're used to"."""
    answers = Answers(Workout.HARD_SESSION, walking, overreached=overreached, sharp_pain=False)

    advice = advise(answers, PLAIN)

    assert all(field != "overreached" for field, _ in neighbours(answers))
    assert "used to" not in advice.change
    expected = Verdict.STRENGTH_MOBILITY if walking is Walking.HARD else Verdict.REST_DAY
    assert advice.verdict is expected


def test_a_red_day_hears_what_would_lift_it_before_what_would_sink_it() -> None:
    """Better news is tried first: walking easier before walking harder."""
    stiff = Answers(LEG, Walking.STIFF_SORE, LegIntensity.LIGHT, False, False)

    assert neighbours(stiff)[:2] == [("walking", Walking.A_BIT_SORE), ("walking", Walking.NORMAL)]
    assert neighbours(stiff)[-1] == ("sharp_pain", True)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != DEFAULT])
def test_the_change_line_comes_in_the_users_language(language: str) -> None:
    for answers, profile in EVERY_ADVICE:
        english = advise(answers, profile).change
        with speaking(language):
            translated = advise(answers, profile).change
        assert translated != english
        assert translated.startswith("🔁 ")


# --- the "why" screen follows the verdict's situation --------------------------------------


def test_the_why_screen_after_pain_is_about_rest_and_seeing_a_professional() -> None:
    screen = why_screen(Verdict.PAIN_REST)

    assert "doctor or physio" in screen
    assert "leg day" not in screen
    assert "more good than harm" not in screen


def test_only_a_newer_runner_hears_the_why_screen_say_it_matters_most_for_them() -> None:
    plain, newer = why_screen(Verdict.CROSS_TRAIN), why_screen(Verdict.CROSS_TRAIN, PLAIN)

    assert plain == newer and "newer runner" not in plain
    assert (
        why_screen(Verdict.CROSS_TRAIN, Profile(new_runner=True))
        .split("\n\n")[1]
        .endswith("without the pounding. As a newer runner, you gain the most from this.")
    )
    for verdict in Verdict:
        if verdict is not Verdict.CROSS_TRAIN:
            assert why_screen(verdict, Profile(new_runner=True)) == why_screen(verdict)


def test_the_why_screen_after_a_race_is_about_impact() -> None:
    screen = why_screen(Verdict.CROSS_TRAIN)

    assert screen.startswith("Why no run after a long run or race?")
    assert "impact" in screen
    assert "more good than harm" not in screen


@pytest.mark.parametrize("walking", [Walking.A_BIT_SORE, Walking.STIFF_SORE])
def test_the_rest_day_why_screen_never_tells_sore_legs_they_feel_fit(walking: Walking) -> None:
    sore = why_screen(Verdict.REST_DAY, walking=walking)

    assert sore.startswith("Why rest, and not just an easy run to loosen up? Your legs are sore")
    assert "feel fit" not in sore
    assert why_screen(Verdict.REST_DAY, walking=Walking.NORMAL).startswith(
        "Why rest, even on a day you feel fit?"
    )
    with speaking("de"):
        assert "fit fühlst" not in why_screen(Verdict.REST_DAY, walking=walking)


@pytest.mark.parametrize(
    ("verdict", "bottom_line"),
    [
        (Verdict.EASY_JOG, "Bottom line: for most people a short, easy run does more good"),
        (Verdict.EASY_OR_CROSS, "Bottom line for you: stiff legs tip it towards the careful"),
        (Verdict.WAIT_A_DAY, "Bottom line for you: building muscle comes first"),
    ],
)
def test_leg_day_verdicts_show_the_two_camps_with_their_own_bottom_line(
    verdict: Verdict, bottom_line: str
) -> None:
    screen = why_screen(verdict)

    assert screen.startswith("Run the day after leg day? Both camps have a point.")
    assert screen.split("\n\n")[-1].startswith(bottom_line)


def test_no_why_screen_argues_for_running_on_a_day_without_a_run() -> None:
    for verdict in Verdict:
        if verdict is not Verdict.EASY_JOG:
            assert "more good than harm" not in why_screen(verdict), verdict
    assert len({why_screen(verdict) for verdict in Verdict}) == len(Verdict)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != DEFAULT])
def test_every_why_screen_comes_in_the_users_language(language: str) -> None:
    for verdict, profile in itertools.product(Verdict, (PLAIN, Profile(new_runner=True))):
        english = why_screen(verdict, profile).split("\n\n")
        with speaking(language):
            translated = why_screen(verdict, profile).split("\n\n")
        assert len(translated) == len(english)
        assert not set(english) & set(translated), verdict


# --- band labels, the evening and the soreness peak ------------------------------------------


def test_band_labels_fit_every_verdict_they_are_shown_with() -> None:
    """Green comes with an easy jog and with "train as planned", so it prescribes no run;
    none names today, since an evening verdict also covers tomorrow."""
    shown = {
        (advise(answers, profile).band, advise(answers, profile).verdict)
        for answers, profile in EVERY_ADVICE
    }
    assert (Band.GREEN, Verdict.AS_PLANNED) in shown and (Band.GREEN, Verdict.EASY_JOG) in shown
    assert (Band.YELLOW, Verdict.AS_PLANNED) in shown
    assert {str(label) for label in BAND_LABELS.values()} == {
        "🟢 Green: good to go",
        "🟡 Yellow: go gently",
        "🔴 Red: no run",
    }
    for language in LANGUAGES:
        with speaking(language):
            labels = [str(label) for label in BAND_LABELS.values()]
        assert len(set(labels)) == 3
        assert not any(word in label.lower() for label in labels for word in ("today", "heute"))


@pytest.mark.parametrize(("answers", "profile"), ROWS)
def test_an_evening_verdict_covers_tonight_and_tomorrow_morning(
    answers: Answers, profile: Profile
) -> None:
    morning = advise(answers, profile)
    evening = advise(answers, profile, evening=True)

    # The rest day, the day without running and the day of waiting after yesterday's workout
    # (rules 3, 4 and 5) end with the night: their verdict covers only tonight.
    late = TONIGHT_NOTES[Scope.EVENING] if evening.rule in RULES_FOR_TONIGHT else EVENING_NOTE
    assert str(late) in evening.notes
    assert str(late) not in morning.notes
    assert "today" not in evening.headline
    assert evening.verdict is morning.verdict
    change = what_would_change(answers, profile)
    if change.same_legs:
        # Only the day passing lifts it: the next check-in is named as each scope names it.
        assert morning.change.startswith("🔁 What would change it: tomorrow, if your legs")
        assert evening.change.startswith("🔁 What would change it: at tomorrow's check-in, if")
    elif change.tomorrow:
        # The evening verdict covers tomorrow until tomorrow's check-in, which is the change.
        assert morning.change.endswith(" tomorrow → as planned")
        assert evening.change.endswith(" at tomorrow's check-in → as planned")
    else:
        assert evening.change == morning.change


def test_after_midnight_the_next_checkin_is_the_one_after_sleep() -> None:
    """At 00:30 "tomorrow" could mean either day (Scope.NIGHT)."""
    race = Answers(Workout.LONG_RACE, Walking.A_BIT_SORE, sharp_pain=False)
    day = date(2026, 1, 11)

    night = advise(race, PLAIN, evening=True, after_midnight=True, workout_day=day)
    fresh = advise(
        replace(race, walking=Walking.NORMAL), PLAIN, True, after_midnight=True, workout_day=day
    )

    assert night.change == (
        "🔁 What would change it: walking normally once you've slept → as planned"
    )
    assert (
        fresh.change
        == "🔁 What would change it: once you've slept, if your legs feel no worse → as planned"
    )
    for language in LANGUAGES:
        with speaking(language):
            lines = {str(line) for line in CHANGE_TOMORROW_LINES.values()}
        assert len(lines) == 3


@pytest.mark.parametrize(
    ("evening", "change", "note"),
    [
        (
            False,
            "🔁 What would change it: tomorrow, if your legs feel no worse → as planned",
            "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so "
            "tomorrow may feel worse than today; if it does, tomorrow's check-in will suggest "
            "what fits then.",
        ),
        (
            True,
            "🔁 What would change it: at tomorrow's check-in, if your legs feel no worse → as "
            "planned",
            "Heads-up: after a heavy leg day, soreness often peaks one to three days later, so "
            "tomorrow may feel worse than today; if it does, tomorrow's check-in will suggest "
            "what fits then.",
        ),
    ],
    ids=["morning", "evening"],
)
def test_the_peak_note_beside_tomorrows_change_is_that_lines_other_side(
    evening: bool, change: str, note: str
) -> None:
    """Newcomer 16: a heavy leg day well past the usual, walking normal: a rest day, "tomorrow,
    if your legs feel no worse → as planned", and under it "tomorrow may feel worse than today",
    which read as its denial. The note now says what then: the next check-in decides."""
    legs = Answers(LEG, Walking.NORMAL, LegIntensity.HEAVY, True)

    advice = advise(legs, PLAIN, evening=evening)

    assert advice.verdict is Verdict.REST_DAY
    assert advice.change == change
    assert advice.notes[-1] == note
    assert str(PEAK_NOTE) not in advice.notes


def test_only_a_heavy_leg_day_warns_that_soreness_may_peak_later() -> None:
    def notes(intensity: LegIntensity, workout: Workout = LEG) -> tuple[str, ...]:
        return advise(Answers(workout, Walking.NORMAL, intensity, False), PLAIN).notes

    assert notes(LegIntensity.HEAVY) == (str(PEAK_NOTE),)
    assert "one to three days later" in str(PEAK_NOTE)
    assert notes(LegIntensity.MODERATE) == ()
    assert notes(LegIntensity.LIGHT) == ()
    assert notes(LegIntensity.HEAVY, Workout.EASY_RUN) == ()


@pytest.mark.parametrize(
    ("utc_hour", "zone", "part"),
    [
        (3, "UTC", PartOfDay.EVENING),  # 03:59 still counts as the night before
        (4, "UTC", PartOfDay.MORNING),
        (11, "UTC", PartOfDay.MORNING),
        (12, "UTC", PartOfDay.DAY),
        (16, "UTC", PartOfDay.DAY),
        (17, "UTC", PartOfDay.EVENING),
        (23, "UTC", PartOfDay.EVENING),
        (16, "Europe/Berlin", PartOfDay.EVENING),  # 17:00 there
        (6, "Europe/Berlin", PartOfDay.MORNING),
        (20, "America/New_York", PartOfDay.DAY),  # 15:00 there
    ],
)
def test_the_part_of_day_is_the_users_own(utc_hour: int, zone: str, part: PartOfDay) -> None:
    minute = 59 if utc_hour == 3 else 0
    moment = datetime(2026, 1, 13, utc_hour, minute, tzinfo=UTC)

    assert part_of_day(zone, moment) is part


@pytest.mark.parametrize("walking", list(Walking))
def test_why_screens_speak_of_the_time_and_the_day_the_verdict_does(walking: Walking) -> None:
    """Under a tonight-only verdict no why screen says "today"; where the verdict names the
    workout by its date (after midnight, or last night's verdict covering this morning), none
    says "yesterday"."""
    sunday = date(2026, 1, 11)
    for verdict in Verdict:
        tonight = why_screen(verdict, PLAIN, None, walking, Scope.TONIGHT)
        dated = why_screen(verdict, PLAIN, None, walking, Scope.TODAY, sunday)
        assert "today" not in tonight, verdict
        assert "yesterday" not in dated, verdict
        assert len(tonight.split("\n\n")) == len(
            why_screen(verdict, PLAIN, None, walking).split("\n\n")
        )
    assert "impacts on Sun 11 Jan" in why_screen(Verdict.CROSS_TRAIN, workout_day=sunday)
    with speaking("de"):
        assert "am So., 11. Jan." in why_screen(Verdict.CROSS_TRAIN, workout_day=sunday)
        assert "heute" not in why_screen(Verdict.REST_DAY, PLAIN, None, walking, Scope.TONIGHT)
