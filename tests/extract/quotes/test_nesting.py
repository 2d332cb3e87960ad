"""Statements inside statements (`quotes/nesting.py`: relays, nested cues, datelines)."""

from __future__ import annotations

from ._helpers import key_of, statement, statements


def test_claims_nested_in_according_to_are_relayed(nlp):
    ents, sts = statements(nlp, "According to Interfax, the general said the bridge was destroyed.")
    inner = statement(sts, "the bridge")
    assert inner.reported_by == key_of(ents, "Interfax")


def test_citing_relays_the_cited_sources_claim(nlp):
    ents, (st,) = statements(nlp, "Interfax reported, citing a military source, that the convoy was hit.")
    assert st.text == "the convoy was hit" and st.reported_by == key_of(ents, "Interfax")


def test_dateline_agency_relays_what_follows(nlp):
    ents, (st,) = statements(nlp, "KYIV (Reuters) - Ukraine said it had shot down 20 drones.")
    assert st.speaker == key_of(ents, "Ukraine") and st.reported_by == key_of(ents, "Reuters")


def test_nested_noun_cue_without_speaker_is_part_of_the_outer_statement(nlp):
    _ents, sts = statements(nlp, "The ministry rejected the claim that its troops had crossed the border.")
    assert [(s.cue, s.text) for s in sts] == [("rejected", "the claim that its troops had crossed the border")]
