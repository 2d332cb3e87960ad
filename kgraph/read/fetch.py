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

import codecs
import datetime as _dt
import hashlib
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from kgraph import __version__
from kgraph.errors import InputError

__all__ = ["FetchReport", "FetchSettings", "Fetcher", "is_url", "read_url_list"]

_log = logging.getLogger(__name__)

USER_AGENT = f"kgraph/{__version__} (news knowledge-graph builder; honours robots.txt)"
_ROBOTS_AGENT = "kgraph"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("xml", "rss", "atom")  # any Content-Type containing one of these
_RETRY_STATUS = frozenset((429, 500, 502, 503, 504))
_MAX_RETRY_AFTER = 60.0
_MAX_REDIRECTS = 10
_MAX_ROBOTS_BYTES = 500 * 1024  # what RFC 9309 asks crawlers to read at least
_SITEMAP_DEPTH = 2  # a sitemap index of sitemaps of pages, no deeper
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def is_url(value: str | Path) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    return isinstance(value, str) and re.match(r"(?i)https?://", value) is not None


@dataclass(frozen=True)
class FetchSettings:
    """How politely to fetch. Times are in seconds, sizes in bytes."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0  # the first retry waits this long, each next one twice as long
    delay: float = 1.0  # between two requests to the same host
    max_bytes: int = 5 * 2**20
    robots: bool = True
    refresh: bool = False  # fetch again even when the page is in the cache
    user_agent: str = USER_AGENT


@dataclass
class FetchReport:
    """What :meth:`Fetcher.fetch_all` did: the cached pages to read, one error line per
    URL that failed, and how many pages came from the cache without the network."""

    paths: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    from_cache: int = 0


@dataclass(frozen=True)
class _Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    charset: str | None


class Fetcher:
    """Fetches pages and feeds into `cache_dir` (created when needed)."""

    def __init__(self, cache_dir: str | Path, settings: FetchSettings | None = None):
        self.cache_dir = Path(cache_dir)
        self.settings = settings or FetchSettings()
        self._session = None
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, object] = {}

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
        response = self._get(url, accept=_HTML_TYPES)
        text = _decode(response)
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
        sitemap = _sitemap_locations(data)
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

    def _feed_document(self, feed_url: str) -> bytes:
        path = self.cache_dir / "feeds" / f"{_slug(feed_url)}.xml"
        try:
            body = self._get(feed_url, accept=_FEED_TYPES + _HTML_TYPES).body
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

    # -- HTTP ---------------------------------------------------------------------------------

    def _get(self, url: str, *, accept: tuple[str, ...]) -> _Response:
        """GET with robots.txt, per-host delay, retries and the size limit."""
        import requests

        if self.settings.robots and not self._allowed(url):
            raise InputError(
                f"{url}: robots.txt does not allow kgraph to fetch it "
                "(use --ignore-robots only for pages you may fetch)"
            )
        attempt = 0
        while True:
            try:
                response = self._request(url)
                with response:
                    if response.status_code in _RETRY_STATUS and attempt < self.settings.retries:
                        attempt += 1
                        self._wait_retry(attempt, response.headers.get("Retry-After"))
                        continue
                    if response.status_code >= 400:
                        raise InputError(
                            f"{url}: HTTP {response.status_code} {response.reason or ''}".rstrip() + _tries(attempt)
                        )
                    return self._read(url, response, accept)
            except requests.exceptions.TooManyRedirects as exc:
                raise InputError(f"{url}: too many redirects (more than {_MAX_REDIRECTS}; a redirect loop?)") from exc
            except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
                timed_out = isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower()
                if attempt < self.settings.retries:
                    attempt += 1
                    self._wait_retry(attempt, None)
                    continue
                if timed_out:
                    raise InputError(f"{url}: timed out after {self.settings.timeout:g}s{_tries(attempt)}") from exc
                raise InputError(f"{url}: cannot connect{_tries(attempt)}: {_reason(exc)}") from exc
            except requests.exceptions.RequestException as exc:
                raise InputError(f"{url}: request failed: {_reason(exc)}") from exc

    def _request(self, url: str):
        session = self._http()
        host = urlsplit(url).netloc.lower()
        self._pause(host)
        try:
            return session.get(url, timeout=self.settings.timeout, stream=True, allow_redirects=True)
        finally:
            self._last_request[host] = time.monotonic()

    def _read(self, url: str, response, accept: tuple[str, ...]) -> _Response:
        limit = self.settings.max_bytes
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type and not any(kind in content_type for kind in accept):
            raise InputError(
                f"{url}: not an HTML page (Content-Type {content_type})"
                if accept[0] == _HTML_TYPES[0]
                else f"{url}: not a feed or sitemap (Content-Type {content_type})"
            )
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > limit:
            raise InputError(f"{url}: page is {_amount(int(length))}, more than the limit of {_amount(limit)}")
        chunks, size = [], 0
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > limit:
                raise InputError(f"{url}: page is larger than the limit of {_amount(limit)}")
            chunks.append(chunk)
        body = b"".join(chunks)
        if not content_type and not body.lstrip()[:1] == b"<":
            raise InputError(f"{url}: not an HTML page (no Content-Type, and it does not start with '<')")
        if not body.strip():
            raise InputError(f"{url}: the page is empty")
        return _Response(
            response.url,
            response.status_code,
            content_type,
            body,
            response.encoding if "charset" in (response.headers.get("Content-Type") or "").lower() else None,
        )

    def _http(self):
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers["User-Agent"] = self.settings.user_agent
            self._session.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
            self._session.max_redirects = _MAX_REDIRECTS
        return self._session

    def _pause(self, host: str) -> None:
        delay = max(self.settings.delay, self._crawl_delay(host))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _wait_retry(self, attempt: int, retry_after: str | None) -> None:
        wait = self.settings.backoff * 2 ** (attempt - 1)
        given = _retry_after_seconds(retry_after)
        if given is not None:
            wait = max(wait, min(given, _MAX_RETRY_AFTER))
        time.sleep(wait)

    # -- robots.txt -------------------------------------------------------------------------------

    def _allowed(self, url: str) -> bool:
        rules = self._robots_for(url)
        return rules is None or rules.can_fetch(url, _ROBOTS_AGENT)

    def _crawl_delay(self, host: str) -> float:
        rules = self._robots.get(host)
        if rules is None:
            return 0.0
        delay = rules.crawl_delay(_ROBOTS_AGENT)
        return float(delay) if delay else 0.0

    def _robots_for(self, url: str):
        """The parsed robots.txt of `url`'s host (None: everything allowed), fetched once.

        As RFC 9309 says: a missing robots.txt (4xx) allows everything; a server error
        (5xx) disallows everything. A host that cannot be reached is not remembered:
        the page's own request then says what is wrong.
        """
        import requests
        from protego import Protego

        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host in self._robots:
            return self._robots[host]
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            response = self._request(robots_url)
            with response:
                if 400 <= response.status_code < 500:
                    rules = None
                elif response.status_code >= 500:
                    rules = Protego.parse("User-agent: *\nDisallow: /")
                else:
                    text = response.raw.read(_MAX_ROBOTS_BYTES, decode_content=True)
                    rules = Protego.parse(text.decode("utf-8", errors="replace"))
        except requests.exceptions.RequestException:
            return None
        self._robots[host] = rules
        return rules

    # -- cache ----------------------------------------------------------------------------------

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


def _decode(response: _Response) -> str:
    """The page as text: the charset the server or the page declares, else UTF-8, else a guess."""
    data = response.body
    candidates = [response.charset]
    match = _CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", errors="ignore"))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{response.url}: cannot tell the page's character encoding")
    return str(best)


def _sitemap_locations(data: bytes) -> tuple[str, list[str]] | None:
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


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - _dt.datetime.now(when.tzinfo)).total_seconds())


def _tries(attempt: int) -> str:
    return f" ({attempt + 1} tries)" if attempt else ""


def _reason(exc: Exception) -> str:
    """The cause of a requests error in a few words ("Connection refused")."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    match = re.search(r"\[Errno -?\d+\] ([^\"')\]]+)", text)
    if match:
        return match.group(1).strip()
    return text[:200]


def _amount(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 2**10:.1f} KiB" if n >= 2**10 else f"{n} bytes"
