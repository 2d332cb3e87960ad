"""Trying a regular expression only where a word may start a match: `matches_at_words`, for
the time expressions (`dates`) and quantities (`quantities`) whose every match starts a
word that begins with a digit or is one of a few first words."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["matches_at_words"]

_WORD = re.compile(r"\w+")


def matches_at_words(pattern: re.Pattern, text: str, first_words: frozenset[str]):
    """`pattern.finditer(text)` for a pattern whose every match starts a word that begins with
    a digit or is one of `first_words` (lower case): the pattern is tried only at such words,
    which finds the same matches several times faster than trying it everywhere."""
    low = text.lower()
    starts = _word_starts(first_words)
    if starts is None or len(low) != len(text):
        starts, low = _WORD, text  # every word, checked one by one below
    end = 0
    for start in starts.finditer(low):
        pos = start.start()
        if pos < end:
            continue
        w = _WORD.match(text, pos).group()
        if not (w[0].isdigit() or w.lower() in first_words):
            continue
        m = pattern.match(text, pos)
        if m is not None:
            yield m
            end = m.end()


@lru_cache(maxsize=8)
def _word_starts(first_words: frozenset[str]) -> re.Pattern | None:
    """An expression the regex engine finds, in the lower-cased text, the words
    `matches_at_words` tries with (and maybe a few more: each is checked again): a word
    starting with a character other than a lower-case ASCII letter (a digit), or one of
    `first_words` (a prefix tree of them). Lower-casing keeps every character a word
    character or not and the text's length, except for U+0130 (the text is then read
    word by word). None when a first word is not ASCII."""
    words = [w for w in first_words if _WORD.fullmatch(w)]
    if not all(w.isascii() for w in first_words):
        return None
    return re.compile(rf"\b(?:[^\W_a-z]|{_prefix_tree(words)}\b)" if words else r"\b[^\W_a-z]")


def _prefix_tree(words: list[str]) -> str:
    """A regular expression matching exactly `words` (none empty), as a tree of their letters."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        by_first.setdefault(w[0], []).append(w[1:])
    alternatives = []
    for first, rests in by_first.items():
        longer = [r for r in rests if r]
        tail = _prefix_tree(longer) if longer else ""
        if longer and len(longer) < len(rests):
            tail = f"(?:{tail})?"  # the word may end here too
        alternatives.append(re.escape(first) + tail)
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
