"""Looking back: /history with its chart and the user's own evidence, /export, /delete and the
weekly summary."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib.dates as mdates
import pytest
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.text import Text
from matplotlib.transforms import BboxBase
from sqlalchemy import text

from bot.runtime import runtime
from bot.standin.local_api import LocalBotApi
from conversations import i18n, texts
from conversations.chart import (
    DRAWING_NICENESS,
    LEVELS,
    chart_figure,
    png_size,
    render_chart,
    stop_drawing,
)
from conversations.checkin import PAIN_ANSWER, WALKING, WORKOUT
from conversations.coach.advice import (
    AS_PLANNED_GENTLY,
    VERDICT_NAMES,
    WORKOUT_WORDS,
    Walking,
    Workout,
    for_tonight_only,
    verdict_name,
)
from conversations.coach.history import (
    PAIN_SHORT,
    SORENESS,
    WALKING_SHORT,
    WORKOUT_SHORT,
    Baseline,
    ChartData,
    Day,
    Evidence,
    Run,
    Week,
    chart_data,
    describe_baseline,
    describe_evidence,
    describe_week,
    evidence,
    streak,
    table,
    week,
)
from conversations.coach.timing import WARM_UP
from conversations.miniapp import TITLE as RECORD_TITLE
from conversations.own_record import as_record, user_record
from conversations.records import CHECKIN_COLUMNS, history_blocks
from storage.models import CheckIn, JogSession, JogStatus
from storage.repository import Repository
from tests.activity_files import gpx_file
from tests.chat import Chat, FrozenClock, buttons, check_in, onboard
from tests.conftest import BotRunner, tick

TODAY = date(2026, 1, 13)


def leg_week(start: date, jog_after: bool, walking_two_days_later: str) -> list[Day]:
    """A leg day on `start`, reported the next morning; two mornings later, how walking felt."""
    return [
        Day(start + timedelta(days=1), "leg_day", "a_bit_sore", "easy_jog"),
        Day(
            start + timedelta(days=2),
            "easy_run" if jog_after else "rest",
            walking_two_days_later,
            "as_planned",
        ),
    ]


def history_of(cases: list[tuple[bool, str]]) -> list[Day]:
    days: list[Day] = []
    for index, (jogged, walking) in enumerate(cases):
        days += leg_week(TODAY - timedelta(days=60 - 5 * index), jogged, walking)
    return days


def test_evidence_with_enough_cases_says_jogs_help() -> None:
    jogged = [(True, "normal"), (True, "a_bit_sore"), (True, "normal")]
    rested = [(False, "stiff_sore"), (False, "hard"), (False, "a_bit_sore")]
    days = history_of([*jogged, *rested])

    found = evidence(days, [])

    assert found.with_jog == (0, 1, 0) and found.without_jog == (2, 3, 1)
    assert found.enough
    said = describe_evidence(found)
    assert "averaged 0.3 when you jogged easy the day after (3 times)" in said
    assert "and 2.0 when you didn't (3 times)" in said
    assert "easy jogs after leg day seem to help you" in said
    assert "Still few cases" in said


def test_evidence_counts_a_finished_timer_the_day_after_as_a_jog() -> None:
    days = history_of([(False, "normal")])
    leg_day = TODAY - timedelta(days=60)

    found = evidence(days, [Run(leg_day + timedelta(days=1), 15, True)])

    assert found.with_jog == (0,) and found.without_jog == ()


def test_evidence_with_too_few_cases_says_so() -> None:
    days = history_of([(True, "normal"), (True, "normal"), (False, "hard"), (False, "hard")])

    found = evidence(days, [])

    assert not found.enough
    assert describe_evidence(found) == (
        "Your record: not enough yet. I compare how walking feels two days after a "
        "leg day with and without an easy jog the day after, and need at least 3 of each "
        "(so far: 2 with a jog, 2 without)."
    )


def test_evidence_that_ties_says_it_makes_no_difference() -> None:
    days = history_of([(True, "a_bit_sore")] * 3 + [(False, "a_bit_sore")] * 3)

    assert "makes about no difference for you" in describe_evidence(evidence(days, []))


def test_evidence_where_jogs_did_not_help() -> None:
    days = history_of([(True, "hard")] * 6 + [(False, "normal")] * 6)

    said = describe_evidence(evidence(days, []))

    assert "don't seem to help you" in said
    assert "Still few cases" not in said


def test_streak_counts_consecutive_days_up_to_today_or_yesterday() -> None:
    days = [Day(TODAY - timedelta(days=n), "rest", "normal", "as_planned") for n in (1, 2, 3, 5)]

    assert streak(days, TODAY) == 3
    assert streak(days, TODAY + timedelta(days=2)) == 0
    assert streak([*days, Day(TODAY, "rest", "normal", "as_planned")], TODAY) == 4


def test_a_morning_covered_by_last_nights_checkin_keeps_the_streak_without_counting() -> None:
    def day(back: int, evening: bool = False) -> Day:
        return Day(
            TODAY - timedelta(days=back), "rest", "normal", "as_planned", None, False, evening
        )

    # Checked in 4 days ago, in the evening 3 days ago, none 2 days ago (covered), then daily.
    covered = [day(4), day(3, evening=True), day(1), day(0)]
    assert streak(covered, TODAY) == 4
    # The same days with a morning check-in 3 days ago: the gap breaks the run.
    assert streak([day(4), day(3), day(1), day(0)], TODAY) == 2
    # Covered yesterday, today's check-in still due.
    assert streak([day(3), day(2, evening=True)], TODAY) == 2
    # An evening check-in covers one morning, not two.
    assert streak([day(4, evening=True), day(1)], TODAY) == 1


def test_the_chart_is_drawn_from_the_last_eight_weeks() -> None:
    days = [
        Day(TODAY - timedelta(days=70), "leg_day", "hard", "strength_mobility"),  # too old
        Day(TODAY - timedelta(days=9), "leg_day", "a_bit_sore", "easy_jog"),
        Day(TODAY - timedelta(days=8), "easy_run", "normal", "as_planned"),
        Day(TODAY, "other", "stiff_sore", "as_planned"),
    ]
    runs = [
        Run(TODAY - timedelta(days=9), 15, True),
        Run(TODAY - timedelta(days=3), None, False),  # cancelled: not marked
    ]

    data = chart_data(days, runs, TODAY)

    assert data.days == (TODAY - timedelta(days=9), TODAY - timedelta(days=8), TODAY)
    assert data.soreness == (1, 0, 2)
    assert data.leg_days == (TODAY - timedelta(days=10),)
    assert data.jog_days == (TODAY - timedelta(days=9),)
    assert (data.start, data.end) == (TODAY - timedelta(days=55), TODAY)
    assert png_size(render_chart(data)) == (1200, 750)


def test_the_table_shows_one_line_per_day() -> None:
    days = [
        Day(TODAY - timedelta(days=20), "rest", "normal", "as_planned"),
        Day(TODAY, "leg_day", "a_bit_sore", "easy_jog"),
    ]

    lines = table(days, [Run(TODAY, 20, True)], TODAY).splitlines()

    assert len(lines) == 15
    assert lines[0].split() == ["day", "yesterday", "walking", "advice", "session"]
    assert lines[-1] == "13 Jan leg day   a bit sore easy jog    🏃20'"
    assert lines[1].split() == ["31", "Dec", "-", "-", "-", "-"]


def test_a_morning_covered_by_last_nights_checkin_shows_its_verdict_in_the_table() -> None:
    """The push said "Last night's check-in covers today": the table says so too, rather than
    a row of dashes the streak then counts through."""
    evening = Day(
        TODAY - timedelta(days=2), "leg_day", "stiff_sore", "cross_train", "heavy", False, True
    )
    days = [evening, Day(TODAY, "rest", "normal", "as_planned")]

    lines = table(days, [], TODAY).splitlines()

    assert lines[2].split()[:3] == ["12", "Jan", "-"]
    assert lines[2].split()[4:] == ["↑cross-training", "-"]
    assert lines[-1] == "↑ covered by the check-in the day before, given that evening or night"
    # Without an evening check-in before it, an empty day stays empty and no note is added.
    morning = [Day(TODAY - timedelta(days=2), "leg_day", "stiff_sore", "cross_train", "heavy")]
    plain = table([*morning, days[1]], [], TODAY).splitlines()
    assert plain[2].split() == ["12", "Jan", "-", "-", "-", "-"]
    assert "covered" not in plain[-1]


def test_a_streak_over_a_covered_morning_counts_the_days_and_says_why() -> None:
    """Nine check-ins over ten days, the empty one covered by the evening before: "9 days in a
    row" over a row of dashes read as a miscount, so the line counts the days covered."""
    days = [
        Day(TODAY - timedelta(days=back), "rest", "normal", "as_planned", None, False, back == 4)
        for back in (9, 8, 7, 6, 5, 4, 2, 1, 0)
    ]

    summary = history_blocks(days, [], TODAY)[0]

    assert summary.endswith(
        "\nCheck-in streak: 10 days covered in a row (an evening check-in covers the next morning)."
    )
    assert streak(days, TODAY) == 9
    i18n.use("de")
    try:
        german = history_blocks(days, [], TODAY)[0]
    finally:
        i18n.use(i18n.DEFAULT)
    assert german.endswith(
        "\nCheck-in-Serie: 10 Tage in Folge abgedeckt "
        "(ein Check-in am Abend deckt den nächsten Morgen ab)."
    )
    # Without a covered day, the streak counts its days as before.
    assert history_blocks(days[6:], [], TODAY)[0].endswith("\nCheck-in streak: 3 days in a row.")


def test_a_record_of_two_weeks_or_more_keeps_the_fourteen_day_heading() -> None:
    days = [
        Day(TODAY - timedelta(days=offset), "rest", "normal", "as_planned") for offset in (0, 13)
    ]

    assert history_blocks(days, [], TODAY)[0].startswith("<b>Your last 14 days</b>\n")
    assert history_blocks(days[:1], [], TODAY)[0].startswith("<b>Since 13 Jan: 1 check-in</b>\n")


def test_a_young_records_heading_counts_check_ins_not_calendar_days() -> None:
    """Issue 13: "Your record so far: 5 days" over five calendar days with two check-ins read
    as five days checked in. The heading names the first day and counts the check-ins."""
    days = [
        Day(TODAY - timedelta(days=offset), "rest", "normal", "as_planned") for offset in (0, 4)
    ]

    head = history_blocks(days, [Run(TODAY - timedelta(days=2), 15, True)], TODAY)[0]

    assert head.startswith("<b>Since 9 Jan: 2 check-ins</b>\n")
    assert len(head.split("</pre>")[0].splitlines()) == 1 + 1 + 5  # heading, columns, 5 days
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking("de"):
        german = history_blocks(days, [], TODAY)[0]
    with speaking("ru"):
        russian = history_blocks(days, [], TODAY)[0]
    assert german.startswith("<b>Seit dem 9. Jan.: 2 Check-ins</b>\n")
    assert russian.startswith("<b>С 9 янв.: 2 отметки</b>\n")  # noqa: RUF001 - Cyrillic


def test_the_table_starts_on_the_first_day_of_a_young_record() -> None:
    days = [Day(TODAY - timedelta(days=2), "rest", "normal", "as_planned")]

    lines = table(days, [Run(TODAY - timedelta(days=1), 15, True)], TODAY).splitlines()

    assert [line.split()[:2] for line in lines[1:]] == [["11", "Jan"], ["12", "Jan"], ["13", "Jan"]]


async def test_a_new_users_history_shows_only_their_first_day(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = NOW
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")

    summary, _chart = await ana.send("/history")

    assert summary.text is not None
    head, columns, row, *_evidence = summary.text.split("\n")
    assert head == "<b>Since 13 Jan: 1 check-in</b>"
    assert columns.split() == ["<pre>day", "yesterday", "walking", "advice", "session"]
    assert row.split() == ["13", "Jan", "leg", "day", "a", "bit", "sore", "easy", "jog", "-</pre>"]
    # One day is no streak yet: "1 day in a row" read as a form's count (issue 13).
    assert "streak" not in summary.text and "in a row" not in summary.text


NOW = datetime(2026, 1, 13, 9, 0, tzinfo=UTC)


async def seed(repo: Repository, uid: int, walking: list[str]) -> None:
    """One check-in a day up to today (leg day every third day) and a jog after each leg day."""
    for offset, walk in enumerate(reversed(walking)):
        day = TODAY - timedelta(days=offset)
        workout = "leg_day" if offset % 3 == 0 else "rest"
        answers = {"workout": workout, "walking": walk}
        await repo.checkins.save(uid, day, answers, 8, "as_planned", NOW)
        if workout == "leg_day":
            started = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8)
            jog = await repo.jogs.start(uid, "jog", 15, started, WARM_UP)
            await repo.jogs.end(jog.id, JogStatus.COMPLETED, started + timedelta(minutes=20), 15)


@pytest.fixture
async def ana_with_history(ana: Chat, clock: FrozenClock, repo: Repository) -> Chat:
    clock.now = NOW
    await onboard(ana)
    await seed(repo, 1001, ["normal", "a_bit_sore", "stiff_sore", "normal", "hard"])
    return ana


async def test_history_without_data_says_so_instead_of_an_empty_chart(
    ana: Chat, clock: FrozenClock, api: LocalBotApi
) -> None:
    clock.now = NOW
    await onboard(ana)

    (reply,) = await ana.send("/history")

    assert reply.text == str(texts.HISTORY_EMPTY)
    assert [m for m in api.sent if m.method == "sendPhoto"] == []


async def test_history_sends_the_table_the_streak_and_the_chart(
    ana_with_history: Chat, api: LocalBotApi
) -> None:
    summary, chart = await ana_with_history.send("/history")

    assert summary.params["parse_mode"] == "HTML"
    assert summary.text is not None
    assert summary.text.startswith("<b>Since 9 Jan: 5 check-ins</b>\n<pre>day    yesterday")
    assert "13 Jan leg day   hard       as planned         🏃15'" in summary.text
    # A plan kept on sore legs is named as its yellow headline says it, not as the green one.
    assert "11 Jan rest      stiff      as planned, gently -" in summary.text
    assert "Check-in streak: 5 days in a row." in summary.text
    assert "Your record: not enough yet." in summary.text
    assert chart.method == "sendPhoto"
    assert chart.text == str(texts.CHART_CAPTION)
    assert chart.document is not None and png_size(chart.document) == (1200, 750)


def _niceness(pid: int) -> int:
    """A process's nice value, from Linux's /proc/PID/stat (the 19th field)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[16])


def _children() -> list[int]:
    mine = str(os.getpid())
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent(entry) == mine
    ]


def _parent(entry: Path) -> str | None:
    try:
        stat = (entry / "stat").read_text()
    except OSError:  # ended meanwhile
        return None
    return stat[stat.rindex(")") + 2 :].split()[1]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
async def test_the_chart_is_drawn_at_a_lower_priority_than_the_bot(
    ana_with_history: Chat,
) -> None:
    stop_drawing()  # a worker an earlier test started would not be new
    before = set(_children())

    await ana_with_history.send("/history")

    started = {_niceness(pid) for pid in _children() if pid not in before}
    # The worker, and with the first spawned process also multiprocessing's resource tracker.
    assert min(_niceness(os.getpid()) + DRAWING_NICENESS, 19) in started


async def test_export_holds_exactly_the_users_own_rows(
    ana_with_history: Chat, api: LocalBotApi, repo: Repository
) -> None:
    ben = Chat(ana_with_history.app, api, user_id=2002, first_name="Ben")
    await onboard(ben)
    await seed(repo, 2002, ["hard"] * 9)

    replies = await ana_with_history.send("/export")

    assert [m.filename for m in replies] == [
        "legday-checkins.csv",
        "legday-jogs.csv",
        "legday-activities.csv",
        "legday-export.json",
    ]
    checkins_csv, jogs_csv, activities_csv, export_json = (m.document or b"" for m in replies)
    assert activities_csv.decode().startswith("started_at,sport,")
    checkins = list(csv.DictReader(io.StringIO(checkins_csv.decode())))
    assert [row["local_date"] for row in checkins] == [
        (TODAY - timedelta(days=n)).isoformat() for n in (4, 3, 2, 1, 0)
    ]
    assert [row["walking"] for row in checkins] == [
        "normal",
        "a_bit_sore",
        "stiff_sore",
        "normal",
        "hard",
    ]
    jogs = list(csv.DictReader(io.StringIO(jogs_csv.decode())))
    assert [(row["status"], row["actual_minutes"]) for row in jogs] == [("completed", "15")] * 2
    assert [row["walking_text"] for row in checkins] == [
        "Normal",
        "A bit sore",
        "Stiff and sore",
        "Normal",
        "Hard to walk",
    ]
    # The readable columns are plain words: no emoji from the buttons' labels.
    # No readable column starts with a button's emoji (issue 13).
    for row in [*checkins, *jogs]:
        for name, value in row.items():
            assert not name.endswith("_text") or not value or value[0].isalnum(), (name, value)
    assert [row["workout_text"] for row in checkins] == [
        "Rest day",
        "Leg day",
        "Rest day",
        "Rest day",
        "Leg day",
    ]
    assert [row["advice_text"] for row in checkins] == [
        "as planned",
        "as planned, gently",
        "as planned, gently",
        "as planned",
        "as planned",
    ]
    assert [(row["status_text"], row["feeling_text"], row["load"]) for row in jogs] == [
        ("finished", "", "")  # 15 minutes, unanswered: no effort told, so no load
    ] * 2
    everything = json.loads(export_json)
    codes = [{k: row[k] for k in CHECKIN_COLUMNS} for row in checkins]
    assert everything["checkins"] == checkins_values(codes)
    assert len(everything["jog_sessions"]) == 2
    assert everything["jog_sessions"][0]["run_started_at"] is not None
    assert everything["jog_sessions"][0]["load"] is None  # JSON null: no load without effort
    profile = everything["profile"]
    assert profile["time_zone"] == "Europe/Berlin"
    assert (profile["language"], profile["language_code"]) == ("en", "en")
    assert (profile["quiet_start"], profile["quiet_end"]) == ("22:00:00", "06:00:00")
    assert profile["first_name"] == "Ana" and profile["telegram_user_id"] == 1001
    assert "id" not in profile and "user_id" not in everything["checkins"][0]
    assert "hard" * 9 not in export_json.decode()


def checkins_values(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """CSV holds strings; JSON keeps types: compare them on the same footing."""

    def typed(value: str) -> object:
        return {"": None, "True": True, "False": False}.get(value, value)

    return [{k: (int(v) if k == "rule" else typed(v)) for k, v in row.items()} for row in rows]


async def test_delete_erases_every_row_of_the_user_and_nothing_else(
    ana_with_history: Chat, api: LocalBotApi, repo: Repository, runner: BotRunner
) -> None:
    ben = Chat(ana_with_history.app, api, user_id=2002, first_name="Ben")
    await onboard(ben)
    await seed(repo, 2002, ["hard"] * 3)
    await ana_with_history.send("/checkin")  # a draft and a dialog state, too

    (confirm,) = await ana_with_history.send("/delete")
    assert confirm.text == str(texts.DELETE_CONFIRM)
    assert buttons(confirm) == [["Yes, erase everything"], ["No, keep my data"]]
    (done,) = await ana_with_history.press("Yes, erase everything")

    assert done.text == str(texts.DELETED)
    ben_row = await repo.users.get(2002)
    assert ben_row is not None
    assert await repo.users.get(1001) is None
    assert await repo.schedule.pending(1001) == []
    assert runner.app is not None
    async with runtime(runner.app).engine.connect() as connection:
        users = (await connection.execute(text("SELECT telegram_user_id FROM users"))).all()
        assert [u[0] for u in users] == [2002]
        for table_name in ("checkins", "checkin_drafts", "jog_sessions", "scheduled_messages"):
            owners = await connection.execute(text(f"SELECT DISTINCT user_id FROM {table_name}"))
            assert {row[0] for row in owners} <= {ben_row.id}
        states = await connection.execute(text("SELECT key FROM conversation_states"))
        assert all("1001" not in row[0] for row in states)
    assert len(await repo.checkins.list_for(2002)) == 3


async def test_delete_can_be_called_off(ana_with_history: Chat, repo: Repository) -> None:
    await ana_with_history.send("/delete")

    (kept,) = await ana_with_history.press("No, keep my data")

    assert kept.text == str(texts.DELETE_KEPT)
    assert len(await repo.checkins.list_for(1001)) == 5


SUNDAY_EVENING_BERLIN = datetime(2026, 1, 18, 18, 0, tzinfo=UTC)  # 19:00 in Berlin


async def test_weekly_summary_comes_on_sunday_evening_local_time(
    ana_with_history: Chat, clock: FrozenClock
) -> None:
    clock.now = SUNDAY_EVENING_BERLIN - timedelta(minutes=1)
    await tick(ana_with_history.app)
    assert not any((m.text or "").startswith("Your week") for m in ana_with_history.history)

    clock.now = SUNDAY_EVENING_BERLIN
    await tick(ana_with_history.app)

    summary = ana_with_history.last.text or ""
    # The week of 12-18 Jan holds two check-ins (fine, then hard to walk) and one 15' jog;
    # the week before averaged 1.0 (fine, a bit sore, stiff). Each week has one unanswered
    # 15' jog: no effort told, so no load, and the summary says it is left out.
    assert summary.startswith(
        "Your week in review\n"
        "• Check-ins: 2 of 7\n"
        "• Easy jogs: 1 (15 minutes)\n"
        "• Soreness: 1.5 on average, higher than the week before (1.0); "
        "0 = Normal, 3 = Hard to walk"
        "\n• Load (effort times minutes): 0"
        "\n• 1 run had no answer to “How did it feel?”, so it is not in the load"
        "\n• Advice: as planned ×2"  # noqa: RUF001
        "\n\nYour record: not enough yet."
    )


@pytest.mark.parametrize("who", ["opted out", "paused", "blocked"])
async def test_weekly_summary_is_never_sent_to_opted_out_paused_or_blocked_users(
    ana_with_history: Chat, clock: FrozenClock, api: LocalBotApi, who: str
) -> None:
    if who == "opted out":
        await ana_with_history.send("/settings")
        await ana_with_history.press("Weekly summary")
        await ana_with_history.press("No")
    elif who == "paused":
        await ana_with_history.send("/pause")
    else:
        api.block_chat(1001)

    clock.now = SUNDAY_EVENING_BERLIN
    before = len(ana_with_history.history)
    await tick(ana_with_history.app)

    assert not any(
        (m.text or "").startswith("Your week") for m in ana_with_history.history[before:]
    )


def test_evidence_says_it_all_in_one_paragraph() -> None:
    days = history_of([(True, "normal")] * 3 + [(False, "a_bit_sore")] * 3)

    assert describe_evidence(evidence(days, [])) == (
        "Your record: two days after a leg day, your soreness averaged 0.0 when you "
        "jogged easy the day after (3 times) and 1.0 when you didn't (3 times), on a scale from "
        "0 (walking normal) to 3 (hard to walk). So far, easy jogs after leg day seem to help "
        "you. Still few cases, so take it as a hint."
    )


def test_evidence_a_quarter_point_apart_is_no_longer_a_tie() -> None:
    # 1.0 with a jog against 1.25 without: just outside "about the same".
    cases = [(True, "a_bit_sore")] * 4 + [(False, "a_bit_sore")] * 3 + [(False, "stiff_sore")]
    found = evidence(history_of(cases), [])

    assert found.with_jog == (1, 1, 1, 1) and sorted(found.without_jog) == [1, 1, 1, 2]
    assert "So far, easy jogs after leg day seem to help you." in describe_evidence(found)


def test_a_leg_day_not_yet_followed_up_does_not_stop_the_count() -> None:
    # The first leg day has no check-in two mornings later; the six after it count.
    first = [Day(TODAY - timedelta(days=79), "leg_day", "a_bit_sore", "easy_jog")]
    days = first + history_of([(True, "normal")] * 3 + [(False, "hard")] * 3)

    found = evidence(days, [])

    assert (found.with_jog, found.without_jog) == ((0, 0, 0), (3, 3, 3))


@pytest.mark.parametrize(
    ("figures", "soreness_line"),
    [
        (Week(0, 0, 0, None, None), "• Soreness: no check-ins this week"),
        (Week(1, 0, 0, 2.0, None), "• Soreness: 2.0 on average (0 = Normal, 3 = Hard to walk)"),
        (
            Week(7, 1, 15, 1.0, 1.2),
            "• Soreness: 1.0 on average, about the same as the week before (1.2); "
            "0 = Normal, 3 = Hard to walk",
        ),
        (
            Week(7, 1, 15, 1.0, 1.25),  # a quarter point: no longer about the same
            "• Soreness: 1.0 on average, lower than the week before (1.2); "
            "0 = Normal, 3 = Hard to walk",
        ),
        (
            Week(7, 1, 15, 1.25, 1.0),
            "• Soreness: 1.2 on average, higher than the week before (1.0); "
            "0 = Normal, 3 = Hard to walk",
        ),
    ],
    ids=["no-check-ins", "first-week", "about-the-same", "lower", "higher"],
)
def test_the_weekly_summary_in_words(figures: Week, soreness_line: str) -> None:
    minutes = {0: "0 minutes", 15: "15 minutes"}[figures.jog_minutes]

    assert describe_week(figures).split("\n") == [
        "Your week in review",
        f"• Check-ins: {figures.checkins} of 7",
        f"• Easy jogs: {figures.jogs} ({minutes})",
        soreness_line,
    ]


@pytest.mark.parametrize(
    ("language", "scale"),
    [
        ("en", "0 = Normal, 3 = Hard to walk"),
        ("de", "0 = Normal, 3 = Gehen fällt schwer"),
        ("ru", "0 — Нормально, 3 — Трудно ходить"),
        ("es", "0 = Normal, 3 = Me cuesta caminar"),
    ],
)
@pytest.mark.parametrize("before", [None, 1.0, 2.0, 3.0])
def test_the_soreness_scale_is_explained_in_the_walking_buttons_words(
    language: str, scale: str, before: float | None
) -> None:
    """ "3 = hard" left the user guessing what was hard: the scale's ends are the walking
    question's buttons, as the user tapped them."""
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking(language):
        (line,) = [
            line
            for line in describe_week(Week(7, 0, 0, 2.0, before)).split("\n")
            if line.startswith("• ") and scale in line
        ]

    assert line.endswith((f"({scale})", f"; {scale}")), line


def test_one_minute_of_jogging_is_one_minute() -> None:
    assert "• Easy jogs: 1 (1 minute)" in describe_week(Week(1, 1, 1, None, None)).split("\n")


def test_the_week_is_the_seven_days_ending_on_its_last_day() -> None:
    sunday = date(2026, 1, 18)
    days = [
        Day(sunday - timedelta(days=n), "rest", walking, "as_planned")
        for n, walking in [(-1, "a_bit_sore"), (0, "a_bit_sore"), (6, "normal"), (7, "hard")]
    ]
    runs = [
        Run(sunday + timedelta(days=1), 15, True),  # the next week's
        Run(sunday, 20, True, "right"),
        Run(sunday - timedelta(days=6), 15, True),  # unanswered: in no load
        Run(sunday - timedelta(days=6), None, False),  # cancelled: not a jog
        Run(sunday - timedelta(days=7), 15, True, "right"),  # the week before's
    ]

    assert week(days, runs, sunday) == Week(
        checkins=2,
        jogs=2,
        jog_minutes=35,
        soreness=0.5,
        previous_soreness=3.0,
        verdicts=(("as_planned", 1),),
        planned_gently=1,  # on a bit sore legs
        load=60,  # 20 minutes "just right": RPE 3
        previous_load=45,  # the record starts in the week before: that week alone
        unrated=1,
    )
    assert week([], [], sunday) == Week(0, 0, 0, None, None)


def test_two_runs_on_one_day_add_up_in_the_table() -> None:
    runs = [Run(TODAY, 15, True), Run(TODAY, 5, True), Run(TODAY, 9, False)]

    assert table([], runs, TODAY).splitlines()[-1].split() == ["13", "Jan", "-", "-", "-", "🏃20'"]


def test_the_chart_starts_eight_weeks_back_to_the_day() -> None:
    start = TODAY - timedelta(days=55)
    days = [
        Day(start - timedelta(days=1), "rest", "hard", "as_planned"),  # a day too early
        Day(start, "rest", "normal", "as_planned"),
        Day(start + timedelta(days=1), "leg_day", "a_bit_sore", "easy_jog"),  # legs on `start`
    ]
    runs = [Run(start - timedelta(days=1), 15, True), Run(start, 15, True), Run(TODAY, 20, True)]

    data = chart_data(days, runs, TODAY)

    assert data.days == (start, start + timedelta(days=1))
    assert data.leg_days == (start,)
    assert data.jog_days == (start, TODAY)


def test_a_run_belongs_to_the_local_day_it_started_on() -> None:
    late = datetime(2026, 1, 13, 23, 30, tzinfo=UTC)  # 00:30 on the 14th in Berlin
    jog = JogSession(kind="jog", started_at=late, actual_minutes=15, status="completed")
    checkin = CheckIn(
        local_date=date(2026, 1, 14),
        workout="leg_day",
        walking="a_bit_sore",
        advice="easy_jog",
        updated_at=datetime(2026, 1, 14, 7, 0, tzinfo=UTC),  # 08:00 in Berlin
    )

    assert as_record([checkin], [jog], "Europe/Berlin") == (
        [Day(date(2026, 1, 14), "leg_day", "a_bit_sore", "easy_jog")],
        [Run(date(2026, 1, 14), 15, True)],
    )
    # Answered again at 01:30 on the 15th in Berlin: stored as that evening's, covering the
    # next day, whatever zone the record is read in later.
    checkin.updated_at = datetime(2026, 1, 15, 0, 30, tzinfo=UTC)
    checkin.evening = True
    (day,), _ = as_record([checkin], [], "America/New_York")
    assert day.covers_next_day


@pytest.mark.parametrize(
    ("cases", "ending"),
    [
        (
            [(True, "a_bit_sore")] * 3 + [(False, "a_bit_sore")] * 3,
            " So far it makes about no difference for you. Still few cases, so take it as a hint.",
        ),
        (
            [(True, "hard")] * 6 + [(False, "normal")] * 6,
            " to 3 (hard to walk). So far, easy jogs after leg day don't seem to help you.",
        ),
    ],
    ids=["tie", "no-help"],
)
def test_the_evidence_ends_with_its_verdict(cases: list[tuple[bool, str]], ending: str) -> None:
    assert describe_evidence(evidence(history_of(cases), [])).endswith(ending)


def test_the_evidence_counts_cases_in_the_plural_forms_of_the_users_language() -> None:
    found = evidence(history_of([(True, "normal")] * 3 + [(False, "hard")] * 5), [])
    russian = i18n.translations("ru")
    i18n.use("ru")
    try:
        said = describe_evidence(found)
    finally:
        i18n.use(i18n.DEFAULT)

    for count in (3, 5):  # two different plural forms in Russian
        assert russian.ngettext("{count} time", "{count} times", count).format(count=count) in said


def evidence_of(cases: list[tuple[bool, str]]) -> str:
    return describe_evidence(evidence(history_of(cases), []))


@pytest.mark.parametrize("language", ["ru", "es", "de"])
def test_the_weekly_summary_and_the_evidence_come_in_the_users_language(language: str) -> None:
    """A text missing from the catalog would be shown in English instead."""
    shown: list[Callable[[], str]] = [
        lambda: describe_week(Week(0, 0, 0, None, None)),
        lambda: describe_week(Week(1, 1, 1, 2.0, None)),
        lambda: describe_week(Week(7, 2, 35, 1.0, 1.1)),
        lambda: describe_week(Week(7, 2, 35, 1.0, 2.0)),
        lambda: describe_week(Week(7, 2, 35, 2.0, 1.0)),
        lambda: evidence_of([(True, "a_bit_sore")] * 6),
        lambda: evidence_of([(True, "hard")] * 3 + [(False, "normal")] * 3),
        lambda: evidence_of([(True, "normal")] * 6 + [(False, "hard")] * 6),
        lambda: evidence_of([(True, "a_bit_sore")] * 3 + [(False, "a_bit_sore")] * 3),
    ]
    for say in shown:
        english = say().split("\n")
        i18n.use(language)
        try:
            translated = say().split("\n")
        finally:
            i18n.use(i18n.DEFAULT)
        assert [
            line for line, other in zip(english, translated, strict=True) if line == other
        ] == []


def test_the_weekly_summary_says_in_german_how_many_runs_are_not_in_the_load() -> None:
    figures = Week(3, 3, 50, None, None, load=90, previous_load=60.0, unrated=2)
    i18n.use("de")
    try:
        said = describe_week(figures)
    finally:
        i18n.use(i18n.DEFAULT)
    assert said.split("\n")[-2:] == [
        "• Belastung (Anstrengung mal Minuten): 90, im Schnitt 60 pro Woche in den Wochen davor",
        "• 2 Läufe ohne Antwort auf „Wie hat es sich angefühlt?“ zählen nicht zur Belastung",
    ]


async def test_the_check_in_the_history_and_the_weekly_summary_name_a_verdict_alike(
    ana: Chat, clock: FrozenClock
) -> None:
    """One name per verdict (coach.advice.VERDICT_NAMES) on every screen that names one."""
    clock.now = NOW
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Light", "No", "Stiff and sore")
    (replacing, _) = await ana.send("/checkin")
    await ana.send("/cancel")
    table_text, _chart = await ana.send("/history")
    summary = describe_week(week([Day(TODAY, "leg_day", "stiff_sore", "easy_or_cross")], [], TODAY))

    name = "cross-train or easy run"
    assert replacing.text == (
        f"You already checked in today: {name}. If you answer again, your new answers "
        "replace today's."
    )
    assert f"leg day   stiff      {name}" in (table_text.text or "")
    assert summary.splitlines()[-1] == f"• Advice: {name} ×1"  # noqa: RUF001


MAX_VERDICT_NAME = 27  # "mejor entrenamiento cruzado"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_each_verdict_has_its_own_name_in_plain_words(language: str) -> None:
    """Names a user would say ("cross-train or easy run"), not codes: no slashes, no
    abbreviations, no two verdicts alike, and short enough for the history table's column (a
    row stays near 70 characters in every language). In German the rest verdicts say
    "ausruhen", so that they never read as the workout answer "Ruhetag"."""
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking(language):
        names = [str(name) for name in (*VERDICT_NAMES.values(), AS_PLANNED_GENTLY)]
        rest = WORKOUT_WORDS[Workout.REST]
        rest_answer = {str(rest.short).lower(), str(rest.label).split(" ", 1)[1].lower()}
    assert len(set(names)) == len(names)
    for name in names:
        assert "/" not in name and "." not in name, name
        assert len(name) <= MAX_VERDICT_NAME, name
    if language == "de":
        assert not {name.lower() for name in names} & rest_answer
        assert "ausruhen" in names


ANSWERS = [("workout", w.value) for w in Workout] + [("walking", w.value) for w in Walking]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize(("field", "value"), ANSWERS)
def test_the_history_names_each_answer_in_the_words_of_its_button(
    language: str, field: str, value: str
) -> None:
    """The /history table, its chart and the weekly summary say of an answer what its check-in
    button said ("Normal" is no "fine" afterwards): the word shown is part of the label."""
    day = Day(
        TODAY,
        value if field == "workout" else "rest",
        value if field == "walking" else "normal",
        "as_planned",
    )
    i18n.use(language)
    try:
        button = str((WORKOUT if field == "workout" else WALKING).label_of(value))
        (row,) = table([day], [], TODAY, span=1).splitlines()[1:]
        shown = str((WORKOUT_SHORT if field == "workout" else WALKING_SHORT)[value])
        levels = [str(level) for level in LEVELS]
        week_line = describe_week(Week(1, 0, 0, 1.0, None)).splitlines()[3]
    finally:
        i18n.use(i18n.DEFAULT)

    assert shown in row
    assert shown.casefold() in button.casefold(), f"{shown!r} is not said by {button!r}"
    if field == "walking":
        assert levels[SORENESS[value]] == shown
        if value in ("normal", "hard"):  # the summary's scale says the button itself
            said = i18n.plain_words(button)
            assert f"{SORENESS[value]} = {said}" in week_line or (
                f"{SORENESS[value]} — {said}" in week_line
            )


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_pain_day_is_named_as_the_pain_button_names_it(language: str) -> None:
    day = Day(TODAY, "leg_day", "hard", "pain_rest", pain=True)
    i18n.use(language)
    try:
        button = str(WALKING.label_of(PAIN_ANSWER))
        (row,) = table([day], [], TODAY, span=1).splitlines()[1:]
        shown = str(PAIN_SHORT)
    finally:
        i18n.use(i18n.DEFAULT)

    assert shown in row
    assert shown.casefold() in button.casefold()


async def test_weekly_summary_flags_a_jump_in_load_from_how_the_jogs_felt(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = NOW
    await onboard(ana)
    await repo.checkins.save(
        1001,
        TODAY - timedelta(days=20),
        {"workout": "rest", "walking": "normal"},
        8,
        "as_planned",
        NOW,
    )

    async def jog(day: date, minutes: int, feeling: str) -> None:
        started = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8)
        session = await repo.jogs.start(1001, "jog", minutes, started, WARM_UP)
        await repo.jogs.end(
            session.id, JogStatus.COMPLETED, started + timedelta(minutes=minutes + 5), minutes
        )
        await repo.jogs.set_feeling(session.id, feeling)

    # Three weeks known before 12-18 Jan: 20' just right (60) in each; then two tough 20' (200).
    for weeks_back in (1, 2, 3):
        await jog(date(2026, 1, 14) - timedelta(weeks=weeks_back), 20, "right")
    await jog(date(2026, 1, 14), 20, "tough")
    await jog(date(2026, 1, 16), 20, "tough")

    clock.now = SUNDAY_EVENING_BERLIN
    await tick(ana.app)

    lines = (ana.last.text or "").split("\n")
    assert (
        "• Load (effort times minutes): 200, against an average of 60 "
        "a week in the weeks before" in lines
    )
    assert (
        "⚠️ That is 233% more than your usual week. Jumps of more than half go with more "
        "injuries: keep the next runs short and easy."
    ) in lines


# --- cross-training is not a jog (issue 13) -------------------------------------------------


def test_the_table_marks_cross_training_apart_from_runs() -> None:
    runs = [
        Run(TODAY - timedelta(days=2), 15, True, kind="cross"),
        Run(TODAY - timedelta(days=1), 20, True),
        Run(TODAY, 15, True),
        Run(TODAY, 20, True, kind="cross"),
        Run(TODAY, 9, False, kind="cross"),  # stopped: not counted
    ]

    lines = table([], runs, TODAY).splitlines()

    assert [line.split()[-1] for line in lines[-3:]] == ["🚲15'", "🏃20'", "🏃15'+🚲20'"]


def test_the_table_shows_a_run_stopped_early_as_done_of_planned_with_a_note() -> None:
    """Newcomer: a run stopped after 7 of 20 minutes showed as 🏃7', as a finished 7-minute
    run would; it shows what was done of what was planned, explained under the table."""
    runs = [
        Run(TODAY - timedelta(days=2), 20, True, planned=20),
        Run(TODAY - timedelta(days=1), 7, True, planned=20),
        Run(TODAY, 15, True, planned=15),
        Run(TODAY, 10, True, kind="cross", planned=15),
    ]

    lines = table([], runs, TODAY).splitlines()

    assert [line.split()[-1] for line in lines[1:4]] == ["🏃20'", "🏃7/20'", "🏃15'+🚲10/15'"]
    assert lines[-1] == "7/20': stopped after 7 of the 20 minutes planned"
    assert "stopped" not in table([], runs[:1], TODAY)


def test_the_chart_marks_only_runs_as_jogs_and_cross_training_apart() -> None:
    runs = [
        Run(TODAY - timedelta(days=3), 15, True, kind="cross"),
        Run(TODAY - timedelta(days=1), 20, True),
    ]

    data = chart_data([Day(TODAY, "rest", "normal", "as_planned")], runs, TODAY)

    assert data.jog_days == (TODAY - timedelta(days=1),)
    assert data.cross_days == (TODAY - timedelta(days=3),)
    (legend,) = chart_figure(data).legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "walking",
        "pain",
        "easy jog done",
        "cross-training done",
        "leg day",
    ]


def test_the_charts_legend_of_runs_told_says_from_a_file_when_a_file_gave_one() -> None:
    """A check-in's easy run that an activity file gave is marked hollow like a told one:
    "easy run you told me about" was untrue of it, so the legend says "told or from a file";
    a file on a day no run is marked leaves the legend as it was."""
    days = [
        Day(TODAY - timedelta(days=5), "easy_run", "normal", "as_planned"),  # told, 7 Jan
        Day(TODAY - timedelta(days=1), "easy_run", "normal", "as_planned"),  # a file's, 11 Jan
    ]

    def legend(data: ChartData) -> list[str]:
        (shown,) = chart_figure(data).legends
        return [t.get_text() for t in shown.get_texts()]

    from_file = chart_data(days, [], TODAY, file_run_days=[TODAY - timedelta(days=2)])
    elsewhere = chart_data(days, [], TODAY, file_run_days=[TODAY - timedelta(days=3)])

    assert from_file.told_run_days == (TODAY - timedelta(days=6), TODAY - timedelta(days=2))
    assert "easy run told or from a file" in legend(from_file)
    assert "easy run you told me about" not in legend(from_file)
    assert "easy run you told me about" in legend(elsewhere)
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking("de"):
        assert "lockerer Lauf, von dir angegeben oder aus einer Datei" in legend(from_file)


def test_an_easy_run_told_in_a_check_in_is_marked_on_the_chart_apart_from_a_timed_one() -> None:
    """A newcomer's easy run, answered as yesterday's workout and never timed, was on no chart,
    though a timed one was: now it is marked with the timed run's triangle, hollow. A run both
    timed and told is the timer's; one told in its evening for that day is that day's."""
    days = [
        Day(TODAY - timedelta(days=5), "easy_run", "normal", "as_planned"),  # ran 7 Jan
        Day(TODAY - timedelta(days=2), "easy_run", "normal", "as_planned"),  # ran 10 Jan, timed
        Day(TODAY - timedelta(days=1), "rest", "normal", "as_planned", trained_that_day="easy_run"),
        Day(TODAY, "other", "normal", "as_planned"),
    ]
    runs = [Run(TODAY - timedelta(days=3), 20, True)]

    data = chart_data(days, runs, TODAY)

    assert data.jog_days == (TODAY - timedelta(days=3),)
    assert data.told_run_days == (TODAY - timedelta(days=6), TODAY - timedelta(days=1))
    figure = chart_figure(data)
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "walking",
        "pain",
        "easy jog done",
        "easy run you told me about",
        "leg day",
    ]
    marks = {c.get_label(): c for c in figure.axes[0].collections}
    timed, told = marks["easy jog done"], marks["easy run you told me about"]
    assert [mdates.num2date(x).date() for x, _y in told.get_offsets().tolist()] == [  # type: ignore[union-attr, no-untyped-call]
        TODAY - timedelta(days=6),
        TODAY - timedelta(days=1),
    ]
    # The same place and colour as a timed run's, but hollow.
    assert told.get_offsets().tolist()[0][1] == timed.get_offsets().tolist()[0][1]  # type: ignore[union-attr]
    assert [to_hex(c) for c in to_rgba_array(told.get_edgecolor())] == [
        to_hex(c) for c in to_rgba_array(timed.get_facecolor())
    ]
    assert all(alpha == 0 for alpha in to_rgba_array(told.get_facecolor())[:, 3])


def every_mark(today: date) -> ChartData:
    """Eight weeks with every mark the chart has: each legend entry and the longest dates."""
    days = [
        Day(
            today - timedelta(days=n),
            ("leg_day", "easy_run", "rest", "other")[n % 4],
            ("normal", "a_bit_sore", "stiff_sore", "hard")[n % 4],
            "as_planned",
            pain=n == 10,
        )
        for n in range(56)
    ]
    runs = [
        Run(today - timedelta(days=n), 15, True, kind="jog" if n % 7 == 3 else "cross")
        for n in range(56)
        if n % 7 in (3, 5)
    ]
    return chart_data(days, runs, today)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "How your legs felt, last 8 weeks"),
        ("de", "Deine Beine in den letzten 8 Wochen"),
    ],
)
def test_the_charts_title_names_what_it_draws_pain_marks_too(language: str, title: str) -> None:
    """The German title "Dein Muskelkater" stood over the pain marks, and pain is not soreness
    (newcomer 13): the title speaks of the legs, which both the walking line and the pain row
    are about."""
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking(language):
        figure = chart_figure(every_mark(TODAY))
        (legend,) = figure.legends
        pain = str(PAIN_SHORT)
    assert figure.axes[0].get_title() == title
    assert pain in [text.get_text() for text in legend.get_texts()]


def inside(box: BboxBase, image: BboxBase) -> bool:
    return bool(
        image.x0 <= box.x0 and box.x1 <= image.x1 and image.y0 <= box.y0 and box.y1 <= image.y1
    )


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize(
    "today",
    [date(2026, 12, 8), date(2026, 11, 1), date(2026, 3, 2)],
    ids=["december", "september-dates", "first-day-a-monday"],
)
def test_the_charts_dates_and_legend_fit_inside_the_image_and_never_overlap(
    language: str, today: date
) -> None:
    """German dates overlapped ("26. Okt.2. Nov.") and the legend ran off the right edge: every
    date on the axis and the whole legend are inside the image, the dates apart from each other
    and from the legend, in every language (as the PNG is saved: the figure's own size)."""
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking(language):
        figure = chart_figure(every_mark(today))
        figure.draw_without_rendering()
    axes = figure.axes[0]
    (legend,) = figure.legends
    image = figure.bbox
    dates = [t.get_window_extent() for t in axes.get_xticklabels() if t.get_text()]
    levels = [t.get_window_extent() for t in axes.get_yticklabels() if t.get_text()]
    entries = legend.get_window_extent()

    assert (image.width, image.height) == (1200, 750)
    assert len(dates) >= 4  # a date every week, or every second one where they would overlap
    assert len(legend.get_texts()) == 6
    for box in [entries, *dates, *levels, axes.title.get_window_extent()]:
        assert inside(box, image), (box, image)
    assert not any(first.overlaps(second) for first, second in combinations(dates, 2))
    assert not any(entries.overlaps(box) for box in dates)


def test_cross_training_after_leg_day_is_no_jog_in_the_own_evidence() -> None:
    leg_day = TODAY - timedelta(days=5)
    days = leg_week(leg_day, False, "normal")

    crossed = evidence(days, [Run(leg_day + timedelta(days=1), 15, True, kind="cross")])

    assert (crossed.with_jog, crossed.without_jog) == ((), (0,))


def test_the_week_counts_runs_and_cross_training_apart() -> None:
    sunday = date(2026, 1, 18)
    runs = [
        Run(sunday, 20, True),
        Run(sunday - timedelta(days=1), 15, True, kind="cross"),
        Run(sunday - timedelta(days=2), 15, True, kind="cross"),
    ]

    figures = week([], runs, sunday)

    assert (figures.jogs, figures.jog_minutes, figures.cross, figures.cross_minutes) == (
        1,
        20,
        2,
        30,
    )
    lines = describe_week(figures).split("\n")
    assert lines[2:4] == ["• Easy jogs: 1 (20 minutes)", "• Cross-training: 2 (30 minutes)"]
    # A week with no cross-training says nothing of it.
    assert not any(
        "Cross" in line for line in describe_week(week([], runs[:1], sunday)).split("\n")
    )


async def test_a_cross_training_session_is_shown_as_one_everywhere(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The newcomer's path of issue 13: 15 minutes of cross-training, then /history and the
    weekly summary (in German too, where it was counted among "Lockere Läufe")."""
    clock.now = NOW
    await onboard(ana)
    await check_in(ana, "🏅 Long run or race", "Normal")
    await ana.press("🚲 Cross-train 15 min")
    clock.advance(minutes=21)
    await tick(ana.app)

    table_text, _chart = await ana.send("/history")
    assert "13 Jan long run  normal     cross-training 🚲15'" in (table_text.text or "")

    clock.now = SUNDAY_EVENING_BERLIN
    await tick(ana.app)
    weekly = (ana.last.text or "").split("\n")
    assert "• Easy jogs: 0 (0 minutes)" in weekly
    assert "• Cross-training: 1 (15 minutes)" in weekly
    user = await repo.users.get(1001)
    assert user is not None
    days, runs = await user_record(repo, user)
    with i18n.one_update():
        i18n.use("de")
        german = describe_week(week(days, runs, date(2026, 1, 18)))
    assert "• Lockere Läufe: 0 (0 Minuten)" in german
    assert "• Crosstraining: 1 (15 Minuten)" in german


# --- a pain day is a pain day, and no check-in is called a morning one ----------------------

PAIN_DAY = Day(TODAY - timedelta(days=1), "rest", "a_bit_sore", "pain_rest", pain=True)


def test_a_pain_day_is_listed_as_pain_not_as_its_walking_level() -> None:
    lines = table([PAIN_DAY], [], TODAY).splitlines()

    assert lines[-2].split() == ["12", "Jan", "rest", "pain", "rest", "(pain)", "-"]


def test_a_pain_days_walking_is_drawn_and_its_pain_marked_above() -> None:
    days = [
        Day(TODAY - timedelta(days=2), "rest", "normal", "as_planned"),
        PAIN_DAY,
        Day(TODAY, "rest", "stiff_sore", "as_planned"),
    ]

    data = chart_data(days, [], TODAY)

    assert data.days == (TODAY - timedelta(days=2), PAIN_DAY.day, TODAY)
    assert data.soreness == (0, 1, 2)
    assert data.pain_days == (PAIN_DAY.day,)
    axes = chart_figure(data).axes[0]
    assert [label.get_text() for label in axes.get_yticklabels()][-1] == "pain"
    line = axes.get_lines()[0]
    # The pain day's walking ("a bit sore") is on the line like any other day's; its pain is
    # marked in the row above the levels.
    assert [str(y) for y in line.get_ydata()] == ["0.0", "1.0", "2.0"]  # type: ignore[union-attr]
    (pains,) = [c for c in axes.collections if c.get_label() == "pain"]
    assert [float(y) for _x, y in pains.get_offsets().tolist()] == [4.0]  # type: ignore[union-attr]
    assert png_size(render_chart(data)) == (1200, 750)


def test_the_chart_names_no_time_of_day() -> None:
    """A check-in may come in the evening: nothing on the chart says "morning"."""
    figure = chart_figure(
        chart_data([PAIN_DAY, Day(TODAY, "rest", "normal", "as_planned")], [], TODAY)
    )

    shown = [text.get_text() for text in figure.findobj(Text)]
    assert "walking" in shown and not [t for t in shown if "morning" in t.lower()]
    assert "morning" not in str(texts.CHART_CAPTION) + str(texts.HISTORY_EMPTY)


def test_the_weekly_summary_counts_pain_days_apart_from_soreness() -> None:
    days = [PAIN_DAY, Day(TODAY, "rest", "stiff_sore", "as_planned")]

    figures = week(days, [], TODAY)

    assert (figures.soreness, figures.pain_days) == (2.0, 1)
    lines = describe_week(figures).split("\n")
    assert "• Soreness: 2.0 on average (0 = Normal, 3 = Hard to walk)" in lines
    assert "• Sharp or joint pain: 1 day" in lines
    assert lines[-1] == "• Advice: rest (pain) ×1; as planned, gently ×1"  # noqa: RUF001
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking("de"):  # no doubled parentheses in any language
        german = describe_week(figures).split("\n")
    assert german[-1] == "• Empfehlungen: ausruhen (Schmerz) ×1; wie geplant, aber locker ×1"  # noqa: RUF001
    only_pain = describe_week(week([PAIN_DAY], [], TODAY)).split("\n")
    assert [line for line in only_pain if "Soreness" in line] == []
    assert "• Sharp or joint pain: 1 day" in only_pain


def test_a_pain_day_counts_for_no_soreness_in_the_own_evidence() -> None:
    days = history_of([(True, "normal")])
    later = days[-1]
    pained = [*days[:-1], Day(later.day, later.workout, later.walking, later.advice, pain=True)]

    assert evidence(days, []).with_jog == (0,)
    assert evidence(pained, []).with_jog == ()


async def test_a_pain_check_in_in_the_evening_shows_as_pain_in_history_and_summary(
    ana: Chat, clock: FrozenClock
) -> None:
    clock.now = datetime(2026, 1, 13, 19, 0, tzinfo=UTC)  # 20:00 in Berlin
    await onboard(ana)
    await check_in(
        ana, "😴 Rest day", "⚠️ Sharp or joint pain", "A bit sore", "😴 No, nothing today"
    )

    table_text, chart = await ana.send("/history")

    row = (table_text.text or "").split("</pre>")[0].split("\n")[-1]  # the table's last line
    assert row.split() == ["13", "Jan", "rest", "pain", "rest", "(pain)", "-"]
    assert "a bit sore" not in (table_text.text or "")
    assert "morning" not in (chart.params.get("caption") or "")
    clock.now = SUNDAY_EVENING_BERLIN
    await tick(ana.app)
    summary = (ana.last.text or "").split("\n")
    assert "• Sharp or joint pain: 1 day" in summary
    assert "• Advice: rest (pain) ×1" in summary  # noqa: RUF001


async def test_the_export_says_in_words_that_a_day_was_a_pain_day(ana: Chat) -> None:
    await onboard(ana)
    await check_in(ana, "🦵 Leg day", "Heavy", "No", "⚠️ Sharp or joint pain", "A bit sore")

    checkins_csv, *_ = await ana.send("/export")

    (row,) = csv.DictReader(io.StringIO((checkins_csv.document or b"").decode()))
    assert (row["sharp_pain"], row["sharp_pain_text"]) == ("True", "Yes")
    assert (row["overreached"], row["overreached_text"]) == ("False", "No")
    assert (row["walking_text"], row["advice_text"]) == ("A bit sore", "rest (pain)")


@pytest.mark.parametrize(
    ("language", "answers", "rest"),
    [
        ("en", ("😴 Rest day", "Normal", "😴 No, nothing today"), "Rest day"),
        ("de", ("😴 Ruhetag", "Normal", "😴 Nein, heute nichts"), "Ruhetag"),
    ],
)
async def test_the_export_names_an_evenings_rest_as_a_rest_day_not_as_its_button(
    ana: Chat,
    clock: FrozenClock,
    repo: Repository,
    language: str,
    answers: tuple[str, ...],
    rest: str,
) -> None:
    """ "Did you train today too?" answered "No, nothing today": the export's readable column is
    the record's word for that day, a rest day, as the workout column names one; the button's
    "No, nothing today" read as an answer to a question the spreadsheet does not ask."""
    clock.now = datetime(2026, 1, 13, 19, 0, tzinfo=UTC)  # 20:00 in Berlin
    await onboard(ana)
    await repo.users.update(1001, clock.now, language=language)
    await check_in(ana, *answers)

    checkins_csv, *_ = await ana.send("/export")

    (row,) = csv.DictReader(io.StringIO((checkins_csv.document or b"").decode()))
    assert (row["workout"], row["workout_text"]) == ("rest", rest)
    assert (row["workout_that_day"], row["workout_that_day_text"]) == ("rest", rest)


# --- the check-in's 📊 line and /history's own evidence agree on the page (issue 13) --------


async def seed_leg_days(repo: Repository, uid: int) -> None:
    """Four leg days, each reported the next morning, and the check-in two days after each:
    moderate without a jog (a bit sore later), moderate with one (normal), heavy without
    (normal), and moderate without, followed by sharp pain."""
    cases = [
        (date(2025, 12, 20), "moderate", "rest", "a_bit_sore", False),
        (date(2025, 12, 24), "moderate", "easy_run", "normal", False),
        (date(2025, 12, 28), "heavy", "rest", "normal", False),
        (date(2026, 1, 1), "moderate", "rest", "a_bit_sore", True),
    ]
    for leg_day, intensity, next_day, walking, pain in cases:
        reported = {"workout": "leg_day", "leg_intensity": intensity, "walking": "a_bit_sore"}
        await repo.checkins.save(uid, leg_day + timedelta(days=1), reported, 7, "easy_jog", NOW)
        later: dict[str, str | bool | None] = {
            "workout": next_day,
            "walking": walking,
            "sharp_pain": pain,
        }
        verdict = "pain_rest" if pain else "as_planned"
        await repo.checkins.save(uid, leg_day + timedelta(days=2), later, 8, verdict, NOW)


async def test_the_checkins_record_line_and_the_historys_evidence_count_alike(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    clock.now = NOW
    await onboard(ana)
    await seed_leg_days(repo, 1001)

    (verdict,) = await check_in(ana, "🦵 Leg day", "Moderate", "No", "A bit sore")
    summary, _chart = await ana.send("/history")

    # Moderate leg days only, a pain day counted as walking that was not normal.
    moderate = (
        "📊 Your record: calibrating. To compare, I need 3 moderate leg days with an easy jog "
        "the day after and 3 without; so far: 1 with, 2 without."
    )
    assert moderate in (verdict.text or "")
    shown = (summary.text or "").split("\n")
    # Every intensity, pain days left out: 1 + 0 with a jog, 2 + 1 without less the pain day.
    evidence_line = next(line for line in shown if line.startswith("Your record"))
    assert "(so far: 1 with a jog, 2 without)" in evidence_line
    # Then one 📊 line, and one short line per intensity under it with the check-in's counts:
    # moderate 1 with and 2 without (the pain day among them), as its 📊 line said.
    assert shown[shown.index(evidence_line) + 1 :] == [
        "📊 How often walking was normal two days after a leg day, with and without an easy jog "
        "the day after (a day with pain counts as not normal):",
        "• Moderate leg days: 1 of 1 with, 0 of 2 without; too few to compare yet (I need 3 of "
        "each)",
        "• Heavy leg days: 0 of 0 with, 1 of 1 without; too few to compare yet (I need 3 of each)",
    ]
    assert (summary.text or "").count("📊") == 1


async def test_two_evenings_in_a_row_cite_the_same_leg_days(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """A moderate leg day told in its own evening ("did you train today too?"), after a rest
    day: that evening rests (the jog waits for the day after), so it cites no record; the next
    evening reads the leg day as yesterday's and compares moderate leg days, as /history does.
    The first evening used to cite yesterday's rest day's intensity, none: "similar", 0 and 0."""
    clock.now = NOW
    await onboard(ana)
    await seed_leg_days(repo, 1001)
    moderate = (
        "📊 Your record: calibrating. To compare, I need 3 moderate leg days with an easy jog "
        "the day after and 3 without; so far: 1 with, 2 without."
    )

    clock.now = datetime(2026, 1, 13, 19, 0, tzinfo=UTC)  # 20:00 in Berlin
    (tonight,) = await check_in(ana, "😴 Rest day", "Normal", "🦵 Leg day", "Moderate", "No")
    clock.now = datetime(2026, 1, 14, 19, 0, tzinfo=UTC)
    (next_evening,) = await check_in(ana, "A bit sore", "😴 No, nothing today")

    assert (tonight.text or "").startswith("✅ Done for today"), tonight.text
    assert [line for line in (tonight.text or "").split("\n") if "📊" in line] == []
    assert [line for line in (next_evening.text or "").split("\n") if "📊" in line] == [moderate]
    summary, _chart = await ana.send("/history")
    assert (
        "• Moderate leg days: 1 of 1 with, 0 of 2 without; too few to compare yet (I need 3 of "
        "each)" in (summary.text or "").split("\n")
    )


async def test_each_rows_verdict_follows_from_what_the_row_shows(
    ana: Chat, clock: FrozenClock
) -> None:
    """12 Jan: a heavy leg day well past the usual, so rest for all its soreness (🔥). 13 Jan:
    an easy jog in the morning after a moderate leg day, and that evening's addition, a session
    much harder than usual that day (+much harder): its rest went for that night only, so the
    day keeps the morning's verdict (newcomer: an addition turned the day's jog into "rest
    tonight"). Without the 🔥 mark both rows read "leg day / a bit sore"."""
    clock.now = datetime(2026, 1, 11, 7, 0, tzinfo=UTC)
    await onboard(ana)
    clock.now = datetime(2026, 1, 12, 7, 10, tzinfo=UTC)
    await check_in(ana, "🦵 Leg day", "Heavy", "Yes", "A bit sore")
    clock.now = datetime(2026, 1, 13, 7, 10, tzinfo=UTC)  # walking first, two days after
    (morning,) = await check_in(ana, "A bit sore", "🦵 Leg day", "Moderate", "No")
    assert (morning.text or "").startswith("🟢 Green"), morning.text
    clock.now = datetime(2026, 1, 13, 19, 10, tzinfo=UTC)
    replies = await check_in(ana, "🔥 Much harder than usual")
    assert (replies[-1].text or "").startswith(str(texts.ADDED_NOTE))
    assert "😴 Rest tonight." in (replies[-1].text or "")

    summary, _chart = await ana.send("/history")

    # The evening's own workout goes on its own line under the row, labelled as that day's;
    # the day's verdict is the morning's, which the row's answers gave.
    assert (summary.text or "").startswith(
        "<b>Since 12 Jan: 2 check-ins</b>\n<pre>"
        "day    yesterday walking    advice      session\n"
        "12 Jan leg day🔥 a bit sore rest day    -\n"
        "13 Jan leg day   a bit sore easy jog    -\n"
        "       + that day: much harder\n"
        "🔥 well past what your body is used to</pre>"
    ), summary.text


def test_the_table_marks_line_up_in_russian() -> None:
    """The marks' notes are in the user's language, and 🔥 takes two columns: the cells after
    it line up."""
    days = [
        Day(
            TODAY - timedelta(days=1),
            "leg_day",
            "a_bit_sore",
            "rest_day",
            "heavy",
            False,
            False,
            True,
        ),
        Day(
            TODAY,
            "rest",
            "a_bit_sore",
            "rest_day",
            trained_that_day="leg_day",
            that_day_overreached=True,
            tonight_only=True,
        ),
    ]
    i18n.use("ru")
    try:
        lines = table(days, [], TODAY, span=2).splitlines()
    finally:
        i18n.use(i18n.DEFAULT)
    assert lines == [
        "день    вчера       ходьба        совет            занятие",
        "12 янв. день ног🔥  немного болят отдыхать         -",
        "13 янв. день отдыха немного болят отдыхать вечером -",
        "        + в тот же день: день ног🔥",
        "🔥 нагрузка намного выше привычной для тела",
    ]


async def test_a_rest_for_tonight_is_named_so_in_the_history_the_export_and_the_summary(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """An evening check-in that told a heavy leg day well past the usual for that same day:
    "😴 Rest tonight." (rule 0), and the next morning asks again. /history, the CSV and the
    weekly summary name it so, not "rest day"; the day's own workout is on a line of its own,
    labelled, not in the "yesterday" column; with no case of evidence yet, the evidence is told
    once, with no 📊 line of 0 of 0."""
    clock.now = datetime(2026, 1, 12, 7, 0, tzinfo=UTC)
    await onboard(ana)
    clock.now = datetime(2026, 1, 13, 19, 0, tzinfo=UTC)  # 20:00 in Berlin
    (verdict,) = await check_in(
        ana, "🦵 Leg day", "Moderate", "No", "A bit sore", "🦵 Leg day", "Heavy", "Yes"
    )
    assert "😴 Rest tonight." in (verdict.text or "").split("\n"), verdict.text

    summary, _chart = await ana.send("/history")

    shown = (summary.text or "").split("\n")
    assert shown[1:5] == [
        "<pre>day    yesterday walking    advice       session",
        "13 Jan leg day   a bit sore rest tonight -",
        "       + that day: leg day🔥",
        "🔥 well past what your body is used to</pre>",
    ], summary.text
    assert "rest day" not in (summary.text or "")
    assert [line for line in shown if line.startswith("Your record") or "📊" in line] == [
        "Your record: not enough yet. I compare how walking feels two days after a leg "
        "day with and without an easy jog the day after, and need at least 3 of each (so far: "
        "0 with a jog, 0 without)."
    ]

    checkins_csv, *_others = (m.document or b"" for m in await ana.send("/export"))
    (row,) = csv.DictReader(io.StringIO(checkins_csv.decode()))
    assert (row["rule"], row["advice"], row["advice_text"]) == ("0", "rest_day", "rest tonight")
    assert (row["workout_that_day_text"], row["intensity_that_day_text"]) == ("Leg day", "Heavy")
    assert (row["overreached_that_day_text"], row["evening_text"]) == ("Yes", "Yes")

    user = await repo.users.get(1001)
    assert user is not None
    days, runs = await user_record(repo, user)
    weekly = describe_week(week(days, runs, TODAY)).split("\n")
    assert weekly[-1] == "• Advice: rest tonight ×1"  # noqa: RUF001

    (replacing, _question) = await ana.send("/checkin")
    assert replacing.text == (
        "You already checked in today: rest tonight. If you answer again, your new answers "
        "replace today's."
    )


def test_the_weekly_summary_counts_rests_tonight_beside_rest_days() -> None:
    days = [
        Day(TODAY - timedelta(days=2), "leg_day", "normal", "easy_jog"),
        Day(TODAY - timedelta(days=1), "hard_session", "normal", "rest_day"),
        Day(TODAY, "rest", "normal", "rest_day", trained_that_day="easy_run", tonight_only=True),
    ]

    said = describe_week(week(days, [], TODAY)).split("\n")[-1]

    assert said == "• Advice: rest day ×1; rest tonight ×1; easy jog ×1"  # noqa: RUF001


def test_german_records_call_a_rested_day_ruhetag_and_a_rest_verdict_ausruhen() -> None:
    """In German the table's workout column read "Ruhe" for the button "😴 Ruhetag" beside
    the rest verdict "ausruhen" and "abends ruhen", and "härter" for "🔥 Viel härter als
    sonst": one word for each meaning, and the hard session as its button says it."""
    from tests.conversations.test_languages import speaking  # it imports this module

    days = [
        Day(TODAY - timedelta(days=3), "rest", "normal", "as_planned"),
        Day(TODAY - timedelta(days=2), "hard_session", "normal", "rest_day"),
        Day(
            TODAY - timedelta(days=1),
            "rest",
            "normal",
            "rest_day",
            trained_that_day="hard_session",
            tonight_only=True,
        ),
        Day(TODAY, "rest", "a_bit_sore", "pain_rest", pain=True),
    ]

    with speaking("de"):
        rows = table(days, [], TODAY).splitlines()
        summary = describe_week(week(days, [], TODAY))

    assert [" ".join(row.split()) for row in rows[1:6]] == [
        "10. Jan. Ruhetag normal wie geplant -",
        "11. Jan. viel härter normal ausruhen -",
        "12. Jan. Ruhetag normal abends ausruhen -",
        "+ am selben Tag: viel härter",
        "13. Jan. Ruhetag Schmerz ausruhen (Schmerz) -",
    ]
    assert summary.split("\n")[-1] == (
        "• Empfehlungen: ausruhen (Schmerz) ×1; ausruhen ×1; abends ausruhen ×1; "  # noqa: RUF001
        "wie geplant ×1"  # noqa: RUF001
    )
    assert set(re.findall(r"\w*ruh\w*", "\n".join([*rows, summary]), re.IGNORECASE)) == {
        "Ruhetag",
        "ausruhen",
    }


def test_the_weekly_summary_counts_a_plan_kept_gently_apart_as_the_history_names_it() -> None:
    """Rule 8 on a bit sore or stiff legs is "as planned, gently" in the check-in and in
    /history; the week's summary counted it among the green "as planned" (newcomer)."""
    days = [
        Day(TODAY - timedelta(days=3), "rest", "normal", "as_planned"),
        Day(TODAY - timedelta(days=2), "other", "a_bit_sore", "as_planned"),
        Day(TODAY - timedelta(days=1), "hard_session", "normal", "rest_day"),
        Day(TODAY, "easy_run", "stiff_sore", "as_planned"),
    ]

    figures = week(days, [], TODAY)
    rows = table(days, [], TODAY).splitlines()

    assert (figures.verdicts, figures.planned_gently) == (
        (("rest_day", 1), ("as_planned", 1)),
        2,
    )
    assert describe_week(figures).split("\n")[-1] == (
        "• Advice: rest day ×1; as planned ×1; as planned, gently ×2"  # noqa: RUF001
    )
    assert [" ".join(row.split()[2:]) for row in rows[-4:]] == [
        "rest normal as planned -",
        "other a bit sore as planned, gently -",
        "much harder normal rest day -",
        "easy run stiff as planned, gently -",
    ]
    with i18n.one_update():
        i18n.use("de")
        german = describe_week(figures).split("\n")[-1]
    assert german == (
        "• Empfehlungen: ausruhen ×1; wie geplant ×1; wie geplant, aber locker ×2"  # noqa: RUF001
    )


def test_a_rest_for_one_evening_is_named_rest_tonight_in_every_language() -> None:
    """Rule 0, any rest of an evening that told a workout for that day too (Scope.TONIGHT),
    whatever the workout, and rule 3's rest day given in the evening of that day (its headline
    said "😴 Rest tonight.", coach.advice.RULES_FOR_TONIGHT): a rest day otherwise."""
    assert for_tonight_only(False, None, rule=0)
    assert for_tonight_only(True, "easy_run", rule=3)
    assert for_tonight_only(True, "other")
    assert for_tonight_only(True, "rest", rule=3)
    assert not for_tonight_only(False, "leg_day", rule=3)
    assert not for_tonight_only(False, "rest", rule=3)
    assert not for_tonight_only(True, None)
    assert not for_tonight_only(True, "rest", rule=8)
    names = {}
    for language in i18n.LANGUAGES:
        i18n.use(language)
        try:
            names[language] = verdict_name("rest_day", "normal", tonight=True)
            assert names[language] != verdict_name("rest_day", "normal")
        finally:
            i18n.use(i18n.DEFAULT)
    assert names == {
        "en": "rest tonight",
        "de": "abends ausruhen",
        "ru": "отдыхать вечером",
        "es": "descansar esta noche",
    }


async def test_the_export_says_each_check_in_answer_and_a_cancelled_session_in_words(
    ana: Chat, clock: FrozenClock, repo: Repository
) -> None:
    """The CSV headers as the spec, each code with its words beside it; a cancelled session's
    row is there, so it is "cancelled", with the minutes run if any; one stopped before a minute
    of it was done says so, as the chat did, not "cancelled" (the routine has no warm-up)."""
    clock.now = NOW
    await onboard(ana)
    started = NOW - timedelta(hours=2)
    ended = [
        ("jog", started + timedelta(minutes=9), None),  # "Cancel" 4 minutes into the run
        ("jog", started + timedelta(minutes=9), 7),  # an older row, with its minutes
        ("jog", started + timedelta(minutes=3), None),
        ("jog", started + WARM_UP + timedelta(seconds=50), None),
        ("routine", started + timedelta(seconds=40), None),
        ("routine", started + timedelta(minutes=6), None),  # "Cancel" after 6 minutes
    ]
    for kind, end, minutes in ended:
        warm_up = WARM_UP if kind == "jog" else timedelta(0)
        jog = await repo.jogs.start(1001, kind, 15, started, warm_up)
        await repo.jogs.end(jog.id, JogStatus.CANCELLED, end, minutes)

    checkins_csv, jogs_csv, *_others = (m.document or b"" for m in await ana.send("/export"))

    assert checkins_csv.decode().split("\r\n")[0] == (
        "local_date,workout,workout_text,also_workout,also_workout_text,leg_intensity,"
        "leg_intensity_text,overreached,"
        "overreached_text,walking,walking_text,sharp_pain,sharp_pain_text,leg_day_before_rest,"
        "leg_day_before_rest_text,rule,advice,advice_text,workout_that_day,workout_that_day_text,intensity_that_day,"
        "intensity_that_day_text,overreached_that_day,overreached_that_day_text,evening,"
        "evening_text,created_at,updated_at"
    )
    jogs = list(csv.DictReader(io.StringIO(jogs_csv.decode())))
    assert [(row["kind"], row["actual_minutes"], row["status_text"]) for row in jogs] == [
        ("jog", "", "cancelled"),
        ("jog", "7", "cancelled after 7 minutes"),
        ("jog", "", "stopped during the warm-up"),
        ("jog", "", "stopped after under a minute"),
        ("routine", "", "stopped after under a minute"),
        ("routine", "", "cancelled"),
    ]
    assert {row["status"] for row in jogs} == {"cancelled"}


def test_the_weekly_summary_counts_easy_runs_told_but_not_timed_apart() -> None:
    """An easy run told in a check-in (yesterday's workout, or that day's in its evening) and
    not timed is counted on a line of its own: "Easy jogs: 0" beside a week of runs the user
    told read as if they were lost (newcomer 13). A run both timed and told is the timer's,
    and a run of the week before is not this week's."""
    days = [
        Day(TODAY - timedelta(days=8), "easy_run", "normal", "as_planned"),  # ran the week before
        Day(TODAY - timedelta(days=3), "easy_run", "normal", "as_planned"),  # told only
        Day(TODAY - timedelta(days=2), "easy_run", "normal", "as_planned"),  # timed too
        Day(TODAY - timedelta(days=1), "rest", "normal", "as_planned", trained_that_day="easy_run"),
    ]
    timed = [Run(TODAY - timedelta(days=3), 15, True)]

    figures = week(days, timed, TODAY)
    lines = describe_week(figures).split("\n")

    assert (figures.jogs, figures.told_runs) == (1, 2)
    assert lines[2:4] == [
        "• Easy jogs: 1 (15 minutes)",
        "• Easy runs you told me about, without my timer: 2",
    ]
    untold = describe_week(week(days[:1], timed, TODAY))
    assert "told me about" not in untold


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Your record:"), ("de", "Dein Verlauf:"), ("es", None), ("ru", None)],
)
def test_the_users_record_has_one_name_wherever_it_is_shown(
    language: str, name: str | None
) -> None:
    """Newcomer 13 found three names for one comparison: "📊 Your record: calibrating" under a
    verdict, "Your own evidence" in /history and the weekly summary, and the German Mini App's
    "Dein Verlauf". Each now opens with the Mini App's title, in every language (the check-in's
    line after its 📊, which marks the counts /history repeats under its own 📊 line)."""
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking(language):
        title = f"{RECORD_TITLE}:"
        said = [
            describe_evidence(Evidence((0,), (1, 2))),
            describe_evidence(Evidence((0, 0, 1), (1, 2, 2))),
            describe_baseline(Baseline("heavy", (1, 2), (0, 1))),
            describe_baseline(Baseline("heavy", (4, 5), (1, 3))),
        ]
    assert name is None or title == name
    for line in said:
        assert line.removeprefix("📊 ").startswith(title), (title, line)


def test_the_weekly_summary_names_easy_runs_from_files_apart_from_runs_told() -> None:
    """A check-in's easy run that an activity file gave (said, not asked) is the file's, on a
    line of its own: "runs you told me about" counted a GPX run (newcomer 13)."""
    days = [
        Day(TODAY - timedelta(days=3), "easy_run", "normal", "as_planned"),  # told
        Day(TODAY - timedelta(days=1), "easy_run", "normal", "as_planned"),  # from a file
    ]

    figures = week(days, [], TODAY, file_run_days=[TODAY - timedelta(days=2)])
    lines = describe_week(figures).split("\n")

    assert (figures.told_runs, figures.file_runs) == (1, 1)
    assert lines[2:5] == [
        "• Easy jogs: 0 (0 minutes)",
        "• Easy runs you told me about, without my timer: 1",
        "• Easy runs from your activity files: 1",
    ]
    only_files = describe_week(week(days[1:], [], TODAY, [TODAY - timedelta(days=2)]))
    assert "told me about" not in only_files
    from tests.conversations.test_languages import speaking  # it imports this module

    with speaking("de"):
        german = describe_week(figures).split("\n")
    assert german[3:5] == [
        "• Lockere Läufe ohne meinen Timer, von dir angegeben: 1",
        "• Lockere Läufe aus deinen Aktivitätsdateien: 1",
    ]


async def test_the_weekly_push_counts_a_run_from_a_file_as_the_files(
    ana: Chat, clock: FrozenClock
) -> None:
    """End to end: a GPX run said at the next check-in, and a run told at the one after."""
    berlin = ZoneInfo("Europe/Berlin")
    clock.now = datetime(2026, 1, 13, 7, 45, tzinfo=berlin).astimezone(UTC)
    await onboard(ana)
    await check_in(ana, "😴 Rest day", "Normal")
    clock.now = datetime(2026, 1, 13, 20, 0, tzinfo=berlin).astimezone(UTC)
    run = gpx_file(datetime(2026, 1, 13, 18, 0, tzinfo=berlin), seconds=1800, metres=5000)
    await ana.send_file("run.gpx", run)
    clock.now = datetime(2026, 1, 14, 7, 45, tzinfo=berlin).astimezone(UTC)
    said, question = await ana.send("/checkin")
    assert (said.text or "").startswith("From your file: 🏃 Run, yesterday 18:00: 5.0 km")
    await ana.press("Normal", question)
    clock.now = datetime(2026, 1, 15, 7, 45, tzinfo=berlin).astimezone(UTC)
    await check_in(ana, "🏃 Easy run", "Normal")

    clock.now = datetime(2026, 1, 18, 19, 0, tzinfo=berlin).astimezone(UTC)
    while await tick(ana.app):
        pass

    (summary,) = [m for m in ana.history if (m.text or "").startswith("Your week in review")]
    lines = (summary.text or "").split("\n")
    assert "• Easy runs you told me about, without my timer: 1" in lines
    assert "• Easy runs from your activity files: 1" in lines
