"""Entities, their mentions and canonical identities, from a spaCy Doc.

Pure functions over a Doc that has been through `load_pipeline()`; what they return is
plain records (`Mention`, `Entity`, `Role`). The mechanisms, all general:

- the gazetteer ruler corrects and links the model's entities (Kyiv, Kursk, NATO);
- capitals acting as agents stand for their country ("Moscow has dragged…"), capitals
  as places stay cities ("in Brussels");
- a country adjective before a force noun makes a MilitaryForce ("North Korean
  troops"), before a group noun a group speaker ("Ukrainian officials");
- a possessive country before a force noun ("Moscow's forces") is that country's force;
- a plural demonym used as a noun ("the North Koreans") is that country's force when
  the article has one, else the country;
- person names are merged by their parts ("Zelenskiy" -> "Volodymyr Zelenskiy"), and a
  later mention of a name part wins over the model's label for it;
- missed person names are recovered from their syntax (a proper-noun pair with a title
  apposition, or the subject of a reporting verb);
- "the Ukrainian leader" refers to the person who holds a post of Ukraine in the article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..lexicon import lexicon_dir, load_reporting_lexicon, noun_classes, titles, word_classes
from ..slug import canonical_key
from .doc_index import DocIndex
from .gazetteer import GazEntry, Gazetteer, load_gazetteer
from .records import Entity, Mention, Role, Span

__all__ = ["extract_entities", "EntityResult", "load_lexicon", "normalise_name"]

_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                "LANGUAGE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    max_title_words: int
    force_nouns: frozenset[str]
    group_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    org_words: frozenset[str]
    institution_nouns: frozenset[str]
    person_nouns: frozenset[str] = frozenset()
    admin_nouns: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # every class of nouns.tsv
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # every class of words.tsv
    force_name: re.Pattern = re.compile(r"(?!)")  # a word that makes a name a force's ("Forces")
    demonym_suffix: re.Pattern = re.compile(r"(?!)")  # endings cut from a nationality word


def load_lexicon() -> Lexicon:
    """Titles and force/group nouns of the lexicon (`titles.txt`, `nouns.tsv`), cached per folder."""
    return _lexicon(lexicon_dir())


@lru_cache(maxsize=8)
def _lexicon(folder: Path) -> Lexicon:
    t = titles(folder)
    classes = noun_classes(folder)
    words = word_classes(folder)
    return Lexicon(t, max(len(x.split()) for x in t),
                   classes["force"], classes["group"], classes["facility"], classes["org"],
                   classes["institution"], classes["person"], classes["admin"], classes["state"],
                   classes["notname"], classes["event"], classes, words,
                   re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words["force_name_word"], key=len, reverse=True)))
                              + r")\b"),
                   re.compile("(?:" + "|".join(map(re.escape, sorted(words["demonym_suffix"], key=len, reverse=True)))
                              + ")$"))


def normalise_name(name: str) -> str:
    """Key form of a name: apostrophes plain, possessive and leading article dropped, casefolded."""
    s = name.replace("\u2019", "'").strip()
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"^(the|The)\s+", "", s)
    return re.sub(r"\s+", " ", s).casefold().strip(" .,")


@dataclass
class _Cand:
    start: int  # token index
    end: int
    type: str
    key: str
    label: str
    wikidata: str | None = None
    country: str | None = None
    gaz: GazEntry | None = None
    prio: int = 0
    owner: "_Cand | None" = None  # whose group this is ("Clinton supporters"): resolved to a key at the end


@dataclass
class EntityResult:
    """What `extract_entities` returns; `mentions` sorted by start offset."""

    entities: list[Entity]
    mentions: list[Mention]
    roles: list[Role]
    token_key: dict[int, str] = field(default_factory=dict)  # token index -> entity key



def _trim(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    w = lex.words
    while start < end and (doc[start].lower_ in w["article"] or doc[start].lower_.rstrip(".") in w["honorific"]
                           or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in w["trim_end"]):
        end -= 1  # "the Belfast Brigade of" (the model stopped before "the Provisional IRA")
    return start, end


def _is_agentive(tok: Token, lex: "Lexicon") -> bool:
    """A capital used as an actor: subject, agent, possessor, or conjoined with one."""
    t = tok
    if t.dep_ in ("amod", "compound", "nmod") and (t.head.lower_ in lex.group_nouns or t.head.lower_ in lex.force_nouns):
        return True
    while t.dep_ in ("compound", "conj") and t.head is not t:
        if t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ == "conj" and t.head.dep_ == "pobj" and t.head.head.lower_ == "between":
            return True
        if t.dep_ == "compound":
            return False
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    if t.dep_ == "pobj":
        prep = t.head
        if prep.lower_ in lex.words["agentive_prep"]:
            return True
        if prep.lower_ == "from":  # "support from Kyiv", but "flights from Moscow" stay places
            return prep.head.lemma_ in lex.nouns["support"]
        return False
    return False


def _head_noun_after(doc: Doc, end: int, nouns: frozenset[str]) -> int | None:
    """If tokens right after `end` form one of `nouns` (up to 3 words), return the new end."""
    for n in (3, 2, 1):
        if end + n <= len(doc):
            words = " ".join(t.lower_ for t in doc[end:end + n])
            if words in nouns and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[end:end + n]):
                return end + n
    # one modifier between: "North Korean special forces", "Ukrainian military analysts"
    if end + 2 <= len(doc) and doc[end].pos_ == "ADJ":
        for n in (2, 1):
            if end + 1 + n <= len(doc):
                words = " ".join(t.lower_ for t in doc[end + 1:end + 1 + n])
                if words in nouns:
                    return end + 1 + n
    return None


def extract_entities(doc: Doc, gaz: Gazetteer | None = None, title_end: int = 0,
                     index: DocIndex | None = None) -> EntityResult:
    """Canonical entities, their mentions and the roles people hold, from one Doc.

    `title_end` is the character offset where the body starts: a headline is often in
    title case, which misleads the tagger, so a name found only in the headline is kept
    only when the gazetteer knows it or the body uses it too. `index` is the article's
    `DocIndex` when the caller has one (its sentence index is used).
    """
    index = index if index is not None and index.doc is doc else DocIndex(doc)
    gaz = gaz or load_gazetteer()
    lex = load_lexicon()
    cands: list[_Cand] = []
    taken: set[int] = set()
    body_text = doc.text[title_end:] if title_end else ""  # Doc.text is rebuilt on every access

    def add(c: _Cand) -> None:
        if c.end <= c.start:
            return
        cands.append(c)
        taken.update(range(c.start, c.end))

    force_key = lambda country: f"force:{country}"  # noqa: E731
    # pass 1: the model's and the gazetteer's entities
    for ent in _split_coordinated(doc, lex):
        s, e = _trim(doc, ent.start, ent.end, lex)
        place = None if ent.ent_id_ or ent.label_ in _NUMERIC_LABELS else _place_by_form(doc, s, e, lex)
        if place is not None:
            text = doc[place[0]:place[1]].text
            add(_Cand(place[0], place[1], "Location", f"location:{normalise_name(text)}", text, prio=1))
            continue
        if ent.label_ in _SKIP_LABELS and not ent.ent_id_:
            continue
        dash = next((t.i for t in doc[s:e] if t.text in ("-", "\u2013", "\u2014") and t.i > s
                     and doc[s:t.i].text.isupper()), None)
        if dash is not None:  # "FILE - Salman Abedi", "LONDON - Police": a caption or dateline
            s = dash + 1
        paren = next((t.i for t in doc[s:e] if t.text in "([{"), None)
        if paren is not None:  # "Bolivarian National Armed Forces (FANB"
            s, e = _trim(doc, s, paren, lex)
        if e <= s:
            continue
        text = doc[s:e].text
        if not ent.ent_id_ and (_not_a_name(doc, s, e, lex) or _opens_title(doc, s, e, lex)):
            continue
        if not ent.ent_id_ and ent.label_ == "ORG" and e - s >= 3 and any(t.tag_ in ("VBZ", "VBD") for t in doc[s:e]):
            continue  # a headline run into the text: "Alleged Ongoing Confrontation Leaves Students Injured"
        if not ent.ent_id_ and (text.islower() or any(ch in text for ch in "=|<>{}") or
                                (ent.label_ == "PERSON" and any(ch.isdigit() for ch in text))):
            continue  # not a proper name: "congress", "republics", wiki markup, "MB 360p"
        entry = gaz.by_key.get(ent.ent_id_) if ent.ent_id_ else gaz.lookup(text)
        if entry is None and doc[s].idx < title_end and text not in body_text:
            continue
        if entry is None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            # a leading title is not part of the name ("Sergeant Louis Bonocasa")
            # (but "General Staff", "General Directorate of Security" are names of their own)
            while (e - s > 1 and doc[s].lower_ in lex.titles and doc[s + 1].lower_ not in lex.org_words
                   and (ent.label_ == "PERSON" or e - s > 2)):
                s += 1
            text = doc[s:e].text
            if ent.label_ in ("LOC", "FAC", "GPE") and doc[e - 1].lower_ in lex.facility_nouns:
                k = e + 1  # "the Straits of Gibraltar", "the Gulf of Aden": the model stopped at "of"
                while (k < len(doc) and e < len(doc) and doc[e].lower_ == "of"
                       and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()):
                    k += 1
                if k > e + 1:
                    e, text = k, doc[s:k].text
            place_end = _place_name_end(doc, s, e, ent.label_, lex)
            if place_end is not None:
                text = doc[s:place_end].text
                add(_Cand(s, place_end, "Location", f"location:{normalise_name(text)}", text, prio=1))
                continue
            if ent.label_ != "PERSON" and _titled_name(doc, s, e, lex):
                add(_Cand(s, e, "Person", f"person:{normalise_name(text)}", text, prio=1))
                continue
        if ent.label_ == "NORP" or (entry is None and gaz.country_of_adjective(text) and ent.label_ != "PERSON"
                                    and gaz.lookup(text) is None):
            country = gaz.country_of_adjective(text) if entry is None or entry.type != "Country" else entry
            new = _demonym_cands(doc, s, e, text, country, lex, gaz)
            cands.extend(new)
            taken.update(i for c in new for i in range(c.start, c.end))
            continue
        if entry is not None:
            typ = entry.type
            key, label, country = entry.key, entry.label, entry.country
            if entry.kind == "capital":
                cap_country = gaz.by_capital.get(text)
                if cap_country is not None and _is_agentive(doc[e - 1], lex):
                    key, label, typ, country = cap_country.key, cap_country.label, "Country", None
                    entry = cap_country
            # "Moscow's forces", "Ukraine's army": the country's force
            if typ == "Country" and doc[e - 1].dep_ == "poss" or (e < len(doc) and doc[e].tag_ == "POS" and typ == "Country"):
                head = doc[e - 1].head
                if head.lower_ in lex.force_nouns and head.i > e - 1:
                    add(_Cand(s, head.i + 1, "MilitaryForce", force_key(key), doc[s:head.i + 1].text,
                              country=key, prio=2))
                    add(_Cand(s, e, typ, key, label, entry.wikidata, country, entry, prio=1))
                    continue
            add(_Cand(s, e, typ, key, label, entry.wikidata, country, entry, prio=3))
            continue
        if ent.label_ == "PERSON":
            if any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT") and t.tag_ != "POS" for t in doc[s:e]):
                continue
            # a name the model cut short: "José Luis" of "José Luis Rodríguez Zapatero"
            while (e < len(doc) and e - s < 5 and doc[s].idx >= title_end
                   and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper()
                   and not any(t.lower_ in lex.titles for t in doc[s:e])
                   and doc[e].is_alpha and doc[e - 1].dep_ == "compound" and doc[e - 1].head.i >= e
                   and doc[e].ent_type_ in ("", "PERSON") and doc[e].lower_ not in lex.titles):
                e += 1
            text = doc[s:e].text
            typ = _person_or_not(doc, s, e, lex)
            if s > 0 and doc[s - 1].text in lex.words["peerage"] and typ == "Person":
                s, text = s - 1, doc[s - 1:e].text  # "Lord Carrington" is the name
            add(_Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            last = doc[e - 1].lower_
            org_head = last in lex.org_words and last not in lex.facility_nouns and e - s >= 2
            typ = "Organization" if org_head else "Location"
            add(_Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))  # "Chicago Tribune"
        elif ent.label_ == "ORG":
            typ = "MilitaryForce" if lex.force_name.search(text) else "Organization"
            add(_Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))

    _recover_persons(doc, cands, taken, lex)
    _speaker_groups(doc, cands, taken, lex)
    _merge_person_names(doc, cands, lex)
    roles_raw = _roles(doc, cands, gaz, lex)
    _role_nominals(doc, cands, taken, roles_raw, lex, gaz)
    _plural_demonyms_as_forces(cands)
    _merge_name_suffixes(doc, cands)
    _one_sense_per_article(cands, gaz)
    _parties_need_their_country(doc, cands)
    _unify_case_variants(doc, cands, gaz)
    _link_acronyms(doc, cands, lex)
    _demonym_stems(doc, cands, lex)
    _one_type_per_name(doc, cands)
    _merge_place_heads(doc, cands, lex)
    kept = []
    by_key: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        by_key[c.key].append(c)
    for c in cands:
        if _is_bare_title(doc, c, lex):
            continue
        same = by_key[c.key]
        place = _only_as_place(doc, c, same, lex)
        if place or _lone_word_person(doc, c, same, lex):
            if place or c.start > 0 and doc[c.start - 1].lower_ in lex.words["place_prep"]:
                # "fighting in Marawi": the tagger's lone 'person' after a place preposition is a place
                name = doc[c.start:c.end].text
                c.type, c.key, c.label = "Location", f"location:{normalise_name(name)}", name
            else:
                continue
        kept.append(c)
    cands = kept
    # "Ukraine's General Staff", "Russia's Investigative Committee": a country's own institution
    # (keyed by country, so that two countries' General Staffs stay two; a bare later mention,
    # "the General Staff said", is the one country's when the article has only one)
    country_at = {i: c for c in cands if c.type == "Country" for i in range(c.start, c.end)}
    owned: dict[str, set[tuple[str, str]]] = defaultdict(set)  # bare key -> {(owned key, country)}
    for c in cands:
        if (c.type in ("Organization", "MilitaryForce") and c.gaz is None and c.country is None and c.start >= 2
                and doc[c.start - 1].tag_ == "POS" and c.start - 2 in country_at):
            bare = c.key
            c.country = country_at[c.start - 2].key
            c.key = f"{c.type.lower()}:{c.country}:{bare.split(':', 1)[1]}"
            owned[bare].add((c.key, c.country))
    for c in cands:
        variants = owned.get(c.key)
        if variants and len(variants) == 1 and c.gaz is None and c.country is None:
            c.key, c.country = next(iter(variants))
    kept_ids = {id(c) for c in cands}
    for c in cands:  # a group belongs to its owner's final entity (after all the merges above)
        if c.owner is not None and c.country is None and c.owner.key != c.key and id(c.owner) in kept_ids:
            c.country = c.owner.key
    return _assemble(doc, cands, roles_raw, index.sent_of)


def _split_coordinated(doc: Doc, lex: Lexicon) -> list[SpacySpan]:
    """The model's entities, with a coordination of two full names cut in two: "the Rumour
    Service and Public Protection Service" is two organisations (each side ends in its head word)."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
        cut = None
        if ent.label_ in ("ORG", "FAC") and not ent.ent_id_ and doc[ent.end - 1].lower_ in lex.org_words:
            cut = next((t.i for t in ent if t.lower_ == "and" and ent.start < t.i < ent.end - 1
                        and doc[t.i - 1].lower_ in lex.org_words and doc[t.i + 1].text[:1].isupper()), None)
        if cut is None:
            out.append(ent)
        else:
            out += [SpacySpan(doc, ent.start, cut, ent.label_), SpacySpan(doc, cut + 1, ent.end, ent.label_)]
    return out


def _one_type_per_name(doc: Doc, cands: list[_Cand]) -> None:
    """The same unlinked name tagged differently in one article ("Juan Requesens" as PERSON
    and as GPE) is one entity, of the type most of its mentions have (persons win ties)."""
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        if c.gaz is None and c.type in ("Person", "Organization", "Location", "MilitaryForce"):
            groups[normalise_name(doc[c.start:c.end].text)].append(c)
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


def _link_acronyms(doc: Doc, cands: list[_Cand], lex: Lexicon) -> None:
    """"Ulster Defence Association (UDA)": the acronym, here and later, is the same entity;
    so is a bare acronym made of a name's initials elsewhere in the article ("UDA leaders")."""
    by_start = {c.start: c for c in cands}
    acr_to: dict[str, _Cand] = {}
    for c in cands:
        if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
            acr = doc[c.end + 1]
            if acr.text.isupper() and len(acr.text) >= 2 and c.end - c.start >= 2:
                acr_to[acr.text] = c
                if c.end + 1 not in by_start:
                    cands.append(_Cand(c.end + 1, c.end + 2, c.type, c.key, c.label, c.wikidata, c.country, c.gaz, prio=1))
    # "UDA" beside "Ulster Defence Association" with no brackets: the initials of its words
    for c in cands:
        words = [t for t in doc[c.start:c.end] if t.is_alpha and t.lower_ not in lex.words["initials_skip"]]
        if c.type in ("Organization", "MilitaryForce") and len(words) >= 2 and all(t.text[:1].isupper() for t in words):
            acr_to.setdefault("".join(t.text[0] for t in words), c)
    if not acr_to:
        return
    for c in cands:
        full = acr_to.get(doc[c.start:c.end].text)
        if full is not None and c is not full and c.gaz is None:
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = full.type, full.key, full.label, full.wikidata, full.gaz, full.country


def _demonym_stems(doc: Doc, cands: list[_Cand], lex: Lexicon) -> None:
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
            name = doc[p.start:p.end].text
            if name != word and name.startswith(stem):
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = p.type, p.key, p.label, p.wikidata, p.gaz, p.country
                break


def _lone_word_person(doc: Doc, c: _Cand, same: list[_Cand], lex: Lexicon) -> bool:
    """A one-word 'person' with no full name in the article, no title and no known given
    name ("Airfield", "Bermuda") is more likely a tagging error than a person: news
    style introduces people by full name first."""
    if c.type != "Person" or c.gaz is not None or c.end - c.start != 1:
        return False
    if any(o.end - o.start >= 2 for o in same):  # `same`: the candidates with c's key
        return False
    word = doc[c.start].text
    return word.lower() not in _given_names() and not (c.start > 0 and doc[c.start - 1].lower_.rstrip(".") in lex.words["honorific"])


def _only_as_place(doc: Doc, c: _Cand, same: list[_Cand], lex: Lexicon) -> bool:
    """A one-word 'person' that only ever comes right after "in", "near", "outside"… ("Bloody
    Sunday in Derry", "the army moved in to the Bogside area of Derry") is a place, even when
    the word is also a given name."""
    if c.type != "Person" or c.gaz is not None or c.end - c.start != 1:
        return False
    if any(o.end - o.start != 1 for o in same):
        return False
    places = lex.words["place_only_prep"]
    return all(o.start > 0 and doc[o.start - 1].lower_ in places and doc[o.start].dep_ == "pobj"
               and (doc[o.start - 1].lower_ != "of" or doc[o.start - 1].head.lower_ in lex.nouns["place_part"])
               for o in same)


def _is_bare_title(doc: Doc, c: _Cand, lex: Lexicon) -> bool:
    """A 'name' that is only a title word ("Magistrate", "President") is not an entity."""
    return c.gaz is None and doc[c.start:c.end].text.lower() in lex.titles


def _unify_case_variants(doc: Doc, cands: list[_Cand], gaz: Gazetteer) -> None:
    """Unlinked names that differ from a linked one only in case ("LONDON" in a dateline) join it;
    otherwise an unlinked all-caps name is looked up in the gazetteer in title case."""
    linked: dict[str, _Cand] = {}
    for c in cands:
        if c.gaz is not None:
            linked.setdefault(normalise_name(doc[c.start:c.end].text), c)
            for n in c.gaz.names:
                linked.setdefault(normalise_name(n), c)
    for c in cands:
        if c.gaz is not None or c.type in ("Group", "MilitaryForce"):
            continue
        name = normalise_name(doc[c.start:c.end].text)
        target = linked.get(name)
        entry = target.gaz if target is not None else gaz.by_lower.get(name) if doc[c.start:c.end].text.isupper() else None
        if entry is not None:
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                entry.type, entry.key, entry.label, entry.wikidata, entry, entry.country)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names of many countries (gender-guesser's name list; its genders are not used)."""
    try:
        from gender_guesser.detector import Detector
    except ImportError:  # pragma: no cover - declared dependency
        return frozenset()
    return frozenset(n for n in Detector(case_sensitive=False).names if len(n) > 2)




def _place_by_form(doc: Doc, s: int, e: int, lex: Lexicon) -> tuple[int, int] | None:
    """The span of a name whose form says place, whatever the tagger said: "the state of
    Miranda", "the city of Lyon"; a street word opening it ("Rue Victor Hugo", "Calle del
    Correo"), also when the model left that word out ("Avenue Habib Bourguiba")."""
    if e <= s:
        return None
    if (s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 1].head.lower_ in lex.admin_nouns
            and doc[s - 1].head.i < s - 1 and all(t.text[:1].isupper() for t in doc[s:e] if t.is_alpha)):
        return s, e
    if s > 0 and doc[s - 1].text in lex.words["street_word"]:
        s -= 1
    return (s, e) if e - s >= 2 and doc[s].text in lex.words["street_word"] else None


def _not_a_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """The model's entity is an ordinary thing's acronym ("SIM", "CCTV"), a time zone ("UTC")
    or an event's name ("Women's World Cup", "Bloody Sunday"): not a person, place or organisation."""
    words = doc[s:e]
    if e - s == 1 and words[0].lower_ in lex.not_names and words[0].text.rstrip("s").isupper():
        return True  # "SIM", "UAVs"; but "Sam" is a name
    last = words[-1]
    if e - s >= 2 and last.text[:1].isupper() and not any(t.lower_ in lex.org_words for t in words):
        if last.lower_ in lex.event_heads:
            return True
        if (last.lower_ in lex.words["weekday"] and words[0].pos_ in ("ADJ", "PROPN")
                and words[0].lower_ not in lex.words["weekday"]):
            return True  # "Bloody Sunday", "Black Friday"
    return False


def _opens_title(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """The model's 'organisation' is the first word of a title ("Defence" of "Defence Minister
    Israel Katz", "Interior" of "Interior Minister X"), not a name."""
    for n in range(1, lex.max_title_words):
        if e + n <= len(doc) and " ".join(t.lower_ for t in doc[s:e + n]) in lex.titles and doc[e + n - 1].text[:1].isupper():
            return True
    return False






def _person_or_not(doc: Doc, s: int, e: int, lex: Lexicon) -> str:
    """What a span the model calls a person is, by its words and syntax: an organisation when
    its last word is an organisation word ("Stormont Cabinet") or when a person leads it
    ("leader of Ulster Vanguard"); a place when it takes "the" after a place preposition
    ("in the Badia al-Sukhnah"), which names of people do not."""
    root = doc[e - 1]
    if e - s >= 2 and root.lower_ in lex.org_words and root.text[:1].isupper():
        return "Organization"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in lex.nouns["leads"]:
        return "Organization"
    if (s > 0 and doc[s - 1].lower_ == "the" and root.dep_ == "pobj"
            and root.head.lower_ in lex.words["place_prep"]):
        return "Location"
    # "clashes in Badia al-Sukhnah and Badia al-Sham": the object of a spatial "in"/"near"
    # (or a name conjoined with it) is a place; "confidence in X", "a role in X" are not spatial
    obj = root
    if (root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.ent_type_ == "PERSON" and not root.head.ent_id_
            and any(c.dep_ == "cc" for c in root.head.children)):
        obj = root.head
    titled = s > 0 and doc[s - 1].lower_ in lex.titles  # "former President Bill Clinton" is a person anywhere
    if (e - s >= 2 and obj.dep_ == "pobj" and not titled and obj.head.lower_ in lex.words["spatial_in"]
            and obj.head.head.lemma_.lower() not in lex.words["non_spatial_in"]):
        return "Location"
    return "Person"


def _person_noun(word: str, lex: Lexicon) -> bool:
    return word in lex.titles or word in lex.person_nouns


def _titled_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A proper-noun name right after a lower-case title or person noun ("opposition leader
    Henrique Capriles", "radical preacher Anjem Choudary", "his wife María del Carmen Nadal"),
    or with such an apposition ("X, a lawmaker", "Eva, a 17-year-old student"), or starting
    with a known given name, names a person, whatever the tagger said."""
    if not (1 <= e - s <= 5):
        return False
    for t in doc[s:e]:
        if not ((t.pos_ == "PROPN" and t.text[:1].isupper())
                or (t.lower_ in lex.words["name_particle"] and s < t.i < e - 1)):
            return False
    if any(t.lower_ in lex.facility_nouns or t.lower_ in lex.org_words or t.lower_ in lex.admin_nouns
           for t in doc[s:e]):
        return False
    if s > 0 and doc[s - 1].text.islower() and _person_noun(doc[s - 1].lower_, lex):
        return True
    if (e - s >= 2 and doc[s].lower_ in _given_names() and not any(t.ent_id_ for t in doc[s:e])
            and doc[s].ent_type_ != "FAC"):  # "Calle del Correo": a given name opens a street's name too
        return True
    return any(c.dep_ == "appos" and _person_noun(c.lemma_.lower(), lex) and c.lemma_.islower()
               for c in doc[e - 1].children)


def _place_name_end(doc: Doc, s: int, e: int, label: str, lex: Lexicon) -> int | None:
    """Where a place name ends, when its words or the noun after it make it a place:
    a capitalised facility word inside ("Geary Lake", "Rolando Cafe"), a facility noun
    right after that the name modifies ("Victor Hugo street", "El Tobogan restaurant":
    the noun joins the name), an administrative noun after it ("Shah Wali Kot district",
    "in Tachira state": the name alone), or either after a conjoined name ("the Ampere-Victor
    Hugo and Bellecour metro stations"). None when nothing says place."""
    last = doc[e - 1]
    if last.lower_ in lex.facility_nouns and (label != "PERSON" or (e - s >= 2 and last.text[:1].isupper())):
        return e
    root = last
    if root.dep_ == "conj" and root.head.i > root.i:
        root = root.head
        while root.dep_ in ("compound", "conj") and root.head.i > root.i and root.head.pos_ == "PROPN":
            root = root.head
    shared = next((c for c in last.children if c.dep_ == "conj" and c.text.islower()
                   and (c.lower_ in lex.admin_nouns or c.lower_ in lex.facility_nouns)), None)
    if shared is not None:  # the parser's reading of "X and Y metro stations"
        return e
    if root.dep_ not in ("compound", "nmod") or root.head.i <= root.i or not root.head.text.islower():
        return None
    noun = root.head
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.text.islower():
        noun = noun.head  # "Bellecour metro stations"
    if label == "PERSON" and noun.lower_ not in lex.nouns["street"] and noun.lower_ not in lex.nouns["admin_unit"]:
        return None  # "the Clinton camp", "the Trump campaign": a person's, not a place
    if label == "ORG" and noun.lower_ in lex.nouns["held_by"]:
        return None  # "a Wagner base", "Azov positions": the group's, not a place named for it
    if noun.lower_ in lex.admin_nouns:
        return e
    if noun.lower_ in lex.facility_nouns:
        return noun.i + 1 if root is last and noun.i == e else e
    return None




def _demonym_cands(doc: Doc, s: int, e: int, text: str, country: GazEntry | None, lex: Lexicon,
                   gaz: Gazetteer | None = None) -> list[_Cand]:
    out: list[_Cand] = []
    if country is not None and country.kind in ("continent", "world_region") and e + 1 < len(doc) and (
            (doc[e].text in ("-", "\u2011") and doc[e + 1].text[:1].isupper()) or doc[e].text in lex.words["people_word"]):
        end = e + 2 if doc[e].text not in lex.words["people_word"] else e + 1
        words = doc[s:end].text  # "African-American", "Asian American": a people, not the continent
        return [_Cand(s, end, "Group", f"group:{normalise_name(words)}", words, prio=2)]
    if country is not None and country.kind in ("continent", "world_region") and (
            _head_noun_after(doc, e, lex.group_nouns) or _head_noun_after(doc, e, lex.force_nouns)):
        country = None  # "European leaders" act for no continent: a group, like "Western analysts"
    elif country is None:
        party = gaz.by_name.get(f"{text} Party") if gaz is not None else None
        if party is not None and party.type == "Organization":  # "Republican" -> Republican Party
            out.append(_Cand(s, e, "Organization", party.key, party.label, party.wikidata, party.country, party, prio=1))
            return out
    if country is None:
        # unknown nationality or group word: a group ("Western", "Western military analysts")
        gend = _head_noun_after(doc, e, lex.group_nouns) or _head_noun_after(doc, e, lex.force_nouns)
        if gend is not None:  # the word is part of the group's name, not an entity of its own
            words = " ".join(t.lower_ for t in doc[s:gend])
            out.append(_Cand(s, gend, "Group", f"group:{words}", doc[s:gend].text, prio=2))
        elif not (doc[e - 1].dep_ == "amod" or (doc[e - 1].pos_ == "ADJ" and doc[e - 1].dep_ != "nsubj")):
            out.append(_Cand(s, e, "Group", f"group:{normalise_name(text)}", text, prio=0))
        # an unknown nationality or creed word as a plain adjective ("a Marxist government",
        # "the Kurdish-led forces") describes a thing; it is not an actor of its own
        return out
    # the demonym's place: a country, or a region or continent ("Chechen", "European")
    out.append(_Cand(s, e, country.type, country.key, country.label, country.wikidata, gaz_entry := country, country, prio=1))
    out[-1].gaz = gaz_entry
    out[-1].country = None
    fend = _head_noun_after(doc, e, lex.force_nouns)
    if fend is not None:
        out.append(_Cand(s, fend, "MilitaryForce", f"force:{country.key}", doc[s:fend].text,
                         country=country.key, prio=2))
        return out
    gend = _head_noun_after(doc, e, lex.group_nouns)
    if gend is not None and country.type == "Country" and doc[gend - 1].lower_ in lex.state_nouns:
        out.append(_Cand(s, gend, "Country", country.key, country.label, country.wikidata, None, country, prio=2))
        return out
    if gend is not None:
        words = " ".join(t.lower_ for t in doc[e:gend])
        typ = "Organization" if doc[gend - 1].lower_ in lex.institution_nouns else "Group"
        out.append(_Cand(s, gend, typ, f"{typ.lower()}:{country.key}:{words}", doc[s:gend].text,
                         country=country.key, prio=2))
        return out
    # plural demonym as a noun ("the North Koreans"): marked for pass `_plural_demonyms_as_forces`
    if doc[e - 1].tag_ in ("NNPS", "NNS") or (text.endswith("s") and doc[e - 1].pos_ in ("PROPN", "NOUN")
                                              and doc[e - 1].dep_ not in ("amod", "compound")):
        out[-1].prio = -1
    return out


def _recover_persons(doc: Doc, cands: list[_Cand], taken: set[int], lex: Lexicon) -> None:
    """Proper-noun pairs the model missed, with a title apposition or a reporting role."""
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if t.i in taken or t.pos_ != "PROPN" or not t.text[:1].isupper() or not t.is_alpha:
            i += 1
            continue
        j = i
        while j < n and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].i not in taken and (doc[j].is_alpha or "-" in doc[j].text):
            j += 1
        while j - i > 1 and doc[i].lower_ in lex.titles:  # "General Alejandro Pérez": the title is not the name
            i += 1
        if 2 <= j - i <= 4 or (j - i == 1 and i > 0 and doc[i - 1].lower_.rstrip(".") in lex.words["honorific"]):
            head = doc[j - 1]
            has_title_appos = any(c.dep_ == "appos" and c.lemma_.lower() in lex.titles for c in head.children)
            preceded_by_title = i > 0 and (doc[i - 1].lower_ in lex.titles
                                           or (doc[i - 1].text.islower() and doc[i - 1].lower_ in lex.person_nouns))
            if (has_title_appos or preceded_by_title or _reports(head)) and not _not_a_name(doc, i, j, lex):
                text = doc[i:j].text
                cands.append(_Cand(i, j, "Person", f"person:{normalise_name(text)}", text, prio=1))
                taken.update(range(i, j))
        i = max(j, i + 1)


def _reports(tok: Token) -> bool:
    """The token is the subject of a reporting verb ("Stumpf said", "Authorities warned")."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in load_reporting_lexicon().verbs


def _speaker_groups(doc: Doc, cands: list[_Cand], taken: set[int], lex: Lexicon) -> None:
    """A group noun that reports something ("Authorities said", "Western military analysts
    warned", "Police said") is a speaker, so a Group entity, even with no country word; with
    no name and no country, "police" is a group of people too, not a named organisation."""
    for t in doc:
        if t.i in taken or t.lower_ not in lex.group_nouns or t.tag_ not in ("NNS", "NNPS", "NN", "NNP") or not _reports(t):
            continue
        start = t.i
        while start > 0 and doc[start - 1].i not in taken and doc[start - 1].dep_ in ("amod", "compound") \
                and doc[start - 1].head.i >= start and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN"):
            start -= 1
        prev = next((c for c in cands if c.end == start and c.start == start - 1 and c.type == "Group"
                     and doc[c.start].dep_ in ("amod", "compound")), None)
        if prev is not None:  # "Western sources": the unknown nationality word belongs to the group
            cands.remove(prev)
            start = prev.start
        words = " ".join(x.lower_ for x in doc[start:t.i + 1])
        label = doc[start:t.i + 1].text
        # "Clinton supporters", "Trump aides": a name right before says whose group it is; the
        # name keeps its own mention, the group's key and label carry it, so that the two
        # candidates' supporters stay two groups
        owner = start - 1
        owner_cand = None
        if owner >= 0 and owner in taken and doc[owner].dep_ in ("compound", "nmod", "amod") and doc[owner].head.i >= start \
                and doc[owner].pos_ in ("PROPN", "ADJ", "NOUN") and doc[owner].text[:1].isupper():
            o_start = doc[owner].left_edge.i if doc[owner].left_edge.i >= owner - 3 else owner
            words = " ".join(x.lower_ for x in doc[o_start:t.i + 1])
            label = doc[o_start:t.i + 1].text
            owner_cand = next((c for c in cands if c.start <= owner < c.end), None)
        else:
            # "analysts at the Institute for the Study of War", "sources in the Kremlin",
            # "officials from Hamas": the group speaks from inside that body
            for prep in t.children:
                if prep.dep_ != "prep" or prep.lower_ not in lex.words["body_prep"]:
                    continue
                obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                body = next((c for c in cands if obj is not None and c.start <= obj.i < c.end
                             and c.type in ("Organization", "Country", "MilitaryForce", "Location")), None)
                if body is not None:
                    owner_cand = body
                    words = f"{words} {prep.lower_} {normalise_name(doc[body.start:body.end].text)}"
                    label = doc[start:body.end].text
                break
        # "Police said", "Authorities warned": an unnamed body of people, not a named organisation;
        # "the government said" is still the one institution that governs
        typ = "Organization" if t.lower_ in lex.state_nouns else "Group"
        cands.append(_Cand(start, t.i + 1, typ, f"{typ.lower()}:{words}", label, prio=1, owner=owner_cand))
        taken.update(range(start, t.i + 1))


def _merge_person_names(doc: Doc, cands: list[_Cand], lex: Lexicon) -> None:
    """Name parts take the full name's key; a mislabelled name part becomes that person.

    A multi-word name the model called an organisation whose last word is used as a
    person's name elsewhere in the article ("Khairullozhon Matanov" ORG, "Matanov" PERSON)
    is that person.
    """
    person_words = {normalise_name(doc[c.start:c.end].text) for c in cands if c.type == "Person" and c.gaz is None}
    person_words |= {normalise_name(doc[c.end - 1].text) for c in cands if c.type == "Person" and c.end - c.start >= 2}
    for c in cands:
        if (c.type == "Organization" and c.gaz is None and c.end - c.start >= 2
                and normalise_name(doc[c.end - 1].text) in person_words
                and all(t.pos_ == "PROPN" for t in doc[c.start:c.end])):
            text = doc[c.start:c.end].text
            c.type, c.key, c.label = "Person", f"person:{normalise_name(text)}", text
    _merge_spelling_variants(doc, cands)
    persons = [c for c in cands if c.type == "Person" and c.end - c.start >= 2]
    part_to: dict[str, _Cand] = {}
    for p in sorted(persons, key=lambda c: -(c.end - c.start)):
        full = normalise_name(doc[p.start:p.end].text)
        if p.gaz is None:
            p.label = max((q.label for q in persons if q.key == p.key), key=len, default=p.label)
        for part in (normalise_name(doc[p.end - 1].text), normalise_name(doc[p.start].text)):
            part_to.setdefault(part, p)
        for k in range(p.start + 1, p.end - 1):  # "Musa Jibril" in "Ahmad Musa Jibril"
            part_to.setdefault(normalise_name(doc[k:p.end].text), p)
        part_to.setdefault(full, p)
    # a surname the model did not tag ("Stubb said…" after "Alexander Stubb")
    taken = {i for c in cands for i in range(c.start, c.end)}
    surnames = {doc[p.end - 1].text: p for p in persons if doc[p.end - 1].text[:1].isupper()}
    for t in doc:
        if t.i not in taken and t.text in surnames and t.pos_ == "PROPN":
            p = surnames[t.text]
            cands.append(_Cand(t.i, t.i + 1, "Person", p.key, p.label, p.wikidata, gaz=p.gaz, prio=1))
    for c in cands:
        if c.end - c.start == 1 or c.type == "Person":
            name = normalise_name(doc[c.start:c.end].text)
            if c.type == "Person" and c.end - c.start >= 2 and name in part_to and part_to[name].end - part_to[name].start <= c.end - c.start:
                continue
            p = part_to.get(name)
            if (p is not None and c.end - c.start == 1 and doc[c.start].text == doc[p.start].text
                    and any(ch.dep_ == "appos" and any(d.lower_ in lex.words["indefinite"] for d in ch.children)
                            for ch in doc[c.start].children)):
                continue  # "José, a Caracas bus driver": a first name with its own description is someone new
            if p is not None and p is not c and (c.type == "Person" or c.gaz is None):
                c.type, c.key, c.label, c.wikidata, c.gaz = "Person", p.key, p.label, p.wikidata, p.gaz


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by at most one inserted, deleted or replaced letter."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _variant_of(word: str, other: str) -> bool:
    """A transliteration variant of a long name word ("Tzarnaev"/"Tsarnaev", "Dzokhar"/"Dzhokhar")."""
    return len(word) >= 6 and len(other) >= 6 and word[0].casefold() == other[0].casefold() and _one_edit(word, other)


def _merge_spelling_variants(doc: Doc, cands: list[_Cand]) -> None:
    """Names one letter apart in one article are one person, spelt two ways: two full names
    that agree word for word up to one letter in a long word, and a lone word one letter
    from exactly one person's surname (the tagger often calls such a variant an organisation)."""
    persons = [c for c in cands if c.type == "Person" and c.gaz is None and c.end - c.start >= 2]
    canon: dict[str, _Cand] = {}
    counts: dict[str, int] = defaultdict(int)
    for p in persons:
        counts[p.key] += 1
    for p in sorted(persons, key=lambda c: (-counts[c.key], c.start)):
        words = [t.text for t in doc[p.start:p.end]]
        for key, q in canon.items():
            other = [t.text for t in doc[q.start:q.end]]
            if key != p.key and len(words) == len(other) and words != other and all(
                    w == o or _variant_of(w, o) for w, o in zip(words, other)):
                for c in persons:
                    if c.key == p.key:
                        c.key, c.label = q.key, q.label
                break
        else:
            canon.setdefault(p.key, p)
    surnames: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        surnames[doc[p.end - 1].text].add(p.key)
    by_initial: dict[str, list[str]] = defaultdict(list)
    for name in surnames:
        if len(name) >= 6:
            by_initial[name[0].casefold()].append(name)
    for c in cands:
        if c.gaz is not None or c.end - c.start != 1 or c.type not in ("Person", "Organization", "Location"):
            continue
        word = doc[c.start].text
        if word in surnames or len(word) < 6:
            continue
        keys = {k for s_ in by_initial.get(word[0].casefold(), ()) if _variant_of(word, s_) for k in surnames[s_]}
        if len(keys) == 1:
            p = next(q for q in persons if q.key in keys)
            c.type, c.key, c.label, c.wikidata, c.gaz = "Person", p.key, p.label, p.wikidata, p.gaz


def _entity_for_tokens(cands: list[_Cand], start: int, end: int) -> _Cand | None:
    best = None
    for c in cands:
        if c.start >= start and c.end <= end and (best is None or c.prio > best.prio):
            best = c
    return best


def _title_before(doc: Doc, start: int, lex: Lexicon) -> tuple[int, str] | None:
    """A title right before token `start` ("President", "Foreign Minister"): (title start, title)."""
    for n in range(lex.max_title_words, 0, -1):
        if start - n >= 0:
            words = " ".join(t.lower_ for t in doc[start - n:start])
            if words in lex.titles:
                return start - n, doc[start - n:start].text
    return None


def _roles(doc: Doc, cands: list[_Cand], gaz: Gazetteer, lex: Lexicon) -> list[tuple[_Cand, str, _Cand | None, int, int]]:
    """(person, role, of, start token, end token) for titles before names and in appositions."""
    out = []
    for p in [c for c in cands if c.type == "Person"]:
        # "Ukrainian President Volodymyr Zelenskiy", "Russia's Foreign Minister Sergei Lavrov"
        tb = _title_before(doc, p.start, lex)
        if tb is not None:
            ts, title = tb
            of = None
            k = ts - 1
            if k >= 0 and doc[k].tag_ == "POS":
                k -= 1
            if k >= 0:
                of = next((c for c in cands if c.start <= k < c.end and c.type in ("Country", "Organization", "MilitaryForce")), None)
                if of is None and doc[k].ent_type_ == "NORP":
                    of = next((c for c in cands if c.start <= k < c.end), None)
            out.append((p, title, of, of.start if of else ts, p.end))
            continue
        # "Andrii Kovalenko, an official with Ukraine's National Security and Defence Council"
        head = doc[p.end - 1]
        for child in head.children:
            if child.dep_ != "appos":
                continue
            title_toks = [t for t in child.subtree if t.i <= child.i and t.pos_ in ("NOUN", "PROPN", "ADJ")]
            title = " ".join(t.text for t in title_toks if t.lower_ in lex.titles or t.i == child.i)
            if child.lemma_.lower() not in lex.titles and child.lower_ not in lex.titles:
                continue
            of = None
            order = {"pobj": 0, "poss": 1, "amod": 2}
            for t in sorted(child.subtree, key=lambda t: (order.get(t.dep_, 3), t.i)):
                if t.dep_ in ("pobj", "poss") or (t.dep_ == "amod" and t.ent_type_ == "NORP"):
                    of = next((c for c in cands if c.start <= t.i < c.end), None) or _entity_for_tokens(
                        cands, t.left_edge.i, t.i + 1)
                    if of is not None and of.type in ("Country", "Organization", "MilitaryForce", "Group", "Location"):
                        break
                    of = None
            out.append((p, child.text if child.lower_ in lex.titles else title or child.text, of,
                        p.start, child.right_edge.i + 1))
            break
    return out


def _role_nominals(doc: Doc, cands, taken, roles, lex: Lexicon, gaz: Gazetteer) -> None:
    """'the Ukrainian leader' -> the person holding a post of Ukraine in this article."""
    holders: dict[str, _Cand] = {}
    for p, _title, of, _s, _e in roles:
        if of is not None and of.type == "Country":
            holders.setdefault(of.key, p)
    for p in [c for c in cands if c.type == "Person" and c.gaz is not None and c.gaz.country]:
        holders.setdefault(p.gaz.country, p)
    if not holders:
        return
    for c in list(cands):
        if c.type != "Country" or c.end >= len(doc) or c.start == 0:
            continue
        if doc[c.start - 1].lower_ != "the":
            continue
        nxt = doc[c.end]
        if nxt.lower_ in lex.nouns["role_head"] and c.key in holders:
            p = holders[c.key]
            end = c.end + 1 if nxt.lower_ != "prime" else c.end + 2
            cands.append(_Cand(c.start - 1, end, "Person", p.key, p.label, p.wikidata, gaz=p.gaz, prio=3))


def _plural_demonyms_as_forces(cands: list[_Cand]) -> None:
    forces = {c.country: c for c in cands if c.type == "MilitaryForce" and c.country}
    for c in cands:
        if c.prio == -1:
            f = forces.get(c.key)
            if f is not None:
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = "MilitaryForce", f.key, f.label, None, None, f.country
            c.prio = 1


def _merge_name_suffixes(doc: Doc, cands: list[_Cand]) -> None:
    """An unlinked name that ends a longer mention's name ("Koreans" after "North Koreans") is that entity."""
    by_text: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: -(c.end - c.start)):
        by_text.setdefault(normalise_name(doc[c.start:c.end].text), c)
    for c in cands:
        if c.gaz is not None or c.type not in ("Group", "Organization", "Location"):
            continue
        name = normalise_name(doc[c.start:c.end].text)
        for text, other in by_text.items():
            if other is not c and other.key != c.key and text.endswith(" " + name) and other.type != "Group":
                c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                    other.type, other.key, other.label, other.wikidata, other.gaz, other.country)
                break


def _merge_place_heads(doc: Doc, cands: list[_Cand], lex: Lexicon) -> None:
    """"Euphrates" and "Euphrates River" in one article: a place name with and without its
    head noun (river, lake, motel, road…) is one place."""
    bare: dict[str, _Cand] = {}
    for c in cands:
        if c.type == "Location":
            bare.setdefault(normalise_name(doc[c.start:c.end].text), c)
    for c in cands:
        if c.type == "Location" and c.gaz is None and c.end - c.start >= 2 and doc[c.end - 1].lower_ in lex.facility_nouns:
            short = bare.get(normalise_name(doc[c.start:c.end - 1].text))
            if short is not None and short.gaz is not None and short.gaz.kind in ("city", "capital"):
                continue  # "London Bridge" is not London
            if short is not None and short is not c:
                target = short if short.gaz is not None else c
                for x in (c, short):
                    x.key, x.label, x.wikidata, x.gaz = target.key, target.label, target.wikidata, target.gaz
    # two facility forms of one name ("Bagram Air Base", "Bagram Airfield") are one place
    stems: dict[str, _Cand] = {}
    for c in cands:
        if c.type == "Location" and c.gaz is None and c.end - c.start >= 2:
            stem = _facility_stem(doc, c, lex)
            if stem is not None:
                first = stems.setdefault(stem, c)
                if first is not c:
                    c.key, c.label = first.key, first.label
    # the bare name used alone ("the Rolando bombing" after "the Rolando Cafe") is that place too
    places = {normalise_name(doc[c.start:c.end - 1].text): c for c in cands if c.type == "Location" and c.gaz is None
              and c.end - c.start >= 2 and doc[c.end - 1].lower_ in lex.facility_nouns}
    for c in cands:
        if c.gaz is None and c.type in ("Organization", "Person") and normalise_name(doc[c.start:c.end].text) in places:
            p = places[normalise_name(doc[c.start:c.end].text)]
            c.type, c.key, c.label = p.type, p.key, p.label




def _facility_stem(doc: Doc, c: _Cand, lex: Lexicon) -> str | None:
    """The name part of a facility's name, its head words dropped: "Bagram" of "Bagram Air Base"."""
    end = c.end
    while end > c.start + 1 and (doc[end - 1].lower_ in lex.facility_nouns or doc[end - 1].lower_ in lex.nouns["facility_modifier"]):
        end -= 1
    if end == c.end:
        return None
    return normalise_name(doc[c.start:end].text)


def _one_sense_per_article(cands: list[_Cand], gaz: Gazetteer) -> None:
    """A city whose region of the same name is mentioned ("Kursk" beside "Kursk region") is the region.

    Also "<Place> front" names the region's front line when the region is known.
    """
    regions: dict[str, _Cand] = {}
    for c in cands:
        if c.gaz is not None and c.gaz.kind in ("oblast", "region", "krai", "province"):
            regions[c.gaz.label.split()[0]] = c
    for c in cands:
        if c.type == "Location" and c.gaz is not None and c.gaz.kind in ("city", "capital"):
            r = regions.get(c.gaz.label)
            if r is not None:
                c.key, c.label, c.wikidata, c.gaz = r.key, r.label, r.wikidata, r.gaz


def _parties_need_their_country(doc: Doc, cands: list[_Cand]) -> None:
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
        surface = doc[c.start:c.end].text
        # only the label's own word ("Republicans" of "Republican Party"), never a coined name ("GOP")
        if c.end - c.start == 1 and surface != g.label and surface[:5].lower() == g.label[:5].lower():
            c.type, c.key, c.label, c.wikidata, c.gaz, c.country = (
                "Group", f"group:{normalise_name(surface)}", surface, None, None, None)


def _best_label(doc: Doc, cs: list[_Cand], typ: str) -> str:
    """Persons: the longest name. Others: the commonest surface form, sentence-case ones first."""
    if typ == "Person":
        return max((c.label for c in cs), key=len)
    if typ == "Group":  # a group's label may name its owner beyond its span ("Clinton supporters")
        return max((c.label for c in cs), key=lambda lb: (len(lb), lb))
    forms = [doc[c.start:c.end].text for c in cs]
    if typ == "MilitaryForce":
        forms = [f for f in forms if " " in f] or forms

    def score(f: str) -> tuple:
        words = f.split()
        titled = len(words) > 1 and all(w[:1].isupper() for w in words)
        return (not titled, forms.count(f), -forms.index(f))
    return max(forms, key=score)


def _assemble(doc: Doc, cands: list[_Cand], roles_raw, sent_of: list[int]) -> EntityResult:
    # keep the highest-priority, then widest, candidate on overlapping tokens
    cands = [c for c in cands if c.end > c.start]
    # keys whose IRIs would be one ("african-american"/"african american", "chávez"/"chavez")
    # are one entity, with one spelling of its key in every article
    for c in cands:
        c.key = canonical_key(c.key)
        if c.country is not None:
            c.country = canonical_key(c.country)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    mentions: list[Mention] = []
    grouped: dict[str, list[_Cand]] = defaultdict(list)
    token_key: dict[int, str] = {}
    seen_spans: set[tuple[int, int, str]] = set()
    for c in cands:
        sp = doc[c.start:c.end]
        if (sp.start_char, sp.end_char, c.key) in seen_spans:
            continue
        seen_spans.add((sp.start_char, sp.end_char, c.key))
        grouped[c.key].append(c)
        mentions.append(Mention(Span(sp.start_char, sp.end_char, sp.text), c.type, sent_of[c.start] if c.start < len(sent_of) else 0, c.key))
        for i in range(c.start, c.end):
            if i not in token_key or c.prio >= 2:
                token_key[i] = c.key
    entities = []
    full_text = doc.text
    for key, cs in grouped.items():
        # the type most mentions agree on, preferring a gazetteer entry
        gazc = next((c for c in cs if c.gaz is not None and c.gaz.key == key), None)
        typ = gazc.gaz.type if gazc else max({c.type for c in cs}, key=lambda t: sum(x.type == t for x in cs))
        if gazc is not None:
            label = gazc.gaz.label
        else:
            label = _best_label(doc, [c for c in cs if c.type == typ] or cs, typ)
        aliases = sorted({doc[c.start:c.end].text for c in cs} - {label})
        wikidata = gazc.gaz.wikidata if gazc else next((c.wikidata for c in cs if c.wikidata), None)
        country = next((c.country for c in cs if c.country), None)
        spans = tuple(sorted({(doc[c.start:c.end].start_char, doc[c.start:c.end].end_char) for c in cs}))
        entities.append(Entity(key, label, typ, tuple(aliases), wikidata, country,
                               tuple(Span(s, e, full_text[s:e]) for s, e in spans)))
    roles = []
    seen_roles = set()
    person_keys = {x.key for x in entities if x.type == "Person"}
    for p, title, of, s, e in roles_raw:
        if p.key not in person_keys:
            continue  # its person was dropped ("Vice President" alone is a title, not a name)
        if of is not None and of.key not in grouped:
            of = None
        title_norm = title.strip()
        if (p.key, title_norm.lower(), of.key if of else None) in seen_roles:
            continue
        seen_roles.add((p.key, title_norm.lower(), of.key if of else None))
        sp = doc[s:e]
        roles.append(Role(p.key, title_norm, of.key if of else None, Span(sp.start_char, sp.end_char, sp.text)))
    entities.sort(key=lambda x: x.key)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return EntityResult(entities, mentions, roles, token_key)
