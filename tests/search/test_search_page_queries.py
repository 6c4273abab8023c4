"""A member's search page costs the same number of queries with 2 results as with 20.

Results come from the search entries in one read, with no query per result (an N+1 fails here).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import services
from search.backends.database import DatabaseBackend
from search.indexing import build_document
from search.registry import all_documents
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


def index_everything():
    for batch in all_documents():
        DatabaseBackend().upsert([build_document(document) for document in batch])


def add_results(member, community, first, count):
    """`count` case studies and as many threads in the member's (private) community, all about budgeting."""
    for n in range(first, first + count):
        CaseStudyFactory(title=f"Participatory budgeting in place {n}", slug=f"budgeting-{n}")
        services.start_thread(community, member, f"Participatory budgeting question {n}", "How did you start?")
    index_everything()


def queries(client):
    url = "/search/?q=participatory"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured, response.content.decode()


def test_the_search_page_costs_the_same_queries_with_2_results_or_20(settings, monkeypatch):
    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(services, "rate_limit", lambda user: None)
    member = UserFactory(username="ailsa")
    community = CommunityFactory(name="Budget circle", slug="budget-circle", visibility="private")
    member_of(community, member)
    client = signed_in(member)
    add_results(member, community, 0, 1)
    few, html = queries(client)
    assert "2 results for" in html
    add_results(member, community, 1, 9)
    many, html = queries(client)
    assert "20 results for" in html
    assert len(many) == len(few), "\n".join(query["sql"][:200] for query in many.captured_queries)
