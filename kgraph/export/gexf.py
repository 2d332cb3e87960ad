"""GEXF 1.2 (Gephi's own format), valid against gexf.xsd and viz.xsd.

Nodes are coloured by entity type (`assets/type_colours.tsv`) and sized by PageRank
(computed here when the graph does not carry it). Nodes and edges get one time spell
per date they were reported (article publication, event date or interval), so Gephi's
timeline plays the conflict forward; without dates they are always visible.

networkx's writer emits `<graph name="">`, which the 1.2 schema rejects, and raises on
None and lists; this one is written as text in one pass, attributes typed as in
GraphML (one type per name; lists ';'-joined; missing values left out).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from ..errors import ExportError
from .graphml import attribute_types, converters, node_ids, present_values, scalar, with_iri, xml_text
from .registry import register

__all__ = ["GEXF_NS", "VIZ_NS", "type_colours", "colour_of", "generate_gexf", "write_gexf"]

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"
_GEXF_TYPES = {"boolean": "boolean", "long": "long", "double": "double", "string": "string"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SIZE_MIN, _SIZE_MAX = 5.0, 50.0


@lru_cache(maxsize=1)
def type_colours() -> dict[str, str]:
    """Entity type -> '#rrggbb', from assets/type_colours.tsv ('*' is the fallback)."""
    text = resources.files(__package__).joinpath("assets/type_colours.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return {r[0]: r[1] for r in rows}


def colour_of(kind: str | None) -> str:
    """The colour of an entity type; unknown types get a stable colour derived from their name."""
    colours = type_colours()
    if kind in colours:
        return colours[kind]
    if not kind:
        return colours["*"]
    h = hashlib.sha1(kind.encode("utf-8")).digest()
    return "#" + "".join(f"{64 + b % 160:02x}" for b in h[:3])


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _spells(data: dict) -> list[tuple[str, str]]:
    """(start, end) of each date or interval in `dates`, else first_date..last_date (raw or scalar values)."""
    dates = data.get("dates")
    values = dates.split(";") if isinstance(dates, str) else (dates or ())
    out = []
    for value in values:
        parts = str(value).split("/")
        if len(parts) <= 2 and all(_DATE.fullmatch(p) for p in parts):
            out.append((parts[0], parts[-1]))
    first = str(data.get("first_date", ""))
    if not out and _DATE.fullmatch(first):
        last = str(data.get("last_date", first))
        out.append((first, last if _DATE.fullmatch(last) else first))
    return sorted(set(out))


def _pagerank(g: nx.Graph) -> dict:
    if g.number_of_nodes() and all("pagerank" in d for _, d in g.nodes(data=True)):
        return {n: float(d["pagerank"]) for n, d in g.nodes(data=True)}
    from ..analyse.metrics import to_igraph

    h, nodes = to_igraph(g)
    pr = h.pagerank(weights=h.es["weight"] if h.ecount() else None, directed=h.is_directed()) if nodes else []
    return dict(zip(nodes, pr))


def _attr_decls(cls: str, types: dict[str, str], order: list[str]) -> str:
    if not order:
        return ""
    rows = "".join(
        f'      <attribute id="{i}" title="{xml_text(name)}" type="{_GEXF_TYPES[types[name]]}"/>\n'
        for i, name in enumerate(order)
    )
    return f'    <attributes class="{cls}" mode="static">\n{rows}    </attributes>\n'


def _attvalues(data: dict, order: list[tuple[str, int, object]]) -> str:
    vals = [f'<attvalue for="{i}" value="{text}"/>' for i, text in present_values(data, order)]
    return f"        <attvalues>{''.join(vals)}</attvalues>\n" if vals else ""


def _spell_xml(spells: list[tuple[str, str]]) -> str:
    if not spells:
        return ""
    return "        <spells>" + "".join(f'<spell start="{a}" end="{b}"/>' for a, b in spells) + "</spells>\n"


def _label(text: str) -> str:
    return xml_text(" ".join(str(text).split()))


_CHUNK = 2000  # nodes or edges per yielded chunk


def generate_gexf(g: nx.Graph, description: str | None = None) -> Iterator[str]:
    """The GEXF 1.2 document of `g`, as text chunks."""
    ids = node_ids(g)
    # two passes over the graph, nothing copied: types (and whether there are dates) first
    ntypes = attribute_types(with_iri(n, ids[n], d) for n, d in g.nodes(data=True))
    etypes = attribute_types(d for *_, d in g.edges(data=True))
    norder = sorted(k for k in ntypes if k != "label")
    eorder = sorted(k for k in etypes if k not in ("weight", "label"))
    yield _header(g, description)
    yield _attr_decls("node", ntypes, norder)
    yield _attr_decls("edge", etypes, eorder)
    yield f'    <nodes count="{g.number_of_nodes()}">\n'
    yield from _chunks(_nodes(g, ids, _attr_order(ntypes, norder)), "    </nodes>\n")
    yield f'    <edges count="{g.number_of_edges()}">\n'
    yield from _chunks(_edges(g, ids, _attr_order(etypes, eorder)), "    </edges>\n  </graph>\n</gexf>\n")


def _header(g: nx.Graph, description: str | None) -> str:
    """The XML declaration, `<gexf>`, `<meta>` and the opening `<graph>` (dynamic when there are dates)."""
    dynamic = any(_spells(d) for _, d in g.nodes(data=True)) or any(_spells(d) for *_, d in g.edges(data=True))
    time_attrs = 'mode="dynamic" timeformat="date"' if dynamic else 'mode="static"'
    name = str(g.graph.get("name") or "graph")
    desc = description or f"kgraph {name} view: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        f"  <meta>\n    <creator>kgraph</creator>\n    <description>{xml_text(desc)}</description>\n  </meta>\n"
        f'  <graph defaultedgetype="{"directed" if g.is_directed() else "undirected"}" '
        f"{time_attrs}>\n"
    )


def _attr_order(types: dict[str, str], order: list[str]) -> list[tuple[str, int, object]]:
    conv = converters(types)
    return [(k, i, conv[k]) for i, k in enumerate(order)]


def _chunks(items: Iterator[str], closing: str) -> Iterator[str]:
    """`items` joined _CHUNK at a time, `closing` after the last."""
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + closing


def _sizes(g: nx.Graph) -> dict:
    """Node -> its viz:size, from PageRank scaled to [_SIZE_MIN, _SIZE_MAX]."""
    pr = _pagerank(g)
    lo, hi = (min(pr.values()), max(pr.values())) if pr else (0.0, 0.0)
    if hi <= lo:
        middle = round((_SIZE_MIN + _SIZE_MAX) / 2, 3)
        return {n: middle for n in g}
    return {n: round(_SIZE_MIN + (_SIZE_MAX - _SIZE_MIN) * (pr.get(n, lo) - lo) / (hi - lo), 3) for n in g}


def _nodes(g: nx.Graph, ids: dict, attrs: list[tuple[str, int, object]]) -> Iterator[str]:
    sizes = _sizes(g)
    for n, raw in g.nodes(data=True):
        d = with_iri(n, ids[n], raw)
        kind = d.get("type")
        r, gr, b = _rgb(colour_of(kind if isinstance(kind, str) else None))
        yield (
            f'      <node id="{xml_text(ids[n])}" label="{_label(d.get("label", n))}">\n'
            f"{_attvalues(d, attrs)}{_spell_xml(_spells(d))}"
            f'        <viz:color r="{r}" g="{gr}" b="{b}"/>\n'
            f'        <viz:size value="{sizes[n]}"/>\n      </node>\n'
        )


def _edges(g: nx.Graph, ids: dict, attrs: list[tuple[str, int, object]]) -> Iterator[str]:
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        w = scalar(d.get("weight"))
        weight = f' weight="{repr(float(w))}"' if isinstance(w, (int, float)) and not isinstance(w, bool) else ""
        text = scalar(d.get("label", d.get("relation")))
        label = f' label="{_label(text)}"' if text is not None else ""
        body = _attvalues(d, attrs) + _spell_xml(_spells(d))
        head = f'      <edge id="{i}" source="{xml_text(ids[u])}" target="{xml_text(ids[v])}"{label}{weight}'
        yield f"{head}>\n{body}      </edge>\n" if body else f"{head}/>\n"


@register("gexf", kind="network", suffix=".gexf", help="the actor network over time, for Gephi")
def write_gexf(g: nx.Graph, out: BinaryIO | str | Path, description: str | None = None) -> None:
    """Write `g` as GEXF 1.2 (UTF-8) to a binary stream or a path."""
    if isinstance(out, (str, Path)):
        with open(out, "wb") as f:
            write_gexf(g, f, description)
        return
    try:
        for chunk in generate_gexf(g, description):
            out.write(chunk.encode("utf-8", "replace"))
    except OSError as exc:
        raise ExportError(f"cannot write GEXF: {exc}") from exc
