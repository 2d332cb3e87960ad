"""Lazy reading with problems as values, article identity, and skipping before parsing."""

from __future__ import annotations

import json
import os

import pytest

from kgraph.errors import InputError
from kgraph.read import Article, count_articles, iter_articles, read_all
from kgraph.read.article import Unchanged

BODY = "Strikes hit Kharkiv\n\nRussian forces attacked Kharkiv overnight, officials said.\n"


def _kinds(items):
    return [type(i).__name__ for i in items]


def test_bad_files_and_lines_are_values_and_reading_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": BODY}) + "\n{broken\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8"
    )
    (tmp_path / "d.txt").write_bytes(b"\xff\xfe caf\xe9")
    items = list(iter_articles([tmp_path, tmp_path / "missing.txt"]))
    assert _kinds(items) == ["Article", "InputError", "Article", "InputError", "Article", "InputError", "InputError"]
    messages = [str(i) for i in items if isinstance(i, InputError)]
    assert messages[0].endswith("b.txt: file is empty")
    assert "c.jsonl:2: not valid JSON" in messages[1]
    assert "d.txt: file is UTF-16 encoded" in messages[2] or "d.txt: not valid UTF-8" in messages[2]
    assert messages[3].endswith("missing.txt: no such file or folder")
    # the raising readers still stop at the first problem
    with pytest.raises(InputError, match="b.txt: file is empty"):
        read_all([tmp_path])


def test_reading_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(BODY, encoding="utf-8")
    items = iter_articles([tmp_path])
    first = next(items)
    (tmp_path / "2.txt").write_text(BODY.replace("Kharkiv", "Odesa"), encoding="utf-8")  # not read yet
    rest = list(items)
    assert isinstance(first, Article) and "Odesa" in rest[-1].text


def test_identity_is_the_source_not_the_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(BODY, encoding="utf-8")
    (a,) = read_all(["in/a.txt"])
    (b,) = read_all(["./in/a.txt"])
    (c,) = read_all([str(tmp_path / "in" / "a.txt")])
    assert a.key == b.key == c.key == "in/a.txt" and a.id == b.id == c.id
    (tmp_path / "in" / "a.txt").write_text(BODY.replace("Kharkiv", "Odesa"), encoding="utf-8")
    (d,) = read_all(["in/a.txt"])
    assert d.id == a.id and d.input_hash != a.input_hash
    assert a.id.startswith("a-")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(BODY, encoding="utf-8")
    try:
        (e,) = read_all([outside])
        assert e.key == outside.as_posix()
    finally:
        os.remove(outside)


def test_jsonl_identity_id_then_url_then_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps(r)
            for r in (
                {"id": "wire-7", "text": BODY, "url": "https://example.org/a"},
                {"url": "https://example.org/b", "text": BODY},
                {"text": BODY},
                {"id": 42, "text": BODY},
                {"id": ["x"], "text": BODY},
            )
        )
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles([feed]))
    assert [getattr(i, "key", None) for i in items[:4]] == [
        "id:wire-7",
        "https://example.org/b",
        f"{feed.as_posix()}:3",
        "id:42",
    ]
    assert items[0].id.startswith("wire-7-") and items[3].id.startswith("42-")
    assert isinstance(items[4], InputError) and "feed.jsonl:5: field 'id'" in str(items[4])
    assert len({i.id for i in items[:4]}) == 4


def test_stdin_text_without_a_source_is_known_by_its_text():
    one = Article(source="<stdin>", text=BODY)
    two = Article(source="<stdin>", text=BODY.replace("Kharkiv", "Odesa"))
    assert one.id != two.id and one.id == Article(source="<stdin>", text=BODY).id


def test_unchanged_input_is_not_parsed(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text(json.dumps({"id": "x", "text": BODY}) + "\n", encoding="utf-8")
    first = list(iter_articles([tmp_path]))
    known = {(a.key, a.input_hash) for a in first}
    asked = []

    def unchanged(key, input_hash):
        asked.append(key)
        return (key, input_hash) in known

    again = list(iter_articles([tmp_path], unchanged=unchanged))
    assert _kinds(again) == ["Unchanged", "Unchanged"]
    assert [u.id for u in again] == [a.id for a in first]
    assert again[0].words == len(BODY.split())
    # a changed sidecar, date override or text is a changed input
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "Other"}), encoding="utf-8")
    assert _kinds(iter_articles([tmp_path / "a.txt"], unchanged=unchanged)) == ["Article"]
    (tmp_path / "a.meta.json").unlink()
    assert _kinds(iter_articles([tmp_path / "a.txt"], unchanged=unchanged, published="2024-01-01")) == ["Article"]
    assert isinstance(Unchanged("s", "k", "h"), Unchanged)


def test_count_articles(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("{}\n\n{}\n{}\n", encoding="utf-8")
    assert count_articles([tmp_path]) == 4
    assert count_articles([tmp_path, "-"]) is None
