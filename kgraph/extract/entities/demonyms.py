"""Nationality words: a country, its force ("North Korean troops"), a group ("Ukrainian officials")."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import GazEntry, Gazetteer
from .cands import Cand, head_noun_after, normalise_name
from .lexicon import Lexicon

__all__ = ["demonym_cands", "demonym_stems", "plural_demonyms_as_forces"]


def demonym_cands(
    doc: Doc, s: int, e: int, text: str, country: GazEntry | None, lex: Lexicon, gaz: Gazetteer | None = None
) -> list[Cand]:
    """The candidates of a nationality word: a people, a party, a group, or its place and what follows."""
    continental = country is not None and country.kind in ("continent", "world_region")
    if (
        continental
        and e + 1 < len(doc)
        and (
            (doc[e].text in ("-", "\u2011") and doc[e + 1].text[:1].isupper())
            or doc[e].text in lex.words["people_word"]
        )
    ):
        end = e + 2 if doc[e].text not in lex.words["people_word"] else e + 1
        words = doc[s:end].text  # "African-American", "Asian American": a people, not the continent
        return [Cand(s, end, "Group", f"group:{normalise_name(words)}", words, prio=2)]
    if continental and (head_noun_after(doc, e, lex.group_nouns) or head_noun_after(doc, e, lex.force_nouns)):
        country = None  # "European leaders" act for no continent: a group, like "Western analysts"
    elif country is None:
        party = gaz.by_name.get(f"{text} Party") if gaz is not None else None
        if party is not None and party.type == "Organization":  # "Republican" -> Republican Party
            return [Cand(s, e, "Organization", party.key, party.label, party.wikidata, party.country, party, prio=1)]
    if country is None:
        return _unknown_nationality(doc, s, e, text, lex)
    return _known_nationality(doc, s, e, text, country, lex)


def _unknown_nationality(doc: Doc, s: int, e: int, text: str, lex: Lexicon) -> list[Cand]:
    """An unknown nationality or group word: a group ("Western", "Western military analysts")."""
    gend = head_noun_after(doc, e, lex.group_nouns) or head_noun_after(doc, e, lex.force_nouns)
    if gend is not None:  # the word is part of the group's name, not an entity of its own
        words = " ".join(t.lower_ for t in doc[s:gend])
        return [Cand(s, gend, "Group", f"group:{words}", doc[s:gend].text, prio=2)]
    if not (doc[e - 1].dep_ == "amod" or (doc[e - 1].pos_ == "ADJ" and doc[e - 1].dep_ != "nsubj")):
        return [Cand(s, e, "Group", f"group:{normalise_name(text)}", text, prio=0)]
    # an unknown nationality or creed word as a plain adjective ("a Marxist government",
    # "the Kurdish-led forces") describes a thing; it is not an actor of its own
    return []


def _known_nationality(doc: Doc, s: int, e: int, text: str, country: GazEntry, lex: Lexicon) -> list[Cand]:
    """The demonym's place (a country, or a region or continent: "Chechen", "European"), and the
    force, state or group its noun names ("North Korean troops", "Ukrainian officials")."""
    out = [Cand(s, e, country.type, country.key, country.label, country.wikidata, None, country, prio=1)]
    fend = head_noun_after(doc, e, lex.force_nouns)
    if fend is not None:
        out.append(
            Cand(s, fend, "MilitaryForce", f"force:{country.key}", doc[s:fend].text, country=country.key, prio=2)
        )
        return out
    gend = head_noun_after(doc, e, lex.group_nouns)
    if gend is not None and country.type == "Country" and doc[gend - 1].lower_ in lex.state_nouns:
        out.append(Cand(s, gend, "Country", country.key, country.label, country.wikidata, None, country, prio=2))
        return out
    if gend is not None:
        words = " ".join(t.lower_ for t in doc[e:gend])
        typ = "Organization" if doc[gend - 1].lower_ in lex.institution_nouns else "Group"
        out.append(
            Cand(s, gend, typ, f"{typ.lower()}:{country.key}:{words}", doc[s:gend].text, country=country.key, prio=2)
        )
        return out
    # plural demonym as a noun ("the North Koreans"): marked for pass `plural_demonyms_as_forces`
    if doc[e - 1].tag_ in ("NNPS", "NNS") or (
        text.endswith("s") and doc[e - 1].pos_ in ("PROPN", "NOUN") and doc[e - 1].dep_ not in ("amod", "compound")
    ):
        out[-1].prio = -1
    return out


def plural_demonyms_as_forces(cands: list[Cand]) -> None:
    forces = {c.country: c for c in cands if c.type == "MilitaryForce" and c.country}
    for c in cands:
        if c.prio == -1:
            f = forces.get(c.key)
            if f is not None:
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                    "MilitaryForce",
                    f.key,
                    f.label,
                    None,
                    None,
                    f.country,
                )
            c.prio = 1


def demonym_stems(doc: Doc, cands: list[Cand], lex: Lexicon) -> None:
    """An unknown nationality word whose stem begins a place named in the same article
    ("Chechen" beside "Chechnya", "Dagestani" beside "Dagestan") refers to that place."""
    places = [c for c in cands if c.type in ("Location", "Country")]
    for c in cands:
        if c.type != "Group" or c.end - c.start != 1:
            continue
        word = doc[c.start].text
        stem = lex.demonym_suffix.sub("", word)
        if len(stem) < 4:
            continue
        for p in places:
            name = doc[p.start : p.end].text
            if name != word and name.startswith(stem):
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                    p.type,
                    p.key,
                    p.label,
                    p.wikidata,
                    p.gaz,
                    p.country,
                )
                break
