"""The statements of an article (`quotes/assemble.py`) and the order of the passes."""

from __future__ import annotations

from kgraph.extract.quotes import PASSES

from ._helpers import key_of, statements


def test_the_passes_run_in_order():
    assert [n for n, _ in PASSES] == [
        "cues",
        "learned cues",
        "elaborations",
        "attach quotations",
        "quotation drafts",
        "speakers",
        "texts",
        "relays",
        "nested noun cues",
        "inner claims",
        "datelines",
        "repeats",
        "records",
        "denials",
    ]


def test_the_same_words_twice_are_one_statement_with_two_spans(nlp):
    text = "Russia said the city had fallen.\nRussia said the city had fallen."
    _ents, (st,) = statements(nlp, text)
    assert st.span.start < st.extra_spans[0].start
    assert text[st.extra_spans[0].start : st.extra_spans[0].end] == "the city had fallen"


def test_a_denial_points_to_the_statement_it_denies(nlp):
    ents, sts = statements(nlp, "Russia said the city had fallen. Ukraine denied that the city had fallen.")
    assert [(s.speaker, s.stance, s.denies) for s in sts] == [
        (key_of(ents, "Russia"), "asserts", None),
        (key_of(ents, "Ukraine"), "denies", 0),
    ]


def test_statement_spans_quote_the_article(nlp):
    text = "The minister said that the bridge was destroyed."
    _ents, (st,) = statements(nlp, text)
    assert text[st.span.start : st.span.end] == st.text == "the bridge was destroyed"
    assert text[st.cue_span.start : st.cue_span.end] == "said"
