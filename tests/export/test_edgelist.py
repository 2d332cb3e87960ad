"""The CSV edge list: read back by the csv module (as a spreadsheet would import it), row for
row the actor network's edges, formula-looking text defused, the same bytes every time."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph.analyse.projections import Evidence, project
from kgraph.cli import main
from kgraph.export.edgelist import EDGE_COLUMNS, generate_edgelist, write_edgelist

A, B, C = (
    "https://w3id.org/kgraph/id/entity/Q212",
    "https://w3id.org/kgraph/id/entity/Q159",
    "https://w3id.org/kgraph/id/entity/force/q423",
)


def read(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def small_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node(A, label="Ukraine", type="Country")
    g.add_node(B, label='=HYPERLINK("http://x")', type="Country")
    g.add_node(C, label='North Korean troops, "elite"\nunits', type="MilitaryForce")
    g.add_node("lonely", label="Nobody", type="Person")
    ev = tuple(Evidence(f"https://w3id.org/kgraph/id/article/a{i}", i, i + 4, f"hit {i}\nline") for i in range(7))
    g.add_edge(
        C,
        A,
        weight=7,
        relation="Attack;Deployment",
        articles=2,
        first_date="2024-11-01",
        last_date="2024-11-18",
        evidence=ev,
        stance="Confirms",
    )
    g.add_edge(B, A, weight=1, relation="Shelling", articles=1, evidence=(), score=0.5, note=None)
    return g


def test_columns_and_rows():
    rows = read(b"".join(_bytes(small_graph())))
    assert list(rows[0]) == [*EDGE_COLUMNS, "score", "stance", "evidence"]
    assert [(r["source"], r["target"]) for r in rows] == sorted([(B, A), (C, A)])
    r = next(r for r in rows if r["source"] == C)
    assert r["source_label"] == 'North Korean troops, "elite"\nunits'  # quoting keeps commas, quotes, newlines
    assert (r["weight"], r["articles"], r["first_date"], r["relation"]) == ("7", "2", "2024-11-01", "Attack;Deployment")
    assert r["stance"] == "Confirms" and r["score"] == ""
    parts = r["evidence"].split("; ")
    assert parts[0] == "a0[0:4] hit 0 line" and len(parts) == 6 and parts[-1] == "(+2 more)"


def _bytes(g):
    buf = io.BytesIO()
    write_edgelist(g, buf)
    yield buf.getvalue()


def test_formula_looking_text_is_defused():
    rows = read(b"".join(_bytes(small_graph())))
    r = next(r for r in rows if r["source"] == B)
    assert r["source_label"] == '\'=HYPERLINK("http://x")'
    assert r["score"] == "0.5" and r["weight"] == "1"  # numbers are left alone


def test_crlf_and_summary(tmp_path):
    path = tmp_path / "e.csv"
    assert write_edgelist(small_graph(), path) == "2 edges"
    data = path.read_bytes()
    assert data.startswith(b"source,target,") and data.endswith(b"\r\n") and data.count(b"\r\n") >= 3
    assert not data.startswith(b"\xef\xbb\xbf")


def test_the_stream_stays_open():
    buf = io.BytesIO()
    write_edgelist(small_graph(), buf)
    buf.write(b"more")
    assert buf.getvalue().endswith(b"more")


def test_empty_graph_is_a_header():
    assert list(generate_edgelist(nx.DiGraph())) == [[*EDGE_COLUMNS, "evidence"]]


def test_cli_export_of_the_seed_store(seed_store_path, seed_store, tmp_path):
    out = tmp_path / "edges.csv"
    runs = []
    for _ in range(2):
        res = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(out), "--store", str(seed_store_path)])
        assert res.exit_code == 0, res.output
        runs.append(out.read_bytes())
    assert runs[0] == runs[1]
    g = project(seed_store, "actors")
    rows = read(runs[0])
    assert res.stderr == f"wrote {out} ({g.number_of_edges()} edges)\n"
    assert len(rows) == g.number_of_edges() > 10
    for r in rows:
        d = g.edges[r["source"], r["target"]]
        assert int(r["weight"]) == d["weight"] and r["relation"] == d["relation"]
        assert r["source_label"] == g.nodes[r["source"]]["label"]
        assert r["target_type"] == g.nodes[r["target"]]["type"]
        assert r["first_date"] == d.get("first_date", "")
        assert r["evidence"] or not d["evidence"]
    labels = {(r["source_label"], r["target_label"]) for r in rows}
    assert ("Russia", "North Korea") in labels


def test_stdout(seed_store_path):
    res = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(seed_store_path)])
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes.startswith(b"source,target,source_label,")
    assert res.stderr.startswith("wrote - (")


@pytest.mark.parametrize("fmt", ["csv", "graphml", "turtle"])
def test_failed_export_leaves_no_file(tmp_path, fmt):
    from kgraph.graph.store import GraphStore

    GraphStore(tmp_path / "s").flush()
    out = tmp_path / "out" / f"x.{fmt}"
    res = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(out), "--store", str(tmp_path / "s")])
    if fmt == "turtle":  # an empty store is a valid, empty Turtle file
        assert res.exit_code == 0 and out.exists()
    else:
        assert res.exit_code == 1 and not out.exists()
    assert [p.name for p in out.parent.iterdir()] == ([out.name] if fmt == "turtle" else [])
