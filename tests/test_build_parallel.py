"""The same graph, byte for byte, whatever the order of the input, the batch size, the number
of worker processes, or a Dask cluster doing the extraction."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph.store import GraphStore
from kgraph.workflow import build_paths

from .build_corpus import exports, write_corpus

N = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), N)


@pytest.fixture(scope="module")
def serial_exports(corpus, nlp):
    store = GraphStore()
    report = build_paths(corpus, store)
    assert report.built == N and report.failed == 0
    return exports(store)


def test_entities_shared_between_articles_are_one_iri(corpus, serial_exports):
    store = GraphStore()
    build_paths(corpus[:4], store)
    q = "SELECT DISTINCT ?g ?e ?name WHERE { GRAPH ?g { ?e a kg:Person ; rdfs:label ?name } }"
    for name, articles in (("Volodymyr Zelenskiy", 4), ("Mykola Savchuk", 2)):
        rows = store.select(q, {"name": name})
        assert len({r["e"] for r in rows}) == 1 and len({r["g"] for r in rows}) == articles, rows


def test_reverse_order_and_other_batches_give_identical_exports(corpus, serial_exports, tmp_path):
    store = GraphStore(tmp_path / "s")
    build_paths(list(reversed(corpus)), store, batch_size=3)
    assert exports(store) == serial_exports
    shuffled = corpus[1::2] + corpus[::2]
    store = GraphStore()
    build_paths(shuffled, store, batch_size=1)
    assert exports(store) == serial_exports


@pytest.mark.slow  # two worker processes, each loading spaCy
def test_two_worker_processes_give_identical_exports(corpus, serial_exports, tmp_path):
    store = tmp_path / "store"
    res = CliRunner().invoke(
        main, ["build", *map(str, reversed(corpus)), "--store", str(store), "--jobs", "2", "--batch-size", "2"]
    )
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1].startswith(f"built {N}, skipped 0 unchanged, failed 0")
    assert exports(GraphStore(store, read_only=True)) == serial_exports


def test_dask_local_cluster_build(corpus, serial_exports, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is a test dependency")
    small = {"n_workers": 1, "threads_per_worker": 1, "processes": False, "dashboard_address": None}
    with distributed.LocalCluster(**small) as cluster:
        with distributed.Client(cluster) as client:
            store = GraphStore(tmp_path / "s")
            report = build_paths(list(reversed(corpus)), store, dask=client, batch_size=3)
            assert (report.built, report.failed) == (N, 0)
            assert exports(store) == serial_exports
            # the CLI takes the scheduler's address; unchanged articles are not sent at all
            res = CliRunner().invoke(
                main, ["build", *map(str, corpus), "--store", str(tmp_path / "s2"), "--dask", cluster.scheduler_address]
            )
            assert res.exit_code == 0, res.output
            assert exports(GraphStore(tmp_path / "s2", read_only=True)) == serial_exports
            plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
            assert all("kgraph-pipeline" in names for names in plugins.values())


@pytest.mark.slow  # waits out the 10 s Dask connect timeout
def test_dask_address_that_cannot_be_reached_is_a_clear_error(corpus, tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is a test dependency")
    res = CliRunner().invoke(
        main, ["build", str(corpus[0]), "--store", str(tmp_path / "s"), "--dask", "tcp://127.0.0.1:9", "--force"]
    )
    assert res.exit_code == 1
    assert "Traceback" not in res.stderr and "127.0.0.1:9" in res.stderr.splitlines()[-1]
