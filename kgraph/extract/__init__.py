"""The extraction stage: spaCy Docs in, plain records (`kgraph.extract.records`) out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from ..read.article import Article
from .doc_index import DocIndex
from .entities import EntityResult, extract_entities
from .events import extract_events
from .pieces import PIECE_CHARS, join_extractions, piece_article, split_pieces
from .pipeline import load_pipeline, nlp_text
from .quotes import extract_statements
from .records import Extraction
from .speakers import speaker_entities

__all__ = [
    "SUPPORTED_LANGUAGES",
    "extract_article",
    "extract_articles",
    "extract_doc",
    "load_pipeline",
    "supports",
    "EntityResult",
]

#: Languages the extractors are written for; an article in another is stored with its text only.
SUPPORTED_LANGUAGES = ("en",)
_log = logging.getLogger(__name__)


def supports(article: Article) -> bool:
    """Whether the extractors read `article`'s language (an unknown language is taken as English)."""
    return article.language is None or article.language in SUPPORTED_LANGUAGES


def extract_doc(doc, article: Article, text: str | None = None) -> Extraction:
    """All records of one article from its processed Doc (one `DocIndex` shared by the stages);
    `text` is the string the Doc was made from, when the caller has it (`DocIndex`)."""
    index = DocIndex(doc, text)
    ents = extract_entities(doc, title_end=article.body_start, index=index, text=article.text)
    index.add_entities(ents)
    statements = extract_statements(doc, ents, article, index=index)
    events = extract_events(doc, ents, statements, article, index=index)
    unnamed = speaker_entities(statements, {e.key for e in ents.entities})
    return Extraction(
        article.id,
        tuple(ents.entities) + tuple(unnamed),
        tuple(ents.mentions),
        tuple(ents.roles),
        tuple(statements),
        tuple(events),
    )


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 16,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[tuple[Article, Extraction]]:
    """Run the pipeline over articles in batches (`nlp.pipe`), yielding each with its records
    as soon as it is done (Docs are not held beyond their batch). An article longer than
    PIECE_CHARS is extracted piece by piece (`kgraph.extract.pieces`), so its memory is
    that of one piece. With `on_error`, an article whose extraction fails is passed to it
    and skipped, and the others go on; without, the error propagates."""
    nlp = nlp or load_pipeline()
    arts = list(articles)
    limit = min(nlp.max_length, PIECE_CHARS)
    texts = (nlp_text(a.text) for a in arts if len(a.text) <= limit and supports(a))
    # each Doc with its text (spaCy's tokenizer keeps the text: it need not be rebuilt from the Doc)
    docs = nlp.pipe(((t, t) for t in texts), batch_size=batch_size, as_tuples=True)
    for article in arts:
        if not supports(article):
            _log.warning(
                "%s: the article is in language %r; entity and statement extraction supports "
                "English only, so the article is stored with its text and nothing extracted",
                article.source,
                article.language,
            )
            yield article, Extraction(article.id, (), (), (), (), ())
            continue
        try:
            if len(article.text) <= limit:
                doc, text = next(docs)
                ex = extract_doc(doc, article, text)
            else:
                ex = _extract_long(nlp, article, limit)
        except Exception as exc:  # noqa: BLE001 - reported through on_error, the batch goes on
            if on_error is None:
                raise
            on_error(article, exc)
            continue
        yield article, ex


def _extract_long(nlp: Language, article: Article, limit: int) -> Extraction:
    """Records of a long article, extracted piece by piece with offsets into the whole text."""
    ranges = split_pieces(article.text, limit, name=article.url or article.source)

    def parts():
        for start, end in ranges:
            piece = article.text[start:end]
            text = nlp_text(piece)
            doc = nlp(text)
            ex = extract_doc(doc, piece_article(article, piece, start), text)
            n_sents = sum(1 for _ in doc.sents)
            del doc  # the next piece starts from nothing
            yield start, ex, n_sents

    return join_extractions(article, parts())


def extract_article(article: Article, nlp: Language | None = None) -> Extraction:
    """Records of a single article."""
    return next(extract_articles([article], nlp))[1]
