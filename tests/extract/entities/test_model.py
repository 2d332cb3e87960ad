"""Pass 1 (`model.py`): the model's and the gazetteer's entities, corrected and typed."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


@pytest.mark.parametrize(
    "text, surface, label, typ, wikidata",
    [
        ("Kyiv said the attack on Kharkiv killed four people.", "Kyiv", "Ukraine", "Country", "Q212"),
        ("Moscow has refused to withdraw its troops.", "Moscow", "Russia", "Country", "Q159"),
        ("The talks between Pyongyang and Moscow ended on Friday.", "Pyongyang", "North Korea", "Country", "Q423"),
        ("Leaders will meet in Brussels on Monday.", "Brussels", "Brussels", "Location", "Q239"),
        ("Ukrainian officials said the bridge was destroyed.", "Ukrainian", "Ukraine", "Country", "Q212"),
        ("Officials in Berlin said German troops would stay.", "German troops", "German troops", "MilitaryForce", None),
        ("Fighting continued near Kharkiv on Tuesday.", "Kharkiv", "Kharkiv", "Location", None),
        ("NATO will hold a summit next month.", "NATO", "NATO", "Organization", "Q7184"),
    ],
)
def test_surface_forms_resolve_to_canonical_entities(nlp, text, surface, label, typ, wikidata):
    e = by_surface(ents_of(nlp, text), surface)
    assert (e.label, e.type) == (label, typ)
    if wikidata:
        assert e.wikidata == wikidata


@pytest.mark.parametrize(
    "text, surface, typ",
    [
        ("Government troops fought militants in Marawi on Tuesday.", "Marawi", "Location"),
        ("Prosecutors said Khairullo Tashkentov, 23, had lied to investigators.", "Khairullo Tashkentov", "Person"),
        ("Opposition leader Henrique Capriles called for calm.", "Henrique Capriles", "Person"),
        ("Witnesses said the blast shattered windows on Cavehill Road.", "Cavehill Road", "Location"),
    ],
)
def test_type_corrections(nlp, text, surface, typ):
    assert by_surface(ents_of(nlp, text), surface).type == typ


def test_known_place_inside_a_headline_run_stays_linked(nlp):
    res = ents_of(nlp, "Shelling hit Kharkiv on Monday. Kremlin spokesman Dmitry Peskov said Moscow would respond.")
    assert by_surface(res, "Kharkiv").label == "Kharkiv"
    assert by_surface(res, "Moscow").wikidata in ("Q159", "Q649")


def test_headline_run_is_not_an_organisation(nlp):
    res = ents_of(
        nlp,
        "Fever cases rise. Alleged Ongoing Confrontation Leaves Students Injured An alleged clash "
        "near the campus left one student hurt.",
    )
    assert all("Leaves" not in e.label for e in res.entities)


@pytest.mark.parametrize(
    "text, surface, not_linked_to",
    [
        ("The attack near London Bridge closed the London Underground for hours.", "London Bridge", "London"),
        ("The attack near London Bridge closed the London Underground for hours.", "London Underground", "London"),
        (
            "He studied at the University of Massachusetts-Dartmouth before the attack.",
            "University of Massachusetts-Dartmouth",
            "Massachusetts",
        ),
        (
            "Five were killed, according to the Syrian Observatory for Human Rights.",
            "Syrian Observatory for Human Rights",
            "Syria",
        ),
    ],
)
def test_longer_names_around_a_known_place_are_their_own(nlp, text, surface, not_linked_to):
    e = by_surface(ents_of(nlp, text), surface)
    assert e.label != not_linked_to and e.label == surface
