"""Reading .txt, .html, .jsonl, folders and stdin into Article records."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from kgraph.read import Article, normalise_date, read_all, read_path, read_paths

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_815a57848530bec3.txt"
DATA = ROOT / "tests" / "data" / "read"

SEED_TITLE = "Growing No of North Korean Troops on Battlefield, Zelenskiy Says"
SEED_BLANKED = (
    "Follow tovima.com on Google News to keep up with the latest stories",
    "Exit mobile version",
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- the seed article ---------------------------------------------------------------


def test_seed_text_is_the_file_with_boilerplate_blanked() -> None:
    (article,) = read_path(SEED)
    with open(SEED, encoding="utf-8") as handle:
        original = handle.read()
    lines = original.split("\n")
    assert all(line in lines for line in SEED_BLANKED)
    expected = "\n".join(" " * len(line) if line in SEED_BLANKED else line for line in lines)
    assert len(article.text) == len(original)
    assert article.text == expected  # every other character identical
    assert sum(a != b for a, b in zip(article.text, original)) == sum(
        len(line.replace(" ", "")) for line in SEED_BLANKED
    )
    assert article.title == SEED_TITLE
    assert article.body_start == len(SEED_TITLE) + 1
    assert article.text[article.body_start :].startswith("\nAccording to Reuters")


def test_seed_article_record() -> None:
    (article,) = read_all([SEED])
    assert isinstance(article, Article)
    assert article.source == str(SEED)
    assert article.published is None and article.url is None
    assert article.id.startswith("000-815a57848530bec3-")


# --- .txt ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "title", "body_start"),
    [
        ("Title line\n\nBody sentence one.\n", "Title line", 11),
        ("\n\n  Indented title  \nBody.\n", "Indented title", 21),
        ("Advertisement\nReal title\nBody.\n", "Real title", 25),  # boilerplate skipped
        ("Only one line, which is body.\n", None, 0),
        ("Title\r\nBody with CRLF.\r\n", "Title", 6),  # newlines read as open() does
    ],
)
def test_txt_title_and_body_start(tmp_path: Path, content: str, title: str | None, body_start: int) -> None:
    (article,) = read_path(write(tmp_path / "a.txt", content))
    assert article.title == title
    assert article.body_start == body_start
    with open(tmp_path / "a.txt", encoding="utf-8") as handle:
        assert len(article.text) == len(handle.read())


def test_txt_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\nBody.\n")
    (article,) = read_path(path)
    assert article.text == "Title\nBody.\n"
    assert article.title == "Title"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            {"title": "Title line", "url": "https://x.example/a", "published": "12 Nov 2024", "publisher": "X News"},
            ("Title line", "https://x.example/a", "2024-11-12", "X News", 11),
        ),
        # a meta title that is not the first line: the whole file is body
        ({"title": "Another title"}, ("Another title", None, None, None, 0)),
        ({"published": "sometime"}, ("Title line", None, None, None, 11)),
    ],
)
def test_txt_meta_json_sidecar(tmp_path: Path, meta: dict[str, str], expected: tuple) -> None:
    path = write(tmp_path / "story.txt", "Title line\nBody sentence.\n")
    write(tmp_path / "story.meta.json", json.dumps(meta))
    (article,) = read_path(path)
    got = (article.title, article.url, article.published, article.publisher, article.body_start)
    assert got == expected


def test_published_argument_overrides(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "Title\nBody.\n")
    write(tmp_path / "story.meta.json", json.dumps({"published": "2020-01-01"}))
    (article,) = read_path(path, published="March 5, 2023")
    assert article.published == "2023-03-05"


# --- .html --------------------------------------------------------------------------


def test_html_file(tmp_path: Path) -> None:
    (article,) = read_path(DATA / "news_article.html")
    assert article.title == "Drones Strike Kharkiv Power Plant"
    assert article.url == "https://ledger.example/news/drones-strike-kharkiv"
    assert article.published == "2024-11-12"
    assert article.publisher == "Kyiv Ledger"
    assert article.text.startswith(article.title + "\n\nRussian drones struck")
    assert article.body_start == len(article.title) + 1
    assert "Follow us on Telegram" not in article.text  # blanked, not deleted
    assert article.text.rstrip().endswith("Two substations were damaged.")


def test_htm_suffix_and_sidecar_override(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes((DATA / "body_only.html").read_bytes())
    write(tmp_path / "page.meta.json", json.dumps({"url": "https://h.example/1"}))
    (article,) = read_path(path)
    assert article.title == "Shelling Kills Two in Kherson"
    assert article.url == "https://h.example/1"
    assert article.published == "2023-03-03"
    assert article.publisher == "Southern Herald"


def test_html_in_declared_charset(tmp_path: Path) -> None:
    page = '<meta charset="iso-8859-1"><h1>Caf\xe9 hit</h1><p>A caf\xe9 in Odesa was hit.</p>'
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    (article,) = read_path(path)
    assert article.text == "Café hit\n\nA café in Odesa was hit."


# --- .jsonl -------------------------------------------------------------------------


def test_jsonl(tmp_path: Path) -> None:
    lines = [
        {
            "text": "Kyiv was attacked.\nMore text.",
            "title": "Kyiv attacked",
            "url": "https://a.example/1",
            "published": "2024-02-24",
            "source": "Agency A",
        },
        {},
        {"text": "Title two\nBody two.", "title": "Title two", "publisher": "P", "published": "not a date"},
        {"text": "Body only.\nShare this article"},
    ]
    content = "\n".join("" if not line else json.dumps(line) for line in lines) + "\n\n"
    path = write(tmp_path / "batch.jsonl", content)
    articles = list(read_path(path))
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    first, second, third = articles
    assert (first.title, first.url, first.published, first.publisher, first.body_start) == (
        "Kyiv attacked",
        "https://a.example/1",
        "2024-02-24",
        "Agency A",
        0,
    )
    assert (second.publisher, second.published, second.body_start) == ("P", None, 10)
    assert third.title is None
    assert third.text == "Body only.\n" + " " * len("Share this article")


# --- folders ------------------------------------------------------------------------


def test_folder_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B title\nB body.\n")
    write(tmp_path / "a" / "z.TXT", "Z title\nZ body.\n")
    write(tmp_path / "a" / "deep" / "y.jsonl", '{"text": "Y body."}\n')
    write(tmp_path / "c.htm", "<h1>C title</h1><p>C body.</p>")
    write(tmp_path / ".hidden.txt", "Hidden\nNot read.\n")
    write(tmp_path / ".git" / "x.txt", "Hidden dir\nNot read.\n")
    write(tmp_path / "notes.md", "# Not an article\n")
    write(tmp_path / "b.meta.json", json.dumps({"publisher": "B News"}))
    articles = read_all(tmp_path)
    names = [Path(re.sub(r":\d+$", "", a.source)).relative_to(tmp_path).as_posix() for a in articles]
    assert names == ["a/deep/y.jsonl", "a/z.TXT", "b.txt", "c.htm"]
    assert articles[2].publisher == "B News"


def test_read_paths_chains_and_accepts_one_path(tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", "One\nBody.\n")
    two = write(tmp_path / "two.txt", "Two\nBody.\n")
    assert [a.title for a in read_paths([two, str(one)])] == ["Two", "One"]
    assert [a.title for a in read_paths(one)] == ["One"]
    assert [a.title for a in read_all(str(two))] == ["Two"]


# --- stdin --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "titles", "texts_start"),
    [
        (b"Plain title\nPlain body.\n", ["Plain title"], "Plain title\n"),
        (b'\n  {"text": "J1", "title": "T1"}\n{"text": "J2"}\n', ["T1", None], "J1"),
        (b"  <html><h1>H title</h1><p>H body.</p></html>", ["H title"], "H title\n\nH body."),
    ],
)
def test_stdin_sniffing(monkeypatch: pytest.MonkeyPatch, data: bytes, titles: list, texts_start: str) -> None:
    fake_stdin(monkeypatch, data)
    articles = read_all("-", published="2024-01-02")
    assert [a.title for a in articles] == titles
    assert articles[0].text.startswith(texts_start)
    assert all(a.published == "2024-01-02" for a in articles)
    assert articles[0].source.startswith("<stdin>")


def test_stdin_text_only_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Title\nBody.\n"))
    (article,) = read_path("-")
    assert article.title == "Title"


# --- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-12", "2024-11-12"),
        ("2024-11-12T23:30:00+02:00", "2024-11-12"),
        ("2024-11-12T23:30:00Z", "2024-11-12"),
        ("Tue, 12 Nov 2024 10:00:00 GMT", "2024-11-12"),
        ("12 November 2024", "2024-11-12"),
        ("November 12, 2024", "2024-11-12"),
        ("November 2024", None),
        ("2024", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20241112, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
