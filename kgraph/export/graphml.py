"""GraphML for Gephi: every attribute declared once with one type, no None/list values."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

__all__ = ["clean_for_xml", "write_graphml"]


def _key_types(items) -> dict[str, type]:
    seen: dict[str, set[type]] = {}
    for data in items:
        for k, v in data.items():
            if v is not None:
                seen.setdefault(k, set()).add(type(v))
    out = {}
    for k, ts in seen.items():
        if ts <= {bool}:
            out[k] = bool
        elif ts <= {int}:
            out[k] = int
        elif ts <= {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def _conv(t: type, v):
    if isinstance(v, (list, tuple, set, frozenset)):
        v = ";".join(map(str, sorted(v) if isinstance(v, (set, frozenset)) else v))
    return t(v)


def clean_for_xml(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes are str/int/float/bool only, each key with one type everywhere;
    lists become ';'-joined strings and missing values are omitted."""
    h = g.__class__()
    h.graph.update({k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))})
    nt = _key_types(d for _, d in g.nodes(data=True))
    et = _key_types(d for *_, d in g.edges(data=True))
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _conv(nt[k], v) for k, v in d.items() if v is not None})
    for u, v, d in g.edges(data=True):
        h.add_edge(u, v, **{k: _conv(et[k], x) for k, x in d.items() if x is not None})
    return h


def write_graphml(g: nx.Graph, out: BinaryIO) -> None:
    """Write `g` as GraphML (lxml writer: about twice as fast and a quarter of the memory)."""
    nx.write_graphml_lxml(clean_for_xml(g), out, encoding="utf-8", prettyprint=True, named_key_ids=True)
