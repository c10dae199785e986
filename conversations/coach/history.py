"""Looking back: the recent table, the streak, the chart's series, the weekly figures and the
user's own evidence on easy jogs after leg day. Pure functions over plain records, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean
from unicodedata import east_asian_width

from conversations.coach.advice import (
    PAIN_WORDS,
    SORE,
    VERDICT_NAMES,
    WALKING_WORDS,
    WORKOUT_WORDS,
    Verdict,
    Walking,
    Workout,
    verdict_name,
)
from conversations.coach.routine import SESSION_KIND as ROUTINE_KIND
from conversations.i18n import (
    N_,
    Text,
    _,
    format_number,
    format_short_date,
    ngettext,
    plain_words,
)

# How walking felt, as a number: 0 = normal ... 3 = hard to walk.
SORENESS: dict[str, int] = {
    Walking.NORMAL: 0,
    Walking.A_BIT_SORE: 1,
    Walking.STIFF_SORE: 2,
    Walking.HARD: 3,
}
MIN_CASES = 3
TIE = 0.25  # averages closer than this on the 0-3 scale count as "about the same"

# The check-in's own words for each answer, shortened to fit a column (coach.advice.Words).
WORKOUT_SHORT: dict[str, Text] = {workout: words.short for workout, words in WORKOUT_WORDS.items()}
WALKING_SHORT: dict[str, Text] = {walking: words.short for walking, words in WALKING_WORDS.items()}
# A day the user reported sharp or joint pain: shown as pain wherever a day is shown, never as
# its walking level (asked after the pain, it says little of how the legs recovered).
PAIN_SHORT = PAIN_WORDS.short

# A day with no check-in of its own whose morning the check-in before covered (given, or
# answered all again, in that evening; one the evening only added that day's training to,
# conversations.checkin._add_evening, covers nothing: its walking is that morning's): its
# advice column shows that verdict, marked, so the table agrees with the push that said so.
COVERED_MARK = "↑"
COVERED_NOTE = N_("↑ covered by the check-in the day before, given that evening or night")
# The answers beside the workout a verdict may have gone by, so that each row's verdict follows
# from what the row shows: a leg day well past the usual (rest, from that alone), and the
# workout of the day itself told in its evening (the stricter of the two verdicts is told).
OVERREACH_MARK = "🔥"  # as on the "Much harder than usual" button
OVERREACH_NOTE = N_("🔥 well past what your body is used to")
# A day's sessions of a kind, one of them stopped early: done of planned minutes ("🏃7/20'"),
# so it does not read as a finished run; explained under the table by the first one shown.
STOPPED_NOTE = N_("{done}/{planned}': stopped after {done} of the {planned} minutes planned")
# The day's own workout goes on a line of its own under the row, labelled, so the "yesterday"
# column holds yesterday's only (in one cell, "leg day+leg day" read as two of yesterday's).
THAT_DAY_MARK = "+"
THAT_DAY_LINE = N_("+ that day: {workout}")

WIDTHS = (6, 9, 10, 11)  # the table's narrowest columns, as they look in English
CROSS_MARK = "🚲"  # cross-training in the table, as on the timer's buttons
ROUTINE_MARK = "🧘"  # the strength and mobility routine, as on its button
RUN_MARK = "🏃"  # an easy run, as on the "Easy run" and "Very easy jog" buttons
RUN_KIND = "jog"  # JogSession.kind of a run; of the routine: ROUTINE_KIND; any other: cross


@dataclass(frozen=True)
class Day:
    """One check-in: on `day` the user reported yesterday's workout and how walking felt then
    (in the morning or later: a check-in may come at any time of day)."""

    day: date
    workout: str
    walking: str
    advice: str
    intensity: str | None = None  # the leg day's: "light", "moderate", "heavy"
    pain: bool = False  # the user reported sharp or joint pain (walking then says little)
    # Given that evening: its verdict covers the next day, whose morning asks for no check-in
    # (coach.timing.covers_next_day).
    covers_next_day: bool = False
    # The leg day went well past what the user is used to (the overreach answer): a rest verdict
    # may come from it alone.
    overreached: bool = False
    # The workout of `day` itself, told that evening ("did you train today too?", a Workout
    # value; None: not asked, or nothing): the verdict may have gone by it (verdicts.
    # judged_advice); and whether that leg day went well past what the user is used to.
    trained_that_day: str | None = None
    that_day_overreached: bool = False
    # Its verdict went for that evening only (coach.advice.for_tonight_only): a rest is named
    # "rest tonight", as its headline said.
    tonight_only: bool = False

    @property
    def verdict(self) -> str:
        """The verdict's few words, as the check-in named it (coach.advice.verdict_name)."""
        return verdict_name(self.advice, self.walking, self.tonight_only)


@dataclass(frozen=True)
class Run:
    day: date  # local date the session started
    minutes: int | None
    completed: bool
    feeling: str | None = None  # "easy", "right", "tough": the answer to "how did it feel?"
    # "jog" (an easy run), "cross" (cross-training) or "routine" (rule 2's strength and
    # mobility routine), as the timer stored it
    kind: str = RUN_KIND
    planned: int | None = None  # the minutes the timer was started for (None: not known)

    @property
    def stopped_early(self) -> bool:
        """A run or cross-training finished with fewer minutes than planned ("Finish early", or
        "Stopped early" told after an outage); never the routine, which "Next move" shortens
        to the time spent however it ends."""
        done, planned = self.minutes, self.planned
        if not self.completed or is_routine(self) or done is None or planned is None:
            return False
        return done < planned


def is_routine(run: Run) -> bool:
    return run.kind == ROUTINE_KIND


def is_cross(run: Run) -> bool:
    """Cross-training: any kind the timer stored but a run and the routine."""
    return run.kind not in (RUN_KIND, ROUTINE_KIND)


def is_jog(run: Run) -> bool:
    return run.kind == RUN_KIND


def leg_days(days: Iterable[Day]) -> list[date]:
    """A check-in reporting a leg day yesterday dates the leg day itself."""
    return sorted(d.day - timedelta(days=1) for d in days if d.workout == "leg_day")


def jog_days(runs: Iterable[Run]) -> list[date]:
    """Days with a finished easy run (cross-training is not a jog: see `cross_days`)."""
    return sorted({r.day for r in runs if r.completed and is_jog(r)})


def told_run_days(days: Iterable[Day], runs: Iterable[Run] = ()) -> list[date]:
    """Days of an easy run the user told in a check-in, on which the timer finished none (a
    run both timed and told is the timer's): "easy run" as yesterday's workout dates the day
    before the check-in; told in the evening for that day ("did you train today too?"), the
    check-in's own day. As `evidence` and `baseline` count a jog."""
    told = {d.day - timedelta(days=1) for d in days if d.workout == Workout.EASY_RUN}
    told |= {d.day for d in days if d.trained_that_day == Workout.EASY_RUN}
    return sorted(told - set(jog_days(runs)))


def cross_days(runs: Iterable[Run]) -> list[date]:
    """Days with a finished cross-training session."""
    return sorted({r.day for r in runs if r.completed and is_cross(r)})


def streak(days: Iterable[Day], today: date) -> int:
    """Consecutive days with a check-in, up to today (or yesterday, if today's is still due).
    A day without one whose morning an evening check-in the day before covered (the push said
    none was needed) does not break the run, nor count in it."""
    return streak_run(days, today)[0]


def streak_run(days: Iterable[Day], today: date) -> tuple[int, int]:
    """(check-ins, days) of the streak: its check-ins as `streak` counts them, and the calendar
    days the run spans, the covered days without a check-in among them."""
    days = list(days)
    checked = {d.day for d in days}
    covering = {d.day for d in days if d.covers_next_day}
    current = today if today in checked else today - timedelta(days=1)
    count = 0
    spanned = 0
    while True:
        if current in checked:
            count += 1
        elif current - timedelta(days=1) not in covering:
            return count, spanned
        spanned += 1
        current -= timedelta(days=1)


def _mark(run: Run) -> str:
    return ROUTINE_MARK if is_routine(run) else CROSS_MARK if is_cross(run) else RUN_MARK


def shown_width(cell: str) -> int:
    """How many columns `cell` takes in a monospaced font: an emoji such as 🔥 takes two
    (Unicode East Asian Width "W"/"F"), though it is one character."""
    return sum(2 if east_asian_width(char) in ("W", "F") else 1 for char in cell)


def _padded(cell: str, width: int) -> str:
    return cell + " " * (width - shown_width(cell))


def _workout_cell(workout: str, overreached: bool) -> str:
    """A workout's short words, marked when a leg day went well past the usual."""
    shown = str(WORKOUT_SHORT.get(workout, workout))
    return f"{shown}{OVERREACH_MARK}" if overreached and workout == "leg_day" else shown


def workout_shown(day: Day) -> str:
    """The table's workout cell: yesterday's workout, with the overreach answer that may have
    decided the verdict ("leg day🔥")."""
    return _workout_cell(day.workout, day.overreached)


def that_day_shown(day: Day) -> str | None:
    """The day's own workout as told that evening, with its overreach answer, labelled as that
    day's ("+ that day: leg day🔥"); None when none was told."""
    that_day = day.trained_that_day
    if that_day is None or that_day == "rest":
        return None
    return THAT_DAY_LINE.format(workout=_workout_cell(that_day, day.that_day_overreached))


TABLE_DAYS = 14


def shown_span(
    days: Sequence[Day], runs: Sequence[Run], today: date, span: int = TABLE_DAYS
) -> int:
    """How many days (1 to `span`, ending today) the table shows: none before the user's first
    check-in or session."""
    first = min([d.day for d in days] + [r.day for r in runs], default=today)
    return max(1, min(span, (today - first).days + 1))


def table(days: Sequence[Day], runs: Sequence[Run], today: date, span: int = TABLE_DAYS) -> str:
    """The last `span` days, a line each (two for a day whose evening told its own workout),
    narrow enough for a phone, from the user's first check-in or session on (a new user sees
    their one day, not a page of dashes). The last column is the day's finished sessions in
    minutes: runs as 🏃15', cross-training as 🚲15', the routine as 🧘10', several as
    🏃15'+🚲20'; a kind with a session stopped early as done of planned, 🏃7/20', explained
    under the table. A day covered by the evening check-in before it
    shows that verdict as ↑verdict, with a note under the table. The workout column shows what
    the verdict went by (`workout_shown`: the overreach answer as 🔥, explained under the table
    once); the day's own workout told in its evening goes on a line of its own under the row,
    beneath that column (`that_day_shown`)."""
    by_day = {d.day: d for d in days}
    covered = {d.day + timedelta(days=1): d for d in days if d.covers_next_day}
    span = shown_span(days, runs, today, span)
    minutes: dict[tuple[date, str], int] = {}
    planned: dict[tuple[date, str], int] = {}
    stopped: set[tuple[date, str]] = set()
    for run in runs:
        if run.completed:
            key = (run.day, _mark(run))
            minutes[key] = minutes.get(key, 0) + (run.minutes or 0)
            planned[key] = planned.get(key, 0) + (run.planned or run.minutes or 0)
            if run.stopped_early:
                stopped.add(key)
    first_stop: tuple[int, int] | None = None
    rows = [[_("day"), _("yesterday"), _("walking"), _("advice"), _("session")]]
    # The line under a row, by the row's index: the day's own workout (`that_day_shown`).
    under: dict[int, str] = {}
    for offset in range(span - 1, -1, -1):
        day = today - timedelta(days=offset)
        entry = by_day.get(day)
        done = []
        for mark in (RUN_MARK, CROSS_MARK, ROUTINE_MARK):
            if (day, mark) not in minutes:
                continue
            if (day, mark) in stopped:
                first_stop = first_stop or (minutes[day, mark], planned[day, mark])
                done.append(f"{mark}{minutes[day, mark]}/{planned[day, mark]}'")
            else:
                done.append(f"{mark}{minutes[day, mark]}'")
        jog = "+".join(done) or "-"
        if entry is None:
            night = covered.get(day)
            advice = "-"
            if night is not None:
                advice = f"{COVERED_MARK}{night.verdict}"
            rows.append([format_short_date(day), "-", "-", advice, jog])
            continue
        that_day = that_day_shown(entry)
        if that_day is not None:
            under[len(rows)] = that_day
        rows.append(
            [
                format_short_date(day),
                workout_shown(entry),
                str(PAIN_SHORT)
                if entry.pain
                else str(WALKING_SHORT.get(entry.walking, entry.walking)),
                entry.verdict,
                jog,
            ]
        )
    # Column widths follow the words of the user's language.
    widths = [
        max(least, *(shown_width(row[column]) for row in rows))
        for column, least in enumerate(WIDTHS)
    ]
    lines: list[str] = []
    for index, row in enumerate(rows):
        cells = (_padded(cell, width) for cell, width in zip(row, widths, strict=False))
        lines.append(" ".join([*cells, row[4]]))
        if index in under:
            lines.append(" " * (widths[0] + 1) + under[index])
    if any(row[3].startswith(COVERED_MARK) for row in rows[1:]):
        lines.append(str(COVERED_NOTE))
    if any(OVERREACH_MARK in cell for cell in [*(row[1] for row in rows[1:]), *under.values()]):
        lines.append(str(OVERREACH_NOTE))
    if first_stop is not None:
        lines.append(STOPPED_NOTE.format(done=first_stop[0], planned=first_stop[1]))
    return "\n".join(lines)


@dataclass(frozen=True)
class Evidence:
    """Soreness two days after each leg day, split by whether an easy jog came between."""

    with_jog: tuple[int, ...]
    without_jog: tuple[int, ...]

    @property
    def enough(self) -> bool:
        return len(self.with_jog) >= MIN_CASES and len(self.without_jog) >= MIN_CASES


def evidence(days: Sequence[Day], runs: Sequence[Run]) -> Evidence:
    by_day = {d.day: d for d in days}
    jogged = set(jog_days(runs))
    with_jog: list[int] = []
    without: list[int] = []
    for leg_day in leg_days(days):
        two_mornings_later = by_day.get(leg_day + timedelta(days=2))
        if two_mornings_later is None or two_mornings_later.pain:
            continue  # a pain day has no place on the soreness scale
        day_after = leg_day + timedelta(days=1)
        # A jog the day after shows as a finished timer, or as "easy run" reported next morning.
        ran = day_after in jogged or two_mornings_later.workout == "easy_run"
        (with_jog if ran else without).append(SORENESS[two_mornings_later.walking])
    return Evidence(tuple(with_jog), tuple(without))


def describe_evidence(found: Evidence) -> str:
    n_with, n_without = len(found.with_jog), len(found.without_jog)
    if not found.enough:
        return _(
            "Your record: not enough yet. I compare how walking feels two days after "
            "a leg day with and without an easy jog the day after, and need at least {needed} "
            "of each (so far: {with_jog} with a jog, {without_jog} without)."
        ).format(needed=MIN_CASES, with_jog=n_with, without_jog=n_without)
    avg_with, avg_without = mean(found.with_jog), mean(found.without_jog)
    times_with = ngettext("{count} time", "{count} times", n_with).format(count=n_with)
    times_without = ngettext("{count} time", "{count} times", n_without).format(count=n_without)
    figures = _(
        "Your record: two days after a leg day, your soreness averaged {with_jog} when "
        "you jogged easy the day after ({times_with}) and {without_jog} when you didn't "
        "({times_without}), on a scale from 0 (walking normal) to 3 (hard to walk)."
    ).format(
        with_jog=format_number(avg_with),
        times_with=times_with,
        without_jog=format_number(avg_without),
        times_without=times_without,
    )
    if abs(avg_with - avg_without) < TIE:
        verdict = _("So far it makes about no difference for you.")
    elif avg_with < avg_without:
        verdict = _("So far, easy jogs after leg day seem to help you.")
    else:
        verdict = _("So far, easy jogs after leg day don't seem to help you.")
    parts = [figures, verdict]
    if min(n_with, n_without) < 6:
        parts.append(_("Still few cases, so take it as a hint."))
    return " ".join(parts)


@dataclass(frozen=True)
class Baseline:
    """After leg days as hard as today's: how often walking was normal two days later, with
    an easy jog the day between and without. Each pair is (normal, cases)."""

    intensity: str | None
    with_jog: tuple[int, int]
    without_jog: tuple[int, int]

    @property
    def enough(self) -> bool:
        return self.with_jog[1] >= MIN_CASES and self.without_jog[1] >= MIN_CASES


def baseline(days: Sequence[Day], runs: Sequence[Run], intensity: str | None) -> Baseline:
    """The user's own record after comparable leg days (same intensity, None matching None).

    A case is a leg day whose check-in two days later exists; "with a jog" means a finished
    timer the day after or an easy run reported the next morning, as in `evidence`. A pain day
    then counts as a case without normal walking."""
    by_day = {d.day: d for d in days}
    jogged = set(jog_days(runs))
    counts = {True: [0, 0], False: [0, 0]}
    for reported in days:
        if reported.workout != "leg_day" or reported.intensity != intensity:
            continue
        leg_day = reported.day - timedelta(days=1)
        later = by_day.get(leg_day + timedelta(days=2))
        if later is None:
            continue
        ran = leg_day + timedelta(days=1) in jogged or later.workout == "easy_run"
        counts[ran][0] += later.walking == Walking.NORMAL and not later.pain
        counts[ran][1] += 1
    return Baseline(
        intensity,
        (counts[True][0], counts[True][1]),
        (counts[False][0], counts[False][1]),
    )


INTENSITIES = ("light", "moderate", "heavy", None)


def baselines(days: Sequence[Day], runs: Sequence[Run]) -> list[Baseline]:
    """`baseline` for each intensity the user reported a leg day of (light, moderate, heavy,
    then none given), as the check-in after such a leg day cites it."""
    reported = {d.intensity for d in days if d.workout == "leg_day"}
    return [baseline(days, runs, level) for level in INTENSITIES if level in reported]


# Leg days by intensity, as the check-in's intensity question sorts them, for /history's lines
# per intensity; None: leg days reported without one.
INTENSITY_NAMES: dict[str | None, Text] = {
    "light": N_("Light leg days"),
    "moderate": N_("Moderate leg days"),
    "heavy": N_("Heavy leg days"),
    None: N_("Leg days, intensity not given"),
}


def describe_both(days: Sequence[Day], runs: Sequence[Run]) -> str:
    """/history's own evidence, then one 📊 line for what the check-in's 📊 line counts, with
    one short line per intensity under it: of the leg days as hard as that, how many had
    normal walking two days later with an easy jog the day after and without, so the check-in
    and the history agree on the page (issue 13). The evidence takes leg days of any intensity
    and leaves pain days out; the lines per intensity count a pain day as walking not normal.
    An intensity with no case yet has no line ("0 of 0 with, 0 of 0 without" would only say
    again that there is no evidence), and with no line, there is no 📊 line either."""
    lines = [describe_evidence(evidence(days, runs))]
    split = [found for found in baselines(days, runs) if found.with_jog[1] or found.without_jog[1]]
    if split:
        lines.append(
            _(
                "📊 How often walking was normal two days after a leg day, with and without an "
                "easy jog the day after (a day with pain counts as not normal):"
            )
        )
        lines += [describe_split(found) for found in split]
    return "\n".join(lines)


def describe_split(found: Baseline) -> str:
    """One intensity's counts under /history's 📊 line: "• Heavy leg days: 4 of 5 with, 1 of 3
    without", and while there are too few, that it needs MIN_CASES of each."""
    (normal_with, n_with), (normal_without, n_without) = found.with_jog, found.without_jog
    figures = {
        "intensity": INTENSITY_NAMES.get(found.intensity, INTENSITY_NAMES[None]),
        "normal_with": normal_with,
        "count_with": n_with,
        "normal_without": normal_without,
        "count_without": n_without,
    }
    if found.enough:
        return _(
            "• {intensity}: {normal_with} of {count_with} with, {normal_without} of "
            "{count_without} without"
        ).format(**figures)
    return _(
        "• {intensity}: {normal_with} of {count_with} with, {normal_without} of "
        "{count_without} without; too few to compare yet (I need {needed} of each)"
    ).format(needed=MIN_CASES, **figures)


def leg_days_of(intensity: str | None, count: int) -> str:
    """'heavy leg days' and the like, in the form for `count`, as "after 4 of your 5 ..." takes
    it (German dative, Russian genitive)."""
    if intensity == "light":
        return ngettext("light leg day", "light leg days", count)
    if intensity == "moderate":
        return ngettext("moderate leg day", "moderate leg days", count)
    if intensity == "heavy":
        return ngettext("heavy leg day", "heavy leg days", count)
    return ngettext("similar leg day", "similar leg days", count)


def leg_days_needed(intensity: str | None, count: int) -> str:
    """'3 heavy leg days' and the like, as "I need ..." takes it: the object of the sentence
    (German accusative "3 schwere Beintage", Russian "3 тяжёлых дня ног"), where `leg_days_of`
    has the form after "of"."""
    if intensity == "light":
        text = ngettext("{count} light leg day", "{count} light leg days", count)
    elif intensity == "moderate":
        text = ngettext("{count} moderate leg day", "{count} moderate leg days", count)
    elif intensity == "heavy":
        text = ngettext("{count} heavy leg day", "{count} heavy leg days", count)
    else:
        text = ngettext("{count} similar leg day", "{count} similar leg days", count)
    return text.format(count=count)


def describe_baseline(found: Baseline) -> str:
    """One line: the counts behind the claim, or how far calibration has come."""
    (normal_with, n_with), (normal_without, n_without) = found.with_jog, found.without_jog
    if not found.enough:
        return _(
            "📊 Your record: calibrating. To compare, I need {leg_days} with an easy jog the "
            "day after and {needed} without; so far: {with_jog} with, {without_jog} without."
        ).format(
            with_jog=min(n_with, MIN_CASES),
            without_jog=min(n_without, MIN_CASES),
            needed=MIN_CASES,
            leg_days=leg_days_needed(found.intensity, MIN_CASES),
        )
    return _(
        "📊 Your record: after {normal_with} of your {count_with} {leg_days}, an easy jog the "
        "next day was followed by normal walking a day later (without the jog: {normal_without} "
        "of {count_without})."
    ).format(
        normal_with=normal_with,
        count_with=n_with,
        leg_days=leg_days_of(found.intensity, n_with),
        normal_without=normal_without,
        count_without=n_without,
    )


# Session load after Foster et al. (2001), "A new approach to monitoring exercise training",
# J Strength Cond Res 15(1): session RPE on the CR-10 scale times minutes. The three answers
# stand for points of that scale as an easy 15-20 minute jog is felt: "Too easy" 2 (easy),
# "Just right" 3 (moderate, the talk-in-full-sentences pace the jog asks for), "Tough" 5
# (hard). A finished run left unanswered has no load: effort times minutes needs the effort,
# and a guessed one would count as told; the weekly summary says how many are left out.
RPE: dict[str, int] = {"easy": 2, "right": 3, "tough": 5}
CHRONIC_WEEKS = 4
# Acute:chronic workload ratio (Gabbett 2016, Br J Sports Med 50:273): a week's load more than
# 1.5 times the average of the four before goes with a higher injury risk, so flag it.
JUMP_RATIO = 1.5


def session_load(run: Run) -> int | None:
    """RPE times minutes of a finished run or cross-training (arbitrary units); None for one
    whose "how did it feel?" went unanswered (`unrated`: no effort, no load); 0 for one not
    finished, and for rule 2's routine: a few minutes of bodyweight moves on a day too sore to
    train, asked no "how did it feel?", and not the running load whose jumps the weekly
    summary flags (JUMP_RATIO)."""
    if not run.completed or is_routine(run):
        return 0
    if unrated(run):
        return None
    return RPE.get(run.feeling or "", 0) * (run.minutes or 0)


def unrated(run: Run) -> bool:
    """A finished run or cross-training with no known answer to "how did it feel?"."""
    return run.completed and not is_routine(run) and run.feeling not in RPE


def _in_week(run: Run, last_day: date) -> bool:
    return last_day - timedelta(days=6) <= run.day <= last_day


def weekly_load(runs: Sequence[Run], last_day: date) -> int:
    """The session loads of the seven days ending on `last_day` (unrated runs have none)."""
    return sum(session_load(r) or 0 for r in runs if _in_week(r, last_day))


def unrated_in_week(runs: Sequence[Run], last_day: date) -> int:
    """How many runs of the seven days ending on `last_day` are `unrated`: not in its load."""
    return sum(unrated(r) for r in runs if _in_week(r, last_day))


def chronic_load(days: Sequence[Day], runs: Sequence[Run], last_day: date) -> float | None:
    """Average weekly load of the (up to) four weeks before the week ending on `last_day`,
    counting only weeks since the user's first record; None when there is no such week."""
    known = [d.day for d in days] + [r.day for r in runs]
    if not known:
        return None
    first = min(known)
    loads = [
        weekly_load(runs, end)
        for weeks in range(1, CHRONIC_WEEKS + 1)
        if (end := last_day - timedelta(weeks=weeks)) >= first
    ]
    return mean(loads) if loads else None


@dataclass(frozen=True)
class ChartData:
    """Exactly what the chart draws, so tests can check the data rather than pixels."""

    # Every check-in's day and walking level, a pain day's too (its walking answer, given
    # after the pain, is drawn like any other day's; the pain is marked above it).
    days: tuple[date, ...]
    soreness: tuple[int, ...]
    leg_days: tuple[date, ...]
    jog_days: tuple[date, ...]
    start: date
    end: date
    pain_days: tuple[date, ...] = ()  # check-ins reporting sharp or joint pain, marked apart
    cross_days: tuple[date, ...] = ()  # finished cross-training, marked apart from runs
    # Easy runs the user told in a check-in but did not time (`told_run_days`), marked beside
    # the timed ones (`jog_days`) and told apart from them.
    told_run_days: tuple[date, ...] = ()
    # Whether an activity file gave any of them (the check-in said it, not asked): then they
    # are not all told, and the legend says so.
    told_runs_from_files: bool = False


def chart_data(
    days: Sequence[Day],
    runs: Sequence[Run],
    today: date,
    weeks: int = 8,
    file_run_days: Iterable[date] = (),
) -> ChartData:
    """`file_run_days`: local dates of activity files classed as an easy run that counted for
    advice (conversations.own_record.easy_run_days), as for `week`."""
    start = today - timedelta(weeks=weeks) + timedelta(days=1)
    untimed = tuple(d for d in told_run_days(days, runs) if start <= d <= today)
    shown = sorted((d for d in days if start <= d.day <= today), key=lambda d: d.day)
    return ChartData(
        days=tuple(d.day for d in shown),
        soreness=tuple(SORENESS[d.walking] for d in shown),
        leg_days=tuple(d for d in leg_days(days) if start <= d <= today),
        jog_days=tuple(d for d in jog_days(runs) if start <= d <= today),
        start=start,
        end=today,
        pain_days=tuple(d.day for d in shown if d.pain),
        cross_days=tuple(d for d in cross_days(runs) if start <= d <= today),
        told_run_days=untimed,
        told_runs_from_files=not set(file_run_days).isdisjoint(untimed),
    )


@dataclass(frozen=True)
class Week:
    checkins: int
    jogs: int
    jog_minutes: int
    soreness: float | None
    previous_soreness: float | None
    # (stored verdict, days), in the rules' order; the verdicts the check-in named otherwise
    # are not among them but counted apart, as the check-in and /history name them
    # (coach.advice.verdict_name): rests for that evening only (`rests_tonight`), and plans
    # kept on sore legs (`planned_gently`, "as planned, gently").
    verdicts: tuple[tuple[str, int], ...] = ()
    load: int = 0  # session load of the week (RPE x minutes)
    previous_load: float | None = None  # average weekly load of the four weeks before
    unrated: int = 0  # finished runs and cross-training with no effort answer: not in `load`
    pain_days: int = 0  # check-ins reporting sharp or joint pain (not in the soreness average)
    # Finished cross-training sessions, and their minutes (`jogs` counts runs only).
    cross: int = 0
    cross_minutes: int = 0
    # Finished strength and mobility routines (rule 2), and their minutes.
    routines: int = 0
    routine_minutes: int = 0
    rests_tonight: int = 0  # rest verdicts for their evening only (Day.tonight_only)
    planned_gently: int = 0  # rule 8 on a bit sore or stiff legs (coach.advice.SORE)
    # Days of an easy run told in a check-in but not timed (`told_run_days`): not among `jogs`,
    # which the timer knows the minutes of; those an activity file told are `file_runs`.
    told_runs: int = 0
    file_runs: int = 0


def week(
    days: Sequence[Day], runs: Sequence[Run], last_day: date, file_run_days: Iterable[date] = ()
) -> Week:
    """The seven days ending on `last_day`, and the soreness of the seven before; soreness
    averages leave out pain days, which are counted apart. `file_run_days`: local dates of an
    activity file classed as an easy run; a check-in's easy run on such a day came from the file
    (the check-in said it, not asked), so it is counted as the file's, not as one told."""

    def span(end: date) -> list[Day]:
        return [d for d in days if end - timedelta(days=6) <= d.day <= end]

    def sore(checked: list[Day]) -> float | None:
        levels = [SORENESS[d.walking] for d in checked if not d.pain]
        return mean(levels) if levels else None

    this, before = span(last_day), span(last_day - timedelta(days=7))
    finished = [
        r for r in runs if r.completed and last_day - timedelta(days=6) <= r.day <= last_day
    ]
    jogs = [r for r in finished if is_jog(r)]
    crossed = [r for r in finished if is_cross(r)]
    routines = [r for r in finished if is_routine(r)]
    untimed = [
        d for d in told_run_days(days, runs) if last_day - timedelta(days=6) <= d <= last_day
    ]
    from_files = set(file_run_days)
    return Week(
        checkins=len(this),
        jogs=len(jogs),
        jog_minutes=sum(r.minutes or 0 for r in jogs),
        soreness=sore(this),
        previous_soreness=sore(before),
        verdicts=tuple(
            (verdict, count)
            for verdict in VERDICT_NAMES
            if (count := sum(d.advice == verdict and not _named_apart(d) for d in this))
        ),
        rests_tonight=sum(_rested_tonight(d) for d in this),
        planned_gently=sum(_planned_gently(d) for d in this),
        load=weekly_load(runs, last_day),
        previous_load=chronic_load(days, runs, last_day),
        unrated=unrated_in_week(runs, last_day),
        pain_days=sum(d.pain for d in this),
        cross=len(crossed),
        cross_minutes=sum(r.minutes or 0 for r in crossed),
        routines=len(routines),
        routine_minutes=sum(r.minutes or 0 for r in routines),
        told_runs=sum(day not in from_files for day in untimed),
        file_runs=sum(day in from_files for day in untimed),
    )


def describe_week(figures: Week) -> str:
    minutes = ngettext("{count} minute", "{count} minutes", figures.jog_minutes).format(
        count=figures.jog_minutes
    )
    lines = [
        _("Your week in review"),
        _("• Check-ins: {count} of 7").format(count=figures.checkins),
        _("• Easy jogs: {count} ({minutes})").format(count=figures.jogs, minutes=minutes),
    ]
    if figures.told_runs:
        # Counted apart: "Easy jogs: 0" beside a week of runs told read as if they were lost.
        lines.append(
            _("• Easy runs you told me about, without my timer: {count}").format(
                count=figures.told_runs
            )
        )
    if figures.file_runs:
        # Not "told": the check-in said these from a file (newcomer 13 counted a GPX run there).
        lines.append(
            _("• Easy runs from your activity files: {count}").format(count=figures.file_runs)
        )
    if figures.cross:
        cross_minutes = ngettext("{count} minute", "{count} minutes", figures.cross_minutes)
        lines.append(
            _("• Cross-training: {count} ({minutes})").format(
                count=figures.cross, minutes=cross_minutes.format(count=figures.cross_minutes)
            )
        )
    if figures.routines:
        routine_minutes = ngettext("{count} minute", "{count} minutes", figures.routine_minutes)
        lines.append(
            _("• Strength and mobility: {count} ({minutes})").format(
                count=figures.routines,
                minutes=routine_minutes.format(count=figures.routine_minutes),
            )
        )
    now, before = figures.soreness, figures.previous_soreness
    if figures.checkins == 0:
        lines.append(_("• Soreness: no check-ins this week"))
    elif now is None:
        pass  # every check-in reported pain: the line below says so
    elif before is None:
        lines.append(
            _("• Soreness: {average} on average (0 = {normal}, 3 = {hard})").format(
                average=format_number(now), **_scale_ends()
            )
        )
    else:
        if abs(now - before) < TIE:
            template = _(
                "• Soreness: {average} on average, about the same as the week before ({before}); "
                "0 = {normal}, 3 = {hard}"
            )
        elif now < before:
            template = _(
                "• Soreness: {average} on average, lower than the week before ({before}); "
                "0 = {normal}, 3 = {hard}"
            )
        else:
            template = _(
                "• Soreness: {average} on average, higher than the week before ({before}); "
                "0 = {normal}, 3 = {hard}"
            )
        lines.append(
            template.format(
                average=format_number(now), before=format_number(before), **_scale_ends()
            )
        )
    if figures.pain_days:
        lines.append(
            ngettext(
                "• Sharp or joint pain: {count} day",
                "• Sharp or joint pain: {count} days",
                figures.pain_days,
            ).format(count=figures.pain_days)
        )
    lines += describe_load(figures.load, figures.previous_load, figures.unrated)
    named = [
        # The same few words as the history table and the check-in use for each verdict; the
        # count goes after a multiplication sign, since "(2)" after "rest (pain)" doubles the
        # parentheses.
        f"{name} \N{MULTIPLICATION SIGN}{count}"
        for name, count in _verdict_counts(figures)
        if count
    ]
    if named:
        # Semicolons between them: "as planned, gently" has a comma of its own.
        lines.append(_("• Advice: {verdicts}").format(verdicts="; ".join(named)))
    return "\n".join(lines)


def _verdict_counts(figures: Week) -> list[tuple[str, int]]:
    """Each verdict's name and days in the rules' order, those named apart beside their own
    verdict: "rest tonight" after "rest day", "as planned, gently" after "as planned"."""
    counts = dict(figures.verdicts)
    apart: dict[str, tuple[str, int]] = {
        Verdict.REST_DAY: (verdict_name(Verdict.REST_DAY, tonight=True), figures.rests_tonight),
        Verdict.AS_PLANNED: (
            verdict_name(Verdict.AS_PLANNED, Walking.A_BIT_SORE),
            figures.planned_gently,
        ),
    }
    named: list[tuple[str, int]] = []
    for verdict in VERDICT_NAMES:
        named.append((verdict_name(verdict), counts.get(verdict, 0)))
        if verdict in apart:
            named.append(apart[verdict])
    return named


def _rested_tonight(day: Day) -> bool:
    return day.advice == Verdict.REST_DAY and day.tonight_only


def _planned_gently(day: Day) -> bool:
    """Rule 8 on a bit sore or stiff legs, which coach.advice.verdict_name names "as planned,
    gently" (its yellow band), apart from the green "as planned"."""
    return day.advice == Verdict.AS_PLANNED and day.walking in SORE


def _named_apart(day: Day) -> bool:
    return _rested_tonight(day) or _planned_gently(day)


def _scale_ends() -> dict[str, str]:
    """The soreness scale's ends in the walking question's own words, as its buttons read ("3 =
    Hard to walk"): the table's short "hard" said nothing of what was hard."""
    return {
        "normal": plain_words(WALKING_WORDS[Walking.NORMAL].label),
        "hard": plain_words(WALKING_WORDS[Walking.HARD].label),
    }


def describe_load(load: int, previous: float | None, unrated: int = 0) -> list[str]:
    """The week's load against the four weeks before, a flag on a jump of more than 50%, and
    how many of the week's runs are not in it, having no effort answer (`unrated_in_week`)."""
    if not load and not previous and not unrated:
        return []
    left_out = []
    if unrated:
        left_out = [
            ngettext(
                "• {count} run had no answer to “How did it feel?”, so it is not in the load",
                "• {count} runs had no answer to “How did it feel?”, so they are not in the load",
                unrated,
            ).format(count=unrated)
        ]
    if not previous:
        return [_("• Load (effort times minutes): {load}").format(load=load), *left_out]
    lines = [
        _(
            "• Load (effort times minutes): {load}, against an average of {average} a week in the "
            "weeks before"
        ).format(load=load, average=round(previous)),
        *left_out,
    ]
    if load > JUMP_RATIO * previous:
        lines.append(
            _(
                "⚠️ That is {percent}% more than your usual week. Jumps of more than half go "
                "with more injuries: keep the next runs short and easy."
            ).format(percent=round(100 * (load - previous) / previous))
        )
    return lines
