"""Fetching pages, URL lists and feeds from a real HTTP server on 127.0.0.1, and
building them: each failure is one error line naming the URL, the other pages are
built, and a re-build works offline from the cache."""

from __future__ import annotations

import gc
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import InputError
from kgraph.graph.store import GraphStore
from kgraph.read import read_all
from kgraph.read.fetch import USER_AGENT, Fetcher, FetchSettings, is_url, read_url_list

from .pages import STORY, page, story_html


def _article(title: str, first: str, date: str) -> bytes:
    head = f'<meta property="article:published_time" content="{date}">'
    body = f"<article><h1>{title}</h1><p>{first}</p>{story_html()}</article>"
    return page(body, head=head).encode("utf-8")


PAGES = {
    "/news/a.html": _article("Strike on Kharkiv", "Kharkiv was hit again on Monday night.", "2024-11-12"),
    "/news/b.html": _article("Port of Odesa hit", "Odesa's port was struck by missiles on Tuesday.", "2024-11-13"),
    "/news/c.html": _article("Kyiv talks", "Officials met in Kyiv on Wednesday to discuss air defence.", "2024-11-14"),
}
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ledger</title><link>http://HOST/</link>
<item><title>A</title><link>http://HOST/news/a.html</link></item>
<item><title>B</title><link>/news/b.html#comments</link></item>
<item><title>Missing</title><link>http://HOST/news/missing.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>
<entry><title>C</title><link rel="alternate" href="http://HOST/news/c.html"/><id>c</id></entry>
</feed>"""
SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://HOST/news/a.html</loc></url><url><loc>http://HOST/news/c.html</loc></url></urlset>"""
SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://HOST/sitemap.xml</loc></sitemap></sitemapindex>"""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a client that gave up (the timeout test)
        pass


class Server:
    """A real HTTP server on 127.0.0.1 serving the test pages, counting requests."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.slow_seconds = 2.0
        self.flaky_left = 0
        self.httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep the test output clean
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                status, body, content_type, headers = server.respond(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def respond(self, path: str) -> tuple[int, bytes, str, dict[str, str]]:
        """(status, body, Content-Type, other headers) for a request of `path`."""
        if path in PAGES:
            return 200, PAGES[path], _HTML, {}
        route = _ROUTES.get(path)
        if route is None:
            return 404, b"<html><body>Not found</body></html>", _HTML, {}
        return route(self)

    def hosted(self, document: bytes) -> bytes:
        """`document` with HOST replaced by this server's host:port."""
        return document.replace(b"HOST", self.base.removeprefix("http://").encode())

    def slow(self) -> tuple[int, bytes, str, dict[str, str]]:
        time.sleep(self.slow_seconds)
        return 200, PAGES["/news/a.html"], _HTML, {}

    def flaky(self) -> tuple[int, bytes, str, dict[str, str]]:
        if self.flaky_left > 0:
            self.flaky_left -= 1
            return 503, b"busy", "text/plain", {"Retry-After": "0"}
        return 200, PAGES["/news/b.html"], _HTML, {}


_HTML = "text/html; charset=utf-8"
_BIG = b"<html><body>" + b"<p>Big page text.</p>" * 20000 + b"</body></html>"
# path -> the server's answer: (status, body, Content-Type, other headers)
_ROUTES = {
    "/robots.txt": lambda server: (200, ROBOTS, "text/plain", {}),
    "/private/secret.html": lambda server: (200, PAGES["/news/a.html"], _HTML, {}),
    "/feed.xml": lambda server: (200, server.hosted(FEED), "application/rss+xml", {}),
    "/atom.xml": lambda server: (200, server.hosted(ATOM), "application/atom+xml", {}),
    "/sitemap.xml": lambda server: (200, server.hosted(SITEMAP), "application/xml", {}),
    "/sitemap-index.xml": lambda server: (200, server.hosted(SITEMAP_INDEX), "application/xml", {}),
    "/slow.html": Server.slow,
    "/report.pdf": lambda server: (200, b"%PDF-1.4 not a page", "application/pdf", {}),
    "/moved.html": lambda server: (301, b"", _HTML, {"Location": "/news/c.html"}),
    "/loop.html": lambda server: (302, b"", _HTML, {"Location": "/loop.html"}),
    "/big.html": lambda server: (200, _BIG, _HTML, {}),
    "/flaky.html": Server.flaky,
}


@pytest.fixture()
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
        srv.thread.join(timeout=5)


FAST = FetchSettings(timeout=0.5, retries=0, backoff=0.01, delay=0.0, max_bytes=200_000)


def test_fetch_page_into_cache_and_read_it(server: Server, tmp_path: Path) -> None:
    fetcher = Fetcher(tmp_path / "cache", FAST)
    path, cached = fetcher.fetch_page(server.url("/news/a.html"))
    assert not cached and path.suffix == ".html" and path.parent.parent == tmp_path / "cache"
    assert path.with_name(path.stem + ".meta.json").is_file()
    (article,) = read_all(path)
    assert article.title == "Strike on Kharkiv"
    assert article.url == server.url("/news/a.html")
    assert article.published == "2024-11-12"
    assert STORY[0] in article.text
    # the second time it comes from the cache, without a request
    before = len(server.requests)
    assert fetcher.fetch_page(server.url("/news/a.html")) == (path, True)
    assert len(server.requests) == before


def test_user_agent_names_kgraph_and_robots_is_asked_once(server: Server, tmp_path: Path) -> None:
    fetcher = Fetcher(tmp_path, FAST)
    fetcher.fetch_all([server.url("/news/a.html"), server.url("/news/b.html")])
    assert [p for p, _ in server.requests] == ["/robots.txt", "/news/a.html", "/news/b.html"]
    assert all(agent == USER_AGENT and agent.startswith("kgraph/") for _, agent in server.requests)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/news/missing.html", "{url}: HTTP 404 Not Found"),
        pytest.param("/slow.html", "{url}: timed out after 0.5s", marks=pytest.mark.slow),  # waits 0.5 s out
        ("/report.pdf", "{url}: not an HTML page (Content-Type application/pdf)"),
        ("/loop.html", "{url}: too many redirects (more than 10; a redirect loop?)"),
        ("/big.html", "{url}: page is 410.2 KiB, more than the limit of 195.3 KiB"),
        (
            "/private/secret.html",
            ("{url}: robots.txt does not allow kgraph to fetch it (use --ignore-robots only for pages you may fetch)"),
        ),
    ],
)
def test_each_failure_is_one_line_naming_the_url(server: Server, tmp_path: Path, path: str, message: str) -> None:
    url = server.url(path)
    report = Fetcher(tmp_path, FAST).fetch_all([url, server.url("/news/b.html")])
    assert report.errors == [message.format(url=url)]
    assert len(report.paths) == 1  # the other page was fetched


def test_redirect_is_followed_and_the_final_url_kept(server: Server, tmp_path: Path) -> None:
    path, _ = Fetcher(tmp_path, FAST).fetch_page(server.url("/moved.html"))
    (article,) = read_all(path)
    assert article.url == server.url("/news/c.html")
    assert article.title == "Kyiv talks"


def test_ignore_robots(server: Server, tmp_path: Path) -> None:
    settings = FetchSettings(timeout=2, retries=0, delay=0, robots=False)
    Fetcher(tmp_path, settings).fetch_page(server.url("/private/secret.html"))
    assert "/robots.txt" not in [p for p, _ in server.requests]


def test_retries_with_backoff_on_503(server: Server, tmp_path: Path) -> None:
    server.flaky_left = 2
    settings = FetchSettings(timeout=2, retries=2, backoff=0.01, delay=0)
    path, _ = Fetcher(tmp_path, settings).fetch_page(server.url("/flaky.html"))
    assert [p for p, _ in server.requests].count("/flaky.html") == 3
    assert read_all(path)[0].title == "Port of Odesa hit"
    server.flaky_left = 5
    with pytest.raises(InputError, match=r"flaky.html: HTTP 503 Service Unavailable \(3 tries\)$"):
        Fetcher(tmp_path / "other", settings).fetch_page(server.url("/flaky.html"))


@pytest.mark.slow  # waits the delay out
def test_per_host_delay(server: Server, tmp_path: Path) -> None:
    settings = FetchSettings(timeout=2, retries=0, delay=0.3, robots=False)
    start = time.monotonic()
    Fetcher(tmp_path, settings).fetch_all(
        [server.url("/news/a.html"), server.url("/news/b.html"), server.url("/news/c.html")]
    )
    assert time.monotonic() - start >= 0.6  # two waits between three requests


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        ("/feed.xml", ["/news/a.html", "/news/b.html", "/news/missing.html"]),  # RSS, relative link, #fragment
        ("/atom.xml", ["/news/c.html"]),
        ("/sitemap.xml", ["/news/a.html", "/news/c.html"]),
        ("/sitemap-index.xml", ["/news/a.html", "/news/c.html"]),
    ],
)
def test_feed_urls(server: Server, tmp_path: Path, feed: str, expected: list[str]) -> None:
    assert Fetcher(tmp_path, FAST).feed_urls(server.url(feed)) == [server.url(p) for p in expected]


def test_not_a_feed(server: Server, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"report.pdf: not a feed or sitemap \(Content-Type application/pdf\)"):
        Fetcher(tmp_path, FAST).feed_urls(server.url("/report.pdf"))


def test_url_list_file(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# today's pages\nhttp://127.0.0.1:1/a\n\n  https://127.0.0.1:1/b  \n", encoding="utf-8")
    assert read_url_list(path) == ["http://127.0.0.1:1/a", "https://127.0.0.1:1/b"]
    path.write_text("http://127.0.0.1:1/a\nftp://127.0.0.1/x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"urls.txt:2: not an http\(s\) URL: 'ftp://127.0.0.1/x'$"):
        read_url_list(path)


def test_is_url() -> None:
    assert is_url("http://127.0.0.1/x") and is_url("HTTPS://127.0.0.1/x")
    assert not is_url("seeds/") and not is_url(Path("http://x"))


# -- kgraph build with URLs ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    exit_code: int
    stderr: str
    output: str


def _build(args: list[str], store: Path, cache: Path) -> Run:
    """`kgraph build` through click; the result is dropped (its traceback would hold the
    store open) and only its exit code and output kept."""
    result = CliRunner().invoke(
        main,
        [
            "build",
            *args,
            "--store",
            str(store),
            "--cache",
            str(cache),
            "--timeout",
            "0.5",
            "--retries",
            "0",
            "--delay",
            "0",
            "--max-page-bytes",
            "200000",
        ],
    )
    run = Run(result.exit_code, result.stderr, result.output)
    del result
    gc.collect()
    return run


def _sources(store: Path) -> list[str]:
    return sorted(r["title"] for r in GraphStore(store, read_only=True).articles())


def test_build_urls_with_failures_builds_the_rest(server: Server, tmp_path: Path, nlp) -> None:
    bad = ["/news/missing.html", "/slow.html", "/report.pdf", "/loop.html", "/big.html"]
    urls = [server.url(p) for p in ["/news/a.html", *bad, "/moved.html"]]
    result = _build(urls, tmp_path / "store", tmp_path / "cache")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("kgraph: http")]
    assert errors == [
        f"kgraph: {server.url('/news/missing.html')}: HTTP 404 Not Found",
        f"kgraph: {server.url('/slow.html')}: timed out after 0.5s",
        f"kgraph: {server.url('/report.pdf')}: not an HTML page (Content-Type application/pdf)",
        f"kgraph: {server.url('/loop.html')}: too many redirects (more than 10; a redirect loop?)",
        f"kgraph: {server.url('/big.html')}: page is 410.2 KiB, more than the limit of 195.3 KiB",
    ]
    assert lines[-1] == "Error: 5 URL(s) or feed(s) could not be read (see above); the rest was built"
    assert "Traceback" not in result.output
    assert _sources(tmp_path / "store") == ["Kyiv talks", "Strike on Kharkiv"]


def test_build_feed_and_url_list_then_offline_rebuild(server: Server, tmp_path: Path, nlp) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{server.url('/news/c.html')}\n", encoding="utf-8")
    store, cache = tmp_path / "store", tmp_path / "cache"
    result = _build(["--feed", server.url("/feed.xml"), "--urls", str(listing)], store, cache)
    assert result.exit_code == 1, result.output
    assert f"kgraph: {server.url('/news/missing.html')}: HTTP 404 Not Found" in result.stderr
    assert _sources(store) == ["Kyiv talks", "Port of Odesa hit", "Strike on Kharkiv"]
    quads = len(GraphStore(store, read_only=True))

    # the server is gone: the pages come from the cache, the feed from its cached copy
    server.httpd.shutdown()
    server.httpd.server_close()
    again = _build(["--feed", server.url("/feed.xml"), "--urls", str(listing)], store, cache)
    assert "using the copy in the cache" in again.stderr
    assert "3 of 4 page(s) read from the web (0 fetched, 3 from the cache" in again.stderr
    assert _sources(store) == ["Kyiv talks", "Port of Odesa hit", "Strike on Kharkiv"]
    assert len(GraphStore(store, read_only=True)) == quads  # the same graphs, replaced


def test_build_with_every_url_failing(server: Server, tmp_path: Path) -> None:
    result = _build([server.url("/news/missing.html")], tmp_path / "store", tmp_path / "cache")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: no page could be fetched; nothing built"


def test_build_needs_something(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: nothing to read: give files, folders, '-', URLs, --urls FILE or --feed URL"
    )


@pytest.mark.slow  # waits the default per-host delay out, after robots.txt and between pages
def test_text_of_a_url(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGRAPH_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["text", server.url("/news/b.html"), "--body"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Odesa's port was struck by missiles on Tuesday.\n\n" + STORY[0])
    result = CliRunner().invoke(main, ["text", server.url("/news/missing.html")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {server.url('/news/missing.html')}: HTTP 404 Not Found\n"


def test_host_down_is_a_connection_error_not_a_robots_refusal(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port on 127.0.0.1 that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news/a.html"
    (error,) = Fetcher(tmp_path, FAST).fetch_all([url]).errors
    assert error == f"{url}: cannot connect: Connection refused"
