"""Who a speaker phrase is, when it is not a name: descriptions, roles and unnamed speakers.

Precision first. A description ("the diplomat", "Ukraine's foreign minister", "the
admiral") is resolved to a person named earlier only when that person was introduced
with the same role (a `Role` of the article, or a title in one of the person's names);
a diplomat is not a president. A description nobody in the article fits, an organ named
inside a possessive ("Ukraine's military intelligence agency": that agency, not Ukraine),
a proper name the entity stage did not type, or a pronoun with no antecedent becomes an
*unnamed speaker*: an entity of type `Speaker` labelled with the article's own words,
scoped to that article (two articles' "the official" are two speakers), so that the
statement keeps a speaker node that can be queried, and no named entity is guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import descriptions, word_classes
from .entities import load_lexicon
from .gender import gender_of, pronoun_fits  # noqa: F401 (re-exported: they lived here)
from .records import Entity, Statement

__all__ = [
    "UNNAMED",
    "names_people",
    "gender_of",
    "role_words",
    "role_antecedent",
    "speaker_phrase",
    "speaker_entities",
    "unnamed_key",
    "unnamed_type",
    "is_speaker_like",
]

UNNAMED = "speaker"  # key kind of unnamed speakers: "speaker:<article id>:<words>"

# abbreviations in titles and descriptions ("Sen. Ted Cruz", "Gen. Mark Milley", "the GOP nominee")
_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "gov": "governor",
    "pres": "president",
    "adm": "admiral",
    "col": "colonel",
    "lt": "lieutenant",
    "capt": "captain",
    "maj": "major",
    "sgt": "sergeant",
    "amb": "ambassador",
    "sec": "secretary",
    "cmdr": "commander",
    "supt": "superintendent",
    "gop": "republican",  # "the GOP nominee" is the Republican nominee
}
_WORDS = word_classes()
_ANY_POST = _WORDS["any_post"]  # person descriptions that fit anyone introduced with a post
_DASHES = frozenset({"-", "--", "–", "—", "―"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_SPEAKING_PRONOUNS = _WORDS["speaking_pronoun"]
_NOT_SPEAKERS = _WORDS["not_speaker"]
_SHARES = _WORDS["share_word"]
_SPEAKER_HEADS = _WORDS["speaker_head"]  # "a person familiar with", "someone"


@lru_cache(maxsize=1)
def _speaker_heads() -> frozenset[str]:
    """Nouns that can head a speaker phrase: people, posts, bodies, groups, documents, recordings."""
    lex = load_lexicon()
    words = set(descriptions()) | _people_nouns() | _WORDS["voice"] | _WORDS["source_doc"] | _WORDS["recording"]
    words |= lex.state_nouns | {t.split()[-1] for t in lex.titles}
    return frozenset(words)


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """Nouns for people or a body of them: the person, group, institution and force lists, the
    speaker heads, and descriptions of persons, groups and organisations."""
    lex = load_lexicon()
    heads = {w for w, types in descriptions().items() if {"Person", "Group", "Organization"} & set(types)}
    return frozenset(
        heads | lex.group_nouns | lex.person_nouns | lex.institution_nouns | lex.force_nouns | _SPEAKER_HEADS
    )


def names_people(tok: Token) -> bool:
    """Whether a common noun names people or a body of them ("supporters", "officials", "the
    campaign"), not a thing ("efforts", "laws", "pronouncements") or a document."""
    words = _people_nouns()
    return (tok.lower_ in words or tok.lemma_.lower() in words) and tok.lemma_.lower() not in _WORDS["source_doc"]


def role_words(text: str) -> set[str]:
    """Lower-case words of a title or description, abbreviations spelt out ("Sen." -> senator)."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z-]*", text):
        w = w.casefold()
        out.add(_ABBREVIATIONS.get(w, w))
    return out


def is_speaker_like(tok: Token) -> bool:
    """Whether the head of a speaker phrase can speak: a name, a speaking pronoun, or a noun
    for a person, post, body, group or document ("the talks warned" is a parse slip)."""
    if tok.pos_ == "PROPN":
        return True
    if tok.lower_ in _SHARES and (
        tok.pos_ in ("NUM", "PRON", "ADJ", "DET", "NOUN") or any(c.dep_ in ("nummod", "prep") for c in tok.children)
    ):
        return True  # "Half of voters said", "Most said", "Twelve percent said"
    if tok.like_num and (
        any(c.dep_ == "quantmod" and c.lower_ in ("in", "of") for c in tok.children)
        or any(
            c.dep_ == "prep" and c.lower_ in ("in", "of") and any(o.like_num for o in c.subtree if o is not c)
            for c in tok.children
        )
    ):
        return True  # "Six in 10 say" (the parser heads it on "10"), "eight of 10 said": a share of people
    if tok.pos_ == "PRON":
        return tok.lower_ in _SPEAKING_PRONOUNS or tok.lower_ in _SPEAKER_HEADS  # "someone said"
    if tok.pos_ not in ("NOUN", "X"):
        return False
    heads = _speaker_heads()
    if tok.lower_ in heads or tok.lemma_.lower() in heads:
        return True
    # plural nouns as subjects of speech are people far more often than not ("Developers say",
    # "Regulators worried"); so is a share of people ("Twelve percent said")
    if tok.tag_ == "NNS" and tok.lower_ not in _NOT_SPEAKERS:
        return True
    return False


def speaker_phrase(tok: Token) -> tuple[int, int]:
    """Token range of a speaker phrase: its noun phrase with a following of/for/at/from/in/to/like
    phrase ("a spokesman for the ministry", "analysts at the institute", "an adviser to the
    president", "critics like X") and the words that say who they are ("familiar with the
    matter", "led by X", "including X"), no clauses."""
    doc = tok.doc
    s = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ not in ("punct", "cc", "prep")])
    e = tok.i + 1
    prep = next(tok.rights, None)  # only a phrase right after the head
    if (
        prep is not None
        and prep.dep_ == "prep"
        and prep.lower_ in ("of", "for", "at", "from", "in", "with", "to", "like")
        and prep.i == e
    ):
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
        if obj is not None:
            e = max(e, max(x.i for x in obj.subtree if x.dep_ not in ("relcl", "acl", "punct")) + 1)
    for c in tok.rights:
        # "a source familiar with the inquiry", "people close to the Clintons", "the aides, led
        # by Tom Reyes,", "some observers, including Anna Kowalski,": who they are
        if (
            (c.dep_ == "amod" and c.pos_ == "ADJ")
            or (c.dep_ == "acl" and c.tag_ == "VBN")
            or (c.dep_ == "prep" and c.lower_ == "including")
        ):
            e = max(e, c.right_edge.i + 1)
    for i in range(tok.i - 1, s - 1, -1):
        spaced = doc[i].whitespace_ or (i > 0 and doc[i - 1].whitespace_)  # not "Resnick-Day"
        if (doc[i].text in _DASHES and spaced) or "\n" in doc[i].text:
            s = i + 1  # "BRUSSELS - European leaders said": the dateline is not the speaker's
            break
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].dep_ == "cc"):
        e -= 1  # (and a conjunction the parser left to the of-phrase: "the former secretary of state and")
    return s, e


@lru_cache(maxsize=1)
def _person_heads() -> frozenset[str]:
    return load_lexicon().person_nouns | _SPEAKER_HEADS


def unnamed_type(tok: Token | None) -> str | None:
    """What a pronoun may take an unnamed speaker's head for: "Person" for one person ("the
    friend", "a police spokesman"), "Group" for people ("local residents"), else None (a
    document, a pronoun left unresolved, a share)."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS"):
        return "Group" if is_speaker_like(tok) and lemma not in _WORDS["source_doc"] else None
    if lemma in _person_heads() or "Person" in descriptions().get(lemma, ()):
        return "Person"
    return None


def unnamed_key(article_id: str, words: str) -> str:
    """The article-scoped key of an unnamed speaker: determiners and case do not count."""
    return f"{UNNAMED}:{article_id}:{_key_words(words)}"


def role_antecedent(
    tok: Token, start: int, end: int, *, roles, entities, mentions, possessor: str | None
) -> str | None:
    """The person introduced earlier with the post a description names, or None.

    "the foreign minister" fits a person with the role "Foreign Minister" (or a name
    holding those words, "Foreign Minister Anna Kowalski"); "Ukraine's foreign minister"
    also needs the post to be Ukraine's; of several, the most recently mentioned wins.
    """
    doc = tok.doc
    wanted = {
        w
        for w in role_words(
            " ".join(t.text for t in doc[start:end] if t.dep_ != "poss" and t.ent_type_ not in ("GPE", "NORP"))
        )
        if w not in _DETERMINERS
    }
    wanted.discard("s")
    if not wanted:
        return None
    head = _ABBREVIATIONS.get(tok.lower_, tok.lemma_.lower())
    fits: set[str] = set()
    for r in roles:
        words = role_words(r.role)
        if (wanted <= words or head in _ANY_POST) and (possessor is None or r.of == possessor):
            fits.add(r.person)
    if possessor is None:
        fits |= _titled_people(entities, wanted, head, fits)
    if not fits:
        return None
    c = tok.idx
    best = None
    for m in mentions:
        if m.span.end <= c and m.key in fits:
            best = m.key  # mentions are in text order: the last one before the description
    return best


def _titled_people(entities, wanted: set[str], head: str, fits: set[str]) -> set[str]:
    """Persons not yet fitting whose name holds the title a description names ("Foreign
    Minister Anna Kowalski"), or any title for a description that fits any post."""
    out: set[str] = set()
    for e in entities:
        if e.type != "Person" or e.key in fits:
            continue
        for name in (e.label, *e.aliases):
            title = role_words(" ".join(name.split()[:-1]))
            if wanted <= title or (head in _ANY_POST and title & set(_ABBREVIATIONS.values())):
                out.add(e.key)
                break
    return out


def speaker_entities(statements: list[Statement], known: set[str]) -> list[Entity]:
    """Entities for the unnamed speakers the statements name, labelled with the article's
    words (the first time they occur), in order of first use."""
    out: dict[str, Entity] = {}
    for st in statements:
        key = st.speaker
        if key and key.startswith(UNNAMED + ":") and key not in known and key not in out:
            # the words the key was made from ("the Association of Flight Attendants"), not the
            # document it spoke through ("a statement"), where both were seen
            spans = [s.speaker_span for s in statements if s.speaker == key and s.speaker_span is not None]
            words = key.rsplit(":", 1)[-1]
            span = next((sp for sp in spans if _key_words(sp.text) == words), spans[0] if spans else None)
            label = span.text if span is not None else words
            out[key] = Entity(key, label, "Speaker", (), None, None, (span,) if span is not None else ())
    return list(out.values())


def _key_words(words: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", words.casefold()) if w not in _DETERMINERS) or "x"
