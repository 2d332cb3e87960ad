"""The per-article state the event rules share: the document index, dates, quantities."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ...lexicon import word_classes
from ..antecedents import Antecedents, pronoun_table
from ..dates import TimeExpression, find_dates
from ..doc_index import DocIndex
from ..entities import load_lexicon
from ..quantities import find_quantities
from ..records import Quantity, Statement
from .lexicon import load_event_lexicon
from .lookups import EntityLookups

__all__ = ["EventContext"]


class EventContext(EntityLookups):
    """The `DocIndex` of one article and what only the event rules need on top of it."""

    def __init__(self, index: DocIndex, statements: Sequence[Statement], published: str | None):
        self.index = index
        self.doc = doc = index.doc
        self.ents = index.ents
        self.text = text = index.text
        self.lex = load_event_lexicon()
        self.words = word_classes()
        self.possessives = pronoun_table("poss")
        self.subject_pronouns = pronoun_table("subj")
        self.antecedents = Antecedents(index)
        self.force_nouns = load_lexicon().force_nouns
        self.published = published
        self.statements = statements
        self.etype = index.etype
        self.country_of = index.country_of
        self.mentions = index.mentions  # (start token, end token, key, type, paragraph), by start
        self.sent_span = index.sent_span
        self.paragraph = index.paragraph
        self.para_of = index.para_of
        self.dates = find_dates(text, published)
        self.date_at: dict[int, TimeExpression] = {}
        for d in self.dates:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.date_at[t.i] = d
        self.quantity_of: dict[int, Quantity] = {}
        self.quantity_tokens: set[int] = set()
        for s, e, q in find_quantities(text, dates=self.dates):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            self.quantity_tokens.update(range(span.start, span.end))
            noun = self._counted_noun(span.end)
            if noun is not None:
                self.quantity_of.setdefault(noun.i, q)
        self.deployed_forces: list[tuple[int, str]] = []  # (paragraph, force key) of deployments found

    def _counted_noun(self, i: int) -> Token | None:
        """The noun a number ending before token `i` counts ("200 artillery attacks" -> attacks)."""
        doc = self.doc
        for j in range(i, min(i + 6, len(doc))):
            t = doc[j]
            if t.is_punct and t.text not in ("-",):
                return None
            if t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") and t.lower_ != "of":
                return None
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod"):
                return t
        return None
