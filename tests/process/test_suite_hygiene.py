"""The suite itself: a process a test starts never outlives the run, whatever the test did."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import RUN_MARK

ROOT = Path(__file__).resolve().parents[2]

LEAKY = """
import subprocess, sys

def test_starts_a_process_and_forgets_it():
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
"""

TIDY = """
import subprocess, sys

def test_starts_a_process_and_waits_for_it():
    subprocess.run([sys.executable, "-c", "pass"], check=True)
"""


def run_suite(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    test = tmp_path / "test_inner.py"
    test.write_text(source)
    env = {k: v for k, v in os.environ.items() if k != RUN_MARK}  # a run of its own
    plugins = ["-p", "tests.conftest", "-p", "no:cacheprovider"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *plugins, "--rootdir", str(tmp_path), str(test)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_run_that_leaves_a_process_running_fails_and_ends_it(tmp_path: Path) -> None:
    result = run_suite(tmp_path, LEAKY)

    assert result.returncode == 1, result.stdout
    assert "1 passed" in result.stdout  # the test itself passed: the run fails all the same
    assert "processes started by the suite were still running:" in result.stdout
    (line,) = [x for x in result.stdout.splitlines() if "time.sleep(120)" in x]
    pid = int(line.split(":")[0])
    assert (
        not Path(f"/proc/{pid}").exists()
        or b"State:\tZ" in Path(f"/proc/{pid}/status").read_bytes()
    )


def test_a_run_whose_processes_all_ended_passes(tmp_path: Path) -> None:
    result = run_suite(tmp_path, TIDY)

    assert result.returncode == 0, result.stdout
    assert "still running" not in result.stdout
