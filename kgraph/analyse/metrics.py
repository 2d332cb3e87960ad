"""Network figures for a view, computed with igraph and written back onto the nodes.

Per node: `degree` (`in_degree`, `out_degree` on directed views), `weighted_degree`,
`pagerank` (weighted, following edge direction), `betweenness` (normalised, on the
undirected graph: who sits between others whatever the direction of the link),
`community` (Louvain / multilevel on the undirected weighted graph, numbered from the
largest) and `component` (weakly connected components, numbered from the largest).

igraph does the work: networkx takes minutes for exact betweenness or Louvain on 100k
nodes. Above `exact_limit` nodes betweenness is estimated from `samples` random source
nodes (Brandes & Pich 2007), scaled to the whole graph. Random choices use a private
generator seeded with `seed`, so the same graph gives the same figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx

__all__ = ["Analysis", "analyse", "ranking", "seeded", "to_igraph", "FIGURES"]

FIGURES = ("pagerank", "degree", "in_degree", "out_degree", "weighted_degree", "betweenness", "community", "component")


@dataclass(frozen=True)
class Analysis:
    """What `analyse` found about the graph as a whole (node figures are on the nodes)."""

    view: str
    nodes: int
    edges: int
    directed: bool
    components: int
    largest_component: int
    communities: tuple[tuple[str, ...], ...]  # node ids, largest community first
    modularity: float
    betweenness: str  # "exact" or "sampled from N sources"
    notes: tuple[str, ...] = field(default=())


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run igraph's random choices from a private generator, then restore the global one."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def to_igraph(g: nx.Graph, weight: str = "weight") -> tuple[ig.Graph, list]:
    """The same graph in igraph (vertex i is `nodes[i]`), with the edge weights; returns (graph, nodes)."""
    nodes = list(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in g.edges()]
    h = ig.Graph(n=len(nodes), edges=edges, directed=g.is_directed())
    h.es["weight"] = [float(d.get(weight, 1) or 1) for _, _, d in g.edges(data=True)]
    return h, nodes


def _numbered(groups: list[list[int]], nodes: list) -> list[list[int]]:
    """Groups sorted largest first, then by their first node's position: stable numbering."""
    return sorted((sorted(c) for c in groups if c), key=lambda c: (-len(c), c[0]))


def analyse(g: nx.Graph, *, exact_limit: int = 2000, samples: int = 128, seed: int = 0) -> Analysis:
    """Compute the figures of every node of `g`, set them as node attributes, return the summary."""
    h, nodes = to_igraph(g)
    n, m = h.vcount(), h.ecount()
    w = h.es["weight"] if m else None
    directed = h.is_directed()
    und = h.as_undirected(mode="collapse", combine_edges={"weight": "sum"}) if directed else h.copy()
    if not directed and m:
        und.simplify(combine_edges={"weight": "sum"})
    uw = und.es["weight"] if und.ecount() else None
    with seeded(seed):
        pagerank = h.pagerank(weights=w, directed=directed) if n else []
        if n <= exact_limit or samples >= n:
            between = und.betweenness(directed=False)
            how = "exact"
        else:
            sources = sorted(random.Random(seed).sample(range(n), samples))
            between = [b * n / samples for b in und.betweenness(directed=False, sources=sources)]
            how = f"sampled from {samples} sources"
        clusters = und.community_multilevel(weights=uw) if und.ecount() else None
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    membership = clusters.membership if clusters is not None else list(range(n))
    communities = _numbered(_groups(membership), nodes)
    components = _numbered(_groups(und.connected_components().membership), nodes)
    community_of = {v: i for i, c in enumerate(communities) for v in c}
    component_of = {v: i for i, c in enumerate(components) for v in c}
    degree = h.degree()
    strength = h.strength(weights=w) if m else [0.0] * n
    if directed:
        indeg, outdeg = h.indegree(), h.outdegree()
    for i, node in enumerate(nodes):
        attrs = g.nodes[node]
        attrs["pagerank"] = float(pagerank[i])
        attrs["degree"] = int(degree[i])
        if directed:
            attrs["in_degree"], attrs["out_degree"] = int(indeg[i]), int(outdeg[i])
        attrs["weighted_degree"] = float(strength[i])
        attrs["betweenness"] = float(between[i]) * scale
        attrs["community"] = community_of[i]
        attrs["component"] = component_of[i]
    modularity = und.modularity(membership, weights=uw) if und.ecount() else 0.0
    return Analysis(
        view=str(g.graph.get("name", "")),
        nodes=n,
        edges=g.number_of_edges(),
        directed=directed,
        components=len(components),
        largest_component=len(components[0]) if components else 0,
        communities=tuple(tuple(nodes[v] for v in c) for c in communities),
        modularity=float(modularity),
        betweenness=how,
    )


def _groups(membership: list[int]) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for v, c in enumerate(membership):
        out.setdefault(c, []).append(v)
    return list(out.values())


def ranking(g: nx.Graph, by: str = "pagerank", top: int | None = 20) -> list[tuple[str, dict]]:
    """Nodes by a figure, highest first (ties by label, then id); `analyse` must have run."""
    if by not in FIGURES or (by in ("in_degree", "out_degree") and not g.is_directed()):
        valid = [f for f in FIGURES if g.is_directed() or f not in ("in_degree", "out_degree")]
        raise ValueError(f"cannot rank by {by!r}; choose one of {', '.join(valid)}")
    reverse = by not in ("community", "component")
    rows = sorted(
        g.nodes(data=True),
        key=lambda nd: ((-1 if reverse else 1) * nd[1].get(by, 0), str(nd[1].get("label", "")), str(nd[0])),
    )
    return rows[:top] if top else rows
