"""`kgraph serve`: the store as a read-only SPARQL 1.1 endpoint (kgraph.query.server)."""

from __future__ import annotations

import signal

import click

from .options import echo_err, handle_errors, store_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Stop a query after this many seconds (503).",
)
@click.option(
    "--max-rows",
    default=10000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Refuse results with more rows or triples than this (500), rather than cut them.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Queries run at once, each in its own process.",
)
@click.option(
    "--queue",
    default=256,
    show_default=True,
    type=click.IntRange(min=0),
    help="Queries that may wait for a worker; more get 503 with Retry-After at once.",
)
@click.option(
    "--max-bytes",
    default=64 << 20,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="BYTES",
    help="Refuse answers larger than this many bytes (500), rather than cut them.",
)
@click.option(
    "--read-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="A request's headers and body must arrive within this time (else 408, closed).",
)
@click.option(
    "--backlog",
    default=1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Connections the system may hold waiting to be accepted.",
)
@click.option(
    "--allow-service",
    "allow_service",
    multiple=True,
    metavar="HOST",
    help="Allow federated queries (SERVICE) to this host (or HOST:PORT; '*': any). Repeatable. Off by "
    "default: a query naming SERVICE gets 400, so the endpoint never fetches what a query names.",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let web pages from ORIGIN (https://example.org; '*': any) query the endpoint. Repeatable. "
    "Off by default: no Access-Control-Allow-Origin header is sent.",
)
@click.option("--quiet", is_flag=True, help="Do not log requests on stderr.")
@store_option
@handle_errors
def serve(
    host,
    port,
    timeout,
    max_rows,
    workers,
    queue,
    max_bytes,
    read_timeout,
    backlog,
    allow_service,
    cors,
    quiet,
    store_path,
):
    """Serve the store as a read-only SPARQL 1.1 endpoint (GET/POST at /sparql, a query page at /).

    Results by content negotiation: SPARQL JSON, XML, CSV or TSV; Turtle, N-Triples, RDF/XML
    or JSON-LD for CONSTRUCT/DESCRIBE. SPARQL Update and Graph Store writes get 403, and
    federated queries (SERVICE) 400 unless --allow-service names their host. Named
    queries at /named/NAME?PARAM=VALUE. Every query reads the store as it is now: after a
    `kgraph build` the endpoint answers from the new data, no restart needed.

    \b
    Example:
      kgraph serve --port 7878 --timeout 10 --max-rows 10000
      kgraph serve --cors https://example.org --allow-service query.wikidata.org
      curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 3'
    """
    from ..graph.store import default_store_path
    from ..query.server import make_server

    server = make_server(
        store_path or default_store_path(),
        host,
        port,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        log=not quiet,
        queue=queue,
        max_bytes=max_bytes,
        read_timeout=read_timeout,
        backlog=backlog,
        allow_service=allow_service,
        cors=cors,
    )
    echo_err(f"SPARQL endpoint at {server.url} (query page at {server.url[: -len('sparql')]}); Ctrl-C stops it")

    def _stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)  # stop the workers on `kill` as on Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo_err("stopping")
    finally:
        server.server_close()


COMMANDS = [serve]
