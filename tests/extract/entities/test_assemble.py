"""Candidates to records (`assemble.py`): mentions point into the text."""

from __future__ import annotations

from ._helpers import ents_of


def test_mentions_point_into_the_text(nlp):
    text = "Ukrainian President Volodymyr Zelenskiy met NATO leaders in Brussels."
    res = ents_of(nlp, text)
    assert res.mentions
    for m in res.mentions:
        assert text[m.span.start : m.span.end] == m.span.text
