"""The database backend: the SearchEntry table, matched stem by stem. Works on SQLite and PostgreSQL.

Documents are stored analysed by search.text (' stem stem ~ compounds '), so a term matches whole
words in any of their forms, exactly as in the Elasticsearch backend. Each term group of a query is
looked up in a full-text index (FTS5 on SQLite, sqlite_fts.py; a tsvector with a GIN index on
PostgreSQL, postgres_fts.py), or, without one, found by scanning; a row must match enough groups
(search.text.required_coverage) and is scored in Python from its title, themes and the index's rank.
Facets are counted in Python over the short columns of the matching rows, which keeps both
databases identical.
"""

import math
import re
from collections import Counter
from functools import reduce
from itertools import chain
from operator import itemgetter, or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Coalesce

from search.backends import postgres_fts, short_rows, sqlite_fts
from search.backends.base import SearchBackend
from search.documents import FACETS, TYPE_LABELS
from search.models import SearchEntry
from search.query import Hit, SearchResults
from search.text import (
    PEER_LIFT,
    PEER_TYPES,
    RELATED_WEIGHT,
    TIE_BREAKER,
    analysed,
    asks_peers,
    required_coverage,
    searchable,
    snippet_html,
    stems,
    title_html,
    whole_phrase,
    words,
    words_between,
)

TITLE_WEIGHT = 4.0
THEME_WEIGHT = 3.0
TEXT_RANGE = 2.0  # a text match scores 1, and up to this much more the more strongly the text says it
FACET_SIZE = 20
# What facets and sorting need of every matching row: the short columns only.
ROW_FIELDS = ("pk", "type", "themes", "sectors", "region", "countries", "published")
PK, TYPE, THEMES, SECTORS, REGION, COUNTRIES, PUBLISHED, TITLE, TEXT = range(len(ROW_FIELDS) + 2)
# Kept in memory (short_rows.py): the row fields, the folded title for scoring, the access field.
SHORT_FIELDS = (*ROW_FIELDS, "title_search", "community")
COMMUNITY = TEXT
# A group matching more rows than this is too common to rank by how strongly each text says it
# (BM25 for thousands of rows costs more than the rest of the search); its matches count plainly.
RANKED_MATCHES = 2000
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
        """Whether a full-text index answers: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.
        Each checks that it is installed whole (a table remade by a migration loses SQLite's triggers)."""
        wanted = settings.SEARCH_DATABASE_FULL_TEXT if self._full_text is None else self._full_text
        if not wanted:
            return False
        if connection.vendor == "sqlite":
            return sqlite_fts.installed()
        return postgres_fts.installed()

    # --- writing -------------------------------------------------------------------------------
    def upsert(self, documents):
        """Replace the rows of these documents in one transaction: a delete and a bulk insert per call."""
        rows = {doc.doc_id: SearchEntry(doc_id=doc.doc_id, **self._row(doc)) for doc in documents}
        if not rows:
            return
        with transaction.atomic():
            _delete(SearchEntry.objects.filter(doc_id__in=list(rows)))
            SearchEntry.objects.bulk_create(rows.values(), batch_size=200)
            short_rows.bump()

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
            # Part by part, so each long text is analysed once for both backends (search.text.analysed).
            "text_search": f" {' '.join(analysed(part) for part in _text_parts(doc) if part)} ",
        }

    def delete(self, doc_ids):
        with transaction.atomic():
            _delete(SearchEntry.objects.filter(doc_id__in=list(doc_ids)))
            short_rows.bump()

    def clear(self):
        with transaction.atomic():
            if connection.vendor == "postgresql":  # no row-by-row delete of the whole table (a rebuild)
                with connection.cursor() as cursor:
                    cursor.execute(f"TRUNCATE {SearchEntry._meta.db_table}")  # noqa: S608 (a constant name)
            else:
                _delete(SearchEntry.objects.all())
            short_rows.bump()
        # An index a later migration dropped (SQLite's remade table loses its triggers): the rebuild restores it.
        if connection.vendor == "sqlite" and not sqlite_fts.installed():
            sqlite_fts.install()
        elif connection.vendor == "postgresql" and not postgres_fts.installed():
            postgres_fts.install()

    def count(self):
        return SearchEntry.objects.count()

    # --- reading -------------------------------------------------------------------------------
    @property
    def matcher(self):
        """Where each term group's matches come from: a full-text index where the database has one."""
        if self.full_text:
            return sqlite_fts if connection.vendor == "sqlite" else postgres_fts
        return None

    def _short_rows(self, communities, ids=None, version=None):
        """The short columns of the visible rows (of those with these ids), from this process's copy."""
        by_id, every = short_rows.rows(_fetch, SHORT_FIELDS, version)
        allowed = set(communities or ())
        if ids is None:
            candidates = every
        else:
            candidates = [by_id[pk] for pk in ids if pk in by_id]
        return [row for row in candidates if row[COMMUNITY] is None or row[COMMUNITY] in allowed]

    def search(self, query, communities):
        if not query.groups:
            if self.matcher is None:
                rows = _fetch(SearchEntry.objects.filter(_visible(communities)), ROW_FIELDS)
            else:
                rows = self._short_rows(communities)
            matched, scores, group_counts = rows, {}, []
        else:
            matched, scores, group_counts = self._match(query, communities)
        filters = {name: set(values) for name, values in query.filters.items()}
        chosen, facets = _filter_and_count(matched, filters)
        chosen = sorted(chosen, key=itemgetter(PUBLISHED), reverse=True)  # newest first, also among equal scores
        if query.groups and query.sort != "newest":
            chosen.sort(key=lambda row: scores.get(row[PK], 0.0), reverse=True)
        page = chosen[query.offset : query.offset + query.page_size]
        entries = SearchEntry.objects.in_bulk([row[PK] for row in page])
        # A row replaced by an upsert since it was matched is skipped, not an error.
        hits = [
            self._hit(entries[row[PK]], query.groups, scores.get(row[PK], 0.0)) for row in page if row[PK] in entries
        ]
        return SearchResults(
            query=query,
            total=len(chosen),
            hits=hits,
            facets=facets,
            backend=self.name,
            group_counts=group_counts,
        )

    def _match(self, query, communities):
        """The rows matching enough of the query's groups, their scores, and how many visible rows match
        each group (spelling corrections leave alone the words that something matches)."""
        groups = query.groups
        phrase = whole_phrase(groups)
        matcher = self.matcher  # asked once a search: whether the index is installed costs a query
        if matcher is None:
            found = self._scan(groups, phrase, communities)
        else:
            found = self._look_up(matcher, groups, phrase, communities)
        rows, exact, related, strength, apart = found
        scorer = _Scorer(groups)
        minimum = query.minimum if query.minimum is not None else required_coverage(groups)
        peers = asks_peers(query.text)
        counts = [0] * len(groups)
        weighed = []
        for row in rows:
            pk = row[PK]
            weights = [
                1.0 if pk in exact[i] else RELATED_WEIGHT if pk in related[i] else 0.0 for i in range(len(groups))
            ]
            covered = 0
            for i, weight in enumerate(weights):
                if weight:
                    counts[i] += 1
                    covered += 0 if groups[i].optional else groups[i].size
            if covered >= minimum:
                weighed.append((row, weights))
        scorer.weigh_rarity(counts, len(short_rows.rows(_fetch, SHORT_FIELDS)[1]))
        matched, scores = [], {}
        for row, weights in weighed:
            pk = row[PK]
            matched.append(row)
            scores[pk] = scorer.score(row, weights, strength) + _phrase_lift(apart.get(pk))
            if peers and row[TYPE] in PEER_TYPES:
                scores[pk] *= PEER_LIFT
        return matched, scores, counts

    def _look_up(self, matcher, groups, phrase, communities):
        """Each group's matches from the full-text index (ids, and a text strength unless the group is
        too common to rank by), then the short columns of the visible rows among them. A group's related
        phrases (a glossary entry's, the same for every query naming it) match the same entries until the
        index is written: their matches are kept with the short columns (short_rows.py)."""
        version = short_rows.current_version()
        with matcher.lookups():
            exact, related, strength, apart = self._lookups(matcher, groups, phrase, version)
        ids = set().union(*exact, *related)
        return self._short_rows(communities, ids, version), exact, related, strength, apart

    def _lookups(self, matcher, groups, phrase, version):
        """Each group's matches (exact and related), the text strengths, and the rows saying the whole phrase
        within a few words (how many words apart)."""
        exact, related, strength = [], [], {}
        for index, group in enumerate(groups):
            # One query finds and ranks a group's matches when they are few (most groups); only a common
            # group asks again for all of its ids, unranked.
            ranks = matcher.ranked_ids(group.phrases, limit=RANKED_MATCHES + 1)
            if len(ranks) > RANKED_MATCHES:
                ids, ranks = matcher.matching_ids(group.phrases), {}
            else:
                ids = set(ranks)
            top = max(ranks.values(), default=0.0) or 1.0
            for pk, rank in ranks.items():
                strength[(pk, index)] = rank / top
            if group.loose:  # the phrase's words apart: every one of them
                ids = ids | matcher.ids_holding_all(group.loose)
            exact.append(ids)
            related.append(short_rows.matches(group.related, matcher.matching_ids, version) if group.related else set())
        apart = matcher.words_apart(phrase) if phrase else {}
        return exact, related, strength, apart

    def _scan(self, groups, phrase, communities):
        """Without an index: the rows holding any phrase, found with LIKE, then matched in Python."""
        needles = {_needle(p) for group in groups for p in (*group.all_phrases, *((w,) for w in group.loose[:1]))}
        condition = reduce(or_, (Q(title_search__contains=n) | Q(text_search__contains=n) for n in needles))
        rows = _fetch(
            SearchEntry.objects.filter(_visible(communities)).filter(condition),
            (*ROW_FIELDS, "title_search", "text_search"),
        )
        exact, related = [set() for _ in groups], [set() for _ in groups]
        strength, apart = {}, {}
        for row in rows:
            text = row[TITLE] + row[TEXT]
            for index, group in enumerate(groups):
                occurrences = sum(text.count(_needle(p)) for p in group.phrases)
                if occurrences:
                    exact[index].add(row[PK])
                    strength[(row[PK], index)] = min(occurrences, 10) / 10
                elif group.loose and all(_needle((word,)) in text for word in group.loose):
                    exact[index].add(row[PK])
                elif any(_needle(p) in text for p in group.related):
                    related[index].add(row[PK])
            if phrase and (between := words_between(text, phrase)) is not None:
                apart[row[PK]] = between
        return rows, exact, related, strength, apart

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
            title_html=title_html(entry.title, groups),
        )

    def vocabulary_rows(self, limit):
        rows = SearchEntry.objects.filter(community__isnull=True).values_list("title", "summary", "themes")[:limit]
        return [(title, summary, _unpack(themes)) for title, summary, themes in rows]

    def suggest(self, text, communities, limit=8):
        tokens = stems(text)
        if not tokens:
            return []
        *complete, _ = tokens
        last = words(text)[-1]
        rows = SearchEntry.objects.filter(_visible(communities)).exclude(type="post")
        for word in complete:
            rows = rows.filter(title_search__contains=f" {word} ")
        rows = rows.filter(title__icontains=last)
        found = list(rows.order_by("title").values_list("title", "url", "type")[:200])
        return [{"title": title, "url": url, "type": type_} for title, url, type_ in found]

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


def _phrase_lift(apart):
    """What saying the query's content words as one phrase adds, wherever it is said: 1 as typed, less the
    more words apart (Lucene's 1 / (1 + distance), as Elasticsearch's phrase query with slop scores it).
    Not scaled up in the title as Elasticsearch's field boost does: a title match already counts
    TITLE_WEIGHT for each group, and tripling the lift there put a thread titled "a CAR group" above
    the page on setting up a collaborative action research group."""
    return 0.0 if apart is None else 1.0 / (1 + apart)


def _needle(phrase):
    return f" {' '.join(phrase)} "


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
    """Relevance of one row for one query: per matched group, the field that says it best counts in full
    and each other field that says it TIE_BREAKER of its own, as Elasticsearch's multi_match scores
    fields: a title counts most, then a theme, then the text (1 to 3 by how strongly it says it, so a
    thread saying a word throughout can outrank a page whose theme names it); a group matched only
    through a related phrase counts as a plain match at half weight, so it ranks below the words typed;
    a filler word counts half."""

    def __init__(self, groups):
        self.groups = groups
        self.patterns = [re.compile("|".join(re.escape(_needle(p)) for p in group.all_phrases)) for group in groups]
        self._themes = {}
        self.rarity = [1.0] * len(groups)

    def weigh_rarity(self, counts, total):
        """Weigh each group by how few documents say it, as BM25's idf weighs a term (Elasticsearch's
        scoring does so too): a rare word typed ("agreement") counts for more than a common one
        ("long"). Scaled so the groups found average 1, keeping a group's weight beside the phrase lift."""
        idf = [math.log(1 + (total - n + 0.5) / (n + 0.5)) if n else 0.0 for n in counts]
        found = [value for value in idf if value]
        mean = sum(found) / len(found) if found else 1.0
        self.rarity = [math.sqrt(value / mean) if value else 1.0 for value in idf]

    def _groups_in_theme(self, theme):
        if theme not in self._themes:
            folded = searchable(theme)
            self._themes[theme] = frozenset(i for i, pattern in enumerate(self.patterns) if pattern.search(folded))
        return self._themes[theme]

    def score(self, row, weights, strength):
        themed = set()
        for theme in _unpack(row[THEMES]):
            themed |= self._groups_in_theme(theme)
        title = row[TITLE]
        total = 0.0
        for index, weight in enumerate(weights):
            if not weight:
                continue
            in_title, in_theme = bool(self.patterns[index].search(title)), index in themed
            if weight < 1.0:  # only through a related phrase: a plain match, lifted a little by title or theme
                part = 1.0 + (1.0 if in_title or in_theme else 0.0)
            else:
                fields = [1.0 + TEXT_RANGE * strength.get((row[PK], index), 0.0)]
                fields += [TITLE_WEIGHT] * in_title + [THEME_WEIGHT] * in_theme
                best = max(fields)
                part = best + TIE_BREAKER * (sum(fields) - best)
            if self.groups[index].optional:
                weight *= 0.5
            # a phrase counts as the words it stands for; a rare group more (weigh_rarity)
            total += weight * part * self.groups[index].size * self.rarity[index]
        return total
