"""bench/rooms.py's baseline: a bare group relay, routed only when COP_BENCH is on."""

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path

from cop_site.consumers import BenchBroadcastConsumer

pytestmark = pytest.mark.django_db  # Channels closes stale database connections around each frame

application = URLRouter([path("ws/bench/broadcast/<slug:room>/", BenchBroadcastConsumer.as_asgi())])


async def joined(room):
    communicator = WebsocketCommunicator(application, f"/ws/bench/broadcast/{room}/")
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def test_a_message_reaches_everyone_in_its_room_and_no_one_else(use_channel_layer):
    sender, listener, elsewhere = await joined("one"), await joined("one"), await joined("two")
    await sender.send_json_to({"type": "message", "body": "hello", "client_id": "c-1"})
    expected = {"type": "message", "message": {"body_html": "hello", "client_id": "c-1"}}
    assert await sender.receive_json_from(timeout=5) == expected
    assert await listener.receive_json_from(timeout=5) == expected
    assert await elsewhere.receive_nothing(timeout=0.2)
    await sender.send_json_to({"type": "ping"})
    assert await sender.receive_json_from(timeout=5) == {"type": "pong"}
    for communicator in (sender, listener, elsewhere):
        await communicator.disconnect()


def test_the_route_exists_only_for_benchmarks():
    from cop_site.routing import websocket_urlpatterns

    assert not any("bench" in str(pattern.pattern) for pattern in websocket_urlpatterns)
