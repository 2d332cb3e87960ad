"""The posts people hold: titles before names and in appositions; "the Ukrainian leader"."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .cands import Cand, entity_for_tokens
from .lexicon import Lexicon

__all__ = ["find_roles", "role_nominals", "title_before"]


def title_before(doc: Doc, start: int, lex: Lexicon) -> tuple[int, str] | None:
    """A title right before token `start` ("President", "Foreign Minister"): (title start, title)."""
    lowers = [doc[i].lower_ for i in range(max(0, start - lex.max_title_words), start)]  # read once
    for n in range(lex.max_title_words, 0, -1):
        if start - n >= 0:
            words = " ".join(lowers[len(lowers) - n :])
            if words in lex.titles:
                return start - n, doc[start - n : start].text
    return None


def find_roles(
    doc: Doc, cands: list[Cand], gaz: Gazetteer, lex: Lexicon
) -> list[tuple[Cand, str, Cand | None, int, int]]:
    """(person, role, of, start token, end token) for titles before names and in appositions."""
    out = []
    for p in [c for c in cands if c.type == "Person"]:
        role = _title_role(doc, p, cands, lex)
        if role is None:
            role = _apposition_role(doc, p, cands, lex)
        if role is not None:
            out.append(role)
    return out


def _title_role(doc: Doc, p: Cand, cands: list[Cand], lex: Lexicon):
    """ "Ukrainian President Volodymyr Zelenskiy", "Russia's Foreign Minister Sergei Lavrov"."""
    tb = title_before(doc, p.start, lex)
    if tb is None:
        return None
    ts, title = tb
    of = None
    k = ts - 1
    if k >= 0 and doc[k].tag_ == "POS":
        k -= 1
    if k >= 0:
        of = next(
            (c for c in cands if c.start <= k < c.end and c.type in ("Country", "Organization", "MilitaryForce")), None
        )
        if of is None and doc[k].ent_type_ == "NORP":
            of = next((c for c in cands if c.start <= k < c.end), None)
    return p, title, of, of.start if of else ts, p.end


def _apposition_role(doc: Doc, p: Cand, cands: list[Cand], lex: Lexicon):
    """ "Andrii Kovalenko, an official with Ukraine's National Security and Defence Council"."""
    head = doc[p.end - 1]
    for child in head.children:
        if child.dep_ != "appos":
            continue
        title_toks = [t for t in child.subtree if t.i <= child.i and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        title = " ".join(t.text for t in title_toks if t.lower_ in lex.titles or t.i == child.i)
        if child.lemma_.lower() not in lex.titles and child.lower_ not in lex.titles:
            continue
        return (
            p,
            child.text if child.lower_ in lex.titles else title or child.text,
            _apposition_of(child, cands),
            p.start,
            child.right_edge.i + 1,
        )
    return None


def _apposition_of(child, cands: list[Cand]) -> Cand | None:
    """What the post of an apposition is of: its "of"/"with" object, a possessor, a nationality."""
    order = {"pobj": 0, "poss": 1, "amod": 2}
    for t in sorted(child.subtree, key=lambda t: (order.get(t.dep_, 3), t.i)):
        if t.dep_ in ("pobj", "poss") or (t.dep_ == "amod" and t.ent_type_ == "NORP"):
            of = next((c for c in cands if c.start <= t.i < c.end), None) or entity_for_tokens(
                cands, t.left_edge.i, t.i + 1
            )
            if of is not None and of.type in ("Country", "Organization", "MilitaryForce", "Group", "Location"):
                return of
    return None


def role_nominals(doc: Doc, cands, taken, roles, lex: Lexicon, gaz: Gazetteer) -> None:
    """'the Ukrainian leader' -> the person holding a post of Ukraine in this article."""
    holders: dict[str, Cand] = {}
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
            cands.append(Cand(c.start - 1, end, "Person", p.key, p.label, p.wikidata, gaz=p.gaz, prio=3))
