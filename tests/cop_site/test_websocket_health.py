"""The WebSocket health endpoint answers through the real ASGI application, on every channel layer."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from cop_site.asgi import application

# Channels closes stale database connections around each frame, so the database must be reachable.
pytestmark = pytest.mark.django_db

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


async def connect(path="/ws/health/", headers=(ORIGIN,)):
    communicator = WebsocketCommunicator(application, path, headers=list(headers))
    connected, _ = await communicator.connect()
    return communicator, connected


async def test_health_answers_and_joins_the_group(use_channel_layer):
    communicator, connected = await connect()
    assert connected
    hello = await communicator.receive_json_from(timeout=5)
    assert hello["type"] == "health"
    assert hello["status"] == "ok"
    expected = "redis" if "Redis" in use_channel_layer["default"]["BACKEND"] else "in-memory"
    assert hello["channel_layer"] == expected
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()


async def test_a_broadcast_reaches_every_connected_client(use_channel_layer):
    first, _ = await connect()
    second, _ = await connect()
    await first.receive_json_from(timeout=5)
    await second.receive_json_from(timeout=5)
    await first.send_json_to({"type": "broadcast", "text": "hello from the first"})
    for communicator in (first, second):
        frame = await communicator.receive_json_from(timeout=5)
        assert frame["type"] == "broadcast"
        assert frame["text"] == "hello from the first"
    await first.disconnect()
    await second.disconnect()


async def test_foreign_origin_is_refused(use_channel_layer):
    communicator, connected = await connect(headers=[(b"origin", b"https://evil.example")])
    assert not connected


@pytest.mark.parametrize("frame", ["not json", "[1, 2]", "x" * 5000, json.dumps({"type": "unknown"}), "null"])
async def test_bad_frames_get_an_error_and_the_socket_stays_usable(use_channel_layer, frame):
    communicator, _ = await connect()
    await communicator.receive_json_from(timeout=5)
    await communicator.send_to(text_data=frame)
    error = await communicator.receive_json_from(timeout=5)
    assert error["type"] == "error"
    assert error["code"] == "invalid"
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()
