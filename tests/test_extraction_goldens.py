"""Extraction goldens: PDFs written by tests/fixtures/extraction/make_fixtures.py, expected passages as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.extraction.make_fixtures import FIXTURES, expected

HERE = Path(__file__).parent / "fixtures" / "extraction"


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_extraction_matches_golden(name):
    golden = json.loads((HERE / name).with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert expected(HERE / name) == golden


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_pdfs_are_reproducible(name):
    assert (HERE / name).read_bytes() == FIXTURES[name](), "regenerate with make_fixtures.py and review the goldens"
