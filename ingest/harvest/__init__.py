"""Harvest UNODC review-mechanism documents politely, with provenance, incrementally.

Sources are data (sources.yaml); adapters turn their pages into document candidates with metadata;
the harvester fetches them (robots.txt, per-host delay, retries, checked redirects, size caps) into a
content-addressed store and records one FetchRecord per request in a HarvestState.
"""

from .adapters import PageLinks, candidate_for_url, extract_links, extract_news_details
from .fetch import DEFAULT_USER_AGENT, Politeness, PoliteClient, Response, parse_retry_after
from .harvester import Harvester, check_content, read_url_list
from .models import FETCH_COLUMNS, METADATA_KEYS, OUTCOMES, Candidate, FetchRecord, HarvestResult
from .names import extract_url_metadata
from .sources import KINDS, Source, load_sources, select_sources
from .state import HarvestState, JsonState, Validators
from .store import RawStore
from .urls import check_public_host, clean_url, host_allowed, normalize_url

__all__ = [
    "Candidate", "DEFAULT_USER_AGENT", "FETCH_COLUMNS", "FetchRecord", "HarvestResult", "HarvestState", "Harvester",
    "JsonState", "KINDS", "METADATA_KEYS", "OUTCOMES", "PageLinks", "PoliteClient", "Politeness", "RawStore",
    "Response", "Source", "Validators", "candidate_for_url", "check_content", "check_public_host", "clean_url",
    "extract_links", "extract_news_details", "extract_url_metadata", "host_allowed", "load_sources",
    "normalize_url", "parse_retry_after", "read_url_list", "select_sources",
]
