"""The three views on a hand-built store where every link is known, and on the seed article."""

from __future__ import annotations

import pytest

from kgraph.analyse import VIEWS, EmptyGraphError, project, statements
from kgraph.analyse.projections import actors_view, cooccurrence_view, sentence_around, speech_view
from kgraph.errors import KGraphError
from kgraph.graph.store import GraphStore

from .conftest import (
    KURSK,
    MOLDOVA,
    NK,
    NK_TROOPS,
    REUTERS,
    RU_FORCES,
    RUSSIA,
    TEXT_A,
    UKRAINE,
    ZELENSKIY,
    article_c,
    iri,
    make_store,
)


def edge(g, a, b):
    return g.edges[iri(a), iri(b)]


def test_actor_nodes_carry_label_type_wikidata_articles_and_dates(toy_store):
    g = actors_view(toy_store)
    russia = g.nodes[iri(RUSSIA)]
    assert russia["label"] == "Russia" and russia["type"] == "Country" and russia["wikidata"] == "Q159"
    assert russia["articles"] == 2
    # the deployment of October 2024 comes before either article
    assert (russia["first_date"], russia["last_date"]) == ("2024-10-01", "2024-11-18")
    assert g.nodes[iri(ZELENSKIY)]["aliases"] == ("Zelenskiy",)


def test_unknown_values_are_left_out_not_none(toy_store):
    g = actors_view(toy_store)
    kursk, moldova = g.nodes[iri(KURSK)], g.nodes[iri(MOLDOVA)]
    assert "wikidata" not in kursk
    assert "first_date" not in moldova and "last_date" not in moldova  # article C has no date
    assert all(v is not None for _, d in g.nodes(data=True) for v in d.values())


@pytest.mark.parametrize(
    "source,target,relation,weight,articles",
    [
        (RUSSIA, NK_TROOPS, "Deployment", 2, 2),  # force of two deployments, one per article
        (RUSSIA, KURSK, "Deployment", 1, 1),  # place of the first
        (NK_TROOPS, KURSK, "Deployment", 1, 1),  # the force is where it was deployed
        (UKRAINE, RU_FORCES, "Attack", 1, 1),
        (UKRAINE, KURSK, "Attack", 1, 1),
        (RUSSIA, NK, "Alliance", 1, 1),  # allies: one edge, not two
        (ZELENSKIY, UKRAINE, "President", 1, 1),  # a post
        (NK_TROOPS, NK, "affiliatedWith", 2, 2),
        (RU_FORCES, RUSSIA, "affiliatedWith", 1, 1),
        (ZELENSKIY, RUSSIA, "spokeAbout", 2, 2),  # two statements about Russia
        (ZELENSKIY, NK, "spokeAbout", 1, 1),
    ],
)
def test_actor_edges(toy_store, source, target, relation, weight, articles):
    d = edge(actors_view(toy_store), source, target)
    assert (d["relation"], d["weight"], d["articles"]) == (relation, weight, articles)


def test_actor_view_has_exactly_the_known_links(toy_store):
    g = actors_view(toy_store)
    assert g.number_of_edges() == 11
    assert not g.has_edge(iri(NK), iri(RUSSIA))  # the alliance is stored once
    assert g.degree(iri(REUTERS)) == 0 and g.degree(iri(MOLDOVA)) == 0


def test_edge_evidence_points_at_the_text(toy_store, toy_ids):
    d = edge(actors_view(toy_store), UKRAINE, RU_FORCES)
    (ev,) = d["evidence"]
    assert ev.article_id == toy_ids["a"]
    assert ev.text == "attacked" == TEXT_A[ev.start : ev.end]
    assert ev.context == "Ukraine attacked Russian forces in Kursk."
    assert (d["first_date"], d["last_date"]) == ("2024-10-30", "2024-11-01")


def test_speech_view_is_speaker_to_subject_only(toy_store):
    g = speech_view(toy_store)
    assert g.is_directed()
    assert sorted(g.edges()) == sorted([(iri(ZELENSKIY), iri(RUSSIA)), (iri(ZELENSKIY), iri(NK))])
    assert set(g) == {iri(ZELENSKIY), iri(RUSSIA), iri(NK)}  # only speakers and their subjects
    d = edge(g, ZELENSKIY, RUSSIA)
    assert d["weight"] == 2 and d["stance"] == "Asserts"
    assert sorted(e.text for e in d["evidence"]) == ["North Korea was helping Russia", "Russia was escalating"]


def test_cooccurrence_counts_sentences_and_is_undirected(toy_store):
    g = cooccurrence_view(toy_store)
    assert not g.is_directed()
    assert g.edges[iri(RUSSIA), iri(NK_TROOPS)]["weight"] == 2  # first sentence of A and of B
    assert g.edges[iri(NK), iri(RUSSIA)]["weight"] == 2
    assert g.edges[iri(UKRAINE), iri(KURSK)]["weight"] == 1
    assert not g.has_edge(iri(UKRAINE), iri(NK_TROOPS))  # different sentences
    assert g.has_edge(iri(REUTERS), iri(MOLDOVA))  # same sentence in article C
    ev = g.edges[iri(UKRAINE), iri(RU_FORCES)]["evidence"][0]
    assert ev.text == "Ukraine attacked Russian forces"


def test_views_are_deterministic(toy_store):
    for view in VIEWS:
        a, b = VIEWS[view](toy_store), VIEWS[view](toy_store)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_project_writes_figures_on_nodes(toy_store):
    g = project(toy_store, "actors")
    for _, d in g.nodes(data=True):
        assert {"pagerank", "degree", "weighted_degree", "betweenness", "community", "component"} <= set(d)


def test_unknown_view_names_the_valid_ones(toy_store):
    with pytest.raises(KGraphError, match="unknown view 'people'; choose one of actors, speech, cooccurrence"):
        project(toy_store, "people")


def test_empty_store_is_a_clear_error():
    with pytest.raises(EmptyGraphError, match="the store holds no articles"):
        project(GraphStore(), "actors")


def test_view_without_statements_has_no_nodes():
    with pytest.raises(EmptyGraphError, match="the speech view is empty"):
        project(make_store(article_c()), "speech")


def test_statements_list_speaker_subjects_and_span(toy_store, toy_ids):
    sts = statements(toy_store)
    assert [s["text"] for s in sts] == ["Russia was escalating", "North Korea was helping Russia"]
    first = sts[0]
    assert first["speaker"] == iri(ZELENSKIY) and first["about"] == [iri(RUSSIA)]
    assert first["article"].endswith(toy_ids["a"]) and TEXT_A[first["start"] : first["end"]] == first["text"]


def test_seed_actor_network(seed_store):
    g = project(seed_store, "actors")
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Ukraine", "Russia", "North Korea", "Volodymyr Zelenskiy"} <= labels
    top5 = [d["label"] for _, d in sorted(g.nodes(data=True), key=lambda nd: -nd[1]["pagerank"])[:5]]
    assert {"Ukraine", "Russia", "North Korea"} <= set(top5), top5
    zel = next(n for n, d in g.nodes(data=True) if d["label"] == "Volodymyr Zelenskiy")
    ukr = next(n for n, d in g.nodes(data=True) if d["label"] == "Ukraine")
    assert "President" in g.edges[zel, ukr]["relation"].split(";")
    assert all(d["first_date"] == "2024-11-18" or d["first_date"] < "2024-11-18" for _, d in g.nodes(data=True))


@pytest.mark.parametrize(
    "text,phrase,sentence",
    [
        ("One here. Russia deployed troops. Two.", "deployed", "Russia deployed troops."),
        ("Title line\nBody says so. Next.", "Title", "Title line"),
        ("A. \u201cWe will win,\u201d he said. B.", "We will win", "\u201cWe will win,\u201d he said."),
        ("Did they? Yes, they did! Fine.", "Yes", "Yes, they did!"),
        ("No end at all", "end", "No end at all"),
    ],
)
def test_sentence_around(text, phrase, sentence):
    start = text.index(phrase)
    assert sentence_around(text, start, start + len(phrase)) == sentence
