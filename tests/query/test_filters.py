"""`where_sql`: one clause per filter, in a fixed order, every value a `?` parameter."""

from __future__ import annotations

import pytest

from kgraph.graph.terms import KG
from kgraph.query.filters import Filters, where_sql
from kgraph.query.quotes import Speakers

A, B = "https://w3id.org/kgraph/id/entity/a", "https://w3id.org/kgraph/id/entity/b"
SPK = Speakers("A", (), frozenset({B, A}), {}, frozenset({7}))


@pytest.mark.parametrize(
    ("filters", "sql", "params"),
    [
        (Filters(), "1", []),
        (
            Filters(speakers=SPK),
            "(s.speaker IN (?, ?) OR s.sid IN (SELECT sid FROM cospk WHERE entity IN (?, ?)) OR s.sid IN (?))",
            [A, B, A, B, 7],
        ),
        (Filters(speakers=Speakers("x", (), frozenset())), "(0)", []),
        (Filters(outlets=frozenset({A})), "(s.speaker IN (?) OR s.reporter IN (?))", [A, A]),
        (Filters(about=frozenset()), "s.sid IN (SELECT sid FROM about WHERE 0)", []),
        (Filters(stances=(str(KG.Denies),)), "s.stance IN (?)", [str(KG.Denies)]),
        (
            Filters(denial_cues=("den", "reject")),
            "(lower(s.cue) LIKE ? OR lower(s.cue) LIKE ? OR s.stance = ?)",
            ["%den%", "%reject%", str(KG.Denies)],
        ),
        (
            Filters(cue="warn", since="2024-01-01", until="2024-12-31", graphs=frozenset({B})),
            "lower(s.cue) LIKE ? AND g.date >= ? AND g.date <= ? AND g.iri IN (?)",
            ["%warn%", "2024-01-01", "2024-12-31", B],
        ),
    ],
)
def test_where_sql(filters, sql, params):
    assert where_sql(filters) == (sql, params)


def test_user_text_is_only_a_parameter():
    evil = "x' OR 1=1 --"
    sql, params = where_sql(Filters(cue=evil, since=evil, outlets=frozenset({evil})))
    assert evil not in sql
    assert params == [evil, evil, f"%{evil}%", evil]  # outlets (speaker, reporter), cue, since
