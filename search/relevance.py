"""How well each search engine ranks the demo content: nDCG@10 over judged queries (issue 4, item 11).

Judgements map a query to the pages that answer it, by slug, graded 2 (answers it) or 1 (partly),
and to the forum threads that do, by `thread_key` (threads of open communities: the engines search
as an anonymous visitor). A hit on a thread or on any of its posts counts as the thread, and each
page or thread counts once in a ranking, where it first appears. Each query has a kind (the file's
KINDS: "typo", "question", ... from KNOWN_KINDS), so that the figures can be read per kind. An
"empty" query asks about something the site does not cover: it judges nothing relevant, and it
scores 1.0 when an engine returns no results and 0.0 when it returns any (`score`), for every
engine alike.

Every engine runs over a fresh index of the current database, so the figures describe the code and
content as they are, never a stale index, and nothing live is touched:

- `database`: our database backend; its table is rebuilt inside a transaction that is rolled back.
- `elasticsearch`: our Elasticsearch backend, in indices of its own prefix, dropped afterwards.
- `wagtail`: the baseline, Wagtail's default search as a site gets it out of the box,
  `Page.objects.live().public().search(q)` on `wagtail.search.backends.database`, its index rebuilt
  as `manage.py update_index` would (also rolled back).
"""

import math
import runpy
import statistics
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.indexing import build_document
from search.query import SearchQuery
from search.registry import all_documents
from search.service import prepare, search_with

K = 10
ENGINES = ("database", "elasticsearch", "wagtail")
BASELINE_BACKEND = "wagtail.search.backends.database"
DEFAULT_JUDGEMENTS = Path(settings.BASE_DIR) / "tests" / "search" / "judgements.py"


HOLDOUT_JUDGEMENTS = Path(settings.BASE_DIR) / "tests" / "search" / "judgements_holdout.py"
# What each judged query tests. The first six are the original sets; "empty" queries have no grades.
KNOWN_KINDS = (
    "topic",
    "abbreviation",
    "place",
    "evidence",
    "howto",
    "long",
    "paraphrase",
    "wordform",
    "typo",
    "question",
    "forum",
    "empty",
)
EMPTY = "empty"
UNLABELLED = "unlabelled"  # the kind reported for queries of a file without KINDS


class Judgements(dict):
    """{query: {page slug or thread key: grade}}, with `kinds` {query: kind} ({} when unlabelled)."""

    def __init__(self, grades, kinds=None):
        super().__init__(grades)
        self.kinds = dict(kinds or {})


def load_judgements(path=DEFAULT_JUDGEMENTS, kinds=None):
    """Judgements from a Python file defining JUDGEMENTS and optionally KINDS, checked for obvious mistakes.

    `kinds` overrides the file's KINDS. When there are kinds, every query needs one, from KNOWN_KINDS. A
    query may judge nothing relevant only when its kind is "empty", and an "empty" query must not.
    """
    namespace = runpy.run_path(str(path))
    judgements = namespace["JUDGEMENTS"]
    kinds = namespace.get("KINDS", {}) if kinds is None else kinds
    if kinds:
        missing, extra = set(judgements) - set(kinds), set(kinds) - set(judgements)
        if missing or extra:
            raise ValueError(
                f"KINDS must label exactly the judged queries: missing {sorted(missing)}, extra {sorted(extra)}"
            )
        unknown = {query: kind for query, kind in kinds.items() if kind not in KNOWN_KINDS}
        if unknown:
            raise ValueError(f"unknown kinds {unknown}; choose from {', '.join(KNOWN_KINDS)}")
    for query, grades in judgements.items():
        if not query.strip():
            raise ValueError(f"judgement {query!r} needs a query")
        empty = kinds.get(query) == EMPTY
        if not grades and not empty:
            raise ValueError(f"judgement {query!r} needs at least one relevant page (or the kind {EMPTY!r})")
        if grades and empty:
            raise ValueError(f"judgement {query!r} is of the kind {EMPTY!r}, so nothing on the site answers it")
        bad = {key: grade for key, grade in grades.items() if grade not in (1, 2)}
        if bad:
            raise ValueError(f"judgement {query!r}: grades are 1 or 2, not {bad}")
    return Judgements(judgements, kinds)


# --- The measure ------------------------------------------------------------------------------
def dcg(gains):
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(ranked, grades, k=K):
    """Normalised discounted cumulative gain of a ranked list of slugs against graded judgements."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(slug, 0) for slug in ranked[:k]]) / ideal if ideal else 0.0


def score(ranked, grades, k=K):
    """A query's score: nDCG@k, or for an "empty" query (no grades: nothing on the site answers it)
    1.0 when the engine returned no results and 0.0 when it returned any, since all of them are wrong."""
    if not grades:
        return 0.0 if ranked[:k] else 1.0
    return ndcg(ranked, grades, k)


# --- The engines ------------------------------------------------------------------------------
@dataclass
class EngineResult:
    name: str
    per_query: dict[str, float] = field(default_factory=dict)
    rankings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def mean(self):
        return statistics.fmean(self.per_query.values()) if self.per_query else 0.0


def thread_key(title):
    """How judgements name a forum thread: `thread:` and its title slugified."""
    return f"thread:{slugify(title)}"


class JudgedKeys:
    """The name judgements use for a search hit: a page's slug, a forum thread's `thread_key`, and for
    a post the key of its thread, so that a reply that answers the query counts for its thread.
    Posts are looked up only when they are hit; anything else keeps its doc_id."""

    def __init__(self):
        self.keys = {f"page-{pk}": slug for pk, slug in Page.objects.values_list("pk", "slug")}
        threads = apps.get_model("forums", "Thread").objects.filter(community__isnull=False)
        self.keys.update({f"thread-{pk}": thread_key(title) for pk, title in threads.values_list("pk", "title")})

    def __call__(self, doc_id):
        if doc_id not in self.keys and doc_id.startswith("post-") and doc_id[5:].isdigit():
            posts = apps.get_model("forums", "Post").objects.filter(pk=int(doc_id[5:]), thread__community__isnull=False)
            title = posts.values_list("thread__title", flat=True).first()
            self.keys[doc_id] = doc_id if title is None else thread_key(title)
        return self.keys.get(doc_id, doc_id)


def ranking(doc_ids, key_of):
    """The judged keys of ranked hits, each once, where it first (best) appears: a thread and three
    of its posts in the results are one relevant item, not four."""
    return list(dict.fromkeys(key_of(doc_id) for doc_id in doc_ids))


def _index_all(backend):
    for batch in all_documents():
        backend.upsert([build_document(data) for data in batch])


def _our_search(backend, k):
    key_of = JudgedKeys()

    def search(text):
        query = prepare(SearchQuery(text=text, page_size=k))
        return ranking([hit.doc_id for hit in search_with(backend, query, frozenset()).hits], key_of)

    return search


@contextmanager
def _rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextmanager
def database_engine(k=K):
    with _rolled_back():
        backend = DatabaseBackend()
        backend.clear()
        _index_all(backend)
        yield _our_search(backend, k)


@contextmanager
def elasticsearch_engine(k=K):
    backend = ElasticsearchBackend(prefix=f"{settings.SEARCH_INDEX_PREFIX}-relevance-{uuid.uuid4().hex[:8]}")
    try:
        _index_all(backend)
        backend.refresh()
        yield _our_search(backend, k)
    finally:
        backend.drop()


@contextmanager
def wagtail_engine(k=K):
    with _rolled_back():
        call_command("update_index", backend_name=BASELINE_BACKEND, verbosity=0)

        def search(text):
            pages = Page.objects.live().public().search(text, backend=BASELINE_BACKEND)[:k]
            return [page.slug for page in pages]

        yield search


ENGINE_FACTORIES: dict[str, Callable] = {
    "database": database_engine,
    "elasticsearch": elasticsearch_engine,
    "wagtail": wagtail_engine,
}


def available_engines():
    """Every engine this site can run: Elasticsearch only when ELASTICSEARCH_URL is set."""
    return [name for name in ENGINES if name != "elasticsearch" or settings.ELASTICSEARCH_URL]


def evaluate(judgements, engines=None, k=K, progress=None):
    """{engine name: EngineResult} for each engine over every judged query."""
    engines = list(engines or available_engines())
    unknown = set(engines) - set(ENGINE_FACTORIES)
    if unknown:
        raise ValueError(f"unknown engines {sorted(unknown)}; choose from {', '.join(ENGINES)}")
    progress = progress or (lambda name: None)
    results = {}
    for name in engines:
        progress(name)
        with ENGINE_FACTORIES[name](k) as search:
            result = EngineResult(name)
            for query, grades in judgements.items():
                ranked = search(query)
                result.rankings[query] = ranked
                result.per_query[query] = score(ranked, grades, k)
        results[name] = result
    return results


def kind_of(judgements):
    """{query: kind} for Judgements, plain dicts (all "unlabelled") and anything in between."""
    kinds = getattr(judgements, "kinds", {})
    return {query: kinds.get(query, UNLABELLED) for query in judgements}


def report(results, judgements, k=K):
    """The figures as plain data (for --json and bench/README.md). Kinds appear in the order the
    judgements first use them; an engine's mean for a kind is over that kind's queries only."""
    kinds = kind_of(judgements)
    by_kind = {}
    for query, kind in kinds.items():
        by_kind.setdefault(kind, []).append(query)
    return {
        "k": k,
        "queries": len(judgements),
        "mean_ndcg": {name: round(result.mean, 4) for name, result in results.items()},
        "queries_by_kind": {kind: len(queries) for kind, queries in by_kind.items()},
        "mean_ndcg_by_kind": {
            name: {
                kind: round(statistics.fmean(result.per_query[query] for query in queries), 4)
                for kind, queries in by_kind.items()
            }
            for name, result in results.items()
        },
        "kinds": kinds,
        "per_query": {
            query: {name: round(result.per_query[query], 4) for name, result in results.items()} for query in judgements
        },
        "rankings": {name: result.rankings for name, result in results.items()},
    }
