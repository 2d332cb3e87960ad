"""The who-said-what rows kept in the store index: for every entity a statement is about,
the statement's answer rows to ontology/queries/who_said_what.rq, ready to read.

The query's answer for one entity is every statement about it, a row per speaker label
(or speaker text) and outlet label that the statement's own article graph gives, ordered
by article, first span and statement. Read from the normalised tables (`stmts`, `labels`,
`cospk`) that costs a join per statement and a dozen SQLite values per row, which on a
heavily mentioned entity (15k statements on a 1M-triple store) is far more than reading
the answer itself. So the index also keeps the rows in `said`, one row of the table per entity and article
graph (the table's key), holding that article's answer rows for the entity already in the
query's order (first span, statement, then speaker and outlet): an entity's answer is one
range of the table, in article order, a few table rows per article instead of one per
answer row (on a large store, stepping through SQLite rows cost more than the values).

A pack holds `n` answer rows. `texts` gives each row's statement IRI and text, the two
values no other row shares: joined by U+001F, or, where a text holds that character or
there is none, as a JSON array (which then starts with "["; an IRI never does). `rows`
holds the other ten values of each row (speaker, cue, kind, stance, outlet, article,
begin, end, occurrences, speakerEntity) as ten little-endian unsigned 32-bit numbers, each
the id of the value in `said_terms`, the index's dictionary of those values: a value is
kept there once, as its marked text ("<" an IRI, "@" an IRI under kgraph's base
https://w3id.org/kgraph/ written without it, '"' a plain literal, "^" an xsd:integer), and
0 is an unbound value. A reader then makes the RDF term of an id once and keeps it
(kgraph/query/indexed.py), and an answer of 15k rows reads a few thousand packs instead of
splitting and looking up 150k texts. Ids are never reused (AUTOINCREMENT), so an id always
names the same value while the table lives; the `meta` row `said_terms` is a random token
made with the table, by which a reader that kept terms sees that the table was made again
(an index rebuilt by another process). Values of graphs removed since stay in the
dictionary (one row a distinct value).

`said` is derived from the other tables of the same graph (`write_said`), so the rows an
index plan reads are the ones a re-index writes, and an index of an earlier schema is
brought up to date from its own tables without reading the store again.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator

__all__ = [
    "SAID_SCHEMA",
    "SAID_TABLE",
    "ROW",
    "write_said",
    "term_ids",
    "delete_said",
    "drop_said",
    "pack_texts",
    "unpack_texts",
    "KGRAPH_BASE",
]

SAID_TABLE = """CREATE TABLE IF NOT EXISTS said (entity TEXT NOT NULL, article TEXT NOT NULL, n INTEGER NOT NULL,
    texts TEXT NOT NULL, rows BLOB NOT NULL, PRIMARY KEY (entity, article)) WITHOUT ROWID"""
SAID_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS said_terms (id INTEGER PRIMARY KEY AUTOINCREMENT, term TEXT UNIQUE NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('said_terms', lower(hex(randomblob(16))));
{SAID_TABLE};
"""

#: the ten value ids of an answer row in a pack (speaker, cue, kind, stance, outlet, article,
#: begin, end, occurrences, speakerEntity)
ROW = struct.Struct("<10I")

_STATEMENTS = (
    "SELECT s.sid, s.iri, s.text, s.cue, s.kind, s.stance, g.iri, s.begin, s.min_end, s.spans, s.speaker_text, "
    "s.speaker, s.reporter FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE s.gid = ?"
)
_LABELS = "SELECT entity, label FROM labels WHERE gid = ?"
_CO_SPEAKERS = "SELECT c.sid, c.entity FROM cospk c JOIN stmts s ON s.sid = c.sid WHERE s.gid = ?"
_ABOUT = "SELECT a.sid, a.entity FROM about a JOIN stmts s ON s.sid = a.sid WHERE s.gid = ?"
_ENTITIES = "SELECT DISTINCT a.entity FROM about a JOIN stmts s ON s.sid = a.sid WHERE s.gid = ?"
_INSERT = "INSERT INTO said (entity, article, n, texts, rows) VALUES (?, ?, ?, ?, ?)"
_SEP = "\x1f"


#: kgraph's own IRIs (entities, articles, statements, ontology terms) are kept without it
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
    """The marked values of one statement's answer rows (see the module docstring): one
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
        made = []
        for st in db.execute(_STATEMENTS, (gid,)).fetchall():
            entities = about.get(st[0])
            if entities:
                made.append((st, dict.fromkeys(entities), list(_statement_rows(st, labels, co.get(st[0], [])))))
        if made:
            ids = term_ids(db, {v for _, _, rows in made for r in rows for v in r})
            db.executemany(_INSERT, _packs(made, ids))


def _packs(made: list[tuple], ids: dict[str, int]) -> Iterator[tuple]:
    """The `said` table rows of one article graph's statements `made` (statement, the
    entities it is about, its answer rows' marked values): one per entity."""
    packs: dict[str, list[tuple]] = {}
    for st, entities, rows in made:
        blobs = [ROW.pack(*map(ids.__getitem__, r)) for r in rows]
        for ent in entities:
            packs.setdefault(ent, []).extend(((st[7], st[1], n), st[2], b) for n, b in enumerate(blobs))
    article = made[0][0][6]
    for ent, rows in packs.items():
        rows.sort(key=_in_query_order)
        texts = pack_texts([v for (_, statement, _), text, _ in rows for v in (statement, text)])
        yield ent, article, len(rows), texts, b"".join(b for _, _, b in rows)


def _in_query_order(row: tuple) -> tuple:
    """The query's order within an article: first span (none first), statement, row."""
    (begin, statement, n), _text, _blob = row
    return (begin is not None, begin or 0, statement, n)


def pack_texts(values: list[str | None]) -> str:
    """Statement IRIs and texts in one text (see the module docstring)."""
    if None in values or any(_SEP in v for v in values) or (values and values[0].startswith("[")):
        return json.dumps(values, ensure_ascii=False)
    return _SEP.join(values)


def unpack_texts(packed: str) -> list[str | None]:
    """The values of `pack_texts`."""
    return json.loads(packed) if packed.startswith("[") else packed.split(_SEP)


def term_ids(db: sqlite3.Connection, values: set[str]) -> dict[str, int]:
    """The ids of marked values in `said_terms`, those not there yet added (in sorted
    order, so an index built the same way gives the same ids); "" (unbound) is 0."""
    wanted = sorted(values - {""})
    ids = {"": 0, **_known_ids(db, wanted)}
    new = [v for v in wanted if v not in ids]
    if new:
        db.executemany("INSERT INTO said_terms (term) VALUES (?)", ((v,) for v in new))
        ids.update(_known_ids(db, new))
    return ids


def _known_ids(db: sqlite3.Connection, values: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(values), 500):
        part = values[i : i + 500]
        marks = ", ".join("?" * len(part))  # placeholders only: the values are parameters
        out.update(db.execute(f"SELECT term, id FROM said_terms WHERE term IN ({marks})", part))
    return out


def delete_said(db: sqlite3.Connection, gid: int, graph: str) -> None:
    """Drop the `said` rows of article graph `gid` (IRI `graph`) by the table's own key
    (entity, article): call it before the graph's `about` rows go."""
    db.executemany(
        "DELETE FROM said WHERE entity = ? AND article = ?",
        ((e, graph) for (e,) in db.execute(_ENTITIES, (gid,)).fetchall()),
    )


def drop_said(db: sqlite3.Connection) -> None:
    """Drop the row table and its dictionary (and the dictionary's token), to be made again."""
    db.execute("DROP TABLE IF EXISTS said")
    db.execute("DROP TABLE IF EXISTS said_terms")
    db.execute("DELETE FROM meta WHERE k = 'said_terms'")
