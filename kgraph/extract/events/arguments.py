"""Who performs an event and with what: actors of nouns and verbs, weapons, casualties."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import child, governor, is_passive, pobj, subject_of
from .context import EventContext
from .draft import AGENT_TYPES

__all__ = ["find_casualties", "find_weapon", "noun_actor", "verb_roles"]


def noun_actor(tok: Token, ctx: EventContext) -> list[str]:
    """Who performs a nominal event: possessor, country adjective, "by" phrase, or the governing verb's subject."""
    poss = child(tok, "poss")
    found = _possessor_actor(tok, poss, ctx) if poss is not None else None
    if found is None:
        found = _modifier_actor(tok, ctx)
    return found if found is not None else _governor_actor(tok, ctx)


def _possessor_actor(tok: Token, poss: Token, ctx: EventContext) -> list[str] | None:
    if poss.lower_ == "their":  # "China and Russia have deepened their partnership"
        gov, _how = governor(tok)
        s = subject_of(gov) if gov is not None else None
        if s is not None and len(ctx.conj_keys(s, AGENT_TYPES)) > 1:
            return ctx.conj_keys(s, AGENT_TYPES)
    k = ctx.np_key(poss, AGENT_TYPES)
    return [k] if k else None


def _modifier_actor(tok: Token, ctx: EventContext) -> list[str] | None:
    """A country or force adjective before the noun ("Russian assaults"), or its "by" phrase."""
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
    return None


def _governor_actor(tok: Token, ctx: EventContext) -> list[str]:
    """The subject of a light verb ("launched an offensive") or the passive subject of a use verb."""
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
    for c in _weapon_candidates(tok, ctx):
        mods = [m for m in c.children if m.dep_ in ("compound", "amod") and m.i < c.i]
        words = [w.lower_ for w in mods] + [c.lower_]
        lemmas = [w.lemma_.lower() for w in mods] + [c.lemma_.lower()]
        for seq in (words, lemmas):
            for n in range(min(3, len(seq)), 0, -1):
                for i in range(len(seq) - n + 1):
                    phrase = " ".join(seq[i : i + n])
                    if phrase in ctx.lex.weapons:
                        return ctx.lex.weapons[phrase]
    return None


def _weapon_candidates(tok: Token, ctx: EventContext) -> list[Token]:
    """The trigger, its modifiers, the objects of its weapon prepositions and use verbs, its subject and object."""
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
    return cands


def find_casualties(tok: Token, ctx: EventContext) -> str | None:
    """A casualty phrase in the trigger's sentence ("suffering casualties", "12 people were killed")."""
    for t in ctx.sent_span(tok):
        low = t.lower_
        if low not in ctx.lex.casualty:
            continue
        if t.pos_ in ("NOUN", "ADJ") and t.dep_ not in ("amod",):
            mods = [c for c in t.children if c.dep_ in ("amod", "nummod", "compound", "quantmod") and c.i < t.i]
            start = min([m.left_edge.i for m in mods] + [t.i])
            return ctx.doc[start : t.i + 1].text
        if t.pos_ == "VERB":
            obj = child(t, "nsubjpass", "dobj")
            if obj is not None:
                nums = [c for c in obj.subtree if c.like_num]
                if nums:
                    span = ctx.doc[obj.left_edge.i : obj.i + 1].text
                    return f"{span} {low}" if t.dep_ != "advcl" and obj.dep_ == "nsubjpass" else f"{low} {span}"
    return None
