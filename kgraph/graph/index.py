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
has and the index lacks (a store written by some other path) and drops those gone.

Every query here is a constant SQL text with `?` parameters; user text is only ever a
parameter value (FTS5 match expressions are built from analysed words, `[a-z0-9]` only,
each quoted).
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from ..errors import StoreError

__all__ = ["TextIndex", "analyse", "name_key", "index_path", "SCHEMA_VERSION"]

SCHEMA_VERSION = "4"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_KG = "https://w3id.org/kgraph/ontology#"
_SDO = "https://schema.org/"
_PROV = "http://www.w3.org/ns/prov#"
_ORG = "http://www.w3.org/ns/org#"
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS graphs (gid INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, source TEXT, title TEXT,
    date TEXT, publisher TEXT, quads INTEGER);
CREATE TABLE IF NOT EXISTS names (gid INTEGER NOT NULL, entity TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL,
    last TEXT NOT NULL, is_label INTEGER NOT NULL, ekey TEXT);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_last ON names(last);
CREATE INDEX IF NOT EXISTS names_entity ON names(entity);
CREATE INDEX IF NOT EXISTS names_gid ON names(gid);
CREATE INDEX IF NOT EXISTS names_ekey ON names(ekey);
CREATE TABLE IF NOT EXISTS affil (gid INTEGER NOT NULL, entity TEXT NOT NULL, of TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS affil_of ON affil(of);
CREATE INDEX IF NOT EXISTS affil_entity ON affil(entity);
CREATE INDEX IF NOT EXISTS affil_gid ON affil(gid);
CREATE TABLE IF NOT EXISTS roles (gid INTEGER NOT NULL, person TEXT NOT NULL, title TEXT NOT NULL, org TEXT);
CREATE INDEX IF NOT EXISTS roles_person ON roles(person);
CREATE INDEX IF NOT EXISTS roles_gid ON roles(gid);
CREATE TABLE IF NOT EXISTS stmts (sid INTEGER PRIMARY KEY, gid INTEGER NOT NULL, iri TEXT UNIQUE NOT NULL,
    speaker TEXT, reporter TEXT, stance TEXT, cue TEXT, kind TEXT, speaker_text TEXT, begin INTEGER, "end" INTEGER,
    denies TEXT);
CREATE INDEX IF NOT EXISTS stmts_speaker ON stmts(speaker);
CREATE INDEX IF NOT EXISTS stmts_reporter ON stmts(reporter);
CREATE INDEX IF NOT EXISTS stmts_gid ON stmts(gid);
CREATE TABLE IF NOT EXISTS cospk (sid INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cospk_entity ON cospk(entity, sid);
CREATE TABLE IF NOT EXISTS about (sid INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS about_entity ON about(entity);
CREATE INDEX IF NOT EXISTS about_sid ON about(sid);
CREATE TABLE IF NOT EXISTS lemmas (word TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lemmas_lemma ON lemmas(lemma);
CREATE INDEX IF NOT EXISTS names_ekey_lower ON names(lower(ekey));
CREATE INDEX IF NOT EXISTS names_norm_entity ON names(norm, entity);
CREATE INDEX IF NOT EXISTS names_last_entity ON names(last, entity, norm);
CREATE INDEX IF NOT EXISTS names_entity_label ON names(entity, is_label, name);
CREATE INDEX IF NOT EXISTS affil_of_entity ON affil(of, entity);
CREATE INDEX IF NOT EXISTS about_entity_sid ON about(entity, sid);
CREATE VIRTUAL TABLE IF NOT EXISTS stmt_fts USING fts5(body, topics, speaker, tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS desc_fts USING fts5(gid UNINDEXED, entity UNINDEXED, names, roles, affil,
    tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS name_fts USING fts5(norm, tokenize='unicode61');
"""


def index_path(store_path: str | Path) -> Path:
    """Where the index of the store at `store_path` lives: beside it, `NAME.index.sqlite`."""
    p = Path(store_path)
    return p.with_name(p.name + ".index.sqlite")


# -- text analysis -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from its data module without importing spaCy
    (whose import costs seconds); an empty set when spaCy is not installed."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    scope: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), scope)  # a data module: one set literal
    words = {w.replace("\u2019", "'") for w in scope["STOP_WORDS"]}
    return frozenset(words | {"'s", "s"})


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_lemma_cache: dict[str, str] = {}


def _fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"'[sS]$")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def words(text: str) -> list[str]:
    """The words of `text`, accents removed, possessives cut ("Turkey's" -> "Turkey"), case kept."""
    return [_POSSESSIVE.sub("", w) if "'" in w else w for w in _WORD.findall(_fold(text))]


def _lemmatize(word: str, lookup=None) -> str:
    low = word.lower()
    hit = _lemma_cache.get(low)
    if hit is not None:
        return hit
    lemma = lookup(low) if lookup is not None else None
    if lemma is None:
        import simplemma  # loads its English dictionary on first use (about 0.4 s)

        lemma = simplemma.lemmatize(low, lang="en").lower()
        lemma = re.sub(r"[^a-z0-9]", "", _fold(lemma)) or low
        if lemma == low and low.endswith("ans") and len(low) > 5:  # plural demonyms: "Koreans" -> "korean"
            lemma = low[:-1]
    _lemma_cache[low] = lemma
    return lemma


def analyse(text: str, lookup=None, seen: dict | None = None) -> list[str]:
    """Index terms of a text: words lower-cased and lemmatised, stop words out; an
    all-capitals word of two or more letters ("US", "UN") is kept even when its lower
    case is a stop word. `lookup(word) -> lemma | None` can answer before the lemmatiser."""
    stops = stop_words()
    out = []
    for w in words(text):
        low = w.lower()
        flat = low if low.isalnum() and low.isascii() else _NON_ALNUM.sub("", low)
        if not flat:
            continue
        if w.isupper() and len(w) > 1 and flat.isalpha():  # an acronym: "US", "UN", "NATO"
            out.append(flat)
        elif low not in stops and flat not in stops:
            lemma = _lemmatize(flat, lookup)
            if seen is not None:
                seen[flat] = lemma
            out.append(lemma)
    return out


# -- names -------------------------------------------------------------------------------
_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii|y|i)$")
_LEADING = {"the", "a", "an"}


def _token(tok: str) -> str:
    tok = re.sub(r"'s$", "", tok)
    return _ENDING.sub("i", tok) if len(tok) > 3 else tok


def name_key(name: str) -> tuple[str, ...]:
    """A name's comparable form: ascii, lower case, words, transliteration endings folded.

    >>> name_key("Volodymyr Zelenskyy") == name_key("volodymyr zelenskiy")
    True
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    ws = [_token(w) for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)]
    while len(ws) > 1 and ws[0] in _LEADING:
        ws = ws[1:]
    return tuple(w for w in ws if w)


def fts_query(terms: Iterable[str], op: str = "OR", column: str | None = None) -> str:
    """An FTS5 match expression of analysed terms (each quoted; terms are [a-z0-9] only)."""
    safe = [t for t in dict.fromkeys(terms) if re.fullmatch(r"[a-z0-9]+", t)]
    if not safe:
        return ""
    body = f" {op} ".join(f'"{t}"' for t in safe)
    return f"{{{column}}} : ({body})" if column else body


# -- reading an article graph ------------------------------------------------------------
def _graph_records(quads: Iterable[Quad]) -> dict:
    """What the index keeps of one article graph, read from its quads."""
    subj: dict[str, dict[str, list]] = {}
    for q in quads:
        s = q.subject.value
        subj.setdefault(s, {}).setdefault(q.predicate.value, []).append(q.object)
    art = {"source": None, "title": None, "date": None, "publisher": None}
    ents, roles, stmts = {}, [], []
    for s, props in subj.items():
        if _KG + "sourcePath" in props:  # the article
            for key, p in (
                ("source", _KG + "sourcePath"),
                ("title", _SDO + "headline"),
                ("date", _SDO + "datePublished"),
                ("publisher", _KG + "publisherName"),
            ):
                if props.get(p):
                    art[key] = props[p][0].value
        if _KG + "entityKey" in props:
            ents[s] = {
                "labels": sorted(o.value for o in props.get(_RDFS_LABEL, ())),
                "aliases": sorted(o.value for o in props.get(_ALT, ())),
                "key": props[_KG + "entityKey"][0].value,
                "affil": sorted(o.value for o in props.get(_KG + "affiliatedWith", ())),
            }
        if _KG + "roleTitle" in props:  # a kg:RoleAssignment
            for m in props.get(_ORG + "member", ()):
                org = props.get(_ORG + "organization")
                for t in props.get(_KG + "roleTitle", ()):
                    roles.append((m.value, t.value, org[0].value if org else None))
        if _KG + "cue" in props and props.get(_SDO + "text"):  # a kg:Statement
            spans = []
            for sp in props.get(_KG + "evidence", ()):
                sp_props = subj.get(sp.value, {})
                b, e = sp_props.get(_NIF + "beginIndex"), sp_props.get(_NIF + "endIndex")
                if b and e:
                    spans.append((int(b[0].value), int(e[0].value)))
            first = min(spans) if spans else (None, None)
            one = lambda p: props[p][0].value if props.get(p) else None  # noqa: E731
            spk_all = sorted({o.value for o in props.get(_PROV + "wasAttributedTo", ())})
            main = one(_KG + "firstSpeaker") or (spk_all[0] if spk_all else None)
            stmts.append(
                {
                    "iri": s,
                    "text": props[_SDO + "text"][0].value,
                    "speaker": main,
                    "co_speakers": [x for x in spk_all if x != main],
                    "reporter": one(_KG + "reportedBy"),
                    "stance": one(_KG + "stance"),
                    "cue": one(_KG + "cue"),
                    "kind": one(_KG + "kind"),
                    "speaker_text": one(_KG + "speakerText"),
                    "about": sorted({o.value for o in props.get(_KG + "about", ())}),
                    "denies": one(_KG + "denies"),
                    "begin": first[0],
                    "end": first[1],
                }
            )
    return {"article": art, "entities": ents, "roles": roles, "statements": stmts}


# -- the index ---------------------------------------------------------------------------
class TextIndex:
    """The SQLite index of one store (see the module docstring)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else None
        try:
            self.db = sqlite3.connect(str(self.path) if self.path else ":memory:", timeout=30, check_same_thread=False)
            if self.path:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            version = None
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
                row = self.db.execute("SELECT v FROM meta WHERE k='version'").fetchone()
                version = row[0] if row else None
            if version not in (None, SCHEMA_VERSION):
                self._drop_all()
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            self.db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store index {self.path or ':memory:'}: {exc}") from exc

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
        row = self.db.execute("SELECT gid FROM graphs WHERE iri = ?", (graph,)).fetchone()
        if row is None:
            return
        gid = row[0]
        sids = [r[0] for r in self.db.execute("SELECT sid FROM stmts WHERE gid = ?", (gid,))]
        self.db.executemany("DELETE FROM stmt_fts WHERE rowid = ?", ((s,) for s in sids))
        self.db.execute("DELETE FROM about WHERE sid IN (SELECT sid FROM stmts WHERE gid = ?)", (gid,))
        self.db.execute("DELETE FROM cospk WHERE sid IN (SELECT sid FROM stmts WHERE gid = ?)", (gid,))
        self.db.execute("DELETE FROM name_fts WHERE rowid IN (SELECT rowid FROM names WHERE gid = ?)", (gid,))
        for table in ("stmts", "names", "affil", "roles", "desc_fts"):
            self.db.execute(f"DELETE FROM {table} WHERE gid = ?", (gid,))  # constant table names
        self.db.execute("DELETE FROM graphs WHERE gid = ?", (gid,))
        if commit:
            self.db.commit()

    def index_graph(self, graph: str, quads: Iterable[Quad], *, commit: bool = True) -> None:
        """Make the index hold what `quads` (the whole of article graph `graph`) say."""
        quads = list(quads)
        self._count = None
        try:
            self.remove_graph(graph, commit=False)
            rec = _graph_records(quads)
            art = rec["article"]
            cur = self.db.execute(
                "INSERT INTO graphs (iri, source, title, date, publisher, quads) VALUES (?, ?, ?, ?, ?, ?)",
                (graph, art["source"], art["title"], art["date"], art["publisher"], len(quads)),
            )
            gid = cur.lastrowid
            seen: dict[str, str] = {}
            ents = rec["entities"]
            names_of = {e: [*d["labels"], *d["aliases"]] for e, d in ents.items()}
            for e, d in ents.items():
                for name in dict.fromkeys(names_of[e]):
                    key = name_key(name)
                    if not key:
                        continue
                    norm = " ".join(key)
                    c = self.db.execute(
                        "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (gid, e, name, norm, key[-1], int(name in d["labels"]), d["key"]),
                    )
                    self.db.execute("INSERT INTO name_fts (rowid, norm) VALUES (?, ?)", (c.lastrowid, norm))
                for of in d["affil"]:
                    self.db.execute("INSERT INTO affil VALUES (?, ?, ?)", (gid, e, of))
            role_text: dict[str, list[str]] = {}
            for person, title, org in rec["roles"]:
                self.db.execute("INSERT INTO roles VALUES (?, ?, ?, ?)", (gid, person, title, org))
                org_affil = [n for of in ents.get(org or "", {}).get("affil", ()) for n in names_of.get(of, ())]
                role_text.setdefault(person, []).extend([title, *names_of.get(org or "", ()), *org_affil])
            for e, d in ents.items():
                affil_names = [n for of in d["affil"] for n in names_of.get(of, ())]
                for of in d["affil"]:  # one level further: a ministry of a country's government
                    affil_names += [n for of2 in ents.get(of, {}).get("affil", ()) for n in names_of.get(of2, ())]
                self.db.execute(
                    "INSERT INTO desc_fts (gid, entity, names, roles, affil) VALUES (?, ?, ?, ?, ?)",
                    (
                        gid,
                        e,
                        self._terms(" ; ".join(names_of[e]), seen),
                        self._terms(" ; ".join(role_text.get(e, ())), seen),
                        self._terms(" ; ".join(affil_names), seen),
                    ),
                )
            for st in rec["statements"]:
                c = self.db.execute(
                    'INSERT INTO stmts (gid, iri, speaker, reporter, stance, cue, kind, speaker_text, begin, "end", '
                    "denies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        gid,
                        st["iri"],
                        st["speaker"],
                        st["reporter"],
                        st["stance"],
                        st["cue"],
                        st["kind"],
                        st["speaker_text"],
                        st["begin"],
                        st["end"],
                        st["denies"],
                    ),
                )
                sid = c.lastrowid
                self.db.executemany("INSERT INTO about VALUES (?, ?)", ((sid, a) for a in st["about"]))
                self.db.executemany("INSERT INTO cospk VALUES (?, ?)", ((sid, a) for a in st["co_speakers"]))
                topics = [n for a in st["about"] for n in names_of.get(a, ())]
                spk = [
                    st["speaker_text"] or "",
                    *names_of.get(st["speaker"] or "", ()),
                    *role_text.get(st["speaker"] or "", ()),
                ]
                self.db.execute(
                    "INSERT INTO stmt_fts (rowid, body, topics, speaker) VALUES (?, ?, ?, ?)",
                    (
                        sid,
                        self._terms(st["text"], seen),
                        self._terms(" ; ".join(topics), seen),
                        self._terms(" ; ".join(spk), seen),
                    ),
                )
            self.db.executemany("INSERT OR IGNORE INTO lemmas VALUES (?, ?)", seen.items())
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

    def statement_count(self) -> int:
        if getattr(self, "_count", None) is None:
            self._count = self.rows("SELECT COUNT(*) FROM stmts")[0][0]
        return self._count


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
