#!/usr/bin/env python3
"""Sanity checks for the gazetteer TSV files in this folder.

Run: python3 ontology/gazetteer/check.py   (exit status 1 on any error)

Checks: header and column count of every row, QID syntax, no duplicate QID within a file,
allowed values of kind/type, no empty labels, no name (label/alias/demonym/capital) used by two
different entities unless listed in ALLOWED_SHARED, and no name that is a common lower-case
English word when capitalised only at sentence start (a small stop list).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
QID = re.compile(r"^Q[1-9][0-9]*$")

FILES = {
    "countries.tsv": ["wikidata", "label", "aliases", "demonyms", "capital", "capital_wikidata"],
    "places.tsv": ["wikidata", "label", "aliases", "kind", "country_wikidata", "demonyms"],
    "organizations.tsv": ["wikidata", "label", "aliases", "type", "country_wikidata", "kind"],
    "people.tsv": ["wikidata", "label", "aliases", "role", "of_wikidata"],
}
KINDS = {
    "places.tsv": {"oblast", "region", "city", "territory", "continent", "world_region", "former_state"},
    "organizations.tsv": {
        "intergovernmental",
        "government_body",
        "news_agency",
        "news_outlet",
        "armed_forces",
        "armed_group",
        "party",
        "company",
        "ngo",
    },
}
TYPES = {"Organization", "MilitaryForce"}
# names that may legitimately point at two entities (documented in README.md)
ALLOWED_SHARED: set[str] = set()
# capitalised forms of ordinary words that must never be a name on their own
STOP = {
    "The",
    "A",
    "An",
    "It",
    "Is",
    "In",
    "On",
    "At",
    "As",
    "Us",
    "We",
    "He",
    "She",
    "They",
    "Who",
    "What",
    "May",
    "Will",
    "Can",
    "Male",
    "Female",
    "Pole",
    "Finn",
    "Sana",
    "Holland",
    "Victoria",
    "General",
    "President",
    "Army",
    "Navy",
    "Guard",
    "Police",
    "Party",
}


def rows(name: str):
    path = HERE / name
    if not path.exists():
        return None, []
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    if not body:
        return None, []
    header = body[0][1].split("\t")
    return header, [(n, ln.split("\t")) for n, ln in body[1:]]


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def main() -> int:
    errors: list[str] = []
    owners: dict[str, set[str]] = defaultdict(set)  # name -> entity keys
    counts = {}
    for fname, cols in FILES.items():
        header, data = rows(fname)
        if header is None:
            print(f"{fname}: missing or empty")
            continue
        if header != cols:
            errors.append(f"{fname}: header {header} != {cols}")
            continue
        counts[fname] = len(data)
        errors += check_file(fname, cols, data, owners)
    errors += shared_names(owners)
    for f, c in counts.items():
        print(f"{f}: {c} rows")
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


def check_file(
    fname: str, cols: list[str], data: list[tuple[int, list[str]]], owners: dict[str, set[str]]
) -> list[str]:
    """The errors of one file's rows; the names of each row are added to `owners`."""
    errors: list[str] = []
    seen_qids: dict[str, int] = {}
    for n, cells in data:
        where = f"{fname}:{n}"
        if len(cells) != len(cols):
            errors.append(f"{where}: {len(cells)} columns, expected {len(cols)}")
            continue
        r = dict(zip(cols, cells))
        errors += cell_errors(where, r)
        errors += qid_errors(where, r, n, seen_qids)
        errors += value_errors(fname, where, r)
        errors += name_errors(fname, where, r, owners)
    return errors


def cell_errors(where: str, r: dict[str, str]) -> list[str]:
    errors = [f"{where}: stray whitespace in {c}" for c, v in r.items() if v != v.strip()]
    if not r["label"]:
        errors.append(f"{where}: empty label")
    return errors


def qid_errors(where: str, r: dict[str, str], n: int, seen_qids: dict[str, int]) -> list[str]:
    """QID syntax of every QID column, and the row's own QID not already used in the file."""
    errors = []
    for c in ("wikidata", "capital_wikidata", "country_wikidata", "of_wikidata"):
        v = r.get(c, "")
        if v and not QID.match(v):
            errors.append(f"{where}: bad QID in {c}: {v!r}")
    q = r["wikidata"]
    if q:
        if q in seen_qids:
            errors.append(f"{where}: QID {q} already on line {seen_qids[q]}")
        seen_qids[q] = n
    return errors


def value_errors(fname: str, where: str, r: dict[str, str]) -> list[str]:
    """Closed columns: kind (places, organisations) and type (organisations)."""
    errors = []
    if fname in KINDS and r["kind"] not in KINDS[fname]:
        errors.append(f"{where}: kind {r['kind']!r} not in {sorted(KINDS[fname])}")
    if fname == "organizations.tsv" and r["type"] not in TYPES:
        errors.append(f"{where}: type {r['type']!r} not in {sorted(TYPES)}")
    return errors


def name_errors(fname: str, where: str, r: dict[str, str], owners: dict[str, set[str]]) -> list[str]:
    """A row's names (label, aliases, demonyms, a country's capitals): each once, none an ordinary
    word; each is recorded in `owners` under the row's entity key."""
    q = r["wikidata"]
    key = f"wd:{q}" if q else f"gz:{r['label']}"
    names = [r["label"]] + split(r["aliases"])
    if fname in ("countries.tsv", "places.tsv"):
        names += split(r["demonyms"])
    errors = capital_errors(where, r, owners) if fname == "countries.tsv" else []
    seen_here = set()
    for nm in names:
        if nm in seen_here:
            errors.append(f"{where}: name {nm!r} repeated in the row")
        seen_here.add(nm)
        owners[nm].add(key)
        if nm in STOP:
            errors.append(f"{where}: name {nm!r} is an ordinary word")
    return errors


def capital_errors(where: str, r: dict[str, str], owners: dict[str, set[str]]) -> list[str]:
    """A country's capitals are names of their own entity (its QID, else its first name)."""
    errors = []
    caps = split(r["capital"])
    ckey = f"wd:{r['capital_wikidata']}" if r["capital_wikidata"] else f"gz:{caps[0] if caps else ''}"
    for c in caps:
        owners[c].add(ckey)
        if c in STOP:
            errors.append(f"{where}: capital {c!r} is an ordinary word")
    if caps and not r["capital_wikidata"]:
        print(f"note {where}: capital without QID")
    return errors


def shared_names(owners: dict[str, set[str]]) -> list[str]:
    return [
        f"name {nm!r} is used by several entities: {sorted(keys)}"
        for nm, keys in sorted(owners.items())
        if len(keys) > 1 and nm not in ALLOWED_SHARED
    ]


if __name__ == "__main__":
    sys.exit(main())
