"""Index shape on one node: no replicas (a single node cannot place them), so every index is green."""

import uuid

import pytest
from django.core.management import call_command

from search.backends.elasticsearch import ElasticsearchBackend
from tests.factories import EvidenceFactory
from tests.services import service_url

pytestmark = pytest.mark.django_db


def health(client, index):
    return client.cluster.health(index=index, wait_for_status="green", timeout="10s")


def test_wagtails_own_index_is_green_on_one_node(settings):
    from wagtail.search.backends import get_search_backend

    url = service_url("elasticsearch")
    prefix = f"cop-test-{uuid.uuid4().hex[:8]}-wagtail-"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.wagtail_backend", "URLS": [url], "INDEX_PREFIX": prefix}
    }
    EvidenceFactory(title="Mini-publics in Denmark")
    call_command("update_index", verbosity=0)
    client = get_search_backend().es
    try:
        names = list(client.indices.get(index=f"{prefix}*"))
        assert names
        for name in names:
            answer = health(client, name)
            assert (answer["status"], answer["timed_out"]) == ("green", False), name
            index = client.indices.get_settings(index=name)[name]["settings"]["index"]
            assert (index["number_of_shards"], index["number_of_replicas"]) == ("1", "0")
    finally:
        for name in client.indices.get(index=f"{prefix}*"):
            client.indices.delete(index=name)


def test_shards_and_replicas_come_from_the_settings(settings):
    from wagtail.search.backends import get_search_backend

    url = service_url("elasticsearch")
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_SHARDS, settings.SEARCH_INDEX_REPLICAS = 2, 0
    ours = ElasticsearchBackend(prefix=f"cop-test-{uuid.uuid4().hex[:10]}")
    try:
        name = ours.create_index()
        index = ours.client.indices.get_settings(index=name)[name]["settings"]["index"]
        assert (index["number_of_shards"], index["number_of_replicas"]) == ("2", "0")
        assert health(ours.client, name)["status"] == "green"
    finally:
        ours.drop()

    settings.SEARCH_INDEX_REPLICAS = 1  # a second node's worth: yellow here, which is why the default is 0
    backend = get_search_backend(
        "default",
        BACKEND="search.wagtail_backend",
        URLS=[url],
        INDEX_PREFIX="unused-",
        INDEX_SETTINGS={"settings": {"index": {"number_of_shards": 3}}},
    )
    assert backend.settings["settings"]["index"]["number_of_replicas"] == 1
    assert backend.settings["settings"]["index"]["number_of_shards"] == 3, "INDEX_SETTINGS still win"
    assert backend.settings["settings"]["index"]["max_ngram_diff"] == 12, "modelsearch's own settings stay"
