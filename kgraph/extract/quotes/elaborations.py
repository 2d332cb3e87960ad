"""A cue inside another cue's reported clause with no subject of its own goes on with the
same speaker (pass "elaborations")."""

from __future__ import annotations

from ..speakers import is_speaker_like
from ..syntax import children
from .context import Draft, QuoteContext
from .verbs import speaker_of_verb


def elaborations(ctx: QuoteContext, drafts: list[Draft]) -> None:
    """A cue hung inside another cue's reported clause, with no subject of its own, goes on
    with the same speaker: "X said the convoy was hit, adding that Y", "X told reporters the
    talks had stalled and warned that Y": Y is X's, and X's first clause ends before it.
    A participle after a comma always continues the speech; a conjoined verb only when the
    subject it would share cannot speak ("the talks ... warned")."""
    by_cue = {d.cue.i: d for d in drafts if d.cue is not None}
    for d in drafts:
        t = d.cue
        if t is None or t.pos_ != "VERB" or children(t, "nsubj", "nsubjpass") or not d.content:
            continue
        participle = t.dep_ == "advcl" and t.tag_ == "VBG"
        if not participle and t.dep_ != "conj":
            continue
        outer = next(
            (
                o
                for o in drafts
                if o is not d
                and o.cue is not None
                and o.content
                and o.cue.i != t.head.i
                and any(a <= t.i < b for a, b in o.content)
                and o.cue.i < t.i
            ),
            None,
        )
        if outer is None or (t.head.i in by_cue and by_cue[t.head.i] is outer):
            continue
        if not participle:
            shared = speaker_of_verb(t.head)
            if shared is not None and is_speaker_like(shared):
                continue
        cut = t.left_edge.i
        while cut > 0 and (ctx.doc[cut - 1].is_punct or ctx.doc[cut - 1].dep_ == "cc"):
            cut -= 1
        outer.content = [(a, min(b, cut)) for a, b in outer.content if a < cut]
        d.speaker_tok, d.speaker_key, d.relayer_tok = outer.speaker_tok, outer.speaker_key, outer.relayer_tok
