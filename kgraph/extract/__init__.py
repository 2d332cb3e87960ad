"""The extraction stage: spaCy Docs in, plain records (`kgraph.extract.records`) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from ..read.article import Article
from .entities import EntityResult, extract_entities
from .events import extract_events
from .pipeline import load_pipeline, nlp_text
from .quotes import extract_statements
from .records import Extraction, Span

__all__ = ["extract_article", "extract_articles", "extract_doc", "load_pipeline", "EntityResult"]


def extract_doc(doc, article: Article) -> Extraction:
    """All records of one article from its processed Doc."""
    ents = extract_entities(doc, title_end=article.body_start)
    statements = extract_statements(doc, ents, article)
    events = extract_events(doc, ents, statements, article)
    sentences = tuple(Span(s.start_char, s.end_char, s.text) for s in doc.sents)
    return Extraction(article.id, tuple(ents.entities), tuple(ents.mentions), tuple(ents.roles),
                      tuple(statements), tuple(events), sentences)


def extract_articles(articles: Iterable[Article], nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[tuple[Article, Extraction]]:
    """Run the pipeline over articles in batches (`nlp.pipe`), yielding each with its records."""
    nlp = nlp or load_pipeline()
    arts = list(articles)
    docs = nlp.pipe((nlp_text(a.text) for a in arts), batch_size=batch_size)
    for article, doc in zip(arts, docs):
        yield article, extract_doc(doc, article)


def extract_article(article: Article, nlp: Language | None = None) -> Extraction:
    """Records of a single article."""
    return next(extract_articles([article], nlp))[1]
