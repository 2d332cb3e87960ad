"""Quotations as statements (`quotes/quote_drafts.py` and `quotes/adjacent.py`)."""

from __future__ import annotations

from ._helpers import key_of, statements


def test_quotation_after_the_attribution_continues_it(nlp):
    ents, sts = statements(nlp, '"We will not retreat," Zelenskiy said. "Not one step."')
    (st,) = sts
    assert (st.kind, st.cue, st.speaker) == ("direct", "said", key_of(ents, "Zelenskiy"))
    assert st.text == '"We will not retreat," Zelenskiy said. "Not one step."'


def test_split_quotation_is_one_statement(nlp):
    _ents, sts = statements(nlp, '"We will not retreat," Zelenskiy said, "not one step back."')
    assert [s.text for s in sts] == ['"We will not retreat," Zelenskiy said, "not one step back."']


def test_quotation_opening_a_paragraph_continues_the_last_speaker(nlp):
    text = (
        'Zelenskiy said on Monday: "The front is holding."\n'
        '"Our soldiers are holding every position and we need more shells."'
    )
    ents, sts = statements(nlp, text)
    assert [s.text for s in sts] == [
        "The front is holding.",
        "Our soldiers are holding every position and we need more shells.",
    ]
    assert {s.speaker for s in sts} == {key_of(ents, "Zelenskiy")}
    assert all(s.kind == "direct" for s in sts)


def test_labelled_turn_is_the_labels_statement(nlp):
    ents, sts = statements(nlp, "Volodymyr Zelenskiy spoke on Monday.\nZELENSKIY: We will hold every position.")
    (st,) = sts
    assert (st.cue, st.kind, st.text) == (":", "direct", "We will hold every position.")
    assert st.speaker == key_of(ents, "Volodymyr Zelenskiy")


def test_a_label_naming_no_entity_is_no_turn(nlp):
    _ents, sts = statements(nlp, "PENCE: Well, I think we will win this state.")
    assert all(s.cue != ":" for s in sts)
