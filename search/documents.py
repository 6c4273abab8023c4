"""The search document: one flat shape every indexable thing turns itself into.

Apps build these (a model's `search_document()`); `search/` stores and queries them. The fields
that enforce access are part of the document: `community` (None for public content) is checked on
every query, and only content everyone may see without signing in has `community=None`.
"""

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from html import unescape
from types import SimpleNamespace

TYPES = ("casestudy", "evidence", "guide", "pathway", "thread", "post", "inquiry")
# What people call each type: shown on results, and searchable ("evidence on ...", "facilitation guide").
TYPE_LABELS = {
    "casestudy": "Case study",
    "evidence": "Evidence summary",
    "guide": "Practice guide",
    "pathway": "Learning pathway",
    "thread": "Forum thread",
    "post": "Forum post",
    "inquiry": "Inquiry",
}
FACETS = ("type", "theme", "sector", "region", "country")

_TAG = re.compile(r"<[^>]+>")


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
    text = html or ""
    if "<" in text:  # most block text is plain: skip the tag scan
        text = _TAG.sub(" ", text)
    return " ".join(unescape(text).split())  # str.split() and \s agree on what whitespace is


def stream_text(value):
    """All the readable text in a StreamField value (or any nested block value), in order."""
    parts = []
    _collect(value, parts)
    return " ".join(" ".join(p for p in parts if p).split())


def _collect(value, parts):
    RichText = _wagtail().RichText

    if value is None:
        return
    if getattr(value, "is_lazy", False) and hasattr(value, "stream_block"):  # a StreamValue as loaded
        _collect_raw(value.stream_block, value.raw_data, parts)
        return
    if isinstance(value, RichText):
        parts.append(html_to_text(value.source))
    elif isinstance(value, str):
        parts.append(html_to_text(value))
    elif isinstance(value, dict):  # StructValue is a dict
        for item in value.values():
            _collect(item, parts)
    elif hasattr(value, "raw_data") or isinstance(value, list | tuple | Sequence):  # StreamValue, ListValue
        for item in value:
            _collect(getattr(item, "value", item), parts)


def _collect_raw(block, raw, parts):
    """The text _collect finds in `block`'s value, read from its stored (JSON) form: the same text, in
    the same order. Building the whole value would fetch every page, image and document a chooser
    names (a query per field) only for _collect to skip them; here choosers are skipped unread and
    other leaf blocks are converted one by one."""
    blocks = _wagtail().blocks
    if raw is None:
        return
    if isinstance(block, blocks.BaseStreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _collect_raw(child, item.get("value"), parts)
    elif isinstance(block, blocks.BaseStructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                _collect_raw(child, raw[name], parts)
            else:
                _collect(child.get_default(), parts)  # as StructBlock.to_python fills a missing child
    elif isinstance(block, blocks.ListBlock):  # key points, bullets: each item, stored bare or as {"type": "item", ...}
        for item in raw if isinstance(raw, list) else ():
            is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            _collect_raw(block.child_block, item["value"] if is_wrapped else item, parts)
    elif not isinstance(block, blocks.ChooserBlock):
        _collect(block.to_python(raw), parts)


@cache
def _wagtail():
    """Wagtail's block and rich text classes, imported once the apps are ready (not with this module)."""
    from wagtail import blocks
    from wagtail.rich_text import RichText

    return SimpleNamespace(blocks=blocks, RichText=RichText)
