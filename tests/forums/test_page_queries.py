"""A member's forum pages cost the same number of queries however much is in them.

An N+1 (a query per post, per reply, per community) makes one of these counts grow with the content
and fails here: a thread with 5 posts against one with 50, the communities list with 2 against 8.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import moderation, services
from tests.factories import CommunityFactory, UserFactory, member_of, site_moderator
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


def queries(client, url):
    """How many queries a GET of `url` makes, once the session and the site are warm."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return captured


def busy_thread(community, people, posts):
    """A thread with `posts` posts: replies and answers to them, helpful marks, a hidden one, a report."""
    thread = services.start_thread(community, people[0], "Locality plans", "How long did yours take?")
    opening = thread.posts.get()
    for n in range(1, posts):
        author = people[n % len(people)]
        parent = opening if n % 3 == 0 else None
        post = services.post_reply(thread, author, f"Reply {n}: ours took {n} months.", parent=parent)
        if n % 4 == 0:
            services.toggle_helpful(post, people[(n + 1) % len(people)])
    moderation.hide_post(thread.posts.order_by("-pk").first(), site_moderator(username=f"mod{posts}"), "Off topic")
    moderation.flag_post(thread.posts.order_by("pk")[1], people[2], "spam")
    return thread


@pytest.fixture
def people():
    community = CommunityFactory(name="Community planning", slug="community-planning", visibility="open")
    members = [UserFactory(username=f"member{n}", first_name=f"Member {n}") for n in range(4)]
    for member in members:
        member_of(community, member)
    return community, members


def test_a_thread_page_costs_the_same_queries_with_5_posts_or_50(people, monkeypatch):
    monkeypatch.setattr(services, "rate_limit", lambda user: None)
    community, members = people
    small = busy_thread(community, members, 5)
    large = busy_thread(community, members, 50)
    reader = signed_in(members[2])
    few = queries(reader, small.get_absolute_url())
    many = queries(reader, large.get_absolute_url())
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_communities_list_costs_the_same_queries_with_2_communities_or_8():
    member = UserFactory(username="ailsa")
    reader = signed_in(member)

    def add_communities(first, count):
        for n in range(first, first + count):
            community = CommunityFactory(name=f"Community {n}", slug=f"community-{n}", visibility="open")
            member_of(community, member)
            member_of(community, UserFactory(username=f"someone{n}"))

    add_communities(0, 2)
    few = queries(reader, "/communities/")
    add_communities(2, 6)
    many = queries(reader, "/communities/")
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
