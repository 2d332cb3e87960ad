"""Helpers of the event tests: run the real pipeline, compare events by surface forms.

Expected arguments are written as surface forms; an event's entity key matches when one
of the entity's names (label, aliases, mentions) is that form, so the tables do not
depend on how the gazetteer spells its keys.
"""

from __future__ import annotations

from kgraph.extract.entities import extract_entities
from kgraph.extract.events import extract_events
from kgraph.extract.pipeline import nlp_text
from kgraph.read.article import Article

PUB = "2024-11-18"  # a Monday


def run(nlp, text, published=PUB, statements=()):
    doc = nlp(nlp_text(text))
    ents = extract_entities(doc)
    events = extract_events(doc, ents, list(statements), Article(source="test", text=text, published=published))
    return events, ents


def names(ents, key):
    """Every surface form of an entity key, casefolded (a derived "force:<country>" key: the country's)."""
    if key is None:
        return set()
    by_key = {e.key: e for e in ents.entities}
    if key not in by_key and key.startswith("force:"):
        key = key[len("force:") :]
    e = by_key.get(key)
    if e is None:
        return {key.casefold()}
    forms = {e.label, *e.aliases, *(m.text for m in e.mentions)}
    return {f.casefold() for f in forms}


def matches(ents, key, surface):
    return surface.casefold() in names(ents, key)


def check(event, ents, expected):
    for field, want in expected.items():
        if field == "type":
            assert event.type == want
        elif field in ("actors", "targets"):
            got = getattr(event, field)
            for surface in want:
                assert any(matches(ents, k, surface) for k in got), (field, surface, got)
        elif field in ("force", "place"):
            got = getattr(event, field)
            if want is None:
                assert got is None, (field, got)
            else:
                assert matches(ents, got, want), (field, want, got)
        elif field == "quantity":
            q = event.quantity
            assert q is not None, "no quantity"
            assert (q.value, q.min_value, q.max_value, q.qualifier) == want
        elif field == "status":
            assert dict(event.attributes).get("status") == want
        else:
            assert getattr(event, field) == want, (field, getattr(event, field))


def only(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, f"no {typ} in {[e.type for e in events]}"
    return found[0]
