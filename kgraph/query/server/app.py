"""The ASGI application in front of the query workers: routes by method and path.

GET/HEAD and POST at `/sparql`, `/query` or `/`; `GET /named` and `GET /named/NAME`;
every write (PUT, DELETE, PATCH, SPARQL Update, POST elsewhere) is refused with 403.
A request is read and checked here (`request`), then answered by the pool, at most
`workers + queue` at a time (503 with Retry-After beyond that).
"""

from __future__ import annotations

import logging
import urllib.parse
from typing import TYPE_CHECKING

from .pages import named_list, query_page
from .reply import Reply, forbidden, text_reply
from .request import BadRequest, check_job, job_for, named_job, one, parse_qs, read_body

if TYPE_CHECKING:
    from .endpoint import SparqlServer

__all__ = ["SparqlApp"]

_QUERY_PATHS = ("/", "/sparql", "/query")


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
            reply = text_reply(500, f"internal error: {type(exc).__name__}")
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

    # -- routes ---------------------------------------------------------------------
    async def dispatch(self, request) -> Reply:
        method = request.method
        path = request.url.path.rstrip("/") or "/"
        params = parse_qs(request.url.query)
        if method == "OPTIONS":  # without --cors: no cross-origin grant, just what is allowed
            return Reply(204, "text/plain; charset=utf-8", b"")
        if method in ("PUT", "DELETE", "PATCH"):
            raise BadRequest(forbidden(method))
        if method == "HEAD":
            return self.head(path, params)
        if method == "GET":
            return await self.get(request, path, params)
        if method == "POST":
            return await self.post(request, path, params)
        return text_reply(405, f"method {method} is not answered here; use GET or POST")

    def head(self, path: str, params: dict[str, list[str]]) -> Reply:
        if "update" in params:
            raise BadRequest(forbidden("SPARQL Update"))
        if "query" in params or path.startswith("/named"):
            return text_reply(405, "HEAD is not answered for queries; use GET")
        return self.page()

    async def get(self, request, path: str, params: dict[str, list[str]]) -> Reply:
        if "update" in params:
            raise BadRequest(forbidden("SPARQL Update"))
        if path == "/named":
            return named_list()
        if path.startswith("/named/"):
            job = named_job(urllib.parse.unquote(path[len("/named/") :]), params)
            return await self.run(job, params, request)
        if path not in _QUERY_PATHS:
            return text_reply(404, f"no such page {path}; the endpoint is /sparql")
        if "query" not in params:
            return self.page()
        return await self.run({"query": one(params, "query")}, params, request)

    async def post(self, request, path: str, params: dict[str, list[str]]) -> Reply:
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        body = await read_body(request, self.server.read_timeout)
        if path not in _QUERY_PATHS:
            raise BadRequest(forbidden(f"POST to {path}"))
        if ctype == "application/sparql-update" or "update" in params:
            raise BadRequest(forbidden("SPARQL Update"))
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"))
            if "update" in form:
                raise BadRequest(forbidden("SPARQL Update"))
            if "query" not in form:
                return text_reply(400, "POST form without a query parameter")
            return await self.run({"query": one(form, "query")}, {**params, **form}, request)
        if ctype == "application/sparql-query":
            return await self.run({"query": body.decode("utf-8", "replace")}, params, request)
        return text_reply(
            415,
            f"unsupported Content-Type {ctype or '(none)'}: send "
            "application/sparql-query or an application/x-www-form-urlencoded form",
        )

    # -- work -----------------------------------------------------------------------
    async def run(self, job: dict, params: dict[str, list[str]], request) -> Reply:
        """Check the job here, then have a worker answer it, unless the endpoint is full (503)."""
        import anyio

        job = job_for(job, params, request.headers.get("accept"))
        srv = self.server
        check_job(job, srv.allow_service)
        if self.pending >= srv.capacity:
            return text_reply(
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

    def page(self) -> Reply:
        return query_page(self.server.timeout, self.server.max_rows)
