"""Quotations and reported claims: who said what, relayed by whom, with what stance.

`extract_statements(doc, ents, article)` is a pure function over a parsed Doc; it
returns `Statement` records ordered by their start offset. The mechanisms, all general:

- quotation marks are paired per paragraph (`find_quotes`): curly marks by their
  direction, straight and typewriter ('' ``) marks by the characters around them; an
  unclosed mark is dropped, unless the next paragraph opens a quotation (the convention
  for quotes that run over paragraphs), so unbalanced text never stops the balanced
  quotations being found;
- reporting cues are words of `ontology/lexicon/reporting.tsv` (verbs, nouns, "according
  to" / "citing" phrases); each cue's content comes from the dependency parse, in the
  slots its row lists (complement clause, object, "accuse X of Y", "urge X to Y", "call
  on X to Y", "label X as Y", passive subject ...); a parenthetical cue ("The test, North
  Korea said, was ...") reports the clause around it; a semicolon ends a reported clause;
- a quotation is the content of the cue whose clause it covers, or of a cue right next
  to it (`"...," he said`, `X said: "..."`, `"..." -- Jane Doe`); split quotations
  (`"A," he said, "B."`) and a quotation right after the attribution (`"A," he said.
  "B."`) are one statement; a quotation inside a reported clause stays part of it; a
  quotation with no cue that opens a paragraph continues the previous speaker's words;
- a line "LABEL: text" whose label names an entity of the article is that entity's turn
  (transcripts, "Name: headline");
- speakers are the cue's subject (a passive's agent, the possessor of a noun cue, the
  object of "according to"), climbing through conjoined and participial verbs, with a
  fallback to the noun right before the verb when the parse gives it none; pronouns and
  descriptions ("he", "the official", "the newspaper", see `descriptions.tsv`) resolve to
  the most recent compatible entity mention outside quotations, preferring subjects, then
  the one who has been speaking; a bare surname resolves to the entity it ends;
- two levels of source: statements nested in "according to X" / "X reported" get X as
  `reported_by` (the "according to" statement itself is dropped when they cover it);
  "X said ..., citing Y" is Y's statement relayed by X;
- stance: denial verbs deny; negation, "neither ... nor" and hedges ("declined to
  confirm", "declined to comment") leave the content unconfirmed ("neither"); a denial
  links to the earlier statement of another speaker whose text it overlaps;
- the same text said twice by the same speaker (a lede repeated in the body) is one
  statement with extra spans.

Everything is a few linear passes over the tokens; no extra model is loaded.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicon import CueWord, ReportingLexicon, load_reporting_lexicon, word_classes  # noqa: F401 (re-exported)
from .dateline import find_datelines
from .entities import load_lexicon
from .records import Span, Statement
from .speakers import is_speaker_like, pronoun_fits, role_antecedent, role_words, speaker_phrase, unnamed_key

__all__ = ["Quote", "ReportingLexicon", "extract_statements", "find_quotes", "load_reporting_lexicon"]

_OPEN = "\u201c"
_CLOSE = "\u201d"
_STRAIGHT = '"'
_MARKS = {_OPEN, _CLOSE, _STRAIGHT}
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_CLAUSE_DEPS = ("ccomp", "parataxis")
_PRONOUN_TYPES = {
    "he": ("Person",),
    "she": ("Person",),
    "him": ("Person",),
    "her": ("Person",),
    "they": ("Group", "Organization", "Country", "MilitaryForce", "Person"),
    "them": ("Group", "Organization", "Country", "MilitaryForce", "Person"),
    "it": ("Organization", "Country", "Group"),
}
_RELATIVE = {"who", "which", "that", "whom"}
_LEADING_DROP = {"that", "whether", ",", ":", "-", "\u2014", "\u2013"}
_COREF_SENTENCES = 6
_DASHES = {"\u2015", "\u2014", "\u2013", "--", "-"}


# ---------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` are the offsets of the words inside the marks."""

    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark (or the paragraph end when unclosed)
    start: int
    end: int
    closed: bool = True


def _mark_direction(text: str, i: int, n: int = 1) -> str:
    """'open' or 'close' for a straight mark of `n` characters at `i`, from the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-/":
        return "open" if not after.isspace() else "close"
    return "close"


_TURN_RE = re.compile(
    r"^[ \t]*(?:[\"\u201c]|``)?(?P<label>[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3})[ \t]*:[ \t]+(?P<content>\S[^\n]*?)[ \t]*$",
    re.M,
)
_MARK_RE = re.compile("''|``|[\u201c\u201d\"]")


def find_quotes(text: str) -> list[Quote]:
    """Quotations in `text`, paired paragraph by paragraph; never fails on unbalanced marks.

    Marks: curly double quotes, straight double quotes, and the typewriter pairs `` and ''.
    A closing curly mark at the start of a line, before a word, is taken as an opening one.
    """
    quotes: list[Quote] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for pi, (ps, pe) in enumerate(paragraphs):
        open_at: tuple[int, int, str] | None = None  # (offset, mark length, mark)
        for m in _MARK_RE.finditer(text, ps, pe):
            i, mark = m.start(), m.group()
            if mark in (_OPEN, "``"):
                direction = "open"
            elif mark == _CLOSE:
                direction = "open" if not text[ps:i].strip() and i + 1 < pe and not text[i + 1].isspace() else "close"
            else:
                direction = _mark_direction(text, i, len(mark))
                if open_at is not None and open_at[2] == mark:
                    direction = "close"  # straight marks alternate once one is open
            if direction == "open":
                open_at = (i, len(mark), mark)  # an earlier unclosed mark is dropped
            elif open_at is not None:
                _add_quote(quotes, text, open_at[0], open_at[1], i + len(mark), i)
                open_at = None
        if open_at is not None:
            # an unclosed quotation counts only when the next paragraph continues it
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt is not None and _MARK_RE.match(text[nxt[0] : nxt[1]].lstrip()[:2]):
                _add_quote(quotes, text, open_at[0], open_at[1], pe, pe, closed=False)
    return quotes


def _add_quote(
    quotes: list[Quote], text: str, open_at: int, mark_len: int, close: int, inner_end: int, closed: bool = True
) -> None:
    s, e = open_at + mark_len, inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        quotes.append(Quote(open_at, close, s, e, closed))


# ---------------------------------------------------------------------------- helpers


@dataclass
class _Draft:
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


class _Context:
    """Per-Doc indexes shared by the passes."""

    def __init__(self, doc: Doc, ents, lex: ReportingLexicon, article_id: str | None = None):
        self.doc = doc
        self.ents = ents
        self.lex = lex
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        # a bare surname or short name the entity stage left unlinked ("Trump" beside "Donald Trump")
        self.name_part: dict[str, str | None] = {}
        for ent in ents.entities:
            if ent.type not in ("Person", "Organization", "Country", "Group", "MilitaryForce"):
                continue
            for name in (ent.label, *ent.aliases):
                words = name.split()
                parts = [words[-1]] if ent.type == "Person" else []
                for w in parts + [name]:
                    w = w.casefold()
                    if self.name_part.get(w, ent.key) != ent.key:
                        self.name_part[w] = None  # ambiguous
                    else:
                        self.name_part[w] = ent.key
        self.tok_starts = [t.idx for t in doc]
        self.turns: dict[int, int] = {}  # quote index of a labelled turn -> token of its label
        self.quotes = self._with_turns(find_quotes(self.text))
        n = len(doc)
        self.quote_of = [-1] * n  # token -> index of the quotation holding it
        self.mark_tok = [False] * n  # token is (or holds) a quotation mark
        qi = 0
        starts = [q.start for q in self.quotes]
        for t in doc:
            if any(ch in _MARKS for ch in t.text) or t.text in ("''", "``"):
                self.mark_tok[t.i] = True
            k = bisect.bisect_right(starts, t.idx) - 1
            if k >= 0 and t.idx < self.quotes[k].end and not self.mark_tok[t.i]:
                self.quote_of[t.i] = k
            qi = k
        del qi
        self.para_of = [0] * n  # token -> paragraph number (paragraphs end at a newline)
        para = 0
        for t in doc:
            self.para_of[t.i] = para
            if "\n" in t.text:
                para += 1
        self.sent_of = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        for si, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        # mentions for coreference: (start char, end char, type, key), outside nothing
        self.mentions = list(ents.mentions)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.char_quote = [(q.open, q.close) for q in self.quotes]
        self.quote_opens = [q.open for q in self.quotes]
        self.key_type = {e.key: e.type for e in ents.entities}
        self.names_of = {e.key: (e.label, *e.aliases) for e in ents.entities}
        self.last_speaker: tuple[str, int] | None = None  # (key, sentence) of the latest resolved speaker
        self.article_id = article_id  # scopes unnamed speakers to the article

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
            label = self.doc[k : j + 1]
            key = (
                next((self.ents.token_key.get(i) for i in range(j, k - 1, -1) if self.ents.token_key.get(i)), None)
                or self.name_part.get(label.text.casefold())
                or self.name_part.get(self.doc[j].text.casefold())
            )
            if key is None:
                continue
            cs, ce = m.span("content")
            while ce > cs and self.text[ce - 1] in "\"\u201d'":  # a closing mark of the turn's paragraph
                ce -= 1
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


def _in_quote(ctx: _Context, t: Token) -> bool:
    return ctx.quote_of[t.i] >= 0


def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _subtree_range(t: Token) -> tuple[int, int]:
    return t.left_edge.i, t.right_edge.i + 1


# ---------------------------------------------------------------------------- cues


def _cue_phrase(doc: Doc, i: int, lex: ReportingLexicon) -> tuple[tuple[str, ...], CueWord] | None:
    for words, cue in lex.sources.items():
        n = len(words)
        if i + n <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return words, cue
    return None


def _is_verb_cue(t: Token, lex: ReportingLexicon) -> CueWord | None:
    if t.pos_ not in ("VERB", "AUX") and not (t.tag_.startswith("VB")):
        return None
    if t.dep_ in ("amod", "compound", "nmod"):  # "charging papers", "the reported attack"
        return None
    return lex.verbs.get(t.lemma_.lower())


def _content_for_verb(
    ctx: _Context, v: Token, cue: CueWord, claimed: set[int]
) -> tuple[list[tuple[int, int]], str] | None:
    """The content token ranges of a verb cue, and the slot that gave them."""
    doc = ctx.doc
    for slot in ("clause",) + tuple(s for s in cue.slots if s != "clause"):
        if slot == "clause":
            # the complement clause after the verb ("noted that ..."), else one before it
            comps = sorted(
                (c for c in v.children if c.dep_ == "ccomp" and c.i not in claimed),
                key=lambda c: (c.i < v.i, -any(m.dep_ == "mark" for m in c.children)),
            )
            if comps:
                return [_subtree_range(comps[0])], slot
        elif slot == "object":
            for c in v.children:
                if c.dep_ in ("dobj", "obj") and c.pos_ not in ("PRON",):
                    s, e = _subtree_range(c)
                    # "stressed fairness, and a need to ...": the parser hangs the second object on the verb
                    for k in v.rights:
                        if (
                            k.dep_ == "conj"
                            and k.pos_ in ("NOUN", "PROPN")
                            and k.i >= e
                            and all(doc[j].dep_ in ("cc", "punct") for j in range(e, k.left_edge.i))
                        ):
                            e = k.right_edge.i + 1
                    return [(s, e)], slot
            for c in v.children:  # a gerund object: "denied targeting civilians"
                if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > v.i and c.i not in claimed:
                    return [_subtree_range(c)], slot
        elif slot in ("obj-of", "obj-to", "obj-as"):
            obj = next((c for c in v.children if c.dep_ in ("dobj", "obj") and c.i > v.i), None)
            if obj is None:
                continue
            if slot == "obj-of":
                pp = next(
                    (c for c in v.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "over") and c.i > obj.i),
                    None,
                )
                if pp is not None:
                    return [(obj.left_edge.i, pp.right_edge.i + 1)], slot
            elif slot == "obj-to":
                xc = next(
                    (
                        c
                        for c in v.children
                        if c.dep_ in ("xcomp", "ccomp") and c.i > obj.i and any(a.lower_ == "to" for a in c.children)
                    ),
                    None,
                )
                if xc is None:
                    xc = next(
                        (
                            c
                            for c in obj.children
                            if c.dep_ in ("relcl", "acl") and any(a.lower_ == "to" for a in c.children)
                        ),
                        None,
                    )
                if xc is not None:
                    return [(obj.left_edge.i, xc.right_edge.i + 1)], slot
            else:
                pp = next(
                    (
                        c
                        for c in v.children
                        if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "xcomp") and c.i > obj.i
                    ),
                    None,
                )
                if pp is None:
                    pp = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
                if pp is not None:
                    return [(obj.left_edge.i, max(pp.right_edge.i, obj.right_edge.i) + 1)], slot
                if any(ctx.mark_tok[i] for i in range(obj.i + 1, obj.right_edge.i + 1)):
                    # "called the move 'reckless'": the parser hangs the quoted label on the object
                    return [_subtree_range(obj)], slot
        elif slot == "about":
            # "spoke about the war", "talked of peace" (not "spoke on radio", "on condition of anonymity")
            pp = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("about", "of")), None)
            obj = None if pp is None else next((c for c in pp.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return [_subtree_range(obj)], slot
        elif slot == "obj-to-pp":
            obj = next((c for c in v.children if c.dep_ in ("dobj", "obj") and c.i > v.i), None)
            pp = next(
                (c for c in v.children if c.dep_ == "prep" and c.lower_ == "to" and obj is not None and c.i > obj.i),
                None,
            )
            if pp is not None:
                return [(obj.left_edge.i, pp.right_edge.i + 1)], slot
        elif slot == "doc-object":
            # "Polls show a close race", "The video shows soldiers firing": what a document or
            # recording shows, when the parse gives it no clause
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in v.children if c.dep_ in ("dobj", "obj") and c.i > v.i), None)
            if (
                subj is not None
                and obj is not None
                and obj.pos_ != "PRON"
                and subj.lemma_.lower() in _SOURCE_DOCS | _RECORDINGS
            ):
                return [_subtree_range(obj)], slot
        elif slot == "on-to":
            pp = next((c for c in v.children if c.dep_ in ("prep", "prt") and c.lower_ == "on"), None)
            if pp is not None:
                xc = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > pp.i), None)
                pobj = next((c for c in pp.children if c.dep_ == "pobj"), None)
                if xc is None and pobj is not None:
                    xc = next((c for c in pobj.children if c.dep_ in ("relcl", "acl")), None)
                if pobj is not None:
                    end = (xc.right_edge.i if xc is not None else pobj.right_edge.i) + 1
                    return [(pobj.left_edge.i, end)], slot
        elif slot == "to":
            xc = next((c for c in v.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
            if xc is not None:
                return [_subtree_range(xc)], slot
        elif slot == "for":
            pp = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "for"), None)
            if pp is not None and not any(c.dep_ == "pobj" for c in pp.children) and pp.right_edge.i > pp.i:
                # "called for reducing the rate", "called for compensation to be clawed back"
                if any(c.dep_ in ("pcomp", "ccomp") for c in pp.children):
                    return [(pp.i + 1, pp.right_edge.i + 1)], slot
            if pp is not None and any(c.dep_ == "pobj" for c in pp.children):
                pobj = next(c for c in pp.children if c.dep_ == "pobj")
                s, e = _subtree_range(pobj)
                # "called for contestants to wear ...": the infinitive the parser hung on the verb
                inf = next(
                    (
                        c
                        for c in v.children
                        if c.dep_ in ("xcomp", "advcl", "ccomp")
                        and c.i >= e
                        and c.left_edge.i == e
                        and c.left_edge.lower_ == "to"
                    ),
                    None,
                )
                return [(s, inf.right_edge.i + 1 if inf is not None else e)], slot
        elif slot == "of":
            pp = next(
                (c for c in v.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "against", "on")), None
            )
            if pp is not None and any(c.dep_ in ("pobj", "pcomp") for c in pp.children):
                pobj = next(c for c in pp.children if c.dep_ in ("pobj", "pcomp"))
                return [_subtree_range(pobj)], slot
        elif slot == "to-pp":
            pp = next((c for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
            if pp is not None and any(c.dep_ == "pobj" for c in pp.children):
                return [(next(c for c in pp.children if c.dep_ == "pobj").left_edge.i, pp.right_edge.i + 1)], slot
        elif slot == "passive":
            if any(c.dep_ == "auxpass" for c in v.children):
                sp = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                if sp is not None and sp.pos_ not in ("PRON",):
                    s, _e = _subtree_range(sp)
                    # the whole clause: "the presence ... was first reported by Kyiv in October",
                    # without adjuncts that carry their own content ("with officials estimating ...")
                    end = v.i
                    for c in v.rights:
                        if c.dep_ in ("advcl", "conj", "cc", "punct", "ccomp", "parataxis") or (
                            c.dep_ == "prep" and c.lower_ == "with"
                        ):
                            break
                        end = c.right_edge.i
                    return [(s, end + 1)], slot
    # "X is strong, he said" parsed with the reporting verb as a parataxis of the clause, and
    # "The test, North Korea said, was its biggest": a bare reporting clause reports its host
    bare = not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "oprd") for c in v.children)
    if (
        bare
        and v.head.i != v.i
        and v.head.pos_ in ("VERB", "AUX")
        and not _is_verb_cue(v.head, ctx.lex)
        and (v.dep_ == "parataxis" or (v.dep_ == "ccomp" and v.i > v.head.i))
    ):
        s, e = _subtree_range(v.head)
        vs, ve = _subtree_range(v)
        parts = [(a, b) for a, b in ((s, vs), (ve, e)) if b > a]
        if parts:
            return parts, "clause"
    del doc
    return None


def _speaker_of_verb(v: Token) -> Token | None:
    """The subject of a reporting verb, climbing through conjunctions, participles and xcomps."""
    t = v
    for _ in range(4):
        passive = any(c.dep_ == "auxpass" for c in t.children)
        if passive:
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            elif t is v:
                return None  # "the capture was announced": the text does not say who announced it
        subjects = [c for c in t.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and not passive)]
        # the parser sometimes gives a relative clause two subjects ("reasons that Trump refuses"):
        # the name, not the relative pronoun
        subj = next((c for c in subjects if c.lower_ not in _RELATIVE), subjects[0] if subjects else None)
        if subj is None and passive and t is not v:
            subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        if subj is not None and subj.lower_ != "it" or (subj is not None and t is v):
            return subj
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
            continue
        if t.dep_ in ("acl", "relcl") and t.head is not t:
            return t.head
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head is not t.head:
            t = t.head.head
            continue
        if t is not v and t.pos_ in ("ADJ", "NOUN") and t.dep_ in ("acomp", "attr", "dobj", "oprd") and t.head is not t:
            # "was quick to condemn", "took the unusual step of criticizing": the clause's subject
            t = t.head
            continue
        break
    return None


def _left_np(ctx: _Context, v: Token) -> Token | None:
    """When the parse gives a verb no subject: the noun right before it ("Democrats accused"),
    or the name before an apposition ("Flynn, a top surrogate, said")."""
    if v.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = ctx.doc
    i = v.i - 1
    while i >= 0 and (doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].lower_ != "to"):
        i -= 1
    if i < 0 or ctx.quote_of[i] >= 0 or ctx.para_of[i] != ctx.para_of[v.i]:
        return None
    t = doc[i]
    if t.text == ",":
        # skip back over the apposition to the name before it
        j = i - 1
        while (
            j >= 0
            and j > i - 12
            and doc[j].text != ","
            and ctx.quote_of[j] < 0
            and not ctx.mark_tok[j]
            and doc[j].text not in (".", ";")
        ):
            j -= 1
        if j > 0 and doc[j].text == "," and doc[j - 1].pos_ in ("PROPN", "PRON") and ctx.quote_of[j - 1] < 0:
            return doc[j - 1]
        return None
    if t.pos_ in ("PROPN", "PRON", "NOUN") and t.lower_ not in _RELATIVE:
        return t
    return None


def _speaker_of_noun(n: Token) -> Token | None:
    poss = next((c for c in n.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    comp = [c for c in n.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if comp:
        return comp[-1]
    # "X made/issued the claim that ..."
    if n.dep_ in ("dobj",) and n.head.lemma_ in (
        "make",
        "issue",
        "release",
        "repeat",
        "offer",
        "give",
        "voice",
        "raise",
    ):
        return next((c for c in n.head.children if c.dep_ == "nsubj"), None)
    # "X said in a statement that ...", "X wrote in a letter that ...": the noun's clause is X's
    if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ in ("VERB", "AUX"):
        return _speaker_of_verb(n.head.head)
    return None


def _is_hedged(v: Token, lex: ReportingLexicon) -> bool:
    if any(c.dep_ == "neg" for c in v.children):
        return True
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in v.children):
        return True
    h = v.head
    if v.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in h.children):
        return True
    for subj in _children(v, "nsubj", "nsubjpass"):
        # "Neither Moscow nor Kyiv has confirmed", "No one has confirmed", "None of them said"
        if (
            any(c.dep_ == "preconj" and c.lower_ == "neither" for c in subj.children)
            or subj.lower_ in ("nobody", "none", "neither", "noone")
            or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children)
        ):
            return True
    if v.dep_ == "xcomp" and h.lemma_.lower() in lex.hedges:
        return True
    return False


def _verb_text(v: Token) -> str:
    """The cue as written: the verb with its particle or preposition ("called on", "pointed out")."""
    parts = [v]
    for c in v.children:
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("on", "for") and v.lemma_ == "call"):
            parts.append(c)
    if v.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in v.head.children):
        return f"neither {v.head.text} nor {v.text}"
    neg = [c for c in v.children if c.dep_ in ("neg", "preconj")]
    if any(c.lower_ == "neither" for c in neg):
        conj = next((c for c in v.children if c.dep_ == "conj"), None)
        if conj is not None:
            return f"neither {v.text} nor {conj.text}"
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _find_cues(ctx: _Context) -> list[_Draft]:
    doc, lex = ctx.doc, ctx.lex
    drafts: list[_Draft] = []
    claimed: set[int] = set()
    by_cue: dict[int, _Draft] = {}
    skip_until = -1
    for t in doc:
        if t.i < skip_until or _in_quote(ctx, t):
            continue
        low = t.lower_
        phrase = _cue_phrase(doc, t.i, lex) if low in ("according", "citing", "quoting") else None
        if phrase is not None:
            words, cue = phrase
            if low in ("citing", "quoting"):
                # "X said ..., citing Y": the cited Y speaks, X relays
                host_draft = next((by_cue[a.i] for a in t.ancestors if a.i in by_cue), None)
                cited = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
                if host_draft is not None and cited is not None:
                    host_draft.relayer_tok = host_draft.speaker_tok
                    host_draft.speaker_tok = cited
                    host_draft.content = _without(host_draft.content, t.left_edge.i, t.right_edge.i + 1)
                    if not host_draft.content:
                        # "Interfax reported, citing a source, that ...": the parse hangs the clause on "citing"
                        clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
                        if clause is not None:
                            host_draft.content = [_subtree_range(clause)]
                    skip_until = t.i + len(words)
                    continue
            d = _source_draft(ctx, t, len(words), cue)
            if d is not None:
                drafts.append(d)
            skip_until = t.i + len(words)
            continue
        cue = _is_verb_cue(t, lex)
        if cue is not None and t.dep_ in ("relcl", "acl") and _children(t, "auxpass") and not _children(t, "agent"):
            continue  # "the commander, whose capture was announced Saturday": no one's statement
        if (
            cue is not None
            and _children(t, "auxpass")
            and not _children(t, "ccomp", "xcomp")
            and any(_animate(ctx, x) for x in _children(t, "nsubjpass"))
        ):
            continue  # "three men are being questioned", "she was asked to resign": said to them, not by them
        if cue is not None:
            # a cue governing another cue ("declined to confirm", "plans to announce"): the inner one speaks
            if any(c.dep_ == "xcomp" and _is_verb_cue(c, lex) for c in t.children):
                continue
            found = _content_for_verb(ctx, t, cue, claimed)
            if found is None and t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.hedges:
                # "declined to comment": a statement without content, its stance "neither"
                drafts.append(
                    _Draft(
                        t,
                        f"{t.head.text} to {t.text}",
                        _speaker_of_verb(t),
                        [_subtree_range(t)],
                        "indirect",
                        "neither",
                        [],
                    )
                )
                by_cue[t.i] = drafts[-1]
                continue
            if found is None:
                drafts.append(
                    _Draft(
                        t,
                        _verb_text(t),
                        _speaker_of_verb(t) or _left_np(ctx, t),
                        [],
                        "indirect",
                        "neither" if _is_hedged(t, lex) else cue.stance,
                        [],
                        relay=t.lemma_.lower() in lex.relays,
                    )
                )
                by_cue[t.i] = drafts[-1]
                continue
            ranges, slot = _clip(ctx, _past_split_quote(ctx, found[0]), t), found[1]
            if not ranges:
                continue
            head_draft = by_cue.get(t.head.i) or next(
                (by_cue[c.i] for c in t.head.children if c.dep_ == "xcomp" and c.i in by_cue), None
            )
            if (
                t.dep_ == "advcl"
                and t.tag_ == "VBG"
                and slot == "of"
                and head_draft is not None
                and head_draft.content
                and not _children(t, "nsubj")
            ):
                # "urged the West to ..., warning against ...": the warning elaborates the same speech act
                head_draft.content.append((t.i, max(e for _s, e in ranges)))
                continue
            stance = "neither" if _is_hedged(t, lex) else cue.stance
            drafts.append(
                _Draft(
                    t,
                    _verb_text(t),
                    _speaker_of_verb(t) or _left_np(ctx, t),
                    ranges,
                    "indirect",
                    stance,
                    [],
                    relay=t.lemma_.lower() in lex.relays,
                )
            )
            by_cue[t.i] = drafts[-1]
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in lex.nouns:
            ncue = lex.nouns[t.lemma_.lower()]
            content = None
            for c in t.children:
                if c.dep_ in ("acl", "ccomp", "relcl") and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children
                ):
                    content = [_subtree_range(c)]
                    break
                if (
                    c.dep_ == "acl"
                    and "to" in ncue.slots
                    and any(a.lower_ == "to" for a in c.children)
                    and c.pos_ == "VERB"
                ):
                    content = [_subtree_range(c)]
                    break
            if content is None and "for" in ncue.slots:
                pp = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
                if pp is not None and t.lemma_ in ("call", "demand", "plea", "appeal"):
                    pobj = next((c for c in pp.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        content = [_subtree_range(pobj)]
            content = _clip(ctx, content, t) if content is not None else None
            if content:
                drafts.append(_Draft(t, t.text, _speaker_of_noun(t), content, "indirect", ncue.stance, []))
    return drafts


def _dateline_relays(ctx: _Context, drafts: list[_Draft], text: str) -> None:
    """The agency of a dateline ("ANKARA (Reuters) -") relays the statements after it, unless
    it is their speaker or another relay is named."""
    for dl in find_datelines(text):
        if dl.outlet is None:
            continue
        r = ctx.token_range_of_chars(*dl.outlet)
        outlet = None if r is None else _first_key(ctx.ents, r[0], r[1])
        if outlet is None:
            continue
        for d in drafts:
            first = d.cue if d.cue is not None else (ctx.doc[d.start] if d.content else None)
            if first is None or first.idx < dl.end:
                continue
            if d.reported_by is None and d.speaker_key != outlet:
                d.reported_by = outlet


def _animate(ctx: _Context, tok: Token) -> bool:
    """A person or group: a personal pronoun, a Person/Group entity, a noun for people."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "i", "we", "you", "him", "her", "them", "who")
    key = ctx.ents.token_key.get(tok.i)
    if key is not None:
        return ctx.key_type.get(key) in ("Person", "Group")
    lemma = tok.lemma_.lower()
    lex = load_lexicon()
    return lemma in lex.person_nouns or tok.lower_ in lex.group_nouns or lemma in ("man", "woman", "people")


def _elaborations(ctx: _Context, drafts: list[_Draft]) -> None:
    """A cue hung inside another cue's reported clause, with no subject of its own, goes on
    with the same speaker: "X said the convoy was hit, adding that Y", "X told reporters the
    talks had stalled and warned that Y": Y is X's, and X's first clause ends before it.
    A participle after a comma always continues the speech; a conjoined verb only when the
    subject it would share cannot speak ("the talks ... warned")."""
    by_cue = {d.cue.i: d for d in drafts if d.cue is not None}
    for d in drafts:
        t = d.cue
        if t is None or t.pos_ != "VERB" or _children(t, "nsubj", "nsubjpass") or not d.content:
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
            shared = _speaker_of_verb(t.head)
            if shared is not None and is_speaker_like(shared):
                continue
        cut = t.left_edge.i
        while cut > 0 and (ctx.doc[cut - 1].is_punct or ctx.doc[cut - 1].dep_ == "cc"):
            cut -= 1
        outer.content = [(a, min(b, cut)) for a, b in outer.content if a < cut]
        d.speaker_tok, d.speaker_key, d.relayer_tok = outer.speaker_tok, outer.speaker_key, outer.relayer_tok


def _past_split_quote(ctx: _Context, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _without(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges with [a, b) cut out."""
    out = []
    for s, e in ranges:
        for x, y in ((s, min(e, a)), (max(s, b), e)):
            if y > x:
                out.append((x, y))
    return out


def _clip(ctx: _Context, ranges: list[tuple[int, int]], cue: Token) -> list[tuple[int, int]]:
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


def _source_draft(ctx: _Context, t: Token, n: int, cue: CueWord) -> _Draft | None:
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
    head = t.head if t.head is not t else None
    while head is not None and head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
        head = head.head if head.head is not head else None
    if head is not None and head.i != t.i:
        cs, ce = _subtree_range(head)
    else:
        cs, ce = ss, se
    cs, ce = max(cs, ss), min(ce, se)
    parts = _clip(ctx, [(cs, phrase_start), (phrase_end, ce)], t)
    if not parts:
        return None
    return _Draft(
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


# ---------------------------------------------------------------------------- quotations as statements


def _clean_range(ctx: _Context, s: int, e: int) -> tuple[int, int]:
    doc = ctx.doc
    while s < e and (
        (doc[s].lower_ in _LEADING_DROP and (doc[s].dep_ == "mark" or doc[s].is_punct))
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


def _quote_text(ctx: _Context, qis: Iterable[int]) -> tuple[str, int, int]:
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


def _attach_quotes(ctx: _Context, drafts: list[_Draft]) -> None:
    """Turn cue contents covered by quotations into direct statements; absorb quotes inside indirect ones."""
    for d in drafts:
        if not d.content or d.source_phrase:
            continue
        toks = [i for s, e in d.content for i in range(s, e) if not ctx.doc[i].is_punct]
        if not toks:
            continue
        qset = {ctx.quote_of[i] for i in toks if ctx.quote_of[i] >= 0}
        inside = sum(1 for i in toks if ctx.quote_of[i] >= 0)
        if qset and inside >= 0.6 * len(toks):
            d.kind = "direct"
            d.quotes = sorted(qset)


def _tokens_between(ctx: _Context, a: int, b: int) -> list[Token]:
    return [t for t in ctx.doc[a:b] if not t.is_space]


def _adjacent_cue(ctx: _Context, q: Quote) -> tuple[Token, Token | None, int, int] | None:
    """A reporting verb right after (', he said') or right before ('X said:') a quotation.

    Returns (verb, speaker token, window start token, window end token).
    """
    doc, lex = ctx.doc, ctx.lex
    holder = bisect.bisect_right(ctx.tok_starts, q.close - 1) - 1  # the token holding the closing mark
    if holder >= 0 and doc[holder].idx + len(doc[holder]) <= q.close:
        holder += 1
    after = (holder, holder + 1) if 0 <= holder < len(doc) else None
    para_end = ctx.text.find("\n", q.close)
    para_end = len(ctx.text) if para_end < 0 else para_end
    if after is not None:
        i = after[0]
        window: list[Token] = []
        if ctx.mark_tok[i] and doc[i].idx < q.close:
            if doc[i].text.strip("\u201c\u201d\"'`") in _DASHES:
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
        if window and window[0].text.strip("\u201c\u201d\"'`") in _DASHES:
            # '"..." -- Jane Doe': a dash and a name after the quotation
            names = []
            for t in window[1:]:
                if t.pos_ == "PROPN" or (names and t.text in (".",) and False):
                    names.append(t)
                elif names or not t.is_punct:
                    break
            if names:
                return window[0], names[-1], window[0].i, names[-1].i + 1
        for t in window:
            if _is_verb_cue(t, lex) and t.pos_ in ("VERB", "AUX"):
                spk = _speaker_of_verb(t)
                if spk is None or not (window[0].i <= spk.i <= window[-1].i):
                    # parse broken by the quotation: the noun phrase next to the verb
                    spk = _adjacent_np(window, t)
                end = max([t.i] + ([spk.i] if spk is not None else [])) + 1
                if spk is not None and spk.i > t.i:
                    end = max(end, spk.right_edge.i + 1 if spk.right_edge.i < window[-1].i + 1 else spk.i + 1)
                return t, spk, window[0].i, end
            if t.pos_ in ("VERB",) and not _is_verb_cue(t, lex):
                break
    # before: "X said:" / "X said," / "said X:" right before the opening mark
    last_before = bisect.bisect_left(ctx.tok_starts, q.open) - 1
    if last_before >= 0:
        j = last_before
        while j >= 0 and (doc[j].is_space or doc[j].idx >= q.open):
            j -= 1
        if j >= 0 and doc[j].text in (":", ",", "\u2014", "-", "--"):
            k = j - 1
            window = []
            para_start = ctx.text.rfind("\n", 0, doc[j].idx)
            # a colon may end the previous paragraph ("He said:\n\n\"...\"")
            while (
                k >= 0
                and len(window) < 12
                and not ctx.mark_tok[k]
                and ctx.quote_of[k] < 0
                and doc[k].text not in (".", ";")
                and (doc[k].idx > para_start or doc[j].text == ":")
            ):
                if doc[k].idx <= para_start and doc[j].text == ":" and window:
                    break
                window.insert(0, doc[k])
                k -= 1
            for t in reversed(window):
                if _is_verb_cue(t, lex) and t.pos_ in ("VERB", "AUX"):
                    spk = _speaker_of_verb(t) or _adjacent_np(window, t)
                    return t, spk, window[0].i, j + 1
            if doc[j].text == ":" and window and not any(t.pos_ in ("VERB", "AUX") for t in window):
                # "Trump on Twitter: ..." -- the colon is the cue
                head = next((t for t in window if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
                if head is not None:
                    return doc[j], head, window[0].i, j + 1
        elif j >= 0 and doc[j].pos_ == "VERB" and ctx.para_of[j] == ctx.para_of[min(j + 1, len(doc) - 1)]:
            # 'Protesters chanted "What curfew?"': a speech verb whose object is the quotation
            cue = _is_verb_cue(doc[j], lex)
            if (
                cue is not None
                and cue.slots[:1] == ("clause",)
                and not any(o.idx < q.open for o in _children(doc[j], "dobj"))
            ):
                spk = _speaker_of_verb(doc[j])
                if spk is not None and spk.i < j:
                    return doc[j], spk, spk.left_edge.i, j + 1
    return None


def _adjacent_np(window: list[Token], v: Token) -> Token | None:
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


def _quote_drafts(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """Statements for quotations not already the content of a cue.

    A quotation is the content of a cue next to it; one that follows a direct statement's
    attribution in the same paragraph with only punctuation between continues that
    statement (`"A," he said. "B."`); one that opens a paragraph with no cue of its own
    continues the previous speaker's words as a statement of its own.
    """
    doc, text = ctx.doc, ctx.text
    used: set[int] = set()
    for d in drafts:
        used.update(d.quotes)
    # quotations inside the content of an indirect statement stay part of it
    covered: list[tuple[int, int]] = [
        (doc[d.start].idx, doc[d.end - 1].idx + len(doc[d.end - 1]))
        for d in drafts
        if d.content and d.kind == "indirect"
    ]
    owner = {qi: d for d in drafts for qi in d.quotes}
    out: list[_Draft] = []
    by_cue: dict[int, _Draft] = {d.cue.i: d for d in drafts if d.cue is not None and d.kind == "direct"}
    prev: _Draft | None = None
    for qi, q in enumerate(ctx.quotes):
        if qi in used:
            prev = owner.get(qi, prev)
            continue
        if qi in ctx.turns:
            label = doc[ctx.turns[qi]]
            colon = doc[bisect.bisect_left(ctx.tok_starts, q.start) - 1]
            d = _Draft(colon, ":", label, [], "direct", "asserts", [qi])
            out.append(d)
            used.add(qi)
            prev = d
            continue
        if any(s <= q.start and q.end <= e for s, e in covered):
            continue
        adj = _adjacent_cue(ctx, q)
        if adj is not None and prev is not None and prev.cue is not None and adj[0].i == prev.cue.i:
            prev.quotes.append(qi)  # split quotation: '"A," he said, "B."'
            used.add(qi)
            continue
        if prev is not None and prev.kind == "direct" and _continues(ctx, prev, q):
            prev.quotes.append(qi)
            used.add(qi)
            continue
        if adj is not None:
            v, spk, ws, we = adj
            d = by_cue.get(v.i)
            if d is None:
                # an indirect draft of the same verb (its parse saw no clause) becomes direct
                d = next((x for x in drafts if x.cue is not None and x.cue.i == v.i), None)
                if d is not None:
                    d.kind, d.quotes = "direct", []
                    if d.speaker_tok is None or not (ws <= d.speaker_tok.i < we):
                        d.speaker_tok = spk if spk is not None else d.speaker_tok
                    by_cue[v.i] = d
            if d is None:
                cue = ctx.lex.verbs.get(v.lemma_.lower())
                stance = "neither" if _is_hedged(v, ctx.lex) else (cue.stance if cue else "asserts")
                d = _Draft(v, _verb_text(v) if cue else v.text, spk, [], "direct", stance, [])
                out.append(d)
                by_cue[v.i] = d
            d.quotes.append(qi)
            used.add(qi)
            prev = d
            continue
        # no cue: a quotation that opens a paragraph continues the last speaker's words
        words = len(text[q.start : q.end].split())
        para_start = text.rfind("\n", 0, q.open) + 1
        opens_para = not text[para_start : q.open].strip()
        if opens_para and words >= 4 and prev is not None and q.open - _draft_end_char(ctx, prev) < 600:
            d = _Draft(prev.cue, prev.cue_text, prev.speaker_tok, [], "direct", "asserts", [qi])
            d.speaker_key = prev.speaker_key
            out.append(d)
            used.add(qi)
            prev = d
    return out


def _continues(ctx: _Context, prev: _Draft, q: Quote) -> bool:
    """Whether quotation `q` follows `prev`'s attribution with only punctuation between, same paragraph."""
    if not prev.quotes or prev.cue is None:
        return False
    last = ctx.quotes[max(prev.quotes)]
    cue_end = prev.cue.idx + len(prev.cue)
    if cue_end < last.close:
        return False  # the cue came first ('X said: "A." "B."'): each quotation stands alone
    ends = [cue_end]
    for c in prev.cue.children:  # "said Monday", "said in an interview"
        if c.dep_ in ("npadvmod", "advmod", "dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("in", "on", "to")):
            r = c.right_edge
            if ctx.para_of[r.i] == ctx.para_of[c.i] and r.idx < q.open:
                ends.append(r.idx + len(r))
    if prev.speaker_tok is not None and prev.speaker_tok.idx > last.close:
        st = prev.speaker_tok
        ends.append(st.idx + len(st))
        # "said Mr. Obama, who ...": the speaker's whole phrase
        r = st.right_edge
        if ctx.para_of[r.i] == ctx.para_of[st.i] and not r.is_space:
            ends.append(r.idx + len(r))
    # '"A," X said at a campaign stop this week. "B."': the attribution's whole sentence, when it
    # holds no other cue and ends right before the quotation
    ss, se = ctx.sent_bounds[ctx.sent_of[prev.cue.i]]
    last_tok = ctx.doc[se - 1]
    while last_tok.is_space and last_tok.i > ss:
        last_tok = ctx.doc[last_tok.i - 1]
    sent_end = last_tok.idx + len(last_tok)
    if sent_end <= q.open and not any(
        t.i != prev.cue.i and not ctx.mark_tok[t.i] and ctx.quote_of[t.i] < 0 and _is_verb_cue(t, ctx.lex)
        for t in ctx.doc[ss:se]
        if t.idx > last.close
    ):
        ends.append(sent_end)
    ends = [x for x in ends if x <= q.open]
    gap = ctx.text[max(ends) : q.open]
    if "\n" in gap:
        return False
    return bool(re.fullmatch(r"[\s.,;:]*", gap))


def _draft_end_char(ctx: _Context, d: _Draft) -> int:
    ends = []
    if d.quotes:
        ends.append(ctx.quotes[max(d.quotes)].close)
    if d.content:
        t = ctx.doc[d.end - 1]
        ends.append(t.idx + len(t))
    if d.cue is not None:
        ends.append(d.cue.idx + len(d.cue))
    return max(ends) if ends else 0


# ---------------------------------------------------------------------------- speakers


def _np_range(t: Token) -> tuple[int, int]:
    """The noun phrase of `t` without appositions, relative clauses or prepositional phrases."""
    s = t.i
    for c in t.lefts:
        s = min(s, c.left_edge.i)
    for i in range(t.i - 1, s - 1, -1):  # not across punctuation ("predictable - Donald Trump")
        if (
            t.doc[i].is_punct
            and t.doc[i].text not in (".", "'s", "-")
            or t.doc[i].text in ("\u2014", "\u2013", "--")
            or (t.doc[i].text == "-" and t.doc[i].whitespace_)
        ):
            s = i + 1
            break
    return s, t.i + 1


# nouns for someone who speaks on another's behalf ("a spokesman for the Kremlin")
_WORDS = word_classes()
_VOICES = _WORDS["voice"]  # "a spokesman for the Kremlin"
_RECORDINGS = _WORDS["recording"]  # what a recording or tally "shows"
_SOURCE_DOCS = _WORDS["source_doc"]  # documents that speak for whoever made them


def _maker_of(ents, tok: Token) -> str | None:
    """The entity a document noun belongs to: a name modifying it ("the Reuters poll",
    "Connecticut's review") or named in a by/from/of/in/at phrase on it, or in a relative
    clause on it ("a study that appeared in the Journal")."""
    for c in tok.lefts:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            key = _first_key(ents, c.left_edge.i, c.right_edge.i + 1)
            if key is not None:
                return key
    for c in tok.rights:
        if c.dep_ == "prep":
            preps = [c]
        elif c.dep_ in ("relcl", "acl"):  # "a study that appeared in X", "a survey conducted by X"
            preps = [p for p in c.children if p.dep_ in ("prep", "agent")]
        else:
            continue
        for p in preps:
            if p.lower_ in ("by", "from", "of", "in", "at"):
                obj = next((o for o in p.children if o.dep_ == "pobj"), None)
                key = None if obj is None else _first_key(ents, obj.left_edge.i, obj.right_edge.i + 1)
                if key is not None:
                    return key
    return None


def _first_key(ents, start: int, end: int) -> str | None:
    """The entity key of the first token in [start, end) that has one."""
    return next((ents.token_key[i] for i in range(start, end) if i in ents.token_key), None)


def _issuer(ctx: _Context, doc_tok: Token, depth: int) -> str | None:
    """Who issued a document named as the object of their verb: "X released a statement
    saying ...", "X said in a statement ...": the statement speaks for X."""
    if depth > 1 or doc_tok.dep_ not in ("dobj", "pobj"):
        return None
    head = doc_tok.head
    if head.dep_ == "prep" and doc_tok.dep_ == "pobj":
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    who = _speaker_of_verb(head)
    if who is None or who.lemma_.lower() in _SOURCE_DOCS or who.i == doc_tok.i:
        return None
    return _resolve(ctx, who, depth + 1)[0]


def _document_author(ctx: _Context, tok: Token, depth: int) -> str | None:
    """Who issued the document "the statement" / "the report" refers back to: the speaker of
    the verb an earlier mention of it hangs on ("The ministry said in a statement that ...",
    "The army issued a statement"), or its maker ("the ministry's statement"), within the
    last few sentences."""
    if depth > 1:
        return None
    lemma = tok.lemma_.lower()
    sent_now = ctx.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        prev = ctx.doc[i]
        if sent_now - ctx.sent_of[i] > _COREF_SENTENCES:
            break
        if prev.lemma_.lower() != lemma or _in_quote(ctx, prev):
            continue
        maker = _maker_of(ctx.ents, prev)
        if maker is not None:
            return maker
        head = prev.head
        if head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and prev.dep_ in ("dobj", "pobj"):
            who = _speaker_of_verb(head)
            if who is not None and who.lemma_.lower() != lemma:
                return _resolve(ctx, who, depth + 1)[0]
        return None
    return None


def _resolve(ctx: _Context, tok: Token | None, depth: int = 0) -> tuple[str | None, tuple[int, int] | None]:
    """Entity key and char span of a speaker token; pronouns and descriptions resolved backwards."""
    if tok is None or not any(ch.isalnum() for ch in tok.text):
        return None, None  # a mark the parser made a subject ("==Reactions== ..."): nobody
    doc, ents = ctx.doc, ctx.ents
    if tok.lower_ in _RELATIVE and tok.dep_ in _SPEAKER_DEPS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    s, e = _np_range(tok)
    span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    key = ents.token_key.get(tok.i)
    if key is None:
        # an apposition names the speaker: "the official, Andrii Kovalenko," (also when the
        # parser hangs it lower: "the mayor of Lviv, Andriy Sadovyi,")
        for c in tok.children if tok.pos_ == "PROPN" else tok.subtree:
            if c.dep_ == "appos" and ents.token_key.get(c.i) and (c.head is tok or c.pos_ == "PROPN"):
                key = ents.token_key[c.i]
                break
    owner = None
    if key is None:
        for i in range(e - 1, s - 1, -1):
            k = ents.token_key.get(i)
            if k is not None:
                key = k
                owner = doc[i]
                break
    if key is not None and owner is not None and _organ_of_owner(ctx, tok, owner):
        # "Ukraine's military intelligence agency said", "Russia's foreign minister said": the
        # organ or post speaks, not its country; a person who holds that post, if introduced
        return _role_or_unnamed(ctx, tok, s, e, possessor=key)
    if key is None and (tok.pos_ == "PROPN" or (tok.pos_ in ("NOUN", "X") and tok.text[:1].isupper())):
        # a known surname, also where a headline's title case made it a common noun ("Sanders: …")
        key = ctx.name_part.get(doc[s:e].text.casefold()) or ctx.name_part.get(tok.text.casefold())
    if key is None and tok.lemma_.lower() in _VOICES:
        # "a spokeswoman for Hillary Clinton says": an unnamed voice speaks for its principal
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    key = ents.token_key.get(obj.i) or _first_key(ents, obj.left_edge.i, obj.i + 1)
                    if key is not None:
                        span = (doc[s].idx, obj.idx + len(obj))
                        break
    if key is None and tok.lemma_.lower() in _SOURCE_DOCS:
        # "the Reuters/Ipsos poll shows", "a study in the British Medical Journal found",
        # "a new report by Politico": a document speaks for whoever made or published it
        key = _maker_of(ents, tok)
        if key is None:
            key = _issuer(ctx, tok, depth)
        if key is None and any(c.lower_ in ("the", "this", "that") for c in tok.lefts):
            key = _document_author(ctx, tok, depth)
    if key is not None:
        return key, span
    low = tok.lower_
    if tok.pos_ == "PRON" and low in _PRONOUN_TYPES:
        key = _antecedent(ctx, tok, _PRONOUN_TYPES[low])
        return (key, span) if key is not None else _unnamed(ctx, tok, s, e)
    types = ctx.lex.descriptions.get(low) or ctx.lex.descriptions.get(tok.lemma_.lower())
    if types and tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in tok.lefts):
        if "Person" in types:
            return _role_or_unnamed(ctx, tok, s, e, possessor=None)
        if "Organization" in types:
            key = _named_like(ctx, tok, _antecedent(ctx, tok, types))
            return (key, span) if key is not None else _unnamed(ctx, tok, s, e)
        key = _antecedent(ctx, tok, types)
        if key is not None:
            return key, span
    return _unnamed(ctx, tok, s, e)


_GENERIC_ORGS = _WORDS["generic_org"]


def _organ_of_owner(ctx: _Context, tok: Token, owner: Token) -> bool:
    """Whether `tok` is an organ or post of the entity named inside its phrase ("Ukraine's
    agency", "the Russian foreign minister"), rather than that entity itself."""
    if tok.i in ctx.ents.token_key or tok.pos_ != "NOUN" or owner.i >= tok.i:
        return False
    lemma = tok.lemma_.lower()
    if lemma in _VOICES or lemma in _SOURCE_DOCS or lemma in load_lexicon().state_nouns:
        return False  # voices and documents speak for their owner; a country's government is it
    if tok.tag_ == "NNS":
        return True  # "Scott's relatives said", "the senator's aides say": a group of the owner
    types = ctx.lex.descriptions.get(tok.lower_) or ctx.lex.descriptions.get(lemma) or ()
    return "Person" in types or "Organization" in types


def _role_or_unnamed(ctx: _Context, tok: Token, s: int, e: int, *, possessor: str | None):
    key = role_antecedent(
        tok, s, e, roles=ctx.ents.roles, entities=ctx.ents.entities, mentions=ctx.mentions, possessor=possessor
    )
    if key is not None:
        return key, (ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1]))
    return _unnamed(ctx, tok, s, e)


def _named_like(ctx: _Context, tok: Token, key: str | None) -> str | None:
    """An organisation antecedent for "the agency", "the ministry" only when its name says
    so ("the Defence Intelligence Agency"), or for a generic word ("the organisation")."""
    if key is None or tok.lemma_.lower() in _GENERIC_ORGS:
        return key
    ent = next((x for x in ctx.ents.entities if x.key == key), None)
    if ent is None or ent.type not in ("Organization", "Group"):
        return (
            key
            if ent is not None and ent.type == "Country" and tok.lemma_.lower() in ("government", "administration")
            else None
        )
    names = role_words(" ".join((ent.label, *ent.aliases)))
    return key if tok.lemma_.lower() in names or tok.lower_ in names else None


def _unnamed(ctx: _Context, tok: Token, s: int, e: int):
    """An unnamed speaker with the article's words for it, or no speaker when the phrase
    cannot speak (a parse slip: "the talks warned")."""
    if not is_speaker_like(tok) or ctx.article_id is None:
        return None, (ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1]))
    ps, pe = speaker_phrase(tok)
    ps, pe = min(ps, s), max(pe, e)
    span = (ctx.doc[ps].idx, ctx.doc[pe - 1].idx + len(ctx.doc[pe - 1]))
    return unnamed_key(ctx.article_id, ctx.text[span[0] : span[1]]), span


def _antecedent(ctx: _Context, tok: Token, types: tuple[str, ...]) -> str | None:
    """The most recent compatible entity mention before `tok`, outside quotations, subjects first."""
    c = tok.idx
    own_quote = ctx.quote_of[tok.i]
    k = bisect.bisect_left(ctx.mention_starts, c) - 1
    sent_now = ctx.sent_of[tok.i]
    best_in_sent: dict[int, list] = {}
    while k >= 0:
        m = ctx.mentions[k]
        k -= 1
        if m.span.end > c or m.type not in types:
            continue
        if m.type == "Person" and tok.pos_ == "PRON" and not pronoun_fits(tok.lower_, ctx.names_of.get(m.key, ())):
            continue  # "Prime Minister Maria Lopez met John Harlow. He said": not her
        if sent_now - m.sent > _COREF_SENTENCES:
            break
        q = ctx.quote_at_char(m.span.start)
        if q >= 0 and q != own_quote:
            continue
        best_in_sent.setdefault(m.sent, []).append(m)
        if len(best_in_sent) >= 2:
            break
    if not best_in_sent:
        return None
    nearest = max(best_in_sent)
    cands = best_in_sent[nearest]  # most recent first
    # prefer a subject mention in that sentence
    for m in cands:
        r = ctx.token_range_of_chars(m.span.start, m.span.end)
        if r is not None and any(ctx.doc[i].dep_ in _SPEAKER_DEPS for i in range(r[0], r[1])):
            return m.key
    # no subject there: the one who has been speaking, if recent and compatible
    if ctx.last_speaker is not None:
        key, sent = ctx.last_speaker
        if (
            ctx.key_type.get(key) in types
            and 0 <= sent_now - sent <= 3
            and (tok.pos_ != "PRON" or pronoun_fits(tok.lower_, ctx.names_of.get(key, ())))
        ):
            return key
    return cands[0].key


# ---------------------------------------------------------------------------- assembly


def _make_text(ctx: _Context, d: _Draft) -> tuple[str, int, int] | None:
    if d.kind == "direct" and d.quotes:
        return _quote_text(ctx, d.quotes)
    parts = []
    for s, e in sorted(d.content):
        s, e = _clean_range(ctx, s, e)
        if e > s:
            parts.append((s, e))
    if not parts:
        return None
    doc = ctx.doc
    start = doc[parts[0][0]].idx
    end = doc[parts[-1][1] - 1].idx + len(doc[parts[-1][1] - 1])
    return ctx.text[start:end], start, end


def _norm_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _overlap(a: str, b: str) -> float:
    ta, tb = _norm_words(a), _norm_words(b)
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


def extract_statements(doc: Doc, ents, article) -> list[Statement]:
    """Quotations and reported claims of one article, ordered by start offset."""
    lex = load_reporting_lexicon()
    ctx = _Context(doc, ents, lex, article.id)
    # statements quote the article as read: the Doc's text has typographic apostrophes made
    # plain for the parser (same length), the record keeps every character of the original
    full = article.text if len(article.text) == len(ctx.text) else ctx.text
    drafts = _find_cues(ctx)
    _elaborations(ctx, drafts)
    _attach_quotes(ctx, drafts)
    drafts = [d for d in drafts if d.content or d.kind == "direct"]
    drafts += _quote_drafts(ctx, drafts)
    drafts = [d for d in drafts if d.content or d.quotes]

    # speakers, in text order (a pronoun may refer to the one who has been speaking)
    for d in sorted(drafts, key=lambda d: _draft_end_char(ctx, d)):
        if d.speaker_key is None:
            d.speaker_key, d.speaker_span = _resolve(ctx, d.speaker_tok)
        if d.speaker_key is not None and d.cue is not None:
            ctx.last_speaker = (d.speaker_key, ctx.sent_of[d.cue.i])
        if d.relayer_tok is not None and d.reported_by is None:
            d.reported_by = _resolve(ctx, d.relayer_tok)[0]

    # texts and spans
    items = []
    for d in drafts:
        made = _make_text(ctx, d)
        if made is None:
            continue
        _parsed, start, end = made
        text = full[start:end]
        if (
            len(_norm_words(text)) < 2
        ):  # one word is a fragment more often than a claim  # headlines count too: "X: ...", "..., X says"
            continue
        items.append((d, text, start, end))
    items.sort(key=lambda x: (x[2], -x[3]))

    # two-level attribution: statements nested in a relay's content are relayed by its speaker
    drop: set[int] = set()
    for i, (d, _text, s, e) in enumerate(items):
        if not d.relay:
            continue
        nested = [
            j
            for j, (d2, _t, s2, e2) in enumerate(items)
            if j != i and s <= s2 and e2 <= e + 1 and d2.cue is not None and d2 is not d
        ]
        if nested and d.speaker_key is not None:
            for j in nested:
                if items[j][0].reported_by is None:
                    items[j][0].reported_by = d.speaker_key
            # "According to X, [Y said ...]": X only relays; a claim of X's own stays
            covered = set()
            for j in nested:
                covered.update(range(items[j][2], items[j][3]))
            if d.source_phrase and len(covered) >= 0.6 * (e - s):
                drop.add(i)
    # nested noun cues without a speaker are part of the outer statement ("denied claims that ...")
    for i, (d, _text, _s, _e) in enumerate(items):
        if d.cue is not None and d.cue.pos_ == "NOUN" and d.speaker_key is None and d.speaker_tok is None:
            ci = d.cue.idx
            if any(j != i and s2 <= ci < e2 for j, (_d2, _t, s2, e2) in enumerate(items)):
                drop.add(i)
    # "X said she suspected Y": a claim of the speaker's inside another of the same speaker's
    # is part of it, not a second statement
    for j, (d2, _t2, s2, e2) in enumerate(items):
        if j in drop or d2.speaker_key is None or d2.relay:
            continue
        if any(
            i != j and i not in drop and d.speaker_key == d2.speaker_key and s <= s2 and e2 <= e and (s, e) != (s2, e2)
            for i, (d, _t, s, e) in enumerate(items)
        ):
            drop.add(j)
    items = [x for i, x in enumerate(items) if i not in drop]
    _dateline_relays(ctx, [x[0] for x in items], full)

    # the same words by the same speaker twice: one statement with extra spans
    merged: list[list] = []
    for d, text, s, e in items:
        twin = next(
            (
                m
                for m in merged
                if m[0].speaker_key == d.speaker_key and _overlap(m[1], text) >= 0.9 and (m[2], m[3]) != (s, e)
            ),
            None,
        )
        if twin is not None:
            twin[4].append(Span(s, e, full[s:e]))
            continue
        # two drafts for the same words (a cue and a quotation): keep the first
        if any(m[2] == s and m[3] == e for m in merged):
            continue
        merged.append([d, text, s, e, []])

    out: list[Statement] = []
    for d, text, s, e, extra in merged:
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
        co = _co_speakers(ctx, d)
        about = tuple(k for k in about if k not in co)
        out.append(
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
    return _link_denials(out)


def _co_speakers(ctx: _Context, d: _Draft) -> tuple[str, ...]:
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
        s, e = _np_range(c)
        key = next((ctx.ents.token_key[i] for i in range(e - 1, s - 1, -1) if i in ctx.ents.token_key), None)
        if key is not None and key != d.speaker_key and key not in out:
            out.append(key)
    return tuple(out)


def _link_denials(sts: list[Statement]) -> list[Statement]:
    from dataclasses import replace

    out = list(sts)
    for i, st in enumerate(sts):
        if st.stance != "denies":
            continue
        best, best_f = None, 0.5
        for j, other in enumerate(sts):
            if j == i or other.stance == "denies" or other.speaker == st.speaker:
                continue
            f = _overlap(st.text, other.text)
            if f > best_f:
                best, best_f = j, f
        if best is not None:
            out[i] = replace(st, denies=best)
    return out
