"""A community's change of visibility reaches the index at once: its threads and posts follow it."""

import pytest

from forums import services
from forums.models import Community, Post
from tests.contracts.test_search_backends import search, titles
from tests.factories import CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

THREAD = "Locality plans that residents wrote"
REPLY = "Reply in “Locality plans that residents wrote”"


def refreshed(backend):
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


@pytest.fixture
def community_with_posts(django_capture_on_commit_callbacks):
    priya = UserFactory(username="priya")
    community = CommunityFactory(slug="planning", name="Community planning")
    member_of(community, priya)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(community, priya, THREAD, "Selkie workshops helped residents write them.")
        services.post_reply(thread, priya, "The selkie sessions ran on Saturdays.")
    return community, priya


def change(community, capture, **fields):
    with capture(execute=True):
        for name, value in fields.items():
            setattr(community, name, value)
        community.save()


def test_making_a_community_private_hides_its_threads_and_posts_from_visitors_at_once(
    backend, community_with_posts, django_capture_on_commit_callbacks
):
    community, priya = community_with_posts
    assert titles(search(refreshed(backend), "selkie")) == {THREAD, REPLY}

    change(community, django_capture_on_commit_callbacks, visibility=Community.Visibility.PRIVATE)
    assert search(refreshed(backend), "selkie").total == 0, "a visitor no longer finds them"
    member = search(backend, "selkie", communities=Community.search_community_ids(priya))
    assert titles(member) == {THREAD, REPLY}, "a member still does"

    change(community, django_capture_on_commit_callbacks, visibility=Community.Visibility.OPEN)
    assert titles(search(refreshed(backend), "selkie")) == {THREAD, REPLY}

    change(community, django_capture_on_commit_callbacks, visibility=Community.Visibility.RESTRICTED)
    assert search(refreshed(backend), "selkie").total == 0, "restricted: only members read its threads"


def test_a_new_slug_reaches_the_urls_of_its_threads_and_posts(
    backend, community_with_posts, django_capture_on_commit_callbacks
):
    community, _ = community_with_posts
    change(community, django_capture_on_commit_callbacks, slug="locality-planning")
    urls = {hit.url for hit in search(refreshed(backend), "selkie").hits}
    assert len(urls) == 2
    assert all(url.startswith("/communities/locality-planning/") for url in urls), urls


def test_one_task_resyncs_a_community_in_batches(django_capture_on_commit_callbacks, settings, monkeypatch):
    """Saving a community queues one task whatever its size, and only when what documents take from it
    changed; the task writes a batch of documents at a time."""
    from search import indexing

    settings.ELASTICSEARCH_URL = ""
    priya = UserFactory(username="priya")
    community = CommunityFactory(slug="planning")
    member_of(community, priya)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(community, priya, THREAD, "Selkie workshops.")
        for number in range(12):  # past the posting rate limit: straight to the table
            Post.objects.create(thread=thread, author=priya, body_source=f"Selkies {number}.", body_html="")

    with django_capture_on_commit_callbacks() as callbacks:
        community.summary = "A new summary: nothing search shows."
        community.save()
    assert search_tasks(callbacks) == []  # (kept pages that show the community are renewed, search is not)

    writes = []
    monkeypatch.setattr(indexing, "_write", lambda label, items: writes.append((label, len(items))))
    monkeypatch.setattr(indexing, "SYNC_BATCH", 5)
    with django_capture_on_commit_callbacks() as callbacks:
        community.visibility = Community.Visibility.PRIVATE
        community.save()
    assert len(search_tasks(callbacks)) == 1
    search_tasks(callbacks)[0]()
    assert writes == [("forums.Thread", 1), ("forums.Post", 5), ("forums.Post", 5), ("forums.Post", 3)]


def search_tasks(callbacks):
    """The on-commit callbacks that queue search's tasks, apart from others a save renews (kept pages)."""
    return [callback for callback in callbacks if callback.__module__ == "search.tasks"]
