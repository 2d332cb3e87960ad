"""The article record every reader produces."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One article as read.

    `text` is the text as read (for a .txt file the whole file, title line included;
    for HTML the extracted main text), with boilerplate lines blanked out by spaces of
    the same length, so every character offset kgraph records points into the text as
    read. `body_start` is where the body begins (after a title line). `language` is None
    when the reader does not know it (a ``.txt`` file without metadata): such text is
    taken to be English.
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    publisher: str | None = None
    body_start: int = 0
    author: str | None = None  # as the page or metadata names them ("Jane Doe; John Roe")
    language: str | None = None  # ISO 639-1 code ("en", "de") or None when unknown

    @property
    def id(self) -> str:
        """Deterministic id: a slug of the source name plus a hash of the text."""
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]
        base = (self.url or self.source).rstrip("/").rsplit("/", 1)[-1]
        base = re.sub(r"\.(txt|html?|jsonl)$", "", base, flags=re.I)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()[:48] or "article"
        return f"{slug}-{digest}"
