import pytest

from search.backends.database import DatabaseBackend
from search.indexing import build_document
from search.registry import all_documents
from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(settings):
    settings.ELASTICSEARCH_URL = ""
    CaseStudyFactory(title="Participatory budgeting in Dundee", summary="Residents chose <b>projects</b>.")
    for batch in all_documents():
        DatabaseBackend().upsert([build_document(d) for d in batch])


def test_results_with_highlighted_safe_snippets(client, indexed):
    html = client.get("/search/", {"q": "residents"}).content.decode()
    assert "1 result for “residents”" in html
    assert "<mark>Residents</mark> chose &lt;b&gt;projects&lt;/b&gt;." in html
    assert 'href="/case-studies/' in html


def test_a_misspelt_query_shows_the_corrected_results_and_offers_what_was_typed(client, indexed):
    html = client.get("/search/", {"q": "partcipatory"}).content.decode()
    assert "1 result for “participatory”" in html
    assert "Showing results for <strong>participatory</strong>." in html
    assert '<a href="?q=partcipatory&amp;original=1">Search instead for partcipatory</a>' in html
    as_typed = client.get("/search/", {"q": "partcipatory", "original": "1"}).content.decode()
    assert "0 results for “partcipatory”" in as_typed
    assert "Showing results for" not in as_typed


def test_a_query_of_punctuation_alone_asks_for_a_word(client, indexed):
    for q in ["*", "?", "!!! ..."]:
        response = client.get("/search/", {"q": q})
        assert response.status_code == 400
        assert "Type a word to search for" in response.content.decode()
        api = client.get("/api/v1/search", {"q": q})
        assert api.status_code == 422
        assert "Type a word" in api.json()["error"]["fields"]["q"]


def test_bad_input_is_a_400_with_a_clear_message(client, indexed):
    response = client.get("/search/", {"q": "x", "page": "nine"})
    assert response.status_code == 400
    assert "There is a problem with your search" in response.content.decode()
    assert "A whole number from 1 to 100." in response.content.decode()


def test_search_is_answered_from_the_database_when_elasticsearch_is_down(client, indexed, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    html = client.get("/search/", {"q": "residents"}).content.decode()
    assert "results may be incomplete" in html
    assert "1 result for" in html
