"""Roles of attacks, clashes, operations and territorial events."""

from __future__ import annotations

from spacy.tokens import Token

from ...vocab import event_types
from ..syntax import of_object, pobj
from .arguments import find_casualties, find_weapon
from .context import EventContext
from .draft import AGENT_TYPES, PLACE_TYPES, SYMMETRIC, TERRITORIAL, VIOLENT, Draft
from .lexicon import Trigger
from .places import best_place, find_places

__all__ = ["violence_roles"]


def violence_roles(
    d: Draft, tok: Token, trig: Trigger, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
) -> tuple[list[str], list[str]] | None:
    """Attacks, clashes, operations and territory: target or territory, place, weapon, count, casualties."""
    targets: list[str] = []
    if is_verb and obj is not None and obj.lemma_.lower() in ctx.lex.control and of_object(obj) is not None:
        obj = of_object(obj)  # "regained control of the city of Marawi"
    if is_verb and obj is not None:
        found = _object_roles(d, trig.cls, obj, actors, ctx)
        if found is None:
            return None
        targets = found
    if "place" in trig.conds and d.place is None and not any(a == "object" for a, _ in d.attributes):
        if obj is not None and d.force is None:
            return None  # "held talks": the object is not territory
        places, anaphor = find_places(tok, ctx, set(actors))
        if not places and anaphor is None and d.force is None:
            return None
    actors = _prepositional_roles(d, tok, trig.cls, actors, targets, ctx)
    _weapon_and_count(d, tok, trig, obj, ctx)
    forces = [k for k in actors if ctx.type_of(k) == "MilitaryForce"]
    if forces:
        d.force = forces[0]
    return actors, targets


def _object_roles(d: Draft, cls: str, obj: Token, actors: list[str], ctx: EventContext) -> list[str] | None:
    """What a verb's object is: the force withdrawn, the place taken, a territory noun, or the targets."""
    targets: list[str] = []
    head_key = ctx.key(obj)
    force = (
        ctx.force_for(obj, next((a for a in actors if ctx.type_of(a) == "Country"), None), set())
        if ctx.type_of(head_key) not in PLACE_TYPES
        else None
    )
    if force is not None and cls in TERRITORIAL:
        d.force = force  # "withdrew its troops from Kherson"
    elif (
        head_key
        and ctx.type_of(head_key) in PLACE_TYPES
        and (cls in TERRITORIAL | {"Incursion"} or ctx.type_of(head_key) == "Location")
    ):
        d.place = head_key
    elif obj.lemma_.lower() in ctx.lex.anaphors or (cls in TERRITORIAL and obj.lemma_.lower() in ctx.lex.territory):
        _territory_object(d, obj, ctx)
    elif cls in TERRITORIAL:
        return None  # "held talks", "took steps": the object is not territory
    else:
        targets += ctx.conj_keys(obj, AGENT_TYPES | PLACE_TYPES)
    if d.place is None:
        places, anaphor = find_places(obj, ctx, set(targets))
        d.place = best_place(places, ctx)
        if d.place is None and anaphor is not None:  # "villages in the region"
            d.place = ctx.nearest_place(anaphor)
    return targets


def _territory_object(d: Draft, obj: Token, ctx: EventContext) -> None:
    """A territory noun as object: the place its "of" names, "the region" it refers to, or its words."""
    of = of_object(obj)  # "the town of Sderot"
    of_key = ctx.np_key(of, PLACE_TYPES) if of is not None else None
    if of_key:
        d.place = of_key
        return
    if obj.lemma_.lower() in ctx.lex.anaphors and any(
        c.lower_ in ctx.words["definite"] for c in obj.children if c.dep_ == "det"
    ):
        d.place = ctx.nearest_place(obj)
    d.attributes.append(("object", ctx.doc[obj.left_edge.i : obj.i + 1].text))


def _prepositional_roles(
    d: Draft, tok: Token, cls: str, actors: list[str], targets: list[str], ctx: EventContext
) -> list[str]:
    """Targets of "on"/"against" phrases (places among them), the other side of a symmetric event."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ctx.words["target_prep"] and pobj(c) is not None:
            for k in ctx.conj_keys(pobj(c), AGENT_TYPES | PLACE_TYPES):
                if ctx.type_of(k) == "Location":
                    d.place = d.place or k
                elif k not in targets:
                    targets.append(k)
        if cls in SYMMETRIC and c.dep_ == "prep" and c.lower_ in ctx.words["party_prep"] and pobj(c) is not None:
            keys = ctx.conj_keys(pobj(c), AGENT_TYPES)
            if c.lower_ == "between":
                actors = actors + [k for k in keys if k not in actors]
            else:
                targets += [k for k in keys if k not in targets]
    return actors


def _weapon_and_count(d: Draft, tok: Token, trig: Trigger, obj: Token | None, ctx: EventContext) -> None:
    """The weapon (refining an attack to its class), the number and the casualties of a violent event."""
    cls = trig.cls
    w = find_weapon(tok, ctx)
    if w is not None:
        d.weapon = w[0]
        if cls == "Attack" and w[1] in event_types():
            d.type = w[1]
    if cls in VIOLENT:
        d.quantity = ctx.quantity_of.get(tok.i)
        if d.quantity is None and "weapon" in trig.conds and obj is not None:
            d.quantity = ctx.quantity_of.get(obj.i)  # "launched 45 drones"
        d.casualties = find_casualties(tok, ctx)
