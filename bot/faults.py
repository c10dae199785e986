"""Faults an operator must see: a database that cannot be written (full disk, read-only) is
logged once at ERROR with the driver's message, not once per update or tick, and again only
after it was seen writable in between."""

from __future__ import annotations

import logging

from storage.health import storage_fault

log = logging.getLogger(__name__)


class StorageFaults:
    def __init__(self) -> None:
        self._reported: str | None = None

    def report(self, error: BaseException) -> bool:
        """True if `error` is a storage fault (logged at ERROR the first time, DEBUG after);
        False for any other error, which the caller handles as before."""
        message = storage_fault(error)
        if message is None:
            return False
        if self._reported is None:
            log.error("database cannot be written: %s", message)
            self._reported = message
        else:
            log.debug("database still cannot be written: %s", message)
        return True

    def forget(self) -> None:
        """A new application in this process starts with nothing reported."""
        self._reported = None

    def writable(self) -> None:
        """The database took a write: the next fault is news again."""
        if self._reported is not None:
            log.info("database can be written again")
            self._reported = None


# One per process: every update, tick and health check of it reports here.
storage_faults = StorageFaults()
