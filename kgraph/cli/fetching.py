"""URL, URL-list and feed options for commands that read articles (`kgraph build`).

`@fetch_options` adds the options and hands the command one `fetch` argument;
:func:`gather_sources` turns paths, URLs, lists and feeds into paths to read, fetching
into the cache and printing one line for each URL that failed.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import click

from ..errors import InputError
from ..graph.store import default_store_path
from ..read.fetch import Fetcher, FetchSettings, is_url, read_url_list
from .options import echo_err


@dataclass(frozen=True)
class FetchRequest:
    url_files: tuple[str, ...]
    feeds: tuple[str, ...]
    cache: str | None
    settings: FetchSettings


_DEFAULTS = FetchSettings()
_OPTIONS = [
    click.option(
        "--urls",
        "url_files",
        multiple=True,
        metavar="FILE",
        help="Also fetch the URLs listed in FILE (one a line, '#' comments).",
    ),
    click.option(
        "--feed",
        "feeds",
        multiple=True,
        metavar="URL",
        help="Also fetch the articles an RSS/Atom feed or a sitemap lists (repeatable).",
    ),
    click.option(
        "--cache",
        "cache",
        default=None,
        metavar="DIR",
        help="Folder of fetched pages (default: $KGRAPH_CACHE, else 'cache' beside the store); "
        "a cached page is read from there, so a re-build works offline.",
    ),
    click.option("--refresh", is_flag=True, help="Fetch pages again even when they are in the cache."),
    click.option("--ignore-robots", is_flag=True, help="Do not honour robots.txt (only for pages you may fetch)."),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=_DEFAULTS.timeout,
        show_default=True,
        metavar="SECONDS",
        help="Give up on a request after this long.",
    ),
    click.option(
        "--retries",
        type=click.IntRange(min=0),
        default=_DEFAULTS.retries,
        show_default=True,
        help="Retries after a timeout, a lost connection or HTTP 429/5xx (waiting 1s, 2s, 4s, ...).",
    ),
    click.option(
        "--delay",
        type=click.FloatRange(min=0),
        default=_DEFAULTS.delay,
        show_default=True,
        metavar="SECONDS",
        help="Wait between two requests to the same host (robots.txt may ask more).",
    ),
    click.option(
        "--max-page-bytes",
        type=click.IntRange(min=1),
        default=_DEFAULTS.max_bytes,
        show_default=True,
        metavar="BYTES",
        help="Refuse a fetched page larger than this.",
    ),
]


def fetch_options(f):
    """Add the URL options; the command receives them as one `fetch` (a FetchRequest)."""

    @functools.wraps(f)
    def wrapper(
        *args, url_files, feeds, cache, refresh, ignore_robots, timeout, retries, delay, max_page_bytes, **kwargs
    ):
        settings = FetchSettings(
            timeout=timeout,
            retries=retries,
            delay=delay,
            max_bytes=max_page_bytes,
            robots=not ignore_robots,
            refresh=refresh,
        )
        kwargs["fetch"] = FetchRequest(tuple(url_files), tuple(feeds), cache, settings)
        return f(*args, **kwargs)

    for option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def cache_dir(given: str | None, store_path: str | None) -> Path:
    """The cache folder: `given`, else $KGRAPH_CACHE, else `cache` beside the store."""
    if given:
        return Path(given)
    if os.environ.get("KGRAPH_CACHE"):
        return Path(os.environ["KGRAPH_CACHE"])
    store = str(store_path) if store_path else str(default_store_path())
    if "://" in store:  # a remote store: the cache stays here
        return Path(".kgraph") / "cache"
    return Path(store).parent / "cache"


def gather_sources(paths, fetch: FetchRequest, store_path: str | None) -> tuple[list, int]:
    """The paths to read: local paths as given, then the cached pages of every URL,
    URL-list entry and feed item. Each URL or feed that fails is one line on stderr;
    returns the paths and the number of failures.

    Raises:
        InputError: a URL list cannot be read; nothing at all was given.
    """
    local = [p for p in paths if not is_url(p)]
    urls = [p for p in paths if is_url(p)]
    for file in fetch.url_files:
        urls.extend(read_url_list(file))
    if not (local or urls or fetch.feeds):
        raise InputError("nothing to read: give files, folders, '-', URLs, --urls FILE or --feed URL")
    if not (urls or fetch.feeds):
        return local, 0
    fetcher = Fetcher(cache_dir(fetch.cache, store_path), fetch.settings)
    errors: list[str] = []
    for feed in fetch.feeds:
        try:
            found = fetcher.feed_urls(feed)
        except InputError as exc:
            errors.append(str(exc))
            continue
        if not found:
            errors.append(f"{feed}: the feed lists no articles")
        urls.extend(found)
    report = fetcher.fetch_all(urls)
    errors.extend(report.errors)
    for line in errors:
        echo_err(f"kgraph: {line}")
    fetched = len(report.paths) - report.from_cache
    if urls:
        echo_err(
            f"kgraph: {len(report.paths)} of {len(dict.fromkeys(urls))} page(s) read from the web "
            f"({fetched} fetched, {report.from_cache} from the cache {fetcher.cache_dir})"
        )
    if not local and not report.paths:
        raise InputError("no page could be fetched; nothing built")
    return local + report.paths, len(errors)
