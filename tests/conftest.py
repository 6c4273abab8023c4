import asyncio
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.services import service_url

ROOT = Path(__file__).resolve().parent.parent

# The production check (tests/production/) runs against the stack `make production-check` starts, and only then.
collect_ignore = [] if os.environ.get("COP_PRODUCTION_STACK") else ["production"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits, cached lookups, rooms a process shares and open search breakers must not leak into the next test."""
    from django.core.cache import cache

    from rooms import shared
    from search import breaker

    cache.clear()
    breaker.reset()
    shared.forget_all()


@pytest.fixture(params=["locmem", "redis"])
def fragment_cache(request, settings):
    """Fragment caching on (cop_site/fragments.py), over each cache backend, in a cache no other test shares."""
    unique = f"fragments-test-{os.getpid()}-{time.monotonic_ns()}"
    if request.param == "locmem":
        cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": unique}
    else:
        cache = {"BACKEND": "cop_site.cache.FailSafeRedisCache", "LOCATION": service_url("redis"), "KEY_PREFIX": unique}
    settings.CACHES = {"default": cache}
    settings.COP_FRAGMENT_SECONDS = 3600
    yield request.param
    if request.param == "redis":
        from django.core.cache import cache as default_cache

        client = default_cache._cache.get_client(None, write=True)
        for key in client.scan_iter(f"{unique}:*"):
            client.delete(key)


@pytest.fixture(params=["in-memory", "redis"])
def channel_layer_config(request):
    """CHANNEL_LAYERS for each backend: the embedded one always, Redis when REDIS_URL is set."""
    if request.param == "in-memory":
        # As cop_site/settings/base.py configures it without REDIS_URL.
        backend = "cop_site.channel_layers.SweptInMemoryChannelLayer"
        return {"default": {"BACKEND": backend, "CONFIG": {"capacity": 1500}}}
    url = service_url("redis")
    prefix = f"test-{os.getpid()}-{time.monotonic_ns()}"
    return {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url], "prefix": prefix}}
    }


@pytest.fixture
def use_channel_layer(channel_layer_config, settings):
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = channel_layer_config
    channel_layers.backends.clear()
    yield channel_layer_config
    channel_layers.backends.clear()


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: a browser test earlier in this worker may hold this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_database(tmp_path_factory):
    """A migrated SQLite database with the demo content, for tests that start real server processes."""
    path = tmp_path_factory.mktemp("site") / "site.sqlite3"
    env = server_environment(DATABASE_URL=f"sqlite:///{path}")
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo_content", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    return f"sqlite:///{path}"


def server_environment(**overrides):
    env = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "ELASTICSEARCH_URL", "DATABASE_URL"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "cop_site.settings.dev", "PYTHONUNBUFFERED": "1", **overrides})
    return env


def run_in_site(code, database_url, timeout=180):
    """Run Python in `manage.py shell` against the servers' database; the last line it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=server_environment(DATABASE_URL=database_url),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


class ServerProcess:
    """One ASGI server process (uvicorn, as `make run` starts it) on a free loopback port."""

    def __init__(self, env, port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.log = open(ROOT / f".services/test-server-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "cop_site.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--ws",
                "websockets-sansio",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.read_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not listen within {timeout}s: {self.read_log()}")

    def read_log(self):
        self.log.flush()
        return (ROOT / f".services/test-server-{self.port}.log").read_text()[-3000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def start_server(site_database):
    """Start real server processes with the given environment; all are stopped after the test."""
    (ROOT / ".services").mkdir(exist_ok=True)
    servers = []

    def start(**env):
        server = ServerProcess(server_environment(DATABASE_URL=site_database, **env))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def site_server(site_database):
    """One embedded-default server process shared by the tests that only read the demo site."""
    (ROOT / ".services").mkdir(exist_ok=True)
    server = ServerProcess(server_environment(DATABASE_URL=site_database))
    yield server
    server.stop()
