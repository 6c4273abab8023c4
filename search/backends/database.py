"""The database backend: the SearchEntry table, matched word by word. Works on SQLite and PostgreSQL.

Documents are stored folded (' word word '), so a term matches whole words only, like the
Elasticsearch backend's standard analyser. On SQLite an FTS5 index finds and ranks the matching rows
(sqlite_fts.py); elsewhere, or without it, the rows are found by scanning and scored in Python, with
the same matches. Facets are counted in Python over the short columns of the matching rows, which
keeps both databases identical.
"""

import re
from collections import Counter
from difflib import get_close_matches
from functools import reduce
from itertools import chain
from operator import itemgetter, or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce

from search.backends import sqlite_fts
from search.backends.base import SearchBackend
from search.documents import FACETS, TYPE_LABELS
from search.models import SearchEntry
from search.query import Hit, SearchResults
from search.text import searchable, snippet_html, words

TITLE_WEIGHT = 3.0
THEME_WEIGHT = 2.0
FACET_SIZE = 20
# What facets and sorting need of every matching row: the short columns only.
ROW_FIELDS = ("pk", "type", "themes", "sectors", "region", "countries", "published")
PK, TYPE, THEMES, SECTORS, REGION, COUNTRIES, PUBLISHED, TITLE, TEXT = range(len(ROW_FIELDS) + 2)
FACET_COLUMNS = {"type": TYPE, "theme": THEMES, "sector": SECTORS, "region": REGION, "country": COUNTRIES}
PACKED = {THEMES, SECTORS, COUNTRIES}


def _pack(values):
    return "|" + "|".join(values) + "|" if values else ""


def _unpack(value):
    return [v for v in (value or "").split("|") if v]


def _visible(communities):
    return Q(community__isnull=True) | Q(community__in=list(communities or ()))


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self, full_text=None):
        """`full_text` True or False overrides SEARCH_DATABASE_FULL_TEXT (tests compare the two paths)."""
        self._full_text = full_text

    @property
    def full_text(self):
        # Off by default: a browser test saw the FTS index answer with the wrong rows after a day of
        # edits (a title that did not match, then no hits at all), so scanning, which agrees with it
        # on every contract test, answers until that is understood.
        wanted = settings.SEARCH_DATABASE_FULL_TEXT if self._full_text is None else self._full_text
        return bool(wanted) and sqlite_fts.installed()

    # --- writing -------------------------------------------------------------------------------
    def upsert(self, documents):
        """Replace the rows of these documents in one transaction: a delete and a bulk insert per call."""
        rows = {doc.doc_id: SearchEntry(doc_id=doc.doc_id, **self._row(doc)) for doc in documents}
        if not rows:
            return
        with transaction.atomic():
            _delete(SearchEntry.objects.filter(doc_id__in=list(rows)))
            SearchEntry.objects.bulk_create(rows.values(), batch_size=200)

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
        _delete(SearchEntry.objects.filter(doc_id__in=list(doc_ids)))

    def clear(self):
        _delete(SearchEntry.objects.all())
        if connection.vendor == "sqlite" and not sqlite_fts.installed():
            sqlite_fts.install()  # a later migration that remade the table dropped it: the rebuild restores it

    def count(self):
        return SearchEntry.objects.count()

    # --- reading -------------------------------------------------------------------------------
    def _matching(self, groups, communities):
        rows = SearchEntry.objects.filter(_visible(communities))
        if groups and self.full_text:
            sql, params = sqlite_fts.matching_ids_sql(sqlite_fts.match_expression(groups))
            return rows.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (the words are a parameter)
        for group in groups:
            rows = rows.filter(reduce(or_, (self._phrase_q(phrase) for phrase in group)))
        return rows

    @staticmethod
    def _phrase_q(phrase):
        needle = f" {' '.join(phrase)} "
        return Q(title_search__contains=needle) | Q(text_search__contains=needle)

    def search(self, query, communities):
        rows = self._matching(query.groups, communities)
        fields = ROW_FIELDS
        if query.groups:  # scoring needs the title, and the text itself where no index counts its words
            fields = (*fields, "title_search") if self.full_text else (*fields, "title_search", "text_search")
        candidates = _fetch(rows, fields)
        filters = {name: set(values) for name, values in query.filters.items()}
        chosen, facets = _filter_and_count(candidates, filters)
        chosen = sorted(chosen, key=itemgetter(PUBLISHED), reverse=True)  # newest first, also among equal scores
        scores = self._scores(chosen, query) if query.groups else {}
        if query.groups and query.sort != "newest":
            chosen.sort(key=lambda row: scores.get(row[PK], 0.0), reverse=True)
        page = chosen[query.offset : query.offset + query.page_size]
        entries = SearchEntry.objects.in_bulk([row[PK] for row in page])
        # A row replaced by an upsert since it was matched is skipped, not an error.
        hits = [
            self._hit(entries[row[PK]], query.groups, scores.get(row[PK], 0.0)) for row in page if row[PK] in entries
        ]
        results = SearchResults(query=query, total=len(chosen), hits=hits, facets=facets, backend=self.name)
        if not chosen and query.groups:
            results.did_you_mean = self._did_you_mean(query.text, communities)
        return results

    def _scores(self, rows, query):
        """{entry id: relevance}. Per term group a title match counts most, then a theme, then the text
        (1 to 2 by how much it says); the whole query as a phrase in the title adds a title's worth. The
        text's part comes from the full-text index's BM25 where there is one, else from counting."""
        scorer = _Scorer(query.groups, query.text)
        if not self.full_text:
            return {row[PK]: scorer.fields(row) + scorer.text(row[TEXT]) for row in rows}
        ranks = sqlite_fts.ranked_ids(sqlite_fts.match_expression(query.groups), weights=sqlite_fts.TEXT_ONLY)
        top = max(ranks.values(), default=0.0) or 1.0
        groups = len(query.groups)
        return {row[PK]: scorer.fields(row) + groups * (1 + ranks.get(row[PK], 0.0) / top) for row in rows}

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
        rows = SearchEntry.objects.filter(_visible(communities)).values_list("title_search", "themes")[:5000]
        titles, themes = zip(*rows, strict=True) if rows else ((), ())
        # Titles are stored as folded words already; themes are few, so each distinct set is split once.
        vocabulary = set(" ".join(titles).split()) | set(words(" ".join(set(themes)).replace("|", " ")))
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
        if self.full_text:
            sql, params = sqlite_fts.matching_ids_sql(sqlite_fts.prefix_expression(complete, last))
            rows = rows.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (the words are a parameter)
        else:
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


def _delete(queryset):
    """Delete rows in one statement. Search listens to post_delete for every model, which would make
    Django fetch and signal each row first; SearchEntry rows are not content, so nothing needs telling."""
    queryset._raw_delete(queryset.db)


def _fetch(queryset, fields):
    """Rows as plain tuples, straight from the cursor: no model or dict per row and no datetime parsing
    (dates are only compared here, as ISO text, '' when missing; the page's hits are loaded as models).
    Order follows `fields`."""
    queryset = queryset.annotate(published_text=Coalesce(Cast("published", CharField()), Value("")))
    fields = ["published_text" if name == "published" else name for name in fields]
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _accepted(rows, name, accepted):
    """For each row, whether it has one of the accepted values of a facet (packed lists hold '|value|')."""
    column = FACET_COLUMNS[name]
    if column not in PACKED:
        return [row[column] in accepted for row in rows]
    needles = [f"|{value}|" for value in accepted]
    if len(needles) == 1:
        needle = needles[0]
        return [needle in (row[column] or "") for row in rows]
    return [any(needle in (row[column] or "") for needle in needles) for row in rows]


def _filter_and_count(rows, filters):
    """The rows passing every filter, and each facet's counts over the rows passing every other filter
    (so a facet's own filter never hides its other values)."""
    passes = {name: _accepted(rows, name, accepted) for name, accepted in filters.items()}
    chosen = [row for row, *ok in zip(rows, *passes.values(), strict=True) if all(ok)] if passes else rows
    facets = {}
    for name in FACETS:
        others = [ok for key, ok in passes.items() if key != name]
        if name in passes:
            counted = [row for row, *ok in zip(rows, *others, strict=True) if all(ok)] if others else rows
        else:
            counted = chosen
        facets[name] = _top(_count(counted, FACET_COLUMNS[name]))
    return chosen, facets


def _count(rows, column):
    if column in PACKED:  # '|a|b|' splits into '', 'a', 'b', '': count every piece, drop the empty ones
        counts = Counter(chain.from_iterable(row[column].split("|") for row in rows if row[column]))
        counts.pop("", None)
        return counts
    counts = Counter(row[column] for row in rows)
    counts.pop("", None)
    counts.pop(None, None)
    return counts


def _top(counts):
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
    return [{"value": value, "count": count} for value, count in ordered]


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


class _Scorer:
    """Relevance for one query, over rows of ROW_FIELDS followed by title_search (and text_search).
    Each group's phrases become one regular expression, and each theme is matched once per query, since
    this runs for every matching row."""

    def __init__(self, groups, text):
        self.needles = [[f" {' '.join(phrase)} " for phrase in group] for group in groups]
        self.patterns = [re.compile("|".join(re.escape(needle) for needle in needles)) for needles in self.needles]
        phrase = searchable(text)
        self.phrase = phrase if len(groups) > 1 and len(phrase) > 2 else None
        self._themes = {}

    def _groups_in_theme(self, theme):
        if theme not in self._themes:
            folded = searchable(theme)
            self._themes[theme] = frozenset(i for i, pattern in enumerate(self.patterns) if pattern.search(folded))
        return self._themes[theme]

    def fields(self, row):
        title = row[TITLE]
        score = TITLE_WEIGHT * sum(1 for pattern in self.patterns if pattern.search(title))
        themed = set()
        for theme in _unpack(row[THEMES]):
            themed |= self._groups_in_theme(theme)
        score += THEME_WEIGHT * len(themed)
        if self.phrase and self.phrase in title:
            score += TITLE_WEIGHT
        return score

    def text(self, body):
        score = 0.0
        for needles in self.needles:
            occurrences = sum(body.count(needle) for needle in needles)
            score += min(occurrences, 10) / 10 + (1.0 if occurrences else 0.0)
        if self.phrase and self.phrase in body:
            score += 1.0
        return score
