"""What libraries load on first use is loaded at start-up, not by the first update that needs it
(on the event loop, in the middle of serving: 15-35 ms each, bench history_event_loop_block_ms)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In a fresh interpreter (this one has loaded everything long ago): after start-up's loading,
# formatting dates, times and numbers in every language and guessing a file's type read no
# file: the reads that load Babel's locale data and the MIME types table are made to fail.
FIRST_USE = """
import builtins, mimetypes, pickle
from datetime import datetime
from bot.app import load_lazy_data
from conversations import i18n
from conversations.i18n import LANGUAGES

load_lazy_data()

def refused(*args, **kwargs):
    raise AssertionError("loaded on first use")

pickle.load = refused
builtins.open = refused
mimetypes.init = refused
moment = datetime(2026, 3, 9, 18, 5)
for language in LANGUAGES:
    with i18n.one_update():
        i18n.use(language)
        texts = [
            i18n.format_day(moment),
            i18n.format_short_date(moment.date()),
            i18n.format_weekday(moment),
            i18n.format_time(moment),
            i18n.format_number(2.5),
            i18n._("Your record"),
        ]
assert mimetypes.guess_type("soreness.png")[0] == "image/png"
print("ok")
"""


def test_start_up_loads_what_serving_would_load_on_first_use() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_USE], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
