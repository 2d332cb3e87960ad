"""The worker processes behind the endpoint.

Each worker holds the store open read-only and answers jobs (`execute_job`); a query that
runs past its time limit is stopped by killing its worker, and a fresh one takes its place
(pyoxigraph evaluates a query in native code that no thread could stop). Every job carries
the store's current view, and a worker whose open view is older reopens the store first.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from pathlib import Path

from ...errors import KGraphError, StoreError
from .jobs import execute_job, store_view
from .reply import Reply, text_reply

__all__ = ["QueryPool"]


def _open_view(store_path: str):
    """Open the store read-only and return it with the view it holds; a store that
    changes while it is being opened is opened again (a few times at most)."""
    from ...graph.store import GraphStore

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
                    text_reply(
                        503, f"the store is being rewritten and cannot be read now ({exc}); try again", retry_after=1
                    )
                )
                view = None
                continue
        if store is None:
            try:
                store, view = _open_view(store_path)
            except KGraphError as exc:
                conn.send(text_reply(503, f"the store cannot be read now ({exc}); try again", retry_after=1))
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
            self._ctx.set_forkserver_preload(["kgraph.query.server.pool", "kgraph.graph.store"])
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
            return text_reply(
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
            return text_reply(500, "the query worker stopped unexpectedly")
        self._discard(w)
        self.killed += 1
        if not self._closed:
            self._spawn()
        return text_reply(
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
