"""`kgraph text`: the text as read, from a file and from the store; statements marked;
non-English pages stored with their text only."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.graph.store import GraphStore

from ..conftest import SEED, SEED_PUBLISHED
from ..read.pages import STORY, TITLE, page, story_html

PAGE = page(
    f"<article><h1>{TITLE}</h1><p class='byline'>By Olena Hrytsenko</p>{story_html()}</article>",
    head="<meta property='article:published_time' content='2024-11-12'><meta name='author' content='Olena Hrytsenko'>"
    "<meta property='og:site_name' content='Kyiv Ledger'><link rel='canonical' href='https://ledger.example/k'>",
)
GERMAN = page(
    "<article><h1>Drohnen treffen Kraftwerk in Charkiw</h1><p>Russische Drohnen haben in der Nacht ein Kraftwerk "
    "in Charkiw getroffen und Tausende Haushalte ohne Strom gelassen, sagte Gouverneur Oleh Synjehubow am "
    "Dienstag.</p><p>„Wir werden wieder aufbauen“, sagte der Bürgermeister. Die Ingenieure arbeiteten daran, "
    "die Stromversorgung bis zum Abend wiederherzustellen.</p></article>",
).replace('lang="en"', 'lang="de"')


def _invoke(args: list[str]):
    result = CliRunner().invoke(main, args)
    out = (result.exit_code, result.stdout, result.stderr)
    del result  # a failed command's traceback would hold a store open
    gc.collect()
    return out


@pytest.fixture()
def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "kharkiv.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_text_of_a_file(html_file: Path) -> None:
    code, out, _ = _invoke(["text", str(html_file)])
    assert code == 0
    assert out == "\n\n".join([TITLE, *STORY]) + "\n"  # no byline: the author is metadata


def test_body_leaves_out_the_title(html_file: Path) -> None:
    code, out, _ = _invoke(["text", str(html_file), "--body"])
    assert code == 0
    assert out == "\n\n".join(STORY) + "\n"


def test_text_of_a_txt_file_is_the_file_with_boilerplate_blanked() -> None:
    code, out, _ = _invoke(["text", str(SEED)])
    original = SEED.read_text(encoding="utf-8")
    assert code == 0 and len(out.rstrip("\n")) == len(original.rstrip("\n"))  # offsets hold
    assert "Exit mobile version" in original and "Exit mobile version" not in out


def test_meta(html_file: Path) -> None:
    code, out, _ = _invoke(["text", str(html_file), "--meta"])
    assert code == 0
    assert json.loads(out) == {
        "article": None,
        "source": str(html_file),
        "title": TITLE,
        "published": "2024-11-12",
        "author": "Olena Hrytsenko",
        "publisher": "Kyiv Ledger",
        "url": "https://ledger.example/k",
        "language": "en",
    }


def test_spans_of_a_file_mark_the_statements(html_file: Path, nlp) -> None:
    code, out, _ = _invoke(["text", str(html_file), "--body", "--spans"])
    assert code == 0
    text, _, legend = out.partition("\n\n[[1]] ")
    assert "[[1 " in text and "]]" in text
    assert re.sub(r"\[\[\d+ |\]\]", "", text) == "\n\n".join(STORY)
    assert legend.startswith('Oleh Syniehubov - said (asserts, indirect): "Russian drones struck')


def test_article_from_the_store_is_the_stored_text(tmp_path: Path, html_file: Path, nlp) -> None:
    store = tmp_path / "store"
    code, _, err = _invoke(["build", str(html_file), "--store", str(store)])
    assert code == 0, err
    (row,) = GraphStore(store, read_only=True).articles()
    ident = row["iri"].rsplit("/", 1)[-1]
    html_file.unlink()  # the store alone has it now
    code, out, _ = _invoke(["text", ident, "--store", str(store), "--body"])
    assert code == 0
    assert out == "\n\n".join(STORY) + "\n"
    code, with_spans, _ = _invoke(["text", ident, "--store", str(store), "--spans"])
    assert code == 0 and with_spans.startswith(TITLE + "\n\n") and "[[1 " in with_spans
    code, meta, _ = _invoke(["text", ident, "--store", str(store), "--meta"])
    assert json.loads(meta)["author"] == "Olena Hrytsenko" and json.loads(meta)["language"] == "en"


def test_unknown_article(tmp_path: Path) -> None:
    store = tmp_path / "store"
    GraphStore(store).flush()
    code, _, err = _invoke(["text", "no-such-article", "--store", str(store)])
    assert code == 1
    assert err == (
        "Error: no-such-article: no such file, and no article 'no-such-article' in the store (see `kgraph articles`)\n"
    )


def test_bad_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    code, _, err = _invoke(["text", str(path)])
    assert code == 1 and err == f"Error: {path}: file is empty\n"


def test_non_english_page_is_stored_with_its_text_and_nothing_extracted(tmp_path: Path, nlp) -> None:
    path = tmp_path / "charkiw.html"
    path.write_text(GERMAN, encoding="utf-8")
    store = tmp_path / "store"
    code, _, err = _invoke(["build", str(path), "--store", str(store), "--published", "2024-11-12"])
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "English only" in line]
    assert warnings == [
        (
            f"kgraph: {path}: the article is in language 'de'; entity and statement extraction "
            "supports English only, so the article is stored with its text and nothing extracted"
        )
    ]
    code, out, _ = _invoke(["text", str(path), "--body"])
    assert out.startswith("Russische Drohnen")
    s = GraphStore(store, read_only=True)
    (_row,) = s.articles()
    assert s.select("SELECT ?l WHERE { ?a schema:inLanguage ?l }") == [{"l": "de"}]
    assert s.select("SELECT ?t WHERE { ?a nif:isString ?t }")[0]["t"].startswith("Drohnen treffen Kraftwerk")
    assert s.select("SELECT ?x WHERE { { ?x a kg:Statement } UNION { ?x kg:entityKey ?k } }") == []


def test_stored_text_is_the_text_read(seed_store_path: Path) -> None:
    """The seed article from the store prints exactly what reading the file prints now."""
    (row,) = GraphStore(seed_store_path, read_only=True).articles()
    ident = row["iri"].rsplit("/", 1)[-1]
    for flags in ([], ["--body"]):
        code, stored, _ = _invoke(["text", ident, "--store", str(seed_store_path), *flags])
        _, read, _ = _invoke(["text", str(SEED), "--published", SEED_PUBLISHED, *flags])
        assert code == 0 and stored == read
