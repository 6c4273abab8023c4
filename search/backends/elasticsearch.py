"""The Elasticsearch backend, through elasticsearch.dsl.

Documents live in a timestamped index behind an alias (`<prefix>-content`), so a rebuild fills a
new index and swaps the alias atomically. The analysis profile depends on the cluster: the minimal
distribution has only the core (standard analyser), a full one adds folding and English stemming.
The profile is detected with the `_analyze` API, never guessed.
"""

import itertools
import math
import time
from functools import cached_property, lru_cache

from django.conf import settings
from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, MultiSearch, Q, Search, Text

from search.backends.base import BackendUnavailable, SearchBackend
from search.client import get_client
from search.documents import FACETS, TYPE_LABELS
from search.query import FILTER_FIELDS, Hit, SearchResults
from search.text import (
    PEER_LIFT,
    PEER_TYPES,
    RELATED_WEIGHT,
    TAIL,
    TIE_BREAKER,
    analysed,
    asks_peers,
    minimum_lowered,
    needs_every_word_known,
    required_coverage,
    snippet_html,
    title_html,
    whole_phrase,
    words,
)

FACET_SIZE = 20
# How a field's text scores: BM25 with a field's length counting for less than Lucene's default (b 0.75).
# The database backend ranks a group's matches by the best of where they are said (title, theme) and
# the text's strength against the best match's (1 to 3); with the default, a short thread or reply saying a word
# once outscored the page about it (a new index's setting: `manage.py search_index rebuild` applies it).
SIMILARITY = {"cop_bm25": {"type": "BM25", "k1": 1.2, "b": 0.3}}
TITLE_BOOST = 3
MERGE_TIMEOUT = 600  # seconds: merging a large new index takes longer than the client's usual timeout
# Where a query's stems are looked for, and how much a match in each counts. These fields hold text
# analysed by search.text (stems, joined compounds), split on spaces by the node, never stemmed again.
TERM_FIELDS = [
    f"title_terms^{TITLE_BOOST}",
    "summary_terms^1.5",
    "body_terms",
    "themes_terms^2",
    "place_terms^2",
    "about_terms",
]
LOOSE_WEIGHT = 0.5  # a glossary phrase's words apart, against 1 for the phrase said whole
LIFT_FIELDS = ["title_terms", "themes_terms"]  # a related phrase said here is what the document is about
PHRASE_FIELDS = [f"title_terms^{TITLE_BOOST}", "summary_terms^1.5", "body_terms", "themes_terms^2"]
HIT_FIELDS = ["doc_id", "type", "title", "url", "summary", "body", "themes", "published"]
# Text fields as people wrote them are kept for display and for title suggestions only.
_PROFILE_ANALYSERS = {
    # What every node has: the standard tokenizer, lower case. For the pre-analysed fields, nothing more.
    "cop_terms": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
}

ANALYSIS_PROFILES = {
    # Only what the server core offers: the standard tokenizer and lowercase filter.
    "minimal": {
        "analyzer": {
            "cop_text": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            **_PROFILE_ANALYSERS,
        }
    },
    # With the analysis-common module: accents folded in titles typed into suggestions. Matching uses the
    # pre-analysed fields on both profiles, so the two behave the same.
    "full": {
        "analyzer": {
            "cop_text": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
            **_PROFILE_ANALYSERS,
        },
    },
}


def _any_phrase(phrases, fields):
    return Q(
        "bool",
        should=[Q("multi_match", query=" ".join(phrase), type="phrase", fields=fields) for phrase in phrases],
        minimum_should_match=1,
    )


@lru_cache(maxsize=256)
def coverage_copies(weights, minimum):
    """(copies of each group, how many copies must match): the fewest clauses that let a document through
    exactly when the weights of the groups it matches add up to `minimum`. A glossary phrase of two words
    alone needs one copy, not two; "involve frontline staff" (3) beside "decisions" (1) needing three needs
    the phrase alone. A group given no copy never decides (it still scores)."""
    capped = tuple(min(weight, minimum) for weight in weights)
    if math.prod(weight + 1 for weight in capped) > 1024:  # too many to try: each group as often as it counts
        return capped, minimum
    matched = list(itertools.product((False, True), repeat=len(capped)))
    wanted = [sum(w for w, m in zip(capped, match, strict=True) if m) >= minimum for match in matched]
    best = (capped, minimum)
    for copies in itertools.product(*(range(weight + 1) for weight in capped)):
        if sum(copies) >= sum(best[0]):
            continue
        for needed in range(1, sum(copies) + 1):
            if all(
                (sum(c for c, m in zip(copies, match, strict=True) if m) >= needed) == want
                for match, want in zip(matched, wanted, strict=True)
            ):
                best = (copies, needed)
                break
    return best


def _every_match_has_every_word(groups, minimum):
    """Whether no document can reach the coverage without matching every content word's group, so any
    match shows that each of them is in some document and counting them (one more request) can tell
    nothing: "community planning partnership" is one group that every match has."""
    covering = sum(group.size for group in groups if not group.optional)
    return all(covering - group.size < minimum for group in groups if group.counted)


class ContentDocument(Document):
    doc_id = Keyword()
    type = Keyword()
    title = Text(analyzer="cop_text", fields={"raw": Keyword()})
    url = Keyword(index=False)
    published = Date()
    summary = Text(index=False)
    body = Text(index=False)
    themes = Keyword()
    sectors = Keyword()
    region = Keyword()
    countries = Keyword()
    study_type = Keyword()
    strength = Integer()
    author = Keyword()
    community = Keyword()  # "public" or a community id: the access field every query filters on
    title_terms = Text(analyzer="cop_terms", similarity="cop_bm25")
    # index_phrases stores word pairs too, so a phrase of common words ("community choices") is a lookup
    # rather than a walk through the positions of every document that has both words.
    summary_terms = Text(analyzer="cop_terms", index_phrases=True, similarity="cop_bm25")
    body_terms = Text(analyzer="cop_terms", index_phrases=True, similarity="cop_bm25")
    themes_terms = Text(analyzer="cop_terms", similarity="cop_bm25")
    place_terms = Text(analyzer="cop_terms", similarity="cop_bm25")  # council area and countries
    # author, study type, and the type's name ("evidence on ...")
    about_terms = Text(analyzer="cop_terms", similarity="cop_bm25")


def _transport_errors(method):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (TransportError, ApiError, ConnectionError, OSError) as exc:
            raise BackendUnavailable(f"Elasticsearch is unreachable: {exc}") from exc

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client=None, prefix=None):
        self._client = client
        self._get_client = get_client
        self.prefix = prefix or settings.SEARCH_INDEX_PREFIX
        self.alias = f"{self.prefix}-content"
        self._reader = (None, None, None)  # (client, read timeout, client with that timeout): _read_client

    @property
    def client(self):
        return self._client or self._get_client()

    # --- index management --------------------------------------------------------------------
    @cached_property
    def analysis_profile(self):
        """'full' when the cluster can stem English and fold accents, 'minimal' otherwise."""
        try:
            self.client.indices.analyze(tokenizer="standard", filter=["lowercase", "asciifolding"], text="Café")
            self.client.indices.analyze(analyzer="english", text="running")
        except ApiError:
            return "minimal"
        return "full"

    def index_definition(self, name, profile=None):
        index = Index(name, using=self.client)
        index.settings(
            number_of_shards=settings.SEARCH_INDEX_SHARDS,
            number_of_replicas=settings.SEARCH_INDEX_REPLICAS,
            analysis=ANALYSIS_PROFILES[profile or self.analysis_profile],
            similarity=SIMILARITY,
        )
        index.document(ContentDocument)
        return index

    @_transport_errors
    def create_index(self, profile=None):
        """A new empty timestamped index (not yet behind the alias); returns its name."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 100000}"
        self.index_definition(name, profile).create()
        return name

    @_transport_errors
    def ensure_index(self):
        """Make sure the alias points at an index; create one on first use."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.create_index()
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
        return self.alias

    @_transport_errors
    def current_indices(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    @_transport_errors
    def swap_alias(self, new_index):
        """Point the alias at `new_index` in one atomic step and delete the old indices.

        The new index is merged into one segment first: a bulk load leaves several, and every search
        pays for each (at 50,000 documents, p95 roughly halves). It is not live yet, so nobody waits.
        """
        self.client.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(index=new_index, max_num_segments=1)
        old = self.current_indices()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            if name != new_index:
                self.client.indices.delete(index=name, ignore_unavailable=True)

    @_transport_errors
    def drop(self):
        """Delete the alias and every index behind it (tests)."""
        names = set(self.current_indices()) | set(self.client.indices.get(index=f"{self.alias}-*").keys())
        for name in names:
            self.client.indices.delete(index=name, ignore_unavailable=True)

    # --- writing -------------------------------------------------------------------------------
    def _source(self, doc):
        data = dict(vars(doc))  # shallow: dataclasses.asdict deep-copies, half the cost of a bulk load
        data["community"] = "public" if doc.community is None else str(doc.community)
        if not doc.region:
            data["region"] = None  # no empty bucket in the council area facet
        data["title_terms"] = analysed(doc.title)
        data["summary_terms"] = analysed(doc.summary)
        data["body_terms"] = analysed(doc.body)
        data["themes_terms"] = [analysed(theme) for theme in doc.themes]
        data["place_terms"] = [analysed(place) for place in [doc.region, *doc.countries] if place]
        data["about_terms"] = analysed(f"{doc.author} {TAIL} {doc.study_type} {TAIL} {TYPE_LABELS.get(doc.type, '')}")
        return data

    @_transport_errors
    def upsert(self, documents, index=None, refresh=False):
        documents = list(documents)
        if not documents:
            return
        target = index or self.ensure_index()
        operations = []
        for doc in documents:
            operations.append({"index": {"_index": target, "_id": doc.doc_id}})
            operations.append(self._source(doc))
        response = self.client.bulk(operations=operations, refresh=refresh)
        if response.get("errors"):
            failed = [item["index"].get("error") for item in response["items"] if item["index"].get("error")]
            raise BackendUnavailable(f"Elasticsearch refused {len(failed)} documents: {failed[:1]}")

    @_transport_errors
    def delete(self, doc_ids, index=None, refresh=False):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        target = index or self.ensure_index()
        operations = [{"delete": {"_index": target, "_id": doc_id}} for doc_id in doc_ids]
        self.client.bulk(operations=operations, refresh=refresh)

    @_transport_errors
    def refresh(self):
        self.client.indices.refresh(index=self.alias)

    @_transport_errors
    def clear(self):
        # delete_by_query lives in the reindex module, which the minimal distribution lacks: swap in an empty index.
        self.swap_alias(self.create_index())

    @_transport_errors
    def count(self):
        if not self.client.indices.exists_alias(name=self.alias):
            return 0
        return self.client.count(index=self.alias)["count"]

    # --- reading -------------------------------------------------------------------------------
    def _read_client(self):
        # Reads wait SEARCH_READ_TIMEOUT at most, so a hung node costs a search little (search/breaker.py).
        # The client with that timeout is made once per client and timeout, not per search.
        client, timeout = self.client, settings.SEARCH_READ_TIMEOUT
        if self._reader[:2] != (client, timeout):
            self._reader = (client, timeout, client.options(request_timeout=timeout))
        return self._reader[2]

    def _search(self):
        return Search(using=self._read_client(), index=self.alias)

    @staticmethod
    def _visible(communities):
        return Q("terms", community=["public", *[str(c) for c in communities or ()]])

    @staticmethod
    def _group_query(group):
        """One term group: any of its phrases in any field (title boosted), scored by how strongly each
        field says it; a match in several fields counts for more than one in the best field alone
        (tie_breaker). A single word is weighed by how rare it is among the documents, whatever field
        says it (cross_fields: one idf for every field), as the database backend weighs a group by its
        rarity over the index; with each field's own idf, a word rare among titles but common in texts
        made one title saying it outrank the pages saying every word of the query. A phrase keeps each
        field's statistics (a phrase query cannot blend them). A related phrase counts less, and for no
        more words than the group stands for, as the database backend counts it: a phrase's BM25 adds up
        its words, so a related phrase longer than the words typed is scaled down to their number
        ("health and social care partnership", five words, for "trusted assessment", two). A concept
        group (a glossary entry the query describes) scores as the database backend scores it: a plain
        match at the related weight, doubled when a title or theme says it, never by how rare the entry's
        name is, so it stays below the pages that use the words typed."""
        alternatives = [
            Q(
                "multi_match",
                query=" ".join(phrase),
                type="phrase" if len(phrase) > 1 else "cross_fields",
                fields=TERM_FIELDS,
                tie_breaker=TIE_BREAKER,
            )
            for phrase in group.phrases
        ]
        if group.concept:  # each field asked once: a title or theme saying a related phrase counts double
            alternatives += [
                Q(
                    "constant_score",
                    filter=_any_phrase(group.related, [field]),
                    boost=(2 if field in LIFT_FIELDS else 1) * RELATED_WEIGHT,
                )
                for field in (name.split("^")[0] for name in TERM_FIELDS)
            ]
        else:
            alternatives += [
                Q(
                    "multi_match",
                    query=" ".join(phrase),
                    type="phrase",
                    fields=TERM_FIELDS,
                    tie_breaker=TIE_BREAKER,
                    boost=RELATED_WEIGHT * min(1.0, group.size / len(phrase)),
                )
                for phrase in group.related
            ]
        if group.loose:  # a glossary phrase's words apart: a plain match, below the phrase said as typed
            # Scored by how strongly each field says the words, as the phrase is, at half its weight: a
            # constant here sank a page holding the words apart below one saying a rare related phrase.
            words_apart = [Q("multi_match", query=word, fields=TERM_FIELDS) for word in group.loose]
            alternatives.append(Q("bool", must=words_apart, boost=LOOSE_WEIGHT))
        # A phrase counts as the words it stands for; filler half.
        return Q("dis_max", queries=alternatives, boost=0.5 if group.optional else float(group.size))

    def _text_query(self, groups, minimum):
        """The scored query, which lets through only the documents that match enough of the query's
        content words (search.text.required_coverage): a group counts its size. Each covering group is
        one clause of a bool whose minimum_should_match states the coverage, so a document's match of a
        group is found once, for the filter and the score alike (a glossary entry's dozens of related
        phrases made every copy dear). A group that must count more than once also stands as unscored
        copies, only as many as the coverage needs (`coverage_copies`). Every group scores once; filler
        and the whole phrase only add."""
        covering = [group for group in groups if not group.optional]
        copies, needed = coverage_copies(tuple(group.size for group in covering), minimum) if covering else ((), 0)
        required, extra = [], []
        for group, count in zip(covering, copies, strict=True):
            query = self._group_query(group)
            (required if count else extra).append(query)
            if count > 1:
                required += [Q("constant_score", filter=query, boost=0)] * (count - 1)
        extra += [self._group_query(group) for group in groups if group.optional]
        phrase = whole_phrase(groups)
        if phrase:  # the content words as one loose phrase: lifts the documents that say it as typed
            extra.append(Q("multi_match", query=" ".join(phrase), type="phrase", slop=2, fields=PHRASE_FIELDS))
        if not required:  # nothing to cover: any group, or the phrase, must match
            return Q("bool", should=extra)
        return Q("bool", must=[Q("bool", should=required, minimum_should_match=needed)], should=extra)

    @staticmethod
    def _filter_query(name, values):
        return Q("terms", **{FILTER_FIELDS[name]: values})

    def _execute(self, search):
        """Run a search on the alias, creating the index on first use. Asking first would cost every
        search a round trip, so the missing index is noticed from the answer instead."""
        try:
            return search.execute()
        except NotFoundError:
            self.ensure_index()
            return search.execute()

    def _execute_together(self, search, other):
        """Both searches in one request (msearch), which the node runs side by side; an error in either
        (a missing index above all) asks again one by one, as `_execute` answers it."""
        try:
            return MultiSearch(using=self._read_client(), index=self.alias).add(search).add(other).execute()
        except ApiError:
            return self._execute(search), self._execute(other)

    @_transport_errors
    def search(self, query, communities):
        base = [self._visible(communities)]
        minimum = query.minimum if query.minimum is not None else required_coverage(query.groups)
        text = self._text_query(query.groups, minimum) if query.groups else Q("match_all")
        matching = Q("bool", must=[text], filter=base)
        if query.groups and asks_peers(
            query.text
        ):  # someone asking peers: forum threads answer (search.text.PEER_LIFT)
            matching = Q(
                "function_score",
                query=matching,
                functions=[{"filter": Q("terms", type=list(PEER_TYPES)).to_dict(), "weight": PEER_LIFT}],
                boost_mode="multiply",
            )
        search = self._search().query(matching)
        # Hits obey every filter; each facet obeys every filter but its own (post_filter + filtered aggs).
        active = {name: self._filter_query(name, values) for name, values in query.filters.items()}
        if active:
            search = search.post_filter(Q("bool", filter=list(active.values())))
        for name in FACETS:
            # A facet that no other filter narrows counts the matches as they are: a filter bucket around
            # it would cost every match a step more.
            others = [q for key, q in active.items() if key != name]
            bucket = (
                search.aggs.bucket(f"f_{name}", "filter", filter=Q("bool", filter=others)) if others else search.aggs
            )
            bucket.bucket(
                "values" if others else f"f_{name}",
                "terms",
                field=FILTER_FIELDS[name],
                size=FACET_SIZE,
                order=[{"_count": "desc"}, {"_key": "asc"}],
            )
        newest = {"published": {"order": "desc", "missing": "_last"}}
        if query.sort == "newest" or not query.groups:
            search = search.sort(newest, "_score")
        else:  # equal scores newest first, as on the database backend (not in the order they were indexed)
            search = search.sort("_score", newest)
        search = search.source(HIT_FIELDS).extra(track_total_hits=True)[query.offset : query.offset + query.page_size]
        # A search needing fewer of the query's words than usual is answered only if the query's subject is
        # covered (search.text.covers_a_known_subject): each group's documents are counted alongside it.
        counted = None
        if query.groups and minimum_lowered(query):
            response, counted = self._execute_together(search, self._counting(query.groups, communities))
        else:
            response = self._execute(search)
        hits = [self._hit(hit, query.groups) for hit in response.hits]
        facets = {}
        aggregations = response.aggregations.to_dict()  # the answer's own dicts: no wrapper made per bucket
        for name in FACETS:
            facet = aggregations[f"f_{name}"]
            buckets = facet["values"]["buckets"] if "values" in facet else facet["buckets"]
            facets[name] = [{"value": b["key"], "count": b["doc_count"]} for b in buckets if b["key"] != ""]
        results = SearchResults(
            query=query, total=response.hits.total.value, hits=hits, facets=facets, backend=self.name
        )
        if counted is not None:
            results.group_counts = self._counts(counted, query.groups)
        elif query.groups and (
            results.total == 0
            or needs_every_word_known(query.groups)
            and not _every_match_has_every_word(query.groups, minimum)
        ):
            results.group_counts = self._group_counts(query.groups, communities)
        return results

    def _group_counts(self, groups, communities):
        """How many visible documents each group matches on its own (asked when nothing matched, and for a
        short query, whose word no document uses sinks it: search.text.needs_every_word_known; a search
        needing fewer words than usual has them counted in the same request)."""
        return self._counts(self._execute(self._counting(groups, communities)), groups)

    def _counting(self, groups, communities):
        search = self._search().query(Q("bool", filter=[self._visible(communities)])).extra(size=0)
        search.aggs.bucket(
            "groups", "filters", filters={str(i): self._group_query(group) for i, group in enumerate(groups)}
        )
        return search

    @staticmethod
    def _counts(response, groups):
        buckets = response.aggregations["groups"]["buckets"]
        return [buckets[str(i)]["doc_count"] for i in range(len(groups))]

    @staticmethod
    def _hit(hit, groups, score=None):
        # Snippets are cut and marked by the same code as the database backend's (search.text), so both
        # backends show the same extract; it costs well under a millisecond a page.
        text = f"{hit.summary or ''} {hit.body or ''}" if groups else hit.summary or ""
        return Hit(
            doc_id=hit.doc_id,
            type=hit.type,
            title=hit.title,
            url=hit.url,
            snippet_html=snippet_html(text, groups),
            themes=list(hit.themes or []),
            published=hit.published,
            score=round(float(score if score is not None else (hit.meta.score or 0.0)), 4),
            title_html=title_html(hit.title, groups),
        )

    @_transport_errors
    def suggest(self, text, communities, limit=8):
        """Titles with a word starting with the last word typed and holding the others (posts left out:
        their thread stands for them)."""
        if not words(text):
            return []
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[Q("match_phrase_prefix", title={"query": text, "max_expansions": 50, "slop": 3})],
                    filter=[self._visible(communities)],
                    must_not=[Q("term", type="post")],
                )
            )
            .source(["title", "url", "type"])[:limit]
        )
        return [{"title": h.title, "url": h.url, "type": h.type} for h in self._execute(search)]

    @_transport_errors
    def vocabulary_rows(self, limit):
        search = self._search().filter("term", community="public").source(["title", "summary", "themes"])
        return [(h.title, h.summary or "", list(h.themes or [])) for h in self._execute(search[: min(limit, 10_000)])]

    @_transport_errors
    def more_like_this(self, doc_id, communities, limit=3):
        like = Q(
            "more_like_this",
            fields=["title_terms", "summary_terms", "body_terms", "themes_terms"],
            like=[{"_index": self.alias, "_id": doc_id}],
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
        )
        search = self._search().query(Q("bool", must=[like], filter=[self._visible(communities)]))[:limit]
        return [self._hit(hit, []) for hit in self._execute(search)]
