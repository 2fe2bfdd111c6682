"""Names of organizations found in one document, linked wherever else the corpus writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that make up the names of many bodies, and the words between them: a name made only of these
# ("Bureau of the Conference", "Ministry of Interior", "National Police Bureau") means a different body
# in each document, so it is not linked outside the document that found it.
GENERIC = frozenset({
    "the", "el", "la", "los", "las", "le", "les", "l'", "of", "for", "on", "and", "in", "to", "at", "by",
    "with", "from", "against", "a", "an", "de", "del", "des", "du", "y", "et", "en", "por", "para", "contra",
    "pour", "sur", "au", "aux", "à",
    "working", "group", "groups", "bureau", "conference", "parties", "party", "ministry", "ministries",
    "ministerio", "ministère", "department", "office", "unit", "committee", "commission", "council",
    "secretariat", "government", "gobierno", "gouvernement", "meeting", "session", "delegation", "mission",
    "permanent", "national", "nacional", "federal", "general", "assembly", "agency", "authority", "authorities",
    "central", "court", "police", "policía", "forum", "network", "red", "réseau", "centre", "center",
    "institute", "programme", "program", "task", "force", "organization", "organisation", "international",
    "united", "nations", "state", "states", "member", "board", "division", "directorate", "service", "services",
    "chair", "co-chairs", "secretary", "special", "rapporteur", "high", "commissioner", "grupo", "trabajo",
    "groupe", "travail", "conferencia", "conférence", "comisión", "comité", "oficina", "consejo", "conseil",
    "secretaría", "secrétariat", "interior", "justice", "foreign", "affairs", "home", "finance", "defence",
    "defense", "security", "public", "health", "labour", "labor", "social", "women", "children", "human",
    "rights", "prosecution", "immigration", "migration", "border", "customs", "investigation", "law",
    "enforcement",
})
ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l'", "l’"})
# The statistical model calls treaties, plans and bills organizations; linking would spread the mistake.
NOT_BODIES = frozenset({"convention", "covenant", "protocol", "plan", "bill", "act", "statute", "principles", "declaration",
                        "strategy", "policy", "code", "law", "agenda", "charter", "treaty", "agreement", "carta", "status"})
MAX_LENGTH = 200


def linkable(name: str, author: bool = False) -> bool:
    """True when an organization's name is distinctive enough to link in documents that did not find it."""
    words = name.split()
    # An acronym (IOM, NPB) names different bodies in different documents, and so does a two-word name:
    # three words at least, which rules out acronyms too.
    if len(words) < 3 or not name[:1].isupper():
        return False
    # No organization's name runs to 200 characters; a longer one is a misread span (and would nest the
    # regex of compile_names too deeply).
    if len(name) > MAX_LENGTH:
        return False
    # "the Centre for Governance Research" also holds the bare name; "Government of Pakistan" is a State.
    if words[0].lower() in ARTICLES or name.startswith("Government of"):
        return False
    # "Boko Haram and", "Permanent Representative, Permanent Mission": a span the model cut badly.
    if "," in name or words[-1].lower() in GENERIC and words[-1].islower():
        return False
    if any(w.lower().strip(",.()") in NOT_BODIES for w in words):
        return False
    if all(w.lower().strip(",.()") in GENERIC for w in words):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    # A document's author is known to be an organization: its name needs no capitals to prove it is one.
    # Otherwise two capitalised words, or a long name (French and Spanish capitalise only the first word).
    return author or len(capitalised) >= 2 or len(name) >= 30


def linkable_names(candidates: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """Name -> entity id, from (name, entity id, is an author's name) triples: the linkable, unambiguous names."""
    owners: dict[str, set[str]] = {}
    for name, entity_id, author in candidates:
        if linkable(name, author):
            owners.setdefault(name, set()).add(entity_id)
    # A name two entities claim would be linked to one of them by chance.
    return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1}


def _trie_regex(names: Iterable[str]) -> str:
    """An alternation as a trie of characters: the regex engine then tries each character once per position,
    not each name, which keeps hundreds of names fast; longer continuations come before the end of a name."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return walk(trie)


def compile_names(names: Iterable[str]) -> re.Pattern | None:
    """One regex for every name: whole words (letters with accents count as word characters), case-sensitive."""
    names = [n for n in names if n]
    if not names:
        return None
    # The lookahead reports the longest name starting at each position, overlapping ones included, so that
    # find_known_mentions can prefer the longest of names that overlap but start at different places.
    return re.compile(rf"(?<!\w)(?=({_trie_regex(names)})(?!\w))")


def find_known_mentions(passages: Iterable[tuple[str, str]], names: dict[str, str]) -> list[tuple[str, str, int, int, str]]:
    """(passage id, entity id, start, end, text) of every whole-word, case-sensitive occurrence of the names."""
    pattern = compile_names(names)
    if pattern is None:
        return []
    found = []
    for passage_id, text in passages:
        spans = [(m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text)]
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if all(end <= a or b <= start for a, b in chosen):
                chosen.append((start, end))
        found += [(passage_id, names[text[a:b]], a, b, text[a:b]) for a, b in sorted(chosen)]
    return found
