"""Reporting cues: the rows of `reporting.tsv` (verbs, nouns, sources, hedges, relays with their
stance and content slots) and the lexicon the statement extractor uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .files import cells, check, lexicon_dir, lexicon_path, lines, words
from .lists import descriptions
from .schema import REPORTING_CLASSES, SLOTS, STANCES

__all__ = ["CueWord", "ReportingLexicon", "ReportingRow", "load_reporting_lexicon", "reporting_rows", "reporting_verbs"]


@dataclass(frozen=True)
class ReportingRow:
    """One row of `reporting.tsv`."""

    cls: str
    words: tuple[str, ...]
    stance: str
    slots: tuple[str, ...]


@lru_cache(maxsize=8)
def _reporting_rows(path: Path) -> tuple[ReportingRow, ...]:
    rows = []
    for n, ln in lines(path):
        cls, ws, stance, slots = cells(path, n, ln, 4, "class, words, stance, content")
        check(path, n, "class", cls, REPORTING_CLASSES)
        check(path, n, "stance", stance, STANCES)
        slot_list = tuple(s.strip() for s in slots.split(",") if s.strip() not in ("", "-"))
        for s in slot_list:
            check(path, n, "slot", s, SLOTS)
        rows.append(ReportingRow(cls, words(ws), stance, slot_list))
    return tuple(rows)


def reporting_rows(folder: Path | None = None) -> tuple[ReportingRow, ...]:
    """The rows of `reporting.tsv`, in file order."""
    return _reporting_rows(lexicon_path("reporting.tsv", folder))


@dataclass(frozen=True)
class CueWord:
    stance: str
    slots: tuple[str, ...]


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: dict[str, CueWord]
    nouns: dict[str, CueWord]
    sources: dict[tuple[str, ...], CueWord]  # "according to" -> ("according", "to")
    hedges: frozenset[str]
    relays: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]  # head noun -> entity types


@lru_cache(maxsize=8)
def _reporting_lexicon(folder: Path) -> ReportingLexicon:
    verbs: dict[str, CueWord] = {}
    nouns: dict[str, CueWord] = {}
    sources: dict[tuple[str, ...], CueWord] = {}
    hedges: set[str] = set()
    relays: set[str] = set()
    for row in reporting_rows(folder):
        cue = CueWord(row.stance, row.slots)
        for w in row.words:
            if row.cls == "verb":
                verbs.setdefault(w, cue)
            elif row.cls == "noun":
                nouns.setdefault(w, cue)
            elif row.cls == "source":
                sources[tuple(w.split())] = cue
            elif row.cls == "hedge":
                hedges.add(w)
            else:
                relays.add(w)
    return ReportingLexicon(verbs, nouns, sources, frozenset(hedges), frozenset(relays), descriptions(folder))


def load_reporting_lexicon(folder: Path | None = None) -> ReportingLexicon:
    """Reporting cues from `reporting.tsv` and descriptions from `descriptions.tsv` (cached)."""
    return _reporting_lexicon(folder or lexicon_dir())


def reporting_verbs(folder: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(every reporting verb lemma, the denial verb lemmas) of `reporting.tsv`."""
    rows = [r for r in reporting_rows(folder) if r.cls == "verb"]
    return (
        frozenset(w for r in rows for w in r.words),
        frozenset(w for r in rows if r.stance == "denies" for w in r.words),
    )
