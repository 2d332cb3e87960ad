"""Metadata of a page: language (identified, or declared), the article's ``<h1>``, canonical URL,
``<meta>`` values, JSON-LD, and the title without the site's name."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html

__all__ = [
    "article_h1",
    "canonical_url",
    "clean",
    "declared_language",
    "detect_language",
    "json_ld",
    "meta_values",
    "normalise_language",
    "same",
    "strip_site_suffix",
]

_CHROME = frozenset(("header", "nav", "footer", "aside", "form"))
_LANG_MIN_CHARS = 120  # shorter texts: the declared language, if any
_LANG_MIN_CONFIDENCE = 0.9
_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")


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


def declared_language(tree: lxml.html.HtmlElement) -> str | None:
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


def article_h1(tree: lxml.html.HtmlElement) -> str | None:
    """The article's ``<h1>``: the first inside an ``<article>``/``<main>``, else the
    first outside page chrome (a site logo is often an ``<h1>`` in the header)."""
    for path in (".//article//h1", ".//main//h1", ".//*[@role='main']//h1", ".//h1"):
        for node in tree.iterfind(path) if "@" not in path else tree.xpath(path):
            text = clean(node.text_content())
            if text and (path != ".//h1" or not _in_chrome(node)):
                return text
    return None


def _in_chrome(node: lxml.html.HtmlElement) -> bool:
    return any(parent.tag in _CHROME for parent in node.iterancestors())


def canonical_url(tree: lxml.html.HtmlElement) -> str | None:
    for node in tree.iter("link"):
        if "canonical" in (node.get("rel") or "").lower().split() and clean(node.get("href")):
            return clean(node.get("href"))
    return None


def meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` content by lower-cased property/name; the first one wins."""
    values: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        key = node.get("property") or node.get("name")
        if content is not None and key:
            values.setdefault(key.strip().lower(), content)
    return values


def json_ld(tree: lxml.html.HtmlElement) -> dict[str, str]:
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


def strip_site_suffix(title: str | None, publisher: str | None) -> str | None:
    """'Headline | Site' -> 'Headline' when the tail is the publisher, or a short name
    after a bar ("Strike on Odesa | Example News"); "Talks - Moscow" stays whole."""
    if not title:
        return title
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        if (publisher and same(tail, publisher)) or (separator == " | " and len(tail.split()) <= 4):
            return head.strip()
    return title


def clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
