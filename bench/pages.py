"""Page benchmark: Wagtail pages beside a minimal Django view, through a real ASGI server process.

    .venv/bin/python bench/pages.py [--seconds 10] [--connections 16] [--rounds 3]
                                    [--server uvicorn|daphne|both] [--cache off|on|both]

1. Builds a temporary site: `manage.py migrate`, `load_demo_content` and `collectstatic` into a
   fresh SQLite file (`DATABASE_URL=sqlite:////tmp/cop-bench-.../site.sqlite3`); `--workdir DIR`
   reuses a site built there before.
2. Starts one server process per server and cache mode, production settings
   (`cop_site.settings.production`: DEBUG off, manifest static files, the embedded profile's locmem
   cache and database search; `SECURE_SSL_REDIRECT=false` as behind a TLS proxy), with `COP_BENCH=1`
   so `/bench/minimal/` answers "ok" through the whole middleware stack, and
   `COP_PAGE_CACHE_SECONDS=0` (cache off) or 300 (cache on). uvicorn runs as `make run` starts it
   (uvloop, httptools, `--ws websockets-sansio`); daphne with its defaults.
3. Finds the targets: `/`, the index `/case-studies/` and the first detail page it links to.
4. Measures every server x cache mode x target for `--seconds` at `--connections` concurrent
   keep-alive connections, interleaved: round 1 runs everything once, round 2 again in a rotated
   order, and so on, so drift from other work on the machine spreads over all of them. Each run is
   preceded by a short warm-up; with the cache on the warm-up fills the cache.
5. Prints a Markdown table of medians over the rounds and the ratios the page issue asks for
   (detail page / minimal view throughput: aim >= 0.3 uncached, >= 0.8 cached; detail p99 < 150 ms),
   and writes every raw figure to `bench/results/pages-<time>.json` (git-ignored).

Load generator: `wrk` (Debian: `apt-get install -y wrk`) when it is on PATH, one thread, so the
server keeps a core of the two; otherwise (or with `--client python`) a built-in asyncio HTTP/1.1
keep-alive client. Check the client is not the bottleneck: the minimal view must come out far
faster than the pages.
"""

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
MINIMAL = "/bench/minimal/"
INDEX = "/case-studies/"
AIMS = {"uncached": 0.3, "cached": 0.8, "p99_ms": 150}
CACHE_SECONDS = {"off": "0", "on": "300"}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_s": %f, "errors": %d, "bad_status": %d,'
    .. ' "p50_ms": %f, "p90_ms": %f, "p99_ms": %f, "max_ms": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
"""


# --- The site --------------------------------------------------------------------------------------
def manage(env, *args, timeout=900):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)  # noqa: S603


def base_environment(workdir, **overrides):
    """The environment of the embedded profile: no Redis, no Elasticsearch, the site's own database."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ELASTICSEARCH_URL", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


def build_site(workdir):
    """Migrate and load the demo content into workdir/site.sqlite3 (once), and collect static files."""
    if not (workdir / "site.sqlite3").exists():
        print(f"Building the demo site in {workdir} ...", flush=True)
        env = base_environment(workdir, DJANGO_SETTINGS_MODULE="cop_site.settings.dev")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content", "-v", "0")
    manage(server_environment(workdir, cache="off"), "collectstatic", "--noinput", "-v", "0")


def server_environment(workdir, cache):
    return base_environment(
        workdir,
        DJANGO_SETTINGS_MODULE="cop_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        COP_BENCH="1",
        COP_PAGE_CACHE_SECONDS=CACHE_SECONDS[cache],
    )


# --- Server processes ------------------------------------------------------------------------------
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(kind, port):
    if kind == "uvicorn":
        return [
            PYTHON, "-m", "uvicorn", "cop_site.asgi:application", "--host", "127.0.0.1", "--port", str(port),
            "--loop", "uvloop", "--http", "httptools", "--ws", "websockets-sansio",
            "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
    if kind == "daphne":
        return [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "-v", "0", "cop_site.asgi:application"]
    raise ValueError(kind)


class Server:
    """One ASGI server process on a free loopback port; `stop()` ends it and only it."""

    def __init__(self, kind, env, workdir, label):
        self.kind, self.label = kind, label
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"{label}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            server_command(kind, self.port), cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.wait_until_ready()

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.label} exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if fetch(self.url + MINIMAL)[0] == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.label} did not answer within {timeout}s: {self.log_path.read_text()[-2000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.status, response.headers, response.read().decode()


def discover_targets(base_url):
    """home, index and the first detail page the index links to, as paths."""
    status, _, html = fetch(base_url + INDEX)
    if status != 200:
        raise RuntimeError(f"{INDEX} answered {status}")
    details = [h for h in re.findall(r'href="(/[^"?#]+/)"', html) if h.startswith(INDEX) and h != INDEX]
    if not details:
        raise RuntimeError(f"{INDEX} links to no detail page: is the demo content loaded?")
    return {"minimal": MINIMAL, "home": "/", "index": INDEX, "detail": details[0]}


def check_targets(server, targets, cache):
    """Every target answers 200; with the cache on, pages come from it after the first request."""
    seen = {}
    for name, path in targets.items():
        for _ in range(2):
            status, headers, body = fetch(server.url + path)
        if status != 200:
            raise RuntimeError(f"{server.label}: {path} answered {status}")
        seen[name] = {"status": status, "bytes": len(body.encode()), "x_cache": headers.get("X-Cache")}
        if name != "minimal" and (headers.get("X-Cache") == "hit") != (cache == "on"):
            raise RuntimeError(f"{server.label}: {path} has X-Cache {headers.get('X-Cache')!r} with the cache {cache}")
    return seen


# --- Load generators -------------------------------------------------------------------------------
def run_wrk(url, seconds, connections, threads=1):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(  # noqa: S603
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name, url],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    result = json.loads(output.split("JSON ", 1)[1])
    result["rps"] = result["requests"] / result["duration_s"]
    return result


async def _http_connection(host, port, request, deadline, latencies, failures):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (started := time.perf_counter()) < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            lower = head.lower()
            if b"transfer-encoding: chunked" in lower:
                while size := int((await reader.readline()).split(b";")[0], 16):
                    await reader.readexactly(size + 2)
                await reader.readline()
            else:
                await reader.readexactly(int(re.search(rb"content-length:\s*(\d+)", lower).group(1)))
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 400:
                failures.append(status)
    finally:
        writer.close()


async def _python_load(url, seconds, connections):
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", url).groups()
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\n\r\n".encode()
    latencies, failures = [], []
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _http_connection(host, int(port), request, started + seconds, latencies, failures)
            for _ in range(connections)
        )
    )
    duration = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000

    return {
        "requests": len(latencies),
        "duration_s": duration,
        "errors": 0,
        "bad_status": len(failures),
        "p50_ms": percentile(50),
        "p90_ms": percentile(90),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] * 1000,
        "rps": len(latencies) / duration,
    }


def run_python(url, seconds, connections):
    with contextlib.suppress(ImportError):
        import uvloop

        return uvloop.run(_python_load(url, seconds, connections))
    return asyncio.run(_python_load(url, seconds, connections))


def load_generator(choice):
    if choice == "wrk" or (choice == "auto" and shutil.which("wrk")):
        if not shutil.which("wrk"):
            sys.exit("wrk is not installed: apt-get install -y wrk (or use --client python)")
        return "wrk", run_wrk
    return "python", run_python


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(server, run, *args):
    """Run one measurement; add the server's CPU time per request and the machine's load.

    Throughput on a shared two-core machine moves with everything else running; the CPU time the
    server process spends per request hardly does, so it is the steadier figure for comparisons.
    """
    before = cpu_seconds(server.process.pid)
    result = run(*args)
    used = cpu_seconds(server.process.pid) - before
    result["server_cpu_ms_per_request"] = used * 1000 / max(result["requests"], 1)
    result["loadavg_1m"] = os.getloadavg()[0]
    return result


# --- Rounds, medians, the table ----------------------------------------------------------------------
def interleaved(combinations, rounds):
    """Every combination once per round, each round starting one further along."""
    for number in range(rounds):
        shift = number % len(combinations)
        for combination in combinations[shift:] + combinations[:shift]:
            yield number + 1, combination


def summarise(runs, keys):
    """Medians per combination over the rounds."""
    summary = {}
    for key in keys:
        mine = [run for run in runs if tuple(run[k] for k in ("server", "cache", "target")) == key]
        summary[key] = {
            metric: statistics.median(run[metric] for run in mine)
            for metric in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_request", "loadavg_1m", "errors", "bad_status")
        } | {"rounds": len(mine), "rps_all": [round(run["rps"], 1) for run in mine]}
    return summary


def ratios(summary, servers, caches):
    found = {}
    for server in servers:
        for cache in caches:
            detail, minimal = summary.get((server, cache, "detail")), summary.get((server, cache, "minimal"))
            if detail and minimal:
                found[(server, cache)] = {
                    "detail_over_minimal": detail["rps"] / minimal["rps"],
                    "detail_over_minimal_by_cpu": minimal["server_cpu_ms_per_request"]
                    / detail["server_cpu_ms_per_request"],
                    "aim": AIMS["cached" if cache == "on" else "uncached"],
                    "detail_p99_ms": detail["p99_ms"],
                }
    return found


def markdown(summary, found, targets):
    lines = [
        "| server | page cache | page | path | req/s (median) | p50 ms | p99 ms | server CPU ms/req | load "
        "| req/s each round |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for (server, cache, target), row in summary.items():
        lines.append(
            f"| {server} | {cache} | {target} | `{targets[target]}` | {row['rps']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['server_cpu_ms_per_request']:.2f} | {row['loadavg_1m']:.1f} "
            f"| {', '.join(f'{r:.0f}' for r in row['rps_all'])} |"
        )
    lines += [
        "",
        "| server | page cache | detail / minimal req/s | by server CPU per request | aim "
        "| detail p99 ms (aim < 150) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for (server, cache), ratio in found.items():
        met = "met" if ratio["detail_over_minimal"] >= ratio["aim"] else "missed"
        p99 = "met" if ratio["detail_p99_ms"] < AIMS["p99_ms"] else "missed"
        lines.append(
            f"| {server} | {cache} | {ratio['detail_over_minimal']:.2f} ({met}) "
            f"| {ratio['detail_over_minimal_by_cpu']:.2f} | >= {ratio['aim']} "
            f"| {ratio['detail_p99_ms']:.1f} ({p99}) |"
        )
    return "\n".join(lines)


def environment_facts(client):
    def version(package):
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as installed

        try:
            return installed(package)
        except PackageNotFoundError:
            return None

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)  # noqa: S607
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit.stdout.strip(),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_generator": client,
        "nice": os.nice(0),
        "versions": {p: version(p) for p in ("django", "wagtail", "uvicorn", "daphne", "uvloop", "httptools")},
        "settings": "cop_site.settings.production (DEBUG off), embedded profile: SQLite, locmem cache",
    }


def add_priority_argument(parser):
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run the servers and the load generator at this nice value (negative needs root): on a machine "
        "shared with other work, -5 makes the figures closer to a dedicated server's (default 0)",
    )


def apply_priority(args):
    """Every process started from here (build, servers, wrk) inherits the bench's priority."""
    if args.nice:
        os.nice(args.nice)


def write_results(name, payload):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path


@contextlib.contextmanager
def site_and_servers(workdir, servers, caches):
    """Build the site in workdir and start one server per server kind and cache mode."""
    build_site(workdir)
    started = {}
    try:
        for kind in servers:
            for cache in caches:
                started[(kind, cache)] = Server(
                    kind, server_environment(workdir, cache), workdir, f"{kind}-cache-{cache}"
                )
        yield started
    finally:
        for server in started.values():
            server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians over them (default 3)")
    parser.add_argument("--server", choices=["uvicorn", "daphne", "both"], default="uvicorn")
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both", help="anonymous page cache")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    parser.add_argument("--workdir", type=Path, help="build (or reuse) the site here instead of a fresh temp dir")
    add_priority_argument(parser)
    args = parser.parse_args()
    apply_priority(args)

    servers = ["uvicorn", "daphne"] if args.server == "both" else [args.server]
    caches = ["off", "on"] if args.cache == "both" else [args.cache]
    client, run_load = load_generator(args.client)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cop-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    with site_and_servers(workdir, servers, caches) as started:
        targets = discover_targets(next(iter(started.values())).url)
        checks = {f"{k}-{c}": check_targets(s, targets, c) for (k, c), s in started.items()}
        combinations = [(k, c, t) for k in servers for c in caches for t in targets]
        print(f"{len(combinations)} combinations x {args.rounds} rounds x {args.seconds}s with {client}", flush=True)
        runs = []
        for number, (kind, cache, target) in interleaved(combinations, args.rounds):
            url = started[(kind, cache)].url + targets[target]
            run_load(url, 1, args.connections)  # warm-up
            result = measure(started[(kind, cache)], run_load, url, args.seconds, args.connections)
            runs.append({"round": number, "server": kind, "cache": cache, "target": target, **result})
            print(
                f"  round {number}: {kind:7} cache {cache:3} {target:7} {result['rps']:8.0f} req/s "
                f"p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
                f"cpu {result['server_cpu_ms_per_request']:5.2f} ms/req  load {result['loadavg_1m']:.1f}",
                flush=True,
            )

    summary = summarise(runs, combinations)
    found = ratios(summary, servers, caches)
    table = markdown(summary, found, targets)
    path = write_results(
        "pages",
        {
            "environment": environment_facts(client),
            "arguments": {k: str(v) for k, v in vars(args).items()},
            "targets": targets,
            "checks": checks,
            "runs": runs,
            "medians": {"/".join(k): v for k, v in summary.items()},
            "ratios": {"/".join(k): v for k, v in found.items()},
        },
    )
    print()
    print(table)
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
