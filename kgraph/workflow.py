"""The library behind the CLI: read -> extract -> graph, and reading the graph back.

A build streams: articles are read one file at a time, extracted in batches (`nlp.pipe`)
and written one article per store transaction, so memory does not grow with the corpus
and a build stopped half-way keeps every article it finished. Each article's graph
carries a content hash (:func:`kgraph.graph.build.content_hash`) of its text, metadata
and the pipeline version; an article whose hash is unchanged is skipped without NLP.

Extraction runs in this process, in `jobs` worker processes, or on a Dask cluster; the
workers return plain records (:class:`~kgraph.extract.records.Extraction`) and this
process alone builds the quads and writes them, in input order.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, KGraphError
from .extract.records import Extraction
from .graph.build import (
    article_iri,
    article_quads,
    content_hash,
    content_hash_quad,
    input_content_hash,
    iter_article_quads,
)
from .graph.contract import contract
from .graph.store import GraphStore
from .read import iter_articles, read_all
from .read.article import Article, Unchanged
from .workers import DEFAULT_BATCH, Runner, extract_batch, extraction_failure, load_model, pipeline_version

__all__ = [
    "BuildReport",
    "build_articles",
    "build_items",
    "build_paths",
    "extract_batch",
    "extract_contract",
    "iter_contracts",
    "pipeline_version",
]

#: Quads written between two flushes of the store: RocksDB's write buffers otherwise grow
#: with the corpus (about 800 MiB per million quads written; flat at about 200 MiB so).
FLUSH_EVERY = 100_000


@dataclass(frozen=True)
class BuildReport:
    """What a build did. `articles` is every article now in the store from this input
    (built or skipped unchanged); `failed` counts bad files, bad JSON lines and articles
    that could not be extracted, each with its message in `errors`."""

    articles: int
    triples_written: int
    store_triples: int
    graphs: tuple[str, ...]
    built: int = 0
    skipped: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()
    words: int = 0
    seconds: float = 0.0


#: progress(status, article or None, words): status is "built", "skipped" or "failed"
ProgressFn = Callable[[str, "Article | None", int], None]


@dataclass
class _Tally:
    on_progress: ProgressFn | None
    on_error: Callable[[str], None] | None
    strict: bool
    built: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    written: int = 0
    errors: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)

    def fail(self, message: str, cause: BaseException | None = None) -> None:
        if self.strict:
            raise (cause if isinstance(cause, KGraphError) else KGraphError(message)) from cause
        self.failed += 1
        self.errors.append(message)
        if self.on_error:
            self.on_error(message)
        if self.on_progress:
            self.on_progress("failed", None, 0)

    def done(self, status: str, article: Article, words: int) -> None:
        if status == "built":
            self.built += 1
        else:
            self.skipped += 1
        self.words += words
        if self.on_progress:
            self.on_progress(status, article, words)


# -- the build --------------------------------------------------------------------------
def build_items(items: Iterable[Article | Unchanged | InputError], store, **options) -> BuildReport:
    """Build articles (and report the input errors met among them) into `store`.

    Each article whose content hash is in the store already is skipped (unless `force`);
    every other one is extracted and its named graph replaced, one store transaction per
    article. A bad item is reported through `on_error` and counted, and the build goes
    on; with `strict` the first one raises before anything is written (all input is read
    first) and an extraction error stops the build.

    Options: `model`, `force`, `strict`, `jobs` (worker processes), `dask` (a scheduler
    address or a `distributed.Client`), `batch_size`, `on_progress`, `on_error`.
    """
    return _build(lambda unchanged: items, store, **options)


def _build(
    read: Callable[[Callable[[str, str], bool] | None], Iterable[Article | Unchanged | InputError]],
    store,
    *,
    model: str | None = None,
    force: bool = False,
    strict: bool = False,
    jobs: int = 1,
    dask: object = None,
    batch_size: int = DEFAULT_BATCH,
    on_progress: ProgressFn | None = None,
    on_error: Callable[[str], None] | None = None,
) -> BuildReport:
    """The build; `read(unchanged)` gives the items, asking `unchanged(key, input_hash)`
    before parsing an article so that an unchanged one is not even parsed."""
    started = time.perf_counter()
    build = _Build(store, pipeline_version(model), force, batch_size, _Tally(on_progress, on_error, strict))
    items = read(build.unchanged if build.has_hash is not None else None)
    if strict:  # read everything first: the first problem stops the build before any write
        items = _check_strict(list(items))
    runner = Runner(model, batch_size, jobs, dask)
    try:
        for batch, results in runner.run(build.pending(items)):
            build.write(batch, results)
    finally:
        runner.close()
        store.flush()
    t = build.tally
    return BuildReport(
        t.built + t.skipped,
        t.written,
        len(store),
        tuple(t.graphs),
        t.built,
        t.skipped,
        t.failed,
        tuple(t.errors),
        t.words,
        time.perf_counter() - started,
    )


def _check_strict(items: list) -> list:
    """`items` when none is an input error nor a second copy of an article; else raises."""
    firsts: dict[str, str] = {}
    for item in items:
        if isinstance(item, InputError):
            raise item
        first = firsts.setdefault(article_iri(item.id), item.source)
        if first != item.source:
            raise InputError(_duplicate(item, first))
    return items


class _Build:
    """One build's state: which articles to skip, the batches to extract, the writes."""

    def __init__(self, store, version: str, force: bool, batch_size: int, tally: _Tally):
        self.store, self.version, self.batch_size, self.tally = store, version, batch_size, tally
        self.has_hash = None if force else getattr(store, "content_hash", None)
        self.seen: dict[str, str] = {}
        self.hashes: deque[str] = deque()  # content hashes of the articles sent, in order
        self.unflushed = 0

    def unchanged(self, key: str, input_hash: str) -> bool:
        graph = article_iri(Unchanged("", key, input_hash).id)
        return self.has_hash(graph) == input_content_hash(self.version, key, input_hash)

    def _admit(self, item) -> str | None:
        """The content hash of an article to extract; None when it is done with here
        (an input error or duplicate reported, an unchanged article counted)."""
        if isinstance(item, InputError):
            self.tally.fail(str(item).splitlines()[0], item)
            return None
        graph = article_iri(item.id)
        if graph in self.seen:
            self.tally.fail(_duplicate(item, self.seen[graph]))
            return None
        self.seen[graph] = item.source
        if isinstance(item, Unchanged):  # known unchanged from its input, not parsed
            self._skip(graph, item, item.words)
            return None
        if len(item.text) > BUILD_MAX_CHARS:
            self.tally.fail(_too_long(item))
            return None
        digest = content_hash(item, self.version)
        if self.has_hash is not None and self.has_hash(graph) == digest:
            self._skip(graph, item, _words(item))
            return None
        return digest

    def _skip(self, graph: str, item, words: int) -> None:
        self.tally.graphs.append(graph)
        self.tally.done("skipped", item, words)

    def pending(self, items) -> Iterator[list[Article]]:
        """The articles to extract, in batches."""
        batch: list[Article] = []
        for item in items:
            digest = self._admit(item)
            if digest is None:
                continue
            batch.append(item)
            self.hashes.append(digest)
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def write(self, batch: list[Article], results: list[Extraction | str]) -> None:
        for article, result in zip(batch, results):
            digest = self.hashes.popleft()
            if isinstance(result, str):
                self.tally.fail(result)
                continue
            graph = article_iri(article.id)
            n = _write(self.store, graph, article, article_quads(article, result), content_hash_quad(article, digest))
            self.tally.written += n
            self.unflushed += n
            if self.unflushed >= FLUSH_EVERY:
                self.store.flush()
                self.unflushed = 0
            self.tally.graphs.append(graph)
            self.tally.done("built", article, _words(article))


#: The longest article text a build takes: a build holds one article's whole graph in memory
#: to replace the old one in one step (about 0.3 GB per MB of text), so this bounds a build's
#: peak near 2.5 GB. `kgraph extract` writes a long article piece by piece and has no such limit.
BUILD_MAX_CHARS = 8 * 1024 * 1024


def _too_long(article: Article) -> str:
    mb = len(article.text) / (1024 * 1024)
    return (
        f"{article.source}: too long to build as one article ({mb:.1f} MB of text; a build holds an "
        f"article's graph in memory, about 0.3 GB per MB, and takes at most {BUILD_MAX_CHARS // (1024 * 1024)} MB): "
        "split it, or read it with kgraph extract, which works in bounded memory"
    )


def _duplicate(article: Article | Unchanged, first: str) -> str:
    identity = article.key if isinstance(article, Unchanged) else article.identity
    return f"{article.source}: same article as {first} (identity {identity!r}); skipped"


def _write(store, graph: str, article: Article, quads, hash_quad) -> int:
    writer = getattr(store, "write_article", None)
    if writer is None:  # a remote store: one replacement
        return store.replace_graph(graph, [*quads, hash_quad])
    n = writer(graph, quads, hash_quad)
    store.drop_older_copies(graph, article.source)
    return n


def _words(article: Article) -> int:
    return len(article.text.split())


def build_articles(articles: Iterable[Article], store, *, model: str | None = None, **options) -> BuildReport:
    """Extract the articles and replace each one's named graph in the store (see
    :func:`build_items` for the options)."""
    return build_items(articles, store, model=model, **options)


def build_paths(
    paths: Iterable[str | Path], store, *, model: str | None = None, published: str | None = None, **options
) -> BuildReport:
    """Read the paths lazily, one file at a time, and build them (see :func:`build_items`).

    A bad file is reported and skipped unless `strict=True`, which reads everything first
    and raises the first input error before writing anything.
    """
    paths = list(paths)
    return _build(
        lambda unchanged: iter_articles(paths, published=published, unchanged=unchanged), store, model=model, **options
    )


def extract_contract(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    store: GraphStore | None = None,
) -> dict:
    """The contract JSON of the given articles, built into `store` (in memory by default) and read back."""
    store = store or GraphStore()
    report = build_paths(paths, store, model=model, published=published, strict=True)
    return contract(store, list(dict.fromkeys(report.graphs)))


def iter_contracts(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    published: str | None = None,
    store: GraphStore | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Iterator[dict]:
    """The contract of each article, one at a time, as soon as that article is extracted.

    Every path is read first (a bad file fails before anything is printed). Each article is
    built into `store` when one is given, else into its own in-memory store, so memory does
    not grow with the number of articles. With `on_error`, an article whose extraction fails
    is reported to it in one line naming its file, and the others go on.
    """
    from .extract import extract_articles

    arts = read_all(list(paths), published=published)
    nlp = load_model(model)
    report = None if on_error is None else (lambda a, exc: on_error(extraction_failure(a, exc)))
    for article, ex in extract_articles(arts, nlp, on_error=report):
        graph = article_iri(article.id)
        if store is not None:
            store.replace_graph(graph, article_quads(article, ex))
            yield contract(store, [graph])
            continue
        # a store of its own: the graph goes in piece by piece, never held whole in Python
        target = GraphStore()
        for piece in iter_article_quads(article, ex):
            target.store.extend(piece)
        del ex
        yield contract(target, [graph])
    if store is not None:
        store.flush()
