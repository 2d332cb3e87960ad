"""Named queries answered from the store index give exactly the SPARQL engine's rows."""

from __future__ import annotations

import hashlib

import pytest

from kgraph.extract.records import Entity, Extraction, Span, Statement
from kgraph.graph.build import article_quads
from kgraph.graph.store import GraphStore
from kgraph.query.indexed import plan_for
from kgraph.query.named import get_named, queries_dir
from kgraph.query.sparql import run_query
from kgraph.read.article import Article

PEOPLE = [
    Entity("person:anna koval", "Anna Koval", "Person", aliases=("Koval",)),
    Entity("person:petro koval", "Petro Koval", "Person", aliases=("Koval",)),
    Entity("wd:Q212", "Ukraine", "Country", aliases=("UKRAINE",), wikidata="Q212"),
    Entity("wd:Q159", "Russia", "Country", aliases=("Россия",), wikidata="Q159"),
    Entity("org:reuters", "Reuters", "Organization"),
]


def _statement(i: int, j: int, about: tuple[str, ...], **kw) -> Statement:
    start = 100 * j
    text = f"claim {j} of article {i}"
    return Statement(
        speaker=kw.get("speaker", "person:anna koval"),
        speaker_span=Span(start, start + 4, "Anna") if kw.get("speaker_text", True) else None,
        cue="said",
        cue_span=None,
        text=text,
        span=Span(start + 10, start + 10 + len(text), text),
        kind="direct" if j % 2 else "indirect",
        stance=("asserts", "denies", "neither")[j % 3],
        reported_by="org:reuters" if j % 2 else None,
        about=about,
        extra_spans=(Span(start + 60, start + 60 + len(text), text),) if j == 1 else (),
        co_speakers=("person:petro koval",) if j == 2 else (),
    )


@pytest.fixture(scope="module")
def store():
    """Three articles naming the same entities: co-speakers, a repeated span, an unnamed
    speaker, an outlet, two people sharing an alias, an entity about in several ways."""
    s = GraphStore()
    for i in range(3):
        stmts = (
            _statement(i, 0, ("wd:Q212",)),
            _statement(i, 1, ("wd:Q212", "wd:Q159")),
            _statement(i, 2, ("wd:Q159", "person:petro koval")),
            _statement(i, 3, ("wd:Q212",), speaker=None),
            _statement(i, 4, ("person:anna koval",), speaker=None, speaker_text=False),
        )
        art = Article(source=f"t/{i}.txt", text="x" * 600, title=f"Article {i}", published="2024-11-18")
        s.replace_graph(
            f"https://w3id.org/kgraph/id/article/{art.id}",
            article_quads(art, Extraction(art.id, tuple(PEOPLE), (), (), stmts, ())),
        )
    s.index  # noqa: B018 - built here, kept in step by replace_graph
    return s


@pytest.mark.parametrize(
    "name",
    [
        "Ukraine",
        "ukraine",
        "UKRAINE",
        "wd:Q212",
        "Russia",
        "россия",
        "Koval",
        "Anna Koval",
        "anna koval",
        "Reuters",
        "Ukrain",
        "nobody",
        "https://w3id.org/kgraph/id/entity/Q212",
    ],
)
def test_who_said_what_from_the_index_equals_sparql(store, name):
    named = get_named("who_said_what")
    fast = named.run(store, {"about": name})
    slow = run_query(store, named.sparql, named.bindings({"about": name}))
    assert fast.variables == slow.variables
    assert sorted(map(str, fast.rows)) == sorted(map(str, slow.rows))
    order = lambda res: [(r[7], r[8], r[11]) for r in res.rows]  # noqa: E731 - ORDER BY ?article ?begin ?statement
    assert order(fast) == order(slow)


def test_plan_registered_for_the_shipped_query_text_only():
    text = (queries_dir() / "who_said_what.rq").read_text(encoding="utf-8")
    assert plan_for(text) is not None, "who_said_what.rq changed: update its index plan (kgraph/query/indexed.py)"
    assert hashlib.sha256(text.encode()).hexdigest()
    assert plan_for(text + "\n# edited") is None


def test_row_limit_holds_on_the_index_path(store):
    from kgraph.query.sparql import RowLimitError

    with pytest.raises(RowLimitError, match="more than 2 rows"):
        get_named("who_said_what").run(store, {"about": "Ukraine"}, max_rows=2)
