"""What the readers share: dates, the title line, metadata fields of JSON objects, the sidecar
``NAME.meta.json`` and the hash of an article's input."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path
from typing import Any

from dateutil import parser as _dateparser

from kgraph.errors import InputError

__all__ = ["META_SUFFIX", "input_hash", "json_type", "normalise_date", "optional_str", "same", "sidecar", "title_line"]

META_SUFFIX = ".meta.json"
_META_FIELDS = ("title", "url", "published", "publisher", "author", "language")


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


def input_hash(*parts: bytes | str | None) -> str:
    """SHA-256 of what an article is read from, each part length-prefixed."""
    h = hashlib.sha256()
    for part in parts:
        data = b"\xff" if part is None else part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def sidecar_path(path: Path) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt``/``NAME.html``."""
    return path.with_name(path.stem + META_SUFFIX)


def sidecar(path: Path) -> dict[str, str]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``/``NAME.html``, if present."""
    meta_path = sidecar_path(path)
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
        raise InputError(f"{meta_path}: expected a JSON object, got {json_type(data)}")
    meta: dict[str, str] = {}
    for field in _META_FIELDS:
        value = optional_str(data, field, str(meta_path))
        if value is not None:
            meta[field] = value
    return meta


def title_line(text: str, *, single_line_title: bool = False) -> tuple[str | None, int]:
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


def optional_str(record: dict[str, Any], field: str, where: str) -> str | None:
    """A string field with whitespace collapsed (None when absent or empty); another type is an error."""
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {field!r} must be a string, got {json_type(value)}")
    return " ".join(value.split()) or None


def same(a: str, b: str) -> bool:
    """Equal but for case and whitespace."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def json_type(value: object) -> str:
    """How a JSON value's type is named in messages ("an object", "true/false")."""
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
