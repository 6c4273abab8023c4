"""One rule per kind of thing, in two forms that agree: what a queryset lets through is what the instance check allows.

Every person kind (visitor, member, non-member, invited, facilitator, site moderator, suspended
member, editor) meets a community of every visibility (open, restricted, private) and a page under
every restriction (none, login, password, groups, unpublished, draft-only), with a page below it, an
alias of it and a comment thread under each. For each combination, every form of each rule must give
the same answer:

- communities seen: `Community.objects.visible_to` and `Community.can_see`;
- communities read: `Community.objects.readable_by` and `Community.can_read`, rooms' `refusal`;
- threads read: `Thread.objects.readable_by` and `Thread.can_read`, notifications' readers, search's
  access (a document's `community` against `viewer_communities`), the member's data export;
- inquiries read: `Inquiry.objects.readable_by` and `Inquiry.can_read`, and their search access;
- pages seen: `learning.visibility.visible_pages` and `is_visible`, and for a visitor the template
  filter and what search indexes.

Why a change to one form alone fails here. Both forms of a rule read the same data, worked out once
per person: for pages, `PageAccess.closed` (the tree paths closed to them) and each page's `live`;
for communities, the levels open to anyone and the `Viewer` facts (site moderator or not, the
communities they are an active member of). A change to that data, or to who passes a restriction,
changes both forms at once. What is written twice is only the translation of the data into a filter
(`q()`) and into a check (`allows()`), side by side in the same class. The matrix makes each term of
those translations decide some combination: every restriction kind is refused to someone and passed
by someone (login by the signed in, groups by the editor, password by nobody but a moderator through
a comment thread), pages are live and not, below a restricted page and aliases of one; every level
is open to anyone or not; membership and moderator standing are each true for some and false for
others. So dropping or altering a term in one translation, or a model method that stops calling the
rule, flips at least one combination, and `test_the_contract_catches_a_form_changed_alone` shows it
for each translation.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Q
from django.template import engines
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from accounts.data import HIDDEN_CONTEXT, member_data
from forums import visibility as forum_visibility
from forums.models import Community, Inquiry, Post, Suspension, Thread
from learning import visibility as page_visibility
from learning.models import ContentPage
from rooms.access import refusal
from search.access import viewer_communities
from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    RoomFactory,
    UserFactory,
    case_study_index,
    editorial_user,
    member_of,
    restrict_view,
    site_moderator,
)

pytestmark = pytest.mark.django_db

PEOPLE = ("visitor", "member", "non-member", "invited", "facilitator", "moderator", "suspended", "editor")
VISIBILITIES = ("open", "restricted", "private")
RESTRICTIONS = ("none", "login", "password", "groups", "unpublished", "draft-only")


def person(kind, community):
    if kind == "visitor":
        return AnonymousUser()
    if kind == "moderator":
        return site_moderator(username="mod")
    if kind == "editor":
        return editorial_user("Editors", username="ed")
    user = UserFactory(username=kind.replace("-", ""))
    if kind in ("member", "suspended"):
        member_of(community, user)
    elif kind == "facilitator":
        member_of(community, user, role="facilitator")
    elif kind == "invited":
        member_of(community, user, status="invited")
    if kind == "suspended":
        Suspension.objects.create(user=user, until=timezone.now() + timedelta(days=7), reason="Testing the rule")
    return user


def restricted_page(restriction):
    """A case study under the restriction, a page below it, and an alias of it outside its area."""
    page = CaseStudyFactory(title=f"Page ({restriction})", live=restriction != "draft-only")
    if restriction == "unpublished":
        page.unpublish()
    elif restriction in ("login", "password"):
        restrict_view(page, restriction)
    elif restriction == "groups":
        rule = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        rule.groups.set([Group.objects.get(name="Editors")])
    below = CaseStudyFactory(title=f"Below ({restriction})", parent=page)
    alias = page.create_alias(parent=case_study_index(), update_slug=f"alias-{restriction}")
    return [page, below, alias]


@pytest.fixture
def world(request):
    """One community, its thread and room, pages under one restriction with their comment threads, one person."""
    kind, visibility, restriction = request.param
    community = CommunityFactory(slug="the-community", visibility=visibility)
    user = person(kind, community)
    author = UserFactory(username="author")
    threads = [Thread.objects.create(community=community, title="In the community", author=author)]
    for page in restricted_page(restriction):
        threads.append(Thread.objects.create(page=page, title=f"Comments on {page.title}", author=author))
    if user.is_authenticated:  # their own words in each thread, for the data export
        for thread in threads:
            Post.objects.create(thread=thread, author=user, body_source=f"Mine in {thread.title}", body_html="")
    Inquiry.objects.create(community=community, slug="a-question", question="A question?", why_it_matters="Because.")
    return {"user": user, "community": community, "room": RoomFactory(community=community), "threads": threads}


def ids(objects):
    return {obj.pk for obj in objects}


def disagreements(user, room=None):
    """Every way the queryset and instance forms of the rules disagree for this person (empty: they agree)."""
    found = []

    def agree(rule, by_queryset, by_instance):
        if by_queryset != by_instance:
            found.append(f"{rule}: queryset {sorted(by_queryset)} but instance {sorted(by_instance)}")

    communities, threads, pages = Community.objects.all(), Thread.objects.all(), Page.objects.all()
    agree("seeing", ids(Community.objects.visible_to(user)), {c.pk for c in communities if c.can_see(user)})
    agree("reading", ids(Community.objects.readable_by(user)), {c.pk for c in communities if c.can_read(user)})
    readable = {t.pk for t in threads if t.can_read(user)}
    agree("threads", ids(Thread.objects.readable_by(user)), readable)
    agree(
        "pages",
        ids(page_visibility.visible_pages(pages, user)),
        {p.pk for p in pages if page_visibility.is_visible(p, user)},
    )

    # The read paths built on the rules give the same answers.
    if user.is_authenticated:
        agree("notified", {t.pk for t in threads if forum_visibility.readers(t, [user])}, readable)
        exported = {p["thread_url"] for p in member_data(user)["posts"] if p["thread_title"] != HIDDEN_CONTEXT}
        theirs = set(Post.objects.filter(author=user).values_list("thread", flat=True))
        agree("data export", {t.get_absolute_url() for t in threads if t.pk in readable & theirs}, exported)
    found_in_search = {
        t.pk
        for t in Thread.search_queryset()
        if (access := t.search_document()["community"]) is None or access in viewer_communities(user)
    }
    agree("search", found_in_search, readable & ids(Thread.search_queryset()))
    inquiries_read = {i.pk for i in Inquiry.objects.all() if i.can_read(user)}
    agree("inquiries", ids(Inquiry.objects.readable_by(user)), inquiries_read)
    inquiries_found = {
        i.pk
        for i in Inquiry.search_queryset()
        if (access := i.search_document()["community"]) is None or access in viewer_communities(user)
    }
    agree("inquiries in search", inquiries_found, inquiries_read)
    if room is not None:
        suspended = user.is_authenticated and Suspension.objects.active().filter(user=user).exists()
        may_enter = user.is_authenticated and room.community.can_read(user) and not suspended
        agree("rooms", {room.pk} if refusal(room, user) is None else set(), {room.pk} if may_enter else set())
    if not user.is_authenticated:
        shown = engines["django"].from_string(
            "{% load content_tags %}{% for p in pages|visible_pages %}{{ p.pk }} {% endfor %}"
        )
        by_filter = {int(pk) for pk in shown.render({"pages": pages}).split()}
        agree("template filter", {p.pk for p in pages if page_visibility.is_visible(p)}, by_filter)
        agree(
            "search index",
            ids(ContentPage.search_queryset()),
            ids(page_visibility.visible_pages(ContentPage.objects.all())),
        )
    return found


@pytest.mark.parametrize(
    "world",
    [(kind, visibility, restriction) for kind in PEOPLE for visibility in VISIBILITIES for restriction in RESTRICTIONS],
    ids=lambda combination: "-".join(combination),
    indirect=True,
)
def test_queryset_and_instance_forms_agree(world):
    assert disagreements(world["user"], world["room"]) == []


# --- the contract has teeth: a form changed alone is caught -------------------------------------------------------
def _page_filter_ignores_restrictions(monkeypatch):
    monkeypatch.setattr(page_visibility.PageAccess, "q", lambda self, prefix="": Q(**{f"{prefix}live": True}))


def _page_check_ignores_live(monkeypatch):
    monkeypatch.setattr(page_visibility.PageAccess, "allows", lambda self, page: not page.path.startswith(self.closed))


def _community_filter_forgets_members(monkeypatch):
    def q(self, prefix=""):
        return Q() if self.viewer.is_site_moderator else Q(**{f"{prefix}visibility__in": self.levels})

    monkeypatch.setattr(forum_visibility.CommunityAccess, "q", q)


def _community_check_forgets_moderators(monkeypatch):
    allows = forum_visibility.CommunityAccess.allows
    monkeypatch.setattr(
        forum_visibility.CommunityAccess,
        "allows",
        lambda self, c: not self.viewer.is_site_moderator and allows(self, c),
    )


def _model_check_written_again(monkeypatch):
    monkeypatch.setattr(Community, "can_see", lambda self, user: self.visibility != "private")


def _comment_check_ignores_the_page(monkeypatch):
    allows = forum_visibility.ThreadAccess.allows
    monkeypatch.setattr(
        forum_visibility.ThreadAccess, "allows", lambda self, t: t.page.live if t.page_id else allows(self, t)
    )


@pytest.mark.parametrize(
    "change",
    [
        _page_filter_ignores_restrictions,
        _page_check_ignores_live,
        _community_filter_forgets_members,
        _community_check_forgets_moderators,
        _model_check_written_again,
        _comment_check_ignores_the_page,
    ],
)
def test_the_contract_catches_a_form_changed_alone(change, monkeypatch):
    community = CommunityFactory(slug="the-community", visibility="private")
    people = [person(kind, community) for kind in ("visitor", "member", "moderator")]
    for restriction in ("login", "draft-only"):
        for page in restricted_page(restriction):
            Thread.objects.create(page=page, title=f"Comments on {page.title}")
    Thread.objects.create(community=community, title="In the community")
    assert not any(disagreements(user) for user in people), "the forms agree before the change"
    change(monkeypatch)
    assert any(disagreements(user) for user in people), "the contract misses a form changed alone"
