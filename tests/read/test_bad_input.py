"""Bad input fails with one InputError line naming the file (and line, for JSON lines)."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import kgraph.read.sources as sources
from kgraph.errors import InputError, KGraphError
from kgraph.read import read_all, read_path

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "read"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt: file is empty"),
        ("spaces.txt", b"  \n\t\n \r\n", "spaces.txt: file is empty"),
        ("bom_only.txt", b"\xef\xbb\xbf\n", "bom_only.txt: file is empty"),
        (
            "furniture.txt",
            b"Advertisement\n\nShare this article\nExit mobile version\n",
            "furniture.txt: has only boilerplate, no article text",
        ),
        ("nul.txt", b"Title\nBody\x00with a NUL.\n", "nul.txt: looks like a binary file"),
        ("image.txt", bytes(range(1, 32)) * 40, "image.txt: looks like a binary file"),
        ("latin1.txt", "Title\nCaf\xe9 bombed.\n".encode("latin-1"), "latin1.txt: not valid UTF-8 at byte 9"),
        ("bom_bad.txt", b"\xef\xbb\xbfab\xff", "bom_bad.txt: not valid UTF-8 at byte 5"),
        ("utf16.txt", "Title\nBody\n".encode("utf-16"), "utf16.txt: file is UTF-16 encoded"),
        ("empty.html", b"", "empty.html: file is empty"),
        ("blank.html", b"<html><body><nav>Home</nav></body></html>", "blank.html: no article text found in the HTML"),
        ("bad.html", b"<p>caf\xe9</p>", "bad.html: not valid UTF-8 at byte 6"),
        ("empty.jsonl", b"\n\n", "empty.jsonl: file is empty"),
        (
            "notjson.jsonl",
            b'{"text": "ok"}\n\n{"text": oops}\n',
            "notjson.jsonl:3: not valid JSON (Expecting value at column 10)",
        ),
        ("list.jsonl", b'["text"]\n', "list.jsonl:1: expected a JSON object, got an array"),
        ("scalar.jsonl", b'{"text": "a"}\n"text"\n', "scalar.jsonl:2: expected a JSON object, got a string"),
        ("notext.jsonl", b'{"title": "T"}\n', "notext.jsonl:1: missing required field 'text'"),
        ("numtext.jsonl", b'{"text": 5}\n', "numtext.jsonl:1: field 'text' must be a string, got a number"),
        ("blanktext.jsonl", b'{"text": "  "}\n', "blanktext.jsonl:1: field 'text' is empty"),
        ("adtext.jsonl", b'{"text": "Advertisement"}\n', "adtext.jsonl:1: field 'text' has only boilerplate"),
        (
            "badtitle.jsonl",
            b'{"text": "Body.", "title": ["T"]}\n',
            "badtitle.jsonl:1: field 'title' must be a string, got an array",
        ),
        ("notes.pdf", b"%PDF-1.4", "notes.pdf: unsupported file type '.pdf'"),
        ("README", b"hello", "README: unsupported file type '(no extension)'"),
        ("x.meta.json", b"{}", "x.meta.json: unsupported file type '.json'"),
    ],
)
def test_bad_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        list(read_path(path))
    text = str(caught.value)
    assert text.startswith(str(tmp_path / message.split(":", 1)[0]))
    assert message in text
    assert "\n" not in text


def test_nonexistent_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=re.escape(f"{tmp_path}/nope.txt: no such file or folder")):
        read_all([tmp_path / "nope.txt"])


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"notes.md": "text", "data.csv": "a,b", ".hidden.txt": "Title\nBody.\n"},
        {".cache/a.txt": "Title\nBody.\n"},
    ],
)
def test_folder_without_articles(tmp_path: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{tmp_path}: folder has no articles")):
        read_all(tmp_path)


def test_bad_file_in_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(b"")
    with pytest.raises(InputError, match=re.escape(f"{tmp_path / 'sub' / 'b.txt'}: file is empty")):
        read_all(tmp_path)


def test_read_all_fails_before_returning_anything(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Title\nBody.\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"no": "text"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2: missing required field 'text'"):
        read_all([good, bad])
    # the generator form yields the good ones first
    seen = []
    with pytest.raises(InputError):
        for article in read_path(tmp_path):
            seen.append(article.source)
    assert seen == [f"{bad}:1"]


def test_huge_file_rejected_by_size_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"a " * (25 * 1024 * 1024))  # 50 MiB
    assert path.stat().st_size == 50 * 1024 * 1024

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(sources, "_read_limited", no_reading)
    with pytest.raises(InputError) as caught:
        list(read_path(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: file is 50.0 MiB, more than the limit of 20.0 MiB")
    assert "max_bytes" in message


def test_max_bytes_parameter(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Title\nA body of some length.\n", encoding="utf-8")
    with pytest.raises(InputError, match="small.txt: file is 29 bytes, more than the limit"):
        list(read_path(path, max_bytes=10))
    assert len(list(read_path(path, max_bytes=29))) == 1


def test_stdin_too_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(InputError, match="<stdin>: file is larger than the limit of 10 bytes"):
        read_all("-", max_bytes=10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "<stdin>: file is empty"),
        (b"\xff\xfe\x00", "<stdin>: file is UTF-16 encoded"),
        (b'{"text": "a"}\n{"text":\n', "<stdin>:2: not valid JSON"),
    ],
)
def test_bad_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, message: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(InputError, match=re.escape(message)):
        read_all("-")


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (b"{not json", "story.meta.json: not valid JSON"),
        (b"[1, 2]", "story.meta.json: expected a JSON object, got an array"),
        (b'{"title": 3}', "story.meta.json: field 'title' must be a string, got a number"),
    ],
)
def test_bad_sidecar(tmp_path: Path, meta: bytes, message: str) -> None:
    (tmp_path / "story.txt").write_text("Title\nBody.\n", encoding="utf-8")
    (tmp_path / "story.meta.json").write_bytes(meta)
    with pytest.raises(InputError, match=re.escape(message)):
        read_all(tmp_path / "story.txt")


def test_bad_published_argument(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError, match="published date 'last week' is not a full date"):
        read_all(tmp_path / "a.txt", published="last week")


def test_no_paths() -> None:
    with pytest.raises(InputError, match="no input given"):
        read_all([])


def test_input_error_is_a_kgraph_error() -> None:
    assert issubclass(InputError, KGraphError)


def test_furniture_only_html_fixture() -> None:
    with pytest.raises(InputError, match="furniture_only.html: no article text found"):
        read_all(DATA / "furniture_only.html")
