"""Speaker groups: a group noun that reports something ("Authorities said", "Western analysts warned")."""

from __future__ import annotations

from spacy.tokens import Doc

from ..doc_index import Columns
from .cands import Cand, normalise_name
from .lexicon import Lexicon
from .persons import reports

__all__ = ["speaker_groups"]


def speaker_groups(doc: Doc, cands: list[Cand], taken: set[int], lex: Lexicon, cols: Columns) -> None:
    """A group noun that reports something ("Authorities said", "Western military analysts
    warned", "Police said") is a speaker, so a Group entity, even with no country word; with
    no name and no country, "police" is a group of people too, not a named organisation."""
    for i in [i for i, w in enumerate(cols.lower) if w in lex.group_nouns]:
        t = doc[i]
        if t.i in taken or t.tag_ not in ("NNS", "NNPS", "NN", "NNP") or not reports(t):
            continue
        start = _group_start(doc, t, cands, taken)
        words, label, owner_cand = _whose_group(doc, t, start, cands, taken, lex)
        # "Police said", "Authorities warned": an unnamed body of people, not a named organisation;
        # "the government said" is still the one institution that governs
        typ = "Organization" if t.lower_ in lex.state_nouns else "Group"
        cands.append(Cand(start, t.i + 1, typ, f"{typ.lower()}:{words}", label, prio=1, owner=owner_cand))
        taken.update(range(start, t.i + 1))


def _group_start(doc: Doc, t, cands: list[Cand], taken: set[int]) -> int:
    """The first token of the group phrase: its modifiers, and an unknown nationality word the
    model made a group of its own ("Western sources": that candidate is removed)."""
    start = t.i
    while start > 0:
        if _modifier(doc, start - 1, start, taken):
            start -= 1
        elif start > 1 and _joined(doc, start) and _modifier(doc, start - 2, start, taken):
            # "current and former officials", "Anti-TPP activists": both words, and the prefix
            # (without it the label says the opposite)
            start -= 2
        else:
            break
    prev = next(
        (
            c
            for c in cands
            if c.end == start
            and c.start == start - 1
            and c.type == "Group"
            and doc[c.start].dep_ in ("amod", "compound")
        ),
        None,
    )
    if prev is not None:  # "Western sources": the unknown nationality word belongs to the group
        cands.remove(prev)
        start = prev.start
    return start


def _modifier(doc: Doc, i: int, start: int, taken: set[int]) -> bool:
    """Whether token `i` modifies the group phrase that begins at `start`."""
    w = doc[i]
    if w.i in taken or w.pos_ not in ("ADJ", "NOUN", "PROPN"):
        return False
    if w.dep_ == "conj" and w.head.dep_ == "amod":  # "local and federal officials"
        w = w.head
    return w.dep_ in ("amod", "compound") and w.head.i >= start


def _joined(doc: Doc, start: int) -> bool:
    """Whether the token before `start` joins two modifiers: "and"/"or", or a hyphen with no
    space around it."""
    j = doc[start - 1]
    if j.dep_ == "cc" and j.lower_ in ("and", "or"):
        return True
    return j.text in ("-", "‐", "‑") and not j.whitespace_ and not doc[start - 2].whitespace_


def _whose_group(doc: Doc, t, start: int, cands: list[Cand], taken: set[int], lex: Lexicon):
    """The group's words and label, and the candidate it belongs to: a name right before it,
    or a body it speaks from inside."""
    words = " ".join(x.lower_ for x in doc[start : t.i + 1])
    label = doc[start : t.i + 1].text
    # "Clinton supporters", "Trump aides": a name right before says whose group it is; the
    # name keeps its own mention, the group's key and label carry it, so that the two
    # candidates' supporters stay two groups
    owner = start - 1
    if (
        owner >= 0
        and owner in taken
        and doc[owner].dep_ in ("compound", "nmod", "amod")
        and doc[owner].head.i >= start
        and doc[owner].pos_ in ("PROPN", "ADJ", "NOUN")
        and doc[owner].text[:1].isupper()
    ):
        o_start = doc[owner].left_edge.i if doc[owner].left_edge.i >= owner - 3 else owner
        if o_start > 1 and _joined(doc, o_start) and doc[o_start - 1].dep_ != "cc" and doc[o_start - 2].head.i >= start:
            o_start -= 2  # "Anti-TPP activists", not "TPP activists"
        words = " ".join(x.lower_ for x in doc[o_start : t.i + 1])
        label = doc[o_start : t.i + 1].text
        return words, label, next((c for c in cands if c.start <= owner < c.end), None)
    # "analysts at the Institute for the Study of War", "sources in the Kremlin",
    # "officials from Hamas": the group speaks from inside that body
    prep = next((p for p in t.children if p.dep_ == "prep" and p.lower_ in lex.words["body_prep"]), None)
    if prep is None:
        return words, label, None
    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
    body = next(
        (
            c
            for c in cands
            if obj is not None
            and c.start <= obj.i < c.end
            and c.type in ("Organization", "Country", "MilitaryForce", "Location")
        ),
        None,
    )
    if body is None:
        return words, label, None
    words = f"{words} {prep.lower_} {normalise_name(doc[body.start : body.end].text)}"
    return words, doc[start : body.end].text, body
