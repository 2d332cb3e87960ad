"""The last passes (`filters.py`): a country's own institution, a group's owner."""

from __future__ import annotations

from ._helpers import by_surface, ents_of


def test_owner_group_is_affiliated_with_its_owner(nlp):
    res = ents_of(nlp, "Hillary Clinton spoke on Monday. Clinton supporters have questioned the timing.")
    group = next(e for e in res.entities if e.label == "Clinton supporters")
    assert group.country == by_surface(res, "Hillary Clinton").key


def test_a_countrys_institution_belongs_to_it(nlp):
    res = ents_of(nlp, "Ukraine's General Staff said one thing. Russia's General Staff said another.")
    staffs = [e for e in res.entities if e.label == "General Staff"]
    assert sorted(e.country for e in staffs) == ["wd:Q159", "wd:Q212"]
    one = ents_of(
        nlp,
        "Ukraine's General Staff said its troops repelled 32 attacks. The General Staff added that fighting continued.",
    )
    assert len([e for e in one.entities if e.label == "General Staff"]) == 1
