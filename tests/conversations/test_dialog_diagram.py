"""The diagram of the dialogs (conversations/README.md) draws every state the code has."""

from __future__ import annotations

import re
from pathlib import Path

from conversations import checkin, onboarding, settings

DIAGRAM = Path(__file__).resolve().parents[2] / "conversations" / "README.md"
# One box stands for every settings question: settings:<field>, its fields listed in it.
FIELDS_BOX = re.compile(r'field\["settings:&lt;field&gt;<br/>(?P<fields>[^"]+)"\]')


def test_the_diagram_draws_every_dialog_state_and_no_other() -> None:
    text = DIAGRAM.read_text()
    boxes = set(re.findall(r'\["((?:onboarding|checkin|settings):[a-z_]+)', text))
    box = FIELDS_BOX.search(text)
    assert box is not None
    fields = {f"settings:{name}" for name in re.findall(r"[a-z_]+", box["fields"]) if name != "br"}

    in_code = {
        str(state) for dialog in (onboarding, checkin, settings) for state in dialog.states()
    }

    assert boxes | fields == in_code
