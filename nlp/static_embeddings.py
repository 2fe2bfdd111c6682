"""Static token embeddings distilled from all-MiniLM-L6-v2: a passage is the weighted mean of its tokens.

The transformer reads about 100 passages a second here; this reads tens of thousands, which is what lets
`palermo add` keep pace with extraction. Each of the 30,522 WordPiece tokens is run through the
transformer once, alone between [CLS] and [SEP], and its mean-pooled output becomes its vector (the
model2vec recipe). The vectors are centred and weighted by smooth inverse frequency (SIF, a = 1e-3,
frequency estimated from the vocabulary's Zipf rank) so that "the" and "of" barely count. Distilling takes
about 20 s once; the matrix is cached on disk and queries then need neither torch nor the transformer.
Measured on the UPR dev set (benchmarks/embeddings.py), it keeps 97% of the transformer's mean average
precision for topic queries.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from pathlib import Path

import numpy as np

STATIC_MODEL_NAME = "static-all-MiniLM-L6-v2"
STATIC_VERSION = "1"
SIF_A = 1e-3
# BERT's vocabulary lists [unused] slots and single characters first; whole words start here, by frequency.
FIRST_WORD_ID = 1996
_LOCK = threading.Lock()


def cache_dir() -> Path:
    """Where distilled matrices are kept: $PALERMO_CACHE_DIR, else ~/.cache/palermo."""
    return Path(os.environ.get("PALERMO_CACHE_DIR") or Path.home() / ".cache" / "palermo")


def _fingerprint(model_dir: Path) -> str:
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256()
    digest.update(STATIC_VERSION.encode())
    digest.update(str(weights.stat().st_size).encode())
    with weights.open("rb") as f:
        digest.update(f.read(1 << 20))
    return digest.hexdigest()[:16]


def distill_token_vectors() -> np.ndarray:
    """One SIF-weighted, centred vector per vocabulary token, from the transformer (seconds; needs torch)."""
    import torch

    from .embeddings import load_model

    model = load_model()
    bert, tokenizer = model[0].auto_model, model.tokenizer
    size = tokenizer.vocab_size
    raw = np.zeros((size, bert.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, size, 2048):
            ids = torch.arange(start, min(size, start + 2048))
            batch = torch.stack([torch.full_like(ids, tokenizer.cls_token_id), ids, torch.full_like(ids, tokenizer.sep_token_id)], 1)
            hidden = bert(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            raw[start:start + len(ids)] = hidden.mean(1).numpy()
    rank = np.maximum(np.arange(size) - FIRST_WORD_ID + 6, 1).astype(np.float64)
    probability = 1.0 / (rank * np.log(size))
    weights = SIF_A / (SIF_A + probability)
    return ((raw - raw.mean(0)) * weights[:, None]).astype(np.float32)


@functools.lru_cache(maxsize=1)
def _resources():
    from tokenizers import Tokenizer

    from .embeddings import model_path

    model_dir = Path(model_path())
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # The transformer truncates at 128 tokens; a mean over tokens can read the whole passage.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    path = cache_dir() / f"{STATIC_MODEL_NAME}-{_fingerprint(model_dir)}.npy"
    if path.exists():
        matrix = np.load(path)
    else:
        matrix = distill_token_vectors().astype(np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as f:
            np.save(f, matrix)
        os.replace(partial, path)  # atomic: a concurrent process sees the whole file or none
    return tokenizer, matrix.astype(np.float32)


def load_static():
    """The tokenizer and the token matrix, distilled on first use and cached (thread-safe)."""
    with _LOCK:
        return _resources()


def embed_static(texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (zeros for a text without tokens)."""
    tokenizer, matrix = load_static()
    out = np.zeros((len(texts), matrix.shape[1]), dtype=np.float32)
    if not texts:
        return out
    encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
    nonempty = lengths > 0
    if nonempty.any():
        ids = np.concatenate([np.asarray(e.ids, dtype=np.int64) for e in encodings if e.ids])
        starts = np.concatenate([[0], np.cumsum(lengths[nonempty])[:-1]])
        out[nonempty] = np.add.reduceat(matrix[ids], starts, axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
