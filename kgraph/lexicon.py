"""The word lists of `ontology/lexicon/<lang>/`, read and validated in one place.

Every word list the extractors and the question parser use is a data file of this folder
(as textacy keys its constants by language); this module is the only reader. Each file is
checked when it is loaded: an unknown class, kind, slot, stance, condition or type is a
`LexiconError` naming the file and line, never a silently ignored row. Loading is cached
per folder, so a process reads each file once.

The folder is `$KGRAPH_LEXICON_DIR` when set, else `<ontology>/lexicon/en` (the ontology
folder is `$KGRAPH_ONTOLOGY` or the one shipped beside the package); the readers take the
folder as a parameter too. Files:

- `events.tsv`: kind, name, pos, words, arg (event triggers, weapons, quantity words ...);
- `nouns.tsv`: class, words (force, group, facility, organisation ... nouns);
- `words.tsv`: class, words (function words and small closed classes the rules use);
- `pronouns.tsv`: pronoun, case, the entity types it may refer to;
- `reporting.tsv`: class, words, stance, content slots (reporting cues);
- `descriptions.tsv`: entity type, head nouns of descriptions ("the official");
- `titles.txt`: one title per line; `boilerplate.txt`: rules of `kgraph.read.boilerplate`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KGraphError
from .paths import ontology_dir
from .vocab import entity_types, event_types

__all__ = [
    "CueWord",
    "LexiconError",
    "ReportingLexicon",
    "ReportingRow",
    "descriptions",
    "event_rows",
    "lexicon_dir",
    "lexicon_path",
    "load_reporting_lexicon",
    "noun_classes",
    "pronouns",
    "reporting_rows",
    "reporting_verbs",
    "titles",
    "word_classes",
]

LANG = "en"
_PACKAGED = Path(__file__).resolve().parent.parent / "ontology" / "lexicon"

# what each file may contain; a row outside these is a typo, reported with its line
EVENT_KINDS = frozenset(
    {
        "trigger",
        "weapon",
        "qualifier",
        "vague",
        "casualty",
        "planned",
        "light",
        "use",
        "territory",
        "control",
        "nonviolent",
        "denial",
        "anaphor",
        "location_prep",
    }
)
TRIGGER_CONDITIONS = frozenset({"force", "armed", "weapon", "place"})
QUALIFIER_BOUNDS = frozenset({"max", "min", "approx"})
NOUN_CLASSES = frozenset(
    {
        "force",
        "group",
        "facility",
        "org",
        "institution",
        "person",
        "admin",
        "state",
        "notname",
        "event",
        "leads",
        "held_by",
        "street",
        "admin_unit",
        "facility_modifier",
        "role_head",
        "place_part",
        "support",
    }
)
WORD_CLASSES = frozenset(
    {
        "article",
        "trim_end",
        "honorific",
        "locative_prep",
        "place_prep",
        "place_only_prep",
        "agentive_prep",
        "spatial_in",
        "non_spatial_in",
        "name_particle",
        "weekday",
        "peerage",
        "street_word",
        "force_name_word",
        "demonym_suffix",
        "people_word",
        "initials_skip",
        "indefinite",
        "body_prep",
        "definite",
        "relative",
        "weapon_prep",
        "weapon_verb",
        "use_prep",
        "meet_prep",
        "meet_also_prep",
        "ally_prep",
        "target_prep",
        "party_prep",
        "deploy_prep",
        "charge_prep",
        "appeal_prep",
        "voice",
        "source_doc",
        "recording",
        "share_word",
        "not_speaker",
        "speaking_pronoun",
        "generic_org",
        "any_post",
    }
)
PRONOUN_CASES = frozenset({"poss", "subj", "speaker"})
REPORTING_CLASSES = frozenset({"verb", "noun", "source", "hedge", "relay"})
STANCES = frozenset({"asserts", "denies", "-"})
SLOTS = frozenset(
    {
        "clause",
        "object",
        "obj-of",
        "obj-to",
        "obj-as",
        "of",
        "to",
        "for",
        "on-to",
        "to-pp",
        "passive",
        "doc-object",
        "obj-to-pp",
        "about",
    }
)


class LexiconError(KGraphError):
    """A lexicon file is missing, unreadable or has a row with an unknown class, kind, slot or type."""


def lexicon_dir(lang: str = LANG) -> Path:
    """The lexicon folder: `$KGRAPH_LEXICON_DIR`, else `<ontology>/lexicon/<lang>` (the shipped
    one when the ontology folder has no lexicon)."""
    env = os.environ.get("KGRAPH_LEXICON_DIR")
    if env:
        return Path(env)
    path = ontology_dir() / "lexicon" / lang
    return path if path.is_dir() else _PACKAGED / lang


def lexicon_path(name: str, folder: Path | None = None) -> Path:
    """The path of one lexicon file (which need not exist)."""
    return (folder or lexicon_dir()) / name


def words(cell: str) -> tuple[str, ...]:
    """The words of a `|`-separated cell, stripped, empty ones dropped."""
    return tuple(w.strip() for w in cell.split("|") if w.strip())


@lru_cache(maxsize=64)
def _lines(path: Path) -> tuple[tuple[int, str], ...]:
    """(line number, line) of the data lines of a file: blank lines and `#` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"lexicon file not readable: {path}: {exc.strerror or exc}") from exc
    return tuple((n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#"))


def _cells(path: Path, n: int, ln: str, count: int, names: str) -> list[str]:
    cells = [c.strip() for c in ln.split("\t")]
    if len(cells) != count:
        raise LexiconError(f"{path}:{n}: expected {count} tab-separated cells ({names}), got {len(cells)}")
    return cells


def _check(path: Path, n: int, what: str, value: str, valid) -> None:
    if value not in valid:
        raise LexiconError(f"{path}:{n}: unknown {what} {value!r}; valid: {', '.join(sorted(valid))}")


# ---------------------------------------------------------------------------- events.tsv


@lru_cache(maxsize=8)
def _event_rows(path: Path) -> tuple[tuple[str, str, str, tuple[str, ...], str], ...]:
    rows = []
    classes = event_types()
    for n, ln in _lines(path):
        kind, name, pos, ws, arg = _cells(path, n, ln, 5, "kind, name, pos, words, arg")
        _check(path, n, "kind", kind, EVENT_KINDS)
        if kind == "trigger":
            _check(path, n, "event type", name, classes)
            _check(path, n, "part of speech", pos, {"VERB", "NOUN"})
            for cond in (c for c in arg.split(",") if c and c != "-"):
                _check(path, n, "condition", cond, TRIGGER_CONDITIONS)
        elif kind == "weapon":
            _check(path, n, "event type", arg, classes)
        elif kind == "qualifier":
            _check(path, n, "qualifier bound", name, QUALIFIER_BOUNDS)
        elif kind == "vague" and not name.isdigit():
            raise LexiconError(f"{path}:{n}: a vague amount's name must be a number, got {name!r}")
        rows.append((kind, name, pos, words(ws), arg))
    return tuple(rows)


def event_rows(kind: str, folder: Path | None = None) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """Rows of `events.tsv` of one kind: (name, pos, words, arg)."""
    if kind not in EVENT_KINDS:
        raise LexiconError(f"unknown events.tsv kind {kind!r}; valid: {', '.join(sorted(EVENT_KINDS))}")
    return tuple(r[1:] for r in _event_rows(lexicon_path("events.tsv", folder)) if r[0] == kind)


# ---------------------------------------------------------------------------- class<TAB>words files


@lru_cache(maxsize=16)
def _classes(path: Path, valid: frozenset[str]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for n, ln in _lines(path):
        cls, ws = _cells(path, n, ln, 2, "class, words")
        _check(path, n, "class", cls, valid)
        out[cls] = frozenset(words(ws))
    return out


@lru_cache(maxsize=16)
def _all_classes(path: Path, valid: frozenset[str]) -> dict[str, frozenset[str]]:
    got = _classes(path, valid)
    return {c: got.get(c, frozenset()) for c in valid}


def noun_classes(folder: Path | None = None) -> dict[str, frozenset[str]]:
    """The classes of `nouns.tsv`: class -> lower-case nouns (a missing class is empty)."""
    return _all_classes(lexicon_path("nouns.tsv", folder), NOUN_CLASSES)


def word_classes(folder: Path | None = None) -> dict[str, frozenset[str]]:
    """The classes of `words.tsv`: class -> words as written (case matters where the header says)."""
    return _all_classes(lexicon_path("words.tsv", folder), WORD_CLASSES)


@lru_cache(maxsize=8)
def _titles(path: Path) -> frozenset[str]:
    return frozenset(ln.strip().lower() for _n, ln in _lines(path))


def titles(folder: Path | None = None) -> frozenset[str]:
    """The titles of `titles.txt`, lower case."""
    return _titles(lexicon_path("titles.txt", folder))


@lru_cache(maxsize=8)
def _pronouns(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {c: {} for c in PRONOUN_CASES}
    types = entity_types()
    for n, ln in _lines(path):
        word, case, typs = _cells(path, n, ln, 3, "pronoun, case, types")
        _check(path, n, "pronoun case", case, PRONOUN_CASES)
        refs = tuple(t.strip() for t in typs.split(",") if t.strip())
        for t in refs:
            _check(path, n, "entity type", t, types)
        out[case][word] = refs
    return out


def pronouns(case: str, folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Pronouns of one case ("poss": its, their ...; "subj": it, they ...) -> the entity types they may
    refer to, in order of preference."""
    if case not in PRONOUN_CASES:
        raise LexiconError(f"unknown pronoun case {case!r}; valid: {', '.join(sorted(PRONOUN_CASES))}")
    return _pronouns(lexicon_path("pronouns.tsv", folder))[case]


@lru_cache(maxsize=8)
def _descriptions(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    types = entity_types()
    for n, ln in _lines(path):
        typ, ws = _cells(path, n, ln, 2, "type, words")
        _check(path, n, "entity type", typ, types)
        for w in words(ws):
            out[w] = out.get(w, ()) + (typ,)
    return out


def descriptions(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Head nouns of descriptions ("official", "newspaper") -> the entity types they refer to."""
    return _descriptions(lexicon_path("descriptions.tsv", folder))


# ---------------------------------------------------------------------------- reporting.tsv


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
    for n, ln in _lines(path):
        cls, ws, stance, slots = _cells(path, n, ln, 4, "class, words, stance, content")
        _check(path, n, "class", cls, REPORTING_CLASSES)
        _check(path, n, "stance", stance, STANCES)
        slot_list = tuple(s.strip() for s in slots.split(",") if s.strip() not in ("", "-"))
        for s in slot_list:
            _check(path, n, "slot", s, SLOTS)
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
