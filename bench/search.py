"""Search benchmark: both backends over a synthetic corpus of 10,000 and 50,000 documents (issue 4, item 10).

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py [--sizes 10000 50000]
        [--rounds 5] [--publishes 5] [--seed 2026]

Set DATABASE_URL to a PostgreSQL server to run the database backend there (a temporary database is
created on it and dropped); otherwise a temporary SQLite file is used. Without ELASTICSEARCH_URL only
the database backend is measured.

1. Builds a throwaway site: a fresh database (Django's test-database machinery: migrated, dropped at
   the end) with the demo content, and Elasticsearch indices under a prefix of its own
   (`cop-bench-<random>`), deleted at the end. Nothing else on the machine is touched.
2. Generates the corpus from the demo vocabulary with a fixed seed: titles, summaries and bodies
   recombined from the demo pages' sentences (each document mostly from one page, its topic), with
   themes, sectors, council areas, countries, glossary terms and forum-like threads and posts (a fifth
   of them in private communities). The first 10,000 documents of the 50,000 are the 10,000 corpus.
3. Bulk indexing: the documents go into each backend through its own `upsert` in batches of 500, as
   `search_index rebuild` writes them; documents per second are reported per backend and size.
4. Query latency: a fixed mix of 21 queries (phrases, glossary abbreviations, filters, facets, browsing
   with no text, a second page, newest first, a typo that takes the did-you-mean path, a member who
   sees two private communities), each timed around `search_with()` (the service's call: corrections
   and fewer words included). Rounds interleave the backends; p50 and p95 are computed per round and
   the median over rounds is reported, so other work on the machine spreads over both.
   `--reference FILE` adds another version of the Elasticsearch backend (a file written with
   `git show <commit>:search/backends/elasticsearch.py`) to the same rounds on the same index: a
   before/after comparison that the machine's load cannot tilt.
5. Rebuild: the 50,000 documents into a new Elasticsearch index, refreshed, then the alias swapped,
   while another thread keeps searching the alias (zero downtime means none of its searches fails or
   comes back empty). The database backend's share of a rebuild (rewriting its table) is timed too.
6. Publish to searchable: a practice guide is published through Wagtail (`save_revision().publish()`,
   the real signal and task path with the immediate task backend) and the primary backend is polled
   until it finds the guide's unique word; repeated `--publishes` times.
7. A real rebuild (`--rebuild-pages`, default 50,000): the demo's pages are copied until the site has
   that many live pages (bulk inserts, each copy under its original's index page with its themes,
   sectors, countries and skills), then `search.rebuild.rebuild()`, what `search_index rebuild` runs,
   rebuilds every backend from the database, timed in its parts: building documents (loading pages,
   search_document(), StreamField text), writing Elasticsearch, writing the database backend's
   table, and finishing (refresh, merge, alias swap); `--rebuild-runs` times (default 2: the first
   fills empty indices, the second replaces full ones). `--only-rebuild` measures just this.

Prints a Markdown table with the issue's aims and writes every raw figure to
`bench/results/search-<time>.json` (git-ignored).
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import fields, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# Run as a script, Python puts bench/ first on the path, where this file would shadow the `search` app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
BATCH = 500
AIMS = {
    "es_p95_ms_at_50000": 30,
    "database_p95_ms_at_10000": 100,
    "rebuild_s_at_50000": 60,
    "real_rebuild_s_at_50000_pages": 60,
    "publish_to_searchable_s": 2,
}

REFERENCE = "elasticsearch (reference)"  # --reference: another version of the backend, beside this one

# The fixed query mix: (label, request parameters, communities the searcher may see).
QUERY_MIX = [
    ("phrase", {"q": "participatory budgeting"}, ()),
    ("abbreviation PB", {"q": "PB"}, ()),
    ("abbreviation SDS", {"q": "SDS"}, ()),
    ("hyphenated", {"q": "co-production"}, ()),
    ("two words", {"q": "housing first"}, ()),
    ("glossary phrase", {"q": "community planning partnership"}, ()),
    ("evidence on", {"q": "evidence on reablement"}, ()),
    ("skill", {"q": "facilitation guide"}, ()),
    ("three words", {"q": "mental health crisis"}, ()),
    ("place", {"q": "Dundee"}, ()),
    ("question", {"q": "how to involve frontline staff in decisions"}, ()),
    (
        "long question",
        {"q": "has anyone got frontline staff from every partner in the room before the plan is written"},
        (),
    ),
    ("filter type", {"q": "evaluation", "type": ["evidence"]}, ()),
    ("filter region", {"q": "prevention", "region": ["Fife"]}, ()),
    ("filter country", {"q": "third sector", "country": ["Scotland"]}, ()),
    ("browse theme", {"q": "", "theme": ["Housing and homelessness"]}, ()),
    ("browse two filters", {"q": "", "type": ["casestudy"], "sector": ["Third sector"]}, ()),
    ("page 2", {"q": "participatory budgeting", "page": "2"}, ()),
    ("newest", {"q": "young people", "sort": "newest"}, ()),
    ("typo", {"q": "budgetting"}, ()),
    ("member", {"q": "frontline voice"}, (3, 7)),
    ("rare word", {"q": "Buurtzorg"}, ()),
]


# --- Setting up Django on a throwaway database ---------------------------------------------------------
def configure_environment(args, workdir):
    """Environment for django.setup(): the dev profile, its own index prefix, a temporary database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "cop_site.settings.dev"
    os.environ["SEARCH_INDEX_PREFIX"] = f"cop-bench-{uuid.uuid4().hex[:8]}"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"


def create_database(workdir):
    """A fresh, migrated database; returns a function that drops it."""
    from django.conf import settings
    from django.db import connection

    test = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(workdir / "bench-db.sqlite3")
    else:
        test["NAME"] = f"cop_bench_{uuid.uuid4().hex[:8]}"
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return lambda: connection.creation.destroy_test_db(original, verbosity=0)


# --- The corpus ------------------------------------------------------------------------------------------
def demo_vocabulary():
    """Topics (each demo page's title, themes and sentences), places and glossary terms from the demo content."""
    from demo.content.case_studies import CASE_STUDIES
    from demo.content.evidence import EVIDENCE
    from demo.content.guides import GUIDES
    from demo.content.pathways import PATHWAYS
    from demo.content.themes import THEMES
    from learning.glossary import GLOSSARY
    from learning.models import StudyType
    from learning.vocabularies import COUNCIL_AREAS, COUNTRIES, SECTORS

    theme_names = {theme.slug: theme.name for theme in THEMES}
    topics = []
    for page in [*CASE_STUDIES, *EVIDENCE, *GUIDES, *PATHWAYS]:
        texts = []
        _strings(page, texts)
        topics.append(
            {
                "title": page.title,
                "themes": [theme_names[slug] for slug in page.themes],
                "sentences": sorted(_sentences(texts)),
            }
        )
    glossary_sentences = [
        f"The {term} ({expansion}) {_lower_first(explanation)}" for term, expansion, _, explanation in GLOSSARY
    ]
    return {
        "topics": topics,
        "sentences": sorted({s for topic in topics for s in topic["sentences"]}) + glossary_sentences,
        "themes": list(theme_names.values()),
        "sectors": [name for name, _ in SECTORS],
        "areas": COUNCIL_AREAS,
        "countries": COUNTRIES,
        "study_types": [label for _, label in StudyType.choices],
        "glossary": [(term, expansion) for term, expansion, _, _ in GLOSSARY],
    }


def _sentences(texts):
    from search.documents import html_to_text

    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", html_to_text(text)):
            if 40 <= len(sentence) <= 400 and sentence[0].isupper():
                yield sentence


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _strings(value, found):
    if isinstance(value, str):
        found.append(value)
    elif is_dataclass(value):
        for item in fields(value):
            _strings(getattr(value, item.name), found)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, found)


TYPE_WEIGHTS = {"casestudy": 25, "evidence": 15, "guide": 10, "pathway": 5, "thread": 25, "post": 20}
BODY_SENTENCES = {"casestudy": (10, 22), "evidence": (8, 18), "guide": (10, 20), "pathway": (5, 12)}
THREAD_OPENERS = ["Has anyone tried", "Looking for advice on", "What worked for you with", "Question about"]


def generate_corpus(count, seed):
    """`count` SearchDocuments, the same ones for the same seed (a longer corpus starts with a shorter one).

    Each document has a topic, one demo page: most of its sentences and themes come from that page and
    the rest from anywhere, as real documents are about something. (Sentences drawn evenly from all the
    pages would make every document mention every subject, and every query match most of the corpus.)
    """
    from search.documents import SearchDocument

    vocabulary = demo_vocabulary()
    rng = random.Random(seed)
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    start = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
    documents = []
    for number in range(count):
        kind = rng.choices(types, weights)[0]
        topic = rng.choice(vocabulary["topics"])
        themes = list(dict.fromkeys([*rng.sample(topic["themes"], min(len(topic["themes"]), rng.randint(1, 3)))]))
        if rng.random() < 0.3:
            themes = list(dict.fromkeys([*themes, rng.choice(vocabulary["themes"])]))

        def text(sentences, rng=rng, topic=topic):
            return " ".join(
                rng.choice(topic["sentences"]) if rng.random() < 0.8 else rng.choice(vocabulary["sentences"])
                for _ in range(sentences)
            )

        if kind in BODY_SENTENCES:
            title = _page_title(rng, vocabulary, kind, topic)
            body = text(rng.randint(*BODY_SENTENCES[kind]))
        else:
            title = f"{rng.choice(THREAD_OPENERS)} {themes[0].lower()} in {rng.choice(vocabulary['areas'])}?"
            body = text(rng.randint(1, 5 if kind == "thread" else 3))
        if rng.random() < 0.15:
            term, expansion = rng.choice(vocabulary["glossary"])
            body += f" We used {term} here, {expansion} as the glossary calls it."
        documents.append(
            SearchDocument(
                doc_id=f"bench-{number}",
                type=kind,
                title=title,
                url=f"/bench/{kind}/{number}/",
                published=start + datetime.timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60)),
                summary=text(2) if kind != "post" else "",
                body=body,
                themes=themes,
                sectors=rng.sample(vocabulary["sectors"], rng.randint(1, 3)),
                region=rng.choice(vocabulary["areas"]) if kind in ("casestudy", "thread", "post") else "",
                countries=rng.sample(vocabulary["countries"], rng.randint(1, 3)) if kind == "evidence" else [],
                study_type=rng.choice(vocabulary["study_types"]) if kind == "evidence" else "",
                strength=rng.randint(0, 5) if kind == "evidence" else None,
                author=f"Member {rng.randint(1, 2000)}" if kind in ("thread", "post") else "",
                community=rng.randint(1, 20) if kind in ("thread", "post") and rng.random() < 0.2 else None,
            )
        )
    return documents


def _page_title(rng, vocabulary, kind, topic):
    if kind == "casestudy":
        return f"{topic['title']} ({rng.choice(vocabulary['areas'])})"
    if kind == "evidence":
        return f"{topic['title']}: {rng.choice(vocabulary['countries'])}"
    return f"{topic['title']}: {rng.choice(topic['themes']).lower()}"


# --- Measuring ----------------------------------------------------------------------------------------------
def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def load(backend, documents, **kwargs):
    """Upsert in batches as a rebuild does; returns seconds taken."""
    started = time.perf_counter()
    for start in range(0, len(documents), BATCH):
        backend.upsert(documents[start : start + BATCH], **kwargs)
    return time.perf_counter() - started


def prepared_queries():
    from search.query import SearchQuery
    from search.service import prepare

    queries = []
    for label, params, communities in QUERY_MIX:
        queries.append((label, prepare(SearchQuery.from_params(params)), frozenset(communities)))
    return queries


def time_queries(backend, queries):
    """One pass over the mix: {label: milliseconds}, and each label's total hits (a sanity check)."""
    from search.service import search_with

    timings, totals = {}, {}
    for label, query, communities in queries:
        started = time.perf_counter()
        results = search_with(backend, query, communities)  # as the service asks: corrections included
        timings[label] = (time.perf_counter() - started) * 1000
        totals[label] = results.total
    return timings, totals


def latency_rounds(backends, queries, rounds):
    """Interleaved rounds over every backend; per backend the per-round p50/p95 and their medians."""
    for backend in backends.values():  # warm-up: caches, connections, the glossary
        time_queries(backend, queries)
    per_round = {name: [] for name in backends}
    totals = {}
    names = list(backends)
    for number in range(rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            timings, totals[name] = time_queries(backends[name], queries)
            values = list(timings.values())
            per_round[name].append({"p50": percentile(values, 0.5), "p95": percentile(values, 0.95), "each": timings})
    return {
        name: {
            "p50_ms": round(statistics.median(r["p50"] for r in samples), 1),
            "p95_ms": round(statistics.median(r["p95"] for r in samples), 1),
            "rounds": samples,
            "totals": totals[name],
        }
        for name, samples in per_round.items()
    }


class Searcher(threading.Thread):
    """Searches the alias in a loop while a rebuild runs: counts failures and empty answers."""

    def __init__(self, backend, query):
        super().__init__(daemon=True)
        self.backend, self.query = backend, query
        self.stop = threading.Event()
        self.searches = self.failures = self.empty = 0

    def run(self):
        from django.db import connection

        try:
            while not self.stop.is_set():
                try:
                    if self.backend.search(self.query, frozenset()).total == 0:
                        self.empty += 1
                except Exception:  # any failure during the rebuild is what this thread is here to count
                    self.failures += 1
                self.searches += 1
                time.sleep(0.02)
        finally:
            connection.close()


def rebuild_elasticsearch(backend, documents, query):
    """A new index filled, refreshed and swapped in behind the alias, timed, with searches running
    against the alias when there is one already (the first build has nothing to keep serving)."""
    searcher = Searcher(backend, query)
    if backend.current_indices():
        searcher.start()
    started = time.perf_counter()
    target = backend.create_index()
    fill = load(backend, documents, index=target)
    backend.client.indices.refresh(index=target)
    backend.swap_alias(target)
    elapsed = time.perf_counter() - started
    searcher.stop.set()
    if searcher.is_alive():
        searcher.join()
    return {
        "documents": len(documents),
        "seconds": round(elapsed, 2),
        "fill_seconds": round(fill, 2),
        "docs_per_s": round(len(documents) / fill),
        "searches_during": searcher.searches,
        "failed_during": searcher.failures,
        "empty_during": searcher.empty,
    }


def publish_to_searchable(backend, times, timeout=30):
    """Seconds from `publish()` to the primary backend finding the new guide, `times` times."""
    from learning.models import GuideIndexPage, PracticeGuidePage
    from search.query import SearchQuery
    from search.service import prepare

    index = GuideIndexPage.objects.get()
    seconds = []
    for number in range(times):
        word = f"benchmark{uuid.uuid4().hex[:10]}"
        guide = PracticeGuidePage(
            title=f"Publishing benchmark {number} {word}",
            slug=f"publishing-benchmark-{word}",
            summary=f"A guide published by the search benchmark: {word}.",
            purpose="To time how soon a published page can be found.",
            audience="The benchmark.",
            time_needed="None",
            steps=[("step", {"title": "Publish", "body": "<p>Publish and search.</p>"})],
        )
        index.add_child(instance=guide)
        query = prepare(SearchQuery(text=word))
        started = time.perf_counter()
        guide.save_revision().publish()
        while backend.search(query, frozenset()).total == 0:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"the published guide was not searchable within {timeout}s")
            time.sleep(0.01)
        seconds.append(time.perf_counter() - started)
    return {"seconds": [round(s, 3) for s in seconds], "median_s": round(statistics.median(seconds), 3)}


def document_building_ms(repeat=5):
    """Milliseconds to turn one real page into a document (search_document() and StreamField text), as a
    rebuild does for every page before writing it: the part of a real rebuild the corpus skips."""
    from search.indexing import build_document
    from search.registry import all_documents

    started, count = time.perf_counter(), 0
    for _ in range(repeat):
        for batch in all_documents():
            count += len([build_document(data) for data in batch])
    return round((time.perf_counter() - started) * 1000 / max(count, 1), 2)


# --- A real rebuild: real pages turned into documents -------------------------------------------------------
def clone_pages(count):
    """`count` more live pages: copies of the demo's case studies, evidence summaries, guides and pathways in
    turn (so in the demo's proportions), each under its original's index page, with its themes, sectors,
    countries, skills and StreamField content. Written with bulk inserts, table by table of Wagtail's
    multi-table pages (Django's bulk_create refuses those); publishing 50,000 pages one by one through
    Wagtail would take far longer than the rebuild being measured. Returns seconds taken."""
    import copy
    from collections import defaultdict

    from django.db import transaction
    from django.db.models import F, ForeignKey
    from wagtail.models import Page

    from learning.models import ContentPage

    started = time.perf_counter()
    templates = list(ContentPage.objects.live().public().specific().order_by("pk"))
    parents = {page.path: page for page in Page.objects.filter(path__in={t.path[: -Page.steplen] for t in templates})}
    next_step = {path: parent.numchild for path, parent in parents.items()}
    clones = defaultdict(list)  # specific model: its new pages
    for number in range(count):
        template = templates[number % len(templates)]
        parent = parents[template.path[: -Page.steplen]]
        next_step[parent.path] += 1
        clone = copy.copy(template)
        clone._template_pk = template.pk
        clone.slug = f"{template.slug}-{number}"
        clone.title = clone.draft_title = f"{template.title} ({number})"
        clone.path = Page._get_path(parent.path, template.depth, next_step[parent.path])
        clone.url_path = f"{parent.url_path}{clone.slug}/"
        clone.numchild = 0
        clone.translation_key = uuid.uuid4()
        clone.latest_revision = clone.live_revision = None
        clones[type(template)].append(clone)
    with transaction.atomic():
        for model, pages in clones.items():
            for start in range(0, len(pages), BATCH):
                _insert_pages(model, pages[start : start + BATCH])
            _copy_relations(model, pages, ForeignKey)
        for parent in parents.values():
            added = next_step[parent.path] - parent.numchild
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + added)
    return time.perf_counter() - started


def _insert_pages(model, pages):
    """One multi-table insert per table of the model's chain (Page, ContentPage, the page type), as
    bulk_create does for plain models (through the same QuerySet._insert)."""
    from wagtail.models import Page

    chain = [Page, *reversed([parent for parent in model._meta.get_parent_list() if parent is not Page]), model]
    for level in chain:
        fields = [f for f in level._meta.local_concrete_fields if not (level is Page and f.primary_key)]
        if level is Page:
            rows = Page._base_manager._insert(pages, fields=fields, returning_fields=[Page._meta.pk], using="default")
            for page, (pk,) in zip(pages, rows, strict=True):
                for field in ("id", *(f.attname for f in model._meta.parents.values())):
                    setattr(page, field, pk)
                for parent in model._meta.get_parent_list():
                    for link in parent._meta.parents.values():
                        setattr(page, link.attname, pk)
        else:
            level._base_manager._insert(pages, fields=fields, using="default")


def _copy_relations(model, pages, foreign_key):
    """The many-to-many rows (themes, sectors, countries, skills, evidence used) of each page's original."""
    by_template = {}
    for page in pages:
        by_template.setdefault(page._template_pk, []).append(page.pk)
    ancestry = {model, *model._meta.get_parent_list()}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source = next(
            f for f in through._meta.concrete_fields if isinstance(f, foreign_key) and f.related_model in ancestry
        )
        columns = [f.attname for f in through._meta.concrete_fields if not f.primary_key and f is not source]
        rows = through._base_manager.filter(**{f"{source.attname}__in": list(by_template)}).values(
            source.attname, *columns
        )
        copies = [
            through(**{source.attname: pk, **{c: row[c] for c in columns}})
            for row in rows
            for pk in by_template[row[source.attname]]
        ]
        through._base_manager.bulk_create(copies, batch_size=BATCH)


def real_rebuild(pages, runs=2):
    """`search_index rebuild` (search.rebuild.rebuild) once the site has `pages` live content pages, `runs`
    times: the first fills empty indices, the next replace full ones (what an operator's rebuild does).
    Besides the wall-clock parts, the CPU seconds spent meanwhile by this process and its workers, and by
    the Elasticsearch node (its own count: what indexing cost the server)."""
    import resource

    from django.conf import settings

    from learning.models import ContentPage
    from search.rebuild import rebuild, status

    existing = ContentPage.objects.live().public().count()
    print(f"Copying demo pages up to {pages} live pages ...", flush=True)
    cloned = clone_pages(max(pages - existing, 0))

    def python_cpu():
        return sum(
            usage.ru_utime + usage.ru_stime
            for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
        )

    node_cpu = _node_cpu_seconds if settings.ELASTICSEARCH_URL else lambda: 0.0
    measured = []
    for _ in range(runs):
        load_before, python_before, node_before = os.getloadavg()[0], python_cpu(), node_cpu()
        result = rebuild()
        measured.append(
            {
                "workers": result["workers"],
                "seconds": result["seconds"],
                "cpu_seconds": {
                    "python": round(python_cpu() - python_before, 1),
                    "elasticsearch_node": round(node_cpu() - node_before, 1),
                },
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            }
        )
        print(f"rebuild {len(measured)}: {measured[-1]}", flush=True)
        counts = status()
        if {counts.get("elasticsearch", counts["database"]), counts["database"]} != {counts["expected"]}:
            raise RuntimeError(f"the rebuild left the index out of step with the database: {counts}")
    return {
        "pages": ContentPage.objects.live().public().count(),
        "documents": result["documents"],
        "backend": result["backend"],
        "runs": measured,
        "copy_seconds": round(cloned, 1),
    }


def _node_cpu_seconds():
    from search.client import get_client

    stats = get_client().nodes.stats(node_id="_local", metric="process")
    return sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values()) / 1000


# --- The run -------------------------------------------------------------------------------------------------
def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()" if connection.vendor == "sqlite" else "show server_version")
        database_version = cursor.fetchone()[0]
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": platform.node(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {database_version}",
    }


def measure_sizes(args, sizes, database, elasticsearch):
    """Steps 2 to 5 over the synthetic corpus, for each size."""
    print(f"Generating {sizes[-1]} documents (seed {args.seed}) ...", flush=True)
    corpus = generate_corpus(sizes[-1], args.seed)
    queries = prepared_queries()
    measured = {}
    for size in sizes:
        step = {}
        print(f"\n== {size} documents", flush=True)
        started = time.perf_counter()
        database.clear()
        fill = load(database, corpus[:size])
        step["database_rebuild"] = {
            "documents": size,
            "seconds": round(time.perf_counter() - started, 2),
            "fill_seconds": round(fill, 2),
            "docs_per_s": round(size / fill),
        }
        print(f"database: cleared and filled with {size} in {step['database_rebuild']['seconds']}s", flush=True)
        backends = {"database": database}
        if elasticsearch is not None:
            step["elasticsearch_rebuild"] = rebuild_elasticsearch(elasticsearch, corpus[:size], queries[0][1])
            print(f"elasticsearch: rebuild of {size} in {step['elasticsearch_rebuild']['seconds']}s", flush=True)
            backends["elasticsearch"] = elasticsearch
            if args.reference:  # the same index asked by another version of the backend, in the same rounds
                backends[REFERENCE] = reference_backend(args.reference)
        step["latency"] = latency_rounds(backends, queries, args.rounds)
        for name, figures in step["latency"].items():
            print(f"{name}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms", flush=True)
        measured[size] = step
    return measured


def reference_backend(path):
    """An ElasticsearchBackend from another version of search/backends/elasticsearch.py (a file written
    with `git show <commit>:search/backends/elasticsearch.py`), asking the same index as this one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("reference_elasticsearch", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ElasticsearchBackend()


def run(args, workdir):
    import django

    configure_environment(args, workdir)
    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: what a production process pays per search
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # demo content notifies members
    drop_database = create_database(workdir)
    elasticsearch = None
    try:
        from demo.site import load_demo_content
        from search.backends.database import DatabaseBackend

        info = machine()
        print(f"Machine: {info['cpus']} CPUs, {info['platform']}, {info['database']}", flush=True)
        load_demo_content()
        if settings.ELASTICSEARCH_URL:
            from search.backends.elasticsearch import ElasticsearchBackend
            from search.client import server_info

            elasticsearch = ElasticsearchBackend()
            info["elasticsearch"] = server_info()["version"]
            info["elasticsearch_profile"] = elasticsearch.analysis_profile
        database = DatabaseBackend()
        info["database_full_text"] = database.full_text
        info["document_building_ms"] = document_building_ms()
        sizes = sorted(args.sizes)
        results = {"machine": info, "args": vars(args), "sizes": {}, "publish_to_searchable": {}}
        if sizes:
            results["sizes"] = measure_sizes(args, sizes, database, elasticsearch)
        if args.publishes:
            primary = elasticsearch or database
            results["publish_to_searchable"] = {primary.name: publish_to_searchable(primary, args.publishes)}
            if elasticsearch is not None:
                results["publish_to_searchable"]["database"] = publish_to_searchable(database, args.publishes)
            for name, figures in results["publish_to_searchable"].items():
                print(f"publish to searchable ({name}): median {figures['median_s']}s", flush=True)
        if args.rebuild_pages:
            results["real_rebuild"] = real_rebuild(args.rebuild_pages, args.rebuild_runs)
        return results
    finally:
        try:
            if elasticsearch is not None:
                drop_indices(elasticsearch.client, settings.SEARCH_INDEX_PREFIX)
        finally:
            drop_database()


def drop_indices(client, prefix):
    """Every index this run made: ours and Wagtail's admin search (the node refuses wildcard deletes)."""
    for name in client.indices.get(index=f"{prefix}-*", expand_wildcards="all"):
        client.indices.delete(index=name, ignore_unavailable=True)


def table(results):
    parts = [synthetic_table(results)] if results["sizes"] else []
    if "real_rebuild" in results:
        parts.append(rebuild_table(results["real_rebuild"]))
    return "\n\n".join(parts)


def rebuild_table(figures):
    """The real rebuild, part by part, one column per run. With worker processes the parts are work summed
    over the workers; the wall clock is the command's."""
    runs = figures["runs"]
    names = {
        "documents": "building documents (pages loaded, search_document(), StreamField text)",
        "elasticsearch": "writing Elasticsearch (its text analysis in Python, bulk requests)",
        "database": "writing the database backend's table (clear, its text analysis in Python, inserts)",
        "finishing": "finishing: replay, refresh, merge, alias swap",
    }
    headings = ["into empty indices", *["replacing full indices"] * (len(runs) - 1)]
    lines = [
        "| part of the real rebuild | " + " | ".join(f"run {n + 1}: {h}" for n, h in enumerate(headings)) + " |",
        "|---|" + "---:|" * len(runs),
    ]

    def row(label, values):
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    for name, label in names.items():
        cells = []
        for run in runs:
            work = sum(run["seconds"].get(part, 0) for part in names)
            cells.append(f"{run['seconds'].get(name, 0)} s ({100 * run['seconds'].get(name, 0) / work:.0f}%)")
        row(label, cells)
    workers = runs[0]["workers"]
    row(
        f"**wall clock** ({figures['pages']:,} pages, {figures['documents']:,} documents, {workers} worker "
        f"process{'es' if workers > 1 else ''})",
        [f"**{run['seconds']['total']} s**" for run in runs],
    )
    row(
        "CPU meanwhile: Python (command and workers) / Elasticsearch node",
        [f"{run['cpu_seconds']['python']} / {run['cpu_seconds']['elasticsearch_node']} s" for run in runs],
    )
    row("load average (1 min) before / after", [" / ".join(map(str, run["load_average"])) for run in runs])
    if figures["pages"] >= 50_000:
        aim = AIMS["real_rebuild_s_at_50000_pages"]
        row("aim: ≤ 60 s at 50,000 pages", ["met" if run["seconds"]["total"] <= aim else "missed" for run in runs])
    return "\n".join(lines)


def synthetic_table(results):
    lines = ["| measure | backend | " + " | ".join(f"{size:,} docs" for size in results["sizes"]) + " | aim |"]
    lines.append("|---|---|" + "---|" * len(results["sizes"]) + "---|")
    sizes = list(results["sizes"].values())

    def row(measure, backend, values, aim=""):
        lines.append(f"| {measure} | {backend} | " + " | ".join(values) + f" | {aim} |")

    for name in ("elasticsearch", REFERENCE, "database"):
        if name not in sizes[0]["latency"]:
            continue
        aim_p95 = {"elasticsearch": "≤ 30 ms at 50,000", "database": "≤ 100 ms at 10,000"}.get(name, "")
        row("query p50", name, [f"{s['latency'][name]['p50_ms']} ms" for s in sizes])
        row("query p95", name, [f"{s['latency'][name]['p95_ms']} ms" for s in sizes], aim_p95)
    if "elasticsearch_rebuild" in sizes[0]:
        row("bulk indexing", "elasticsearch", [f"{s['elasticsearch_rebuild']['docs_per_s']:,} docs/s" for s in sizes])
    row("bulk indexing", "database", [f"{s['database_rebuild']['docs_per_s']:,} docs/s" for s in sizes])
    if "elasticsearch_rebuild" in sizes[0]:
        rebuilds = [s["elasticsearch_rebuild"] for s in sizes]
        row("rebuild + alias swap", "elasticsearch", [f"{r['seconds']} s" for r in rebuilds], "≤ 60 s at 50,000")
        row(
            "searches during rebuild (failed/empty)",
            "elasticsearch",
            [f"{r['searches_during']} ({r['failed_during']}/{r['empty_during']})" for r in rebuilds],
            "0 failed",
        )
    row("clear + refill (rebuild's share)", "database", [f"{s['database_rebuild']['seconds']} s" for s in sizes])
    for name, figures in results["publish_to_searchable"].items():
        values = [f"{figures['median_s']} s (at {max(results['sizes']):,})", *[""] * (len(sizes) - 1)]
        row("publish → searchable (median)", name, values[::-1], "≤ 2 s")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved latency rounds per size.")
    parser.add_argument("--publishes", type=int, default=5, help="How many publish-to-searchable timings.")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--rebuild-pages", type=int, default=50_000, help="Live pages for the real rebuild (0: no real rebuild)."
    )
    parser.add_argument(
        "--only-rebuild", action="store_true", help="Only the real rebuild: no synthetic corpus, no publishing."
    )
    parser.add_argument(
        "--reference",
        help="Another version of search/backends/elasticsearch.py, timed in the same rounds on the same index.",
    )
    parser.add_argument(
        "--rebuild-runs", type=int, default=2, help="Real rebuilds in a row (the first fills empty indices)."
    )
    args = parser.parse_args()
    if args.only_rebuild:
        args.sizes, args.publishes = [], 0
    workdir = Path(tempfile.mkdtemp(prefix="cop-bench-search-"))
    try:
        results = run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n" + table(results))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"search-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
