"""`python -m bench [--quick] [--json]`: throughput, morning fan-out, send rate and start-up.

Every part runs in a fresh process (its peak memory is its own) on data it generates itself.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FULL = {
    "checkin_users": 300,
    "echo_updates": 2000,
    "fanout_users": 100_000,
    "send_users": 600,
    "calm_messages": 200,
    "history_users": 10,
}
QUICK = {
    "checkin_users": 10,
    "echo_updates": 100,
    "fanout_users": 2_000,
    "send_users": 60,
    "calm_messages": 20,
    "history_users": 2,
}
SEND_LIMIT = 30.0  # Telegram's overall limit, messages per second


def _part(name: str, *args: str) -> dict[str, Any]:
    """Run one part in a child process and read the JSON line it prints; `process_s` is the
    child's whole life, interpreter start and imports included."""
    begin = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--part", name, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    found = dict(json.loads(result.stdout.strip().splitlines()[-1]))
    found["process_s"] = time.perf_counter() - begin
    return found


def _run_part(name: str, args: list[str]) -> dict[str, Any]:
    from bench import parts

    if name == "seed":
        parts.seed(Path(args[0]), int(args[1]))
        return {}
    if name == "fanout":
        return parts.fanout(Path(args[0]))
    if name == "startup":
        return parts.startup(Path(args[0]))
    if name == "checkins":
        return parts.checkins(Path(args[0]), int(args[1]))
    if name == "echo":
        return parts.echo(int(args[0]), int(args[1]) if len(args) > 1 else 1)
    if name == "send":
        return parts.send_rate(Path(args[0]), int(args[1]), float(args[2]))
    if name == "flood":
        from bench import field

        return field.flood(Path(args[0]), int(args[1]))
    if name == "histories":
        from bench import field

        return field.histories(Path(args[0]), int(args[1]))
    if name == "activities":
        from bench import activities

        return activities.activities()
    raise SystemExit(f"unknown part {name}")


def _floor(result: dict[str, Any], updates: int) -> dict[str, Any]:
    """The least CPU a check-in update could cost with the Bot API calls it makes: PTB's
    dispatch plus that many calls, with no database and no logic at all; and how far above
    it the check-in is (`checkin_cpu_vs_floor`, target at most 2.0). The floor also caps the
    check-in/echo ratio any code could reach."""
    silent = _part("echo", str(updates), "0")["echo_cpu_ms_per_update"]
    twice = _part("echo", str(updates), "2")["echo_cpu_ms_per_update"]
    call = (twice - silent) / 2
    floor = silent + result["checkin_bot_api_calls_per_update"] * call
    return {
        "dispatch_cpu_ms": silent,
        "bot_api_call_cpu_ms": call,
        "checkin_cpu_ms_floor": floor,
        "checkin_cpu_vs_floor": result["checkin_cpu_ms_per_update"] / floor,
        "checkin_to_echo_cpu_ratio_ceiling": result["echo_cpu_ms_per_update"] / floor,
    }


def run(sizes: dict[str, int]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        n = sizes["fanout_users"]
        result: dict[str, Any] = {"sizes": sizes}
        result.update(_part("checkins", str(tmp / "checkins.db"), str(sizes["checkin_users"])))
        result.update(_part("echo", str(sizes["echo_updates"])))
        result["checkin_to_echo_ratio"] = (
            result["checkin_updates_per_s"] / result["echo_updates_per_s"]
        )
        result["checkin_to_echo_cpu_ratio"] = (
            result["echo_cpu_ms_per_update"] / result["checkin_cpu_ms_per_update"]
        )
        result.update(_floor(result, sizes["echo_updates"]))
        _part("seed", str(tmp / "empty.db"), "0")
        empty = _part("startup", str(tmp / "empty.db"))
        _part("seed", str(tmp / "many.db"), str(n))
        many = _part("startup", str(tmp / "many.db"))
        result.update(
            startup_s_empty=empty["process_s"],
            startup_rss_mb_empty=empty["startup_rss_mb"],
            startup_s_100k=many["process_s"],
            startup_rss_mb_100k=many["startup_rss_mb"],
            startup_ready_s_100k=many["startup_s"],
        )
        fan = _part("fanout", str(tmp / "many.db"))
        result.update(
            fanout_100k_queue_s=fan["fanout_queue_s"],
            fanout_100k_rss_mb=fan["fanout_rss_mb"],
            fanout_queued=fan["queued"],
        )
        _part("seed", str(tmp / "send.db"), str(sizes["send_users"]))
        result.update(
            _part("send", str(tmp / "send.db"), str(sizes["send_users"]), str(SEND_LIMIT))
        )
        result.update(_part("flood", str(tmp / "flood.db"), str(sizes["calm_messages"])))
        result.update(_part("histories", str(tmp / "history.db"), str(sizes["history_users"])))
        result.update(_part("activities"))
        return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.part:
        print(json.dumps(_run_part(options.part, options.args)))
        return
    result = run(QUICK if options.quick else FULL)
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")


main()
