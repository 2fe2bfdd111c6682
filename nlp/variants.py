"""Spelling and OCR variants of one person's name ("Tarig Mahmood" / "Tariq Mahmood"), merged when safe."""

from __future__ import annotations


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short:
            return True
    return False


def variant_of(a: str, b: str) -> bool:
    """Same number of tokens, every token equal but one, and that one a single edit away (not an initial)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    differing = [(x, y) for x, y in zip(ta, tb) if x != y]
    return len(differing) == 1 and min(len(differing[0][0]), len(differing[0][1])) >= 4 and _one_edit_apart(*differing[0])


def merge_variants(counts: dict[str, int]) -> dict[str, str]:
    """Entity id -> id it merges into: the better-attested spelling wins (ties: the alphabetically first id)."""
    ids = sorted(counts, key=lambda i: (-counts[i], i))
    names = {i: i.split(":", 1)[1] for i in ids}
    target: dict[str, str] = {}
    for n, weaker in enumerate(ids):
        for stronger in ids[:n]:
            if stronger not in target and variant_of(names[stronger].replace("-", " "), names[weaker].replace("-", " ")):
                target[weaker] = stronger
                break
    return target
