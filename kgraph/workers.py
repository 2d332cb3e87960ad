"""The pipeline version (part of every content hash), and extraction here, in worker
processes or on a Dask cluster: batches of articles in, plain records
(:class:`~kgraph.extract.records.Extraction`) or one-line errors out, in input order,
a bounded number of batches in flight."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from . import __version__
from .errors import KGraphError
from .extract.records import Extraction
from .paths import ontology_dir
from .read.article import Article

__all__ = ["DEFAULT_BATCH", "PipelinePlugin", "Runner", "extract_batch", "load_model", "pipeline_version"]

#: Articles sent to a worker (and written) at a time.
DEFAULT_BATCH = 32
#: Articles `nlp.pipe` runs through the model at a time. spaCy's peak memory grows with it
#: (the network's activations for the whole batch): over 128 news articles of the bench
#: corpus a batch of 32 peaked at 858 MB a process, one of 8 at 411 MB, at the same speed.
NLP_BATCH = 8


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
    pkg = Path(__file__).resolve().parent  # kgraph/
    files = [
        *pkg.joinpath("read").rglob("*.py"),
        *pkg.joinpath("extract").rglob("*.py"),
        pkg / "graph" / "build.py",
        pkg / "graph" / "terms.py",
        pkg / "slug.py",
    ]
    return _files_digest([f for f in files if f.is_file()], pkg)


def _model_identity(model: str | None) -> str:
    """Name and version of the spaCy pipeline `load_model(model)` would load, found
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
    nlp = load_model(model)  # raises ModelError naming what was tried
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

    nlp = load_model(model)
    try:
        # strings and lexemes the batch adds to the vocabulary are freed after it: memory
        # does not grow with the corpus (the records that leave hold plain Python values)
        with nlp.memory_zone():
            return [ex for _, ex in extract_articles(articles, nlp, batch_size=min(batch_size, NLP_BATCH))]
    except Exception:  # noqa: BLE001 - find the article at fault, keep the others
        if len(articles) == 1:
            return [_extract_error(articles[0], nlp)]
        return [out for a in articles for out in extract_batch([a], model, batch_size)]


def _extract_error(article: Article, nlp) -> str:
    from .extract import extract_articles

    try:
        next(extract_articles([article], nlp))
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        return extraction_failure(article, exc)
    return f"{article.source}: cannot extract (failed only inside a batch)"


def extraction_failure(article: Article, exc: Exception) -> str:
    """One line naming the article whose extraction failed, and why."""
    if isinstance(exc, KGraphError):
        return f"{article.source}: {str(exc).splitlines()[0]}"
    first = (str(exc).splitlines() or [""])[0][:200]
    return f"{article.source}: cannot extract ({type(exc).__name__}: {first})"


def load_model(model: str | None):
    """The process's one pipeline (`load_pipeline` caches by its arguments as written)."""
    from .extract import load_pipeline

    return load_pipeline(model) if model is not None else load_pipeline()


def _warm(model: str | None) -> None:
    """Worker process start-up: load the pipeline once, before the first batch."""
    load_model(model)


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


class Runner:
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
