"""ASGI server choice: uvicorn beside daphne, same site, same run, interleaved.

    .venv/bin/python bench/asgi_servers.py [--seconds 10] [--connections 16] [--clients 16] [--rounds 3]

Builds the same temporary production-settings site as bench/pages.py (page cache off, so the
server carries a full Django request each time) and starts one uvicorn (uvloop, httptools,
`--ws websockets-sansio`, as `make run` serves) and one daphne process. Each round measures, for
each server in turn (the order rotates):

- HTTP: the minimal view `/bench/minimal/` and a case study detail page at `--connections`
  keep-alive connections (wrk, or the built-in client), requests/s and p50/p99 latency;
- WebSocket: `--clients` concurrent clients on `/ws/health/`, each sending `{"type": "ping"}` and
  waiting for `{"type": "pong"}` as fast as it can: round trips/s and p50/p99 round-trip latency.

The WebSocket clients are Python (websockets on uvloop) and share the two cores with the server,
so the absolute round-trip figures include the client's cost; the comparison is fair because both
servers face the same client. Medians over the rounds go to a Markdown table; raw figures to
`bench/results/asgi-servers-<time>.json`.
"""

import argparse
import asyncio
import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path

from pages import (
    ROOT,
    add_priority_argument,
    apply_priority,
    discover_targets,
    environment_facts,
    interleaved,
    load_generator,
    measure,
    site_and_servers,
    write_results,
)

SERVERS = ["uvicorn", "daphne"]
PING = json.dumps({"type": "ping"})


async def _ws_client(url, origin, deadline, latencies):
    from websockets.asyncio.client import connect

    async with connect(url, origin=origin, compression=None) as socket:
        hello = json.loads(await socket.recv())
        assert hello["type"] == "health", hello
        while (started := time.perf_counter()) < deadline:
            await socket.send(PING)
            reply = json.loads(await socket.recv())
            assert reply == {"type": "pong"}, reply
            latencies.append(time.perf_counter() - started)


async def _websocket_load(base_url, seconds, clients):
    port = base_url.rsplit(":", 1)[1]
    url, origin = f"ws://127.0.0.1:{port}/ws/health/", f"http://127.0.0.1:{port}"
    latencies = []
    started = time.perf_counter()
    await asyncio.gather(*(_ws_client(url, origin, started + seconds, latencies) for _ in range(clients)))
    duration = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000

    return {
        "requests": len(latencies),
        "duration_s": duration,
        "rps": len(latencies) / duration,
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "errors": 0,
        "bad_status": 0,
    }


def run_websocket(base_url, seconds, clients):
    with contextlib.suppress(ImportError):
        import uvloop

        return uvloop.run(_websocket_load(base_url, seconds, clients))
    return asyncio.run(_websocket_load(base_url, seconds, clients))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16, help="HTTP connections (default 16)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent WebSocket clients (default 16)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="HTTP load generator")
    parser.add_argument("--workdir", type=Path, help="build (or reuse) the site here instead of a fresh temp dir")
    add_priority_argument(parser)
    args = parser.parse_args()
    apply_priority(args)

    client, run_load = load_generator(args.client)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cop-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    runs = []
    with site_and_servers(workdir, SERVERS, ["off"]) as started:
        pages = discover_targets(started[("uvicorn", "off")].url)
        targets = {"minimal": pages["minimal"], "detail": pages["detail"], "websocket": "/ws/health/"}
        combinations = [(server, target) for target in targets for server in SERVERS]
        print(f"{len(combinations)} combinations x {args.rounds} rounds x {args.seconds}s", flush=True)
        for number, (server, target) in interleaved(combinations, args.rounds):
            base = started[(server, "off")].url
            if target == "websocket":
                run_websocket(base, 1, args.clients)
                result = measure(started[(server, "off")], run_websocket, base, args.seconds, args.clients)
            else:
                run_load(base + targets[target], 1, args.connections)
                result = measure(
                    started[(server, "off")], run_load, base + targets[target], args.seconds, args.connections
                )
            runs.append({"round": number, "server": server, "target": target, **result})
            print(
                f"  round {number}: {server:7} {target:9} {result['rps']:8.0f}/s "
                f"p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
                f"cpu {result['server_cpu_ms_per_request']:5.2f} ms  load {result['loadavg_1m']:.1f}",
                flush=True,
            )

    medians = {}
    lines = [
        "| target | server | per second (median) | p50 ms | p99 ms | server CPU ms each | load "
        "| per second each round |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for server, target in sorted(combinations, key=lambda c: (list(targets).index(c[1]), c[0])):
        mine = [run for run in runs if run["server"] == server and run["target"] == target]
        metrics = ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_request", "loadavg_1m")
        row = {metric: statistics.median(run[metric] for run in mine) for metric in metrics}
        row["errors"] = sum(run["errors"] + run["bad_status"] for run in mine)
        medians[f"{server}/{target}"] = row
        unit = "round trips" if target == "websocket" else "requests"
        each = ", ".join(f"{run['rps']:.0f}" for run in mine)
        lines.append(
            f"| {target} (`{targets[target]}`, {unit}) | {server} | {row['rps']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['server_cpu_ms_per_request']:.2f} | {row['loadavg_1m']:.1f} | {each} |"
        )
    lines += [
        "",
        "| target | uvicorn / daphne throughput | daphne / uvicorn server CPU per request |",
        "| --- | ---: | ---: |",
    ]
    for target in targets:
        uvicorn, daphne = medians[f"uvicorn/{target}"], medians[f"daphne/{target}"]
        cpu = daphne["server_cpu_ms_per_request"] / uvicorn["server_cpu_ms_per_request"]
        lines.append(f"| {target} | {uvicorn['rps'] / daphne['rps']:.2f} | {cpu:.2f} |")
    path = write_results(
        "asgi-servers",
        {
            "environment": environment_facts(client),
            "arguments": {k: str(v) for k, v in vars(args).items()},
            "targets": targets,
            "runs": runs,
            "medians": medians,
        },
    )
    print()
    print("\n".join(lines))
    print(f"\nRaw results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
