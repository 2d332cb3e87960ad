"""`kgraph query`, `kgraph push`: SPARQL over the store, and copying the article graphs to
a remote SPARQL store (`kgraph serve`, the read-only endpoint, is cmd_serve.py)."""

from __future__ import annotations

import json
import sys

import click

from ..errors import KGraphError
from ..query.named import get_named, load_named
from ..query.sparql import (
    GRAPH_FORMATS,
    SELECT_FORMATS,
    QuerySyntaxError,
    graph_iris,
    run_query,
    run_query_limited,
    write_results,
)
from .options import echo_err, handle_errors, open_output, open_store, output_option, store_option

FORMATS = list(dict.fromkeys([*SELECT_FORMATS, *GRAPH_FORMATS]))


class SyntaxFailure(click.ClickException):
    """A query that does not parse: the parser's message, then exit 2 (like a bad flag)."""

    exit_code = 2


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, value = v.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{v!r} is not NAME=VALUE", param_hint="--param")
        out[name.strip()] = value
    return out


def _list_named(fmt: str | None) -> None:
    queries = load_named()
    if fmt == "json":
        data = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                    for p in q.params
                ],
            }
            for q in queries.values()
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for q in queries.values():
        click.echo(f"{q.name}: {q.title}")
        for line in q.usage().splitlines():
            click.echo(f"    --param {line}")


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the query from FILE ('-' for stdin).",
)
@click.option("--named", "named", metavar="NAME", default=None, help="Run a named query (see --list).")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A named query's parameter, bound as an RDF term of its declared type. Repeatable.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="SELECT/ASK: table (default), json, xml, csv, tsv. CONSTRUCT/DESCRIBE: turtle (default), "
    "nt, xml (RDF/XML), json (JSON-LD).",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Query only these article graphs (default: the union of all). Repeatable.",
)
@click.option(
    "--max-width",
    default=80,
    show_default=True,
    metavar="N",
    help="Cut table cells longer than N characters (0: never).",
)
@click.option(
    "--limit",
    default=None,
    type=click.IntRange(min=1),
    metavar="N",
    help="Keep N rows of the answer (for a named query, which has no LIMIT of its own).",
)
@click.option(
    "--offset",
    default=0,
    type=click.IntRange(min=0),
    metavar="N",
    help="Pass over the answer's first N rows (with --limit: pages).",
)
@click.option(
    "--timeout",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Stop the query after this many seconds (default: no limit).",
)
@click.option(
    "--allow-service",
    "allow_service",
    multiple=True,
    metavar="HOST",
    help="Allow federated queries (SERVICE) to this host (or HOST:PORT; '*': any). Repeatable. "
    "Off by default: a query naming SERVICE is refused.",
)
@output_option
@store_option
@handle_errors
def query(
    sparql,
    file,
    named,
    params,
    list_,
    fmt,
    graphs,
    max_width,
    limit,
    offset,
    timeout,
    allow_service,
    output,
    store_path,
):
    """Run a SPARQL query over the store: the query as an argument, from a file (-f), from
    stdin ('-'), or a named query (--named NAME --param NAME=VALUE).

    Our prefixes (kg:, kgid:, prov:, schema:, nif:, sem:, org:, rdfs:, skos:, owl:, xsd:,
    wd:) are predeclared. The default graph is the union of the article graphs; GRAPH ?g
    reaches each article. ASK prints true or false and exits 0 or 1; a syntax error
    prints the parser's message with line and column and exits 2.

    \b
    Example:
      kgraph query 'SELECT ?s ?text WHERE { ?s a kg:Statement ; schema:text ?text } LIMIT 5'
      kgraph query --named who_said_what --param about="North Korea" --format csv
      kgraph query --named who_said_what --param about="United States" --limit 50 --offset 100
      kgraph query -f ontology/queries/officials.rq --format json
      kgraph query --list
    """
    if list_:
        _list_named(fmt)
        return
    text, bindings = _query_text(sparql, file, named, params)
    page = {"offset": offset, "limit": limit}
    res = _results(
        store_path, text, bindings, graphs, timeout, allow_service, named=get_named(named) if named else None, page=page
    )
    fmt = _result_format(res, fmt)
    out = open_output(output, binary=True)
    try:
        write_results(res, fmt, out, max_width=max_width)
    finally:
        out.flush() if output == "-" else out.close()
    if res.form == "select" and fmt == "table":
        echo_err(f"{len(res)} row{'s' if len(res) != 1 else ''}")
    if res.form == "ask" and not res.boolean:
        sys.exit(1)


def _query_text(sparql, file, named, params) -> tuple[str, dict | None]:
    """The query text (and a named query's bindings) from the one source given: the
    argument, -f FILE, stdin ('-' or piped), or --named NAME with its --param values."""
    sources = [s for s in (sparql is not None, file is not None, named is not None) if s]
    if len(sources) > 1:
        raise click.UsageError("give one query: an argument, -f FILE or --named NAME")
    if params and not named:
        raise click.BadParameter("only a named query takes parameters (use --named NAME)", param_hint="--param")
    if named:
        nq = get_named(named)
        try:
            return nq.sparql, nq.bindings(_params(params))
        except KGraphError as exc:
            raise click.BadParameter(str(exc), param_hint="--param") from exc
    if file is not None:
        return file.read(), None
    if sparql == "-" or (sparql is None and not sys.stdin.isatty()):
        return sys.stdin.read(), None
    if sparql is None:
        raise click.UsageError("give a query: an argument, -f FILE, '-' for stdin, or --named NAME (see --list)")
    return sparql, None


def _results(store_path, text: str, bindings, graphs, timeout, allow_service, named=None, page=None):
    """The query's results over the store (in a process stopped at `timeout`, if given;
    a named query as `NamedQuery.run` answers it, names looked up in the store index);
    a syntax error exits 2 with the parser's message."""
    try:
        graph_iris(graphs, "--graph")
    except KGraphError as exc:
        raise click.BadParameter(str(exc), param_hint="--graph") from exc
    store = open_store(store_path, read_only=True)
    options = {"default_graphs": list(graphs) or None, "allow_service": allow_service, **(page or {})}
    try:
        if timeout is not None and store.path is not None:
            path = store.path
            del store  # the query process opens the store itself
            return run_query_limited(path, text, bindings, timeout=timeout, **options)
        if named is not None:
            return named.run(store, bindings, **options)
        return run_query(store, text, bindings, **options)
    except QuerySyntaxError as exc:
        raise SyntaxFailure(str(exc) + (f"\n{exc.excerpt}" if exc.excerpt else "")) from exc


def _result_format(res, fmt: str | None) -> str:
    """--format, or the default for the result's form; a format that does not fit the form exits 2."""
    fmt = fmt or ("turtle" if res.form == "graph" else "table")
    if res.form == "graph" and fmt not in GRAPH_FORMATS:
        raise click.BadParameter(
            f"a CONSTRUCT/DESCRIBE result is a graph: use one of {', '.join(GRAPH_FORMATS)}", param_hint="--format"
        )
    if res.form != "graph" and fmt not in SELECT_FORMATS:
        raise click.BadParameter(
            f"a {res.form.upper()} result is not a graph: use one of {', '.join(SELECT_FORMATS)}", param_hint="--format"
        )
    return fmt


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint (…/store, Virtuoso's …/sparql-graph-crud-auth) or SPARQL Update "
    "endpoint (…/update); a sparql+ prefix is allowed. No credentials here: see below.",
)
@click.option(
    "--protocol",
    type=click.Choice(["gsp", "update"]),
    default=None,
    help="How to write: Graph Store HTTP Protocol PUT (default) or SPARQL Update (default when the "
    "endpoint's path ends in 'update').",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    default=None,
    help="Where to count what the remote store holds (default: guessed beside --endpoint).",
)
@click.option(
    "--article",
    "articles_",
    multiple=True,
    metavar="ARTICLE",
    help="Push only this article (id, graph IRI or source path). Repeatable.",
)
@store_option
@handle_errors
def push(endpoint, protocol, query_endpoint, articles_, store_path):
    """Copy the store's article graphs to a remote SPARQL 1.1 store, one named graph each.

    Each graph is replaced whole, so pushing again changes nothing. Credentials come from
    $KGRAPH_SPARQL_USER and $KGRAPH_SPARQL_PASSWORD, else from the netrc file ($NETRC or
    ~/.netrc) entry for the host; HTTP Basic and Digest both work. They are never taken
    from the command line and never printed.

    \b
    Example:
      kgraph push --endpoint http://127.0.0.1:7878/store
      KGRAPH_SPARQL_USER=dba KGRAPH_SPARQL_PASSWORD=... kgraph push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    from ..graph.remote import RemoteStore, push_store

    store = open_store(store_path, read_only=True)
    remote = RemoteStore(endpoint, protocol=protocol, query_endpoint=query_endpoint)
    graphs = None
    if articles_:
        graphs = []
        for a in articles_:
            found = store.find_articles(a)
            if not found:
                raise click.BadParameter(
                    f"no article {a!r} in the store (see `kgraph articles`)", param_hint="--article"
                )
            graphs += found
    report = push_store(store, remote, graphs)
    unchanged = f"; {report.skipped} unchanged there, not sent again" if report.skipped else ""
    echo_err(
        f"pushed {report.graphs} graph(s), {report.triples} triples, to {report.endpoint} ({remote.protocol}){unchanged}"
    )


COMMANDS = [query, push]
