"""The event lexicon: `events.tsv` of the lexicon folder, indexed for matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from ...lexicon import event_rows, lexicon_dir

__all__ = ["EventLexicon", "Trigger", "load_event_lexicon"]


@dataclass(frozen=True)
class Trigger:
    cls: str
    words: tuple[str, ...]  # lemma, then a particle/compound word if a phrase
    conds: frozenset[str]


@dataclass(frozen=True)
class EventLexicon:
    """The event words of `ontology/lexicon/events.tsv`, indexed for matching."""

    verbs: dict[str, tuple[Trigger, ...]]  # head lemma -> triggers (longest phrases first)
    nouns: dict[str, tuple[Trigger, ...]]
    weapons: dict[str, tuple[str, str]]  # word or phrase -> (weapon class, event class)
    casualty: frozenset[str]
    light: frozenset[str]
    use: frozenset[str]
    territory: frozenset[str]
    control: frozenset[str]
    nonviolent: frozenset[str]
    denial: frozenset[str]
    planned: tuple[str, ...]
    anaphors: frozenset[str]
    location_preps: frozenset[str]


def load_event_lexicon() -> EventLexicon:
    """The event lexicon of the lexicon folder (read once per folder)."""
    return _event_lexicon(lexicon_dir())


@lru_cache(maxsize=8)
def _event_lexicon(folder: Path) -> EventLexicon:
    lexicon_rows = partial(event_rows, folder=folder)
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for cls, pos, words, arg in lexicon_rows("trigger"):
        conds = frozenset(c for c in arg.split(",") if c and c != "-")
        for w in words:
            parts = tuple(w.split())
            # a noun phrase is indexed by its last word (the head), a verb phrase by its first
            if pos == "NOUN":
                nouns.setdefault(parts[-1], []).append(Trigger(cls, parts, conds))
            else:
                verbs.setdefault(parts[0], []).append(Trigger(cls, parts, conds))
    order = lambda ts: tuple(sorted(ts, key=lambda t: -len(t.words)))  # noqa: E731
    weapons = {w: (name, arg) for name, _pos, words, arg in lexicon_rows("weapon") for w in words}
    one = lambda kind: frozenset(w for _n, _p, words, _a in lexicon_rows(kind) for w in words)  # noqa: E731
    planned = tuple(sorted(one("planned"), key=len, reverse=True))
    return EventLexicon(
        {k: order(v) for k, v in verbs.items()},
        {k: order(v) for k, v in nouns.items()},
        weapons,
        one("casualty"),
        one("light"),
        one("use"),
        one("territory"),
        one("control"),
        one("nonviolent"),
        one("denial"),
        planned,
        one("anaphor"),
        one("location_prep"),
    )
