"""Writing SPARQL results in the standard formats.

SELECT/ASK as an aligned table, SPARQL 1.1 Query Results JSON, XML, CSV or TSV;
CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD. `MEDIA_TYPES` names the
media type of each (form, format), for the endpoint's content negotiation.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from ..graph.terms import PREFIXES

if TYPE_CHECKING:
    from .sparql import Results

__all__ = ["SELECT_FORMATS", "GRAPH_FORMATS", "MEDIA_TYPES", "compact", "write_results", "serialize_results"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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
