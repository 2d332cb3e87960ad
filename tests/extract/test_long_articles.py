"""A text longer than PIECE_CHARS is extracted in pieces (bounded memory) with offsets
into the whole text and one entity per real thing across the pieces (issue 14, item 5)."""

from __future__ import annotations

import pytest

import kgraph.extract as ex
from kgraph.errors import InputError
from kgraph.extract import extract_article
from kgraph.extract.pieces import split_pieces
from kgraph.read.article import Article

PARA = "Ukrainian President Volodymyr Zelenskiy said Russian troops had shelled Kharkiv.\n\n"
LATER = "Zelenskiy said the attack on Kharkiv had killed three people.\n\n"


def test_pieces_cover_the_text_and_cut_at_paragraph_ends():
    text = "Shelling report\n\n" + PARA * 40
    ranges = split_pieces(text, 500)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(e - s <= 500 for s, e in ranges)
    assert all(text[e - 2 : e] == "\n\n" for _, e in ranges[:-1])


def test_a_text_that_cannot_be_cut_is_refused():
    with pytest.raises(InputError, match=r"long\.txt: 500 characters from offset 0 hold no line break"):
        split_pieces("x" * 2000, 500, name="long.txt")


def test_long_article_is_extracted_in_pieces(nlp, monkeypatch):
    monkeypatch.setattr(ex, "PIECE_CHARS", 400)
    text = "Shelling report\n\n" + PARA * 8 + LATER * 8
    assert len(split_pieces(text, 400)) >= 3
    res = extract_article(Article(source="long.txt", text=text, title="Shelling report", body_start=17), nlp)
    for m in res.mentions:
        assert text[m.span.start : m.span.end] == m.span.text
    for s in res.statements:
        assert text[s.span.start : s.span.end] == s.span.text
    for e in res.entities:
        assert all(text[sp.start : sp.end] == sp.text for sp in e.mentions)
    people = [e for e in res.entities if e.type == "Person"]
    assert [e.label for e in people] == ["Volodymyr Zelenskiy"]  # the surname in later pieces is the same man
    speakers = {s.speaker for s in res.statements if s.cue == "said"}
    assert speakers == {people[0].key}
    said = [s for s in res.statements if s.cue == "said"]
    assert len(said) == 2 and sorted(1 + len(s.extra_spans) for s in said) == [8, 8]  # repeats are one statement
    assert len({m.sent for m in res.mentions}) == 16  # sentence numbers run over the whole article


def test_pieces_give_what_the_whole_gives(nlp, monkeypatch):
    text = "Shelling report\n\n" + PARA * 6
    art = Article(source="long.txt", text=text, title="Shelling report", body_start=17)
    whole = extract_article(art, nlp)
    monkeypatch.setattr(ex, "PIECE_CHARS", 200)
    pieces = extract_article(art, nlp)
    assert {e.key for e in pieces.entities} == {e.key for e in whole.entities}
    assert [(s.speaker, s.text, s.span) for s in pieces.statements] == [
        (s.speaker, s.text, s.span) for s in whole.statements
    ]
