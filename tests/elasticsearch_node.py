"""An Elasticsearch node that a test starts, freezes, kills and restarts itself.

Fault tests must never stop the shared node that scripts/services.sh runs on port 9200, so they
start their own: the distribution services.sh installed (the folder it recorded in
.services/es-location, version COP_ES_VERSION, 9.5.4), on free loopback ports, with its own
configuration, data and log folders under /tmp, as the cop-es user (Elasticsearch refuses to run
as root), with a 256 MB heap, security and the disk watermark off and discovery.type single-node.
Java is found as services.sh finds it: COP_ES_JAVA_HOME, then a Temurin 25, then any JDK 21+ under
/usr/lib/jvm with the modules Elasticsearch needs.

Signals go only to the server process whose pid file lies in the node's own folder, and only after
checking that its command line names that folder. `elasticsearch_node()` returns a started node or
skips the test (fails it when COP_REQUIRE_SERVICES=1) when the distribution, Java or the cop-es
user is missing.
"""

import atexit
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.services import unavailable

ROOT = Path(__file__).resolve().parent.parent
ES_USER = "cop-es"
ES_VERSION = os.environ.get("COP_ES_VERSION", "9.5.4")
HEAP = "-Xms256m -Xmx256m"
NEEDED_JAVA_MODULES = ("jdk.jlink", "jdk.incubator.vector")


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def distribution_home():
    """The unpacked distribution services.sh installed, or None."""
    location = ROOT / ".services" / "es-location"
    if not location.is_file():
        return None
    home = Path(location.read_text().strip()) / f"elasticsearch-{ES_VERSION}"
    return home if (home / "bin" / "elasticsearch").is_file() else None


def _java_major(home):
    release = home / "release"
    if not release.is_file():
        return 0
    for line in release.read_text().splitlines():
        if line.startswith("JAVA_VERSION="):
            version = line.split("=", 1)[1].strip('"')
            head = version.split(".")[0]
            return int(head) if head.isdigit() else 0
    return 0


def java_home():
    """A JDK 21+ that Elasticsearch can run on, or None."""
    candidates = [Path(os.environ["COP_ES_JAVA_HOME"])] if os.environ.get("COP_ES_JAVA_HOME") else []
    jvms = Path("/usr/lib/jvm")
    if jvms.is_dir():
        candidates += sorted(jvms.glob("temurin-25*"))
        candidates += sorted((p for p in jvms.iterdir() if p.is_dir()), key=_java_major, reverse=True)
    for home in candidates:
        java = home / "bin" / "java"
        if not java.is_file() or _java_major(home) < 21:
            continue
        modules = subprocess.run([java, "--list-modules"], capture_output=True, text=True, check=False).stdout
        if all(f"\n{module}@" in f"\n{modules}" for module in NEEDED_JAVA_MODULES):
            return home
    return None


def run_as_prefix():
    """How to run a command as cop-es from this process, or None when we cannot."""
    try:
        pwd.getpwnam(ES_USER)
    except KeyError:
        return None
    if os.geteuid() == 0:
        return ["runuser", "-u", ES_USER, "--"]
    if pwd.getpwuid(os.geteuid()).pw_name == ES_USER:
        return []
    return None


class ElasticsearchNode:
    def __init__(self, home, java):
        self.home, self.java = home, java
        self.port, self.transport_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.base = Path(tempfile.mkdtemp(prefix=f"cop-es-test-{self.port}-"))
        self.process = None
        self.server_pid = None
        self._log = None
        self._configure()

    def _configure(self):
        config = self.base / "config"
        shutil.copytree(
            self.home / "config",
            config,
            ignore=shutil.ignore_patterns("elasticsearch.yml", "elasticsearch.keystore"),
        )
        settings = {
            "cluster.name": f"cop-test-{self.port}",
            "node.name": f"cop-test-{self.port}",
            "path.data": str(self.base / "data"),
            "path.logs": str(self.base / "logs"),
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": self.transport_port,
            "discovery.type": "single-node",
            "cluster.routing.allocation.disk.threshold_enabled": "false",
        }
        if (self.home / "modules" / "x-pack-security").is_dir():
            settings["xpack.security.enabled"] = "false"
        if (self.home / "modules" / "ingest-geoip").is_dir():
            settings["ingest.geoip.downloader.enabled"] = "false"
        (config / "elasticsearch.yml").write_text("".join(f"{key}: {value}\n" for key, value in settings.items()))
        for folder in ("data", "logs", "tmp"):
            (self.base / folder).mkdir()
        self.base.chmod(0o755)
        user = pwd.getpwnam(ES_USER)
        for path in [self.base, *self.base.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)

    # --- the process ------------------------------------------------------------------------------
    def start(self, timeout=180):
        """Start (or restart, on the same data and port) and wait until the cluster is yellow or green."""
        assert self.process is None or self.process.poll() is not None, "already running"
        pid_file = self.base / "es.pid"
        pid_file.unlink(missing_ok=True)
        self._log = open(self.base / "launcher.log", "a")  # noqa: SIM115
        environment = [
            "PATH=/usr/local/bin:/usr/bin:/bin",
            f"HOME={self.base}",
            "LANG=C.UTF-8",
            f"ES_JAVA_HOME={self.java}",
            f"ES_JAVA_OPTS={HEAP}",
            f"ES_TMPDIR={self.base / 'tmp'}",
            f"ES_PATH_CONF={self.base / 'config'}",
        ]
        command = [str(self.home / "bin" / "elasticsearch"), "-p", str(pid_file)]
        self.process = subprocess.Popen(  # noqa: S603
            [*run_as_prefix(), "env", "-i", *environment, *command],
            cwd=self.base / "logs",  # jvm.options writes gc.log and hs_err files relative to it
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not self.healthy():
            if self.process.poll() is not None:
                raise RuntimeError(f"Elasticsearch exited with {self.process.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Elasticsearch was not yellow/green within {timeout}s:\n{self.log_tail()}")
            time.sleep(0.5)
        self.server_pid = int(pid_file.read_text().strip())
        return self

    def healthy(self):
        try:
            with urllib.request.urlopen(f"{self.url}/_cluster/health", timeout=2) as response:  # noqa: S310
                return json.loads(response.read())["status"] in {"yellow", "green"}
        except (OSError, ValueError, KeyError):
            return False

    def _signal(self, signum):
        pid = self.server_pid
        assert pid, "the node has not started"
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        assert str(self.base) in command_line, f"pid {pid} is not this test's node"
        os.kill(pid, signum)

    def freeze(self):
        """SIGSTOP: the port still accepts connections, but nothing answers."""
        self._signal(signal.SIGSTOP)

    def thaw(self):
        self._signal(signal.SIGCONT)

    def kill(self):
        """SIGKILL the server, as a crash would; connections are refused until start() again."""
        self._signal(signal.SIGKILL)
        self._wait_for_exit(30)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.thaw()
            self._signal(signal.SIGTERM)
        except (AssertionError, OSError):  # not started yet, or the server is already gone
            os.killpg(self.process.pid, signal.SIGTERM)
        if not self._wait_for_exit(60):
            os.killpg(self.process.pid, signal.SIGKILL)
            self._wait_for_exit(10)

    def _wait_for_exit(self, timeout):
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        self.server_pid = None
        if self._log:
            self._log.close()
        return True

    def log_tail(self, characters=3000):
        text = ""
        for name in ("launcher.log", f"logs/cop-test-{self.port}.log"):
            path = self.base / name
            if path.is_file():
                text += f"--- {name}:\n{path.read_text(errors='replace')[-characters:]}\n"
        return text

    def remove(self):
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


def elasticsearch_node():
    """A started node of the test's own, or skip (fail under COP_REQUIRE_SERVICES=1) if it cannot be had."""
    home = distribution_home()
    if home is None:
        unavailable(f"no Elasticsearch {ES_VERSION} distribution from scripts/services.sh (run 'make services')")
    java = java_home()
    if java is None:
        unavailable("no Java 21+ JDK for Elasticsearch (see scripts/services.sh)")
    if run_as_prefix() is None:
        unavailable(f"starting Elasticsearch as the {ES_USER} user needs root (or that user)")
    node = ElasticsearchNode(home, java)
    atexit.register(node.remove)  # also when the run ends without tearing its fixtures down
    try:
        return node.start()
    except BaseException:
        node.remove()
        raise
