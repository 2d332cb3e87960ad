"""The records of a question and its answer: `Question`, the structured query a question
parses into (never SPARQL text), and `Answer` (with `Pair` for "disagree")."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import QueryError
from ..quotes import Quote
from .registry import forms_text
from .verbs import DENIAL, SPEECH, cue_stem, lexicon

__all__ = ["UnparsedQuestion", "Question", "Pair", "Answer"]


class UnparsedQuestion(QueryError):
    """A question none of the understood forms matches."""

    def __init__(self, question: str):
        self.question = question
        super().__init__(f"cannot parse the question {question!r}; kgraph ask understands:\n" + forms_text())


@dataclass(frozen=True)
class Question:
    """A parsed question: the structured query `answer` runs."""

    form: str
    verb: str | None = None  # reporting verb lemma
    speakers: tuple[str, ...] = ()  # names or descriptions (two for "disagree")
    about: str | None = None  # a topic: an entity name or any words
    outlet: str | None = None  # "What did SOURCE report?"
    text: str | None = None  # "Who said that TEXT?", "Did X say that TEXT?"
    since: str | None = None  # ISO date (inclusive), of the article
    until: str | None = None
    where: str | None = None  # "in ARTICLE/OUTLET"
    about_with_where: str | None = None  # the topic with "in ..." kept, when that names no article or outlet

    @property
    def speaker(self) -> str | None:
        return self.speakers[0] if self.speakers else None

    @property
    def stances(self) -> tuple[str, ...]:
        return DENIAL if self.verb in lexicon()[1] else ()

    @property
    def cue(self) -> str | None:
        """The cue substring a specific verb asks for ("warn" -> "warn", "accuse" -> "accus")."""
        v = self.verb
        if v is None or v in SPEECH or v == "report" or v in lexicon()[1]:
            return None
        return cue_stem(v)

    def as_dict(self) -> dict:
        return {
            "form": self.form,
            "verb": self.verb,
            "speakers": list(self.speakers),
            "about": self.about,
            "outlet": self.outlet,
            "text": self.text,
            "since": self.since,
            "until": self.until,
            "where": self.where,
        }


@dataclass(frozen=True)
class Pair:
    """Two statements on one topic with opposite stances ("What did X and Y disagree about?")."""

    first: Quote
    second: Quote
    shared: tuple[str, ...]  # what they share: topic labels or words
    score: float


@dataclass(frozen=True)
class Answer:
    question: Question
    quotes: tuple[Quote, ...]
    verdict: bool | None = None  # yes/no questions
    others: tuple[Quote, ...] = ()  # for a "no": who else said it
    pairs: tuple[Pair, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> tuple[float, ...] | None:
        got = tuple(q.score for q in self.quotes if q.score is not None)
        return got or None
