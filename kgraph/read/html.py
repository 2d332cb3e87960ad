"""Main text and metadata of a news web page, with a real HTML parser (selectolax/Lexbor).

The main text is the page's ``<article>`` (the longest, if several), else ``<main>``,
else ``<body>``, without scripts, styles, navigation, headers, footers, asides, forms,
figures and their captions, or elements whose class or id names them as share widgets,
newsletter boxes, cookie banners, adverts or related-story lists. Block elements
(paragraphs, headings, list items, ...) become blocks of text joined by blank lines;
``<br>`` becomes a newline inside a block.

The title (from the page's ``<h1>``, else ``og:title``, else ``<title>``) is the first
line of the text, followed by a blank line, just as in a ``.txt`` article; the ``<h1>``
itself is not repeated in the body.

>>> page = parse_html("<title>T</title><article><h1>Strike on Kharkiv</h1><p>Two died.</p></article>")
>>> page.title, page.text
('Strike on Kharkiv', 'Strike on Kharkiv\\n\\nTwo died.')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["HtmlContent", "parse_html"]

# Elements that never hold article prose.
_DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "figure", "figcaption", "iframe", "svg", "math", "button", "select", "input",
    "textarea", "label", "dialog", "menu", "object", "embed", "canvas", "video", "audio",
    "picture", "img", "map", "head", "title", "meta", "link",
))
# Page chrome an article's <h1> is never inside unless within <article>/<main>
# (a site logo often is an <h1> in the page header).
_CHROME_TAGS = frozenset(("header", "nav", "footer", "aside", "form"))
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
               "search", "menu", "menubar", "toolbar"}
# class/id words (split on space, '-' and '_') that mark page furniture.
_NOISE_WORDS = {
    "share", "sharing", "sharebar", "social", "socials", "related", "newsletter",
    "newsletters", "subscribe", "subscription", "cookie", "cookies", "consent", "gdpr",
    "advert", "advertisement", "adverts", "ad", "ads", "adslot", "adunit", "promo",
    "promoted", "sponsored", "breadcrumb", "breadcrumbs", "comments", "sidebar", "popup",
    "modal", "paywall", "outbrain", "taboola", "recommended", "trending", "tags",
}
_NOISE_SPLIT = re.compile(r"[\s_\-]+")
# Elements that start and end a block of text.
_BLOCK_TAGS = {
    "address", "article", "blockquote", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "html",
    "caption",
}
_CELL_TAGS = {"td", "th"}
# An element named like furniture but holding more than half of the main text, and at
# least this many characters, is kept (see _is_furniture).
_MAIN_TEXT_CHARS = 500
# Meta names/properties giving the publication date, best first.
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "publication_date", "date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published",
)
_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")


@dataclass(frozen=True)
class HtmlContent:
    """What :func:`parse_html` finds in a page. `published` is the raw value as written."""

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


def parse_html(html: str) -> HtmlContent:
    """Extract the main text, title, date, publisher and URL of an HTML page."""
    tree = LexborHTMLParser(html)
    meta = _meta_values(tree)
    linked = _json_ld(tree)
    publisher = _clean(meta.get("og:site_name")) or _clean(linked.get("publisher"))
    url = _canonical_url(tree) or _clean(meta.get("og:url")) or _clean(linked.get("url"))

    root = _main_root(tree)
    title_node = _title_node(tree, root)
    title = _clean(title_node.text(deep=True)) if title_node is not None else None
    title = (
        title
        or _clean(meta.get("og:title"))
        or _clean(meta.get("twitter:title"))
        or _clean(linked.get("headline"))
        or _strip_site_suffix(_clean(_node_text(tree.css_first("title"))), publisher)
    )
    published = _published(tree, root, meta, linked)

    text = ""
    if root is not None:
        skip = {title_node.mem_id} if title_node is not None else set()
        blocks = list(_blocks(root, skip))
        if title and blocks and _same(blocks[0], title):
            blocks.pop(0)
        if title:
            blocks.insert(0, title)
        text = "\n\n".join(blocks)
    elif title:
        text = title
    return HtmlContent(text=text, title=title, published=published, publisher=publisher, url=url)


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _node_text(node: LexborNode | None) -> str | None:
    return node.text(deep=True) if node is not None else None


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    """``<meta>`` content by lower-cased property/name/itemprop; the first one wins."""
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if content is None:
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(key_attr)
            if key:
                values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline, datePublished, publisher name and url from JSON-LD, if any."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "")
        except ValueError:
            continue  # a broken JSON-LD block is the page's problem, not a reason to fail
        for item in _ld_items(data):
            for key, field in (("headline", "headline"), ("datePublished", "published"),
                               ("url", "url")):
                value = item.get(key)
                if isinstance(value, str) and value.strip():
                    found.setdefault(field, value)
            publisher = item.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict):
                publisher = publisher.get("name")
            if isinstance(publisher, str) and publisher.strip():
                found.setdefault("publisher", publisher)
    return found


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD document that describe an article, best first."""
    stack = [data]
    items: list[dict[str, Any]] = []
    while stack:
        current = stack.pop(0)
        if isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            if "@graph" in current:
                stack.extend(current["@graph"] if isinstance(current["@graph"], list) else [])
            kind = current.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                items.insert(0, current)
            else:
                items.append(current)
    yield from items


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    for node in tree.css("link[rel][href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            return _clean(node.attributes.get("href"))
    return None


def _main_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The longest ``<article>``, else ``<main>``, else ``<body>``."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda node: len(node.text(deep=True) or ""))
    for selector in ("main", '[role="main"]'):
        node = tree.css_first(selector)
        if node is not None:
            return node
    return tree.body or tree.root


def _title_node(tree: LexborHTMLParser, root: LexborNode | None) -> LexborNode | None:
    """The ``<h1>`` that titles the article: the first in the main root, else in the page."""
    for scope in (root, tree.body):
        if scope is None:
            continue
        for node in scope.css("h1"):
            if _clean(node.text(deep=True)) and not _in_chrome(node):
                return node
    return None


def _in_chrome(node: LexborNode) -> bool:
    """Whether `node` sits in page chrome (a site header, nav, ...) outside any article."""
    in_chrome = False
    parent = node.parent
    while parent is not None:
        if parent.tag in ("article", "main"):
            return False
        in_chrome = in_chrome or parent.tag in _CHROME_TAGS
        parent = parent.parent
    return in_chrome


def _strip_site_suffix(title: str | None, publisher: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' when the tail is the publisher or a short name."""
    if not title:
        return title
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        if (publisher and _same(tail, publisher)) or (
            separator == " | " and len(tail.split()) <= 4
        ):
            return head.strip()
    return title


def _published(
    tree: LexborHTMLParser,
    root: LexborNode | None,
    meta: dict[str, str],
    linked: dict[str, str],
) -> str | None:
    for key in _DATE_KEYS:
        value = _clean(meta.get(key))
        if value:
            return value
    if linked.get("published"):
        return _clean(linked["published"])
    for scope in (root, tree.body):
        if scope is None:
            continue
        for node in scope.css("time"):
            value = _clean(node.attributes.get("datetime")) or (
                _clean(node.text(deep=True)) if "pubdate" in node.attributes else None
            )
            if value:
                return value
    return None


def _is_furniture(node: LexborNode, root_chars: int) -> bool:
    """Whether an element is page furniture: hidden, a chrome role, or named as such.

    A class/id name alone ("sidebar", "ad", "related") is not trusted for an element
    that holds most of a substantial main text: "content with-sidebar" is a layout,
    not an aside.
    """
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in _DROP_ROLES:
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not any(word in _NOISE_WORDS for word in _NOISE_SPLIT.split(names)):
        return False
    chars = len(node.text(deep=True) or "")
    return not (chars * 2 > root_chars and chars > _MAIN_TEXT_CHARS)


def _blocks(root: LexborNode, skip: set[int]) -> Iterator[str]:
    """Text blocks under `root` in document order, leaving out furniture and `skip`.

    `skip` holds ``mem_id``s of elements to leave out (the title's ``<h1>``). The walk
    is iterative, so deeply nested pages cannot exhaust the recursion limit.
    """
    buffer: list[str | None] = []  # text, or None for a <br>
    root_chars = len(root.text(deep=True) or "")

    def flush() -> Iterator[str]:
        pieces: list[list[str]] = [[]]
        for piece in buffer:
            if piece is None:
                pieces.append([])
            else:
                pieces[-1].append(piece)
        buffer.clear()
        lines = [" ".join("".join(line).split()) for line in pieces]
        block = "\n".join(line for line in lines if line)
        if block:
            yield block

    # The stack holds nodes still to enter, and "block"/"cell" markers for their ends.
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # the end of a block or cell
            if item == "cell":
                buffer.append(" ")
            else:
                yield from flush()
            continue
        node = item
        if node.is_text_node:
            buffer.append(node.text_content or "")
            continue
        if not node.is_element_node:
            continue  # comments and the like
        tag = node.tag or ""
        if node is not root and (
            tag in _DROP_TAGS or node.mem_id in skip or _is_furniture(node, root_chars)
        ):
            continue
        if tag == "br":
            buffer.append(None)
            continue
        if tag in _BLOCK_TAGS:
            yield from flush()
            stack.append("block")
        elif tag in _CELL_TAGS:
            stack.append("cell")
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
    yield from flush()
