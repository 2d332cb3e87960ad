"""Fetch news pages, URL lists and feeds politely, into a cache read as saved pages.

A fetched page is written to the cache folder as ``HOST/NAME.html`` (UTF-8) with a
``NAME.meta.json`` beside it giving the URL, so the ordinary reader reads it as a
saved page (:mod:`kgraph.read.sources`), and a re-build finds it there without the
network. Politeness: a User-Agent naming kgraph, robots.txt honoured (unless told
not to; its Crawl-delay too), a delay between two requests to one host, a timeout,
retries with exponential backoff on connection errors and 429/5xx (Retry-After
honoured), a size limit, and HTML only.

Every failure is a :class:`~kgraph.errors.InputError` with one line naming the URL;
:meth:`Fetcher.fetch_all` collects them and goes on with the other URLs.

>>> fetcher = Fetcher("/tmp/kgraph-cache")  # doctest: +SKIP
>>> report = fetcher.fetch_all(["https://example.org/news/1"])  # doctest: +SKIP
>>> report.paths, report.errors  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from kgraph.errors import InputError
from kgraph.read.decode import page_text
from kgraph.read.feeds import entry_links, sitemap_locations
from kgraph.read.polite import FEED_TYPES, HTML_TYPES, USER_AGENT, FetchSettings, PoliteClient

__all__ = ["USER_AGENT", "FetchReport", "FetchSettings", "Fetcher", "is_url", "read_url_list"]

_log = logging.getLogger(__name__)

_SITEMAP_DEPTH = 2  # a sitemap index of sitemaps of pages, no deeper


def is_url(value: str | Path) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    return isinstance(value, str) and re.match(r"(?i)https?://", value) is not None


@dataclass
class FetchReport:
    """What :meth:`Fetcher.fetch_all` did: the cached pages to read, one error line per
    URL that failed, and how many pages came from the cache without the network."""

    paths: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    from_cache: int = 0


class Fetcher:
    """Fetches pages and feeds into `cache_dir` (created when needed)."""

    def __init__(self, cache_dir: str | Path, settings: FetchSettings | None = None):
        self.cache_dir = Path(cache_dir)
        self.settings = settings or FetchSettings()
        self._client = PoliteClient(self.settings)

    # -- pages ---------------------------------------------------------------------------

    def cached_page(self, url: str) -> Path | None:
        """The cached copy of `url`, if there is one."""
        path = self._page_path(url)
        return path if path.is_file() and path.with_name(path.stem + ".meta.json").is_file() else None

    def fetch_page(self, url: str) -> tuple[Path, bool]:
        """The cached page of `url`, fetched first unless cached (or `refresh`); returns
        the path and whether it came from the cache.

        Raises:
            InputError: one line naming the URL: not http(s), refused by robots.txt,
                HTTP error, timeout, too many redirects, not HTML, over the size limit.
        """
        url = _check_url(url)
        cached = self.cached_page(url)
        if cached is not None and not self.settings.refresh:
            return cached, True
        response = self._client.get(url, accept=HTML_TYPES)
        text = page_text(response.body, response.charset, response.url)
        path = self._page_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": response.url,
            "requested_url": url,
            "fetched": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "content_type": response.content_type,
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        path.with_name(path.stem + ".meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        return path, False

    def fetch_all(self, urls: Iterable[str]) -> FetchReport:
        """Fetch every URL (each once, in order); a failure is an error line, not a stop."""
        report = FetchReport()
        for url in dict.fromkeys(urls):
            try:
                path, cached = self.fetch_page(url)
            except InputError as exc:
                report.errors.append(str(exc))
                continue
            report.paths.append(path)
            report.from_cache += cached
        return report

    # -- feeds and sitemaps -----------------------------------------------------------------

    def feed_urls(self, feed_url: str) -> list[str]:
        """The article URLs an RSS/Atom feed or a sitemap (or sitemap index) lists.

        The feed is fetched every time (it changes); when that fails and a copy is in
        the cache, the copy is used and a warning says so.
        """
        return list(dict.fromkeys(self._feed_urls(_check_url(feed_url), 0)))

    def _feed_urls(self, feed_url: str, depth: int) -> Iterator[str]:
        data = self._feed_document(feed_url)
        sitemap = sitemap_locations(data)
        if sitemap is not None:
            kind, locations = sitemap
            if kind == "index":
                if depth >= _SITEMAP_DEPTH:
                    raise InputError(f"{feed_url}: sitemap index nested deeper than {_SITEMAP_DEPTH} levels")
                for location in locations:
                    yield from self._feed_urls(_check_url(urljoin(feed_url, location)), depth + 1)
            else:
                yield from (urldefrag(urljoin(feed_url, loc))[0] for loc in locations)
            return
        yield from entry_links(data, feed_url)

    def _feed_document(self, feed_url: str) -> bytes:
        path = self.cache_dir / "feeds" / f"{_slug(feed_url)}.xml"
        try:
            body = self._client.get(feed_url, accept=FEED_TYPES + HTML_TYPES).body
        except InputError as exc:
            if not path.is_file():
                raise
            _log.warning(
                "%s; using the copy in the cache from %s",
                exc,
                _dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="minutes"),
            )
            return path.read_bytes()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        return body

    def _page_path(self, url: str) -> Path:
        host = re.sub(r"[^A-Za-z0-9.-]+", "_", urlsplit(url).netloc.lower()) or "_"
        return self.cache_dir / host / f"{_slug(url)}.html"


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and ``#`` comments skipped.

    Raises:
        InputError: the file cannot be read, or a line is not an http(s) URL (naming
            file and line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        if not is_url(line) or len(line.split()) > 1:
            raise InputError(f"{path}:{number}: not an http(s) URL: {line[:80]!r}")
        urls.append(line)
    if not urls:
        raise InputError(f"{path}: no URLs in the list")
    return urls


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: not an http(s) URL")
    return urldefrag(url.strip())[0]


def _slug(url: str) -> str:
    """A file name for a URL: a readable tail and a hash of the whole URL."""
    parts = urlsplit(url)
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    tail = re.sub(r"\.(html?|php|aspx?|xml)$", "", tail, flags=re.IGNORECASE)
    tail = re.sub(r"[^A-Za-z0-9]+", "-", tail).strip("-").lower()[:60] or "index"
    return f"{tail}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]}"
