#!/usr/bin/env python3
"""Extraction throughput: kgraph (pipeline + gazetteer ruler + all extractors) against bare
`nlp.pipe` with the same spaCy model on the same texts, in words per second, and their ratio.
Also the full build (extraction + quads + store) for scale.

    .venv/bin/python bench/bench_extract.py [PATH...] [--repeat 3]

Default texts: seeds/ plus the reference articles in ../shared/eval if present.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kgraph.extract import extract_articles
from kgraph.extract.pipeline import load_pipeline, model_candidates, nlp_text
from kgraph.graph.store import GraphStore
from kgraph.read import read_all
from kgraph.workflow import build_articles

ROOT = Path(__file__).resolve().parent.parent


def default_paths() -> list[str]:
    paths = [str(ROOT / "seeds")]
    for name in ("wikievents-dev", "polnear-dev"):
        p = ROOT.parent / "shared" / "eval" / name
        if p.is_dir():
            paths += [str(f) for f in sorted(p.glob("*.txt"))]
    return paths


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None)
    a = ap.parse_args()
    articles = read_all(a.paths or default_paths())
    words = sum(len(x.text.split()) for x in articles)
    model = next(m for m in model_candidates(a.model) if spacy.util.is_package(m) or Path(m).exists())
    bare = spacy.load(model)
    kg = load_pipeline(a.model)
    texts = [nlp_text(x.text) for x in articles]
    for _ in bare.pipe(texts[:4]):  # warm up both
        pass
    list(extract_articles(articles[:4], kg))

    t_bare = best_of(a.repeat, lambda: [None for _ in bare.pipe(texts, batch_size=16)])
    t_kg = best_of(a.repeat, lambda: list(extract_articles(articles, kg)))
    t_build = best_of(1, lambda: build_articles(articles, GraphStore(), model=a.model))
    print(f"articles: {len(articles)}  words: {words}  model: {model}")
    print(f"bare nlp.pipe        {words / t_bare:9.0f} words/s  ({t_bare:.2f} s)")
    print(f"kgraph extraction    {words / t_kg:9.0f} words/s  ({t_kg:.2f} s)")
    print(f"kgraph build (store) {words / t_build:9.0f} words/s  ({t_build:.2f} s)")
    print(f"ratio extraction/bare: {t_bare / t_kg:.2f}")
    print(f"ratio build/bare:      {t_bare / t_build:.2f}")


if __name__ == "__main__":
    main()
