"""The endpoint as a server: a bound socket, uvicorn serving `SparqlApp` (with starlette's
CORS middleware when origins are given), a deadline for a new connection's request
headers, and the pool of query workers over one store."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from ...errors import QueryError, StoreError
from .app import SparqlApp
from .pool import QueryPool

__all__ = ["SparqlServer", "make_server"]


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
    from ...graph.store import check_store_dir

    path = Path(store_path)
    if not path.is_dir():
        raise StoreError(f"no store at {path} (run `kgraph build` first or pass --store)")
    check_store_dir(path)
    return SparqlServer(path, host, port, **kwargs)
