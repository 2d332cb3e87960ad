"""What a name's form and syntax say it is (`forms.py`, `names.py`): place, person, organisation, not a name."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


@pytest.mark.parametrize(
    "text, surface",
    [
        ("The talks were held at the Airfield on Monday.", "Airfield"),
        ("FILE - Salman Rami walks in Manchester.", "FILE - Salman Rami"),
    ],
)
def test_non_names_are_not_entities(nlp, text, surface):
    res = ents_of(nlp, text)
    assert surface not in [m.span.text for m in res.mentions if m.type == "Person"]


# names the small model types wrongly, typed by what the words around them say
@pytest.mark.parametrize(
    "text, surface, typ",
    [
        (
            "The rally was organised by hardline preacher Omar Bakhtiyari, a convicted recruiter.",
            "Omar Bakhtiyari",
            "Person",
        ),
        (
            "Among the dead were the pilot Tomás Iriarte and his wife María del Pilar Robles.",
            "María del Pilar Robles",
            "Person",
        ),
        ('"I heard a bang," said Eva, a 17-year-old student who saw the fire.', "Eva", "Person"),
        # a name that is the apposition of a person noun
        (
            "The United Nations envoy, Ramtane Lamamra, urged both sides to return to talks.",
            "Ramtane Lamamra",
            "Person",
        ),
        ("Two soldiers died in neighbouring Nad Ali Kot district when a mine exploded.", "Nad Ali Kot", "Location"),
        ("Clashes broke out near a campus in Merida state on Tuesday.", "Merida", "Location"),
        ("Investigators say he drove the truck to Cooper Lake in Kansas.", "Cooper Lake", "Location"),
        ("Investigators say he drove the truck to Milford Lake in Kansas.", "Milford Lake", "Location"),
        ("The suspect walked down the busy Jean Jaures street and left a parcel.", "Jean Jaures street", "Location"),
        # by syntax: what a person leads is an organisation; a word only ever after "in" is a place
        ("Mr William Craig, leader of Ulster Vanguard, called for internment.", "Ulster Vanguard", "Organization"),
        (
            "Many joined after soldiers killed 13 protesters in Derry. The army later moved into Derry.",
            "Derry",
            "Location",
        ),
        (
            "Insurgents still ambush convoys in Wadi al-Hasa and Tell al-Sham, monitors said.",
            "Wadi al-Hasa",
            "Location",
        ),
        # names the model cuts short or misses, recovered whole
        (
            "Smugglers take phones across the Straits of Gibraltar from Africa to Europe.",
            "Straits of Gibraltar",
            "Location",
        ),
        (
            "Former Spanish prime minister José Luis Rodríguez Zapatero is in Caracas, and has served as an intermediary.",
            "José Luis Rodríguez Zapatero",
            "Person",
        ),
        ("Colonel Pedro Zambrano and Division General Alejandro Pérez were all indicted.", "Alejandro Pérez", "Person"),
        (
            "Mr Whitelaw, the defence secretary, Lord Carrington, and army advisers met on Friday.",
            "Lord Carrington",
            "Person",
        ),
        # streets named in other languages, or after people
        ("The explosion targeted a bakery on the central street Rue de la Paix in Lyon.", "Rue de la Paix", "Location"),
        ("Avenue Habib Bourguiba was cleared by police on Friday.", "Avenue Habib Bourguiba", "Location"),
        # a person whose name holds a place word: not the place
        ("Former Chilean foreign minister Juan Carlos Ortega Lagos is in Quito.", "Juan Carlos Ortega Lagos", "Person"),
        ("Chad Smith visited Chad last year.", "Chad Smith", "Person"),
    ],
)
def test_context_types_names(nlp, text, surface, typ):
    assert by_surface(ents_of(nlp, text), surface).type == typ


@pytest.mark.parametrize(
    "text, surface",
    [
        ("The ban covers unregistered SIM cards and rented vans.", "SIM"),
        ("The image was taken from CCTV at the station.", "CCTV"),
        ("The city was preparing to host the Women's World Cup next month.", "Women's World Cup"),
        ("The march ended in Bloody Sunday, when soldiers opened fire.", "Bloody Sunday"),
        ("Defence Minister Israel Katz said Israel would respond.", "Defence"),
        ("Critics called it an Orwellian plan and a Jeffersonian ideal.", "Orwellian"),
    ],
)
def test_things_and_events_are_not_actors(nlp, text, surface):
    res = ents_of(nlp, text)
    assert surface not in [m.span.text for m in res.mentions]


@pytest.mark.parametrize(
    "text, surface, not_key",
    [
        ("Michelle Obama spoke at the convention on Monday.", "Michelle Obama", "wd:Q76"),
        ("Ivanka Trump, the nominee's eldest daughter, noted the rule.", "Ivanka Trump", "wd:Q22686"),
        ("First lady Jill Biden visited the school.", "Jill Biden", "wd:Q6279"),
    ],
)
def test_another_given_name_before_a_known_surname_is_another_person(nlp, text, surface, not_key):
    e = by_surface(ents_of(nlp, text), surface)
    assert e.type == "Person" and e.key != not_key


@pytest.mark.parametrize(
    "text, surface, key",
    [
        ("Barack Hussein Obama spoke at the convention.", "Obama", "wd:Q76"),
        ("Will Trump win the state?", "Trump", "wd:Q22686"),
    ],
)
def test_the_known_persons_own_names_stay_linked(nlp, text, surface, key):
    assert by_surface(ents_of(nlp, text), surface).key == key


def test_state_of_x_is_a_place_whatever_the_tagger_said(nlp):
    e = by_surface(ents_of(nlp, "Capriles, the governor of the state of Miranda, called for calm."), "Miranda")
    assert e.type == "Location"


def test_organisation_named_after_a_place_the_model_missed(nlp):
    res = ents_of(nlp, "The photo was released by the Greater Manchester Police on Monday.")
    assert by_surface(res, "Greater Manchester Police").type == "Organization"


def test_coordinated_organisations_are_two(nlp):
    res = ents_of(nlp, "Callers jammed the Rumour Service and Public Protection Service all night.")
    labels = {e.label for e in res.entities}
    assert {"Rumour Service", "Public Protection Service"} <= labels


def test_title_word_opening_an_organisation_name_stays(nlp):
    res = ents_of(nlp, "The blast damaged the General Directorate of Security in Madrid.")
    assert any(e.label == "General Directorate of Security" for e in res.entities)
