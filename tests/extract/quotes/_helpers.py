"""Helpers of the statement-pass tests: the real pipeline, a run stopped after a named pass."""

from __future__ import annotations

from kgraph.extract.doc_index import DocIndex
from kgraph.extract.entities import extract_entities
from kgraph.extract.pipeline import nlp_text
from kgraph.extract.quotes import PASSES, QuoteRun, extract_statements
from kgraph.extract.quotes.context import QuoteContext
from kgraph.lexicon import load_reporting_lexicon
from kgraph.read.article import Article


def parse(nlp, text):
    doc = nlp(nlp_text(text))
    return doc, extract_entities(doc)


def statements(nlp, text):
    doc, ents = parse(nlp, text)
    return ents, extract_statements(doc, ents, Article(source="test.txt", text=text))


def run_until(nlp, text, last: str) -> QuoteRun:
    """A `QuoteRun` over `text` after the passes up to and including the one named `last`."""
    names = [n for n, _ in PASSES]
    assert last in names, names
    doc, ents = parse(nlp, text)
    article = Article(source="test.txt", text=text)
    ctx = QuoteContext(doc, ents, load_reporting_lexicon(), article.id, DocIndex(doc))
    run = QuoteRun(ctx, text)
    for _name, step in PASSES[: names.index(last) + 1]:
        step(run)
    return run


def key_of(ents, surface):
    """The entity key a surface form in the text was resolved to."""
    for m in ents.mentions:
        if surface in m.span.text:
            return m.key
    raise AssertionError(f"no mention {surface!r} in {[m.span.text for m in ents.mentions]}")


def statement(sts, begins):
    for s in sts:
        if s.text.startswith(begins):
            return s
    raise AssertionError(f"no statement beginning {begins!r} in {[s.text for s in sts]}")
