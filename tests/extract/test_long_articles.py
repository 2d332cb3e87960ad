"""A text longer than the pipeline takes at once is parsed in pieces with the same offsets."""

from __future__ import annotations

from kgraph.extract import _long_doc, extract_article
from kgraph.extract.pipeline import nlp_text
from kgraph.read.article import Article

PARA = "Ukrainian President Volodymyr Zelenskiy said Russian troops had shelled Kharkiv.\n\n"


def test_pieces_join_to_the_same_text_and_offsets(nlp):
    text = "Shelling report\n\n" + PARA * 40
    doc = _long_doc(nlp, nlp_text(text), limit=500)
    assert doc.text == text
    whole = nlp(nlp_text(text))
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in whole.ents]


def test_long_article_is_extracted(nlp, monkeypatch):
    import kgraph.extract as ex
    monkeypatch.setattr(ex, "CHUNK_CHARS", 600)
    text = "Shelling report\n\n" + PARA * 20
    res = extract_article(Article(source="long.txt", text=text, title="Shelling report", body_start=17), nlp)
    assert len([s for s in res.statements if s.cue == "said"]) >= 1
    for m in res.mentions:
        assert text[m.span.start:m.span.end] == m.span.text
