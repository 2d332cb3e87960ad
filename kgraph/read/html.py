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

>>> page = parse_html("<title>T</title><article><h1>Strike on Kharkiv</h1><p>Two died.</p></article>")
>>> page.title, page.text
('Strike on Kharkiv', 'Strike on Kharkiv\\n\\nTwo died.')
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from kgraph.read.boilerplate import BoilerplateRules

__all__ = ["HtmlContent", "detect_language", "parse_html"]

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
# Elements of trafilatura's output that start and end a block of text.
# (HTML's own block elements too, for the last resort of reading the page as it is.)
_BLOCKS = frozenset(
    (
        "p",
        "head",
        "quote",
        "item",
        "row",
        "code",
        "list",
        "table",
        "div",
        "section",
        "article",
        "main",
        "body",
        "ab",
        "note",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "pre",
        "center",
        "details",
        "summary",
        "address",
    )
)
# Elements never read in the last resort.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "figure",
    "title",
    "meta",
    "link",
)
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
_CHROME = frozenset(("header", "nav", "footer", "aside", "form"))
# A byline near the top: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Words by X".
# (The keyword in any case, the names capitalised: "By the time sirens stopped" is prose.)
_BYLINE = re.compile(
    r"(?i:(?:(?:written|words|reporting|story|text)\s+)?by)\s+"
    r"(?:[A-Z][\w.'’-]*|and|&|,|\s|de|van|von|al|bin|\||·|-|–|—)+"
    r"(?:\s*[,|·–—-]\s*.{0,60})?"
)
_BYLINE_WORDS = 14
# "Updated 12 March 2024", "Published: 10:32 GMT", "Last updated on Mar 3, 2023 at 9:00 a.m.":
# the keyword, then only date and time words (one other word at most: "| Kyiv").
_DATELINE = re.compile(
    r"(?:(?:last|first|originally)\s+)?(?:updated|published|posted|modified|edited)\b[\s:,]*", re.IGNORECASE
)
_DATE_TOKEN = re.compile(
    r"(?:\S*\d\S*|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|a\.?m\.?|p\.?m\.?|gmt|utc|bst|cet|cest|eet|eest|msk|ist|e[sd]?t|p[sd]?t|"
    r"on|at|ago|today|yesterday|hours?|hrs?|minutes?|mins?|days?|weeks?|and|updated|published|[|,·•/–—-])[.,]?",
    re.IGNORECASE,
)
_DATELINE_WORDS = 16
_CARD_MAX_CHARS = 500  # a teaser card: a linked headline and a line or two
_LINK_SHARE = 0.9  # an element this much link text is a link
_HEAD_ZONE = 4  # bylines are looked for in the first blocks only
_LANG_MIN_CHARS = 120  # shorter texts: the declared language, if any
_LANG_MIN_CONFIDENCE = 0.9
_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")


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


@dataclass
class _Block:
    kind: str  # the trafilatura element that made it: p, head, item, row, quote, ...
    text: str
    level: str = ""  # a heading's level ("h1", "h2"), else ""


def parse_html(html: str, *, url: str | None = None, rules: BoilerplateRules | None = None) -> HtmlContent:
    """Extract the main text, title, date, author, publisher, URL and language of a page.

    `url` is where the page came from, when known (it helps find the date); `rules`
    drops boilerplate lines from the text (default: none dropped here; the reader blanks
    them afterwards).
    """
    tree = _parse_tree(html)
    if tree is None:
        return HtmlContent(text="")
    if not tree.text_content().strip():  # a page lxml could not read (nested too deep)
        blocks = _lexbor_blocks(html)
        return HtmlContent(text="\n\n".join(b.text for b in blocks))
    declared = _declared_language(tree)
    canonical = _canonical_url(tree)
    h1_title = _article_h1(tree)
    linked = _json_ld(tree)
    meta_names = _meta_values(tree)
    _drop_link_furniture(tree)
    _separate_blocks(tree)

    doc = _extract(tree, url)
    site = _clean(meta_names.get("og:site_name"))
    title = (
        h1_title
        or _clean(meta_names.get("og:title"))
        or _clean(meta_names.get("twitter:title"))
        or _clean(linked.get("headline"))
        or _strip_site_suffix(_clean(tree.findtext(".//title")), site or _clean(linked.get("publisher")))
        or (_clean(doc.title) if doc is not None else None)
    )
    author = _clean(doc.author) if doc is not None else None
    blocks: list[_Block] = []
    # trafilatura's main text, else (a page too small for it) the page without its chrome.
    for source in (
        lambda: _blocks(doc.body) if doc is not None and doc.body is not None else [],
        lambda: _page_blocks(html),
    ):
        blocks = source()
        for cleanup in _PASSES:
            blocks = cleanup(blocks, title=title, author=author, rules=rules)
        if blocks:
            break
    body = [b.text for b in blocks]
    text = "\n\n".join(([title] if title else []) + body)
    publisher = site or _clean(linked.get("publisher")) or (_clean(doc.sitename) if doc is not None else None)
    page_url = canonical or (_clean(doc.url) if doc is not None else None) or _clean(linked.get("url"))
    published = (doc.date if doc is not None else None) or _clean(linked.get("published"))
    language = detect_language("\n".join(body)) or declared
    return HtmlContent(
        text=text, title=title, published=published, publisher=publisher, url=page_url, author=author, language=language
    )


# -- parsing and extraction -----------------------------------------------------------


def _parse_tree(html: str) -> lxml.html.HtmlElement | None:
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


def _extract(tree: lxml.html.HtmlElement, url: str | None):
    """trafilatura's document for the page (text body and metadata), or None."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS)
        except (ValueError, TypeError, etree.LxmlError):  # pragma: no cover - a page trafilatura chokes on
            return None


def _page_blocks(html: str) -> list[_Block]:
    """The last resort: the page's body as it is, without scripts, navigation, headers,
    footers, asides and forms."""
    page = _parse_tree(html)  # afresh: the extractor may have changed the tree
    if page is None:
        return []
    for node in list(page.iter(*_NEVER_TEXT)):
        node.drop_tree()
    return _blocks(page)  # the whole page: lxml puts a fragment's HTML5 elements in <head>


def _lexbor_blocks(html: str) -> list[_Block]:
    """The lines of a page's text by the Lexbor parser, which has no depth limit."""
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser(html)
    page.strip_tags(list(_NEVER_TEXT))
    root = page.body or page.root
    text = root.text(separator="\n") if root is not None else ""
    return [_Block("p", line) for line in (" ".join(x.split()) for x in text.split("\n")) if line]


def _drop_link_furniture(tree: lxml.html.HtmlElement) -> None:
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


def _separate_blocks(tree: lxml.html.HtmlElement) -> None:
    """Put a space at the start of a block element's text and tail where there is none,
    so that an extractor joining their texts keeps the words apart ("a bus
    stop.<div>Emergency crews")."""
    for node in tree.iter(*_HTML_BLOCKS):
        if node.text and not node.text[:1].isspace():
            node.text = " " + node.text
        if node.tail and not node.tail[:1].isspace():
            node.tail = " " + node.tail


def _blocks(body: etree._Element) -> list[_Block]:
    """Text blocks of an extracted body in document order (whitespace collapsed, a
    ``<lb/>`` kept as a newline, table cells joined by spaces)."""
    blocks: list[_Block] = []
    buffer: list[str | None] = []  # text, or None for a line break
    kinds: list[tuple[str, str]] = [("p", "")]

    def flush() -> None:
        lines: list[list[str]] = [[]]
        for piece in buffer:
            if piece is None:
                lines.append([])
            else:
                lines[-1].append(piece)
        buffer.clear()
        text = "\n".join(line for line in (" ".join("".join(p).split()) for p in lines) if line)
        if text:
            kind, level = kinds[-1]
            blocks.append(_Block(kind, text, level))

    for event, node in etree.iterwalk(body, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                flush()
                kinds.append((tag, (node.get("rend") or "") if tag == "head" else ""))
            elif tag in ("lb", "br"):
                buffer.append(None)
            if node.text and tag not in ("lb", "br"):
                buffer.append(node.text)
        else:
            if tag in _BLOCKS:
                flush()
                kinds.pop()
            elif tag in ("cell", "td", "th"):
                buffer.append(" ")
            if node is not body and node.tail:
                buffer.append(node.tail)
    flush()
    return blocks


# -- clean-up passes over the blocks ------------------------------------------------------

Pass = Callable[..., list[_Block]]
_PASSES: list[Pass] = []


def _register(fn: Pass) -> Pass:
    _PASSES.append(fn)
    return fn


@_register
def _drop_title(blocks: list[_Block], *, title: str | None, **_: Any) -> list[_Block]:
    """The title is metadata: a block near the top that repeats it goes (it is line one)."""
    if not title:
        return blocks
    return [b for i, b in enumerate(blocks) if not (i < _HEAD_ZONE and _same(b.text, title))]


@_register
def _drop_boilerplate(blocks: list[_Block], *, rules: BoilerplateRules | None, **_: Any) -> list[_Block]:
    """Lines the boilerplate rules name ("READ MORE: ...", "Subscribe to our newsletter")."""
    if rules is None:
        return blocks
    kept = []
    for b in blocks:
        lines = [line for line in b.text.split("\n") if not rules.is_boilerplate(line)]
        if lines:
            kept.append(_Block(b.kind, "\n".join(lines), b.level))
    return kept


@_register
def _drop_bylines(blocks: list[_Block], *, author: str | None, **_: Any) -> list[_Block]:
    """A byline ("By Jane Doe, Reuters") in the first blocks, the author's name alone
    on a line, and "Updated 3 March 2024 10:00" lines anywhere."""
    kept = []
    for i, b in enumerate(blocks):
        words = len(b.text.split())
        if i < _HEAD_ZONE and words <= _BYLINE_WORDS and _BYLINE.fullmatch(b.text):
            continue
        if author and _same(b.text, author):
            continue
        if words <= _DATELINE_WORDS and _is_dateline(b.text):
            continue
        kept.append(b)
    return kept


def _is_dateline(text: str) -> bool:
    """'Updated 12 November 2024, 10:32 GMT' yes; 'Published in 1998, the report ...' no."""
    match = _DATELINE.match(text)
    if match is None:
        return False
    rest = text[match.end() :].split()
    if not any(re.search(r"\d|ago|today|yesterday", token, re.IGNORECASE) for token in rest):
        return False
    return sum(_DATE_TOKEN.fullmatch(token) is None for token in rest) <= 1


# -- metadata -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The language of `text` as an ISO 639-1 code, or None when the text is too short
    or the identification unsure.

    >>> detect_language("Russian drones struck a power plant in Kharkiv overnight, cutting "
    ...                 "electricity to thousands of homes, the regional governor said on Tuesday. "
    ...                 "Engineers were working to restore power by the evening.")
    'en'
    """
    sample = " ".join(text.split())[:2000]
    if len(sample) < _LANG_MIN_CHARS:
        return None
    lang, confidence = _identifier().classify(sample)
    return lang if confidence >= _LANG_MIN_CONFIDENCE else None


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the page declares: ``<html lang>``, Content-Language, og:locale."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for node in tree.iter("meta"):
        key = (node.get("http-equiv") or node.get("property") or node.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(node.get("content"))
    for value in candidates:
        code = normalise_language(value)
        if code:
            return code
    return None


def normalise_language(value: str | None) -> str | None:
    """'en-GB', 'en_US', 'EN' -> 'en'; anything not like a language tag -> None."""
    if not value:
        return None
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value.split(",")[0])
    return match.group(1).lower() if match else None


def _article_h1(tree: lxml.html.HtmlElement) -> str | None:
    """The article's ``<h1>``: the first inside an ``<article>``/``<main>``, else the
    first outside page chrome (a site logo is often an ``<h1>`` in the header)."""
    for path in (".//article//h1", ".//main//h1", ".//*[@role='main']//h1", ".//h1"):
        for node in tree.iterfind(path) if "@" not in path else tree.xpath(path):
            text = _clean(node.text_content())
            if text and (path != ".//h1" or not _in_chrome(node)):
                return text
    return None


def _in_chrome(node: lxml.html.HtmlElement) -> bool:
    return any(parent.tag in _CHROME for parent in node.iterancestors())


def _canonical_url(tree: lxml.html.HtmlElement) -> str | None:
    for node in tree.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split() and _clean(node.get("href")):
            return _clean(node.get("href"))
    return None


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` content by lower-cased property/name; the first one wins."""
    values: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        key = node.get("property") or node.get("name")
        if content is not None and key:
            values.setdefault(key.strip().lower(), content)
    return values


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Headline, publication date (as written), publisher name and url of the article
    that JSON-LD describes, if any."""
    found: dict[str, str] = {}
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue  # a broken JSON-LD block is the page's problem, not a reason to fail
        for item in _ld_items(data):
            for key, field in (("headline", "headline"), ("datePublished", "published"), ("url", "url")):
                if isinstance(item.get(key), str) and item[key].strip():
                    found.setdefault(field, item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict):
                publisher = publisher.get("name")
            if isinstance(publisher, str) and publisher.strip():
                found.setdefault("publisher", publisher)
    return found


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document that describe an article."""
    stack = [data]
    while stack:
        current = stack.pop(0)
        if isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, dict):
            graph = current.get("@graph")
            stack.extend(graph if isinstance(graph, list) else [])
            kind = current.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                yield current


def _strip_site_suffix(title: str | None, publisher: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' when the tail is the publisher, or a short name
    after a bar ("Strike on Odesa | Example News"); "Talks - Moscow" stays whole."""
    if not title:
        return title
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        if (publisher and _same(tail, publisher)) or (separator == " | " and len(tail.split()) <= 4):
            return head.strip()
    return title


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
