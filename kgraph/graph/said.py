"""The who-said-what rows kept in the store index: for every entity a statement is about,
the statement's answer rows to ontology/queries/who_said_what.rq, ready to read.

The query's answer for one entity is every statement about it, a row per speaker label
(or speaker text) and outlet label that the statement's own article graph gives, ordered
by article, first span and statement. Read from the normalised tables (`stmts`, `labels`,
`cospk`) that costs a join per statement and a dozen SQLite values per row, which on a
heavily mentioned entity (15k statements on a 1M-triple store) is far more than reading
the answer itself. So the index also keeps the rows in `said`, a table clustered by
(entity, article, begin, statement): an entity's rows are one range of the table, already
in the query's order, one packed text per row.

A row of `said` holds the statement's IRI and text as they are (the two values no other
row shares) and the other ten values of the query's projection packed in one text
(`row`: speaker, cue, kind, stance, outlet, article, begin, end, occurrences,
speakerEntity), each marked with its kind of term ("<" an IRI, "@" an IRI under kgraph's base
https://w3id.org/kgraph/ written without it, '"' a plain literal, "^" an xsd:integer;
the empty string an unbound value) and joined by U+001F; a row whose values
hold that character is packed as a JSON list of the same marked values instead (it then
holds no U+001F: JSON escapes it). `said` is derived from the other tables of the same
graph (`write_said`), so the rows an index plan reads are the ones a re-index writes, and
an index of the previous schema is brought up to date from its own tables without
reading the store again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

__all__ = ["SAID_SCHEMA", "write_said", "delete_said", "pack", "unpack", "SEP", "KGRAPH_BASE"]

SEP = "\x1f"

SAID_SCHEMA = """
CREATE TABLE IF NOT EXISTS said (entity TEXT NOT NULL, article TEXT NOT NULL, begin INTEGER,
    statement TEXT NOT NULL, n INTEGER NOT NULL, text TEXT, row TEXT NOT NULL,
    PRIMARY KEY (entity, article, begin, statement, n)) WITHOUT ROWID;
"""

_STATEMENTS = (
    "SELECT s.sid, s.iri, s.text, s.cue, s.kind, s.stance, g.iri, s.begin, s.min_end, s.spans, s.speaker_text, "
    "s.speaker, s.reporter FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE s.gid = ?"
)
_LABELS = "SELECT entity, label FROM labels WHERE gid = ?"
_CO_SPEAKERS = "SELECT c.sid, c.entity FROM cospk c JOIN stmts s ON s.sid = c.sid WHERE s.gid = ?"
_ABOUT = "SELECT a.sid, a.entity FROM about a JOIN stmts s ON s.sid = a.sid WHERE s.gid = ?"
_ENTITIES = "SELECT DISTINCT a.entity FROM about a JOIN stmts s ON s.sid = a.sid WHERE s.gid = ?"
_INSERT = "INSERT INTO said (entity, article, begin, statement, n, text, row) VALUES (?, ?, ?, ?, ?, ?, ?)"


def pack(values: list[str]) -> str:
    """One row's marked values as the text `said` keeps (see the module docstring)."""
    if any(SEP in v for v in values):
        return json.dumps(values, ensure_ascii=False)
    return SEP.join(values)


def unpack(row: str) -> list[str]:
    """The marked values of a packed row."""
    return row.split(SEP) if SEP in row else json.loads(row)


#: kgraph's own IRIs (entities, articles, statements, ontology terms) are packed without it
KGRAPH_BASE = "https://w3id.org/kgraph/"


def _iri(v: str | None) -> str:
    if not v:
        return ""
    return "@" + v[len(KGRAPH_BASE) :] if v.startswith(KGRAPH_BASE) else "<" + v


def _literal(v: str | None) -> str:
    return "" if v is None else '"' + v


def _integer(v: int | None) -> str:
    return "" if v is None else f"^{int(v)}"


def _statement_rows(st: tuple, labels: dict[str, list[str]], co_speakers: list[str]) -> Iterator[list]:
    """The packed values of one statement's answer rows (see the module docstring): one
    per speaker label, or the speaker text where a speaker has no label, and per outlet label."""
    _sid, _statement, _text, cue, kind, stance, article, begin, end, spans, spk_text, speaker, reporter = st
    speakers = sorted({*([speaker] if speaker else []), *co_speakers})
    outlets = labels.get(reporter, []) if reporter else []
    for ent in speakers or [None]:
        for label in (labels.get(ent) or [None]) if ent else [None]:
            spoken = label if label is not None else spk_text
            for outlet in outlets or [None]:
                yield [
                    _literal(spoken),
                    _literal(cue),
                    _iri(kind),
                    _iri(stance),
                    _literal(outlet),
                    _iri(article),
                    _integer(begin),
                    _integer(end),
                    _integer(spans or 0),
                    _iri(ent),
                ]


def write_said(db: sqlite3.Connection, gids: Iterable[int]) -> None:
    """Write the `said` rows of the article graphs `gids` from their statements, labels,
    co-speakers and topics already in the index (none of theirs may be there yet)."""
    for gid in gids:
        labels: dict[str, list[str]] = {}
        for ent, label in db.execute(_LABELS, (gid,)):
            labels.setdefault(ent, []).append(label)
        for v in labels.values():
            v[:] = sorted(set(v))
        co: dict[int, list[str]] = {}
        for sid, ent in db.execute(_CO_SPEAKERS, (gid,)):
            co.setdefault(sid, []).append(ent)
        about: dict[int, list[str]] = {}
        for sid, ent in db.execute(_ABOUT, (gid,)):
            about.setdefault(sid, []).append(ent)
        out = []
        for st in db.execute(_STATEMENTS, (gid,)).fetchall():
            entities = about.get(st[0])
            if not entities:
                continue
            rows = [pack(r) for r in _statement_rows(st, labels, co.get(st[0], []))]
            for ent in dict.fromkeys(entities):
                out.extend((ent, st[6], st[7], st[1], n, st[2], r) for n, r in enumerate(rows))
        db.executemany(_INSERT, out)


def delete_said(db: sqlite3.Connection, gid: int, graph: str) -> None:
    """Drop the `said` rows of article graph `gid` (IRI `graph`) by the table's own key
    (entity, article): call it before the graph's `about` rows go."""
    db.executemany(
        "DELETE FROM said WHERE entity = ? AND article = ?",
        ((e, graph) for (e,) in db.execute(_ENTITIES, (gid,)).fetchall()),
    )
