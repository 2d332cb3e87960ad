"""Where an event happens: places below the trigger, the best of them, the place it sits in."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import pobj
from .context import EventContext
from .draft import PLACE_TYPES

__all__ = ["best_place", "context_place", "find_places"]


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
            if (
                not found
                and anaphor is None
                and o.lemma_.lower() in ctx.lex.anaphors
                and any(d.lower_ in ctx.words["definite"] for d in o.children if d.dep_ == "det")
            ):
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
        if t.head.i == t.i:
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
