"""The benchmark runs end to end at its small size (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "checkin_updates_per_s",
    "checkin_p99_ms",
    "echo_updates_per_s",
    "fanout_100k_queue_s",
    "fanout_100k_rss_mb",
    "send_rate_ratio",
    "fanout_lost",
    "fanout_duplicates",
    "startup_s_100k",
    "startup_rss_mb_100k",
    "bot_api_call_cpu_ms",
    "checkin_to_echo_cpu_ratio_ceiling",
    "flood_other_user_p99_ms",
    "calm_other_user_p99_ms",
    "history_event_loop_block_ms",
    "checkin_cpu_vs_floor",
    "webapp_history_p99_ms",
    "webapp_event_loop_block_ms",
    "webapp_event_loop_turn_own_ms",
    "webapp_server_p99_ms",
    "webapp_server_cpu_ms_per_request",
    "webapp_floor_p99_ms",
    "webapp_floor_server_p99_ms",
    "history_event_loop_turn_own_ms",
    "history_all_answered_ms",
    "checkin_cpu_ms_floor",
    "checkin_statements_per_update",
    "checkin_commits_per_update",
    "activity_parse_ms_1h",
    "activity_parse_event_loop_stall_ms",
}


def test_quick_benchmark_prints_every_figure_and_loses_no_push() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= KEYS
    assert figures["fanout_lost"] == 0 and figures["fanout_duplicates"] == 0
    assert figures["fanout_queued"] == figures["sizes"]["fanout_users"]
    assert figures["checkin_updates"] == 5 * figures["sizes"]["checkin_users"]
    # /checkin sends one message; each of the four taps (pain is an answer of the walking
    # question) is answered, its question frozen and the next one (or the advice) sent.
    assert figures["checkin_bot_api_calls_per_update"] == (1 + 4 * 3) / 5
    # The floor is the same calls made again by a bare bot: all of them, none refused.
    assert figures["replayed_calls_per_update"] == figures["checkin_bot_api_calls_per_update"]
    assert figures["replay_failed_calls"] == 0
