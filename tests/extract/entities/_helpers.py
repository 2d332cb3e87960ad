"""Helpers of the entity tests: run the real pipeline, find an entity by a surface form."""

from __future__ import annotations

from kgraph.extract.entities import extract_entities
from kgraph.extract.pipeline import nlp_text


def ents_of(nlp, text):
    return extract_entities(nlp(nlp_text(text)))


def by_surface(res, surface):
    """The entity a surface form was resolved to."""
    for m in res.mentions:
        if m.span.text == surface:
            return next(e for e in res.entities if e.key == m.key)
    raise AssertionError(f"no mention {surface!r} in {[m.span.text for m in res.mentions]}")
