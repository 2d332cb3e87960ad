"""When and how an event is reported: its date, planned or denied, the statement holding it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..dates import TimeExpression
from ..records import Statement
from ..syntax import pobj
from .context import EventContext

__all__ = ["date_for", "is_denied", "is_planned", "modifies_adjective", "statement_index"]


def date_for(tok: Token, gov: Token | None, ctx: EventContext) -> TimeExpression | None:
    """A time expression in the trigger's phrase or among the time adjuncts of its verb."""
    for t in tok.subtree:
        if t.i in ctx.date_at:
            return ctx.date_at[t.i]
    heads = [gov] if gov is not None else []
    if tok.pos_ in ("VERB", "AUX"):
        heads = [tok]
        if tok.dep_ in ("nsubj", "csubj", "nsubjpass") and tok.head.i != tok.i:
            heads.append(tok.head)  # "Fighting ... erupted in September"
    for h in heads:
        for c in h.children:
            if c.i in ctx.date_at and c.dep_ in ("npadvmod", "tmod", "advmod", "obl", "pobj", "compound"):
                return ctx.date_at[c.i]
            if c.dep_ == "prep":
                o = pobj(c)
                if o is not None and o.i in ctx.date_at:
                    return ctx.date_at[o.i]
    return None


def is_denied(tok: Token, ctx: EventContext) -> bool:
    """Whether the event is reported as denied ("has denied sending troops")."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_.lower() in ctx.lex.denial
    return False


def modifies_adjective(t: Token) -> bool:
    """A date that qualifies an adjective ("their fastest since 2022"), not an event."""
    h = t.head.head if t.head.dep_ == "prep" else t.head
    if t.dep_ == "pobj":
        h = t.head.head
    return h.pos_ in ("ADJ", "ADV")


def is_planned(tok: Token, ctx: EventContext) -> bool:
    """Whether the event is planned: a modal or "set to" / "plans to" before the trigger in its clause."""
    start = max(ctx.sent_span(tok).start, tok.i - 6)
    window = " " + " ".join(t.lower_ for t in ctx.doc[start : tok.i]) + " "
    return any(f" {p} " in window for p in ctx.lex.planned)


def statement_index(start: int, statements: Sequence[Statement]) -> int | None:
    """The statement whose text (or, for "urged X to ...", whose cue) holds the trigger."""
    for i, s in enumerate(statements):
        for sp in (s.span,) + tuple(s.extra_spans):
            if sp.start <= start < sp.end:
                return i
    for i, s in enumerate(statements):
        if s.cue_span is not None and s.cue_span.start <= start < s.cue_span.end:
            return i
    return None
