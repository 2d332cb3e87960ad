"""Reporting clauses that report the sentence they stand in, when no slot of the cue gives a
content: a parenthetical cue ("The test, North Korea said, was its biggest"; "Though A, he said,
B"), one opened by "as" ("As the Post reported, ..."), and one closing its sentence after a
comma ("A long sentence ..., she said."), however the parser hung it."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import subtree_range
from .context import QuoteContext
from .verbs import verb_cue
from .words import MANNER_OF_SPEAKING

__all__ = ["host_content"]

Ranges = list[tuple[int, int]]


def host_content(ctx: QuoteContext, v: Token) -> Ranges | None:
    """The host a bare reporting clause reports, or None."""
    return _bare_host(ctx, v) or _as_host(ctx, v) or _closing_tag(ctx, v)


def _bare_host(ctx: QuoteContext, v: Token) -> Ranges | None:
    """ "X is strong, he said" parsed with the reporting verb as a parataxis of the clause, and
    "The test, North Korea said, was its biggest": a bare reporting clause reports its host."""
    bare = not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "oprd") for c in v.children)
    if (
        bare
        and v.head.i != v.i
        and v.head.pos_ in ("VERB", "AUX")
        and (_set_off(ctx, v) if verb_cue(v.head, ctx.lex) else True)
        and (v.dep_ == "parataxis" or (v.dep_ == "ccomp" and v.i > v.head.i))
    ):
        stolen = _host_subject(v)
        vs, ve = _reporting_clause_range(v, stolen)
        if v.dep_ == "ccomp" and (vs == 0 or not ctx.doc[vs - 1].is_punct or v.tag_ not in ("VBD", "VBZ", "VBP")):
            return None  # "You could hear people screaming": a clause inside the sentence, not set off
        host = v.head
        while host.dep_ == "advcl" and host.head.i != host.i and host.head.i > v.i:
            host = host.head  # "Though A, he said, B": the parser hangs the cue on A, the sentence is B
        s, e = subtree_range(host)
        if stolen is not None:
            s = min(s, stolen.left_edge.i)
        parts = [(a, b) for a, b in ((s, vs), (ve, e)) if b > a]
        return parts or None
    return None


# prepositions whose phrase is a verb's own content ("as voters responded to the efforts",
# "as he spoke of peace"): a verb with one reports that, not the clause it hangs on
_CONTENT_PREPS = ("to", "of", "about", "for", "with", "against", "on")


def _as_host(ctx: QuoteContext, v: Token) -> Ranges | None:
    """ "As the Post reported, the fund had lost money", "..., as some have speculated": a bare
    reporting clause opened by "as" and set off by a comma reports the clause it hangs on."""
    doc = ctx.doc
    mark = next((c for c in v.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < v.i), None)
    if (
        mark is None
        or v.dep_ != "advcl"
        or v.lemma_.lower() in MANNER_OF_SPEAKING
        or not any(c.dep_ == "nsubj" for c in v.children)
        or any(c.dep_ in ("dobj", "xcomp", "ccomp", "oprd", "advcl") for c in v.children)
        or any(c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS for c in v.children)
        or v.head.pos_ not in ("VERB", "AUX")
    ):
        return None
    vs, ve = subtree_range(v)
    commas = [doc[k].text == "," for k in (vs - 1, ve - 1, ve) if 0 <= k < len(doc)]
    if mark.i != vs or not any(commas):
        return None
    s, e = subtree_range(v.head)
    parts = [(a, b) for a, b in ((s, vs), (ve, e)) if b > a]
    return parts or None


def _set_off(ctx: QuoteContext, v: Token) -> bool:
    """Whether a reporting clause stands between commas inside its host ("At first, she said,
    she would consider it"): then it reports its host also when the host's verb is itself a
    cue, whose own statement is the part it governs."""
    if v.dep_ != "parataxis":
        return False
    words = [t.i for c in v.children if not c.is_punct for t in c.subtree] + [v.i]
    vs, ve = min(words), max(words) + 1
    doc = ctx.doc
    return vs > 0 and doc[vs - 1].text == "," and ve < len(doc) and doc[ve].text == "," and v.head.i > ve


def _host_subject(v: Token) -> Token | None:
    """ "The new checkpoint, Colonel Reyes said, will open": the parser may give a parenthetical
    cue two subjects; the one before a comma, farther from the verb, is its host's subject."""
    subjects = [c for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
    if len(subjects) < 2:
        return None
    far, near = min(subjects, key=lambda c: c.i), max(subjects, key=lambda c: c.i)
    doc = v.doc
    return far if any(doc[k].text == "," for k in range(far.i + 1, near.left_edge.i)) else None


def _reporting_clause_range(v: Token, stolen: Token | None) -> tuple[int, int]:
    """The tokens of a parenthetical reporting clause ("he said", "said Mr. Obama, who ..."):
    the verb and its own words, without the clauses the parser hung on it that belong to the
    host ("Though A, he said, B": "Though A" is B's, not the reporting clause's) and without
    the host's subject it was given (`_host_subject`)."""
    s = e = v.i
    for c in v.children:
        if c.dep_ in ("advcl", "ccomp", "conj", "parataxis", "cc") or (stolen is not None and c.i == stolen.i):
            continue
        cs, ce = subtree_range(c)
        s, e = min(s, cs), max(e, ce - 1)
    return s, e + 1


def _closing_tag(ctx: QuoteContext, v: Token) -> Ranges | None:
    """ "A long sentence about X, she said.": a reporting clause of subject and verb that closes
    its sentence after a comma reports what comes before the comma, however the parser hung it
    (in a long sentence it may make the verb a clause of the host and give it the host's words)."""
    doc = ctx.doc
    ss, se = ctx.sent_bounds[ctx.sent_of[v.i]]
    if v.tag_ not in ("VBD", "VBZ", "VBP") or not all(doc[k].is_punct or doc[k].is_space for k in range(v.i + 1, se)):
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.right_edge.i == v.i - 1), None)
    if subj is None or subj.pos_ not in ("PRON", "PROPN", "NOUN"):
        return None
    comma = subj.left_edge.i - 1
    if comma <= ss or doc[comma].text != "," or any(ctx.mark_tok[k] for k in range(comma, se)):
        return None
    # what comes before is a clause of its own: a finite verb not opened by a subordinator
    # ("But even after the growth cooled, it continued." reports nothing)
    if not any(
        doc[k].tag_ in ("VBD", "VBZ", "VBP", "MD") and not any(c.dep_ == "mark" for c in doc[k].children)
        for k in range(ss, comma)
    ):
        return None
    return [(ss, comma)]
