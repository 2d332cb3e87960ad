"""Shared fixtures: the real spaCy pipeline and a real store built from the seed article.

Objects that live for the whole session are frozen out of the cyclic garbage collector
(`gc.freeze`): the imported modules once collection is done, and a spaCy pipeline's
~150,000 objects once one is loaded (by the `nlp` fixture or by a command run in-process).
Without this every `gc.collect()` (the CLI's, and tests' that close a RocksDB store) walks
them all again, a third of a second each time.
"""

from __future__ import annotations

import gc
import socketserver
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_815a57848530bec3.txt"
SEED_PUBLISHED = "2024-11-18"

_frozen_at = 0  # how many pipelines kgraph had loaded when the heap was last frozen


def _freeze_loaded_pipelines() -> None:
    """Collect what is garbage now, then freeze what is left, if a pipeline was loaded since
    the last time (a cheap check otherwise: no import, no collection)."""
    global _frozen_at
    module = sys.modules.get("kgraph.extract.pipeline")
    loaded = module.load_pipeline.cache_info().misses if module else 0
    if loaded > _frozen_at:
        gc.collect()
        gc.freeze()
        _frozen_at = loaded


def pytest_collection_finish(session):
    """The modules the tests imported (spaCy, rdflib, kgraph...) live as long as the session."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    yield
    _freeze_loaded_pipelines()


@pytest.fixture(autouse=True, scope="session")
def _test_servers_stop_at_once():
    """The suite's own threaded HTTP servers (the web sites, SPARQL services and listeners
    that tests in read/, query/ and graph/ run on 127.0.0.1 with `serve_forever`) notice
    `shutdown()` within 50 ms instead of socketserver's default 0.5 s, which each such test
    otherwise waited at teardown. kgraph itself never uses socketserver (its endpoint is
    uvicorn), so nothing shipped is changed; what a test asks of a server is unchanged."""
    patch = pytest.MonkeyPatch()
    serve_forever = socketserver.BaseServer.serve_forever

    def quick(self, poll_interval=0.05):
        return serve_forever(self, poll_interval)

    patch.setattr(socketserver.BaseServer, "serve_forever", quick)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline kgraph uses (loaded once per test session)."""
    from kgraph.extract.pipeline import load_pipeline

    pipeline = load_pipeline()
    _freeze_loaded_pipelines()
    return pipeline


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory, nlp):
    """An on-disk store holding the seed article (published date given), built once."""
    from kgraph.graph.store import GraphStore
    from kgraph.workflow import build_paths

    path = tmp_path_factory.mktemp("seedstore") / "store"
    store = GraphStore(path)
    build_paths([SEED], store, published=SEED_PUBLISHED)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    """The seed store opened read-only, once (tests only read it; a write raises)."""
    from kgraph.graph.store import GraphStore

    return GraphStore(seed_store_path, read_only=True)
