"""Live rooms benchmark: N WebSocket clients over M rooms, the room consumer beside a minimal broadcast.

    .venv/bin/python bench/rooms.py [--clients 200] [--rooms 10] [--seconds 10] [--rate 1] [--rounds 1]
                                    [--layer memory|redis|both] [--redis-url URL] [--redis-database-url URL]
                                    [--workdir DIR] [--nice N]
    .venv/bin/python bench/rooms.py --clients 1000 --rooms 20        # the issue's scale
    createdb cop_bench_rooms; DB_CONN_MAX_AGE=600 .venv/bin/python bench/rooms.py --clients 1000 --rooms 20 \
        --redis-database-url postgresql://cop:cop@127.0.0.1:5432/cop_bench_rooms --nice -5

1. Builds the same temporary production-settings site as bench/pages.py (SQLite, DEBUG off,
   `COP_BENCH=1`), then adds one open community with M open rooms (`bench-room-<n>`, no floor
   control) and N members (`bench-member-<n>`, levels in turn), each with a signed-in session.
2. Serves it with uvicorn as `make run` does, for each channel layer: the in-memory layer in one
   process (the embedded profile: SQLite), and Redis (`--redis-url`, by default database 13 of the
   local Redis so nothing else's keys are touched) in two processes with the clients split between
   them, so every room spans both; with `--redis-database-url` those two use PostgreSQL, as the
   at-scale profile does (the bench migrates that database and adds its rooms and members).
   `DB_CONN_MAX_AGE` and the rest of the environment pass through to the servers. The room
   consumer (`/ws/rooms/<slug>/`: access check, validation, rate limit, Markdown,
   the message stored before it is broadcast) and the minimal consumer (`/ws/bench/broadcast/<room>/`
   in cop_site/consumers.py: a group relay, no persistence, no checks) get server processes of their
   own, started the same way in the same run, so each one's memory is its own.
3. For each layer and consumer, interleaved over `--rounds`: connects the N clients (client n joins
   room n mod M), then measures two loads of `--seconds` each:
   - chat: every room gets `--rate` messages a second from its members in turn (open loop), the
     load a busy facilitated room sees; the latency aim (p99 <= 100 ms at 1,000 clients) is here;
   - saturation: every member sends as fast as the room's rate limit allows (5 in 5 s: one message
     each 1.05 s) and waits for its own message to come back before the next (closed loop), so the
     server sets the pace; the throughput aim (the room consumer >= 0.8 of the minimal one) is here.
   Each message carries its send time (a monotonic clock) in its client_id; every client that
   receives it records send-to-receive latency. A message should reach everyone in its room,
   sender included: after the load stops the bench waits until everything arrived or nothing more
   arrives for 5 s; what is missing then counts as lost.
4. Prints a Markdown table of medians (delivered messages/s, p50/p99 latency, lost, errors, the
   servers' RSS and CPU time per 1,000 deliveries and per arrival, the client's CPU share) and the two ratios, and
   writes every raw figure to `bench/results/rooms-<time>.json` (git-ignored).

The client is one Python process (`websockets` on uvloop) on the same machine as the servers: at
saturation it competes with them for the cores, so read its CPU share beside the figures; both
consumers face the same client.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from pages import (
    PYTHON,
    ROOT,
    Server,
    add_priority_argument,
    apply_priority,
    build_site,
    cpu_seconds,
    environment_facts,
    interleaved,
    manage,
    server_environment,
    write_results,
)

COMMUNITY = "bench-rooms"
ROOM_PREFIX = "bench-room-"
MEMBER_PREFIX = "bench-member-"
LEVELS = ["frontline", "manager", "strategic", "researcher", "community_member"]
SATURATION_GAP = 1.05  # seconds between one member's messages: the room allows 5 in 5 s
GRACE_SECONDS = 5  # nothing arrived for this long after the load stopped: the rest is lost
DRAIN_LIMIT = 120
PING_EVERY = 20
CONSUMERS = {"rooms": "/ws/rooms/{slug}/", "minimal": "/ws/bench/broadcast/{slug}/"}
ARRIVAL_FRAMES = {"rooms": "floor", "minimal": None}  # the frame that ends an arrival (see Bench)
AIMS = {"throughput_ratio": 0.8, "p99_ms": 100}
PROCESSES = {"memory": 1, "redis": 2}
SETTLE_QUIET = 2.0  # seconds without frames (pongs aside) before a load starts: the joins are done


# --- the site: rooms, members and their sessions ---------------------------------------------------------
def prepare(clients, rooms, out):
    """Runs inside Django (a subprocess with the servers' settings): rooms, members, sessions -> JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from accounts.models import Profile
    from forums.models import Community
    from rooms.models import HandRaise, Room, RoomPresence

    user_model = get_user_model()
    with transaction.atomic():
        community, _ = Community.objects.get_or_create(
            slug=COMMUNITY, defaults={"name": "Benchmark rooms", "summary": "Rooms for bench/rooms.py."}
        )
        slugs = [f"{ROOM_PREFIX}{n}" for n in range(rooms)]
        for slug in slugs:
            Room.objects.update_or_create(
                slug=slug,
                defaults={
                    "community": community,
                    "title": slug,
                    "purpose": "Benchmark",
                    "ground_rules": "Be quick.",
                    "state": Room.State.OPEN,
                    "floor_control": False,
                    "floor_user": None,
                    "round_queue": [],
                },
            )
        RoomPresence.objects.filter(room__slug__in=slugs).delete()
        HandRaise.objects.filter(room__slug__in=slugs).delete()
        names = [f"{MEMBER_PREFIX}{n}" for n in range(clients)]
        existing = set(user_model.objects.filter(username__in=names).values_list("username", flat=True))
        for name in names:
            if name not in existing:
                user = user_model(username=name, email=f"{name}@example.org")
                user.set_unusable_password()
                user.save()
        users = {u.username: u for u in user_model.objects.filter(username__in=names)}
        for n, name in enumerate(names):
            profile = Profile.objects.for_user(users[name])
            profile.level = LEVELS[n % len(LEVELS)]
            profile.save(update_fields=["level"])
        sessions = []
        for name in names:
            store = SessionStore()
            store[SESSION_KEY] = str(users[name].pk)
            store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            store[HASH_SESSION_KEY] = users[name].get_session_auth_hash()
            store.create()
            sessions.append(store.session_key)
    Path(out).write_text(json.dumps({"rooms": slugs, "sessions": sessions, "cookie": settings.SESSION_COOKIE_NAME}))


def prepare_site(env, workdir, clients, rooms):
    out = workdir / "bench-rooms.json"
    subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--prepare", str(clients), str(rooms), str(out)], cwd=ROOT, env=env, check=True
    )
    return json.loads(out.read_text())


# --- server processes -------------------------------------------------------------------------------------
def rss_mb(pid):
    """Resident and peak resident memory of a process, in MB (Linux /proc)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Vm")
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def redis_reachable(url):
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def servers_for(layer_envs, workdir):
    """(layer, consumer) -> list of Server: one process (in-memory) or two (Redis) per consumer."""
    started = {}
    try:
        for layer, layer_env in layer_envs.items():
            for consumer in CONSUMERS:
                started[(layer, consumer)] = [
                    Server("uvicorn", layer_env, workdir, f"rooms-{layer}-{consumer}-{n}")
                    for n in range(PROCESSES[layer])
                ]
        yield started
    finally:
        for group in started.values():
            for server in group:
                server.stop()


def layer_environments(layers, env, workdir, args):
    """Each layer's server environment, and the site (rooms, members, sessions) its database holds.

    The in-memory layer runs the embedded profile on the SQLite site. Redis runs two processes, so it
    wants the at-scale profile's database: `--redis-database-url` (PostgreSQL), migrated and filled
    here; without it both processes share the SQLite file, whose single writer becomes the limit.
    """
    found = {}
    for layer in layers:
        layer_env = dict(env)
        site_dir = workdir
        if layer == "redis":
            layer_env.update(REDIS_URL=args.redis_url, CACHE_KEY_PREFIX=f"cop-bench-{secrets.token_hex(4)}")
            if args.redis_database_url:
                layer_env["DATABASE_URL"] = args.redis_database_url
                site_dir = workdir / "redis-profile"
                site_dir.mkdir(exist_ok=True)
                print(f"Migrating {args.redis_database_url} for the Redis profile ...", flush=True)
                manage(layer_env, "migrate", "--noinput", "-v", "0")
        found[layer] = (layer_env, prepare_site(layer_env, site_dir, args.clients, args.rooms))
    return found


# --- the clients ---------------------------------------------------------------------------------------------
class Totals:
    """What one load phase sent and what arrived."""

    def __init__(self, phase):
        self.phase = phase
        self.sent = 0
        self.expected = 0
        self.received = 0
        self.latencies = []
        self.errors = {}
        self.started = self.stopped = 0.0


class Client:
    def __init__(self, index, room, url, origin, cookie):
        self.index, self.room = index, room
        self.url, self.origin, self.cookie = url, origin, cookie
        self.socket = None
        self.echo = None  # a future resolved when this client's own message comes back
        self.reader = None

    async def connect(self, bench):
        from websockets.asyncio.client import connect

        self.socket = await connect(
            self.url,
            origin=self.origin,
            additional_headers={"Cookie": self.cookie},
            compression=None,
            max_size=2**22,
            open_timeout=120,
            ping_interval=None,
        )
        self.reader = asyncio.create_task(self.read(bench))
        if not bench.arrival_frame:  # the minimal consumer sends nothing on arriving: open is arrived
            bench.arrived(self)

    async def read(self, bench):
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.socket:
                bench.frame(self, raw)
        except ConnectionClosed as exc:
            bench.dropped(self, exc)
        else:
            if not bench.closing:
                bench.dropped(self, self.socket.close_reason or "closed")

    async def send(self, phase, seq):
        from websockets.exceptions import ConnectionClosed

        sent_at = time.monotonic()
        client_id = f"{phase[0]}:{self.index}:{seq}:{sent_at:.6f}"
        body = f"Bench message {seq} from {self.index}"
        try:
            await self.socket.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
        except ConnectionClosed:
            return False
        return True

    async def close(self):
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.close()
        if self.reader is not None:
            self.reader.cancel()


class Bench:
    """N clients of one consumer, over M rooms, on one or two server processes."""

    def __init__(self, consumer, servers, site):
        self.clients = []
        self.rooms = {}
        sessions, slugs = site["sessions"], site["rooms"]
        for index, key in enumerate(sessions):
            slug = slugs[index % len(slugs)]
            server = servers[index % len(servers)]
            path = CONSUMERS[consumer].format(slug=slug)
            client = Client(index, slug, f"ws://127.0.0.1:{server.port}{path}", f"http://127.0.0.1:{server.port}",
                            f"{site['cookie']}={key}")  # fmt: skip
            self.clients.append(client)
            self.rooms.setdefault(slug, []).append(client)
        self.totals = None
        self.connected = 0
        # A room connection has arrived when its last arrival frame (`floor`) is in: welcome, history,
        # presence, hands and floor were read and sent. The minimal consumer has arrived once open.
        self.arrival_frame = ARRIVAL_FRAMES[consumer]
        self.arrivals = set()
        self.all_arrived = asyncio.Event()
        self.closing = False
        self.drops = []
        self.last_frame = time.monotonic()

    def dropped(self, client, why):
        """A connection the server (or the network) ended during the run: counted and reported, never hidden."""
        self.drops.append({"client": client.index, "room": client.room, "why": str(why), "at": time.monotonic()})

    def frame(self, client, raw):
        now = time.monotonic()
        try:
            frame = json.loads(raw)
        except ValueError:
            return
        kind = frame.get("type")
        if kind != "pong":
            self.last_frame = now
        if kind == self.arrival_frame:
            self.arrived(client)
        totals = self.totals
        if kind == "message":
            client_id = (frame.get("message") or {}).get("client_id") or ""
            parts = client_id.split(":")
            if totals is None or len(parts) != 4 or parts[0] != totals.phase[0]:
                return
            sender, sent_at = int(parts[1]), float(parts[3])
            totals.received += 1
            if sender == client.index:
                if client.echo is not None and not client.echo.done():
                    client.echo.set_result(True)
            else:
                totals.latencies.append(now - sent_at)
        elif kind == "error" and totals is not None:
            code = frame.get("code", "?")
            totals.errors[code] = totals.errors.get(code, 0) + 1
            if client.echo is not None and not client.echo.done():
                client.echo.set_result(False)

    async def connect(self, concurrency=25):
        gate = asyncio.Semaphore(concurrency)

        async def one(client):
            async with gate:
                await client.connect(self)
                self.connected += 1

        await asyncio.gather(*(one(client) for client in self.clients))
        self.pinger = asyncio.create_task(self.ping())

    def arrived(self, client):
        if client.index not in self.arrivals:
            self.arrivals.add(client.index)
            if len(self.arrivals) == len(self.clients):
                self.all_arrived.set()

    async def settle(self, limit=300):
        give_up = time.monotonic() + limit
        while time.monotonic() - self.last_frame < SETTLE_QUIET and time.monotonic() < give_up:
            await asyncio.sleep(0.25)

    async def ping(self):
        """Each client says it is alive, as the browser does (presence)."""
        while True:
            await asyncio.sleep(PING_EVERY / len(self.clients))
            for client in self.clients:
                with contextlib.suppress(Exception):
                    await client.socket.send('{"type": "ping"}')
                await asyncio.sleep(PING_EVERY / len(self.clients))

    async def chat(self, seconds, rate):
        """Open loop: each room gets `rate` messages a second from its members in turn."""
        totals = self.totals = Totals("chat")
        totals.started = time.monotonic()
        deadline = totals.started + seconds

        async def room_talk(members):
            offset = random.random() / rate  # rooms do not all speak at the same instant
            seq = 0
            while (due := totals.started + offset + seq / rate) < deadline:
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                if await members[seq % len(members)].send("chat", seq):
                    totals.sent += 1
                    totals.expected += len(members)
                seq += 1

        await asyncio.gather(*(room_talk(members) for members in self.rooms.values()))
        totals.stopped = time.monotonic()
        await self.drain(totals)
        return totals

    async def saturate(self, seconds):
        """Closed loop: every member sends as often as the rate limit allows, one message in flight."""
        totals = self.totals = Totals("saturation")
        totals.started = time.monotonic()
        deadline = totals.started + seconds

        async def member(client, room_size):
            await asyncio.sleep(random.random() * SATURATION_GAP)
            seq = 0
            while (started := time.monotonic()) < deadline:
                client.echo = asyncio.get_running_loop().create_future()
                if not await client.send("saturation", seq):
                    return
                totals.sent += 1
                totals.expected += room_size
                seq += 1
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(client.echo, timeout=10)
                await asyncio.sleep(max(0.0, started + SATURATION_GAP - time.monotonic()))

        await asyncio.gather(*(member(c, len(self.rooms[c.room])) for c in self.clients))
        totals.stopped = time.monotonic()
        await self.drain(totals)
        return totals

    async def drain(self, totals):
        """Wait for what is still on its way: until all arrived, or nothing arrived for GRACE_SECONDS."""
        seen, quiet_since, give_up = totals.received, time.monotonic(), time.monotonic() + DRAIN_LIMIT
        while totals.received < totals.expected and time.monotonic() < give_up:
            await asyncio.sleep(0.1)
            if totals.received != seen:
                seen, quiet_since = totals.received, time.monotonic()
            elif time.monotonic() - quiet_since > GRACE_SECONDS:
                break

    async def close(self):
        self.closing = True
        self.pinger.cancel()
        await asyncio.gather(*(client.close() for client in self.clients))


def summary(totals, cpu_before, cpu_after, client_cpu, rss):
    duration = totals.stopped - totals.started
    latencies = sorted(totals.latencies)

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000 if latencies else float("nan")

    deliveries = totals.received
    server_cpu = sum(cpu_after) - sum(cpu_before)
    return {
        "phase": totals.phase,
        "duration_s": duration,
        "sent": totals.sent,
        "sent_per_s": totals.sent / duration,
        "delivered": deliveries,
        "delivered_per_s": deliveries / duration,
        "expected": totals.expected,
        "lost": max(0, totals.expected - deliveries),
        "errors": totals.errors,
        "error_count": sum(totals.errors.values()),
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] * 1000 if latencies else float("nan"),
        "server_cpu_s": server_cpu,
        "server_cpu_ms_per_1k": server_cpu * 1e6 / max(deliveries, 1),
        "client_cpu_share": client_cpu / duration,
        "server_rss_mb": sum(current for current, _ in rss),
        "server_peak_rss_mb": sum(peak for _, peak in rss),
        "loadavg_1m": os.getloadavg()[0],
    }


def client_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def one_run(consumer, servers, site, seconds, rate):
    bench = Bench(consumer, servers, site)
    # The servers' CPU until every client arrived: what arriving costs, which a busy machine's share
    # of the cores for the servers (the wall clock) does not change much.
    arrive_cpu_before = sum(cpu_seconds(server.process.pid) for server in servers)
    started = time.monotonic()
    await bench.connect()
    connect_s = time.monotonic() - started
    await asyncio.wait_for(bench.all_arrived.wait(), 300)
    arrive_s = time.monotonic() - started
    arrive_cpu_s = sum(cpu_seconds(server.process.pid) for server in servers) - arrive_cpu_before
    await bench.settle()  # the joins' presence frames have all arrived
    results = {
        "connect_s": connect_s,
        "arrive_s": arrive_s,
        "arrive_cpu_s": arrive_cpu_s,
        "settle_s": time.monotonic() - started - arrive_s,
    }
    for phase in ("chat", "saturation"):
        pids = [server.process.pid for server in servers]
        cpu_before, client_before = [cpu_seconds(pid) for pid in pids], client_cpu_seconds()
        totals = await (bench.chat(seconds, rate) if phase == "chat" else bench.saturate(seconds))
        cpu_after, client_after = [cpu_seconds(pid) for pid in pids], client_cpu_seconds()
        rss = [rss_mb(pid) for pid in pids]
        results[phase] = summary(totals, cpu_before, cpu_after, client_after - client_before, rss)
        bench.totals = None
        await asyncio.sleep(5)  # a fresh rate-limit window for every member
    await bench.close()
    results["dropped"] = bench.drops
    for phase in ("chat", "saturation"):  # a drop is noticed late: count it against the whole run
        results[phase]["dropped_connections"] = len(bench.drops)
    if bench.drops:
        print(f"  {len(bench.drops)} connection(s) dropped, first: {bench.drops[0]}", flush=True)
    await asyncio.sleep(2)
    return results


def run(consumer, servers, site, seconds, rate):
    with contextlib.suppress(ImportError):
        import uvloop

        return uvloop.run(one_run(consumer, servers, site, seconds, rate))
    return asyncio.run(one_run(consumer, servers, site, seconds, rate))


# --- the table ----------------------------------------------------------------------------------------------------
METRICS = ("sent_per_s", "delivered_per_s", "p50_ms", "p99_ms", "lost", "error_count", "dropped_connections",
           "server_rss_mb", "server_cpu_ms_per_1k", "client_cpu_share", "loadavg_1m")  # fmt: skip


def medians(runs, combinations):
    table = {}
    for layer, consumer in combinations:
        mine = [run for run in runs if run["layer"] == layer and run["consumer"] == consumer]
        for phase in ("chat", "saturation"):
            table[(layer, consumer, phase)] = {
                metric: statistics.median(run[phase][metric] for run in mine) for metric in METRICS
            } | {"delivered_each_round": [round(run[phase]["delivered_per_s"]) for run in mine]}
        table[(layer, consumer, "arriving")] = {
            metric: statistics.median(run[metric] for run in mine)
            for metric in ("connect_s", "arrive_s", "arrive_cpu_s", "settle_s")
        }
    return table


def markdown(table, args, processes):
    lines = [
        f"{args.clients} clients over {args.rooms} rooms; chat load {args.rate} message(s)/s per room; "
        f"saturation: every member each {SATURATION_GAP} s, one in flight.",
        "",
        "| layer (processes) | consumer | load | sent msg/s | delivered msg/s | p50 ms | p99 ms | lost | errors "
        "| dropped connections | server RSS MB | server CPU ms / 1k deliveries | client CPU | load avg |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (layer, consumer, phase), row in table.items():
        if phase == "arriving":
            continue
        lines.append(
            f"| {layer} ({processes[layer]}) | {consumer} | {phase} | {row['sent_per_s']:.0f} "
            f"| {row['delivered_per_s']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['lost']:.0f} "
            f"| {row['error_count']:.0f} | {row['dropped_connections']:.0f} | {row['server_rss_mb']:.0f} "
            f"| {row['server_cpu_ms_per_1k']:.0f} "
            f"| {row['client_cpu_share']:.0%} | {row['loadavg_1m']:.1f} |"
        )
    lines += [
        "",
        "| layer | rooms / minimal delivered msg/s at saturation (aim >= 0.8) | by server CPU per delivery "
        "| lost at saturation (rooms, minimal) | p99 ms at chat load: rooms (aim <= 100), minimal |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    ratios = {}
    for layer in processes:
        rooms, minimal = table[(layer, "rooms", "saturation")], table[(layer, "minimal", "saturation")]
        chat, minimal_chat = table[(layer, "rooms", "chat")], table[(layer, "minimal", "chat")]
        ratio = rooms["delivered_per_s"] / max(minimal["delivered_per_s"], 1e-9)
        by_cpu = minimal["server_cpu_ms_per_1k"] / max(rooms["server_cpu_ms_per_1k"], 1e-9)
        ratios[layer] = {"throughput_ratio": ratio, "cpu_ratio": by_cpu, "chat_p99_ms": chat["p99_ms"]}
        met = "met" if ratio >= AIMS["throughput_ratio"] else "missed"
        p99 = "met" if chat["p99_ms"] <= AIMS["p99_ms"] else "missed"
        lines.append(
            f"| {layer} | {ratio:.2f} ({met}) | {by_cpu:.2f} | {rooms['lost']:.0f}, {minimal['lost']:.0f} "
            f"| {chat['p99_ms']:.1f} ({p99}), {minimal_chat['p99_ms']:.1f} |"
        )
    lines += [
        "",
        "| layer | consumer | all open s | all arrived s (welcome to floor) | quiet after s "
        "| arrived: rooms / minimal (aim <= 2) | server CPU s to arrive | server CPU ms per arrival "
        "| by CPU: rooms / minimal |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for layer in processes:
        minimal = table[(layer, "minimal", "arriving")]
        for consumer in ("rooms", "minimal"):
            row = table[(layer, consumer, "arriving")]
            ratio = row["arrive_s"] / max(minimal["arrive_s"], 1e-9)
            by_cpu = row["arrive_cpu_s"] / max(minimal["arrive_cpu_s"], 1e-9)
            ratios[layer][f"{consumer}_arrive_s"] = row["arrive_s"]
            ratios[layer][f"{consumer}_arrive_cpu_s"] = row["arrive_cpu_s"]
            lines.append(
                f"| {layer} | {consumer} | {row['connect_s']:.1f} | {row['arrive_s']:.1f} | {row['settle_s']:.1f} "
                f"| {ratio:.2f} | {row['arrive_cpu_s']:.1f} | {row['arrive_cpu_s'] * 1000 / args.clients:.2f} "
                f"| {by_cpu:.2f} |"
            )
    return "\n".join(lines), ratios


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--prepare":
        prepare(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="WebSocket clients (default 200)")
    parser.add_argument("--rooms", type=int, default=10, help="rooms they are spread over (default 10)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each load phase (default 10)")
    parser.add_argument("--rate", type=float, default=1, help="chat load: messages a second per room (default 1)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds; medians over them (default 1)")
    parser.add_argument("--layer", choices=["memory", "redis", "both"], default="both", help="channel layer")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("COP_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="Redis for the redis layer (default database 13 of the local Redis, or COP_BENCH_REDIS_URL)",
    )
    parser.add_argument(
        "--redis-database-url",
        default=os.environ.get("COP_BENCH_DATABASE_URL", ""),
        help="a PostgreSQL database for the Redis profile (migrated and given bench rooms and members; "
        "default COP_BENCH_DATABASE_URL, else the SQLite site)",
    )
    parser.add_argument("--workdir", type=Path, help="build (or reuse) the site here instead of a fresh temp dir")
    add_priority_argument(parser)
    args = parser.parse_args()
    apply_priority(args)

    layers = ["memory", "redis"] if args.layer == "both" else [args.layer]
    if "redis" in layers and not redis_reachable(args.redis_url):
        print(f"No Redis at {args.redis_url}: measuring the in-memory layer only.", flush=True)
        layers = [layer for layer in layers if layer != "redis"]
        if not layers:
            sys.exit(1)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cop-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    build_site(workdir)
    env = server_environment(workdir, cache="off")  # one SECRET_KEY for the sessions and the servers
    layer_envs = layer_environments(layers, env, workdir, args)

    runs = []
    combinations = [(layer, consumer) for layer in layers for consumer in CONSUMERS]
    with servers_for({layer: e for layer, (e, _) in layer_envs.items()}, workdir) as started:
        print(f"{len(combinations)} combinations x {args.rounds} rounds, {args.clients} clients", flush=True)
        for number, (layer, consumer) in interleaved(combinations, args.rounds):
            site = layer_envs[layer][1]
            result = run(consumer, started[(layer, consumer)], site, args.seconds, args.rate)
            runs.append({"round": number, "layer": layer, "consumer": consumer, **result})
            for phase in ("chat", "saturation"):
                row = result[phase]
                print(
                    f"  round {number}: {layer:6} {consumer:7} {phase:10} sent {row['sent_per_s']:6.0f}/s "
                    f"delivered {row['delivered_per_s']:7.0f}/s  p50 {row['p50_ms']:7.1f} ms  "
                    f"p99 {row['p99_ms']:7.1f} ms  lost {row['lost']}  errors {row['errors'] or 0}  "
                    f"rss {row['server_rss_mb']:.0f} MB  client cpu {row['client_cpu_share']:.0%}  "
                    f"load {row['loadavg_1m']:.1f}  "
                    f"(open {result['connect_s']:.1f} s, arrived {result['arrive_s']:.1f} s, "
                    f"server CPU to arrive {result['arrive_cpu_s']:.1f} s)",
                    flush=True,
                )

    table = medians(runs, combinations)
    text, ratios = markdown(table, args, {layer: PROCESSES[layer] for layer in layers})
    path = write_results(
        "rooms",
        {
            "environment": environment_facts("python websockets")
            | {
                "redis_url": args.redis_url,
                "redis_database": "postgresql" if args.redis_database_url else "sqlite",
                "db_conn_max_age": env.get("DB_CONN_MAX_AGE", "0"),
                "layer_versions": {
                    name: version(name) for name in ("channels", "channels-redis", "redis", "websockets")
                },
            },
            "arguments": {k: str(v) for k, v in vars(args).items()},
            "runs": runs,
            "medians": {"/".join(k): v for k, v in table.items()},
            "ratios": ratios,
        },
    )
    print()
    print(text)
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
