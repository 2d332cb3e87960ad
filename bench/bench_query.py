#!/usr/bin/env python3
"""Latency of the who-said-what named query on a store of at least 1M triples: kgraph's
index path (`NamedQuery.run`, as `kgraph query --named who_said_what`, the endpoint's
named queries and the library answer it) beside pyoxigraph's SPARQL engine on the same
query text, whose rows must be the same before any time is printed.

The store is synthetic but built by kgraph's own graph builder (`article_quads`) from
plain records: articles, each with entities and statements (speaker, cue, kind, stance,
relaying outlet, the entities it is about, evidence span), one named graph per article,
so the query meets the same shapes and the same duplication across article graphs as
on real data. Mentions of the queried entity follow a Zipf-like law, so the heaviest
entity is about 15k statements. It is built once and kept under --cache (/tmp), its
index beside it (made on first use, as kgraph does; an index of an older schema is
upgraded in place).

    .venv/bin/python bench/bench_query.py [--triples 1000000] [--runs 20] [--about NAME ...] [--rdflib]

Printed for the entity most statements are about, "Country 3" and "Person 40" (or each
--about): statements about it, rows, the index path's median of 20 (wall, this
process's CPU time, and the fastest run) and the SPARQL engine's time. --rdflib adds
rdflib's in-memory engine on the same graph (minutes: it loads 1M triples).

Measured here (2026-12-02, a fresh machine, at cc9dbaf; 2 cores, one of them running the
10k-article build of bench_scale.py), three runs, median of 20 wall (fastest answer; first
answer of the process):
    Person 1 (heaviest)  14,879 rows   33-37 ms (31-35; 60-64)    SPARQL engine 2.7-3.3 s
    Country 3             4,894 rows   14-17 ms (13-14; 16-27)    SPARQL engine 1.4-2.4 s
    Person 40               306 rows    3-4 ms
With index schema 9 (6bf338b: the name test by skip scan), quiet, two runs: 28.8-29.8 /
11.8-12.3 / 1.8-2.0 ms. On a second fresh machine that evening, with the rows made column
by column (2a3b245) and packed per article (index schema 10, bf8f5ae), three runs:
25.8-28.0 / 14.1-18.4 / 2.2-2.7 ms (fastest 23.3-25.6 / 9.7-11.9 / 2.0-2.1); the next
session at 4f7af1a, quiet, two runs: 24.7-25.4 / 9.4-9.6 / 2.0-2.1 ms.
Earlier the same day, on a busier machine (kdamond active), seven runs:
    Person 1 (heaviest)  14,879 rows   38-63 ms (35-41; 78-128)   SPARQL engine 4-6 s
    Country 3             4,894 rows   17-31 ms (15-18; 27-110)   SPARQL engine 2-3.5 s
    Person 40               306 rows    3-4 ms
The commit before, whose rows were packed texts split and looked up value by value,
four runs the same day:
57-80 / 22-24 ms (fastest 51-59 / 19-21). The terms of the dictionary's
values are kept from one answer to the next (the first answer makes them); what is left
is reading the rows (about 0.7 us a row) and making each row's statement IRI and text
(about 0.6 us a row). Earlier (2026-12-01, 2 busy cores): 92-167 / 34-54 / 5-11 ms;
before the index plan's row table 354-413 / 104-153 / 11-17 ms. rdflib (2026-11-25,
Country 3): 8.5 s.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import time
from pathlib import Path

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

DEFAULT_ABOUT = ("Country 3", "Person 40")
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


def timed(fn, runs: int) -> tuple[list[float], list[float], object, float]:
    """Wall and CPU seconds of each of `runs` calls after one warm-up, the last result, and
    the warm-up's wall seconds (the first answer of the process: no term made yet)."""
    t0 = time.perf_counter()
    walls, cpus, result = [], [], fn()
    first = time.perf_counter() - t0
    for _ in range(runs):
        result = None  # the previous answer freed before the clock starts, not inside the next run
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return walls, cpus, result, first


def cached_store(a) -> tuple[GraphStore, int, str]:
    """The synthetic store for these parameters, built once under --cache (on disk; in
    memory with --memory, built each time), its index opened; (store, quads, how it came)."""
    path = Path(a.cache) / f"store-{a.triples}-{a.per_article}-{a.seed}"
    t0 = time.perf_counter()
    if a.memory or not path.exists():
        quads, n_articles = build_graph(a.triples, a.seed, a.per_article)
        tmp = path.with_name(path.name + ".partial")
        if not a.memory:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.parent.mkdir(parents=True, exist_ok=True)
        store = GraphStore() if a.memory else GraphStore(tmp)
        store.store.bulk_extend(quads)
        store.flush()
        how = f"built: {n_articles:,} article graphs in {time.perf_counter() - t0:.0f} s"
        if not a.memory:
            del store
            tmp.rename(path)
    else:
        how = f"cached at {path}"
    if not a.memory:
        store = GraphStore(path, read_only=True)
    t0 = time.perf_counter()
    idx = store.index  # built (or brought up to date) once beside the store, as kgraph does
    how += f"; index ready in {time.perf_counter() - t0:.1f} s, {idx.statement_count():,} statements"
    return store, len(store), how


def entities_by_weight(store) -> list[tuple[str, int]]:
    """(label, statements about it) of every entity, most mentioned first."""
    top = store.index.rows(
        "SELECT a.entity, COUNT(*) AS n, (SELECT name FROM names WHERE entity = a.entity AND is_label = 1 LIMIT 1) "
        "FROM about a GROUP BY a.entity ORDER BY n DESC, a.entity"
    )
    return [(label, n) for _, n, label in top if label]


def same_rows(x: list[dict], y: list[dict]) -> bool:
    return sorted(map(sorted, (r.items() for r in x))) == sorted(map(sorted, (r.items() for r in y)))


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:8.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="at least this many quads (default 1M)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs of the index path after a warm-up (default 20)")
    ap.add_argument(
        "--about",
        action="append",
        help="an entity name to time (any case; repeatable); default: the entity most statements are "
        "about, then 'Country 3' and 'Person 40' (the figures quoted so far)",
    )
    ap.add_argument("--per-article", type=int, default=50, help="statements per synthetic article")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", default="/tmp/kgraph-bench-query", help="where the synthetic store is kept")
    ap.add_argument("--memory", action="store_true", help="pyoxigraph in memory instead of on disk (built each time)")
    ap.add_argument("--sparql-runs", type=int, default=1, help="timed runs of pyoxigraph's SPARQL engine (default 1)")
    ap.add_argument("--rdflib", action="store_true", help="also rdflib's SPARQL engine on the same graph (minutes)")
    a = ap.parse_args()

    store, n_quads, how = cached_store(a)
    print(f"store: {n_quads:,} quads ({how})")
    weights = entities_by_weight(store)
    names = a.about or list(dict.fromkeys([weights[0][0], *DEFAULT_ABOUT]))
    named = get_named("who_said_what")

    print(f"who_said_what, median of {a.runs} (ms; wall and this process's CPU time; index path = NamedQuery.run,")
    print("as `kgraph query --named who_said_what` and the endpoint answer it; SPARQL = pyoxigraph's engine on the")
    print("same query text, whose rows the index path's must equal; first = the process's first answer for that")
    print("entity, its warm-up, which makes the terms later answers reuse)")
    print(
        f"{'about':<16}{'statements':>11}{'rows':>8}{'index wall':>11}{'CPU':>9}{'min':>9}{'first':>9}{'SPARQL s':>10}"
    )
    first = {}
    for name in names:
        walls, cpus, res, first_run = timed(lambda name=name: named.run(store, {"about": name}), a.runs)
        rows = res.as_dicts()
        s_walls, _, s_res, _ = timed(
            lambda name=name: run_query(store, named.sparql, named.bindings({"about": name})), a.sparql_runs
        )
        if not same_rows(rows, s_res.as_dicts()):
            raise SystemExit(f"about={name!r}: the index path and pyoxigraph's SPARQL engine disagree")
        first[name] = rows
        n = dict(weights).get(name, next((k for lab, k in weights if lab.lower() == name.lower()), 0))
        print(
            f"{name:<16}{n:>11,}{len(rows):>8,}{ms(walls):>11}{ms(cpus):>9}{min(walls) * 1000:>9.1f}"
            f"{first_run * 1000:>9.1f}"
            f"{statistics.median(s_walls):>10.2f}"
        )
    print("(same rows from the index path and the SPARQL engine for every entity above)")
    if a.rdflib:
        compare_rdflib(a, named, names[0], first[names[0]])


def compare_rdflib(a, named, name: str, rows: list[dict]) -> None:
    """rdflib's in-memory SPARQL engine on the same graph (rebuilt from the same seed)."""
    quads, _ = build_graph(a.triples, a.seed, a.per_article)
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
    init = {"about": rdflib.Literal(name)}

    def run_rdf():
        res = ds.query(prepared, initBindings=init)
        return [{str(v): str(row[v]) for v in res.vars if row[v] is not None} for row in res]

    walls, _, rdf_rows, _ = timed(run_rdf, 1)
    if not same_rows(rows, rdf_rows):
        raise SystemExit(f"about={name!r}: rdflib and kgraph disagree ({len(rdf_rows)} vs {len(rows)} rows)")
    print(f"rdflib Dataset (memory), about={name!r}: load {load_rdf:.0f} s, query {walls[0]:.2f} s (same rows)")


if __name__ == "__main__":
    main()
