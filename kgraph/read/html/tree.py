"""The page as an lxml tree, cleaned for the extractor (teaser cards and link lists dropped,
block elements kept apart), and trafilatura's extraction of it."""

from __future__ import annotations

import re
import warnings
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["EXTRACT_OPTIONS", "drop_link_furniture", "extract", "parse_tree", "separate_blocks"]

#: trafilatura's settings: precision first (teasers, related links and comments are
#: what turns into false speakers), tables kept (casualty tables are content).
EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": True,
    # Dates from markup only: the "extensive" search turns "© 2023" into 2023-01-01.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
# HTML elements given whitespace around them before extraction, so that text in
# nested blocks ("a bus stop.<div>Emergency crews") does not run together.
_HTML_BLOCKS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "td",
        "th",
        "tr",
        "table",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "pre",
    )
)
_CARD_MAX_CHARS = 500  # a teaser card: a linked headline and a line or two
_LINK_SHARE = 0.9  # an element this much link text is a link


def parse_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree (fragments too), or None when it has no elements."""
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, huge_tree=True)
    # An XML declaration with an encoding is refused in a str: drop it (we decoded already).
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def extract(tree: lxml.html.HtmlElement, url: str | None):
    """trafilatura's document for the page (text body and metadata), or None."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS)
        except (ValueError, TypeError, etree.LxmlError):  # pragma: no cover - a page trafilatura chokes on
            return None


def drop_link_furniture(tree: lxml.html.HtmlElement) -> None:
    """Drop teaser cards and link lists before extraction.

    A teaser card is a short ``<article>`` whose headings are links to other pages
    (related stories, "more news"): an extractor looking for ``<article>`` takes it for
    the story, and the page's own article never has its headline as a link. A link
    list is a ``<ul>``/``<ol>`` whose every item is a link ("You may also like",
    most-read lists): prose is never written that way.
    """
    doomed = []
    for node in tree.iter("article"):
        text = " ".join(node.text_content().split())
        if not text or len(text) > _CARD_MAX_CHARS:
            continue
        heads = list(node.iter("h1", "h2", "h3", "h4", "h5", "h6"))
        if heads and all(_is_link(h) for h in heads):
            doomed.append(node)
    for node in tree.iter("ul", "ol"):
        items = [li for li in node if li.tag == "li"]
        if len(items) >= 2 and all(_is_link(li) for li in items):
            doomed.append(node)
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()


def _is_link(node: lxml.html.HtmlElement) -> bool:
    """Whether (nearly) all of `node`'s text is the text of links."""
    if any(a.get("href") for a in node.iterancestors("a")):
        return True
    text = len("".join(node.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in node.iter("a") if a.get("href"))
    return text > 0 and linked >= _LINK_SHARE * text


def separate_blocks(tree: lxml.html.HtmlElement) -> None:
    """Put a space at the start of a block element's text and tail where there is none,
    so that an extractor joining their texts keeps the words apart ("a bus
    stop.<div>Emergency crews")."""
    for node in tree.iter(*_HTML_BLOCKS):
        if node.text and not node.text[:1].isspace():
            node.text = " " + node.text
        if node.tail and not node.tail[:1].isspace():
            node.tail = " " + node.tail
