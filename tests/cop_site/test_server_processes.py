"""Real server processes, started as `make run` starts them.

With Redis, two processes share a channel layer: a broadcast made on one reaches a client on the
other. Only staff may broadcast on the health socket, so the sender signs in with the session cookie
of a staff user made in the servers' database. Pointed at services that are down, a server still
starts and serves pages.
"""

import asyncio
import json
import urllib.request
import uuid

import pytest
import websockets

from tests.conftest import run_coroutine, run_in_site
from tests.services import service_url

ORIGIN = "http://127.0.0.1"

MAKE_STAFF = """
from django.conf import settings
from django.test import Client
from tests.factories import UserFactory

client = Client()
client.force_login(UserFactory(username={username!r}, is_staff=True))
print(settings.SESSION_COOKIE_NAME + "=" + client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


@pytest.fixture(scope="module")
def staff_cookie(site_database):
    """The session cookie of a new staff user in the database the servers use."""
    username = f"operator-{uuid.uuid4().hex[:10]}"
    return run_in_site(MAKE_STAFF.format(username=username), site_database)


async def open_health(server, cookie=None):
    socket = await websockets.connect(
        f"{server.ws_url}/ws/health/",
        origin=f"{ORIGIN}:{server.port}",
        additional_headers={"Cookie": cookie} if cookie else None,
    )
    hello = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
    assert hello["type"] == "health"
    return socket, hello


async def exchange_broadcast(sender_server, receiver_server, cookie):
    sender, sender_hello = await open_health(sender_server, cookie)
    receiver, receiver_hello = await open_health(receiver_server)
    try:
        await sender.send(json.dumps({"type": "broadcast", "text": "across processes"}))
        frame = json.loads(await asyncio.wait_for(receiver.recv(), timeout=10))
    finally:
        await sender.close()
        await receiver.close()
    return sender_hello, receiver_hello, frame


def test_with_redis_a_group_message_crosses_server_processes(start_server, staff_cookie):
    redis_url = service_url("redis")
    first = start_server(REDIS_URL=redis_url)
    second = start_server(REDIS_URL=redis_url)
    first_hello, second_hello, frame = run_coroutine(exchange_broadcast(first, second, staff_cookie))
    assert first_hello["channel_layer"] == second_hello["channel_layer"] == "redis"
    assert first_hello["server"] != second_hello["server"], "two different processes"
    assert frame == {"type": "broadcast", "text": "across processes", "server": frame["server"]}
    assert frame["server"] == str(second.process.pid)


def test_embedded_default_serves_pages_and_websockets_from_one_process(start_server, staff_cookie):
    server = start_server()
    with urllib.request.urlopen(f"{server.url}/", timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        assert "Communities of Practice" in response.read().decode()
    hello, _, frame = run_coroutine(exchange_broadcast(server, server, staff_cookie))
    assert hello["channel_layer"] == "in-memory"
    assert frame["text"] == "across processes"


def test_a_server_pointed_at_dead_services_still_serves_and_says_what_is_unavailable(start_server):
    server = start_server(REDIS_URL="redis://127.0.0.1:9/0", ELASTICSEARCH_URL="http://127.0.0.1:9")
    with urllib.request.urlopen(f"{server.url}/", timeout=20) as response:  # noqa: S310 (loopback)
        assert response.status == 200
    with urllib.request.urlopen(f"{server.url}/api/v1/health", timeout=20) as response:  # noqa: S310
        health = json.loads(response.read())
    assert health["status"] == "degraded"
    assert health["channel_layer"]["available"] is False
    assert health["search"]["available"] is False
    assert health["database"]["available"] is True

    async def websocket_says_degraded():
        socket, hello = await open_health(server)
        await socket.close()
        return hello

    hello = run_coroutine(websocket_says_degraded())
    assert hello["status"] == "degraded"
    assert hello["channel_layer_available"] is False
