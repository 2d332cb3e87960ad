"""Running SPARQL over the store and writing the results in the standard formats.

Queries see our prefixes (`kgraph.graph.terms.PREFIXES`) predeclared and, unless told
otherwise, the union of the article graphs as their default graph (`GRAPH ?g { }` still
reaches each article). pyoxigraph 0.5 evaluates that union as a bag (oxigraph#1919, fixed
for 0.6): a triple that several articles hold, such as an entity's label, matches once
per article, so queries over shared entities want DISTINCT or GROUP BY, as the named
queries use. Parameters are RDF terms given to pyoxigraph as substitutions
(SPARQL SEP-0007), never text pasted into the query.

Results are read into memory (up to `max_rows`) and written by the functions here:
SELECT/ASK as an aligned table, SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..graph.terms import PREFIXES
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

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SELECT_FORMATS = ("table", "json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "xml", "json")
MEDIA_TYPES = {
    ("select", "json"): "application/sparql-results+json",
    ("select", "xml"): "application/sparql-results+xml",
    ("select", "csv"): "text/csv; charset=utf-8",
    ("select", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("select", "table"): "text/plain; charset=utf-8",
    ("graph", "turtle"): "text/turtle",
    ("graph", "nt"): "application/n-triples",
    ("graph", "xml"): "application/rdf+xml",
    ("graph", "json"): "application/ld+json",
}
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "json": ox.RdfFormat.JSON_LD,
}
# kgid: is left out of Turtle: its local names hold '/', which Turtle would escape ("kgid:entity\\/Q212")
_TURTLE_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
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
) -> Results:
    """Run `sparql` on a GraphStore (or a pyoxigraph Store) and read the answer into `Results`.

    `bindings` maps variable names to values bound as RDF terms (see `to_term`); a bound
    variable of a SELECT must be in its projection (SEP-0007). `default_graphs` and
    `named_graphs` are the SPARQL Protocol's default-graph-uri and named-graph-uri;
    without them the default graph is the union of all graphs (`union=True`).
    Raises QuerySyntaxError, RowLimitError when more than `max_rows` rows/triples or about
    `max_bytes` bytes of terms come back, ServiceNotAllowed when the query names a
    SERVICE whose host is not in `allow_service` (federation is off by default),
    QueryError for evaluation errors and graph IRIs that are not IRIs.
    """
    check_service(sparql, allow_service)
    ox_store = getattr(store, "store", store)
    subs = {ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
    kwargs: dict = {"prefixes": PREFIXES, "substitutions": subs or None}
    if default_graphs:
        kwargs["default_graph"] = _graph_nodes(store, default_graphs)
    else:
        kwargs["use_default_graph_as_union"] = union
    if named_graphs:
        kwargs["named_graphs"] = _graph_nodes(store, named_graphs)
    size = 0

    def count(*terms) -> None:
        nonlocal size
        if max_bytes is not None:
            size += sum(_term_bytes(t) for t in terms)
            if size > max_bytes:
                raise RowLimitError(
                    f"the result is larger than {max_bytes} bytes (the size limit); "
                    "add LIMIT or select fewer or shorter values"
                )

    try:
        res = ox_store.query(sparql, **kwargs)
        if isinstance(res, ox.QueryBoolean):
            return Results("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = tuple(v.value for v in res.variables)
            rows = []
            for sol in res:
                if max_rows is not None and len(rows) >= max_rows:
                    raise RowLimitError(
                        f"the result has more than {max_rows} rows (the row limit); add LIMIT or narrow the query"
                    )
                row = tuple(sol[n] for n in names)
                count(*row)
                rows.append(row)
            return Results("select", variables=names, rows=tuple(rows))
        triples = []
        for t in res:
            if max_rows is not None and len(triples) >= max_rows:
                raise RowLimitError(
                    f"the result has more than {max_rows} triples (the row limit); add LIMIT or narrow the query"
                )
            count(t)
            triples.append(t)
        return Results("graph", triples=tuple(triples))
    except SyntaxError as exc:
        raise _syntax_error(exc, sparql) from exc
    except OSError as exc:
        raise StoreError(f"query failed reading the store: {exc}") from exc
    except (RuntimeError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc


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


# ------------------------------------------------------------------ writing results
def compact(term) -> str:
    """A short human form of a term for tables: prefixed names, bare literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = ""
        for p, ns in PREFIXES.items():
            if iri.startswith(ns) and len(ns) > len(best) and re.fullmatch(r"[\w.\-/]*", iri[len(ns) :]):
                best, name = ns, f"{p}:{iri[len(ns) :]}"
        return name if best else f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            d["datatype"] = term.datatype.value
        return d
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise QueryError(f"cannot write term {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{_xml_escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>"
        )
    raise QueryError(f"cannot write term {term!r}")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _write_json(res: Results, out: IO[str]) -> None:
    if res.form == "ask":
        json.dump({"head": {}, "boolean": res.boolean}, out)
    else:
        bindings = [{v: _json_term(t) for v, t in zip(res.variables, row) if t is not None} for row in res.rows]
        json.dump({"head": {"vars": list(res.variables)}, "results": {"bindings": bindings}}, out, ensure_ascii=False)
    out.write("\n")


def _write_xml(res: Results, out: IO[str]) -> None:
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    for v in res.variables:
        out.write(f"<variable name={quoteattr(v)}/>")
    out.write("</head>\n")
    if res.form == "ask":
        out.write(f"<boolean>{'true' if res.boolean else 'false'}</boolean>\n")
    else:
        out.write("<results>\n")
        for row in res.rows:
            out.write("<result>")
            for v, t in zip(res.variables, row):
                if t is not None:
                    out.write(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.write("</result>\n")
        out.write("</results>\n")
    out.write("</sparql>\n")


def _write_csv(res: Results, out: IO[str]) -> None:
    if res.form == "ask":
        out.write("true\n" if res.boolean else "false\n")
        return
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(res.variables)
    for row in res.rows:
        w.writerow([_csv_value(t) for t in row])


def _write_tsv(res: Results, out: IO[str]) -> None:
    if res.form == "ask":
        out.write("true\n" if res.boolean else "false\n")
        return
    out.write("\t".join(f"?{v}" for v in res.variables) + "\n")
    for row in res.rows:  # str() of a pyoxigraph term is its N-Triples form, tabs and newlines escaped
        out.write("\t".join("" if t is None else str(t) for t in row) + "\n")


def _write_table(res: Results, out: IO[str], max_width: int = 80) -> None:
    if res.form == "ask":
        out.write("true\n" if res.boolean else "false\n")
        return

    def cell(t) -> str:
        s = " ".join(compact(t).split())
        return s if not max_width or len(s) <= max_width else s[: max_width - 1] + "…"

    body = [[cell(t) for t in row] for row in res.rows]
    header = list(res.variables)
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in body:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


def write_results(res: Results, fmt: str, out: IO[bytes], *, max_width: int = 80) -> None:
    """Write `res` in `fmt` to a binary stream.

    SELECT/ASK: table, json, xml, csv, tsv. CONSTRUCT/DESCRIBE: turtle, nt, xml (RDF/XML),
    json (JSON-LD); "table" means Turtle for them.
    """
    if res.form == "graph":
        if fmt == "table":
            fmt = "turtle"
        if fmt not in _RDF_FORMATS:
            raise QueryError(
                f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}"
            )
        ox.serialize(list(res.triples), out, _RDF_FORMATS[fmt], prefixes=_TURTLE_PREFIXES if fmt == "turtle" else None)
        return
    writers = {"table": _write_table, "json": _write_json, "xml": _write_xml, "csv": _write_csv, "tsv": _write_tsv}
    if fmt not in writers:
        raise QueryError(
            f"a {res.form.upper()} result cannot be written as {fmt!r}; use one of {', '.join(SELECT_FORMATS)}"
        )
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "table":
            _write_table(res, text, max_width)
        else:
            writers[fmt](res, text)
        text.flush()
    finally:
        text.detach()


def serialize_results(res: Results, fmt: str) -> bytes:
    """`write_results` into bytes."""
    buf = io.BytesIO()
    write_results(res, fmt, buf)
    return buf.getvalue()
