"""Analysis benchmark: words/s of the entity stage with and without the statistical model, passages/s of
the embeddings (transformer and static), and the whole `palermo add` in pages/s (one and two worker
processes) against pdfplumber's bare extract_text, in one run.

Run: .venv/bin/python benchmarks/analysis.py   (the UPR dev set when present, else the bundled samples)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UPR = ROOT.parent / "shared" / "dev-data" / "upr"

from ingest import extract_document  # noqa: E402
from nlp.analyze import analyze_document  # noqa: E402
from nlp.embeddings import embed  # noqa: E402
from nlp.static_embeddings import embed_static  # noqa: E402
from palermo.pipeline import _preload, add_paths  # noqa: E402


def files() -> list[Path]:
    if UPR.exists():
        return sorted(UPR.glob("*.pdf"))
    return sorted(p for p in (ROOT / "corpus" / "samples").iterdir() if p.suffix in (".pdf", ".html", ".docx", ".txt"))


def main() -> None:
    paths = files()
    docs = [extract_document(p) for p in paths]
    words = sum(len(p.text.split()) for d in docs for p in d.passages)
    passages = sum(len(d.passages) for d in docs)
    pages = sum(d.pages for d in docs)
    _preload(True, "static")
    embed(["warm up"])
    import sklearn.decomposition  # noqa: F401 - imported once per process, like the models
    print(f"{len(paths)} files, {pages} pages, {passages} passages, {words:,} words")
    print(f"{'stage':<44}{'seconds':>9}{'rate':>16}")
    for statistical in (True, False):
        started = time.perf_counter()
        for d in docs:
            analyze_document(d, statistical=statistical, embeddings=None)
        seconds = time.perf_counter() - started
        label = "analysis without embeddings, " + ("statistical NER" if statistical else "patterns only")
        print(f"{label:<44}{seconds:>9.2f}{words / seconds:>11,.0f} w/s")
    texts = [p.text for d in docs for p in d.passages]
    for label, fn in (("embeddings, transformer (all-MiniLM-L6-v2)", embed), ("embeddings, static (distilled from it)", embed_static)):
        started = time.perf_counter()
        fn(texts)
        seconds = time.perf_counter() - started
        print(f"{label:<44}{seconds:>9.2f}{passages / seconds:>11,.0f} p/s")
    timings = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            started = time.perf_counter()
            add_paths(str(db), [str(p) for p in paths], workers=workers)
            timings[workers] = time.perf_counter() - started
            size = db.stat().st_size
    import pdfplumber

    started = time.perf_counter()
    for p in paths:
        if p.suffix == ".pdf":
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
    theirs = time.perf_counter() - started
    for workers, ours in timings.items():
        label = f"palermo add, {workers} worker{'s' if workers > 1 else ''} (models loaded)"
        print(f"{label:<44}{ours:>9.2f}{pages / ours:>11.1f} pg/s")
    print(f"{'pdfplumber extract_text alone':<44}{theirs:>9.2f}{pages / theirs:>11.1f} pg/s")
    for workers, ours in timings.items():
        print(f"ratio palermo add ({workers} worker{'s' if workers > 1 else ''}) / pdfplumber: {theirs / ours:.2f}x")
    print(f"database {size / 1e6:.1f} MB = {size / 1e6 / pages * 1000:.0f} MB per 1,000 pages")


if __name__ == "__main__":
    main()
