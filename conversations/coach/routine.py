"""The strength and mobility routine of rule 2 (walking is hard), move by move.

Rule 2 of shared/recovery-rules.md: when walking is hard, no running, not even light cardio, and
no static stretching; a strength routine plus a mobility routine instead, loosening tight areas
without aggravating them. So every move here is either light strength work or mobility moved
gently through its range, never held at the end of it, and nothing leaves the ground. The
strength part comes first and the mobility part after it, as the verdict's own steps say
("a gentle strength routine, then a mobility routine").

Pure data and arithmetic, no I/O: the guided timer (conversations.jog) shows one move per cue,
each at the moment `move_times` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from conversations.i18n import N_, Text


class MoveKind(StrEnum):
    """What a move does to tired legs; rule 2 rules three of these out (`RULED_OUT`)."""

    STRENGTH = "strength"  # slow, light, bodyweight
    MOBILITY = "mobility"  # moved gently through its range, never held at the end of it
    STATIC_STRETCH = "static_stretch"  # a position held at the end of its range
    RUNNING = "running"
    CARDIO = "cardio"  # a workout for heart and lungs (skipping, a hard ride)


# The guided routine's timer session (storage.models.JogSession.kind).
SESSION_KIND = "routine"

# Rule 2: "no running, not even light cardio, no static stretching".
RULED_OUT = frozenset({MoveKind.STATIC_STRETCH, MoveKind.RUNNING, MoveKind.CARDIO})


@dataclass(frozen=True)
class Move:
    """One move: `reps` per set (per side when `per_side`), `sets` of them, and the `seconds`
    the guided timer gives it, rests included. `impact`: the feet leave the ground."""

    key: str  # stable, language-neutral
    kind: MoveKind
    name: Text
    how: Text  # one line: how to do it gently
    sets: int
    reps: int
    seconds: int
    per_side: bool = False
    impact: bool = False


def allowed_when_walking_is_hard(move: Move) -> bool:
    """Rule 2's test for a move: not of a kind it rules out, and no impact (a jump or a hop
    pounds tight muscles as running does)."""
    return move.kind not in RULED_OUT and not move.impact


ROUTINE: tuple[Move, ...] = (
    Move(
        "box_squat",
        MoveKind.STRENGTH,
        N_("Box squats to a chair"),
        N_(
            "Sit back until you just touch the chair, then stand up again; go only as deep as "
            "feels fine."
        ),
        sets=2,
        reps=8,
        seconds=120,
    ),
    Move(
        "calf_raise",
        MoveKind.STRENGTH,
        N_("Calf raises"),
        N_("One hand on a wall, rise slowly onto your toes and lower yourself just as slowly."),
        sets=2,
        reps=12,
        seconds=60,
    ),
    Move(
        "glute_bridge",
        MoveKind.STRENGTH,
        N_("Glute bridges"),
        N_(
            "Lie on your back, knees bent, and squeeze your glutes to lift your hips; "
            "lower them slowly."
        ),
        sets=2,
        reps=10,
        seconds=90,
    ),
    Move(
        "dead_bug",
        MoveKind.STRENGTH,
        N_("Dead bug"),
        N_(
            "On your back, arms up and knees bent above your hips: slowly lower one arm and the "
            "opposite leg, keeping your lower back on the floor."
        ),
        sets=2,
        reps=6,
        seconds=90,
        per_side=True,
    ),
    Move(
        "cat_cow",
        MoveKind.MOBILITY,
        N_("Cat-cow"),
        N_(
            "On hands and knees, round your back up, then let it sag gently, in time with your "
            "breath."
        ),
        sets=1,
        reps=8,
        seconds=60,
    ),
    Move(
        "hip_circles",
        MoveKind.MOBILITY,
        N_("Hip circles"),
        N_(
            "Standing, hands on your hips, draw slow, wide circles with your hips, half of them "
            "one way and half the other."
        ),
        sets=1,
        reps=10,
        seconds=60,
    ),
    Move(
        "leg_swings",
        MoveKind.MOBILITY,
        N_("Leg swings"),
        N_(
            "Holding a wall, swing one leg forward and back, small and relaxed at first; let "
            "the swing grow only as far as it feels easy."
        ),
        sets=1,
        reps=10,
        seconds=60,
        per_side=True,
    ),
    Move(
        "ankle_circles",
        MoveKind.MOBILITY,
        N_("Ankle circles"),
        N_("Seated or holding a wall, lift one foot and draw slow circles with your toes."),
        sets=1,
        reps=10,
        seconds=60,
        per_side=True,
    ),
)


def total_seconds(moves: tuple[Move, ...] = ROUTINE) -> int:
    return sum(move.seconds for move in moves)


# The guided routine is stored as a timer session of whole minutes (storage.models.JogSession).
ROUTINE_MINUTES = total_seconds() // 60
if total_seconds() % 60:
    raise ValueError("the routine's moves must add up to whole minutes")


class TimedRoutine(Protocol):
    """When a routine session started (a stored session is one)."""

    @property
    def run_started_at(self) -> datetime: ...


def move_times(session: TimedRoutine, moves: tuple[Move, ...] = ROUTINE) -> dict[str, datetime]:
    """The guided routine's cues after the first move (shown when it starts): "move2" ... as
    each move begins, then "done" when the last one ends."""
    times: dict[str, datetime] = {}
    at = session.run_started_at
    for number, move in enumerate(moves, start=1):
        if number > 1:
            times[f"move{number}"] = at
        at += timedelta(seconds=move.seconds)
    times["done"] = at
    return times


def move_of_cue(cue: str, moves: tuple[Move, ...] = ROUTINE) -> int | None:
    """The number (from 1) of the move a cue starts; None for any other cue."""
    if not cue.startswith("move") or not cue[4:].isdigit():
        return None
    number = int(cue[4:])
    return number if 1 <= number <= len(moves) else None
