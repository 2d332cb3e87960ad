"""Who takes part in an event, by event type: a registry of role functions.

`ROLES[type]` fills a draft's actors and targets (and place, weapon, status) for one event
type; `register_roles(*types)` adds one. Types without their own function take
`violence_roles` (attacks, clashes, operations, territory); deployments have their own
pass (`deployment.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from ..syntax import child, pobj
from .context import EventContext
from .draft import AGENT_TYPES, PLACE_TYPES, Draft
from .lexicon import Trigger
from .timing import is_planned

__all__ = ["ROLES", "RoleFunction", "alliance_roles", "appeal_roles", "meeting_roles", "register_roles", "roles_for"]

RoleFunction = Callable[
    [Draft, Token, Trigger, bool, list, "Token | None", EventContext], "tuple[list[str], list[str]] | None"
]
ROLES: dict[str, RoleFunction] = {}


def register_roles(*types: str) -> Callable[[RoleFunction], RoleFunction]:
    """Register a role function for the event types `types`."""

    def deco(fn: RoleFunction) -> RoleFunction:
        for t in types:
            ROLES[t] = fn
        return fn

    return deco


def roles_for(event_type: str) -> RoleFunction:
    """The role function of an event type (violence roles by default)."""
    from .violence import violence_roles

    return ROLES.get(event_type, violence_roles)


@register_roles("Meeting")
def meeting_roles(
    d: Draft, tok: Token, trig: Trigger, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
) -> tuple[list[str], list[str]] | None:
    """Who meets whom: the subject, the object and "with"/"including" phrases; planned or held."""
    targets: list[str] = []
    if obj is not None:
        targets += [k for k in ctx.keys_in(obj.subtree, AGENT_TYPES) if k not in targets]
        if ctx.type_of(ctx.key(obj)) in PLACE_TYPES and tok.lemma_ == "visit":
            d.place = ctx.key(obj)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ctx.words["meet_prep"]:
            keys = ctx.conj_keys(pobj(c), AGENT_TYPES) if pobj(c) is not None else []
            (actors if c.lower_ == "between" else targets).extend(k for k in keys if k not in actors + targets)
    for h in [tok] + [a for a in tok.ancestors][:2]:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ctx.words["meet_also_prep"]:
                targets += [
                    k
                    for k in ctx.keys_in(c.subtree, ("Person", "Country", "Organization", "Group"))
                    if k not in targets and k not in actors
                ]
    if is_planned(tok, ctx):
        d.attributes.append(("status", "planned"))
    return actors, targets


@register_roles("Alliance")
def alliance_roles(
    d: Draft, tok: Token, trig: Trigger, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
) -> tuple[list[str], list[str]] | None:
    """The parties: the subject, and "between"/"with" phrases; at least two."""
    targets: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ctx.words["ally_prep"]:
            o = pobj(c)
            if o is not None:
                actors = actors + [k for k in ctx.conj_keys(o, AGENT_TYPES) if k not in actors]
    if is_verb:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with" and pobj(c) is not None:
                actors += [k for k in ctx.conj_keys(pobj(c), AGENT_TYPES) if k not in actors]
    if len(actors) < 2:
        return None
    return actors, targets


@register_roles("Appeal")
def appeal_roles(
    d: Draft, tok: Token, trig: Trigger, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
) -> tuple[list[str], list[str]] | None:
    """Who is called on ("urged X", "called on X", "demanded that X ...") and to do what."""
    targets: list[str] = []
    act = child(tok, "xcomp", "ccomp")
    addressee = _addressee(tok, obj, act, ctx)
    if addressee is not None:
        targets = ctx.conj_keys(addressee)
        d.attributes.append(("addressee", ctx.doc[addressee.left_edge.i : addressee.right_edge.i + 1].text))
    if act is None and addressee is not None:
        act = child(addressee, "acl", "relcl")
    if act is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "for" and pobj(c) is not None:
                act = pobj(c)
    if act is not None:
        demand = ctx.doc[act.left_edge.i : act.right_edge.i + 1].text
        d.attributes.append(("demand", re.sub(r"^(to|that)\s+", "", demand)))
    if addressee is None and act is None:
        return None
    return actors, targets


def _addressee(tok: Token, obj: Token | None, act: Token | None, ctx: EventContext) -> Token | None:
    """Who an appeal addresses: its object, its "on"/"to" phrase, or the subject of its "that" clause."""
    if obj is not None:
        return obj
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ctx.words["appeal_prep"] and pobj(c) is not None:
            return pobj(c)
    if act is not None and act.dep_ == "ccomp" and child(act, "nsubj") is not None:
        return child(act, "nsubj")  # "demanded that Belarus withdraw"
    return None
