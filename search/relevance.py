"""How well each search engine ranks the demo content: nDCG@10 over judged queries (issue 4, item 11).

Judgements map a query to the pages that answer it, by slug, graded 2 (answers it) or 1 (partly).
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

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from search.indexing import build_document
from search.query import SearchQuery
from search.registry import all_documents
from search.service import prepare

K = 10
ENGINES = ("database", "elasticsearch", "wagtail")
BASELINE_BACKEND = "wagtail.search.backends.database"
DEFAULT_JUDGEMENTS = Path(settings.BASE_DIR) / "tests" / "search" / "judgements.py"


def load_judgements(path=DEFAULT_JUDGEMENTS):
    """{query: {slug: grade}} from a Python file defining JUDGEMENTS, checked for obvious mistakes."""
    judgements = runpy.run_path(str(path))["JUDGEMENTS"]
    for query, grades in judgements.items():
        if not query.strip() or not grades:
            raise ValueError(f"judgement {query!r} needs a query and at least one relevant page")
        bad = {slug: grade for slug, grade in grades.items() if grade not in (1, 2)}
        if bad:
            raise ValueError(f"judgement {query!r}: grades are 1 or 2, not {bad}")
    return judgements


# --- The measure ------------------------------------------------------------------------------
def dcg(gains):
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(ranked, grades, k=K):
    """Normalised discounted cumulative gain of a ranked list of slugs against graded judgements."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(slug, 0) for slug in ranked[:k]]) / ideal if ideal else 0.0


# --- The engines ------------------------------------------------------------------------------
@dataclass
class EngineResult:
    name: str
    per_query: dict[str, float] = field(default_factory=dict)
    rankings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def mean(self):
        return statistics.fmean(self.per_query.values()) if self.per_query else 0.0


def _slugs_by_doc_id():
    from wagtail.models import Page

    return {f"page-{pk}": slug for pk, slug in Page.objects.values_list("pk", "slug")}


def _index_all(backend):
    for batch in all_documents():
        backend.upsert([build_document(data) for data in batch])


def _our_search(backend, k):
    slugs = _slugs_by_doc_id()

    def search(text):
        query = prepare(SearchQuery(text=text, page_size=k))
        return [slugs.get(hit.doc_id, hit.doc_id) for hit in backend.search(query, frozenset()).hits]

    return search


@contextmanager
def _rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextmanager
def database_engine(k=K):
    from search.backends.database import DatabaseBackend

    with _rolled_back():
        backend = DatabaseBackend()
        backend.clear()
        _index_all(backend)
        yield _our_search(backend, k)


@contextmanager
def elasticsearch_engine(k=K):
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(prefix=f"{settings.SEARCH_INDEX_PREFIX}-relevance-{uuid.uuid4().hex[:8]}")
    try:
        _index_all(backend)
        backend.refresh()
        yield _our_search(backend, k)
    finally:
        backend.drop()


@contextmanager
def wagtail_engine(k=K):
    from wagtail.models import Page

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
                result.per_query[query] = ndcg(ranked, grades, k)
        results[name] = result
    return results


def report(results, judgements, k=K):
    """The figures as plain data (for --json and bench/README.md)."""
    return {
        "k": k,
        "queries": len(judgements),
        "mean_ndcg": {name: round(result.mean, 4) for name, result in results.items()},
        "per_query": {
            query: {name: round(result.per_query[query], 4) for name, result in results.items()} for query in judgements
        },
        "rankings": {name: result.rankings for name, result in results.items()},
    }
