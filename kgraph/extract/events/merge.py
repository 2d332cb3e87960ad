"""The passes after drafting: shared arguments, demanded events, records, one record per event."""

from __future__ import annotations

from dataclasses import replace

from ..records import Event, Quantity
from .draft import Draft

__all__ = ["mark_demanded", "merge_events", "quantity_rank", "share_coordinated"]


def share_coordinated(drafts: list[Draft]) -> None:
    """Events coordinated under one verb ("launching assaults, strikes and attacks in the area")
    share the place, date and actors one of them states."""
    groups: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.governor is not None and d.trigger.pos_ in ("NOUN", "PROPN"):
            groups.setdefault(d.governor, []).append(d)
    for ds in groups.values():
        if len(ds) < 2:
            continue
        place = next((d.place for d in ds if d.place), None)
        date = next((d.date for d in ds if d.date), None)
        actors = next((d.actors for d in ds if d.actors), None)
        for d in ds:
            d.place = d.place or place
            d.date = d.date or date
            if not d.actors and actors:
                d.actors = list(actors)


def mark_demanded(drafts: list[Draft]) -> None:
    """An event inside what an appeal asks for ("urged X to resume talks") is demanded, not reported."""
    for a in drafts:
        if a.type != "Appeal":
            continue
        scope = set()
        for c in a.trigger.children:
            if c.dep_ in ("xcomp", "ccomp") or (
                c.dep_ in ("dobj", "pobj", "prep") and any(g.dep_ in ("acl", "relcl", "xcomp") for g in c.subtree)
            ):
                scope.update(t.i for t in c.subtree)
        for d in drafts:
            if d is not a and d.trigger.i in scope and d.attributes is not None:
                d.attributes.append(("status", "demanded"))


def quantity_rank(q: Quantity | None) -> tuple:
    if q is None:
        return (0, 0, 0)
    return (1, q.value is not None or q.max_value is not None, q.value or q.max_value or q.min_value or 0)


def merge_events(events: list[Event], etype: dict[str, str]) -> list[Event]:
    """One deployment per force, one alliance per set of parties, one record per repeated event."""
    out: list[Event] = []
    by_key: dict[tuple, int] = {}
    for ev in events:
        if ev.type == "Deployment":
            key = ("Deployment", ev.force)
        elif ev.type == "Alliance":
            key = ("Alliance", frozenset(ev.actors))
        else:
            key = (ev.type, ev.actors, ev.targets, ev.force, ev.place, ev.quantity, ev.weapon, ev.trigger.text.lower())
        if key not in by_key:
            by_key[key] = len(out)
            out.append(ev)
            continue
        i = by_key[key]
        old = out[i]
        q_new = quantity_rank(ev.quantity) > quantity_rank(old.quantity)
        place = old.place
        if ev.place and (place is None or (etype.get(place) != "Location" and etype.get(ev.place) == "Location")):
            place = ev.place
        actors = old.actors or ev.actors
        mentions = dict(old.attributes).get("mentions", "1")
        attrs = tuple(a for a in old.attributes if a[0] != "mentions") + (("mentions", str(int(mentions) + 1)),)
        out[i] = replace(
            old,
            actors=actors,
            targets=old.targets or ev.targets,
            place=place,
            date=old.date or ev.date,
            date_text=old.date_text or ev.date_text,
            quantity=ev.quantity if q_new else old.quantity,
            statement=(
                ev.statement
                if q_new and ev.statement is not None
                else old.statement
                if old.statement is not None
                else ev.statement
            ),
            weapon=old.weapon or ev.weapon,
            casualties=old.casualties or ev.casualties,
            attributes=attrs,
        )
    return out
