"""The offline gazetteer in `ontology/gazetteer/`: countries, places, organisations, people.

Names are matched case-sensitively. Every entry carries its Wikidata ID where known.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KGraphError
from ..paths import ontology_dir

__all__ = ["GazEntry", "Gazetteer", "load_gazetteer"]


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer row."""

    key: str  # "wd:Q212", or "gz:<label>" when no Wikidata ID is known
    label: str
    type: str  # Person | Country | Organization | Location | MilitaryForce
    wikidata: str | None
    names: tuple[str, ...]  # label and aliases
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    country: str | None = None  # key of the country it belongs to
    kind: str | None = None  # oblast, city, news_agency, armed_forces, ...
    role: str | None = None  # people: best-known post


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def _rows(path: Path):
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _key(qid: str, label: str) -> str:
    return f"wd:{qid}" if qid else f"gz:{label}"


class Gazetteer:
    """Indexes over the gazetteer rows."""

    def __init__(self, entries: list[GazEntry]):
        self.entries = entries
        self.by_key: dict[str, GazEntry] = {}
        self.by_name: dict[str, GazEntry] = {}
        self.by_demonym: dict[str, GazEntry] = {}
        self.by_capital: dict[str, GazEntry] = {}
        self.by_lower: dict[str, GazEntry] = {}
        for e in entries:
            self.by_key.setdefault(e.key, e)
            for n in e.names:
                # countries win over places and organisations on a shared name
                self.by_name.setdefault(n, e)
                self.by_lower.setdefault(n.casefold(), e)
            for d in e.demonyms:
                self.by_demonym.setdefault(d, e)
            for c in e.capitals:
                self.by_capital.setdefault(c, e)

    def lookup(self, name: str) -> GazEntry | None:
        """The entry a surface form names (exact, then with "the " dropped)."""
        name = name.replace("\u2019", "'").strip()
        e = self.by_name.get(name)
        if e is None and name[:4].lower() == "the ":
            e = self.by_name.get(name[4:])
        return e

    def country_of_adjective(self, word: str) -> GazEntry | None:
        """The country a demonym ("Ukrainian", "North Koreans") or country name denotes."""
        word = word.replace("\u2019", "'").strip()
        if word.endswith("'s"):
            word = word[:-2]
        e = self.by_demonym.get(word)
        if e is None:
            c = self.by_name.get(word)
            if c is not None and c.type == "Country":
                e = c
        if e is None:
            e = self.by_capital.get(word)
        return e


def _entry(r: dict[str, str], typ: str, country_col: str | None = None, **extra) -> GazEntry:
    """A gazetteer entry from a row with `wikidata`, `label`, `aliases` and a country column."""
    qid = r.get("wikidata", "")
    cq = r.get(country_col, "") if country_col else ""
    return GazEntry(
        key=_key(qid, r["label"]),
        label=r["label"],
        type=typ,
        wikidata=qid or None,
        names=(r["label"],) + _split(r.get("aliases")),
        country=f"wd:{cq}" if cq else None,
        **extra,
    )


@lru_cache(maxsize=4)
def load_gazetteer(folder: str | None = None) -> Gazetteer:
    """Read every gazetteer file once per process."""
    base = Path(folder) if folder else ontology_dir() / "gazetteer"
    if not base.is_dir():
        raise KGraphError(f"gazetteer folder not found: {base}")
    entries: list[GazEntry] = []
    countries = list(_rows(base / "countries.tsv"))
    for r in countries:
        entries.append(
            _entry(r, "Country", demonyms=_split(r.get("demonyms")), capitals=_split(r.get("capital")), kind="country")
        )
    # capitals as cities (used when a capital names a place, "in Brussels")
    for r in countries:
        caps = _split(r.get("capital"))
        if caps:
            qid = r.get("capital_wikidata", "")
            entries.append(
                GazEntry(
                    key=_key(qid, caps[0]),
                    label=caps[0],
                    type="Location",
                    wikidata=qid or None,
                    names=caps,
                    country=_key(r.get("wikidata", ""), r["label"]),
                    kind="capital",
                )
            )
    for r in _rows(base / "places.tsv"):
        entries.append(
            _entry(
                r,
                "Location",
                country_col="country_wikidata",
                kind=r.get("kind") or None,
                demonyms=_split(r.get("demonyms")),
            )
        )
    for r in _rows(base / "organizations.tsv"):
        typ = r.get("type") if r.get("type") in ("Organization", "MilitaryForce") else "Organization"
        entries.append(_entry(r, typ, country_col="country_wikidata", kind=r.get("kind") or None))
    for r in _rows(base / "people.tsv"):
        entries.append(_entry(r, "Person", country_col="of_wikidata", role=r.get("role") or None))
    return Gazetteer(entries)
