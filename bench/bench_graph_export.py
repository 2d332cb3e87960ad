#!/usr/bin/env python3
"""GraphML/GEXF export and network analysis on a synthetic graph of the size users reach.

Export: kgraph's writers against networkx's own (`write_graphml_lxml`, `write_graphml_xml`,
`write_gexf`) on the same graph, in seconds and megabytes written, with the memory each
adds at its peak (resident set of a forked child running it again). Analysis: igraph's
PageRank, betweenness sampled from 128 sources, Louvain (multilevel) and components as
`kgraph.analyse.analyse` runs them, and the whole `analyse` call.

    .venv/bin/python bench/bench_graph_export.py [--nodes 100000] [--edges 300000] [--only exports|analysis]
        [--no-memory] [--networkx-analysis]

`--networkx-analysis` also times networkx's Louvain and its sampled betweenness (same k)
for comparison: minutes at the default size.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from kgraph.analyse.metrics import analyse, seeded, to_igraph
from kgraph.export.gexf import write_gexf
from kgraph.export.graphml import write_graphml

TYPES = ("Country", "Person", "Organization", "Location", "MilitaryForce", "Group")
RELATIONS = ("Deployment", "Attack", "spokeAbout", "affiliatedWith", "Meeting", "President")


def synthetic(n: int, m: int, seed: int = 1) -> nx.DiGraph:
    """A directed graph with kgraph's attributes: preferential attachment, so hubs exist as in the news."""
    rnd = random.Random(seed)
    g = nx.DiGraph(name="synthetic")
    for i in range(n):
        day = 1 + i % 28
        attrs = {
            "label": f"Entity {i}",
            "type": TYPES[i % len(TYPES)],
            "key": f"x:entity {i}",
            "articles": 1 + i % 7,
            "first_date": f"2024-10-{day:02d}",
            "last_date": f"2024-11-{day:02d}",
            "pagerank": rnd.random() / n,
            "degree": 0,
            "community": i % 50,
        }
        if i % 3 == 0:
            attrs["wikidata"] = f"Q{1000 + i}"
        g.add_node(f"https://w3id.org/kgraph/id/entity/x/{i}", **attrs)
    nodes = list(g)
    targets: list[str] = nodes[:10]
    edges = 0  # (DiGraph.number_of_edges() is O(n): too slow to call in the loop)
    while edges < m:
        u = nodes[rnd.randrange(n)]
        v = targets[rnd.randrange(len(targets))] if rnd.random() < 0.5 else nodes[rnd.randrange(n)]
        if u != v and not g.has_edge(u, v):
            g.add_edge(
                u,
                v,
                weight=1 + rnd.randrange(5),
                relation=RELATIONS[rnd.randrange(len(RELATIONS))],
                articles=1 + rnd.randrange(3),
            )
            targets.append(v)
            edges += 1
    return g


def timed(fn) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise OSError(f"no {field} in /proc/self/status")


def peak_mb(fn) -> float:
    """Memory the call adds at its peak (resident set, C allocations included), measured in a forked child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: same graph in memory, copy-on-write
        os.close(read)
        try:
            gc.collect()
            base = _status("VmRSS")
            fn()
            os.write(write, str(_status("VmHWM") - base).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        data = f.read()
    os.waitpid(pid, 0)
    return int(data) / 1e6 if data else float("nan")


def bench_exports(g: nx.DiGraph, tmp: Path, memory: bool) -> None:
    writers = [
        ("GraphML", "kgraph write_graphml", lambda p: write_graphml(g, p)),
        ("GraphML", "networkx write_graphml_lxml", lambda p: nx.write_graphml_lxml(g, p)),
        ("GraphML", "networkx write_graphml_xml", lambda p: nx.write_graphml_xml(g, p)),
        ("GEXF", "kgraph write_gexf", lambda p: write_gexf(g, p)),
        ("GEXF", "networkx write_gexf", lambda p: nx.write_gexf(g, p)),
    ]
    print(f"{'format':8} {'writer':30} {'seconds':>8} {'MB out':>8}" + (f" {'peak MB':>8}" if memory else ""))
    for fmt, name, write in writers:
        path = tmp / f"out.{fmt.lower()}"
        secs = timed(functools.partial(write, path))
        size = path.stat().st_size / 1e6
        line = f"{fmt:8} {name:30} {secs:8.2f} {size:8.1f}"
        if memory:
            line += f" {peak_mb(functools.partial(write, path)):8.0f}"
        print(line, flush=True)
        path.unlink()


def bench_analysis(g: nx.DiGraph, samples: int, with_networkx: bool) -> None:
    print(f"{'analysis':45} {'seconds':>8}")

    def row(name: str, secs: float) -> None:
        print(f"{name:45} {secs:8.2f}", flush=True)

    t0 = time.perf_counter()
    h, _ = to_igraph(g)
    row("to igraph (conversion)", time.perf_counter() - t0)
    und = h.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    sources = sorted(random.Random(0).sample(range(h.vcount()), samples))
    with seeded(0):
        row("PageRank (weighted, directed)", timed(lambda: h.pagerank(weights="weight")))
        row(f"betweenness, {samples} sampled sources", timed(lambda: und.betweenness(directed=False, sources=sources)))
        row("Louvain (multilevel, weighted)", timed(lambda: und.community_multilevel(weights="weight")))
        row("connected components", timed(lambda: und.connected_components()))
    row("kgraph analyse() in all", timed(lambda: analyse(g.copy(), samples=samples)))
    if with_networkx:
        u = g.to_undirected()
        row("networkx louvain_communities", timed(lambda: nx.community.louvain_communities(u, seed=0)))
        row(f"networkx betweenness k={samples}", timed(lambda: nx.betweenness_centrality(u, k=samples, seed=0)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=300_000)
    ap.add_argument("--samples", type=int, default=128, help="betweenness source samples (kgraph's default)")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    ap.add_argument("--networkx-analysis", action="store_true", help="also time networkx's Louvain and betweenness")
    ap.add_argument("--only", choices=["exports", "analysis"], default=None, help="run one half of the bench")
    args = ap.parse_args()
    t0 = time.perf_counter()
    g = synthetic(args.nodes, args.edges)
    print(
        f"synthetic graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
        f"(built in {time.perf_counter() - t0:.1f} s); python {os.sys.version.split()[0]}, networkx {nx.__version__}"
    )
    if args.only != "analysis":
        with tempfile.TemporaryDirectory() as tmp:
            bench_exports(g, Path(tmp), memory=not args.no_memory)
    if args.only != "exports":
        bench_analysis(g, args.samples, args.networkx_analysis)


if __name__ == "__main__":
    main()
