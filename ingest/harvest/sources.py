"""Sources as data: the packaged sources.yaml, extended or overridden by name from a user file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .urls import host_key

KINDS = ("constructive_dialogue", "news", "resources", "working_group", "uncac_profile", "links")
DOCUMENT_LINK = r"\.(?:pdf|docx?|rtf|txt)(?:$|\?)"
# What each kind follows (pages parsed further with the same adapter) and takes as documents,
# unless the source says otherwise.
KIND_DEFAULTS: dict[str, dict[str, list[str]]] = {
    "constructive_dialogue": {"follow": [r"/constructive[-_]dialogues?/[a-z]+(?:_[a-z]+)*_\d{4}\.html"], "include": [DOCUMENT_LINK]},
    "news": {"follow": [], "include": [r"/unodc/[a-z]{2}/ngos/[^/?#]+\.html(?:$|\?)"],
             "exclude": [r"/ngos/(?:index|news|home|constructive-dialogues)\.html"]},
    "resources": {"follow": [], "include": [DOCUMENT_LINK]},
    "working_group": {"follow": [], "include": [DOCUMENT_LINK]},
    "uncac_profile": {"follow": [r"/country-profile/profiles/[a-z]{3}\.html"], "include": [DOCUMENT_LINK]},
    "links": {"follow": [], "include": [DOCUMENT_LINK]},
}


@dataclass
class Source:
    """A place to harvest: start pages, the adapter that reads them, and the hosts it may fetch."""

    name: str
    kind: str
    start_urls: list[str]
    allowed_hosts: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)  # regexes a document URL must match (one of)
    exclude: list[str] = field(default_factory=list)  # regexes that drop a document URL
    follow: list[str] = field(default_factory=list)  # regexes of links to further pages of the source
    max_pages: int = 50
    metadata: dict = field(default_factory=dict)  # defaults for every candidate: topic, year, language...
    description: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"source {self.name!r}: unknown kind {self.kind!r} (one of {', '.join(KINDS)})")
        if isinstance(self.start_urls, str):
            self.start_urls = [self.start_urls]
        defaults = KIND_DEFAULTS[self.kind]
        self.include = list(self.include or defaults["include"])
        self.exclude = list(self.exclude or defaults.get("exclude", []))
        self.follow = list(self.follow or defaults["follow"])
        if not self.allowed_hosts:
            self.allowed_hosts = sorted({host_key(urlsplit(u).hostname) for u in self.start_urls if urlsplit(u).hostname})
        for pattern in self.include + self.exclude + self.follow:
            try:
                re.compile(pattern)
            except re.error as e:
                raise ValueError(f"source {self.name!r}: bad regex {pattern!r}: {e}") from None

    def wants_document(self, url: str) -> bool:
        """Whether a link is a document of this source."""
        return any(re.search(p, url, re.I) for p in self.include) and not any(re.search(p, url, re.I) for p in self.exclude)

    def wants_page(self, url: str) -> bool:
        """Whether a link is a further page of this source, to read for more links."""
        return any(re.search(p, url, re.I) for p in self.follow)


def _read(text: str, origin: str) -> list[Source]:
    data = yaml.safe_load(text) or []
    entries = data.get("sources", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValueError(f"{origin}: expected a list of sources")
    sources = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("kind"):
            raise ValueError(f"{origin}: source {i} needs at least a name and a kind")
        entry = dict(entry)
        entry["start_urls"] = entry.pop("start_urls", None) or entry.pop("urls", None) or []
        unknown = set(entry) - set(Source.__dataclass_fields__)
        if unknown:
            raise ValueError(f"{origin}: source {entry['name']!r} has unknown fields: {', '.join(sorted(unknown))}")
        sources.append(Source(**entry))
    return sources


def load_sources(path: str | os.PathLike | None = None, defaults: bool = True) -> list[Source]:
    """The packaged sources, with a user YAML file's sources added or replacing those of the same name."""
    merged: dict[str, Source] = {}
    if defaults:
        text = resources.files("ingest.harvest").joinpath("sources.yaml").read_text(encoding="utf-8")
        merged.update((s.name, s) for s in _read(text, "sources.yaml"))
    if path is not None:
        merged.update((s.name, s) for s in _read(Path(path).read_text(encoding="utf-8"), str(path)))
    return list(merged.values())


def select_sources(sources: list[Source], names: list[str] | tuple[str, ...]) -> list[Source]:
    """The sources with these names (all of them when names is empty); unknown names raise ValueError."""
    if not names:
        return list(sources)
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(by_name)})")
    return [by_name[n] for n in names]
