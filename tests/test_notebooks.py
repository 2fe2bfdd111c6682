"""The research notebooks run end to end on the sample corpus, and are committed without outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

# What each notebook must have produced on the sample corpus, by cell tag: (output type, text in it).
EXPECTED = {
    "01_who_said_what.ipynb": [("who-said-what", "text/html", "Coalition for Migrant Dignity"),
                               ("who-said-what", "text/html", "Working Group on Trafficking in Persons")],
    "02_topics_over_time.ipynb": [("by-year", "image/png", None), ("by-dialogue", "image/png", None)],
    "03_entities_network.ipynb": [("network", "image/png", None), ("articles", "text/html", "Organized Crime Convention")],
    "04_drafting_an_intervention.ipynb": [("evidence-pack", "text/markdown", "# Evidence pack"),
                                          ("evidence-pack", "text/markdown", "CTOC/COP/WG.4/2024/9"),
                                          ("evidence-pack", "text/markdown", "Coalition for Migrant Dignity")],
}


def outputs(nb, tag: str) -> list[dict]:
    """The display data of the cells carrying a tag."""
    return [out.get("data", {}) for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])
            for out in cell.get("outputs", []) if out.get("output_type") in ("display_data", "execute_result")]


def test_every_notebook_is_tested_and_listed_in_the_readme():
    assert [p.name for p in NOTEBOOKS] == sorted(EXPECTED)
    readme = (NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"]({path.name})" in readme, f"notebooks/README.md does not link {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {n} has outputs: strip them before committing"
            assert cell.execution_count is None, f"{path.name} cell {n} has an execution count"
    first_code = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", []), "the first code cell is the parameters cell"
    assert re.search(r'os\.environ\.get\("PALERMO_DB"\)', first_code.source), "the database path comes from PALERMO_DB"


def test_the_python3_kernel_runs_this_interpreter():
    """nbclient starts the "python3" kernel; jupyter_client replaces a bare `python` with sys.executable."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.argv[0]).name.startswith("python")
    assert spec.argv[1:3] == ["-m", "ipykernel_launcher"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_the_sample_corpus(path, sample_db, monkeypatch):
    monkeypatch.setenv("PALERMO_DB", str(sample_db))  # the kernel inherits the environment
    monkeypatch.delenv("MPLBACKEND", raising=False)   # figures go to the inline backend, as image/png
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute()  # raises CellExecutionError on the first cell that fails
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors, errors
    for tag, mime, text in EXPECTED[path.name]:
        found = [data[mime] for data in outputs(nb, tag) if mime in data]
        assert found, f"{path.name}: no {mime} output in the cell tagged {tag!r}"
        if text:
            assert any(text in content for content in found), f"{path.name}: {text!r} not in the {tag!r} output"
