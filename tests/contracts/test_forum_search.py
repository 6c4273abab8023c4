"""Forum threads and posts in search: found by members who may read them, gone when hidden."""

from datetime import UTC, datetime

import pytest

from forums import services
from forums.models import Post
from search.documents import SearchDocument
from tests.contracts.test_search_backends import search, titles
from tests.factories import CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def refreshed(backend):
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


@pytest.fixture
def forum(backend, django_capture_on_commit_callbacks):
    priya = UserFactory(username="priya")
    open_community = CommunityFactory(slug="planning", name="Community planning")
    private = CommunityFactory(slug="frontline", name="Frontline voices", visibility="private")
    for community in (open_community, private):
        member_of(community, priya)
    with django_capture_on_commit_callbacks(execute=True):
        public_thread = services.start_thread(
            open_community, priya, "Locality plans that residents wrote", "Kelpie workshops helped."
        )
        private_thread = services.start_thread(private, priya, "Shift patterns and burnout", "Kelpie rotas are hard.")
        reply = services.post_reply(public_thread, priya, "The kelpie sessions ran on Saturdays.")
    return {
        "priya": priya,
        "private": private,
        "public_thread": public_thread,
        "private_thread": private_thread,
        "reply": reply,
    }


def test_threads_and_posts_are_found_and_private_ones_only_by_members(backend, forum):
    outsider = search(refreshed(backend), "kelpie")
    assert titles(outsider) == {"Locality plans that residents wrote", "Reply in “Locality plans that residents wrote”"}
    assert {f["value"] for f in outsider.facets["type"]} == {"thread", "post"}
    member = search(backend, "kelpie", communities={forum["private"].pk})
    assert "Shift patterns and burnout" in titles(member)


def test_hidden_and_deleted_posts_leave_search(backend, forum, django_capture_on_commit_callbacks):
    reply = forum["reply"]
    with django_capture_on_commit_callbacks(execute=True):
        reply.status = Post.Status.HIDDEN
        reply.save()
    # Its words leave the thread's document too.
    assert search(refreshed(backend), "saturdays").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        reply.status = Post.Status.VISIBLE
        reply.save()
    assert titles(search(refreshed(backend), "saturdays")) == {
        "Locality plans that residents wrote",
        "Reply in “Locality plans that residents wrote”",
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(reply, forum["priya"])
    assert search(refreshed(backend), "saturdays").total == 0


def test_a_thread_is_found_by_its_replies_words(backend, forum):
    found = search(refreshed(backend), "kelpie sessions saturdays")
    assert found.hits[0].title in {
        "Locality plans that residents wrote",
        "Reply in “Locality plans that residents wrote”",
    }
    assert "Locality plans that residents wrote" in titles(found)


def test_a_threads_opening_post_is_found_once_as_the_thread(backend, forum):
    found = search(refreshed(backend), "kelpie", communities={forum["private"].pk})
    assert sorted(hit.type for hit in found.hits) == ["post", "thread", "thread"]
    assert titles(found) == {
        "Locality plans that residents wrote",
        "Shift patterns and burnout",
        "Reply in “Locality plans that residents wrote”",
    }


def test_members_free_tags_are_searchable_but_stay_out_of_the_theme_facet(
    backend, forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        forum["public_thread"].tags.add("kelpie-club")
        forum["public_thread"].save()
    results = search(refreshed(backend), "kelpie club")
    assert "Locality plans that residents wrote" in titles(results)
    assert all(bucket["value"] != "kelpie-club" for bucket in search(backend, "").facets["theme"])


def test_suggestions_offer_a_thread_once_and_never_its_replies(backend, forum, settings):
    from django.contrib.auth.models import AnonymousUser

    from search.service import suggest

    refreshed(backend)
    offered = suggest("Locality pl", AnonymousUser())
    assert [(s["title"], s["type"]) for s in offered if s["type"] in ("thread", "post")] == [
        ("Locality plans that residents wrote", "thread")
    ]
    assert suggest("Shift patt", AnonymousUser()) == []  # the private community's thread
    assert [s["title"] for s in suggest("Shift patt", forum["priya"])] == ["Shift patterns and burnout"]


def test_a_query_asking_peers_lifts_the_thread_above_an_equal_page(backend, db):
    published = datetime(2026, 1, 2, tzinfo=UTC)
    backend.upsert(
        [
            SearchDocument(
                doc_id="page-9801",
                type="guide",
                title="Covering rota gaps",
                url="/guides/rota/",
                published=published,
                summary="Rota gaps are covered from a shared pool of rota staff.",
            ),
            SearchDocument(
                doc_id="thread-9802",
                type="thread",
                title="Covering rota gaps",
                url="/communities/c/threads/9802/",
                published=published,
                summary="Rota gaps are covered from a shared pool of relief staff.",
            ),
        ]
    )
    if hasattr(backend, "refresh"):
        backend.refresh()
    # The page says it a little more strongly; someone asking peers about their own rota is answered by the thread.
    assert [hit.doc_id for hit in search(backend, "covering rota gaps").hits] == ["page-9801", "thread-9802"]
    asked = search(backend, "how do we cover our rota gaps")
    assert [hit.doc_id for hit in asked.hits] == ["thread-9802", "page-9801"]
