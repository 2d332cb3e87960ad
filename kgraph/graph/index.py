"""The name and text index kept beside the store: which entities a name means, which
statements a text or topic matches, without scanning the store.

An SQLite file (`STORE.index.sqlite` beside an on-disk store; in memory for an in-memory
store) holds, for every article graph: its metadata, the names of the entities it
describes (labels and aliases, in `name_key` form), their affiliations and role titles,
and its statements (speaker, relaying outlet, stance, cue, topics, first span). Text is
ranked with SQLite's FTS5 full-text index and its BM25 function over *analysed* text:
lower case, lemmatised (`simplemma`), spaCy's English stop words out. Rows are keyed by
article graph, so keeping the index in step is per graph: `GraphStore.replace_graph` and
`remove_article` call `index_graph`/`remove_graph`, and `sync` adds any graph the store
has and the index lacks (a store written by some other path) and drops those gone. The
who-said-what answer rows of each entity are kept too (`said`, kgraph/graph/said.py).
An index of an older schema is upgraded in place where a step is known (`_UPGRADES`),
else emptied and indexed again from the store by `sync`.

Every query here is a constant SQL text with `?` parameters; user text is only ever a
parameter value (FTS5 match expressions are built from analysed words, `[a-z0-9]` only,
each quoted).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from ..errors import StoreError
from .index_schema import SCHEMA as _SCHEMA
from .index_schema import SCHEMA_VERSION
from .index_schema import UPGRADES as _UPGRADES
from .records import ALT, KG, NIF, ORG, PROV, RDFS_LABEL, SDO, graph_records
from .said import delete_said, write_said
from .text import analyse, fts_query, name_key, stop_words, words

__all__ = ["TextIndex", "analyse", "fts_query", "name_key", "index_path", "stop_words", "words", "SCHEMA_VERSION"]

#: SQLite's page cache for the index, in KiB (a bound: pages are cached as they are read)
CACHE_KIB = 64 * 1024
#: how much of an on-disk index is read through a memory map (SQLite's own bound, 2 GiB):
#: a page not yet in the cache is then read from the OS's file cache without a read call
#: and a copy (the first answers of a process, 10k articles: p90 64 -> 55 ms CPU, shared machine)
MMAP_BYTES = 0x7FFF0000

_RDFS_LABEL, _ALT, _KG, _SDO, _PROV, _ORG, _NIF = RDFS_LABEL, ALT, KG, SDO, PROV, ORG, NIF


def index_path(store_path: str | Path) -> Path:
    """Where the index of the store at `store_path` lives: beside it, `NAME.index.sqlite`."""
    p = Path(store_path)
    return p.with_name(p.name + ".index.sqlite")


# -- the index ---------------------------------------------------------------------------
class TextIndex:
    """The SQLite index of one store (see the module docstring)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else None
        self._writes = 0  # graphs indexed or removed through this connection
        try:
            self.db = sqlite3.connect(str(self.path) if self.path else ":memory:", timeout=30, check_same_thread=False)
            if self.path:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # pages kept in memory: an entity's who-said-what rows are read again and again
            # (SQLite's default, 2 MB, holds a few thousand rows of a large store's index)
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            if self.path:
                self.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            version = self._version()
            if version in _UPGRADES:
                version = self._upgrade()
            if version not in (None, SCHEMA_VERSION):  # older than any upgrade step: indexed again by sync
                self._drop_all()
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            self.db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store index {self.path or ':memory:'}: {exc}") from exc

    def _version(self) -> str | None:
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
            return None
        row = self.db.execute("SELECT v FROM meta WHERE k='version'").fetchone()
        return row[0] if row else None

    def _upgrade(self) -> str | None:
        """Bring an index of an older schema up to date in place (one process at a time:
        the others wait, then find it done); returns the version it is then at."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            version = self._version()
            while version in _UPGRADES:
                version, step = _UPGRADES[version]
                step(self.db)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return version

    def _drop_all(self) -> None:
        names = [
            r[0]
            for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table') "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%'"
            )
        ]
        for n in names:
            self.db.execute(f'DROP TABLE IF EXISTS "{n}"')  # names from sqlite_master, not user text
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # -- maintenance ---------------------------------------------------------------
    def graphs(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT iri FROM graphs")}

    def _lookup_lemma(self, word: str) -> str | None:
        row = self.db.execute("SELECT lemma FROM lemmas WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def _terms(self, text: str, seen: dict[str, str]) -> str:
        return " ".join(analyse(text, self._lookup_lemma, seen)) if text else ""

    def remove_graph(self, graph: str, *, commit: bool = True) -> None:
        self._count = None
        self._writes += 1
        row = self.db.execute("SELECT gid FROM graphs WHERE iri = ?", (graph,)).fetchone()
        if row is None:
            return
        gid = row[0]
        sids = [r[0] for r in self.db.execute("SELECT sid FROM stmts WHERE gid = ?", (gid,))]
        delete_said(self.db, gid, graph)
        self.db.executemany("DELETE FROM stmt_fts WHERE rowid = ?", ((s,) for s in sids))
        self.db.execute("DELETE FROM about WHERE sid IN (SELECT sid FROM stmts WHERE gid = ?)", (gid,))
        self.db.execute("DELETE FROM cospk WHERE sid IN (SELECT sid FROM stmts WHERE gid = ?)", (gid,))
        self.db.execute("DELETE FROM name_fts WHERE rowid IN (SELECT rowid FROM names WHERE gid = ?)", (gid,))
        for table in ("stmts", "names", "affil", "roles", "labels", "desc_fts"):
            self.db.execute(f"DELETE FROM {table} WHERE gid = ?", (gid,))  # constant table names
        self.db.execute("DELETE FROM graphs WHERE gid = ?", (gid,))
        if commit:
            self.db.commit()

    def index_graph(self, graph: str, quads: Iterable[Quad], *, commit: bool = True) -> None:
        """Make the index hold what `quads` (the whole of article graph `graph`) say."""
        quads = list(quads)
        self._count = None
        self._writes += 1
        try:
            self.remove_graph(graph, commit=False)
            rec = graph_records(quads)
            art = rec["article"]
            cur = self.db.execute(
                "INSERT INTO graphs (iri, source, title, date, publisher, quads) VALUES (?, ?, ?, ?, ?, ?)",
                (graph, art["source"], art["title"], art["date"], art["publisher"], len(quads)),
            )
            _GraphWriter(self, cur.lastrowid, rec).write()
            if commit:
                self.db.commit()
        except sqlite3.Error as exc:
            self.db.rollback()
            raise StoreError(f"cannot update the store index for {graph}: {exc}") from exc

    def sync(self, graph_names: Iterable[str], quads_of) -> int:
        """Index the graphs in `graph_names` the index lacks (`quads_of(graph)` gives their
        quads) and drop those no longer there; returns how many changed."""
        present = set(graph_names)
        if present == self.graphs():
            return 0
        changed = 0
        try:
            self.db.execute("BEGIN IMMEDIATE")  # one process syncs at a time; the others then see its work
            have = self.graphs()
            for g in sorted(have - present):
                self.remove_graph(g, commit=False)
                changed += 1
            for g in sorted(present - have):
                self.index_graph(g, quads_of(g), commit=False)
                changed += 1
            self.db.commit()
        except sqlite3.Error as exc:
            self.db.rollback()
            raise StoreError(f"cannot bring the store index {self.path or ':memory:'} up to date: {exc}") from exc
        return changed

    # -- lookups -------------------------------------------------------------------
    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a constant SQL text with `?` parameters (for kgraph.query)."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"store index query failed: {exc}") from exc

    def rows_in(self, sql: str, values: list) -> list[tuple]:
        """Rows of a SQL text whose `{0}` is the `?` list of an IN over `values`, asked 500
        values at a time (SQLite allows a few thousand parameters)."""
        out: list[tuple] = []
        for i in range(0, len(values), 500):
            part = tuple(values[i : i + 500])
            out += self.rows(sql.format(", ".join("?" * len(part))), part)
        return out

    def lemma_lookup(self, word: str) -> str | None:
        return self._lookup_lemma(word)

    def _query_lemma(self, word: str) -> str:
        """The lemma of a question's word without loading the lemmatiser: the one recorded
        for it at indexing, else an inflection undone ("exchanging" -> "exchange") that is
        a lemma of the corpus, else the word (it then matches nothing indexed anyway)."""
        known = self._lookup_lemma(word)
        if known is not None:
            return known
        cands = []
        for suf, repl in (
            ("ies", "y"),
            ("ied", "y"),
            ("ing", ""),
            ("ing", "e"),
            ("ed", ""),
            ("ed", "e"),
            ("es", ""),
            ("s", ""),
            ("'s", ""),
            ("ers", "er"),
        ):
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                stem = word[: -len(suf)]
                cands += [stem + repl, stem[:-1]] if len(stem) > 3 and stem[-1] == stem[-2] else [stem + repl]
        for c in cands:
            if self.db.execute("SELECT 1 FROM lemmas WHERE lemma = ? LIMIT 1", (c,)).fetchone():
                return c
        return word

    def terms(self, text: str) -> list[str]:
        """`analyse(text)` for a question: lemmas looked up in the index (see `_query_lemma`)."""
        return analyse(text, self._query_lemma)

    def doc_freq(self, column: str, terms: Iterable[str]) -> dict[str, int]:
        """How many statements hold each term in a column of stmt_fts ("body", "topics", "speaker")."""
        out = {}
        col = {"body": "body", "topics": "topics", "speaker": "speaker"}[column]
        for t in dict.fromkeys(terms):
            q = fts_query([t], column=col)
            out[t] = self.rows("SELECT COUNT(*) FROM stmt_fts WHERE stmt_fts MATCH ?", (q,))[0][0] if q else 0
        return out

    def stamp(self) -> tuple[int, int]:
        """A value that changes whenever the index may have: this connection's writes and
        (SQLite's data_version) other connections' commits. What is kept from the index
        between answers is kept under it."""
        return self._writes, self.rows("PRAGMA data_version")[0][0]

    def statement_count(self) -> int:
        """How many statements the index holds (counted again once it may have changed)."""
        stamp = self.stamp()
        if getattr(self, "_count", None) is None or getattr(self, "_count_stamp", None) != stamp:
            self._count, self._count_stamp = self.rows("SELECT COUNT(*) FROM stmts")[0][0], stamp
        return self._count


class _GraphWriter:
    """Writes the rows of one article graph's records (`graph_records`) into the index."""

    def __init__(self, index: TextIndex, gid: int, rec: dict):
        self.index, self.db, self.gid, self.rec = index, index.db, gid, rec
        self.ents = rec["entities"]
        self.names_of = {e: [*d["labels"], *d["aliases"]] for e, d in self.ents.items()}
        self.role_text: dict[str, list[str]] = {}
        self.seen: dict[str, str] = {}  # word -> lemma met here, kept for question lookups

    def terms(self, parts: Iterable[str]) -> str:
        return self.index._terms(" ; ".join(parts), self.seen)

    def write(self) -> None:
        self.names()
        self.roles()
        self.descriptions()
        self.db.executemany("INSERT INTO labels VALUES (?, ?, ?)", ((self.gid, e, n) for e, n in self.rec["labels"]))
        for st in self.rec["statements"]:
            self.statement(st)
        self.db.executemany("INSERT OR IGNORE INTO lemmas VALUES (?, ?)", self.seen.items())
        write_said(self.db, [self.gid])

    def names(self) -> None:
        for e, d in self.ents.items():
            for name in dict.fromkeys(self.names_of[e]):
                key = name_key(name)
                if not key:
                    continue
                norm = " ".join(key)
                c = self.db.execute(
                    "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self.gid, e, name, norm, key[-1], int(name in d["labels"]), d["key"]),
                )
                self.db.execute("INSERT INTO name_fts (rowid, norm) VALUES (?, ?)", (c.lastrowid, norm))
            self.db.executemany("INSERT INTO affil VALUES (?, ?, ?)", ((self.gid, e, of) for of in d["affil"]))

    def roles(self) -> None:
        for person, title, org in self.rec["roles"]:
            self.db.execute("INSERT INTO roles VALUES (?, ?, ?, ?)", (self.gid, person, title, org))
            org_affil = [n for of in self.ents.get(org or "", {}).get("affil", ()) for n in self.names_of.get(of, ())]
            self.role_text.setdefault(person, []).extend([title, *self.names_of.get(org or "", ()), *org_affil])

    def descriptions(self) -> None:
        for e, d in self.ents.items():
            affil_names = [n for of in d["affil"] for n in self.names_of.get(of, ())]
            for of in d["affil"]:  # one level further: a ministry of a country's government
                affil_names += [n for of2 in self.ents.get(of, {}).get("affil", ()) for n in self.names_of.get(of2, ())]
            self.db.execute(
                "INSERT INTO desc_fts (gid, entity, names, roles, affil) VALUES (?, ?, ?, ?, ?)",
                (
                    self.gid,
                    e,
                    self.terms(self.names_of[e]),
                    self.terms(self.role_text.get(e, ())),
                    self.terms(affil_names),
                ),
            )

    def statement(self, st: dict) -> None:
        c = self.db.execute(
            'INSERT INTO stmts (gid, iri, speaker, reporter, stance, cue, kind, speaker_text, begin, "end", '
            "denies, text, min_end, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.gid, *(st[k] for k in _STMT_COLUMNS)),
        )
        sid = c.lastrowid
        self.db.executemany("INSERT INTO about VALUES (?, ?)", ((sid, a) for a in st["about"]))
        self.db.executemany("INSERT INTO cospk VALUES (?, ?)", ((sid, a) for a in st["co_speakers"]))
        speaker = st["speaker"] or ""
        topics = [n for a in st["about"] for n in self.names_of.get(a, ())]
        spk = [st["speaker_text"] or "", *self.names_of.get(speaker, ()), *self.role_text.get(speaker, ())]
        self.db.execute(
            "INSERT INTO stmt_fts (rowid, body, topics, speaker) VALUES (?, ?, ?, ?)",
            (sid, self.terms([st["text"]]), self.terms(topics), self.terms(spk)),
        )


_STMT_COLUMNS = (
    "iri",
    "speaker",
    "reporter",
    "stance",
    "cue",
    "kind",
    "speaker_text",
    "begin",
    "end",
    "denies",
    "text",
    "min_end",
    "spans",
)


_INDEXED = tuple(
    NamedNode(p)
    for p in (
        _KG + "sourcePath",
        _SDO + "headline",
        _SDO + "datePublished",
        _KG + "publisherName",
        _KG + "entityKey",
        _RDFS_LABEL,
        _ALT,
        _KG + "affiliatedWith",
        _ORG + "member",
        _ORG + "organization",
        _KG + "roleTitle",
        _SDO + "text",
        _PROV + "wasAttributedTo",
        _KG + "reportedBy",
        _KG + "stance",
        _KG + "cue",
        _KG + "kind",
        _KG + "speakerText",
        _KG + "about",
        _KG + "denies",
        _KG + "evidence",
        _KG + "firstSpeaker",
    )
)
_SPAN = (NamedNode(_NIF + "beginIndex"), NamedNode(_NIF + "endIndex"))


def indexed_quads(store, graph: str) -> list[Quad]:
    """The quads of one article graph the index reads (not mentions, spans' text, ...):
    read by predicate from a pyoxigraph Store, for indexing graphs already stored."""
    g = NamedNode(graph)
    out: list[Quad] = []
    for p in _INDEXED:
        out.extend(store.quads_for_pattern(None, p, None, g))
    evidence = {q.object for q in out if q.predicate.value == _KG + "evidence"}
    for sp in evidence:
        for p in _SPAN:
            out.extend(store.quads_for_pattern(sp, p, None, g))
    return out


def graph_names(store) -> Iterator[str]:
    """The named graphs of a pyoxigraph Store, as IRI strings."""
    for g in store.named_graphs():
        if isinstance(g, NamedNode):
            yield g.value
