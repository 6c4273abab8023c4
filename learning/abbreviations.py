"""Explaining abbreviations where they appear: the first use of each glossary term on a page gets an
<abbr> with its expansion, so readers (and screen readers) learn what CAR or SDS stand for."""

import re

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe

from learning.models import GlossaryTerm

CACHE_KEY = "learning:abbreviations:v1"
# Only text between tags is touched, and never inside links, headings' anchors or existing <abbr>.
_TEXT_OUTSIDE_TAGS = re.compile(r"(<[^>]+>)")
_SKIP_INSIDE = ("a", "abbr", "code", "pre", "script", "style")


def abbreviations():
    """{abbreviation: expansion} for glossary terms written as abbreviations (all capitals)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = {t.term: t.expansion for t in GlossaryTerm.objects.all() if t.term.isupper()}
        cache.set(CACHE_KEY, found, 300)
    return found


def forget_abbreviations():
    cache.delete(CACHE_KEY)


def explain(html):
    """The HTML with the first use of each known abbreviation wrapped in <abbr title="...">."""
    terms = abbreviations()
    if not terms or not html:
        return html
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b")
    seen, parts, skipping = set(), [], []
    for part in _TEXT_OUTSIDE_TAGS.split(str(html)):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _SKIP_INSIDE and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(name.group(1).lower())
            parts.append(part)
            continue
        if skipping:
            parts.append(part)
            continue

        def wrap(match):
            term = match.group(1)
            if term in seen:
                return term
            seen.add(term)
            return f'<abbr title="{escape(terms[term])}">{term}</abbr>'

        parts.append(pattern.sub(wrap, part))
    return mark_safe("".join(parts))  # noqa: S308 (input was safe HTML; only <abbr> with escaped titles is added)
