"""Shared fixtures: the sample corpus built once per session into a temporary database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
DEV_DATA = ROOT.parent / "shared" / "dev-data"
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The bundled sample corpus, added through the CLI, in a fresh database."""
    from palermo.cli import cli

    db = tmp_path_factory.mktemp("corpus") / "samples.db"
    result = CliRunner().invoke(cli, ["add", str(SAMPLES), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def sample_rows(sample_db):
    """The sample database opened with sqlite-utils."""
    import sqlite_utils

    return sqlite_utils.Database(sample_db)
