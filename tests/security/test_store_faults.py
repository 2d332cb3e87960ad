"""Faults a careless user or a crash leaves behind get one-line errors, never tracebacks
(issue 14, item 6), and a build killed with SIGKILL leaves a store that opens, conforms
to SHACL and completes on rerun. Through the real CLI: its click group in-process (the
`kgraph` script calls the same `main`), the installed executable where the process
boundary is the point (one damaged store, the kill -9)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kgraph.cli import main
from kgraph.graph.store import GraphStore

from ..conftest import SEED

KGRAPH = str(Path(sys.executable).with_name("kgraph"))


def kgraph(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    """The installed `kgraph` executable, in its own process."""
    return subprocess.run([KGRAPH, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def cli(*args) -> Result:
    """The `kgraph` command in this process (no spaCy load per call)."""
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_error(run: subprocess.CompletedProcess | Result) -> str:
    if isinstance(run, Result):  # an exception the CLI let through is what a traceback would show
        assert run.exception is None or isinstance(run.exception, SystemExit), "".join(
            traceback.format_exception(*run.exc_info)
        )
        assert run.exit_code != 0
    else:
        assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr
    lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def _truncate_sst(store: Path) -> None:
    biggest = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(biggest, "r+b") as f:
        f.truncate(100)


def _garbage_manifest(store: Path) -> None:
    manifest = next(store.glob("MANIFEST-*"))
    manifest.write_bytes(bytes((i * 37 + 11) % 256 for i in range(3000)))


def _scribble_sst(store: Path) -> None:
    for sst in store.glob("*.sst"):
        size = sst.stat().st_size
        with open(sst, "r+b") as f:
            f.seek(size // 3)
            f.write(b"\xa5" * max(size // 3, 16))


FAULTS = {
    "deleted CURRENT": lambda store: (store / "CURRENT").unlink(),
    "truncated .sst": _truncate_sst,
    "garbage MANIFEST": _garbage_manifest,
    "scribbled .sst": _scribble_sst,
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize(
    "command",
    [("articles",), ("export", "--format", "turtle"), ("build", SEED), ("query", "ASK { ?s ?p ?o }")],
    ids=lambda c: c[0],
)
def test_a_corrupt_store_is_one_line(seed_store_path, tmp_path, fault, command):
    store = tmp_path / "store"
    shutil.copytree(seed_store_path, store)
    FAULTS[fault](store)
    line = one_line_error(cli(*command, "--store", store))
    assert f"store {store} is damaged" in line


def test_the_installed_command_says_a_damaged_store_in_one_line(seed_store_path, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store_path, store)
    _scribble_sst(store)
    line = one_line_error(kgraph("query", "ASK { ?s ?p ?o }", "--store", store))
    assert f"store {store} is damaged" in line


def test_a_folder_of_other_files_is_not_filled(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes\n")
    before = sorted(p.name for p in mine.iterdir())
    for command in (("build", SEED), ("articles",), ("export", "--format", "turtle")):
        line = one_line_error(cli(*command, "--store", mine))
        assert line == (
            f"Error: {mine} is not a kgraph store but a folder of other files (notes.txt); "
            "give --store an empty or new folder"
        )
    assert sorted(p.name for p in mine.iterdir()) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("build", SEED, "--store", empty).exit_code == 0  # an empty folder is fine


def test_looping_and_dangling_symlinks(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    line = one_line_error(cli("extract", tmp_path / "a.txt"))
    assert line == f"Error: {tmp_path / 'a.txt'}: symbolic link loop (the link leads back to itself)"
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    line = one_line_error(cli("extract", tmp_path / "gone.txt"))
    assert line == (
        f"Error: {tmp_path / 'gone.txt'}: broken symbolic link (it points to "
        f"{tmp_path / 'nothing.txt'}, which does not exist)"
    )


def test_jsonl_message_says_at_once(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "abc\n', encoding="utf-8")
    line = one_line_error(cli("extract", bad))
    assert line == f"Error: {bad}:1: not valid JSON (Unterminated string starting at column 10)"


# ------------------------------------------------------------------ kill -9 during a build
def _wal_bytes(store: Path) -> int:
    return sum(p.stat().st_size for p in store.glob("*.log")) if store.is_dir() else 0


@pytest.mark.slow
def test_kill_9_mid_build_leaves_a_store_that_opens_conforms_and_completes(tmp_path):
    from ..graph.test_store_and_graph import _shacl

    text = SEED.read_text(encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    n = 8
    for i in range(n):  # distinct articles: each its own file and text
        (folder / f"{i:03d}.txt").write_text(
            text + f"\n\nUpdate {i}: the report was filed from desk {i}.\n", encoding="utf-8"
        )
    # how much log one whole article writes: a build of the first article alone (the kill must
    # come after the first article is complete, whatever the machine's speed)
    one = tmp_path / "one"
    one.mkdir()
    (one / "000.txt").write_text((folder / "000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ref = tmp_path / "ref-store"
    run = kgraph("build", one, "--store", ref, "--published", "2024-11-18", timeout=600)
    assert run.returncode == 0, run.stderr
    per_article = _wal_bytes(ref)
    assert per_article > 0
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [KGRAPH, "build", str(folder), "--store", str(store), "--published", "2024-11-18"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        while _wal_bytes(store) < 1.5 * per_article and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # wait until the first article is written and the second under way
        assert proc.poll() is None, f"the build ended before it could be killed: {proc.stderr.read()}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    partial = GraphStore(store, read_only=True)
    written = len(partial.articles())
    assert 0 < written < n, written  # killed in the middle
    conforms, report, _ = _shacl(partial)
    assert conforms, report
    del partial
    run = kgraph("build", folder, "--store", store, "--published", "2024-11-18", timeout=600)
    assert run.returncode == 0, run.stderr
    done = GraphStore(store, read_only=True)
    assert len(done.articles()) == n
    conforms, report, _ = _shacl(done)
    assert conforms, report
