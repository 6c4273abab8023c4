"""A proposed case study is a draft: no page, listing, search, suggestion, feed or sitemap shows it to anyone."""

import uuid

import pytest

from casestudies.proposals import CaseStudyProposalForm, propose
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.indexing import build_document
from search.registry import all_documents
from tests.casestudies.test_proposals import form_data
from tests.factories import CaseStudyFactory, MemberFactory, case_study_index
from tests.services import service_url

pytestmark = pytest.mark.django_db
DRAFT = "Lanterns for Kirkcaldy tenants"


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """Each search backend in turn: the database always, Elasticsearch when the service is there."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield DatabaseBackend()
        return
    settings.ELASTICSEARCH_URL = service_url("elasticsearch")
    settings.SEARCH_INDEX_PREFIX = f"cop-test-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend()
    yield backend
    backend.drop()


@pytest.fixture
def draft(backend):
    CaseStudyFactory(title="Lanterns in Dundee", summary="Residents lit the close.")  # a live one to find
    member = MemberFactory(username="morven")
    form = CaseStudyProposalForm(form_data(title=DRAFT, summary="Lanterns lit every close in Kirkcaldy."))
    assert form.is_valid(), form.errors
    proposal = propose(member, form.cleaned_data)
    for batch in all_documents():  # a full rebuild, as well as whatever the signals did
        backend.upsert([build_document(document) for document in batch])
    if hasattr(backend, "refresh"):
        backend.refresh()
    return proposal


def shows_draft(response):
    assert response.status_code == 200, response.status_code
    return DRAFT in response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "author", "member"])
def test_nobody_outside_the_admin_finds_the_draft(client, backend, draft, who):
    if who != "visitor":
        client.force_login(draft.author if who == "author" else MemberFactory(username="tam"))
    assert client.get(draft.page.url).status_code == 404
    assert not shows_draft(client.get(case_study_index().url))
    assert not shows_draft(client.get("/"))
    search = client.get("/api/v1/search", {"q": "lanterns"}).json()
    assert search["backend"] == ("elasticsearch" if isinstance(backend, ElasticsearchBackend) else "database")
    assert [result["title"] for result in search["results"]] == ["Lanterns in Dundee"]
    suggestions = client.get("/api/v1/search/suggest", {"q": "Lantern"}).json()["suggestions"]
    assert DRAFT not in [suggestion["title"] for suggestion in suggestions]
    assert not shows_draft(client.get("/search/", {"q": "lanterns"}))
    assert "in Dundee" in client.get("/search/", {"q": "lanterns"}).content.decode()  # the live one is found
    assert client.get(f"/api/v1/case-studies/{draft.page.pk}").status_code == 404
    for address in (
        "/feeds/latest.atom",
        "/feeds/latest.rss",
        "/sitemap.xml",
        "/api/v1/case-studies",
        "/api/v1/case-studies/download.csv",
        "/api/v1/case-studies/download.json",
    ):
        assert not shows_draft(client.get(address)), address
        assert draft.page.slug not in client.get(address).content.decode(), address
