"""``.html``/``.htm``: the main text of the page (:mod:`kgraph.read.html`), title line first;
metadata from the page, a sidecar ``NAME.meta.json`` overriding it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from kgraph.errors import InputError
from kgraph.read.article import Article
from kgraph.read.boilerplate import BoilerplateRules
from kgraph.read.html import normalise_language, parse_html
from kgraph.read.readers.fields import normalise_date

__all__ = ["read_html"]

_log = logging.getLogger(__name__)


def read_html(
    html: str, name: str, *, meta: dict[str, str], override: str | None, rules: BoilerplateRules, **_: object
) -> Iterator[Article]:
    """The article of a web page; a page with no date says so (relative dates stay unresolved)."""
    page = parse_html(html, url=meta.get("url"), rules=rules)
    blanked = rules.blank(page.text)
    title = page.title
    body_start = 0
    if title and blanked.startswith(title + "\n"):
        body_start = len(title) + 1
    elif title and blanked == title:
        body_start = len(title)
    if not blanked[body_start:].strip():
        raise InputError(f"{name}: no article text found in the HTML")
    published = override or normalise_date(meta.get("published") or page.published)
    if published is None:
        _log.info(
            '%s: the page gives no publication date; relative dates ("next week") '
            "are left unresolved (give one with --published)",
            name,
        )
    yield Article(
        source=name,
        text=blanked,
        title=meta.get("title") or title,
        url=meta.get("url") or page.url,
        published=published,
        publisher=meta.get("publisher") or page.publisher,
        body_start=body_start,
        author=meta.get("author") or page.author,
        language=normalise_language(meta.get("language")) or page.language,
    )
