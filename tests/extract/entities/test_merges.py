"""Merging passes (`merges.py`): variants, acronyms, party names that need their country."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Finnish President Alexander Stubb visited the front. Stubb said the aid would continue.",
            "Alexander Stubb",
            "Stubb",
        ),
        ("Polish troops crossed the border. Later the Poles said they had returned.", "Polish troops", "Poles"),
        (
            "Moscow's forces advanced near Pokrovsk while Russian troops shelled the town.",
            "Moscow's forces",
            "Russian troops",
        ),
        # spellings one letter apart are one person
        (
            "Prosecutors said Dzhamal Khasanov planted the device. A friend later hid Khazanov's phone.",
            "Dzhamal Khasanov",
            "Khazanov",
        ),
        (
            "Reporters quoted Dzhamal Khasanov on Monday. On Tuesday, Dzhamal Kasanov denied it.",
            "Dzhamal Khasanov",
            "Dzhamal Kasanov",
        ),
        (
            "Dzhokhar Tsarnaev was convicted. A friend of Dzokhar Tsarnaev testified.",
            "Dzhokhar Tsarnaev",
            "Dzokhar Tsarnaev",
        ),
        # an acronym of a name's initials, no brackets
        (
            "Members of the Ulster Defence Association, a loyalist group, met on Friday. Later UDA patrols were seen.",
            "Ulster Defence Association",
            "UDA",
        ),
    ],
)
def test_variants_are_one_entity(nlp, text, first, second):
    res = ents_of(nlp, text)
    assert by_surface(res, first).key == by_surface(res, second).key


def test_one_word_party_alias_needs_its_country(nlp):
    ni = ents_of(nlp, "Loyalists blamed the Republicans for the bombs in Belfast and Derry.")
    assert all(e.label != "Republican Party" for e in ni.entities)
    us = ents_of(nlp, "In the United States, the Republicans blocked the aid bill in Congress.")
    assert any(e.label == "Republican Party" for e in us.entities)
