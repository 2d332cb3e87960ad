"""Passes that make one entity of several candidates: suffixes, senses, case, acronyms, types."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .cands import Cand, normalise_name
from .lexicon import Lexicon

__all__ = [
    "link_acronyms",
    "merge_name_suffixes",
    "one_sense_per_article",
    "one_type_per_name",
    "parties_need_their_country",
    "unify_case_variants",
]


def merge_name_suffixes(doc: Doc, cands: list[Cand]) -> None:
    """An unlinked name that ends a longer mention's name ("Koreans" after "North Koreans") is that entity."""
    by_text: dict[str, Cand] = {}
    for c in sorted(cands, key=lambda c: -(c.end - c.start)):
        by_text.setdefault(normalise_name(doc[c.start : c.end].text), c)
    # the names ending in " " + a word run, in the order of `by_text`: the run after each space
    by_suffix: dict[str, list[Cand]] = defaultdict(list)
    for text, other in by_text.items():
        j = text.find(" ")
        while j >= 0:
            by_suffix[text[j + 1 :]].append(other)
            j = text.find(" ", j + 1)
    for c in cands:
        if c.gaz is not None or c.type not in ("Group", "Organization", "Location"):
            continue
        name = normalise_name(doc[c.start : c.end].text)
        for other in by_suffix.get(name, ()):
            if other is not c and other.key != c.key and other.type != "Group":
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                    other.type,
                    other.key,
                    other.label,
                    other.wikidata,
                    other.gaz,
                    other.country,
                )
                break


def one_sense_per_article(cands: list[Cand], gaz: Gazetteer) -> None:
    """A city whose region of the same name is mentioned ("Kursk" beside "Kursk region") is the region.

    Also "<Place> front" names the region's front line when the region is known.
    """
    regions: dict[str, Cand] = {}
    for c in cands:
        if c.gaz is not None and c.gaz.kind in ("oblast", "region", "krai", "province"):
            regions[c.gaz.label.split()[0]] = c
    for c in cands:
        if c.type == "Location" and c.gaz is not None and c.gaz.kind in ("city", "capital"):
            r = regions.get(c.gaz.label)
            if r is not None:
                c.key, c.label, c.wikidata, c.gaz = r.key, r.label, r.wikidata, r.gaz


def parties_need_their_country(doc: Doc, cands: list[Cand]) -> None:
    """A party known by a one-word name that is also an ordinary word ("Republicans",
    "Democrats", "Labour") is that party only in an article that names the party's country or
    something of that country (a state, a city, an institution, a known person): Northern
    Ireland's republicans are not the US Republican Party."""
    others = [c for c in cands if c.gaz is None or c.gaz.kind != "party"]
    present = {c.key for c in others if c.type == "Country"} | {c.country for c in others if c.country}
    present |= {c.gaz.country for c in others if c.gaz is not None and c.gaz.country}
    for c in cands:
        g = c.gaz
        if g is None or g.kind != "party" or not g.country or g.country in present:
            continue
        surface = doc[c.start : c.end].text
        # only the label's own word ("Republicans" of "Republican Party"), never a coined name ("GOP")
        if c.end - c.start == 1 and surface != g.label and surface[:5].lower() == g.label[:5].lower():
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                "Group",
                f"group:{normalise_name(surface)}",
                surface,
                None,
                None,
                None,
            )


def unify_case_variants(doc: Doc, cands: list[Cand], gaz: Gazetteer) -> None:
    """Unlinked names that differ from a linked one only in case ("LONDON" in a dateline) join it;
    otherwise an unlinked all-caps name is looked up in the gazetteer in title case."""
    linked: dict[str, Cand] = {}
    for c in cands:
        if c.gaz is not None:
            linked.setdefault(normalise_name(doc[c.start : c.end].text), c)
            for n in c.gaz.names:
                linked.setdefault(normalise_name(n), c)
    for c in cands:
        if c.gaz is not None or c.type in ("Group", "MilitaryForce"):
            continue
        name = normalise_name(doc[c.start : c.end].text)
        target = linked.get(name)
        entry = (
            target.gaz
            if target is not None
            else gaz.by_lower.get(name)
            if doc[c.start : c.end].text.isupper()
            else None
        )
        if entry is not None:
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                entry.type,
                entry.key,
                entry.label,
                entry.wikidata,
                entry,
                entry.country,
            )


def link_acronyms(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """ "Ulster Defence Association (UDA)": the acronym, here and later, is the same entity;
    so is a bare acronym made of a name's initials elsewhere in the article ("UDA leaders")."""
    by_start = {c.start: c for c in cands}
    acr_to: dict[str, Cand] = {}
    for c in cands:
        if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
            acr = doc[c.end + 1]
            if acr.text.isupper() and len(acr.text) >= 2 and c.end - c.start >= 2:
                acr_to[acr.text] = c
                if c.end + 1 not in by_start:
                    cands.append(
                        Cand(c.end + 1, c.end + 2, c.type, c.key, c.label, c.wikidata, c.country, c.gaz, prio=1)
                    )
    # "UDA" beside "Ulster Defence Association" with no brackets: the initials of its words
    for c in cands:
        words = [t for t in doc[c.start : c.end] if t.is_alpha and t.lower_ not in lex.words["initials_skip"]]
        if c.type in ("Organization", "MilitaryForce") and len(words) >= 2 and all(t.text[:1].isupper() for t in words):
            acr_to.setdefault("".join(t.text[0] for t in words), c)
    if not acr_to:
        return
    for c in cands:
        full = acr_to.get(doc[c.start : c.end].text)
        if full is not None and c is not full and c.gaz is None:
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                full.type,
                full.key,
                full.label,
                full.wikidata,
                full.gaz,
                full.country,
            )


def one_type_per_name(doc: Doc, cands: list[Cand]) -> None:
    """The same unlinked name tagged differently in one article ("Juan Requesens" as PERSON
    and as GPE) is one entity, of the type most of its mentions have (persons win ties)."""
    groups: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.gaz is None and c.type in ("Person", "Organization", "Location", "MilitaryForce"):
            groups[normalise_name(doc[c.start : c.end].text)].append(c)
    for cs in groups.values():
        keys = {c.key for c in cs}
        if len(keys) < 2:
            continue
        votes: dict[str, float] = defaultdict(float)
        for c in cs:
            votes[c.type] += 1.5 if c.type == "Person" else 1.0
        typ = max(sorted(votes), key=lambda t: votes[t])
        winner = next(c for c in cs if c.type == typ)
        for c in cs:
            c.type, c.key, c.label = winner.type, winner.key, winner.label
