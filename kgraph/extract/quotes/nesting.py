"""Statements inside statements: two-level attribution, nested cues, datelines."""

from __future__ import annotations

from ..dateline import find_datelines
from .context import Draft, QuoteContext, first_key
from .run import QuoteRun

__all__ = ["datelines", "inner_claims", "nested_noun_cues", "relays"]


def relays(run: QuoteRun) -> None:
    """Statements nested in a relay's content ("according to X", "X reported") are relayed by
    its speaker; "According to X, [Y said ...]": X only relays, a claim of X's own stays."""
    items = run.items
    for i, (d, _text, s, e) in enumerate(items):
        if not d.relay:
            continue
        nested = [
            j
            for j, (d2, _t, s2, e2) in enumerate(items)
            if j != i and s <= s2 and e2 <= e + 1 and d2.cue is not None and d2 is not d
        ]
        if not nested or d.speaker_key is None:
            continue
        for j in nested:
            if items[j][0].reported_by is None:
                items[j][0].reported_by = d.speaker_key
        covered = set()
        for j in nested:
            # the nested statement with its own attribution ("his manager, Jeff Weaver, says ...")
            # or after it ('"A," Obama said, according to a pool report')
            d2, s2 = items[j][0], items[j][2]
            starts = [s2, d2.cue.idx] + ([d2.speaker_span[0]] if d2.speaker_span else [])
            ends = [items[j][3], d2.cue.idx + len(d2.cue)] + ([d2.speaker_span[1]] if d2.speaker_span else [])
            covered.update(range(max(s, min(starts)), min(e, max(ends))))
        if d.source_phrase and len(covered) >= 0.6 * (e - s):
            run.drop.add(i)


def nested_noun_cues(run: QuoteRun) -> None:
    """Nested noun cues without a speaker are part of the outer statement ("denied claims that ...")."""
    items = run.items
    for i, (d, _text, _s, _e) in enumerate(items):
        if d.cue is not None and d.cue.pos_ == "NOUN" and d.speaker_key is None and d.speaker_tok is None:
            ci = d.cue.idx
            if any(j != i and s2 <= ci < e2 for j, (_d2, _t, s2, e2) in enumerate(items)):
                run.drop.add(i)


def inner_claims(run: QuoteRun) -> None:
    """ "X said she suspected Y": a claim of the speaker's inside another of the same speaker's
    is part of it, not a second statement. The nested items are dropped here."""
    items, drop = run.items, run.drop
    for j, (d2, _t2, s2, e2) in enumerate(items):
        if j in drop or d2.speaker_key is None or d2.relay:
            continue
        if any(
            i != j and i not in drop and d.speaker_key == d2.speaker_key and s <= s2 and e2 <= e and (s, e) != (s2, e2)
            for i, (d, _t, s, e) in enumerate(items)
        ):
            drop.add(j)
    run.items = [x for i, x in enumerate(items) if i not in drop]


def datelines(run: QuoteRun) -> None:
    """The agency of a dateline relays the statements after it (`dateline_relays`)."""
    dateline_relays(run.ctx, [x[0] for x in run.items], run.full)


def dateline_relays(ctx: QuoteContext, drafts: list[Draft], text: str) -> None:
    """The agency of a dateline ("ANKARA (Reuters) -") relays the statements after it, unless
    it is their speaker or another relay is named."""
    for dl in find_datelines(text):
        if dl.outlet is None:
            continue
        r = ctx.token_range_of_chars(*dl.outlet)
        outlet = None if r is None else first_key(ctx.ents, r[0], r[1])
        if outlet is None:
            continue
        for d in drafts:
            first = d.cue if d.cue is not None else (ctx.doc[d.start] if d.content else None)
            if first is None or first.idx < dl.end:
                continue
            if d.reported_by is None and d.speaker_key != outlet:
                d.reported_by = outlet
