"""Pass 2 of the event stage: a draft event from a matched trigger, its arguments checked."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..dates import resolve_date
from ..syntax import governor, of_object
from .arguments import noun_actor, verb_roles
from .context import EventContext
from .deployment import deployment_roles
from .draft import ATTACKS, TERRITORIAL, VIOLENT, Draft
from .lexicon import Trigger
from .places import best_place, context_place, find_places
from .roles import roles_for
from .timing import date_for, is_denied, is_planned, modifies_adjective
from .triggers import match_trigger

__all__ = ["build_draft"]


def build_draft(tok: Token, trig: Trigger, start: int, ctx: EventContext) -> Draft | None:
    """The event a trigger token heads, or None when its arguments do not make one."""
    d = Draft(trig.cls, tok, words=tok.i - start + 1)
    d.attributes = []
    is_verb = tok.pos_ in ("VERB", "AUX")
    head = _head_arguments(tok, trig, is_verb, ctx)
    if head is None:
        return None
    actors, obj, gov = head
    d.governor = gov.i if gov is not None else None
    roles = _fill_roles(d, tok, trig, is_verb, actors, obj, ctx)
    if roles is None:
        return None
    actors, targets, exclude, obj = roles
    if _rejected(d, tok, trig, obj, actors, targets, ctx):
        return None
    d.actors = actors
    d.targets = [k for k in targets if k not in actors]
    if d.place is None:
        _fill_place(d, tok, exclude, actors, ctx)
    if "place" in trig.conds and d.type == "Deployment" and d.place is None:
        return None  # "troops are in Kursk": only with a place
    _fill_date(d, tok, None if is_verb else gov, ctx)
    return _with_status(d, tok, ctx) if _has_substance(d, ctx) else None


def _head_arguments(tok: Token, trig: Trigger, is_verb: bool, ctx: EventContext):
    """(actors, object, governing verb) of a trigger; None for a weapon verb whose object is the event."""
    if is_verb:
        actors, obj = verb_roles(tok, ctx)
        if "weapon" in trig.conds and obj is not None and match_trigger(obj, ctx) is not None:
            return None  # "launched a missile attack": the noun is the event
        return actors, obj, tok
    gov, _how = governor(tok)
    return noun_actor(tok, ctx), None, gov


def _fill_roles(
    d: Draft, tok: Token, trig: Trigger, is_verb: bool, actors: list[str], obj: Token | None, ctx: EventContext
):
    """(actors, targets, keys no place may be, object) from the event type's role function."""
    if trig.cls == "Deployment":
        if not deployment_roles(d, tok, is_verb, actors, obj, ctx):
            return None
        return d.actors or [], [], {d.force} if d.force else set(), obj
    roles = roles_for(trig.cls)(d, tok, trig, is_verb, actors, obj, ctx)
    if roles is None:
        return None
    actors, targets = roles
    if is_verb and obj is not None and obj.lemma_.lower() in ctx.lex.control and of_object(obj) is not None:
        obj = of_object(obj)
    return actors, targets, set(), obj


def _rejected(
    d: Draft, tok: Token, trig: Trigger, obj: Token | None, actors: list[str], targets: list[str], ctx: EventContext
) -> bool:
    """Conditions on the arguments: not violent, no weapon where one is needed, nobody armed."""
    if trig.cls in ATTACKS | {"ArmedClash"}:
        if obj is not None and obj.lemma_.lower() in ctx.lex.nonviolent:
            return True  # "struck a deal", "hit the target"
        if any(c.dep_ in ("compound", "amod") and c.lower_ in ctx.lex.nonviolent for c in tok.children):
            return True  # "hunger strike", "heart attack"
    if "weapon" in trig.conds and d.weapon is None:
        return True
    if "armed" in trig.conds and d.type not in ("Deployment",):
        # a force or state acts, a weapon is used, or a force is hit ("Trump hits Venezuela" is not)
        if not (
            d.weapon
            or d.force
            or any(ctx.type_of(k) in ("MilitaryForce", "Country") for k in actors)
            or any(ctx.type_of(k) == "MilitaryForce" for k in targets)
        ):
            return True
    return False


def _fill_place(d: Draft, tok: Token, exclude: set[str], actors: list[str], ctx: EventContext) -> None:
    places, anaphor = find_places(tok, ctx, exclude | set(actors) | set(d.targets))
    if d.type in ("Meeting", "Alliance", "Appeal"):
        places = [k for k in places if ctx.type_of(k) == "Location"] or [k for k in places if k not in d.targets]
    d.place = best_place(places, ctx)
    if d.place is None and anaphor is not None:
        d.place = ctx.nearest_place(anaphor)
    if d.place is None and d.type in VIOLENT | TERRITORIAL:
        d.place = context_place(tok, ctx, exclude | set(actors))


def _fill_date(d: Draft, tok: Token, gov: Token | None, ctx: EventContext) -> None:
    d.date = date_for(tok, gov, ctx)
    if d.date is None:  # the one date of the sentence
        in_sent = {
            id(x): x
            for t in ctx.sent_span(tok)
            for x in [ctx.date_at.get(t.i)]
            if x is not None and not modifies_adjective(t)
        }
        if len(in_sent) == 1:
            d.date = next(iter(in_sent.values()))
    if d.date is not None and is_planned(tok, ctx) and ctx.published:
        d.date = replace(d.date, value=resolve_date(d.date.text, ctx.published, future=True))


def _has_substance(d: Draft, ctx: EventContext) -> bool:
    if not (d.actors or d.targets or d.force or d.place or d.weapon or d.casualties):
        return False
    if d.type in VIOLENT and not (
        d.weapon or d.casualties or d.place or d.force or any(ctx.type_of(k) != "Person" for k in d.actors + d.targets)
    ):
        return False  # only people on both sides and nothing violent: a verbal attack
    return True


def _with_status(d: Draft, tok: Token, ctx: EventContext) -> Draft:
    if is_denied(tok, ctx):
        d.attributes.append(("status", "denied"))
    elif d.type == "Seizure" and tok.lemma_.lower() == "hold":
        d.attributes.append(("status", "held"))  # a state ("the town held by Ukraine"), not a change
    return d
