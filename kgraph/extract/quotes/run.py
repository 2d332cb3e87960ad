"""The state the passes of one article share, and the passes that make and place the drafts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..gender import pronoun_fits
from ..records import Statement
from ..speakers import UNNAMED, unnamed_type
from .attach import attach_quotes
from .context import Draft, QuoteContext
from .cues import find_cues
from .elaborations import elaborations
from .learned import learned_cues
from .quote_drafts import draft_end_char, quote_drafts
from .resolve import SPEAKER_PRONOUNS, resolve
from .texts import make_text, norm_words

__all__ = ["Item", "QuoteRun"]

Item = tuple[Draft, str, int, int]  # a draft with its text and char span in the article


@dataclass
class QuoteRun:
    """One article's context, its drafts, then its texts (`items`) and records."""

    ctx: QuoteContext
    full: str  # the article text as read (the Doc's text may have plain apostrophes)
    drafts: list[Draft] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    drop: set[int] = field(default_factory=set)  # indices of items nested in others
    merged: list[list] = field(default_factory=list)  # [draft, text, start, end, extra spans]
    statements: list[Statement] = field(default_factory=list)


def cue_drafts(run: QuoteRun) -> None:
    """A draft for every reporting cue (`cues.find_cues`)."""
    run.drafts = find_cues(run.ctx)


def learned_drafts(run: QuoteRun) -> None:
    """Drafts for the verbs outside the lexicon that the learned cue model takes for cues (`learned`)."""
    run.drafts += learned_cues(run.ctx, run.drafts)


def elaborate(run: QuoteRun) -> None:
    """A cue inside another's clause with no subject goes on with its speaker (`elaborations`)."""
    elaborations(run.ctx, run.drafts)


def attach(run: QuoteRun) -> None:
    """Contents covered by quotations make direct statements; drafts with nothing are dropped."""
    attach_quotes(run.ctx, run.drafts)
    run.drafts = [d for d in run.drafts if d.content or d.kind == "direct"]


def quotation_drafts(run: QuoteRun) -> None:
    """Drafts for the quotations no cue's content holds (`quote_drafts`)."""
    run.drafts += quote_drafts(run.ctx, run.drafts)
    run.drafts = [d for d in run.drafts if d.content or d.quotes]


def speakers(run: QuoteRun) -> None:
    """Speakers and relays resolved in text order (a pronoun may refer to the one who has been speaking)."""
    ctx = run.ctx
    for d in sorted(run.drafts, key=lambda d: draft_end_char(ctx, d)):
        if d.speaker_key is None:
            d.speaker_key, d.speaker_span = _matrix_speaker(ctx, run.drafts, d) or resolve(ctx, d.speaker_tok)
        if d.speaker_key is not None and d.cue is not None:
            typ = unnamed_type(d.speaker_tok) if d.speaker_key.startswith(UNNAMED + ":") else None
            ctx.last_speaker = (d.speaker_key, ctx.sent_of[d.cue.i], typ)
        if d.relayer_tok is not None and d.reported_by is None:
            relayer = resolve(ctx, d.relayer_tok)[0]
            # "X said ..., citing its own statement": nobody relays a speaker to itself
            d.reported_by = relayer if relayer != d.speaker_key else None


def texts(run: QuoteRun) -> None:
    """The verbatim text and span of each draft, in text order (longest first at one start);
    one word is a fragment more often than a claim (headlines count too: "X: ...", "..., X says")."""
    for d in run.drafts:
        made = make_text(run.ctx, d)
        if made is None:
            continue
        _parsed, start, end = made
        text = run.full[start:end]
        if len(norm_words(text)) < 2 and not _one_word_answer(run.ctx, d):
            continue
        run.items.append((d, text, start, end))
    run.items.sort(key=lambda x: (x[2], -x[3]))


def _one_word_answer(ctx: QuoteContext, d: Draft) -> bool:
    """ "“Absolutely,” he said": a whole quotation of one word next to its cue is said, not a
    fragment (a quoted word inside a clause, "called it “fake”", is part of that clause)."""
    if d.kind != "direct" or d.cue is None or len(d.quotes) != 1 or d.content:
        return False
    q = ctx.quotes[d.quotes[0]]
    # the answer ends inside its marks ("Absolutely," / "No."); a scare-quoted word does not
    return ctx.text[q.start : q.end].rstrip()[-1:] in (",", ".", "!", "?")


def _matrix_speaker(ctx: QuoteContext, drafts: list[Draft], d: Draft):
    """ "The companies said they wanted to expand": a pronoun that speaks inside another
    statement's content, after that statement's speaker in the sentence, is that speaker when
    it fits (number, person or body), as the reading of such a sentence goes."""
    tok = d.speaker_tok
    if tok is None or d.cue is None or tok.pos_ != "PRON" or tok.lower_ not in SPEAKER_PRONOUNS:
        return None
    for o in drafts:
        if o is d or o.cue is None or o.speaker_tok is None or not o.content:
            continue
        if not (o.speaker_tok.i < tok.i and any(a <= d.cue.i < b and a <= tok.i for a, b in o.content)):
            continue
        if ctx.sent_of[o.speaker_tok.i] != ctx.sent_of[tok.i] or o.speaker_tok.pos_ == "PRON":
            continue
        if o.speaker_key is None:
            o.speaker_key, o.speaker_span = resolve(ctx, o.speaker_tok)
        key = o.speaker_key
        if key is None:
            return None
        typ = ctx.key_type.get(key) or (unnamed_type(o.speaker_tok) if key.startswith(UNNAMED + ":") else None)
        names = next(((e.label, *e.aliases) for e in ctx.ents.entities if e.key == key), ())
        fits = typ in SPEAKER_PRONOUNS[tok.lower_] and (tok.lower_ != "they" or typ != "Person")
        if fits and pronoun_fits(tok.lower_, names):  # "Maria Lopez said he ...": not her
            return key, (tok.idx, tok.idx + len(tok))
        return None
    return None
