"""A read-only SPARQL 1.1 Protocol endpoint over the store (`kgraph serve`).

- Queries by GET (`?query=`), by POST form (`query=`) or by POST `application/sparql-query`,
  at `/sparql`, `/query` or `/`; `default-graph-uri` / `named-graph-uri` are honoured,
  otherwise the default graph is the union of the article graphs.
- Content negotiation (Accept, or a `format`/`output` parameter as many clients send):
  SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle
  (default), N-Triples, RDF/XML or JSON-LD; 406 when none of them is acceptable.
- Read-only: SPARQL Update (`update=`, `application/sparql-update`) and every PUT, DELETE,
  PATCH or POST to another path (a Graph Store write) get 403.
- Cannot be turned against its host: federated queries (SERVICE) are refused (400) unless
  their host is allowed (`allow_service`, `--allow-service HOST`); no CORS header unless
  origins are given (`cors`, `--cors ORIGIN`).
- Bad requests never reach a query worker: malformed parameters, graph IRIs that are not
  IRIs, refused SERVICE clauses, unknown named queries and missing parameters get 4xx
  from the HTTP process.
- Limits: each query runs in a worker process that is killed at the time limit (503); a
  thread could not be stopped and would keep a core busy. A result with more rows or
  triples, or more bytes, than allowed gets 500 with the reason, never a truncated
  answer. At most `workers + queue` queries run or wait; more get 503 with Retry-After
  at once. A request must send its headers and body within `read_timeout` seconds (408
  and the connection closed), and a body is at most MAX_BODY bytes (413).
- One current view: every job carries the store's current version (its files' names,
  sizes and times); a worker whose open view is older reopens the store before
  answering, so after a build every worker, respawned or not, answers from the new data.
- Named queries: `GET /named` lists them (JSON), `GET /named/NAME?PARAM=VALUE` runs one
  with its parameters bound as RDF terms.
- `GET /` without a query: a small HTML page with a query box.

Served by uvicorn (asyncio, a listen backlog of `backlog`) with a starlette application;
loopback (127.0.0.1) by default.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import multiprocessing
import os
import queue
import signal
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..errors import KGraphError, NotFoundError, QueryError, StoreError
from .service import check_service
from .sparql import MEDIA_TYPES, QuerySyntaxError, RowLimitError, graph_iris, run_query, serialize_results

__all__ = ["SparqlServer", "QueryPool", "make_server", "negotiate", "execute_job", "store_view"]

MAX_BODY = 1 << 20  # bytes of POST body accepted
MAX_FIELDS = 200  # parameters in a query string or form
_SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json",
    "application/json": "json",
}
_FORMAT_WORDS = {  # values of the format/output/results parameters clients send
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "table": "table", "text": "table"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",
        "nt": "nt",
        "ntriples": "nt",
        "n-triples": "nt",
        "xml": "xml",
        "rdf+xml": "xml",
        "rdf": "xml",
        "json": "json",
        "json-ld": "json",
        "jsonld": "json",
    },
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
    retry_after: int | None = None  # seconds, for a 503 that a retry may get past


def _text(status: int, message: str, retry_after: int | None = None) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), retry_after)


def store_view(path: str | Path) -> tuple:
    """The version of the on-disk store at `path`: its files' names, sizes and change times
    (RocksDB writes new files or grows its log on every write; its info LOG and LOCK are
    left out). Equal views hold equal data."""
    out = []
    try:
        with os.scandir(path) as entries:
            for e in entries:
                if e.name == "LOCK" or e.name.startswith("LOG"):
                    continue
                try:
                    st = e.stat()
                except OSError:
                    continue
                out.append((e.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


def execute_job(
    store, job: dict, max_rows: int | None, max_bytes: int | None = None, allow_service: tuple[str, ...] = ()
) -> Reply:
    """Run one request's query on a GraphStore and serialise the answer (in a worker).
    Never raises: whatever goes wrong becomes a reply."""
    try:
        return _execute(store, job, max_rows, max_bytes, allow_service)
    except Exception as exc:  # noqa: BLE001 - a worker must answer, never die on a request
        first = str(exc).splitlines()[0] if str(exc) else ""
        return _text(500, f"internal error: {type(exc).__name__}: {first}")


def _execute(store, job: dict, max_rows: int | None, max_bytes: int | None, allow_service) -> Reply:
    limits = {"max_rows": max_rows, "max_bytes": max_bytes, "allow_service": allow_service}
    try:
        if job.get("named"):
            from .named import get_named

            nq = get_named(job["named"])
            res = run_query(store, nq.sparql, nq.bindings(job.get("params") or {}), **limits)
        else:
            res = run_query(
                store,
                job["query"],
                default_graphs=job.get("default_graphs") or None,
                named_graphs=job.get("named_graphs") or None,
                **limits,
            )
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
        return _text(
            406,
            f"none of the accepted types ({job.get('accept')}) fits a {res.form.upper()} result; offered: {offered}",
        )
    try:
        body = serialize_results(res, fmt)
    except KGraphError as exc:
        return _text(500, str(exc))
    if max_bytes is not None and len(body) > max_bytes:
        return _text(
            500,
            f"Result too large: the answer is {len(body)} bytes, more than {max_bytes} (the size "
            "limit, kgraph serve --max-bytes); add LIMIT or select fewer or shorter values",
        )
    return Reply(200, MEDIA_TYPES[(kind, fmt)], body)


# ------------------------------------------------------------------ worker processes
def _open_view(store_path: str):
    """Open the store read-only and return it with the view it holds; a store that
    changes while it is being opened is opened again (a few times at most)."""
    from ..graph.store import GraphStore

    for _ in range(5):
        before = store_view(store_path)
        store = GraphStore(store_path, read_only=True)
        after = store_view(store_path)
        if before == after:
            return store, after
        del store
        time.sleep(0.05)
    return GraphStore(store_path, read_only=True), store_view(store_path)


def _worker_main(
    conn, store_path: str, max_rows: int | None, max_bytes: int | None, allow_service: tuple[str, ...]
) -> None:
    """A worker: open the store read-only, answer jobs until told to stop (None) or
    killed; reopen the store first when a job names a newer view than the one it holds."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    try:
        store, view = _open_view(store_path)
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
        wanted = job.get("view")
        if wanted is not None and wanted != view:
            try:
                del store
                store, view = _open_view(store_path)
            except KGraphError as exc:
                store = None
                conn.send(
                    _text(503, f"the store is being rewritten and cannot be read now ({exc}); try again", retry_after=1)
                )
                view = None
                continue
        if store is None:
            try:
                store, view = _open_view(store_path)
            except KGraphError as exc:
                conn.send(_text(503, f"the store cannot be read now ({exc}); try again", retry_after=1))
                continue
        conn.send(execute_job(store, job, max_rows, max_bytes, allow_service))


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

    def __init__(
        self,
        store_path: str | Path,
        size: int = 2,
        max_rows: int | None = 10000,
        start_timeout: float = 60.0,
        max_bytes: int | None = None,
        allow_service: tuple[str, ...] = (),
    ):
        self.store_path, self.max_rows, self.start_timeout = str(store_path), max_rows, start_timeout
        self.max_bytes, self.allow_service = max_bytes, tuple(allow_service)
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
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, self.store_path, self.max_rows, self.max_bytes, self.allow_service),
            daemon=True,
            name="kgraph-sparql-worker",
        )
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
            return _text(
                503,
                f"Busy: no query worker became free within {timeout:g} s; try again later",
                retry_after=max(1, round(timeout)),
            )
        job = {**job, "view": store_view(self.store_path)}
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
        return _text(
            503,
            f"Query timed out: stopped after {timeout:g} s, the time limit of this endpoint "
            "(kgraph serve --timeout). Narrow the query or add LIMIT.",
        )

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


_QUERY_PATHS = ("/", "/sparql", "/query")
_FORMAT_KEYS = ("format", "output", "results")


class BadRequest(Exception):
    """A request refused before it reaches a worker: `reply` is the answer."""

    def __init__(self, reply: Reply):
        super().__init__(reply.status)
        self.reply = reply


def _parse_qs(text: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as exc:
        raise BadRequest(_text(400, f"malformed parameters: {exc} (at most {MAX_FIELDS} are accepted)")) from exc


class SparqlApp:
    """The ASGI application (starlette requests and responses) in front of a QueryPool."""

    def __init__(self, server: SparqlServer):
        self.server = server
        self.pending = 0  # queries running or waiting for a worker

    async def __call__(self, scope, receive, send) -> None:
        from starlette.requests import Request

        if scope["type"] != "http":  # lifespan and websockets are not ours
            return
        request = Request(scope, receive)
        close = False
        try:
            reply = await self.dispatch(request)
        except BadRequest as exc:
            reply, close = exc.reply, exc.reply.status in (408, 413)
        except Exception as exc:  # noqa: BLE001 - one line in the log and a 500, never a dead connection
            logging.getLogger("kgraph.serve").error("internal error: %s: %s", type(exc).__name__, exc)
            reply = _text(500, f"internal error: {type(exc).__name__}")
        await self.response(reply, close)(scope, receive, send)

    def response(self, reply: Reply, close: bool = False):
        from starlette.responses import Response

        headers = {"Content-Type": reply.content_type, "Vary": "Accept", "Cache-Control": "no-store"}
        if reply.retry_after is not None:
            headers["Retry-After"] = str(reply.retry_after)
        if close:
            headers["Connection"] = "close"
        if reply.status in (204, 405):  # OPTIONS, or a method not answered
            headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        return Response(reply.body, status_code=reply.status, headers=headers)

    # -- reading the request -------------------------------------------------------
    async def body(self, request) -> bytes:
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            raise BadRequest(
                _text(413, f"request body too large or without a valid Content-Length (limit {MAX_BODY} bytes)")
            )
        chunks: list[bytes] = []
        size = 0

        async def read() -> None:
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise BadRequest(_text(413, f"request body too large (limit {MAX_BODY} bytes)"))
                chunks.append(chunk)

        try:
            await asyncio.wait_for(read(), self.server.read_timeout)
        except TimeoutError as exc:
            raise BadRequest(
                _text(
                    408,
                    f"the request body did not arrive within {self.server.read_timeout:g} s "
                    "(is Content-Length larger than the body?)",
                )
            ) from exc
        return b"".join(chunks)

    # -- methods --------------------------------------------------------------------
    async def dispatch(self, request) -> Reply:
        method = request.method
        path = request.url.path.rstrip("/") or "/"
        params = _parse_qs(request.url.query)
        if method == "OPTIONS":  # without --cors: no cross-origin grant, just what is allowed
            return Reply(204, "text/plain; charset=utf-8", b"")
        if method in ("PUT", "DELETE", "PATCH"):
            raise BadRequest(_forbidden(method))
        if method in ("GET", "HEAD"):
            if "update" in params:
                raise BadRequest(_forbidden("SPARQL Update"))
            if method == "HEAD":
                if "query" in params or path.startswith("/named"):
                    return _text(405, "HEAD is not answered for queries; use GET")
                return self.page()
            if path == "/named":
                return self.named_list()
            if path.startswith("/named/"):
                return await self.run(
                    {
                        "named": urllib.parse.unquote(path[len("/named/") :]),
                        "params": {k: v[0] for k, v in params.items() if k not in _FORMAT_KEYS},
                    },
                    params,
                    request,
                )
            if path not in _QUERY_PATHS:
                return _text(404, f"no such page {path}; the endpoint is /sparql")
            if "query" not in params:
                return self.page()
            return await self.run({"query": self.one(params, "query")}, params, request)
        if method == "POST":
            ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            body = await self.body(request)
            if path not in _QUERY_PATHS:
                raise BadRequest(_forbidden(f"POST to {path}"))
            if ctype == "application/sparql-update" or "update" in params:
                raise BadRequest(_forbidden("SPARQL Update"))
            if ctype == "application/x-www-form-urlencoded":
                form = _parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    raise BadRequest(_forbidden("SPARQL Update"))
                if "query" not in form:
                    return _text(400, "POST form without a query parameter")
                return await self.run({"query": self.one(form, "query")}, {**params, **form}, request)
            if ctype == "application/sparql-query":
                return await self.run({"query": body.decode("utf-8", "replace")}, params, request)
            return _text(
                415,
                f"unsupported Content-Type {ctype or '(none)'}: send "
                "application/sparql-query or an application/x-www-form-urlencoded form",
            )
        return _text(405, f"method {method} is not answered here; use GET or POST")

    @staticmethod
    def one(params: dict[str, list[str]], name: str) -> str:
        values = params.get(name) or [""]
        if len(values) > 1:
            raise BadRequest(_text(400, f"give one {name} parameter, not {len(values)}"))
        if not values[0].strip():
            raise BadRequest(_text(400, f"the {name} parameter is empty"))
        return values[0]

    # -- work -------------------------------------------------------------------------
    def check(self, job: dict) -> None:
        """Refuse, in this process, what would only make a worker fail."""
        try:
            graph_iris(job.get("default_graphs"), "default-graph-uri")
            graph_iris(job.get("named_graphs"), "named-graph-uri")
            if job.get("named"):
                from .named import get_named

                nq = get_named(job["named"])
                nq.bindings(job.get("params") or {})
            else:
                check_service(job["query"], self.server.allow_service)
        except NotFoundError as exc:
            raise BadRequest(_text(404, str(exc))) from exc
        except KGraphError as exc:
            raise BadRequest(_text(400, str(exc))) from exc

    async def run(self, job: dict, params: dict[str, list[str]], request) -> Reply:
        import anyio

        job["accept"] = request.headers.get("accept")
        job["formats"] = [v for k in _FORMAT_KEYS for v in params.get(k, [])]
        job["default_graphs"] = params.get("default-graph-uri") or None
        job["named_graphs"] = params.get("named-graph-uri") or None
        self.check(job)
        srv = self.server
        if self.pending >= srv.capacity:
            return _text(
                503,
                f"Busy: {self.pending} queries are running or waiting (the limit of this endpoint, "
                f"--workers {srv.workers} plus --queue {srv.queue}); try again shortly",
                retry_after=1,
            )
        self.pending += 1
        try:
            return await anyio.to_thread.run_sync(srv.pool.run, job, srv.timeout, limiter=srv.limiter)
        finally:
            self.pending -= 1

    def named_list(self) -> Reply:
        from .named import load_named

        data = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "path": f"/named/{q.name}",
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                    for p in q.params
                ],
            }
            for q in load_named().values()
        ]
        return Reply(200, "application/json", json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))

    def page(self) -> Reply:
        from ..graph.terms import PREFIXES
        from .named import load_named

        items = "".join(
            f'<li><a href="/named/{html.escape(q.name)}"><code>{html.escape(q.name)}</code></a>: '
            f"{html.escape(q.title)}"
            + (" (" + ", ".join(html.escape(f"{p.name}: {p.type}") for p in q.params) + ")" if q.params else "")
            + "</li>"
            for q in load_named().values()
        )
        page = (
            _PAGE.replace("__PREFIXES__", html.escape(" ".join(f"{p}:" for p in PREFIXES)))
            .replace("__TIMEOUT__", f"{self.server.timeout:g}")
            .replace("__ROWS__", str(self.server.max_rows))
            .replace("__NAMED__", items)
        )
        return Reply(200, "text/html; charset=utf-8", page.encode("utf-8"))


def _forbidden(what: str) -> Reply:
    return _text(403, f"Forbidden: this endpoint is read-only ({what} refused)")


def _protocol_class(read_timeout: float):
    """uvicorn's h11 protocol with a deadline for a new connection's request headers
    (uvicorn itself only times out idle keep-alive connections)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._header_deadline = self.loop.call_later(read_timeout, self._headers_too_slow)

        def _headers_too_slow(self) -> None:
            if self.cycle is None and not self.transport.is_closing():
                self.transport.close()

        def connection_lost(self, exc) -> None:
            self._header_deadline.cancel()
            super().connection_lost(exc)

    return Protocol


class SparqlServer:
    """The endpoint: uvicorn serving SparqlApp, with a pool of query workers over one store.

    Bound when made (so `url` is known with port 0); `serve_forever()` serves until
    `shutdown()` (or SIGINT/SIGTERM in the main thread); `server_close()` stops the workers.
    """

    def __init__(
        self,
        store_path: str | Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        timeout: float = 10.0,
        max_rows: int = 10000,
        workers: int = 2,
        log: bool = True,
        max_bytes: int = 64 << 20,
        queue: int = 256,
        backlog: int = 1024,
        read_timeout: float = 10.0,
        allow_service: tuple[str, ...] | list[str] = (),
        cors: tuple[str, ...] | list[str] = (),
    ):
        import anyio

        if timeout <= 0 or max_rows <= 0 or max_bytes <= 0 or read_timeout <= 0:
            raise QueryError("the time, row, size and read limits must be positive")
        self.timeout, self.max_rows, self.max_bytes, self.log = timeout, max_rows, max_bytes, log
        self.workers, self.queue, self.backlog, self.read_timeout = workers, max(queue, 0), backlog, read_timeout
        self.allow_service, self.cors = tuple(allow_service), tuple(cors)
        self.capacity = workers + self.queue
        self.limiter = anyio.CapacityLimiter(self.capacity)
        # the workers first, then the socket: a client never waits on a port whose server is still starting
        self.pool = QueryPool(
            store_path, size=workers, max_rows=max_rows, max_bytes=max_bytes, allow_service=self.allow_service
        )
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            self.socket = socket.socket(infos[0][0], socket.SOCK_STREAM)
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind(infos[0][4])
            self.socket.listen(backlog)
        except OSError as exc:
            self.pool.close()
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        self.server_address = self.socket.getsockname()
        self.app = SparqlApp(self)
        self._uvicorn = None
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def asgi(self):
        """The ASGI application, wrapped in starlette's CORS middleware when origins are given."""
        if not self.cors:
            return self.app
        from starlette.middleware.cors import CORSMiddleware

        return CORSMiddleware(
            self.app,
            allow_origins=list(self.cors),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "Accept"],
            max_age=600,
        )

    def serve_forever(self) -> None:
        import uvicorn

        config = uvicorn.Config(
            self.asgi(),
            http=_protocol_class(self.read_timeout),
            lifespan="off",
            backlog=self.backlog,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=3,
            limit_concurrency=self.capacity + 1024,
            access_log=self.log,
            log_level="info" if self.log else "warning",
            log_config=uvicorn.config.LOGGING_CONFIG if self.log else None,
            server_header=False,
            date_header=True,
            h11_max_incomplete_event_size=64 * 1024,
        )
        self._uvicorn = uvicorn.Server(config)
        self._stopped.clear()
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread) and wait for it to return."""
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
            self._stopped.wait(10)

    def server_close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.pool.close()


def make_server(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, **kwargs) -> SparqlServer:
    """A SparqlServer bound to host:port (port 0: a free one; see `.url`), not yet serving."""
    from ..graph.store import check_store_dir

    path = Path(store_path)
    if not path.is_dir():
        raise StoreError(f"no store at {path} (run `kgraph build` first or pass --store)")
    check_store_dir(path)
    return SparqlServer(path, host, port, **kwargs)
