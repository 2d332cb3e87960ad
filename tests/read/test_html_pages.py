"""Main text of news pages: each way furniture gets into the text, as a small page
(tests/read/pages.py), and the metadata read from pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.read import parse_html, read_all
from kgraph.read.html import detect_language, normalise_language

from .pages import KINDS, STORY, TITLE, page, story_html


def _read(tmp_path: Path, html: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    (article,) = read_all(path)
    return article


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_furniture_is_not_read(tmp_path: Path, kind: str) -> None:
    html, furniture = KINDS[kind]
    article = _read(tmp_path, html)
    body = article.text[article.body_start :]
    assert [p for p in STORY if p not in body] == []  # every paragraph of the story, whole
    assert [f for f in furniture if f in article.text] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_title_is_metadata_not_a_body_sentence(tmp_path: Path, kind: str) -> None:
    article = _read(tmp_path, KINDS[kind][0])
    assert article.title == TITLE
    assert article.text.startswith(TITLE + "\n\n")
    assert article.body_start == len(TITLE) + 1
    assert TITLE not in article.text[article.body_start :]


def test_paragraph_breaks_and_offsets(tmp_path: Path) -> None:
    article = _read(tmp_path, KINDS["two_mains"][0])
    assert article.text == "\n\n".join([TITLE, *STORY])
    start = article.text.index("Ukrenergo")
    assert article.text[start : start + len("Ukrenergo")] == "Ukrenergo"


def test_sidecar_still_overrides_the_page(tmp_path: Path) -> None:
    (tmp_path / "p.meta.json").write_text(
        '{"title": "Sidecar title", "published": "2024-11-13", "author": "A. Writer", "language": "en-GB"}',
        encoding="utf-8",
    )
    article = _read(tmp_path, KINDS["bylines"][0], "p.html")
    assert (article.title, article.published, article.author, article.language) == (
        "Sidecar title",
        "2024-11-13",
        "A. Writer",
        "en",
    )


METADATA_HEAD = (
    '<link rel="canonical" href="https://ledger.example/news/kharkiv-strike">'
    '<meta property="og:site_name" content="Kyiv Ledger">'
    '<meta property="og:url" content="https://ledger.example/og">'
    '<meta name="author" content="Olena Hrytsenko">'
    '<meta property="article:published_time" content="2024-11-12T23:30:00+02:00">'
)


def test_metadata_from_the_page(tmp_path: Path) -> None:
    article = _read(tmp_path, page(f"<article><h1>{TITLE}</h1>{story_html()}</article>", head=METADATA_HEAD))
    assert article.title == TITLE
    assert article.published == "2024-11-12"  # the date written, the time zone does not move it
    assert article.author == "Olena Hrytsenko"
    assert article.publisher == "Kyiv Ledger"
    assert article.url == "https://ledger.example/news/kharkiv-strike"  # canonical before og:url
    assert article.language == "en"


def test_json_ld_metadata() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "JSON-LD headline", "datePublished": "2023-03-03T08:00:00Z",'
        ' "author": {"@type": "Person", "name": "Mark Stone"},'
        ' "publisher": {"@type": "Organization", "name": "Southern Herald"}}</script>'
    )
    html = f"<html><head><title>x</title>{ld}</head><body><div>{story_html()}</div></body></html>"
    content = parse_html(html)
    assert (content.title, content.published, content.author, content.publisher) == (
        "JSON-LD headline",
        "2023-03-03",
        "Mark Stone",
        "Southern Herald",
    )


def test_page_without_a_date_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    html = page(f"<article><h1>{TITLE}</h1>{story_html()}</article><footer>© 2023 Kyiv Ledger</footer>")
    with caplog.at_level("INFO", logger="kgraph"):
        article = _read(tmp_path, html)
    assert article.published is None  # the copyright year is not a date of publication
    assert [r.getMessage() for r in caplog.records] == [
        (
            f'{tmp_path / "page.html"}: the page gives no publication date; relative dates ("next week") '
            "are left unresolved (give one with --published)"
        )
    ]


def test_published_option_fills_a_missing_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(f"<article><h1>{TITLE}</h1>{story_html()}</article>"), encoding="utf-8")
    (article,) = read_all(path, published="2024-11-12")
    assert article.published == "2024-11-12"


GERMAN = [
    (
        "Russische Drohnen haben in der Nacht ein Kraftwerk in Charkiw getroffen und Tausende Haushalte "
        "ohne Strom gelassen, sagte der Gouverneur am Dienstag."
    ),
    ("Ingenieure arbeiteten daran, die Stromversorgung bis zum Abend wiederherzustellen, teilte der Betreiber mit."),
]


def test_non_english_page_is_read_with_its_language(tmp_path: Path) -> None:
    html = (
        '<html lang="de"><head><title>Drohnen treffen Kraftwerk</title></head><body><article>'
        "<h1>Drohnen treffen Kraftwerk</h1>" + "".join(f"<p>{p}</p>" for p in GERMAN) + "</article></body></html>"
    )
    article = _read(tmp_path, html)
    assert article.language == "de"
    assert article.text == "\n\n".join(["Drohnen treffen Kraftwerk", *GERMAN])


def test_language_of_the_text_wins_over_a_wrong_declaration() -> None:
    html = '<html lang="en"><body><article>' + "".join(f"<p>{p}</p>" for p in GERMAN) + "</article></body></html>"
    assert parse_html(html).language == "de"


def test_short_text_takes_the_declared_language() -> None:
    assert parse_html('<html lang="uk-UA"><body><p>Коротко.</p></body></html>').language == "uk"
    assert parse_html("<html><body><p>Short.</p></body></html>").language is None


@pytest.mark.parametrize(
    ("value", "code"),
    [("en-GB", "en"), ("EN_us", "en"), ("de", "de"), ("fr-FR, en", "fr"), ("", None), ("english language", None)],
)
def test_normalise_language(value: str, code: str | None) -> None:
    assert normalise_language(value) == code


def test_detect_language_abstains_on_short_text() -> None:
    assert detect_language("Kyiv said.") is None
    assert detect_language(" ".join(STORY)) == "en"


@pytest.mark.parametrize(
    "prose",
    [
        "By the time rescuers arrived, the fire had spread.",  # "By" + lower-case words: not a byline
        "Published in 1998, the report warned of exactly this.",  # "Published" + prose: not a dateline
        "Updated maps show the front moved 3 km west.",
    ],
)
def test_prose_like_bylines_and_datelines_stays(tmp_path: Path, prose: str) -> None:
    article = _read(tmp_path, page(f"<article><h1>{TITLE}</h1><p>{prose}</p>{story_html()}</article>"))
    assert article.text.split("\n\n")[1] == prose
