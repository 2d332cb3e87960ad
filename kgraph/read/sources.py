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

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from kgraph.errors import InputError
from kgraph.read.article import Article, Unchanged
from kgraph.read.boilerplate import BoilerplateRules, load_rules
from kgraph.read.decode import decode, too_big
from kgraph.read.readers import FORMATS, SUFFIXES, suffix_list, supported
from kgraph.read.readers.fields import META_SUFFIX, input_hash, normalise_date, sidecar, sidecar_path

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
_STDIN_NAME = "<stdin>"


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
        raise InputError(f"no input given; expected {supported()}")


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
            total += _count_file(file)
    return total


def _count_file(file: Path) -> int:
    """1 for a file of one article (or a bad file), a non-blank line each for JSON lines."""
    fmt = FORMATS.get(SUFFIXES.get(file.suffix.lower(), ""))
    if fmt is None or fmt.one_article:
        return 1
    try:
        with file.open("rb") as handle:
            return sum(1 for line in handle if line.strip()) or 1
    except OSError:
        return 1


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
            yield InputError(f"{path}: folder has no articles (no {suffix_list()} files)")
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
    if kind is None or path.name.lower().endswith(META_SUFFIX):
        yield InputError(f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; expected {supported()}")
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
        raise InputError(f"no input given; expected {supported()}")


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
            if name.startswith(".") or name.lower().endswith(META_SUFFIX):
                continue
            file = Path(root, name)
            if file.suffix.lower() in SUFFIXES and file.is_file():
                found.append(file)
    return sorted(found, key=lambda file: file.relative_to(folder).parts)


def _read_file(
    path: Path,
    kind: str,
    override: str | None,
    max_bytes: int,
    rules: BoilerplateRules,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Article | Unchanged | InputError]:
    name = str(path)
    fmt = FORMATS[kind]
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from exc
    if size > max_bytes:
        raise InputError(f"{name}: {too_big(size, max_bytes)}")
    data = _read_limited(path, max_bytes)
    key = _path_key(path)
    digest = None
    if fmt.one_article:  # known unchanged from its bytes, before parsing
        digest = _file_digest(path, kind, data, override)
        if unchanged is not None and unchanged(key, digest):
            yield Unchanged(name, key, digest, len(data.split()))
            return
    text = decode(data, name, html=fmt.declared_charset)
    meta = sidecar(path) if fmt.one_article else {}
    for item in fmt.read(text, name, meta=meta, override=override, rules=rules, key=key, unchanged=unchanged):
        if isinstance(item, Article) and not (item.key and item.input_hash):
            item = replace(item, key=item.key or key, input_hash=item.input_hash or digest)
        yield item


def _file_digest(path: Path, kind: str, data: bytes, override: str | None) -> str:
    """The input hash of a one-article file: its format, bytes, sidecar bytes and the override date."""
    meta_path = sidecar_path(path)
    try:
        meta_bytes = meta_path.read_bytes() if meta_path.is_file() else None
    except OSError:
        meta_bytes = None  # sidecar() reports it
    return input_hash(kind, data, meta_bytes, override)


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes` of `path`; a file that grew past the limit is refused."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if len(data) > max_bytes:  # it grew since stat()
        raise InputError(f"{path}: {too_big(None, max_bytes)}")
    return data


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
        raise InputError(f"{_STDIN_NAME}: {too_big(None, max_bytes)}")
    text = decode(data, _STDIN_NAME, html=data.lstrip().startswith(b"<"))
    first = text.lstrip()[:1]
    kind = "jsonl" if first == "{" else "html" if first == "<" else "txt"
    yield from FORMATS[kind].read(text, _STDIN_NAME, meta={}, override=override, rules=rules, unchanged=unchanged)


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
