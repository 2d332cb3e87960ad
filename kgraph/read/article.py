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
    #: The article's identity, set by the reader: ``id:VALUE`` for the ``id`` a JSON line
    #: gives (else its URL, else file and line), a file's normalised path, a fetched page's
    #: URL. None: the URL or source, or for text without either (stdin) the text itself.
    key: str | None = None
    #: SHA-256 of the input the reader made the article from (the file's bytes and its
    #: sidecar's, or the JSON line, and the date given to override), if it knows it.
    input_hash: str | None = None

    @property
    def identity(self) -> str:
        """What makes two readings the same article: re-reading it with a changed text or
        changed metadata gives the same identity, so the new graph replaces the old."""
        if self.key:
            return self.key
        if self.source.startswith("<") and not self.url:  # stdin: no source to name it by
            return "text:" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()
        return self.url or self.source

    @property
    def id(self) -> str:
        """Deterministic id from the identity (never from the text), see :func:`article_id`."""
        return article_id(self.identity, None if self.key else self.url or self.source)


def article_id(identity: str, name: str | None = None) -> str:
    """A slug of the article's name (`name`, else the last part of the identity: a file's
    name, a URL's last segment, a JSONL id) plus a hash of its identity."""
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]
    base = name or (identity[3:] if identity.startswith("id:") else identity)
    base = base.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"\.(txt|html?|jsonl)$", "", base, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()[:48] or "article"
    return f"{slug}-{digest}"


@dataclass(frozen=True)
class Unchanged:
    """An article the reader did not parse because the caller said its input is unchanged
    (see ``iter_articles(..., unchanged=...)``)."""

    source: str
    key: str
    input_hash: str
    words: int = 0

    @property
    def id(self) -> str:
        return article_id(self.key)
