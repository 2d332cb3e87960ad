"""The last step: candidates to `Mention`, `Entity` and `Role` records (one type and label per key)."""

from __future__ import annotations

from collections import defaultdict

from ...slug import canonical_key
from ..doc_index import DocIndex
from ..records import Entity, Mention, Role, Span
from .cands import Cand, EntityResult

__all__ = ["assemble", "best_label"]


def best_label(index: DocIndex, cs: list[Cand], typ: str) -> str:
    """Persons: the longest name. Others: the commonest surface form, sentence-case ones first."""
    if typ == "Person":
        return max((c.label for c in cs), key=len)
    if typ == "Group":  # a group's label may name its owner beyond its span ("Clinton supporters")
        return max((c.label for c in cs), key=lambda lb: (len(lb), lb))
    forms = [index.span_text(c.start, c.end) for c in cs]
    if typ == "MilitaryForce":
        forms = [f for f in forms if " " in f] or forms

    def score(f: str) -> tuple:
        words = f.split()
        titled = len(words) > 1 and all(w[:1].isupper() for w in words)
        return (not titled, forms.count(f), -forms.index(f))

    return max(forms, key=score)


def assemble(cands: list[Cand], roles_raw, index: DocIndex, text: str | None = None) -> EntityResult:
    """The records of the candidates: mentions by offset, entities by key, the roles of kept persons.
    Spans carry the article's own characters (`text`; the Doc's text has plain apostrophes)."""
    # keep the highest-priority, then widest, candidate on overlapping tokens
    cands = [c for c in cands if c.end > c.start]
    # keys whose IRIs would be one ("african-american"/"african american", "chávez"/"chavez")
    # are one entity, with one spelling of its key in every article
    for c in cands:
        c.key = canonical_key(c.key)
        if c.country is not None:
            c.country = canonical_key(c.country)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    full_text = text if text is not None and len(text) == len(index.text) else index.text
    mentions, grouped, token_key = _mentions(index, cands, full_text)
    entities = [_entity(index, key, cs, full_text) for key, cs in grouped.items()]
    roles = _roles(index, roles_raw, entities, grouped, full_text)
    entities.sort(key=lambda x: x.key)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return EntityResult(entities, mentions, roles, token_key)


def _mentions(index: DocIndex, cands: list[Cand], full_text: str):
    """(mentions, candidates by key, token -> key), one mention per span and key."""
    mentions: list[Mention] = []
    grouped: dict[str, list[Cand]] = defaultdict(list)
    token_key: dict[int, str] = {}
    seen_spans: set[tuple[int, int, str]] = set()
    sent_of = index.sent_of
    for c in cands:
        start_char, end_char = index.chars(c.start, c.end)
        if (start_char, end_char, c.key) in seen_spans:
            continue
        seen_spans.add((start_char, end_char, c.key))
        grouped[c.key].append(c)
        sent = sent_of[c.start] if c.start < len(sent_of) else 0
        mentions.append(Mention(Span(start_char, end_char, full_text[start_char:end_char]), c.type, sent, c.key))
        for i in range(c.start, c.end):
            if i not in token_key or c.prio >= 2:
                token_key[i] = c.key
    return mentions, grouped, token_key


def _entity(index: DocIndex, key: str, cs: list[Cand], full_text: str) -> Entity:
    """One entity: the type most mentions agree on (a gazetteer entry's first), its label and aliases."""
    gazc = next((c for c in cs if c.gaz is not None and c.gaz.key == key), None)
    typ = gazc.gaz.type if gazc else max({c.type for c in cs}, key=lambda t: sum(x.type == t for x in cs))
    if gazc is not None:
        label = gazc.gaz.label
    else:
        label = best_label(index, [c for c in cs if c.type == typ] or cs, typ)
    aliases = sorted({index.span_text(c.start, c.end) for c in cs} - {label})
    wikidata = gazc.gaz.wikidata if gazc else next((c.wikidata for c in cs if c.wikidata), None)
    country = next((c.country for c in cs if c.country), None)
    spans = tuple(sorted({index.chars(c.start, c.end) for c in cs}))
    return Entity(
        key, label, typ, tuple(aliases), wikidata, country, tuple(Span(s, e, full_text[s:e]) for s, e in spans)
    )


def _roles(
    index: DocIndex, roles_raw, entities: list[Entity], grouped: dict[str, list[Cand]], full_text: str
) -> list[Role]:
    """The roles of persons still there, each (person, title, of) once."""
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
        start_char, end_char = index.chars(s, e)
        span = Span(start_char, end_char, full_text[start_char:end_char])
        roles.append(Role(p.key, title_norm, of.key if of else None, span))
    return roles
