"""A database file made read-only, as an operator's mistake or a remount would leave it."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` read-only for this process while inside: by its mode, or, for root (whom modes
    do not stop), by the file system's immutable flag."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: cannot make it read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
