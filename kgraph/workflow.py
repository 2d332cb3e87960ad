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

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
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
from .paths import ontology_dir
from .read import iter_articles, read_all
from .read.article import Article, Unchanged

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

#: Articles sent to `nlp.pipe` (and to a worker) at a time.
DEFAULT_BATCH = 32
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


# -- the pipeline version ---------------------------------------------------------------
def _files_digest(files: Iterable[Path], root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def _data_digest(folder: str) -> str:
    """The ontology data extraction reads (gazetteer, lexicon, event types): not the
    ontology's own description, shapes or named queries, which do not change a graph."""
    root = Path(folder)
    files = [
        f
        for f in root.rglob("*")
        if f.is_file()
        and "queries" not in f.relative_to(root).parts
        and f.suffix not in (".ttl", ".md", ".py", ".rq")
        and not f.name.startswith(".")
    ]
    return _files_digest(files, root)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """kgraph's code that decides what a graph holds (reading, extraction, graph building)."""
    pkg = Path(__file__).resolve().parent
    files = [
        *pkg.joinpath("read").rglob("*.py"),
        *pkg.joinpath("extract").rglob("*.py"),
        pkg / "graph" / "build.py",
        pkg / "graph" / "terms.py",
        pkg / "slug.py",
    ]
    return _files_digest([f for f in files if f.is_file()], pkg)


def _model_identity(model: str | None) -> str:
    """Name and version of the spaCy pipeline `load_pipeline(model)` would load, found
    without loading it; loading it (for the error) when none is installed."""
    import spacy.util

    from .extract.pipeline import model_candidates

    for name in model_candidates(model):
        try:
            if spacy.util.is_package(name):
                return f"{name} {spacy.util.get_package_version(name)}"
            if Path(name).is_dir():
                meta = spacy.util.get_model_meta(Path(name))
                return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        except (OSError, ValueError):
            continue
    nlp = _pipeline(model)  # raises ModelError naming what was tried
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


def pipeline_version(model: str | None = None) -> str:
    """What, besides an article, decides its graph: kgraph's version and code, the spaCy
    model and version, and the ontology data. Part of every content hash."""
    return (
        f"kgraph {__version__} code {_code_digest()}; model {_model_identity(model)}; "
        f"data {_data_digest(str(ontology_dir()))}"
    )


# -- extraction, here or in workers -----------------------------------------------------
def extract_batch(
    articles: list[Article], model: str | None = None, batch_size: int = DEFAULT_BATCH
) -> list[Extraction | str]:
    """The records of each article, or a one-line error message for one that fails.

    This is what a worker process or a Dask worker runs: the pipeline is loaded once per
    process (`load_pipeline` is cached) and what comes back is plain, picklable data.
    """
    from .extract import extract_articles

    nlp = _pipeline(model)
    try:
        # strings and lexemes the batch adds to the vocabulary are freed after it: memory
        # does not grow with the corpus (the records that leave hold plain Python values)
        with nlp.memory_zone():
            return [ex for _, ex in extract_articles(articles, nlp, batch_size=batch_size)]
    except Exception:  # noqa: BLE001 - find the article at fault, keep the others
        if len(articles) == 1:
            return [_extract_error(articles[0], nlp)]
        return [out for a in articles for out in extract_batch([a], model, batch_size)]


def _extract_error(article: Article, nlp) -> str:
    from .extract import extract_articles

    try:
        next(extract_articles([article], nlp))
    except KGraphError as exc:
        return f"{article.source}: {str(exc).splitlines()[0]}"
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        return f"{article.source}: cannot extract ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"
    return f"{article.source}: cannot extract (failed only inside a batch)"


def _pipeline(model: str | None):
    """The process's one pipeline (`load_pipeline` caches by its arguments as written)."""
    from .extract import load_pipeline

    return load_pipeline(model) if model is not None else load_pipeline()


def _warm(model: str | None) -> None:
    """Worker process start-up: load the pipeline once, before the first batch."""
    _pipeline(model)


try:  # a Dask worker plugin, when dask.distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask is optional at import time
    _WorkerPlugin = object


class PipelinePlugin(_WorkerPlugin):
    """Loads kgraph's spaCy pipeline once on each Dask worker as it joins."""

    name = "kgraph-pipeline"

    def __init__(self, model: str | None = None):
        self.model = model

    def setup(self, worker) -> None:
        _warm(self.model)


class _Runner:
    """Runs `extract_batch` over batches, a bounded number in flight, results in order."""

    def __init__(self, model: str | None, batch_size: int, jobs: int = 1, dask: object = None):
        self.model, self.batch_size, self.jobs, self.dask = model, batch_size, max(1, jobs), dask
        self._pool = None
        self._client = None
        self._own_client = False

    def _submit(self, batch: list[Article]):
        if self.dask is not None:
            client = self._dask_client()
            return client.submit(extract_batch, batch, self.model, self.batch_size, pure=False)
        if self.jobs > 1:
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(
                    self.jobs,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_warm,
                    initargs=(self.model,),
                )
            return self._pool.submit(extract_batch, batch, self.model, self.batch_size)
        return None

    def _dask_client(self):
        if self._client is None:
            try:
                from distributed import Client
            except ImportError as exc:
                raise KGraphError("--dask needs dask.distributed: pip install 'dask[distributed]'") from exc
            if isinstance(self.dask, Client):
                self._client = self.dask
            else:
                try:
                    self._client = Client(self.dask, timeout="10s")
                except (OSError, TimeoutError, ValueError) as exc:
                    raise KGraphError(f"cannot reach the Dask scheduler at {self.dask}: {exc}") from exc
                self._own_client = True
            try:
                self._client.register_plugin(PipelinePlugin(self.model))
            except Exception as exc:  # noqa: BLE001 - a worker without kgraph or its model
                raise KGraphError(
                    f"the Dask workers could not load kgraph's pipeline ({type(exc).__name__}: "
                    f"{str(exc).splitlines()[0] if str(exc) else ''}); install kgraph and its "
                    "model on every worker"
                ) from exc
        return self._client

    def run(self, batches: Iterator[list[Article]]) -> Iterator[tuple[list[Article], list[Extraction | str]]]:
        window = 0  # batches in flight: two per worker, so none waits and memory stays bounded
        pending: deque = deque()
        for batch in batches:
            fut = self._submit(batch)
            if fut is None:  # in this process
                yield batch, extract_batch(batch, self.model, self.batch_size)
                continue
            window = window or 2 * (self.jobs if self.dask is None else max(1, self._dask_workers()))
            pending.append((batch, fut))
            while len(pending) >= window:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _dask_workers(self) -> int:
        try:
            return sum(w.get("nthreads", 1) for w in self._dask_client().scheduler_info()["workers"].values())
        except (KeyError, OSError):
            return 1

    def _result(self, batch, fut):
        try:
            return batch, fut.result()
        except KGraphError:
            raise
        except Exception as exc:  # a worker died or could not be reached
            raise KGraphError(
                f"extraction worker failed ({type(exc).__name__}: {exc}); "
                "the articles written so far are kept, build again to do the rest"
            ) from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._client is not None and self._own_client:
            self._client.close()


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
    version = pipeline_version(model)
    has_hash = None if force else getattr(store, "content_hash", None)

    def unchanged(key: str, input_hash: str) -> bool:
        return has_hash(article_iri(Unchanged("", key, input_hash).id)) == input_content_hash(version, key, input_hash)

    items = read(unchanged if has_hash is not None else None)
    tally = _Tally(on_progress, on_error, strict)
    if strict:  # read everything first: the first problem stops the build before any write
        items = list(items)
        firsts: dict[str, str] = {}
        for item in items:
            if isinstance(item, InputError):
                raise item
            first = firsts.setdefault(article_iri(item.id), item.source)
            if first != item.source:
                raise InputError(_duplicate(item, first))
    seen: dict[str, str] = {}

    def pending() -> Iterator[list[Article]]:
        batch: list[tuple[Article, str]] = []
        for item in items:
            if isinstance(item, InputError):
                tally.fail(str(item).splitlines()[0], item)
                continue
            graph = article_iri(item.id)
            if graph in seen:
                tally.fail(_duplicate(item, seen[graph]))
                continue
            seen[graph] = item.source
            if isinstance(item, Unchanged):  # known unchanged from its input, not parsed
                tally.graphs.append(graph)
                tally.done("skipped", item, item.words)
                continue
            digest = content_hash(item, version)
            if has_hash is not None and has_hash(graph) == digest:
                tally.graphs.append(graph)
                tally.done("skipped", item, _words(item))
                continue
            batch.append((item, digest))
            if len(batch) >= batch_size:
                hashes.extend(d for _, d in batch)
                yield [a for a, _ in batch]
                batch = []
        if batch:
            hashes.extend(d for _, d in batch)
            yield [a for a, _ in batch]

    hashes: deque[str] = deque()
    runner = _Runner(model, batch_size, jobs, dask)
    unflushed = 0
    try:
        for batch, results in runner.run(pending()):
            for article, result in zip(batch, results):
                digest = hashes.popleft()
                if isinstance(result, str):
                    tally.fail(result)
                    continue
                graph = article_iri(article.id)
                n = _write(store, graph, article, article_quads(article, result), content_hash_quad(article, digest))
                tally.written += n
                unflushed += n
                if unflushed >= FLUSH_EVERY:
                    store.flush()
                    unflushed = 0
                tally.graphs.append(graph)
                tally.done("built", article, _words(article))
    finally:
        runner.close()
        store.flush()
    return BuildReport(
        tally.built + tally.skipped,
        tally.written,
        len(store),
        tuple(tally.graphs),
        tally.built,
        tally.skipped,
        tally.failed,
        tuple(tally.errors),
        tally.words,
        time.perf_counter() - started,
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
) -> Iterator[dict]:
    """The contract of each article, one at a time, as soon as that article is extracted.

    Every path is read first (a bad file fails before anything is printed). Each article is
    built into `store` when one is given, else into its own in-memory store, so memory does
    not grow with the number of articles.
    """
    from .extract import extract_articles

    arts = read_all(list(paths), published=published)
    nlp = _pipeline(model)
    for article, ex in extract_articles(arts, nlp):
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
