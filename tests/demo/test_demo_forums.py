"""The demo communities: one of each kind, demo accounts in fitting roles, conversations that render."""

import pytest
from django.core.management import call_command

from demo.forums import COMMUNITIES
from forums.models import Community, Membership, Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)


def test_four_communities_with_the_demo_accounts_in_fitting_roles(demo):
    ours = Community.objects.filter(slug__in=[spec.slug for spec in COMMUNITIES])
    assert sorted(ours.values_list("visibility", flat=True)) == ["open", "open", "private", "restricted"]
    private = ours.get(visibility="private")
    assert private.is_member(Membership.objects.get(community=private, user__username="frontline").user)
    roles = set(Membership.objects.filter(community__in=ours, status="active").values_list("user__username", "role"))
    assert {("facilitator", "facilitator"), ("moderator", "moderator"), ("practitioner", "member")} <= roles
    assert Membership.objects.filter(community__in=ours, status="pending", community__visibility="restricted").exists()
    for community in ours:
        assert 2 <= community.threads.count() <= 4, community
        assert community.resources.exists(), community


def test_threads_have_replies_between_accounts_and_pages_have_comments(demo, client):
    for thread in Thread.objects.filter(community__slug__in=[spec.slug for spec in COMMUNITIES]):
        assert thread.posts.values("author").distinct().count() >= 2, thread
    comments = Thread.objects.filter(page__isnull=False)
    assert comments.count() >= 3
    assert Post.objects.filter(thread__in=comments, parent__isnull=False).exists()
    open_thread = Thread.objects.filter(community__visibility="open").first()
    assert client.get(open_thread.get_absolute_url()).status_code == 200
    page = comments.first().page
    assert b'id="comments"' in client.get(page.url).content


def test_loading_again_adds_nothing(demo, settings):
    counts = (Community.objects.count(), Thread.objects.count(), Post.objects.count(), Membership.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (
        Community.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Membership.objects.count(),
    ) == counts
