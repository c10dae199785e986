"""`legday-bot console` prints the Mini App's local address with freshly signed initData, so a
newcomer can open their record in a browser without Telegram."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.remote import MIDDAY, bot_env

LINK = re.compile(r"in a browser here: (http://127\.0\.0\.1:\d+/app#\S+)")


def test_the_console_prints_a_link_that_opens_the_users_record(tmp_path: Path) -> None:
    console = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        cwd=tmp_path,
        env=bot_env(tmp_path, MIDDAY),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert console.stdout is not None and console.stdin is not None
        seen: list[str] = []
        deadline = time.monotonic() + 60
        found = None
        while found is None and time.monotonic() < deadline:
            line = console.stdout.readline()
            assert line, "".join(seen)  # the console ended before printing the link
            seen.append(line)
            found = LINK.search(line)
        assert found is not None, "".join(seen)
        url = found.group(1)
        parts = urlsplit(url)
        init_data = parse_qs(parts.fragment)["tgWebAppData"][0]
        base = f"{parts.scheme}://{parts.netloc}"
        page = httpx.get(f"{base}/app")
        assert page.status_code == 200 and "app/static/app.js" in page.text
        answer = httpx.get(f"{base}/app/api/history", headers={"Authorization": f"tma {init_data}"})
        assert answer.status_code == 200
        assert answer.json()["empty"] is True  # a newcomer: nothing checked in yet
        forged = init_data.replace("auth_date=", "auth_date=1")
        assert (
            httpx.get(
                f"{base}/app/api/history", headers={"Authorization": f"tma {forged}"}
            ).status_code
            == 401
        )
        console.stdin.write("/quit\n")
        console.stdin.flush()
        assert console.wait(timeout=30) == 0
    finally:
        if console.poll() is None:
            console.kill()
            console.wait(timeout=10)
