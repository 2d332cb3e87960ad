#!/usr/bin/env python3
"""`kgraph serve` under load on loopback: 200 concurrent clients, then bad requests mixed
with good ones. Bounded in count (ROUNDS x CLIENTS requests) and in time (each request
has a client timeout; the run stops after --deadline seconds).

    .venv/bin/python bench/bench_endpoint.py [--clients 200] [--rounds 4] [--workers 2]
    .venv/bin/python bench/bench_endpoint.py --url http://127.0.0.1:7878/sparql   # an endpoint already running

Without --url it builds the seed article into a temporary store and starts the real
`kgraph serve` (a subprocess) on a free port. Every request ends as one of: answered
(200), refused with 503 and a Retry-After header, another status, or dropped (connection
refused or reset, or no answer within the client timeout). The goal: none dropped, and
in the mixed phase every good request answered.

Measured here (2 cores shared with other work, 2026-12-01; seed store, 2 workers, queue 256,
client timeout 30-60 s):
    uvicorn + starlette (this version):
      200 clients x 4 rounds = 800 requests: 800 answered, 0 refused (503), 0 dropped
      (median 0.70 s, p95 0.95 s, max 1.06 s; each round of 200 done in 0.8-1.5 s);
      40 bad + 40 good at once: 40/40 good answered, 40/40 bad got 400, in 0.2 s
    ThreadingHTTPServer before (commit cad7956), same store and machine:
      800 requests: 566 answered, 234 dropped (no answer within 30 s), p95 14.5 s;
      40 bad + 40 good at once: 33/40 good answered; bad ones got 500 (25), 400 (8), or nothing (7)
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_815a57848530bec3.txt"
GOOD = "SELECT ?st ?text WHERE { ?st a kg:Statement ; schema:text ?text } LIMIT 10"
BAD = [  # each a different kind of bad parameter
    {"query": "ASK {}", "default-graph-uri": "not an iri"},
    {"query": "ASK {}", "named-graph-uri": "http://a b"},
    {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"},
    {"query": "SELECT * WHERE { ?s ?p }"},
]


def request(url: str, params: dict, timeout: float) -> tuple[str, float]:
    """One GET on a fresh connection: 'ok', '503', 'status NNN' or 'dropped: reason'."""
    parts = urllib.parse.urlsplit(url)
    start = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            parts.path + "?" + urllib.parse.urlencode(params),
            headers={"Accept": "application/sparql-results+json"},
        )
        resp = conn.getresponse()
        resp.read()
        if resp.status == 200:
            kind = "ok"
        elif resp.status == 503 and resp.getheader("Retry-After"):
            kind = "503"
        else:
            kind = f"status {resp.status}"
    except (OSError, http.client.HTTPException) as exc:
        kind = f"dropped: {type(exc).__name__}"
    finally:
        conn.close()
    return kind, time.monotonic() - start


def burst(url: str, jobs: list[dict], timeout: float) -> list[tuple[str, float]]:
    """Send all `jobs` at once, one thread each, released together."""
    results: list = [None] * len(jobs)
    gate = threading.Barrier(len(jobs))

    def one(i: int) -> None:
        gate.wait()
        results[i] = request(url, jobs[i], timeout)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 30)
    return [r or ("dropped: no answer", timeout) for r in results]


def tally(results: list[tuple[str, float]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, _ in results:
        out[kind] = out.get(kind, 0) + 1
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = Path(sys.executable).with_name("kgraph")
    proc = subprocess.Popen(
        [str(exe), "serve", "--store", str(store), "--port", str(port), "--workers", str(workers), "--quiet"],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("kgraph serve did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an endpoint already running (else the seed store is served)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="client timeout per request (s)")
    ap.add_argument("--deadline", type=float, default=600.0, help="stop after this many seconds")
    args = ap.parse_args()
    proc = None
    tmp = tempfile.TemporaryDirectory(prefix="kgraph-bench-endpoint-")
    try:
        url = args.url
        if not url:
            from kgraph.graph.store import GraphStore
            from kgraph.workflow import build_paths

            store_path = Path(tmp.name) / "store"
            store = GraphStore(store_path)
            build_paths([SEED], store, published="2024-11-18")
            store.flush()
            del store
            proc, url = start_server(store_path, args.workers)
        print(f"endpoint {url}")
        began = time.monotonic()
        all_results = []
        for r in range(args.rounds):
            if time.monotonic() - began > args.deadline:
                print("deadline reached")
                break
            t0 = time.monotonic()
            res = burst(url, [{"query": GOOD}] * args.clients, args.timeout)
            all_results += res
            print(f"round {r + 1}: {args.clients} concurrent in {time.monotonic() - t0:.1f} s: {tally(res)}")
        counts = tally(all_results)
        lat = sorted(t for k, t in all_results if k == "ok")
        dropped = sum(v for k, v in counts.items() if k.startswith("dropped"))
        print(
            f"load: {len(all_results)} requests: {counts.get('ok', 0)} answered, {counts.get('503', 0)} refused "
            f"with 503 + Retry-After, {dropped} dropped, other {sum(v for k, v in counts.items() if k.startswith('status'))}"
        )
        if lat:
            print(
                f"      latency of answered: median {statistics.median(lat) * 1000:.0f} ms, "
                f"p95 {lat[int(len(lat) * 0.95) - 1] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms"
            )
        jobs = [BAD[i % len(BAD)] for i in range(40)] + [{"query": GOOD}] * 40
        t0 = time.monotonic()
        res = burst(url, jobs, args.timeout)
        bad, good = res[:40], res[40:]
        print(f"mixed: 40 bad + 40 good at once in {time.monotonic() - t0:.1f} s: good {tally(good)}, bad {tally(bad)}")
        print(f"       {sum(k == 'ok' for k, _ in good)}/40 good answered")
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        tmp.cleanup()


if __name__ == "__main__":
    main()
