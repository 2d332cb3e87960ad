"""Entity lookups of the event rules (`lookups.py`): anaphoric places, pronouns, forces."""

from __future__ import annotations

from ._helpers import matches, only, run


def test_region_anaphor_resolves_to_named_region(nlp):
    text = (
        "Fighting continues in the Belgorod region.\n"
        "About 1,500 Chechen fighters were deployed to Russia's border areas. "
        "Russian artillery pounded villages in the region."
    )
    events, ents = run(nlp, text)
    shelling = only(events, "Shelling")
    assert matches(ents, shelling.place, "Belgorod region")
