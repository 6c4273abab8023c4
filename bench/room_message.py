"""What one live-room message costs in the database thread: CPU per lone message, and its statements.

    .venv/bin/python bench/room_message.py [--messages 300] [--members 100]

1. Builds the same temporary production-settings site as bench/pages.py (SQLite, DEBUG off) with one
   open room and `--members` signed-in members, as bench/rooms.py does.
2. In a process with the servers' settings, sends `--messages` lone messages through what a room's
   connection calls in the database thread (rooms/crowd.py `send_crowd`: the sender read from their
   session, their standing, the room, the insert and its commit), members in turn, a few
   milliseconds apart (within the rate limit), twice in alternating blocks: with the sender's
   reads as compiled statements (cop_site/compiled.py `Compiled`) and with each built by the ORM
   every time, as before.
3. Prints the median and 90th percentile of the thread's CPU time per message for each, and the
   statements of one message; writes every time to `bench/results/room-message-<time>.json`.

Nothing else runs in the process, so the figures are the database thread's own work; in a server
the event loop waits behind it (bench/rooms.py measures what members see).
"""

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PYTHON, ROOT, build_site, server_environment, write_results  # noqa: E402

BLOCK = 50  # messages per block; the two ways alternate block by block


def inside(members, messages):
    """Runs inside Django (a subprocess with the servers' settings)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cop_site.compiled import Compiled
    from rooms import broadcast
    from rooms.crowd import send_crowd
    from rooms.models import Room

    spec = importlib.util.spec_from_file_location("bench_rooms", Path(__file__).with_name("rooms.py"))
    bench_rooms = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_rooms)
    out = Path(tempfile.mkdtemp(prefix="cop-bench-message-")) / "site.json"
    bench_rooms.prepare(members, 1, out)
    site = json.loads(out.read_text())
    room = Room.objects.select_related("community").get(slug=site["rooms"][0])
    scopes = [{"session": SessionStore(key)} for key in site["sessions"]]
    broadcast.acting.set(broadcast.Acting())  # as in a server: what the batch announces is collected, not sent
    kept_all = Compiled.all

    def orm_all(self, *values):
        return list(self.build(*values))

    ways = {"compiled": kept_all, "orm": orm_all}
    cpu = {way: [] for way in ways}
    sent = 0
    for block in range(2 * ((messages + BLOCK - 1) // BLOCK)):
        way = list(ways)[block % 2]
        Compiled.all = ways[way]
        for _ in range(BLOCK):
            item = (room, scopes[sent % len(scopes)], f"message {sent}", f"bench-{time.time_ns()}-{sent}", False)
            started = time.thread_time()
            outcome = send_crowd([item])[0]
            cpu[way].append((time.thread_time() - started) * 1000)
            if isinstance(outcome, Exception):
                raise SystemExit(f"message {sent} refused: {outcome}")
            sent += 1
            time.sleep(1.2 * 5 / len(scopes))  # each member within the room's 5 messages in 5 s
    Compiled.all = kept_all
    with CaptureQueriesContext(connection) as queries:
        send_crowd([(room, scopes[0], "the last", f"bench-{time.time_ns()}", False)])
    print(f"{len(cpu['compiled'])} lone messages each way, {members} members, alternating blocks of {BLOCK}\n")
    print("| sender's reads | CPU ms per message, median | 90th percentile |")
    print("| --- | ---: | ---: |")
    for way, label in (("orm", "built by the ORM each time"), ("compiled", "compiled once (`Compiled`)")):
        times = sorted(cpu[way])
        print(f"| {label} | {statistics.median(times):.2f} | {times[int(len(times) * 0.9)]:.2f} |")
    ratio = statistics.median(cpu["orm"]) / statistics.median(cpu["compiled"])
    print(f"\nORM / compiled: {ratio:.2f}x. One message's statements ({len(queries)}):")
    for query in queries.captured_queries:
        print("  " + query["sql"][:110])
    statements = [query["sql"] for query in queries.captured_queries]
    path = write_results("room-message", {"cpu_ms": cpu, "members": members, "statements": statements})
    print(f"\nRaw results: {path.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=300, help="lone messages each way (default 300)")
    parser.add_argument("--members", type=int, default=100, help="members taking turns (default 100)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.members, args.messages)
        return
    workdir = Path(tempfile.mkdtemp(prefix="cop-bench-"))
    build_site(workdir)
    env = server_environment(workdir, cache="off")
    command = [PYTHON, __file__, "--inside", "--messages", str(args.messages), "--members", str(args.members)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
