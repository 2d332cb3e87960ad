"""Nationality words (`demonyms.py`): countries, their forces, groups, regions and continents."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


def test_force_is_linked_to_its_country(nlp):
    res = ents_of(nlp, "Pyongyang sent North Korean soldiers to the front.")
    force = by_surface(res, "North Korean soldiers")
    assert force.type == "MilitaryForce" and force.country == "wd:Q423"


@pytest.mark.parametrize(
    "text, surface, label, typ",
    [
        ("The suspect, a Chechen immigrant, was arrested on Monday.", "Chechen", "Chechnya", "Location"),
        ("The monument dates from the Soviet era.", "Soviet", "Soviet Union", "Location"),
        ("Witnesses described a man of North African appearance.", "North African", "North Africa", "Location"),
        ("The group was blamed on Basque separatists for years.", "Basque", "Basque Country", "Location"),
    ],
)
def test_demonyms_of_regions_and_continents(nlp, text, surface, label, typ):
    e = by_surface(ents_of(nlp, text), surface)
    assert (e.label, e.type) == (label, typ)


def test_continent_group_is_not_the_continent(nlp):
    res = ents_of(nlp, "Zelenskiy will meet European leaders in Brussels next week.")
    assert all(e.label != "Europe" for e in res.entities)


@pytest.mark.parametrize(
    "text, surface, label",
    [
        ("The Iraqi government said the drones came from the north.", "Iraqi government", "Iraq"),
        ("The Syrian government denied the report on Friday.", "Syrian government", "Syria"),
    ],
)
def test_a_countrys_government_is_the_country(nlp, text, surface, label):
    e = by_surface(ents_of(nlp, text), surface)
    assert (e.label, e.type) == (label, "Country")
