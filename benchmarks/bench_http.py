"""HTTP benchmark: `sibaso serve` with N workers on loopback, 64 keep-alive connections.

Usage: python benchmarks/bench_http.py [--db REGISTRY] [--persons 1000000]
       [--seconds 30] [--connections 64] [--workers 2] [--keep DIR]
       [--generator auto|wrk|python] [--rate 1500]

Without ``--db`` it builds the synthetic Langkat-shaped registry of ``--persons`` people the
way ``bench_registry.py`` does. Then it starts ``sibaso serve --workers N`` (rate limit off)
on 127.0.0.1 and a load generator runs for ``--seconds`` on each phase: ``wrk`` (Debian
package ``wrk``; a Lua script picks a random body per request) when installed, else a small
asyncio HTTP/1.1 client on raw keep-alive sockets (lighter than an HTTP client library, but
it still takes a good part of a core from the server):

* ``POST /v1/lookup`` (public, masked) with random NIKs of the population, as fast as the
  connections go, then (with wrk) paced to about ``--rate`` requests/s;
* ``POST /v1/complaints`` (filing), then checks that every 201 answer is a row in the
  database (none lost; with the Python generator also that no ticket appears twice).

Prints requests/s, p50/p99 latency and errors per phase. Loopback only; bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sibaso

HERE = Path(__file__).parent


def build(folder: Path, persons: int, enrolments: int) -> Path:
    sys.path.insert(0, str(HERE))
    from bench_registry import ingest_all, write_files

    files = write_files(folder, persons, enrolments, 2017)
    db = folder / "registry.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    registry = ingest_all(str(db), files, "SQLite")
    start = time.perf_counter()
    registry.lookup(registry.store.query("SELECT nik FROM person LIMIT 1")[0][0])
    print(f"reach index build  {time.perf_counter() - start:7.1f} s")
    registry.close()
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SIBASO_HTTP_RATE_LIMIT="0")
    command = [
        sys.executable,
        "-c",
        "from sibaso.cli import main; main()",
        "serve",
        "--db",
        db,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    time.sleep(1.0)  # let every worker finish starting
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def request_bytes(path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def one_connection(
    port: int, bodies: list[bytes], path: str, until: float, out: dict[str, list]
) -> None:
    rnd = random.Random()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            data = request_bytes(path, rnd.choice(bodies))
            start = time.perf_counter()
            writer.write(data)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            out["latency"].append(time.perf_counter() - start)
            out["status"].append(status)
            if status == 201:
                out["tickets"].append(json.loads(body)["ticket"])
    except (OSError, asyncio.IncompleteReadError) as exc:
        out["errors"].append(repr(exc))
    finally:
        writer.close()


async def run_phase(port: int, path: str, bodies: list[bytes], seconds: float, conns: int):
    out: dict[str, list] = {"latency": [], "status": [], "tickets": [], "errors": []}
    until = time.monotonic() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(one_connection(port, bodies, path, until, out) for _ in range(conns)))
    return out, time.perf_counter() - start


WRK_SCRIPT = """
local bodies = {}
for line in io.lines(os.getenv("SIBASO_BENCH_BODIES")) do bodies[#bodies + 1] = line end
math.randomseed(os.time())
local pause = tonumber(os.getenv("SIBASO_BENCH_PAUSE_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d\\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""


def run_wrk(
    port: int,
    path: str,
    bodies: list[bytes],
    seconds: float,
    conns: int,
    label: str,
    rate: float = 0,
) -> int:
    """Run wrk; returns the number of 2xx answers. ``rate`` > 0 paces the connections to
    about that many requests per second in all (each waits conns/rate between requests)."""
    with tempfile.TemporaryDirectory(prefix="sibaso-wrk-") as tmp:
        folder = Path(tmp)
        (folder / "bodies.jsonl").write_bytes(b"\n".join(bodies) + b"\n")
        (folder / "post.lua").write_text(WRK_SCRIPT)
        pause = max(1, int(conns * 1000 / rate) - 1) if rate > 0 else 0  # minus ~ the latency
        env = dict(
            os.environ,
            SIBASO_BENCH_BODIES=str(folder / "bodies.jsonl"),
            SIBASO_BENCH_PAUSE_MS=str(pause),
        )
        command = [
            "wrk",
            "-t2",
            f"-c{conns}",
            f"-d{int(seconds)}s",
            "--timeout",
            "10s",
            "-s",
            str(folder / "post.lua"),
            f"http://127.0.0.1:{port}{path}",
        ]
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        line = next(x for x in output.splitlines() if x.startswith("WRK "))
        requests, status_errors, socket_errors, micros, p50, p99 = map(int, line.split()[1:])
        print(
            f"{label:<18} {requests / (micros / 1e6):>8,.0f} req/s   p50 {p50 / 1000:6.1f} ms   "
            f"p99 {p99 / 1000:6.1f} ms   requests {requests:,}   "
            f"errors {status_errors + socket_errors}   (wrk)"
        )
        return requests - status_errors


def report(label: str, out: dict[str, list], elapsed: float, ok: int) -> int:
    lat = sorted(out["latency"])
    errors = sum(1 for s in out["status"] if s != ok) + len(out["errors"])
    p50 = statistics.median(lat) * 1000 if lat else 0.0
    p99 = lat[int(len(lat) * 0.99)] * 1000 if lat else 0.0
    print(
        f"{label:<18} {len(lat) / elapsed:>8,.0f} req/s   p50 {p50:6.1f} ms   "
        f"p99 {p99:6.1f} ms   requests {len(lat):,}   errors {errors}"
    )
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing registry (SQLite file)")
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--enrolments", type=int)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", help="folder to keep the generated registry in")
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--rate",
        type=float,
        default=1500,
        help="with wrk, also a lookup phase paced to about this many requests/s (0: none)",
    )
    args = parser.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        folder = Path(args.keep or tempfile.mkdtemp(prefix="sibaso-bench-http-"))
        folder.mkdir(parents=True, exist_ok=True)
        db = build(folder, args.persons, args.enrolments or args.persons * 3 // 2)
    with sibaso.open(str(db)) as registry:
        niks = [r[0] for r in registry.store.query("SELECT nik FROM person LIMIT 20000")]
        before = registry.store.count("complaint")
    lookups = [json.dumps({"nik": n}).encode() for n in niks]
    filings = [
        json.dumps(
            {
                "reporter_nik": n,
                "reporter_name": "Pelapor Uji",
                "phone": "0812 3456 7890",
                "category": "bantuan-tidak-diterima",
                "programme": "PKH",
                "text": "Bantuan tahap 2 belum masuk ke rekening.",
            }
        ).encode()
        for n in niks[:2000]
    ]
    port = free_port()
    server = start_server(str(db), port, args.workers)
    print(
        f"server: {args.workers} workers, {args.connections} connections, "
        f"{args.seconds:.0f} s per phase, {len(niks):,} NIKs sampled"
    )
    use_wrk = args.generator == "wrk" or (args.generator == "auto" and shutil.which("wrk"))
    duplicates = "n/a"
    try:
        if use_wrk:
            run_wrk(port, "/v1/lookup", lookups, args.seconds, args.connections, "lookup (public)")
            if args.rate:
                run_wrk(
                    port,
                    "/v1/lookup",
                    lookups,
                    args.seconds,
                    args.connections,
                    f"lookup @{args.rate:,.0f}/s",
                    args.rate,
                )
            answered = run_wrk(
                port,
                "/v1/complaints",
                filings,
                args.seconds,
                args.connections,
                "complaint filing",
            )
        else:
            out, elapsed = asyncio.run(
                run_phase(port, "/v1/lookup", lookups, args.seconds, args.connections)
            )
            report("lookup (public)", out, elapsed, 200)
            out, elapsed = asyncio.run(
                run_phase(port, "/v1/complaints", filings, args.seconds, args.connections)
            )
            report("complaint filing", out, elapsed, 201)
            answered = len(out["tickets"])
            duplicates = str(answered - len(set(out["tickets"])))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    with sibaso.open(str(db)) as registry:
        stored = registry.store.count("complaint") - before
    # wrk drops the requests in flight when time is up; the server may still store them
    lost = max(0, answered - stored)
    print(
        f"filing check       {answered:,} answered 201, {stored:,} stored, lost {lost}, "
        f"duplicate tickets {duplicates}"
    )


if __name__ == "__main__":
    main()
