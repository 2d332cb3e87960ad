"""Which statements qualify: a `Filters` of IRIs, row ids and values (never query text),
and `where_sql`, its condition on the index's `stmts s JOIN graphs g`: constant SQL with
`?` parameters, one clause per filter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..graph.terms import KG

if TYPE_CHECKING:
    from .quotes import Speakers

__all__ = ["Filters", "where_sql"]


@dataclass(frozen=True)
class Filters:
    """Which statements qualify: every set is of IRIs (or index row ids), never user text."""

    speakers: Speakers | None = None
    outlets: frozenset[str] | None = None  # spoken by or relayed by (kg:reportedBy)
    about: frozenset[str] | None = None  # must be about one of these (kg:about)
    stances: tuple[str, ...] = ()  # stance IRIs
    cue: str | None = None  # a cue substring, lower case
    since: str | None = None  # ISO dates, of the article
    until: str | None = None
    graphs: frozenset[str] | None = None  # article graph IRIs
    denial_cues: tuple[str, ...] = ()  # for "neither" statements: a cue word that is a denial verb


class _Sql:
    """The parameters of a condition being written, in the order of its `?`s."""

    def __init__(self) -> None:
        self.params: list = []

    def among(self, col: str, values: Iterable) -> str:
        vals = sorted(values)
        self.params.extend(vals)
        return f"{col} IN ({', '.join('?' * len(vals))})" if vals else "0"

    def value(self, sql: str, *values) -> str:
        self.params.extend(values)
        return sql


def _speakers(f: Filters, q: _Sql) -> str | None:
    if f.speakers is None:
        return None
    parts = []
    if f.speakers.iris:
        parts.append(q.among("s.speaker", f.speakers.iris))
        # "Senators A and B said": B is a speaker too
        parts.append("s.sid IN (SELECT sid FROM cospk WHERE " + q.among("entity", f.speakers.iris) + ")")
    if f.speakers.statements:
        parts.append(q.among("s.sid", f.speakers.statements))
    return "(" + " OR ".join(parts or ["0"]) + ")"


def _outlets(f: Filters, q: _Sql) -> str | None:
    if f.outlets is None:
        return None
    a = q.among("s.speaker", f.outlets)
    b = q.among("s.reporter", f.outlets)
    return f"({a} OR {b})"


def _about(f: Filters, q: _Sql) -> str | None:
    if f.about is None:
        return None
    return "s.sid IN (SELECT sid FROM about WHERE " + q.among("entity", f.about) + ")"


def _stances(f: Filters, q: _Sql) -> str | None:
    return q.among("s.stance", f.stances) if f.stances else None


def _denial_cues(f: Filters, q: _Sql) -> str | None:
    if not f.denial_cues:
        return None
    cues = " OR ".join("lower(s.cue) LIKE ?" for _ in f.denial_cues)
    return q.value(f"({cues} OR s.stance = ?)", *(f"%{c}%" for c in f.denial_cues), str(KG.Denies))


def _cue(f: Filters, q: _Sql) -> str | None:
    return q.value("lower(s.cue) LIKE ?", f"%{f.cue}%") if f.cue else None


def _since(f: Filters, q: _Sql) -> str | None:
    return q.value("g.date >= ?", f.since) if f.since else None


def _until(f: Filters, q: _Sql) -> str | None:
    return q.value("g.date <= ?", f.until) if f.until else None


def _graphs(f: Filters, q: _Sql) -> str | None:
    return q.among("g.iri", f.graphs) if f.graphs is not None else None


_CLAUSES: tuple[Callable[[Filters, _Sql], str | None], ...] = (
    _speakers,
    _outlets,
    _about,
    _stances,
    _denial_cues,
    _cue,
    _since,
    _until,
    _graphs,
)


def where_sql(f: Filters) -> tuple[str, list]:
    """The SQL condition on `stmts s JOIN graphs g` for the filters: constant text, `?` values."""
    q = _Sql()
    conds = [c for c in (clause(f, q) for clause in _CLAUSES) if c is not None]
    return (" AND ".join(conds) or "1"), q.params
