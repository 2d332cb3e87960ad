"""The one antecedent resolver of the extractors: a pronoun or a description to the earlier
entity mention it refers back to, for statements (who "he" is in "he said") and events
(whose "its incursion" is) alike.

One type policy: what a pronoun may refer to is one table, `pronouns.tsv` of the lexicon,
keyed by the pronoun's use (`pronoun_types(word, use)`): `poss` and `subj` for the
arguments of an event ("its incursion", "it launched"), `speaker` for the speaker of a
statement ("he said", "it warned"). The uses still disagree where the extraction has been
tuned to them ("it" is an Organization, Country or Group as a speaker, a Country,
MilitaryForce or Organization as an actor): giving both uses one row changes the output,
so the use is an explicit column, in one place.

One resolver, `Antecedents` over the article's `DocIndex`, with the selection policy an
explicit parameter of `find`:

- `ACTOR` (events): the nearest mention of a fitting type before the pronoun, in its
  sentence or in its paragraph or the one before;
- `SPEAKER` (statements): within `SPEAKER_SENTENCES` sentences, outside other quotations,
  a gendered pronoun only for a person of that gender (`pronoun_fits`); in the nearest
  sentence with a candidate, a subject mention first, then the one who has been speaking
  (if recent and fitting), else the most recent mention.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Token

from ..lexicon import descriptions, noun_classes, pronouns, word_classes
from .doc_index import DocIndex
from .gender import gender_of, name_detector, noun_gender, pronoun_fits, pronoun_gender

# gender_of, name_detector and pronoun_fits are re-exported: they lived here

__all__ = [
    "ACTOR",
    "SPEAKER",
    "SPEAKER_SENTENCES",
    "Antecedents",
    "Policy",
    "QuoteLookup",
    "gender_of",
    "name_detector",
    "pronoun_fits",
    "pronoun_table",
    "pronoun_types",
    "people_of_a_country",
]

SPEAKER_SENTENCES = 6  # how far back (in sentences) a speaker's antecedent may be
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Policy:
    """How an antecedent is chosen among the fitting mentions before a word."""

    name: str


ACTOR = Policy("actor")  # events: the nearest, in the sentence or this or the previous paragraph
SPEAKER = Policy("speaker")  # statements: recent, outside other quotations, subjects and the current speaker first


def pronoun_table(use: str) -> dict[str, tuple[str, ...]]:
    """The pronouns of one use ("poss", "subj", "speaker") -> the entity types they may refer to."""
    return pronouns(use)


def pronoun_types(word: str, use: str) -> tuple[str, ...] | None:
    """The entity types `word` may refer to in one use, or None when it is not such a pronoun."""
    return pronouns(use).get(word.casefold())


LastSpeaker = tuple  # (key, sentence) or (key, sentence, type): who spoke last, and where


def _unpack(last: LastSpeaker) -> tuple[str, int, str | None]:
    """(key, sentence, type) of the latest speaker; the type is given for an unnamed one, which
    has no entity of its own ("Person" for "the friend", "Group" for "local residents")."""
    return (last[0], last[1], last[2] if len(last) > 2 else None)


@lru_cache(maxsize=1)
def _group_nouns() -> frozenset[str]:
    """Common nouns that name a group or an institution ("officials", "the campaign")."""
    classes = noun_classes()
    heads = {w for w, types in descriptions().items() if "Organization" in types or "Group" in types}
    return frozenset(classes["group"] | classes["force"] | classes["institution"] | heads)


@lru_cache(maxsize=1)
def _people_quantifiers() -> frozenset[str]:
    return word_classes()["people_quantifier"]


def people_of_a_country(tok: Token) -> bool:
    """A plural demonym with a number or a quantifier before it ("many Venezuelans", "two
    Ukrainians", "ordinary Russians") names people of a country, not the country."""
    if tok.ent_type_ != "NORP" or tok.tag_ not in ("NNPS", "NNS"):
        return False
    return any(
        c.i < tok.i and (c.lower_ in _people_quantifiers() or c.dep_ == "nummod" or c.like_num) for c in tok.children
    )


_EMBEDDING = frozenset({"relcl", "acl", "advcl", "parataxis"})


def _governed_by(t: Token, head: Token) -> bool:
    """Whether `t` hangs on `head` without a relative, adverbial or loose clause between
    ("he was echoing Ryan, who had asked Trump": Trump is inside a clause of its own)."""
    for _ in range(40):
        if t.i == head.i:
            return True
        if t.dep_ in _EMBEDDING or t.head.i == t.i:
            return False
        t = t.head
    return False


class QuoteLookup(Protocol):
    """What the speaker policy needs to know about the article's quotations."""

    quote_of: list[int]  # token -> index of the quotation holding it, or -1

    def quote_at_char(self, c: int) -> int: ...

    def token_range_of_chars(self, s: int, e: int) -> tuple[int, int] | None: ...


class Antecedents:
    """Antecedents over one article's `DocIndex` (with its entities added)."""

    def __init__(self, index: DocIndex):
        if index.ents is None:
            raise ValueError("Antecedents needs a DocIndex with entities (DocIndex.add_entities)")
        ents = index.ents
        self.index = index
        self.doc = index.doc
        self.char_mentions = list(ents.mentions)  # in text order, by character offsets
        self.char_starts = [m.span.start for m in self.char_mentions]
        self.entity_type = {e.key: e.type for e in ents.entities}
        self.names_of = {e.key: (e.label, *e.aliases) for e in ents.entities}
        self._noun_genders: dict[str, str] | None = None  # by entity key, read when first needed

    def find(
        self,
        tok: Token,
        types: tuple[str, ...],
        policy: Policy = ACTOR,
        *,
        quotes: QuoteLookup | None = None,
        last_speaker: LastSpeaker | None = None,
    ) -> str | None:
        """The entity key `tok` refers back to, of one of `types`, chosen by `policy`.

        `quotes` and `last_speaker` (key, sentence of the latest resolved speaker) are the
        speaker policy's: mentions inside another quotation do not count, and the one who
        has been speaking is preferred when the nearest sentence has no subject mention.
        """
        if policy is SPEAKER:
            return self._speaker(tok, types, quotes, last_speaker)
        return self._nearest(tok, types)

    def _nearest(self, tok: Token, types: tuple[str, ...]) -> str | None:
        index = self.index
        para = index.para_of(tok)
        sent_start = index.sent_span(tok).start
        best = None
        for s, e, key, typ, p in index.mentions:
            if s >= tok.i:
                break
            if e > tok.i:
                continue
            if typ in types and index.etype.get(key, typ) in types and (s >= sent_start or p in (para, para - 1)):
                best = key
        return best

    def _fits(self, tok: Token, key: str) -> bool:
        """A gendered pronoun fits a person of that gender (or of unknown gender): by a noun next
        to a mention of the name ("widow Terry Strada", "his wife, Jordan Smith"), else by the
        names."""
        if tok.pos_ != "PRON":
            return True
        want = pronoun_gender(tok.lower_)
        said = self._noun_genders_by_key().get(key) if want is not None else None
        if said is not None:
            return said == want
        return pronoun_fits(tok.lower_, self.names_of.get(key, ()))

    def _noun_genders_by_key(self) -> dict[str, str]:
        """'m' or 'f' for the persons a gendered noun stands next to: right before a mention
        ("widow Terry Strada") or in apposition to it ("Jordan Smith, his wife,"); a person both
        ways is left out."""
        if self._noun_genders is not None:
            return self._noun_genders
        seen: dict[str, set[str]] = {}
        for m in self.char_mentions:
            r = self._token_range(m, None) if m.type == "Person" else None
            if r is None:
                continue
            root = self.doc[r[1] - 1]
            near = [self.doc[r[0] - 1]] if r[0] > 0 else []
            near += [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                near.append(root.head)
            seen.setdefault(m.key, set()).update(g for g in map(noun_gender, near) if g is not None)
        self._noun_genders = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        return self._noun_genders

    def _speaker_candidates(self, tok: Token, types: tuple[str, ...], quotes: QuoteLookup | None) -> dict[int, list]:
        """The fitting mentions before `tok` in the (at most two) nearest sentences that have one,
        by sentence, most recent first."""
        c = tok.idx
        own_quote = quotes.quote_of[tok.i] if quotes is not None else -1
        sent_now = self.index.sent_of[tok.i]
        named_after = self._named_later_in_sentence(tok)
        by_sent: dict[int, list] = {}
        for k in range(bisect.bisect_left(self.char_starts, c) - 1, -1, -1):
            m = self.char_mentions[k]
            if m.span.end > c or m.type not in types or m.key in named_after:
                continue
            if m.type == "Person" and not self._fits(tok, m.key):
                continue  # "Prime Minister Maria Lopez met John Harlow. He said": not her
            if m.type == "Country" and self._people_mention(m, quotes):
                continue  # "Many Venezuelans fear ... they say": people, not their state
            if tok.lower_ == "it" and m.type == "Group" and self._plural_mention(m, quotes):
                continue  # "the employees ... it said": "it" is not a plural group
            if sent_now - m.sent > SPEAKER_SENTENCES:
                break
            q = quotes.quote_at_char(m.span.start) if quotes is not None else -1
            if q >= 0 and q != own_quote:
                continue
            by_sent.setdefault(m.sent, []).append(m)
            if len(by_sent) >= 2:
                break
        return by_sent

    def _named_later_in_sentence(self, tok: Token) -> set[str]:
        """Entities named after `tok` in the clause it is the subject of: "He said McVeigh used
        a false name" is not McVeigh speaking (a pronoun does not refer to a name it precedes
        in its own clause; "Though she objected, Clinton agreed" is another clause)."""
        head = tok.head
        last = head.right_edge
        end = last.idx + len(last)
        keys = set()
        for k in range(bisect.bisect_right(self.char_starts, tok.idx), len(self.char_mentions)):
            m = self.char_mentions[k]
            if m.span.start >= end:
                break
            r = self._token_range(m, None)
            if r is not None and _governed_by(self.doc[r[1] - 1], head):
                keys.add(m.key)
        return keys

    def _speaker(
        self, tok: Token, types: tuple[str, ...], quotes: QuoteLookup | None, last_speaker: LastSpeaker | None
    ) -> str | None:
        by_sent = self._speaker_candidates(tok, types, quotes)
        sent_now = self.index.sent_of[tok.i]
        if not by_sent:
            # nobody named nearby: an unnamed speaker of the sentence before ("The friend said
            # A. He added B") goes on speaking, and so does anyone whose own quotation is all
            # that came between ('"Don't shoot him," she says. "He has no weapon. ..." She then
            # urges ...')
            if last_speaker is not None and tok.pos_ == "PRON":
                key, sent, _typ = _unpack(last_speaker)
                if key not in self.entity_type:
                    return self._recent_speaker(tok, types, last_speaker, 1, fits=False)
                if self._only_quoted_between(sent, sent_now, quotes):
                    return self._recent_speaker(tok, types, last_speaker, 12)
            return None
        if max(by_sent) < sent_now and self.group_subject_above(tok) is not None:
            return None  # "they" is that group, which no name of an earlier sentence is
        cands = by_sent[max(by_sent)]  # the nearest sentence's, most recent first
        subject = self._subject_of_nearest(tok, types, cands, max(by_sent), quotes, last_speaker)
        if subject is not None:
            return subject
        # no subject there: the one who has been speaking, if recent and compatible (also an
        # unnamed one: "The friend said the attacker followed X. 'He ...,' he told the BBC")
        return self._recent_speaker(tok, types, last_speaker, 3) or cands[0].key

    def _recent_speaker(
        self, tok: Token, types, last_speaker: LastSpeaker | None, within: int, *, fits: bool = True
    ) -> str | None:
        """The one who has been speaking, when of one of `types`, at most `within` sentences
        before `tok` and (with `fits`) fitting its gender; else None."""
        if last_speaker is None:
            return None
        key, sent, typ = _unpack(last_speaker)
        typ = self.entity_type.get(key, typ)
        ok = typ in types and 0 <= self.index.sent_of[tok.i] - sent <= within
        return key if ok and (not fits or self._fits(tok, key)) else None

    def _only_quoted_between(self, first: int, last: int, quotes: QuoteLookup | None) -> bool:
        """Whether the sentences after `first` and before `last` (at most a dozen) are all inside
        the quotation of sentence `first` or the one right after it: the speaker's own words."""
        if quotes is None or not 0 <= last - first <= 12:
            return False
        sents = self.index.sents
        own = [q for q in (quotes.quote_at_char(t.idx) for t in sents[first]) if q >= 0]
        if not own:
            return False
        allowed = {max(own), max(own) + 1}
        for k in range(first + 1, last):
            words = [t for t in sents[k] if not (t.is_space or t.is_quote or t.is_punct)]
            if words and quotes.quote_at_char(words[0].idx) not in allowed:
                return False
        return True

    def _subject_of_nearest(
        self, tok: Token, types, cands: list, sent: int, quotes: QuoteLookup | None, last_speaker: LastSpeaker | None
    ) -> str | None:
        """The subject the pronoun `tok` continues in the nearest sentence with candidates
        `cands`: its main clause's subject first ("X said that Sanders has conceded. 'It is
        fair,' he said": X, not Sanders); where that subject is the same pronoun, the one who
        has been speaking ("He said that Sanders ..."); else any subject mention; else None."""
        subjects = [(m, t) for m in cands if (t := self._subject_mention(m, quotes)) is not None]
        main = next((m.key for m, t in subjects if self._main_clause(t)), None)
        if main is not None:
            return main
        if self._pronoun_subject_above(tok, sent):
            recent = self._recent_speaker(tok, types, last_speaker, 3)
            if recent is not None:
                return recent
        return subjects[0][0].key if subjects else None

    def _subject_mention(self, m, quotes: QuoteLookup | None) -> Token | None:
        """The token of mention `m` that is a subject, or None."""
        r = self._token_range(m, quotes)
        if r is None:
            return None
        return next((self.doc[i] for i in range(r[0], r[1]) if self.doc[i].dep_ in _SUBJECT_DEPS), None)

    @staticmethod
    def _main_clause(subj: Token) -> bool:
        """Whether a subject is the subject of its sentence's main verb (or of a verb joined to
        it), not of a clause inside it."""
        head = subj.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return head.dep_ == "ROOT"

    def _pronoun_subject_above(self, tok: Token, sent: int) -> bool:
        """Whether sentence `sent`'s main verb has a pronoun subject that `tok` may continue
        (the same pronoun, "he" and "he")."""
        for t in self.index.sents[sent]:
            if t.dep_ in _SUBJECT_DEPS and t.pos_ == "PRON" and t.lower_ == tok.lower_ and self._main_clause(t):
                return True
        return False

    def group_subject_above(self, tok: Token) -> Token | None:
        """The unnamed group noun of a plural pronoun's own sentence that is the subject of a
        verb above it, or None: "Clinton's campaign is seeking to contrast her approach with
        what they call ...", "Officials said they had ...". The pronoun is that group."""
        if tok.lower_ not in ("they", "them"):
            return None
        head = tok.head
        for _ in range(40):
            if head.head.i == head.i:
                break
            if head.dep_ in ("relcl", "acl", "appos"):
                return None  # a clause hung on a noun speaks of that noun's own referent
            head = head.head
            for c in head.children:
                if (
                    c.dep_ in _SUBJECT_DEPS
                    and c.i < tok.i
                    and c.pos_ == "NOUN"
                    and not c.ent_type_
                    and (c.tag_ == "NNS" or c.lower_ in _group_nouns())
                ):
                    return c
        return None

    def _plural_mention(self, m, quotes: QuoteLookup | None) -> bool:
        r = self._token_range(m, quotes)
        return r is not None and self.doc[r[1] - 1].tag_ in ("NNS", "NNPS")

    def _people_mention(self, m, quotes: QuoteLookup | None) -> bool:
        r = self._token_range(m, quotes)
        return r is not None and people_of_a_country(self.doc[r[1] - 1])

    def _token_range(self, m, quotes: QuoteLookup | None) -> tuple[int, int] | None:
        if quotes is not None:
            return quotes.token_range_of_chars(m.span.start, m.span.end)
        sp = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        return None if sp is None or len(sp) == 0 else (sp.start, sp.end)
