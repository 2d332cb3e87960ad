"""The statements of one article: repeated words merged, records made, denials linked."""

from __future__ import annotations

from dataclasses import replace

from ..records import Span, Statement
from .context import Draft, QuoteContext
from .resolve import np_range
from .run import QuoteRun
from .texts import overlap

__all__ = ["co_speakers", "denials", "link_denials", "records", "repeats"]


def repeats(run: QuoteRun) -> None:
    """The same words by the same speaker twice (a lede repeated in the body): one statement
    with extra spans; two drafts for the same words (a cue and a quotation): the first."""
    merged = run.merged
    for d, text, s, e in run.items:
        twin = next(
            (
                m
                for m in merged
                if m[0].speaker_key == d.speaker_key and overlap(m[1], text) >= 0.9 and (m[2], m[3]) != (s, e)
            ),
            None,
        )
        if twin is not None:
            twin[4].append(Span(s, e, run.full[s:e]))
            continue
        if any(m[2] == s and m[3] == e for m in merged):
            continue
        merged.append([d, text, s, e, []])


def records(run: QuoteRun) -> None:
    """`Statement` records: speaker, cue, text, kind, stance, relay, the entities it is about, co-speakers."""
    full, ents = run.full, run.ctx.ents
    for d, text, s, e, extra in run.merged:
        cue_span = None
        if d.cue is not None:
            cue_span = Span(d.cue.idx, d.cue.idx + len(d.cue), d.cue.text)
        spk_span = (
            Span(d.speaker_span[0], d.speaker_span[1], full[d.speaker_span[0] : d.speaker_span[1]])
            if d.speaker_span
            else None
        )
        about = tuple(
            dict.fromkeys(
                m.key for m in ents.mentions if s <= m.span.start and m.span.end <= e and m.key != d.speaker_key
            )
        )
        co = co_speakers(run.ctx, d)
        about = tuple(k for k in about if k not in co)
        run.statements.append(
            Statement(
                d.speaker_key,
                spk_span,
                d.cue_text,
                cue_span,
                text,
                Span(s, e, full[s:e]),
                d.kind,
                d.stance,
                d.reported_by,
                about,
                None,
                tuple(extra),
                co,
            )
        )


def denials(run: QuoteRun) -> None:
    """A denial points to the earlier statement of another speaker whose words it overlaps."""
    run.statements = link_denials(run.statements)


def co_speakers(ctx: QuoteContext, d: Draft) -> tuple[str, ...]:
    """The others of a coordinated speaker phrase ("Senators A and B told reporters", "Neither
    Moscow nor Kyiv has confirmed"): each conjunct that names an entity speaks too."""
    tok = d.speaker_tok
    if tok is None or d.speaker_key is None:
        return ()
    out: list[str] = []
    todo = [c for c in tok.children if c.dep_ == "conj"]
    # "Kyiv and Western sources report": the parse hangs "Kyiv and Western" on "sources"
    todo += [
        c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and any(x.dep_ == "conj" for x in c.children)
    ]
    while todo:
        c = todo.pop(0)
        todo.extend(x for x in c.children if x.dep_ == "conj")
        s, e = np_range(c)
        key = next((ctx.ents.token_key[i] for i in range(e - 1, s - 1, -1) if i in ctx.ents.token_key), None)
        if key is not None and key != d.speaker_key and key not in out:
            out.append(key)
    return tuple(out)


def link_denials(sts: list[Statement]) -> list[Statement]:
    out = list(sts)
    for i, st in enumerate(sts):
        if st.stance != "denies":
            continue
        best, best_f = None, 0.5
        for j, other in enumerate(sts):
            if j == i or other.stance == "denies" or other.speaker == st.speaker:
                continue
            f = overlap(st.text, other.text)
            if f > best_f:
                best, best_f = j, f
        if best is not None:
            out[i] = replace(st, denies=best)
    return out
