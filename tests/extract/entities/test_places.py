"""Place names with and without their head noun (`places.py`)."""

from __future__ import annotations

from ._helpers import by_surface, ents_of


def test_bare_name_of_a_named_place_is_that_place(nlp):
    res = ents_of(nlp, "The bomb destroyed the Rosales Cafe in Madrid. Nobody was ever tried for the Rosales attack.")
    assert by_surface(res, "Rosales").key == by_surface(res, "Rosales Cafe").key
    assert by_surface(res, "Rosales Cafe").type == "Location"


def test_facility_forms_of_one_name_are_one_place(nlp):
    res = ents_of(nlp, "Troops at Camp Bastion Air Base were told to stay. Officials at Camp Bastion Airfield agreed.")
    assert by_surface(res, "Camp Bastion Air Base").key == by_surface(res, "Camp Bastion Airfield").key
