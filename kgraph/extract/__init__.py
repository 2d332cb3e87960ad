"""The extraction stage: spaCy Docs in, plain records (`kgraph.extract.records`) out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from ..errors import KGraphError
from ..read.article import Article
from .entities import EntityResult, extract_entities
from .events import extract_events
from .pipeline import load_pipeline, nlp_text
from .quotes import extract_statements
from .records import Extraction

__all__ = ["SUPPORTED_LANGUAGES", "extract_article", "extract_articles", "extract_doc", "load_pipeline",
           "supports", "EntityResult"]

#: Languages the extractors are written for; an article in another is stored with its text only.
SUPPORTED_LANGUAGES = ("en",)
_log = logging.getLogger(__name__)


def supports(article: Article) -> bool:
    """Whether the extractors read `article`'s language (an unknown language is taken as English)."""
    return article.language is None or article.language in SUPPORTED_LANGUAGES


def extract_doc(doc, article: Article) -> Extraction:
    """All records of one article from its processed Doc."""
    ents = extract_entities(doc, title_end=article.body_start)
    statements = extract_statements(doc, ents, article)
    events = extract_events(doc, ents, statements, article)
    return Extraction(article.id, tuple(ents.entities), tuple(ents.mentions), tuple(ents.roles),
                      tuple(statements), tuple(events))


def extract_articles(articles: Iterable[Article], nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[tuple[Article, Extraction]]:
    """Run the pipeline over articles in batches (`nlp.pipe`), yielding each with its records
    as soon as it is done (Docs are not held beyond their batch)."""
    nlp = nlp or load_pipeline()
    arts = list(articles)
    limit = min(nlp.max_length, CHUNK_CHARS)
    docs = nlp.pipe((nlp_text(a.text) for a in arts if len(a.text) <= limit and supports(a)),
                    batch_size=batch_size)
    for article in arts:
        if not supports(article):
            _log.warning("%s: the article is in language %r; entity and statement extraction supports "
                         "English only, so the article is stored with its text and nothing extracted",
                         article.source, article.language)
            yield article, Extraction(article.id, (), (), (), (), ())
            continue
        doc = next(docs) if len(article.text) <= limit else _long_doc(nlp, nlp_text(article.text), limit)
        yield article, extract_doc(doc, article)


CHUNK_CHARS = 200_000  # longer texts are parsed in pieces cut at line ends, then joined


def _long_doc(nlp: Language, text: str, limit: int):
    """Parse a text longer than the pipeline takes at once: cut it at line ends into pieces
    of at most `limit` characters, parse them, and join the Docs (same text, same offsets)."""
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs keeps the text when pieces end at line ends
        raise KGraphError("could not parse a long article in pieces without changing its text")
    return doc


def extract_article(article: Article, nlp: Language | None = None) -> Extraction:
    """Records of a single article."""
    return next(extract_articles([article], nlp))[1]
