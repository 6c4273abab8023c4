"""A page is found by its address without walking the tree each time; a publish, move or unpublish shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import CaseStudyFactory, EvidenceFactory, evidence_index

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_a_page_found_once_is_found_again_with_fewer_queries(fragment_cache, client):
    page = CaseStudyFactory(title="Found by its address")
    first, first_queries = _get(client, page.url)
    again, again_queries = _get(client, page.url)
    assert first.status_code == again.status_code == 200
    assert "Found by its address" in again.content.decode()
    assert again_queries <= first_queries - 4  # the Site, the root's type, and two queries a level


def test_an_unpublished_page_is_gone_at_once(fragment_cache, client):
    page = CaseStudyFactory()
    url = page.url
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404


def test_a_new_slug_moves_the_page_at_once(fragment_cache, client):
    page = CaseStudyFactory(slug="old-address")
    assert client.get("/case-studies/old-address/").status_code == 200
    page.slug = "new-address"
    page.save_revision().publish()
    assert client.get("/case-studies/old-address/").status_code == 404
    assert client.get("/case-studies/new-address/").status_code == 200


def test_a_moved_page_is_found_at_its_new_address_at_once(fragment_cache, client):
    page = EvidenceFactory(slug="moving")
    assert client.get("/evidence/moving/").status_code == 200
    other = evidence_index().add_child(instance=type(evidence_index())(title="Archive", slug="archive"))
    other.save_revision().publish()
    page.move(other, pos="last-child")
    old = client.get("/evidence/moving/")
    assert old.status_code != 200  # Wagtail's redirect to the new address, never the page from the old route
    assert client.get("/evidence/archive/moving/").status_code == 200


def test_a_changed_site_is_seen_at_once(fragment_cache, client):
    page = CaseStudyFactory()
    assert client.get(page.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
