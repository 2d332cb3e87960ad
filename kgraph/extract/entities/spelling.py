"""Spelling variants: names one letter apart in one article are one person."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from .cands import Cand

__all__ = ["merge_spelling_variants", "one_edit", "variant_of"]


def one_edit(a: str, b: str) -> bool:
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
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def variant_of(word: str, other: str) -> bool:
    """A transliteration variant of a long name word ("Tzarnaev"/"Tsarnaev", "Dzokhar"/"Dzhokhar")."""
    return len(word) >= 6 and len(other) >= 6 and word[0].casefold() == other[0].casefold() and one_edit(word, other)


def merge_spelling_variants(doc: Doc, cands: list[Cand]) -> None:
    """Names one letter apart in one article are one person, spelt two ways: two full names
    that agree word for word up to one letter in a long word, and a lone word one letter
    from exactly one person's surname (the tagger often calls such a variant an organisation)."""
    persons = [c for c in cands if c.type == "Person" and c.gaz is None and c.end - c.start >= 2]
    _full_name_variants(doc, persons)
    _surname_variants(doc, cands, persons)


def _full_name_variants(doc: Doc, persons: list[Cand]) -> None:
    canon: dict[str, Cand] = {}
    # the canonical names by their words' first letters, in `canon`'s order: a name can only
    # be a variant of one with as many words and the same first letters (`variant_of`)
    by_initials: dict[tuple[str, ...], list[tuple[str, Cand]]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for p in persons:
        counts[p.key] += 1
    words_of = {(p.start, p.end): [t.text for t in doc[p.start : p.end]] for p in persons}  # read once
    for p in sorted(persons, key=lambda c: (-counts[c.key], c.start)):
        words = words_of[p.start, p.end]
        initials = tuple(w[:1].casefold() for w in words)
        for key, q in by_initials[initials]:
            other = words_of[q.start, q.end]
            if key != p.key and words != other and all(w == o or variant_of(w, o) for w, o in zip(words, other)):
                for c in persons:
                    if c.key == p.key:
                        c.key, c.label = q.key, q.label
                break
        else:
            if p.key not in canon:
                canon[p.key] = p
                by_initials[initials].append((p.key, p))


def _surname_variants(doc: Doc, cands: list[Cand], persons: list[Cand]) -> None:
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
        keys = {k for s_ in by_initial.get(word[0].casefold(), ()) if variant_of(word, s_) for k in surnames[s_]}
        if len(keys) == 1:
            p = next(q for q in persons if q.key in keys)
            c.type, c.key, c.label, c.wikidata, c.gaz = "Person", p.key, p.label, p.wikidata, p.gaz
