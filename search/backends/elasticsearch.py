"""The Elasticsearch backend, through elasticsearch.dsl.

Documents live in a timestamped index behind an alias (`<prefix>-content`), so a rebuild fills a
new index and swaps the alias atomically. The analysis profile depends on the cluster: the minimal
distribution has only the core (standard analyser), a full one adds folding and English stemming.
The profile is detected with the `_analyze` API, never guessed.
"""

import time
from functools import cached_property

from django.conf import settings
from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Q, Search, Text

from search.backends.base import BackendUnavailable, SearchBackend
from search.documents import FACETS, TYPE_LABELS
from search.query import FILTER_FIELDS, Hit, SearchResults
from search.text import snippet_html

FACET_SIZE = 20
TITLE_BOOST = 3
MERGE_TIMEOUT = 600  # seconds: merging a large new index takes longer than the client's usual timeout
# Where a query's words are looked for, and how much a match in each counts.
TEXT_FIELDS = [
    f"title^{TITLE_BOOST}",
    "summary^1.5",
    "body",
    "themes.text^2",
    "author",
    "region.text^2",
    "countries.text^2",
    "study_type.text",
    "type_label",
]
PHRASE_FIELDS = [f"title^{TITLE_BOOST}", "summary^1.5", "body", "themes.text^2"]
HIT_FIELDS = ["doc_id", "type", "title", "url", "summary", "body", "themes", "published"]

ANALYSIS_PROFILES = {
    # Only what the server core offers: the standard tokenizer and lowercase filter.
    "minimal": {"analyzer": {"cop_text": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}}},
    # With the analysis-common module: accents folded, English stop words and stemming.
    "full": {
        "filter": {
            "cop_english_stop": {"type": "stop", "stopwords": "_english_"},
            "cop_english_stem": {"type": "stemmer", "language": "english"},
        },
        "analyzer": {
            "cop_text": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "cop_english_stop", "cop_english_stem"],
            },
        },
    },
}


class ContentDocument(Document):
    doc_id = Keyword()
    type = Keyword()
    title = Text(analyzer="cop_text", fields={"raw": Keyword()})
    url = Keyword(index=False)
    published = Date()
    # index_phrases stores word pairs too, so a phrase of common words ("community choices") is a lookup
    # rather than a walk through the positions of every document that has both words.
    summary = Text(analyzer="cop_text", index_phrases=True)
    body = Text(analyzer="cop_text", index_phrases=True)
    themes = Keyword(fields={"text": Text(analyzer="cop_text")})
    sectors = Keyword()
    region = Keyword(fields={"text": Text(analyzer="cop_text")})
    countries = Keyword(fields={"text": Text(analyzer="cop_text")})
    study_type = Keyword(fields={"text": Text(analyzer="cop_text")})
    type_label = Text(analyzer="cop_text")  # "Evidence summary": so "evidence on ..." finds evidence summaries
    strength = Integer()
    author = Text(analyzer="cop_text", fields={"raw": Keyword()})
    community = Keyword()  # "public" or a community id: the access field every query filters on


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
        from search.client import get_client

        self._client = client
        self._get_client = get_client
        self.prefix = prefix or settings.SEARCH_INDEX_PREFIX
        self.alias = f"{self.prefix}-content"

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
            number_of_shards=1, number_of_replicas=0, analysis=ANALYSIS_PROFILES[profile or self.analysis_profile]
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
        data["type_label"] = TYPE_LABELS.get(doc.type, "")
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
    def _search(self):
        return Search(using=self.client, index=self.alias)

    @staticmethod
    def _visible(communities):
        return Q("terms", community=["public", *[str(c) for c in communities or ()]])

    @staticmethod
    def _text_query(groups):
        """Every group must match; within a group any phrase may, in any text field (title boosted). A
        match in several fields counts for more than one in the best field alone (tie_breaker)."""
        musts = []
        for group in groups:
            shoulds = [
                Q("multi_match", query=" ".join(phrase), type="phrase", fields=TEXT_FIELDS, tie_breaker=0.3)
                for phrase in group
            ]
            musts.append(Q("bool", should=shoulds, minimum_should_match=1))
        return musts

    @staticmethod
    def _phrase_boost(groups, text):
        """The whole query as a (loose) phrase: optional, it only lifts the documents that say it as typed."""
        if len(groups) < 2:
            return []
        return [Q("multi_match", query=text, type="phrase", slop=2, fields=PHRASE_FIELDS)]

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

    @_transport_errors
    def search(self, query, communities):
        base = [self._visible(communities)]
        musts = self._text_query(query.groups)
        shoulds = self._phrase_boost(query.groups, query.text)
        search = self._search().query(Q("bool", must=musts or [Q("match_all")], should=shoulds, filter=base))
        # Hits obey every filter; each facet obeys every filter but its own (post_filter + filtered aggs).
        active = {name: self._filter_query(name, values) for name, values in query.filters.items()}
        if active:
            search = search.post_filter(Q("bool", filter=list(active.values())))
        for name in FACETS:
            others = [q for key, q in active.items() if key != name]
            bucket = search.aggs.bucket(f"f_{name}", "filter", filter=Q("bool", filter=others))
            bucket.bucket(
                "values",
                "terms",
                field=FILTER_FIELDS[name],
                size=FACET_SIZE,
                order=[{"_count": "desc"}, {"_key": "asc"}],
            )
        if query.sort == "newest" or not query.groups:
            search = search.sort({"published": {"order": "desc", "missing": "_last"}}, "_score")
        search = search.source(HIT_FIELDS).extra(track_total_hits=True)[query.offset : query.offset + query.page_size]
        if query.groups:
            search = search.suggest("spelling", query.text, term={"field": "title", "suggest_mode": "popular"})
        response = self._execute(search)
        hits = [self._hit(hit, query.groups) for hit in response.hits]
        facets = {
            name: [{"value": b.key, "count": b.doc_count} for b in response.aggregations[f"f_{name}"]["values"].buckets]
            for name in FACETS
        }
        results = SearchResults(
            query=query, total=response.hits.total.value, hits=hits, facets=facets, backend=self.name
        )
        if results.total == 0 and query.groups:
            results.did_you_mean = self._did_you_mean(response, query.text)
        return results

    @staticmethod
    def _did_you_mean(response, text):
        suggestion = getattr(response, "suggest", None)
        if not suggestion or "spelling" not in suggestion:
            return None
        corrected, changed = text.lower().split(), False
        for entry in suggestion["spelling"]:
            if entry.options:
                words = corrected
                for i, word in enumerate(words):
                    if word == entry.text:
                        words[i] = entry.options[0].text
                        changed = True
        return " ".join(corrected) if changed else None

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
        )

    @_transport_errors
    def suggest(self, text, communities, limit=8):
        if not text.strip():
            return []
        search = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[Q("match_phrase_prefix", title={"query": text, "max_expansions": 50})],
                    filter=[self._visible(communities)],
                )
            )
            .source(["title", "url", "type"])
            .sort("title.raw")[:limit]
        )
        return [{"title": h.title, "url": h.url, "type": h.type} for h in self._execute(search)]

    @_transport_errors
    def more_like_this(self, doc_id, communities, limit=3):
        like = Q(
            "more_like_this",
            fields=["title", "summary", "body", "themes.text"],
            like=[{"_index": self.alias, "_id": doc_id}],
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
        )
        search = self._search().query(Q("bool", must=[like], filter=[self._visible(communities)]))[:limit]
        return [self._hit(hit, []) for hit in self._execute(search)]
