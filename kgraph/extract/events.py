"""Conflict events from a spaCy Doc: deployments, attacks, territory, meetings, alliances, appeals.

`extract_events(doc, ents, statements, article)` is a pure function over a Doc that has
been through `load_pipeline()`; it returns `Event` records ordered by trigger offset.
The trigger words, weapon classes, quantity qualifiers and the words for casualties,
plans and anaphoric places are data in `ontology/lexicon/events.tsv`; the rules are
general syntax, all in one linear pass over the tokens:

- a trigger is a verb or noun lemma of the lexicon (a verb phrase "call on", "take back"
  is the verb and its particle or preposition; a noun phrase "drone strike" is the noun
  and its compound);
- the actor of a verb is its subject, or the agent of a passive; a verb without a
  subject takes it from the verb it depends on ("accused Russia of deploying" -> Russia,
  "urge the West to bolster" -> the West, "efforts to retake" -> whose efforts);
- the actor of a noun is its possessor ("its incursion", resolved to the nearest fitting
  entity before it), a country adjective ("Russian assaults"), a "by" phrase, or the
  subject of the verb that governs it ("launching assaults", "made advances");
- places are entities reached through locative prepositions from the trigger or the
  words it depends on; "the region" / "the area" refer to the nearest place named in the
  paragraph (before it, else after it), else the last one named before;
- a bare "troops"/"soldiers" deployed with no nationality is the country's force when
  a country deploys it, else the force named last in the paragraph;
- a quantity counts the noun right after it ("over 200 artillery attacks"); a
  weapon word among a trigger's modifiers or "with"/"using" phrase refines an attack
  to its ACLED class (artillery -> Shelling, drones -> AirStrike);
- dates come from the trigger's phrase or the time adjuncts of its verb, resolved
  against the publication date, forwards for planned events ("is set to meet ... next
  week");
- deployments of one force in one article are one record (largest quantity, a place);
  repeated events (a lede repeated in the body) are one record; alliances between the
  same parties are one record;
- an event whose trigger lies inside a statement's span points to that statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path

from spacy.tokens import Doc, Token

from ..lexicon import event_rows, lexicon_dir
from ..vocab import event_types

from .dates import TimeExpression, find_dates, resolve_date
from .entities import EntityResult, load_lexicon
from .quantities import find_quantities
from .records import Event, Quantity, Span, Statement

__all__ = ["EVENT_TYPES", "EventLexicon", "extract_events", "load_event_lexicon"]

EVENT_TYPES = event_types()  # the classes of ontology/event_types.tsv (kgraph.vocab reads them at run time)
_ATTACKS = {"Attack", "Shelling", "AirStrike"}
_VIOLENT = _ATTACKS | {"ArmedClash", "Incursion", "Offensive", "Advance"}
_TERRITORIAL = {"Seizure", "Recapture", "Withdrawal"}
_SYMMETRIC = {"Alliance", "ArmedClash"}
_AGENT_TYPES = {"Country", "MilitaryForce", "Organization", "Person", "Group"}
_PLACE_TYPES = {"Location", "Country"}
_POSSESSIVE_PRONOUNS = {"its": ("Country", "MilitaryForce", "Organization", "Group"),
                        "their": ("MilitaryForce", "Country", "Group", "Organization"),
                        "his": ("Person",), "her": ("Person",)}
_SUBJECT_PRONOUNS = {"it": ("Country", "MilitaryForce", "Organization"),
                     "they": ("MilitaryForce", "Country", "Group"),
                     "he": ("Person",), "she": ("Person",)}
_DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass(frozen=True)
class _Trigger:
    cls: str
    words: tuple[str, ...]  # lemma, then a particle/compound word if a phrase
    conds: frozenset[str]


@dataclass(frozen=True)
class EventLexicon:
    """The event words of `ontology/lexicon/events.tsv`, indexed for matching."""

    verbs: dict[str, tuple[_Trigger, ...]]  # head lemma -> triggers (longest phrases first)
    nouns: dict[str, tuple[_Trigger, ...]]
    weapons: dict[str, tuple[str, str]]  # word or phrase -> (weapon class, event class)
    casualty: frozenset[str]
    light: frozenset[str]
    use: frozenset[str]
    territory: frozenset[str]
    control: frozenset[str]
    nonviolent: frozenset[str]
    denial: frozenset[str]
    planned: tuple[str, ...]
    anaphors: frozenset[str]
    location_preps: frozenset[str]


def load_event_lexicon() -> EventLexicon:
    """The event lexicon of the lexicon folder (read once per folder)."""
    return _event_lexicon(lexicon_dir())


@lru_cache(maxsize=8)
def _event_lexicon(folder: Path) -> EventLexicon:
    lexicon_rows = partial(event_rows, folder=folder)
    verbs: dict[str, list[_Trigger]] = {}
    nouns: dict[str, list[_Trigger]] = {}
    for cls, pos, words, arg in lexicon_rows("trigger"):
        conds = frozenset(c for c in arg.split(",") if c and c != "-")
        for w in words:
            parts = tuple(w.split())
            # a noun phrase is indexed by its last word (the head), a verb phrase by its first
            if pos == "NOUN":
                nouns.setdefault(parts[-1], []).append(_Trigger(cls, parts, conds))
            else:
                verbs.setdefault(parts[0], []).append(_Trigger(cls, parts, conds))
    order = lambda ts: tuple(sorted(ts, key=lambda t: -len(t.words)))  # noqa: E731
    weapons = {w: (name, arg) for name, _pos, words, arg in lexicon_rows("weapon") for w in words}
    one = lambda kind: frozenset(w for _n, _p, words, _a in lexicon_rows(kind) for w in words)  # noqa: E731
    planned = tuple(sorted(one("planned"), key=len, reverse=True))
    return EventLexicon({k: order(v) for k, v in verbs.items()}, {k: order(v) for k, v in nouns.items()},
                        weapons, one("casualty"), one("light"), one("use"),
                        one("territory"), one("control"), one("nonviolent"), one("denial"), planned, one("anaphor"), one("location_prep"))


class _Context:
    """Indexes over one Doc and its entities that the rules share."""

    def __init__(self, doc: Doc, ents: EntityResult, statements: Sequence[Statement], published: str | None):
        self.doc = doc
        self.ents = ents
        self.lex = load_event_lexicon()
        self.force_nouns = load_lexicon().force_nouns
        self.published = published
        self.statements = statements
        self.etype = {e.key: e.type for e in ents.entities}
        self.country_of = {e.key: e.country for e in ents.entities if e.country}
        for m in ents.mentions:
            self.etype.setdefault(m.key, m.type)
        # mentions by start token, in order, with paragraph numbers (a paragraph is a line)
        self.text = text = doc.text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.mentions = []  # (start token, end token, key, type, paragraph)
        for m in ents.mentions:
            span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None:
                continue
            self.mentions.append((span.start, span.end, m.key, m.type, self.paragraph(m.span.start)))
        # sentence of each token (Token.sent walks the Doc on every call)
        self.sent_of: list[int] = [0] * len(doc)
        self.sents = list(doc.sents)
        for si, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        self.dates = find_dates(text, published)
        self.date_at: dict[int, TimeExpression] = {}
        for d in self.dates:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.date_at[t.i] = d
        self.quantity_of: dict[int, Quantity] = {}
        self.quantity_tokens: set[int] = set()
        for s, e, q in find_quantities(text, dates=self.dates):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            self.quantity_tokens.update(range(span.start, span.end))
            noun = self._counted_noun(span.end)
            if noun is not None:
                self.quantity_of.setdefault(noun.i, q)
        self.deployed_forces: list[tuple[int, str]] = []  # (paragraph, force key) of deployments found

    def sent_span(self, tok: Token):
        return self.sents[self.sent_of[tok.i]]

    def paragraph(self, char: int) -> int:
        lo, hi = 0, len(self.line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.line_starts[mid] <= char:
                lo = mid
            else:
                hi = mid
        return lo

    def para_of(self, tok: Token) -> int:
        return self.paragraph(tok.idx)

    def _counted_noun(self, i: int) -> Token | None:
        """The noun a number ending before token `i` counts ("200 artillery attacks" -> attacks)."""
        doc = self.doc
        for j in range(i, min(i + 6, len(doc))):
            t = doc[j]
            if t.is_punct and t.text not in ("-",):
                return None
            if t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") and t.lower_ != "of":
                return None
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod"):
                return t
        return None

    # --- entities -------------------------------------------------------------------
    def key(self, tok: Token) -> str | None:
        return self.ents.token_key.get(tok.i)

    def type_of(self, key: str | None) -> str | None:
        return self.etype.get(key) if key else None

    def resolve_pronoun(self, tok: Token, types: Iterable[str]) -> str | None:
        """The nearest entity of one of `types` before `tok` (same sentence, then the paragraph)."""
        types = tuple(types)
        para = self.para_of(tok)
        sent_start = self.sent_span(tok).start
        best = None
        for s, e, key, typ, p in self.mentions:
            if s >= tok.i:
                break
            if e > tok.i:
                continue
            if typ in types and self.etype.get(key, typ) in types and (s >= sent_start or p in (para, para - 1)):
                best = key
        return best

    def np_key(self, tok: Token, types: Iterable[str] | None = None) -> str | None:
        """The entity a noun phrase headed by `tok` names: the head, else a modifier inside it."""
        low = tok.lower_
        if low in _POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
            return self.resolve_pronoun(tok, types or _POSSESSIVE_PRONOUNS[low])
        if low in _SUBJECT_PRONOUNS and tok.pos_ == "PRON":
            return self.resolve_pronoun(tok, types or _SUBJECT_PRONOUNS[low])
        k = self.key(tok)
        if k and (types is None or self.type_of(k) in types):
            return k
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i:
                k = self.np_key(c, types) if c.dep_ == "poss" else self.key(c)
                if k and (types is None or self.type_of(k) in types):
                    return k
        return None

    def conj_keys(self, tok: Token, types: Iterable[str] | None = None) -> list[str]:
        """Entity keys of a noun phrase and everything coordinated with it.

        A head without an entity takes those of its "of" phrase ("the leaders of France
        and Germany", "thousands of Chinese troops").
        """
        if not self.np_key(tok, types):
            of = of_object(tok)
            if of is not None and self.np_key(of, types):
                return self.conj_keys(of, types)
        out = []
        for t in [tok] + [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in {tok.i} | _conj_chain(tok)]:
            k = self.np_key(t, types)
            if k and k not in out:
                out.append(k)
            for mod in t.children:  # "Ukrainian and Russian forces": both sides
                if mod.dep_ in ("amod", "compound") and any(c.dep_ == "conj" for c in mod.children):
                    for m in [mod] + [self.doc[i] for i in _conj_chain(mod)]:
                        mk = self.key(m)
                        if mk and mk != k and (types is None or self.type_of(mk) in types):
                            own = [x for x in self.ents.entities if x.type == "MilitaryForce" and x.country == mk]
                            mk = own[0].key if own and self.type_of(k) == "MilitaryForce" else mk
                            if mk not in out:
                                out.append(mk)
        return out

    def keys_in(self, tokens: Iterable[Token], types: Iterable[str]) -> list[str]:
        out = []
        types = set(types)
        for t in tokens:
            k = self.key(t)
            if k and self.type_of(k) in types and k not in out:
                out.append(k)
        return out

    @cached_property
    def _named_places(self) -> list:
        """Location mentions that name a place, not one inside a longer mention (the demonym
        of "Chechen fighters")."""
        inner: set[int] = set()
        reach, reach_len = -1, 0
        for m in sorted(self.mentions, key=lambda m: (m[0], -(m[1] - m[0]))):
            if m[1] <= reach and reach_len > m[1] - m[0]:
                inner.add(id(m))
            if m[1] > reach:
                reach, reach_len = m[1], m[1] - m[0]
        return [m for m in self.mentions if m[3] == "Location" and id(m) not in inner]

    def nearest_place(self, tok: Token) -> str | None:
        """What "the region" refers to: nearest Location in the paragraph, before then after, else before."""
        para = self.para_of(tok)
        named = self._named_places
        before = [m for m in named if m[1] <= tok.i]
        after = [m for m in named if m[0] > tok.i and m[4] == para]
        if before and before[-1][4] == para:
            return before[-1][2]
        if after:
            return after[0][2]
        return before[-1][2] if before else None

    def force_for(self, tok: Token, actor: str | None, exclude: set[str]) -> str | None:
        """The force a bare force noun ("11,000 troops") refers to."""
        if tok.lower_ in _POSSESSIVE_PRONOUNS or tok.lower_ in _SUBJECT_PRONOUNS:
            return self._last_deployed(tok) or self.resolve_pronoun(tok, ("MilitaryForce",))
        k = self.np_key(tok, ("MilitaryForce",))
        if k:
            return k
        if tok.lemma_.lower() not in self.force_nouns and tok.lower_ not in self.force_nouns:
            return None
        poss = _child(tok, "poss")
        if poss is not None:  # "its troops", "Russia's soldiers"
            actor = self.np_key(poss, ("Country",)) or actor
        country = actor if actor and self.type_of(actor) == "Country" else self.country_of.get(actor or "")
        if country:  # "Russia sent troops"; "the Kremlin" sends Russia's troops
            actor = country
            own = [m[2] for m in self.mentions if self.country_of.get(m[2]) == actor and m[3] == "MilitaryForce"]
            return own[0] if own else f"force:{actor}"
        para = self.para_of(tok)
        for s, e, key, typ, p in reversed(self.mentions):
            if s < tok.i and typ == "MilitaryForce" and p == para and key not in exclude:
                return key
        return None

    def _last_deployed(self, tok: Token) -> str | None:
        para = self.para_of(tok)
        for p, key in reversed(self.deployed_forces):
            if p >= para - 3:
                return key
        return None


def of_object(tok: Token) -> Token | None:
    """The object of a noun's "of" phrase ("thousands of troops" -> troops)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return _pobj(c)
    return None


def _conj_chain(tok: Token) -> set[int]:
    out, stack = set(), [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.i not in out:
                out.add(c.i)
                stack.append(c)
    return out


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(prep: Token) -> Token | None:
    """The object of a preposition; of the inner one in a compound preposition ("out of Mali")."""
    o = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if o is None:
        inner = next((c for c in prep.children if c.dep_ == "prep"), None)
        if inner is not None:
            return next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), None)
    return o


def _is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("the enclave, seized by Ukraine")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject_token(verb: Token, depth: int = 0) -> Token | None:
    """Who does what `verb` says: its subject, the passive agent, or the controller of a subjectless verb."""
    if depth > 5:
        return None
    subj = _child(verb, "nsubj")
    if subj is not None:
        if verb.dep_ == "relcl" and (subj.tag_ in ("WDT", "WP") or subj.lower_ in ("that", "which", "who")):
            return verb.head
        return subj
    if _is_passive(verb):
        agent = _child(verb, "agent")
        if agent is not None and _pobj(agent) is not None:
            return _pobj(agent)
    dep, head = verb.dep_, verb.head
    if head is verb:
        return None
    if dep == "xcomp":
        obj = _child(head, "dobj")
        if obj is not None:
            return obj  # object control: "urge the West to bolster", "using Koreans to run"
        return _child(head, "nsubjpass") or _subject_token(head, depth + 1)
    if dep in ("dobj", "xcomp") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return _subject_token(head, depth + 1)  # "has denied sending troops"
    if dep in ("conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if dep == "ccomp":
            return None
        return _child(head, "nsubjpass") if _child(head, "nsubj") is None and _is_passive(head) and dep == "conj" \
            else _subject_token(head, depth + 1)
    if dep == "pcomp" and head.dep_ in ("prep",):
        gov = head.head
        if gov.pos_ in ("VERB", "AUX"):
            if head.lower_ in ("of", "for") and _child(gov, "dobj") is not None:
                return _child(gov, "dobj")  # "accused Russia of deploying"
            return _subject_token(gov, depth + 1)
        if gov.pos_ == "NOUN":
            return _noun_possessor(gov)
    if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        if dep == "relcl":
            return head
        poss = _noun_possessor(head)
        if poss is not None:
            return poss
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            return _subject_token(head.head, depth + 1)
    return None


def _noun_possessor(noun: Token) -> Token | None:
    return _child(noun, "poss")


def _governor(noun: Token) -> tuple[Token | None, str]:
    """The verb a noun depends on and how: ("launched", "dobj"), ("used", "for"), (None, "")."""
    first = _first_conjunct(noun)
    if first is not noun and first.pos_ in ("VERB", "AUX"):
        return first, "dobj"  # mis-parsed coordination of objects onto the verb
    dep, head = first.dep_, first.head
    if head is first:
        return None, ""
    if dep in ("dobj", "attr", "nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return head, dep
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head, head.lower_
    return None, dep


@dataclass
class _Draft:
    """An event being built; becomes an `Event`."""

    type: str
    trigger: Token
    words: int = 1
    actors: list[str] | None = None
    targets: list[str] | None = None
    force: str | None = None
    place: str | None = None
    date: TimeExpression | None = None
    quantity: Quantity | None = None
    weapon: str | None = None
    casualties: str | None = None
    attributes: list[tuple[str, str]] | None = None
    governor: int | None = None


def _match_trigger(tok: Token, ctx: _Context) -> tuple[_Trigger, int] | None:
    """The lexicon trigger a token heads, with the token index where its phrase starts."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        for trig in ctx.lex.verbs.get(lemma, ()) or ctx.lex.verbs.get(low, ()):
            if len(trig.words) == 1:
                return trig, tok.i
            rest = trig.words[1:]
            kids = [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "advmod")]
            if any(c.lower_ == rest[0] or c.lemma_.lower() == rest[0] for c in kids):
                return trig, tok.i
        return None
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
        for key in (lemma, low):
            for trig in ctx.lex.nouns.get(key, ()):
                if len(trig.words) == 1:
                    return trig, tok.i
                n = len(trig.words) - 1
                before = [t for t in ctx.doc[max(0, tok.i - n):tok.i]]
                if len(before) == n and all(b.lower_ == w or b.lemma_.lower() == w
                                            for b, w in zip(before, trig.words[:-1])):
                    return trig, tok.i - n
                # "air strike" written as one hyphenated token pair "air-strike"
        parts = low.replace("-", " ").split()
        if "-" in low and len(parts) > 1:
            for trig in ctx.lex.nouns.get(parts[-1], ()):
                if " ".join(trig.words) == low.replace("-", " "):
                    return trig, tok.i
    return None


def _weapon(tok: Token, ctx: _Context) -> tuple[str, str] | None:
    """A weapon class among a trigger's modifiers, its "with"/"using" phrase, or its subject."""
    cands: list[Token] = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("with", "by", "using", "from"):
            o = _pobj(c)
            if o is not None:
                cands.append(o)
        if c.dep_ in ("advcl", "xcomp") and c.lemma_ in ("use", "fire", "launch"):
            o = _child(c, "dobj")
            if o is not None:
                cands.append(o)
        if c.dep_ in ("nsubj", "dobj"):
            cands.append(c)
    for c in cands:
        mods = [m for m in c.children if m.dep_ in ("compound", "amod") and m.i < c.i]
        words = [w.lower_ for w in mods] + [c.lower_]
        lemmas = [w.lemma_.lower() for w in mods] + [c.lemma_.lower()]
        for seq in (words, lemmas):
            for n in range(min(3, len(seq)), 0, -1):
                for i in range(len(seq) - n + 1):
                    phrase = " ".join(seq[i:i + n])
                    if phrase in ctx.lex.weapons:
                        return ctx.lex.weapons[phrase]
    return None


def _places(tok: Token, ctx: _Context, exclude: set[str], depth: int = 0) -> tuple[list[str], Token | None]:
    """Place entities reached through locative prepositions below `tok`; and an anaphoric place noun."""
    found: list[str] = []
    anaphor = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and depth < 2 and _pobj(c) is not None:
            more, an2 = _places(_pobj(c), ctx, exclude, depth + 1)  # "the deployment of X in Y"
            found += [k for k in more if k not in found]
            anaphor = anaphor or an2
        elif c.dep_ in ("prep", "dative") and c.lower_ in ctx.lex.location_preps:
            o = _pobj(c)
            if o is None:
                continue
            for t in [o] + [x for x in o.children if x.dep_ in ("compound", "conj")]:
                k = ctx.key(t)
                if k and ctx.type_of(k) in _PLACE_TYPES and k not in exclude and k not in found:
                    found.append(k)
            if not found and anaphor is None and o.lemma_.lower() in ctx.lex.anaphors and \
                    any(d.lower_ in _DEFINITE for d in o.children if d.dep_ == "det"):
                anaphor = o
            if depth < 2:
                more, an2 = _places(o, ctx, exclude, depth + 1)
                found += [k for k in more if k not in found]
                anaphor = anaphor or an2
        elif c.dep_ in ("acl", "relcl") and depth < 2:
            more, an2 = _places(c, ctx, exclude, depth + 1)
            found += [k for k in more if k not in found]
            anaphor = anaphor or an2
    return found, anaphor


def _best_place(keys: list[str], ctx: _Context) -> str | None:
    locs = [k for k in keys if ctx.type_of(k) == "Location"]
    return (locs or keys or [None])[0]


def _context_place(tok: Token, ctx: _Context, exclude: set[str]) -> str | None:
    """A place the trigger sits in: an ancestor that is a place, or a locative phrase of one."""
    t = tok
    for _ in range(4):
        if t.head is t:
            return None
        t = t.head
        k = ctx.key(t)
        if k and ctx.type_of(k) == "Location" and k not in exclude:
            return k
        if t.pos_ in ("VERB", "NOUN", "PROPN"):
            keys, _an = _places(t, ctx, exclude, depth=1)
            locs = [k for k in keys if ctx.type_of(k) == "Location"]
            if locs:
                return locs[0]
    return None


def _date_for(tok: Token, gov: Token | None, ctx: _Context) -> TimeExpression | None:
    """A time expression in the trigger's phrase or among the time adjuncts of its verb."""
    for t in tok.subtree:
        if t.i in ctx.date_at:
            return ctx.date_at[t.i]
    heads = [gov] if gov is not None else []
    if tok.pos_ in ("VERB", "AUX"):
        heads = [tok]
        if tok.dep_ in ("nsubj", "csubj", "nsubjpass") and tok.head is not tok:
            heads.append(tok.head)  # "Fighting ... erupted in September"
    for h in heads:
        for c in h.children:
            if c.i in ctx.date_at and c.dep_ in ("npadvmod", "tmod", "advmod", "obl", "pobj", "compound"):
                return ctx.date_at[c.i]
            if c.dep_ == "prep":
                o = _pobj(c)
                if o is not None and o.i in ctx.date_at:
                    return ctx.date_at[o.i]
    return None


def _denied(tok: Token, ctx: _Context) -> bool:
    """Whether the event is reported as denied ("has denied sending troops")."""
    t = tok
    for _ in range(3):
        if t.head is t:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_.lower() in ctx.lex.denial
    return False


def _modifies_adjective(t: Token) -> bool:
    """A date that qualifies an adjective ("their fastest since 2022"), not an event."""
    h = t.head.head if t.head.dep_ == "prep" else t.head
    if t.dep_ == "pobj":
        h = t.head.head
    return h.pos_ in ("ADJ", "ADV")


def _planned(tok: Token, ctx: _Context) -> bool:
    """Whether the event is planned: a modal or "set to" / "plans to" before the trigger in its clause."""
    start = max(ctx.sent_span(tok).start, tok.i - 6)
    window = " " + " ".join(t.lower_ for t in ctx.doc[start:tok.i]) + " "
    return any(f" {p} " in window for p in ctx.lex.planned)


def _casualties(tok: Token, ctx: _Context) -> str | None:
    """A casualty phrase in the trigger's sentence ("suffering casualties", "12 people were killed")."""
    for t in ctx.sent_span(tok):
        low = t.lower_
        if low not in ctx.lex.casualty:
            continue
        if t.pos_ in ("NOUN", "ADJ") and t.dep_ not in ("amod",):
            mods = [c for c in t.children if c.dep_ in ("amod", "nummod", "compound", "quantmod") and c.i < t.i]
            start = min([m.left_edge.i for m in mods] + [t.i])
            return ctx.doc[start:t.i + 1].text
        if t.pos_ == "VERB":
            obj = _child(t, "nsubjpass", "dobj")
            if obj is not None:
                nums = [c for c in obj.subtree if c.like_num]
                if nums:
                    span = ctx.doc[obj.left_edge.i:obj.i + 1].text
                    return f"{span} {low}" if t.dep_ != "advcl" and obj.dep_ == "nsubjpass" else f"{low} {span}"
    return None


def _statement_index(start: int, statements: Sequence[Statement]) -> int | None:
    """The statement whose text (or, for "urged X to ...", whose cue) holds the trigger."""
    for i, s in enumerate(statements):
        for sp in (s.span,) + tuple(s.extra_spans):
            if sp.start <= start < sp.end:
                return i
    for i, s in enumerate(statements):
        if s.cue_span is not None and s.cue_span.start <= start < s.cue_span.end:
            return i
    return None


def _noun_actor(tok: Token, ctx: _Context) -> list[str]:
    """Who performs a nominal event: possessor, country adjective, "by" phrase, or the governing verb's subject."""
    poss = _child(tok, "poss")
    if poss is not None:
        if poss.lower_ == "their":  # "China and Russia have deepened their partnership"
            gov, how = _governor(tok)
            s = _subject_token(gov) if gov is not None else None
            if s is not None and len(ctx.conj_keys(s, _AGENT_TYPES)) > 1:
                return ctx.conj_keys(s, _AGENT_TYPES)
        k = ctx.np_key(poss, _AGENT_TYPES)
        if k:
            return [k]
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            k = ctx.key(c)
            if k and ctx.type_of(k) in ("Country", "MilitaryForce", "Organization"):
                return [k]
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            o = _pobj(c)
            if o is not None:
                ks = ctx.conj_keys(o, _AGENT_TYPES)
                if ks:
                    return ks
    gov, how = _governor(tok)
    if gov is not None:
        lemma = gov.lemma_.lower()
        if how in ("for", "in") and _is_passive(gov) and lemma in ctx.lex.use:
            s = _child(gov, "nsubjpass")
            if s is not None:
                return ctx.conj_keys(s, _AGENT_TYPES)
        if how in ("dobj", "attr") and lemma in ctx.lex.light:
            s = _subject_token(gov)
            if s is not None:
                return ctx.conj_keys(s, _AGENT_TYPES)
    return []


def _verb_roles(tok: Token, ctx: _Context) -> tuple[list[str], Token | None]:
    """(actor keys, object token) of a verb trigger."""
    obj = _child(tok, "dobj")
    if _is_passive(tok):
        agent = _child(tok, "agent")
        actors = ctx.conj_keys(_pobj(agent), _AGENT_TYPES) if agent is not None and _pobj(agent) is not None else []
        if not actors and tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl"):
            s = _subject_token(tok)
            actors = ctx.conj_keys(s, _AGENT_TYPES) if s is not None and s.dep_ != "nsubjpass" else []
        obj = _child(tok, "nsubjpass") or (tok.head if tok.dep_ == "acl" else None)
    else:
        s = _subject_token(tok)
        actors = ctx.conj_keys(s, _AGENT_TYPES) if s is not None else []
        if obj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            obj = tok.head  # "the enclave, seized by ..." without a parsed agent
    return actors, obj


def _meeting_roles(d: _Draft, tok: Token, trig: _Trigger, is_verb: bool, actors: list[str], obj: Token | None,
        ctx: _Context) -> tuple[list[str], list[str]] | None:
    """Who meets whom: the subject, the object and "with"/"including" phrases; planned or held."""
    targets: list[str] = []
    if obj is not None:
        targets += [k for k in ctx.keys_in(obj.subtree, _AGENT_TYPES) if k not in targets]
        if ctx.type_of(ctx.key(obj)) in _PLACE_TYPES and tok.lemma_ == "visit":
            d.place = ctx.key(obj)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("with", "between"):
            keys = ctx.conj_keys(_pobj(c), _AGENT_TYPES) if _pobj(c) is not None else []
            (actors if c.lower_ == "between" else targets).extend(k for k in keys if k not in actors + targets)
    for h in [tok] + [a for a in tok.ancestors][:2]:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "alongside"):
                targets += [k for k in ctx.keys_in(c.subtree, ("Person", "Country", "Organization", "Group"))
                            if k not in targets and k not in actors]
    if _planned(tok, ctx):
        d.attributes.append(("status", "planned"))
    return actors, targets


def _alliance_roles(d: _Draft, tok: Token, trig: _Trigger, is_verb: bool, actors: list[str], obj: Token | None,
        ctx: _Context) -> tuple[list[str], list[str]] | None:
    """The parties: the subject, and "between"/"with" phrases; at least two."""
    targets: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
            o = _pobj(c)
            if o is not None:
                actors = actors + [k for k in ctx.conj_keys(o, _AGENT_TYPES) if k not in actors]
    if is_verb:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with" and _pobj(c) is not None:
                actors += [k for k in ctx.conj_keys(_pobj(c), _AGENT_TYPES) if k not in actors]
    if len(actors) < 2:
        return None
    return actors, targets


def _appeal_roles(d: _Draft, tok: Token, trig: _Trigger, is_verb: bool, actors: list[str], obj: Token | None,
        ctx: _Context) -> tuple[list[str], list[str]] | None:
    """Who is called on ("urged X", "called on X", "demanded that X ...") and to do what."""
    targets: list[str] = []
    addressee = obj
    if addressee is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and _pobj(c) is not None:
                addressee = _pobj(c)
                break
    if addressee is not None:
        targets = ctx.conj_keys(addressee)
        d.attributes.append(("addressee", ctx.doc[addressee.left_edge.i:addressee.right_edge.i + 1].text))
    act = _child(tok, "xcomp", "ccomp")
    if addressee is None and act is not None and act.dep_ == "ccomp" and _child(act, "nsubj") is not None:
        addressee = _child(act, "nsubj")  # "demanded that Belarus withdraw"
        targets = ctx.conj_keys(addressee)
        d.attributes.append(("addressee", ctx.doc[addressee.left_edge.i:addressee.right_edge.i + 1].text))
    if act is None and addressee is not None:
        act = _child(addressee, "acl", "relcl")
    if act is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "for" and _pobj(c) is not None:
                act = _pobj(c)
    if act is not None:
        demand = ctx.doc[act.left_edge.i:act.right_edge.i + 1].text
        d.attributes.append(("demand", re.sub(r"^(to|that)\s+", "", demand)))
    if addressee is None and act is None:
        return None
    return actors, targets


def _violence_roles(d: _Draft, tok: Token, trig: _Trigger, is_verb: bool, actors: list[str], obj: Token | None,
        ctx: _Context) -> tuple[list[str], list[str]] | None:
    """Attacks, clashes, operations and territory: target or territory, place, weapon, count, casualties."""
    targets: list[str] = []
    cls = trig.cls
    if is_verb and obj is not None and obj.lemma_.lower() in ctx.lex.control and of_object(obj) is not None:
        obj = of_object(obj)  # "regained control of the city of Marawi"
    if is_verb and obj is not None:
        head_key = ctx.key(obj)
        force = ctx.force_for(obj, next((a for a in actors if ctx.type_of(a) == "Country"), None), set()) \
            if ctx.type_of(head_key) not in _PLACE_TYPES else None
        if force is not None and cls in _TERRITORIAL:
            d.force = force  # "withdrew its troops from Kherson"
        elif head_key and ctx.type_of(head_key) in _PLACE_TYPES and (
                cls in _TERRITORIAL | {"Incursion"} or ctx.type_of(head_key) == "Location"):
            d.place = head_key
        elif obj.lemma_.lower() in ctx.lex.anaphors or (
                cls in _TERRITORIAL and obj.lemma_.lower() in ctx.lex.territory):
            of = of_object(obj)  # "the town of Sderot"
            of_key = ctx.np_key(of, _PLACE_TYPES) if of is not None else None
            if of_key:
                d.place = of_key
            else:
                if obj.lemma_.lower() in ctx.lex.anaphors and any(
                        c.lower_ in _DEFINITE for c in obj.children if c.dep_ == "det"):
                    d.place = ctx.nearest_place(obj)
                d.attributes.append(("object", ctx.doc[obj.left_edge.i:obj.i + 1].text))
        elif cls in _TERRITORIAL:
            return None  # "held talks", "took steps": the object is not territory
        else:
            targets += ctx.conj_keys(obj, _AGENT_TYPES | _PLACE_TYPES)
        if d.place is None:
            places, anaphor = _places(obj, ctx, set(targets))
            d.place = _best_place(places, ctx)
            if d.place is None and anaphor is not None:  # "villages in the region"
                d.place = ctx.nearest_place(anaphor)
    if "place" in trig.conds and d.place is None and not any(a == "object" for a, _ in d.attributes):
        if obj is not None and d.force is None:
            return None  # "held talks": the object is not territory
        places, anaphor = _places(tok, ctx, set(actors))
        if not places and anaphor is None and d.force is None:
            return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against") and _pobj(c) is not None:
            for k in ctx.conj_keys(_pobj(c), _AGENT_TYPES | _PLACE_TYPES):
                if ctx.type_of(k) == "Location":
                    d.place = d.place or k
                elif k not in targets:
                    targets.append(k)
        if cls in _SYMMETRIC and c.dep_ == "prep" and c.lower_ in ("between", "with") and _pobj(c) is not None:
            keys = ctx.conj_keys(_pobj(c), _AGENT_TYPES)
            if c.lower_ == "between":
                actors = actors + [k for k in keys if k not in actors]
            else:
                targets += [k for k in keys if k not in targets]
    w = _weapon(tok, ctx)
    if w is not None:
        d.weapon = w[0]
        if cls == "Attack" and w[1] in event_types():
            d.type = w[1]
    if cls in _VIOLENT:
        d.quantity = ctx.quantity_of.get(tok.i)
        if d.quantity is None and "weapon" in trig.conds and obj is not None:
            d.quantity = ctx.quantity_of.get(obj.i)  # "launched 45 drones"
        d.casualties = _casualties(tok, ctx)
    forces = [k for k in actors if ctx.type_of(k) == "MilitaryForce"]
    if forces:
        d.force = forces[0]
    return actors, targets


def _build(tok: Token, trig: _Trigger, start: int, ctx: _Context) -> _Draft | None:
    cls = trig.cls
    d = _Draft(cls, tok, words=tok.i - start + 1)
    d.attributes = []
    is_verb = tok.pos_ in ("VERB", "AUX")
    gov = None
    if is_verb:
        actors, obj = _verb_roles(tok, ctx)
        gov = tok
        if "weapon" in trig.conds and obj is not None and _match_trigger(obj, ctx) is not None:
            return None  # "launched a missile attack": the noun is the event
    else:
        actors = _noun_actor(tok, ctx)
        obj = None
        gov, _how = _governor(tok)
    d.governor = gov.i if gov is not None else None
    targets: list[str] = []
    exclude: set[str] = set()
    if cls == "Deployment":
        if not _deployment(d, tok, is_verb, actors, obj, ctx):
            return None
        exclude = {d.force} if d.force else set()
        actors = d.actors or []
    else:
        roles = _ROLES.get(cls, _violence_roles)(d, tok, trig, is_verb, actors, obj, ctx)
        if roles is None:
            return None
        actors, targets = roles
        if is_verb and obj is not None and obj.lemma_.lower() in ctx.lex.control and of_object(obj) is not None:
            obj = of_object(obj)

    # conditions on arguments
    if cls in _ATTACKS | {"ArmedClash"}:
        if obj is not None and obj.lemma_.lower() in ctx.lex.nonviolent:
            return None  # "struck a deal", "hit the target"
        if any(c.dep_ in ("compound", "amod") and c.lower_ in ctx.lex.nonviolent for c in tok.children):
            return None  # "hunger strike", "heart attack"
    if "weapon" in trig.conds and d.weapon is None:
        return None
    if "armed" in trig.conds and d.type not in ("Deployment",):
        # a force or state acts, a weapon is used, or a force is hit ("Trump hits Venezuela" is not)
        if not (d.weapon or d.force or any(ctx.type_of(k) in ("MilitaryForce", "Country") for k in actors)
                or any(ctx.type_of(k) == "MilitaryForce" for k in targets)):
            return None
    d.actors = actors
    d.targets = [k for k in targets if k not in actors]
    if d.place is None:
        places, anaphor = _places(tok, ctx, exclude | set(actors) | set(d.targets))
        if d.type in ("Meeting", "Alliance", "Appeal"):
            places = [k for k in places if ctx.type_of(k) == "Location"] or \
                     [k for k in places if k not in d.targets]
        d.place = _best_place(places, ctx)
        if d.place is None and anaphor is not None:
            d.place = ctx.nearest_place(anaphor)
        if d.place is None and d.type in _VIOLENT | _TERRITORIAL:
            d.place = _context_place(tok, ctx, exclude | set(actors))
    if "place" in trig.conds and d.type == "Deployment" and d.place is None:
        return None  # "troops are in Kursk": only with a place
    d.date = _date_for(tok, gov if not is_verb else None, ctx)
    if d.date is None:  # the one date of the sentence
        in_sent = {id(x): x for t in ctx.sent_span(tok) for x in [ctx.date_at.get(t.i)]
                   if x is not None and not _modifies_adjective(t)}
        if len(in_sent) == 1:
            d.date = next(iter(in_sent.values()))
    if d.date is not None and _planned(tok, ctx) and ctx.published:
        d.date = replace(d.date, value=resolve_date(d.date.text, ctx.published, future=True))
    if not (d.actors or d.targets or d.force or d.place or d.weapon or d.casualties):
        return None
    if d.type in _VIOLENT and not (d.weapon or d.casualties or d.place or d.force or any(
            ctx.type_of(k) != "Person" for k in d.actors + d.targets)):
        return None  # only people on both sides and nothing violent: a verbal attack
    if _denied(tok, ctx):
        d.attributes.append(("status", "denied"))
    elif d.type == "Seizure" and tok.lemma_.lower() == "hold":
        d.attributes.append(("status", "held"))  # a state ("the town held by Ukraine"), not a change
    return d


_ROLES = {"Meeting": _meeting_roles, "Alliance": _alliance_roles, "Appeal": _appeal_roles}


def _deployment(d: _Draft, tok: Token, is_verb: bool, actors: list[str], obj: Token | None, ctx: _Context) -> bool:
    """Fill force, actor, quantity of a deployment; False when no force is deployed."""
    force_tok = None
    actor = next((k for k in actors if ctx.type_of(k) in ("Country", "Organization")), None)
    dest_forces: set[str] = set()
    dest_actor = None
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in ("into", "to", "with", "alongside"):
            o = _pobj(c)
            if o is not None:
                k = ctx.np_key(o, ("MilitaryForce",))
                if k:  # "integrated into Russian forces": the receiving force's country deploys
                    dest_forces.add(k)
                    dest_actor = dest_actor or ctx.country_of.get(k)
    if is_verb:
        if obj is not None:
            force_tok = obj
        else:
            subj = _child(tok, "nsubj")
            if actors and ctx.type_of(actors[0]) == "MilitaryForce":
                d.force = actors[0]
                actor = ctx.country_of.get(actors[0])
            elif subj is not None:
                actor = None
            force_tok = subj
    else:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None:
                force_tok = _pobj(c)
        poss = _child(tok, "poss")
        if force_tok is None:
            force_tok = poss or next((c for c in tok.children if c.dep_ in ("compound", "amod")
                                      and (ctx.key(c) or c.lemma_.lower() in ctx.force_nouns)), None)
        elif poss is not None:
            k = ctx.np_key(poss, ("Country", "Organization"))
            actor = actor or k
        if actor is None:
            gov, how = _governor(tok)
            if gov is not None and how in ("dobj",) and gov.lemma_.lower() in ctx.lex.light:
                s = _subject_token(gov)
                k = ctx.np_key(s, ("Country", "Organization")) if s is not None else None
                actor = k
    if force_tok is not None:
        counted = [force_tok]
        of = of_object(force_tok)  # "thousands of troops", "a battalion of marines"
        if of is not None and not ctx.key(force_tok):
            counted.append(of)
        if d.force is None:
            for t in reversed(counted):
                d.force = ctx.force_for(t, actor, dest_forces)
                if d.force:
                    break
        if d.force is not None:
            d.quantity = next((ctx.quantity_of[t.i] for t in counted if t.i in ctx.quantity_of), None)
    if d.force is None:
        return False
    if actor is None:
        actor = dest_actor
    d.actors = [actor] if actor else []
    ctx.deployed_forces.append((ctx.para_of(tok), d.force))
    return True


def _quantity_rank(q: Quantity | None) -> tuple:
    if q is None:
        return (0, 0, 0)
    return (1, q.value is not None or q.max_value is not None, q.value or q.max_value or q.min_value or 0)


def _merge(events: list[Event], etype: dict[str, str]) -> list[Event]:
    """One deployment per force, one alliance per set of parties, one record per repeated event."""
    out: list[Event] = []
    by_key: dict[tuple, int] = {}
    for ev in events:
        if ev.type == "Deployment":
            key = ("Deployment", ev.force)
        elif ev.type == "Alliance":
            key = ("Alliance", frozenset(ev.actors))
        else:
            key = (ev.type, ev.actors, ev.targets, ev.force, ev.place, ev.quantity, ev.weapon,
                   ev.trigger.text.lower())
        if key not in by_key:
            by_key[key] = len(out)
            out.append(ev)
            continue
        i = by_key[key]
        old = out[i]
        q_new = _quantity_rank(ev.quantity) > _quantity_rank(old.quantity)
        place = old.place
        if ev.place and (place is None or (etype.get(place) != "Location" and etype.get(ev.place) == "Location")):
            place = ev.place
        actors = old.actors or ev.actors
        mentions = dict(old.attributes).get("mentions", "1")
        attrs = tuple(a for a in old.attributes if a[0] != "mentions") + (("mentions", str(int(mentions) + 1)),)
        out[i] = replace(
            old, actors=actors, targets=old.targets or ev.targets, place=place,
            date=old.date or ev.date, date_text=old.date_text or ev.date_text,
            quantity=ev.quantity if q_new else old.quantity,
            statement=(ev.statement if q_new and ev.statement is not None else old.statement
                       if old.statement is not None else ev.statement),
            weapon=old.weapon or ev.weapon, casualties=old.casualties or ev.casualties, attributes=attrs)
    return out


def extract_events(doc: Doc, ents: EntityResult, statements: Sequence[Statement], article) -> list[Event]:
    """Conflict events of one article, ordered by trigger offset."""
    published = getattr(article, "published", None)
    ctx = _Context(doc, ents, statements or (), published)
    drafts: list[_Draft] = []
    for tok in doc:
        if tok.i in ctx.quantity_tokens and tok.pos_ == "NUM":
            continue
        m = _match_trigger(tok, ctx)
        if m is None:
            continue
        trig, start = m
        d = _build(tok, trig, start, ctx)
        if d is not None:
            drafts.append(d)
    _share_coordinated(drafts)
    _mark_demanded(drafts)
    events = []
    for d in drafts:
        t0 = doc[d.trigger.i - d.words + 1] if d.words > 1 else d.trigger
        span = Span(t0.idx, d.trigger.idx + len(d.trigger.text), ctx.text[t0.idx:d.trigger.idx + len(d.trigger.text)])
        events.append(Event(
            type=d.type, trigger=span, actors=tuple(d.actors or ()), targets=tuple(d.targets or ()),
            force=d.force, place=d.place, date=d.date.value if d.date else None,
            date_text=d.date.text if d.date else None, quantity=d.quantity, weapon=d.weapon,
            casualties=d.casualties, statement=_statement_index(span.start, ctx.statements),
            attributes=tuple(d.attributes or ())))
    return _merge(events, ctx.etype)


def _mark_demanded(drafts: list[_Draft]) -> None:
    """An event inside what an appeal asks for ("urged X to resume talks") is demanded, not reported."""
    for a in drafts:
        if a.type != "Appeal":
            continue
        scope = set()
        for c in a.trigger.children:
            if c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("dobj", "pobj", "prep") and any(
                    g.dep_ in ("acl", "relcl", "xcomp") for g in c.subtree)):
                scope.update(t.i for t in c.subtree)
        for d in drafts:
            if d is not a and d.trigger.i in scope and d.attributes is not None:
                d.attributes.append(("status", "demanded"))


def _share_coordinated(drafts: list[_Draft]) -> None:
    """Events coordinated under one verb ("launching assaults, strikes and attacks in the area")
    share the place, date and actors one of them states."""
    groups: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.governor is not None and d.trigger.pos_ in ("NOUN", "PROPN"):
            groups.setdefault(d.governor, []).append(d)
    for ds in groups.values():
        if len(ds) < 2:
            continue
        place = next((d.place for d in ds if d.place), None)
        date = next((d.date for d in ds if d.date), None)
        actors = next((d.actors for d in ds if d.actors), None)
        for d in ds:
            d.place = d.place or place
            d.date = d.date or date
            if not d.actors and actors:
                d.actors = list(actors)
