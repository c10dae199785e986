"""`activity_parse_ms_1h` (issue 15): a one-hour run recorded every second (3,600 points) read
from FIT, TCX and GPX; and how long the event loop stalls while a worker reads them.

The files are written here (FIT with fit-tool, a development dependency, as in the tests); the
writing is not timed.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

from conversations.activity_files import parse, read_in_worker
from tests.activity_files import LapSpec, fit_file, gpx_file, tcx_file

START = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
POINTS = 3600
ROUNDS = 3  # the best of three: the figure is the parser's, not the machine's other load


def files() -> dict[str, tuple[str, bytes]]:
    return {
        "fit": ("run.fit", fit_file(START, seconds=POINTS, records_every=1.0)),
        "tcx": (
            "run.tcx",
            tcx_file(START, laps=[LapSpec(POINTS, 10_000)], points_per_lap=POINTS).encode(),
        ),
        "gpx": ("run.gpx", gpx_file(START, seconds=POINTS, points=POINTS, heart_rate=150).encode()),
    }


async def _stall_while(name: str, data: bytes) -> float:
    """The longest the loop went without running a 1 ms ticker while the worker parsed."""
    worst = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            worst = max(worst, now - last - 0.001)
            last = now

    task = asyncio.create_task(ticker())
    await read_in_worker(name, data)
    done.set()
    await task
    return worst * 1000


def activities() -> dict[str, Any]:
    result: dict[str, Any] = {}
    stalls = []
    for kind, (name, data) in files().items():
        best = float("inf")
        for _ in range(ROUNDS):
            begin = time.perf_counter()
            parse(name, data)
            best = min(best, time.perf_counter() - begin)
        result[f"activity_parse_ms_1h_{kind}"] = best * 1000
        result[f"activity_file_kb_1h_{kind}"] = len(data) / 1024
        stalls.append(asyncio.run(_stall_while(name, data)))
    result["activity_parse_ms_1h"] = max(
        result[f"activity_parse_ms_1h_{kind}"] for kind in ("fit", "tcx", "gpx")
    )
    result["activity_parse_event_loop_stall_ms"] = max(stalls)
    return result
