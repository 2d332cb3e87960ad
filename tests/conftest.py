"""Shared fixtures: the real spaCy pipeline and a real store built from the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_815a57848530bec3.txt"
SEED_PUBLISHED = "2024-11-18"


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline kgraph uses (loaded once per test session)."""
    from kgraph.extract.pipeline import load_pipeline

    return load_pipeline()


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


@pytest.fixture()
def seed_store(seed_store_path):
    """The seed store opened read-only (tests must not change it)."""
    from kgraph.graph.store import GraphStore

    return GraphStore(seed_store_path, read_only=True)
