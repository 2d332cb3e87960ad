"""Quotation marks paired per paragraph (`find_quotes`): curly, straight and typewriter marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "\u201c"


CLOSE = "\u201d"


STRAIGHT = '"'


MARKS = {OPEN, CLOSE, STRAIGHT}


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` are the offsets of the words inside the marks."""

    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark (or the paragraph end when unclosed)
    start: int
    end: int
    closed: bool = True


def mark_direction(text: str, i: int, n: int = 1) -> str:
    """'open' or 'close' for a straight mark of `n` characters at `i`, from the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if before.isspace() or before in "([{\u2014\u2013-/":
        return "open" if not after.isspace() else "close"
    return "close"


def _direction(text: str, i: int, mark: str, ps: int, pe: int, open_mark: str | None) -> str:
    """Whether the mark at `i` (in the paragraph `ps`-`pe`) opens or closes a quotation, given
    the mark of the quotation open there, if any."""
    if mark == OPEN:
        if open_mark == OPEN and _closes_like_a_close(text, i, pe):
            return "close"  # '“Apparently not,“ he said': a typo for the closing mark
        return "open"
    if mark == "``":
        return "open"
    if mark == CLOSE:
        return "open" if not text[ps:i].strip() and i + 1 < pe and not text[i + 1].isspace() else "close"
    if open_mark == mark:
        return "close"  # straight marks alternate once one is open
    return mark_direction(text, i, len(mark))


def _closes_like_a_close(text: str, i: int, end: int) -> bool:
    """Whether the mark at `i` stands where a closing mark does: right after a word or its
    punctuation and before a space, punctuation or the paragraph's end."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


_MARK_RE = re.compile("''|``|[\u201c\u201d\"]")


def find_quotes(text: str) -> list[Quote]:
    """Quotations in `text`, paired paragraph by paragraph; never fails on unbalanced marks.

    Marks: curly double quotes, straight double quotes, and the typewriter pairs `` and ''.
    A closing curly mark at the start of a line, before a word, is taken as an opening one;
    an opening one where a closing one stands, while a quotation is open, as a closing one.
    """
    quotes: list[Quote] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for pi, (ps, pe) in enumerate(paragraphs):
        open_at: tuple[int, int, str] | None = None  # (offset, mark length, mark)
        for m in _MARK_RE.finditer(text, ps, pe):
            i, mark = m.start(), m.group()
            direction = _direction(text, i, mark, ps, pe, open_at[2] if open_at is not None else None)
            if direction == "open":
                open_at = (i, len(mark), mark)  # an earlier unclosed mark is dropped
            elif open_at is not None:
                _add_quote(quotes, text, open_at[0], open_at[1], i + len(mark), i)
                open_at = None
        if open_at is not None:
            # an unclosed quotation counts only when the next paragraph continues it
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt is not None and _MARK_RE.match(text[nxt[0] : nxt[1]].lstrip()[:2]):
                _add_quote(quotes, text, open_at[0], open_at[1], pe, pe, closed=False)
    return quotes


def _add_quote(
    quotes: list[Quote], text: str, open_at: int, mark_len: int, close: int, inner_end: int, closed: bool = True
) -> None:
    s, e = open_at + mark_len, inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        quotes.append(Quote(open_at, close, s, e, closed))
