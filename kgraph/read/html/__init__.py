"""Main text and metadata of a news web page, extracted with trafilatura.

trafilatura (the best-scoring open main-text extractor on the article-extraction
benchmark) finds the article's main text; kgraph keeps its own contract around it:

- the text is the main text as blocks (paragraphs, headings, list items, table rows,
  quotations) joined by blank lines, a ``<br>`` a newline inside a block;
- the title is metadata: it is the first line of the text (as in a ``.txt`` article),
  and a heading of the body that repeats it is dropped, so it is never a body sentence;
- small general passes then drop what an extractor keeps inside the right element:
  boilerplate lines (the rules of :mod:`kgraph.read.boilerplate`), bylines near the
  top, "Updated ..." lines and the author's name alone on a line.

Metadata: title (the article's ``<h1>``, else trafilatura's: ``og:title``, ``<title>``
...), publication date (htmldate on the page's markup only: meta tags, JSON-LD,
``<time>``, the URL; never a guess from the text, so a page without a date says so),
author, publisher (site name), canonical URL and language (the page text's, identified
by py3langid; the declared ``<html lang>`` when the text is too short to tell).

The package: `tree.py` (lxml tree, link furniture, trafilatura), `blocks.py` (text
blocks), `cleanup.py` (the clean-up passes, in order), `metadata.py` (language, title,
URL, JSON-LD).

>>> page = parse_html("<title>T</title><article><h1>Strike on Kharkiv</h1><p>Two died.</p></article>")
>>> page.title, page.text
('Strike on Kharkiv', 'Strike on Kharkiv\\n\\nTwo died.')
"""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.read.boilerplate import BoilerplateRules
from kgraph.read.html.blocks import Block, body_blocks, lexbor_blocks, page_blocks
from kgraph.read.html.cleanup import PASSES
from kgraph.read.html.metadata import (
    article_h1,
    canonical_url,
    clean,
    declared_language,
    detect_language,
    json_ld,
    meta_values,
    normalise_language,
    strip_site_suffix,
)
from kgraph.read.html.tree import EXTRACT_OPTIONS, drop_link_furniture, extract, parse_tree, separate_blocks

__all__ = ["EXTRACT_OPTIONS", "HtmlContent", "detect_language", "normalise_language", "parse_html"]


@dataclass(frozen=True)
class HtmlContent:
    """What :func:`parse_html` finds in a page.

    `published` is an ISO date (``YYYY-MM-DD``) or None when the page gives none;
    `language` a lower-case ISO 639-1 code ("en", "de") or None when unknown.
    """

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None


def parse_html(html: str, *, url: str | None = None, rules: BoilerplateRules | None = None) -> HtmlContent:
    """Extract the main text, title, date, author, publisher, URL and language of a page.

    `url` is where the page came from, when known (it helps find the date); `rules`
    drops boilerplate lines from the text (default: none dropped here; the reader blanks
    them afterwards).
    """
    tree = parse_tree(html)
    if tree is None:
        return HtmlContent(text="")
    if not tree.text_content().strip():  # a page lxml could not read (nested too deep)
        blocks = lexbor_blocks(html)
        return HtmlContent(text="\n\n".join(b.text for b in blocks))
    declared = declared_language(tree)
    canonical = canonical_url(tree)
    h1_title = article_h1(tree)
    linked = json_ld(tree)
    meta_names = meta_values(tree)
    drop_link_furniture(tree)
    separate_blocks(tree)

    doc = extract(tree, url)
    site = clean(meta_names.get("og:site_name"))
    title = (
        h1_title
        or clean(meta_names.get("og:title"))
        or clean(meta_names.get("twitter:title"))
        or clean(linked.get("headline"))
        or strip_site_suffix(clean(tree.findtext(".//title")), site or clean(linked.get("publisher")))
        or (clean(doc.title) if doc is not None else None)
    )
    author = clean(doc.author) if doc is not None else None
    blocks: list[Block] = []
    # trafilatura's main text, else (a page too small for it) the page without its chrome.
    for source in (
        lambda: body_blocks(doc.body) if doc is not None and doc.body is not None else [],
        lambda: page_blocks(html),
    ):
        blocks = source()
        for cleanup in PASSES:
            blocks = cleanup(blocks, title=title, author=author, rules=rules)
        if blocks:
            break
    body = [b.text for b in blocks]
    text = "\n\n".join(([title] if title else []) + body)
    publisher = site or clean(linked.get("publisher")) or (clean(doc.sitename) if doc is not None else None)
    page_url = canonical or (clean(doc.url) if doc is not None else None) or clean(linked.get("url"))
    published = (doc.date if doc is not None else None) or clean(linked.get("published"))
    language = detect_language("\n".join(body)) or declared
    return HtmlContent(
        text=text, title=title, published=published, publisher=publisher, url=page_url, author=author, language=language
    )
