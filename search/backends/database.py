"""The database backend: the SearchEntry table, matched word by word. Works on SQLite and PostgreSQL.

Documents are stored folded (' word word '), so a term matches whole words only, like the
Elasticsearch backend's standard analyser. Scoring and facets are computed in Python over the
matching rows, which keeps both databases identical and is fast enough for the embedded profile.
"""

from collections import Counter
from difflib import get_close_matches
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q

from search.backends.base import SearchBackend
from search.documents import FACETS, TYPE_LABELS
from search.models import SearchEntry
from search.query import FILTER_FIELDS, Hit, SearchResults
from search.text import searchable, snippet_html, words

LIST_FIELDS = ("themes", "sectors", "countries")
TITLE_WEIGHT = 3.0
THEME_WEIGHT = 2.0
FACET_SIZE = 20


def _pack(values):
    return "|" + "|".join(values) + "|" if values else ""


def _unpack(value):
    return [v for v in (value or "").split("|") if v]


def _visible(communities):
    return Q(community__isnull=True) | Q(community__in=list(communities or ()))


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- writing -------------------------------------------------------------------------------
    def upsert(self, documents):
        with transaction.atomic():
            for doc in documents:
                SearchEntry.objects.update_or_create(doc_id=doc.doc_id, defaults=self._row(doc))

    def _row(self, doc):
        return {
            "type": doc.type,
            "title": doc.title[:300],
            "url": doc.url,
            "published": doc.published,
            "summary": doc.summary,
            "body": doc.body,
            "themes": _pack(doc.themes),
            "sectors": _pack(doc.sectors),
            "region": doc.region,
            "countries": _pack(doc.countries),
            "study_type": doc.study_type,
            "strength": doc.strength,
            "author": doc.author,
            "community": doc.community,
            "title_search": searchable(doc.title),
            "text_search": searchable(" ".join(_text_parts(doc))),
        }

    def delete(self, doc_ids):
        SearchEntry.objects.filter(doc_id__in=list(doc_ids)).delete()

    def clear(self):
        SearchEntry.objects.all().delete()

    def count(self):
        return SearchEntry.objects.count()

    # --- reading -------------------------------------------------------------------------------
    def _matching(self, groups, communities):
        rows = SearchEntry.objects.filter(_visible(communities))
        for group in groups:
            rows = rows.filter(reduce(or_, (self._phrase_q(phrase) for phrase in group)))
        return rows

    @staticmethod
    def _phrase_q(phrase):
        needle = f" {' '.join(phrase)} "
        return Q(title_search__contains=needle) | Q(text_search__contains=needle)

    def search(self, query, communities):
        fields = ["pk", "type", "themes", "sectors", "region", "countries", "published", "title_search", "text_search"]
        candidates = list(self._matching(query.groups, communities).values(*fields))
        facets = {name: self._facet(candidates, query.filters, name) for name in FACETS}
        chosen = [row for row in candidates if _passes(row, query.filters)]
        for row in chosen:
            row["score"] = _score(row, query.groups, query.text)
        if query.sort == "newest" or not query.groups:
            chosen.sort(key=lambda r: (r["published"] is not None, r["published"]), reverse=True)
        else:
            chosen.sort(key=lambda r: (r["score"], r["published"] is not None, r["published"]), reverse=True)
        page_rows = chosen[query.offset : query.offset + query.page_size]
        entries = SearchEntry.objects.in_bulk([r["pk"] for r in page_rows])
        hits = [self._hit(entries[r["pk"]], query.groups, r["score"]) for r in page_rows]
        results = SearchResults(query=query, total=len(chosen), hits=hits, facets=facets, backend=self.name)
        if not chosen and query.groups:
            results.did_you_mean = self._did_you_mean(query.text, communities)
        return results

    def _facet(self, rows, filters, name):
        others = {key: values for key, values in filters.items() if key != name}
        counts = Counter()
        for row in rows:
            if _passes(row, others):
                counts.update(_facet_values(row, name))
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        return [{"value": value, "count": count} for value, count in ordered]

    def _hit(self, entry, groups, score):
        text = entry.summary if not groups else f"{entry.summary} {entry.body}"
        return Hit(
            doc_id=entry.doc_id,
            type=entry.type,
            title=entry.title,
            url=entry.url,
            snippet_html=snippet_html(text, groups),
            themes=_unpack(entry.themes),
            published=entry.published,
            score=round(score, 4),
        )

    def _did_you_mean(self, text, communities):
        vocabulary = set()
        for title, themes in SearchEntry.objects.filter(_visible(communities)).values_list("title", "themes")[:5000]:
            vocabulary.update(words(title))
            vocabulary.update(words(themes.replace("|", " ")))
        corrected, changed = [], False
        for word in words(text):
            if word in vocabulary or len(word) < 3:
                corrected.append(word)
                continue
            close = get_close_matches(word, vocabulary, n=1, cutoff=0.75)
            corrected.append(close[0] if close else word)
            changed = changed or bool(close)
        return " ".join(corrected) if changed else None

    def suggest(self, text, communities, limit=8):
        tokens = words(text)
        if not tokens:
            return []
        *complete, last = tokens
        rows = SearchEntry.objects.filter(_visible(communities))
        for word in complete:
            rows = rows.filter(title_search__contains=f" {word} ")
        rows = rows.filter(title_search__contains=f" {last}")
        return [
            {"title": title, "url": url, "type": type_}
            for title, url, type_ in rows.order_by("title").values_list("title", "url", "type")[:limit]
        ]

    def more_like_this(self, doc_id, communities, limit=3):
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None:
            return []
        themes = _unpack(entry.themes)
        if not themes:
            return []
        rows = SearchEntry.objects.filter(_visible(communities)).exclude(pk=entry.pk)
        rows = rows.filter(reduce(or_, (Q(themes__contains=f"|{t}|") for t in themes)))
        scored = sorted(
            rows[:500],
            key=lambda r: (len(set(_unpack(r.themes)) & set(themes)), r.published is not None, r.published),
            reverse=True,
        )
        return [self._hit(r, [], 0.0) for r in scored[:limit]]


def _facet_values(row, name):
    field = FILTER_FIELDS[name]
    value = row[field]
    return _unpack(value) if field in LIST_FIELDS else ([value] if value else [])


def _passes(row, filters):
    return all(set(_facet_values(row, name)) & set(values) for name, values in filters.items())


def _text_parts(doc):
    """Everything a query may match besides the title: the text, and the words that place and describe it."""
    return [
        doc.summary,
        doc.body,
        " ".join(doc.themes),
        doc.author,
        doc.region,
        " ".join(doc.countries),
        doc.study_type,
        TYPE_LABELS.get(doc.type, ""),
    ]


def _score(row, groups, text):
    """Per term group: a title match counts most, then a theme match, then how often the text mentions it.
    The whole query found as a phrase adds to that, so 'trust in the police' ranks the page that says so."""
    score = 0.0
    themes = "|".join(searchable(theme) for theme in _unpack(row["themes"]))
    for group in groups:
        needles = [f" {' '.join(p)} " for p in group]
        if any(n in row["title_search"] for n in needles):
            score += TITLE_WEIGHT
        if any(n in themes for n in needles):
            score += THEME_WEIGHT
        occurrences = sum(row["text_search"].count(n) for n in needles)
        score += min(occurrences, 10) / 10 + (1.0 if occurrences else 0.0)
    phrase = searchable(text)
    if len(groups) > 1 and len(phrase) > 2:
        score += TITLE_WEIGHT if phrase in row["title_search"] else 0.0
        score += 1.0 if phrase in row["text_search"] else 0.0
    return score
