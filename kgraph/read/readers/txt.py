"""``.txt``: the whole file is the text; its first non-empty line is the title."""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.errors import InputError
from kgraph.read.article import Article
from kgraph.read.boilerplate import BoilerplateRules
from kgraph.read.html import normalise_language
from kgraph.read.readers.fields import normalise_date, same, title_line

__all__ = ["read_txt"]


def read_txt(
    text: str, name: str, *, meta: dict[str, str], override: str | None, rules: BoilerplateRules, **_: object
) -> Iterator[Article]:
    """The article of a text file: boilerplate blanked; the first line is the title (the sidecar's
    title replaces it, and when the file does not start with that title all of it is body)."""
    blanked = rules.blank(text)
    if not blanked.strip():
        raise InputError(f"{name}: has only boilerplate, no article text")
    title, body_start = title_line(blanked)
    if meta.get("title"):
        if title is None or not same(title, meta["title"]):
            body_start = 0  # the file has no title line: all of it is body
        title = meta["title"]
    yield Article(
        source=name,
        text=blanked,
        title=title,
        url=meta.get("url"),
        published=override or normalise_date(meta.get("published")),
        publisher=meta.get("publisher"),
        body_start=body_start,
        author=meta.get("author"),
        language=normalise_language(meta.get("language")),
    )
