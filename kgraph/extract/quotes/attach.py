"""Cue contents that lie mostly inside quotation marks make direct statements (pass "attach quotations")."""

from __future__ import annotations

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
        if qset and inside >= 0.6 * len(toks):
            d.kind = "direct"
            d.quotes = sorted(qset)
