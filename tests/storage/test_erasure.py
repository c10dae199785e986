"""/delete leaves no bytes of the user on disk: not in the SQLite file, where deleted rows are
overwritten (secure_delete), nor in its write-ahead log, which is emptied after the erasure."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.runtime import CoachApp, runtime
from bot.standin.local_api import LocalBotApi
from conversations import texts
from storage.db import sqlite_path
from tests.chat import Chat, check_in, onboard

ZED = 918273645  # the user who erases their data
BEN = 192837465  # the one who stays


def on_disk(database: Path) -> bytes:
    """The raw bytes of the database file and of its write-ahead log, as a thief would read
    them from a copy of the disk."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def traces(raw: bytes, user_id: int, name: str) -> list[str]:
    found = []
    if name.encode() in raw:
        found.append("name")
    if str(user_id).encode() in raw:  # as text: dialog keys, JSON
        found.append("id as text")
    if user_id.to_bytes(4, "big") in raw:  # as SQLite stores a 4-byte integer
        found.append("id as an integer")
    return found


async def test_delete_leaves_no_bytes_of_the_user_in_the_file_or_its_log(
    app: CoachApp, api: LocalBotApi, settings: Settings
) -> None:
    database = sqlite_path(settings.database_url)
    assert database is not None
    zed = Chat(app, api, user_id=ZED, first_name="Zebulonia")
    ben = Chat(app, api, user_id=BEN, first_name="Bartholomew")
    for chat in (zed, ben):
        await onboard(chat)
    await check_in(zed, "🏅 Long run or race", "Stiff and sore")  # answers only Zed gave
    await zed.send("/checkin")  # and a draft left open
    # As SQLite's automatic checkpoints leave it after a while: the rows in the file itself.
    async with runtime(app).engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        # Deleted rows are overwritten, whatever the build's default (Debian's is on already).
        assert (await connection.exec_driver_sql("PRAGMA secure_delete")).scalar() == 1
    before = on_disk(database)
    assert traces(before, ZED, "Zebulonia") == ["name", "id as text", "id as an integer"]
    assert b"long_race" in before and b"stiff_sore" in before

    await zed.send("/delete")
    (done,) = await zed.press("Yes, erase everything")

    assert done.text == str(texts.DELETED)
    after = on_disk(database)
    assert traces(after, ZED, "Zebulonia") == []
    assert b"long_race" not in after and b"stiff_sore" not in after
    # The scan does see what is still there: the user who stays.
    assert traces(after, BEN, "Bartholomew") == ["name", "id as text", "id as an integer"]
