"""Content pages for members: the shared part rendered once per revision and audience, a change shown at once.

Each page type makes the same number of queries however much it holds (an N+1 fails here), a second
member gets the shared part the first one's view rendered, and a publish, a comment, a hidden
comment, a changed restriction or a change of group shows at once to those it concerns. A part
cached for one person never reaches another the rules keep from it.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from casestudies.models import Proposal
from forums.models import Post
from forums.moderation import hide_post
from forums.services import comment_thread_for
from learning.models import Country, Sector, Skill
from learning.page_fragments import PageFragments
from tests.factories import (
    CaseStudyFactory,
    EvidenceFactory,
    GuideFactory,
    MemberFactory,
    home_page,
    restrict_view,
    site_moderator,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    """The queries of a view once the shared parts are stored: the fewer of two views, so one view that
    missed a stored part (a Redis read that timed out is a miss, cop_site/cache.py) is not taken for
    growth; an N+1 shows in both."""
    client.get(url)  # the first view renders and stores the shared parts
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    return min(counts)


def _member_client(client, member=None):
    client.force_login(member or MemberFactory())
    return client


def _comments(page, count):
    thread = comment_thread_for(page)
    authors = [MemberFactory() for _ in range(min(count, 3))]
    for n in range(count):
        author = authors[n % len(authors)]
        Post.objects.create(thread=thread, author=author, body_source=f"Comment {n}", body_html="<p>.</p>")


def _small_and_large_case_studies():
    small = CaseStudyFactory(title="A short case study", themes=["co-production"])
    evidence = [EvidenceFactory(title=f"Evidence {n}") for n in range(6)]
    large = CaseStudyFactory(
        title="A long case study",
        themes=["co-production", "prevention", "participation", "housing", "evaluation"],
        sectors=list(Sector.objects.values_list("slug", flat=True)[:5]),
        partner_organisations="NHS Fife\nPolice Scotland\nFife Voluntary Action\nA housing association",
    )
    large.evidence_used.set(evidence)
    large.save_revision().publish()
    _comments(small, 1)
    _comments(large, 12)
    return small, large


# --- Queries do not grow with the content ---------------------------------------------------------
def test_a_case_study_makes_as_many_queries_whatever_it_holds(fragment_cache, client):
    small, large = _small_and_large_case_studies()
    member = _member_client(client)
    assert _queries(member, large.url) == _queries(member, small.url)


def test_an_evidence_summary_makes_as_many_queries_whatever_it_holds(fragment_cache, client):
    small = EvidenceFactory(title="Short evidence", themes=["prevention"])
    large = EvidenceFactory(
        title="Long evidence",
        themes=["prevention", "co-production", "housing", "evaluation"],
        sectors=list(Sector.objects.values_list("slug", flat=True)[:4]),
        countries=list(Country.objects.all()[:5]),
    )
    _comments(small, 1)
    _comments(large, 8)
    member = _member_client(client)
    assert _queries(member, large.url) == _queries(member, small.url)


def test_a_practice_guide_makes_as_many_queries_whatever_it_holds(fragment_cache, client):
    small = GuideFactory(title="Short guide", themes=["facilitation"])
    steps = [("step", {"title": f"Step {n}", "body": "<p>Do this.</p>"}) for n in range(8)]
    large = GuideFactory(
        title="Long guide", steps=steps, themes=["facilitation", "prevention"], skills=list(Skill.objects.all()[:4])
    )
    _comments(small, 1)
    _comments(large, 8)
    member = _member_client(client)
    assert _queries(member, large.url) == _queries(member, small.url)


def test_an_index_and_the_home_page_make_as_many_queries_however_many_pages_they_list(fragment_cache, client):
    CaseStudyFactory(title="The only case study")
    member = _member_client(client)
    index_before, home_before = _queries(member, "/case-studies/"), _queries(member, "/")
    for n in range(14):
        CaseStudyFactory(title=f"Case study {n}", themes=["co-production"])
    assert (_queries(member, "/case-studies/"), _queries(member, "/")) == (index_before, home_before)


def test_a_second_member_gets_the_shared_part_the_first_ones_view_rendered(fragment_cache, client):
    _, large = _small_and_large_case_studies()
    _member_client(client)
    with CaptureQueriesContext(connection) as first:
        client.get(large.url)
    client.logout()
    second = _member_client(client)
    with CaptureQueriesContext(connection) as again:
        response = second.get(large.url)
    assert "Evidence 5" in response.content.decode()
    assert len(again.captured_queries) < len(first.captured_queries)


# --- A change shows at once --------------------------------------------------------------------------
def test_a_publish_shows_at_once_to_every_member(fragment_cache, client):
    page = CaseStudyFactory(title="Before the edit")
    member = _member_client(client)
    member.get(page.url)
    page.title = "After the edit"
    page.save_revision().publish()
    content = member.get(page.url).content.decode()
    assert '<h1 class="ds_page-header__title">After the edit</h1>' in content
    assert '<meta property="og:title" content="After the edit">' in content
    assert "<title>After the edit |" in content


def test_a_new_comment_and_a_hidden_comment_show_at_once(fragment_cache, client):
    page = CaseStudyFactory()
    member = _member_client(client)
    member.get(page.url)
    post = Post.objects.create(
        thread=comment_thread_for(page), author=MemberFactory(), body_source="x", body_html="<p>A new comment.</p>"
    )
    assert "A new comment." in member.get(page.url).content.decode()
    hide_post(post, site_moderator(), "Off topic")
    assert "A new comment." not in member.get(page.url).content.decode()


def test_a_restricted_page_leaves_the_case_studies_that_cite_it_at_once(fragment_cache, client):
    evidence = EvidenceFactory(title="Evidence soon restricted")
    page = CaseStudyFactory()
    page.evidence_used.set([evidence])
    page.save_revision().publish()
    member = _member_client(client)
    assert "Evidence soon restricted" in member.get(page.url).content.decode()
    restrict_view(evidence, "login")
    assert "Evidence soon restricted" not in member.get(page.url).content.decode()


def test_joining_or_leaving_a_group_shows_its_restricted_page_at_once(fragment_cache, client):
    group = Group.objects.create(name="Partnership board")
    page = CaseStudyFactory(title="For the partnership board")
    restriction = restrict_view(page, PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    member = MemberFactory()
    _member_client(client, member)
    assert "For the partnership board" not in client.get(page.url).content.decode()
    member.groups.add(group)
    assert "For the partnership board" in client.get(page.url).content.decode()
    member.groups.remove(group)
    assert "For the partnership board" not in client.get(page.url).content.decode()


# --- Nothing cached for one person reaches another the rules keep from it ---------------------------------
def test_a_page_cached_for_one_group_never_reaches_a_member_of_another(fragment_cache, client):
    board, residents = Group.objects.create(name="Partnership board"), Group.objects.create(name="Residents panel")
    board_page = CaseStudyFactory(title="Only for the partnership board")
    restriction = restrict_view(board_page, PageViewRestriction.GROUPS)
    restriction.groups.add(board)
    insider, outsider = MemberFactory(), MemberFactory()
    insider.groups.add(board)
    outsider.groups.add(residents)

    _member_client(client, insider)
    assert "Only for the partnership board" in client.get(board_page.url).content.decode()
    client.logout()
    _member_client(client, outsider)
    assert "Only for the partnership board" not in client.get(board_page.url).content.decode()
    client.logout()
    assert "Only for the partnership board" not in client.get(board_page.url).content.decode()


def test_a_visitor_never_sees_a_members_own_parts_of_a_page_the_member_viewed_first(fragment_cache, client):
    page = CaseStudyFactory(title="Read by a member first")
    member = MemberFactory(first_name="Morven")
    _member_client(client, member)
    client.post(f"/saved/page/{page.pk}/", {"action": "save", "next": page.url})
    member_view = client.get(page.url).content.decode()
    assert "Saved – remove" in member_view
    client.logout()
    visitor_view = client.get(page.url).content.decode()
    assert "Read by a member first" in visitor_view
    assert "Saved – remove" not in visitor_view
    assert "csrfmiddlewaretoken" not in visitor_view
    assert "Sign in to save this for later" in visitor_view


def test_a_preview_is_never_served_from_the_cache(fragment_cache, rf):
    """Wagtail previews a draft under the live page's id: none of its parts may come from the cache."""
    page = CaseStudyFactory()
    request = rf.get(page.url)
    request.user = MemberFactory()
    assert PageFragments(page, request).body is not None
    request.is_preview = True
    assert PageFragments(page, request).body is None
    assert PageFragments(page, request).meta is None


def test_the_home_page_shows_a_new_page_at_once(fragment_cache, client):
    home_page()
    member = _member_client(client)
    member.get("/")
    CaseStudyFactory(title="Newly published case study")
    assert "Newly published case study" in member.get("/").content.decode()


def test_a_credited_members_new_name_shows_on_the_case_study_at_once(fragment_cache, client):
    author = MemberFactory()
    page = CaseStudyFactory(title="Written up by a member")
    Proposal.objects.create(page=page, author=author)
    member = _member_client(client)
    assert str(author.profile) in member.get(page.url).content.decode()
    author.profile.display_name = "Ishbel Renamed"
    author.profile.save()
    assert "Ishbel Renamed" in member.get(page.url).content.decode()
