"""The production layout on loopback: nginx (TLS) in front of two ASGI processes, the task worker, and a
two-node Elasticsearch cluster with security on, over the PostgreSQL and Redis already running.

    .venv/bin/python -m tests.production.stack up     start everything, wait until it answers
    .venv/bin/python -m tests.production.stack env    `export NAME=value` lines for the running stack
    .venv/bin/python -m tests.production.stack down   stop what `up` started (and only that), drop its databases

(scripts/production-stack.sh is the same with `check` added: up, the tests in tests/production/, down.)

Everything it writes is in COP_STACK_DIR (default /tmp/cop-production-<hash of the checkout>); its state
file records each process it started, so `down`, and the tests that kill one, signal only those, after
checking the process's command line still names the stack's folder or port. Ports, the database and the
Redis database come from COP_STACK_* variables (see CONFIG). Made for Debian 12 as root, like
scripts/services.sh: nginx comes from Debian's package (installed when missing), Elasticsearch is
the distribution `scripts/services.sh install es` unpacks, run as its user cop-es.
"""

import hashlib
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


def _ports(name, default):
    return [int(port) for port in os.environ.get(name, default).split(",")]


CONFIG = {
    "dir": Path(
        os.environ.get("COP_STACK_DIR") or f"/tmp/cop-production-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]}"  # noqa: S108, S324 (a name)
    ),
    "https_port": int(os.environ.get("COP_STACK_HTTPS_PORT", "8443")),
    "asgi_ports": _ports("COP_STACK_ASGI_PORTS", "8441,8442"),
    "es_ports": _ports("COP_STACK_ES_PORTS", "9250,9251"),
    "es_transport_ports": _ports("COP_STACK_ES_TRANSPORT_PORTS", "9350,9351"),
    "pg": os.environ.get("COP_STACK_PG", "postgres://cop:cop@127.0.0.1:5432"),
    "database": os.environ.get("COP_STACK_DB", "cop_production_check"),
    "redis": os.environ.get("COP_STACK_REDIS_URL", "redis://127.0.0.1:6379/15"),
    "es_version": os.environ.get("COP_ES_VERSION", "9.5.4"),
}
ES_USER = "cop-es"
ES_ADMIN = "cop-admin"  # the run's superuser: the stack's own checks and the tests' node handling
ES_SITE_USER = "cop-site"  # what the site connects as: its own indices and cluster monitoring, nothing else
INDEX_PREFIX = "cop-prod"
START_TIMEOUT = 180


STARTED = time.monotonic()


def say(message):
    print(f"production-stack: [{time.monotonic() - STARTED:.0f}s] {message}", file=sys.stderr, flush=True)


class StackError(Exception):
    pass


# --- state --------------------------------------------------------------------------------------------
def state_path():
    return CONFIG["dir"] / "state.json"


def load_state():
    try:
        return json.loads(state_path().read_text())
    except (OSError, ValueError):
        return None


def save_state(state):
    state_path().write_text(json.dumps(state, indent=2))


def environment(state):
    """The variables every process of the stack runs with (and the tests read)."""
    base = Path(state["dir"])
    url = f"https://127.0.0.1:{state['https_port']}"
    names = {
        "DJANGO_SETTINGS_MODULE": "cop_site.settings.production",
        "SECRET_KEY": state["secret_key"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": url,
        "SITE_URL": url,
        "DATABASE_URL": f"{state['pg']}/{state['database']}",
        "REDIS_URL": state["redis"],
        "ELASTICSEARCH_URL": f"https://127.0.0.1:{state['es_ports'][0]}",
        "ELASTICSEARCH_CA_CERTS": str(base / "tls" / "ca.crt"),
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "SEARCH_INDEX_REPLICAS": "1",
        # Two cores shared with whatever else runs: a slow answer is not a dead cluster here.
        "SEARCH_READ_TIMEOUT": "3",
        "SEARCH_BREAKER_COOLDOWN": "5",
        "STATIC_ROOT": str(base / "static"),
        "MEDIA_ROOT": str(base / "media"),
        "COP_STACK_DIR": str(base),
        "COP_STACK_URL": url,
        "COP_STACK_ASGI_PORTS": ",".join(map(str, state["asgi_ports"])),
        "COP_STACK_ES_PORTS": ",".join(map(str, state["es_ports"])),
        "COP_STACK_ES_TRANSPORT_PORTS": ",".join(map(str, state["es_transport_ports"])),
        "COP_STACK_HTTPS_PORT": str(state["https_port"]),
        "COP_STACK_DB": state["database"],
        "COP_STACK_PG": state["pg"],
        "COP_STACK_REDIS_URL": state["redis"],
        "COP_DEMO_PASSWORD": state["demo_password"],
    }
    names["ELASTICSEARCH_USER"] = ES_SITE_USER
    names["ELASTICSEARCH_PASSWORD"] = state["es_site_password"]
    return names


def process_environment(state):
    return {**os.environ, **environment(state), "PYTHONUNBUFFERED": "1"}


# --- processes ----------------------------------------------------------------------------------------
def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _ours(record):
    """The recorded pid, when that process is still the one we started (its command line names our mark)."""
    pid = record.get("pid")
    if pid and _alive(pid) and record["mark"] in _command_line(pid):
        return pid
    return None


def spawn(state, name, command, mark, cwd=None, env=None, user_prefix=(), group=False):
    """Start a process in its own session, log to the stack's folder, record it in the state."""
    log = open(Path(state["dir"]) / "logs" / f"{name}.log", "a")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [*user_prefix, *command],
        cwd=cwd or ROOT,
        env=env or process_environment(state),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    state["processes"][name] = {"pid": process.pid, "mark": mark, "group": group}
    save_state(state)
    return process.pid


def stop(state, name, sig=signal.SIGTERM, timeout=60):
    """Signal the recorded process `name` (if still ours) and wait until it is gone."""
    record = state["processes"].get(name)
    if not record:
        return
    pid = _ours(record)
    if pid:
        try:
            (os.killpg if record.get("group") else os.kill)(pid, sig)  # a group: the process and its children
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.2)
        if _alive(pid):
            say(f"{name} (pid {pid}) did not stop within {timeout}s; killing it")
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
        _reap(pid)
    record["pid"] = None
    save_state(state)


def _reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def poll(what, check, timeout, interval=0.25, detail=lambda: ""):
    """Wait until check() is true, at most `timeout` seconds; then fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except Exception:  # noqa: BLE001 (not yet: a refused connection, a 503, a half-started node)
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise StackError(f"{what}: not within {timeout}s. {detail()}".strip())
        time.sleep(interval)


def log_tail(state, name, characters=2500):
    path = Path(state["dir"]) / "logs" / f"{name}.log"
    return f"--- last lines of {path}:\n{path.read_text(errors='replace')[-characters:]}" if path.is_file() else ""


# PostgreSQL is shared: when other work fills its connection table for a moment, wait and try again.
BUSY_DATABASE = ("remaining connection slots are reserved", "too many clients already")


def run(command, what, **kwargs):
    for attempt in range(8):
        result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
        if result.returncode == 0 or not any(busy in result.stderr for busy in BUSY_DATABASE):
            break
        say(f"{what}: PostgreSQL has no free connection; trying again ({attempt + 1}/8)")
        time.sleep(5)
    if result.returncode != 0:
        raise StackError(f"{what} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def manage(state, *arguments, timeout=600, extra_env=None):
    return run(
        [str(PYTHON), "manage.py", *arguments],
        f"manage.py {' '.join(arguments)}",
        cwd=ROOT,
        env={**process_environment(state), **(extra_env or {})},
        timeout=timeout,
    )


# --- TLS ------------------------------------------------------------------------------------------------
def make_certificates(base):
    """A CA made for the run, and one certificate for 127.0.0.1/localhost it signed (nginx, both ES nodes)."""
    tls = base / "tls"
    tls.mkdir()
    (tls / "node.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth,clientAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
    )
    openssl = ["openssl"]
    run(
        [
            *openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=cop production-check CA",
        ]
        + ["-keyout", str(tls / "ca.key"), "-out", str(tls / "ca.crt")],
        "making the CA",
    )
    run(
        [*openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(tls / "node.key"), "-out", str(tls / "node.csr")],
        "making the node key",
    )
    run(
        [*openssl, "x509", "-req", "-in", str(tls / "node.csr"), "-CA", str(tls / "ca.crt"), "-CAkey"]
        + [str(tls / "ca.key"), "-CAcreateserial", "-days", "2", "-extfile", str(tls / "node.ext")]
        + ["-out", str(tls / "node.crt")],
        "signing the node certificate",
    )
    for path in tls.iterdir():
        path.chmod(0o644)  # cop-es reads them (a throw-away CA on loopback)


def tls_context(state):
    return ssl.create_default_context(cafile=str(Path(state["dir"]) / "tls" / "ca.crt"))


# --- Elasticsearch --------------------------------------------------------------------------------------
def es_request(state, method, path, body=None, node=0, auth=None, timeout=5):
    """A JSON request to one node, as the run's admin user (or `auth`, an Authorization header)."""
    url = f"https://127.0.0.1:{state['es_ports'][node]}{path}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
    request.add_header("Content-Type", "application/json")
    basic = b64encode(f"{ES_ADMIN}:{state['es_password']}".encode()).decode()
    request.add_header("Authorization", auth or f"Basic {basic}")
    with urllib.request.urlopen(request, timeout=timeout, context=tls_context(state)) as response:  # noqa: S310
        return json.loads(response.read() or b"null")


def es_distribution():
    out = run([str(ROOT / "scripts" / "services.sh"), "install", "es"], "installing Elasticsearch's distribution")
    home = Path(out.strip().splitlines()[-1])
    if not (home / "bin" / "elasticsearch").is_file():
        raise StackError(f"no Elasticsearch distribution at {home}")
    return home


def es_java():
    from tests.elasticsearch_node import java_home

    java = java_home()
    if java is None:
        raise StackError("no Java 21+ JDK for Elasticsearch (see scripts/services.sh)")
    return java


def es_configure(state, home, java, node):
    """Node 1: master-eligible and data. Node 2: data only, so stopping it leaves the master."""
    base = Path(state["dir"]) / f"es-{node + 1}"
    config = base / "config"
    shutil.copytree(
        home / "config", config, ignore=shutil.ignore_patterns("elasticsearch.yml", "elasticsearch.keystore")
    )
    shutil.copytree(Path(state["dir"]) / "tls", config / "certs", ignore=shutil.ignore_patterns("ca.key"))
    ports, transport = state["es_ports"], state["es_transport_ports"]
    settings = {
        "cluster.name": f"cop-production-{ports[0]}",
        "node.name": f"cop-prod-{node + 1}",
        "node.roles": "[master, data, ingest]" if node == 0 else "[data, ingest]",
        "path.data": str(base / "data"),
        "path.logs": str(base / "logs"),
        "network.host": "127.0.0.1",
        "http.port": ports[node],
        "transport.port": transport[node],
        "discovery.seed_hosts": f"[127.0.0.1:{transport[0]}]",
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        "xpack.security.enabled": "true",
        "xpack.security.http.ssl.enabled": "true",
        "xpack.security.http.ssl.certificate": "certs/node.crt",
        "xpack.security.http.ssl.key": "certs/node.key",
        "xpack.security.http.ssl.certificate_authorities": "certs/ca.crt",
        "xpack.security.transport.ssl.enabled": "true",
        "xpack.security.transport.ssl.verification_mode": "certificate",
        "xpack.security.transport.ssl.certificate": "certs/node.crt",
        "xpack.security.transport.ssl.key": "certs/node.key",
        "xpack.security.transport.ssl.certificate_authorities": "certs/ca.crt",
    }
    if node == 0:
        settings["cluster.initial_master_nodes"] = "[cop-prod-1]"
    (config / "elasticsearch.yml").write_text("".join(f"{key}: {value}\n" for key, value in settings.items()))
    # The site's role: its indices (ours and Wagtail's share the prefix) and reading the cluster's state.
    (config / "roles.yml").write_text(
        f"cop_site:\n  cluster: [monitor]\n  indices:\n    - names: ['{INDEX_PREFIX}*']\n      privileges: [all]\n"
    )
    for folder in ("data", "logs", "tmp"):
        (base / folder).mkdir()
    _chown_tree(base)
    # The users live in each node's file realm (per node, so both get them). The minimal distribution
    # cannot create the .security index (it lacks the analysis-common module), so no native users or
    # API keys here: on a full distribution an API key with the same role is the better choice.
    for user, password, role in ((ES_ADMIN, state["es_password"], "superuser"),
                                 (ES_SITE_USER, state["es_site_password"], "cop_site")):  # fmt: skip
        run(
            [*_as_es_user(), "env", "-i", *_es_env(base, java), str(home / "bin" / "elasticsearch-users"), "useradd"]
            + [user, "-p", password, "-r", role],
            f"adding the Elasticsearch user {user} on node {node + 1}",
            cwd=base,
        )


def _chown_tree(base):
    import pwd

    user = pwd.getpwnam(ES_USER)
    for path in [base, *base.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)


def _as_es_user():
    from tests.elasticsearch_node import run_as_prefix

    prefix = run_as_prefix()
    if prefix is None:
        raise StackError(f"starting Elasticsearch as the {ES_USER} user needs root (or that user)")
    return prefix


def _es_env(base, java):
    return [
        "PATH=/usr/local/bin:/usr/bin:/bin",
        f"HOME={base}",
        "LANG=C.UTF-8",
        f"ES_JAVA_HOME={java}",
        "ES_JAVA_OPTS=-Xms256m -Xmx256m",
        f"ES_TMPDIR={base / 'tmp'}",
        f"ES_PATH_CONF={base / 'config'}",
    ]


def start_es_node(state, node, wait=True):
    base = Path(state["dir"]) / f"es-{node + 1}"
    pid_file = base / "es.pid"
    pid_file.unlink(missing_ok=True)
    command = ["env", "-i", *_es_env(base, state["java"]), str(Path(state["es_home"]) / "bin" / "elasticsearch")]
    spawn(state, f"elasticsearch-{node + 1}-launcher", [*command, "-p", str(pid_file)], str(base),
          cwd=base / "logs", env=dict(os.environ), user_prefix=_as_es_user())  # fmt: skip
    if wait:
        record_es_pid(state, node)


def record_es_pid(state, node):
    """The server's pid (the launcher's child), once it has written its pid file."""
    base = Path(state["dir"]) / f"es-{node + 1}"
    pid_file = base / "es.pid"
    poll(f"Elasticsearch node {node + 1} writing its pid file", pid_file.is_file, START_TIMEOUT,
         detail=lambda: log_tail(state, f"elasticsearch-{node + 1}-launcher"))  # fmt: skip
    state["processes"][f"elasticsearch-{node + 1}"] = {"pid": int(pid_file.read_text().strip()), "mark": str(base)}
    save_state(state)


def stop_es_node(state, node, sig=signal.SIGTERM):
    stop(state, f"elasticsearch-{node + 1}", sig)
    stop(state, f"elasticsearch-{node + 1}-launcher", timeout=20)


def es_health(state, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return es_request(state, "GET", f"/_cluster/health?{query}", timeout=40)


def wait_for_nodes(state, count, timeout=START_TIMEOUT):
    poll(
        f"the Elasticsearch cluster having {count} node(s)",
        lambda: es_health(state)["number_of_nodes"] == count,
        timeout,
        interval=1,
        detail=lambda: log_tail(state, "elasticsearch-1-launcher") + log_tail(state, "elasticsearch-2-launcher"),
    )


def start_elasticsearch(state):
    home = es_distribution()
    java = es_java()
    state.update(es_home=str(home), java=str(java))
    save_state(state)
    for node in (0, 1):
        es_configure(state, home, java, node)
    say(f"starting a two-node Elasticsearch cluster with TLS and security on ports {state['es_ports']}")
    for node in (0, 1):
        start_es_node(state, node, wait=False)


# --- the site -----------------------------------------------------------------------------------------
def psql(state, sql, database="postgres"):
    run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{state['pg']}/{database}", "-c", sql], f"psql: {sql}")


def fresh_database(state, name):
    psql(state, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(state, f'CREATE DATABASE "{name}"')


def prepare_site(state):
    say(f"database {state['database']}: migrations, demo content, static files, search index")
    fresh_database(state, state["database"])
    import redis

    redis.Redis.from_url(state["redis"]).flushdb()
    for step in (
        ("migrate", "--noinput", "-v", "0"),
        ("load_demo_content", "--force", "-v", "0"),
        ("collectstatic", "--noinput", "-v", "0"),
        None,  # the cluster has been starting meanwhile
        ("search_index", "rebuild"),
        ("update_index", "-v", "0"),  # Wagtail's admin search, on the same cluster
    ):
        if step is None:
            wait_for_nodes(state, 2)
            for node in (0, 1):
                record_es_pid(state, node)
            es_health(state, wait_for_status="yellow", timeout="60s")
            say("the Elasticsearch cluster has both nodes")
            continue
        if step[0] in {"search_index", "update_index"}:
            for attempt in range(3):  # a cluster that has only just formed, on a busy machine, may time out once
                try:
                    manage(state, *step)
                    break
                except StackError as exc:
                    if attempt == 2 or "timed out" not in str(exc).lower() and "unreachable" not in str(exc):
                        raise
                    say(f"manage.py {step[0]}: Elasticsearch did not answer in time; trying again ({attempt + 1}/3)")
                    time.sleep(5)
        else:
            manage(state, *step)
        say(f"manage.py {step[0]} done")


def asgi_mark(port):
    return f"--port {port}"


def start_asgi(state, index):
    port = state["asgi_ports"][index]
    command = [str(ROOT / ".venv" / "bin" / "uvicorn"), "cop_site.asgi:application", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--ws", "websockets-sansio", "--log-level", "warning"]
    command += ["--proxy-headers", "--forwarded-allow-ips", "127.0.0.1"]
    spawn(state, f"asgi-{index + 1}", command, asgi_mark(port))
    poll(
        f"the ASGI process on port {port} answering /api/v1/health",
        lambda: _get(f"http://127.0.0.1:{port}/api/v1/health", headers={"X-Forwarded-Proto": "https"}),
        60,
        detail=lambda: log_tail(state, f"asgi-{index + 1}"),
    )


def kill_asgi(state, index):
    stop(state, f"asgi-{index + 1}", signal.SIGKILL, timeout=10)


def start_worker(state):
    # Restarted when it exits, as systemd's Restart=always does in deploy/: a worker that loses the
    # database (a full connection table, a restart) exits rather than waiting.
    loop = f"while :; do {PYTHON} manage.py db_worker --interval 0.2; sleep 1; done"
    spawn(state, "worker", ["bash", "-c", loop], "db_worker", group=True)


def _get(url, headers=None, context=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5, context=context) as response:  # noqa: S310
        return response.status < 500


def render_nginx_site(state):
    """deploy/nginx/cop.conf.template filled in for this run (what an operator does with sed or by hand)."""
    base = Path(state["dir"])
    values = {
        "SERVER_NAME": "127.0.0.1 localhost",
        "LISTEN": f"127.0.0.1:{state['https_port']}",
        "UPSTREAM_SERVERS": "\n    ".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in state["asgi_ports"]
        ),  # fmt: skip
        "TLS_CERTIFICATE": str(base / "tls" / "node.crt"),
        "TLS_CERTIFICATE_KEY": str(base / "tls" / "node.key"),
        "STATIC_ROOT": str(base / "static"),
        "MEDIA_ROOT": str(base / "media"),
    }
    lines = []
    for line in (ROOT / "deploy" / "nginx" / "cop.conf.template").read_text().splitlines():
        if not line.lstrip().startswith("#"):  # the comments explain the placeholders: left as they are
            for key, value in values.items():
                line = line.replace(f"@{key}@", value)
            if "@" in line:
                raise StackError(f"deploy/nginx/cop.conf.template has a placeholder the stack does not fill: {line}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def start_nginx(state):
    if shutil.which("nginx") is None:
        say("installing nginx from Debian's packages")
        environment_ = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = [
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "-o",
            "DPkg::Lock::Timeout=900",
            "nginx",
        ]
        if subprocess.run(install, env=environment_, capture_output=True, check=False).returncode != 0:  # noqa: S603
            run(["apt-get", "update", "-q"], "apt-get update", env=environment_)
            run(install, "apt-get install nginx", env=environment_)
        # Debian's package starts its own nginx on port 80 where an init system lets it; that one is not ours.
    prefix = Path(state["dir"]) / "nginx"
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    (prefix / "cop.conf").write_text(render_nginx_site(state))
    (prefix / "nginx.conf").write_text(
        f"""# Written by tests/production/stack.py for one run: the operator's part is cop.conf.
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/cop.conf;
}}
"""
    )
    run(["nginx", "-t", "-q", "-p", str(prefix), "-e", str(prefix / "logs" / "error.log"), "-c",
         str(prefix / "nginx.conf")], "nginx -t (checking the configuration)")  # fmt: skip
    command = ["nginx", "-p", str(prefix), "-e", str(prefix / "logs" / "error.log"), "-c", str(prefix / "nginx.conf")]
    spawn(state, "nginx", [*command, "-g", "daemon off;"], str(prefix))
    poll(
        f"nginx answering on https://127.0.0.1:{state['https_port']}/",
        lambda: _get(f"https://127.0.0.1:{state['https_port']}/api/v1/health", context=tls_context(state)),
        30,
        detail=lambda: log_tail(state, "nginx") + (prefix / "logs" / "error.log").read_text(errors="replace")[-2000:],
    )


# --- commands -------------------------------------------------------------------------------------------
def up():
    if load_state() is not None:
        raise StackError(f"a stack is already recorded in {CONFIG['dir']}; run 'down' first")
    base = CONFIG["dir"]
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    base.chmod(0o755)  # cop-es and nginx's workers read below it
    (base / "logs").mkdir()
    started = time.monotonic()
    state = {
        **{key: (str(value) if isinstance(value, Path) else value) for key, value in CONFIG.items()},
        "secret_key": secrets.token_urlsafe(40),
        "es_password": secrets.token_urlsafe(18),
        "es_site_password": secrets.token_urlsafe(18),
        "demo_password": secrets.token_urlsafe(12),
        "processes": {},
    }
    save_state(state)
    try:
        make_certificates(base)
        start_elasticsearch(state)
        prepare_site(state)
        start_worker(state)
        for index in range(len(state["asgi_ports"])):
            start_asgi(state, index)
        start_nginx(state)
    except BaseException:
        say("start-up failed; stopping what was started")
        os.environ["COP_STACK_KEEP"] = "1"  # keep the logs to read
        down()
        raise
    say(f"up in {time.monotonic() - started:.0f}s: {environment(state)['COP_STACK_URL']} (files in {base})")


def down():
    state = load_state()
    if state is None:
        say(f"nothing recorded in {CONFIG['dir']}: nothing to stop")
        return
    for name in ("nginx", "asgi-1", "asgi-2", "worker"):
        stop(state, name, timeout=20)
    for node in (1, 0):  # the data node first, so the master does not wait for it
        stop_es_node(state, node)
    for name in list(state["processes"]):
        stop(state, name, timeout=20)
    for database in (state["database"], f"{state['database']}_restore"):
        try:
            psql(state, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        except StackError as exc:
            say(f"could not drop database {database}: {exc}")
    if os.environ.get("COP_STACK_KEEP"):
        state_path().unlink()
        say(f"stopped; files kept in {state['dir']} (COP_STACK_KEEP)")
    else:
        shutil.rmtree(state["dir"], ignore_errors=True)
        say("stopped everything it started")


def print_environment():
    state = load_state()
    if state is None:
        raise StackError(f"no stack recorded in {CONFIG['dir']}; run 'up' first")
    for key, value in environment(state).items():
        print(f"export {key}={value}")


def main(argv):
    commands = {"up": up, "down": down, "env": print_environment}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        commands[argv[0]]()
    except StackError as exc:
        say(f"ERROR: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
