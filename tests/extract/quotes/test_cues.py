"""Reporting cues and their drafts (`quotes/cues.py`, pass "cues")."""

from __future__ import annotations

from ._helpers import run_until, statements


def _drafts(nlp, text):
    return run_until(nlp, text, "cues").drafts


def test_source_phrase_speaks_the_rest_of_its_clause(nlp):
    (d,) = _drafts(nlp, "According to the ministry, two drones were shot down overnight.")
    assert d.cue_text == "According to" and d.source_phrase and d.relay
    assert d.speaker_tok.text == "ministry"


def test_citing_makes_the_cited_source_speak_and_the_host_relay(nlp):
    (d,) = _drafts(nlp, "Interfax reported, citing a military source, that the convoy was hit.")
    assert d.cue_text == "reported"
    assert d.speaker_tok.text == "source" and d.relayer_tok.text == "Interfax"


def test_declining_to_comment_is_a_statement_without_content(nlp):
    (d,) = _drafts(nlp, "The Kremlin declined to comment.")
    assert (d.cue_text, d.stance) == ("declined to comment", "neither")


def test_a_passive_cue_about_people_is_no_ones_statement(nlp):
    assert _drafts(nlp, "Three men are being questioned by police.") == []
    _ents, sts = statements(nlp, "Three men are being questioned by police.")
    assert sts == []


def test_noun_cue_with_a_that_clause_is_a_draft(nlp):
    drafts = _drafts(nlp, "The ministry rejected the claim that its troops had crossed the border.")
    assert [d.cue_text for d in drafts] == ["rejected", "claim"]
    assert drafts[0].stance == "denies"
