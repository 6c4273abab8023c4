"""Index settings for both analysis profiles, detected from the node with the _analyze API."""

import uuid

import pytest

from search.backends.elasticsearch import ANALYSIS_PROFILES, ElasticsearchBackend
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
