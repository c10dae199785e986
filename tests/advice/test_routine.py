"""The routine of rule 2 (walking is hard) as data: what it holds, when each move comes, and
how a finished one counts in the record."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from conversations.coach.history import (
    Day,
    Run,
    cross_days,
    describe_week,
    jog_days,
    session_load,
    table,
    week,
)
from conversations.coach.routine import (
    ROUTINE,
    ROUTINE_MINUTES,
    RULED_OUT,
    MoveKind,
    allowed_when_walking_is_hard,
    move_of_cue,
    move_times,
    total_seconds,
)

START = datetime(2026, 1, 13, 7, 0, tzinfo=UTC)


def test_every_move_is_light_strength_or_gentle_mobility_and_none_is_ruled_out() -> None:
    """Rule 2: no running, not even light cardio, no static stretching."""
    assert ROUTINE
    for move in ROUTINE:
        assert move.kind in {MoveKind.STRENGTH, MoveKind.MOBILITY}, move.key
        assert move.kind not in RULED_OUT, move.key
        assert not move.impact, move.key
        assert allowed_when_walking_is_hard(move), move.key


def test_rule_2_rules_out_running_cardio_static_stretches_and_impact() -> None:
    bridge = ROUTINE[0]
    for kind in (MoveKind.RUNNING, MoveKind.CARDIO, MoveKind.STATIC_STRETCH):
        assert not allowed_when_walking_is_hard(replace(bridge, kind=kind))
    assert not allowed_when_walking_is_hard(replace(bridge, impact=True))  # jump squats
    assert allowed_when_walking_is_hard(replace(bridge, kind=MoveKind.MOBILITY))


def test_both_parts_strength_first_then_mobility_as_the_verdict_says() -> None:
    kinds = [move.kind for move in ROUTINE]
    first_mobility = kinds.index(MoveKind.MOBILITY)
    assert first_mobility >= 3  # a few of each
    assert len(kinds) - first_mobility >= 3
    assert set(kinds[:first_mobility]) == {MoveKind.STRENGTH}
    assert set(kinds[first_mobility:]) == {MoveKind.MOBILITY}


def test_the_named_moves_are_there_each_with_reps_and_time() -> None:
    keys = {move.key for move in ROUTINE}
    assert {"glute_bridge", "box_squat", "calf_raise", "dead_bug"} <= keys
    assert {"leg_swings", "hip_circles", "cat_cow", "ankle_circles"} <= keys
    assert len(keys) == len(ROUTINE)
    for move in ROUTINE:
        assert move.reps > 0 and move.sets > 0 and move.seconds >= 30, move.key
        assert str(move.how).strip(), move.key


def test_the_routine_is_short_whole_minutes() -> None:
    assert 8 * 60 <= total_seconds() <= 12 * 60
    assert total_seconds() == ROUTINE_MINUTES * 60


def test_each_move_after_the_first_is_cued_as_the_one_before_ends() -> None:
    times = move_times(SimpleNamespace(run_started_at=START))

    assert list(times) == [f"move{n}" for n in range(2, len(ROUTINE) + 1)] + ["done"]
    assert times["move2"] == START + timedelta(seconds=ROUTINE[0].seconds)
    assert times["done"] == START + timedelta(minutes=ROUTINE_MINUTES)
    moments = list(times.values())
    assert moments == sorted(moments)
    for cue in times:
        if cue != "done":
            number = move_of_cue(cue)
            assert number is not None
            assert times[cue] == START + timedelta(
                seconds=sum(m.seconds for m in ROUTINE[: number - 1])
            )


def test_only_move_cues_of_the_routine_name_a_move() -> None:
    assert move_of_cue("move1") == 1
    assert move_of_cue(f"move{len(ROUTINE)}") == len(ROUTINE)
    for cue in ("done", "go", "halfway", "move0", f"move{len(ROUTINE) + 1}", "move", "movex"):
        assert move_of_cue(cue) is None


# --- the routine in the record ---------------------------------------------------------------

DAY = date(2026, 1, 13)


def leg_day_record(kind: str) -> tuple[list[Day], list[Run]]:
    """A heavy leg day on the 12th, a session of `kind` on the 13th, walking normal on the
    14th: one case for the baseline, "with a jog" only if the session was a run."""
    days = [
        Day(DAY, "leg_day", "hard", "strength_mobility", "heavy"),
        Day(DAY + timedelta(days=1), "rest", "a_bit_sore", "as_planned"),
        Day(DAY + timedelta(days=2), "rest", "normal", "as_planned"),
    ]
    return days, [Run(DAY, ROUTINE_MINUTES, True, None, kind)]


def test_a_routine_is_neither_a_jog_nor_cross_training_in_the_record() -> None:
    days, runs = leg_day_record("routine")
    (routine,) = runs

    assert jog_days(runs) == [] and cross_days(runs) == []
    assert session_load(routine) == 0  # not the running load the weekly summary flags
    figures = week(days, runs, DAY + timedelta(days=2))
    assert (figures.jogs, figures.cross, figures.load) == (0, 0, 0)
    assert (figures.routines, figures.routine_minutes) == (1, ROUTINE_MINUTES)
    assert "• Strength and mobility: 1 (10 minutes)" in describe_week(figures).splitlines()
    assert f"🧘{ROUTINE_MINUTES}'" in table(days, runs, DAY + timedelta(days=2))
    assert "🚲" not in table(days, runs, DAY + timedelta(days=2))


def test_the_same_record_with_a_run_or_cross_training_counts_them_as_before() -> None:
    days, runs = leg_day_record("jog")
    assert jog_days(runs) == [DAY]
    assert "• Strength and mobility" not in describe_week(week(days, runs, DAY))
    _, crossed = leg_day_record("cross")
    assert cross_days(crossed) == [DAY]
    assert f"🚲{ROUTINE_MINUTES}'" in table(days, crossed, DAY + timedelta(days=2))
