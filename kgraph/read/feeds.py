"""The article URLs of a feed: RSS/Atom entries (feedparser) or a sitemap's locations."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urldefrag, urljoin

from kgraph.errors import InputError

__all__ = ["entry_links", "sitemap_locations"]


def sitemap_locations(data: bytes) -> tuple[str, list[str]] | None:
    """("index"|"urls", locations) for a sitemap; None when `data` is not one."""
    from lxml import etree

    head = data[:2048].lower()
    if b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return None
    name = etree.QName(root).localname
    if name not in ("urlset", "sitemapindex"):
        return None
    locations = [(node.text or "").strip() for node in root.iter("{*}loc")]
    return ("index" if name == "sitemapindex" else "urls"), [loc for loc in locations if loc]


def entry_links(data: bytes, feed_url: str) -> Iterator[str]:
    """The links of an RSS/Atom feed's entries, absolute and without fragments.

    Raises:
        InputError: `data` is neither a feed nor a sitemap.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "not a feed"
            raise InputError(f"{feed_url}: not an RSS/Atom feed or sitemap ({reason})")
        return
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("rel", "alternate") == "alternate"), None
        )
        if link:
            yield urldefrag(urljoin(feed_url, link))[0]
