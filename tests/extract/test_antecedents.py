"""The one antecedent resolver of statements and events (`kgraph/extract/antecedents.py`)."""

from __future__ import annotations

import pytest

from kgraph.extract.antecedents import (
    ACTOR,
    SPEAKER,
    Antecedents,
    pronoun_fits,
    pronoun_table,
    pronoun_types,
)
from kgraph.extract.doc_index import DocIndex
from kgraph.extract.entities import extract_entities
from kgraph.extract.pipeline import nlp_text
from kgraph.extract.quotes.context import QuoteContext
from kgraph.lexicon import load_reporting_lexicon


def _index(nlp, text):
    doc = nlp(nlp_text(text))
    ents = extract_entities(doc)
    return DocIndex(doc).add_entities(ents), ents


def _key(ents, surface):
    return next(m.key for m in ents.mentions if surface in m.span.text)


def test_one_table_keyed_by_use():
    # the speaker of a statement and the actor of an event read the same file, by use
    assert pronoun_types("He", "speaker") == ("Person",)
    assert pronoun_types("its", "poss") == pronoun_table("poss")["its"]
    assert "MilitaryForce" in pronoun_types("it", "subj")
    assert "MilitaryForce" not in pronoun_types("it", "speaker")
    assert pronoun_types("the", "speaker") is None


def test_gendered_pronouns_fit_by_title_and_given_name():
    assert pronoun_fits("she", ("Mrs. Anna Kowalski",))
    assert not pronoun_fits("he", ("Mrs. Anna Kowalski",))
    assert pronoun_fits("he", ("Kowalski",))  # unknown gender never rules a person out
    assert pronoun_fits("they", ("Angela Merkel",))
    # a name borne by both ("Terry", "Robin"), or a family name first ("Kim Jong Un"), says nothing
    assert pronoun_fits("she", ("Terry Strada",)) and pronoun_fits("he", ("Terry Strada",))
    assert pronoun_fits("he", ("Kim Jong Un",))
    assert not pronoun_fits("she", ("John Harlow",))
    # one word: a woman's given name says so; a man's may be a surname ("Clinton")
    assert not pronoun_fits("he", ("Melanie",))
    assert pronoun_fits("she", ("Clinton",))


def test_actor_policy_is_the_nearest_fitting_mention(nlp):
    index, ents = _index(nlp, "Russia massed troops near Ukraine. Its forces launched an assault.")
    its = next(t for t in index.doc if t.text == "Its")
    got = Antecedents(index).find(its, ("Country",), ACTOR)
    assert got == _key(ents, "Ukraine")  # the nearest Country before it


def test_actor_policy_stays_in_the_paragraph(nlp):
    index, _ents = _index(nlp, "Russia massed troops.\n\nThe weather was cold.\n\nIts forces attacked.")
    its = next(t for t in index.doc if t.text == "Its")
    assert Antecedents(index).find(its, ("Country",), ACTOR) is None


def test_speaker_policy_checks_gender_and_prefers_subjects(nlp):
    text = "Angela Merkel met John Harlow in Berlin. She said the talks had been useful."
    index, ents = _index(nlp, text)
    ctx = QuoteContext(index.doc, ents, load_reporting_lexicon(), "a", index)
    she = next(t for t in index.doc if t.text == "She")
    res = ctx.antecedents
    assert res.find(she, pronoun_types("she", "speaker"), SPEAKER, quotes=ctx) == _key(ents, "Angela Merkel")
    # the actor policy has no gender check: the nearest Person
    assert res.find(she, ("Person",), ACTOR) == _key(ents, "John Harlow")


def test_speaker_policy_skips_mentions_inside_other_quotations(nlp):
    text = 'Angela Merkel spoke first. "John Harlow is wrong," she added.\nLater he said the talks were over.'
    index, ents = _index(nlp, text)
    ctx = QuoteContext(index.doc, ents, load_reporting_lexicon(), "a", index)
    he = next(t for t in index.doc if t.text == "he")
    assert ctx.antecedents.find(he, ("Person",), SPEAKER, quotes=ctx) is None


def test_resolver_needs_the_entities(nlp):
    doc = nlp("Nothing here.")
    with pytest.raises(ValueError, match="add_entities"):
        Antecedents(DocIndex(doc))


def test_speaker_policy_plural_pronoun_under_a_group_subject_is_that_group(nlp):
    # "they" under a verb whose subject is an unnamed group of its own sentence is that
    # group, not the organisation named in the sentence before
    first = "Amnesty International published a report on Monday. "
    cases = [
        ("The activists are trying to contrast the plan with what they call the government's failures.", None),
        ("Officials said they believe the convoy was attacked.", "Officials"),  # a group mention
        ("They said the figures were wrong.", "Amnesty International"),  # no group in between
    ]
    for second, want in cases:
        index, ents = _index(nlp, first + second)
        ctx = QuoteContext(index.doc, ents, load_reporting_lexicon(), "a", index)
        they = next(t for t in index.doc if t.lower_ == "they")
        got = ctx.antecedents.find(they, pronoun_types("they", "speaker"), SPEAKER, quotes=ctx)
        assert got == (want and _key(ents, want)), second
