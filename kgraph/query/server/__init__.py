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

The package, one module per responsibility:

- `endpoint`: `SparqlServer` (the socket, uvicorn, the header deadline) and `make_server`;
- `app`: `SparqlApp`, the ASGI application: routes by method and path;
- `request`: reading and checking a request before it reaches a worker (body and
  parameter limits, one value per parameter, graph IRIs, SERVICE, named queries);
- `pool`: `QueryPool`, the worker processes, the time limit and the store's current view;
- `jobs`: what a worker does with one job (`execute_job`), and `store_view`;
- `negotiate`: the result format from Accept and format parameters;
- `pages`: the HTML query page and the JSON list of named queries;
- `reply`: `Reply`, the answer every layer returns.
"""

from __future__ import annotations

from .app import SparqlApp
from .endpoint import SparqlServer, make_server
from .jobs import execute_job, store_view
from .negotiate import negotiate
from .pool import QueryPool
from .reply import Reply
from .request import MAX_BODY, MAX_FIELDS, BadRequest

__all__ = [
    "SparqlServer",
    "QueryPool",
    "make_server",
    "negotiate",
    "execute_job",
    "store_view",
    "SparqlApp",
    "Reply",
    "BadRequest",
    "MAX_BODY",
    "MAX_FIELDS",
]
