"""The team gold on the sample corpus: entity scores per label, event dates, merged name variants."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from palermo.cli import cli
from palermo.evaluate_gold import evaluate_gold, normalize

GOLD = Path(__file__).resolve().parent / "gold"
# Floors at the scores measured when the gold was written (issue #7 targets are 0.90): a drop fails.
FLOORS = {"STATE": 0.95, "PERSON": 0.85, "ORG": 0.80, "INSTRUMENT": 0.80, "ARTICLE": 0.85}


def test_gold_scores_hold(sample_db):
    score = evaluate_gold(str(sample_db), GOLD)
    assert not score.unmatched_files
    assert sum(t.gold for t in score.labels.values()) > 150
    for label, floor in FLOORS.items():
        assert score.labels[label].row()["f1"] >= floor, (label, score.labels[label].misses, score.labels[label].extras)
    assert score.events.row()["recall"] >= 0.55, score.events.misses
    assert score.variants == score.variants_merged == 1


def test_normalize_names():
    assert normalize("Dr. Amina  Qureshi") == "amina qureshi"
    assert normalize("the Working Group on Firearms") == "working group on firearms"
    assert normalize("la Red Latinoamericana") == "red latinoamericana"


def test_eval_command_prints_gold_table(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), "--upr", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    state = next(line for line in lines if line.startswith("STATE"))
    assert float(state.split()[-1]) >= 0.95
    assert any(line.startswith("event dates") for line in lines)
    assert "person variants merged: 1 of 1" in result.output


def test_eval_without_any_gold_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "--gold", str(tmp_path), "--upr", str(tmp_path)])
    assert result.exit_code != 0 and "no gold" in result.output
