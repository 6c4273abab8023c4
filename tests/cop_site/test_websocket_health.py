"""The WebSocket health endpoint answers through the real ASGI application, on every channel layer.

Anyone may connect and ping; only staff may broadcast. Tests that sign someone in commit their user
(transaction=True): the consumer reads the session from a thread of its own.
"""

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from cop_site import consumers
from cop_site.asgi import application
from tests.factories import UserFactory

# Channels closes stale database connections around each frame, so the database must be reachable.
pytestmark = pytest.mark.django_db

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
WAIT = 5


async def connect(path="/ws/health/", headers=(ORIGIN,)):
    communicator = WebsocketCommunicator(application, path, headers=list(headers))
    connected, _ = await communicator.connect()
    return communicator, connected


def signed_in(**user_fields):
    """The handshake headers of a new user signed in through a real session cookie."""
    client = Client()
    client.force_login(UserFactory(**user_fields))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [ORIGIN, (b"cookie", cookie.encode())]


async def greeted(headers=(ORIGIN,)):
    """A health client past its opening `health` frame."""
    communicator, connected = await connect(headers=headers)
    assert connected
    assert (await communicator.receive_json_from(timeout=WAIT))["type"] == "health"
    return communicator


async def still_answers(communicator):
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "pong"}


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("staff", [{"is_staff": True}, {"is_superuser": True}], ids=["staff", "superuser"])
async def test_a_staff_broadcast_reaches_every_connected_client(use_channel_layer, staff):
    operator = await greeted(await database_sync_to_async(signed_in)(**staff))
    visitor = await greeted()
    await operator.send_json_to({"type": "broadcast", "text": "hello from the operator"})
    for communicator in (operator, visitor):
        frame = await communicator.receive_json_from(timeout=WAIT)
        assert frame["type"] == "broadcast"
        assert frame["text"] == "hello from the operator"
    await operator.disconnect()
    await visitor.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["anonymous", "member"])
async def test_only_staff_may_broadcast_and_nobody_hears_a_refused_one(use_channel_layer, who):
    headers = [ORIGIN] if who == "anonymous" else await database_sync_to_async(signed_in)()
    sender = await greeted(headers)
    listener = await greeted()
    await sender.send_json_to({"type": "broadcast", "text": "spam for every socket"})
    error = await sender.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"]) == ("error", "forbidden")
    assert await listener.receive_nothing(timeout=0.5)
    await still_answers(sender)
    await still_answers(listener)
    await sender.disconnect()
    await listener.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_staff_connection_broadcasting_too_often_is_held_back(use_channel_layer):
    operator = await greeted(await database_sync_to_async(signed_in)(is_staff=True))
    listener = await greeted()
    for number in range(consumers.BROADCAST_LIMIT):
        await operator.send_json_to({"type": "broadcast", "text": f"number {number}"})
        assert (await operator.receive_json_from(timeout=WAIT))["text"] == f"number {number}"
        assert (await listener.receive_json_from(timeout=WAIT))["text"] == f"number {number}"
    await operator.send_json_to({"type": "broadcast", "text": "one too many"})
    error = await operator.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"]) == ("error", "rate_limited")
    assert await listener.receive_nothing(timeout=0.5)
    await still_answers(operator)
    await operator.disconnect()
    await listener.disconnect()


async def test_foreign_origin_is_refused(use_channel_layer):
    communicator, connected = await connect(headers=[(b"origin", b"https://evil.example")])
    assert not connected


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        "[1, 2]",
        "x" * 5000,
        json.dumps({"type": "unknown"}),
        "null",
        '{"type": "ping", "pad": "' + "é" * 2100 + '"}',  # under 4096 characters, over 4096 bytes
        '{"type": "ping", "pad": "' + "\ud800" * 1400 + '"}',  # lone surrogates: three bytes each
        "[" * 4000,  # nested deeper than the JSON parser goes: RecursionError, not ValueError
        '{"type": "ping", "deep": ' + "[" * 2000 + "]" * 2000 + "}",
    ],
    ids=["text", "array", "5000", "unknown", "null", "multibyte", "surrogates", "nested", "nested-object"],
)
async def test_bad_frames_get_an_error_and_the_socket_stays_usable(use_channel_layer, frame):
    communicator = await greeted()
    await communicator.send_to(text_data=frame)
    error = await communicator.receive_json_from(timeout=WAIT)
    assert error["type"] == "error"
    assert error["code"] == "invalid"
    await still_answers(communicator)
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_staff_broadcast_without_text_is_invalid(use_channel_layer):
    communicator = await greeted(await database_sync_to_async(signed_in)(is_staff=True))
    await communicator.send_json_to({"type": "broadcast", "text": ["not", "text"]})
    assert (await communicator.receive_json_from(timeout=WAIT))["code"] == "invalid"
    await still_answers(communicator)
    await communicator.disconnect()
