"""Search benchmark: latency of FTS, semantic and hybrid search on a generated corpus of 100,000 passages.

Run: .venv/bin/python benchmarks/search.py [--passages 100000]

The corpus text is made by recombining the sentences of the bundled samples, so FTS5 sees a realistic
vocabulary. Passage vectors are random unit vectors: the cost of a semantic search does not depend on
what the vectors mean, and embedding 100,000 passages would take half an hour here. The query
embedding is real and is included in every semantic and hybrid timing.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.search import search  # noqa: E402
from corpus.store import ensure_self_contained, open_db, passage_id  # noqa: E402
from nlp.embeddings import embed, to_blob  # noqa: E402

QUERIES = ["victim identification", "national referral mechanisms", "firearms marking and record-keeping",
           "mutual legal assistance requests", "technical assistance needs", "non-punishment principle",
           "smuggling of migrants by sea", "civil society participation in the review", "data on prosecutions",
           "confiscation of proceeds of crime"]
PASSAGES_PER_PAGE = 4


def sample_sentences() -> list[str]:
    from ingest import extract_document

    sentences = []
    for path in sorted((ROOT / "corpus" / "samples").iterdir()):
        if path.suffix in (".pdf", ".html", ".docx", ".txt"):
            for p in extract_document(path).passages:
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", p.text) if len(s) > 40]
    return sentences


def build(path: Path, n: int) -> None:
    rng = random.Random(0)
    vectors_rng = np.random.default_rng(0)
    sentences = sample_sentences()
    db = open_db(str(path))
    per_doc = 100
    for d in range(n // per_doc):
        doc_id = hashlib.sha256(str(d).encode()).hexdigest()
        db["documents"].insert({"id": doc_id, "title": f"Generated document {d}", "genre": "statement", "status": "ok",
                                "pages": per_doc // PASSAGES_PER_PAGE, "date": f"20{18 + d % 7}-0{1 + d % 9}-15",
                                "organization": f"Organization {d % 50}", "language": "en"})
        rows, vectors = [], vectors_rng.standard_normal((per_doc, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for s in range(per_doc):
            text = " ".join(rng.sample(sentences, 3))
            rows.append({"id": passage_id(doc_id, s), "document_id": doc_id, "page": 1 + s // PASSAGES_PER_PAGE, "seq": s,
                         "paragraph_no": str(s + 1), "section": None, "kind": "body", "text": text, "language": "en"})
        with db.conn:
            db["passages"].insert_all(rows)
            db["embeddings"].insert_all({"passage_id": r["id"], "model": "random", "vector": to_blob(v)} for r, v in zip(rows, vectors))
    db["passages"].optimize()
    db.conn.close()
    ensure_self_contained(str(path))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def serve_start_seconds(path: Path) -> float:
    """Seconds from launching `datasette serve -i` until it answers its first request."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", "-i", str(path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 120:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("datasette did not start")
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.db"
    started = time.perf_counter()
    build(path, args.passages)
    print(f"built {args.passages:,} passages in {time.perf_counter() - started:.0f} s; "
          f"database {path.stat().st_size / 1e6:.0f} MB")
    db = open_db(str(path))
    embed(["warm up"])
    search(db, "warm up", mode="hybrid")  # loads the embedding matrix once, as a server does at start
    print(f"{'mode':<10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}")
    for mode in ("fts", "semantic", "hybrid"):
        times = []
        for _ in range(args.rounds):
            for q in QUERIES:
                t = time.perf_counter()
                search(db, q, limit=20, mode=mode)
                times.append((time.perf_counter() - t) * 1000)
        print(f"{mode:<10}{percentile(times, 50):>9.1f}{percentile(times, 95):>9.1f}{max(times):>9.1f}{len(times):>9}")
    db.conn.close()
    print(f"datasette serve -i start on this corpus: {serve_start_seconds(path):.2f} s")


if __name__ == "__main__":
    main()
