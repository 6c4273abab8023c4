"""Live threads: what a viewer of `/ws/threads/<id>/` receives, through the real ASGI application.

Every test runs on the in-memory channel layer and on Redis (`use_channel_layer`). The consumer
reads the database from its own thread, so the data these stories build is committed.
"""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils.text import slugify
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cop_site.asgi import application
from forums import attention, live, services, streams
from forums.consumers import ThreadConsumer
from forums.models import Membership, Post, ThreadVisit
from tests.factories import CommunityFactory, UserFactory, member_of, restrict_view

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1:8000")
WAIT = 5


# --- people and places ------------------------------------------------------------------------------
@pytest.fixture
def priya():
    return UserFactory(username="priya")


@pytest.fixture
def fraser():
    return UserFactory(username="fraser")


@pytest.fixture
def thread(priya, fraser):
    """A forum thread in an open community, started by Priya; Fraser is a member too."""
    community = CommunityFactory(visibility="open")
    member_of(community, priya)
    member_of(community, fraser)
    return services.start_thread(community, priya, "Starting a CAR group", "Where do we begin?")


@pytest.fixture
def private_thread(priya, fraser):
    community = CommunityFactory(visibility="private")
    member_of(community, priya)
    member_of(community, fraser)
    return services.start_thread(community, priya, "Confidential: a case review", "Between us.")


@pytest.fixture
def new_page():
    """Publishes a page to comment on. Transactional tests flush what migrations made, the page tree
    included, so this plants a root of its own when there is none."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    def publish(title):
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        page = root.add_child(instance=Page(title=title, slug=slugify(title)))
        page.save_revision().publish()
        return page

    return database_sync_to_async(publish)


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode())


async def watch(thread_id, as_user=None, after=None):
    """A viewer connected to a thread's stream; as_user signs them in through a real session cookie."""
    headers = [ORIGIN]
    if as_user is not None:
        headers.append(await database_sync_to_async(session_cookie)(as_user))
    path = f"/ws/threads/{thread_id}/" + ("" if after is None else f"?after={after}")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=WAIT)
    assert connected, "the handshake is accepted; refusals come as close codes"
    return communicator


async def closed_with(communicator):
    output = await communicator.receive_output(timeout=WAIT)
    assert output["type"] == "websocket.close", output
    return output.get("code")


def do(function, *args, **kwargs):
    """Call a service as a view would, in a worker thread with its own transaction."""
    return database_sync_to_async(function)(*args, **kwargs)


# --- what a viewer receives -----------------------------------------------------------------------------
async def test_a_new_post_reaches_a_connected_viewer(use_channel_layer, thread, priya, fraser):
    viewer = await watch(thread.pk)
    reply = await do(services.post_reply, thread, fraser, "Start with **one** team.")
    frame = await viewer.receive_json_from(timeout=WAIT)
    assert frame["type"] == "post"
    assert isinstance(frame["event_id"], int)
    assert frame["post"]["id"] == reply.pk
    assert frame["post"]["body_html"] == "<p>Start with <strong>one</strong> team.</p>\n"
    assert frame["post"]["author"]["name"] == "fraser"
    assert frame["post"]["author"]["url"] == "/members/fraser/"  # what the page links the name to
    assert await viewer.receive_nothing()
    await viewer.disconnect()


async def test_a_member_with_the_thread_open_is_not_emailed_about_it_and_has_read_what_arrived(
    use_channel_layer, thread, priya, fraser
):
    from django.core import mail

    watching = await watch(thread.pk, as_user=priya)
    await watching.receive_nothing()  # the consumer notes her as watching once it has joined the stream
    assert await database_sync_to_async(attention.is_viewing)(thread.pk, priya.pk)
    await do(services.post_reply, thread, fraser, "@priya here is our plan")
    frame = await watching.receive_json_from(timeout=WAIT)
    assert frame["type"] == "post"
    assert mail.outbox == []  # the mention is in her notifications, but she saw it arrive
    await watching.receive_nothing()  # the consumer records what it showed her
    visit = await database_sync_to_async(ThreadVisit.objects.get)(thread=thread, user=priya)
    assert visit.seen >= (await database_sync_to_async(Post.objects.latest)("pk")).created

    await watching.disconnect()
    assert not await database_sync_to_async(attention.is_viewing)(thread.pk, priya.pk)
    await do(services.post_reply, thread, fraser, "@priya one more, while you are away")
    assert [message.to for message in mail.outbox] == [[priya.email]]


async def test_edits_removals_and_reactions_follow_with_increasing_event_ids(use_channel_layer, thread, priya, fraser):
    viewer = await watch(thread.pk, as_user=priya)
    reply = await do(services.post_reply, thread, fraser, "First thoughts")
    reply_id = reply.pk
    await do(services.edit_post, reply, fraser, "Second thoughts")
    await do(services.toggle_helpful, reply, priya)
    await do(services.delete_post, reply, fraser)
    frames = [await viewer.receive_json_from(timeout=WAIT) for _ in range(4)]
    assert [f["type"] for f in frames] == ["post", "post_updated", "reactions", "post_removed"]
    assert frames[1]["post"]["body_html"] == "<p>Second thoughts</p>\n"
    assert frames[1]["post"]["edited"]
    assert frames[2] == {
        "type": "reactions",
        "event_id": frames[2]["event_id"],
        "post_id": reply_id,
        "counts": {"helpful": 1},
    }
    assert frames[3]["post_id"] == reply_id
    ids = [f["event_id"] for f in frames]
    assert ids == sorted(set(ids))
    await viewer.disconnect()


async def test_every_viewer_of_the_thread_hears_it_and_no_other_thread_does(use_channel_layer, thread, priya, fraser):
    other = await do(services.start_thread, thread.community, fraser, "Another topic", "Elsewhere")
    first, second, elsewhere = await watch(thread.pk), await watch(thread.pk, as_user=fraser), await watch(other.pk)
    await do(services.post_reply, thread, priya, "Hello both")
    for viewer in (first, second):
        assert (await viewer.receive_json_from(timeout=WAIT))["post"]["body_html"] == "<p>Hello both</p>\n"
    assert await elsewhere.receive_nothing()
    for viewer in (first, second, elsewhere):
        await viewer.disconnect()


async def test_a_public_pages_comment_thread_streams_to_visitors(use_channel_layer, new_page, fraser):
    page = await new_page("Participatory budgeting in Dundee")
    comments = await do(services.comment_thread_for, page)
    visitor = await watch(comments.pk)
    comment = await do(services.post_reply, comments, fraser, "We tried this in Fife.")
    frame = await visitor.receive_json_from(timeout=WAIT)
    assert frame["type"] == "post"
    assert frame["post"]["id"] == comment.pk
    await visitor.disconnect()


# --- catching up -------------------------------------------------------------------------------------------
async def test_reconnecting_after_an_event_gets_exactly_what_was_missed_in_order(use_channel_layer, thread, fraser):
    seen = await do(live.latest_event_id, thread.stream)
    missed = [await do(services.post_reply, thread, fraser, f"Reply {n}") for n in range(3)]
    await do(services.edit_post, missed[0], fraser, "Reply 0, edited")
    viewer = await watch(thread.pk, after=seen)
    frames = [await viewer.receive_json_from(timeout=WAIT) for _ in range(4)]
    assert [(f["type"], f["post"]["id"]) for f in frames] == [
        ("post", missed[0].pk),
        ("post", missed[1].pk),
        ("post", missed[2].pk),
        ("post_updated", missed[0].pk),
    ]
    assert all(a["event_id"] < b["event_id"] for a, b in zip(frames, frames[1:], strict=False))
    assert await viewer.receive_nothing()
    # and it is live from there on
    latest = await do(services.post_reply, thread, fraser, "Live again")
    assert (await viewer.receive_json_from(timeout=WAIT))["post"]["id"] == latest.pk
    await viewer.disconnect()


async def test_an_event_both_replayed_and_broadcast_is_sent_once(use_channel_layer, thread, fraser, monkeypatch):
    """A post made while a viewer connects is in the replay and in the group's queue: it arrives once."""
    seen = await do(live.latest_event_id, thread.stream)
    replay = streams.thread_replay

    def someone_posts_during_the_replay(stream, after, limit=None):
        services.post_reply(thread, fraser, "Posted as the viewer connects")
        return replay(stream, after, limit)

    monkeypatch.setattr(streams, "thread_replay", someone_posts_during_the_replay)
    viewer = await watch(thread.pk, after=seen)
    frame = await viewer.receive_json_from(timeout=WAIT)
    assert frame["post"]["body_html"] == "<p>Posted as the viewer connects</p>\n"
    assert await viewer.receive_nothing()
    await viewer.disconnect()


async def test_without_after_nothing_old_is_sent(use_channel_layer, thread, fraser):
    await do(services.post_reply, thread, fraser, "Before the page was rendered")
    viewer = await watch(thread.pk)
    assert await viewer.receive_nothing()
    await viewer.disconnect()


async def test_too_much_to_replay_asks_the_page_to_reload(use_channel_layer, thread, fraser, monkeypatch):
    monkeypatch.setattr(live, "REPLAY_LIMIT", 2)
    seen = await do(live.latest_event_id, thread.stream)
    for n in range(3):
        await do(services.post_reply, thread, fraser, f"Reply {n}")
    viewer = await watch(thread.pk, after=seen)
    assert await viewer.receive_json_from(timeout=WAIT) == {"type": "reload"}
    assert await closed_with(viewer) == 1000


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", "", "9" * 30, "%00", "١٢"])
async def test_an_invalid_after_gets_an_error_and_the_stream_stays_live(use_channel_layer, thread, fraser, after):
    viewer = await watch(thread.pk, after=after)
    error = await viewer.receive_json_from(timeout=WAIT)
    assert error["type"] == "error"
    assert error["code"] == "invalid"
    reply = await do(services.post_reply, thread, fraser, "Still live")
    assert (await viewer.receive_json_from(timeout=WAIT))["post"]["id"] == reply.pk
    await viewer.disconnect()


async def test_a_replayed_post_that_was_hidden_since_carries_no_text(use_channel_layer, thread, fraser):
    seen = await do(live.latest_event_id, thread.stream)
    reply = await do(services.post_reply, thread, fraser, "Names a person: confidential")
    await do(Post.objects.filter(pk=reply.pk).update, status=Post.Status.HIDDEN)
    viewer = await watch(thread.pk, after=seen)
    frame = await viewer.receive_json_from(timeout=WAIT)
    assert frame["post"]["id"] == reply.pk
    assert frame["post"]["body_html"] == ""
    assert frame["post"]["status"] == "hidden"
    await viewer.disconnect()


# --- who may watch ---------------------------------------------------------------------------------------
async def test_an_unknown_thread_is_4404(use_channel_layer):
    assert await closed_with(await watch(999_999)) == 4404
    assert await closed_with(await watch(10**30)) == 4404


async def test_a_private_communitys_thread_refuses_visitors_and_non_members(use_channel_layer, private_thread, priya):
    outsider = await do(UserFactory, username="outsider")
    assert await closed_with(await watch(private_thread.pk)) == 4401
    assert await closed_with(await watch(private_thread.pk, as_user=outsider)) == 4403
    member = await watch(private_thread.pk, as_user=priya)
    assert await member.receive_nothing()
    await member.disconnect()


async def test_a_restricted_community_is_for_members_only(use_channel_layer, priya):
    community = await do(CommunityFactory, visibility="restricted")
    await do(member_of, community, priya)
    thread = await do(services.start_thread, community, priya, "Members only", "Hello")
    pending = await do(UserFactory, username="asked-to-join")
    await do(member_of, community, pending, status=Membership.Status.PENDING)
    assert await closed_with(await watch(thread.pk)) == 4401
    assert await closed_with(await watch(thread.pk, as_user=pending)) == 4403


@pytest.mark.parametrize(
    ("restriction", "visitor", "signed_in"),
    [("login", 4401, None), ("password", 4403, 4403)],
    ids=["login", "password"],
)
async def test_restricted_pages_streams_follow_the_pages_rule(
    use_channel_layer, new_page, fraser, restriction, visitor, signed_in
):
    page = await new_page("A restricted case study")
    comments = await do(services.comment_thread_for, page)
    await do(restrict_view, page, restriction)
    assert await closed_with(await watch(comments.pk)) == visitor
    viewer = await watch(comments.pk, as_user=fraser)
    if signed_in is None:
        assert await viewer.receive_nothing()
        await viewer.disconnect()
    else:
        assert await closed_with(viewer) == signed_in


async def test_an_unpublished_pages_comments_are_4404(use_channel_layer, new_page, fraser):
    page = await new_page("Withdrawn")
    comments = await do(services.comment_thread_for, page)
    await do(page.unpublish)
    assert await closed_with(await watch(comments.pk, as_user=fraser)) == 4404


async def test_a_removed_member_stops_receiving_at_once(use_channel_layer, private_thread, priya, fraser):
    removed = await watch(private_thread.pk, as_user=fraser)
    staying = await watch(private_thread.pk, as_user=priya)
    await do(Membership.objects.filter(community=private_thread.community, user=fraser).delete)
    await do(services.post_reply, private_thread, priya, "Now that Fraser has left")
    assert (await staying.receive_json_from(timeout=WAIT))["type"] == "post"
    assert await closed_with(removed) == 4403  # the frame was never sent: the close is the first output
    await staying.disconnect()


async def test_a_lost_right_closes_a_quiet_stream_too(use_channel_layer, private_thread, fraser, monkeypatch):
    monkeypatch.setattr(ThreadConsumer, "recheck_seconds", 0.05)
    viewer = await watch(private_thread.pk, as_user=fraser)
    await do(Membership.objects.filter(community=private_thread.community, user=fraser).update, status="declined")
    assert await closed_with(viewer) == 4403


async def test_signing_out_elsewhere_ends_a_private_stream(use_channel_layer, private_thread, priya, fraser):
    from django.contrib.sessions.models import Session

    viewer = await watch(private_thread.pk, as_user=fraser)
    await do(Session.objects.all().delete)  # what signing out does to the session this socket was opened with
    await do(services.post_reply, private_thread, priya, "After Fraser signed out")
    assert await closed_with(viewer) == 4401


# --- read-only --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "frame",
    ["not json", json.dumps({"type": "post", "body": "hi"}), "[1, 2]", "null", "x" * 100_000, b"\x00\xff binary"],
    ids=["text", "json", "array", "null", "100KB", "binary"],
)
async def test_client_frames_are_refused_and_the_socket_stays_usable(use_channel_layer, thread, fraser, frame):
    viewer = await watch(thread.pk)
    if isinstance(frame, bytes):
        await viewer.send_to(bytes_data=frame)
    else:
        await viewer.send_to(text_data=frame)
    assert await viewer.receive_json_from(timeout=WAIT) == {
        "type": "error",
        "code": "invalid",
        "detail": "This stream is read-only.",
    }
    reply = await do(services.post_reply, thread, fraser, "Still here")
    assert (await viewer.receive_json_from(timeout=WAIT))["post"]["id"] == reply.pk
    await viewer.disconnect()


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames=st.lists(st.text(max_size=300) | st.binary(max_size=300), min_size=1, max_size=5))
def test_random_client_frames_never_crash_the_consumer(use_channel_layer, thread, frames):
    async def send_them():
        viewer = await watch(thread.pk, after="0")
        while (await viewer.receive_json_from(timeout=WAIT))["type"] != "post":
            pass  # the opening post, replayed
        for frame in frames:  # sent raw: browsers may send empty frames, which send_to() refuses to
            key = "bytes" if isinstance(frame, bytes) else "text"
            await viewer.send_input({"type": "websocket.receive", key: frame})
            assert (await viewer.receive_json_from(timeout=WAIT))["code"] == "invalid"
        await viewer.disconnect()

    async_to_sync(send_them)()
