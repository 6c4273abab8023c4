"""A content page asks the database for its view restrictions only when a restricted area covers it.

The answer is always Wagtail's own: for a restricted page, a page below it, an alias of it, a page
below the alias and an alias of the alias, under every kind of restriction, and for an open page (no
query at all). A visitor is still kept out of each restricted one.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.factories import CaseStudyFactory, case_study_index, restrict_view

pytestmark = pytest.mark.django_db


def _covered_pages(kind):
    page = CaseStudyFactory(title=f"Restricted ({kind})")
    if kind == PageViewRestriction.GROUPS:
        restrict_view(page, kind).groups.add(Group.objects.create(name="Partnership board"))
    else:
        restrict_view(page, kind)
    below = CaseStudyFactory(title=f"Below ({kind})", parent=page)
    alias = page.create_alias(parent=case_study_index(), update_slug=f"alias-{kind}", recursive=True)
    below_alias = Page.objects.get(alias_of=below).specific
    alias_of_alias = alias.create_alias(parent=case_study_index(), update_slug=f"alias-of-alias-{kind}")
    return [page, below, alias.specific, below_alias, alias_of_alias.specific]


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS])
def test_a_page_in_a_restricted_area_gets_wagtails_own_restrictions(kind, client):
    for page in _covered_pages(kind):
        page = Page.objects.get(pk=page.pk).specific
        wagtails = set(Page.get_view_restrictions(page))
        assert wagtails, page.title
        assert set(page.get_view_restrictions()) == wagtails
        response = client.get(page.url)
        assert page.title not in response.content.decode() or response.status_code != 200


def test_an_open_page_has_no_restriction_and_asks_nothing_for_it(client):
    restrict_view(CaseStudyFactory(title="Restricted elsewhere"), PageViewRestriction.LOGIN)
    open_page = Page.objects.get(pk=CaseStudyFactory(title="Open to all").pk).specific
    with CaptureQueriesContext(connection) as captured:
        restrictions = list(open_page.get_view_restrictions())
    assert restrictions == []
    assert list(Page.get_view_restrictions(open_page)) == []
    assert len(captured.captured_queries) == 2  # every restriction, and the aliases of restricted pages
    assert "Open to all" in client.get(open_page.url).content.decode()
