"""What a thread page gives static/js/live-thread.js ({% live_thread %}): the stream to open and who is viewing."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from forums import live, services
from forums.models import Thread
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def live_config(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    discussion = soup.find(attrs={"data-discussion": True})
    assert discussion.find("script", src="/static/js/live-thread.js").has_attr("defer")
    status = discussion.find(attrs={"data-live-status": True})
    assert status.has_attr("hidden"), "without JavaScript there is no live status to show"
    assert discussion.find(attrs={"data-live-announcer": True})["aria-live"] == "polite"
    return discussion, json.loads(discussion.find("script", id="live-thread-config").string)


def test_a_page_without_comments_gets_its_thread_so_the_first_comment_is_live_too():
    case = CaseStudyFactory(title="Lochside redesign")
    discussion, config = live_config(Client().get(case.url))
    thread = Thread.objects.get(page=case)
    assert config["threadId"] == thread.pk
    assert discussion["data-last-event-id"] == "0"
    assert config["viewer"] is None
    assert config["canReply"] is False
    assert config["isComments"] is True
    assert config["anchor"] == "comment-"
    assert config["urls"]["helpful"] == "/discussions/posts/{id}/helpful/"
    assert config["api"] == {"posts": "/api/v1/threads/{id}/posts", "helpful": "/api/v1/posts/{id}/helpful"}
    Client().get(case.url)
    assert Thread.objects.filter(page=case).count() == 1


def test_a_forum_thread_tells_the_script_who_views_it_and_where_its_stream_resumes():
    priya, fraser = UserFactory(username="priya"), UserFactory(username="fraser")
    community = CommunityFactory(slug="planning")
    member_of(community, priya)
    member_of(community, fraser)
    thread = services.start_thread(community, priya, "Locality plans", "How do you start?")
    services.post_reply(thread, fraser, "With the frontline.")
    client = Client()
    client.force_login(priya)

    discussion, config = live_config(client.get(thread.get_absolute_url()))

    assert discussion["data-thread-id"] == str(thread.pk)
    assert discussion["data-last-event-id"] == str(live.latest_event_id(thread.stream))
    assert config["viewer"] == priya.pk
    assert config["canReply"] is True
    assert config["canMarkBest"] is True  # she started it
    assert config["anchor"] == "post-"
    assert config["urls"]["bestAnswer"] == f"/communities/planning/threads/{thread.pk}/best-answer/"
    assert config["urls"]["reply"] == "/discussions/threads/{id}/posts/"
