"""The entity stage as a whole (`extract_entities` and its `PASSES`): held-out pitfalls."""

from __future__ import annotations

import pytest

from ._helpers import ents_of


@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("Many African-American voters backed her in Ohio.", "Africa", "African-American"),
        ("He wants to renegotiate the North American Free Trade Agreement with Mexico.", "North America", None),
        (
            "Former President Bill Clinton will travel to Broward and St. Lucie counties on Friday.",
            None,
            "Bill Clinton",
        ),
    ],
)
def test_held_out_pitfalls(nlp, text, absent, present):
    res = ents_of(nlp, text)
    labels = {e.label: e.type for e in res.entities}
    if absent:
        assert absent not in labels
    assert "Free Trade Agreement" not in labels
    if present == "Bill Clinton":
        assert labels.get("Bill Clinton") == "Person"
    elif present:
        assert present in labels


def test_safety_of_the_context_rules(nlp):
    res = ents_of(nlp, "Drones hit a Wagner camp near Bakhmut, and Sam said it burned.")
    labels = {e.label: e.type for e in res.entities}
    assert labels.get("Sam") == "Person"  # a name, not the acronym SAM
    assert "Wagner camp" not in labels


def test_passes_run_in_order():
    from kgraph.extract.entities import PASSES

    names = [name for name, _fn in PASSES]
    assert names[0] == "model entities" and names[-3:] == ["drop non-entities", "own institutions", "group owners"]
    assert names.index("merge person names") < names.index("roles") < names.index("role nominals")
    assert len(set(names)) == len(names)
