"""The input formats, one module each, in a registry: a file suffix names a format, and the
format's reader turns the decoded text into articles.

Adding a format is a module with its reader and one registration at the end of this file
(as rdflib's ``plugin.register`` adds a parser)::

    def read_markdown(text, name, *, meta, override, rules, key=None, unchanged=None):
        yield Article(...)

    register("md", (".md",), read_markdown)

A reader gets the text as read (decoded, newlines normalised), the name used in messages,
the sidecar metadata (``NAME.meta.json``, for formats of one article a file), the override
date, the boilerplate rules, the article key and the `unchanged` callback (see
:func:`kgraph.read.iter_articles`); it yields :class:`~kgraph.read.article.Article` records,
:class:`~kgraph.read.article.Unchanged` ones, and a bad record of a many-article file as an
:class:`~kgraph.errors.InputError` value; a bad file raises it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kgraph.errors import InputError
from kgraph.read.article import Article, Unchanged
from kgraph.read.readers.html import read_html
from kgraph.read.readers.jsonl import read_jsonl
from kgraph.read.readers.txt import read_txt

__all__ = ["FORMATS", "SUFFIXES", "Format", "Reader", "register", "supported", "suffix_list"]

Item = Article | Unchanged | InputError
Reader = Callable[..., Iterator[Item]]


@dataclass(frozen=True)
class Format:
    """One input format: its reader, whether a file is one article (then it is hashed before
    parsing and may have a ``NAME.meta.json`` sidecar), and whether an HTML ``<meta charset>``
    may say how to decode it."""

    kind: str
    suffixes: tuple[str, ...]
    read: Reader
    one_article: bool = True
    declared_charset: bool = False


#: Format name -> Format, in registration order.
FORMATS: dict[str, Format] = {}
#: File suffixes read (case-insensitive) and the format each means.
SUFFIXES: dict[str, str] = {}


def register(kind: str, suffixes: tuple[str, ...], read: Reader, **options: bool) -> None:
    """Register `read` as the reader of format `kind`, for files ending in `suffixes` (see
    :class:`Format` for the options)."""
    FORMATS[kind] = Format(kind, suffixes, read, **options)
    SUFFIXES.update(dict.fromkeys(suffixes, kind))


def suffix_list() -> str:
    """'.txt, .html, .htm or .jsonl': the suffixes read."""
    *first, last = SUFFIXES
    return f"{', '.join(first)} or {last}" if first else last


def supported() -> str:
    """What a path may be: '.txt, .html, .htm, .jsonl, a folder, or - for stdin'."""
    return f"{', '.join(SUFFIXES)}, a folder, or - for stdin"


# the formats, in the order messages list them
register("txt", (".txt",), read_txt)
register("html", (".html", ".htm"), read_html, declared_charset=True)
register("jsonl", (".jsonl",), read_jsonl, one_article=False)
