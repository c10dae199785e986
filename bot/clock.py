"""Where "now" comes from: injected so tests can set the day and the hour without sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fast_clock(speed: float) -> Clock:
    """Time that runs `speed` times faster from now on: lets a console user watch a 20-minute
    jog timer, or tomorrow's push, arrive in seconds."""
    start = system_clock()

    def now() -> datetime:
        return start + (system_clock() - start) * speed

    return now


def clock_for(speed: float) -> dict[str, Any]:
    """Application arguments for a clock at this speed: the scheduler ticks proportionally."""
    if speed == 1:
        return {"clock": system_clock, "tick_seconds": 5.0}
    return {"clock": fast_clock(speed), "tick_seconds": max(0.2, 5.0 / speed)}
