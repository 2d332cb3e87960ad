"""``.jsonl``: one article per line, an object with a ``text`` string and optional ``title``,
``url``, ``published``, ``source``/``publisher``, ``author`` and ``language``; blank lines
skipped. A bad line is an error value and the next line is read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from kgraph.errors import InputError
from kgraph.read.article import Article, Unchanged
from kgraph.read.boilerplate import BoilerplateRules
from kgraph.read.html import normalise_language
from kgraph.read.readers.fields import input_hash, json_type, normalise_date, optional_str, same, title_line

__all__ = ["read_jsonl"]


def read_jsonl(
    text: str,
    name: str,
    *,
    override: str | None,
    rules: BoilerplateRules,
    key: str | None = None,
    unchanged: Callable[[str, str], bool] | None = None,
    **_: object,
) -> Iterator[Article | Unchanged | InputError]:
    """One article per line; a bad line is yielded as an InputError and the next is read."""
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        count += 1
        try:
            yield _article(line, f"{name}:{number}", override, rules, f"{key}:{number}" if key else None, unchanged)
        except InputError as exc:
            yield exc
    if count == 0:
        raise InputError(f"{name}: no articles (only blank lines)")


def _article(
    line: str,
    where: str,
    override: str | None,
    rules: BoilerplateRules,
    line_key: str | None,
    unchanged: Callable[[str, str], bool] | None = None,
) -> Article | Unchanged:
    record = _record(line, where)
    url = optional_str(record, "url", where)
    key = _key(record, where) or url or line_key
    digest = input_hash("jsonl", line, override)
    if key and unchanged is not None and isinstance(record.get("text"), str) and unchanged(key, digest):
        return Unchanged(where, key, digest, len(record["text"].split()))
    blanked = rules.blank(_body(record, where))
    if not blanked.strip():
        raise InputError(f"{where}: field 'text' has only boilerplate, no article text")
    title = optional_str(record, "title", where)
    publisher = optional_str(record, "publisher", where) or optional_str(record, "source", where)
    return Article(
        source=where,
        text=blanked,
        title=title,
        url=url,
        published=override or normalise_date(record.get("published")),
        publisher=publisher,
        body_start=_body_start(blanked, title),
        author=optional_str(record, "author", where),
        language=normalise_language(optional_str(record, "language", where)),
        key=key,
        input_hash=digest,
    )


def _record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {json_type(record)}")
    return record


def _key(record: dict[str, Any], where: str) -> str | None:
    """``id:`` and the record's ``id`` field (a non-empty string or a number), if it has one."""
    given = record.get("id")
    if given is None:
        return None
    if isinstance(given, bool) or not isinstance(given, (str, int)) or not str(given).strip():
        raise InputError(f"{where}: field 'id' must be a non-empty string or a number, got {json_type(given)}")
    return f"id:{str(given).strip()}"


def _body(record: dict[str, Any], where: str) -> str:
    """The ``text`` field, newlines normalised; missing, not a string or empty is an error."""
    if "text" not in record:
        raise InputError(f"{where}: missing required field 'text'")
    body = record["text"]
    if not isinstance(body, str):
        raise InputError(f"{where}: field 'text' must be a string, got {json_type(body)}")
    if not body.strip():
        raise InputError(f"{where}: field 'text' is empty")
    return body.replace("\r\n", "\n").replace("\r", "\n")


def _body_start(blanked: str, title: str | None) -> int:
    """Just after the first line when it repeats the title, else 0."""
    if title:
        first, after = title_line(blanked, single_line_title=True)
        if first is not None and same(first, title):
            return after
    return 0
