"""Every question form over a store built from records (article_quads into a real
GraphStore): descriptions of speakers, topics that are no entity, dates, outlets, yes/no,
disagreements, injection attempts in every slot, and the index kept in step."""

from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import NotFoundError
from kgraph.extract.records import Entity, Extraction, Role, Statement
from kgraph.graph.build import article_iri, article_quads
from kgraph.graph.index import index_path
from kgraph.graph.store import GraphStore
from kgraph.query.ask import answer, parse_question
from kgraph.read.article import Article

from .conftest import sp

T1 = (
    "Turkey brokers grain talks\n\n"
    "Turkish navy spokesman Ahmet Kaya said the grain deal would let ships leave Odesa safely. "
    "Turkey's foreign ministry warned that the Black Sea corridor could close. "
    "The Kremlin denied blocking the grain shipments. "
    "Opposition lawmakers claimed the government hid the cost of the deal."
)
T2 = (
    "Prisoner exchange agreed\n\n"
    "Defence minister Oleksii Marchenko said both sides exchanged 95 prisoners on Friday. "
    "The Kremlin said the detainees were in good health. "
    "Marchenko denied that the detainees were in good health."
)

KAYA, MARCH = "person:ahmet kaya", "person:oleksii marchenko"
NAVY, MFA, OPP = "organization:wd:Q43 navy", "organization:wd:Q43 foreign ministry", "group:opposition lawmakers"


def _st(t, speaker, words, cue, said, **kw):
    return Statement(
        speaker=speaker,
        speaker_span=sp(t, words) if words else None,
        cue=cue,
        cue_span=sp(t, cue),
        text=said,
        span=sp(t, said),
        kind="indirect",
        **kw,
    )


def records():
    a1 = Article(
        source="news/grain.txt",
        text=T1,
        title="Turkey brokers grain talks",
        published="2024-07-01",
        publisher="Ankara Wire",
        body_start=28,
    )
    e1 = (
        Entity(KAYA, "Ahmet Kaya", "Person", aliases=("Kaya",), country="wd:Q43"),
        Entity("wd:Q43", "Turkey", "Country", aliases=("Turkish",), wikidata="Q43"),
        Entity("wd:Q159", "Russia", "Country", aliases=("The Kremlin", "Kremlin"), wikidata="Q159"),
        Entity(NAVY, "Turkish navy", "MilitaryForce", country="wd:Q43"),
        Entity(MFA, "foreign ministry", "Organization", country="wd:Q43"),
        Entity(OPP, "Opposition lawmakers", "Group"),
        Entity("wd:Q1899", "Odesa", "Location", wikidata="Q1899"),
    )
    s1 = (
        _st(
            T1,
            KAYA,
            "Turkish navy spokesman Ahmet Kaya",
            "said",
            "the grain deal would let ships leave Odesa safely",
            about=("wd:Q1899",),
        ),
        _st(T1, MFA, "Turkey's foreign ministry", "warned", "the Black Sea corridor could close"),
        _st(T1, "wd:Q159", "The Kremlin", "denied", "blocking the grain shipments", stance="denies"),
        _st(T1, OPP, "Opposition lawmakers", "claimed", "the government hid the cost of the deal"),
    )
    r1 = (Role(KAYA, "spokesman", NAVY, sp(T1, "Turkish navy spokesman Ahmet Kaya")),)
    a2 = Article(
        source="news/prisoners.txt",
        text=T2,
        title="Prisoner exchange agreed",
        published="2024-09-15",
        publisher="Kyiv Daily",
        body_start=26,
    )
    e2 = (
        Entity(MARCH, "Oleksii Marchenko", "Person", aliases=("Marchenko",), country="wd:Q212"),
        Entity("wd:Q212", "Ukraine", "Country", wikidata="Q212"),
        Entity("wd:Q159", "Russia", "Country", aliases=("The Kremlin",), wikidata="Q159"),
    )
    s2 = (
        _st(T2, MARCH, "Defence minister Oleksii Marchenko", "said", "both sides exchanged 95 prisoners on Friday"),
        _st(T2, "wd:Q159", "The Kremlin", "said", "the detainees were in good health"),
        _st(T2, MARCH, "Marchenko", "denied", "that the detainees were in good health", stance="denies"),
    )
    r2 = (Role(MARCH, "Defence minister", "wd:Q212", sp(T2, "Defence minister Oleksii Marchenko")),)
    return [(a1, Extraction(a1.id, e1, (), r1, s1)), (a2, Extraction(a2.id, e2, (), r2, s2))]


def fill(store: GraphStore) -> GraphStore:
    for art, ex in records():
        store.replace_graph(article_iri(art.id), article_quads(art, ex))
    store.flush()
    return store


@pytest.fixture(scope="module")
def store():
    return fill(GraphStore())


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("forms") / "store"
    s = fill(GraphStore(path))
    del s
    return str(path)


def got(store, question):
    return [(q.who, q.text) for q in answer(store, question).quotes]


@pytest.mark.parametrize(
    "question, expected",
    [
        # speakers by description: roles, affiliations, aliases
        ("What did the navy spokesman say?", [("Ahmet Kaya", "the grain deal would let ships leave Odesa safely")]),
        ("What did Turkey's foreign ministry say?", [("foreign ministry", "the Black Sea corridor could close")]),
        (
            "What did the Kremlin say?",
            [("Russia", "blocking the grain shipments"), ("Russia", "the detainees were in good health")],
        ),
        (
            "What did the opposition lawmakers say?",
            [("Opposition lawmakers", "the government hid the cost of the deal")],
        ),
        (
            "What did the defence minister say about exchanging prisoners?",
            [("Oleksii Marchenko", "both sides exchanged 95 prisoners on Friday")],
        ),
        # topics that are no entity
        (
            "What did Kaya say about the grain deal?",
            [("Ahmet Kaya", "the grain deal would let ships leave Odesa safely")],
        ),
        ("What did the Kremlin say about the detainees' health?", [("Russia", "the detainees were in good health")]),
        ("What was said about the Black Sea corridor?", [("foreign ministry", "the Black Sea corridor could close")]),
        # dates and articles/outlets
        (
            "What has Russia said about the detainees since 2024-09-01?",
            [("Russia", "the detainees were in good health")],
        ),
        ("What has Russia said about grain since September 2024?", None),
        (
            "Who said what about grain in Ankara Wire?",
            [
                ("Russia", "blocking the grain shipments"),  # shorter: BM25 first
                ("Ahmet Kaya", "the grain deal would let ships leave Odesa safely"),
            ],
        ),
        (
            "Who said what about the detainees in Prisoner exchange agreed?",
            [
                ("Russia", "the detainees were in good health"),
                ("Oleksii Marchenko", "that the detainees were in good health"),
            ],
        ),
        # denials
        ("Who denied blocking the grain shipments?", [("Russia", "blocking the grain shipments")]),
        (
            "Who denied that the detainees were in good health?",
            [("Oleksii Marchenko", "that the detainees were in good health")],
        ),
        # entity topics
        ("What was said about Odesa?", [("Ahmet Kaya", "the grain deal would let ships leave Odesa safely")]),
    ],
)
def test_forms(store, question, expected):
    if expected is None:
        with pytest.raises(NotFoundError):
            answer(store, question)
    else:
        assert got(store, question) == expected


def test_description_labels_each_answer(store):
    (q,) = answer(store, "What did the navy spokesman say?").quotes
    assert q.matched_as == "description: spokesman of Turkish navy"


T3 = (
    "Navy drills\n\n"
    "Navy spokesman Mehmet Demir said the drills would end on Monday. "
    "A navy spokesman said the ships were back in port. "
    "Selin Arslan and navy spokesman Ahmet Kaya said the drills were routine. "
    "Navy spokesman Selin Arslan said the weather had been calm. "
    "Can Yilmaz and Ahmet Kaya said the crews were rested."
)
DEMIR, ARSLAN, YILMAZ = "person:mehmet demir", "person:selin arslan", "person:can yilmaz"


@pytest.fixture(scope="module")
def described_store():
    """A description's entity (Kaya, by his role), a speaker only his words describe (Demir),
    an unresolved one ("A navy spokesman"), Arslan, who spoke with Kaya and, described so,
    alone, and Yilmaz, who only spoke with Kaya."""
    store = fill(GraphStore())
    art = Article(source="news/drills.txt", text=T3, title="Navy drills", published="2024-10-01", body_start=14)
    ents = (
        Entity(KAYA, "Ahmet Kaya", "Person", aliases=("Kaya",), country="wd:Q43"),
        Entity(DEMIR, "Mehmet Demir", "Person", aliases=("Demir",)),
        Entity(ARSLAN, "Selin Arslan", "Person", aliases=("Arslan",)),
        Entity(YILMAZ, "Can Yilmaz", "Person", aliases=("Yilmaz",)),
        Entity(NAVY, "Turkish navy", "MilitaryForce", country="wd:Q43"),
    )
    sts = (
        _st(T3, DEMIR, "Navy spokesman Mehmet Demir", "said", "the drills would end on Monday"),
        _st(T3, None, "A navy spokesman", "said", "the ships were back in port"),
        _st(T3, ARSLAN, "Selin Arslan", "said", "the drills were routine", co_speakers=(KAYA,)),
        _st(T3, ARSLAN, "Navy spokesman Selin Arslan", "said", "the weather had been calm"),
        _st(T3, YILMAZ, "Can Yilmaz", "said", "the crews were rested", co_speakers=(KAYA,)),
    )
    roles = (Role(KAYA, "spokesman", NAVY, sp(T3, "navy spokesman Ahmet Kaya")),)
    store.replace_graph(article_iri(art.id), article_quads(art, Extraction(art.id, ents, (), roles, sts)))
    store.flush()
    return store


def test_description_notes_how_each_speaker_matched(described_store):
    notes = {q.text: q.matched_as for q in answer(described_store, "What did the navy spokesman say?").quotes}
    assert notes == {
        "the grain deal would let ships leave Odesa safely": "description: spokesman of Turkish navy",
        "the drills would end on Monday": "described as 'the navy spokesman'",  # his words only
        "the ships were back in port": "speaker words match 'the navy spokesman'",
        # with Kaya: the words "Selin Arslan" describe no spokesman, her other statement's do
        "the drills were routine": "described as 'the navy spokesman'",
        "the weather had been calm": "described as 'the navy spokesman'",
        "the crews were rested": None,  # with Kaya; Yilmaz is never described so
    }


def test_disagreement_pairs_opposite_stances_on_one_topic(store):
    a = answer(store, "What did the Kremlin and Marchenko disagree about?")
    (p,) = a.pairs
    assert (p.first.text, p.first.stance, p.second.text, p.second.stance) == (
        "the detainees were in good health",
        "asserts",
        "that the detainees were in good health",
        "denies",
    )
    assert {"detainee", "health", "good"} <= set(p.shared)


@pytest.mark.parametrize(
    "question, parsed",
    [
        (
            "What has Kaya said about the grain deal since 1 July 2024?",
            {"form": "what-did-speaker-say", "speakers": ["Kaya"], "about": "the grain deal", "since": "2024-07-01"},
        ),
        ("What did the Kremlin say before 2024?", {"speakers": ["the Kremlin"], "until": "2024-12-31"}),
        (
            "Who said what about grain in Ankara Wire?",
            {"form": "who-said-about", "about": "grain", "where": "Ankara Wire"},
        ),
        ("What did Putin and Erdogan disagree about?", {"form": "disagree", "speakers": ["Putin", "Erdogan"]}),
        (
            "Did the navy spokesman say that ships can leave Odesa?",
            {"form": "did-say-that", "speakers": ["the navy spokesman"], "text": "ships can leave Odesa"},
        ),
    ],
)
def test_parse_into_one_structured_query(question, parsed):
    d = parse_question(question).as_dict()
    assert {k: d[k] for k in parsed} == parsed


def run(store_path, *args):
    return CliRunner().invoke(main, [*args, "--store", store_path])


def test_yes_exits_0_with_the_statement_and_score(store_path):
    res = run(store_path, "ask", "Did Kaya say that ships could leave Odesa?")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("yes: Kaya said it (1 matching statement(s), best score")
    assert lines[2] == "Ahmet Kaya, said (indirect, asserts):"
    assert "Ankara Wire, 2024-07-01, chars" in lines[4] and "score" in lines[4]


def test_no_exits_1_and_says_who_else_said_it(store_path):
    res = run(store_path, "ask", "Did Marchenko say that the grain shipments were blocked?")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[0] == ("no: no statement by Marchenko matches 'the grain shipments were blocked'; said by Russia:")
    assert lines[2] == 'Russia ("The Kremlin"), denied (indirect, denies):'  # as the article names it


def test_json_has_the_fields_and_scores(store_path):
    import json

    res = run(store_path, "ask", "What did Kaya say about the grain deal?", "--format", "json", "--limit", "1")
    data = json.loads(res.stdout)
    (rec,) = data["statements"]
    assert data["query"]["about"] == "the grain deal" and data["scores"] == [rec["score"]]
    assert (rec["speaker_label"], rec["title"], rec["date"], rec["publisher"], rec["stance"]) == (
        "Ahmet Kaya",
        "Turkey brokers grain talks",
        "2024-07-01",
        "Ankara Wire",
        "asserts",
    )
    assert T1[rec["start"] : rec["end"]] == rec["text"]


EVIL = ['x") } UNION { ?s ?p ?o } #', "'; DROP TABLE stmts; --", 'grain" OR body : *', "Kaya\\"]


@pytest.mark.parametrize("evil", EVIL)
@pytest.mark.parametrize(
    "template",
    [
        "What did {} say?",
        "What did Kaya say about {}?",
        "Who said that {}?",
        "Did {} say that grain?",
        "Did Kaya say that {}?",
        "Who said what about grain in {}?",
        "What did {} and Kaya disagree about?",
        "What was said about {}?",
        "Who denied {}?",
    ],
)
def test_injection_attempts_are_only_values(store, evil, template, monkeypatch):
    """User text in any slot reaches SPARQL and SQL only as a bound value: the store and
    the index are unchanged and no query text carries it."""
    seen = []
    select, rows = store.select, store.index.rows
    monkeypatch.setattr(store, "select", lambda q, b=None, **kw: (seen.append(q), select(q, b, **kw))[1])
    monkeypatch.setattr(store.index, "rows", lambda q, p=(): (seen.append(q), rows(q, p))[1])
    before = (len(store), store.index.statement_count())
    try:
        answer(store, template.format(evil))
    except Exception as exc:  # noqa: BLE001 - only our own errors may come out
        from kgraph.errors import KGraphError

        assert isinstance(exc, KGraphError), exc
    assert (len(store), store.index.statement_count()) == before
    assert all(evil not in q and "Kaya" not in q for q in seen)


def test_index_follows_replace_and_remove(tmp_path):
    path = tmp_path / "store"
    s = fill(GraphStore(path))
    assert answer(s, "What did Kaya say?").quotes  # builds the index file
    assert index_path(path).exists()
    (a1, ex1), _ = records()
    s.replace_graph(article_iri(a1.id), article_quads(a1, Extraction(a1.id, ex1.entities, (), (), ex1.statements[1:])))
    with pytest.raises(NotFoundError):
        answer(s, "What did Kaya say?")
    s.remove_article(a1.source)
    with pytest.raises(NotFoundError):
        answer(s, "What did Turkey's foreign ministry say?")
    del s
    gc.collect()
    # another process: the index file is reused, a graph written behind its back is found
    s2 = GraphStore(path)
    s2.store.extend(article_quads(a1, ex1))
    s2.flush()
    del s2
    gc.collect()  # the writer closed before a reader opens (RocksDB)
    assert got(GraphStore(path, read_only=True), "What did Kaya say?")[0][0] == "Ahmet Kaya"
