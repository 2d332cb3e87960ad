"""One per-article index over a parsed Doc, built once and shared by the extractors.

`DocIndex(doc)` holds what every extractor looks up: the sentences and the sentence of each
token (`Token.sent` walks the Doc on every call), the paragraphs (a paragraph is a line),
the quotation marks (`find_quotes`, built on first use) and, once the entity stage is done
(`add_entities`), the mentions in token order with their paragraphs and the token -> entity
lookup.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

__all__ = ["Columns", "DocIndex", "MentionAt"]


class MentionAt(NamedTuple):
    """A mention by token range: `[start, end)` tokens, its entity key and type, its paragraph."""

    start: int
    end: int
    key: str
    type: str
    paragraph: int


class Columns(NamedTuple):
    """Token attributes of one Doc as lists by token index, read once: a pass that scans every
    token for a few words looks them up here and makes a `Token` only for those."""

    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    text: list[str]


# string hash -> the lower-case form (`Token.lower_`), the lower-cased lemma; POS id -> name
_LOWER: dict[int, str] = {}
_LEMMA: dict[int, str] = {}
_STRINGS_KEPT = 500_000
_POS: dict[int, str] = {int(k): v for k, v in POS_NAMES.items()}


class DocIndex:
    """Sentences, paragraphs, quotations and (after `add_entities`) mentions of one Doc."""

    def __init__(self, doc: Doc, text: str | None = None):
        """`text`: the string the Doc was made from (spaCy's Doc keeps it exactly), when the
        caller has it; else the Doc's text is rebuilt from its tokens, once."""
        self.doc = doc
        if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
            text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        # by column: a row-wise tolist() makes a list per token, several times slower
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        self.tok_starts: list[int] = starts  # token -> its character offset
        self.tok_ends: list[int] = [s + n for s, n in zip(starts, lengths)]  # token -> the end of its text
        self.sents: list[SpacySpan] = list(doc.sents)
        self.sent_of: list[int] = []
        for si, sent in enumerate(self.sents):
            self.sent_of += [si] * (sent.end - sent.start)
        self.ents = None
        self.mentions: list[MentionAt] = []
        self.token_key: dict[int, str] = {}
        self.etype: dict[str, str] = {}
        self.country_of: dict[str, str] = {}

    @cached_property
    def columns(self) -> Columns:
        """The token attributes by index (`Columns`), on first use: from the Doc's arrays, with
        the strings of their hashes kept across articles (a hash names one string), so that
        no `Token` is made and each word's string is looked up once per process."""
        doc, text = self.doc, self.text
        if not len(doc):
            return Columns([], [], [], [])
        lower, lemma, pos = doc.to_array([LOWER, LEMMA, POS]).T.tolist()
        strings = doc.vocab.strings
        if len(_LOWER) + len(_LEMMA) > _STRINGS_KEPT:
            _LOWER.clear()
            _LEMMA.clear()
        for h in set(lower).difference(_LOWER):
            _LOWER[h] = strings[h]
        for h in set(lemma).difference(_LEMMA):
            _LEMMA[h] = strings[h].lower()
        return Columns(
            [_LOWER[h] for h in lower],
            [_LEMMA[h] for h in lemma],
            [_POS[p] for p in pos],
            [text[s:e] for s, e in zip(self.tok_starts, self.tok_ends)],
        )

    # --- sentences and paragraphs --------------------------------------------------------
    def sent_span(self, tok: Token) -> SpacySpan:
        """The sentence holding `tok`."""
        return self.sents[self.sent_of[tok.i]]

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens `[start, end)`: `doc[start:end]`'s start_char, end_char."""
        return self.tok_starts[start], self.tok_ends[end - 1]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, without making the Span."""
        return self.text[self.tok_starts[start] : self.tok_ends[end - 1]] if end > start else ""

    def paragraph(self, char: int) -> int:
        """The number of the line holding character offset `char`."""
        return bisect.bisect_right(self.line_starts, char) - 1 if char >= 0 else 0

    def para_of(self, tok: Token) -> int:
        """The paragraph of a token."""
        return self.paragraph(tok.idx)

    # --- quotations ----------------------------------------------------------------------
    @cached_property
    def quotes(self) -> list:
        """The quotations of the text (`kgraph.extract.quotes.find_quotes`), on first use."""
        from .quotes import find_quotes

        return find_quotes(self.text)

    # --- entities ------------------------------------------------------------------------
    def add_entities(self, ents) -> DocIndex:
        """Index an `EntityResult`: types and countries by key, mentions by token range."""
        self.ents = ents
        self.token_key = ents.token_key
        self.etype = {e.key: e.type for e in ents.entities}
        self.country_of = {e.key: e.country for e in ents.entities if e.country}
        for m in ents.mentions:
            self.etype.setdefault(m.key, m.type)
        self.mentions = []
        for m in ents.mentions:
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is not None:
                self.mentions.append(MentionAt(span.start, span.end, m.key, m.type, self.paragraph(m.span.start)))
        return self

    def key(self, tok: Token) -> str | None:
        """The entity key of the mention holding `tok`."""
        return self.token_key.get(tok.i)

    def type_of(self, key: str | None) -> str | None:
        """The entity type of a key."""
        return self.etype.get(key) if key else None
