"""Rooms served by real server processes: nothing lost and nothing doubled when a process or Redis dies.

Each test builds its own room and members in the shared demo database (through `manage.py shell`,
as an administrator would), then talks to uvicorn processes with a real WebSocket client. A process
is killed with SIGKILL, so it has no chance to tidy up; Redis is a private redis-server, killed and
restarted on the same port, so the shared one is never touched.
"""

import asyncio
import json
import re
import signal
import subprocess
import time
import uuid

import pytest
import requests
import websockets

from tests.conftest import free_port, run_coroutine, run_in_site
from tests.services import service_url

WAIT = 20
CONVERSATION_LIMIT = 240  # seconds: a hung conversation fails with a traceback instead of stalling the run

MAKE_ROOM = """
import json
from django.conf import settings
from django.test import Client
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of

slug = {slug!r}
community = CommunityFactory(slug=slug, name="Processes " + slug)
RoomFactory(slug=slug, community=community, title="Room " + slug)
cookies = {{}}
for name, role in (("fiona", "facilitator"), ("fraser", "member"), ("priya", "member")):
    user = MemberFactory(username=name + "-" + slug)
    member_of(community, user, role=role)
    client = Client()
    client.force_login(user)
    cookies[name] = settings.SESSION_COOKIE_NAME + "=" + client.cookies[settings.SESSION_COOKIE_NAME].value
print(json.dumps(cookies))
"""


@pytest.fixture
def room(site_database):
    """(slug, {name: session cookie}) for a new open room with a facilitator and two members."""
    slug = f"processes-{uuid.uuid4().hex[:10]}"
    printed = run_in_site(MAKE_ROOM.format(slug=slug), site_database)
    return slug, json.loads(printed)


class Member:
    """One person's WebSocket client: every frame it receives is kept, in order."""

    def __init__(self, room, name):
        self.slug, cookies = room
        self.cookie = cookies[name]
        self.frames = []
        self.socket = self.reader = None

    async def join(self, server, after=None):
        query = "" if after is None else f"?after={after}"
        self.socket = await websockets.connect(
            f"{server.ws_url}/ws/rooms/{self.slug}/{query}",
            origin=f"http://127.0.0.1:{server.port}",
            additional_headers={"Cookie": self.cookie},
            max_size=None,
            proxy=None,
            open_timeout=WAIT,
        )
        start = len(self.frames)
        self.reader = asyncio.create_task(self._read())
        await self.wait_for(lambda frame: frame["type"] == "floor", since=start)
        return self.frames[start:]

    async def _read(self):
        try:
            async for text in self.socket:
                self.frames.append(json.loads(text))
        except websockets.ConnectionClosed:
            pass

    async def wait_for(self, matches, since=0, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.frames[since:]:
                if matches(frame):
                    return frame
            await asyncio.sleep(0.05)
        raise AssertionError(f"no such frame within {timeout}s; received {self.frames[since:]}")

    async def say(self, client_id, body=None):
        """Send a message and wait for its acknowledgement (the stored message, with its id)."""
        start = len(self.frames)
        await self.send(client_id, body)
        return (await self.wait_for(lambda f: _message(f, client_id), since=start))["message"]

    async def send(self, client_id, body=None):
        frame = {"type": "message", "body": body or f"Message {client_id}", "client_id": client_id}
        await self.socket.send(json.dumps(frame))

    async def hears(self, client_id, since=0):
        return (await self.wait_for(lambda f: _message(f, client_id), since=since))["message"]

    async def leave(self):
        await self.socket.close()
        await asyncio.wait_for(self.reader, WAIT)

    def messages(self):
        """Every message received, from history and live, in the order received."""
        received = []
        for frame in self.frames:
            if frame["type"] == "history":
                assert [m["id"] for m in frame["messages"]] == sorted(m["id"] for m in frame["messages"])
                received += frame["messages"]
            elif frame["type"] == "message":
                received.append(frame["message"])
        return received

    def last_id(self):
        return max(message["id"] for message in self.messages())


def _message(frame, client_id):
    return frame["type"] == "message" and frame["message"]["client_id"] == client_id


async def transcript(server, room):
    """What the database holds: the room's whole history, as a newcomer sees it."""
    newcomer = Member(room, "priya")
    frames = await newcomer.join(server)
    await newcomer.leave()
    history = next(frame for frame in frames if frame["type"] == "history")
    assert not history["has_more"]
    return history["messages"]


def assert_each_once(received, expected_client_ids, resent=()):
    """Nothing lost, nothing doubled: each message received once (a resend is answered with the original)."""
    by_id = {}
    for message in received:
        if message["id"] in by_id:
            assert message["client_id"] in resent, f"{message} arrived twice"
            assert by_id[message["id"]] == message, "a resend returns the original"
        by_id[message["id"]] = message
    assert sorted(m["client_id"] for m in by_id.values()) == sorted(expected_client_ids)


# --- two processes, one room ---------------------------------------------------------------------------
def test_with_redis_two_processes_serve_one_room(start_server, room):
    redis_url = service_url("redis")
    first, second = start_server(REDIS_URL=redis_url), start_server(REDIS_URL=redis_url)

    async def conversation():
        fiona, fraser = Member(room, "fiona"), Member(room, "fraser")
        await fiona.join(first)
        await fraser.join(second)
        await fiona.wait_for(lambda f: f["type"] == "presence" and len(f["members"]) == 2)
        sent = await fiona.say("fi-1", "Hello from the first process")
        assert await fraser.hears("fi-1") == sent
        reply = await fraser.say("fr-1", "And from the second")
        assert await fiona.hears("fr-1") == reply
        assert reply["id"] > sent["id"]
        await fraser.leave()
        await fiona.wait_for(lambda f: f["type"] == "presence" and len(f["members"]) == 1)
        await fiona.leave()

    run_coroutine(asyncio.wait_for(conversation(), CONVERSATION_LIMIT))


# --- access ends in every process ---------------------------------------------------------------------------
def sign_out(server, cookie):
    """Sign out through `server`'s sign-out page, as the browser holding the session `cookie` would."""
    browser = requests.Session()
    browser.trust_env = False  # straight to the loopback server, whatever proxy the environment names
    name, _, value = cookie.partition("=")
    browser.cookies.set(name, value)
    page = browser.get(f"{server.url}/accounts/logout/", timeout=WAIT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        f"{server.url}/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Origin": server.url},
        allow_redirects=False,
        timeout=WAIT,
    )
    assert response.status_code == 302, response.text[:500]


def test_with_redis_signing_out_on_one_process_closes_the_room_on_another_within_a_second(start_server, room):
    redis_url = service_url("redis")
    first, second = start_server(REDIS_URL=redis_url), start_server(REDIS_URL=redis_url)

    async def conversation():
        fiona, fraser = Member(room, "fiona"), Member(room, "fraser")
        await fiona.join(second)
        await fraser.join(first)
        await fiona.wait_for(lambda f: f["type"] == "presence" and len(f["members"]) == 2)
        since = len(fiona.frames)
        await asyncio.to_thread(sign_out, second, fraser.cookie)
        await asyncio.wait_for(fraser.reader, 1)  # each process rechecks only once a minute on its own
        assert fraser.socket.close_code == 4401
        await fiona.wait_for(lambda f: f["type"] == "presence" and len(f["members"]) == 1, since=since)
        await fiona.leave()

    run_coroutine(asyncio.wait_for(conversation(), CONVERSATION_LIMIT))


# --- a server process killed mid-conversation ------------------------------------------------------------
@pytest.mark.parametrize("layer", ["embedded", "redis"])
def test_a_server_killed_mid_conversation_loses_nothing_and_doubles_nothing(start_server, room, layer):
    """Embedded: both members were on the killed process. Redis: Fraser is on a second process throughout."""
    env = {"REDIS_URL": service_url("redis")} if layer == "redis" else {}
    doomed = start_server(**env)
    other = start_server(**env) if layer == "redis" else None

    async def conversation():
        fiona, fraser = Member(room, "fiona"), Member(room, "fraser")
        await fiona.join(doomed)
        await fraser.join(other or doomed)
        await fiona.say("fi-1")
        await fraser.hears("fi-1")
        await fiona.send("fi-pending")  # perhaps stored, perhaps not: the process dies now
        doomed.process.send_signal(signal.SIGKILL)
        doomed.process.wait(timeout=WAIT)
        await asyncio.wait_for(fiona.reader, WAIT)  # her socket died with the process
        if other is None:
            await asyncio.wait_for(fraser.reader, WAIT)
        restarted = start_server(**env)
        if other is None:
            await fraser.join(restarted, after=fraser.last_id())
        for n in range(3):
            await fraser.say(f"fr-{n}")
        # Fiona comes back and asks for what she missed after the last message she saw.
        last_seen = fiona.last_id()
        frames = await fiona.join(restarted, after=last_seen)
        missed = next(frame for frame in frames if frame["type"] == "history")["messages"]
        assert [m["client_id"] for m in missed if m["client_id"] != "fi-pending"] == ["fr-0", "fr-1", "fr-2"]
        assert all(m["id"] > last_seen for m in missed)
        stored_before_death = [m for m in missed if m["client_id"] == "fi-pending"]
        # Her client still holds the pending message, and sends it again with the same client_id.
        resent = await fiona.say("fi-pending")
        if stored_before_death:
            assert resent == stored_before_death[0], "the original comes back; nothing is doubled"
        # Fraser has it once: live, or in the history of his rejoining when it was stored before the
        # process died and he came back after that (a resend then brings back the original, unannounced).
        deadline = time.monotonic() + WAIT
        while "fi-pending" not in [m["client_id"] for m in fraser.messages()] and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert [m["client_id"] for m in fraser.messages()].count("fi-pending") == 1
        await fraser.say("fr-after")
        await fiona.hears("fr-after")
        expected = ["fi-1", "fi-pending", "fr-0", "fr-1", "fr-2", "fr-after"]
        assert_each_once(await transcript(restarted, room), expected)
        assert_each_once(fiona.messages(), expected, resent=["fi-pending"])
        assert_each_once(fraser.messages(), expected)
        for member in (fiona, fraser):
            await member.leave()

    run_coroutine(asyncio.wait_for(conversation(), CONVERSATION_LIMIT))


# --- Redis killed and restarted mid-conversation ------------------------------------------------------------
class RedisServer:
    """A private redis-server on a free loopback port, with nothing saved to disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, timeout=5
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=WAIT)


@pytest.fixture
def private_redis():
    service_url("redis")  # the Redis-backed profile is what this tests: skip or fail as the other Redis tests do
    redis = RedisServer()
    redis.start()
    yield redis
    redis.kill()


def test_redis_restarted_mid_conversation_loses_nothing_and_doubles_nothing(start_server, room, private_redis):
    first = start_server(REDIS_URL=private_redis.url)
    second = start_server(REDIS_URL=private_redis.url)

    async def conversation():
        fiona, fraser = Member(room, "fiona"), Member(room, "fraser")
        await fiona.join(first)
        await fraser.join(second)
        await fiona.say("before")
        await fraser.hears("before")

        private_redis.kill()
        # The database is the truth: while Redis is down, messages are still acknowledged and stored,
        # and each process reads what the other stored.
        during = [await fiona.say("down-1"), await fiona.say("down-2"), await fraser.say("down-3")]
        assert all(isinstance(message["id"], int) for message in during)
        await fraser.hears("down-1")
        await fraser.hears("down-2")
        await fiona.hears("down-3")

        private_redis.start()
        await asyncio.sleep(RejoinAllowance.SECONDS)
        after = await fraser.say("after")
        await fiona.hears("after")

        # Each client reconnects (as the room page does after any hiccup) and catches up: nothing new,
        # because nothing was missed; then the conversation carries on through the restarted Redis.
        for member, server in ((fiona, first), (fraser, second)):
            last_seen = member.last_id()
            assert last_seen == after["id"]
            await member.leave()
            frames = await member.join(server, after=last_seen)
            assert next(frame for frame in frames if frame["type"] == "history")["messages"] == []
        await fiona.say("later")
        await fraser.hears("later")

        expected = ["before", "down-1", "down-2", "down-3", "after", "later"]
        assert_each_once(await transcript(first, room), expected)
        for member in (fiona, fraser):
            assert_each_once(member.messages(), expected)
            await member.leave()

    run_coroutine(asyncio.wait_for(conversation(), CONVERSATION_LIMIT))


def test_a_client_that_was_away_while_redis_restarted_catches_up(start_server, room, private_redis):
    first = start_server(REDIS_URL=private_redis.url)
    second = start_server(REDIS_URL=private_redis.url)

    async def conversation():
        fiona, fraser = Member(room, "fiona"), Member(room, "fraser")
        await fiona.join(first)
        await fraser.join(second)
        await fiona.say("before")
        last_seen = (await fraser.hears("before"))["id"]
        await fraser.leave()
        private_redis.kill()
        await fiona.say("down-1")
        frames = await fraser.join(second, after=last_seen)  # joins while Redis is down
        assert [m["client_id"] for m in next(f for f in frames if f["type"] == "history")["messages"]] == ["down-1"]
        await fiona.say("down-2")
        await fraser.hears("down-2")
        private_redis.start()
        await asyncio.sleep(RejoinAllowance.SECONDS)
        await fiona.say("after")
        await fraser.hears("after")
        expected = ["before", "down-1", "down-2", "after"]
        for member in (fiona, fraser):
            assert_each_once(member.messages(), expected)
            await member.leave()

    run_coroutine(asyncio.wait_for(conversation(), CONVERSATION_LIMIT))


class RejoinAllowance:
    """A connection rejoins the room's group on its next housekeeping tick (every 2 s while the layer is down)."""

    SECONDS = 3
