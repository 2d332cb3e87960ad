"""Read articles from files, folders and stdin: ``.txt``, ``.html``/``.htm``, ``.jsonl``.

Every reader yields :class:`~kgraph.read.article.Article` records whose ``text`` is the
text as read, with boilerplate lines overwritten by spaces (same length), so the
character offsets later stages record point into the text as read.

- ``.txt``: the whole file is the text (newlines normalised as ``open()`` does, a UTF-8
  BOM dropped); its first non-empty line is the title and ``body_start`` is the offset
  just after that line. A file of a single line has no title. A sibling
  ``NAME.meta.json`` may give ``title``, ``url``, ``published``, ``publisher``,
  ``author`` and ``language``.
- ``.html``/``.htm``: the main text of the page (see :mod:`kgraph.read.html`), title
  line first; metadata from the page (a sibling ``NAME.meta.json`` overrides it).
- ``.jsonl``: one article per line, an object with a ``text`` string and optional
  ``title``, ``url``, ``published``, ``source``/``publisher``, ``author`` and
  ``language``; blank lines skipped.
- a folder: its ``.txt``, ``.html``, ``.htm`` and ``.jsonl`` files, recursively, in
  sorted order; hidden files and folders are skipped.
- ``-``: stdin, read as JSON lines if it starts with ``{``, HTML if with ``<``, else text.

Bad input raises :class:`~kgraph.errors.InputError` with a one-line message naming the
file (and, for JSON lines, the line). :func:`read_all` reads everything before
returning, so a caller can fail before writing anything anywhere. :func:`iter_articles`
reads one file at a time and hands each problem back as a value instead, so a caller
can report a bad file (or JSON line) and go on with the rest.

Each article's ``key`` (its identity, see :class:`~kgraph.read.article.Article`) is the
file's path, normalised and relative to the working directory when inside it; for a
JSON line, ``id:`` and its ``id`` field, else its ``url``, else file and line number.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import errno
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from dateutil import parser as _dateparser

from kgraph.errors import InputError
from kgraph.read.article import Article, Unchanged
from kgraph.read.boilerplate import BoilerplateRules, load_rules
from kgraph.read.html import normalise_language, parse_html

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "SUFFIXES",
    "count_articles",
    "iter_articles",
    "normalise_date",
    "read_all",
    "read_path",
    "read_paths",
]

#: The largest file read, in bytes, unless a caller says otherwise.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The path that means "read standard input".
STDIN = "-"
#: File suffixes read (case-insensitive) and the format each means.
SUFFIXES: dict[str, str] = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_log = logging.getLogger(__name__)
_STDIN_NAME = "<stdin>"
_META_SUFFIX = ".meta.json"
_META_FIELDS = ("title", "url", "published", "publisher", "author", "language")
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SUPPORTED = ".txt, .html, .htm, .jsonl, a folder, or - for stdin"


def read_path(
    path: str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: BoilerplateRules | None = None,
) -> Iterator[Article]:
    """Yield the articles in one file, folder, or stdin (``"-"``).

    Args:
        path: a ``.txt``, ``.html``, ``.htm`` or ``.jsonl`` file, a folder, or ``"-"``.
        published: a date that overrides every article's own (any form dateutil
            reads; stored as ``YYYY-MM-DD``).
        max_bytes: refuse any file larger than this (checked before reading it).
        rules: boilerplate rules; default ``ontology/lexicon/en/boilerplate.txt``.

    Raises:
        InputError: the path is missing, unsupported, empty, binary, not UTF-8, too
            big or malformed; or `published` is not a date.

    Example:
        >>> for article in read_path("seeds/"):  # doctest: +SKIP
        ...     print(article.title)
    """
    override = _override_date(published)
    for item in _path_items(path, override, max_bytes, rules or load_rules()):
        if isinstance(item, InputError):
            raise item
        yield item


def iter_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: BoilerplateRules | None = None,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    """Yield each article of `paths` as soon as its file is read, one file in memory at a
    time; a bad path, file or JSON line is yielded as an :class:`InputError` (not raised)
    and reading goes on with the next one.

    `unchanged(key, input_hash)`, if given, is asked about each article before it is
    parsed (its key and the SHA-256 of its input: file and sidecar bytes, or its JSON
    line, and the override date); when it says True the article is not parsed and an
    :class:`~kgraph.read.article.Unchanged` record stands for it.

    Raises:
        InputError: no path was given, or `published` is not a date.

    Example:
        >>> for item in iter_articles(["seeds/"]):  # doctest: +SKIP
        ...     print(item if isinstance(item, InputError) else item.title)
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    override = _override_date(published)
    rules = rules or load_rules()
    given = False
    for path in paths:
        given = True
        yield from _path_items(path, override, max_bytes, rules, unchanged)
    if not given:
        raise InputError(f"no input given; expected {_SUPPORTED}")


def count_articles(paths: Iterable[str | Path] | str | Path) -> int | None:
    """How many articles (and bad files) `paths` will give, counted without parsing them:
    a file each, a non-blank line each for JSON lines; None when stdin is among them."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    total = 0
    for path in paths:
        if str(path) == STDIN:
            return None
        path = Path(path)
        files = _folder_files(path) if path.is_dir() else [path]
        for file in files:
            if SUFFIXES.get(file.suffix.lower()) == "jsonl":
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip()) or 1
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _path_items(
    path: str | Path,
    override: str | None,
    max_bytes: int,
    rules: BoilerplateRules,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    """The articles of one path, and its problems as values."""
    if str(path) == STDIN:
        yield from _guarded(_read_stdin(override, max_bytes, rules, unchanged))
        return
    path = Path(path)
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            yield InputError(f"{path}: folder has no articles (no .txt, .html, .htm or .jsonl files)")
        for file in files:
            yield from _guarded(_read_file(file, SUFFIXES[file.suffix.lower()], override, max_bytes, rules, unchanged))
        return
    if not path.exists():
        if path.is_symlink():
            yield InputError(f"{path}: {_broken_link(path)}")
            return
        yield InputError(f"{path}: no such file or folder")
        return
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None or path.name.lower().endswith(_META_SUFFIX):
        yield InputError(f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; expected {_SUPPORTED}")
        return
    yield from _guarded(_read_file(path, kind, override, max_bytes, rules, unchanged))


def _guarded(items: Iterator[Article | Unchanged | InputError]) -> Iterator[Article | Unchanged | InputError]:
    """Pass items through; an InputError raised while reading ends the file as a value."""
    try:
        yield from items
    except InputError as exc:
        yield exc


def _path_key(path: Path) -> str:
    """A file's identity: its normalised path, relative to the working directory when
    inside it (so `seeds/a.txt`, `./seeds/a.txt` and its absolute path are one article)."""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full)
    except ValueError:  # another drive (Windows)
        rel = full
    chosen = full if rel == ".." or rel.startswith(".." + os.sep) else rel
    return Path(chosen).as_posix()


def read_paths(
    paths: Iterable[str | Path] | str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: BoilerplateRules | None = None,
) -> Iterator[Article]:
    """Yield the articles of each path in turn (see :func:`read_path`).

    Raises:
        InputError: as :func:`read_path`, or no path was given.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    given = False
    for path in paths:
        given = True
        yield from read_path(path, published=published, max_bytes=max_bytes, rules=rules)
    if not given:
        raise InputError(f"no input given; expected {_SUPPORTED}")


def read_all(
    paths: Iterable[str | Path] | str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    rules: BoilerplateRules | None = None,
) -> list[Article]:
    """Read every article of `paths` before returning, so bad input fails early.

    Example:
        >>> articles = read_all(["seeds/", "extra.jsonl"])  # doctest: +SKIP
    """
    return list(read_paths(paths, published=published, max_bytes=max_bytes, rules=rules))


def normalise_date(value: object) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a date string, or None if it is not a full date.

    The date is the one written (a time zone does not move it); a year or a month
    without a day is not a full date.

    >>> normalise_date("2024-11-12T23:30:00+02:00"), normalise_date("12 Nov 2024")
    ('2024-11-12', '2024-11-12')
    >>> normalise_date("November 2024") is None, normalise_date("soon") is None
    (True, True)
    """
    if isinstance(value, (_dt.datetime, _dt.date)):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        # Two different defaults: if the results differ, some part was missing.
        first = _dateparser.parse(value, default=_dt.datetime(1900, 1, 1))
        second = _dateparser.parse(value, default=_dt.datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None
    return first.date().isoformat()


def _override_date(published: str | None) -> str | None:
    if published is None:
        return None
    date = normalise_date(published)
    if date is None:
        raise InputError(f"published date {published!r} is not a full date; use YYYY-MM-DD")
    return date


def _folder_files(folder: Path) -> list[Path]:
    """Readable article files under `folder`, recursively, sorted, hidden ones skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.lower().endswith(_META_SUFFIX):
                continue
            file = Path(root, name)
            if file.suffix.lower() in SUFFIXES and file.is_file():
                found.append(file)
    return sorted(found, key=lambda file: file.relative_to(folder).parts)


def _input_hash(*parts: bytes | str | None) -> str:
    """SHA-256 of what an article is read from, each part length-prefixed."""
    h = hashlib.sha256()
    for part in parts:
        data = b"\xff" if part is None else part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _read_file(
    path: Path,
    kind: str,
    override: str | None,
    max_bytes: int,
    rules: BoilerplateRules,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from exc
    if size > max_bytes:
        raise InputError(f"{name}: {_too_big(size, max_bytes)}")
    data = _read_limited(path, max_bytes)
    key = _path_key(path)
    digest = None
    if kind != "jsonl":  # one article: known unchanged from its bytes, before parsing
        meta_path = path.with_name(path.stem + _META_SUFFIX)
        try:
            meta_bytes = meta_path.read_bytes() if meta_path.is_file() else None
        except OSError:
            meta_bytes = None  # _sidecar reports it
        digest = _input_hash(kind, data, meta_bytes, override)
        if unchanged is not None and unchanged(key, digest):
            yield Unchanged(name, key, digest, len(data.split()))
            return
    text = _decode(data, name, html=kind == "html")
    meta = _sidecar(path) if kind != "jsonl" else {}
    for item in _parse(text, kind, name, meta, override, rules, key, unchanged):
        if isinstance(item, Article) and not (item.key and item.input_hash):
            item = replace(item, key=item.key or key, input_hash=item.input_hash or digest)
        yield item


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes` of `path`; a file that grew past the limit is refused."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if len(data) > max_bytes:  # it grew since stat()
        raise InputError(f"{path}: {_too_big(None, max_bytes)}")
    return data


def _too_big(size: int | None, max_bytes: int) -> str:
    """The message for a file over the limit; `size` None when only "too big" is known."""

    def amount(n: int) -> str:
        return f"{n / 2**20:.1f} MiB" if n >= 2**17 else f"{n} bytes"

    what = f"file is {amount(size)}, more than" if size is not None else "file is larger than"
    return f"{what} the limit of {amount(max_bytes)}; split it or raise max_bytes"


def _read_stdin(
    override: str | None,
    max_bytes: int,
    rules: BoilerplateRules,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    stream = sys.stdin
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_bytes + 1)
    else:  # a text-only stream (e.g. io.StringIO)
        data = stream.read(max_bytes + 1).encode("utf-8")
    if len(data) > max_bytes:
        raise InputError(f"{_STDIN_NAME}: {_too_big(None, max_bytes)}")
    text = _decode(data, _STDIN_NAME, html=data.lstrip().startswith(b"<"))
    first = text.lstrip()[:1]
    kind = "jsonl" if first == "{" else "html" if first == "<" else "txt"
    yield from _parse(text, kind, _STDIN_NAME, {}, override, rules, None, unchanged)


def _decode(data: bytes, name: str, *, html: bool = False) -> str:
    """Bytes to text, refusing empty, binary and non-UTF-8 input; newlines as ``open()``."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(_UTF16_BOMS):
        raise InputError(f"{name}: file is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it has NUL bytes), not text")
    sample = data[:8192]
    if sum(byte in _CONTROL_BYTES for byte in sample) > len(sample) // 20:
        raise InputError(f"{name}: looks like a binary file (mostly control bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _declared_charset_text(data) if html else None
        if text is None:
            offset = exc.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
            raise InputError(f"{name}: not valid UTF-8 at byte {offset}; save it as UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text


def _declared_charset_text(data: bytes) -> str | None:
    """Decode an HTML page in the charset its ``<meta>`` declares, if not UTF-8."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.name == "utf-8":
        return None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError:
        return None


def _sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``/``NAME.html``, if present."""
    meta_path = path.with_name(path.stem + _META_SUFFIX)
    if not meta_path.is_file():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"{meta_path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{meta_path}: not valid UTF-8 at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{meta_path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{meta_path}: expected a JSON object, got {_json_type(data)}")
    meta: dict[str, str] = {}
    for field in _META_FIELDS:
        value = _optional_str(data, field, str(meta_path))
        if value is not None:
            meta[field] = value
    return meta


def _parse(
    text: str,
    kind: str,
    name: str,
    meta: dict[str, str],
    override: str | None,
    rules: BoilerplateRules,
    key: str | None = None,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    if kind == "jsonl":
        yield from _jsonl_articles(text, name, override, rules, key, unchanged)
    elif kind == "html":
        yield _html_article(text, name, meta, override, rules)
    else:
        yield _txt_article(text, name, meta, override, rules)


def _txt_article(text: str, name: str, meta: dict[str, str], override: str | None, rules: BoilerplateRules) -> Article:
    blanked = rules.blank(text)
    if not blanked.strip():
        raise InputError(f"{name}: has only boilerplate, no article text")
    title, body_start = _title_line(blanked)
    if meta.get("title"):
        if title is None or not _same(title, meta["title"]):
            body_start = 0  # the file has no title line: all of it is body
        title = meta["title"]
    return Article(
        source=name,
        text=blanked,
        title=title,
        url=meta.get("url"),
        published=override or normalise_date(meta.get("published")),
        publisher=meta.get("publisher"),
        body_start=body_start,
        author=meta.get("author"),
        language=normalise_language(meta.get("language")),
    )


def _html_article(html: str, name: str, meta: dict[str, str], override: str | None, rules: BoilerplateRules) -> Article:
    page = parse_html(html, url=meta.get("url"), rules=rules)
    blanked = rules.blank(page.text)
    title = page.title
    body_start = 0
    if title and blanked.startswith(title + "\n"):
        body_start = len(title) + 1
    elif title and blanked == title:
        body_start = len(title)
    if not blanked[body_start:].strip():
        raise InputError(f"{name}: no article text found in the HTML")
    published = override or normalise_date(meta.get("published") or page.published)
    if published is None:
        _log.info(
            '%s: the page gives no publication date; relative dates ("next week") '
            "are left unresolved (give one with --published)",
            name,
        )
    return Article(
        source=name,
        text=blanked,
        title=meta.get("title") or title,
        url=meta.get("url") or page.url,
        published=published,
        publisher=meta.get("publisher") or page.publisher,
        body_start=body_start,
        author=meta.get("author") or page.author,
        language=normalise_language(meta.get("language")) or page.language,
    )


def _broken_link(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a target that does not exist."""
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11-3.12 report a loop so
        return "symbolic link loop (the link leads back to itself)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"broken symbolic link (it points to {target}, which does not exist)"


def _jsonl_articles(
    text: str,
    name: str,
    override: str | None,
    rules: BoilerplateRules,
    key: str | None = None,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    """One article per line; a bad line is yielded as an InputError and the next is read."""
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        count += 1
        try:
            yield _jsonl_article(
                line, f"{name}:{number}", override, rules, f"{key}:{number}" if key else None, unchanged
            )
        except InputError as exc:
            yield exc
    if count == 0:
        raise InputError(f"{name}: no articles (only blank lines)")


def _jsonl_article(
    line: str,
    where: str,
    override: str | None,
    rules: BoilerplateRules,
    line_key: str | None,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Article | Unchanged:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {_json_type(record)}")
    url = _optional_str(record, "url", where)
    given = record.get("id")
    if given is not None and (isinstance(given, bool) or not isinstance(given, (str, int)) or not str(given).strip()):
        raise InputError(f"{where}: field 'id' must be a non-empty string or a number, got {_json_type(given)}")
    key = f"id:{str(given).strip()}" if given is not None else url or line_key
    digest = _input_hash("jsonl", line, override)
    if key and unchanged is not None and isinstance(record.get("text"), str) and unchanged(key, digest):
        return Unchanged(where, key, digest, len(record["text"].split()))
    if "text" not in record:
        raise InputError(f"{where}: missing required field 'text'")
    body = record["text"]
    if not isinstance(body, str):
        raise InputError(f"{where}: field 'text' must be a string, got {_json_type(body)}")
    if not body.strip():
        raise InputError(f"{where}: field 'text' is empty")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    blanked = rules.blank(body)
    if not blanked.strip():
        raise InputError(f"{where}: field 'text' has only boilerplate, no article text")
    title = _optional_str(record, "title", where)
    publisher = _optional_str(record, "publisher", where) or _optional_str(record, "source", where)
    published = record.get("published")
    body_start = 0
    if title:
        first, after = _title_line(blanked, single_line_title=True)
        if first is not None and _same(first, title):
            body_start = after
    return Article(
        source=where,
        text=blanked,
        title=title,
        url=url,
        published=override or normalise_date(published),
        publisher=publisher,
        body_start=body_start,
        author=_optional_str(record, "author", where),
        language=normalise_language(_optional_str(record, "language", where)),
        key=key,
        input_hash=digest,
    )


def _title_line(text: str, *, single_line_title: bool = False) -> tuple[str | None, int]:
    """The first non-empty line and the offset just after it, or ``(None, 0)``.

    A text of one non-empty line has no title (it is all body) unless
    `single_line_title`.
    """
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        if line.strip():
            after = min(end + 1, len(text))
            if not single_line_title and not text[after:].strip():
                return None, 0
            return line.strip(), after
        offset = end + 1
    return None, 0


def _optional_str(record: dict[str, Any], field: str, where: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {field!r} must be a string, got {_json_type(value)}")
    return " ".join(value.split()) or None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
