"""Where the ontology is found: $KGRAPH_ONTOLOGY first, else the one kgraph ships (the
checkout's ontology/ here; an installed wheel's kgraph/ontology/ is tested in test_wheel)."""

from __future__ import annotations

from pathlib import Path

from kgraph.paths import ONTOLOGY_ENV, ontology_dir, packaged_ontology_dir

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_ontology(monkeypatch):
    monkeypatch.delenv(ONTOLOGY_ENV, raising=False)
    assert packaged_ontology_dir() == ROOT / "ontology"
    assert ontology_dir() == ROOT / "ontology"
    assert (ontology_dir() / "kgraph.ttl").is_file()


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv(ONTOLOGY_ENV, str(tmp_path))
    assert ontology_dir() == tmp_path
    assert packaged_ontology_dir() == ROOT / "ontology"  # the shipped one is still known
