"""The CLI through click's CliRunner: contract JSON, bad input, help for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph.store import GraphStore

from ..conftest import SEED, SEED_PUBLISHED


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(runner, name):
    res = runner.invoke(main, [name, "--help"])
    assert res.exit_code == 0
    assert "Example" in res.output


def test_version(runner):
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and "kgraph" in res.output


def test_extract_prints_the_contract(runner):
    res = runner.invoke(main, ["extract", str(SEED), "--format", "json", "--published", SEED_PUBLISHED])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) >= {"articles", "entities", "roles", "statements", "deployments"}
    art = data["articles"][0]
    assert art["published"] == SEED_PUBLISHED and art["title"].startswith("Growing No of North Korean")
    ids = {e["id"] for e in data["entities"]}
    labels = {e["label"]: e for e in data["entities"]}
    assert labels["Volodymyr Zelenskiy"]["type"] == "Person"
    assert labels["Volodymyr Zelenskiy"]["wikidata"] == "Q3874799"
    assert "Zelenskiy" in labels["Volodymyr Zelenskiy"]["aliases"]
    assert labels["Ukraine"]["type"] == "Country" and "Kyiv" in labels["Ukraine"]["aliases"]
    assert labels["Kursk Oblast"]["type"] == "Location"
    zel, ukr = labels["Volodymyr Zelenskiy"]["id"], labels["Ukraine"]["id"]
    assert {"person": zel, "role": "President", "of": ukr} in [
        {k: r[k] for k in ("person", "role", "of")} for r in data["roles"]
    ]
    for r in data["roles"]:
        assert r["person"] in ids and (r["of"] is None or r["of"] in ids)
    text = SEED.read_text(encoding="utf-8")
    for s in data["statements"]:
        assert s["speaker"] is None or s["speaker"] in ids
        assert 0 <= s["start"] < s["end"] <= len(text)


def _store_dump(path):
    store = GraphStore(path, read_only=True)
    return sorted(map(str, store.quads()))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  \n", "empty"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
        ("latin1.txt", "Kyiv said caf\u00e9 prices rose.\n".encode("latin-1"), "UTF-8"),
        ("bad.jsonl", b'{"text": "Kyiv said so."}\nnot json\n', "bad.jsonl:2"),
        ("notext.jsonl", b'{"title": "no text"}\n', "notext.jsonl:1"),
    ],
)
def test_bad_input_with_strict_is_one_line_error_and_store_unchanged(runner, tmp_path, name, content, message):
    store = tmp_path / "store"
    res = runner.invoke(main, ["build", str(SEED), "--store", str(store), "--published", SEED_PUBLISHED])
    assert res.exit_code == 0, res.output
    before = _store_dump(store)
    bad = tmp_path / name
    bad.write_bytes(content)
    res = runner.invoke(main, ["build", str(SEED), str(bad), "--store", str(store), "--strict"])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and name in lines[0] and message in lines[0], res.stderr
    assert _store_dump(store) == before


def test_huge_file_is_refused_without_reading(runner, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    res = runner.invoke(main, ["build", str(big), "--store", str(tmp_path / "s")])
    assert res.exit_code == 1 and "big.txt" in res.stderr


def test_folder_without_articles(runner, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.pdf").write_bytes(b"%PDF")
    res = runner.invoke(main, ["build", str(tmp_path / "docs"), "--store", str(tmp_path / "s")])
    assert res.exit_code == 1 and "docs" in res.stderr


def test_build_export_remove_cycle(runner, tmp_path):
    store, out = tmp_path / "store", tmp_path / "exports"
    res = runner.invoke(main, ["build", str(SEED), "--store", str(store), "--export", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.graphml").stat().st_size > 0
    res = runner.invoke(main, ["articles", "--store", str(store), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["source"] == str(SEED)
    res = runner.invoke(main, ["remove", str(SEED), "--store", str(store)])
    assert res.exit_code == 0
    res = runner.invoke(main, ["remove", str(SEED), "--store", str(store)])
    assert res.exit_code == 1 and "no article" in res.stderr


def test_unknown_model_is_a_clear_error(runner, tmp_path):
    res = runner.invoke(main, ["extract", str(SEED), "--model", "no_such_model_xx"])
    assert res.exit_code == 1 and "no_such_model_xx" in res.stderr


@pytest.mark.parametrize(
    "fmt, probe",
    [
        ("turtle", b"@prefix"),
        ("trig", b"> {"),
        ("nt", b"<https://w3id.org/kgraph/"),
        ("nq", b"<https://w3id.org/kgraph/"),
        ("jsonld", b"@id"),
        ("graphml", b"<graphml"),
    ],
)
def test_export_formats(runner, seed_store_path, tmp_path, fmt, probe):
    out = tmp_path / f"g.{fmt}"
    res = runner.invoke(main, ["export", "--format", fmt, "-o", str(out), "--store", str(seed_store_path)])
    assert res.exit_code == 0, res.output
    assert probe in out.read_bytes()


def test_extract_jsonl_reports_a_failing_article_and_goes_on(runner, tmp_path, monkeypatch):
    """One article whose extraction fails (here a statement pass registered to fail on it)
    is one line on stderr naming its file; the others are still printed; exit status 1."""
    from kgraph.extract import quotes

    def fragile(run):
        if "tripwire" in run.full:
            raise ValueError("a pass failed on this article")

    monkeypatch.setattr(quotes, "PASSES", [("fragile", fragile), *quotes.PASSES])
    good = tmp_path / "a_good.txt"
    good.write_text("The minister said the border would stay open.\n", encoding="utf-8")
    bad = tmp_path / "b_bad.txt"
    bad.write_text("The minister said the tripwire was cut.\n", encoding="utf-8")
    later = tmp_path / "c_later.txt"
    later.write_text("The mayor said the bridge had reopened.\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(good), str(bad), str(later), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [Path(d["articles"][0]["source"]).name for d in lines] == ["a_good.txt", "c_later.txt"]
    assert "b_bad.txt: cannot extract (ValueError: a pass failed on this article)" in result.stderr
    assert "Traceback" not in result.stderr
