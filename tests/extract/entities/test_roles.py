"""Posts people hold (`roles.py`): titles, appositions, 'the Ukrainian leader'."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


def test_leader_description_refers_to_the_post_holder(nlp):
    res = ents_of(nlp, "Moldovan President Maia Sandu spoke on Monday. The Moldovan leader said the vote was fair.")
    assert by_surface(res, "The Moldovan leader").key == by_surface(res, "Maia Sandu").key


@pytest.mark.parametrize(
    "text, person, role, of",
    [
        ("Ukrainian President Volodymyr Zelenskiy thanked the allies.", "Volodymyr Zelenskiy", "President", "Ukraine"),
        ("Russian Foreign Minister Sergei Lavrov spoke to reporters.", "Sergei Lavrov", "Foreign Minister", "Russia"),
        (
            "Mykola Petrenko, an official with Ukraine's National Security and Defence Council, said the drones were shot down.",
            "Mykola Petrenko",
            "official",
            "National Security and Defence Council of Ukraine",
        ),
        ("Olga Ivanova, a spokeswoman for NATO, declined to comment.", "Olga Ivanova", "spokeswoman", "NATO"),
    ],
)
def test_roles(nlp, text, person, role, of):
    res = ents_of(nlp, text)
    labels = {e.key: e.label for e in res.entities}
    got = {(labels[r.person], r.role, labels.get(r.of)) for r in res.roles}
    assert (person, role, of) in got
