"""A read-only SPARQL 1.1 Protocol endpoint over the store (`kgraph serve`).

- Queries by GET (`?query=`), by POST form (`query=`) or by POST `application/sparql-query`,
  at `/sparql`, `/query` or `/`; `default-graph-uri` / `named-graph-uri` are honoured,
  otherwise the default graph is the union of the article graphs.
- Content negotiation (Accept, or a `format`/`output` parameter as many clients send):
  SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle
  (default), N-Triples, RDF/XML or JSON-LD; 406 when none of them is acceptable.
- Read-only: SPARQL Update (`update=`, `application/sparql-update`) and every PUT, DELETE,
  PATCH or POST to another path (a Graph Store write) get 403.
- A time limit: each query runs in a worker process that is killed at the limit (503);
  a thread could not be stopped and would keep a core busy. A row limit: a result with
  more rows or triples than allowed gets 500 with the reason, never a truncated answer.
- Named queries: `GET /named` lists them (JSON), `GET /named/NAME?PARAM=VALUE` runs one
  with its parameters bound as RDF terms.
- `GET /` without a query: a small HTML page with a query box.

Built on the standard library's ThreadingHTTPServer; loopback (127.0.0.1) by default.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import queue
import signal
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import KGraphError, NotFoundError, QueryError, StoreError
from .sparql import MEDIA_TYPES, QuerySyntaxError, RowLimitError, run_query, serialize_results

__all__ = ["SparqlServer", "QueryPool", "make_server", "negotiate", "execute_job"]

MAX_BODY = 1 << 20  # bytes of POST body accepted
_SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
    "application/javascript": "json", "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "table",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle", "text/n3": "turtle",
    "application/n-triples": "nt", "text/plain": "nt", "application/rdf+xml": "xml", "application/xml": "xml",
    "text/xml": "xml", "application/ld+json": "json", "application/json": "json",
}
_FORMAT_WORDS = {  # values of the format/output/results parameters clients send
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "table": "table", "text": "table"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "nt", "ntriples": "nt",
              "n-triples": "nt", "xml": "xml", "rdf+xml": "xml", "rdf": "xml", "json": "json",
              "json-ld": "json", "jsonld": "json"},
}
_DEFAULT = {"select": "json", "graph": "turtle"}


def negotiate(accept: str | None, form: str, format_params: list[str] | tuple[str, ...] = ()) -> str | None:
    """The result format for a query `form` ("select", "ask", "graph"): from a format
    parameter if one is recognised, else the Accept header (q-values honoured); None when
    nothing offered is acceptable (406)."""
    kind = "graph" if form == "graph" else "select"
    types = _GRAPH_TYPES if kind == "graph" else _SELECT_TYPES
    for value in format_params:
        v = value.strip().lower()
        if v in _FORMAT_WORDS[kind]:
            return _FORMAT_WORDS[kind][v]
        if v.split(";")[0].strip() in types:
            return types[v.split(";")[0].strip()]
    if not accept or not accept.strip():
        return _DEFAULT[kind]
    offers = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0] and q > 0:
            offers.append((-q, i, bits[0].lower()))
    for _, _, mt in sorted(offers):
        if mt in types:
            return types[mt]
        if mt in ("*/*", "application/*", "text/*"):
            if mt == "text/*":
                return "turtle" if kind == "graph" else "csv"
            return _DEFAULT[kind]
    return None


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def execute_job(store, job: dict, max_rows: int | None) -> Reply:
    """Run one request's query on a GraphStore and serialise the answer (in a worker)."""
    try:
        if job.get("named"):
            from .named import get_named
            nq = get_named(job["named"])
            res = run_query(store, nq.sparql, nq.bindings(job.get("params") or {}), max_rows=max_rows)
        else:
            res = run_query(store, job["query"], default_graphs=job.get("default_graphs") or None,
                            named_graphs=job.get("named_graphs") or None, max_rows=max_rows)
    except QuerySyntaxError as exc:
        return _text(400, f"{exc}\n{exc.excerpt}" if exc.excerpt else str(exc))
    except RowLimitError as exc:
        return _text(500, f"Result too large: {exc}")
    except NotFoundError as exc:
        return _text(404, str(exc))
    except QueryError as exc:
        return _text(400, str(exc))
    except KGraphError as exc:
        return _text(500, str(exc))
    fmt = negotiate(job.get("accept"), res.form, job.get("formats") or ())
    kind = "graph" if res.form == "graph" else "select"
    if fmt is None:
        offered = ", ".join(sorted({mt.split(";")[0] for (k, _), mt in MEDIA_TYPES.items() if k == kind}))
        return _text(406, f"none of the accepted types ({job.get('accept')}) fits a {res.form.upper()} result; "
                          f"offered: {offered}")
    try:
        body = serialize_results(res, fmt)
    except KGraphError as exc:
        return _text(500, str(exc))
    return Reply(200, MEDIA_TYPES[(kind, fmt)], body)


# ------------------------------------------------------------------ worker processes
def _worker_main(conn, store_path: str, max_rows: int | None) -> None:
    """A worker: open the store read-only, answer jobs until told to stop (None) or killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    from ..graph.store import GraphStore
    try:
        store = GraphStore(store_path, read_only=True)
    except KGraphError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(execute_job(store, job, max_rows))


class _Worker:
    def __init__(self, process, conn):
        self.process, self.conn = process, conn
        self._lock = threading.Lock()
        self._closed = False

    def close_conn(self) -> None:
        """Close the pipe once, whichever thread gets here first (the pool closing, or a
        starter thread discarding a worker that became ready after the close)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self.conn.close()
            except OSError:
                pass

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        finally:
            self.close_conn()


class QueryPool:
    """Worker processes that each hold the store open read-only; a query that runs past
    its time limit is stopped by killing its worker, and a fresh one takes its place."""

    def __init__(self, store_path: str | Path, size: int = 2, max_rows: int | None = 10000,
                 start_timeout: float = 60.0):
        self.store_path, self.max_rows, self.start_timeout = str(store_path), max_rows, start_timeout
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if self._ctx.get_start_method() == "forkserver":
            self._ctx.set_forkserver_preload(["kgraph.query.server", "kgraph.graph.store"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.error: str | None = None
        self.killed = 0  # workers stopped at the time limit
        first = self._spawn(wait=True)  # fails fast when the store cannot be opened
        if first is None:
            raise StoreError(self.error or f"cannot start a query worker for {self.store_path}")
        for _ in range(max(size, 1) - 1):
            self._spawn()

    def _spawn(self, wait: bool = False) -> _Worker | None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.store_path, self.max_rows),
                                 daemon=True, name="kgraph-sparql-worker")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._all.add(w)
        if wait:
            return w if self._await_ready(w) else None
        threading.Thread(target=self._await_ready, args=(w,), daemon=True).start()
        return w

    def _await_ready(self, w: _Worker) -> bool:
        try:
            if w.conn.poll(self.start_timeout):
                kind, value = w.conn.recv()
                if kind == "ready" and not self._closed:
                    self._idle.put(w)
                    return True
                self.error = value if kind == "error" else self.error
        except (EOFError, OSError):
            self.error = self.error or "a query worker exited while starting"
        self._discard(w)
        return False

    def _discard(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.kill()

    def run(self, job: dict, timeout: float) -> Reply:
        """Answer `job` within `timeout` seconds of query time, else kill its worker (503)."""
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, f"Busy: no query worker became free within {timeout:g} s; try again later")
        try:
            w.conn.send(job)
            if w.conn.poll(timeout):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            self._discard(w)
            self._spawn()
            return _text(500, "the query worker stopped unexpectedly")
        self._discard(w)
        self.killed += 1
        if not self._closed:
            self._spawn()
        return _text(503, f"Query timed out: stopped after {timeout:g} s, the time limit of this endpoint "
                          "(kgraph serve --timeout). Narrow the query or add LIMIT.")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        deadline = time.monotonic() + 2
        for w in workers:
            w.process.join(max(deadline - time.monotonic(), 0))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            w.close_conn()


# ------------------------------------------------------------------ HTTP
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgraph SPARQL</title>
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}textarea{width:100%;height:14em;
font:13px monospace}pre{background:#f4f4f4;padding:.5em;overflow:auto}</style></head>
<body><h1>kgraph SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol at <code>/sparql</code> (GET or POST), read-only. Prefixes predeclared:
<code>__PREFIXES__</code>. The default graph is the union of the article graphs.
Time limit __TIMEOUT__ s, at most __ROWS__ rows.</p>
<form action="/sparql" method="post"><textarea name="query">SELECT ?speaker ?cue ?text WHERE {
  ?s a kg:Statement ; schema:text ?text ; kg:cue ?cue ;
     prov:wasAttributedTo/rdfs:label ?speaker .
} LIMIT 20</textarea>
<p><label>Results as <select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option><option value="table">text</option></select></label> <button>Run query</button>
(CONSTRUCT/DESCRIBE: Turtle)</p></form>
<h2>Named queries</h2><p><code>GET /named/NAME?param=value</code>; list: <a href="/named">/named</a></p>
<ul>__NAMED__</ul></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kgraph-sparql"
    protocol_version = "HTTP/1.1"

    # -- plumbing -----------------------------------------------------------------
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        if self.server.log:
            super().log_message(format, *args)

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def _forbidden(self, what: str) -> None:
        self.close_connection = True  # an unread request body must not be taken for the next request
        self._send(_text(403, f"Forbidden: this endpoint is read-only ({what} refused)"))

    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._send(_text(413, f"request body too large or without a valid Content-Length (limit {MAX_BODY} bytes)"))
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _path(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path.rstrip("/") or "/", urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    # -- methods ------------------------------------------------------------------
    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802
        path, params = self._path()
        if "query" in params or path.startswith("/named"):
            self._send(_text(405, "HEAD is not answered for queries; use GET"), head_only=True)
        else:
            self._send(self._page(), head_only=True)

    def do_GET(self) -> None:  # noqa: N802
        path, params = self._path()
        if "update" in params:
            return self._forbidden("SPARQL Update")
        if path == "/named":
            return self._send(self._named_list())
        if path.startswith("/named/"):
            return self._run({"named": urllib.parse.unquote(path[len("/named/"):]),
                              "params": {k: v[0] for k, v in params.items() if k not in ("format", "output", "results")}},
                             params)
        if path not in ("/", "/sparql", "/query"):
            return self._send(_text(404, f"no such page {path}; the endpoint is /sparql"))
        if "query" not in params:
            return self._send(self._page())
        self._run({"query": params["query"][0]}, params)

    def do_POST(self) -> None:  # noqa: N802
        path, params = self._path()
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if body is None:
            return
        if path not in ("/", "/sparql", "/query"):
            return self._forbidden(f"POST to {path}")
        if ctype == "application/sparql-update" or "update" in params:
            return self._forbidden("SPARQL Update")
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return self._forbidden("SPARQL Update")
            if "query" not in form:
                return self._send(_text(400, "POST form without a query parameter"))
            merged = {**params, **form}
            return self._run({"query": form["query"][0]}, merged)
        if ctype == "application/sparql-query":
            return self._run({"query": body.decode("utf-8", "replace")}, params)
        return self._send(_text(415, f"unsupported Content-Type {ctype or '(none)'}: send "
                                     "application/sparql-query or an application/x-www-form-urlencoded form"))

    def do_PUT(self) -> None:  # noqa: N802
        self._forbidden("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._forbidden("DELETE")

    def do_PATCH(self) -> None:  # noqa: N802
        self._forbidden("PATCH")

    # -- work ---------------------------------------------------------------------
    def _run(self, job: dict, params: dict[str, list[str]]) -> None:
        job["accept"] = self.headers.get("Accept")
        job["formats"] = [v for k in ("format", "output", "results") for v in params.get(k, [])]
        job["default_graphs"] = params.get("default-graph-uri") or None
        job["named_graphs"] = params.get("named-graph-uri") or None
        self._send(self.server.pool.run(job, self.server.timeout))

    def _named_list(self) -> Reply:
        from .named import load_named
        data = [{"name": q.name, "title": q.title, "description": q.description, "path": f"/named/{q.name}",
                 "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                            for p in q.params]} for q in load_named().values()]
        return Reply(200, "application/json", json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))

    def _page(self) -> Reply:
        from ..graph.terms import PREFIXES
        from .named import load_named
        items = "".join(
            f"<li><a href=\"/named/{html.escape(q.name)}\"><code>{html.escape(q.name)}</code></a>: "
            f"{html.escape(q.title)}"
            + (" (" + ", ".join(html.escape(f"{p.name}: {p.type}") for p in q.params) + ")" if q.params else "")
            + "</li>" for q in load_named().values())
        page = (_PAGE.replace("__PREFIXES__", html.escape(" ".join(f"{p}:" for p in PREFIXES)))
                .replace("__TIMEOUT__", f"{self.server.timeout:g}")
                .replace("__ROWS__", str(self.server.max_rows)).replace("__NAMED__", items))
        return Reply(200, "text/html; charset=utf-8", page.encode("utf-8"))


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server with a pool of query workers over one store."""

    daemon_threads = True

    def __init__(self, store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, *,
                 timeout: float = 10.0, max_rows: int = 10000, workers: int = 2, log: bool = True):
        if timeout <= 0 or max_rows <= 0:
            raise QueryError("the time limit and the row limit must be positive")
        self.timeout, self.max_rows, self.log = timeout, max_rows, log
        self.pool = QueryPool(store_path, size=workers, max_rows=max_rows)
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            self.pool.close()
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, **kwargs) -> SparqlServer:
    """A SparqlServer bound to host:port (port 0: a free one; see `.url`), not yet serving."""
    path = Path(store_path)
    if not path.is_dir():
        raise StoreError(f"no store at {path} (run `kgraph build` first or pass --store)")
    return SparqlServer(path, host, port, **kwargs)

