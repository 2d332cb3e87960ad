"""The dependency helpers (kgraph/extract/syntax.py) on real parses."""

from __future__ import annotations

import pytest

from kgraph.extract.pipeline import nlp_text
from kgraph.extract.syntax import (
    child,
    conj_chain,
    first_conjunct,
    governor,
    is_passive,
    object_of,
    of_object,
    pobj,
    subject_of,
    subtree_range,
)


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("Russia deployed troops to Belarus.", "deployed", "Russia"),
        ("The town was seized by Ukrainian forces.", "seized", "forces"),
        ("Kyiv urged the West to bolster its defences.", "bolster", "West"),
        ("Washington accused Russia of deploying troops.", "deploying", "Russia"),
        ("The Kremlin has denied sending troops.", "sending", "Kremlin"),
    ],
)
def test_subject_of(nlp, text, verb, subject):
    doc = nlp(nlp_text(text))
    assert subject_of(_tok(doc, verb)).text == subject


def test_objects_and_phrases(nlp):
    doc = nlp(nlp_text("Thousands of troops moved out of Mali and Niger."))
    assert of_object(_tok(doc, "Thousands")).text == "troops"
    out = _tok(doc, "out")
    assert pobj(out).text == "Mali"  # the inner preposition of "out of"
    mali = _tok(doc, "Mali")
    assert {doc[i].text for i in conj_chain(mali)} == {"Niger"}
    assert first_conjunct(_tok(doc, "Niger")).i == mali.i
    start, end = subtree_range(_tok(doc, "Thousands"))
    assert doc[start:end].text == "Thousands of troops"


def test_verbs_and_governors(nlp):
    doc = nlp(nlp_text("Ukraine launched an offensive. The city was captured."))
    launched = _tok(doc, "launched")
    assert object_of(launched).text == "offensive" and child(launched, "nsubj").text == "Ukraine"
    assert governor(_tok(doc, "offensive")) == (launched, "dobj")
    assert is_passive(_tok(doc, "captured")) and not is_passive(launched)
