"""The read-only SPARQL endpoint, queried by real clients (SPARQLWrapper, rdflib's
SPARQLStore) and by plain HTTP: formats, named queries, refused writes, limits."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

from kgraph.graph.terms import KG, PREFIXES
from kgraph.query.named import get_named
from kgraph.query.server import negotiate
from kgraph.query.sparql import run_query, serialize_results

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())  # what clients without our prefixes send
STATEMENTS = PROLOGUE + (
    "SELECT DISTINCT ?st ?cue ?text WHERE { ?st a kg:Statement ; kg:cue ?cue ; schema:text ?text } ORDER BY ?st"
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NAMED_EXAMPLES = {
    "who_said_what": {"about": "North Korean troops"},
    "statements_by_speaker": {"speaker": "Zelenskiy"},
    "claims_by_outlet": {"outlet": "Reuters"},
    "events_in_place": {"place": "Kursk Oblast", "from": "2024-10-01", "to": "2024-10-31"},
    "officials": {},
    "contradictions": {},
}


def client(endpoint, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sw = SPARQLWrapper(endpoint.url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    sw.setTimeout(30)
    return sw


def http(
    endpoint,
    path: str = "/sparql",
    *,
    data: bytes | None = None,
    method: str | None = None,
    headers: dict | None = None,
) -> tuple[int, str, bytes]:
    base = endpoint.url.rsplit("/", 1)[0]
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def values(bindings: list[dict]) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


# ------------------------------------------------------------------ SPARQLWrapper
@pytest.mark.parametrize("method", [None, POST])
def test_select_json_by_get_and_post(endpoint, seed_store, method):
    res = client(endpoint, STATEMENTS, JSON, method).queryAndConvert()
    assert res["head"]["vars"] == ["st", "cue", "text"]
    assert values(res["results"]["bindings"]) == run_query(seed_store, STATEMENTS).as_dicts()
    assert len(res["results"]["bindings"]) >= 5


def test_select_xml(endpoint, seed_store):
    doc = client(endpoint, STATEMENTS, XML).queryAndConvert()  # an xml.dom Document
    results = doc.getElementsByTagName("result")
    assert len(results) == len(run_query(seed_store, STATEMENTS))


@pytest.mark.parametrize("fmt, parser", [(CSV, "csv"), (TSV, "tsv")])
def test_select_csv_tsv(endpoint, seed_store, fmt, parser):
    raw = client(endpoint, STATEMENTS, fmt).query().response.read()
    back = rdflib.query.Result.parse(io.BytesIO(raw), format=parser)
    assert [str(r[1]) for r in back] == [r["cue"] for r in run_query(seed_store, STATEMENTS).as_dicts()]


def test_ask(endpoint):
    assert client(endpoint, "ASK { ?s a kg:Statement }").queryAndConvert()["boolean"] is True
    assert client(endpoint, "ASK { ?s a kg:Nothing }").queryAndConvert()["boolean"] is False


@pytest.mark.parametrize("fmt", [TURTLE, XML])
def test_construct(endpoint, seed_store, fmt):
    q = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Person ; rdfs:label ?l }"
    got = client(endpoint, q, fmt).queryAndConvert()
    if isinstance(got, bytes):
        got = rdflib.Graph().parse(data=got, format="turtle")
    expected = rdflib.Graph().parse(data=serialize_results(run_query(seed_store, q), "nt"), format="nt")
    assert len(expected) >= 2 and isomorphic(got, expected)


def test_syntax_error_is_400_with_line_and_column(endpoint):
    with pytest.raises(QueryBadFormed, match="line 2, column 9"):
        client(endpoint, "SELECT * WHERE {\n ?s ?p }").query()


def test_default_graph_uri(endpoint, seed_store):
    graph = seed_store.articles()[0]["iri"]
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Article }"
    sw = client(endpoint, q)
    sw.addDefaultGraph(graph)
    assert sw.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "1"
    sw = client(endpoint, q)
    sw.addDefaultGraph("https://w3id.org/kgraph/id/article/none")
    assert sw.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "0"


# ------------------------------------------------------------------ rdflib's SPARQLStore
def test_rdflib_sparqlstore(endpoint, seed_store):
    g = rdflib.Graph(store=SPARQLStore(endpoint.url, returnFormat="xml"))
    rows = list(g.query("SELECT DISTINCT ?p WHERE { ?p a kg:Person }", initNs={"kg": str(KG._NS)}))
    assert {str(r[0]) for r in rows} == {
        r["p"] for r in seed_store.select("SELECT DISTINCT ?p WHERE { ?p a kg:Person }")
    }
    people = {s for s, _, _ in g.triples((None, rdflib.RDF.type, rdflib.URIRef(str(KG.Person))))}
    assert len(people) >= 2


def test_rdflib_sparqlstore_json_and_bindings(endpoint):
    g = rdflib.Graph(store=SPARQLStore(endpoint.url, returnFormat="json"))
    rows = list(g.query("SELECT ?e WHERE { ?e rdfs:label ?l }", initBindings={"l": rdflib.Literal("Russia")}))
    assert rows and all(str(r[0]).endswith("/Q159") for r in rows)


def test_rdflib_update_store_is_refused(endpoint):
    store = SPARQLUpdateStore(endpoint.url, endpoint.url)
    with pytest.raises(urllib.error.HTTPError) as info:
        store.update("INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }")
    assert info.value.code == 403


# ------------------------------------------------------------------ named queries
@pytest.mark.parametrize("name", sorted(NAMED_EXAMPLES))
def test_named_queries_over_the_protocol(endpoint, seed_store, name):
    q = get_named(name)
    params = NAMED_EXAMPLES[name]
    local = q.run(seed_store, params).as_dicts()
    remote = client(endpoint, q.sparql_with_values(params), JSON, POST).queryAndConvert()
    assert values(remote["results"]["bindings"]) == local
    if name != "officials" and name != "contradictions":
        assert local, f"{name} found nothing on the seed"


@pytest.mark.parametrize("name", sorted(NAMED_EXAMPLES))
def test_named_query_path(endpoint, seed_store, name):
    params = NAMED_EXAMPLES[name]
    status, ctype, body = http(
        endpoint,
        f"/named/{name}?" + urllib.parse.urlencode(params),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert (status, ctype) == (200, "application/sparql-results+json")
    assert values(json.loads(body)["results"]["bindings"]) == get_named(name).run(seed_store, params).as_dicts()


@pytest.mark.parametrize("page", [{"limit": "1"}, {"offset": "1"}, {"offset": "1", "limit": "2"}])
def test_named_query_path_gives_a_page(endpoint, seed_store, page):
    params = NAMED_EXAMPLES["who_said_what"]
    full = get_named("who_said_what").run(seed_store, params).as_dicts()
    status, _, body = http(
        endpoint,
        "/named/who_said_what?" + urllib.parse.urlencode({**params, **page}),
        headers={"Accept": "application/sparql-results+json"},
    )
    start = int(page.get("offset", 0))
    stop = start + int(page["limit"]) if "limit" in page else None
    assert len(full) > 2 and status == 200
    assert values(json.loads(body)["results"]["bindings"]) == full[start:stop]


@pytest.mark.parametrize("page", ["limit=0", "limit=x", "offset=-1", "limit=1&limit=2"])
def test_named_query_refuses_a_bad_page(endpoint, page):
    status, _, body = http(endpoint, "/named/who_said_what?about=Russia&" + page)
    assert status == 400, body


def test_named_query_errors(endpoint):
    status, _, body = http(endpoint, "/named/who_said_what")
    assert (status, body.decode().strip()) == (
        400,
        "query 'who_said_what' needs --param about=VALUE (name: Name of "
        'the entity the statements are about ("Russia", "north korean '
        'troops", "wd:Q159").)',
    )
    assert http(endpoint, "/named/nope")[0] == 404


def test_named_list(endpoint):
    status, ctype, body = http(endpoint, "/named")
    assert (status, ctype) == (200, "application/json")
    names = {q["name"]: q for q in json.loads(body)}
    assert names["who_said_what"]["params"][0]["name"] == "about"


# ------------------------------------------------------------------ read-only
@pytest.mark.parametrize(
    "path, method, data, headers",
    [
        ("/sparql", "POST", b"update=DROP+ALL", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("/sparql", "POST", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        ("/sparql?update=DROP+ALL", "GET", None, {}),
        ("/store?graph=http://example.org/g", "PUT", b"<a:b> <a:c> <a:d> .", {"Content-Type": "application/n-triples"}),
        (
            "/store?graph=http://example.org/g",
            "POST",
            b"<a:b> <a:c> <a:d> .",
            {"Content-Type": "application/n-triples"},
        ),
        ("/store?graph=http://example.org/g", "DELETE", None, {}),
        ("/sparql", "PATCH", b"x", {}),
    ],
)
def test_writes_are_forbidden(endpoint, path, method, data, headers):
    status, _, body = http(endpoint, path, data=data, method=method, headers=headers)
    assert status == 403
    assert body.decode().startswith("Forbidden: this endpoint is read-only")
    assert client(endpoint, "ASK { ?s a kg:Article }").queryAndConvert()["boolean"] is True


def test_sparqlwrapper_update_is_forbidden(endpoint):
    sw = SPARQLWrapper(endpoint.url, updateEndpoint=endpoint.url)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }")
    with pytest.raises(urllib.error.HTTPError) as info:
        sw.query()
    assert info.value.code == 403


# ------------------------------------------------------------------ limits
@pytest.mark.slow
def test_a_slow_query_is_stopped_at_the_time_limit(endpoint):
    killed = endpoint.pool.killed
    start = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as info:
        client(endpoint, SLOW).query()
    elapsed = time.monotonic() - start
    assert info.value.code == 503
    assert info.value.read().decode().startswith("Query timed out: stopped after 2 s, the time limit")
    assert endpoint.timeout <= elapsed < endpoint.timeout + 3
    assert endpoint.pool.killed == killed + 1
    # the endpoint answers at once afterwards: the runaway query's process is gone
    start = time.monotonic()
    assert client(endpoint, "ASK { ?s a kg:Article }").queryAndConvert()["boolean"] is True
    assert time.monotonic() - start < 1.5


@pytest.mark.slow
def test_slow_queries_do_not_pile_up(endpoint):
    for _ in range(3):
        assert http(endpoint, "/sparql?" + urllib.parse.urlencode({"query": SLOW}))[0] == 503
    time.sleep(0.5)
    alive = [w for w in endpoint.pool._all if w.process.is_alive()]
    assert len(alive) == 2
    assert http(endpoint, "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))[0] == 200


def test_row_limit(endpoint):
    with pytest.raises(EndPointInternalError, match="Result too large: the result has more than 500 rows"):
        client(endpoint, "SELECT * WHERE { ?s ?p ?o }").query()
    q = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
    assert len(client(endpoint, q).queryAndConvert()["results"]["bindings"]) == 500


# ------------------------------------------------------------------ plain HTTP, negotiation
@pytest.mark.parametrize(
    "accept, ctype",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_content_negotiation(endpoint, accept, ctype):
    status, got, _ = http(
        endpoint,
        "/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o } LIMIT 1"}),
        headers={"Accept": accept} if accept else {},
    )
    assert (status, got) == (200, ctype)


@pytest.mark.parametrize(
    "accept, ctype",
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_graph_negotiation(endpoint, accept, ctype):
    q = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s a kg:Person }"})
    status, got, body = http(endpoint, "/sparql?" + q, headers={"Accept": accept})
    assert (status, got) == (200, ctype)
    assert (
        len(
            rdflib.Graph().parse(
                data=body, format={"text/turtle": "turtle", "application/ld+json": "json-ld"}.get(ctype, ctype)
            )
        )
        >= 2
    )


def test_not_acceptable(endpoint):
    status, _, body = http(
        endpoint, "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Accept": "image/png"}
    )
    assert status == 406 and b"offered: application/sparql-results+json" in body


def test_post_sparql_query_body(endpoint):
    status, ctype, body = http(
        endpoint,
        "/query",
        data=b"SELECT ?a WHERE { ?a a kg:Article }",
        method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and body.decode().splitlines()[0] == "a"


def test_unsupported_post_type(endpoint):
    status, _, body = http(endpoint, "/sparql", data=b"{}", method="POST", headers={"Content-Type": "application/json"})
    assert status == 415 and b"application/sparql-query" in body


def test_query_page(endpoint):
    status, ctype, body = http(endpoint, "/")
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    page = body.decode()
    assert '<form action="/sparql" method="post"><textarea name="query">' in page
    assert "who_said_what" in page and "Time limit 2 s, at most 500 rows" in page


@pytest.mark.parametrize(
    "accept, form, params, fmt",
    [
        ("application/json", "select", (), "json"),
        ("text/turtle, */*;q=0.1", "graph", (), "turtle"),
        ("text/turtle, */*;q=0.1", "select", (), "json"),
        ("application/sparql-results+xml;q=0, text/csv", "select", (), "csv"),
        ("image/png", "select", (), None),
        ("image/png", "select", ("csv",), "csv"),
        (None, "graph", ("rdf+xml", "application/rdf+xml"), "xml"),
        (None, "graph", ("json-ld",), "json"),
        ("text/*", "select", (), "csv"),
        (None, "ask", ("nonsense",), "json"),
    ],
)
def test_negotiate(accept, form, params, fmt):
    assert negotiate(accept, form, params) == fmt


# ------------------------------------------------------------------ the command, as a process
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_kgraph_serve_process(seed_store_path):
    port = _free_port()
    exe = Path(sys.executable).with_name("kgraph")
    proc = subprocess.Popen(
        [str(exe), "serve", "--store", str(seed_store_path), "--port", str(port), "--timeout", "1", "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as r:
                    assert r.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail(f"kgraph serve did not start: {proc.stderr.read() if proc.poll() is not None else ''}")
                time.sleep(0.1)
        sw = SPARQLWrapper(url)
        sw.setQuery(SLOW)
        with pytest.raises(urllib.error.HTTPError) as info:
            sw.query()
        assert info.value.code == 503
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert f"SPARQL endpoint at http://127.0.0.1:{port}/sparql" in err
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert children == [], "the query workers outlived the server"
    _ = os  # keep the import for readers running this test by hand with KGRAPH_STORE
