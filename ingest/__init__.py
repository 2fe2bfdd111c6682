"""Turn files into documents with page-cited passages. Imports neither nlp nor corpus."""

from .models import Document, Page, Passage
from .extract import EXTRACT_VERSION, extract_document

__all__ = ["Document", "Page", "Passage", "extract_document", "EXTRACT_VERSION"]
