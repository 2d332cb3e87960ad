"""Person names (`persons.py`): recovered names, name parts, spelling variants."""

from __future__ import annotations

from ._helpers import by_surface, ents_of


def test_missed_person_recovered_from_apposition(nlp):
    text = "Andrii Kovalenko, an official with the council, said the North Koreans were moved."
    res = ents_of(nlp, text)
    assert by_surface(res, "Andrii Kovalenko").type == "Person"


def test_spelling_variant_of_a_shared_surname_is_left_alone(nlp):
    res = ents_of(nlp, "Tamir Khasanov and Dzhamal Khasanov were charged. Police searched Khazanov's flat.")
    assert by_surface(res, "Tamir Khasanov").key != by_surface(res, "Dzhamal Khasanov").key
    brothers = {by_surface(res, "Tamir Khasanov").key, by_surface(res, "Dzhamal Khasanov").key}
    assert not any(m.span.text == "Khazanov" and m.key in brothers for m in res.mentions)


def test_first_name_with_its_own_description_is_someone_new(nlp):
    res = ents_of(
        nlp,
        "Former Spanish prime minister José Luis Rodríguez Zapatero is in Caracas. "
        "But José, a Caracas bus driver, said he would vote.",
    )
    assert by_surface(res, "José").key != by_surface(res, "José Luis Rodríguez Zapatero").key
