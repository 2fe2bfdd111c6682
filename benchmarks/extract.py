"""Extraction benchmark: pages/s against pdfplumber, paragraph integrity on the UPR dev set, peak memory.

Run: .venv/bin/python benchmarks/extract.py   (uses ../shared/dev-data/upr/ when present)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UPR = ROOT.parent / "shared" / "dev-data" / "upr"

from ingest import extract_document  # noqa: E402


def generated_pdf(pages: int = 200) -> Path:
    """A UN-style report of the given length, with running headers and footers."""
    from tests.pdfs import un_report

    sentence = ("States parties should strengthen the identification of victims of trafficking and ensure that "
                "assistance is not conditional on their cooperation with the authorities, in line with article 6.")
    path = Path(tempfile.mkdtemp()) / f"generated_{pages}.pdf"
    path.write_bytes(un_report([f"{sentence} Paragraph variant {i}." for i in range(pages * 3)], per_page=3))
    return path


def time_palermo(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    doc = extract_document(path)
    return doc.pages, time.perf_counter() - start


def time_pdfplumber(path: Path) -> float:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    return time.perf_counter() - start


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def paragraph_integrity(pdf: Path) -> tuple[int, int]:
    """(recommendations found whole in one passage, recommendations in the gold file)."""
    gold = [json.loads(line) for line in (pdf.with_suffix("").with_suffix(".recommendations.jsonl")).read_text().splitlines() if line.strip()]
    doc = extract_document(pdf)
    passages = [" ".join(_words(p.text)) for p in doc.passages if p.paragraph_no]
    artefact = re.compile(r"A/HRC/\d+/\d+|GE\.\d{2}-\d+")
    clean = [not artefact.search(p.text) for p in doc.passages if p.paragraph_no]
    whole = 0
    for rec in gold:
        words = _words(rec["text"])
        head, tail = " ".join(words[:6]), " ".join(words[-6:])
        if any(head in p and tail in p and p.index(head) <= p.rindex(tail) and ok for p, ok in zip(passages, clean)):
            whole += 1
    return whole, len(gold)


def peak_memory_mb(path: Path) -> float:
    """Peak resident memory of a fresh process extracting the file."""
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
    code = (f"import sys, re; sys.path.insert(0, {str(ROOT)!r}); from ingest import extract_document; "
            f"extract_document({str(path)!r}); "
            "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> None:
    files = sorted(UPR.glob("*.pdf")) if UPR.exists() else []
    big = generated_pdf()
    rows = []
    for path in files + [big]:
        time_palermo(path)  # warm caches so both sides read from memory
        pages, ours = time_palermo(path)
        theirs = time_pdfplumber(path)
        rows.append((path.name, pages, pages / ours, pages / theirs, theirs / ours))
    print(f"{'file':<24}{'pages':>6}{'palermo p/s':>13}{'pdfplumber p/s':>16}{'speed-up':>10}")
    for name, pages, ours, theirs, ratio in rows:
        print(f"{name:<24}{pages:>6}{ours:>13.0f}{theirs:>16.1f}{ratio:>9.1f}x")
    total_pages = sum(r[1] for r in rows)
    total_ours = sum(r[1] / r[2] for r in rows)
    total_theirs = sum(r[1] / r[3] for r in rows)
    print(f"{'all':<24}{total_pages:>6}{total_pages / total_ours:>13.0f}{total_pages / total_theirs:>16.1f}"
          f"{total_theirs / total_ours:>9.1f}x")
    if files:
        print()
        print(f"{'UPR report':<24}{'whole':>7}{'gold':>6}{'share':>8}")
        sums = [0, 0]
        for path in files:
            whole, gold = paragraph_integrity(path)
            sums[0] += whole
            sums[1] += gold
            print(f"{path.stem:<24}{whole:>7}{gold:>6}{whole / gold:>8.1%}")
        print(f"{'all':<24}{sums[0]:>7}{sums[1]:>6}{sums[0] / sums[1]:>8.1%}")
    print()
    print(f"peak memory extracting {big.name} in a fresh process: {peak_memory_mb(big):.0f} MB (Python and imports included)")


if __name__ == "__main__":
    main()
