"""Through the proxy: nginx in front of two uvicorn processes, beside one process served direct.

    .venv/bin/python bench/proxy.py --database-url postgresql://cop:cop@127.0.0.1:5432/cop_bench_proxy
                                    [--redis-url redis://127.0.0.1:6379/13] [--only pages|rooms|both]
                                    [--seconds 10] [--connections 16] [--rounds 3]
                                    [--clients 500] [--rooms 10] [--room-seconds 10] [--workdir DIR] [--nice N]

What a second ASGI process buys an operator, measured the way the site is deployed (docs/deploy.md):
the at-scale profile (PostgreSQL, Redis for the page cache and the channel layer, production
settings, `DB_CONN_MAX_AGE` as the environment says, 0 by default), the same two uvicorn
processes A and B throughout, and three layouts side by side in one run:

- **direct, 1 process**: the client talks to A itself, as `make run` serves;
- **nginx, 1 process**: nginx (the project's template, `deploy/nginx/`, TLS on a throwaway
  self-signed certificate) in front of A alone: what the proxy itself costs;
- **nginx, 2 processes**: the same nginx in front of A and B: what the second process buys.

1. Builds the site on `--database-url` (migrated and loaded with the demo content, as bench/pages.py
   does) and, for the rooms, N members with sessions over M open rooms (bench/rooms.py's `--prepare`).
2. Pages (bench/pages.py's machinery and load generators, wrk when installed): the minimal view, a
   case study as a visitor gets it (the page cache on, shared through Redis: a hit), and two pages
   a signed-in member reads (never cached: the case study with the most comments and a thread of 50
   posts), each for `--seconds` at `--connections` keep-alive connections, interleaved over
   `--rounds`. Per measurement: requests/s, p50/p99, the uvicorn processes' CPU per request (and
   how it split between A and B), nginx's CPU per request, the load average.
3. Rooms (bench/rooms.py's clients): `--clients` members over `--rooms` rooms on the room consumer,
   direct to A and through nginx to A and B (nginx spreads the sockets over both); the chat load
   (1 message a second per room) and saturation, as bench/rooms.py measures them.
4. Prints Markdown tables of medians and the ratios (nginx with 2 over direct with 1), and writes
   every raw figure to `bench/results/proxy-<time>.json` (git-ignored).

The load generator shares the two cores with nginx and both processes, as in every bench here;
the CPU-per-request figures are the steadier ones on a shared machine.
"""

import argparse
import asyncio
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pages
from pages import (
    MINIMAL,
    ROOT,
    Server,
    add_priority_argument,
    apply_priority,
    build_site,
    cpu_seconds,
    discover_targets,
    environment_facts,
    fetch,
    interleaved,
    load_generator,
    member_site,
    server_environment,
    write_results,
)

import rooms as room_bench  # bench/rooms.py (this folder is first on sys.path), not the rooms app

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "cop.conf.template"
LAYOUTS = ["direct, 1 process", "nginx, 1 process", "nginx, 2 processes"]
PAGE_TARGETS = ["minimal", "detail", "member case study", "member thread (50 posts)"]
ROOM_LAYOUTS = ["direct, 1 process", "nginx, 2 processes"]


# --- nginx from the project's template -------------------------------------------------------------------
def self_signed_certificate(workdir):
    """A throwaway certificate for 127.0.0.1; the load generators are told to trust it."""
    cert, key = workdir / "bench-cert.pem", workdir / "bench-key.pem"
    if not cert.exists():
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],  # fmt: skip
            check=True,
            capture_output=True,
        )
    return cert, key


def render_site(port, upstreams, cert, key, static_root, media_root):
    """The project's nginx site (deploy/nginx/) with this run's port, processes, certificate and folders."""
    text = NGINX_TEMPLATE.read_text()
    values = {
        "LISTEN": f"127.0.0.1:{port}",
        "SERVER_NAME": "127.0.0.1",
        "UPSTREAM_SERVERS": "\n    ".join(f"server {u} max_fails=1 fail_timeout=5s;" for u in upstreams),
        "TLS_CERTIFICATE": str(cert),
        "TLS_CERTIFICATE_KEY": str(key),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
    }
    lines = []
    for line in text.splitlines():  # the comments name the placeholders too: they stay as they are
        if not line.lstrip().startswith("#"):
            for name, value in values.items():
                line = line.replace(f"@{name}@", value)
            if left := re.findall(r"@[A-Z_]+@", line):
                raise RuntimeError(f"{NGINX_TEMPLATE} has placeholders this bench does not fill: {left}")
        lines.append(line)
    return "\n".join(lines)


PORTS = []  # --ports: the loopback ports this run may use, in order; empty: any free port


def next_port():
    return PORTS.pop(0) if PORTS else pages_free_port()


pages_free_port = pages.free_port
pages.free_port = next_port  # the uvicorn processes (pages.Server) take their ports from here too


class Nginx:
    """One nginx master (and its workers) of our own, on a free port; `stop()` ends it and only it."""

    def __init__(self, workdir, label, upstreams, cert, key, static_root, media_root):
        self.label = label
        self.port = next_port()
        self.url = f"https://127.0.0.1:{self.port}"
        with socket.socket() as probe:  # an answer from something left on the port must not pass for ours
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"something already listens on 127.0.0.1:{self.port}")
        home = workdir / label
        (home / "logs").mkdir(parents=True, exist_ok=True)
        site = render_site(self.port, upstreams, cert, key, static_root, media_root)
        # The frame around the project's site file: a process of our own, its files under `home`.
        (home / "nginx.conf").write_text(
            "worker_processes 1;\n"
            f"pid {home / 'nginx.pid'};\n"
            f"error_log {home / 'logs' / 'error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            "  access_log off;\n"
            "  include /etc/nginx/mime.types;\n"
            f"  client_body_temp_path {home / 'body'}; proxy_temp_path {home / 'proxy'};\n"
            f"  fastcgi_temp_path {home / 'fastcgi'}; uwsgi_temp_path {home / 'uwsgi'};\n"
            f"  scgi_temp_path {home / 'scgi'};\n"
            f"{site}\n"
            "}\n"
        )
        self.log = open(home / "logs" / "stderr.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            ["nginx", "-p", str(home), "-c", str(home / "nginx.conf"), "-g", "daemon off;"],  # noqa: S607
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx {label} exited: {(home / 'logs' / 'stderr.log').read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if fetch(self.url + MINIMAL)[0] == 200 and self.process.poll() is None and self.pids()[1:]:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nginx {label} did not answer within 30 s")

    def pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [self.process.pid, *map(int, children)]

    def stop(self):
        if self.process.poll() is None:
            workers = self.pids()[1:]
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                for pid in workers:  # a killed master leaves its workers holding the port: end them too
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
        self.log.close()


# --- PostgreSQL connections ------------------------------------------------------------------------------
class ConnectionWatch:
    """The most connections the site's database had open at once while a measurement ran.

    The database server is shared with other work: a run that holds more than LIMIT connections is
    stopped rather than leave nobody else any (under ASGI each request runs in a thread of its own,
    so persistent connections, DB_CONN_MAX_AGE > 0, pile up with the requests in flight).
    """

    LIMIT = 60

    def __init__(self, database_url):
        import psycopg

        self.connection = psycopg.connect(database_url, autocommit=True)
        self.most = 0
        self.stopped = threading.Event()
        self.thread = None

    def count(self):
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        return self.connection.execute(query).fetchone()[0]

    def __enter__(self):
        self.most = self.count()
        self.stopped.clear()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    def _watch(self):
        while not self.stopped.wait(0.25):
            self.most = max(self.most, self.count())

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()
        if self.most > self.LIMIT:
            raise RuntimeError(f"the site held {self.most} database connections (limit {self.LIMIT}): stopped")


# --- pages ---------------------------------------------------------------------------------------------------
def measure(run_load, url, seconds, connections, cookie, app_pids, proxy_pids, watch):
    """One measurement with the CPU each uvicorn process and nginx spent on it, per request."""
    before = {pid: cpu_seconds(pid) for pid in app_pids + proxy_pids}
    with watch:
        result = run_load(url, seconds, connections, cookie)
    result["database_connections"] = watch.most
    used = {pid: cpu_seconds(pid) - before[pid] for pid in before}
    requests = max(result["requests"], 1)
    app = sum(used[pid] for pid in app_pids)
    result["app_cpu_ms_per_request"] = app * 1000 / requests
    result["proxy_cpu_ms_per_request"] = sum(used[pid] for pid in proxy_pids) * 1000 / requests
    result["app_cpu_split"] = [round(used[pid] / app, 2) if app else 0 for pid in app_pids]
    result["loadavg_1m"] = os.getloadavg()[0]
    return result


def page_rounds(args, layouts, targets, cookies, run_load, watch):
    combinations = [(layout, target) for target in PAGE_TARGETS for layout in LAYOUTS]
    print(f"pages: {len(combinations)} combinations x {args.rounds} rounds x {args.seconds}s", flush=True)
    runs = []
    for number, (layout, target) in interleaved(combinations, args.rounds):
        base, app_pids, proxy = layouts[layout]
        url, cookie = base + targets[target], cookies.get(target)
        run_load(url, 1, args.connections, cookie)  # warm-up (and, for a visitor, the cache filled)
        proxy_pids = proxy.pids() if proxy else []
        result = measure(run_load, url, args.seconds, args.connections, cookie, app_pids, proxy_pids, watch)
        runs.append({"round": number, "layout": layout, "target": target, **result})
        print(
            f"  round {number}: {layout:20} {target:26} {result['rps']:7.0f} req/s  p50 {result['p50_ms']:6.1f} ms  "
            f"p99 {result['p99_ms']:6.1f} ms  app cpu {result['app_cpu_ms_per_request']:5.2f} ms/req "
            f"{result['app_cpu_split']}  nginx {result['proxy_cpu_ms_per_request']:4.2f}  "
            f"errors {result['errors'] + result['bad_status']}  db connections {result['database_connections']}  "
            f"load {result['loadavg_1m']:.1f}",
            flush=True,
        )
    return combinations, runs


PAGE_METRICS = ("rps", "p50_ms", "p99_ms", "app_cpu_ms_per_request", "proxy_cpu_ms_per_request",
                "database_connections", "loadavg_1m")  # fmt: skip


def page_medians(runs, combinations):
    table = {}
    for key in combinations:
        mine = [run for run in runs if (run["layout"], run["target"]) == key]
        table[key] = {metric: statistics.median(run[metric] for run in mine) for metric in PAGE_METRICS} | {
            "rps_all": [round(run["rps"]) for run in mine],
            "failed": sum(run["errors"] + run["bad_status"] for run in mine),
            "split": mine[len(mine) // 2]["app_cpu_split"],
        }
    return table


def page_markdown(table, targets):
    lines = [
        "| page | layout | req/s (median) | p50 ms | p99 ms | uvicorn CPU ms/req (A / B share) | nginx CPU ms/req "
        "| failed | most database connections | load | req/s each round |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for (layout, target), row in table.items():
        split = " / ".join(f"{share:.0%}" for share in row["split"])
        lines.append(
            f"| {target} `{targets[target]}` | {layout} | {row['rps']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['app_cpu_ms_per_request']:.2f} ({split}) | {row['proxy_cpu_ms_per_request']:.2f} "
            f"| {row['failed']} | {row['database_connections']:.0f} | {row['loadavg_1m']:.1f} "
            f"| {', '.join(map(str, row['rps_all']))} |"
        )
    lines += [
        "",
        "| page | nginx + 1 / direct req/s | nginx + 2 / direct req/s | nginx + 2 / direct p99 |",
        "| --- | ---: | ---: | ---: |",
    ]
    ratios = {}
    for target in PAGE_TARGETS:
        direct, one, two = (table[(layout, target)] for layout in LAYOUTS)
        ratios[target] = {
            "proxy_1_over_direct": one["rps"] / max(direct["rps"], 1e-9),
            "proxy_2_over_direct": two["rps"] / max(direct["rps"], 1e-9),
            "p99_2_over_direct": two["p99_ms"] / max(direct["p99_ms"], 1e-9),
        }
        r = ratios[target]
        lines.append(
            f"| {target} | {r['proxy_1_over_direct']:.2f} | {r['proxy_2_over_direct']:.2f} "
            f"| {r['p99_2_over_direct']:.2f} |"
        )
    return "\n".join(lines), ratios


# --- rooms ---------------------------------------------------------------------------------------------------
class Through:
    """What bench/rooms.py's clients need of a server: where to connect, and whose CPU to count."""

    def __init__(self, port, process):
        self.port, self.process = port, process


async def one_room_run(servers, site, seconds, rate, scheme, proxy, watch):
    bench = room_bench.Bench("rooms", servers, site)
    if scheme == "wss":
        for client in bench.clients:
            client.url = client.url.replace("ws://", "wss://", 1)
            client.origin = client.origin.replace("http://", "https://", 1)
    pids = [server.process.pid for server in {id(s.process): s for s in servers}.values()]
    proxy_pids = proxy.pids() if proxy else []
    started = time.monotonic()
    await bench.connect()
    await asyncio.wait_for(bench.all_arrived.wait(), 300)
    results = {"arrive_s": time.monotonic() - started}
    await bench.settle()
    for phase in ("chat", "saturation"):
        before = {pid: cpu_seconds(pid) for pid in pids + proxy_pids}
        client_before = room_bench.client_cpu_seconds()
        with watch:
            totals = await (bench.chat(seconds, rate) if phase == "chat" else bench.saturate(seconds))
        after = {pid: cpu_seconds(pid) for pid in before}
        rss = [room_bench.rss_mb(pid) for pid in pids]
        results[phase] = room_bench.summary(
            totals,
            [before[pid] for pid in pids],
            [after[pid] for pid in pids],
            room_bench.client_cpu_seconds() - client_before,
            rss,
        )
        proxy_cpu = sum(after[pid] - before[pid] for pid in proxy_pids)
        results[phase]["proxy_cpu_ms_per_1k"] = proxy_cpu * 1e6 / max(totals.received, 1)
        results[phase]["dropped_connections"] = len(bench.drops)
        results[phase]["database_connections"] = watch.most
        bench.totals = None
        await asyncio.sleep(5)  # a fresh rate-limit window for every member
    await bench.close()
    results["dropped"] = bench.drops
    await asyncio.sleep(2)
    return results


def room_runs(args, site, a, b, nginx_two, watch):
    layouts = {
        "direct, 1 process": ([a], "ws", None),
        "nginx, 2 processes": ([Through(nginx_two.port, server.process) for server in (a, b)], "wss", nginx_two),
    }
    runs = []
    for number, layout in interleaved(ROOM_LAYOUTS, args.rounds_rooms):
        servers, scheme, proxy = layouts[layout]
        result = asyncio.run(one_room_run(servers, site, args.room_seconds, 1, scheme, proxy, watch))
        runs.append({"round": number, "layout": layout, **result})
        for phase in ("chat", "saturation"):
            row = result[phase]
            print(
                f"  round {number}: {layout:20} {phase:10} delivered {row['delivered_per_s']:6.0f}/s  "
                f"p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  lost {row['lost']}  "
                f"dropped {row['dropped_connections']}  uvicorn cpu {row['server_cpu_ms_per_1k']:.0f} ms/1k  "
                f"nginx {row['proxy_cpu_ms_per_1k']:.0f} ms/1k  client cpu {row['client_cpu_share']:.0%}  "
                f"db connections {row['database_connections']}  load {row['loadavg_1m']:.1f}  "
                f"(arrived {result['arrive_s']:.1f} s)",
                flush=True,
            )
    return runs


def room_markdown(runs):
    lines = [
        "| layout | load | delivered msg/s | p50 ms | p99 ms | lost | dropped connections | uvicorn CPU ms / 1k "
        "| nginx CPU ms / 1k | client CPU | all arrived s | most database connections | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    table = {}
    for layout in ROOM_LAYOUTS:
        mine = [run for run in runs if run["layout"] == layout]
        for phase in ("chat", "saturation"):
            row = {
                metric: statistics.median(run[phase][metric] for run in mine)
                for metric in ("delivered_per_s", "p50_ms", "p99_ms", "lost", "dropped_connections",
                               "server_cpu_ms_per_1k", "proxy_cpu_ms_per_1k", "client_cpu_share",
                               "database_connections", "loadavg_1m")
            }  # fmt: skip
            row["arrive_s"] = statistics.median(run["arrive_s"] for run in mine)
            table[(layout, phase)] = row
            lines.append(
                f"| {layout} | {phase} | {row['delivered_per_s']:.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
                f"| {row['lost']:.0f} | {row['dropped_connections']:.0f} | {row['server_cpu_ms_per_1k']:.0f} "
                f"| {row['proxy_cpu_ms_per_1k']:.0f} | {row['client_cpu_share']:.0%} | {row['arrive_s']:.1f} "
                f"| {row['database_connections']:.0f} | {row['loadavg_1m']:.1f} |"
            )
    return "\n".join(lines), {"/".join(k): v for k, v in table.items()}


# --- the run ---------------------------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="PostgreSQL database for the site (built the first time)")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("COP_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="Redis for the page cache and the channel layer (default database 13, or COP_BENCH_REDIS_URL)",
    )
    parser.add_argument("--only", choices=["pages", "rooms", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=10, help="length of each page measurement (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the pages (default 3)")
    parser.add_argument("--clients", type=int, default=500, help="room clients (default 500)")
    parser.add_argument("--rooms", type=int, default=10, help="rooms they are spread over (default 10)")
    parser.add_argument("--room-seconds", type=int, default=10, help="length of each room load (default 10)")
    parser.add_argument("--rounds-rooms", type=int, default=1, help="interleaved rounds of the rooms (default 1)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="page load generator")
    parser.add_argument("--workdir", type=Path, help="build (or reuse) the site here instead of a fresh temp dir")
    parser.add_argument(
        "--ports",
        type=int,
        help="use the four loopback ports from this one (the two processes, two nginx); default any",
    )
    add_priority_argument(parser)
    args = parser.parse_args()
    if args.ports:
        PORTS.extend(range(args.ports, args.ports + 4))
    if not shutil.which("nginx"):
        sys.exit("nginx is not installed (Debian: apt-get install -y nginx-light)")
    apply_priority(args)
    pages.DATABASE_URL = args.database_url
    client, run_load = load_generator(args.client)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cop-bench-proxy-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(workdir)
    os.environ["SSL_CERT_FILE"] = str(cert)  # the Python clients trust the throwaway certificate

    build_site(workdir)
    env = server_environment(workdir, cache="on")
    env.update(
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX=f"cop-bench-{secrets.token_hex(4)}",
        DB_CONN_MAX_AGE=os.environ.get("DB_CONN_MAX_AGE", "0"),
    )
    member = member_site(workdir) if args.only != "rooms" else {"targets": {}, "cookie": None}
    rooms_site = room_bench.prepare_site(env, workdir, args.clients, args.rooms) if args.only != "pages" else None
    folders = (Path(env.get("STATIC_ROOT", ROOT / "staticfiles")), Path(env["MEDIA_ROOT"]))

    watch = ConnectionWatch(args.database_url)
    started = []
    try:
        a = Server("uvicorn", env, workdir, "proxy-uvicorn-a")
        started.append(a)
        b = Server("uvicorn", env, workdir, "proxy-uvicorn-b")
        started.append(b)
        one = Nginx(workdir, "nginx-one", [f"127.0.0.1:{a.port}"], cert, key, *folders)
        started.append(one)
        two = Nginx(workdir, "nginx-two", [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"], cert, key, *folders)
        started.append(two)
        payload = {
            "environment": environment_facts(client)
            | {
                "settings": "cop_site.settings.production, at-scale profile: PostgreSQL, Redis cache and layer",
                "db_conn_max_age": env["DB_CONN_MAX_AGE"],
                "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),  # noqa: S607
            },
            "arguments": {k: str(v) for k, v in vars(args).items() if k != "database_url"},
        }
        text = []
        if args.only != "rooms":
            visitor = discover_targets(a.url)
            targets = {"minimal": MINIMAL, "detail": visitor["detail"], **member["targets"]}
            cookies = {name: member["cookie"] for name in member["targets"]}
            for name in PAGE_TARGETS:  # every layout answers every page, through TLS where it is proxied
                for base in (a.url, one.url, two.url):
                    status, _, body = fetch(base + targets[name], cookies.get(name))
                    if status != 200 or (name in cookies and "Sign out" not in body):
                        raise RuntimeError(f"{base}{targets[name]} answered {status} (signed in: {name in cookies})")
            layouts = {
                "direct, 1 process": (a.url, [a.process.pid], None),
                "nginx, 1 process": (one.url, [a.process.pid], one),
                "nginx, 2 processes": (two.url, [a.process.pid, b.process.pid], two),
            }
            combinations, runs = page_rounds(args, layouts, targets, cookies, run_load, watch)
            write_results("proxy-pages-raw", payload | {"targets": targets, "page_runs": runs})  # before any table
            table = page_medians(runs, combinations)
            page_text, ratios = page_markdown(table, targets)
            text.append(page_text)
            payload |= {
                "targets": targets,
                "page_runs": runs,
                "page_medians": {"/".join(k): v for k, v in table.items()},
                "page_ratios": ratios,
            }
        if args.only != "pages":
            print(f"rooms: {args.clients} clients over {args.rooms} rooms, {len(ROOM_LAYOUTS)} layouts", flush=True)
            runs = room_runs(args, rooms_site, a, b, two, watch)
            room_text, room_table = room_markdown(runs)
            text.append(room_text)
            payload |= {"room_runs": runs, "room_medians": room_table}
    finally:
        for process in reversed(started):
            process.stop()

    path = write_results("proxy", payload)
    print()
    print("\n\n".join(text))
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
