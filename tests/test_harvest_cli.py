"""`palermo harvest` end to end: the fixture site over real HTTP, into the corpus, twice."""

from __future__ import annotations

import json

import sqlite_utils
from click.testing import CliRunner

from palermo.cli import cli
from tests.test_harvest import SOURCES_YAML, FixtureSite

FAST = ["--allow-private-hosts", "--delay", "0.005", "--timeout", "0.6", "--fast", "--no-embeddings"]


def test_harvest_command_adds_documents_once(tmp_path):
    site = FixtureSite()
    try:
        sources = tmp_path / "sources.yaml"
        sources.write_text(SOURCES_YAML.format(base=site.base))
        db_path = tmp_path / "h.db"
        args = ["harvest", "dialogues", "resources", "--sources", str(sources), "--db", str(db_path), *FAST]
        dry = CliRunner().invoke(cli, [*args, "--dry-run"], catch_exceptions=False)
        assert dry.exit_code == 0 and "Dry run:" in dry.output
        assert not sqlite_utils.Database(db_path)["documents"].count
        first = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert first.exit_code == 0, first.output
        db = sqlite_utils.Database(db_path)
        docs = list(db["documents"].rows)
        assert docs and all(d["source_url"].startswith(site.base) for d in docs)
        arrived = [r for r in db["fetches"].rows_where("kind = 'document' and outcome in ('new', 'changed')")]
        assert {r["sha256"] for r in arrived} == {d["id"] for d in docs}
        assert all(r["document_id"] == r["sha256"] for r in arrived)
        statement = next(d for d in docs if "/Statements/" in d["source_url"])
        meta = json.loads(next(r["metadata"] for r in arrived if r["sha256"] == statement["id"]))
        assert statement["organization"] == meta["organization"] and meta["organization"]
        counts = (db["documents"].count, db["passages"].count)
        second = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert "0 new, 0 changed" in second.output
        assert (db["documents"].count, db["passages"].count) == counts
        runs = list(db["harvest_runs"].rows)
        assert len(runs) == 2 and all(r["finished_at"] for r in runs)
    finally:
        site.close()
