"""The word lists of the entity rules: titles, the classes of `nouns.tsv` and `words.tsv`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...lexicon import lexicon_dir, noun_classes, titles, word_classes

__all__ = ["Lexicon", "given_names", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    max_title_words: int
    force_nouns: frozenset[str]
    group_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    org_words: frozenset[str]
    institution_nouns: frozenset[str]
    person_nouns: frozenset[str] = frozenset()
    admin_nouns: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # every class of nouns.tsv
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # every class of words.tsv
    force_name: re.Pattern = re.compile(r"(?!)")  # a word that makes a name a force's ("Forces")
    demonym_suffix: re.Pattern = re.compile(r"(?!)")  # endings cut from a nationality word


def load_lexicon() -> Lexicon:
    """Titles and force/group nouns of the lexicon (`titles.txt`, `nouns.tsv`), cached per folder."""
    return _lexicon(lexicon_dir())


@lru_cache(maxsize=8)
def _lexicon(folder: Path) -> Lexicon:
    t = titles(folder)
    classes = noun_classes(folder)
    words = word_classes(folder)
    return Lexicon(
        t,
        max(len(x.split()) for x in t),
        classes["force"],
        classes["group"],
        classes["facility"],
        classes["org"],
        classes["institution"],
        classes["person"],
        classes["admin"],
        classes["state"],
        classes["notname"],
        classes["event"],
        classes,
        words,
        re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(words["force_name_word"], key=len, reverse=True))) + r")\b"
        ),
        re.compile("(?:" + "|".join(map(re.escape, sorted(words["demonym_suffix"], key=len, reverse=True))) + ")$"),
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of many countries (gender-guesser's name list; its genders are not used)."""
    from ..gender import name_detector

    try:
        detector = name_detector()  # the one the pronoun rules read genders from
    except ImportError:  # pragma: no cover - declared dependency
        return frozenset()
    return frozenset(n for n in detector.names if len(n) > 2)
