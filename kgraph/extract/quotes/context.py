"""The per-article state of the statement passes: the quotations (with labelled turns), the
quotation, paragraph and sentence of every token, the unlinked name parts, the antecedent
resolver; the `Draft` of a statement; token-range helpers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...lexicon import ReportingLexicon
from ..antecedents import Antecedents
from ..doc_index import DocIndex
from .marks import MARKS, Quote, find_quotes
from .words import LABEL_PREPS as _LABEL_PREPS
from .words import LEADING_DROP

_MARK_CHARS = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")
_DOUBLED = re.compile(r"''|``")
_NEWLINES = re.compile(r"\n+")

_TURN_RE = re.compile(
    r"^[ \t]*(?:[\"\u201c]|``)?(?P<label>[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3})[ \t]*:[ \t]+(?P<content>\S[^\n]*?)[ \t]*$",
    re.M,
)


@dataclass
class Draft:
    cue: Token | None
    cue_text: str
    speaker_tok: Token | None
    content: list[tuple[int, int]]  # token ranges [s, e)
    kind: str
    stance: str
    quotes: list[int]  # indices into the quote list
    relay: bool = False  # "according to X" / "citing X" / "X reported": X relays nested claims
    source_phrase: bool = False  # the cue is a source phrase ("according to X")
    speaker_key: str | None = None
    relayer_tok: Token | None = None  # "X said ..., citing Y": X relays what Y said
    speaker_span: tuple[int, int] | None = None
    reported_by: str | None = None
    denied_text: str | None = None

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


class QuoteContext:
    """Per-Doc indexes shared by the passes."""

    def __init__(
        self, doc: Doc, ents, lex: ReportingLexicon, article_id: str | None = None, index: DocIndex | None = None
    ):
        if index is None or index.doc is not doc:
            index = DocIndex(doc)
        if index.ents is not ents:
            index.add_entities(ents)
        self.index = index
        self.doc = doc
        self.ents = ents
        self.lex = lex
        self.text = index.text
        # a bare surname or short name the entity stage left unlinked ("Trump" beside "Donald Trump")
        self.name_part = _name_parts(ents)
        self.tok_starts = index.tok_starts
        self.turns: dict[int, int] = {}  # quote index of a labelled turn -> token of its label
        self.key_type = {e.key: e.type for e in ents.entities}
        self.quotes = self._with_turns(find_quotes(self.text))
        self.quote_of, self.mark_tok = self._quote_tokens()
        self.para_of = self._paragraphs()  # token -> paragraph number (paragraphs end at a newline)
        self.sent_of = index.sent_of
        self.sent_bounds: list[tuple[int, int]] = [(sent.start, sent.end) for sent in index.sents]
        self.quote_opens = [q.open for q in self.quotes]
        self.antecedents = Antecedents(index)  # pronouns and descriptions, the SPEAKER policy
        self.last_speaker: tuple | None = None  # (key, sentence, type of an unnamed one) of the latest speaker
        self.article_id = article_id  # scopes unnamed speakers to the article

    def _token_at(self, char: int) -> int:
        """The token holding character offset `char` (its own text or the space after it)."""
        return bisect.bisect_right(self.tok_starts, char) - 1

    def _quote_tokens(self) -> tuple[list[int], list[bool]]:
        """Token -> index of the quotation holding it (-1: none), and whether it is (or holds) a mark.

        Found from character offsets, not token by token: a token holds a mark when one of
        its characters is one (or it is a doubled '' or ``); a token belongs to the latest
        quotation starting at or before it, if it starts before that quotation ends."""
        n, text, starts, ends = len(self.doc), self.text, self.tok_starts, self.index.tok_ends
        quote_of = [-1] * n
        mark_tok = [False] * n
        for m in _MARK_CHARS.finditer(text):
            k = self._token_at(m.start())
            if k >= 0 and m.start() < ends[k]:
                mark_tok[k] = True
        for m in _DOUBLED.finditer(text):
            k = bisect.bisect_left(starts, m.start())
            if k < n and starts[k] == m.start() and ends[k] == m.end():
                mark_tok[k] = True
        q_starts = [q.start for q in self.quotes]
        for k, q in enumerate(self.quotes):
            if k + 1 < len(q_starts) and q_starts[k + 1] == q.start:
                continue  # the later of two quotations opening at one offset holds its tokens
            hi = min(q.end, q_starts[k + 1]) if k + 1 < len(q_starts) else q.end
            for i in range(bisect.bisect_left(starts, q.start), bisect.bisect_left(starts, hi)):
                if not mark_tok[i]:
                    quote_of[i] = k
        return quote_of, mark_tok

    def _paragraphs(self) -> list[int]:
        """Token -> paragraph number: one more after each token holding a newline."""
        para_of = [0] * len(self.doc)
        last, para = 0, 0
        for m in _NEWLINES.finditer(self.text):
            k = self._token_at(m.start())
            if k + 1 > last:
                para_of[last : k + 1] = [para] * (k + 1 - last)
                last = k + 1
                para += 1
        para_of[last:] = [para] * (len(para_of) - last)
        return para_of

    def _with_turns(self, quotes: list[Quote]) -> list[Quote]:
        """Add labelled turns ("PENCE: Well, ...", "Name: headline") as quotations of the label.

        A line counts when its label (one to four capitalised words before a colon) names an
        entity of the article; quotation marks inside a turn belong to it.
        """
        turns: list[tuple[Quote, int]] = []
        for m in _TURN_RE.finditer(self.text):
            ls, le = m.span("label")
            k = bisect.bisect_left(self.tok_starts, ls)
            j = bisect.bisect_left(self.tok_starts, le) - 1
            if k >= len(self.doc) or j < k:
                continue
            key, j = self._label_key(k, j)
            if key is None:
                continue
            cs, ce = m.span("content")
            while ce > cs and self.text[ce - 1] in "\"\u201d\u2019'":  # a closing mark of the turn's paragraph
                ce -= 1
            if ce - cs > 1 and self.text[cs] in "\"\u201c\u2018'":  # a headline's quoted claim: "X: 'We ...'"
                cs += 1
            turns.append((Quote(m.start(), m.end(), cs, ce), j))
        if not turns:
            return quotes
        spans = [(q.open, q.close) for q, _ in turns]
        kept = [q for q in quotes if not any(a <= q.open < b for a, b in spans)]
        merged = sorted(kept + [q for q, _ in turns], key=lambda q: q.open)
        label_at = {q.open: j for q, j in turns}
        for qi, q in enumerate(merged):
            if q.open in label_at and (q.open, q.close) in spans:
                self.turns[qi] = label_at[q.open]
        return merged

    def _label_key(self, k: int, j: int) -> tuple[str | None, int]:
        """Who a turn's label (tokens k..j) names, and the token that names them. A label that
        ends in a name and holds no preposition ("PENCE", "Finnish President Alexander
        Stubb", "OK Gov Fallin", a bare surname) names its last entity; any other label is a
        headline's clause ("Trump Addresses Munich Attack: '...'", "CNN President On Trump:
        '...'"), whose speaker is the person it opens with, if any: not a name later in it."""
        label = self.doc[k : j + 1]
        tokens, named = self.ents.token_key, self.name_part
        if label.text.casefold() in named:  # the whole label is a short name ("Judicial Watch")
            return named[label.text.casefold()], j
        last_named = j in tokens or self.doc[j].text.casefold() in named
        if last_named and not any(t.lower_ in _LABEL_PREPS for t in label):
            key = next((tokens[i] for i in range(j, k - 1, -1) if i in tokens), None)
            return key or named.get(self.doc[j].text.casefold()), j
        first = tokens.get(k) or named.get(self.doc[k].text.casefold())
        return (first if first is not None and self.key_type.get(first) == "Person" else None), k

    def quote_at_char(self, c: int) -> int:
        k = bisect.bisect_right(self.quote_opens, c) - 1
        if k >= 0 and c < self.quotes[k].close:
            return k
        return -1

    def token_range_of_chars(self, s: int, e: int) -> tuple[int, int] | None:
        sp = self.doc.char_span(s, e, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            return None
        return sp.start, sp.end


def in_quote(ctx: QuoteContext, t: Token) -> bool:
    return ctx.quote_of[t.i] >= 0


def first_key(ents, start: int, end: int) -> str | None:
    """The entity key of the first token in [start, end) that has one."""
    return next((ents.token_key[i] for i in range(start, end) if i in ents.token_key), None)


def without(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges with [a, b) cut out."""
    out = []
    for s, e in ranges:
        for x, y in ((s, min(e, a)), (max(s, b), e)):
            if y > x:
                out.append((x, y))
    return out


def clip(ctx: QuoteContext, ranges: list[tuple[int, int]], cue: Token) -> list[tuple[int, int]]:
    """Token ranges cut to the cue's paragraph (the parser may run a sentence over a line break)."""
    para = ctx.para_of[cue.i]
    out = []
    for s, e in ranges:
        while s < e and ctx.para_of[s] != para:
            s += 1
        k = s
        # a semicolon outside quotations ends the reported clause: "X said A; B"
        while k < e and ctx.para_of[k] == para and not (ctx.doc[k].text == ";" and ctx.quote_of[k] < 0 and k > cue.i):
            k += 1
        if k > s:
            out.append((s, k))
    return out


def clean_range(ctx: QuoteContext, s: int, e: int) -> tuple[int, int]:
    doc = ctx.doc
    while s < e and (
        (doc[s].lower_ in LEADING_DROP and (doc[s].dep_ == "mark" or doc[s].is_punct))
        or doc[s].is_punct
        and not ctx.mark_tok[s]
        or doc[s].is_space
    ):
        s += 1
    while e > s and (
        (doc[e - 1].is_punct and doc[e - 1].text not in ("?", "!", ")") and not ctx.mark_tok[e - 1])
        or doc[e - 1].is_space
    ):
        e -= 1
    return s, e


def _name_parts(ents) -> dict[str, str | None]:
    """A person's surname and every name of a person, body or country -> its key (None: ambiguous)."""
    out: dict[str, str | None] = {}
    for ent in ents.entities:
        if ent.type not in ("Person", "Organization", "Country", "Group", "MilitaryForce"):
            continue
        for name in (ent.label, *ent.aliases):
            words = name.split()
            parts = [words[-1]] if ent.type == "Person" else []
            for w in parts + [name]:
                w = w.casefold()
                if out.get(w, ent.key) != ent.key:
                    out[w] = None  # ambiguous
                else:
                    out[w] = ent.key
    return out
