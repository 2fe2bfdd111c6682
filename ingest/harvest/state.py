"""What the harvester remembers between runs: validators for conditional requests, and an open run to resume."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import NamedTuple, Protocol, runtime_checkable

from .fetch import utc_now
from .models import FetchRecord


class Validators(NamedTuple):
    """What a conditional request needs from the last good fetch of a URL."""

    etag: str | None
    last_modified: str | None
    sha256: str


@runtime_checkable
class HarvestState(Protocol):
    """Storage of fetch records keyed by normalized URL; corpus/ implements it on the `fetches` table."""

    def start_run(self) -> bool:
        """Open a run, or reopen the unfinished one; True when resuming."""

    def finish_run(self) -> None:
        """Mark the open run complete: the next harvest starts afresh (with conditional requests)."""

    def previous(self, key: str) -> Validators | None:
        """Validators of the last fetch of this URL key that got a body (status 200 or 304), or None."""

    def done(self, key: str) -> bool:
        """Whether the open run already recorded this URL key (whatever the outcome)."""

    def record(self, fetch: FetchRecord) -> None:
        """Keep one fetch record; called from worker threads."""


class JsonState:
    """A HarvestState in a JSON Lines file (appended, so a crash loses at most the line being written).

    With path=None it lives in memory only.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        self.records: list[dict] = []
        self._validators: dict[str, Validators] = {}
        self._run_keys: set[str] = set()
        self._open = False
        self._lock = threading.Lock()
        if self.path is not None and self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    event = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by a crash
                self._apply(event)

    def _apply(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "start":
            if not self._open:
                self._run_keys = set()
            self._open = True
        elif kind == "finish":
            self._open = False
            self._run_keys = set()
        elif kind == "fetch":
            rec = event["record"]
            self.records.append(rec)
            if self._open:
                self._run_keys.add(rec["key"])
            if rec.get("sha256") and rec.get("status") in (200, 304):
                self._validators[rec["key"]] = Validators(rec.get("etag"), rec.get("last_modified"), rec["sha256"])

    def _write(self, event: dict) -> None:
        with self._lock:
            self._apply(event)
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")

    def start_run(self) -> bool:
        """Open a run, or reopen the unfinished one; True when resuming."""
        resuming = self._open
        self._write({"event": "start", "at": utc_now()})
        return resuming

    def finish_run(self) -> None:
        """Mark the open run complete."""
        self._write({"event": "finish", "at": utc_now()})

    def previous(self, key: str) -> Validators | None:
        """Validators of the last fetch of this key that got a body, or None."""
        with self._lock:
            return self._validators.get(key)

    def done(self, key: str) -> bool:
        """Whether the open run already recorded this key."""
        with self._lock:
            return self._open and key in self._run_keys

    def record(self, fetch: FetchRecord) -> None:
        """Append one fetch record."""
        self._write({"event": "fetch", "record": fetch.to_dict()})
