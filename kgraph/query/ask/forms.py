"""The question forms kgraph ask understands, each a small parser registered with `@form`
(tried in this order), and `parse_question`, which tries them."""

from __future__ import annotations

import re

from ...graph.index import stop_words, words
from .phrases import clean, parse_date, split_tail, unquote, with_tail
from .question import Question, UnparsedQuestion
from .registry import REGISTRY, form
from .verbs import lemma

__all__ = ["FORMS", "parse_question"]

_ABOUT = r"(?:about|on|regarding|concerning|over)"
_AUX = r"(?:did|does|do|has|have|had)"
_UNTIL = ("before", "until", "till")


def _needs_words(q: Question, question: str) -> Question:
    """The question, if its text has a word that is no stop word ("Who said that?" has none)."""
    stops = stop_words()
    if not any(w.lower() not in stops for w in words(q.text or "")):
        raise UnparsedQuestion(question)
    return q


@form("What did X and Y disagree about?", "statements on one topic with opposite stances")
def _disagree(q: str) -> Question | None:
    m = re.fullmatch(
        rf"(?:what|where|on what|over what) {_AUX} (.+?) and (.+?) "
        rf"(?:disagree|differ|clash|contradict each other)(?: (?:about|on|over))?",
        q,
        flags=re.I,
    )
    if m:
        return Question("disagree", speakers=(m[1].strip(), m[2].strip()))
    return None


@form("What was said about TOPIC?", "also: since DATE, in ARTICLE/OUTLET")
def _what_was_said(q: str) -> Question | None:
    m = re.fullmatch(rf"what (?:was|is|were|has been|have been|is being) (\w+) {_ABOUT} (.+)", q, flags=re.I)
    if m and lemma(m[1]):
        about, extra = split_tail(m[2])
        return with_tail(Question("what-was-said-about", lemma(m[1]), about=about), extra)
    return None


@form(
    "What did SPEAKER say?",
    "or claim, warn, accuse, urge, estimate, deny ... any reporting verb",
    ("What did SPEAKER say about TOPIC?", "also: What has SPEAKER said about TOPIC since DATE?"),
    ("What did SOURCE report?", "what it said or relayed"),
)
def _what_did(q: str) -> Question | None:
    m = re.fullmatch(rf"what {_AUX} (.+)", q, flags=re.I)
    if not m:
        return None
    ws = m[1].split(" ")
    # SPEAKER VERB [about TOPIC] [since DATE] [in WHERE]: the first reporting verb after the speaker
    for i in range(1, len(ws)):
        verb = lemma(ws[i])
        if verb is None:
            continue
        speaker, rest = " ".join(ws[:i]), " ".join(ws[i + 1 :])
        tail = _after_verb(rest)
        if tail is None:
            continue
        about, extra = tail
        if verb == "report":
            return with_tail(Question("what-did-source-report", verb, outlet=speaker, about=about), extra)
        return with_tail(Question("what-did-speaker-say", verb, speakers=(speaker,), about=about), extra)
    return None


def _after_verb(rest: str) -> tuple[str | None, dict] | None:
    """(topic, dates and place) of what follows "What did SPEAKER VERB": nothing, "about
    TOPIC ...", or "since DATE"; None when it is none of them (the verb was no verb here)."""
    if not rest:
        return None, {}
    t = re.fullmatch(rf"{_ABOUT} (.+)", rest, flags=re.I)
    if t:
        return split_tail(t[1])
    d = re.fullmatch(r"(since|after|from|before|until|till) (.+)", rest, flags=re.I)
    if not d:
        return None
    end = d[1].lower() in _UNTIL
    return None, {"until" if end else "since": parse_date(d[2], end=end)}


@form("Who said what about TOPIC?", "also: Who spoke about TOPIC? ... in ARTICLE/OUTLET?")
def _who_said_what(q: str) -> Question | None:
    m = re.fullmatch(rf"who (?:has |have |had )?(\w+)(?: what)? {_ABOUT} (.+)", q, flags=re.I)
    if m and lemma(m[1]) and not re.match(r"(?:what|that) ", m[2], flags=re.I):
        about, extra = split_tail(m[2])
        return with_tail(Question("who-said-about", lemma(m[1]), about=about), extra)
    return None


@form("Who said that TEXT?", "or claimed, warned, reported, denied ...; Who denied TOPIC?")
def _who_said_that(q: str) -> Question | None:
    m = re.fullmatch(r"who (?:has |have |had )?(\w+)(?: that)? (.+)", q, flags=re.I)
    if m and lemma(m[1]):
        return _needs_words(Question("who-said-that", lemma(m[1]), text=unquote(m[2])), q)
    return None


@form("Did SPEAKER say that TEXT?", "yes or no, with the statements; exit status 1 for no")
def _did_say(q: str) -> Question | None:
    m = re.fullmatch(r"(?:did|has|have|does|do|had) (.+)", q, flags=re.I)
    if not m:
        return None
    ws = m[1].split(" ")
    for i in range(1, len(ws) - 1):
        if verb := lemma(ws[i]):
            rest = re.sub(r"^that ", "", " ".join(ws[i + 1 :]), flags=re.I)
            rest = re.sub(rf"^{_ABOUT} ", "", rest, flags=re.I)
            return _needs_words(Question("did-say-that", verb, speakers=(" ".join(ws[:i]),), text=unquote(rest)), q)
    return None


def parse_question(question: str) -> Question:
    """The `Question` an English question asks; raises `UnparsedQuestion` listing the forms."""
    q = clean(question)
    for f in REGISTRY:
        try:
            got = f.parse(q) if f.parse is not None else None
        except UnparsedQuestion:
            raise UnparsedQuestion(question) from None
        if got is not None:
            return got
    raise UnparsedQuestion(question)


FORMS = tuple((f.pattern, f.note) for f in REGISTRY)
