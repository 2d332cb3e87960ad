"""Text as the store index sees it: words, index terms (lemmas, stop words out), the
comparable form of a name, and FTS5 match expressions built from index terms only."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

__all__ = ["analyse", "fts_query", "name_key", "stop_words", "words"]


# -- text analysis -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from its data module without importing spaCy
    (whose import costs seconds); an empty set when spaCy is not installed."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    scope: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), scope)  # a data module: one set literal
    words = {w.replace("\u2019", "'") for w in scope["STOP_WORDS"]}
    return frozenset(words | {"'s", "s"})


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_lemma_cache: dict[str, str] = {}


def _fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"'[sS]$")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def words(text: str) -> list[str]:
    """The words of `text`, accents removed, possessives cut ("Turkey's" -> "Turkey"), case kept."""
    return [_POSSESSIVE.sub("", w) if "'" in w else w for w in _WORD.findall(_fold(text))]


def _lemmatize(word: str, lookup=None) -> str:
    low = word.lower()
    hit = _lemma_cache.get(low)
    if hit is not None:
        return hit
    lemma = lookup(low) if lookup is not None else None
    if lemma is None:
        import simplemma  # loads its English dictionary on first use (about 0.4 s)

        lemma = simplemma.lemmatize(low, lang="en").lower()
        lemma = re.sub(r"[^a-z0-9]", "", _fold(lemma)) or low
        if lemma == low and low.endswith("ans") and len(low) > 5:  # plural demonyms: "Koreans" -> "korean"
            lemma = low[:-1]
    _lemma_cache[low] = lemma
    return lemma


def analyse(text: str, lookup=None, seen: dict | None = None) -> list[str]:
    """Index terms of a text: words lower-cased and lemmatised, stop words out; an
    all-capitals word of two or more letters ("US", "UN") is kept even when its lower
    case is a stop word. `lookup(word) -> lemma | None` can answer before the lemmatiser."""
    stops = stop_words()
    out = []
    for w in words(text):
        low = w.lower()
        flat = low if low.isalnum() and low.isascii() else _NON_ALNUM.sub("", low)
        if not flat:
            continue
        if w.isupper() and len(w) > 1 and flat.isalpha():  # an acronym: "US", "UN", "NATO"
            out.append(flat)
        elif low not in stops and flat not in stops:
            lemma = _lemmatize(flat, lookup)
            if seen is not None:
                seen[flat] = lemma
            out.append(lemma)
    return out


# -- names -------------------------------------------------------------------------------
_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii|y|i)$")
_LEADING = {"the", "a", "an"}


def _token(tok: str) -> str:
    tok = re.sub(r"'s$", "", tok)
    return _ENDING.sub("i", tok) if len(tok) > 3 else tok


def name_key(name: str) -> tuple[str, ...]:
    """A name's comparable form: ascii, lower case, words, transliteration endings folded.

    >>> name_key("Volodymyr Zelenskyy") == name_key("volodymyr zelenskiy")
    True
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    ws = [_token(w) for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)]
    while len(ws) > 1 and ws[0] in _LEADING:
        ws = ws[1:]
    return tuple(w for w in ws if w)


def fts_query(terms: Iterable[str], op: str = "OR", column: str | None = None) -> str:
    """An FTS5 match expression of analysed terms (each quoted; terms are [a-z0-9] only)."""
    safe = [t for t in dict.fromkeys(terms) if re.fullmatch(r"[a-z0-9]+", t)]
    if not safe:
        return ""
    body = f" {op} ".join(f'"{t}"' for t in safe)
    return f"{{{column}}} : ({body})" if column else body
