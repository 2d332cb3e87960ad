"""Polite HTTP: a User-Agent naming kgraph, robots.txt honoured (its Crawl-delay too), a delay
between two requests to one host, a timeout, retries with exponential backoff on connection
errors and 429/5xx (Retry-After honoured), a size limit, and only the content types asked for.

Every failure is a :class:`~kgraph.errors.InputError` with one line naming the URL.
"""

from __future__ import annotations

import datetime as _dt
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from kgraph import __version__
from kgraph.errors import InputError

__all__ = ["FEED_TYPES", "HTML_TYPES", "USER_AGENT", "FetchSettings", "PoliteClient", "Response"]

USER_AGENT = f"kgraph/{__version__} (news knowledge-graph builder; honours robots.txt)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom")  # any Content-Type containing one of these
_ROBOTS_AGENT = "kgraph"
_RETRY_STATUS = frozenset((429, 500, 502, 503, 504))
_MAX_RETRY_AFTER = 60.0
_MAX_REDIRECTS = 10
_MAX_ROBOTS_BYTES = 500 * 1024  # what RFC 9309 asks crawlers to read at least


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


@dataclass(frozen=True)
class Response:
    """What a GET gave: the final URL, status, Content-Type, the body and the charset the server named."""

    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    charset: str | None


class PoliteClient:
    """GETs pages politely (see the module's docstring), one session for all hosts."""

    def __init__(self, settings: FetchSettings):
        self.settings = settings
        self._session = None
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, object] = {}

    def get(self, url: str, *, accept: tuple[str, ...]) -> Response:
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

    def _read(self, url: str, response, accept: tuple[str, ...]) -> Response:
        limit = self.settings.max_bytes
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type and not any(kind in content_type for kind in accept):
            raise InputError(
                f"{url}: not an HTML page (Content-Type {content_type})"
                if accept[0] == HTML_TYPES[0]
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
        return Response(
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
