"""Where "now" comes from: injected so tests can set the day and the hour without sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Clock = Callable[[], datetime]

TICK_SECONDS = 5.0


def system_clock() -> datetime:
    return datetime.now(UTC)


def running_clock(speed: float = 1.0, start: datetime | None = None) -> Clock:
    """Time that begins at `start` (aware; default: the real now) and runs `speed` times
    faster than the real one: lets a console user watch a 20-minute jog timer, or tomorrow's
    push, arrive in seconds, and lets an end-to-end test start a real process at 23:30 UTC or
    on a DST change day whatever the hour it runs at."""
    real_start = system_clock()
    origin = real_start if start is None else start.astimezone(UTC)

    def now() -> datetime:
        return origin + (system_clock() - real_start) * speed

    return now


def clock_for(speed: float, start: datetime | None = None) -> dict[str, Any]:
    """Application arguments for a clock at this speed and start: the scheduler ticks
    proportionally, so a push is as late in the bot's time as it would be at speed 1."""
    if speed == 1 and start is None:
        return {"clock": system_clock, "tick_seconds": TICK_SECONDS}
    return {"clock": running_clock(speed, start), "tick_seconds": max(0.2, TICK_SECONDS / speed)}
