"""Deployments: which force is sent, by whom, how many."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import child, governor, of_object, pobj, subject_of
from .context import EventContext
from .draft import Draft

__all__ = ["deployment_roles"]


def deployment_roles(
    d: Draft, tok: Token, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
) -> bool:
    """Fill force, actor, quantity of a deployment; False when no force is deployed."""
    actor = next((k for k in actors if ctx.type_of(k) in ("Country", "Organization")), None)
    dest_forces, dest_actor = _destination(tok, ctx)
    if is_verb:
        force_tok, actor = _verb_force(d, tok, actors, obj, actor, ctx)
    else:
        force_tok, actor = _noun_force(tok, actor, ctx)
    if force_tok is not None:
        _force_and_count(d, force_tok, actor, dest_forces, ctx)
    if d.force is None:
        return False
    if actor is None:
        actor = dest_actor
    d.actors = [actor] if actor else []
    ctx.deployed_forces.append((ctx.para_of(tok), d.force))
    return True


def _destination(tok: Token, ctx: EventContext) -> tuple[set[str], str | None]:
    """Forces a deployment joins ("integrated into Russian forces") and the first one's country."""
    dest_forces: set[str] = set()
    dest_actor = None
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in ctx.words["deploy_prep"]:
            o = pobj(c)
            if o is not None:
                k = ctx.np_key(o, ("MilitaryForce",))
                if k:  # "integrated into Russian forces": the receiving force's country deploys
                    dest_forces.add(k)
                    dest_actor = dest_actor or ctx.country_of.get(k)
    return dest_forces, dest_actor


def _verb_force(
    d: Draft, tok: Token, actors: list[str], obj: Token | None, actor: str | None, ctx: EventContext
) -> tuple[Token | None, str | None]:
    """(the token naming the force, the actor) of a deployment verb: its object, else its subject."""
    if obj is not None:
        return obj, actor
    subj = child(tok, "nsubj")
    if actors and ctx.type_of(actors[0]) == "MilitaryForce":
        d.force = actors[0]
        actor = ctx.country_of.get(actors[0])
    elif subj is not None:
        actor = None
    return subj, actor


def _noun_force(tok: Token, actor: str | None, ctx: EventContext) -> tuple[Token | None, str | None]:
    """(the token naming the force, the actor) of a deployment noun: its "of" phrase, possessor or modifier."""
    force_tok = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and pobj(c) is not None:
            force_tok = pobj(c)
    poss = child(tok, "poss")
    if force_tok is None:
        force_tok = poss or next(
            (
                c
                for c in tok.children
                if c.dep_ in ("compound", "amod") and (ctx.key(c) or c.lemma_.lower() in ctx.force_nouns)
            ),
            None,
        )
    elif poss is not None:
        k = ctx.np_key(poss, ("Country", "Organization"))
        actor = actor or k
    if actor is None:
        gov, how = governor(tok)
        if gov is not None and how in ("dobj",) and gov.lemma_.lower() in ctx.lex.light:
            s = subject_of(gov)
            k = ctx.np_key(s, ("Country", "Organization")) if s is not None else None
            actor = k
    return force_tok, actor


def _force_and_count(d: Draft, force_tok: Token, actor: str | None, dest_forces: set[str], ctx: EventContext) -> None:
    """The force a force token refers to and the number counting it ("thousands of troops")."""
    counted = [force_tok]
    of = of_object(force_tok)  # "thousands of troops", "a battalion of marines"
    if of is not None and not ctx.key(force_tok):
        counted.append(of)
    if d.force is None:
        for t in reversed(counted):
            d.force = ctx.force_for(t, actor, dest_forces)
            if d.force:
                break
    if d.force is not None:
        d.quantity = next((ctx.quantity_of[t.i] for t in counted if t.i in ctx.quantity_of), None)
