"""The word lists: `events.tsv`, the class<TAB>words files (`nouns.tsv`, `words.tsv`), `titles.txt`,
`pronouns.tsv` and `descriptions.tsv`, each read once per folder and checked row by row."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from ..vocab import entity_types, event_types
from .files import LexiconError, cells, check, lexicon_path, lines, words
from .schema import EVENT_KINDS, NOUN_CLASSES, PRONOUN_CASES, QUALIFIER_BOUNDS, TRIGGER_CONDITIONS, WORD_CLASSES

__all__ = [
    "cue_model",
    "descriptions",
    "event_rows",
    "lemma_exceptions",
    "noun_classes",
    "pronouns",
    "titles",
    "word_classes",
]


@lru_cache(maxsize=8)
def _event_rows(path: Path) -> tuple[tuple[str, str, str, tuple[str, ...], str], ...]:
    rows = []
    classes = event_types()
    for n, ln in lines(path):
        kind, name, pos, ws, arg = cells(path, n, ln, 5, "kind, name, pos, words, arg")
        check(path, n, "kind", kind, EVENT_KINDS)
        if kind == "trigger":
            check(path, n, "event type", name, classes)
            check(path, n, "part of speech", pos, {"VERB", "NOUN"})
            for cond in (c for c in arg.split(",") if c and c != "-"):
                check(path, n, "condition", cond, TRIGGER_CONDITIONS)
        elif kind == "weapon":
            check(path, n, "event type", arg, classes)
        elif kind == "qualifier":
            check(path, n, "qualifier bound", name, QUALIFIER_BOUNDS)
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
    for n, ln in lines(path):
        cls, ws = cells(path, n, ln, 2, "class, words")
        check(path, n, "class", cls, valid)
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
    return frozenset(ln.strip().lower() for _n, ln in lines(path))


def titles(folder: Path | None = None) -> frozenset[str]:
    """The titles of `titles.txt`, lower case."""
    return _titles(lexicon_path("titles.txt", folder))


@lru_cache(maxsize=8)
def _pronouns(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {c: {} for c in PRONOUN_CASES}
    types = entity_types()
    for n, ln in lines(path):
        word, case, typs = cells(path, n, ln, 3, "pronoun, case, types")
        check(path, n, "pronoun case", case, PRONOUN_CASES)
        refs = tuple(t.strip() for t in typs.split(",") if t.strip())
        for t in refs:
            check(path, n, "entity type", t, types)
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
    for n, ln in lines(path):
        typ, ws = cells(path, n, ln, 2, "type, words")
        check(path, n, "entity type", typ, types)
        for w in words(ws):
            out[w] = out.get(w, ()) + (typ,)
    return out


def descriptions(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Head nouns of descriptions ("official", "newspaper") -> the entity types they refer to."""
    return _descriptions(lexicon_path("descriptions.tsv", folder))


@lru_cache(maxsize=8)
def _lemma_exceptions(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, ln in lines(path):
        lemma, ws = cells(path, n, ln, 2, "lemma, forms")
        if not lemma or lemma != lemma.lower() or " " in lemma:
            raise LexiconError(f"{path}:{n}: a lemma must be one lower-case word, got {lemma!r}")
        for w in words(ws):
            if w in out and out[w] != lemma:
                raise LexiconError(f"{path}:{n}: the form {w!r} is already given the lemma {out[w]!r}")
            out[w] = lemma
    return out


def lemma_exceptions(folder: Path | None = None) -> dict[str, str]:
    """Verb forms -> the lemma the pipeline's lemmatizer should give them (`lemmas.tsv`; a
    lexicon folder without the file has none)."""
    path = lexicon_path("lemmas.tsv", folder)
    return _lemma_exceptions(path) if path.exists() else {}


@lru_cache(maxsize=4)
def _cue_model(path: Path) -> tuple[dict[str, float], float]:
    weights: dict[str, float] = {}
    threshold = None
    for n, ln in lines(path):
        name, value = cells(path, n, ln, 2, "feature, weight")
        try:
            x = float(value)
        except ValueError:
            raise LexiconError(f"{path}:{n}: the weight of {name!r} is not a number: {value!r}") from None
        if not math.isfinite(x):
            raise LexiconError(f"{path}:{n}: the weight of {name!r} is not finite: {value!r}")
        if name == "@threshold":
            if not 0.0 < x < 1.0:
                raise LexiconError(f"{path}:{n}: the threshold must lie between 0 and 1, got {value}")
            threshold = x
        elif name in weights:
            raise LexiconError(f"{path}:{n}: the feature {name!r} has a weight already")
        else:
            weights[name] = x
    if threshold is None:
        raise LexiconError(f"{path}: no @threshold row")
    return weights, threshold


def cue_model(folder: Path | None = None) -> tuple[dict[str, float], float] | None:
    """The learned cue model of `cue_model.tsv` (feature -> weight, and the threshold of its
    `@threshold` row), or None for a lexicon folder without the file."""
    path = lexicon_path("cue_model.tsv", folder)
    return _cue_model(path) if path.exists() else None
