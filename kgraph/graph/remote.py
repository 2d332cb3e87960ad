"""A remote SPARQL 1.1 store for graphs that outgrow one machine.

`RemoteStore` writes each article's named graph to an existing triple store, by the
SPARQL 1.1 Graph Store HTTP Protocol (`PUT ?graph=IRI`, the default) or by SPARQL 1.1
Update (`DROP SILENT GRAPH` + `INSERT DATA`). Either way a write replaces the whole graph,
so writing an article again changes nothing, as in the embedded store. It has the
methods `kgraph.workflow.build_articles` uses (`replace_graph`, `flush`, `len`), so a
build can go straight to it: `kgraph build --store sparql+http://HOST:PORT/PATH`.

URLs (`sparql+` in front of http/https marks a remote store in `--store`)::

    sparql+http://127.0.0.1:7878/store                  Oxigraph, Graph Store Protocol
    sparql+http://127.0.0.1:7878/update                 Oxigraph, SPARQL Update (path ends in "update")
    sparql+http://127.0.0.1:8890/sparql-graph-crud-auth Virtuoso, Graph Store Protocol, digest auth
    sparql+http://h/sparql?protocol=update&query=/sparql  any server: protocol and read endpoint given

Credentials come from $KGRAPH_SPARQL_USER and $KGRAPH_SPARQL_PASSWORD, else from the
netrc file ($NETRC or ~/.netrc) entry for the host; HTTP Basic and Digest both work. A
URL with a user or password in it is refused (it would end up in shell history and
logs), and no message or log line carries a password.
"""

from __future__ import annotations

import json
import netrc
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import StoreError

__all__ = ["RemoteStore", "PushReport", "is_remote_url", "push_store", "credentials_for"]

SCHEME_PREFIX = "sparql+"
ARTICLE_GRAPHS = "https://w3id.org/kgraph/id/article/"
_READ_ENDPOINTS = (  # a write endpoint's path suffix -> the usual query endpoint beside it
    ("/sparql-graph-crud-auth", "/sparql"),
    ("/sparql-graph-crud", "/sparql"),
    ("/sparql-auth", "/sparql"),
    ("/store", "/query"),
    ("/update", "/query"),
    ("/data", "/query"),
)
USER_ENV, PASSWORD_ENV = "KGRAPH_SPARQL_USER", "KGRAPH_SPARQL_PASSWORD"
CONTENT_HASH = "https://w3id.org/kgraph/ontology#contentHash"
#: Every article graph's content hash, in one query: the graph names are the only variable
#: and nothing of the user's is in the text.
_HASHES = (
    "SELECT ?g ?h WHERE { GRAPH ?g { ?g <" + CONTENT_HASH + f'> ?h }} FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }}'
)


def is_remote_url(value: object) -> bool:
    """True for a `--store` value naming a remote store (sparql+http://, sparql+https://)."""
    return isinstance(value, str) and value.lower().startswith((SCHEME_PREFIX + "http://", SCHEME_PREFIX + "https://"))


def credentials_for(url: str) -> tuple[str, str] | None:
    """(user, password) for `url`: the environment first, then the netrc entry for its host."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.exists(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise StoreError(
            f"cannot read the netrc file {path}: {type(exc).__name__} at line {getattr(exc, 'lineno', '?')}"
        ) from None
    if entry and entry[2] is not None:
        return entry[0] or "", entry[2]
    return None


def _strip(url: str) -> str:
    """`url` without the sparql+ marker; refuses user info in it."""
    if url.lower().startswith(SCHEME_PREFIX):
        url = url[len(SCHEME_PREFIX) :]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) SPARQL endpoint URL: {_display(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise StoreError(
            f"credentials in the endpoint URL are refused ({_display(url)}); "
            f"set ${USER_ENV} and ${PASSWORD_ENV} or use a netrc file"
        )
    return url


def _display(url: str) -> str:
    """`url` safe to print: any user info replaced."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _error_body(exc: urllib.error.HTTPError) -> str:
    """The start of an HTTP error's body on one line ('' when there is none or it cannot be read).

    An HTTPError raised by urllib itself (digest auth given up after a wrong password) has no
    body; before Python 3.11.4 its `read()` then returns `str`, not `bytes`.
    """
    try:
        raw = exc.read(300)
    except (OSError, ValueError):
        return ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())


@dataclass(frozen=True)
class PushReport:
    """`graphs` and `triples`: the graphs of the push and their triples, now all in the remote
    store; `skipped` of them were there already with the same content hash, and not sent."""

    graphs: int
    triples: int
    endpoint: str
    skipped: int = 0


class RemoteStore:
    """Named graphs in a remote SPARQL 1.1 store, written whole (see the module docstring).

    `endpoint` is the Graph Store Protocol endpoint (protocol "gsp") or the SPARQL Update
    endpoint (protocol "update"; the default when its path ends in "update").
    `query_endpoint` is used for reading back and counting; by default it is guessed from
    the write endpoint (…/store or …/update -> …/query, Virtuoso's …/sparql-graph-crud-auth
    -> …/sparql).
    """

    def __init__(
        self,
        endpoint: str,
        *,
        protocol: str | None = None,
        query_endpoint: str | None = None,
        timeout: float = 120.0,
        batch: int = 20000,
    ):
        self.endpoint = _strip(endpoint)
        parts = urllib.parse.urlsplit(self.endpoint)
        if protocol is None:
            protocol = "update" if parts.path.rstrip("/").endswith("update") else "gsp"
        if protocol not in ("gsp", "update"):
            raise StoreError(f"unknown protocol {protocol!r}; use 'gsp' (Graph Store HTTP Protocol) or 'update'")
        self.protocol = protocol
        self.query_endpoint = self._resolve(query_endpoint) if query_endpoint else self._guess_query_endpoint()
        self.timeout, self.batch = timeout, batch
        self.path = self.endpoint  # what `kgraph build` prints as the store's location
        self.read_only = False
        self._opener = self._make_opener()
        self._hashes: dict[str, str | None] | None = None

    @classmethod
    def from_url(cls, url: str, **kwargs) -> RemoteStore:
        """A store from a `--store` URL: sparql+http(s)://HOST[:PORT]/PATH[?protocol=gsp|update&query=URL]."""
        raw = _strip(url)
        parts = urllib.parse.urlsplit(raw)
        options = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        unknown = set(options) - {"protocol", "query"}
        if unknown:
            raise StoreError(
                f"unknown option(s) {', '.join(sorted(unknown))} in the store URL; "
                "use protocol=gsp|update and query=URL"
            )
        endpoint = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        protocol = options.get("protocol", [kwargs.pop("protocol", None)])[0]
        query = options.get("query", [kwargs.pop("query_endpoint", None)])[0]
        return cls(endpoint, protocol=protocol, query_endpoint=query, **kwargs)

    def _resolve(self, url: str) -> str:
        return _strip(urllib.parse.urljoin(self.endpoint, url))

    def _guess_query_endpoint(self) -> str | None:
        parts = urllib.parse.urlsplit(self.endpoint)
        path = parts.path.rstrip("/")
        for suffix, read in _READ_ENDPOINTS:
            if path.endswith(suffix):
                return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len(suffix)] + read, "", ""))
        if self.protocol == "update":  # many servers (Virtuoso's /sparql) take both at one URL
            return self.endpoint
        return None

    def _make_opener(self) -> urllib.request.OpenerDirector:
        creds = credentials_for(self.endpoint)
        handlers: list = []
        if creds is not None:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            parts = urllib.parse.urlsplit(self.endpoint)
            mgr.add_password(None, f"{parts.scheme}://{parts.netloc}/", creds[0], creds[1])
            handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
        return urllib.request.build_opener(*handlers)

    # -- HTTP -----------------------------------------------------------------------
    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> bytes:
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = _error_body(exc)
            hint = ""
            if exc.code in (401, 403):
                hint = f" (check ${USER_ENV}/${PASSWORD_ENV} or the netrc entry, and the account's write rights)"
            raise StoreError(
                f"{method} {_display(url)} failed: HTTP {exc.code} {exc.reason}{hint}"
                + (f": {detail}" if detail else "")
            ) from None
        except urllib.error.URLError as exc:
            raise StoreError(f"cannot reach the SPARQL store at {_display(url)}: {exc.reason}") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{method} {_display(url)} failed: {exc}") from None

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.endpoint else "?"
        return self.endpoint + sep + urllib.parse.urlencode({"graph": graph})

    def _select(self, sparql: str) -> list[dict]:
        if not self.query_endpoint:
            raise StoreError(
                f"no query endpoint known for {self.endpoint}; give one (query=URL in the store URL "
                "or --query-endpoint)"
            )
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        data = self._request(
            "POST",
            self.query_endpoint,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        try:
            return json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise StoreError(f"unreadable answer from {self.query_endpoint}: {data[:200]!r}") from exc

    # -- the store interface ------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable) -> int:
        """Make the remote `graph` hold exactly the triples of `quads` (or triples)."""
        triples = sorted({q.triple if isinstance(q, ox.Quad) else q for q in quads}, key=_hash_last)
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
            raise StoreError(f"graph {graph} has blank nodes; they cannot be written idempotently")
        g = ox.NamedNode(graph)
        if self.protocol == "gsp":
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            # N-Triples is Turtle; text/turtle is the one type every Graph Store implementation takes
            self._request("PUT", self._graph_url(graph), data, {"Content-Type": "text/turtle; charset=utf-8"})
        else:
            chunks = [triples[i : i + self.batch] for i in range(0, len(triples), self.batch)] or [[]]
            for i, chunk in enumerate(chunks):
                body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in chunk)
                update = (
                    f"DROP SILENT GRAPH {g} ;\n" if i == 0 else ""
                ) + f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
                self._request(
                    "POST",
                    self.endpoint,
                    update.encode("utf-8"),
                    {"Content-Type": "application/sparql-update; charset=utf-8"},
                )
        if self._hashes is not None:
            found = [t.object.value for t in triples if t.predicate.value == CONTENT_HASH and t.subject == g]
            self._hashes[graph] = found[0] if len(found) == 1 else None
        return len(triples)

    def content_hash(self, graph: str) -> str | None:
        """The kg:contentHash the remote `graph` was written with (None: none, or several),
        as `GraphStore.content_hash`, so that a build skips unchanged articles here too.

        The hashes of every article graph are read in one query the first time (a build
        asks once per article) and kept in step with this store's own writes; without a
        query endpoint (or read access to it) nothing is known and every article is written."""
        if self._hashes is None:
            if not self.query_endpoint:
                return None
            found: dict[str, list[str]] = {}
            try:
                rows = self._select(_HASHES)
            except StoreError:  # no read access: nothing is known, every graph is written
                rows = []
            for row in rows:
                found.setdefault(row["g"]["value"], []).append(row["h"]["value"])
            self._hashes = {g: hs[0] if len(hs) == 1 else None for g, hs in found.items()}
        return self._hashes.get(graph)

    def remove_graph(self, graph: str) -> None:
        if self._hashes is not None:
            self._hashes.pop(graph, None)
        if self.protocol == "gsp":
            try:
                self._request("DELETE", self._graph_url(graph))
            except StoreError as exc:
                if "HTTP 404" not in str(exc):
                    raise
        else:
            self._request(
                "POST",
                self.endpoint,
                f"DROP SILENT GRAPH {ox.NamedNode(graph)}".encode(),
                {"Content-Type": "application/sparql-update; charset=utf-8"},
            )

    def triples(self, graph: str) -> list[ox.Triple]:
        """The triples of a remote graph (Graph Store GET, or CONSTRUCT on the query endpoint)."""
        if self.protocol == "gsp":
            data = self._request("GET", self._graph_url(graph), headers={"Accept": "application/n-triples"})
        else:
            if not self.query_endpoint:
                raise StoreError(f"no query endpoint known for {self.endpoint} to read {graph} from")
            q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}"
            data = self._request(
                "POST",
                self.query_endpoint,
                urllib.parse.urlencode({"query": q}).encode("utf-8"),
                {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"},
            )
        try:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"unreadable N-Triples from {_display(self.endpoint)}: {exc}") from exc

    def graphs(self) -> list[str]:
        """The article graphs the remote store holds (needs the query endpoint)."""
        rows = self._select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }} ORDER BY ?g'
        )
        return [r["g"]["value"] for r in rows]

    def __len__(self) -> int:
        """Triples in the article graphs (the remote store's own graphs are not counted)."""
        rows = self._select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}")) }}'
        )
        return int(rows[0]["n"]["value"]) if rows else 0

    def flush(self) -> None:
        """Nothing to do: every write is sent at once."""

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r}, protocol={self.protocol!r})"


def push_store(store, remote: RemoteStore, graphs: Iterable[str] | None = None) -> PushReport:
    """Write every article graph of an embedded GraphStore (or just `graphs`) to `remote`."""
    names = list(graphs) if graphs is not None else [a["iri"] for a in store.articles()]
    total = skipped = 0
    for g in names:
        mine = store.content_hash(g)
        if mine is not None and remote.content_hash(g) == mine:
            total += store.triple_count(g)
            skipped += 1
            continue
        total += remote.replace_graph(g, store.quads(g))
    return PushReport(len(names), total, remote.endpoint, skipped)


def _hash_last(triple: ox.Triple) -> tuple[bool, str]:
    """Sort key: the content hash after every other triple, so that a write sent in several
    requests and stopped half-way leaves no matching hash (the graph is written again)."""
    return triple.predicate.value == CONTENT_HASH, str(triple)
