"""The phrases of a question read before its form: the question cleaned, quoted text
unquoted, dates, and the tail "TOPIC since DATE", "TOPIC in ARTICLE/OUTLET"."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import replace

from ...errors import QueryError
from .question import Question

__all__ = ["clean", "unquote", "parse_date", "split_tail", "with_tail", "MONTHS"]

MONTHS = ("january february march april may june july august september october november december").split()
_DATE_TAIL = re.compile(r"^(?P<rest>.+?) (?P<op>since|after|from|before|until|till) (?P<date>[\w ,./\-]+)$", re.I)


def parse_date(text: str, *, end: bool = False) -> str:
    """An ISO date from "2024-11-18", "18 November 2024", "November 2024", "2024" (the first
    day, or with `end` the last); QueryError otherwise."""
    t = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return _dt.date.fromisoformat(t).isoformat()
        except ValueError:
            pass
    else:
        try:
            got = _free_date(t, end)
        except (ValueError, OverflowError):
            got = None
        if got is not None:
            return got
    raise QueryError(f"cannot read the date {text!r} (give e.g. 2024-11-18, 18 November 2024 or November 2024)")


def _free_date(t: str, end: bool) -> str | None:
    """A year, a month and year, or a written date (python-dateutil); None when `t` is none."""
    from dateutil import parser as du  # python-dateutil, already a dependency

    if re.fullmatch(r"\d{4}", t):
        return f"{t}-12-31" if end else f"{t}-01-01"
    m = re.fullmatch(r"(" + "|".join(MONTHS) + r"|[a-z]{3}) (\d{4})", t)
    if m:
        d = du.parse(t, default=_dt.datetime(int(m[2]), 1, 1))
        if end:
            nxt = (d.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
            return (nxt - _dt.timedelta(days=1)).date().isoformat()
        return d.date().replace(day=1).isoformat()
    if any(mo[:3] in t for mo in MONTHS) or re.fullmatch(r"[\d/.\- ]+", t):
        return du.parse(t, default=_dt.datetime(_dt.date.today().year, 1, 1)).date().isoformat()
    return None


def clean(text: str) -> str:
    """The question in NFKC, straight apostrophes, single spaces, no final ?, ! or ."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[\s?!.]+$", "", text)


def unquote(text: str) -> str:
    """The text without the quotation marks around it."""
    return text.strip().strip("\"'\u201c\u201d").strip()


def split_tail(rest: str) -> tuple[str, dict]:
    """Split "TOPIC since DATE" and "TOPIC in ARTICLE/OUTLET" off the end of a question."""
    extra: dict = {}
    m = _DATE_TAIL.match(rest)
    if m and re.search(r"\d{4}|" + "|".join(MONTHS), m["date"], re.I):
        end = m["op"].lower() in ("before", "until", "till")
        extra["until" if end else "since"] = parse_date(m["date"], end=end)
        rest = m["rest"]
    m = re.fullmatch(r"(?P<rest>.+) (?:in|from|by) (?P<where>[^ ].*)", rest, flags=re.I)
    if m:
        extra["where"] = unquote(m["where"])
        extra["about_full"] = rest
        rest = m["rest"]
    return rest, extra


def with_tail(q: Question, extra: dict) -> Question:
    """The question with the dates and place `split_tail` found."""
    kept = {k: v for k, v in extra.items() if k in ("since", "until", "where")}
    if "about_full" in extra and q.about is not None:  # "in X" may be part of the topic ("the fighting in Kursk")
        kept["about_with_where"] = extra["about_full"]
    return replace(q, **kept)
