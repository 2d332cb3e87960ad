"""The content of a verb cue: one handler per slot of `reporting.tsv`, tried in the cue's order.

A slot handler takes the context, the verb and the tokens other cues already claimed, and
returns the content's token ranges, or None when the parse does not give that slot. The
complement clause is always tried first; a bare reporting clause ("The test, North Korea
said, was its biggest") reports its host when no slot gives anything (`hosts`). A new slot is one
function here, registered under the name `kgraph.lexicon.SLOTS` lets `reporting.tsv` use.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ...lexicon import CueWord
from ..syntax import children, stranded_subject, subtree_range
from .context import QuoteContext
from .hosts import host_content
from .words import ADVERBIAL_MARKS, RECORDINGS, RELATIVE, SOURCE_DOCS

__all__ = ["SLOT_HANDLERS", "content_for_verb"]

Ranges = list[tuple[int, int]]
SlotHandler = Callable[[QuoteContext, Token, set[int]], Ranges | None]
SLOT_HANDLERS: dict[str, SlotHandler] = {}


def slot(name: str) -> Callable[[SlotHandler], SlotHandler]:
    """Register a slot handler under the slot name `reporting.tsv` uses."""

    def register(fn: SlotHandler) -> SlotHandler:
        SLOT_HANDLERS[name] = fn
        return fn

    return register


def _first(tokens, pred) -> Token | None:
    return next((c for c in tokens if pred(c)), None)


def _direct_object(v: Token) -> Token | None:
    return _first(v.children, lambda c: c.dep_ in ("dobj", "obj") and c.i > v.i)


def _has_to(t: Token) -> bool:
    return any(a.lower_ == "to" for a in t.children)


@slot("clause")
def _clause(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """The complement clause after the verb ("noted that ..."), else one before it."""
    comps = sorted(
        (c for c in v.children if c.dep_ == "ccomp" and c.i not in claimed and not _adverbial(c)),
        key=lambda c: (c.i < v.i, -any(m.dep_ == "mark" for m in c.children)),
    )
    if comps:
        s, e = subtree_range(comps[0])
        host = _parenthetical_host(ctx, v, comps[0])
        if host is not None:
            return [host, (s, e)]
        more = _second_complement(v, comps[0]) if comps[0].i > v.i else None
        stranded = stranded_subject(v) if comps[0].i < v.i else None
        if stranded is not None:
            e = stranded[1].left_edge.i - 1  # "..., killing three civilians": up to the comma
        return [(s, more.right_edge.i + 1 if more is not None else e)]
    gerund = _gerund_subject_clause(v, claimed)
    if gerund is not None:
        return [subtree_range(gerund)]
    clause = _clause_on_object(v, claimed)
    return [(clause.left_edge.i, clause.right_edge.i + 1)] if clause is not None else None


def _adverbial(comp: Token) -> bool:
    """A clause the parser took for a complement that a subordinator of time, cause or
    concession opens ("said before he died"): it says when or why, not what."""
    return any(m.dep_ == "mark" and m.lower_ in ADVERBIAL_MARKS and m.i == comp.left_edge.i for m in comp.children)


def _parenthetical_host(ctx: QuoteContext, v: Token, comp: Token) -> tuple[int, int] | None:
    """ "The new bridge, the mayor said, will open in May": the parser may make the cue a
    relative clause of the subject and the rest of the sentence its complement; the subject
    before the commas belongs to what was said. Only for a cue set off by commas, with a
    subject that is not a relative pronoun, and a complement with no subject of its own."""
    doc = ctx.doc
    noun = v.head
    vs, ve = v.left_edge.i, v.i + 1
    if (
        v.dep_ != "relcl"
        or noun.i >= vs
        or comp.i < v.i
        or children(comp, "nsubj", "nsubjpass", "expl")
        or any(c.lower_ in RELATIVE for c in children(v, "nsubj", "nsubjpass", "dobj"))
        or vs == 0
        or doc[vs - 1].text != ","
        or ve >= len(doc)
        or doc[ve].text != ","
        or comp.left_edge.i != ve + 1
    ):
        return None
    return (noun.left_edge.i, vs - 1)


def _second_complement(v: Token, comp: Token) -> Token | None:
    """ "believes there are no options, but that the lesser evil will do": the parser hangs a
    second clause opened by a complementizer on the verb as a conjunct; it is the verb's
    second complement, not a new sentence of the speaker's."""
    end = comp.right_edge.i
    for c in v.rights:
        if c.dep_ == "conj" and c.i > end:
            first = c.left_edge
            if first.dep_ == "mark" and first.head.i == c.i and first.lower_ in ("that", "whether"):
                return c
            return None
    return None


def _gerund_subject_clause(v: Token, claimed: set[int]) -> Token | None:
    """ "He said legalizing it could create jobs": the parser may take a clause whose subject is
    a gerund for the verb's gerund complement, with the clause's verb hung on the gerund; a
    gerund after the verb that governs a clause with a subject of its own is the complement."""
    for c in v.children:
        if (
            c.dep_ == "xcomp"
            and c.tag_ == "VBG"
            and c.i > v.i
            and c.i not in claimed
            and any(k.dep_ == "ccomp" and k.i > c.i and children(k, "nsubj", "nsubjpass") for k in c.children)
        ):
            return c
    return None


def _clause_on_object(v: Token, claimed: set[int]) -> Token | None:
    """ "told a meeting of leaders that few people understood ...": the parser may hang the
    complement clause on the addressee as a relative clause; one opened by a complementizer
    "that" (a relative "that" is the clause's subject or object, not its marker) and with a
    subject of its own is the verb's complement; not a result clause ("would add so many
    layers that it would ...")."""
    obj = _direct_object(v)
    if obj is None:
        return None
    for t in obj.subtree:
        if (
            t.dep_ == "relcl"
            and t.i not in claimed
            and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == t.left_edge.i for m in t.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and not any(w.lower_ in ("so", "such") for w in obj.subtree if w.i < t.i)
        ):
            return t
    return None


@slot("object")
def _object(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    doc = ctx.doc
    for c in v.children:
        if c.dep_ in ("dobj", "obj") and c.pos_ not in ("PRON",):
            s, e = subtree_range(c)
            # "stressed fairness, and a need to ...": the parser hangs the second object on the verb
            for k in v.rights:
                if (
                    k.dep_ == "conj"
                    and k.pos_ in ("NOUN", "PROPN")
                    and k.i >= e
                    and all(doc[j].dep_ in ("cc", "punct") for j in range(e, k.left_edge.i))
                ):
                    e = k.right_edge.i + 1
            return [(s, e)]
    for c in v.children:  # a gerund object: "denied targeting civilians"
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > v.i and c.i not in claimed:
            return [subtree_range(c)]
    return None


@slot("obj-of")
def _obj_of(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "accused Russia of deploying troops", "blamed X for Y"."""
    obj = _direct_object(v)
    if obj is None:
        return None
    pp = _first(v.children, lambda c: c.dep_ == "prep" and c.lower_ in ("of", "for", "over") and c.i > obj.i)
    return [(obj.left_edge.i, pp.right_edge.i + 1)] if pp is not None else None


@slot("obj-to")
def _obj_to(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "urged the West to bolster ..." (the infinitive on the verb, or on its object)."""
    obj = _direct_object(v)
    if obj is None:
        return None
    xc = _first(v.children, lambda c: c.dep_ in ("xcomp", "ccomp") and c.i > obj.i and _has_to(c))
    if xc is None:
        xc = _first(obj.children, lambda c: c.dep_ in ("relcl", "acl") and _has_to(c))
    return [(obj.left_edge.i, xc.right_edge.i + 1)] if xc is not None else None


@slot("obj-as")
def _obj_as(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "labelled the move as reckless", "called the move 'reckless'"."""
    obj = _direct_object(v)
    if obj is None:
        # "called Petrov a traitor", "called him a coward": the parser may make both the
        # object and its label predicates of the verb; the first of two, a name or a
        # pronoun, is the object (not when the verb has an object elsewhere, "what she
        # called a rant", or names a noun, "an envoy called Petrov")
        labels = [c for c in v.children if c.dep_ == "oprd" and c.i > v.i]
        if len(labels) == 1 and v.dep_ != "acl" and _quoted_label_inside(ctx, labels[0]):
            # "called the frontrunner “the best recruiter”": the parser may make the object a
            # modifier of the quoted label; the label's phrase holds both
            return [subtree_range(labels[0])]
        if (
            len(labels) < 2
            or labels[0].pos_ not in ("PROPN", "PRON")
            or v.dep_ == "acl"
            or any(c.dep_ in ("dobj", "obj") for c in v.children)
        ):
            return None
        obj = labels[0]
    pp = _first(
        v.children, lambda c: (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "xcomp") and c.i > obj.i
    )
    if pp is None:
        pp = _first(obj.children, lambda c: c.dep_ == "prep" and c.lower_ == "as")
    if pp is not None:
        return [(obj.left_edge.i, max(pp.right_edge.i, obj.right_edge.i) + 1)]
    if any(ctx.mark_tok[i] for i in range(obj.i + 1, obj.right_edge.i + 1)):
        # "called the move 'reckless'": the parser hangs the quoted label on the object
        return [subtree_range(obj)]
    return None


def _quoted_label_inside(ctx: QuoteContext, label: Token) -> bool:
    """Whether a predicate's phrase opens with words of its own and goes on to a quotation
    that ends it ("the frontrunner “the best recruiter”"), not one that is all quoted."""
    s, e = subtree_range(label)
    first_mark = next((i for i in range(s, e) if ctx.mark_tok[i]), None)
    # the label's head comes after the mark, so a word follows it inside the phrase
    return first_mark is not None and s < first_mark < label.i and ctx.quote_of[first_mark + 1] >= 0


@slot("about")
def _about(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "spoke about the war", "talked of peace" (not "spoke on radio", "on condition of anonymity")."""
    pp = _first(v.children, lambda c: c.dep_ == "prep" and c.lower_ in ("about", "of"))
    obj = None if pp is None else _first(pp.children, lambda c: c.dep_ in ("pobj", "pcomp"))
    return [subtree_range(obj)] if obj is not None else None


@slot("obj-to-pp")
def _obj_to_pp(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "pledged support to Ukraine": the object and its "to" phrase."""
    obj = _direct_object(v)
    pp = _first(v.children, lambda c: c.dep_ == "prep" and c.lower_ == "to" and obj is not None and c.i > obj.i)
    return [(obj.left_edge.i, pp.right_edge.i + 1)] if pp is not None else None


@slot("doc-object")
def _doc_object(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "Polls show a close race", "The video shows soldiers firing": what a document or
    recording shows, when the parse gives it no clause."""
    subj = _first(v.children, lambda c: c.dep_ == "nsubj")
    obj = _direct_object(v)
    if subj is not None and obj is not None and obj.pos_ != "PRON" and subj.lemma_.lower() in SOURCE_DOCS | RECORDINGS:
        return [subtree_range(obj)]
    return None


@slot("on-to")
def _on_to(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "called on Russia to withdraw"."""
    pp = _first(v.children, lambda c: c.dep_ in ("prep", "prt") and c.lower_ == "on")
    if pp is None:
        return None
    xc = _first(v.children, lambda c: c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > pp.i)
    pobj = _first(pp.children, lambda c: c.dep_ == "pobj")
    if xc is None and pobj is not None:
        xc = _first(pobj.children, lambda c: c.dep_ in ("relcl", "acl"))
    if pobj is None or (xc is None and pp.dep_ == "prep"):
        # "called on Friday the suspension ...": an on-phrase without what it calls for is a time
        return None
    end = (xc.right_edge.i if xc is not None else pobj.right_edge.i) + 1
    return [(pobj.left_edge.i, end)]


@slot("to")
def _to(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "vowed to retake the city"."""
    xc = _first(v.children, lambda c: c.dep_ == "xcomp" and _has_to(c))
    return [subtree_range(xc)] if xc is not None else None


@slot("for")
def _for(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "called for a ceasefire", "called for reducing the rate"."""
    pp = _first(v.children, lambda c: c.dep_ == "prep" and c.lower_ == "for")
    if pp is None:
        # "calling for the US to step up its efforts": the parser may make "for" the marker
        # of an infinitive clause with a subject of its own
        clause = _first(
            v.children,
            lambda c: (
                c.dep_ in ("advcl", "ccomp", "xcomp")
                and c.i > v.i
                and c.left_edge.lower_ == "for"
                and c.left_edge.dep_ == "mark"
                and c.left_edge.i == v.i + 1
                and _has_to(c)
            ),
        )
        return [(clause.left_edge.i + 1, clause.right_edge.i + 1)] if clause is not None else None
    has_pobj = any(c.dep_ == "pobj" for c in pp.children)
    if not has_pobj and pp.right_edge.i > pp.i and any(c.dep_ in ("pcomp", "ccomp") for c in pp.children):
        # "called for reducing the rate", "called for compensation to be clawed back"
        return [(pp.i + 1, pp.right_edge.i + 1)]
    if not has_pobj:
        return None
    s, e = subtree_range(next(c for c in pp.children if c.dep_ == "pobj"))
    # "called for contestants to wear ...": the infinitive the parser hung on the verb
    inf = _first(
        v.children,
        lambda c: (
            c.dep_ in ("xcomp", "advcl", "ccomp") and c.i >= e and c.left_edge.i == e and c.left_edge.lower_ == "to"
        ),
    )
    return [(s, inf.right_edge.i + 1 if inf is not None else e)]


@slot("of")
def _of(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "warned of a new offensive", "warned against escalation"."""
    pp = _first(v.children, lambda c: c.dep_ == "prep" and c.lower_ in ("of", "about", "against", "on"))
    if pp is not None and any(c.dep_ in ("pobj", "pcomp") for c in pp.children):
        return [subtree_range(next(c for c in pp.children if c.dep_ in ("pobj", "pcomp")))]
    return None


@slot("to-pp")
def _to_pp(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "pointed to the shelling"."""
    pp = _first(v.children, lambda c: c.dep_ in ("prep", "dative") and c.lower_ == "to")
    if pp is not None and any(c.dep_ == "pobj" for c in pp.children):
        return [(next(c for c in pp.children if c.dep_ == "pobj").left_edge.i, pp.right_edge.i + 1)]
    return None


@slot("passive")
def _passive(ctx: QuoteContext, v: Token, claimed: set[int]) -> Ranges | None:
    """ "The presence ... was first reported by Kyiv": the passive subject's whole clause."""
    if not any(c.dep_ == "auxpass" for c in v.children):
        return None
    sp = _first(v.children, lambda c: c.dep_ == "nsubjpass")
    if sp is None or sp.pos_ in ("PRON",):
        return None
    s, _e = subtree_range(sp)
    # the whole clause: "the presence ... was first reported by Kyiv in October",
    # without adjuncts that carry their own content ("with officials estimating ...")
    end = v.i
    for c in v.rights:
        if c.dep_ in ("advcl", "conj", "cc", "punct", "ccomp", "parataxis") or (
            c.dep_ == "prep" and c.lower_ == "with"
        ):
            break
        end = c.right_edge.i
    return [(s, end + 1)]


def content_for_verb(ctx: QuoteContext, v: Token, cue: CueWord, claimed: set[int]) -> tuple[Ranges, str] | None:
    """The content token ranges of a verb cue, and the slot that gave them."""
    for name in ("clause",) + tuple(s for s in cue.slots if s != "clause"):
        handler = SLOT_HANDLERS.get(name)
        found = handler(ctx, v, claimed) if handler is not None else None
        if found is not None:
            return found, name
    parts = host_content(ctx, v)
    return (parts, "clause") if parts else None
