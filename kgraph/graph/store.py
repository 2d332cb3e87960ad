"""The persistent embedded store: Oxigraph (pyoxigraph) on disk, one named graph per article.

Chosen over rdflib's memory store and oxrdflib after the figures in issue 2 (1M triples:
4 s to add in pyoxigraph, 16 s via oxrdflib, 24 s in rdflib); bench/bench_store.py
measures it again. Queries are parameterised with SPARQL substitutions, never by pasting
user text into a query string.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, Store, Variable

from ..errors import NotFoundError, QueryError, StoreError
from .terms import KG, PREFIXES

__all__ = ["GraphStore", "default_store_path", "check_store_dir"]

_CONTENT_HASH = NamedNode(str(KG.contentHash))
_SOURCE_PATH = NamedNode(str(KG.sourcePath))


def default_store_path() -> Path:
    """$KGRAPH_STORE, else `.kgraph/store` under the current directory."""
    return Path(os.environ.get("KGRAPH_STORE") or Path(".kgraph") / "store")


_STORE_FILES = ("CURRENT", "IDENTITY", "MANIFEST-", "OPTIONS-")


def check_store_dir(path: Path) -> None:
    """Refuse a folder that holds files but is not a store: RocksDB would fill a folder of
    the user's own files with its own, and a store whose files were taken out is corrupt."""
    try:
        names = [e.name for e in os.scandir(path)]
    except FileNotFoundError:
        return
    except NotADirectoryError as exc:
        raise StoreError(f"--store {path} is a file, not a store folder") from exc
    except OSError as exc:
        raise StoreError(f"cannot read store folder {path}: {exc.strerror or exc}") from exc
    if not names:
        return
    if any(n.startswith(_STORE_FILES) for n in names):
        if "CURRENT" not in names:
            raise StoreError(f"store {path} is damaged: its CURRENT file is missing (rebuild it into a new folder)")
        return
    shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
    raise StoreError(
        f"{path} is not a kgraph store but a folder of other files ({shown}); give --store an empty or new folder"
    )


class GraphStore:
    """A pyoxigraph Store with kgraph's article-level operations.

    `GraphStore()` is in memory; `GraphStore(path)` opens (or creates) an on-disk store;
    `read_only=True` opens an existing one for reading while a writer may hold it.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, create: bool = True):
        self.path = Path(path) if path else None
        if self.path is not None:
            check_store_dir(self.path)
        try:
            if self.path is None:
                self.store = Store()
            elif read_only or not create:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (run `kgraph build` first or pass --store)")
                self.store = Store.read_only(str(self.path)) if read_only else Store(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {str(exc).splitlines()[0]}") from exc
        except RuntimeError as exc:  # RocksDB's Corruption: a truncated .sst, a garbage MANIFEST, ...
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(
                f"store {self.path} is damaged and cannot be opened ({reason}); rebuild it into a new folder"
            ) from exc
        self.read_only = read_only
        self._index = None

    # -- the name and text index (kgraph/graph/index.py) ---------------------------
    @property
    def index(self):
        """The store's name and text index, opened (or made) on first use and brought in
        step with the article graphs: graphs added or removed by any path are indexed or
        dropped; `replace_graph` and `remove_article` keep it current as they write."""
        if self._index is None:
            from .index import TextIndex, graph_names, index_path, indexed_quads

            idx = None
            if self.path is not None:
                try:
                    idx = TextIndex(index_path(self.path))
                except StoreError:  # e.g. a read-only folder: an index in memory, rebuilt per process
                    idx = None
            quads_of = lambda g: indexed_quads(self.store, g)  # noqa: E731
            if idx is not None:
                try:
                    idx.sync(graph_names(self.store), quads_of)
                except StoreError:  # an index file that cannot be written: one in memory instead
                    idx.close()
                    idx = None
            if idx is None:
                idx = TextIndex()
                idx.sync(graph_names(self.store), quads_of)
            self._index = idx
        return self._index

    def _index_if_open(self):
        """The index when one exists (file on disk or opened here), so writes keep it in step;
        None when no question has been asked yet (it is then built on first use)."""
        if self._index is None and self.path is not None:
            from .index import index_path

            if index_path(self.path).exists():
                return self.index
        return self._index

    # -- articles ---------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> int:
        """Make `graph` hold exactly `quads` (re-building an article changes nothing)."""
        g = NamedNode(graph)
        quads = list(quads)
        try:
            existing = set(self.store.quads_for_pattern(None, None, None, g))
            new = set(quads)
            if existing == new:
                return len(new)
            # Add first, then delete what is gone, each an atomic step: a crash in between
            # leaves old and new triples together, never a half-written or missing graph.
            self.store.extend([q for q in quads if q not in existing])
            stale = existing - new
            if stale:
                body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in sorted(stale, key=str))
                self.store.update(f"DELETE DATA {{ GRAPH {g} {{ {body} }} }}")
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph}: {exc}") from exc
        if (idx := self._index_if_open()) is not None:
            idx.index_graph(graph, quads)
        return len(quads)

    def content_hash(self, graph: str) -> str | None:
        """The kg:contentHash `graph` was built with; None when it has none, or more than one
        (left by a write that did not finish), so the article is built again."""
        g = NamedNode(graph)
        found = [q.object.value for q in self.store.quads_for_pattern(g, _CONTENT_HASH, None, g)]
        return found[0] if len(found) == 1 else None

    def write_article(self, graph: str, quads: Iterable[Quad], hash_quad: Quad) -> int:
        """Replace `graph` by `quads`, then add its content hash (`hash_quad`) as the last
        step: a build stopped in between leaves no matching hash, so the next one builds
        the article again instead of skipping a half-written graph."""
        n = self.replace_graph(graph, [q for q in quads if q.predicate != _CONTENT_HASH])
        try:
            self.store.add(hash_quad)
        except OSError as exc:
            raise StoreError(f"cannot write graph {graph}: {exc}") from exc
        return n + 1

    def drop_older_copies(self, graph: str, source: str) -> list[str]:
        """Remove the graphs of `source` that an older kgraph built under another IRI (one
        derived from the text, without a content hash); returns their IRIs."""
        keep = NamedNode(graph)
        dropped = []
        for q in list(self.store.quads_for_pattern(None, _SOURCE_PATH, Literal(source), None)):
            g = q.graph_name
            if g == keep or q.subject != g or next(self.store.quads_for_pattern(g, _CONTENT_HASH, None, g), None):
                continue
            self.store.remove_graph(g)
            dropped.append(g.value)
        return dropped

    def articles(self) -> list[dict]:
        """The articles in the store: graph IRI, source, title, published, triple count."""
        q = """SELECT ?a ?src ?title ?date (COUNT(*) AS ?n) WHERE {
                 GRAPH ?a { ?a a kg:Article ; kg:sourcePath ?src .
                            OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:datePublished ?date }
                            ?s ?p ?o } }
               GROUP BY ?a ?src ?title ?date ORDER BY ?src ?a"""
        out = []
        for row in self.select(q):
            out.append(
                {
                    "iri": row["a"],
                    "source": row["src"],
                    "title": row.get("title"),
                    "published": row.get("date"),
                    "triples": int(row["n"]),
                }
            )
        return out

    def find_articles(self, ident: str) -> list[str]:
        """Graph IRIs of the articles an identifier names: IRI, article id, or source path."""
        found = []
        for a in self.articles():
            iri = a["iri"]
            if ident in (iri, iri.rsplit("/", 1)[-1], a["source"]) or (
                os.path.exists(ident) and os.path.abspath(ident) == os.path.abspath(a["source"])
            ):
                found.append(iri)
        return found

    def remove_article(self, ident: str) -> list[str]:
        """Drop the named graph(s) of an article; raises NotFoundError when none matches."""
        graphs = self.find_articles(ident)
        if not graphs:
            raise NotFoundError(f"no article {ident!r} in the store (see `kgraph articles`)")
        for g in graphs:
            self.store.remove_graph(NamedNode(g))
        if (idx := self._index_if_open()) is not None:
            for g in graphs:
                idx.remove_graph(g)
        return graphs

    def __len__(self) -> int:
        return len(self.store)

    def quads(self, graph: str | None = None) -> list[Quad]:
        g = NamedNode(graph) if graph else None
        try:
            return list(self.store.quads_for_pattern(None, None, None, g))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read store {self.path}: {' '.join(str(exc).split())}") from exc

    def properties(self, subject: str, graph: str) -> dict[str, list[str]]:
        """{predicate IRI: [object values]} of `subject` in the named graph `graph`, read by
        pattern (no SPARQL): IRIs and literals as their lexical values, in store order."""
        out: dict[str, list[str]] = {}
        try:
            for q in self.store.quads_for_pattern(NamedNode(subject), None, None, NamedNode(graph)):
                out.setdefault(q.predicate.value, []).append(q.object.value)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read store {self.path}: {' '.join(str(exc).split())}") from exc
        return out

    def triple_count(self, graph: str) -> int:
        """How many triples the named graph `graph` holds."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, NamedNode(graph)))

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self.store.flush()

    # -- queries ----------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *, union: bool = True):
        """Run a SPARQL query with our prefixes; `bindings` are substituted as RDF terms."""
        subs = {Variable(k): _term(v) for k, v in (bindings or {}).items()}
        try:
            return self.store.query(
                sparql, prefixes=PREFIXES, substitutions=subs or None, use_default_graph_as_union=union
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc
        except RuntimeError as exc:
            if "Corruption" in str(exc):
                raise StoreError(f"store {self.path} is damaged: {' '.join(str(exc).split())}") from exc
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Mapping[str, object] | None = None, *, union: bool = True) -> list[dict]:
        """SELECT rows as dicts of plain Python values (IRIs and literals as strings)."""
        res = self.query(sparql, bindings, union=union)
        if not isinstance(res, QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in res.variables]
        rows = []
        try:
            for sol in res:
                row = {}
                for n in names:
                    t = sol[n]
                    if t is not None:
                        row[n] = t.value
                rows.append(row)
        except (OSError, RuntimeError) as exc:  # a damaged block met while reading
            raise StoreError(f"cannot read store {self.path}: {' '.join(str(exc).split())}") from exc
        return rows

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        res = self.query(sparql, bindings)
        if not isinstance(res, QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(res)


def _term(v: object):
    if isinstance(v, (NamedNode, Literal)):
        return v
    if isinstance(v, str) and v.startswith(("http://", "https://", "urn:")):
        return NamedNode(v)
    return Literal(str(v))
