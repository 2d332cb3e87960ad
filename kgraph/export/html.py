"""One self-contained HTML page showing a view: labels, type colours, statements on click.

Everything the page needs is inside the file: the script and style from `assets/`
(hand-written, no library, no network access), and the graph as JSON. Node positions
are computed here with igraph's Fruchterman-Reingold layout from a fixed start, so the
same graph gives the same page; the page draws them as SVG and lets the reader pan,
zoom, drag, search and click a node or a link to read its figures, its statements and
the evidence of its links. Once drawn, the page sets `data-rendered-nodes` and
`data-rendered-edges` on <body> (the tests read them from headless Chromium); opening
`page.html#node=<id>` selects that node.

To get a picture of it:

    chromium --headless --no-sandbox --disable-gpu --window-size=1400,900 \\
        --screenshot=graph.png exports/graph.html
"""

from __future__ import annotations

import html
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from ..errors import ExportError
from .gexf import colour_of, type_colours
from .graphml import node_ids

__all__ = ["generate_html", "write_html", "layout"]

_MAX_EVIDENCE = 5


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(f"assets/{name}").read_text(encoding="utf-8")


def layout(g: nx.Graph, seed: int = 0) -> dict:
    """Node -> (x, y), deterministic: Fruchterman-Reingold (weighted, from a circle) for the linked
    nodes in [-1, 1]; entities without links in rows below them."""
    from ..analyse.metrics import seeded, to_igraph

    linked = [n for n in g if g.degree(n) > 0]
    alone = [n for n in g if g.degree(n) == 0]
    pos: dict = {}
    if linked:
        h, nodes = to_igraph(g.subgraph(linked))
        n = len(nodes)
        start = [[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)]
        with seeded(seed):
            coords = h.layout_fruchterman_reingold(
                seed=start, niter=1000, grid=False, weights=h.es["weight"] if h.ecount() else None
            ).coords
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
        pos = {node: (round((x - cx) / span, 4), round((y - cy) / span, 4)) for node, (x, y) in zip(nodes, coords)}
    per_row = max(6, math.ceil(math.sqrt(len(alone) * 4)))
    top = 1.25 if linked else -1.0
    for i, node in enumerate(alone):
        row, col = divmod(i, per_row)
        pos[node] = (round(-1 + 2 * (col + 0.5) / per_row, 4), round(top + 0.22 * row, 4))
    return pos


def _top(g: nx.Graph, max_nodes: int | None) -> nx.Graph:
    if not max_nodes or g.number_of_nodes() <= max_nodes:
        return g
    keep = sorted(g.nodes(data=True), key=lambda nd: (-float(nd[1].get("pagerank", 0)), str(nd[0])))[:max_nodes]
    return g.subgraph(n for n, _ in keep).copy()


def _num(v):
    if isinstance(v, float):
        return round(v, 6)
    return v


_NODE_FIGURES = (
    "wikidata",
    "articles",
    "first_date",
    "last_date",
    "pagerank",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
)


def _data(g: nx.Graph, statements: list[dict] | None, title: str) -> dict:
    index = {n: i for i, n in enumerate(g)}
    nodes = _nodes(g)
    return {
        "title": title,
        "view": str(g.graph.get("name", "")),
        "directed": g.is_directed(),
        "nodes": nodes,
        "edges": _edges(g, index),
        "statements": _statements(statements, index),
        "types": _legend(nodes),
    }


def _nodes(g: nx.Graph) -> list[dict]:
    """The nodes with their place, colour, size (by PageRank) and figures."""
    ids = node_ids(g)
    pos = layout(g)
    pr = [float(d.get("pagerank", 0)) for _, d in g.nodes(data=True)]
    lo, hi = (min(pr), max(pr)) if pr else (0.0, 0.0)
    nodes = []
    for i, (n, d) in enumerate(g.nodes(data=True)):
        size = 14.0 if hi <= lo else 6 + 24 * (pr[i] - lo) / (hi - lo)
        node = {
            "id": ids[n],
            "iri": str(n),
            "label": str(d.get("label", n)),
            "type": d.get("type") or "",
            "colour": colour_of(d.get("type")),
            "size": round(size, 2),
            "x": pos[n][0],
            "y": pos[n][1],
        }
        node.update((k, _num(d[k])) for k in _NODE_FIGURES if d.get(k) is not None)
        nodes.append(node)
    return nodes


def _evidence(e) -> dict:
    if hasattr(e, "article_id"):
        return {"article": e.article_id, "text": e.text, "context": e.context}
    return {"article": "", "text": str(e), "context": ""}


def _edges(g: nx.Graph, index: dict) -> list[dict]:
    return [
        {
            "s": index[u],
            "t": index[v],
            "relation": str(d.get("relation", "")),
            "weight": _num(d.get("weight", 1)),
            "evidence": [_evidence(e) for e in list(d.get("evidence", ()))[:_MAX_EVIDENCE]],
        }
        for u, v, d in g.edges(data=True)
    ]


def _statements(statements: list[dict] | None, index: dict) -> list[dict]:
    """The statements whose speaker or a subject is drawn, with node numbers for both."""
    sts = []
    for st in statements or ():
        speaker = index.get(st.get("speaker"))
        about = [index[a] for a in st.get("about", ()) if a in index]
        if speaker is None and not about:
            continue
        sts.append(
            {
                "speaker": speaker,
                "speaker_text": st.get("speaker_text") or "",
                "about": about,
                "text": st.get("text", ""),
                "cue": st.get("cue") or "",
                "kind": st.get("kind") or "",
                "stance": st.get("stance") or "",
                "article": str(st.get("article", "")).rsplit("/", 1)[-1],
                "headline": st.get("headline") or "",
            }
        )
    return sts


def _legend(nodes: list[dict]) -> dict[str, str]:
    types = sorted({n["type"] for n in nodes})
    legend = {t: colour_of(t) for t in types}
    legend.update({t: c for t, c in type_colours().items() if t in legend})
    return legend


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def generate_html(
    g: nx.Graph, statements: list[dict] | None = None, *, title: str | None = None, max_nodes: int | None = 500
) -> str:
    """The page for `g` (its `max_nodes` nodes of highest PageRank) and the statements about them."""
    if g.number_of_nodes() == 0:
        raise ExportError("nothing to draw: the graph has no nodes")
    sub = _top(g, max_nodes)
    title = title or f"kgraph: {g.graph.get('name', 'graph')} view"
    page = _asset("viz.html")
    parts = {
        "/*KGRAPH_TITLE*/": html.escape(title),
        "/*KGRAPH_CSS*/": _asset("viz.css"),
        "/*KGRAPH_DATA*/": _json_for_script(_data(sub, statements, title)),
        "/*KGRAPH_JS*/": _asset("viz.js"),
    }
    # one pass, so that a marker inside the data is never expanded
    return re.sub(r"/\*KGRAPH_[A-Z]+\*/", lambda m: parts.get(m.group(0), m.group(0)), page)


def write_html(
    g: nx.Graph,
    out: BinaryIO | str | Path,
    statements: list[dict] | None = None,
    *,
    title: str | None = None,
    max_nodes: int | None = 500,
) -> None:
    """Write the page to a binary stream or a path."""
    page = generate_html(g, statements, title=title, max_nodes=max_nodes)
    if isinstance(out, (str, Path)):
        Path(out).write_text(page, encoding="utf-8")
        return
    try:
        out.write(page.encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"cannot write HTML: {exc}") from exc
