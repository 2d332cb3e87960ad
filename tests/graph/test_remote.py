"""The remote store against real servers started here on loopback: the Oxigraph server and
OpenLink Virtuoso. What comes back is compared with the embedded store as graphs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgraph.cli import main
from kgraph.errors import StoreError
from kgraph.graph.remote import RemoteStore, credentials_for, is_remote_url, push_store

from ..conftest import SEED, SEED_PUBLISHED

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableTcpSocket = 0
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
                proc.kill()
                pytest.fail(f"server did not come up at {url} within {seconds} s (exit {proc.poll()}): {tail}")
            time.sleep(0.1)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """A fresh Oxigraph server on a free loopback port: its base URL."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.skip("the Oxigraph server is not installed (the test extra installs it: pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_http(base + "/query?query=ASK%7B%7D", proc, 30)
    yield base
    _stop(proc)


@pytest.fixture(scope="module")
def virtuoso_url(tmp_path_factory):
    """A fresh Virtuoso (dba/dba) on free loopback ports: its HTTP base URL."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.skip(
            "Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin; "
            ".ci/run and .ci/services.sh install it when they run as root)"
        )
    d = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = _free_port(), _free_port()
    ini = d / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=d, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    proc = subprocess.Popen(
        [exe, "-c", str(ini), "+foreground"], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{http_port}"
    _wait_http(base + "/sparql?query=ASK%7B%7D", proc, 90, d / "virtuoso.log")
    yield base
    _stop(proc)


@pytest.fixture()
def dba(monkeypatch):
    monkeypatch.setenv("KGRAPH_SPARQL_USER", "dba")
    monkeypatch.setenv("KGRAPH_SPARQL_PASSWORD", "dba")


@pytest.fixture()
def no_credentials(monkeypatch, tmp_path):
    monkeypatch.delenv("KGRAPH_SPARQL_USER", raising=False)
    monkeypatch.delenv("KGRAPH_SPARQL_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def as_rdflib(triples) -> rdflib.Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def assert_same_graphs(remote: RemoteStore, store) -> None:
    graphs = [a["iri"] for a in store.articles()]
    assert remote.graphs() == sorted(graphs)
    for g in graphs:
        mine = as_rdflib(q.triple for q in store.quads(g))
        theirs = as_rdflib(remote.triples(g))
        assert len(theirs) == len(mine) > 100
        assert isomorphic(theirs, mine), f"graph {g} differs"
    assert len(remote) == len(store)


# ------------------------------------------------------------------ URLs and credentials
@pytest.mark.parametrize(
    "url, endpoint, protocol, query",
    [
        ("sparql+http://127.0.0.1:7878/store", "http://127.0.0.1:7878/store", "gsp", "http://127.0.0.1:7878/query"),
        (
            "sparql+http://127.0.0.1:7878/update",
            "http://127.0.0.1:7878/update",
            "update",
            "http://127.0.0.1:7878/query",
        ),
        (
            "sparql+http://h:8890/sparql-graph-crud-auth",
            "http://h:8890/sparql-graph-crud-auth",
            "gsp",
            "http://h:8890/sparql",
        ),
        ("sparql+https://h/sparql?protocol=update", "https://h/sparql", "update", "https://h/sparql"),
        ("sparql+http://h/ds/data?query=/ds/sparql", "http://h/ds/data", "gsp", "http://h/ds/sparql"),
        ("sparql+http://h/graphs", "http://h/graphs", "gsp", None),
    ],
)
def test_store_urls(url, endpoint, protocol, query, no_credentials):
    r = RemoteStore.from_url(url)
    assert (r.endpoint, r.protocol, r.query_endpoint) == (endpoint, protocol, query)


@pytest.mark.parametrize(
    "url, message",
    [
        ("sparql+http://dba:dba@h/store", "credentials in the endpoint URL are refused (http://***@h/store)"),
        ("sparql+ftp://h/store", "not an http(s) SPARQL endpoint URL: 'ftp://h/store'"),
        ("sparql+http://h/store?user=x", "unknown option(s) user in the store URL"),
        ("sparql+http://h/store?protocol=ftp", "unknown protocol 'ftp'"),
    ],
)
def test_bad_store_urls(url, message, no_credentials):
    with pytest.raises(StoreError) as info:
        RemoteStore.from_url(url)
    assert str(info.value).startswith(message)
    assert ":dba@" not in str(info.value)


@pytest.mark.parametrize(
    "value, remote",
    [
        ("sparql+http://h/store", True),
        ("SPARQL+HTTPS://h/x", True),
        ("/tmp/store", False),
        ("http://h/store", False),
        (None, False),
    ],
)
def test_is_remote_url(value, remote):
    assert is_remote_url(value) is remote


def test_credentials_from_env_then_netrc(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine example.org login alice password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("KGRAPH_SPARQL_USER", raising=False)
    monkeypatch.delenv("KGRAPH_SPARQL_PASSWORD", raising=False)
    assert credentials_for("http://example.org:8890/sparql") == ("alice", "from-netrc")
    assert credentials_for("http://other.org/sparql") is None
    monkeypatch.setenv("KGRAPH_SPARQL_USER", "bob")
    monkeypatch.setenv("KGRAPH_SPARQL_PASSWORD", "from-env")
    assert credentials_for("http://example.org/sparql") == ("bob", "from-env")


# ------------------------------------------------------------------ Oxigraph server
@pytest.mark.parametrize("path", ["/store", "/update"])
def test_push_to_oxigraph(oxigraph_url, seed_store, path, no_credentials):
    remote = RemoteStore(oxigraph_url + path)
    report = push_store(seed_store, remote)
    assert report.graphs == 1 and report.triples == len(seed_store)
    assert_same_graphs(remote, seed_store)


def test_push_again_changes_nothing_and_drops_stale_triples(oxigraph_url, seed_store, no_credentials):
    remote = RemoteStore(oxigraph_url + "/store")
    push_store(seed_store, remote)
    push_store(seed_store, remote)
    assert_same_graphs(remote, seed_store)
    g = seed_store.articles()[0]["iri"]
    fewer = seed_store.quads(g)[:10]
    for protocol, url in (("gsp", "/store"), ("update", "/update")):
        r = RemoteStore(oxigraph_url + url, protocol=protocol)
        r.replace_graph(g, fewer)
        assert set(as_rdflib(r.triples(g))) == set(as_rdflib(q.triple for q in fewer))
        r.replace_graph(g, seed_store.quads(g))
    assert_same_graphs(remote, seed_store)


def test_build_into_oxigraph(oxigraph_url, seed_store, nlp, no_credentials):
    """What `kgraph build --store sparql+http://…` does: the workflow writes to the remote store."""
    from kgraph.workflow import build_paths

    remote = RemoteStore.from_url(f"sparql+{oxigraph_url}/store")
    remote.remove_graph(seed_store.articles()[0]["iri"])
    report = build_paths([SEED], remote, published=SEED_PUBLISHED)
    assert report.articles == 1 and report.store_triples == len(seed_store)
    assert_same_graphs(remote, seed_store)


def test_kgraph_push_to_oxigraph(oxigraph_url, seed_store_path, seed_store, no_credentials):
    res = CliRunner().invoke(main, ["push", "--store", str(seed_store_path), "--endpoint", oxigraph_url + "/store"])
    assert res.exit_code == 0, res.output
    pushed = f"pushed 1 graph(s), {len(seed_store)} triples, to {oxigraph_url}/store (gsp)"
    assert res.stderr in (f"{pushed}\n", f"{pushed}; 1 unchanged there, not sent again\n")  # pushed by a test before
    assert_same_graphs(RemoteStore(oxigraph_url + "/store"), seed_store)


def test_kgraph_push_one_article(oxigraph_url, seed_store_path, no_credentials):
    res = CliRunner().invoke(
        main, ["push", "--store", str(seed_store_path), "--endpoint", oxigraph_url + "/update", "--article", str(SEED)]
    )
    assert res.exit_code == 0, res.output
    assert "pushed 1 graph(s)" in res.stderr and "(update)" in res.stderr
    res = CliRunner().invoke(
        main, ["push", "--store", str(seed_store_path), "--endpoint", oxigraph_url + "/update", "--article", "nope"]
    )
    assert res.exit_code == 2 and "no article 'nope' in the store" in res.output


def test_unreachable_server(no_credentials):
    remote = RemoteStore(f"http://127.0.0.1:{_free_port()}/store")
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL store at http://127\.0\.0\.1:\d+/store"):
        remote.replace_graph("https://w3id.org/kgraph/id/article/x", [])


class _RefusingDigest(BaseHTTPRequestHandler):
    """Asks for HTTP Digest credentials on every request and accepts none: urllib gives up
    after its retries and raises an HTTPError of its own, without a body."""

    def _refuse(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Digest realm="kgraph-test", nonce="abc123", qop="auth", algorithm=MD5')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_DELETE = _refuse

    def log_message(self, *args):
        pass


@pytest.fixture()
def refusing_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RefusingDigest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_wrong_password_is_one_clear_error(refusing_server, seed_store_path, monkeypatch):
    """A refused password gives one line with the status and the hint, never a traceback nor
    the password (urllib's own 401 error reads back as str on Python before 3.11.4)."""
    monkeypatch.setenv("KGRAPH_SPARQL_USER", "dba")
    monkeypatch.setenv("KGRAPH_SPARQL_PASSWORD", "not-the-password-xyzzy")
    res = CliRunner().invoke(
        main, ["push", "--store", str(seed_store_path), "--endpoint", f"sparql+{refusing_server}/store"]
    )
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"Error: PUT {refusing_server}/store?graph=")
    assert "HTTP 401" in lines[0] and "check $KGRAPH_SPARQL_USER/$KGRAPH_SPARQL_PASSWORD" in lines[0]
    assert "xyzzy" not in res.output


# ------------------------------------------------------------------ Virtuoso
@pytest.mark.slow
@pytest.mark.parametrize("path, protocol", [("/sparql-graph-crud-auth", "gsp"), ("/sparql-auth", "update")])
def test_push_to_virtuoso(virtuoso_url, seed_store, dba, path, protocol):
    remote = RemoteStore(virtuoso_url + path, protocol=protocol)
    assert remote.query_endpoint == virtuoso_url + "/sparql"
    push_store(seed_store, remote)
    push_store(seed_store, remote)  # idempotent
    assert_same_graphs(remote, seed_store)


@pytest.mark.slow
def test_virtuoso_with_netrc(virtuoso_url, seed_store, monkeypatch, tmp_path):
    monkeypatch.delenv("KGRAPH_SPARQL_USER", raising=False)
    monkeypatch.delenv("KGRAPH_SPARQL_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1\n  login dba\n  password dba\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    res = CliRunner().invoke(
        main, ["push", "--store", str(seed_store.path), "--endpoint", f"sparql+{virtuoso_url}/sparql-graph-crud-auth"]
    )
    assert res.exit_code == 0, res.output
    assert_same_graphs(RemoteStore(virtuoso_url + "/sparql-graph-crud-auth"), seed_store)


@pytest.mark.slow
def test_virtuoso_wrong_password_is_not_printed(virtuoso_url, seed_store, monkeypatch):
    monkeypatch.setenv("KGRAPH_SPARQL_USER", "dba")
    monkeypatch.setenv("KGRAPH_SPARQL_PASSWORD", "dba")
    # not there (an unchanged graph would not be sent: Virtuoso's /sparql answers the hash query to anyone)
    RemoteStore(virtuoso_url + "/sparql-graph-crud-auth").remove_graph(seed_store.articles()[0]["iri"])
    monkeypatch.setenv("KGRAPH_SPARQL_PASSWORD", "not-the-password-xyzzy")
    res = CliRunner().invoke(
        main, ["push", "--store", str(seed_store.path), "--endpoint", virtuoso_url + "/sparql-graph-crud-auth"]
    )
    assert res.exit_code == 1
    assert "HTTP 401" in res.stderr and "check $KGRAPH_SPARQL_USER/$KGRAPH_SPARQL_PASSWORD" in res.stderr
    assert "xyzzy" not in res.output


@pytest.mark.slow
def test_virtuoso_without_credentials(virtuoso_url, seed_store, no_credentials):
    with pytest.raises(StoreError, match="HTTP 401"):
        push_store(seed_store, RemoteStore(virtuoso_url + "/sparql-graph-crud-auth"))


def test_kgraph_build_cli_into_oxigraph_twice(oxigraph_url, seed_store, no_credentials):
    """`kgraph build --store sparql+http://…` twice: the remote store ends equal to the embedded one."""
    url = f"sparql+{oxigraph_url}/store"
    for _ in range(2):
        res = CliRunner().invoke(main, ["build", str(SEED), "--store", url, "--published", SEED_PUBLISHED])
        assert res.exit_code == 0, res.output
    assert_same_graphs(RemoteStore.from_url(url), seed_store)


def test_remote_store_refused_where_only_the_embedded_one_works(no_credentials):
    res = CliRunner().invoke(main, ["articles", "--store", "sparql+http://127.0.0.1:9/store"])
    assert res.exit_code == 2 and "embedded store" in res.stderr


# ------------------------------------------------------------------ unchanged graphs are not sent again
class _Counting(BaseHTTPRequestHandler):
    """Forwards to the Oxigraph server, counting the graph writes (PUT) it sees."""

    target = ""
    puts: list[str] = []

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
        if self.command == "PUT":
            type(self).puts.append(self.path)
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        req = urllib.request.Request(self.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                code, data, ctype = resp.status, resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            code, data, ctype = exc.code, exc.read(), exc.headers.get("Content-Type", "")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args):
        pass


@pytest.fixture()
def counting_proxy(oxigraph_url):
    _Counting.target, _Counting.puts = oxigraph_url, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_build_and_push_skip_graphs_unchanged_on_the_remote_store(counting_proxy, seed_store, no_credentials):
    """The content hash is read back from the remote store: an unchanged article is not
    extracted or sent again, by `kgraph build --store URL` nor by `kgraph push`; a changed
    remote graph (another hash) is written again."""
    url = f"sparql+{counting_proxy}/store"
    remote = RemoteStore.from_url(url)
    g = seed_store.articles()[0]["iri"]
    remote.remove_graph(g)
    first = CliRunner().invoke(main, ["build", str(SEED), "--store", url, "--published", SEED_PUBLISHED])
    assert first.exit_code == 0, first.output
    assert len(_Counting.puts) == 1
    again = CliRunner().invoke(main, ["build", str(SEED), "--store", url, "--published", SEED_PUBLISHED])
    assert again.exit_code == 0, again.output
    assert "skipped 1 unchanged" in again.stderr and len(_Counting.puts) == 1
    report = push_store(seed_store, RemoteStore.from_url(url))
    assert (report.graphs, report.skipped, report.triples) == (1, 1, len(seed_store)) and len(_Counting.puts) == 1
    RemoteStore.from_url(url).replace_graph(g, seed_store.quads(g)[:10])  # no hash there now
    report = push_store(seed_store, RemoteStore.from_url(url))
    assert report.skipped == 0 and len(_Counting.puts) == 3
    assert_same_graphs(RemoteStore.from_url(url), seed_store)
