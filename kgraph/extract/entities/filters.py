"""What is not an entity after all: bare titles, lone-word 'persons' that are places or tagging errors."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from .cands import Cand, EntityRun, normalise_name
from .lexicon import Lexicon, given_names

__all__ = [
    "drop_non_entities",
    "group_owners",
    "is_bare_title",
    "lone_word_person",
    "only_as_place",
    "own_institutions",
]


def lone_word_person(doc: Doc, c: Cand, same: list[Cand], lex: Lexicon) -> bool:
    """A one-word 'person' with no full name in the article, no title and no known given
    name ("Airfield", "Bermuda") is more likely a tagging error than a person: news
    style introduces people by full name first."""
    if c.type != "Person" or c.gaz is not None or c.end - c.start != 1:
        return False
    if any(o.end - o.start >= 2 for o in same):  # `same`: the candidates with c's key
        return False
    word = doc[c.start].text
    return word.lower() not in given_names() and not (
        c.start > 0 and doc[c.start - 1].lower_.rstrip(".") in lex.words["honorific"]
    )


def only_as_place(doc: Doc, c: Cand, same: list[Cand], lex: Lexicon) -> bool:
    """A one-word 'person' that only ever comes right after "in", "near", "outside"… ("Bloody
    Sunday in Derry", "the army moved in to the Bogside area of Derry") is a place, even when
    the word is also a given name."""
    if c.type != "Person" or c.gaz is not None or c.end - c.start != 1:
        return False
    if any(o.end - o.start != 1 for o in same):
        return False
    places = lex.words["place_only_prep"]
    return all(
        o.start > 0
        and doc[o.start - 1].lower_ in places
        and doc[o.start].dep_ == "pobj"
        and (doc[o.start - 1].lower_ != "of" or doc[o.start - 1].head.lower_ in lex.nouns["place_part"])
        for o in same
    )


def is_bare_title(doc: Doc, c: Cand, lex: Lexicon) -> bool:
    """A 'name' that is only a title word ("Magistrate", "President") is not an entity."""
    return c.gaz is None and doc[c.start : c.end].text.lower() in lex.titles


def drop_non_entities(run: EntityRun) -> None:
    """Drop bare titles and lone-word 'persons' that are tagging errors; those only ever after a
    place preposition are places."""
    doc, lex = run.doc, run.lex
    kept = []
    by_key: dict[str, list[Cand]] = defaultdict(list)
    for c in run.cands:
        by_key[c.key].append(c)
    for c in run.cands:
        if is_bare_title(doc, c, lex):
            continue
        same = by_key[c.key]
        place = only_as_place(doc, c, same, lex)
        if place or lone_word_person(doc, c, same, lex):
            if place or c.start > 0 and doc[c.start - 1].lower_ in lex.words["place_prep"]:
                # "fighting in Marawi": the tagger's lone 'person' after a place preposition is a place
                name = doc[c.start : c.end].text
                c.type, c.key, c.label = "Location", f"location:{normalise_name(name)}", name
            else:
                continue
        kept.append(c)
    run.cands = kept


def own_institutions(run: EntityRun) -> None:
    """ "Ukraine's General Staff", "Russia's Investigative Committee": a country's own institution.

    Keyed by country, so that two countries' General Staffs stay two; a bare later mention
    ("the General Staff said") is the one country's when the article has only one.
    """
    doc, cands = run.doc, run.cands
    country_at = {i: c for c in cands if c.type == "Country" for i in range(c.start, c.end)}
    owned: dict[str, set[tuple[str, str]]] = defaultdict(set)  # bare key -> {(owned key, country)}
    for c in cands:
        if (
            c.type in ("Organization", "MilitaryForce")
            and c.gaz is None
            and c.country is None
            and c.start >= 2
            and doc[c.start - 1].tag_ == "POS"
            and c.start - 2 in country_at
        ):
            bare = c.key
            c.country = country_at[c.start - 2].key
            c.key = f"{c.type.lower()}:{c.country}:{bare.split(':', 1)[1]}"
            owned[bare].add((c.key, c.country))
    for c in cands:
        variants = owned.get(c.key)
        if variants and len(variants) == 1 and c.gaz is None and c.country is None:
            c.key, c.country = next(iter(variants))


def group_owners(run: EntityRun) -> None:
    """A group belongs to its owner's final entity ("Clinton supporters"), after all the merges."""
    kept_ids = {id(c) for c in run.cands}
    for c in run.cands:
        if c.owner is not None and c.country is None and c.owner.key != c.key and id(c.owner) in kept_ids:
            c.country = c.owner.key
