"""Harvest benchmark: a full harvest of the fixture site over loopback HTTP, then a second run.

Run: .venv/bin/python benchmarks/harvest.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.harvest_state import SqliteHarvestState  # noqa: E402
from ingest.harvest import Harvester  # noqa: E402
from tests.test_harvest import FixtureSite  # noqa: E402


def main() -> None:
    site = FixtureSite()
    root = Path(tempfile.mkdtemp())
    sources = site.sources(root)
    print(f"{'run':<8}{'seconds':>9}{'requests':>10}{'new':>6}{'changed':>9}{'unchanged':>11}{'failed':>8}{'skipped':>9}{'304s':>6}")
    try:
        for run in ("first", "second"):
            mark = len(site.log)
            state = SqliteHarvestState(str(root / "h.db"))
            started = time.perf_counter()
            with Harvester(root / "raw", state, allow_private_hosts=True, delay=0.005, timeout=0.6, max_bytes=64 * 1024,
                           max_retries=2, backoff=0.02, max_backoff=0.1, max_retry_after=5) as harvester:
                result = harvester.harvest(sources)
            seconds = time.perf_counter() - started
            state.close()
            log = site.requests(mark)
            c = result.counts
            not_modified = sum(r.get("status") == 304 for r in log)
            print(f"{run:<8}{seconds:>9.2f}{len(log):>10}{c['new']:>6}{c['changed']:>9}{c['unchanged']:>11}"
                  f"{c['failed']:>8}{c['skipped']:>9}{not_modified:>6}")
    finally:
        site.close()


if __name__ == "__main__":
    main()
