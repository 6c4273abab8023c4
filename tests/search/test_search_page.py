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


def test_zero_hits_offer_a_correction(client, indexed):
    html = client.get("/search/", {"q": "budgetting"}).content.decode()
    assert "0 results" in html
    assert 'Did you mean <a href="?q=budgeting">budgeting</a>?' in html


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
