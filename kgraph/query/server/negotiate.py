"""The result format of a query: from a `format`/`output` parameter if one is recognised,
else from the Accept header (q-values honoured); None when nothing offered fits (406)."""

from __future__ import annotations

__all__ = ["negotiate"]

_SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json",
    "application/json": "json",
}
_FORMAT_WORDS = {  # values of the format/output/results parameters clients send
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "table": "table", "text": "table"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",
        "nt": "nt",
        "ntriples": "nt",
        "n-triples": "nt",
        "xml": "xml",
        "rdf+xml": "xml",
        "rdf": "xml",
        "json": "json",
        "json-ld": "json",
        "jsonld": "json",
    },
}
_DEFAULT = {"select": "json", "graph": "turtle"}


def negotiate(accept: str | None, form: str, format_params: list[str] | tuple[str, ...] = ()) -> str | None:
    """The result format for a query `form` ("select", "ask", "graph"): from a format
    parameter if one is recognised, else the Accept header (q-values honoured); None when
    nothing offered is acceptable (406)."""
    kind = "graph" if form == "graph" else "select"
    types = _GRAPH_TYPES if kind == "graph" else _SELECT_TYPES
    named = _from_params(kind, types, format_params)
    if named is not None:
        return named
    if not accept or not accept.strip():
        return _DEFAULT[kind]
    for mt in _offers(accept):
        if mt in types:
            return types[mt]
        if mt in ("*/*", "application/*", "text/*"):
            if mt == "text/*":
                return "turtle" if kind == "graph" else "csv"
            return _DEFAULT[kind]
    return None


def _from_params(kind: str, types: dict[str, str], format_params) -> str | None:
    """The first format parameter that names a format (a word or a media type), else None."""
    for value in format_params:
        v = value.strip().lower()
        if v in _FORMAT_WORDS[kind]:
            return _FORMAT_WORDS[kind][v]
        if v.split(";")[0].strip() in types:
            return types[v.split(";")[0].strip()]
    return None


def _offers(accept: str) -> list[str]:
    """The media types an Accept header offers, best first (by q-value, then order); q=0 left out."""
    offers = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = _quality(bits[1:])
        if bits[0] and q > 0:
            offers.append((-q, i, bits[0].lower()))
    return [mt for _, _, mt in sorted(offers)]


def _quality(params: list[str]) -> float:
    """The q-value among a media range's parameters (1.0 without one, 0.0 when unreadable)."""
    q = 1.0
    for b in params:
        if b.lower().startswith("q="):
            try:
                q = float(b[2:])
            except ValueError:
                q = 0.0
    return q
