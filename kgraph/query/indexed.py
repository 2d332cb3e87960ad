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

    def node(self, v: str | None):
        if v is None:
            return None
        t = self.nodes.get(v)
        if t is None:
            t = self.nodes[v] = ox.NamedNode(v)
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
    stmts = index.rows(
        "SELECT DISTINCT s.sid, s.gid, s.iri, s.text, s.cue, s.kind, s.stance, g.iri, s.begin, s.min_end, s.spans, "
        "s.speaker_text, s.speaker, s.reporter FROM about a JOIN stmts s ON s.sid = a.sid "
        f"JOIN graphs g ON g.gid = s.gid WHERE a.entity IN ({_in(len(iris))})",
        tuple(iris),
    )
    sids = [r[0] for r in stmts]
    co: dict[int, list[str]] = {}
    for i in range(0, len(sids), 500):
        chunk = sids[i : i + 500]
        for sid, e in index.rows(f"SELECT sid, entity FROM cospk WHERE sid IN ({_in(len(chunk))})", tuple(chunk)):
            co.setdefault(sid, []).append(e)
    labels: dict[tuple[int, str], list[str]] = {}
    for gid in {r[1] for r in stmts}:
        for e, label in index.rows("SELECT entity, label FROM labels WHERE gid = ?", (gid,)):
            labels.setdefault((gid, e), []).append(label)
    t = _Terms()
    rows = []
    for sid, gid, iri, text, cue, kind, stance, article, begin, end, spans, spk_text, speaker, reporter in stmts:
        head = (t.literal(cue), t.node(kind), t.node(stance), t.literal(text))
        tail = (
            t.node(article),
            None if begin is None else _integer(begin),
            None if end is None else _integer(end),
            _integer(spans or 0),
            t.node(iri),
        )
        outlets = labels.get((gid, reporter), ()) if reporter else ()
        speakers = sorted({x for x in (speaker, *co.get(sid, ())) if x})
        for ent in speakers or [None]:
            for label in labels.get((gid, ent), ()) or [None]:
                spoken = t.literal(label) if label is not None else t.literal(spk_text)
                for outlet in outlets or [None]:
                    rows.append((about, spoken, *head, t.literal(outlet), *tail, t.node(ent)))
    rows.sort(key=lambda r: (r[7].value, -1 if r[8] is None else int(r[8].value), r[11].value))
    _check_limits(rows, limits)
    return Results("select", variables=_WHO_SAID_WHAT_VARS, rows=tuple(rows))


def _check_limits(rows: list[tuple], limits: Mapping[str, object]) -> None:
    max_rows, max_bytes = limits.get("max_rows"), limits.get("max_bytes")
    if max_rows is not None and len(rows) > max_rows:
        raise RowLimitError(f"the result has more than {max_rows} rows (the row limit); add LIMIT or narrow the query")
    if max_bytes is not None:
        size = sum(_term_bytes(x) for r in rows for x in r if x is not None)
        if size > max_bytes:
            raise RowLimitError(
                f"the result is larger than {max_bytes} bytes (the size limit); "
                "add LIMIT or select fewer or shorter values"
            )
