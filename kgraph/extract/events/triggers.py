"""Pass 1 of the event stage: the lexicon trigger a token heads."""

from __future__ import annotations

from spacy.tokens import Token

from .context import EventContext
from .lexicon import Trigger

__all__ = ["match_trigger"]


def match_trigger(tok: Token, ctx: EventContext) -> tuple[Trigger, int] | None:
    """The lexicon trigger a token heads, with the token index where its phrase starts."""
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return _verb_trigger(tok, ctx)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
        return _noun_trigger(tok, ctx)
    return None


def _verb_trigger(tok: Token, ctx: EventContext) -> tuple[Trigger, int] | None:
    """A verb trigger: the lemma, or the verb and its particle or preposition ("take back")."""
    for trig in ctx.lex.verbs.get(tok.lemma_.lower(), ()) or ctx.lex.verbs.get(tok.lower_, ()):
        if len(trig.words) == 1:
            return trig, tok.i
        rest = trig.words[1:]
        kids = [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "advmod")]
        if any(c.lower_ == rest[0] or c.lemma_.lower() == rest[0] for c in kids):
            return trig, tok.i
    return None


def _noun_trigger(tok: Token, ctx: EventContext) -> tuple[Trigger, int] | None:
    """A noun trigger: the lemma, the noun and the words before it ("drone strike"), or a
    hyphenated pair ("air-strike")."""
    low = tok.lower_
    for key in (tok.lemma_.lower(), low):
        for trig in ctx.lex.nouns.get(key, ()):
            if len(trig.words) == 1:
                return trig, tok.i
            n = len(trig.words) - 1
            before = [t for t in ctx.doc[max(0, tok.i - n) : tok.i]]
            if len(before) == n and all(
                b.lower_ == w or b.lemma_.lower() == w for b, w in zip(before, trig.words[:-1])
            ):
                return trig, tok.i - n
    # "air strike" written as one hyphenated token pair "air-strike"
    parts = low.replace("-", " ").split()
    if "-" in low and len(parts) > 1:
        for trig in ctx.lex.nouns.get(parts[-1], ()):
            if " ".join(trig.words) == low.replace("-", " "):
                return trig, tok.i
    return None
