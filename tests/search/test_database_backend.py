"""The database backend's ways of finding documents agree: the full-text index (FTS5 on SQLite, the
embedded default; a tsvector with a GIN index on PostgreSQL) and scanning the table (where there is no
index). The index, and each process's copy of the short columns, follow every write."""

import pytest
from django.db import connection
from django.http import QueryDict

from learning.models import GlossaryTerm
from search.backends import postgres_fts, sqlite_fts
from search.backends.database import DatabaseBackend
from search.documents import SearchDocument
from search.indexing import build_document
from search.models import SearchEntry
from search.query import SearchQuery
from search.registry import all_documents
from search.service import prepare, search_with
from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory
from tests.services import service_url

pytestmark = pytest.mark.django_db


def search(backend, q="", **filters):
    params = QueryDict(mutable=True)
    params["q"] = q
    for name, value in filters.items():
        params.setlist(name, [value])
    return search_with(backend, prepare(SearchQuery.from_params(params)), frozenset())


def answer(results):
    return {
        "titles": [hit.title for hit in results.hits],
        "total": results.total,
        "facets": results.facets,
        "did_you_mean": results.did_you_mean,
        "snippets": [hit.snippet_html for hit in results.hits],
    }


@pytest.fixture
def indexed(settings):
    settings.ELASTICSEARCH_URL = ""
    CaseStudyFactory(title="Participatory budgeting in Dundee", summary="Residents chose projects in Dundee.")
    CaseStudyFactory(title="Self-directed support in the Borders", summary="People chose their own support.")
    EvidenceFactory(title="Deliberation and mini-publics", summary="What citizens' panels achieve.")
    GuideFactory(title="Running a participatory budgeting round", summary="From the budget to the vote.")
    backend = DatabaseBackend(full_text=True)
    backend.clear()
    for batch in all_documents():
        backend.upsert([build_document(data) for data in batch])
    return backend


QUERIES = [
    {"q": "budgeting"},
    {"q": "participatory Dundee"},
    {"q": "PB"},
    {"q": "residents"},
    {"q": "partnership"},
    {"q": "evidence deliberation"},
    {"q": "Fife"},
    {"q": "citizens panel"},
    {"q": "budgetting"},
    {"q": "partcipatory"},
    {"q": "participatory Highland budgeting"},
    {"q": "how do residents choose projects"},
    {"q": ""},
    {"q": "", "type": "casestudy"},
    {"q": "participatory", "type": "guide"},
    {"q": "chose", "region": "Fife"},
]


@pytest.mark.parametrize("params", QUERIES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_the_full_text_index_and_scanning_give_the_same_answers(indexed, params):
    assert indexed.full_text, "migrations 0002 (SQLite) and 0003 (PostgreSQL) install the index"
    scanning = DatabaseBackend(full_text=False)
    assert not scanning.full_text
    with_index, without = answer(search(indexed, **params)), answer(search(scanning, **params))
    assert with_index["total"] == without["total"]
    assert set(with_index["titles"]) == set(without["titles"])
    assert with_index["facets"] == without["facets"]
    assert with_index["did_you_mean"] == without["did_you_mean"]


def test_suggestions_agree(indexed):
    for text in ["Partic", "participatory bud", "Self-dir", "running a", "zzz"]:
        assert indexed.suggest(text, frozenset()) == DatabaseBackend(full_text=False).suggest(text, frozenset())


def document(text, doc_id="thread-1", title="A thread", community=None):
    return SearchDocument(
        doc_id=doc_id, type="thread", title=title, url="/t/1/", published=None, summary=text, community=community
    )


def test_the_index_follows_inserts_updates_and_deletes(indexed):
    indexed.upsert([document("Crofting townships share a tractor.")])
    assert search(indexed, "crofting").total == 1
    indexed.upsert([document("Fishing villages share a boat.")])
    assert search(indexed, "crofting").total == 0
    assert search(indexed, "fishing").total == 1
    indexed.delete(["thread-1"])
    assert search(indexed, "fishing").total == 0
    indexed.clear()
    assert search(indexed, "budgeting").total == 0


def test_a_broken_index_is_not_trusted_and_a_rebuild_restores_it(indexed):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # a migration that remakes the table (SQLite's ALTER) drops the triggers
            for trigger in sorted(sqlite_fts.TRIGGERS):
                cursor.execute(f"DROP TRIGGER {trigger}")
        else:  # PostgreSQL: the GIN index is gone
            cursor.execute(f"DROP INDEX {postgres_fts.INDEX}")
    assert not indexed.full_text
    assert search(indexed, "budgeting").total == 2  # answered by scanning meanwhile
    indexed.clear()  # what `search_index rebuild` starts with
    assert indexed.full_text
    indexed.upsert([document("Crofting townships share a tractor.")])
    assert search(indexed, "crofting").total == 1


def test_another_processs_write_reaches_this_processs_copy_of_the_rows(indexed):
    from search.backends import short_rows

    assert search(indexed, "crofting").total == 0  # this process now holds a copy of the rows
    with connection.cursor() as cursor:  # another process writes: the same row changes, nothing else here
        cursor.execute(
            f"UPDATE {SearchEntry._meta.db_table} SET themes = %s WHERE title = %s",  # noqa: S608
            ["|crofting|", "Participatory budgeting in Dundee"],
        )
    short_rows.bump()
    results = search(indexed, "", theme="crofting")
    assert [hit.title for hit in results.hits] == ["Participatory budgeting in Dundee"]


def test_a_rare_words_matches_are_found_and_ranked_in_one_lookup_after_one_look_at_the_index(indexed):
    from django.test.utils import CaptureQueriesContext

    search(indexed, "Borders")  # the glossary and the short rows are loaded once per process
    with CaptureQueriesContext(connection) as lookups:
        results = search(indexed, "Borders")
    assert [hit.title for hit in results.hits] == ["Self-directed support in the Borders"]
    lookup = f"{sqlite_fts.FTS} MATCH" if connection.vendor == "sqlite" else f"{postgres_fts.COLUMN} @@"
    assert len([query for query in lookups.captured_queries if lookup in query["sql"]]) == 1
    # Whether the index is installed is asked once for the search, not once for each lookup.
    check = "sqlite_master" if connection.vendor == "sqlite" else "to_regclass"
    assert len([query for query in lookups.captured_queries if check in query["sql"]]) == 1


def test_a_group_too_common_to_rank_still_finds_every_match(indexed, monkeypatch):
    from search.backends import database

    ranked = answer(search(indexed, "participatory budgeting"))
    monkeypatch.setattr(database, "RANKED_MATCHES", 1)  # every group now counts as common
    unranked = answer(search(indexed, "participatory budgeting"))
    assert unranked["total"] == ranked["total"] >= 2
    assert set(unranked["titles"]) == set(ranked["titles"])


def found(backend, q, communities=frozenset()):
    return sorted(
        hit.title for hit in search_with(backend, prepare(SearchQuery.from_params({"q": q})), communities).hits
    )


def lookups_saying(word, captured):
    lookup = f"{sqlite_fts.FTS} MATCH" if connection.vendor == "sqlite" else f"{postgres_fts.COLUMN} @@"
    return [query for query in captured if lookup in query["sql"] and word in query["sql"]]


def test_a_glossary_entrys_related_matches_are_kept_until_the_index_or_the_entry_changes(indexed):
    from django.test.utils import CaptureQueriesContext

    term = GlossaryTerm.objects.create(term="TSR", expansion="township shared resources", related="share a tractor")
    indexed.upsert([document("Crofting townships share a tractor.", title="Crofting")])
    assert found(indexed, "TSR") == ["Crofting"]
    with CaptureQueriesContext(connection) as again:  # nothing changed: the related phrases' matches are kept
        assert found(indexed, "TSR") == ["Crofting"]
    assert not lookups_saying("tractor", again.captured_queries)

    # A page indexed (in this process or another: the index's version changes) is found at once.
    indexed.upsert([document("Fishing villages share a tractor too.", doc_id="thread-2", title="Fishing")])
    assert found(indexed, "TSR") == ["Crofting", "Fishing"]
    indexed.delete(["thread-1"])
    assert found(indexed, "TSR") == ["Fishing"]

    # An editor's change to the entry's related phrases too.
    term.related = "crofting townships\nvillages"
    term.save()
    indexed.upsert([document("Crofting townships keep a bull.", title="Crofting")])
    assert found(indexed, "TSR") == ["Crofting", "Fishing"]
    term.related = "keep a bull"
    term.save()
    assert found(indexed, "TSR") == ["Crofting"]


def test_kept_related_matches_never_show_a_community_to_someone_outside_it(indexed):
    GlossaryTerm.objects.create(term="TSR", expansion="township shared resources", related="share a tractor")
    indexed.upsert([document("Crofting townships share a tractor.", title="Crofting")])
    indexed.upsert(
        [document("Our private pilot: we share a tractor.", doc_id="thread-2", title="Private", community=7)]
    )
    assert found(indexed, "TSR", frozenset({7})) == ["Crofting", "Private"]  # its matches are now kept
    assert found(indexed, "TSR") == ["Crofting"]
    assert found(indexed, "TSR", frozenset({8})) == ["Crofting"]


def test_lookups_kept_from_scanning_leave_the_callers_transaction_as_it_was(indexed):
    service_url("postgresql")  # PostgreSQL's planner settings: skipped on the embedded default, required in CI
    with connection.cursor() as cursor:  # a test runs in a transaction, as a request may
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        assert "Participatory budgeting in Dundee" in found(indexed, "participatory budgeting")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
