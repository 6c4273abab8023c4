"""A thread's replies are counted once (forums/discussion.py reply_counts), as a reader sees them:
the community's list, the thread's heading and a page's comments heading agree, hidden posts count
for no one, and the list costs the same number of queries however many threads it shows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forums import services
from forums.models import Post
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of, site_moderator
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


def hide(post):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN, hidden_reason="Off topic")


def members(community, count):
    people = [UserFactory(username=f"member{n}") for n in range(count)]
    for person in people:
        member_of(community, person)
    return people


@pytest.fixture
def discussed():
    """An opening post, two replies, a reply to a reply, and a hidden reply: three replies to read."""
    community = CommunityFactory(name="Planning", slug="planning", visibility="open")
    asker, first, second, third, fourth = members(community, 5)
    thread = services.start_thread(community, asker, "Starting a CAR group", "Where do we start?")
    answer = services.post_reply(thread, first, "Start small.")
    services.post_reply(thread, second, "Find a facilitator.")
    services.post_reply(thread, third, "Agreed, small worked for us.", parent=answer)
    hide(services.post_reply(thread, fourth, "Buy my course."))
    return community, thread


def list_meta(client, community, thread):
    page = soup_of(client.get(community.get_absolute_url()))
    link = page.find("a", string=thread.title)
    return text_of(link.find_parent("li"))


def thread_heading(client, thread):
    return text_of(soup_of(client.get(thread.get_absolute_url())).find(id="replies-heading"))


def test_the_list_the_thread_and_the_api_count_the_same_replies_nested_ones_included(client, discussed):
    community, thread = discussed
    assert "3 replies" in list_meta(client, community, thread)
    assert thread_heading(client, thread) == "Replies (3)"
    assert client.get(f"/api/v1/threads/{thread.pk}/posts").json()["thread"]["reply_count"] == 3


def test_a_moderator_who_sees_the_hidden_reply_reads_the_same_count(discussed):
    community, thread = discussed
    moderator = signed_in(site_moderator(username="morag"))
    page = soup_of(moderator.get(thread.get_absolute_url()))
    assert page.find(attrs={"data-hidden-reason": True})  # the hidden reply is on the page for them
    assert text_of(page.find(id="replies-heading")) == "Replies (3)"
    assert "3 replies" in list_meta(moderator, community, thread)


def test_a_hidden_opening_post_is_still_not_counted_as_a_reply(client, discussed):
    community, thread = discussed
    hide(thread.posts.order_by("created", "pk").first())
    assert "3 replies" in list_meta(client, community, thread)
    page = soup_of(client.get(thread.get_absolute_url()))
    assert text_of(page.find(id="replies-heading")) == "Replies (3)"
    assert page.select_one(".cop-thread__opening") is None  # a reply does not stand in for the opening post
    assert len(page.select("[data-post-list] [data-post]")) == 3


def test_replies_to_the_opening_post_count_as_replies(client):
    community = CommunityFactory(name="Small", slug="small", visibility="open")
    asker, answerer = members(community, 2)
    thread = services.start_thread(community, asker, "Where to begin?", "Any tips?")
    services.post_reply(thread, answerer, "Begin with a question.", parent=thread.posts.get())
    assert "1 reply" in list_meta(client, community, thread)
    assert thread_heading(client, thread) == "Replies (1)"


def test_a_thread_without_replies_says_none(client):
    community = CommunityFactory(name="Quiet", slug="quiet", visibility="open")
    (asker,) = members(community, 1)
    thread = services.start_thread(community, asker, "Anyone here?", "Hello.")
    assert "0 replies" in list_meta(client, community, thread)
    assert thread_heading(client, thread) == "Replies (0)"


def test_comments_under_a_page_count_every_visible_comment_for_everyone():
    case = CaseStudyFactory(title="Lochside redesign")
    thread = services.comment_thread_for(case)
    priya, fraser, spammer = UserFactory(username="priya"), UserFactory(username="fraser"), UserFactory(username="s")
    post = services.post_reply(thread, priya, "We tried this in Fife too.")
    services.post_reply(thread, fraser, "How did it go?", parent=post)
    hide(services.post_reply(thread, spammer, "Buy my course."))
    for viewer in (None, spammer, site_moderator(username="morag")):  # the author of the hidden one too
        client = signed_in(viewer) if viewer else Client()
        heading = soup_of(client.get(case.url)).find(id="comments-heading")
        assert text_of(heading) == "Comments (2)"


def test_the_community_page_counts_replies_in_a_fixed_number_of_queries(client):
    community = CommunityFactory(name="Busy", slug="busy", visibility="open")
    people = members(community, 4)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(community.get_absolute_url()).status_code == 200
        return len(captured)

    thread = services.start_thread(community, people[0], "First", "One.")
    services.post_reply(thread, people[1], "Reply.")
    one = queries()
    for n in range(2, 4):
        more = services.start_thread(community, people[n], f"Thread {n}", "Body.")
        services.post_reply(more, people[0], "Reply.")
    assert queries() == one
