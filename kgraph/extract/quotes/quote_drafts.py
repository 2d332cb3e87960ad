"""Drafts for quotations no cue's content holds (pass "quotation drafts"): labelled turns, the
cue next to a quotation, split quotations, a quotation that continues the last speaker."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from ..syntax import children
from .adjacent import adjacent_cue, is_dash
from .context import Draft, QuoteContext
from .marks import Quote
from .verbs import is_hedged, verb_cue, verb_text


class _Scan:
    """The quotations taken so far, the drafts they went to, the latest one (`prev`)."""

    def __init__(self, ctx: QuoteContext, drafts: list[Draft]):
        doc = ctx.doc
        self.used: set[int] = set()
        for d in drafts:
            self.used.update(d.quotes)
        # quotations inside the content of an indirect statement stay part of it
        self.indirect = [d for d in drafts if d.content and d.kind == "indirect"]
        self.covered: list[tuple[int, int]] = [
            (doc[d.start].idx, doc[d.end - 1].idx + len(doc[d.end - 1])) for d in self.indirect
        ]
        self.last_quote: dict[int, Quote] = {}  # id of an indirect draft -> the last quotation it holds
        self.owner = {qi: d for d in drafts for qi in d.quotes}
        self.drafts = drafts
        self.out: list[Draft] = []
        self.by_cue: dict[int, Draft] = {d.cue.i: d for d in drafts if d.cue is not None and d.kind == "direct"}
        self.prev: Draft | None = None

    def take(self, qi: int, d: Draft, *, new: bool = False, latest: bool = True) -> None:
        """Quotation `qi` goes to draft `d` (a new draft when `new`)."""
        if new:
            self.out.append(d)
        self.used.add(qi)
        if latest:
            self.prev = d


def quote_drafts(ctx: QuoteContext, drafts: list[Draft]) -> list[Draft]:
    """Statements for quotations not already the content of a cue.

    A quotation is the content of a cue next to it; one that follows a direct statement's
    attribution in the same paragraph with only punctuation between continues that
    statement (`"A," he said. "B."`); one that opens a paragraph with no cue of its own
    continues the previous speaker's words as a statement of its own.
    """
    scan = _Scan(ctx, drafts)
    for qi, q in enumerate(ctx.quotes):
        if qi in scan.used:
            scan.prev = scan.owner.get(qi, scan.prev)
        elif qi in ctx.turns:
            _turn(ctx, scan, qi, q)
        else:
            host = next((d for d, (s, e) in zip(scan.indirect, scan.covered) if s <= q.start and q.end <= e), None)
            if host is None:
                _cued_or_continued(ctx, scan, qi, q)
            else:
                # a quotation inside an indirect statement's content stays part of it; one that
                # follows its attribution ('A is "B," he said. "C."') continues it
                scan.prev, scan.last_quote[id(host)] = host, q
    return scan.out


def _turn(ctx: QuoteContext, scan: _Scan, qi: int, q: Quote) -> None:
    """A labelled turn ("PENCE: Well, ..."): the label speaks, the colon is the cue."""
    doc = ctx.doc
    label = doc[ctx.turns[qi]]
    colon = doc[bisect.bisect_left(ctx.tok_starts, q.start) - 1]
    scan.take(qi, Draft(colon, ":", label, [], "direct", "asserts", [qi]), new=True)


def _cued_or_continued(ctx: QuoteContext, scan: _Scan, qi: int, q: Quote) -> None:
    prev = scan.prev
    if _continues_indirect(ctx, scan, qi, q):
        return
    adj = adjacent_cue(ctx, q)
    signed = adj is not None and is_dash(adj[0]) and adj[0].idx >= q.close - 1
    if adj is not None and prev is not None and prev.cue is not None and adj[0].i == prev.cue.i:
        prev.quotes.append(qi)  # split quotation: '"A," he said, "B."'
        scan.take(qi, prev, latest=False)
    elif prev is not None and prev.kind == "direct" and not signed and continues(ctx, prev, q):
        # (a quotation signed with a dash and a name after it is that name's, not more of the
        # one before: '"A." ― Jane Doe \n\n "B." ― John Roe')
        prev.quotes.append(qi)
        scan.take(qi, prev, latest=False)
    elif adj is not None:
        _cued(ctx, scan, qi, adj)
    else:
        _uncued(ctx, scan, qi, q)


def _continues_indirect(ctx: QuoteContext, scan: _Scan, qi: int, q: Quote) -> bool:
    """'A is "B," he added. "C."', 'A, he said. "C."': a quotation right after the attribution
    of an indirect statement whose content came first continues that statement."""
    prev = _latest_attribution(scan, q)
    if (
        prev is None
        or prev.kind != "indirect"
        or prev.cue is None
        or not prev.content
        or prev.end > prev.cue.i
        or children(prev.cue, "dobj", "dative")
    ):
        return False
    # 'A, X said. "C."' too: the attribution then follows the content's last word
    last = scan.last_quote.get(id(prev))
    after = last.close if last is not None else ctx.index.tok_ends[prev.end - 1]
    if not continues(ctx, prev, q, after=after):
        return False
    r = ctx.token_range_of_chars(q.open, q.close)
    if r is None:
        return False
    prev.content.append(r)
    scan.last_quote[id(prev)] = q
    scan.used.add(qi)
    return True


def _latest_attribution(scan: _Scan, q: Quote) -> Draft | None:
    """The draft whose cue comes last before quotation `q`: the latest one a quotation went
    to, or an indirect statement after it that quotes nothing ('A, he said.')."""
    prev = scan.prev
    before = [d for d in scan.indirect if d.cue is not None and d.cue.idx < q.open]
    latest = max(before, key=lambda d: d.cue.i, default=None)
    if latest is not None and (prev is None or prev.cue is None or latest.cue.i > prev.cue.i):
        return latest
    return prev


def _cued(ctx: QuoteContext, scan: _Scan, qi: int, adj: tuple[Token, Token | None, int, int]) -> None:
    """A quotation with a cue next to it: the cue's direct statement (an indirect draft of the
    same verb whose parse saw no clause becomes direct), else a new one."""
    v, spk, ws, we = adj
    d = scan.by_cue.get(v.i)
    new = False
    if d is None:
        d = next((x for x in scan.drafts if x.cue is not None and x.cue.i == v.i), None)
        if d is not None and _says_otherwise(ctx, d, qi):
            return
        if d is not None:
            d.kind, d.quotes = "direct", []
            if d.speaker_tok is None or not (ws <= d.speaker_tok.i < we):
                d.speaker_tok = spk if spk is not None else d.speaker_tok
            scan.by_cue[v.i] = d
    if d is None:
        cue = ctx.lex.verbs.get(v.lemma_.lower())
        stance = "neither" if is_hedged(v, ctx.lex) else (cue.stance if cue else "asserts")
        d = Draft(v, verb_text(v), spk, [], "direct", stance, [])
        scan.by_cue[v.i] = d
        new = True
    d.quotes.append(qi)
    scan.take(qi, d, new=new)


def _says_otherwise(ctx: QuoteContext, d: Draft, qi: int) -> bool:
    """Whether the cue next to a quotation has a complement clause of its own, with a subject,
    on its other side ('declaring "A" and said that B'): the quotation is not its words."""
    r = ctx.token_range_of_chars(ctx.quotes[qi].open, ctx.quotes[qi].close)
    if r is None:
        return False
    v = d.cue
    spk = d.speaker_tok
    for c in children(v, "ccomp"):
        if (
            not children(c, "nsubj", "nsubjpass")
            or ctx.quote_of[c.i] >= 0  # a quotation's own words ('"A," said X. "B."')
            or (c.left_edge.i < r[1] and r[0] <= c.right_edge.i)
            or spk is None
            or c.left_edge.i <= spk.i <= c.right_edge.i  # '"A," said X, asked about B': a parse slip
        ):
            continue
        # the clause right after the cue ("and said it was ..."), not one the parser hung on the
        # cue from a phrase after it ('"A," said X, who later endorsed Y')
        if r[1] <= v.i < c.i and v.i < c.left_edge.i <= v.i + 2:
            return True
        if r[1] <= v.i < c.i and _marked_clause_after(v, c):
            return True  # 'on "Face the Nation," X was asked by the host whether ...': a title
        if c.right_edge.i < v.i < r[0]:
            return True
    return False


def _marked_clause_after(v: Token, c: Token) -> bool:
    """Whether clause `c` opens with "that", "whether" or "if" after the verb's own words, with
    no comma between (the verb's content, not a clause the parser hung on it from afar)."""
    doc = v.doc
    first = doc[c.left_edge.i]
    return (
        first.dep_ == "mark"
        and first.lower_ in ("that", "whether", "if")
        and not any(doc[k].text in (",", ";") or doc[k].is_space for k in range(v.i + 1, first.i))
    )


def _uncued(ctx: QuoteContext, scan: _Scan, qi: int, q: Quote) -> None:
    """No cue: a quotation that opens a paragraph continues the last speaker's words."""
    text, prev = ctx.text, scan.prev
    words = len(text[q.start : q.end].split())
    para_start = text.rfind("\n", 0, q.open) + 1
    opens_para = not text[para_start : q.open].strip()
    if opens_para and words >= 4 and prev is not None and q.open - draft_end_char(ctx, prev) < 600:
        d = Draft(prev.cue, prev.cue_text, prev.speaker_tok, [], "direct", "asserts", [qi])
        d.speaker_key = prev.speaker_key
        scan.take(qi, d, new=True)


def continues(ctx: QuoteContext, prev: Draft, q: Quote, after: int | None = None) -> bool:
    """Whether quotation `q` follows `prev`'s attribution with only punctuation between, same
    paragraph; `after` is the offset the attribution follows (by default where `prev`'s last
    quotation closes)."""
    if after is None:
        if not prev.quotes:
            return False
        after = ctx.quotes[max(prev.quotes)].close
    if prev.cue is None:
        return False
    cue_end = prev.cue.idx + len(prev.cue)
    if cue_end < after:
        return False  # the cue came first ('X said: "A." "B."'): each quotation stands alone
    ends = [x for x in [cue_end, *_attribution_ends(ctx, prev, after, q)] if x <= q.open]
    if not ends:
        return False  # the quotation opens inside the attribution
    gap = ctx.text[max(ends) : q.open]
    if "\n" in gap:
        return False
    return bool(re.fullmatch(r"[\s.,;:]*", gap))


def _attribution_ends(ctx: QuoteContext, prev: Draft, after: int, q: Quote) -> list[int]:
    """Where the attribution after offset `after` (the quotation or content it follows) may
    end: the cue's adjuncts, the speaker's phrase, the attribution's sentence."""
    ends = []
    for c in prev.cue.children:  # "said Monday", "said in an interview"
        if c.dep_ in ("npadvmod", "advmod", "dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("in", "on", "to")):
            r = c.right_edge
            if ctx.para_of[r.i] == ctx.para_of[c.i] and r.idx < q.open:
                ends.append(r.idx + len(r))
    if prev.speaker_tok is not None and prev.speaker_tok.idx > after:
        st = prev.speaker_tok
        ends.append(st.idx + len(st))
        # "said Mr. Obama, who ...": the speaker's whole phrase
        r = st.right_edge
        if ctx.para_of[r.i] == ctx.para_of[st.i] and not r.is_space:
            ends.append(r.idx + len(r))
    sent_end = _sentence_end(ctx, prev, after, q)
    if sent_end is not None:
        ends.append(sent_end)
    return ends


def _sentence_end(ctx: QuoteContext, prev: Draft, after: int, q: Quote) -> int | None:
    """'"A," X said at a campaign stop this week. "B."': the attribution's whole sentence, when it
    holds no other cue and ends right before the quotation."""
    ss, se = ctx.sent_bounds[ctx.sent_of[prev.cue.i]]
    last_tok = ctx.doc[se - 1]
    while last_tok.is_space and last_tok.i > ss:
        last_tok = ctx.doc[last_tok.i - 1]
    sent_end = last_tok.idx + len(last_tok)
    if sent_end <= q.open and not any(
        t.i != prev.cue.i and not ctx.mark_tok[t.i] and ctx.quote_of[t.i] < 0 and verb_cue(t, ctx.lex)
        for t in ctx.doc[ss:se]
        if t.idx > after
    ):
        return sent_end
    return None


def draft_end_char(ctx: QuoteContext, d: Draft) -> int:
    ends = []
    if d.quotes:
        ends.append(ctx.quotes[max(d.quotes)].close)
    if d.content:
        t = ctx.doc[d.end - 1]
        ends.append(t.idx + len(t))
    if d.cue is not None:
        ends.append(d.cue.idx + len(d.cue))
    return max(ends) if ends else 0
