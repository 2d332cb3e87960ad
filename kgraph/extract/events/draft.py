"""The event being built (`Draft`) and the groups of event and entity types the rules test."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..dates import TimeExpression
from ..records import Quantity

__all__ = ["AGENT_TYPES", "ATTACKS", "Draft", "PLACE_TYPES", "SYMMETRIC", "TERRITORIAL", "VIOLENT"]

ATTACKS = {"Attack", "Shelling", "AirStrike"}
VIOLENT = ATTACKS | {"ArmedClash", "Incursion", "Offensive", "Advance"}
TERRITORIAL = {"Seizure", "Recapture", "Withdrawal"}
SYMMETRIC = {"Alliance", "ArmedClash"}
AGENT_TYPES = {"Country", "MilitaryForce", "Organization", "Person", "Group"}
PLACE_TYPES = {"Location", "Country"}


@dataclass
class Draft:
    """An event being built; becomes an `Event`."""

    type: str
    trigger: Token
    words: int = 1
    actors: list[str] | None = None
    targets: list[str] | None = None
    force: str | None = None
    place: str | None = None
    date: TimeExpression | None = None
    quantity: Quantity | None = None
    weapon: str | None = None
    casualties: str | None = None
    attributes: list[tuple[str, str]] | None = None
    governor: int | None = None
