"""The forum rules, told as stories about members."""

import pytest

from cop_site.errors import DomainError
from forums import ratelimit, services
from forums.models import LiveEvent, Membership, Post
from tests.factories import CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya():
    return UserFactory(username="priya")


@pytest.fixture
def fraser():
    return UserFactory(username="fraser")


def test_joining_depends_on_the_kind_of_community(priya):
    open_one = CommunityFactory(visibility="open")
    restricted = CommunityFactory(visibility="restricted")
    private = CommunityFactory(visibility="private")
    assert services.join(open_one, priya).status == Membership.Status.ACTIVE
    assert services.join(restricted, priya, "I run a CAR group").status == Membership.Status.PENDING
    with pytest.raises(DomainError, match="invitation"):
        services.join(private, priya)
    assert not private.memberships.exists()


def test_a_join_request_is_decided_by_a_facilitator(priya, fraser):
    restricted = CommunityFactory(visibility="restricted")
    request = services.join(restricted, priya)
    with pytest.raises(DomainError):
        services.decide_join_request(request, fraser, approve=True)
    member_of(restricted, fraser, role="facilitator")
    assert services.decide_join_request(request, fraser, approve=True).status == Membership.Status.ACTIVE
    assert restricted.is_member(priya)


def test_members_post_and_the_post_is_rendered_safely_and_recorded_live(priya):
    community = CommunityFactory()
    services.join(community, priya)
    thread = services.start_thread(community, priya, "Starting a CAR group", "**Tips?** <script>x</script>", ["car"])
    post = thread.posts.get()
    assert post.body_html == "<p><strong>Tips?</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
    event = LiveEvent.objects.get(stream=thread.stream)
    assert event.type == "post"
    assert event.payload["post"]["id"] == post.pk


def test_non_members_and_visitors_cannot_post(priya, fraser):
    from django.contrib.auth.models import AnonymousUser

    community = CommunityFactory()
    services.join(community, priya)
    thread = services.start_thread(community, priya, "Hello", "First post")
    with pytest.raises(DomainError, match="Join"):
        services.post_reply(thread, fraser, "Me too")
    with pytest.raises(DomainError, match="Sign in"):
        services.post_reply(thread, AnonymousUser(), "Me too")
    assert thread.posts.count() == 1


@pytest.mark.parametrize(("body", "code"), [("   ", "empty"), ("x" * 10_001, "too_long")])
def test_bad_posts_are_refused_and_change_nothing(priya, body, code):
    community = CommunityFactory()
    services.join(community, priya)
    thread = services.start_thread(community, priya, "Hello", "First post")
    with pytest.raises(DomainError) as error:
        services.post_reply(thread, priya, body)
    assert error.value.code == code
    assert thread.posts.count() == 1


def test_posting_is_rate_limited_per_member_in_bursts_and_by_the_minute(priya, monkeypatch):
    community = CommunityFactory()
    services.join(community, priya)
    clock = [1_000_020.0]  # the start of a minute: the per-minute window is a fixed one
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    thread = services.start_thread(community, priya, "Hello", "First post")
    for n in range(4):  # five in a burst, the thread's opening post included
        services.post_reply(thread, priya, f"reply {n}")
    with pytest.raises(DomainError, match="wait") as error:
        services.post_reply(thread, priya, "one too many, too quickly")
    assert error.value.code == "rate_limited"
    clock[0] += 16  # the burst is over
    for n in range(5):
        services.post_reply(thread, priya, f"later reply {n}")
    clock[0] += 16
    with pytest.raises(DomainError, match="wait"):  # ten in the minute
        services.post_reply(thread, priya, "one too many this minute")
    assert thread.posts.count() == 10


def test_replies_are_one_level_and_a_deleted_post_with_replies_leaves_a_placeholder(priya, fraser):
    community = CommunityFactory()
    for member in (priya, fraser):
        services.join(community, member)
    thread = services.start_thread(community, priya, "Hello", "First post")
    top = thread.posts.get()
    reply = services.post_reply(thread, fraser, "A reply", parent=top)
    nested = services.post_reply(thread, priya, "Reply to the reply", parent=reply)
    assert nested.parent == top
    services.delete_post(top, priya)
    top.refresh_from_db()
    assert (top.status, top.body_html) == (Post.Status.REMOVED, "")
    services.delete_post(nested, priya)
    assert not Post.objects.filter(pk=nested.pk).exists()


def test_edits_only_by_the_author_within_30_minutes(priya, fraser):
    from datetime import timedelta

    community = CommunityFactory()
    for member in (priya, fraser):
        services.join(community, member)
    thread = services.start_thread(community, priya, "Hello", "First post")
    post = thread.posts.get()
    services.edit_post(post, priya, "First post, edited")
    assert post.edited is not None
    with pytest.raises(DomainError):
        services.edit_post(post, fraser, "Hijacked")
    Post.objects.filter(pk=post.pk).update(created=post.created - timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(DomainError, match="30 minutes"):
        services.edit_post(post, priya, "Too late")


def test_helpful_toggles_and_private_threads_stay_private(priya, fraser):
    community = CommunityFactory(visibility="private")
    member_of(community, priya)
    thread = services.start_thread(community, priya, "Private", "Only us")
    post = thread.posts.get()
    with pytest.raises(DomainError):
        services.toggle_helpful(post, fraser)
    member_of(community, fraser)
    assert services.toggle_helpful(post, fraser) == {"helpful": 1}
    assert services.toggle_helpful(post, fraser) == {"helpful": 0}
