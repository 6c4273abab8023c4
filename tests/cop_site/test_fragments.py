"""The shared part of a page is rendered once per generation and audience, and a change shows at once.

Every test runs on the embedded cache (locmem) and on Redis when REDIS_URL is set (`fragment_cache`).
"""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from cop_site import fragments
from cop_site.request_memo import RequestMemoMiddleware
from forums import live
from forums import visibility as forum_visibility
from learning import visibility as page_visibility
from tests.factories import CaseStudyFactory, CommunityFactory, MemberFactory, member_of, restrict_view, site_moderator

pytestmark = pytest.mark.django_db


class Renders:
    """A render that counts how often it was really done."""

    def __init__(self, html="<p>shared</p>"):
        self.html = html
        self.count = 0

    def __call__(self):
        self.count += 1
        return self.html


def body(audience="everyone", scopes=(fragments.CONTENT,), parts=(1,)):
    return fragments.Fragment("test/body", scopes=scopes, audience=audience, parts=parts)


def test_a_fragment_is_rendered_once_then_served_from_the_cache(fragment_cache):
    work = Renders()
    assert body().render(work) == "<p>shared</p>"
    assert body().render(work) == "<p>shared</p>"
    assert work.count == 1


def test_a_bump_of_its_scope_renders_it_afresh_and_other_scopes_keep_theirs(fragment_cache):
    thread_one, thread_two = Renders("one"), Renders("two")
    one = body(scopes=(fragments.scope("thread", 1),), parts=("one",))
    two = body(scopes=(fragments.scope("thread", 2),), parts=("two",))
    one.render(thread_one), two.render(thread_two)

    fragments.bump(fragments.scope("thread", 1))
    one.render(thread_one), two.render(thread_two)

    assert (thread_one.count, thread_two.count) == (2, 1)


def test_each_audience_and_each_part_has_its_own_render(fragment_cache):
    work = Renders()
    for audience in ("members of A", "members of B"):
        for part in (1, 2):
            body(audience=audience, parts=(part,)).render(work)
            body(audience=audience, parts=(part,)).render(work)
    assert work.count == 4


def test_each_language_has_its_own_render(fragment_cache):
    work = Renders()
    for language in ("en", "gd", "en"):
        with translation.override(language):
            body().render(work)
    assert work.count == 2


def test_with_caching_off_every_request_renders(fragment_cache, settings):
    settings.COP_FRAGMENT_SECONDS = 0
    work = Renders()
    body().render(work), body().render(work)
    assert work.count == 2


def test_the_template_tag_serves_the_cached_contents_and_never_a_csrf_token_from_the_cache(fragment_cache):
    template = engines["django"].from_string(
        "{% load fragments %}{% fragment spec %}<form>{% csrf_token %}{{ text }}</form>{% endfragment %}"
    )
    request = RequestFactory().get("/")
    first = template.render({"spec": body(), "text": "first"}, request)
    second = template.render({"spec": body(), "text": "second"}, request)
    uncached = template.render({"spec": None, "text": "third"}, request)

    assert first == second == "<form>first</form>"
    # No spec (a part a page type keeps personal): rendered every time, as if the tag were not there.
    assert uncached.startswith('<form><input type="hidden" name="csrfmiddlewaretoken" value="')
    assert uncached.endswith('">third</form>')


def test_publishing_a_page_makes_the_site_content_stale(fragment_cache):
    work = Renders()
    body().render(work)
    CaseStudyFactory(title="Published after the render")
    body().render(work)
    assert work.count == 2


def test_a_comment_makes_its_thread_stale_and_not_the_site_content(fragment_cache):
    content, thread = Renders(), Renders()
    body(parts=("content",)).render(content)
    body(scopes=("thread:7",), parts=("thread",)).render(thread)

    live.publish("thread:7", "post", {"post": {"id": 1}})
    body(parts=("content",)).render(content)
    body(scopes=("thread:7",), parts=("thread",)).render(thread)

    assert (content.count, thread.count) == (1, 2)


def test_a_changed_restriction_makes_the_site_content_stale(fragment_cache):
    page = CaseStudyFactory()
    work = Renders()
    body().render(work)
    restrict_view(page, "login")
    body().render(work)
    assert work.count == 2


# --- The audience comes from the visibility rules -----------------------------------------------------
def test_members_who_may_see_the_same_pages_share_an_audience_and_a_visitor_does_not():
    restrict_view(CaseStudyFactory(), "login")
    first, second = MemberFactory(), MemberFactory()
    assert page_visibility.audience(first) == page_visibility.audience(second)
    assert page_visibility.audience(None) != page_visibility.audience(first)


def test_a_group_restriction_divides_members_by_their_groups():
    page = CaseStudyFactory()
    restriction = restrict_view(page, PageViewRestriction.GROUPS)
    group = Group.objects.create(name="Health and social care partnership")
    restriction.groups.add(group)
    inside, outside = MemberFactory(), MemberFactory()
    inside.groups.add(group)
    assert page_visibility.audience(inside) != page_visibility.audience(outside)
    assert page_visibility.audience(outside) == page_visibility.audience(None)  # neither may see it


def test_members_of_different_private_communities_have_different_audiences():
    first, second = MemberFactory(), MemberFactory()
    member_of(CommunityFactory(visibility="private"), first)
    member_of(CommunityFactory(visibility="private"), second)
    assert forum_visibility.audience(first) != forum_visibility.audience(second)


def test_joining_a_community_changes_the_members_audience_at_once():
    member, community = MemberFactory(), CommunityFactory(visibility="private")
    before = forum_visibility.audience(member)
    membership = member_of(community, member)
    assert forum_visibility.audience(member) != before
    membership.delete()
    assert forum_visibility.audience(member) == before


def test_site_moderators_share_one_audience_whatever_they_belong_to():
    first, second = site_moderator(), site_moderator()
    member_of(CommunityFactory(visibility="private"), first)
    assert forum_visibility.audience(first) == forum_visibility.audience(second)
    assert forum_visibility.audience(first) != forum_visibility.audience(MemberFactory())


def test_parts_read_ahead_render_with_one_cache_read_and_a_change_still_shows(fragment_cache):
    kept, fresh = fragments.Fragment("read-ahead/kept", parts=(1,)), fragments.Fragment("read-ahead/fresh", parts=(2,))
    kept.store("Kept. ", kept.lookup()[1])
    cache = caches["default"]
    reads = []
    read = cache.get_many

    def view(request):
        fragments.prefetch([kept, fresh])
        return HttpResponse(kept.render(lambda: "Rendered again. ") + fresh.render(lambda: "Rendered now."))

    with mock.patch.object(cache, "get_many", side_effect=lambda keys: reads.append(keys) or read(keys)):
        response = RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert response.content.decode() == "Kept. Rendered now."
    assert len(reads) == 1
    fragments.bump(fragments.CONTENT)
    assert RequestMemoMiddleware(view)(RequestFactory().get("/")).content.decode() == "Rendered again. Rendered now."


def test_every_kept_form_of_one_page_carries_the_same_token_and_it_passes_the_csrf_check():
    from django.middleware.csrf import CsrfViewMiddleware

    form = (
        f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{fragments.csrf_placeholder()}">'
    )
    page = RequestFactory().get("/case-studies/a-page/")
    first, second = fragments.with_csrf_token(form, page), fragments.with_csrf_token(form * 2, page)
    token = first.split('value="')[1].split('"')[0]
    assert second == form.replace(fragments.csrf_placeholder(), token) * 2
    assert fragments.csrf_placeholder() not in first

    secret = page.META["CSRF_COOKIE"]
    post = RequestFactory().post("/case-studies/a-page/", {"csrfmiddlewaretoken": token})
    post.COOKIES["csrftoken"] = secret
    middleware = CsrfViewMiddleware(lambda request: None)
    middleware.process_request(post)
    assert middleware.process_view(post, lambda request: None, (), {}) is None  # accepted
