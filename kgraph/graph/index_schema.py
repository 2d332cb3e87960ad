"""The schema of the store's name and text index (kgraph/graph/index.py): its tables, its
version, and the steps that bring an index of an older version up to date in place."""

from __future__ import annotations

import sqlite3

from .said import SAID_SCHEMA, SAID_TABLE, drop_said, write_said

__all__ = ["SCHEMA_VERSION", "SCHEMA", "UPGRADES", "skip_scan"]

SCHEMA_VERSION = "10"

#: how many article graphs give each label of an entity, kept by triggers on `names` (an
#: entity's label is the one most articles give it: read here in one step, where counting
#: the label rows of a country named in every article of a large store took milliseconds)
LABELS_DDL = (
    "CREATE TABLE IF NOT EXISTS label_counts (entity TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, "
    "PRIMARY KEY (entity, name)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS label_counts_best ON label_counts(entity, n DESC, name)",
    "CREATE TRIGGER IF NOT EXISTS names_label_added AFTER INSERT ON names WHEN NEW.is_label = 1 BEGIN "
    "INSERT INTO label_counts VALUES (NEW.entity, NEW.name, 1) ON CONFLICT (entity, name) DO UPDATE SET n = n + 1; "
    "END",
    "CREATE TRIGGER IF NOT EXISTS names_label_removed AFTER DELETE ON names WHEN OLD.is_label = 1 BEGIN "
    "UPDATE label_counts SET n = n - 1 WHERE entity = OLD.entity AND name = OLD.name; "
    "DELETE FROM label_counts WHERE entity = OLD.entity AND name = OLD.name AND n <= 0; "
    "END",
)
LABELS_SCHEMA = "".join(f"{ddl};\n" for ddl in LABELS_DDL)

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS graphs (gid INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, source TEXT, title TEXT,
    date TEXT, publisher TEXT, quads INTEGER);
CREATE TABLE IF NOT EXISTS names (gid INTEGER NOT NULL, entity TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL,
    last TEXT NOT NULL, is_label INTEGER NOT NULL, ekey TEXT);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_last ON names(last);
CREATE INDEX IF NOT EXISTS names_entity ON names(entity);
CREATE INDEX IF NOT EXISTS names_gid ON names(gid);
CREATE INDEX IF NOT EXISTS names_ekey ON names(ekey);
CREATE TABLE IF NOT EXISTS affil (gid INTEGER NOT NULL, entity TEXT NOT NULL, of TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS affil_of ON affil(of);
CREATE INDEX IF NOT EXISTS affil_entity ON affil(entity);
CREATE INDEX IF NOT EXISTS affil_gid ON affil(gid);
CREATE TABLE IF NOT EXISTS roles (gid INTEGER NOT NULL, person TEXT NOT NULL, title TEXT NOT NULL, org TEXT);
CREATE INDEX IF NOT EXISTS roles_person ON roles(person);
CREATE INDEX IF NOT EXISTS roles_gid ON roles(gid);
CREATE TABLE IF NOT EXISTS stmts (sid INTEGER PRIMARY KEY, gid INTEGER NOT NULL, iri TEXT UNIQUE NOT NULL,
    speaker TEXT, reporter TEXT, stance TEXT, cue TEXT, kind TEXT, speaker_text TEXT, begin INTEGER, "end" INTEGER,
    denies TEXT, text TEXT, min_end INTEGER, spans INTEGER);
CREATE INDEX IF NOT EXISTS stmts_speaker ON stmts(speaker);
CREATE INDEX IF NOT EXISTS stmts_reporter ON stmts(reporter);
CREATE INDEX IF NOT EXISTS stmts_gid ON stmts(gid);
CREATE TABLE IF NOT EXISTS labels (gid INTEGER NOT NULL, entity TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS labels_gid_entity ON labels(gid, entity);
CREATE TABLE IF NOT EXISTS cospk (sid INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cospk_entity ON cospk(entity, sid);
CREATE INDEX IF NOT EXISTS cospk_sid ON cospk(sid);
CREATE TABLE IF NOT EXISTS about (sid INTEGER NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS about_entity ON about(entity);
CREATE INDEX IF NOT EXISTS about_sid ON about(sid);
CREATE TABLE IF NOT EXISTS lemmas (word TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lemmas_lemma ON lemmas(lemma);
CREATE INDEX IF NOT EXISTS names_ekey_lower ON names(lower(ekey));
CREATE INDEX IF NOT EXISTS names_norm_entity ON names(norm, entity);
CREATE INDEX IF NOT EXISTS names_last_entity ON names(last, entity, norm);
CREATE INDEX IF NOT EXISTS names_entity_label ON names(entity, is_label, name);
CREATE INDEX IF NOT EXISTS names_entity_name ON names(entity, name);
CREATE INDEX IF NOT EXISTS names_entity_ekey ON names(entity, ekey);
CREATE INDEX IF NOT EXISTS affil_of_entity ON affil(of, entity);
CREATE INDEX IF NOT EXISTS about_entity_sid ON about(entity, sid);
CREATE VIRTUAL TABLE IF NOT EXISTS stmt_fts USING fts5(body, topics, speaker, tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS desc_fts USING fts5(gid UNINDEXED, entity UNINDEXED, names, roles, affil,
    tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS name_fts USING fts5(norm, tokenize='unicode61');
"""
    + SAID_SCHEMA
    + LABELS_SCHEMA
)


def _said_in_a_later_step(db: sqlite3.Connection) -> None:
    """Schema 5 -> 6 added the who-said-what rows; steps 7 -> 8 and 9 -> 10 make them as they are now."""


def _said_by_ids(db: sqlite3.Connection) -> None:
    """Schema 7 -> 8: the who-said-what rows (kgraph/graph/said.py) as value ids into a
    dictionary of values instead of packed texts: the tables made again, the rows written
    by step 9 -> 10 in their present form."""
    drop_said(db)
    for statement in SAID_SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _add_label_counts(db: sqlite3.Connection) -> None:
    """Schema 6 -> 7: the label counts, from the index's own names."""
    for ddl in LABELS_DDL:
        db.execute(ddl)
    db.execute("DELETE FROM label_counts")
    db.execute(
        "INSERT INTO label_counts SELECT entity, name, COUNT(*) FROM names WHERE is_label = 1 GROUP BY entity, name"
    )


def _name_indexes(db: sqlite3.Connection) -> None:
    """Schema 8 -> 9: an entity's distinct names and keys read by a skip scan (the
    who-said-what name test), not from every one of its rows."""
    db.execute("CREATE INDEX IF NOT EXISTS names_entity_name ON names(entity, name)")
    db.execute("CREATE INDEX IF NOT EXISTS names_entity_ekey ON names(entity, ekey)")


def _said_packed(db: sqlite3.Connection) -> None:
    """Schema 9 -> 10: the who-said-what rows packed, one table row per entity and article
    (kgraph/graph/said.py), written again from the index's own tables; the dictionary of
    values and its ids stay."""
    db.execute("DROP TABLE IF EXISTS said")
    db.execute(SAID_TABLE)
    write_said(db, [r[0] for r in db.execute("SELECT gid FROM graphs ORDER BY gid").fetchall()])


#: an index of an older schema brought up to date in place: {its version: the step to the next}
UPGRADES = {
    "5": ("6", _said_in_a_later_step),
    "6": ("7", _add_label_counts),
    "7": ("8", _said_by_ids),
    "8": ("9", _name_indexes),
    "9": ("10", _said_packed),
}


def skip_scan(table: str, column: str, key: str) -> str:
    """SQL for the distinct values of `column` among the rows of `table` whose `key` is the
    parameter ?1, by a skip scan: one index seek per value (`min(column) ... > previous`),
    where SELECT DISTINCT reads every row of the key. Wants an index on (key, column); the
    names are the code's own constants, never input."""
    return (
        f"WITH RECURSIVE v(x) AS (\n  SELECT (SELECT min({column}) FROM {table} WHERE {key} = ?1)\n"
        f"  UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {key} = ?1 AND {column} > v.x) "
        "FROM v WHERE v.x IS NOT NULL)\nSELECT x FROM v WHERE x IS NOT NULL"
    )
