"""Where the lexicon folder is, and the reading of its files: data lines, tab-separated cells,
values checked against a closed set (an error names file and line)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..errors import KGraphError
from ..paths import ontology_dir

__all__ = ["LANG", "LexiconError", "cells", "check", "lexicon_dir", "lexicon_path", "lines", "words"]

LANG = "en"
_PACKAGED = Path(__file__).resolve().parent.parent.parent / "ontology" / "lexicon"


class LexiconError(KGraphError):
    """A lexicon file is missing, unreadable or has a row with an unknown class, kind, slot or type."""


def lexicon_dir(lang: str = LANG) -> Path:
    """The lexicon folder: `$KGRAPH_LEXICON_DIR`, else `<ontology>/lexicon/<lang>` (the shipped
    one when the ontology folder has no lexicon)."""
    env = os.environ.get("KGRAPH_LEXICON_DIR")
    if env:
        return Path(env)
    return _lexicon_dir(ontology_dir(), lang)


@lru_cache(maxsize=16)
def _lexicon_dir(ontology: Path, lang: str) -> Path:
    # looked up once per ontology folder: the extractors ask for it per article and per token
    path = ontology / "lexicon" / lang
    return path if path.is_dir() else _PACKAGED / lang


def lexicon_path(name: str, folder: Path | None = None) -> Path:
    """The path of one lexicon file (which need not exist)."""
    return (folder or lexicon_dir()) / name


def words(cell: str) -> tuple[str, ...]:
    """The words of a `|`-separated cell, stripped, empty ones dropped."""
    return tuple(w.strip() for w in cell.split("|") if w.strip())


@lru_cache(maxsize=64)
def lines(path: Path) -> tuple[tuple[int, str], ...]:
    """(line number, line) of the data lines of a file: blank lines and `#` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"lexicon file not readable: {path}: {exc.strerror or exc}") from exc
    return tuple((n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#"))


def cells(path: Path, n: int, ln: str, count: int, names: str) -> list[str]:
    """The `count` cells of line `n`, stripped; another number of cells is an error naming file and line."""
    found = [c.strip() for c in ln.split("\t")]
    if len(found) != count:
        raise LexiconError(f"{path}:{n}: expected {count} tab-separated cells ({names}), got {len(found)}")
    return found


def check(path: Path, n: int, what: str, value: str, valid) -> None:
    """`value` must be one of `valid`; else an error naming file, line and the valid values."""
    if value not in valid:
        raise LexiconError(f"{path}:{n}: unknown {what} {value!r}; valid: {', '.join(sorted(valid))}")
