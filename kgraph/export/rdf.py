"""RDF exports: Turtle, N-Triples (the union of all article graphs), TriG, N-Quads, JSON-LD.

Quads are sorted before writing, so the same store gives byte-identical files.
Turtle and N-Triples have no named graphs: they hold the union of the articles' graphs,
each triple once. TriG, N-Quads and JSON-LD keep one named graph per article.
"""

from __future__ import annotations

from typing import BinaryIO

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Triple, serialize

from ..errors import ExportError
from ..graph.store import GraphStore
from ..graph.terms import PREFIXES
from .registry import register

__all__ = ["RDF_FORMATS", "write_rdf", "generate_rdf"]

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "ntriples": RdfFormat.N_TRIPLES,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "nquads": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
    "json-ld": RdfFormat.JSON_LD,
}


def generate_rdf(store: GraphStore, fmt: str) -> list[Triple] | list[Quad]:
    """The sorted triples (union) or quads (per article) that `fmt` will hold."""
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; choose one of {', '.join(sorted(RDF_FORMATS))}")
    quads = store.quads()
    if RDF_FORMATS[fmt].supports_datasets:
        return sorted((q for q in quads if not isinstance(q.graph_name, DefaultGraph)), key=str)
    return sorted({q.triple for q in quads}, key=str)


def write_rdf(store: GraphStore, fmt: str, out: BinaryIO) -> int:
    """Write the store in `fmt` to a binary stream; returns the number of triples or quads."""
    data = generate_rdf(store, fmt)
    # kgid: is left out: our IRIs have slashes after it, which Turtle would escape
    prefixes = (
        None
        if RDF_FORMATS[fmt] in (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS)
        else {k: v for k, v in PREFIXES.items() if k != "kgid"}
    )
    try:
        serialize(data, out, RDF_FORMATS[fmt], prefixes=prefixes)
    except BrokenPipeError:
        raise  # the reader stopped early (`| head`): not an error of ours
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot write {fmt}: {exc}") from exc
    return len(data)


def _register_rdf(name: str, help: str) -> None:
    def write(store: GraphStore, out: BinaryIO) -> str:
        n = write_rdf(store, name, out)
        return f"{n} {'quads' if RDF_FORMATS[name].supports_datasets else 'triples'}"

    write.__qualname__ = write.__name__ = f"write_{name}"
    register(name, kind="rdf", suffix="." + RDF_FORMATS[name].file_extension, help=help)(write)


for _name, _help in (
    ("turtle", "Turtle, the union of the article graphs"),
    ("trig", "TriG, one named graph per article"),
    ("nt", "N-Triples, the union of the article graphs"),
    ("nq", "N-Quads, one named graph per article"),
    ("jsonld", "JSON-LD, one named graph per article"),
):
    _register_rdf(_name, _help)
