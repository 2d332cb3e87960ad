"""Arguments of an event trigger: its actors, weapon, places, date, casualties, status."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..dates import TimeExpression
from ..records import Statement
from ..syntax import child, governor, is_passive, pobj, subject_of
from .context import EventContext
from .draft import AGENT_TYPES, PLACE_TYPES

__all__ = ["best_place", "context_place", "date_for", "find_casualties", "find_places", "find_weapon", "is_denied",
           "is_planned", "modifies_adjective", "noun_actor", "statement_index", "verb_roles"]


def noun_actor(tok: Token, ctx: EventContext) -> list[str]:
    """Who performs a nominal event: possessor, country adjective, "by" phrase, or the governing verb's subject."""
    poss = child(tok, "poss")
    if poss is not None:
        if poss.lower_ == "their":  # "China and Russia have deepened their partnership"
            gov, how = governor(tok)
            s = subject_of(gov) if gov is not None else None
            if s is not None and len(ctx.conj_keys(s, AGENT_TYPES)) > 1:
                return ctx.conj_keys(s, AGENT_TYPES)
        k = ctx.np_key(poss, AGENT_TYPES)
        if k:
            return [k]
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            k = ctx.key(c)
            if k and ctx.type_of(k) in ("Country", "MilitaryForce", "Organization"):
                return [k]
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            o = pobj(c)
            if o is not None:
                ks = ctx.conj_keys(o, AGENT_TYPES)
                if ks:
                    return ks
    gov, how = governor(tok)
    if gov is not None:
        lemma = gov.lemma_.lower()
        if how in ctx.words["use_prep"] and is_passive(gov) and lemma in ctx.lex.use:
            s = child(gov, "nsubjpass")
            if s is not None:
                return ctx.conj_keys(s, AGENT_TYPES)
        if how in ("dobj", "attr") and lemma in ctx.lex.light:
            s = subject_of(gov)
            if s is not None:
                return ctx.conj_keys(s, AGENT_TYPES)
    return []


def verb_roles(tok: Token, ctx: EventContext) -> tuple[list[str], Token | None]:
    """(actor keys, object token) of a verb trigger."""
    obj = child(tok, "dobj")
    if is_passive(tok):
        agent = child(tok, "agent")
        actors = ctx.conj_keys(pobj(agent), AGENT_TYPES) if agent is not None and pobj(agent) is not None else []
        if not actors and tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl"):
            s = subject_of(tok)
            actors = ctx.conj_keys(s, AGENT_TYPES) if s is not None and s.dep_ != "nsubjpass" else []
        obj = child(tok, "nsubjpass") or (tok.head if tok.dep_ == "acl" else None)
    else:
        s = subject_of(tok)
        actors = ctx.conj_keys(s, AGENT_TYPES) if s is not None else []
        if obj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            obj = tok.head  # "the enclave, seized by ..." without a parsed agent
    return actors, obj


def find_weapon(tok: Token, ctx: EventContext) -> tuple[str, str] | None:
    """A weapon class among a trigger's modifiers, its "with"/"using" phrase, or its subject."""
    cands: list[Token] = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ctx.words["weapon_prep"]:
            o = pobj(c)
            if o is not None:
                cands.append(o)
        if c.dep_ in ("advcl", "xcomp") and c.lemma_ in ctx.words["weapon_verb"]:
            o = child(c, "dobj")
            if o is not None:
                cands.append(o)
        if c.dep_ in ("nsubj", "dobj"):
            cands.append(c)
    for c in cands:
        mods = [m for m in c.children if m.dep_ in ("compound", "amod") and m.i < c.i]
        words = [w.lower_ for w in mods] + [c.lower_]
        lemmas = [w.lemma_.lower() for w in mods] + [c.lemma_.lower()]
        for seq in (words, lemmas):
            for n in range(min(3, len(seq)), 0, -1):
                for i in range(len(seq) - n + 1):
                    phrase = " ".join(seq[i:i + n])
                    if phrase in ctx.lex.weapons:
                        return ctx.lex.weapons[phrase]
    return None


def find_places(tok: Token, ctx: EventContext, exclude: set[str], depth: int = 0) -> tuple[list[str], Token | None]:
    """Place entities reached through locative prepositions below `tok`; and an anaphoric place noun."""
    found: list[str] = []
    anaphor = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and depth < 2 and pobj(c) is not None:
            more, an2 = find_places(pobj(c), ctx, exclude, depth + 1)  # "the deployment of X in Y"
            found += [k for k in more if k not in found]
            anaphor = anaphor or an2
        elif c.dep_ in ("prep", "dative") and c.lower_ in ctx.lex.location_preps:
            o = pobj(c)
            if o is None:
                continue
            for t in [o] + [x for x in o.children if x.dep_ in ("compound", "conj")]:
                k = ctx.key(t)
                if k and ctx.type_of(k) in PLACE_TYPES and k not in exclude and k not in found:
                    found.append(k)
            if not found and anaphor is None and o.lemma_.lower() in ctx.lex.anaphors and \
                    any(d.lower_ in ctx.words["definite"] for d in o.children if d.dep_ == "det"):
                anaphor = o
            if depth < 2:
                more, an2 = find_places(o, ctx, exclude, depth + 1)
                found += [k for k in more if k not in found]
                anaphor = anaphor or an2
        elif c.dep_ in ("acl", "relcl") and depth < 2:
            more, an2 = find_places(c, ctx, exclude, depth + 1)
            found += [k for k in more if k not in found]
            anaphor = anaphor or an2
    return found, anaphor


def best_place(keys: list[str], ctx: EventContext) -> str | None:
    locs = [k for k in keys if ctx.type_of(k) == "Location"]
    return (locs or keys or [None])[0]


def context_place(tok: Token, ctx: EventContext, exclude: set[str]) -> str | None:
    """A place the trigger sits in: an ancestor that is a place, or a locative phrase of one."""
    t = tok
    for _ in range(4):
        if t.head is t:
            return None
        t = t.head
        k = ctx.key(t)
        if k and ctx.type_of(k) == "Location" and k not in exclude:
            return k
        if t.pos_ in ("VERB", "NOUN", "PROPN"):
            keys, _an = find_places(t, ctx, exclude, depth=1)
            locs = [k for k in keys if ctx.type_of(k) == "Location"]
            if locs:
                return locs[0]
    return None


def date_for(tok: Token, gov: Token | None, ctx: EventContext) -> TimeExpression | None:
    """A time expression in the trigger's phrase or among the time adjuncts of its verb."""
    for t in tok.subtree:
        if t.i in ctx.date_at:
            return ctx.date_at[t.i]
    heads = [gov] if gov is not None else []
    if tok.pos_ in ("VERB", "AUX"):
        heads = [tok]
        if tok.dep_ in ("nsubj", "csubj", "nsubjpass") and tok.head is not tok:
            heads.append(tok.head)  # "Fighting ... erupted in September"
    for h in heads:
        for c in h.children:
            if c.i in ctx.date_at and c.dep_ in ("npadvmod", "tmod", "advmod", "obl", "pobj", "compound"):
                return ctx.date_at[c.i]
            if c.dep_ == "prep":
                o = pobj(c)
                if o is not None and o.i in ctx.date_at:
                    return ctx.date_at[o.i]
    return None


def is_denied(tok: Token, ctx: EventContext) -> bool:
    """Whether the event is reported as denied ("has denied sending troops")."""
    t = tok
    for _ in range(3):
        if t.head is t:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_.lower() in ctx.lex.denial
    return False


def modifies_adjective(t: Token) -> bool:
    """A date that qualifies an adjective ("their fastest since 2022"), not an event."""
    h = t.head.head if t.head.dep_ == "prep" else t.head
    if t.dep_ == "pobj":
        h = t.head.head
    return h.pos_ in ("ADJ", "ADV")


def is_planned(tok: Token, ctx: EventContext) -> bool:
    """Whether the event is planned: a modal or "set to" / "plans to" before the trigger in its clause."""
    start = max(ctx.sent_span(tok).start, tok.i - 6)
    window = " " + " ".join(t.lower_ for t in ctx.doc[start:tok.i]) + " "
    return any(f" {p} " in window for p in ctx.lex.planned)


def find_casualties(tok: Token, ctx: EventContext) -> str | None:
    """A casualty phrase in the trigger's sentence ("suffering casualties", "12 people were killed")."""
    for t in ctx.sent_span(tok):
        low = t.lower_
        if low not in ctx.lex.casualty:
            continue
        if t.pos_ in ("NOUN", "ADJ") and t.dep_ not in ("amod",):
            mods = [c for c in t.children if c.dep_ in ("amod", "nummod", "compound", "quantmod") and c.i < t.i]
            start = min([m.left_edge.i for m in mods] + [t.i])
            return ctx.doc[start:t.i + 1].text
        if t.pos_ == "VERB":
            obj = child(t, "nsubjpass", "dobj")
            if obj is not None:
                nums = [c for c in obj.subtree if c.like_num]
                if nums:
                    span = ctx.doc[obj.left_edge.i:obj.i + 1].text
                    return f"{span} {low}" if t.dep_ != "advcl" and obj.dep_ == "nsubjpass" else f"{low} {span}"
    return None


def statement_index(start: int, statements: Sequence[Statement]) -> int | None:
    """The statement whose text (or, for "urged X to ...", whose cue) holds the trigger."""
    for i, s in enumerate(statements):
        for sp in (s.span,) + tuple(s.extra_spans):
            if sp.start <= start < sp.end:
                return i
    for i, s in enumerate(statements):
        if s.cue_span is not None and s.cue_span.start <= start < s.cue_span.end:
            return i
    return None
