"""Place names with and without their head noun ("Euphrates", "Euphrates River") are one place."""

from __future__ import annotations

from spacy.tokens import Doc

from .cands import Cand, normalise_name
from .lexicon import Lexicon

__all__ = ["facility_stem", "merge_place_heads"]


def merge_place_heads(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """ "Euphrates" and "Euphrates River" in one article: a place name with and without its
    head noun (river, lake, motel, road…) is one place; so are two facility forms of one name
    and the bare name used alone."""
    _with_and_without_head(doc, cands, lex)
    _facility_forms(doc, cands, lex)
    _bare_name_alone(doc, cands, lex)


def _with_and_without_head(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    bare: dict[str, Cand] = {}
    for c in cands:
        if c.type == "Location":
            bare.setdefault(normalise_name(doc[c.start : c.end].text), c)
    for c in cands:
        if not _headed_place(doc, c, lex):
            continue
        short = bare.get(normalise_name(doc[c.start : c.end - 1].text))
        if short is not None and short.gaz is not None and short.gaz.kind in ("city", "capital"):
            continue  # "London Bridge" is not London
        if short is not None and short is not c:
            target = short if short.gaz is not None else c
            for x in (c, short):
                x.key, x.label, x.wikidata, x.gaz = target.key, target.label, target.wikidata, target.gaz


def _headed_place(doc: Doc, c: Cand, lex: Lexicon) -> bool:
    """An unlinked place name of two words or more ending in a facility noun ("Rolando Cafe")."""
    return (
        c.type == "Location" and c.gaz is None and c.end - c.start >= 2 and doc[c.end - 1].lower_ in lex.facility_nouns
    )


def _facility_forms(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """Two facility forms of one name ("Bagram Air Base", "Bagram Airfield") are one place."""
    stems: dict[str, Cand] = {}
    for c in cands:
        if c.type == "Location" and c.gaz is None and c.end - c.start >= 2:
            stem = facility_stem(doc, c, lex)
            if stem is not None:
                first = stems.setdefault(stem, c)
                if first is not c:
                    c.key, c.label = first.key, first.label


def _bare_name_alone(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """The bare name used alone ("the Rolando bombing" after "the Rolando Cafe") is that place too."""
    places = {normalise_name(doc[c.start : c.end - 1].text): c for c in cands if _headed_place(doc, c, lex)}
    for c in cands:
        if (
            c.gaz is None
            and c.type in ("Organization", "Person")
            and normalise_name(doc[c.start : c.end].text) in places
        ):
            p = places[normalise_name(doc[c.start : c.end].text)]
            c.type, c.key, c.label = p.type, p.key, p.label


def facility_stem(doc: Doc, c: Cand, lex: Lexicon) -> str | None:
    """The name part of a facility's name, its head words dropped: "Bagram" of "Bagram Air Base"."""
    end = c.end
    while end > c.start + 1 and (
        doc[end - 1].lower_ in lex.facility_nouns or doc[end - 1].lower_ in lex.nouns["facility_modifier"]
    ):
        end -= 1
    if end == c.end:
        return None
    return normalise_name(doc[c.start : end].text)
