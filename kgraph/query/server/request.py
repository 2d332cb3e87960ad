"""Reading and checking a request in the HTTP process, before any worker sees it: the
size of its body and parameters, one value per parameter, and a job whose graph IRIs,
SERVICE clauses and named query are known to be acceptable."""

from __future__ import annotations

import asyncio
import urllib.parse

from ...errors import KGraphError, NotFoundError
from ..service import check_service
from ..sparql import check_page, graph_iris
from .reply import Reply, text_reply

__all__ = [
    "MAX_BODY",
    "MAX_FIELDS",
    "FORMAT_KEYS",
    "PAGE_KEYS",
    "named_job",
    "BadRequest",
    "parse_qs",
    "read_body",
    "one",
    "job_for",
    "check_job",
]

MAX_BODY = 1 << 20  # bytes of POST body accepted
MAX_FIELDS = 200  # parameters in a query string or form
FORMAT_KEYS = ("format", "output", "results")  # parameters naming the result format
PAGE_KEYS = ("limit", "offset")  # a named query's page of rows (`/named/NAME?about=X&limit=100&offset=200`)


class BadRequest(Exception):
    """A request refused before it reaches a worker: `reply` is the answer."""

    def __init__(self, reply: Reply):
        super().__init__(reply.status)
        self.reply = reply


def parse_qs(text: str) -> dict[str, list[str]]:
    """A query string or form as {name: [values]}; 400 when malformed or too many fields."""
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as exc:
        raise BadRequest(text_reply(400, f"malformed parameters: {exc} (at most {MAX_FIELDS} are accepted)")) from exc


async def read_body(request, read_timeout: float) -> bytes:
    """The request's body: 413 when over MAX_BODY (or without a valid Content-Length), 408
    when it does not arrive within `read_timeout` seconds."""
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > MAX_BODY:
        raise BadRequest(
            text_reply(413, f"request body too large or without a valid Content-Length (limit {MAX_BODY} bytes)")
        )
    chunks: list[bytes] = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise BadRequest(text_reply(413, f"request body too large (limit {MAX_BODY} bytes)"))
            chunks.append(chunk)

    try:
        await asyncio.wait_for(read(), read_timeout)
    except TimeoutError as exc:
        raise BadRequest(
            text_reply(
                408,
                f"the request body did not arrive within {read_timeout:g} s (is Content-Length larger than the body?)",
            )
        ) from exc
    return b"".join(chunks)


def one(params: dict[str, list[str]], name: str) -> str:
    """The one, non-empty value of parameter `name` (400 otherwise)."""
    values = params.get(name) or [""]
    if len(values) > 1:
        raise BadRequest(text_reply(400, f"give one {name} parameter, not {len(values)}"))
    if not values[0].strip():
        raise BadRequest(text_reply(400, f"the {name} parameter is empty"))
    return values[0]


def job_for(job: dict, params: dict[str, list[str]], accept: str | None) -> dict:
    """`job` (a query or a named query) with what the request asks of its answer: the
    Accept header, format parameters, and the default and named graphs."""
    job["accept"] = accept
    job["formats"] = [v for k in FORMAT_KEYS for v in params.get(k, [])]
    job["default_graphs"] = params.get("default-graph-uri") or None
    job["named_graphs"] = params.get("named-graph-uri") or None
    return job


def named_job(name: str, params: dict[str, list[str]]) -> dict:
    """The job of `GET /named/NAME`: its parameters, and the page of rows asked for
    (`limit`, `offset`; named query parameters of those names are not reachable here).
    A page that is not whole numbers is refused here, one out of range by `check_job`."""
    job = {"named": name, "params": {k: v[0] for k, v in params.items() if k not in FORMAT_KEYS + PAGE_KEYS}}
    for key in PAGE_KEYS:
        if key in params:
            value = one(params, key)
            if not value.isdigit():
                raise BadRequest(text_reply(400, f"{key} must be a whole number of rows (got {value!r})"))
            job[key] = int(value)
    return job


def check_job(job: dict, allow_service) -> None:
    """Refuse, in this process, what would only make a worker fail."""
    try:
        graph_iris(job.get("default_graphs"), "default-graph-uri")
        graph_iris(job.get("named_graphs"), "named-graph-uri")
        if job.get("named"):
            from ..named import get_named

            nq = get_named(job["named"])
            nq.bindings(job.get("params") or {})
            check_page(job.get("offset", 0), job.get("limit"))
        else:
            check_service(job["query"], allow_service)
    except NotFoundError as exc:
        raise BadRequest(text_reply(404, str(exc))) from exc
    except KGraphError as exc:
        raise BadRequest(text_reply(400, str(exc))) from exc
