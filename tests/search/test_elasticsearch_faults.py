"""A misbehaving Elasticsearch: a hung node costs a search one short wait, and updates missed while
it was down arrive by themselves once it is back.

The tests freeze (SIGSTOP), thaw, kill and restart a node of their own (tests/elasticsearch_node.py),
never the shared one. They run when ELASTICSEARCH_URL is set, and fail instead of skipping when
COP_REQUIRE_SERVICES=1 and the node cannot be started.
"""

import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import override_settings

from search.backends.elasticsearch import ElasticsearchBackend
from search.breaker import CLOSED, OPEN, breaker_for, reset
from search.models import PendingIndexUpdate
from search.service import run_search
from tests.elasticsearch_node import elasticsearch_node
from tests.factories import CaseStudyFactory
from tests.services import service_url

pytestmark = [pytest.mark.services, pytest.mark.django_db]

READ_TIMEOUT = 0.4  # the production default, which the test settings raise
COOLDOWN = 2


@pytest.fixture(scope="module")
def own_node():
    service_url("elasticsearch")
    node = elasticsearch_node()
    yield node
    node.remove()


@pytest.fixture
def on_own_node(own_node, settings):
    settings.ELASTICSEARCH_URL = own_node.url
    settings.SEARCH_INDEX_PREFIX = f"cop-test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_READ_TIMEOUT = READ_TIMEOUT
    settings.SEARCH_BREAKER_COOLDOWN = COOLDOWN
    settings.SEARCH_RETRY_INTERVAL = 1
    ElasticsearchBackend().ensure_index()
    yield own_node
    own_node.start() if own_node.server_pid is None else own_node.thaw()


def search(text):
    return run_search(QueryDict(f"q={text}"), AnonymousUser())


def timed(call, *args, **kwargs):
    started = time.monotonic()
    result = call(*args, **kwargs)
    return time.monotonic() - started, result


def test_a_hung_node_costs_one_short_wait_then_the_database_answers(on_own_node, client, monkeypatch, capture):
    node = on_own_node
    with capture(execute=True):
        CaseStudyFactory(title="Crofting apprenticeships", summary="Young crofters learn from retired crofters.")
    ElasticsearchBackend().refresh()
    with override_settings(SEARCH_READ_TIMEOUT=10):
        search("crofters")  # a fresh node's first search can take longer than READ_TIMEOUT
    results = search("crofters")
    assert (results.backend, results.incomplete, results.total) == ("elasticsearch", False, 1)

    node.freeze()
    try:
        seconds, results = timed(search, "crofters")
        assert (results.backend, results.incomplete, results.total) == ("database", True, 1)
        assert READ_TIMEOUT - 0.05 <= seconds < 1.0, f"the first search after the hang took {seconds:.2f}s"
        figures = {"first search": seconds}
        assert breaker_for().state == OPEN

        reads = []
        original = ElasticsearchBackend._search
        monkeypatch.setattr(ElasticsearchBackend, "_search", lambda self: reads.append(1) or original(self))
        seconds, results = timed(search, "crofters")
        assert (results.backend, results.incomplete) == ("database", True)
        assert reads == [], "an open breaker does not touch Elasticsearch"
        assert seconds < 0.3, f"a search with the breaker open took {seconds:.2f}s"
        figures["second search"] = seconds
        monkeypatch.undo()

        # Each way in, meeting the hung node afresh.
        reset()
        seconds, response = timed(client.get, "/api/v1/search", {"q": "crofters"})
        body = response.json()
        assert (body["backend"], body["incomplete"], body["total"]) == ("database", True, 1)
        assert seconds < 1.0, f"/api/v1/search took {seconds:.2f}s"
        figures["/api/v1/search"] = seconds
        reset()
        seconds, response = timed(client.get, "/api/v1/search/suggest", {"q": "Croft"})
        assert [s["title"] for s in response.json()["suggestions"]] == ["Crofting apprenticeships"]
        assert seconds < 1.0, f"/api/v1/search/suggest took {seconds:.2f}s"
        figures["/api/v1/search/suggest"] = seconds
        assert breaker_for().state == OPEN, "the suggestion met the hung node"
        reset()
        seconds, response = timed(client.get, "/search/", {"q": "crofters"})
        assert "results may be incomplete" in response.content.decode()
        assert seconds < 1.0, f"/search/ took {seconds:.2f}s"
        figures["/search/"] = seconds
    finally:
        node.thaw()

    print("against the hung node:", ", ".join(f"{k} {v:.3f}s" for k, v in figures.items()))  # noqa: T201
    time.sleep(COOLDOWN)
    deadline = time.monotonic() + 15
    while (results := search("crofters")).backend != "elasticsearch":
        assert time.monotonic() < deadline, "Elasticsearch did not serve searches again after it thawed"
        time.sleep(0.2)
    assert (results.incomplete, results.total) == (False, 1)
    assert breaker_for().state == CLOSED


def test_updates_missed_while_the_node_was_down_arrive_by_themselves(on_own_node, client, capture):
    node = on_own_node
    node.kill()
    try:
        with capture(execute=True):
            CaseStudyFactory(title="Seaweed harvesting co-operative", summary="Islanders share a seaweed licence.")
        assert PendingIndexUpdate.objects.get().action == "upsert"
        results = search("seaweed")
        assert (results.backend, results.incomplete, results.total) == ("database", True, 1)
        detail = client.get("/api/v1/health").json()["search"]["detail"]
        assert "search breaker open" in detail
    finally:
        node.start()

    # No retry by hand: searches (the mechanism for busy sites) catch the index up.
    back = time.monotonic()
    deadline = back + 60
    while True:
        results = search("seaweed")
        if (results.backend, results.incomplete, results.total) == ("elasticsearch", False, 1):
            break
        assert time.monotonic() < deadline, f"still {results.backend}, incomplete={results.incomplete} after 60s"
        time.sleep(0.5)
    assert not PendingIndexUpdate.objects.exists()
    print(f"caught up {time.monotonic() - back:.1f}s after the node was back")  # noqa: T201


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
