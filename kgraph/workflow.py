"""The library behind the CLI: read -> extract -> graph, and reading the graph back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .extract import extract_articles, load_pipeline
from .graph.build import article_iri, article_quads
from .graph.contract import contract
from .graph.store import GraphStore
from .read import read_all
from .read.article import Article

__all__ = ["BuildReport", "build_articles", "build_paths", "extract_contract", "iter_contracts"]


@dataclass(frozen=True)
class BuildReport:
    articles: int
    triples_written: int
    store_triples: int
    graphs: tuple[str, ...]


def build_articles(articles: Iterable[Article], store: GraphStore, *, model: str | None = None) -> BuildReport:
    """Extract every article and replace its named graph in the store.

    All articles are extracted before the store is touched, so an error while
    extracting leaves the store as it was.
    """
    arts = list(articles)
    nlp = load_pipeline(model)
    staged = [(article_iri(a.id), article_quads(a, ex)) for a, ex in extract_articles(arts, nlp)]
    written = 0
    for graph, quads in staged:
        written += store.replace_graph(graph, quads)
    store.flush()
    return BuildReport(len(arts), written, len(store), tuple(g for g, _ in staged))


def build_paths(paths: Iterable[str | Path], store: GraphStore, *, model: str | None = None,
                published: str | None = None) -> BuildReport:
    """Read every path (all of them, before anything is written), then build."""
    return build_articles(read_all(list(paths), published=published), store, model=model)


def extract_contract(paths: Iterable[str | Path], *, model: str | None = None, published: str | None = None,
                     store: GraphStore | None = None) -> dict:
    """The contract JSON of the given articles, built into `store` (in memory by default) and read back."""
    store = store or GraphStore()
    report = build_paths(paths, store, model=model, published=published)
    return contract(store, list(dict.fromkeys(report.graphs)))


def iter_contracts(paths: Iterable[str | Path], *, model: str | None = None, published: str | None = None,
                   store: GraphStore | None = None) -> Iterator[dict]:
    """The contract of each article, one at a time, as soon as that article is extracted.

    Every path is read first (a bad file fails before anything is printed). Each article is
    built into `store` when one is given, else into its own in-memory store, so memory does
    not grow with the number of articles.
    """
    arts = read_all(list(paths), published=published)
    nlp = load_pipeline(model)
    for article, ex in extract_articles(arts, nlp):
        target = store if store is not None else GraphStore()
        graph = article_iri(article.id)
        target.replace_graph(graph, article_quads(article, ex))
        yield contract(target, [graph])
    if store is not None:
        store.flush()
