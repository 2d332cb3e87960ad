"""Incremental, resumable, keep-going builds through the real CLI, pipeline and store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode

from kgraph.cli import main
from kgraph.extract import load_pipeline
from kgraph.graph.store import GraphStore
from kgraph.graph.terms import KG
from kgraph.workflow import build_paths

from .build_corpus import article_text, exports, write_corpus

KGRAPH = Path(sys.executable).with_name("kgraph")


@pytest.fixture()
def runner():
    return CliRunner()


def _build(runner, *args):
    return runner.invoke(main, ["build", *map(str, args)])


def _summary(stderr: str) -> str:
    return [ln for ln in stderr.splitlines() if ln.startswith("built ")][-1]


def test_unchanged_articles_are_skipped_without_nlp(runner, tmp_path, nlp):
    paths = write_corpus(tmp_path / "in", 3)
    store = tmp_path / "store"
    res = _build(runner, tmp_path / "in", "--store", store)
    assert res.exit_code == 0, res.output
    assert _summary(res.stderr).startswith("built 3, skipped 0 unchanged, failed 0")
    before = exports(GraphStore(store, read_only=True))
    calls = load_pipeline.cache_info()  # a build that needed NLP would ask for the pipeline
    res = _build(runner, tmp_path / "in", "--store", store)
    assert res.exit_code == 0, res.output
    assert _summary(res.stderr).startswith("built 0, skipped 3 unchanged, failed 0")
    after = load_pipeline.cache_info()
    assert (after.hits, after.misses) == (calls.hits, calls.misses)
    assert exports(GraphStore(store, read_only=True)) == before
    # every article graph carries exactly one content hash
    s = GraphStore(store, read_only=True)
    for a in s.articles():
        g = NamedNode(a["iri"])
        assert len(list(s.store.quads_for_pattern(g, _hash_predicate(), None, g))) == 1
    # a new file among them: only it is built; --force builds all again, to the same graph
    paths += write_corpus(tmp_path / "in", 1, start=3)
    res = _build(runner, tmp_path / "in", "--store", store)
    assert _summary(res.stderr).startswith("built 1, skipped 3 unchanged, failed 0"), res.stderr
    res = _build(runner, *paths, "--store", store, "--force")
    assert _summary(res.stderr).startswith("built 4, skipped 0 unchanged, failed 0"), res.stderr


def test_the_same_file_by_another_path_is_the_same_article(runner, tmp_path, nlp, monkeypatch):
    write_corpus(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    assert _build(runner, "in", "--store", "store").exit_code == 0
    res = _build(runner, "./in/art_000.txt", "--store", "store")
    assert _summary(res.stderr).startswith("built 0, skipped 1 unchanged"), res.stderr
    res = _build(runner, tmp_path / "in" / "art_000.txt", "--store", "store")
    assert _summary(res.stderr).startswith("built 0, skipped 1 unchanged"), res.stderr


def test_a_changed_article_replaces_its_graph(runner, tmp_path, nlp):
    folder = tmp_path / "in"
    paths = write_corpus(folder, 2)
    store = tmp_path / "store"
    assert _build(runner, folder, "--store", store).exit_code == 0
    text = paths[0].read_text(encoding="utf-8")
    paths[0].write_text(
        text.replace('"We will rebuild every house,"', '"We will never leave Kharkiv,"'), encoding="utf-8"
    )
    res = _build(runner, folder, "--store", store)
    assert _summary(res.stderr).startswith("built 1, skipped 1 unchanged, failed 0"), res.stderr
    res = runner.invoke(main, ["articles", "--store", str(store), "--format", "json"])
    sources = [r["source"] for r in json.loads(res.stdout)]
    assert sorted(sources) == sorted(map(str, paths))  # each file once
    res = runner.invoke(main, ["quotes", "--store", str(store), "--format", "json"])
    texts = [q["text"] for q in json.loads(res.stdout)]
    assert any("We will never leave Kharkiv" in t for t in texts)
    assert not any("rebuild every house" in t and "Kharkiv" in t for t in texts)
    mine = [q for q in json.loads(res.stdout) if q["source"] == str(paths[0])]
    assert mine and not any("rebuild every house" in q["text"] for q in mine)
    # the graph equals a fresh build of the new text
    fresh = tmp_path / "fresh"
    assert _build(runner, folder, "--store", fresh).exit_code == 0
    assert exports(GraphStore(store, read_only=True)) == exports(GraphStore(fresh, read_only=True))


def test_changed_metadata_rebuilds(runner, tmp_path, nlp):
    (path,) = write_corpus(tmp_path / "in", 1)
    store = tmp_path / "store"
    assert _build(runner, path, "--store", store).exit_code == 0
    path.with_name(path.stem + ".meta.json").write_text(json.dumps({"published": "2024-03-01"}), encoding="utf-8")
    res = _build(runner, path, "--store", store)
    assert _summary(res.stderr).startswith("built 1, skipped 0"), res.stderr
    (row,) = GraphStore(store, read_only=True).articles()
    assert row["published"] == "2024-03-01"


def test_jsonl_id_is_the_identity(runner, tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    lines = [{"id": "wire-1", "text": article_text(0)}, {"id": "wire-2", "text": article_text(1)}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    store = tmp_path / "store"
    assert _build(runner, feed, "--store", store).exit_code == 0
    # the corrected wire-1 comes later in another file, after a new line
    lines = [{"id": "wire-0", "text": article_text(2)}, {"id": "wire-1", "text": article_text(3)}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    res = _build(runner, feed, "--store", store)
    assert _summary(res.stderr).startswith("built 2, skipped 0"), res.stderr
    rows = GraphStore(store, read_only=True).articles()
    assert len(rows) == 3  # wire-0, wire-1 (replaced), wire-2
    assert sum("wire-1" in r["iri"] for r in rows) == 1


def test_bad_files_are_reported_and_the_rest_built(runner, tmp_path, nlp):
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "latin1.txt").write_bytes("Kyiv said caf\u00e9 prices rose.\n".encode("latin-1"))
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": article_text(5)}) + "\nnot json\n" + json.dumps({"text": article_text(6)}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    res = _build(runner, folder, "--store", store)
    assert res.exit_code == 1
    err = res.stderr
    for where in (
        "empty.txt: file is empty",
        "binary.txt: looks like a binary file",
        "latin1.txt: not valid UTF-8",
        "feed.jsonl:2: not valid JSON",
    ):
        assert where in err, err
    assert "Traceback" not in err
    assert _summary(err).startswith("built 4, skipped 0 unchanged, failed 4"), err
    rows = GraphStore(store, read_only=True).articles()
    assert len(rows) == 4 and {r["source"].rsplit("/", 1)[-1] for r in rows} == {
        "art_000.txt",
        "art_001.txt",
        "feed.jsonl:1",
        "feed.jsonl:3",
    }
    # the next build skips what was built and reports the same failures
    res = _build(runner, folder, "--store", store)
    assert res.exit_code == 1 and _summary(res.stderr).startswith("built 0, skipped 4 unchanged, failed 4")


def test_strict_stops_at_the_first_error_with_nothing_written(runner, tmp_path, nlp):
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    (folder / "zz_empty.txt").write_bytes(b"")
    store = tmp_path / "store"
    res = _build(runner, folder, "--store", store, "--strict")
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines == [f"Error: {folder / 'zz_empty.txt'}: file is empty"], res.stderr
    assert len(GraphStore(store, read_only=True)) == 0


def test_quiet_prints_errors_only(runner, tmp_path, nlp):
    folder = tmp_path / "in"
    write_corpus(folder, 1)
    (folder / "empty.txt").write_bytes(b"")
    res = _build(runner, folder, "--store", tmp_path / "store", "--quiet")
    assert res.exit_code == 1
    assert res.stderr == f"error: {folder / 'empty.txt'}: file is empty\n"


def test_duplicate_identity_in_one_build_is_reported(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "x", "text": article_text(0)})
        + "\n"
        + json.dumps({"id": "x", "text": article_text(1)})
        + "\n",
        encoding="utf-8",
    )
    report = build_paths([feed], GraphStore())
    assert (report.built, report.failed) == (1, 1)
    assert "feed.jsonl:2: same article as" in report.errors[0]


def _articles_done(store: Path) -> int:
    try:
        s = GraphStore(store, read_only=True)
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    return len(list(s.store.quads_for_pattern(None, _hash_predicate(), None)))


def _hash_predicate():
    from pyoxigraph import NamedNode

    return NamedNode(str(KG.contentHash))


@pytest.mark.slow  # a real build process of 40 articles, killed and rerun
def test_a_killed_build_keeps_what_it_finished_and_the_next_does_the_rest(tmp_path, nlp):
    """SIGKILL a real `kgraph build` half-way, then build again: only the rest is built,
    and the store ends equal to one built in a single go."""
    folder = tmp_path / "in"
    write_corpus(folder, 40)
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [str(KGRAPH), "build", str(folder), "--store", str(store), "--batch-size", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 300
        while _articles_done(store) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    done = _articles_done(store)
    assert 3 <= done < 40
    s = GraphStore(store)
    assert len(s.articles()) >= done  # a graph may be written but not yet hashed: it is built again
    s.flush()
    del s
    res = subprocess.run(
        [str(KGRAPH), "build", str(folder), "--store", str(store)], capture_output=True, text=True, timeout=600
    )
    assert res.returncode == 0, res.stderr
    summary = _summary(res.stderr)
    assert summary.startswith(f"built {40 - done}, skipped {done} unchanged, failed 0"), summary
    fresh = GraphStore()
    build_paths([folder], fresh)
    assert exports(GraphStore(store, read_only=True)) == exports(fresh)


def test_a_graph_from_an_older_kgraph_is_replaced_not_kept_beside(tmp_path, nlp):
    """A store built when article IRIs came from the text: building the same file again
    drops that copy instead of listing the article twice."""
    from dataclasses import replace

    from kgraph.extract import extract_article
    from kgraph.graph.build import article_iri, article_quads
    from kgraph.read import read_all

    (path,) = write_corpus(tmp_path / "in", 1)
    store = GraphStore(tmp_path / "store")
    (art,) = read_all([path])
    old = replace(art, key="text:made-up-older-id")  # another IRI, no content hash: as before
    store.replace_graph(article_iri(old.id), article_quads(old, extract_article(old, nlp)))
    assert len(store.articles()) == 1
    report = build_paths([path], store)
    assert report.built == 1
    (row,) = store.articles()
    assert row["iri"] == article_iri(art.id)


@pytest.mark.slow  # reads an 8 MB article
def test_an_article_too_long_to_build_in_bounded_memory_is_refused(runner, tmp_path, nlp):
    """A text over the build's limit is one line naming it (before any NLP); the others are built."""
    from kgraph.workflow import BUILD_MAX_CHARS

    folder = tmp_path / "in"
    write_corpus(folder, 1)
    paragraph = "The ministry said the convoy had reached the border crossing on Monday morning.\n\n"
    (folder / "huge.txt").write_text(paragraph * (BUILD_MAX_CHARS // len(paragraph) + 2), encoding="utf-8")
    res = _build(runner, folder, "--store", tmp_path / "store")
    assert res.exit_code == 1
    assert "huge.txt: too long to build as one article" in res.stderr and "kgraph extract" in res.stderr
    assert "Traceback" not in res.stderr
    assert _summary(res.stderr).startswith("built 1, skipped 0 unchanged, failed 1"), res.stderr
