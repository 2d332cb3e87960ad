"""The registry of input formats (kgraph.read.readers): a new format is one reader and one registration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.read import Article, read_all
from kgraph.read.readers import FORMATS, SUFFIXES, register, suffix_list, supported


def test_the_registered_formats():
    assert SUFFIXES == {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
    assert [f.kind for f in FORMATS.values() if not f.one_article] == ["jsonl"]
    assert supported() == ".txt, .html, .htm, .jsonl, a folder, or - for stdin"
    assert suffix_list() == ".txt, .html, .htm or .jsonl"


def _read_tagged(text: str, name: str, *, meta, override, rules, **_) -> Iterator[Article]:
    """A toy format: 'TITLE: x' on the first line, the rest is body."""
    first, _, body = text.partition("\n")
    if not first.startswith("TITLE: "):
        raise InputError(f"{name}: no TITLE line")
    yield Article(source=name, text=text, title=first[7:], body_start=len(first) + 1, published=override)


@pytest.fixture
def tagged_format():
    register("tagged", (".tag",), _read_tagged)
    yield
    del FORMATS["tagged"]
    del SUFFIXES[".tag"]


def test_a_new_format_is_one_registration(tagged_format, tmp_path: Path):
    (tmp_path / "a.tag").write_text("TITLE: Strike on Kharkiv\nTwo people died.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Geneva\nThe delegations met.\n", encoding="utf-8")
    (tmp_path / "c.tag").write_text("no title here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.tag: no TITLE line"):
        read_all([tmp_path])
    (tmp_path / "c.tag").unlink()
    articles = read_all([tmp_path], published="2024-03-01")
    assert [(a.title, a.published) for a in articles] == [
        ("Strike on Kharkiv", "2024-03-01"),
        ("Talks in Geneva", "2024-03-01"),
    ]
    assert articles[0].key.endswith("a.tag") and articles[0].input_hash  # identity and hash as for any file
    (tmp_path / "d.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"expected \.txt, \.html, \.htm, \.jsonl, \.tag, a folder, or - for stdin"):
        read_all([tmp_path / "d.md"])
