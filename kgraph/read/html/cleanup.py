"""Clean-up passes over the blocks, in order: each drops what an extractor keeps inside the
right element (the title repeated, boilerplate lines, bylines, "Updated ..." lines)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kgraph.read.boilerplate import BoilerplateRules
from kgraph.read.html.blocks import Block
from kgraph.read.html.metadata import same

__all__ = ["PASSES"]

# A byline near the top: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Words by X".
# (The keyword in any case, the names capitalised: "By the time sirens stopped" is prose.)
_BYLINE = re.compile(
    r"(?i:(?:(?:written|words|reporting|story|text)\s+)?by)\s+"
    r"(?:[A-Z][\w.'’-]*|and|&|,|\s|de|van|von|al|bin|\||·|-|–|—)+"
    r"(?:\s*[,|·–—-]\s*.{0,60})?"
)
_BYLINE_WORDS = 14
# "Updated 12 March 2024", "Published: 10:32 GMT", "Last updated on Mar 3, 2023 at 9:00 a.m.":
# the keyword, then only date and time words (one other word at most: "| Kyiv").
_DATELINE = re.compile(
    r"(?:(?:last|first|originally)\s+)?(?:updated|published|posted|modified|edited)\b[\s:,]*", re.IGNORECASE
)
_DATE_TOKEN = re.compile(
    r"(?:\S*\d\S*|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|a\.?m\.?|p\.?m\.?|gmt|utc|bst|cet|cest|eet|eest|msk|ist|e[sd]?t|p[sd]?t|"
    r"on|at|ago|today|yesterday|hours?|hrs?|minutes?|mins?|days?|weeks?|and|updated|published|[|,·•/–—-])[.,]?",
    re.IGNORECASE,
)
_DATELINE_WORDS = 16
_HEAD_ZONE = 4  # bylines are looked for in the first blocks only


Pass = Callable[..., list[Block]]
PASSES: list[Pass] = []


def _register(fn: Pass) -> Pass:
    PASSES.append(fn)
    return fn


@_register
def _drop_title(blocks: list[Block], *, title: str | None, **_: Any) -> list[Block]:
    """The title is metadata: a block near the top that repeats it goes (it is line one)."""
    if not title:
        return blocks
    return [b for i, b in enumerate(blocks) if not (i < _HEAD_ZONE and same(b.text, title))]


@_register
def _drop_boilerplate(blocks: list[Block], *, rules: BoilerplateRules | None, **_: Any) -> list[Block]:
    """Lines the boilerplate rules name ("READ MORE: ...", "Subscribe to our newsletter")."""
    if rules is None:
        return blocks
    kept = []
    for b in blocks:
        lines = [line for line in b.text.split("\n") if not rules.is_boilerplate(line)]
        if lines:
            kept.append(Block(b.kind, "\n".join(lines), b.level))
    return kept


@_register
def _drop_bylines(blocks: list[Block], *, author: str | None, **_: Any) -> list[Block]:
    """A byline ("By Jane Doe, Reuters") in the first blocks, the author's name alone
    on a line, and "Updated 3 March 2024 10:00" lines anywhere."""
    kept = []
    for i, b in enumerate(blocks):
        words = len(b.text.split())
        if i < _HEAD_ZONE and words <= _BYLINE_WORDS and _BYLINE.fullmatch(b.text):
            continue
        if author and same(b.text, author):
            continue
        if words <= _DATELINE_WORDS and _is_dateline(b.text):
            continue
        kept.append(b)
    return kept


def _is_dateline(text: str) -> bool:
    """'Updated 12 November 2024, 10:32 GMT' yes; 'Published in 1998, the report ...' no."""
    match = _DATELINE.match(text)
    if match is None:
        return False
    rest = text[match.end() :].split()
    if not any(re.search(r"\d|ago|today|yesterday", token, re.IGNORECASE) for token in rest):
        return False
    return sum(_DATE_TOKEN.fullmatch(token) is None for token in rest) <= 1
