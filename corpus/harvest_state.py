"""The harvester's memory in the corpus database: `fetches` rows and resumable `harvest_runs`."""

from __future__ import annotations

import json
import sqlite3
import threading

import sqlite_utils

from ingest.harvest import FetchRecord, Validators

from .schema import ensure_schema
from .store import now


class SqliteHarvestState:
    """A HarvestState on the `fetches` table; safe to call from the harvester's worker threads."""

    def __init__(self, path: str):
        # Its own connection, shared across threads under a lock: records arrive from fetch workers.
        self.db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
        ensure_schema(self.db)
        self.lock = threading.Lock()
        self.run_id: int | None = None

    def start_run(self) -> bool:
        """Open a run, or reopen the unfinished one; True when resuming."""
        with self.lock:
            open_runs = list(self.db.query("select id from harvest_runs where finished_at is null order by id desc limit 1"))
            if open_runs:
                self.run_id = open_runs[0]["id"]
                return True
            self.run_id = self.db["harvest_runs"].insert({"started_at": now(), "finished_at": None}).last_pk
            return False

    def finish_run(self) -> None:
        """Mark the open run complete."""
        with self.lock:
            if self.run_id is not None:
                self.db["harvest_runs"].update(self.run_id, {"finished_at": now()})

    def previous(self, key: str) -> Validators | None:
        """Validators of the last fetch of this URL key that got a body."""
        with self.lock:
            rows = list(self.db.query(
                """select etag, last_modified, sha256 from fetches where url_key = ? and status in (200, 304)
                   and sha256 is not null order by id desc limit 1""", [key]))
        return Validators(rows[0]["etag"], rows[0]["last_modified"], rows[0]["sha256"]) if rows else None

    def done(self, key: str) -> bool:
        """Whether the open run already recorded this URL key."""
        if self.run_id is None:
            return False
        with self.lock:
            return bool(list(self.db.query("select 1 from fetches where url_key = ? and run_id = ? limit 1", [key, self.run_id])))

    def record(self, fetch: FetchRecord) -> None:
        """Insert one fetches row."""
        row = fetch.row() | {
            "url_key": fetch.key, "kind": fetch.kind, "outcome": fetch.outcome, "source": fetch.source,
            "path": fetch.path, "warning": fetch.warning, "attempts": fetch.attempts, "run_id": self.run_id,
            "metadata": json.dumps(fetch.metadata, ensure_ascii=False, default=str),
        }
        with self.lock:
            self.db["fetches"].insert(row)
            self.db.conn.commit()

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()
