"""Embedding benchmark: the transformer against the static vectors distilled from it, for speed and quality.

Quality is measured on the UPR dev set, whose 1,048 recommendations UPR Info labelled with issues:
- MAP: each issue name ("Trafficking", "Women's rights", ...) as a query over the recommendations,
  the ones labelled with it relevant (issues with at least 5 recommendations);
- neighbour P@10: the share of each recommendation's 10 nearest neighbours sharing one of its issues.

Run: .venv/bin/python benchmarks/embeddings.py   (needs ../shared/dev-data/upr)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UPR = ROOT.parent / "shared" / "dev-data" / "upr"

from nlp.embeddings import MODEL_NAME, embed  # noqa: E402
from nlp.static_embeddings import STATIC_MODEL_NAME, embed_static, load_static  # noqa: E402


def average_precision(scores: np.ndarray, relevant: np.ndarray) -> float:
    hits, total = 0, 0.0
    for k, j in enumerate(np.argsort(-scores), 1):
        if relevant[j]:
            hits += 1
            total += hits / k
    return total / max(1, int(relevant.sum()))


def quality(docs: np.ndarray, queries: np.ndarray, labels: list[set], names: list[str]) -> tuple[float, float]:
    maps = [average_precision(docs @ queries[i], np.array([q in lab for lab in labels])) for i, q in enumerate(names)]
    sims = docs @ docs.T
    np.fill_diagonal(sims, -9)
    nearest = np.argsort(-sims, axis=1)[:, :10]
    p10 = np.mean([np.mean([bool(labels[i] & labels[j]) for j in row]) for i, row in enumerate(nearest)])
    return float(np.mean(maps)), float(p10)


def main() -> None:
    if not UPR.exists():
        sys.exit(f"needs the UPR dev set at {UPR}")
    recs = [json.loads(line) for f in sorted(UPR.glob("*.recommendations.jsonl")) for line in f.read_text().splitlines() if line.strip()]
    texts, labels = [r["text"] for r in recs], [set(r["issues"]) for r in recs]
    counts = Counter(i for lab in labels for i in lab)
    names = sorted(i for i, n in counts.items() if n >= 5 and i not in ("General", "Other"))
    started = time.perf_counter()
    load_static()
    print(f"static matrix ready in {time.perf_counter() - started:.1f} s (distilled once, then read from the cache)")
    embed(["warm up"])
    print(f"{len(texts)} recommendations, {len(names)} issue queries")
    print(f"{'model':<28}{'texts/s':>10}{'MAP':>8}{'nbr P@10':>10}")
    for name, fn in ((MODEL_NAME, embed), (STATIC_MODEL_NAME, embed_static)):
        started = time.perf_counter()
        docs = fn(texts)
        rate = len(texts) / (time.perf_counter() - started)
        m, p10 = quality(docs, fn(names), labels, names)
        print(f"{name:<28}{rate:>10,.0f}{m:>8.3f}{p10:>10.3f}")


if __name__ == "__main__":
    main()
