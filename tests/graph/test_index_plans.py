"""Named queries answered from the store index give exactly the SPARQL engine's rows."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import sqlite3

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kgraph.extract.records import Entity, Extraction, Span, Statement
from kgraph.graph.build import article_quads
from kgraph.graph.index import SCHEMA_VERSION, TextIndex, graph_names, index_path
from kgraph.graph.said import ROW, SAID_SCHEMA, drop_said, term_ids, unpack_texts, write_said
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


def _same_as_sparql(store, name: str) -> int:
    named = get_named("who_said_what")
    fast = named.run(store, {"about": name})
    slow = run_query(store, named.sparql, named.bindings({"about": name}))
    assert fast.variables == slow.variables
    assert sorted(map(str, fast.rows)) == sorted(map(str, slow.rows))
    order = lambda res: [(r[7], r[8], r[11]) for r in res.rows]  # noqa: E731 - ORDER BY ?article ?begin ?statement
    assert order(fast) == order(slow)
    return len(fast.rows)


@pytest.fixture(scope="module")
def odd_store():
    """Graphs the row table must get right: a speaker and an outlet with two labels in one
    graph (a row for each pair), texts and labels holding the row separator (U+001F) or
    nothing at all, and two entities sharing a name (one statement about both, once)."""
    s = GraphStore()
    people = [
        *PEOPLE,
        Entity("person:odd", "Odd\x1fName", "Person", aliases=("Koval",)),
    ]
    for i in range(2):
        stmts = (
            _statement(i, 0, ("wd:Q212", "person:odd")),
            _statement(i, 1, ("person:odd", "person:anna koval"), speaker="person:odd"),
            _statement(i, 2, ("wd:Q212",)),
        )
        stmts = (*stmts[:2], dataclasses.replace(stmts[2], text="tab\tand \x1f unit and \x1d"))
        art = Article(source=f"odd/{i}.txt", text="y" * 600, title=f"Odd {i}", published="2024-11-19")
        g = f"https://w3id.org/kgraph/id/article/{art.id}"
        quads = article_quads(art, Extraction(art.id, tuple(people), (), (), stmts, ()))
        extra = [  # a second label for the speaker and for the outlet, in this graph only
            Quad(NamedNode(q.subject.value), q.predicate, Literal(q.object.value + " (alt)"), NamedNode(g))
            for q in quads
            if q.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label"
            and q.subject.value.endswith(("anna-koval", "reuters"))
        ]
        assert extra
        s.replace_graph(g, quads + extra)
    s.index  # noqa: B018
    return s


@pytest.mark.parametrize("name", ["Ukraine", "Koval", "Odd\x1fName", "anna koval"])
def test_who_said_what_rows_with_many_labels_and_odd_text(odd_store, name):
    assert _same_as_sparql(odd_store, name) > 0


@pytest.mark.parametrize("name", ["Ukraine", "Koval"])
def test_every_page_of_the_packed_rows_is_that_slice(odd_store, name):
    """Pages that start and end inside a pack, on its edges and past the last row, for one
    entity and for a name of two (their packs merged)."""
    named = get_named("who_said_what")
    full = named.run(odd_store, {"about": name}).rows
    packs = odd_store.index.rows("SELECT COUNT(*), MAX(n) FROM said")[0]
    assert len(full) >= 4 and packs[0] > 1 and packs[1] > 1  # rows across several packs of several rows
    for offset in range(len(full) + 2):
        for limit in (None, 1, 2, 3, len(full)):
            page = named.run(odd_store, {"about": name}, offset=offset, limit=limit).rows
            assert page == full[offset : None if limit is None else offset + limit], (offset, limit)


def test_two_labels_give_a_row_for_each(odd_store):
    rows = get_named("who_said_what").run(odd_store, {"about": "Ukraine"}).as_dicts()
    speakers = {r["speaker"] for r in rows if r["speakerEntity"].endswith("anna-koval")}
    assert speakers == {"Anna Koval", "Anna Koval (alt)"}
    rows = get_named("who_said_what").run(odd_store, {"about": "Koval"}).as_dicts()
    assert {r.get("outlet") for r in rows} == {"Reuters", "Reuters (alt)", None}
    assert {r["speaker"] for r in rows} >= {"Odd\x1fName", "Anna Koval (alt)"}
    held_once = "SELECT COUNT(*) FROM said_terms WHERE term = '\"Odd' || char(31) || 'Name'"
    assert odd_store.index.rows(held_once) == [(1,)]


def _on_disk(tmp_path, store, *changes: str, before=lambda index: None):
    """The hand-built graphs in a store on disk, its index then closed and changed by the
    SQL `changes` (to look like an older one); (index path, `before(index)` read first)."""
    disk = GraphStore(tmp_path / "store")
    for g in sorted(graph_names(store.store)):
        disk.replace_graph(g, store.quads(g))
    seen = before(disk.index)
    disk.index.close()
    del disk
    gc.collect()  # the store's lock goes with it
    path = index_path(tmp_path / "store")
    db = sqlite3.connect(path)
    for sql in changes:
        db.execute(sql)
    db.commit()
    db.close()
    return path, seen


_SAID = "SELECT entity, article, n, texts, rows FROM said ORDER BY 1, 2"


def _said_values(index) -> list[tuple]:
    """The answer rows the `said` packs hold, each as (entity, article, statement, text,
    its ten value ids read back as the marked values they name), in the table's order."""
    values = dict(index.rows("SELECT id, term FROM said_terms"))
    values[0] = ""
    out = []
    for entity, article, n, texts, blob in index.rows(_SAID):
        held = unpack_texts(texts)
        assert len(held) == 2 * n and len(blob) == ROW.size * n
        for i in range(n):
            ids = ROW.unpack(blob[ROW.size * i : ROW.size * (i + 1)])
            out.append((entity, article, held[2 * i], held[2 * i + 1], tuple(values[k] for k in ids)))
    return out


#: the packs as rows of schema 9 (a table row per answer row: the rows of schema 8)
_AS_SCHEMA_9 = (
    "CREATE TABLE said_v9 (entity TEXT NOT NULL, article TEXT NOT NULL, begin INTEGER, statement TEXT NOT NULL, "
    "n INTEGER NOT NULL, text TEXT, row BLOB NOT NULL, PRIMARY KEY (entity, article, begin, statement, n)) "
    "WITHOUT ROWID",
)

#: what schema 8 changed: the rows as ids into a dictionary (before: packed texts)
_UNDO_SCHEMA_8 = (
    "DROP TABLE said",
    "DROP TABLE said_terms",
    "DELETE FROM meta WHERE k = 'said_terms'",
    "CREATE TABLE said (entity TEXT NOT NULL, article TEXT NOT NULL, begin INTEGER, statement TEXT NOT NULL, "
    "n INTEGER NOT NULL, text TEXT, row TEXT NOT NULL, PRIMARY KEY (entity, article, begin, statement, n)) "
    "WITHOUT ROWID",
    "INSERT INTO said SELECT entity, article, 0, article, 0, NULL, 'packed' FROM said_v8",
)
#: what schema 7 added on names: the label counts and the triggers keeping them
_UNDO_SCHEMA_7 = (
    "DROP TRIGGER names_label_added",
    "DROP TRIGGER names_label_removed",
    "DROP TABLE label_counts",
)


def test_an_index_of_schema_5_is_brought_up_to_date(tmp_path, store):
    """An index written before the row table gets it from its own tables on opening,
    without re-indexing a graph, and answers as SPARQL does."""
    path, fresh = _on_disk(
        tmp_path,
        store,
        "DROP TABLE said",
        "DROP TABLE said_terms",
        "DELETE FROM meta WHERE k = 'said_terms'",
        *_UNDO_SCHEMA_7,
        "UPDATE meta SET v = '5' WHERE k = 'version'",
        before=_said_values,
    )
    assert fresh
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE name = 'said'").fetchone() is None

    upgraded = TextIndex(path)
    assert upgraded.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert _said_values(upgraded) == fresh
    graphs = sorted(graph_names(store.store))
    assert upgraded.sync(graphs, lambda g: pytest.fail(f"{g} indexed again")) == 0
    upgraded.close()

    reopened = GraphStore(tmp_path / "store", read_only=True)
    for name in ("Ukraine", "Koval", "Russia"):
        assert _same_as_sparql(reopened, name) > 0


_LABEL_COUNTS = "SELECT entity, name, n FROM label_counts ORDER BY 1, 2"
_COUNTED = "SELECT entity, name, COUNT(*) FROM names WHERE is_label = 1 GROUP BY entity, name ORDER BY 1, 2"


def test_label_counts_follow_the_names_as_graphs_come_and_go(store):
    s = GraphStore()
    graphs = sorted(graph_names(store.store))
    for g in graphs:
        s.replace_graph(g, store.quads(g))
    counted = s.index.rows(_COUNTED)
    assert counted and max(n for _, _, n in counted) > 1  # a label given by several articles
    assert s.index.rows(_LABEL_COUNTS) == counted
    s.replace_graph(graphs[0], store.quads(graphs[0]))  # replaced: counted once, not twice
    assert s.index.rows(_LABEL_COUNTS) == counted
    s.index.remove_graph(graphs[0])
    assert s.index.rows(_LABEL_COUNTS) == s.index.rows(_COUNTED) != counted
    for g in graphs[1:]:
        s.index.remove_graph(g)
    assert s.index.rows(_LABEL_COUNTS) == []


def test_an_index_of_schema_6_gets_its_label_counts(tmp_path, store):
    path, fresh = _on_disk(
        tmp_path,
        store,
        *_UNDO_SCHEMA_7,
        "UPDATE meta SET v = '6' WHERE k = 'version'",
        before=lambda index: index.rows(_LABEL_COUNTS),
    )
    upgraded = TextIndex(path)
    assert upgraded.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert fresh and upgraded.rows(_LABEL_COUNTS) == fresh


def test_an_index_of_schema_7_gets_its_rows_as_value_ids(tmp_path, store):
    """Rows as texts (schema 7) are written again as ids, from the index's own tables."""
    path, fresh = _on_disk(
        tmp_path,
        store,
        "CREATE TABLE said_v8 AS SELECT * FROM said",
        *_UNDO_SCHEMA_8,
        "DROP TABLE said_v8",
        "UPDATE meta SET v = '7' WHERE k = 'version'",
        before=_said_values,
    )
    old = sqlite3.connect(path)
    packs = len({(entity, article) for entity, article, *_ in fresh})
    assert old.execute("SELECT COUNT(*), MIN(row) FROM said").fetchone() == (packs, "packed")
    old.close()
    upgraded = TextIndex(path)
    assert upgraded.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert fresh and _said_values(upgraded) == fresh
    upgraded.close()
    reopened = GraphStore(tmp_path / "store", read_only=True)
    for name in ("Ukraine", "Koval", "Russia"):
        assert _same_as_sparql(reopened, name) > 0


def test_terms_kept_by_a_reader_go_when_the_dictionary_is_made_again(tmp_path, store):
    """A reader keeps the terms of value ids between answers; another process that makes
    the dictionary again (ids now naming other values) must not leave it answering with
    the old terms."""
    _on_disk(tmp_path, store)
    reader = GraphStore(tmp_path / "store", read_only=True)
    before = {name: _same_as_sparql(reader, name) for name in ("Ukraine", "Koval", "Russia")}
    other = sqlite3.connect(index_path(tmp_path / "store"))
    old_ids = dict(other.execute("SELECT term, id FROM said_terms"))
    drop_said(other)
    other.executescript(SAID_SCHEMA)
    term_ids(other, {f'"filler {i}' for i in range(7)})  # the values now get other ids
    write_said(other, [r[0] for r in other.execute("SELECT gid FROM graphs ORDER BY gid")])
    other.commit()
    new_ids = dict(other.execute("SELECT term, id FROM said_terms"))
    other.close()
    assert any(new_ids[t] != i for t, i in old_ids.items())
    assert {name: _same_as_sparql(reader, name) for name in before} == before


_UNDO_SCHEMA_9 = ("DROP INDEX names_entity_name", "DROP INDEX names_entity_ekey")
_NAME_INDEXES = (
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('names_entity_name', 'names_entity_ekey')"
)


def test_an_index_of_schema_8_gets_the_name_indexes(tmp_path, store):
    """Schema 8 -> 9: the indexes the who-said-what name test reads by skip scan."""
    path, fresh = _on_disk(
        tmp_path, store, *_UNDO_SCHEMA_9, "UPDATE meta SET v = '8' WHERE k = 'version'", before=_said_values
    )
    old = sqlite3.connect(path)
    assert old.execute(_NAME_INDEXES).fetchall() == []
    old.close()
    upgraded = TextIndex(path)
    assert upgraded.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert sorted(upgraded.rows(_NAME_INDEXES)) == [("names_entity_ekey",), ("names_entity_name",)]
    assert fresh and _said_values(upgraded) == fresh
    upgraded.close()


def test_an_index_of_schema_9_gets_its_rows_packed(tmp_path, store):
    """Schema 9 -> 10: a table row per answer row becomes a pack per entity and article,
    written again from the index's own tables, the dictionary's ids kept; the answers are
    the SPARQL engine's."""
    path, fresh = _on_disk(tmp_path, store, before=_said_values)
    db = sqlite3.connect(path)
    ids_before = db.execute("SELECT id, term FROM said_terms ORDER BY id").fetchall()
    terms = dict(ids_before)
    for ddl in _AS_SCHEMA_9:
        db.execute(ddl)
    n = 0
    for entity, article, count, texts, blob in db.execute(_SAID).fetchall():
        held = unpack_texts(texts)
        for i in range(count):
            row = blob[ROW.size * i : ROW.size * (i + 1)]
            begin = ROW.unpack(row)[6]
            k = sum(1 for j in range(i) if held[2 * j] == held[2 * i])  # the row's place in its statement
            db.execute(
                "INSERT INTO said_v9 VALUES (?, ?, ?, ?, ?, ?, ?)",
                (entity, article, int(terms[begin][1:]) if begin else None, held[2 * i], k, held[2 * i + 1], row),
            )
            n += 1
    db.execute("DROP TABLE said")
    db.execute("ALTER TABLE said_v9 RENAME TO said")
    db.execute("UPDATE meta SET v = '9' WHERE k = 'version'")
    db.commit()
    assert db.execute("SELECT COUNT(*) FROM said").fetchone() == (n,) and n == len(fresh) > 0
    db.close()
    upgraded = TextIndex(path)
    assert upgraded.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert _said_values(upgraded) == fresh
    assert upgraded.rows("SELECT id, term FROM said_terms ORDER BY id") == ids_before
    assert upgraded.rows("SELECT COUNT(*) FROM said")[0][0] < n  # packed: fewer table rows than answer rows
    upgraded.close()
    reopened = GraphStore(tmp_path / "store", read_only=True)
    for name in ("Ukraine", "Koval", "Russia"):
        assert _same_as_sparql(reopened, name) > 0


def test_the_name_test_reads_distinct_names_and_keys(store):
    """exact_names: an entity matches on any of its names or its key, ignoring case (as the
    query's LCASE test), and the skip scans give each distinct value once."""
    from kgraph.query.indexed import _KEYS_OF, _NAMES_OF, exact_names

    idx = store.index
    entity, name, ekey = idx.rows("SELECT entity, name, ekey FROM names WHERE ekey IS NOT NULL LIMIT 1")[0]
    names = {n for (n,) in idx.rows("SELECT DISTINCT name FROM names WHERE entity = ?", (entity,))}
    keys = {k for (k,) in idx.rows("SELECT DISTINCT ekey FROM names WHERE entity = ? AND ekey IS NOT NULL", (entity,))}
    assert sorted(idx.rows(_NAMES_OF, (entity,))) == sorted((n,) for n in names)
    assert sorted(idx.rows(_KEYS_OF, (entity,))) == sorted((k,) for k in keys)
    assert exact_names(idx, name.upper(), [entity]) == [entity]
    assert exact_names(idx, ekey.swapcase(), [entity]) == [entity]
    assert exact_names(idx, name + " x", [entity]) == []


def test_an_index_older_than_any_upgrade_is_rebuilt(tmp_path, store):
    _on_disk(tmp_path, store, "UPDATE meta SET v = '4' WHERE k = 'version'")
    reopened = GraphStore(tmp_path / "store")
    assert reopened.index.rows("SELECT v FROM meta WHERE k = 'version'") == [(SCHEMA_VERSION,)]
    assert _same_as_sparql(reopened, "Ukraine") > 0


def test_a_replaced_graph_replaces_its_rows(store):
    s = GraphStore()
    for g in sorted(graph_names(store.store)):
        s.replace_graph(g, store.quads(g))
    s.index  # noqa: B018
    before = _same_as_sparql(s, "Ukraine")
    g = sorted(graph_names(s.store))[0]
    s.replace_graph(g, [q for q in s.quads(g) if q.predicate.value != "https://w3id.org/kgraph/ontology#about"])
    after = _same_as_sparql(s, "Ukraine")
    assert 0 < after < before
    assert not s.index.rows("SELECT 1 FROM said WHERE article NOT IN (SELECT iri FROM graphs)")
