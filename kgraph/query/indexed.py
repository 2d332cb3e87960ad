"""Named queries answered from the store's index (kgraph/graph/index.py) instead of by
SPARQL evaluation, for the questions asked most on large stores.

An index plan gives the same rows as its named query (same variables, same RDF terms,
same order) read from SQLite tables keyed by entity and statement. It is registered for
the exact text of the query it answers (its SHA-256): a query file edited since, or a
query of the same name in another folder, runs as SPARQL. tests/query check each plan
against the SPARQL engine on a built store.

Why: pyoxigraph evaluates the union default graph as a bag, so the who-said-what query
of a heavily mentioned entity costs seconds on a 1M-triple store (every statement's
OPTIONALs looked up across all graphs); the index answers the same in milliseconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from .sparql import Results, RowLimitError, _term_bytes

__all__ = ["index_plan", "plan_for"]

_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_PLANS: dict[str, Callable] = {}


def index_plan(sha256: str):
    """Register `fn(index, terms, entities) -> Results` for the query text with this SHA-256."""

    def register(fn: Callable) -> Callable:
        _PLANS[sha256] = fn
        return fn

    return register


def plan_for(sparql: str) -> Callable | None:
    """The index plan registered for exactly this query text, if any."""
    return _PLANS.get(hashlib.sha256(sparql.encode("utf-8")).hexdigest())


def exact_names(index, name: str, candidates: list[str]) -> list[str]:
    """The candidates with a label, alias or entity key equal to `name` ignoring case, as
    the query's own `LCASE(STR(?name)) = LCASE(STR(?about))` test decides."""
    want = name.lower()
    out = []
    for e in candidates:
        rows = index.rows("SELECT DISTINCT name, ekey FROM names WHERE entity = ?", (e,))
        if any(n.lower() == want or (k or "").lower() == want for n, k in rows):
            out.append(e)
    return out


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_XSD_INTEGER)


class _Terms:
    """RDF terms made once per distinct value (kinds, stances, cues, labels repeat)."""

    def __init__(self):
        self.nodes: dict[str, ox.NamedNode] = {}
        self.literals: dict[str, ox.Literal] = {}
        self.integers: dict[int, ox.Literal] = {}

    def node(self, v: str | None):
        if v is None:
            return None
        t = self.nodes.get(v)
        if t is None:
            t = self.nodes[v] = ox.NamedNode(v)
        return t

    def integer(self, v: int | None):
        if v is None:
            return None
        t = self.integers.get(v)
        if t is None:
            t = self.integers[v] = _integer(v)
        return t

    def literal(self, v: str | None):
        if v is None:
            return None
        t = self.literals.get(v)
        if t is None:
            t = self.literals[v] = ox.Literal(v)
        return t


_WHO_SAID_WHAT_VARS = (
    "about",
    "speaker",
    "cue",
    "kind",
    "stance",
    "text",
    "outlet",
    "article",
    "begin",
    "end",
    "occurrences",
    "statement",
    "speakerEntity",
)


#: each statement about the entities, with its speaker's and outlet's labels in its article
#: graph (a row per label when a graph gives one entity two)
_STATEMENTS = (
    "SELECT s.sid, s.iri, s.text, s.cue, s.kind, s.stance, g.iri, s.begin, s.min_end, s.spans, s.speaker_text, "
    "s.speaker, ls.label, lo.label FROM stmts s JOIN graphs g ON g.gid = s.gid "
    "LEFT JOIN labels ls ON ls.gid = s.gid AND ls.entity = s.speaker "
    "LEFT JOIN labels lo ON lo.gid = s.gid AND lo.entity = s.reporter "
    "WHERE s.sid IN (SELECT sid FROM about WHERE entity IN ({0}))"
)
#: the other speakers of those statements ("A and B said"), with their labels
_CO_SPEAKERS = (
    "SELECT c.sid, c.entity, l.label FROM cospk c JOIN stmts s ON s.sid = c.sid "
    "LEFT JOIN labels l ON l.gid = s.gid AND l.entity = c.entity "
    "WHERE c.sid IN (SELECT sid FROM about WHERE entity IN ({0}))"
)


def _in(n: int) -> str:
    return ",".join("?" * n)  # placeholders only: the values are parameters


@index_plan("d90f572990b60bb23e8179a50366ed9a2230214ba1c8553a6f32de8a15577768")
def who_said_what(index, terms: Mapping[str, object], entities: Mapping[str, list[str]], limits) -> Results:
    """ontology/queries/who_said_what.rq from the index: statements about the entities
    (`about` table), their spans (first begin, first end, count), and the speakers' and
    outlet's labels as the statement's own article graph gives them."""
    about = terms["about"]
    iris = exact_names(index, about.value, entities["aboutEntity"])
    if not iris:
        return Results("select", variables=_WHO_SAID_WHAT_VARS, rows=())
    rows = _rows(about, _found(index, tuple(iris)))
    _check_limits(rows, limits)
    return Results("select", variables=_WHO_SAID_WHAT_VARS, rows=tuple(rows))


def _found(index, params: tuple[str, ...]) -> list[list]:
    """[statement row, {speaker: labels}, outlet labels] of each statement about the
    entities, in the query's order (ORDER BY ?article ?begin ?statement)."""
    iris = params
    found: dict[int, list] = {}  # sid -> [statement row, {speaker: labels}, outlet labels]
    for r in index.rows(_STATEMENTS.format(_in(len(iris))), params):
        sid, speaker, speaker_label, outlet = r[0], r[11], r[12], r[13]
        entry = found.get(sid)
        if entry is None:
            entry = found[sid] = [r, {speaker: set()} if speaker else {}, set()]
        if speaker_label is not None:
            entry[1][speaker].add(speaker_label)
        if outlet is not None:
            entry[2].add(outlet)
    for sid, ent, label in index.rows(_CO_SPEAKERS.format(_in(len(iris))), params):
        labels = found[sid][1].setdefault(ent, set())
        if label is not None:
            labels.add(label)
    return sorted(found.values(), key=lambda e: (e[0][6], -1 if e[0][7] is None else e[0][7], e[0][1]))


def _rows(about, found: list[list]) -> list[tuple]:
    """The result rows: one per speaker label (or speaker text) and outlet label."""
    t = _Terms()
    rows = []
    for (_sid, iri, text, cue, kind, stance, article, begin, end, spans, spk_text, *_), by_speaker, outlets in found:
        head = (t.literal(cue), t.node(kind), t.node(stance), t.literal(text))
        tail = (t.node(article), t.integer(begin), t.integer(end), t.integer(spans or 0), t.node(iri))
        outlet_terms = [t.literal(x) for x in sorted(outlets)] or [None]
        for ent in sorted(by_speaker) or [None]:
            for label in (sorted(by_speaker[ent]) if ent else []) or [None]:
                spoken = t.literal(label if label is not None else spk_text)
                for outlet in outlet_terms:
                    rows.append((about, spoken, *head, outlet, *tail, t.node(ent)))
    return rows


def _check_limits(rows: list[tuple], limits: Mapping[str, object]) -> None:
    max_rows, max_bytes = limits.get("max_rows"), limits.get("max_bytes")
    if max_rows is not None and len(rows) > max_rows:
        raise RowLimitError(f"the result has more than {max_rows} rows (the row limit); add LIMIT or narrow the query")
    if max_bytes is not None and rows:
        size = sum(_term_bytes(x) for r in rows for x in r if x is not None)
        if size > max_bytes:
            raise RowLimitError(
                f"the result is larger than {max_bytes} bytes (the size limit); "
                "add LIMIT or select fewer or shorter values"
            )
