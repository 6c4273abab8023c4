"""A member's content page does not ask for the site's view restrictions on every view.

The view restrictions are kept in the fragment cache until the site's content changes
(learning/visibility.py), so once kept a member's case study, evidence summary or guide reads none;
a restriction added, regrouped or removed is still seen on the next request, by members and visitors.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import CaseStudyFactory, EvidenceFactory, GuideFactory, MemberFactory, restrict_view

pytestmark = pytest.mark.django_db


def _kept_view(client, url):
    client.get(url)  # the first view keeps the page's parts and the restrictions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("factory", [CaseStudyFactory, EvidenceFactory, GuideFactory])
def test_a_members_content_page_asks_nothing_about_restrictions_once_they_are_kept(fragment_cache, client, factory):
    page = factory(title="A page a member reads")
    client.force_login(MemberFactory())
    queries = _kept_view(client, page.url)
    assert "django_session" in queries[0]
    assert "auth_user" in queries[1]
    assert not any("pageviewrestriction" in sql for sql in queries)


def test_a_restriction_added_after_the_restrictions_were_kept_closes_the_page_at_once(fragment_cache, client):
    page = CaseStudyFactory(title="Soon for members only")
    assert client.get(page.url).status_code == 200
    restriction = restrict_view(page, PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302  # a visitor is sent to sign in
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_group_taken_off_a_restriction_closes_the_page_to_its_members_at_once(fragment_cache, client):
    board = Group.objects.create(name="Partnership board")
    page = CaseStudyFactory(title="For the partnership board")
    restriction = restrict_view(page, PageViewRestriction.GROUPS)
    restriction.groups.add(board)
    member = MemberFactory()
    member.groups.add(board)
    client.force_login(member)
    assert "For the partnership board" in client.get(page.url).content.decode()
    restriction.groups.remove(board)
    response = client.get(page.url)
    assert "For the partnership board" not in response.content.decode()
