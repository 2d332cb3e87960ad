"""Cue contents that lie mostly inside quotation marks make direct statements (pass "attach quotations")."""

from __future__ import annotations

from spacy.tokens import Token

from ..speakers import is_speaker_like
from .context import Draft, QuoteContext


def attach_quotes(ctx: QuoteContext, drafts: list[Draft]) -> None:
    """Turn cue contents covered by quotations into direct statements; absorb quotes inside indirect ones."""
    for d in drafts:
        if not d.content or d.source_phrase:
            continue
        toks = [i for s, e in d.content for i in range(s, e) if not ctx.doc[i].is_punct]
        if not toks:
            continue
        qset = {ctx.quote_of[i] for i in toks if ctx.quote_of[i] >= 0}
        inside = sum(1 for i in toks if ctx.quote_of[i] >= 0)
        if qset and inside >= 0.6 * len(toks) and not _own_words(ctx, d, toks):
            d.kind = "direct"
            d.quotes = sorted(qset)
            if d.speaker_tok is None and d.cue is not None and d.cue.i >= max(toks):
                d.speaker_tok = _inverted_subject(d.cue)


def _own_words(ctx: QuoteContext, d: Draft, toks: list[int]) -> bool:
    """'said: "A."', 'said that "A."' are the quotation; 'said there remains a "B,"' is an
    indirect statement that quotes a few words: its own words stay in it."""
    first = min(i for i in toks if ctx.quote_of[i] >= 0)
    before = first - 1
    while before >= 0 and (ctx.mark_tok[before] or ctx.doc[before].is_space):
        before -= 1
    return (
        before >= d.start
        and not ctx.doc[before].is_punct
        and ctx.doc[before].lower_ != "that"
        and sum(1 for i in toks if i < first) > 2
    )


def _inverted_subject(cue: Token) -> Token | None:
    """'"...," added another New Hampshire Democrat': the speaker the parser took for the
    verb's object, right after it."""
    obj = next((c for c in cue.rights if c.dep_ in ("dobj", "attr", "npadvmod")), None)
    if obj is None or obj.left_edge.i != cue.i + 1 or not is_speaker_like(obj):
        return None
    return obj
