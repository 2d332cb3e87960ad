"""Who speaks (`quotes/resolve.py`, pass "speakers")."""

from __future__ import annotations

from kgraph.extract.speakers import UNNAMED

from ._helpers import key_of, statements


def test_gendered_pronoun_takes_the_person_of_that_gender(nlp):
    text = "Angela Merkel met John Harlow in Berlin. {} said the talks had been useful."
    ents, (st,) = statements(nlp, text.format("She"))
    assert st.speaker == key_of(ents, "Angela Merkel")
    ents, (st,) = statements(nlp, text.format("He"))
    assert st.speaker == key_of(ents, "John Harlow")


def test_a_voice_speaks_for_its_principal(nlp):
    ents, (st,) = statements(nlp, "A spokeswoman for Hillary Clinton said the campaign would appeal.")
    assert st.speaker == key_of(ents, "Hillary Clinton")
    assert st.speaker_span.text == "A spokeswoman for Hillary Clinton"


def test_a_document_speaks_for_its_maker(nlp):
    ents, (st,) = statements(nlp, "The Reuters poll shows the mayor ahead by four points.")
    assert st.speaker == key_of(ents, "Reuters")


def test_a_description_nobody_fits_is_an_unnamed_speaker(nlp):
    _ents, (st,) = statements(nlp, "The army said it had repelled the attack.")
    assert st.speaker.startswith(UNNAMED + ":") and st.speaker.endswith(":army")
