"""Datelines: "ANKARA (Reuters) – ...", "MOSCOW, March 3 (AP) — ...", "KYIV, Ukraine — ...",
"New York (AFP) – ...".

A dateline opens a paragraph: a place in capitals (in title case only with an agency after
it), optionally a region or a date after a comma, optionally the relaying agency in
parentheses, then a dash. The place is where the
story was filed, the agency relays every statement after it (`reported_by`), and neither
is ever a speaker. For the parser the dash becomes a full stop (same length), so the
dateline is a sentence of its own and "Foreign Minister X said" keeps X as its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import word_classes

__all__ = ["Dateline", "find_datelines", "parse_ready"]

_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Za-z.'\u2019-]+(?:[ \t]+[A-Z][A-Za-z.'\u2019-]+){0,3})"
    r"(?:,[ \t]*(?P<extra>[A-Z][A-Za-z.]+(?:[ \t]+[A-Za-z0-9.]+){0,3}))?"
    r"(?:[ \t]*\((?P<outlet>[A-Z][\w&.' -]{0,40})\))?"
    r"[ \t]*(?P<dash>--|[\u2013\u2014\u2015-])[ \t]+(?=\S)"
)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the story's first sentence begins
    place: tuple[int, int]
    outlet: tuple[int, int] | None
    dash: tuple[int, int]


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    return word_classes()["news_agency"]


def find_datelines(text: str) -> list[Dateline]:
    """Datelines at the start of paragraphs; a place must be at least two capital letters."""
    out = []
    for m in _DATELINE_RE.finditer(text):
        place = m.group("place")
        if sum(ch.isalpha() for ch in place) < 2:
            continue
        if m.group("outlet") is None and m.group("extra") is None and (m.group("dash") == "-" or m.start() > 300):
            continue  # a bare "NATO - the alliance ..." inside an article is no dateline
        if not place.isupper() and m.group("outlet") not in _agencies():
            continue  # a place in title case only with a news agency: "New York (AFP) -", not "Sen. Cruz (R-Texas) -"
        out.append(
            Dateline(
                m.start("place"),
                m.end(),
                m.span("place"),
                m.span("outlet") if m.group("outlet") else None,
                m.span("dash"),
            )
        )
    return out


def parse_ready(text: str) -> str:
    """The text with each dateline's dash made a full stop (same length) for the parser."""
    lines = find_datelines(text)
    if not lines:
        return text
    chars = list(text)
    for d in lines:
        a, b = d.dash
        chars[a] = "."
        for i in range(a + 1, b):
            chars[i] = " "
    return "".join(chars)
