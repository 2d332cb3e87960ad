"""Pass 1 of the event stage: the lexicon trigger a token heads."""

from __future__ import annotations

from spacy.tokens import Token

from .context import EventContext
from .lexicon import Trigger

__all__ = ["match_trigger"]


def match_trigger(tok: Token, ctx: EventContext) -> tuple[Trigger, int] | None:
    """The lexicon trigger a token heads, with the token index where its phrase starts."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        for trig in ctx.lex.verbs.get(lemma, ()) or ctx.lex.verbs.get(low, ()):
            if len(trig.words) == 1:
                return trig, tok.i
            rest = trig.words[1:]
            kids = [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "advmod")]
            if any(c.lower_ == rest[0] or c.lemma_.lower() == rest[0] for c in kids):
                return trig, tok.i
        return None
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
        for key in (lemma, low):
            for trig in ctx.lex.nouns.get(key, ()):
                if len(trig.words) == 1:
                    return trig, tok.i
                n = len(trig.words) - 1
                before = [t for t in ctx.doc[max(0, tok.i - n):tok.i]]
                if len(before) == n and all(b.lower_ == w or b.lemma_.lower() == w
                                            for b, w in zip(before, trig.words[:-1])):
                    return trig, tok.i - n
                # "air strike" written as one hyphenated token pair "air-strike"
        parts = low.replace("-", " ").split()
        if "-" in low and len(parts) > 1:
            for trig in ctx.lex.nouns.get(parts[-1], ()):
                if " ".join(trig.words) == low.replace("-", " "):
                    return trig, tok.i
    return None
