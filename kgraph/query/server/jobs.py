"""What a worker does with one job: run its query (or named query) on the store it holds
and serialise the answer in the negotiated format, within the row and byte limits.
`store_view` names the version of the store a job must be answered from."""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import KGraphError, NotFoundError, QueryError
from ..results import MEDIA_TYPES, serialize_results
from ..sparql import QuerySyntaxError, RowLimitError, run_query
from .negotiate import negotiate
from .reply import Reply, text_reply
from .request import PAGE_KEYS

__all__ = ["execute_job", "store_view"]


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
        return text_reply(500, f"internal error: {type(exc).__name__}: {first}")


def _execute(store, job: dict, max_rows: int | None, max_bytes: int | None, allow_service) -> Reply:
    limits = {"max_rows": max_rows, "max_bytes": max_bytes, "allow_service": allow_service}
    try:
        res = _run(store, job, limits)
    except QuerySyntaxError as exc:
        return text_reply(400, f"{exc}\n{exc.excerpt}" if exc.excerpt else str(exc))
    except RowLimitError as exc:
        return text_reply(500, f"Result too large: {exc}")
    except NotFoundError as exc:
        return text_reply(404, str(exc))
    except QueryError as exc:
        return text_reply(400, str(exc))
    except KGraphError as exc:
        return text_reply(500, str(exc))
    return _serialize(res, job, max_bytes)


def _run(store, job: dict, limits: dict):
    """The job's results: its named query with the job's parameters, or its query text
    over the job's default and named graphs."""
    if job.get("named"):
        from ..named import get_named

        nq = get_named(job["named"])
        page = {k: job[k] for k in PAGE_KEYS if k in job}
        return nq.run(store, job.get("params") or {}, **limits, **page)  # names through the store index
    return run_query(
        store,
        job["query"],
        default_graphs=job.get("default_graphs") or None,
        named_graphs=job.get("named_graphs") or None,
        **limits,
    )


def _serialize(res, job: dict, max_bytes: int | None) -> Reply:
    """The results in the format the job's Accept header or format parameters ask for:
    406 when none fits, 500 when the answer is larger than `max_bytes`."""
    fmt = negotiate(job.get("accept"), res.form, job.get("formats") or ())
    kind = "graph" if res.form == "graph" else "select"
    if fmt is None:
        offered = ", ".join(sorted({mt.split(";")[0] for (k, _), mt in MEDIA_TYPES.items() if k == kind}))
        return text_reply(
            406,
            f"none of the accepted types ({job.get('accept')}) fits a {res.form.upper()} result; offered: {offered}",
        )
    try:
        body = serialize_results(res, fmt)
    except KGraphError as exc:
        return text_reply(500, str(exc))
    if max_bytes is not None and len(body) > max_bytes:
        return text_reply(
            500,
            f"Result too large: the answer is {len(body)} bytes, more than {max_bytes} (the size "
            "limit, kgraph serve --max-bytes); add LIMIT or select fewer or shorter values",
        )
    return Reply(200, MEDIA_TYPES[(kind, fmt)], body)
