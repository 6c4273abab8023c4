"""cop_site/frames.py: what every socket takes for a frame, and what a socket does with one it refuses."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from cop_site import frames
from cop_site.asgi import application
from forums import services
from tests.factories import CommunityFactory, UserFactory, member_of

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
WAIT = 5
NESTED = ["[" * 100_000, "[" * 4000, '{"type": "ping", "deep": ' + "[" * 2000 + "]" * 2000 + "}"]


# --- parse --------------------------------------------------------------------------------------------------
def test_a_json_object_within_the_limit_is_a_frame():
    assert frames.parse('{"type": "ping", "n": [1, {"a": null}]}', 64) == {"type": "ping", "n": [1, {"a": None}]}


@pytest.mark.parametrize("text", [None, "", "not json", "{", "[1, 2]", "null", "7", '"text"'])
def test_anything_but_a_json_object_is_not_a_frame(text):
    assert frames.parse(text, 4096) is None


@pytest.mark.parametrize("text", NESTED, ids=["100000", "4000", "in-an-object"])
def test_a_frame_nested_deeper_than_the_parser_goes_is_not_a_frame(text):
    assert frames.parse(text, 1024 * 1024) is None


def test_the_limit_counts_utf8_bytes_not_characters():
    frame = '{"pad": "' + "é" * 10 + '"}'  # 21 characters, 31 bytes
    assert frames.parse(frame, 31) == {"pad": "é" * 10}
    assert frames.parse(frame, 30) is None
    assert frames.parse('{"pad": "🙂"}', 15) == {"pad": "🙂"}  # 12 characters, 15 bytes
    assert frames.parse('{"pad": "🙂"}', 14) is None


def test_a_lone_surrogate_counts_as_its_three_bytes_and_does_not_raise():
    frame = '{"pad": "' + "\ud800" * 4 + '"}'  # 15 characters, 23 bytes
    assert frames.parse(frame, 23) == {"pad": "\ud800" * 4}
    assert frames.parse(frame, 22) is None


# --- error --------------------------------------------------------------------------------------------------
def test_an_error_names_its_code_and_detail_and_the_client_id_only_when_given():
    assert frames.error("forbidden", "Not yours.") == {"type": "error", "code": "forbidden", "detail": "Not yours."}
    assert frames.error("empty", "Say something.", client_id="c-1") == {
        "type": "error",
        "code": "empty",
        "detail": "Say something.",
        "client_id": "c-1",
    }
    assert frames.invalid(4096) == {"type": "error", "code": "invalid", "detail": "Send a JSON object of at most 4 KB."}


# --- the sockets that read frames ---------------------------------------------------------------------------
async def opened(path):
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN])
    connected, _ = await communicator.connect(timeout=WAIT)
    assert connected
    return communicator


@pytest.mark.django_db
@pytest.mark.parametrize("frame", NESTED, ids=["100000", "4000", "in-an-object"])
async def test_the_health_socket_answers_a_deeply_nested_frame_and_stays_usable(use_channel_layer, frame):
    health = await opened("/ws/health/")
    assert (await health.receive_json_from(timeout=WAIT))["type"] == "health"
    await health.send_to(text_data=frame)
    error = await health.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"]) == ("error", "invalid")
    await health.send_json_to({"type": "ping"})
    assert await health.receive_json_from(timeout=WAIT) == {"type": "pong"}
    await health.disconnect()


@pytest.fixture
def open_thread():
    """A forum thread in an open community, which anyone may watch."""
    author = UserFactory()
    community = CommunityFactory(visibility="open")
    member_of(community, author)
    return services.start_thread(community, author, "Nested frames", "Do they drop the socket?"), author


@pytest.mark.django_db(transaction=True)  # the consumer reads the thread from a thread of its own
@pytest.mark.parametrize("frame", NESTED, ids=["100000", "4000", "in-an-object"])
async def test_the_thread_stream_answers_a_deeply_nested_frame_and_stays_live(use_channel_layer, open_thread, frame):
    thread, author = open_thread
    viewer = await opened(f"/ws/threads/{thread.pk}/")
    await viewer.send_to(text_data=frame)
    error = await viewer.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"]) == ("error", "invalid")
    await viewer.send_to(text_data=json.dumps({"type": "ping"}))
    assert (await viewer.receive_json_from(timeout=WAIT))["code"] == "invalid", "read-only, and still answering"
    reply = await database_sync_to_async(services.post_reply)(thread, author, "Still live")
    assert (await viewer.receive_json_from(timeout=WAIT))["post"]["id"] == reply.pk
    await viewer.disconnect()
