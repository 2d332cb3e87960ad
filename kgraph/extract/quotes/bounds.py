"""Where an indirect statement's content ends when the parser cut it short or ran it on: on
through a colon it stopped at, and without the writer's aside hung on its end."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import children
from .context import QuoteContext
from .verbs import verb_cue
from .words import DASHES

Ranges = list[tuple[int, int]]

_ASIDE_MARKS = {"which", "who", "whose", "when", "where", "although", "though"}
_ASIDE_DASHES = DASHES - {"\u2015"}  # the quotation bar introduces a name, not an aside


def through_colon(ctx: QuoteContext, ranges: Ranges, cue: Token) -> Ranges:
    """A content clause that stops at a colon the parser cut it at ("noted that three things
    are happening at once: prices are rising, rates are low") runs on to its sentence's end,
    unless what follows is quoted or has a reporting verb of its own."""
    if not ranges or cue.i > ranges[-1][0]:
        return ranges  # content before its cue ("A: B, he said") is its own sentence
    doc = ctx.doc
    e = max(b for _a, b in ranges)
    if e >= len(doc) or doc[e].text != ":" or ctx.quote_of[e] >= 0 or ctx.mark_tok[e]:
        return ranges
    _ss, se = ctx.sent_bounds[ctx.sent_of[cue.i]]
    rest = [t for t in doc[e + 1 : se] if not t.is_space]
    if not rest or ctx.para_of[rest[-1].i] != ctx.para_of[e] or any(ctx.mark_tok[t.i] for t in rest):
        return ranges
    if any(verb_cue(t, ctx.lex) and children(t, "nsubj") for t in rest):
        return ranges
    return [*ranges[:-1], (ranges[-1][0], rest[-1].i + 1)]


def without_trailing_aside(ctx: QuoteContext, ranges: Ranges) -> Ranges:
    """A content without the writer's aside the parser hung on its end: a non-restrictive
    relative clause (", which makes him an outlier", ", who ran the 2008 campaign", ", when the
    group launched"), a concession (", although it may take
    days to tell") or an apposition ("- a charge that stung", ", the trade deal the
    administration negotiated")."""
    if not ranges:
        return ranges
    doc = ctx.doc
    s, e = ranges[-1]
    last = e - 1
    while last > s and (doc[last].is_punct or doc[last].is_space) and not ctx.mark_tok[last]:
        last -= 1
    for t in doc[s + 1 : last + 1]:
        if ctx.quote_of[t.i] >= 0 or t.right_edge.i < last:
            continue
        cut = _aside_start(doc, t, s)
        if cut is not None and cut - s >= 3:
            return [*ranges[:-1], (s, cut)]
    return ranges


def _aside_start(doc, t: Token, s: int) -> int | None:
    """The comma or dash before an aside headed by `t`, if `t` heads one."""
    lead = t.left_edge
    if lead.i <= s:
        return None
    if t.dep_ in ("relcl", "advcl") and lead.lower_ in _ASIDE_MARKS and doc[lead.i - 1].text == ",":
        return lead.i - 1
    if t.dep_ == "appos" and (doc[lead.i - 1].text in _ASIDE_DASHES or doc[lead.i - 1].text == ","):
        return lead.i - 1  # "the Trans-Pacific Partnership, the 12-country trade deal ..."
    return None
