"""Reporting cues and their drafts (pass "cues"): source phrases ("according to X", "citing X"),
verbs of `reporting.tsv` with their content by slot (`slots`), nouns ("the claim that ...")."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import CueWord
from ..entities import load_lexicon
from ..speakers import is_speaker_like
from ..syntax import children, subtree_range
from .bounds import through_colon, without_trailing_aside
from .context import Draft, QuoteContext, clip, without
from .slots import content_for_verb
from .verbs import cue_phrase, is_hedged, left_np, speaker_of_noun, speaker_of_verb, verb_cue, verb_text
from .words import UNSAID_HEADS


class _Scan:
    """What the scan for cues has found so far."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.claimed: set[int] = set()
        self.by_cue: dict[int, Draft] = {}
        self.skip_until = -1

    def add(self, d: Draft) -> None:
        self.drafts.append(d)
        if d.cue is not None:
            self.by_cue[d.cue.i] = d


def find_cues(ctx: QuoteContext) -> list[Draft]:
    """A draft for every reporting cue outside quotations: source phrases, verbs, nouns."""
    doc, lex = ctx.doc, ctx.lex
    scan = _Scan()
    cols = ctx.index.columns
    # only a source phrase's first word or a cue verb's or noun's lemma can start a draft
    source_starts = {words[0] for words in lex.sources}
    starts = [
        i
        for i, (low, lemma) in enumerate(zip(cols.lower, cols.lemma))
        if low in source_starts or lemma in lex.verbs or lemma in lex.nouns
    ]
    for i in starts:
        if i < scan.skip_until or ctx.quote_of[i] >= 0:
            continue
        t = doc[i]
        phrase = cue_phrase(doc, t.i, lex) if cols.lower[i] in source_starts else None
        if phrase is not None:
            _phrase_cue(ctx, scan, t, phrase)
            continue
        cue = verb_cue(t, lex)
        if cue is not None:
            if _speaks(ctx, t):
                _verb_draft(ctx, scan, t, cue)
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in lex.nouns:
            d = _noun_draft(ctx, t, lex.nouns[t.lemma_.lower()])
            if d is not None:
                scan.drafts.append(d)
    return scan.drafts


def _phrase_cue(ctx: QuoteContext, scan: _Scan, t: Token, phrase: tuple[tuple[str, ...], CueWord]) -> None:
    """ "according to X, ...", "..., citing X": a source phrase, or the cited source of a host cue."""
    words, cue = phrase
    scan.skip_until = t.i + len(words)
    if t.lower_ in ("citing", "quoting"):
        # "X said ..., citing Y": the cited Y speaks, X relays
        host_draft = next((scan.by_cue[a.i] for a in t.ancestors if a.i in scan.by_cue), None)
        cited = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
        if host_draft is not None and cited is not None and not is_speaker_like(cited):
            return  # "called Clinton a champion, citing her work": a reason the speaker gives, not a voice
        if host_draft is not None and cited is not None:
            host_draft.relayer_tok = host_draft.speaker_tok
            host_draft.speaker_tok = cited
            host_draft.content = without(host_draft.content, t.left_edge.i, t.right_edge.i + 1)
            if not host_draft.content:
                # "Interfax reported, citing a source, that ...": the parse hangs the clause on "citing"
                clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
                if clause is not None:
                    host_draft.content = [subtree_range(clause)]
            return
    d = source_draft(ctx, t, len(words), cue)
    if d is not None:
        scan.drafts.append(d)


def _speaks(ctx: QuoteContext, t: Token) -> bool:
    """Whether a verb cue reports its subject's speech (not speech to them, not an outer verb's)."""
    if t.dep_ in ("relcl", "acl") and children(t, "auxpass") and not children(t, "agent"):
        return False  # "the commander, whose capture was announced Saturday": no one's statement
    if (
        children(t, "auxpass")
        and not children(t, "ccomp", "xcomp")
        and any(animate(ctx, x) for x in children(t, "nsubjpass"))
    ):
        return False  # "three men are being questioned", "she was asked to resign": said to them, not by them
    if t.dep_ in ("xcomp", "ccomp") and t.head.i < t.i and t.head.lemma_.lower() in UNSAID_HEADS:
        return False  # "the law requires candidates to disclose": required or allowed, not said
    # a cue governing another cue ("declined to confirm", "plans to announce"): the inner one
    # speaks, unless it only says what was asked for ("urged Congress to declare")
    if t.lemma_.lower() in UNSAID_HEADS and not children(t, "auxpass"):
        return True  # (but "he is expected to announce": no one's statement)
    return not any(c.dep_ == "xcomp" and verb_cue(c, ctx.lex) for c in t.children)


def _verb_draft(ctx: QuoteContext, scan: _Scan, t: Token, cue: CueWord) -> None:
    """The draft of a verb cue: its content by slot, its speaker, its stance."""
    lex = ctx.lex
    found = content_for_verb(ctx, t, cue, scan.claimed)
    if found is None and t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.hedges:
        # "declined to comment": a statement without content, its stance "neither"
        scan.add(
            Draft(t, f"{t.head.text} to {t.text}", speaker_of_verb(t), [subtree_range(t)], "indirect", "neither", [])
        )
        return
    stance = "neither" if is_hedged(t, lex) else cue.stance
    relay = t.lemma_.lower() in lex.relays
    if found is None:
        scan.add(Draft(t, verb_text(t), speaker_of_verb(t) or left_np(ctx, t), [], "indirect", stance, [], relay=relay))
        return
    ranges, slot = clip(ctx, past_split_quote(ctx, through_colon(ctx, found[0], t)), t), found[1]
    ranges = without_trailing_aside(ctx, ranges)
    if not ranges:
        return
    head_draft = scan.by_cue.get(t.head.i) or next(
        (scan.by_cue[c.i] for c in t.head.children if c.dep_ == "xcomp" and c.i in scan.by_cue), None
    )
    if (
        t.dep_ == "advcl"
        and t.tag_ == "VBG"
        and slot == "of"
        and head_draft is not None
        and head_draft.content
        and not children(t, "nsubj")
    ):
        # "urged the West to ..., warning against ...": the warning elaborates the same speech act
        head_draft.content.append((t.i, max(e for _s, e in ranges)))
        return
    scan.add(Draft(t, verb_text(t), speaker_of_verb(t) or left_np(ctx, t), ranges, "indirect", stance, [], relay=relay))


def _noun_draft(ctx: QuoteContext, t: Token, ncue: CueWord) -> Draft | None:
    """The draft of a noun cue ("the claim that ...", "a call for ..."), when it has content."""
    content = None
    for c in t.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            content = [subtree_range(c)]
            break
        if c.dep_ == "acl" and "to" in ncue.slots and any(a.lower_ == "to" for a in c.children) and c.pos_ == "VERB":
            content = [subtree_range(c)]
            break
    if content is None and "for" in ncue.slots:
        pp = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if pp is not None and t.lemma_ in ("call", "demand", "plea", "appeal"):
            pobj = next((c for c in pp.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                content = [subtree_range(pobj)]
    content = clip(ctx, content, t) if content is not None else None
    if content:
        return Draft(t, t.text, speaker_of_noun(t), content, "indirect", ncue.stance, [])
    return None


def source_draft(ctx: QuoteContext, t: Token, n: int, cue: CueWord) -> Draft | None:
    """'according to X, ...' / '..., citing X': X speaks the rest of the clause."""
    doc = ctx.doc
    last = doc[t.i + n - 1]
    speaker = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
    if speaker is None:
        speaker = next((c for c in t.children if c.dep_ in ("pobj", "dobj")), None)
    if speaker is None and t.i + n < len(doc):
        speaker = doc[t.i + n] if doc[t.i + n].pos_ in ("PROPN", "NOUN", "PRON") else None
        if speaker is not None:
            while speaker.head.i > speaker.i and speaker.dep_ in ("compound", "amod", "det", "poss"):
                speaker = speaker.head
    phrase_end = (
        max(
            last.right_edge.i,
            speaker.right_edge.i if speaker is not None else last.i,
            t.right_edge.i if t.dep_ != "ROOT" else t.i,
        )
        + 1
    )
    phrase_start = t.i
    # the clause the phrase belongs to: its head, else the sentence
    si = ctx.sent_of[t.i]
    ss, se = ctx.sent_bounds[si]
    head, phrase_end = _phrase_host(t, phrase_start, phrase_end)
    if head is not None and head.i != t.i and not _ends_sentence(ctx, phrase_start, phrase_end):
        cs, ce = subtree_range(head)
    else:
        cs, ce = ss, se
    cs, ce = max(cs, ss), min(ce, se)
    parts = clip(ctx, [(cs, phrase_start), (phrase_end, ce)], t)
    if not parts:
        return None
    if speaker is not None and t.lower_ in ("citing", "quoting") and not is_speaker_like(speaker):
        # "Citing a conspiracy theory, Trump accused ...": what is cited is not a voice; the
        # clause's subject speaks
        speaker = speaker_of_verb(t)
    return Draft(
        t,
        " ".join(x.text for x in doc[t.i : t.i + n]),
        speaker,
        parts,
        "indirect",
        cue.stance,
        [],
        relay=True,
        source_phrase=True,
    )


def _phrase_host(t: Token, phrase_start: int, phrase_end: int) -> tuple[Token | None, int]:
    """The verb a source phrase hangs on, and where the phrase ends."""
    doc = t.doc
    head = t.head if t.head.i != t.i else None
    while head is not None and head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
        head = head.head if head.head.i != head.i else None
    if head is not None and head.dep_ == "conj" and head.i >= phrase_end and head.head.i < phrase_start:
        # "A, according to sources who spoke to X but were not authorized to ...": the parser
        # joined the source's own clause to the sentence's verb across the phrase; a
        # conjunction hung inside the phrase says the clause is the source's
        if any(c.dep_ == "cc" and phrase_start <= c.head.i < phrase_end for c in doc[phrase_end - 1 : head.i]):
            return head.head, head.right_edge.i + 1
    return head, phrase_end


def _ends_sentence(ctx: QuoteContext, start: int, end: int) -> bool:
    """Whether a source phrase set off by a comma closes its sentence ("A, B and C, according to
    the count"): it then sources the whole sentence, not only the verb the parser hung it on
    (the last conjunct, a clause of time)."""
    doc = ctx.doc
    ss, se = ctx.sent_bounds[ctx.sent_of[start]]
    if start <= ss or doc[start - 1].text != ",":
        return False
    return all(t.is_punct or t.is_space for t in doc[end:se]) and not any(ctx.mark_tok[t.i] for t in doc[end:se])


def past_split_quote(ctx: QuoteContext, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A clause cut short inside a quotation (the parser ended the sentence at its mark) runs on
    to the end of the quotation, and on through the next sentence when that one starts in lower case:
    'said she was "confused," and the partner supportive'."""
    if not ranges:
        return ranges
    doc = ctx.doc
    s, e = ranges[-1]
    last = e - 1
    k = (
        ctx.quote_of[last]
        if ctx.quote_of[last] >= 0
        else (ctx.quote_of[last - 1] if ctx.mark_tok[last] and last > 0 else -1)
    )
    if k < 0:
        return ranges
    q = ctx.quotes[k]
    while e < len(doc) and doc[e].idx < q.close:
        e += 1
    nxt = e
    while nxt < len(doc) and (
        doc[nxt].is_punct and doc[nxt].text in (",", ";") or doc[nxt].is_space and "\n" not in doc[nxt].text
    ):
        nxt += 1
    if (
        nxt < len(doc)
        and ctx.para_of[nxt] == ctx.para_of[last]
        and doc[nxt].text[:1].islower()
        and ctx.sent_of[nxt] != ctx.sent_of[last]
    ):
        e = ctx.sent_bounds[ctx.sent_of[nxt]][1]
    return ranges[:-1] + [(s, e)]


def animate(ctx: QuoteContext, tok: Token) -> bool:
    """A person or group: a personal pronoun, a Person/Group entity, a noun for people."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "i", "we", "you", "him", "her", "them", "who")
    key = ctx.ents.token_key.get(tok.i)
    if key is not None:
        return ctx.key_type.get(key) in ("Person", "Group")
    lemma = tok.lemma_.lower()
    lex = load_lexicon()
    return lemma in lex.person_nouns or tok.lower_ in lex.group_nouns or lemma in ("man", "woman", "people")
