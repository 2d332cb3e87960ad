#!/usr/bin/env python3
"""Store choice: time to add N synthetic statement triples and to reopen, in pyoxigraph
(on disk, what kgraph uses) and rdflib's in-memory Graph, with their ratio.

    .venv/bin/python bench/bench_store.py [--triples 1000000]
"""

from __future__ import annotations

import argparse
import tempfile
import time

import rdflib
from pyoxigraph import Literal, NamedNode, Quad, Store

EX = "https://w3id.org/kgraph/id/bench/"


def triples(n: int):
    p_text = "https://schema.org/text"
    p_by = "http://www.w3.org/ns/prov#wasAttributedTo"
    p_cue = "https://w3id.org/kgraph/ontology#cue"
    for i in range(n // 3):
        s = f"{EX}statement/{i}"
        yield s, p_text, f"statement number {i} about the war"
        yield s, p_by, f"{EX}entity/{i % 500}"
        yield s, p_cue, ("said", "claimed", "warned")[i % 3]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    a = ap.parse_args()
    data = list(triples(a.triples))
    g = NamedNode(EX + "graph")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = Store(tmp)
        quads = [
            Quad(NamedNode(s), NamedNode(p), NamedNode(o) if o.startswith("http") else Literal(o), g)
            for s, p, o in data
        ]
        # kgraph writes each article in one transaction (Store.extend); a bulk load skips transactions
        for i in range(0, len(quads), 1000):
            store.extend(quads[i : i + 1000])
        store.flush()
        t_ox = time.perf_counter() - t0
        del store
        t0 = time.perf_counter()
        store = Store.read_only(tmp)
        n = len(store)
        t_open = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        bulk = Store(tmp)
        bulk.bulk_extend(quads)
        bulk.flush()
        t_bulk = time.perf_counter() - t0
        del bulk
    t0 = time.perf_counter()
    rg = rdflib.Graph()
    for s, p, o in data:
        rg.add((rdflib.URIRef(s), rdflib.URIRef(p), rdflib.URIRef(o) if o.startswith("http") else rdflib.Literal(o)))
    t_rdflib = time.perf_counter() - t0
    print(f"triples: {len(data)} (store holds {n})")
    print(f"pyoxigraph on disk, add in 1000-quad transactions: {t_ox:7.2f} s")
    print(f"pyoxigraph on disk, bulk_extend:                   {t_bulk:7.2f} s")
    print(f"pyoxigraph reopen read-only + len:                 {t_open:7.2f} s")
    print(f"rdflib memory Graph, add:                          {t_rdflib:7.2f} s")
    print(f"ratio rdflib/pyoxigraph (transactions):            {t_rdflib / t_ox:7.2f}")
    print(f"ratio rdflib/pyoxigraph (bulk):                    {t_rdflib / t_bulk:7.2f}")


if __name__ == "__main__":
    main()
