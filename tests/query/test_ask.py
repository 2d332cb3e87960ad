"""Asking who said what: name matching, question parsing, answers from hand-built stores."""

from __future__ import annotations

import pytest

from kgraph.errors import NotFoundError
from kgraph.extract.records import Entity, Extraction, Statement
from kgraph.graph.build import article_quads, entity_iri
from kgraph.graph.store import GraphStore
from kgraph.query.ask import FORMS, UnparsedQuestion, answer, parse_question
from kgraph.query.quotes import Filters, fetch, find_quotes, format_quote, name_key, rank, resolve_name
from kgraph.query.resolve import Resolver
from kgraph.read.article import Article

from .conftest import _st as st
from .conftest import sp

TEXT1 = (
    "Zelensky warns of North Korean troops\n\n"
    "Ukrainian President Volodymyr Zelenskyy said North Korea had sent troops to Russia. "
    "\u201cMoscow has dragged another state into this war,\u201d he said. "
    "According to Reuters, Russia denied sending North Korean troops to the front. "
    "Ukraine's military intelligence warned that more troops could arrive by winter. "
    "The Kremlin neither confirmed nor denied the deployment. "
    "France was not mentioned by anyone. Russia did not mention casualties."
)
TEXT2 = (
    "Kovalenko on the Kursk front\n\n"
    "Andriy Kovalenko said the Russians are counting on numbers. "
    "Zelensky said the escalation must be answered. "
    "Zelensky said the escalation must be answered."
)

ZEL = "person:volodymyr zelenskyy"


def article1() -> tuple[Article, Extraction]:
    art = Article(source="news/a1.txt", text=TEXT1, title="Zelensky warns of North Korean troops", body_start=40)
    ents = (
        Entity(ZEL, "Volodymyr Zelenskyy", "Person", aliases=("Zelenskyy",)),
        Entity("wd:Q159", "Russia", "Country", aliases=("Moscow",), wikidata="Q159"),
        Entity("wd:Q423", "North Korea", "Country", aliases=("Pyongyang",), wikidata="Q423"),
        Entity("wd:Q212", "Ukraine", "Country", wikidata="Q212"),
        Entity("wd:Q142", "France", "Country", wikidata="Q142"),
        Entity("force:wd:Q423", "North Korean troops", "MilitaryForce", country="wd:Q423"),
        Entity("organization:reuters", "Reuters", "Organization"),
        Entity(
            "organization:wd:Q212 military intelligence",
            "Ukraine's military intelligence",
            "Organization",
            country="wd:Q212",
        ),
    )
    t = TEXT1
    sts = (
        st(
            t,
            ZEL,
            "Ukrainian President Volodymyr Zelenskyy",
            "said",
            "North Korea had sent troops to Russia",
            about=("wd:Q423", "wd:Q159"),
        ),
        st(t, ZEL, "he", "said", "Moscow has dragged another state into this war", kind="direct", about=("wd:Q159",)),
        st(
            t,
            "wd:Q159",
            "Russia",
            "denied",
            "sending North Korean troops to the front",
            stance="denies",
            reported_by="organization:reuters",
            about=("force:wd:Q423",),
        ),
        st(
            t,
            "organization:wd:Q212 military intelligence",
            "Ukraine's military intelligence",
            "warned",
            "more troops could arrive by winter",
        ),
        st(t, None, "The Kremlin", "neither confirmed nor denied", "the deployment", stance="neither"),
        st(t, "wd:Q159", None, "mention", "casualties", stance="neither"),  # unconfirmed, but no denial
    )
    return art, Extraction(art.id, ents, (), (), statements=sts)


def article2() -> tuple[Article, Extraction]:
    art = Article(source="news/b2.txt", text=TEXT2, title="Kovalenko on the Kursk front", body_start=30)
    ents = (
        Entity(ZEL, "Volodymyr Zelensky", "Person", aliases=("Zelensky",)),  # labelled differently here
        Entity("person:andriy kovalenko", "Andriy Kovalenko", "Person", aliases=("Kovalenko",)),
        Entity("force:wd:Q159", "Russian forces", "MilitaryForce", aliases=("Russians",), country="wd:Q159"),
    )
    t = TEXT2
    sts = (
        st(
            t,
            "person:andriy kovalenko",
            "Andriy Kovalenko",
            "said",
            "the Russians are counting on numbers",
            about=("force:wd:Q159",),
        ),
        Statement(
            speaker=ZEL,
            speaker_span=sp(t, "Zelensky"),
            cue="said",
            cue_span=sp(t, "said", 1),
            text="the escalation must be answered",
            span=sp(t, "the escalation must be answered"),
            kind="indirect",
            extra_spans=(sp(t, "the escalation must be answered", 1),),
        ),
    )
    return art, Extraction(art.id, ents, (), (), statements=sts)


def fill(store: GraphStore) -> GraphStore:
    for art, ex in (article1(), article2()):
        store.replace_graph(f"https://w3id.org/kgraph/id/article/{art.id}", article_quads(art, ex))
    return store


@pytest.fixture()
def store():
    return fill(GraphStore())


def whos(quotes) -> list[tuple[str, str, str]]:
    return [(q.who, q.cue, q.text) for q in quotes]


# -- names --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b",
    [
        ("Zelenskiy", "Zelensky"),
        ("Zelenskyy", "ZELENSKYI"),
        ("Zelénskiy", "zelenskij"),
        ("Andrii", "Andriy"),
        ("the West", "West"),
        ("Moscow\u2019s", "Moscow"),
        ("Volodymyr  Zelenskyy", "volodymyr zelenskiy"),
    ],
)
def test_name_key_folds_case_accents_and_transliteration_endings(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Kyiv", "Kiev"), ("Russia", "Russian"), ("North Korea", "South Korea")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    "name, label",
    [
        ("Zelenskiy", "Volodymyr Zelensky"),  # the last name, another transliteration
        ("zelensky", "Volodymyr Zelensky"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelensky"),
        ("President Zelenskyy", "Volodymyr Zelensky"),  # a title before the last name
        ("Andrii Kovalenko", "Andriy Kovalenko"),
        ("Kovalenko", "Andriy Kovalenko"),
        ("pyongyang", "North Korea"),  # an alias
        ("North Korea", "North Korea"),  # exact beats "North Korean troops"
        ("Moscow's", "Russia"),
        ("reuters", "Reuters"),
    ],
)
def test_resolve_name(store, name, label):
    assert [e.label for e in resolve_name(store, name)] == [label]


@pytest.mark.parametrize(
    "name, message",
    [
        ("Zelinsky", "no speaker named 'Zelinsky' in the store; did you mean Volodymyr Zelensky?"),
        ("Kovalenco", "no speaker named 'Kovalenco' in the store; did you mean Andriy Kovalenko?"),
        ("Putin", "no speaker named 'Putin' in the store (see `kgraph quotes` for who said what)"),
    ],
)
def test_unknown_name_suggests_close_matches(store, name, message):
    with pytest.raises(NotFoundError) as exc:
        resolve_name(store, name, what="speaker")
    assert str(exc.value) == message


# -- finding statements -------------------------------------------------------------------
def test_find_quotes_by_speaker_spans_articles(store):
    assert whos(find_quotes(store, speaker="Zelenskiy")) == [
        ("Volodymyr Zelensky", "said", "North Korea had sent troops to Russia"),
        ("Volodymyr Zelensky", "said", "Moscow has dragged another state into this war"),
        ("Volodymyr Zelensky", "said", "the escalation must be answered"),
    ]


def test_find_quotes_by_speaker_and_topic(store):
    assert whos(find_quotes(store, speaker="Zelensky", about="North Korea")) == [
        ("Volodymyr Zelensky", "said", "North Korea had sent troops to Russia")
    ]


def test_topic_covers_what_is_affiliated_with_it(store):
    # Russia's denial is about North Korean troops, a force of North Korea
    assert [q.cue for q in find_quotes(store, about="North Korea")] == ["said", "denied"]


def test_speaker_covers_organisations_affiliated_with_it(store):
    assert whos(find_quotes(store, speaker="Ukraine")) == [
        ("Ukraine's military intelligence", "warned", "more troops could arrive by winter")
    ]


def test_unresolved_speaker_words_match_a_name(store):
    (q,) = find_quotes(store, speaker="the Kremlin")
    assert (q.speaker, q.who, q.stance) == (None, '"The Kremlin" (unresolved)', "neither confirms nor denies")


def test_outlet_matches_speaker_or_relaying_source(store):
    (q,) = find_quotes(store, outlet="Reuters")
    assert (q.who, q.reported_by_label, q.stance) == ("Russia", "Reuters", "denies")


def test_a_repeated_statement_is_one_quote_with_two_spans(store):
    (q,) = [q for q in find_quotes(store) if q.text == "the escalation must be answered"]
    first, second = TEXT2.index(q.text), TEXT2.rindex(q.text)
    assert q.spans == ((first, first + len(q.text)), (second, second + len(q.text)))
    assert (q.start, q.end, q.source, q.title) == (
        first,
        first + len(q.text),
        "news/b2.txt",
        "Kovalenko on the Kursk front",
    )


def test_format_quote_cites_source_title_and_span(store):
    (q,) = find_quotes(store, speaker="Russia", stances=["https://w3id.org/kgraph/ontology#Denies"])
    b = TEXT1.index(q.text)
    assert format_quote(q) == [
        "Russia, denied (indirect, denies), reported by Reuters:",
        "  sending North Korean troops to the front",
        f'  -- news/a1.txt, "Zelensky warns of North Korean troops", chars {b}-{b + len(q.text)}',
    ]
    (d,) = [q for q in find_quotes(store, speaker="Zelensky") if q.kind == "direct"]
    assert format_quote(d)[:2] == [
        "Volodymyr Zelensky, said (direct, asserts):",
        "  \u201cMoscow has dragged another state into this war\u201d",
    ]


def test_user_text_never_enters_the_query_string(store, monkeypatch):
    """Names, topics and cues reach SPARQL and SQL only as bound values."""
    seen = []
    select, rows = store.select, store.index.rows

    def spy(sparql, bindings=None, **kw):
        seen.append((sparql, dict(bindings or {})))
        return select(sparql, bindings, **kw)

    def spy_sql(sql, params=()):
        seen.append((sql, {i: v for i, v in enumerate(params)}))
        return rows(sql, params)

    monkeypatch.setattr(store, "select", spy)
    monkeypatch.setattr(store.index, "rows", spy_sql)
    evil = 'x") } UNION { ?s ?p ?o } #'
    assert find_quotes(store, speaker="Zelensky", about="Russia", cue=evil) == []
    assert seen and all(evil not in q and "Zelensky" not in q and entity_iri(ZEL) not in q for q, _ in seen)
    assert any(evil.lower() in str(v) for _, b in seen for v in b.values())


# -- parsing questions --------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, form, verb, speaker, about, outlet, text",
    [
        (
            "What did Zelenskiy say about North Korea?",
            "what-did-speaker-say",
            "say",
            "Zelenskiy",
            "North Korea",
            None,
            None,
        ),
        ("What did Zelenskiy say?", "what-did-speaker-say", "say", "Zelenskiy", None, None, None),
        (
            "what has Andrii Kovalenko said about the Russians",
            "what-did-speaker-say",
            "say",
            "Andrii Kovalenko",
            "the Russians",
            None,
            None,
        ),
        ("What did Russia deny?", "what-did-speaker-say", "deny", "Russia", None, None, None),
        ("What did Kyiv warn?", "what-did-speaker-say", "warn", "Kyiv", None, None, None),
        (
            "What did the Defence Ministry claim about Kursk?",
            "what-did-speaker-say",
            "claim",
            "the Defence Ministry",
            "Kursk",
            None,
            None,
        ),
        ("What did Reuters report?", "what-did-source-report", "report", None, None, "Reuters", None),
        ("What was said about North Korea?", "what-was-said-about", "say", None, "North Korea", None, None),
        (
            "Who said that the North Koreans were being used for risky front-line assaults?",
            "who-said-that",
            "say",
            None,
            None,
            None,
            "the North Koreans were being used for risky front-line assaults",
        ),
        (
            "Who claimed that the Russians are counting on numbers?",
            "who-said-that",
            "claim",
            None,
            None,
            None,
            "the Russians are counting on numbers",
        ),
        (
            "Who reported \u201cup to 11,000 troops\u201d?",
            "who-said-that",
            "report",
            None,
            None,
            None,
            "up to 11,000 troops",
        ),
        ("Who denied sending troops?", "who-said-that", "deny", None, None, None, "sending troops"),
        (
            "Who has warned that  more troops could arrive?",
            "who-said-that",
            "warn",
            None,
            None,
            None,
            "more troops could arrive",
        ),
        ("Who said what about Russia?", "who-said-about", "say", None, "Russia", None, None),
        ("Who spoke about the escalation?", "who-said-about", "speak", None, "the escalation", None, None),
        (
            "Did Zelensky say that Moscow dragged another state into the war?",
            "did-say-that",
            "say",
            "Zelensky",
            None,
            None,
            "Moscow dragged another state into the war",
        ),
        ("Has Russia denied sending troops?", "did-say-that", "deny", "Russia", None, None, "sending troops"),
    ],
)
def test_parse_question(question, form, verb, speaker, about, outlet, text):
    q = parse_question(question)
    assert (q.form, q.verb, q.speaker, q.about, q.outlet, q.text) == (form, verb, speaker, about, outlet, text)


@pytest.mark.parametrize(
    "question",
    [
        "",
        "Who is Zelenskiy?",
        "What did Russia eat?",
        "Who said that?",
        "Tell me about Kursk",
        "Zelenskiy said what",
        "What is the capital of Ukraine?",
    ],
)
def test_unparseable_questions_list_the_forms(question):
    with pytest.raises(UnparsedQuestion) as exc:
        parse_question(question)
    msg = str(exc.value)
    assert msg.startswith(f"cannot parse the question {question!r}; kgraph ask understands:\n")
    assert all(form in msg for form, _ in FORMS)


@pytest.mark.parametrize(
    "question, cue, stances",
    [
        ("What did Zelensky say?", None, ()),
        ("What did Zelensky claim?", None, ()),
        ("What did Kyiv warn?", "warn", ()),
        ("What did Kyiv accuse?", "accus", ()),
        ("What did Kyiv estimate?", "estimat", ()),
        (
            "What did Russia deny?",
            None,
            ("https://w3id.org/kgraph/ontology#Denies", "https://w3id.org/kgraph/ontology#NeitherConfirmsNorDenies"),
        ),
        (
            "What did Russia reject?",
            None,
            ("https://w3id.org/kgraph/ontology#Denies", "https://w3id.org/kgraph/ontology#NeitherConfirmsNorDenies"),
        ),
    ],
)
def test_verbs_become_cue_or_stance_filters(question, cue, stances):
    q = parse_question(question)
    assert (q.cue, q.stances) == (cue, stances)


# -- answers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, expected",
    [
        (
            "What did Zelenskiy say about North Korea?",
            [("Volodymyr Zelensky", "North Korea had sent troops to Russia")],
        ),
        (
            "What has Zelenskyy said about Moscow?",
            [  # the words first (text and topic), then the entity link
                ("Volodymyr Zelensky", "Moscow has dragged another state into this war"),
                ("Volodymyr Zelensky", "North Korea had sent troops to Russia"),
            ],
        ),
        ("What did Russia deny?", [("Russia", "sending North Korean troops to the front")]),  # not "did not mention"
        ("What did Russia say?", [("Russia", "sending North Korean troops to the front"), ("Russia", "casualties")]),
        ("What did the Kremlin deny?", [('"The Kremlin" (unresolved)', "the deployment")]),
        ("What did Ukraine warn?", [("Ukraine's military intelligence", "more troops could arrive by winter")]),
        ("What did Reuters report?", [("Russia", "sending North Korean troops to the front")]),
        (
            "Who said that the Russians count on numbers?",
            [("Andriy Kovalenko", "the Russians are counting on numbers")],
        ),
        (
            "Who said Moscow dragged another state into the war?",
            [("Volodymyr Zelensky", "Moscow has dragged another state into this war")],
        ),
        ("Who denied sending troops to the front?", [("Russia", "sending North Korean troops to the front")]),
        (
            "Who warned that more troops could arrive?",
            [("Ukraine's military intelligence", "more troops could arrive by winter")],
        ),
        ("Who said what about the Russians?", [("Andriy Kovalenko", "the Russians are counting on numbers")]),
        ("Who spoke about the escalation?", [("Volodymyr Zelensky", "the escalation must be answered")]),
        (
            "Did Kovalenko say that the Russians are counting on numbers?",
            [("Andriy Kovalenko", "the Russians are counting on numbers")],
        ),
    ],
)
def test_answer(store, question, expected):
    assert [(q.who, q.text) for q in answer(store, question).quotes] == expected


@pytest.mark.parametrize(
    "question, message",
    [
        ("What did France say?", "no statements by France"),
        (
            "What did Zelensky say about France?",
            "no statements by Zelensky about 'France' (there are 3 statements by "
            "Zelensky; ask without a topic to see them)",
        ),
        ("What did Zelensky warn?", "no statements by Zelensky cued by 'warn'"),
        ("What did Ukraine deny?", "no denials by Ukraine"),
        ("Who said that bananas are yellow?", "no statement matches 'bananas are yellow'"),
        ("What did Zelinsky say?", "no speaker named 'Zelinsky' in the store; did you mean Volodymyr Zelensky?"),
        ("What was said about Narnia?", "no statements about 'Narnia'"),
    ],
)
def test_nothing_found(store, question, message):
    with pytest.raises(NotFoundError) as exc:
        answer(store, question)
    assert str(exc.value) == message


def test_who_said_that_prefers_the_closest_statement(store):
    hits = rank(store.index, Filters(), "North Korea sent troops to Russia", use_topics=False)
    texts = [q.text for q in fetch(store, [(h.iri, h.graph) for h in hits], Resolver(store))]
    assert texts[0] == "North Korea had sent troops to Russia" and hits[0].score == 1.0
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert rank(store.index, Filters(), "the of and") == []


@pytest.mark.parametrize("text", ["North Korea sent troops to Russia", "the escalation must be answered", "troops"])
def test_a_text_match_in_its_column_ranks_as_weighted_bm25(store, text):
    """The ranking reads FTS5's `rank` for a text matched in the statement text alone: it is
    the weighted BM25 then (bm25(stmt_fts, 1.0, 0.6, 0.0)), to the last bit."""
    from kgraph.graph.index import fts_query

    q = fts_query(store.index.terms(text), "OR", column="body")
    rows = store.index.rows(
        "SELECT rowid, rank, bm25(stmt_fts, 1.0, 0.6, 0.0) FROM stmt_fts WHERE stmt_fts MATCH ? ORDER BY rank", (q,)
    )
    assert rows and all(r == b for _, r, b in rows)


def _one_statement_article(said: str, source: str = "news/grain.txt") -> tuple[Article, Extraction]:
    text = f"Grain\n\nAnna Koval said {said}."
    art = Article(source=source, text=text, title="Grain", body_start=7)
    ent = Entity("person:anna koval", "Anna Koval", "Person")
    return art, Extraction(art.id, (ent,), (), (), (st(text, ent.key, "Anna Koval", "said", said),), ())


def test_term_weights_follow_the_index_as_it_changes(store):
    """The document frequencies kept between answers are forgotten when the index changes,
    even to the same number of statements."""
    from kgraph.query.ranking import _idf

    art, ex = _one_statement_article("the ships left port")
    graph = f"https://w3id.org/kgraph/id/article/{art.id}"
    store.replace_graph(graph, article_quads(art, ex))
    before = _idf(store.index, ["grain", "ship"])
    art, ex = _one_statement_article("the grain ships left port")
    store.replace_graph(graph, article_quads(art, ex))  # as many statements, one more holding "grain"
    after = _idf(store.index, ["grain", "ship"])
    assert after["grain"] < before["grain"] and after["ship"] == before["ship"]


def test_term_weights_follow_another_connections_writes(tmp_path):
    """... and when another connection (another process) commits to the index."""
    from kgraph.graph.index import TextIndex
    from kgraph.query.ranking import _idf

    reader, writer = TextIndex(tmp_path / "index.sqlite"), TextIndex(tmp_path / "index.sqlite")
    for i, said in enumerate(("the ships left port", "the grain deal held")):
        art, ex = _one_statement_article(said, f"news/{i}.txt")
        writer.index_graph(f"https://w3id.org/kgraph/id/article/{art.id}", article_quads(art, ex))
    before = _idf(reader, ["grain"])
    art, ex = _one_statement_article("the grain ships left port", "news/0.txt")
    writer.index_graph(f"https://w3id.org/kgraph/id/article/{art.id}", article_quads(art, ex))  # the writer commits
    assert _idf(reader, ["grain"])["grain"] < before["grain"]
    art, ex = _one_statement_article("the port reopened", "news/2.txt")
    writer.index_graph(f"https://w3id.org/kgraph/id/article/{art.id}", article_quads(art, ex))
    assert reader.statement_count() == 3


# -- the seed article ---------------------------------------------------------------------
def test_seed_questions(seed_store):
    """The questions of the seed's reference file (shared/eval/dev/000_*.gold.json)."""
    said = answer(seed_store, "What did Zelenskiy say?").quotes
    assert any("Moscow has dragged another state into this war" in q.text for q in said)
    assert all(q.speaker_label == "Volodymyr Zelenskiy" or "Zelenskiy" in (q.speaker_text or "") for q in said)
    for question in (
        "Who said that the North Koreans were being used for risky front-line assaults?",
        "Who claimed that the Russians are counting on numbers?",
    ):
        assert answer(seed_store, question).quotes[0].speaker_label == "Andrii Kovalenko", question
