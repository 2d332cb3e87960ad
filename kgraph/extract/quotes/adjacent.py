"""A reporting cue right next to a quotation: '"...," he said', 'X said: "..."', '"..." -- Jane Doe',
'Protesters chanted "What curfew?"'."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ..syntax import children
from .context import QuoteContext
from .marks import Quote
from .subjects import asked_unnamed
from .verbs import speaker_of_verb, verb_cue
from .words import DASHES


def adjacent_cue(ctx: QuoteContext, q: Quote) -> tuple[Token, Token | None, int, int] | None:
    """A reporting verb right after (', he said') or right before ('X said:') a quotation.

    Returns (verb, speaker token, window start token, window end token).
    """
    return _cue_after(ctx, q) or _cue_before(ctx, q)


def is_dash(t: Token) -> bool:
    """A dash, also one in a token with a quotation mark ('\u201d\u2015 Jane Doe')."""
    return t.text.strip("\u201c\u201d\"'`") in DASHES


def _window_after(ctx: QuoteContext, q: Quote) -> list[Token]:
    """Up to ten tokens after the closing mark, to the next mark, quotation, stop or paragraph end."""
    doc = ctx.doc
    holder = bisect.bisect_right(ctx.tok_starts, q.close - 1) - 1  # the token holding the closing mark
    if holder >= 0 and doc[holder].idx + len(doc[holder]) <= q.close:
        holder += 1
    if not 0 <= holder < len(doc):
        return []
    para_end = ctx.text.find("\n", q.close)
    para_end = len(ctx.text) if para_end < 0 else para_end
    i = holder
    window: list[Token] = []
    if ctx.mark_tok[i] and doc[i].idx < q.close:
        if is_dash(doc[i]):
            window.append(doc[i])  # the mark and a dash in one token: '”― Jane Doe'
        i += 1
    while i < len(doc) and len(window) < 10 and doc[i].idx < para_end:
        t = doc[i]
        if ctx.mark_tok[t.i] or ctx.quote_of[t.i] >= 0:
            break
        if t.text in (".", ";") and window:
            break
        window.append(t)
        i += 1
    return window


def _dash_name(window: list[Token]) -> tuple[Token, Token | None, int, int] | None:
    """'"..." -- Jane Doe': a dash and a name after the quotation."""
    if not window or not is_dash(window[0]):
        return None
    names = []
    for t in window[1:]:
        if t.pos_ == "PROPN":
            names.append(t)
        elif names or not t.is_punct:
            break
    return (window[0], names[-1], window[0].i, names[-1].i + 1) if names else None


def _cue_after(ctx: QuoteContext, q: Quote) -> tuple[Token, Token | None, int, int] | None:
    """'"...," he said', '"..." -- Jane Doe'."""
    lex = ctx.lex
    window = _window_after(ctx, q)
    dashed = _dash_name(window)
    if dashed is not None:
        return dashed
    if window and window[0].dep_ == "cc":
        # 'accused the campaign of being "duped" by "a con" and encouraged Americans to ...': a
        # verb joined to the sentence the quotation is in, not its attribution
        return None
    for t in window:
        if verb_cue(t, lex) and t.pos_ in ("VERB", "AUX"):
            if t.dep_ == "conj" and t.head.idx < q.open and any(w.dep_ == "cc" and w.i < t.i for w in window):
                # 'has used the phrase "A" in his campaign, and criticized B': the same, further on
                return None
            spk = speaker_of_verb(t)
            if spk is None or not (window[0].i <= spk.i <= window[-1].i):
                # parse broken by the quotation: the noun phrase next to the verb
                spk = adjacent_np(window, t)
            end = max([t.i] + ([spk.i] if spk is not None else [])) + 1
            if spk is not None and spk.i > t.i:
                end = max(end, spk.right_edge.i + 1 if spk.right_edge.i < window[-1].i + 1 else spk.i + 1)
            return t, spk, window[0].i, end
        if t.pos_ in ("VERB",) and not verb_cue(t, lex):
            break
    return _named_then_verb(ctx, q, window)


def _named_then_verb(ctx: QuoteContext, q: Quote, window: list[Token]) -> tuple[Token, Token, int, int] | None:
    """'"Would that be negotiable?" Hannity pressed.': a name and a finite verb the cue list
    lacks, ending the sentence the quotation opens, with at most a particle, an adverb or a
    with-phrase after it: however the verb is called, the name speaks. Not a verb with an
    object or a clause of its own, not a quotation after a preposition (a title: 'In "Hail,
    Caesar!" Brolin gets into the spirit'), not a pronoun (he "went on" is the speaker
    before, whom the quotation continues)."""
    doc = ctx.doc
    words = [t for t in window if not t.is_punct]
    if len(words) < 2 or len(words) > 7:
        return None
    end = window[-1].i + 1
    if end < len(doc) and doc[end].text not in (".", "!", "?") and not doc[end].is_space:
        return None
    first = bisect.bisect_left(ctx.tok_starts, q.open) - 1
    if first >= 0 and doc[first].pos_ == "ADP":
        return None
    k = 0
    while k < len(words) and (words[k].pos_ == "PROPN" or words[k].i in ctx.ents.token_key):
        k += 1  # (a name the tagger took for a common noun is still a name)
    if k == 0 or k >= len(words):
        return None
    v, spk = words[k], words[k - 1]
    if (
        v.pos_ != "VERB"
        or v.tag_ not in ("VBD", "VBZ")
        or spk.head.i != v.i
        or spk.dep_ != "nsubj"
        or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") for c in v.children)
        or any(t.pos_ in ("VERB", "AUX") for t in words[k + 1 :])
        or any(
            c.i > v.i and not (c.dep_ in ("prt", "advmod") or (c.dep_ == "prep" and c.lower_ == "with"))
            for c in v.children
            if not c.is_punct
        )
    ):
        return None
    return v, spk, window[0].i, end


def _window_before(ctx: QuoteContext, j: int) -> list[Token]:
    """Up to twelve tokens before the attribution's punctuation at `j`, in its paragraph
    (a colon may end the previous paragraph: 'He said:\n\n"..."')."""
    doc = ctx.doc
    k = j - 1
    window: list[Token] = []
    para_start = ctx.text.rfind("\n", 0, doc[j].idx)
    colon = doc[j].text == ":"
    while (
        k >= 0
        and len(window) < 12
        and not ctx.mark_tok[k]
        and ctx.quote_of[k] < 0
        and doc[k].text not in (".", ";")
        and (doc[k].idx > para_start or colon)
    ):
        if doc[k].idx <= para_start and colon and window:
            break
        window.insert(0, doc[k])
        k -= 1
    return window


def _cue_before(ctx: QuoteContext, q: Quote) -> tuple[Token, Token | None, int, int] | None:
    """ "X said:" / "X said," / "said X:" right before the opening mark."""
    doc = ctx.doc
    j = bisect.bisect_left(ctx.tok_starts, q.open) - 1
    if j < 0:
        return None
    while j >= 0 and (doc[j].is_space or doc[j].idx >= q.open):
        j -= 1
    if j >= 0 and doc[j].text in (":", ",", "\u2014", "-", "--"):
        window = _window_before(ctx, j)
        found = _verb_before(ctx, window, j)
        if found is not None:
            return found
        inverted = _inverted(ctx, window) if doc[j].text == ":" else None
        if inverted is not None:
            return inverted[0], inverted[1], inverted[0].i, j + 1
        if doc[j].text == ":" and window and not any(t.pos_ in ("VERB", "AUX") for t in window):
            # "Trump on Twitter: ..." -- the colon is the cue
            head = next((t for t in window if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if head is not None:
                return doc[j], head, window[0].i, j + 1
    elif j >= 0 and doc[j].pos_ == "VERB" and ctx.para_of[j] == ctx.para_of[min(j + 1, len(doc) - 1)]:
        return _speech_verb_object(ctx, q, j)
    return None


def _verb_before(ctx: QuoteContext, window: list[Token], j: int) -> tuple[Token, Token | None, int, int] | None:
    """The reporting verb nearest the mark in the window before it, and its speaker."""
    for t in reversed(window):
        if verb_cue(t, ctx.lex) and t.pos_ in ("VERB", "AUX"):
            if asked_unnamed(t):
                continue  # 'who told Congress when asked about it: "..."': the telling cues it
            spk = speaker_of_verb(t) or _participle_subject(t) or adjacent_np(window, t)
            return t, spk, window[0].i, j + 1
    return None


def _participle_subject(v: Token) -> Token | None:
    """'Clinton spoke in Iowa, telling the crowd, "..."': a participle after a comma that the
    parser hung on a verb of the quotation is done by the subject of the sentence's main verb
    before it, not by the noun next to it ("Iowa")."""
    doc = v.doc
    if v.tag_ != "VBG" or v.i == 0 or doc[v.i - 1].text != ",":
        return None
    root = v.sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root.i < v.i else None
    if subj is None and root.i > v.i:  # the parser made a verb of the quotation the root
        subj = next((c for c in doc[v.sent.start : v.i] if c.dep_ == "nsubj" and c.head.i < v.i), None)
    return subj


def _inverted(ctx: QuoteContext, window: list[Token]) -> tuple[Token, Token] | None:
    """'Said Ellis: "..."': the inverted attribution the parser reads as a name; the verb and
    the name after it."""
    lead = window[0] if window else None
    if (
        lead is None
        or lead.tag_ not in ("VBD", "VBZ")
        or not lead.text[:1].isupper()
        or ctx.lex.verbs.get(lead.lemma_.lower()) is None
    ):
        return None
    name = next((t for t in reversed(window[1:]) if t.pos_ == "PROPN"), None)
    return (lead, name) if name is not None else None


def _speech_verb_object(ctx: QuoteContext, q: Quote, j: int) -> tuple[Token, Token | None, int, int] | None:
    """'Protesters chanted "What curfew?"': a speech verb whose object is the quotation."""
    doc = ctx.doc
    cue = verb_cue(doc[j], ctx.lex)
    if cue is not None and cue.slots[:1] == ("clause",) and not any(o.idx < q.open for o in children(doc[j], "dobj")):
        spk = speaker_of_verb(doc[j])
        if spk is not None and spk.i < j:
            return doc[j], spk, spk.left_edge.i, j + 1
    return None


def adjacent_np(window: list[Token], v: Token) -> Token | None:
    cands = [t for t in window if t.pos_ in ("PROPN", "PRON", "NOUN") and t.i != v.i]
    before = [t for t in cands if t.i < v.i]
    after_ = [t for t in cands if t.i > v.i]
    if before:
        return before[-1]
    if after_:
        t = after_[0]
        while t.i + 1 <= window[-1].i and t.doc[t.i + 1].pos_ == "PROPN":
            t = t.doc[t.i + 1]
        return t
    return None
