"""Numbers with their qualifiers: "up to 11,000", "more than 3,000", "thousands of", ranges.

`find_quantities(text)` finds every quantity in plain text in one regular-expression pass
and returns `(start, end, Quantity)` triples; `parse_quantity(text)` reads one. The
qualifier words and what they bound (a maximum, a minimum, an approximation) and the
vague amounts ("thousands of" = at least 2,000) are data in the lexicon's `events.tsv`.

- "up to 11,000" -> value 11000, max 11000, qualifier "up to"
- "more than 3,000" / "over 200" -> value, min, qualifier as written
- "about 10,000" -> value 10000, qualifier "about"
- "thousands of" -> value None, min 2000, qualifier "thousands of"
- "10,000-12,000", "between 10,000 and 12,000", "from 10 to 12" -> value None, min, max,
  qualifier "between"
- "1.5 million", "a dozen", "three hundred", "a 5,000-strong force" -> value
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import event_rows, lexicon_dir
from .dates import TimeExpression, find_dates
from .numbers import UNIT_WORDS as _UNITS
from .records import Quantity
from .word_starts import matches_at_words

__all__ = ["QuantityLexicon", "find_quantities", "lexicon_rows", "load_quantity_lexicon", "parse_quantity"]

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion"
# a number: digits (with thousands separators or decimals) or number words (whole words:
# not the "ten" of "tenure"), with an optional scale
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})\b(?:[\s-](?:{_WORD})\b)?|a\s+dozen|a\s+(?:{_SCALE}))"
    rf"(?:\s+(?:{_SCALE}))?(?:\s+dozen)?"
)
_RANGE_SEP = r"\s*(?:-|–|—|to)\s*"


def lexicon_rows(kind: str) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """Rows of the lexicon's `events.tsv` of one kind: (name, pos, words, arg)."""
    return event_rows(kind)


@dataclass(frozen=True)
class QuantityLexicon:
    qualifiers: dict[str, str]  # phrase -> "max" | "min" | "approx"
    vague: dict[str, int]  # phrase -> least value implied
    regex: re.Pattern
    first_words: frozenset[str]  # the words a quantity can start with (besides digits)


def load_quantity_lexicon() -> QuantityLexicon:
    """Qualifier and vague-amount phrases, and the regular expression built from them (cached)."""
    return _quantity_lexicon(lexicon_dir())


@lru_cache(maxsize=8)
def _quantity_lexicon(folder: Path) -> QuantityLexicon:
    qualifiers = {w: name for name, _pos, words, _arg in event_rows("qualifier", folder) for w in words}
    vague = {w: int(name) for name, _pos, words, _arg in event_rows("vague", folder) for w in words}

    def alt(phrases):
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))

    pattern = (
        rf"\b(?:(?P<vague>{alt(vague)})"
        rf"|between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})"
        rf"|from\s+(?P<f1>{_NUMBER})\s+to\s+(?P<f2>{_NUMBER})"
        rf"|(?:(?P<qual>{alt(qualifiers)})\s+)?(?P<n1>{_NUMBER})(?:{_RANGE_SEP}(?P<n2>{_NUMBER}))?"
        rf"(?P<strong>-strong)?)(?![\w,]*\d)"
    )
    phrases = [*qualifiers, *vague, *_UNITS, *_TENS, "a", "between", "from"]
    starts = [_TOKEN.match(p) for p in phrases]  # the word each phrase starts with ("approx." -> approx)
    first = frozenset() if None in starts else frozenset(m.group().lower() for m in starts)
    # (a phrase that starts with no word character: the expression is tried at every word)
    return QuantityLexicon(qualifiers, vague, re.compile(pattern, re.IGNORECASE), first)


_TOKEN = re.compile(r"\w+")


def _matches(text: str, lex: QuantityLexicon):
    """`lex.regex.finditer(text)`, trying the expression only at a word a quantity may
    start with (a digit or one of `lex.first_words`): the same matches, several times faster."""
    if not lex.first_words:
        return lex.regex.finditer(text)
    return matches_at_words(lex.regex, text, lex.first_words)


def _addend(w: str) -> float | None:
    """What a number word adds to the running value: digits ("11,000", "1.5"), "a", units, tens."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", w):
        return float(w.replace(",", ""))
    if w in ("a", "an"):
        return 1
    if w in _UNITS:
        return _UNITS[w]
    return _TENS.get(w)


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ("11,000", "1.5 million", "three hundred")."""
    words = re.split(r"[\s-]+", text.strip().lower())
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if not w or w == "and":
            continue
        add = _addend(w)
        if add is not None:
            current += add
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None
        seen = True
    if not seen:
        return None
    v = total + current
    return int(v) if float(v).is_integer() else v


def _quantity(m: re.Match, lex: QuantityLexicon) -> Quantity | None:
    text = re.sub(r"\s+", " ", m.group(0))
    if m.group("vague"):
        phrase = re.sub(r"\s+", " ", m.group("vague").lower())
        return Quantity(None, min_value=lex.vague[phrase], qualifier=phrase, text=text)
    for a, b in (("b1", "b2"), ("f1", "f2"), ("n1", "n2")):
        if m.group(a) and m.group(b):
            lo, hi = number_value(m.group(a)), number_value(m.group(b))
            if lo is None or hi is None:
                return None
            if hi < lo and hi < 1000 <= lo:  # "10,000-12" is not a range
                return None
            return Quantity(None, min_value=lo, max_value=hi, qualifier="between", text=text)
    v = number_value(m.group("n1"))
    if v is None:
        return None
    qual = re.sub(r"\s+", " ", m.group("qual").lower()) if m.group("qual") else None
    bound = lex.qualifiers.get(qual or "")
    return Quantity(
        v, min_value=v if bound == "min" else None, max_value=v if bound == "max" else None, qualifier=qual, text=text
    )


def find_quantities(text: str, dates: Sequence[TimeExpression] | None = None) -> list[tuple[int, int, Quantity]]:
    """Every quantity in `text` as (start, end, Quantity), dates and times left out.

    `dates` are the time expressions of `text` when the caller has found them already.
    """
    lex = load_quantity_lexicon()
    dates = [(d.start, d.end) for d in (find_dates(text) if dates is None else dates)]
    out = []
    for m in _matches(text, lex):
        s, e = m.span()
        if any(ds < e and s < de for ds, de in dates):
            continue
        if m.group("n1") and not m.group("qual") and not m.group("n2"):
            n1 = m.group("n1").lower()
            if n1 in ("a", "an", "one") or (text[s - 1 : s] in ("$", "£", "€")):
                continue
        q = _quantity(m, lex)
        if q is not None:
            out.append((s, e, q))
    return out


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in `text` ("up to 11,000 troops" -> 11000, "up to"), or None."""
    found = find_quantities(text)
    return found[0][2] if found else None
