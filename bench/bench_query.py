#!/usr/bin/env python3
"""Latency of the who-said-what named query on a graph of at least 1M triples: our
pyoxigraph store against rdflib's in-memory SPARQL engine, and their ratio.

The graph is synthetic but built by kgraph's own graph builder (`article_quads`) from
plain records: articles, each with entities and statements (speaker, cue, kind, stance,
relaying outlet, the entities it is about, evidence span), one named graph per article,
so the query meets the same shapes and the same duplication across article graphs as
on real data. Mentions of the queried entity follow a Zipf-like law, so the query
aggregates thousands of statements (GROUP BY, MIN, COUNT DISTINCT).

    .venv/bin/python bench/bench_query.py [--triples 1000000] [--runs 5] [--about "Country 1"]

Both engines answer with the union of the article graphs as default graph (pyoxigraph:
use_default_graph_as_union; rdflib: Dataset(default_union=True)) and the parameter bound
as an RDF term (pyoxigraph substitutions; rdflib initBindings). The rows are checked to
be the same before any time is reported.

Measured here (2 cores, 2026-11-25; 1,000,259 quads, 833 article graphs, 41,650
statements; about="country 3": 4,894 rows):
    pyoxigraph on disk   1.59 s median   rdflib 8.52 s   ratio 5x
    pyoxigraph memory    0.59 s median   rdflib 8.16 s   ratio 14x
Most of pyoxigraph's time is the case-insensitive name match over every label copy:
pyoxigraph 0.5 evaluates the union default graph as a bag (oxigraph#1919), so an
entity's label is scanned once per article that names it.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode
from rdflib.plugins.sparql import prepareQuery

from kgraph.extract.records import Entity, Extraction, Span, Statement
from kgraph.graph.build import article_quads
from kgraph.graph.store import GraphStore
from kgraph.graph.terms import PREFIXES
from kgraph.query.named import get_named
from kgraph.query.sparql import run_query
from kgraph.read.article import Article

CUES = ("said", "told", "claimed", "warned", "denied", "according to", "accused", "estimated")
STANCES = ("asserts",) * 8 + ("denies", "neither")
KINDS = ("direct", "indirect", "indirect")


def entities(n: int) -> list[Entity]:
    """Countries, people and outlets; entity i is named "<Kind> i"."""
    out = []
    for i in range(1, n + 1):
        kind = ("Country", "Person", "Organization")[i % 3]
        name = {"Country": "Country", "Person": "Person", "Organization": "Outlet"}[kind]
        out.append(
            Entity(
                f"{kind.lower()}:{name.lower()} {i}",
                f"{name} {i}",
                kind,
                aliases=(f"{name[0]}{i}",),
                wikidata=f"Q{1000 + i}" if kind == "Country" else None,
            )
        )
    return out


def synthetic_article(
    i: int, rng: random.Random, pool: list[Entity], weights: list[float], per_article: int
) -> tuple[Article, Extraction]:
    sentences, statements, used = [], [], {}
    pos = 0
    outlets = [e for e in pool if e.type == "Organization"][:10]
    for j in range(per_article):
        speaker = rng.choice([e for e in pool[:60] if e.type != "Organization"])
        about = {e.key for e in rng.choices(pool, weights, k=rng.randint(1, 3))}  # Zipf-like: entity 1 most often
        said = f"statement {j} of article {i} about {' and '.join(sorted(about))}"
        sentence = f"{speaker.label} {rng.choice(CUES)} {said}. "
        start = pos + sentence.index(said)
        statements.append(
            Statement(
                speaker=speaker.key,
                speaker_span=Span(pos, pos + len(speaker.label), speaker.label),
                cue=rng.choice(CUES),
                cue_span=None,
                text=said,
                span=Span(start, start + len(said), said),
                kind=rng.choice(KINDS),
                stance=rng.choice(STANCES),
                reported_by=rng.choice(outlets).key if rng.random() < 0.3 else None,
                about=tuple(sorted(about)),
            )
        )
        for k in (speaker.key, *about):
            used[k] = True
        if statements[-1].reported_by:
            used[statements[-1].reported_by] = True
        sentences.append(sentence)
        pos += len(sentence)
    text = "".join(sentences)
    art = Article(source=f"synthetic/{i:06d}.txt", text=text, title=f"Article {i}", published="2024-11-18")
    ents = tuple(e for e in pool if e.key in used)
    return art, Extraction(art.id, ents, (), (), tuple(statements), ())


def build_graph(target: int, seed: int, per_article: int) -> list:
    rng = random.Random(seed)
    pool = entities(300)
    weights = [1 / k**1.1 for k in range(1, len(pool) + 1)]
    quads, i = [], 0
    while len(quads) < target:
        art, ex = synthetic_article(i, rng, pool, weights, per_article)
        quads += article_quads(art, ex)
        i += 1
    return quads, i


def to_rdflib(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if dt.endswith("#string") else rdflib.URIRef(dt))
    raise TypeError(term)


def timed(fn, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="at least this many quads (default 1M)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs of kgraph's query after a warm-up (default 20)")
    ap.add_argument("--about", default="country 3", help="the entity name bound to ?about (any case)")
    ap.add_argument("--per-article", type=int, default=50, help="statements per synthetic article")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--memory", action="store_true", help="pyoxigraph in memory instead of on disk")
    a = ap.parse_args()

    t0 = time.perf_counter()
    quads, n_articles = build_graph(a.triples, a.seed, a.per_article)
    n_statements = n_articles * a.per_article
    print(
        f"graph: {len(quads):,} quads in {n_articles:,} article graphs, {n_statements:,} statements "
        f"(built in {time.perf_counter() - t0:.1f} s)"
    )

    named = get_named("who_said_what")
    bindings = named.bindings({"about": a.about})

    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        t0 = time.perf_counter()
        store = GraphStore() if a.memory else GraphStore(f"{tmp}/store")
        store.store.bulk_extend(quads)
        store.flush()
        load_ox = time.perf_counter() - t0

        def run_ox():
            return named.run(store, {"about": a.about}).as_dicts()

        t0 = time.perf_counter()
        store.index  # noqa: B018 - the name index, built once beside the store
        index_secs = time.perf_counter() - t0
        run_ox()  # warm-up
        ox_times, ox_rows = timed(run_ox, a.runs)

        def run_sparql():  # the same query evaluated by pyoxigraph's SPARQL engine alone
            return run_query(store, named.sparql, bindings).as_dicts()

        sparql_times, sparql_rows = timed(run_sparql, max(1, min(a.runs, 3)))

        t0 = time.perf_counter()
        ds = rdflib.Dataset(default_union=True)
        graphs = {}
        for q in quads:
            g = graphs.get(q.graph_name.value)
            if g is None:
                g = graphs[q.graph_name.value] = ds.graph(rdflib.URIRef(q.graph_name.value))
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        load_rdf = time.perf_counter() - t0
        prepared = prepareQuery(named.sparql, initNs=PREFIXES)
        init = {"about": rdflib.Literal(bindings["about"].value)}

        def run_rdf():
            res = ds.query(prepared, initBindings=init)
            return [{str(v): str(row[v]) for v in res.vars if row[v] is not None} for row in res]

        rdf_times, rdf_rows = timed(run_rdf, max(1, min(a.runs, 3)))

    same = sorted(map(sorted, (r.items() for r in ox_rows))) == sorted(map(sorted, (r.items() for r in rdf_rows)))
    if not same:
        raise SystemExit(f"the engines disagree: pyoxigraph {len(ox_rows)} rows, rdflib {len(rdf_rows)} rows")
    if sorted(map(sorted, (r.items() for r in sparql_rows))) != sorted(map(sorted, (r.items() for r in ox_rows))):
        raise SystemExit("the index plan and pyoxigraph's SPARQL engine disagree")
    ox_med, rdf_med = statistics.median(ox_times), statistics.median(rdf_times)
    print(f"query: who_said_what, about={a.about!r}: {len(ox_rows):,} rows (same rows from both engines)")
    print(f"{'engine':<28}{'load s':>10}{'median s':>12}{'min s':>10}{'runs':>6}")
    print(
        f"{'pyoxigraph ' + ('memory' if a.memory else 'on disk'):<28}{load_ox:>10.1f}{ox_med:>12.4f}"
        f"{min(ox_times):>10.4f}{len(ox_times):>6}"
    )
    print(
        f"{'pyoxigraph SPARQL alone':<28}{'':>10}{statistics.median(sparql_times):>12.4f}"
        f"{min(sparql_times):>10.4f}{len(sparql_times):>6}"
    )
    print(f"(name index built in {index_secs:.1f} s; kgraph answers who_said_what from it)")
    print(f"{'rdflib Dataset (memory)':<28}{load_rdf:>10.1f}{rdf_med:>12.4f}{min(rdf_times):>10.4f}{len(rdf_times):>6}")
    print(f"ratio rdflib / pyoxigraph (median): {rdf_med / ox_med:.0f}x")


if __name__ == "__main__":
    main()
