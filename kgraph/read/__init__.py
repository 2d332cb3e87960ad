"""The reading stage: files, folders and stdin in, :class:`Article` records out.

>>> from kgraph.read import read_all
>>> articles = read_all(["seeds/"])  # doctest: +SKIP
"""

from __future__ import annotations

from kgraph.read.article import Article
from kgraph.read.boilerplate import (
    BoilerplateRules,
    blank_boilerplate,
    boilerplate_spans,
    is_boilerplate,
    load_rules,
)
from kgraph.read.html import HtmlContent, parse_html
from kgraph.read.sources import (
    DEFAULT_MAX_BYTES,
    SUFFIXES,
    count_articles,
    iter_articles,
    normalise_date,
    read_all,
    read_path,
    read_paths,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "Article",
    "BoilerplateRules",
    "HtmlContent",
    "blank_boilerplate",
    "boilerplate_spans",
    "count_articles",
    "is_boilerplate",
    "iter_articles",
    "load_rules",
    "normalise_date",
    "parse_html",
    "read_all",
    "read_path",
    "read_paths",
]
