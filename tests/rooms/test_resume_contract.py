"""Exact resume of a live room, proved as a contract by clients that know only the protocol.

The clients here import nothing from the project: `RoomClient` is written from docs/protocols.md alone
(`/ws/rooms/<slug>/`, session cookie, `?after=`, `history` and `message` frames, `client_id`) and
the `reload` frame: when `?after=` is more than 500 messages behind the server sends `reload` and
closes normally, and the client connects again without `?after=`. The resume rule it follows is
the one every client may rely on: reconnect with `?after=` the highest message id seen, then keep
only messages with a higher id. A sender keeps what it sent until it hears it back (the stored
message, with its id) and sends it again, with the same `client_id`, after reconnecting.

Each scenario has ten members talking in one room, more than 100 messages in all, through real
server processes (tests/conftest.py), while connections drop, Redis dies or a process is killed.
At the end every client is counted against what the room stored:

- lost: a stored message the client never kept;
- doubled: a message the client kept twice;
- out of order: a message never seen before that arrived below the client's watermark (it would
  have to drop it: lost, unless it came again);
- repeats: a message seen before, arriving again below the watermark and dropped (a resend is
  answered with the original: those are counted apart, as echoes, and are allowed).

What the room stored is what a newcomer is sent with `?after=0`, checked against the senders'
acknowledgements: every message sent was acknowledged, each `client_id` is stored once, with the
id its sender heard.
"""

import asyncio
import json
import os
import random
import signal
import time
import uuid
from dataclasses import dataclass, field

import pytest
import websockets

from tests.conftest import run_coroutine, run_in_site
from tests.rooms.test_room_processes import private_redis  # noqa: F401 (a fixture)
from tests.services import service_url

MEMBERS = 10
WAIT = 20
SCENARIO_LIMIT = 150  # seconds: a hung scenario fails with a traceback instead of stalling the run
# The room lets a member send 5 messages in a 5-second window (rooms/messages.py): each member
# sends one every 1.25 s, 4 a window, so that a resend after a reconnect still fits.
SEND_INTERVAL = 1.25
IN_FLIGHT = 2  # messages a member may have sent and not yet heard back
RETRY_SECONDS = 1.0  # after an `error` for one of its messages (rate_limited), a client sends it again
SETTLE_SECONDS = 25  # a gap the channel layer leaves is read from the database at the latest on a tick
REPLAY_LIMIT = 500  # `?after=` further behind than this gets `reload`
# A connection's first housekeeping tick comes at a random point of its first 10 s, then every
# 10 s (rooms/consumers.py: `tick_seconds`, which no setting or variable shortens): 21 s after
# connecting, each connection has ticked at least once.
TICK_SECONDS = 10
AFTER_FIRST_TICK = 2 * TICK_SECONDS + 1
REFUSALS = {4401, 4403, 4404}

MAKE_ROOMS = """
import json
from django.conf import settings
from django.test import Client
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of

rooms = {{}}
for slug in {slugs!r}:
    community = CommunityFactory(slug=slug, name="Resume " + slug)
    RoomFactory(slug=slug, community=community, title="Room " + slug)
    cookies = {{}}
    for n in range({members}):
        user = MemberFactory(username=f"m{{n}}-{{slug}}", password=None)  # force_login needs no password hashed
        member_of(community, user)
        client = Client()
        client.force_login(user)
        cookies[f"m{{n}}"] = settings.SESSION_COOKIE_NAME + "=" + client.cookies[settings.SESSION_COOKIE_NAME].value
    rooms[slug] = cookies
print(json.dumps(rooms))
"""


@pytest.fixture(scope="module")
def room_pool(site_database):
    """Rooms of MEMBERS signed-in members each, made in one `manage.py shell` for the whole module."""
    slugs = [f"resume-{uuid.uuid4().hex[:10]}" for _ in range(8)]
    printed = run_in_site(MAKE_ROOMS.format(slugs=slugs, members=MEMBERS), site_database)
    return list(json.loads(printed).items())


@pytest.fixture
def room(room_pool):
    """(slug, {member name: session cookie}) for a room no other test has used."""
    return room_pool.pop()


# --- the client -----------------------------------------------------------------------------------------
@dataclass
class Arrival:
    id: int
    client_id: str
    how: str  # "history" or "live"
    connection: int
    kept: bool


class RoomClient:
    """One member's room client, from the protocol alone: resumes with `?after=`, keeps ids above its watermark."""

    def __init__(self, name, cookie, slug, server):
        self.name, self.cookie, self.slug, self.server = name, cookie, slug, server
        self.high = 0  # the watermark: the highest message id seen
        self.kept = []  # message ids kept, in the order kept
        self.arrivals = []  # every message that arrived, from history or live
        self.payloads = {}  # id -> the message as first received
        self.bodies = {}  # client_id -> body: everything this member said
        self.pending = {}  # client_id -> body: sent, not yet heard back
        self.unheard = []  # client_ids pending when the last connection ended: sent again on the next
        self.acknowledged = {}  # client_id -> id
        self.resent = {}  # connection -> client_ids sent again on it
        self.histories = {}  # connection -> (after, history frame)
        self.errors = []
        self.closes = []  # (connection, close code)
        self.reloads = 0
        self.connection = 0
        self.socket = None
        self.live = False  # connected, and its history received
        self.pause = 0.0  # before the next reconnect (a drop chooses it)
        self.running = False
        self.runner = None

    # connecting
    async def start(self):
        self.running = True
        self.runner = asyncio.create_task(self._run())
        await self.until_live()

    async def until_live(self, connection=None, timeout=WAIT):
        """Wait until connected (past `connection`, when given) with its history received."""
        deadline = time.monotonic() + timeout
        while not (self.live and (connection is None or self.connection > connection)):
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name} is not connected after {timeout}s; closes {self.closes}")
            if self.runner.done():
                self.runner.result()
                raise AssertionError(f"{self.name} stopped connecting; closes {self.closes}")
            await asyncio.sleep(0.02)

    async def _run(self):
        after, backoff = None, 0.1
        while self.running:
            try:
                socket = await websockets.connect(
                    f"{self.server.ws_url}/ws/rooms/{self.slug}/" + ("" if after is None else f"?after={after}"),
                    origin=f"http://127.0.0.1:{self.server.port}",
                    additional_headers={"Cookie": self.cookie},
                    max_size=None,
                    proxy=None,
                    open_timeout=5,
                )
            except (OSError, TimeoutError, websockets.InvalidHandshake):  # the server is away: try again
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 1.0)
                continue
            backoff = 0.1
            self.connection += 1
            self.socket = socket
            reload = await self._read(socket, after)
            self.socket, self.live, self.unheard = None, False, list(self.pending)
            self.closes.append((self.connection, socket.close_code))
            if socket.close_code in REFUSALS:
                raise AssertionError(f"{self.name} was refused with {socket.close_code}")
            pause, self.pause = self.pause, 0.0
            await asyncio.sleep(pause)
            if reload:
                self.reloads += 1
                after = None
            else:
                after = self.high  # 0 when nothing was said yet: everything, not just the latest page

    async def _read(self, socket, after):
        """Handle frames until the socket closes; True when the server said `reload`."""
        reload = False
        try:
            async for text in socket:
                frame = json.loads(text)
                kind = frame.get("type")
                if kind == "history":
                    self.histories[self.connection] = (after, frame)
                    for message in frame["messages"]:
                        self._receive(message, "history")
                    self.live = True
                    await self._resend()
                elif kind == "message":
                    self._receive(frame["message"], "live")
                elif kind == "reload":
                    reload = True
                elif kind == "error":
                    self._refused(frame)
        except websockets.ConnectionClosed:
            pass
        return reload

    def _receive(self, message, how):
        """The resume rule: keep a message only when its id is above the watermark."""
        message_id, client_id = message["id"], message["client_id"]
        kept = message_id > self.high
        if kept:
            self.kept.append(message_id)
            self.high = message_id
        self.arrivals.append(Arrival(message_id, client_id, how, self.connection, kept))
        self.payloads.setdefault(message_id, message)
        if client_id in self.pending:
            del self.pending[client_id]
            self.acknowledged[client_id] = message_id

    # sending
    async def say(self, client_id):
        """Send a message; the sender holds it until it hears it back, and sends it again after reconnecting."""
        while len(self.pending) >= IN_FLIGHT:
            await asyncio.sleep(0.02)
        self.pending[client_id] = self.bodies[client_id] = f"Message {client_id}"
        await self._transmit(client_id)

    async def _transmit(self, client_id, again=False):
        if not self.live or (client_id not in self.pending and not again):  # sent again once reconnected, or heard
            return
        body = self.bodies[client_id]
        try:
            await self.socket.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
        except websockets.ConnectionClosed:
            pass

    async def _resend(self):
        """Send again what was unheard when the connection ended, and what was said since.

        The history may already hold some of it (stored just before the connection went): sent again
        anyway, as a client that sends before reading the history would; the server answers with the
        original, below the watermark, and the client drops it.
        """
        unheard = list(dict.fromkeys([*self.unheard, *self.pending]))
        self.resent[self.connection] = set(unheard)
        for client_id in unheard:
            await self._transmit(client_id, again=True)

    def _refused(self, frame):
        self.errors.append((frame.get("code"), frame.get("client_id")))
        if frame.get("client_id") in self.pending:
            asyncio.get_running_loop().call_later(
                RETRY_SECONDS, lambda: asyncio.ensure_future(self._transmit(frame["client_id"]))
            )

    # leaving
    async def drop(self, abrupt, pause=0.0):
        """Lose the connection (the network went, or the page closed the socket); reconnect after `pause`."""
        socket = self.socket
        if socket is None:
            return
        self.pause = pause
        if abrupt:
            socket.transport.abort()
        else:
            await socket.close()

    async def stop(self):
        self.running = False
        if self.socket is not None:
            await self.socket.close()
        self.runner.cancel()
        await asyncio.gather(self.runner, return_exceptions=True)

    # counting
    def count(self, stored_ids):
        kept_ids = set(self.kept)
        lower = [a for a in self.arrivals if not a.kept]
        echoes = [a for a in lower if a.client_id in self.resent.get(a.connection, ())]
        return Count(
            member=self.name,
            connections=self.connection,
            kept=len(self.kept),
            lost=sorted(set(stored_ids) - kept_ids),
            doubled=sorted({i for i in self.kept if self.kept.count(i) > 1}),
            out_of_order=[a for a in lower if _first_arrival(self.arrivals, a)],
            repeats=[a for a in lower if a not in echoes and not _first_arrival(self.arrivals, a)],
            echoes=len(echoes),
            resent=sum(len(ids) for ids in self.resent.values()),
            errors=self.errors,
            reloads=self.reloads,
            closes=self.closes,
        )


def _first_arrival(arrivals, arrival):
    return next(a for a in arrivals if a.id == arrival.id) is arrival


@dataclass
class Count:
    member: str
    connections: int
    kept: int
    lost: list
    doubled: list
    out_of_order: list
    repeats: list
    echoes: int
    resent: int
    errors: list = field(default_factory=list)
    reloads: int = 0
    closes: list = field(default_factory=list)  # (connection, close code)

    def line(self):
        return (
            f"{self.member:>4}: connections {self.connections:2}  kept {self.kept:3}  lost {len(self.lost)}"
            f"  doubled {len(self.doubled)}  out of order {len(self.out_of_order)}  repeats {len(self.repeats)}"
            f"  resent {self.resent} (echoes {self.echoes})  errors {len(self.errors)}  reloads {self.reloads}"
        )


async def stored_messages(server, slug, cookie):
    """What the room holds, as a newcomer asking for everything after id 0 is sent it."""
    async with websockets.connect(
        f"{server.ws_url}/ws/rooms/{slug}/?after=0",
        origin=f"http://127.0.0.1:{server.port}",
        additional_headers={"Cookie": cookie},
        max_size=None,
        proxy=None,
        open_timeout=WAIT,
    ) as socket:
        while True:
            frame = json.loads(await asyncio.wait_for(socket.recv(), WAIT))
            assert frame["type"] != "reload", "the scenarios stay under the replay limit"
            if frame["type"] == "history":
                assert not frame["has_more"]
                return frame["messages"]


# --- a conversation -------------------------------------------------------------------------------------
class Conversation:
    """MEMBERS clients in one room, spread over `servers`; they talk, and are counted at the end."""

    def __init__(self, room, servers, scenario):
        self.slug, cookies = room
        self.scenario = scenario
        self.rng = seeded(scenario)
        self.clients = [
            RoomClient(name, cookie, self.slug, servers[n % len(servers)])
            for n, (name, cookie) in enumerate(sorted(cookies.items(), key=lambda item: int(item[0][1:])))
        ]
        self.said = 0  # messages each member has sent so far
        self.client_ids = []

    async def join(self):
        await asyncio.gather(*(client.start() for client in self.clients))

    async def talk(self, each):
        """Every member sends `each` more messages, one every SEND_INTERVAL, starting at staggered moments."""
        first, self.said = self.said, self.said + each

        async def member(client, delay):
            await asyncio.sleep(delay)
            for n in range(first, self.said):
                client_id = f"{client.name}-{n:02d}"
                self.client_ids.append(client_id)
                await client.say(client_id)
                await asyncio.sleep(SEND_INTERVAL)

        await asyncio.gather(*(member(c, self.rng.uniform(0, SEND_INTERVAL)) for c in self.clients))

    def acknowledged(self):
        return sum(len(client.acknowledged) for client in self.clients)

    async def heard_back(self, timeout=SETTLE_SECONDS):
        """Every message sent has been heard back by its sender."""
        deadline = time.monotonic() + timeout
        while any(client.pending for client in self.clients):
            if time.monotonic() > deadline:
                unheard = {c.name: list(c.pending) for c in self.clients if c.pending}
                raise AssertionError(f"never heard back after {timeout}s: {unheard}")
            await asyncio.sleep(0.05)

    async def settle(self, timeout=SETTLE_SECONDS):
        """All heard back; then every client has reached the last acknowledged id (or the timeout passed)."""
        await self.heard_back(timeout)
        last = max((i for c in self.clients for i in c.acknowledged.values()), default=0)
        deadline = time.monotonic() + timeout
        while any(client.high < last for client in self.clients) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def count(self, server):
        """Settle, stop every client, and count each against what the room stored."""
        await self.settle()
        for client in self.clients:
            await client.stop()
        stored = await stored_messages(server, self.slug, self.clients[0].cookie)
        stored_ids = [m["id"] for m in stored]
        acknowledged = {cid: i for client in self.clients for cid, i in client.acknowledged.items()}
        assert sorted(m["client_id"] for m in stored) == sorted(self.client_ids), "each message stored once"
        assert {m["client_id"]: m["id"] for m in stored} == acknowledged, "stored with the id its sender heard"
        assert len(stored) >= 100
        counts = [client.count(stored_ids) for client in self.clients]
        print(f"\n{self.scenario}: {len(stored)} messages stored, ids {stored_ids[0]}..{stored_ids[-1]}")
        for count in counts:
            print(count.line())
        for client in self.clients:  # an id is one message, however often and from wherever it came
            for arrival in client.arrivals:
                assert arrival.client_id == client.payloads[arrival.id]["client_id"], f"{client.name}: {arrival}"
        return counts


def assert_exact(counts, no_repeats=False):
    """Nothing lost, nothing kept twice, nothing new below a watermark; and (when asked) nothing sent again."""
    failures = [
        c
        for c in counts
        if c.lost or c.doubled or c.out_of_order or c.reloads or (no_repeats and c.repeats) or _unanswered(c)
    ]
    assert not failures, "\n" + "\n".join(f"{c.line()}\n      {_details(c)}" for c in failures)


def _unanswered(count):
    """Errors other than the rate limit (which the client waits out and sends again)."""
    return [error for error in count.errors if error[0] != "rate_limited"]


def _details(count):
    def arrivals(items):
        return [(a.id, a.how, f"connection {a.connection}") for a in items]

    return (
        f"lost ids {count.lost}; doubled {count.doubled}; out of order {arrivals(count.out_of_order)}; "
        f"repeats {arrivals(count.repeats)}; errors {count.errors}; closes {count.closes}"
    )


def run(scenario):
    run_coroutine(asyncio.wait_for(scenario(), SCENARIO_LIMIT))


def seeded(name):
    """A random source for a scenario, its seed printed (RESUME_SEED repeats a run)."""
    seed = int(os.environ.get("RESUME_SEED") or time.time_ns() % 10**6)
    print(f"\n{name}: RESUME_SEED={seed}")
    return random.Random(seed)


async def started(start_server, **env):
    """A server process started without stalling the clients already talking."""
    return await asyncio.to_thread(start_server, **env)


async def kill(process):
    process.send_signal(signal.SIGKILL)
    await asyncio.to_thread(process.wait, WAIT)


# --- 1. a reconnect with nothing new ----------------------------------------------------------------------
def test_a_member_who_reconnects_while_the_room_is_quiet_is_sent_nothing_again(start_server, room):
    server = start_server()

    async def scenario():
        conversation = Conversation(room, [server], "quiet reconnect")
        await conversation.join()
        await conversation.talk(5)
        await conversation.settle()

        quiet = conversation.clients[:3]
        for client in quiet:
            connection, last_seen = client.connection, client.high
            await client.drop(abrupt=client is quiet[0])
            await client.until_live(connection)
            after, history = client.histories[client.connection]
            assert after == last_seen
            assert history["messages"] == [], "nothing was said: nothing to replay"
        reconnected = time.monotonic()
        await asyncio.sleep(12)  # quiet for a while: nothing comes again as a live frame

        await conversation.talk(6)
        # Counted only once each reconnected connection has had its first tick (at 10 to 20 s).
        await asyncio.sleep(max(0.0, reconnected + AFTER_FIRST_TICK - time.monotonic()))
        counts = await conversation.count(server)
        assert_exact(counts, no_repeats=True)
        for client in quiet:
            assert client.connection == 2

    run(scenario)


# --- 2. reconnects while others keep talking --------------------------------------------------------------
@pytest.mark.parametrize("layer", ["embedded", "redis"])
def test_members_who_keep_dropping_during_a_burst_resume_exactly(start_server, room, layer):
    """Embedded: one process. Redis: two processes on the shared Redis, members split across them."""
    if layer == "redis":
        redis_url = service_url("redis")
        servers = [start_server(REDIS_URL=redis_url), start_server(REDIS_URL=redis_url)]
    else:
        servers = [start_server()]

    async def scenario():
        conversation = Conversation(room, servers, f"drops during a burst ({layer})")
        rng = conversation.rng
        await conversation.join()
        talking = asyncio.create_task(conversation.talk(11))
        drops = 0
        while not talking.done():
            await asyncio.sleep(rng.uniform(0.1, 0.6))
            connected = [c for c in conversation.clients if c.live]
            if connected:
                await rng.choice(connected).drop(abrupt=rng.random() < 0.5, pause=rng.uniform(0, 0.5))
                drops += 1
        await talking
        counts = await conversation.count(servers[0])
        assert drops >= 10
        assert sum(c.connections - 1 for c in counts) >= 10
        assert_exact(counts)

    run(scenario)


# --- 3. Redis stopped and restarted -----------------------------------------------------------------------
def test_members_on_two_processes_resume_exactly_across_a_redis_restart(
    start_server,
    room,
    private_redis,  # noqa: F811
):
    servers = [start_server(REDIS_URL=private_redis.url), start_server(REDIS_URL=private_redis.url)]

    async def scenario():
        conversation = Conversation(room, servers, "redis restarted")
        await conversation.join()
        talking = asyncio.create_task(conversation.talk(11))
        await asyncio.sleep(4)
        private_redis.kill()
        heard_before = conversation.acknowledged()
        await asyncio.sleep(2)
        await conversation.clients[0].drop(abrupt=True, pause=0.2)  # and someone's network hiccups meanwhile
        await asyncio.sleep(3)
        heard_while_down = conversation.acknowledged() - heard_before
        await asyncio.to_thread(private_redis.start)
        await talking
        counts = await conversation.count(servers[1])
        assert heard_while_down >= 10, "the room kept talking while Redis was down"
        assert conversation.clients[0].connection == 2
        assert_exact(counts)

    run(scenario)


# --- 4. a server process killed with -9 -------------------------------------------------------------------
@pytest.mark.parametrize("layer", ["embedded", "redis"])
def test_members_resume_exactly_after_their_server_is_killed(start_server, room, layer):
    """Embedded: everyone is on the one process killed. Redis: half are on a second process throughout."""
    env = {"REDIS_URL": service_url("redis")} if layer == "redis" else {}
    doomed = start_server(**env)
    servers = [doomed, start_server(**env)] if layer == "redis" else [doomed]

    async def scenario():
        conversation = Conversation(room, servers, f"server killed ({layer})")
        await conversation.join()
        talking = asyncio.create_task(conversation.talk(11))
        await asyncio.sleep(4.5)
        await kill(doomed.process)
        restarted = await started(start_server, **env)
        orphans = [c for c in conversation.clients if c.server is doomed]
        for client in orphans:  # the address they reconnect to now leads to the new process
            client.server = restarted
        await talking
        counts = await conversation.count(restarted)
        assert all(c.connection >= 2 for c in orphans)
        assert sum(c.resent for c in counts) > 0, "some were said as the process died, and said again"
        assert_exact(counts)

    run(scenario)
