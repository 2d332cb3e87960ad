"""Entity candidates (`Cand`), the state the passes share (`EntityRun`), and span helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from ..doc_index import DocIndex
from ..gazetteer import GazEntry, Gazetteer
from ..records import Entity, Mention, Role
from .lexicon import Lexicon

__all__ = ["Cand", "EntityResult", "EntityRun", "entity_for_tokens", "head_noun_after", "normalise_name", "trim"]


_POSSESSIVE = re.compile(r"'s?$")
_ARTICLE = re.compile(r"^(the|The)\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # the passes normalise the same few names of an article again and again
def normalise_name(name: str) -> str:
    """Key form of a name: apostrophes plain, possessive and leading article dropped, casefolded."""
    s = name.replace("\u2019", "'").strip()
    s = _POSSESSIVE.sub("", s)
    s = _ARTICLE.sub("", s)
    return _SPACES.sub(" ", s).casefold().strip(" .,")


@dataclass
class Cand:
    start: int  # token index
    end: int
    type: str
    key: str
    label: str
    wikidata: str | None = None
    country: str | None = None
    gaz: GazEntry | None = None
    prio: int = 0
    owner: Cand | None = None  # whose group this is ("Clinton supporters"): resolved to a key at the end


@dataclass
class EntityResult:
    """What `extract_entities` returns; `mentions` sorted by start offset."""

    entities: list[Entity]
    mentions: list[Mention]
    roles: list[Role]
    token_key: dict[int, str] = field(default_factory=dict)  # token index -> entity key


def trim(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    w = lex.words
    while start < end and (
        doc[start].lower_ in w["article"] or doc[start].lower_.rstrip(".") in w["honorific"] or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in w["trim_end"]):
        end -= 1  # "the Belfast Brigade of" (the model stopped before "the Provisional IRA")
    return start, end


def head_noun_after(doc: Doc, end: int, nouns: frozenset[str]) -> int | None:
    """If tokens right after `end` form one of `nouns` (up to 3 words), return the new end."""
    for n in (3, 2, 1):
        if end + n <= len(doc):
            words = " ".join(t.lower_ for t in doc[end : end + n])
            if words in nouns and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[end : end + n]):
                return end + n
    # one modifier between: "North Korean special forces", "Ukrainian military analysts"
    if end + 2 <= len(doc) and doc[end].pos_ == "ADJ":
        for n in (2, 1):
            if end + 1 + n <= len(doc):
                words = " ".join(t.lower_ for t in doc[end + 1 : end + 1 + n])
                if words in nouns:
                    return end + 1 + n
    return None


def entity_for_tokens(cands: list[Cand], start: int, end: int) -> Cand | None:
    best = None
    for c in cands:
        if c.start >= start and c.end <= end and (best is None or c.prio > best.prio):
            best = c
    return best


@dataclass
class EntityRun:
    """What the passes of one article share: the Doc, its index, the word lists and the candidates."""

    doc: Doc
    gaz: Gazetteer
    lex: Lexicon
    index: DocIndex
    title_end: int = 0
    body_text: str = ""  # the text after the headline ("" when there is none)
    cands: list[Cand] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # tokens inside a candidate
    roles_raw: list = field(default_factory=list)  # (person, title, of, start token, end token)

    def add(self, c: Cand) -> None:
        """Add a candidate that covers at least one token."""
        if c.end <= c.start:
            return
        self.cands.append(c)
        self.taken.update(range(c.start, c.end))
