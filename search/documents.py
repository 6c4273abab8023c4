"""The search document: one flat shape every indexable thing turns itself into.

Apps build these (a model's `search_document()`); `search/` stores and queries them. The fields
that enforce access are part of the document: `community` (None for public content) is checked on
every query, and only content everyone may see without signing in has `community=None`.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from html import unescape

TYPES = ("casestudy", "evidence", "guide", "pathway", "thread", "post")
# What people call each type: shown on results, and searchable ("evidence on ...", "facilitation guide").
TYPE_LABELS = {
    "casestudy": "Case study",
    "evidence": "Evidence summary",
    "guide": "Practice guide",
    "pathway": "Learning pathway",
    "thread": "Forum thread",
    "post": "Forum post",
}
FACETS = ("type", "theme", "sector", "region", "country")

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass
class SearchDocument:
    doc_id: str  # e.g. "page-12", "post-7": stable across rebuilds
    type: str
    title: str
    url: str
    published: datetime | None
    summary: str = ""
    body: str = ""
    themes: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    region: str = ""  # council area
    countries: list[str] = field(default_factory=list)
    study_type: str = ""
    strength: int | None = None
    author: str = ""
    community: int | None = None  # None: public; otherwise only that community's members see it

    def as_dict(self):
        return asdict(self)


def html_to_text(html):
    """Plain text from rich text HTML, for indexing (never for display)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html or ""))).strip()


def stream_text(value):
    """All the readable text in a StreamField value (or any nested block value), in order."""
    parts = []
    _collect(value, parts)
    return _SPACE.sub(" ", " ".join(p for p in parts if p)).strip()


def _collect(value, parts):
    from wagtail.rich_text import RichText

    if value is None:
        return
    if isinstance(value, RichText):
        parts.append(html_to_text(value.source))
    elif isinstance(value, str):
        parts.append(html_to_text(value))
    elif isinstance(value, dict):  # StructValue is a dict
        for item in value.values():
            _collect(item, parts)
    elif hasattr(value, "raw_data") or isinstance(value, list | tuple):  # StreamValue, ListValue
        for item in value:
            _collect(getattr(item, "value", item), parts)
