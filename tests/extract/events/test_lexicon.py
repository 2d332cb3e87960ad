"""The event lexicon (`lexicon.py`) and the event types of `ontology/event_types.tsv`."""

from __future__ import annotations

from kgraph.extract.events import EVENT_TYPES, load_event_lexicon


def test_event_types_are_the_ontology_classes():
    from kgraph.paths import ontology_dir

    rows = [
        ln.split("\t")
        for ln in (ontology_dir() / "event_types.tsv").read_text(encoding="utf-8").splitlines()
        if ln and not ln.startswith("#")
    ]
    header, body = rows[0], rows[1:]
    assert header == ["class", "parent", "acled_event_type", "acled_sub_event_type", "plover", "description"]
    classes = {r[0] for r in body}
    assert classes == set(EVENT_TYPES)
    assert all(r[1] == "Event" or r[1] in classes for r in body)
    lex = load_event_lexicon()
    used = {t.cls for ts in (*lex.verbs.values(), *lex.nouns.values()) for t in ts}
    assert used <= classes
    assert {cls for _w, (_n, cls) in lex.weapons.items()} <= classes
