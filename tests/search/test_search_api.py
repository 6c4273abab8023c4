"""The search API's shapes (docs/protocols.md), its errors, and its fallback when Elasticsearch is down."""

import pytest

from search.backends.database import DatabaseBackend
from search.indexing import build_document
from search.models import QueryLog
from search.registry import all_documents
from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(settings):
    settings.ELASTICSEARCH_URL = ""
    CaseStudyFactory(title="Participatory budgeting in Dundee", summary="Residents chose projects.", themes=["pb"])
    for batch in all_documents():
        DatabaseBackend().upsert([build_document(d) for d in batch])


def test_search_returns_the_documented_shape(client, indexed):
    body = client.get("/api/v1/search", {"q": "residents"}).json()
    assert set(body) >= {"query", "total", "page", "page_size", "backend", "results", "facets"}
    assert body["backend"] == "database"
    assert body["total"] == 1
    result = body["results"][0]
    assert set(result) == {"type", "title", "title_html", "url", "snippet_html", "themes", "published", "score"}
    assert result["type"] == "casestudy"
    assert "<mark>Residents</mark>" in result["snippet_html"]
    assert set(body["facets"]) == {"type", "theme", "sector", "region", "country"}
    assert QueryLog.objects.get().query == "residents"


@pytest.mark.parametrize(
    "params", [{"page": "0"}, {"page": "x"}, {"type": "novel"}, {"sort": "sideways"}, {"q": "x" * 201}]
)
def test_bad_parameters_are_422_json(client, indexed, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameters"
    assert set(response.json()["error"]["fields"]) == set(params)


def test_elasticsearch_down_falls_back_to_the_database_and_says_so(client, indexed, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    body = client.get("/api/v1/search", {"q": "residents"}).json()
    assert body["backend"] == "database"
    assert body["incomplete"] is True
    assert body["total"] == 1
    suggestions = client.get("/api/v1/search/suggest", {"q": "Partic"}).json()["suggestions"]
    assert [(s["title"], s["type"]) for s in suggestions if s["type"] == "casestudy"] == [
        ("Participatory budgeting in Dundee", "casestudy")
    ]


def test_a_long_question_finds_what_says_half_of_its_words(client, indexed):
    said_only = dict.fromkeys(["challenge", "what_was_done", "what_changed", "lessons"], "") | {
        "evaluation": "<p>None.</p>"
    }
    CaseStudyFactory(title="Ward meetings in Perth", summary="Councillors and officers meet monthly.", **said_only)
    CaseStudyFactory(
        title="Choosing together in Ayr", summary="Residents, councillors and officers chose projects.", **said_only
    )
    for batch in all_documents():
        DatabaseBackend().upsert([build_document(d) for d in batch])
    # Seven content words: the Ayr page says five of them, enough for any query; the Perth page four
    # (councillors, officers, meet, monthly), half of them, which is enough for a question this long.
    params = {"q": "residents chose projects but councillors and officers kept meeting monthly"}
    body = client.get("/api/v1/search", params).json()
    found = [result["title"] for result in body["results"]]
    assert "Ward meetings in Perth" in found
    assert found.index("Choosing together in Ayr") < found.index("Ward meetings in Perth")
    assert (body["did_you_mean"], body["corrected"]) == (None, False)
