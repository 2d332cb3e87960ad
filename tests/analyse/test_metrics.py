"""The figures igraph computes, checked against networkx's own implementations."""

from __future__ import annotations

import networkx as nx
import pytest

from kgraph.analyse import analyse, ranking


def two_cliques() -> nx.Graph:
    """Two 5-cliques joined by one bridge (4 - 5), plus an isolated pair."""
    g = nx.Graph(name="toy")
    for block in (range(0, 5), range(5, 10)):
        g.add_edges_from((a, b, {"weight": 1}) for a in block for b in block if a < b)
    g.add_edge(4, 5, weight=1)
    g.add_edge(20, 21, weight=3)
    for n in g:
        g.nodes[n]["label"] = f"n{n:02d}"
    return g


def reference_pagerank(g: nx.DiGraph, alpha: float = 0.85) -> dict:
    """Plain power iteration, dangling nodes spread uniformly (networkx's definition)."""
    n = len(g)
    rank = dict.fromkeys(g, 1 / n)
    out = {u: sum(d["weight"] for *_, d in g.out_edges(u, data=True)) for u in g}
    for _ in range(500):
        dangling = sum(rank[u] for u in g if out[u] == 0)
        new = dict.fromkeys(g, (1 - alpha) / n + alpha * dangling / n)
        for u, v, d in g.edges(data=True):
            new[v] += alpha * rank[u] * d["weight"] / out[u]
        rank = new
    return rank


def test_pagerank_matches_the_definition_on_a_weighted_digraph():
    g = nx.gnp_random_graph(60, 0.08, seed=3, directed=True)
    for i, (u, v) in enumerate(g.edges()):
        g.edges[u, v]["weight"] = 1 + i % 4
    analyse(g)
    expected = reference_pagerank(g)
    for n in g:
        assert g.nodes[n]["pagerank"] == pytest.approx(expected[n], abs=1e-6)
    assert sum(d["pagerank"] for _, d in g.nodes(data=True)) == pytest.approx(1.0)


def test_exact_betweenness_is_networkx_normalised_on_the_undirected_graph():
    g = nx.gnp_random_graph(50, 0.1, seed=5, directed=True)
    summary = analyse(g)
    assert summary.betweenness == "exact"
    expected = nx.betweenness_centrality(g.to_undirected(), normalized=True)
    for n in g:
        assert g.nodes[n]["betweenness"] == pytest.approx(expected[n], abs=1e-9)


@pytest.mark.slow
def test_sampled_betweenness_tracks_the_exact_one_and_is_repeatable():
    g = nx.barabasi_albert_graph(3000, 2, seed=1)
    assert analyse(g, exact_limit=len(g)).betweenness == "exact"
    truth = {n: d["betweenness"] for n, d in g.nodes(data=True)}
    h1, h2 = g.copy(), g.copy()
    s1 = analyse(h1, exact_limit=1000, samples=300, seed=7)
    analyse(h2, exact_limit=1000, samples=300, seed=7)
    assert s1.betweenness == "sampled from 300 sources"
    approx = {n: d["betweenness"] for n, d in h1.nodes(data=True)}
    assert approx == {n: d["betweenness"] for n, d in h2.nodes(data=True)}
    top_true = set(sorted(truth, key=truth.get, reverse=True)[:20])
    top_approx = set(sorted(approx, key=approx.get, reverse=True)[:20])
    assert len(top_true & top_approx) >= 15
    # the estimate is unbiased: the sums agree closely
    assert sum(approx.values()) == pytest.approx(sum(truth.values()), rel=0.1)


def test_louvain_finds_the_two_cliques_and_numbers_largest_first():
    g = two_cliques()
    summary = analyse(g)
    comm = {n: d["community"] for n, d in g.nodes(data=True)}
    assert len({comm[n] for n in range(5)}) == 1 and len({comm[n] for n in range(5, 10)}) == 1
    assert comm[0] != comm[9]
    assert {comm[0], comm[9]} == {0, 1} and comm[20] == comm[21] == 2
    assert [len(c) for c in summary.communities] == [5, 5, 2]
    assert summary.modularity > 0.4


def test_components_are_weak_and_numbered_largest_first():
    g = nx.DiGraph(name="d")
    g.add_edges_from([(1, 2), (3, 2), (4, 5)])
    g.add_node(6)
    summary = analyse(g)
    assert (summary.components, summary.largest_component) == (3, 3)
    assert [g.nodes[n]["component"] for n in (1, 2, 3, 4, 5, 6)] == [0, 0, 0, 1, 1, 2]
    assert (g.nodes[2]["in_degree"], g.nodes[2]["out_degree"], g.nodes[2]["degree"]) == (2, 0, 2)


def test_weighted_degree_sums_weights():
    g = two_cliques()
    analyse(g)
    assert g.nodes[20]["weighted_degree"] == 3.0 and g.nodes[20]["degree"] == 1
    assert isinstance(g.nodes[20]["degree"], int) and isinstance(g.nodes[20]["community"], int)


def test_figures_are_repeatable():
    a, b = two_cliques(), two_cliques()
    analyse(a)
    analyse(b)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))


def test_graph_without_edges_still_gets_figures():
    g = nx.Graph(name="bare")
    g.add_nodes_from([1, 2, 3])
    summary = analyse(g)
    assert summary.components == 3 and summary.modularity == 0.0
    assert all(d["pagerank"] == pytest.approx(1 / 3) for _, d in g.nodes(data=True))


def test_ranking_orders_by_figure_then_label():
    g = two_cliques()
    analyse(g)
    rows = ranking(g, "degree", top=3)
    assert [d["label"] for _, d in rows] == ["n04", "n05", "n00"]
    with pytest.raises(ValueError, match="cannot rank by 'in_degree'"):
        ranking(g, "in_degree")


@pytest.mark.slow
def test_large_graphs_get_sampled_betweenness_by_default():
    g = nx.barabasi_albert_graph(2500, 2, seed=2)
    assert analyse(g).betweenness == "sampled from 128 sources"
    assert analyse(nx.barabasi_albert_graph(1500, 2, seed=2)).betweenness == "exact"
