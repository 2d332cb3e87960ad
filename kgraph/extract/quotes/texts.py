"""The verbatim text of a draft: the quotation's words, or the content's tokens less leading
"that" and trailing punctuation; word overlap of two texts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context import Draft, QuoteContext, clean_range

_WORDS = re.compile(r"\w+")


def quote_text(ctx: QuoteContext, qis: Iterable[int]) -> tuple[str, int, int]:
    """The words of one quotation, less the comma or colon that closes it inside the marks
    ("...,” he said"); a quotation in several parts ("A," he said, "B.") runs from the first
    opening mark to the last closing one, so the text stays one verbatim span of the article."""
    qs = [ctx.quotes[i] for i in sorted(set(qis))]
    if len(qs) > 1 and all(q.closed for q in qs):
        start, end = qs[0].open, qs[-1].close
        return ctx.text[start:end], start, end
    start, end = qs[0].start, qs[-1].end
    while end > start and ctx.text[end - 1] in ",;: \t\n":
        end -= 1
    return ctx.text[start:end], start, end


def make_text(ctx: QuoteContext, d: Draft) -> tuple[str, int, int] | None:
    if d.kind == "direct" and d.quotes:
        return quote_text(ctx, d.quotes)
    parts = []
    for s, e in sorted(d.content):
        s, e = clean_range(ctx, s, e)
        if e > s:
            parts.append((s, e))
    if not parts:
        return None
    doc = ctx.doc
    start = doc[parts[0][0]].idx
    end = doc[parts[-1][1] - 1].idx + len(doc[parts[-1][1] - 1])
    return ctx.text[start:end], start, end


def norm_words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def overlap(a: str, b: str) -> float:
    ta, tb = norm_words(a), norm_words(b)
    if not ta or not tb:
        return 0.0
    pool = list(tb)
    common = 0
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)
