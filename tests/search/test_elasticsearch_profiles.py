"""Index settings for both analysis profiles, detected from the node with the _analyze API, and how the
index scores what the analysis made."""

import uuid
from datetime import UTC, datetime

import pytest

from search.backends.elasticsearch import ANALYSIS_PROFILES, ElasticsearchBackend
from search.documents import SearchDocument
from search.query import SearchQuery
from search.text import term_groups
from tests.services import service_url


@pytest.fixture
def es_backend(settings):
    settings.ELASTICSEARCH_URL = service_url("elasticsearch")
    backend = ElasticsearchBackend(prefix=f"cop-test-{uuid.uuid4().hex[:10]}")
    yield backend
    backend.drop()


def tokens(backend, index, text):
    response = backend.client.indices.analyze(index=index, analyzer="cop_text", text=text)
    return [t["token"] for t in response["tokens"]]


def test_the_minimal_distribution_is_detected_and_its_index_works(es_backend):
    # The CI node is the integ-test-zip: no analysis-common module, so no English analyser.
    assert es_backend.analysis_profile == "minimal"
    index = es_backend.create_index()
    assert tokens(es_backend, index, "Running Community Councils") == ["running", "community", "councils"]


def test_both_profiles_match_on_the_projects_own_stems_and_the_full_one_folds_titles():
    # Matching fields hold text search.text analysed (stems): no profile may stem them again.
    for profile in ANALYSIS_PROFILES.values():
        assert profile["analyzer"]["cop_terms"] == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
    assert ANALYSIS_PROFILES["full"]["analyzer"]["cop_text"]["filter"] == ["lowercase", "asciifolding"]
    minimal = ANALYSIS_PROFILES["minimal"]["analyzer"]["cop_text"]
    assert minimal == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}


def test_the_full_profile_is_refused_by_a_minimal_node(es_backend):
    """Proves the detection matters: creating the full profile's index fails on this node."""
    from search.backends.base import BackendUnavailable

    with pytest.raises(BackendUnavailable, match="asciifolding"):
        es_backend.create_index(profile="full")


@pytest.mark.django_db
def test_wagtail_admin_search_runs_on_the_same_cluster(settings):
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from learning.models import EvidenceSummaryPage
    from tests.factories import EvidenceFactory

    url = service_url("elasticsearch")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.wagtail_backend",
            "URLS": [url],
            "INDEX_PREFIX": f"cop-test-{uuid.uuid4().hex[:8]}-",
        }
    }
    EvidenceFactory(title="Mini-publics in Denmark")
    call_command("update_index", verbosity=0)
    backend = get_search_backend()
    try:
        assert type(backend).__name__ == "CoreAwareElasticsearch9SearchBackend"
        assert [p.title for p in EvidenceSummaryPage.objects.search("mini-publics")] == ["Mini-publics in Denmark"]
    finally:
        for name in backend.es.indices.get(index=f"{backend.index_prefix}*").keys():
            backend.es.indices.delete(index=name)


def test_a_glossary_phrases_words_apart_rank_by_how_strongly_a_page_says_them(es_backend, settings):
    glossary = [(["kinship care"], ["family placement"], "")]
    es_backend.upsert(
        [
            SearchDocument(
                doc_id=f"page-{number}",
                type="guide",
                title=title,
                url=f"/test/{number}/",
                published=datetime(2026, 1, 1, tzinfo=UTC),
                summary=summary,
            )
            for number, title, summary in [
                (1, "Family placement reviews", "A review of placements with relatives."),
                (2, "Notes from a carers' day", "Care was discussed, and kinship came up once."),
                (3, "Kinship networks and the care they give", "Grandparents give care within a kinship network."),
            ]
        ]
    )
    es_backend.refresh()
    query = SearchQuery(text="kinship care", groups=term_groups("kinship care", glossary))
    found = [hit.title for hit in es_backend.search(query, ()).hits]
    # Of the pages holding the words apart, the one saying them in its title comes before a passing mention
    # (indexed first, so a tie would put the mention first).
    strong, passing = "Kinship networks and the care they give", "Notes from a carers' day"
    assert found.index(strong) < found.index(passing)
