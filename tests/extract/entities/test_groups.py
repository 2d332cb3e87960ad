"""Speaker groups (`groups.py`): group nouns that report, and whose group they are."""

from __future__ import annotations

import pytest

from ._helpers import by_surface, ents_of


def test_group_speaker_without_country(nlp):
    res = ents_of(nlp, "Authorities said the road would reopen.")
    assert by_surface(res, "Authorities").type == "Group"


def test_unnamed_police_is_a_group(nlp):
    res = ents_of(nlp, "Police said the suspect had fled on a bicycle.")
    assert by_surface(res, "Police").type == "Group"


def test_groups_keep_their_owner(nlp):
    res = ents_of(nlp, "Zelenskiy aides said the talks failed, while Putin aides said they went well.")
    groups = sorted(e.label for e in res.entities if e.type == "Group")
    assert groups == ["Putin aides", "Zelenskiy aides"]
    assert any(e.label == "Vladimir Putin" or e.label == "Putin" for e in res.entities)
    res = ents_of(nlp, "Clinton supporters have questioned the timing. Trump supporters said the debate was rigged.")
    assert sorted(e.label for e in res.entities if e.type == "Group") == ["Clinton supporters", "Trump supporters"]


@pytest.mark.parametrize(
    "text, group, body",
    [
        (
            "Analysts at the Institute for the Study of War said Russian forces were advancing.",
            "Analysts at the Institute for the Study of War",
            "Institute for the Study of War",
        ),
        ("Officials from Hamas said the talks had stalled.", "Officials from Hamas", "Hamas"),
    ],
)
def test_group_speaking_from_inside_a_body_belongs_to_it(nlp, text, group, body):
    res = ents_of(nlp, text)
    g = next(e for e in res.entities if e.label == group)
    assert g.type == "Group" and g.country == by_surface(res, body).key
