"""The per-article index (kgraph/extract/doc_index.py) on real parses."""

from __future__ import annotations

from kgraph.extract.doc_index import DocIndex
from kgraph.extract.entities import extract_entities
from kgraph.extract.pipeline import nlp_text

TEXT = 'Russia sent troops. Kyiv said "they arrived".\nUkraine\'s army answered.'


def test_sentences_and_paragraphs(nlp):
    doc = nlp(nlp_text(TEXT))
    ix = DocIndex(doc)
    assert [s.text for s in ix.sents][0] == "Russia sent troops."
    assert all(ix.sent_span(t).start <= t.i < ix.sent_span(t).end for t in doc)
    assert [ix.sent_of[t.i] for t in doc] == [next(i for i, s in enumerate(doc.sents) if t in s) for t in doc]
    army = next(t for t in doc if t.text == "army")
    assert ix.para_of(doc[0]) == 0 and ix.para_of(army) == 1
    assert ix.paragraph(TEXT.index("\n")) == 0 and ix.paragraph(TEXT.index("\n") + 1) == 1


def test_quotations_are_found_once(nlp):
    ix = DocIndex(nlp(nlp_text(TEXT)))
    (q,) = ix.quotes
    assert TEXT[q.start : q.end] == "they arrived"
    assert ix.quotes is ix.quotes  # built on first use, then kept


def test_mentions_by_token_after_the_entity_stage(nlp):
    doc = nlp(nlp_text(TEXT))
    ix = DocIndex(doc)
    ents = extract_entities(doc, index=ix)
    ix.add_entities(ents)
    starts = [m.start for m in ix.mentions]
    assert starts == sorted(starts) and len(ix.mentions) == len(ents.mentions)
    russia = ix.key(doc[0])
    assert russia and ix.type_of(russia) == "Country"
    assert {m.key for m in ix.mentions if m.paragraph == 1} >= {ix.key(t) for t in doc if t.text == "Ukraine"}
