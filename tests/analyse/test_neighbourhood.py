"""Finding entities by name, ego networks and paths with their evidence."""

from __future__ import annotations

import pytest

from kgraph.analyse import connection, ego_network, project, resolve
from kgraph.errors import KGraphError, NotFoundError

from .conftest import KURSK, MOLDOVA, NK, NK_TROOPS, REUTERS, RUSSIA, TEXT_A, TEXT_B, UKRAINE, ZELENSKIY, iri


@pytest.fixture()
def actors(toy_store):
    return project(toy_store, "actors")


@pytest.mark.parametrize(
    "name,key",
    [
        ("Russia", RUSSIA),
        ("russia", RUSSIA),
        ("  North   Korea ", NK),
        ("Q423", NK),  # Wikidata ID
        ("wd:Q212", UKRAINE),  # entity key
        ("force:wd:Q423", NK_TROOPS),
        ("https://w3id.org/kgraph/id/entity/location/kursk", KURSK),
        ("Zelenskiy", ZELENSKIY),  # alias
        ("volodymyr", ZELENSKIY),  # a unique word prefix of a label
        ("Moldova", MOLDOVA),
    ],
)
def test_resolve(actors, name, key):
    assert resolve(actors, name) == iri(key)


def test_ambiguous_name_lists_the_candidates(actors):
    with pytest.raises(KGraphError, match=r"'North' is ambiguous .*North Korea \(wd:Q423\), North Korean troops"):
        resolve(actors, "North")


@pytest.mark.parametrize(
    "name,suggestion",
    [
        ("Zelensky", "Volodymyr Zelenskiy"),
        ("Rusia", "Russia"),
        ("Ukrane", "Ukraine"),
        ("Kursk Oblast", "Kursk"),
    ],
)
def test_unknown_name_suggests_close_matches(actors, name, suggestion):
    with pytest.raises(NotFoundError, match=f"no entity '{name}' in the actors view; did you mean .*'{suggestion}'"):
        resolve(actors, name)


def test_unknown_name_without_anything_close(actors):
    with pytest.raises(NotFoundError, match="no entity 'Qwxz' in the actors view; it has 9 entities"):
        resolve(actors, "Qwxz")


def test_ego_network_by_radius(actors):
    one = ego_network(actors, iri(ZELENSKIY), 1)
    assert set(one) == {iri(ZELENSKIY), iri(UKRAINE), iri(RUSSIA), iri(NK)}
    assert one.nodes[iri(ZELENSKIY)]["hops"] == 0 and one.nodes[iri(RUSSIA)]["hops"] == 1
    two = ego_network(actors, iri(ZELENSKIY), 2)
    assert two.nodes[iri(NK_TROOPS)]["hops"] == 2 and iri(KURSK) in two  # via Russia, against the arrows too
    assert iri(REUTERS) not in two
    assert set(ego_network(actors, iri(ZELENSKIY), 0)) == {iri(ZELENSKIY)}


def test_path_with_evidence_of_each_link(actors, toy_ids):
    steps = connection(actors, iri(ZELENSKIY), iri(KURSK))
    assert [(s.source, s.target) for s in steps] == [(iri(ZELENSKIY), iri(RUSSIA)), (iri(RUSSIA), iri(KURSK))]
    said, deployed = steps
    assert said.relation == "spokeAbout" and said.weight == 2 and said.forward
    texts = {(e.article_id, e.text) for e in said.evidence}
    assert texts == {(toy_ids["a"], "Russia was escalating"), (toy_ids["b"], "North Korea was helping Russia")}
    (ev,) = deployed.evidence
    assert ev.text == "deployed" == TEXT_A[ev.start : ev.end] and TEXT_B.count("deployed") == 1


def test_path_walks_against_the_arrows(actors):
    steps = connection(actors, iri(KURSK), iri(UKRAINE))
    assert len(steps) == 1 and steps[0].source == iri(UKRAINE) and not steps[0].forward


def test_unconnected_entities(actors):
    with pytest.raises(NotFoundError, match="Reuters and Russia are not connected in the actors view"):
        connection(actors, iri(REUTERS), iri(RUSSIA))
