"""The HTML page: self-contained, and drawn by a real browser (Debian's headless Chromium).

Chromium runs with networking features off and a throw-away profile; the page must
draw every node (it reports the count in `data-rendered-nodes`) and, opened at
`#node=<id>`, show that entity's statements in the side panel. Without Chromium the
browser tests skip and say why; `.ci/run` installs it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from lxml import html as lhtml

from kgraph.analyse import analyse, project, statements
from kgraph.errors import ExportError
from kgraph.export.html import generate_html, layout, write_html
from tests.analyse.conftest import article_a, article_b, article_c, make_store

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--virtual-time-budget=5000",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium is not installed (apt-get install chromium)")


def browse(page: Path, tmp_path: Path, *extra: str, fragment: str = "") -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri() + fragment]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def dom(page: Path, tmp_path: Path, fragment: str = ""):
    res = browse(page, tmp_path, "--dump-dom", fragment=fragment)
    assert res.returncode == 0 and "<body" in res.stdout, res.stderr[-2000:]
    return lhtml.fromstring(res.stdout)


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


@pytest.fixture()
def toy_page(tmp_path) -> Path:
    """The page of the hand-built store of tests/analyse: 9 entities, 11 links, 2 statements."""
    toy_store = make_store(article_a(), article_b(), article_c())
    g = project(toy_store, "actors")
    path = tmp_path / "graph.html"
    write_html(g, path, statements(toy_store))
    return path


def test_page_is_self_contained(toy_page):
    text = toy_page.read_text(encoding="utf-8")
    doc = lhtml.fromstring(text)
    assert not doc.xpath("//script[@src] | //link | //img | //iframe")
    assert not re.search(r"""\bsrc\s*=|url\((?!#)|@import""", text)  # nothing loaded from anywhere
    assert "import(" not in text and "fetch(" not in text and "XMLHttpRequest" not in text
    # outside the data (whose entity IRIs are names, not links), the only address is the
    # Wikidata link a reader may click
    code = re.sub(r'<script type="application/json" id="kgraph-data">.*?</script>', "", text, flags=re.S)
    assert set(re.findall(r"https?://[^\s\"'<)]+", code)) <= {
        "https://www.wikidata.org/wiki/",
        "http://www.w3.org/2000/svg",
    }
    data = page_data(text)
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 11 and len(data["statements"]) == 2


def test_text_cannot_break_out_of_the_page():
    g = nx.Graph(name="evil")
    g.add_edge("a", "b", relation="x")
    g.nodes["a"]["label"] = "</script><script>alert(1)</script>"
    g.nodes["b"]["label"] = "/*KGRAPH_JS*/ & <b>"
    analyse(g)
    text = generate_html(g, title="<title>")
    assert text.count("</script>") == 2 and "<script>alert" not in text
    assert "&lt;title&gt;" in text
    labels = sorted(n["label"] for n in page_data(text)["nodes"])
    assert labels == ["/*KGRAPH_JS*/ & <b>", "</script><script>alert(1)</script>"]


def test_max_nodes_keeps_the_highest_pagerank():
    g = nx.star_graph(30)
    analyse(g)
    data = page_data(generate_html(g, max_nodes=5))
    assert len(data["nodes"]) == 5 and "0" in {n["id"] for n in data["nodes"]}
    assert all(e["s"] < 5 and e["t"] < 5 for e in data["edges"])


def test_layout_is_deterministic_and_in_bounds():
    g = nx.karate_club_graph()
    for u, v in g.edges():
        g.edges[u, v]["weight"] = 1
    a, b = layout(g), layout(g)
    assert a == b
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in a.values())


def test_empty_graph_is_an_error():
    with pytest.raises(ExportError, match="nothing to draw"):
        generate_html(nx.Graph())


@pytest.mark.slow  # a headless Chromium
def test_chromium_draws_every_node(toy_page, tmp_path):
    body = dom(toy_page, tmp_path).find("body")
    assert body.get("data-rendered-nodes") == "9"
    assert body.get("data-rendered-edges") == "11"
    circles = body.xpath("//*[local-name()='g'][contains(@class,'node')]/*[local-name()='circle']")
    assert len(circles) == 9
    assert {c.get("fill") for c in circles} >= {"#4e79a7", "#f28e2b", "#e15759"}  # types have their colours
    labels = {t.text for t in body.xpath("//*[local-name()='text']")}
    assert {"Russia", "Volodymyr Zelenskiy", "Kursk"} <= labels
    assert "Country" in body.get_element_by_id("legend").text_content()


@pytest.mark.slow  # a headless Chromium
def test_chromium_shows_statements_of_the_selected_node(toy_page, tmp_path):
    body = dom(toy_page, tmp_path, fragment="#node=person.volodymyr-zelenskiy").find("body")
    assert body.get("data-selected") == "person.volodymyr-zelenskiy"
    panel = body.get_element_by_id("panel")
    said = panel.find_class("statements-by")[0].text_content()
    assert "Russia was escalating" in said and "North Korea was helping Russia" in said
    assert "Statements by Volodymyr Zelenskiy (2)" in panel.text_content()
    body = dom(toy_page, tmp_path, fragment="#node=Q159").find("body")
    about = body.get_element_by_id("panel").find_class("statements-about")[0].text_content()
    assert "Russia was escalating" in about


def test_evidence_sentence_with_the_span_marked(toy_page):
    data = page_data(toy_page.read_text(encoding="utf-8"))
    attack = next(e for e in data["edges"] if e["relation"] == "Attack" and data["nodes"][e["t"]]["label"] == "Kursk")
    assert attack["evidence"] == [
        {
            "article": attack["evidence"][0]["article"],
            "text": "attacked",
            "context": "Ukraine attacked Russian forces in Kursk.",
        }
    ]


@pytest.mark.slow  # a headless Chromium
def test_chromium_screenshot_of_the_seed(seed_store, tmp_path):
    g = project(seed_store, "actors")
    page = tmp_path / "seed.html"
    write_html(g, page, statements(seed_store))
    body = dom(page, tmp_path).find("body")
    assert body.get("data-rendered-nodes") == str(g.number_of_nodes())
    shot = tmp_path / "seed.png"
    res = browse(page, tmp_path, "--window-size=1200,800", f"--screenshot={shot}")
    assert res.returncode == 0, res.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000  # a drawn page, not a blank one
