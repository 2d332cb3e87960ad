"""`kgraph analyze` and `kgraph viz` through click's CliRunner, on real stores."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main

from .conftest import article_c, make_store_on_disk


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args])


def test_ranking_on_the_seed(runner, seed_store_path):
    res = run(runner, "analyze", "--store", seed_store_path, "--top", 5)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("actors view: ") and "communities (modularity" in lines[0]
    table = lines[2:8]
    assert table[0].split()[:3] == ["rank", "label", "type"]
    top = " ".join(table[1:])
    for name in ("Ukraine", "Russia", "North Korea"):
        assert name in top
    assert "communities (Louvain), largest first:" in res.stdout


def test_json_is_stable_and_complete(runner, seed_store_path):
    a = run(runner, "analyze", "--store", seed_store_path, "--format", "json", "--top", 0)
    b = run(runner, "analyze", "--store", seed_store_path, "--format", "json", "--top", 0)
    assert a.exit_code == 0, a.output
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["view"] == "actors" and data["ranked_by"] == "pagerank" and data["betweenness"] == "exact"
    assert len(data["ranking"]) == data["nodes"]
    assert [r["rank"] for r in data["ranking"]] == list(range(1, data["nodes"] + 1))
    prs = [r["pagerank"] for r in data["ranking"]]
    assert prs == sorted(prs, reverse=True)
    members = [m for c in data["communities"] for m in c["members"]]
    assert sorted(members) == sorted(r["label"] for r in data["ranking"])
    ukraine = next(r for r in data["ranking"] if r["label"] == "Ukraine")
    assert ukraine["wikidata"] == "Q212" and ukraine["type"] == "Country" and ukraine["first_date"] <= "2024-11-18"


def test_csv(runner, toy_store_path):
    res = run(runner, "analyze", "--store", toy_store_path, "--format", "csv", "--by", "degree", "--top", 3)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["label"] for r in rows] == ["Russia", "Kursk", "North Korea"]
    assert rows[0]["degree"] == "5" and rows[0]["wikidata"] == "Q159"


@pytest.mark.parametrize("view,first", [("speech", "Russia"), ("cooccurrence", "Russia")])
def test_other_views(runner, toy_store_path, view, first):
    res = run(runner, "analyze", "--store", toy_store_path, "--view", view, "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["ranking"][0]["label"] == first


def test_ego(runner, toy_store_path):
    res = run(runner, "analyze", "--store", toy_store_path, "--ego", "zelenskiy", "--radius", 1, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["label"] == "Volodymyr Zelenskiy" and data["radius"] == 1
    assert {(n["label"], n["hops"]) for n in data["nodes"]} == {
        ("Volodymyr Zelenskiy", 0),
        ("Russia", 1),
        ("Ukraine", 1),
        ("North Korea", 1),
    }
    assert {"source_label": "Russia", "target_label": "North Korea", "relation": "Alliance"}.items() <= next(
        lk for lk in data["links"] if lk["relation"] == "Alliance"
    ).items()


def test_path_shows_article_and_span_text(runner, toy_store_path, toy_ids):
    res = run(runner, "analyze", "--store", toy_store_path, "--path", "Volodymyr Zelenskiy", "Kursk")
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert out.splitlines()[0] == "Volodymyr Zelenskiy to Kursk in the actors view: 2 hop(s)"
    assert "1. Volodymyr Zelenskiy -> Russia: spokeAbout (2)" in out
    assert f"{toy_ids['b']} [" in out and "\u201cNorth Korea was helping Russia\u201d" in out
    assert "2. Russia -> Kursk: Deployment (1)" in out and "\u201cdeployed\u201d" in out
    assert "in: Russia deployed North Korean troops to Kursk." in out  # the sentence around the span


def test_path_json(runner, toy_store_path, toy_ids):
    res = run(runner, "analyze", "--store", toy_store_path, "--path", "Kursk", "Ukraine", "--format", "json")
    data = json.loads(res.stdout)
    (step,) = data["steps"]
    assert step["direction"] == "backward" and step["relation"] == "Attack"
    assert step["evidence"][0]["article_id"] == toy_ids["a"] and step["evidence"][0]["text"] == "attacked"


@pytest.mark.parametrize(
    "args,message",
    [
        (["--ego", "Zelinsky"], "Error: no entity 'Zelinsky' in the actors view; did you mean 'Volodymyr Zelenskiy'?"),
        (["--path", "Rusia", "Kursk"], "Error: no entity 'Rusia' in the actors view; did you mean 'Russia'"),
        (["--path", "Reuters", "Russia"], "Error: Reuters and Russia are not connected in the actors view"),
    ],
)
def test_bad_names_exit_1_with_a_clear_message(runner, toy_store_path, args, message):
    res = run(runner, "analyze", "--store", toy_store_path, *args)
    assert res.exit_code == 1
    assert res.stderr.strip().startswith(message), res.stderr
    assert res.stdout == ""


def test_empty_store(runner, tmp_path):
    make_store_on_disk(tmp_path / "empty")
    res = run(runner, "analyze", "--store", tmp_path / "empty")
    assert res.exit_code == 1
    assert res.stderr.strip() == (
        "Error: the actors view is empty: the store holds no articles (run `kgraph build` first)"
    )


def test_view_without_edges(runner, tmp_path):
    make_store_on_disk(tmp_path / "c", article_c())
    res = run(runner, "analyze", "--store", tmp_path / "c")
    assert res.exit_code == 1
    assert res.stderr.strip() == (
        "Error: the actors view has 2 entities but no edges: no events, posts, "
        "affiliations or attributed statements link two entities (try --view cooccurrence)"
    )
    res = run(runner, "viz", "--store", tmp_path / "c", "-o", tmp_path / "x.html")
    assert res.exit_code == 1 and not (tmp_path / "x.html").exists()


def test_missing_store(runner, tmp_path):
    res = run(runner, "analyze", "--store", tmp_path / "nowhere")
    assert res.exit_code == 1 and "no store at" in res.stderr


def test_ego_and_path_together_is_a_usage_error(runner, toy_store_path):
    res = run(runner, "analyze", "--store", toy_store_path, "--ego", "Russia", "--path", "Russia", "Kursk")
    assert res.exit_code == 2 and "give either --ego or --path, not both" in res.stderr


def test_viz_writes_one_self_contained_page(runner, toy_store_path, tmp_path):
    out = tmp_path / "exports" / "graph.html"
    res = run(runner, "viz", "--store", toy_store_path, "-o", out)
    assert res.exit_code == 0, res.output
    assert res.stderr.strip() == f"wrote {out} (9 of 9 entities, 11 links)"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    assert "Volodymyr Zelenskiy" in page and "North Korea was helping Russia" in page


@pytest.mark.parametrize(
    "args", [["--ego", "Zelensky"], ["--path", "Zelensky", "Kursk"], ["--path", "zelenskyy", "Kursk"]]
)
def test_names_resolve_as_in_quotes_and_ask(runner, toy_store_path, args):
    """One resolver for every command: another transliteration of a last name finds the entity."""
    res = run(runner, "analyze", "--store", toy_store_path, *args)
    assert res.exit_code == 0, res.output
    assert "Volodymyr Zelenskiy" in res.stdout
