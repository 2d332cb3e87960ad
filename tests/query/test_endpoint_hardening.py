"""The endpoint cannot be turned against its host or knocked over (issue 14, items 1, 3, 4):
federation off unless allowed, no CORS unless asked, bad parameters answered before any
worker, read timeouts, a size limit in bytes, 503 + Retry-After when saturated, and one
current view of the store across workers. All through real HTTP on loopback."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph.build import article_iri, article_quads
from kgraph.graph.store import GraphStore
from kgraph.query.server import make_server

from .conftest import article_a, article_b

KGRAPH = str(Path(sys.executable).with_name("kgraph"))
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Listener:
    """A local HTTP service that records every request made to it (the would-be victim of SSRF)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                n = int(self.headers.get("Content-Length") or 0)
                hits.append((self.command, self.path, self.rfile.read(n) if n else b""))
                body = json.dumps(
                    {
                        "head": {"vars": ["s"]},
                        "results": {"bindings": [{"s": {"type": "literal", "value": "secret from the listener"}}]},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/internal"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


class Running:
    def __init__(self, store_path, **kwargs):
        kwargs.setdefault("timeout", 2.0)
        kwargs.setdefault("workers", 1)
        self.server = make_server(store_path, "127.0.0.1", 0, log=False, **kwargs)
        self.url = self.server.url
        self.base = self.url.rsplit("/", 1)[0]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture()
def serve(hand_store_path):
    started = []

    def start(store_path=None, **kwargs) -> Running:
        r = Running(store_path or hand_store_path, **kwargs)
        started.append(r)
        return r

    yield start
    for r in started:
        r.close()


def get(
    url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None, timeout: float = 30
):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def q(run: Running, query: str, **extra) -> str:
    return run.url + "?" + urllib.parse.urlencode({"query": query, **extra}, doseq=True)


def worker_pids(run: Running) -> set[int]:
    return {w.process.pid for w in run.server.pool._all}


# ------------------------------------------------------------------ 1. federation and CORS
SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * { service silent <{url}> { ?s ?p ?o } }",
    "PREFIX here: <{base}/> SELECT * { SERVICE here:internal { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <{url}> { ?s ?p ?o } }",  # a codepoint escape is the keyword too
    "SELECT * { BIND(<{url}> AS ?svc) SERVICE ?svc { ?s ?p ?o } }",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_and_nothing_is_fetched(serve, listener, form):
    run = serve()
    query = form.replace("{url}", listener.url).replace("{base}", listener.url.rsplit("/", 1)[0])
    for status, _, body in (
        get(q(run, query)),
        get(run.url, data=query.encode(), headers={"Content-Type": "application/sparql-query"}),
    ):
        assert status == 400
        assert "--allow-service" in body.decode() and "SERVICE" in body.decode()
    assert listener.hits == []


def test_allowed_service_host_is_queried(serve, listener):
    run = serve(allow_service=("127.0.0.1",))
    status, _, body = get(q(run, f"SELECT ?s WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    assert status == 200, body
    assert listener.hits and listener.hits[0][1] == "/internal"
    assert json.loads(body)["results"]["bindings"][0]["s"]["value"] == "secret from the listener"
    # another host is still refused
    status, _, body = get(q(run, "SELECT * { SERVICE <http://localhost:9/x> { ?s ?p ?o } }"))
    assert status == 400 and b"allowed hosts: 127.0.0.1" in body


def test_kgraph_query_refuses_service(hand_store_path, listener):
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    run = CliRunner().invoke(main, ["query", "--store", str(hand_store_path), query])
    assert run.exit_code == 1
    assert run.stderr.strip().splitlines() == [
        f"Error: federated query (SERVICE <{listener.url}>) is off: this query would make kgraph fetch from "
        "127.0.0.1; allow it with --allow-service 127.0.0.1"
    ]
    assert listener.hits == []
    args = ["query", "--store", str(hand_store_path), "--allow-service", "127.0.0.1", "--format", "csv", query]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.stderr
    assert "secret from the listener" in run.stdout and len(listener.hits) == 1


def test_no_cors_unless_asked(serve):
    run = serve()
    status, headers, _ = get(q(run, "ASK {}"), headers={"Origin": "https://evil.example"})
    assert status == 200 and headers.get("Access-Control-Allow-Origin") is None
    status, headers, _ = get(
        run.url, method="OPTIONS", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert headers.get("Access-Control-Allow-Origin") is None


def test_cors_for_the_origins_given(serve):
    run = serve(cors=("https://ok.example",))
    status, headers, _ = get(q(run, "ASK {}"), headers={"Origin": "https://ok.example"})
    assert status == 200 and headers.get("Access-Control-Allow-Origin") == "https://ok.example"
    _, headers, _ = get(q(run, "ASK {}"), headers={"Origin": "https://evil.example"})
    assert headers.get("Access-Control-Allow-Origin") is None
    status, headers, _ = get(
        run.url,
        method="OPTIONS",
        headers={
            "Origin": "https://ok.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert status == 200 and headers.get("Access-Control-Allow-Origin") == "https://ok.example"


# ------------------------------------------------------------------ 4. bad parameters, timeouts, limits
@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"query": "ASK {}", "default-graph-uri": "not an iri"}, 400, "default-graph-uri 'not an iri' is not an IRI"),
        ({"query": "ASK {}", "named-graph-uri": "http://a b"}, 400, "named-graph-uri 'http://a b' is not an IRI"),
        ({"query": ["ASK {}", "ASK {}"]}, 400, "give one query parameter, not 2"),
        ({"query": "  "}, 400, "the query parameter is empty"),
    ],
)
def test_bad_parameters_never_reach_a_worker(serve, params, status, message):
    run = serve(workers=2)
    pids = worker_pids(run)
    for _ in range(5):
        got, _, body = get(run.url + "?" + urllib.parse.urlencode(params, doseq=True))
        assert (got, body.decode().strip()) == (
            status,
            message
            + (
                " (an absolute IRI such as https://w3id.org/kgraph/id/article/ID is expected)"
                if "IRI" in message
                else ""
            ),
        )
    assert worker_pids(run) == pids and run.server.pool.killed == 0
    assert get(q(run, "ASK { ?a a kg:Article }"))[0] == 200


def test_bad_named_query_parameters_never_reach_a_worker(serve):
    run = serve()
    pids = worker_pids(run)
    assert get(run.base + "/named/nope")[0] == 404
    assert get(run.base + "/named/events_in_place?place=Kursk&from=not-a-date")[0] == 400
    assert worker_pids(run) == pids


def _raw(run: Running, data: bytes, wait: float) -> tuple[bytes, float]:
    host, port = run.server.server_address[:2]
    start = time.monotonic()
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                pytest.fail(f"the server held the connection open past {wait} s")
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks), time.monotonic() - start


@pytest.mark.slow  # waits out the 1 s read timeout
def test_a_body_shorter_than_its_content_length_does_not_hang(serve):
    run = serve(read_timeout=1.0)
    req = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 1000\r\n\r\nASK {}"
    )
    reply, took = _raw(run, req, wait=8)
    assert reply.startswith(b"HTTP/1.1 408 ") and b"Content-Length larger than the body" in reply
    assert took < 5  # answered at the read timeout, and the connection closed
    assert get(q(run, "ASK {}"))[0] == 200


@pytest.mark.slow  # waits out the 1 s read timeout
def test_headers_that_never_end_do_not_hold_a_connection(serve):
    run = serve(read_timeout=1.0)
    reply, took = _raw(run, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n", wait=8)
    assert reply == b"" and took < 5


def test_size_limit_in_bytes(serve):
    run = serve(max_bytes=3000, max_rows=10000)
    status, _, body = get(q(run, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 500 and body.decode().startswith("Result too large: the result is larger than 3000 bytes")
    assert get(q(run, "SELECT * WHERE { ?s ?p ?o } LIMIT 3"))[0] == 200


@pytest.mark.slow  # a query held to its 3 s time limit
def test_saturated_endpoint_answers_503_with_retry_after(serve):
    run = serve(workers=1, queue=0, timeout=3.0)
    slow = threading.Thread(target=get, args=(q(run, SLOW),), daemon=True)
    slow.start()
    time.sleep(0.5)
    start = time.monotonic()
    status, headers, body = get(q(run, "ASK {}"))
    assert status == 503 and headers.get("Retry-After") == "1" and body.startswith(b"Busy:")
    assert time.monotonic() - start < 1.0  # refused at once, not after the slow query
    slow.join(10)
    assert get(q(run, "ASK {}"))[0] == 200


# ------------------------------------------------------------------ 3b. one current view
@pytest.mark.slow  # three worker processes and a query held to its 2 s time limit
def test_every_worker_answers_from_the_current_store(tmp_path, serve):
    path = tmp_path / "store"
    writer = GraphStore(path)
    art, ex = article_a()
    writer.replace_graph(article_iri(art.id), article_quads(art, ex))
    writer.flush()
    del writer
    run = serve(path, workers=3)
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"

    def counts(k: int) -> list[str]:
        out = []
        for _ in range(k):
            status, _, body = get(q(run, count))
            assert status == 200, body
            out.append(json.loads(body)["results"]["bindings"][0]["n"]["value"])
        return out

    assert counts(6) == ["1"] * 6
    writer = GraphStore(path)  # another process's build would do the same
    art, ex = article_b()
    writer.replace_graph(article_iri(art.id), article_quads(art, ex))
    writer.flush()
    del writer
    assert counts(9) == ["2"] * 9
    # a respawned worker (after a query is stopped at the time limit) sees the same data
    assert get(q(run, SLOW))[0] == 503
    assert counts(9) == ["2"] * 9


# ------------------------------------------------------------------ kgraph query
@pytest.mark.slow  # the installed command waits its 1 s time limit out
def test_kgraph_query_timeout(hand_store_path):
    start = time.monotonic()
    run = subprocess.run(
        [KGRAPH, "query", "--store", str(hand_store_path), "--timeout", "1", SLOW],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == "Error: query stopped after 1 s (the --timeout limit); narrow it or add LIMIT"
    assert time.monotonic() - start < 30
    run = subprocess.run(
        [
            KGRAPH,
            "query",
            "--store",
            str(hand_store_path),
            "--timeout",
            "30",
            "--format",
            "csv",
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and run.stdout.split() == ["n", "2"]


def test_kgraph_query_bad_graph_iri(hand_store_path):
    run = CliRunner().invoke(main, ["query", "--store", str(hand_store_path), "--graph", "http://a b", "ASK {}"])
    assert run.exit_code == 2 and isinstance(run.exception, SystemExit), run.exception  # not a traceback
    assert run.stderr.strip().splitlines()[-1] == (
        "Error: Invalid value for --graph: --graph 'http://a b' is not an IRI (an absolute IRI such as "
        "https://w3id.org/kgraph/id/article/ID is expected)"
    )
