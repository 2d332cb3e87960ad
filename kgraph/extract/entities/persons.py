"""Person names: names the model missed, name parts and spelling variants of one person."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import load_reporting_lexicon
from ..doc_index import Columns
from ..gender import gender_of, title_gender
from .cands import Cand, normalise_name
from .lexicon import Lexicon
from .names import not_a_name
from .spelling import merge_spelling_variants

__all__ = ["merge_person_names", "recover_persons", "reports"]


def recover_persons(doc: Doc, cands: list[Cand], taken: set[int], lex: Lexicon, cols: Columns) -> None:
    """Proper-noun pairs the model missed, with a title apposition or a reporting role."""
    pos = cols.pos
    i = 0
    n = len(doc)
    while i < n:
        if i in taken or pos[i] != "PROPN":
            i += 1
            continue
        t = doc[i]
        if not t.text[:1].isupper() or not t.is_alpha:
            i += 1
            continue
        j = i
        while (
            j < n
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[j].i not in taken
            and (doc[j].is_alpha or "-" in doc[j].text)
        ):
            j += 1
        while j - i > 1 and doc[i].lower_ in lex.titles:  # "General Alejandro Pérez": the title is not the name
            i += 1
        if 2 <= j - i <= 4 or (j - i == 1 and i > 0 and doc[i - 1].lower_.rstrip(".") in lex.words["honorific"]):
            head = doc[j - 1]
            has_title_appos = any(c.dep_ == "appos" and c.lemma_.lower() in lex.titles for c in head.children)
            preceded_by_title = i > 0 and (
                doc[i - 1].lower_ in lex.titles or (doc[i - 1].text.islower() and doc[i - 1].lower_ in lex.person_nouns)
            )
            if (has_title_appos or preceded_by_title or reports(head)) and not not_a_name(doc, i, j, lex):
                text = doc[i:j].text
                cands.append(Cand(i, j, "Person", f"person:{normalise_name(text)}", text, prio=1))
                taken.update(range(i, j))
        i = max(j, i + 1)


def reports(tok: Token) -> bool:
    """The token is the subject of a reporting verb ("Stumpf said", "Authorities warned")."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in load_reporting_lexicon().verbs


def merge_person_names(doc: Doc, cands: list[Cand], lex: Lexicon, cols: Columns) -> None:
    """Name parts take the full name's key; a mislabelled name part becomes that person.

    A multi-word name the model called an organisation whose last word is used as a
    person's name elsewhere in the article ("Khairullozhon Matanov" ORG, "Matanov" PERSON)
    is that person.
    """
    _organisations_named_as_persons(doc, cands)
    merge_spelling_variants(doc, cands)
    persons = [c for c in cands if c.type == "Person" and c.end - c.start >= 2]
    part_to = _name_parts(doc, persons)
    _untagged_surnames(doc, cands, persons, cols)
    by_last: dict[str, list[Cand]] = {}
    for p in persons:
        group = by_last.setdefault(normalise_name(doc[p.end - 1].text), [])
        if all(q.key != p.key for q in group):
            group.append(p)
    for c in cands:
        if c.end - c.start == 1 or c.type == "Person":
            _join_full_name(doc, c, part_to, lex, by_last)


def _organisations_named_as_persons(doc: Doc, cands: list[Cand]) -> None:
    person_words = {normalise_name(doc[c.start : c.end].text) for c in cands if c.type == "Person" and c.gaz is None}
    person_words |= {normalise_name(doc[c.end - 1].text) for c in cands if c.type == "Person" and c.end - c.start >= 2}
    for c in cands:
        if (
            c.type == "Organization"
            and c.gaz is None
            and c.end - c.start >= 2
            and normalise_name(doc[c.end - 1].text) in person_words
            and all(t.pos_ == "PROPN" for t in doc[c.start : c.end])
        ):
            text = doc[c.start : c.end].text
            c.type, c.key, c.label = "Person", f"person:{normalise_name(text)}", text


def _name_parts(doc: Doc, persons: list[Cand]) -> dict[str, Cand]:
    """Each part of a full name (first, last, trailing words, the whole) -> the longest person with it."""
    part_to: dict[str, Cand] = {}
    for p in sorted(persons, key=lambda c: -(c.end - c.start)):
        full = normalise_name(doc[p.start : p.end].text)
        if p.gaz is None:
            p.label = max((q.label for q in persons if q.key == p.key), key=len, default=p.label)
        for part in (normalise_name(doc[p.end - 1].text), normalise_name(doc[p.start].text)):
            part_to.setdefault(part, p)
        for k in range(p.start + 1, p.end - 1):  # "Musa Jibril" in "Ahmad Musa Jibril"
            part_to.setdefault(normalise_name(doc[k : p.end].text), p)
        part_to.setdefault(full, p)
    return part_to


def _untagged_surnames(doc: Doc, cands: list[Cand], persons: list[Cand], cols: Columns) -> None:
    """A surname the model did not tag ("Stubb said…" after "Alexander Stubb")."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    surnames = {doc[p.end - 1].text: p for p in persons if doc[p.end - 1].text[:1].isupper()}
    if not surnames:
        return
    for i, (text, pos) in enumerate(zip(cols.text, cols.pos)):
        if text in surnames and i not in taken and pos == "PROPN":
            p = surnames[text]
            cands.append(Cand(i, i + 1, "Person", p.key, p.label, p.wikidata, gaz=p.gaz, prio=1))


def _by_title(doc: Doc, c: Cand, name: str, p: Cand | None, by_last: dict[str, list[Cand]]) -> Cand | None:
    """ "Mrs. Clinton" after "Bill Clinton" and "Hillary Clinton": a surname after a title of one
    gender is the person of that gender with the surname (the nearest one named before it),
    not the first with the surname; the person the name parts gave when nothing says otherwise."""
    if p is None or c.start == 0 or c.end - c.start != 1:
        return p
    want = title_gender(doc[c.start - 1].text)
    same = by_last.get(name, [])
    if want is None or len(same) < 2 or gender_of((doc[p.start : p.end].text, p.label)) in (want, None):
        return p
    fits = [q for q in same if gender_of((doc[q.start : q.end].text, q.label)) == want]
    before = [q for q in fits if q.start < c.start]
    return max(before, key=lambda q: q.start) if before else (fits[0] if fits else p)


def _join_full_name(doc: Doc, c: Cand, part_to: dict[str, Cand], lex: Lexicon, by_last: dict[str, list[Cand]]) -> None:
    """A name part (or a shorter full name) takes the person whose name it is part of."""
    name = normalise_name(doc[c.start : c.end].text)
    if (
        c.type == "Person"
        and c.end - c.start >= 2
        and name in part_to
        and part_to[name].end - part_to[name].start <= c.end - c.start
    ):
        return
    p = _by_title(doc, c, name, part_to.get(name), by_last)
    if (
        p is not None
        and c.end - c.start == 1
        and doc[c.start].text == doc[p.start].text
        and any(
            ch.dep_ == "appos" and any(d.lower_ in lex.words["indefinite"] for d in ch.children)
            for ch in doc[c.start].children
        )
    ):
        return  # "José, a Caracas bus driver": a first name with its own description is someone new
    if p is not None and p is not c and (c.type == "Person" or c.gaz is None):
        c.type, c.key, c.label, c.wikidata, c.gaz = "Person", p.key, p.label, p.wikidata, p.gaz
