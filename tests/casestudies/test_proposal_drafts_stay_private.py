"""A proposed case study is a draft: no page, listing, search, suggestion, feed or sitemap shows it to anyone."""

import pytest

from casestudies.proposals import CaseStudyProposalForm, propose
from search.backends.database import DatabaseBackend
from search.indexing import build_document
from search.registry import all_documents
from tests.casestudies.test_proposals import form_data
from tests.factories import CaseStudyFactory, MemberFactory, case_study_index

pytestmark = pytest.mark.django_db
DRAFT = "Lanterns for Kirkcaldy tenants"


@pytest.fixture
def draft(settings):
    settings.ELASTICSEARCH_URL = ""
    CaseStudyFactory(title="Lanterns in Dundee", summary="Residents lit the close.")  # a live one to find
    member = MemberFactory(username="morven")
    form = CaseStudyProposalForm(form_data(title=DRAFT, summary="Lanterns lit every close in Kirkcaldy."))
    assert form.is_valid(), form.errors
    proposal = propose(member, form.cleaned_data)
    for batch in all_documents():  # a full rebuild, as well as whatever the signals did
        DatabaseBackend().upsert([build_document(document) for document in batch])
    return proposal


def shows_draft(response):
    assert response.status_code == 200, response.status_code
    return DRAFT in response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "author", "member"])
def test_nobody_outside_the_admin_finds_the_draft(client, draft, who):
    if who != "visitor":
        client.force_login(draft.author if who == "author" else MemberFactory(username="tam"))
    assert client.get(draft.page.url).status_code == 404
    assert not shows_draft(client.get(case_study_index().url))
    assert not shows_draft(client.get("/"))
    search = client.get("/api/v1/search", {"q": "lanterns"}).json()
    assert [result["title"] for result in search["results"]] == ["Lanterns in Dundee"]
    suggestions = client.get("/api/v1/search/suggest", {"q": "Lantern"}).json()["suggestions"]
    assert DRAFT not in [suggestion["title"] for suggestion in suggestions]
    assert not shows_draft(client.get("/search/", {"q": "lanterns"}))
    assert "in Dundee" in client.get("/search/", {"q": "lanterns"}).content.decode()  # the live one is found
    for address in ("/feeds/latest.atom", "/feeds/latest.rss", "/sitemap.xml"):
        assert not shows_draft(client.get(address)), address
        assert draft.page.slug not in client.get(address).content.decode(), address
