"""Running SPARQL over the store.

Queries see our prefixes (`kgraph.graph.terms.PREFIXES`) predeclared and, unless told
otherwise, the union of the article graphs as their default graph (`GRAPH ?g { }` still
reaches each article). pyoxigraph 0.5 evaluates that union as a bag (oxigraph#1919, fixed
for 0.6): a triple that several articles hold, such as an entity's label, matches once
per article, so queries over shared entities want DISTINCT or GROUP BY, as the named
queries use. Parameters are RDF terms given to pyoxigraph as substitutions
(SPARQL SEP-0007), never text pasted into the query.

Results are read into memory (up to `max_rows` rows or triples, about `max_bytes` bytes)
and written by `kgraph.query.results` (re-exported here): SELECT/ASK as an aligned table,
SPARQL 1.1 Query Results JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples,
RDF/XML or JSON-LD. `run_query_limited` runs a query in a process killed at a time limit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..graph.terms import PREFIXES
from .results import GRAPH_FORMATS, MEDIA_TYPES, SELECT_FORMATS, compact, serialize_results, write_results
from .service import ServiceNotAllowed, check_service

__all__ = [
    "QuerySyntaxError",
    "RowLimitError",
    "ServiceNotAllowed",
    "Results",
    "graph_iris",
    "run_query_limited",
    "QueryTimeout",
    "SELECT_FORMATS",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "run_query",
    "to_term",
    "write_results",
    "compact",
    "serialize_results",
]

_SYNTAX = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


class QuerySyntaxError(QueryError):
    """The query does not parse; `line` and `column` (1-based) say where."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, excerpt: str = ""):
        self.line, self.column, self.reason, self.excerpt = line, column, message, excerpt
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")


class RowLimitError(QueryError):
    """A result has more rows (or triples) than the limit allows."""


@dataclass(frozen=True)
class Results:
    """A query's answer read into memory: `form` is "select", "ask" or "graph"."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()  # pyoxigraph terms or None, one per variable
    boolean: bool | None = None
    triples: tuple = ()  # pyoxigraph Triples for CONSTRUCT/DESCRIBE

    def __len__(self) -> int:
        return len(self.triples) if self.form == "graph" else len(self.rows)

    def as_dicts(self) -> list[dict]:
        """SELECT rows as {variable: lexical value} (unbound variables left out)."""
        return [{v: t.value for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


def to_term(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An RDF term for a parameter value.

    pyoxigraph and rdflib terms keep their kind; bool/int/float become typed literals;
    any other value (an IRI-looking str too) becomes a plain string literal, so user text
    can never turn into an IRI or into query syntax.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    try:  # rdflib terms
        from rdflib.term import Literal as RLiteral
        from rdflib.term import URIRef

        if isinstance(value, URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, RLiteral):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)) if value.datatype else None)
    except ImportError:  # pragma: no cover - rdflib is a dependency
        pass
    if isinstance(value, bool):
        return ox.Literal(
            "true" if value else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
        )
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    return ox.Literal(str(value))


def _syntax_error(exc: SyntaxError, sparql: str) -> QuerySyntaxError:
    msg = str(exc.args[0] if exc.args else exc)
    m = _SYNTAX.match(msg)
    if not m:
        return QuerySyntaxError(msg.splitlines()[0] if msg else "invalid query")
    line, col, reason = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = sparql.splitlines()
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    if "Prefix not found" in reason:
        pm = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text[:col].rstrip())
        name = f"{pm.group(1) or ''}:" if pm else "a prefix"
        reason = f"unknown prefix {name} (declare it with PREFIX; predeclared: {', '.join(sorted(PREFIXES))})"
    elif len(reason) > 300:
        reason = reason[:300] + "…"
    excerpt = text + "\n" + " " * max(col - 1, 0) + "^" if text else ""
    return QuerySyntaxError(reason, line, col, excerpt)


def _graph_nodes(store, graphs: Iterable[str]) -> list[ox.NamedNode]:
    """The graph names as IRIs; a name that is not an absolute IRI is a QueryError that says
    which article it may mean (an article id or source path given where its IRI belongs)."""
    nodes = []
    for g in graphs:
        try:
            nodes.append(ox.NamedNode(g))
        except ValueError:
            find = getattr(store, "find_articles", None)
            meant = find(g) if find is not None else []
            hint = (
                f"; did you mean {meant[0]}?"
                if len(meant) == 1
                else "; give an article graph's IRI (`kgraph articles --format json` lists them)"
            )
            raise QueryError(f"not a graph IRI: {g!r}{hint}") from None
    return nodes


def graph_iris(values: Iterable[str] | None, what: str = "graph") -> list[ox.NamedNode]:
    """The graph IRIs of default-graph-uri / named-graph-uri / --graph values; QueryError
    naming the first one that is not an absolute IRI."""
    out = []
    for g in values or ():
        try:
            out.append(ox.NamedNode(g))
        except (ValueError, TypeError) as exc:
            raise QueryError(
                f"{what} {g!r} is not an IRI (an absolute IRI such as "
                "https://w3id.org/kgraph/id/article/ID is expected)"
            ) from exc
    return out


def _term_bytes(term) -> int:
    """About what a term costs in a serialised result (its lexical form plus markup)."""
    if term is None:
        return 0
    if isinstance(term, ox.Triple):
        return _term_bytes(term.subject) + _term_bytes(term.predicate) + _term_bytes(term.object)
    value = getattr(term, "value", None)
    n = len(value.encode("utf-8", "replace")) if isinstance(value, str) else len(str(term))
    dt = getattr(term, "datatype", None)
    return n + 40 + (len(dt.value) if dt is not None else 0)


def run_query(
    store,
    sparql: str,
    bindings: Mapping[str, object] | None = None,
    *,
    union: bool = True,
    default_graphs: Iterable[str] | None = None,
    named_graphs: Iterable[str] | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    allow_service: Iterable[str] | None = (),
    offset: int = 0,
    limit: int | None = None,
) -> Results:
    """Run `sparql` on a GraphStore (or a pyoxigraph Store) and read the answer into `Results`.

    `bindings` maps variable names to values bound as RDF terms (see `to_term`); a bound
    variable of a SELECT must be in its projection (SEP-0007). `default_graphs` and
    `named_graphs` are the SPARQL Protocol's default-graph-uri and named-graph-uri;
    without them the default graph is the union of all graphs (`union=True`).
    Raises QuerySyntaxError, RowLimitError when more than `max_rows` rows/triples or about
    `max_bytes` bytes of terms come back, ServiceNotAllowed when the query names a
    SERVICE whose host is not in `allow_service` (federation is off by default),
    QueryError for evaluation errors and graph IRIs that are not IRIs. `offset` and
    `limit` keep one page of the answer's rows (or triples), as read: the rest is not
    read, and the row and size limits count the page.
    """
    check_service(sparql, allow_service)
    ox_store = getattr(store, "store", store)
    kwargs = _query_options(store, bindings, union, default_graphs, named_graphs)
    budget = _Budget(max_rows, max_bytes, offset, limit)
    try:
        res = ox_store.query(sparql, **kwargs)
        if isinstance(res, ox.QueryBoolean):
            return Results("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            return _read_solutions(res, budget)
        return _read_triples(res, budget)
    except SyntaxError as exc:
        raise _syntax_error(exc, sparql) from exc
    except OSError as exc:
        raise StoreError(f"query failed reading the store: {exc}") from exc
    except (RuntimeError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc


def _query_options(store, bindings, union: bool, default_graphs, named_graphs) -> dict:
    """pyoxigraph's `Store.query` options: our prefixes, the bindings as substitutions, the
    default graph (given graphs, else the union) and the named graphs."""
    subs = {ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
    kwargs: dict = {"prefixes": PREFIXES, "substitutions": subs or None}
    if default_graphs:
        kwargs["default_graph"] = _graph_nodes(store, default_graphs)
    else:
        kwargs["use_default_graph_as_union"] = union
    if named_graphs:
        kwargs["named_graphs"] = _graph_nodes(store, named_graphs)
    return kwargs


def check_page(offset: int, limit: int | None) -> None:
    """QueryError unless `offset` >= 0 and `limit` is None or >= 1."""
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"the offset must be a whole number of rows, 0 or more (got {offset!r})")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise QueryError(f"the limit must be a whole number of rows, 1 or more (got {limit!r})")


class _Budget:
    """The row and byte limits of one result, counted as it is read."""

    def __init__(self, max_rows: int | None, max_bytes: int | None, offset: int = 0, limit: int | None = None):
        check_page(offset, limit)
        self.max_rows, self.max_bytes, self.size = max_rows, max_bytes, 0
        self.page = slice(offset, None if limit is None else offset + limit)

    def read(self, items):
        """The items of the page (those before it are passed over, those after never read)."""
        return itertools.islice(items, self.page.start, self.page.stop)

    def check_rows(self, n: int, what: str) -> None:
        """RowLimitError when `n` rows (or triples) are read and another one comes."""
        if self.max_rows is not None and n >= self.max_rows:
            raise RowLimitError(
                f"the result has more than {self.max_rows} {what} (the row limit); add LIMIT or narrow the query"
            )

    def count(self, *terms) -> None:
        """Add the terms' size; RowLimitError past `max_bytes`."""
        if self.max_bytes is not None:
            self.size += sum(_term_bytes(t) for t in terms)
            if self.size > self.max_bytes:
                raise RowLimitError(
                    f"the result is larger than {self.max_bytes} bytes (the size limit); "
                    "add LIMIT or select fewer or shorter values"
                )


def _read_solutions(res, budget: _Budget) -> Results:
    names = tuple(v.value for v in res.variables)
    rows = []
    for sol in budget.read(res):
        budget.check_rows(len(rows), "rows")
        row = tuple(sol[n] for n in names)
        budget.count(*row)
        rows.append(row)
    return Results("select", variables=names, rows=tuple(rows))


def _read_triples(res, budget: _Budget) -> Results:
    triples = []
    for t in budget.read(res):
        budget.check_rows(len(triples), "triples")
        budget.count(t)
        triples.append(t)
    return Results("graph", triples=tuple(triples))


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


def _limited_main(conn, store_path: str, sparql: str, bindings, kwargs: dict) -> None:
    from ..errors import KGraphError
    from ..graph.store import GraphStore

    try:
        res = run_query(GraphStore(store_path, read_only=True), sparql, bindings, **kwargs)
        conn.send(("ok", res))
    except QuerySyntaxError as exc:
        conn.send(("syntax", (exc.reason, exc.line, exc.column, exc.excerpt)))
    except KGraphError as exc:
        conn.send(("error", (type(exc).__name__, str(exc))))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line, never a traceback
        conn.send(
            (
                "error",
                ("QueryError", f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"),
            )
        )
    finally:
        conn.close()


def run_query_limited(
    store_path, sparql: str, bindings: Mapping[str, object] | None = None, *, timeout: float, **kwargs
) -> Results:
    """`run_query` on the store at `store_path` (opened read-only) in a child process that
    is killed after `timeout` seconds (QueryTimeout): pyoxigraph evaluates a query in
    native code that no signal can interrupt, so only a process can be stopped."""
    import multiprocessing

    from .. import errors

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_limited_main,
        args=(child, str(store_path), sparql, dict(bindings or {}), kwargs),
        daemon=True,
        name="kgraph-query",
    )
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeout(f"query stopped after {timeout:g} s (the --timeout limit); narrow it or add LIMIT")
        kind, value = parent.recv()
    except (EOFError, OSError) as exc:
        raise QueryError("the query process stopped unexpectedly") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if kind == "ok":
        return value
    if kind == "syntax":
        raise QuerySyntaxError(*value)
    name, message = value
    cls = {
        "QueryError": QueryError,
        "RowLimitError": RowLimitError,
        "ServiceNotAllowed": ServiceNotAllowed,
        "StoreError": StoreError,
    }.get(name) or getattr(errors, name, QueryError)
    raise cls(message)
