"""Finding an entity by name, its ego network, and how two entities are connected.

Names are matched, case-insensitively, against the node's label, aliases, entity key,
Wikidata ID and IRI; then against a unique word-prefix of a label ("Zelenskiy").
An unknown name raises NotFoundError listing the closest labels (difflib).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import networkx as nx

from ..errors import KGraphError, NotFoundError
from .projections import Evidence

__all__ = ["resolve", "ego_network", "connection", "PathStep"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip()


def _ids(node: str, attrs: dict) -> set[str]:
    return {_norm(x) for x in (node, attrs.get("key", ""), attrs.get("wikidata", "")) if x}


def _labels(attrs: dict) -> set[str]:
    return {_norm(x) for x in (attrs.get("label", ""), *attrs.get("aliases", ())) if x}


def resolve(g: nx.Graph, name: str) -> str:
    """The node `name` designates; NotFoundError (with suggestions) or KGraphError if ambiguous.

    Tried in turn: IRI, entity key or Wikidata ID; label or alias; a label word-prefix.
    """
    want = _norm(name)
    if not want:
        raise NotFoundError("empty entity name")
    prefix = re.compile(r"(?:^|\W)" + re.escape(want))
    exact: list[str] = []
    for match in (
        lambda n, d: want in _ids(n, d),
        lambda n, d: want in _labels(d),
        lambda n, d: any(prefix.search(x) for x in _labels(d)),
    ):
        exact = sorted(n for n, d in g.nodes(data=True) if match(n, d))
        if len(exact) == 1:
            return exact[0]
        if exact:
            break
    if exact:
        labels = ", ".join(f"{g.nodes[n].get('label', n)} ({g.nodes[n].get('key', n)})" for n in exact[:8])
        raise KGraphError(
            f"{name!r} is ambiguous in the {g.graph.get('name', '')} view: {labels}; give the key or the Wikidata ID"
        )
    labels = sorted({d.get("label", n) for n, d in g.nodes(data=True)})
    by_norm: dict[str, str] = {}
    for n, d in g.nodes(data=True):
        for x in (d.get("label", ""), *d.get("aliases", ())):
            by_norm.setdefault(_norm(x), d.get("label", n))
    close = difflib.get_close_matches(want, sorted(by_norm), n=5, cutoff=0.6)
    words = {w for w in re.findall(r"\w+", want) if len(w) > 2}
    close += sorted(c for c in by_norm if words & set(re.findall(r"\w+", c)))  # "Kursk Oblast" -> "Kursk"
    suggestions = list(dict.fromkeys(by_norm[c] for c in close))[:5]
    hint = (
        f"; did you mean {', '.join(repr(s) for s in suggestions)}?"
        if suggestions
        else f"; it has {len(labels)} entities (see `kgraph analyze --top 0`)"
    )
    raise NotFoundError(f"no entity {name!r} in the {g.graph.get('name', '')} view{hint}")


def ego_network(g: nx.Graph, node: str, radius: int = 2) -> nx.Graph:
    """The nodes within `radius` links of `node` (either direction), with `hops` set on each."""
    if radius < 0:
        raise KGraphError(f"radius must be 0 or more, not {radius}")
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    hops = nx.single_source_shortest_path_length(und, node, cutoff=radius)
    sub = g.subgraph(sorted(hops, key=lambda n: (hops[n], n))).copy()
    nx.set_node_attributes(sub, hops, "hops")
    sub.graph["center"] = node
    sub.graph["radius"] = radius
    return sub


@dataclass(frozen=True)
class PathStep:
    """One link of a path: `source` -> `target` as stored (which may run against the walk)."""

    source: str
    target: str
    relation: str
    weight: int
    evidence: tuple[Evidence, ...]
    forward: bool  # True when the stored edge runs in the direction of the walk


def connection(g: nx.Graph, a: str, b: str) -> list[PathStep]:
    """A shortest path from `a` to `b`, links taken in either direction, with their evidence.

    One step per link walked; a hop where links run both ways gives two steps.

    Ties between equally short paths are broken by the sorted node order, so the answer
    is stable. Raises NotFoundError when the two are not connected.
    """
    und = nx.Graph()
    und.add_nodes_from(sorted(g))
    und.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in g.edges()))
    try:
        path = nx.shortest_path(und, a, b)
    except nx.NetworkXNoPath:
        la, lb = g.nodes[a].get("label", a), g.nodes[b].get("label", b)
        raise NotFoundError(f"{la} and {lb} are not connected in the {g.graph.get('name', '')} view") from None
    steps = []
    for u, v in zip(path, path[1:]):
        for s, t, fwd in ((u, v, True), (v, u, False)):
            if g.has_edge(s, t):
                d = g.edges[s, t]
                steps.append(
                    PathStep(
                        s,
                        t,
                        d.get("relation", ""),
                        int(d.get("weight", 1)),
                        tuple(d.get("evidence", ())),
                        fwd or not g.is_directed(),
                    )
                )
                if not g.is_directed():
                    break
    return steps
