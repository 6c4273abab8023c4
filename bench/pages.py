"""Page benchmark: Wagtail pages beside a minimal Django view, through a real ASGI server process.

    .venv/bin/python bench/pages.py [--seconds 10] [--connections 16] [--rounds 3]
                                    [--server uvicorn|daphne|both] [--cache off|on|both]
                                    [--who visitor|member|both] [--database-url URL]
    .venv/bin/python bench/pages.py --who both --cache both --rounds 3          # SQLite
    createdb cop_bench_pages; .venv/bin/python bench/pages.py --who both --rounds 3 \
        --database-url postgresql://cop:cop@127.0.0.1:5432/cop_bench_pages     # PostgreSQL

1. Builds a temporary site: `manage.py migrate`, `load_demo_content` and `collectstatic` into a
   fresh SQLite file (`DATABASE_URL=sqlite:////tmp/cop-bench-.../site.sqlite3`); `--workdir DIR`
   reuses a site built there before.
2. Starts one server process per server and cache mode, production settings
   (`cop_site.settings.production`: DEBUG off, manifest static files, the embedded profile's locmem
   cache and database search; `SECURE_SSL_REDIRECT=false` as behind a TLS proxy), with `COP_BENCH=1`
   so `/bench/minimal/` answers "ok" through the whole middleware stack, and
   `COP_PAGE_CACHE_SECONDS=0` (cache off) or 300 (cache on). uvicorn runs as `make run` starts it
   (uvloop, httptools, `--ws websockets-sansio`); daphne with its defaults.
   `--database-url` builds and serves the site on that database instead (PostgreSQL: migrated and
   loaded with the demo content the first time).
3. Finds the targets: `/`, the index `/case-studies/` and the first detail page it links to, as a
   visitor sees them. With `--who member` (or both) it also signs in `frontline` (a session made in
   the site's own database; its cookie, and the CSRF cookie its first page sets, sent with every
   request as a returning browser sends them) and adds what a member reads: the
   case study with the most comments, an evidence summary, a practice guide, a forum thread with 50
   posts (made the first time, in an open community), `/communities/`, `/my-learning/` and
   `/search/?q=participatory`. Members never get cached pages, so their rows run on the server with
   the page cache off; each one is checked to answer signed in (the page offers "Sign out").
4. Measures every server x cache mode x target for `--seconds` at `--connections` concurrent
   keep-alive connections, interleaved: round 1 runs everything once, round 2 again in a rotated
   order, and so on, so drift from other work on the machine spreads over all of them. Each run is
   preceded by a short warm-up; with the cache on the warm-up fills the cache.
5. Prints a Markdown table of medians over the rounds and the ratios the page issue asks for
   (detail page / minimal view throughput: aim >= 0.3 uncached, >= 0.8 cached; detail p99 < 150 ms)
   and, for every page, the minimal view's server CPU per request over the page's (a member's detail
   page aims at >= 0.25, a thread with 50 posts and My learning at >= 0.15, an anonymous cache miss
   at >= 0.2, cached anonymous pages at >= 0.8),
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
# Server CPU per request, the minimal view's over the page's: the member pages' aims (the page issue).
CPU_AIMS = {
    "member case study": 0.25,
    "member evidence": 0.25,
    "member guide": 0.25,
    "member thread (50 posts)": 0.15,
    "member my learning": 0.15,
    "detail": {"off": 0.2, "on": 0.8},
}
MEMBER = "frontline"
THREAD_TITLE = "A thread with fifty posts, for bench/pages.py"
THREAD_POSTS = 50
# One secret for every process of a run: the member's session is signed with it.
SECRET_KEY = secrets.token_urlsafe(40)
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


DATABASE_URL = None  # --database-url: the site on this database instead of workdir/site.sqlite3


def base_environment(workdir, **overrides):
    """The environment of the embedded profile: no Redis, no Elasticsearch, the site's own database."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ELASTICSEARCH_URL", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=DATABASE_URL or f"sqlite:///{workdir / 'site.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


def build_site(workdir):
    """Migrate and load the demo content into the site's database (once), and collect static files."""
    built = workdir / ("site.sqlite3" if DATABASE_URL is None else "database-built")
    if not built.exists():
        print(f"Building the demo site in {workdir} ...", flush=True)
        env = base_environment(workdir, DJANGO_SETTINGS_MODULE="cop_site.settings.dev")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content", "-v", "0")
        if DATABASE_URL is not None:
            built.write_text(DATABASE_URL)
    manage(server_environment(workdir, cache="off"), "collectstatic", "--noinput", "-v", "0")


# --- A signed-in member and what they read ------------------------------------------------------------
def prepare_member(out):
    """Runs inside Django (a subprocess with the servers' settings): the member's session and pages -> JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count, Q

    from casestudies.models import CaseStudyPage
    from forums.models import Community, Post, Thread
    from learning.models import EvidenceSummaryPage, PracticeGuidePage

    member = get_user_model().objects.get(username=MEMBER)
    store = SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()

    thread = Thread.objects.filter(title=THREAD_TITLE).first()
    if thread is None:  # written directly: the bench's thread, not a member's words through the rate limits
        community = Community.objects.filter(visibility=Community.Visibility.OPEN).order_by("pk").first()
        authors = list(get_user_model().objects.filter(username__in=["facilitator", "practitioner", "reviewer"]))
        thread = Thread.objects.create(community=community, title=THREAD_TITLE, author=authors[0])
        for n in range(THREAD_POSTS):
            text = f"Post {n + 1} of the bench thread: what we tried, what happened and what we would change."
            Post.objects.create(
                thread=thread, author=authors[n % len(authors)], body_source=text, body_html=f"<p>{text}</p>"
            )
    visible = Q(live=True)
    case_study = (
        CaseStudyPage.objects.filter(visible)
        .annotate(comments=Count("comment_thread__posts"))
        .order_by("-comments", "pk")
        .first()
    )
    targets = {
        "member case study": case_study.url,
        "member evidence": EvidenceSummaryPage.objects.filter(visible).order_by("pk").first().url,
        "member guide": PracticeGuidePage.objects.filter(visible).order_by("pk").first().url,
        "member thread (50 posts)": thread.get_absolute_url(),
        "member communities": "/communities/",
        "member my learning": "/my-learning/",
        "member search": "/search/?q=participatory",
        "member floor": "/bench/floor/",  # a page of the site's design with nothing of its own: what every page pays
    }
    Path(out).write_text(
        json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}", "targets": targets})
    )


def member_site(workdir):
    out = workdir / "bench-member.json"
    env = server_environment(workdir, cache="off")
    subprocess.run([PYTHON, __file__, "--prepare-member", str(out)], cwd=ROOT, env=env, check=True, timeout=600)  # noqa: S603
    return json.loads(out.read_text())


def server_environment(workdir, cache):
    return base_environment(
        workdir,
        DJANGO_SETTINGS_MODULE="cop_site.settings.production",
        SECRET_KEY=SECRET_KEY,
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


def fetch(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.status, response.headers, response.read().decode()


def with_csrf_cookie(base_url, member):
    """The member's cookies as a browser sends them after its first page: the session and the CSRF cookie.

    Without the CSRF cookie every request would make a new CSRF secret, which no returning browser costs.
    """
    _, headers, _ = fetch(base_url + next(iter(member["targets"].values())), member["cookie"])
    for line in headers.get_all("Set-Cookie") or []:
        name, _, rest = line.partition("=")
        if name.strip() == "csrftoken":  # Django's CSRF_COOKIE_NAME, which the settings keep
            return f"{member['cookie']}; {name.strip()}={rest.split(';', 1)[0]}"
    return member["cookie"]


def discover_targets(base_url):
    """home, index and the first detail page the index links to, as paths."""
    status, _, html = fetch(base_url + INDEX)
    if status != 200:
        raise RuntimeError(f"{INDEX} answered {status}")
    details = [h for h in re.findall(r'href="(/[^"?#]+/)"', html) if h.startswith(INDEX) and h != INDEX]
    if not details:
        raise RuntimeError(f"{INDEX} links to no detail page: is the demo content loaded?")
    return {"minimal": MINIMAL, "home": "/", "index": INDEX, "detail": details[0]}


def check_targets(server, targets, cache, cookie=None):
    """Every target answers 200; with the cache on, visitors' pages come from it after the first request.

    With a member's cookie every page must answer signed in (it offers "Sign out") and never from the cache.
    """
    seen = {}
    for name, path in targets.items():
        for _ in range(2):
            status, headers, body = fetch(server.url + path, cookie)
        if status != 200:
            raise RuntimeError(f"{server.label}: {path} answered {status}")
        if cookie and name != "minimal":
            if "Sign out" not in body:
                raise RuntimeError(f"{server.label}: {path} did not answer signed in: is the member's session valid?")
            if headers.get("X-Cache") == "hit":
                raise RuntimeError(f"{server.label}: {path} came from the page cache for a signed-in member")
            seen[name] = {"status": status, "bytes": len(body.encode()), "x_cache": headers.get("X-Cache")}
            continue
        seen[name] = {"status": status, "bytes": len(body.encode()), "x_cache": headers.get("X-Cache")}
        if name != "minimal" and (headers.get("X-Cache") == "hit") != (cache == "on"):
            raise RuntimeError(f"{server.label}: {path} has X-Cache {headers.get('X-Cache')!r} with the cache {cache}")
    return seen


# --- Load generators -------------------------------------------------------------------------------
def run_wrk(url, seconds, connections, cookie=None, threads=1):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(  # noqa: S603
            [  # noqa: S607
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                *(["-H", f"Cookie: {cookie}"] if cookie else []),
                url,
            ],  # fmt: skip
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


async def _python_load(url, seconds, connections, cookie=None):
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", url).groups()
    extra = f"Cookie: {cookie}\r\n" if cookie else ""
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\n{extra}\r\n".encode()
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


def run_python(url, seconds, connections, cookie=None):
    with contextlib.suppress(ImportError):
        import uvloop

        return uvloop.run(_python_load(url, seconds, connections, cookie))
    return asyncio.run(_python_load(url, seconds, connections, cookie))


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


def cpu_ratios(summary):
    """For every page: the minimal view's server CPU per request over the page's, on the same server, and its aim."""
    found = {}
    for (server, cache, target), row in summary.items():
        minimal = summary.get((server, cache, "minimal"))
        if target == "minimal" or minimal is None:
            continue
        aim = CPU_AIMS.get(target)
        aim = aim.get(cache) if isinstance(aim, dict) else aim
        found[(server, cache, target)] = {
            "ratio": minimal["server_cpu_ms_per_request"] / row["server_cpu_ms_per_request"],
            "aim": aim,
            "cpu_ms": row["server_cpu_ms_per_request"],
            "minimal_cpu_ms": minimal["server_cpu_ms_per_request"],
        }
    return found


def markdown(summary, found, targets, by_cpu):
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
    lines += [
        "",
        "| server | page cache | page | server CPU ms/req | minimal CPU ms/req | minimal / page by CPU | aim |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for (server, cache, target), ratio in by_cpu.items():
        aim = (
            ""
            if ratio["aim"] is None
            else f">= {ratio['aim']} ({'met' if ratio['ratio'] >= ratio['aim'] else 'missed'})"
        )
        lines.append(
            f"| {server} | {cache} | {target} | {ratio['cpu_ms']:.2f} | {ratio['minimal_cpu_ms']:.2f} "
            f"| {ratio['ratio']:.2f} | {aim} |"
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
        "settings": "cop_site.settings.production (DEBUG off), embedded profile: locmem cache, database search",
        "database": "PostgreSQL" if DATABASE_URL and DATABASE_URL.startswith("postgres") else "SQLite",
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
    global DATABASE_URL
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians over them (default 3)")
    parser.add_argument("--server", choices=["uvicorn", "daphne", "both"], default="uvicorn")
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both", help="anonymous page cache")
    parser.add_argument(
        "--who", choices=["visitor", "member", "both"], default="visitor", help="a visitor's pages, a member's, both"
    )
    parser.add_argument("--database-url", help="serve the site from this database (PostgreSQL) instead of SQLite")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    parser.add_argument("--workdir", type=Path, help="build (or reuse) the site here instead of a fresh temp dir")
    parser.add_argument("--prepare-member", help=argparse.SUPPRESS)  # internal: runs inside Django
    add_priority_argument(parser)
    args = parser.parse_args()
    if args.prepare_member:
        prepare_member(args.prepare_member)
        return
    apply_priority(args)
    DATABASE_URL = args.database_url

    servers = ["uvicorn", "daphne"] if args.server == "both" else [args.server]
    caches = ["off", "on"] if args.cache == "both" else [args.cache]
    if args.who != "visitor" and "off" not in caches:
        caches = ["off", *caches]  # members never get cached pages: their rows run with the cache off
    client, run_load = load_generator(args.client)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cop-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    with site_and_servers(workdir, servers, caches) as started:
        visitor = discover_targets(next(iter(started.values())).url) if args.who != "member" else {"minimal": MINIMAL}
        member = member_site(workdir) if args.who != "visitor" else {"targets": {}, "cookie": None}
        if member["targets"]:
            member["cookie"] = with_csrf_cookie(next(iter(started.values())).url, member)
        targets = {**visitor, **member["targets"]}
        cookies = {name: member["cookie"] for name in member["targets"]}
        checks = {f"{k}-{c}": check_targets(s, visitor, c) for (k, c), s in started.items()}
        for kind in servers:
            if member["targets"]:
                checks[f"{kind}-member"] = check_targets(
                    started[(kind, "off")], member["targets"], "off", member["cookie"]
                )
        combinations = [(k, c, t) for k in servers for c in caches for t in visitor]
        combinations += [(k, "off", t) for k in servers for t in member["targets"]]
        print(f"{len(combinations)} combinations x {args.rounds} rounds x {args.seconds}s with {client}", flush=True)
        runs = []
        for number, (kind, cache, target) in interleaved(combinations, args.rounds):
            url = started[(kind, cache)].url + targets[target]
            cookie = cookies.get(target)
            run_load(url, 1, args.connections, cookie)  # warm-up
            result = measure(started[(kind, cache)], run_load, url, args.seconds, args.connections, cookie)
            runs.append({"round": number, "server": kind, "cache": cache, "target": target, **result})
            print(
                f"  round {number}: {kind:7} cache {cache:3} {target:24} {result['rps']:8.0f} req/s "
                f"p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
                f"cpu {result['server_cpu_ms_per_request']:5.2f} ms/req  load {result['loadavg_1m']:.1f}",
                flush=True,
            )

    summary = summarise(runs, combinations)
    found = ratios(summary, servers, caches)
    by_cpu = cpu_ratios(summary)
    table = markdown(summary, found, targets, by_cpu)
    path = write_results(
        "pages",
        {
            "environment": environment_facts(client),
            "arguments": {k: str(v) for k, v in vars(args).items() if k != "database_url"},
            "targets": targets,
            "checks": checks,
            "runs": runs,
            "medians": {"/".join(k): v for k, v in summary.items()},
            "ratios": {"/".join(k): v for k, v in found.items()},
            "cpu_ratios": {"/".join(k): v for k, v in by_cpu.items()},
        },
    )
    print()
    print(table)
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
