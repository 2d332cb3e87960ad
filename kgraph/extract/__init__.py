"""The extraction stage: spaCy Docs in, plain records (`kgraph.extract.records`) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from ..errors import KGraphError
from ..read.article import Article
from .doc_index import DocIndex
from .entities import EntityResult, extract_entities
from .events import extract_events
from .pipeline import load_pipeline, nlp_text
from .quotes import extract_statements
from .speakers import speaker_entities
from .records import Extraction

__all__ = ["extract_article", "extract_articles", "extract_doc", "load_pipeline", "EntityResult"]


def extract_doc(doc, article: Article) -> Extraction:
    """All records of one article from its processed Doc (one `DocIndex` shared by the stages)."""
    index = DocIndex(doc)
    ents = extract_entities(doc, title_end=article.body_start, index=index)
    index.add_entities(ents)
    statements = extract_statements(doc, ents, article)
    events = extract_events(doc, ents, statements, article, index=index)
    unnamed = speaker_entities(statements, {e.key for e in ents.entities})
    return Extraction(article.id, tuple(ents.entities) + tuple(unnamed), tuple(ents.mentions), tuple(ents.roles),
                      tuple(statements), tuple(events))


def extract_articles(articles: Iterable[Article], nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[tuple[Article, Extraction]]:
    """Run the pipeline over articles in batches (`nlp.pipe`), yielding each with its records
    as soon as it is done (Docs are not held beyond their batch)."""
    nlp = nlp or load_pipeline()
    arts = list(articles)
    limit = min(nlp.max_length, CHUNK_CHARS)
    docs = nlp.pipe((nlp_text(a.text) for a in arts if len(a.text) <= limit), batch_size=batch_size)
    for article in arts:
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
