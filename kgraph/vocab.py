"""The closed sets of kgraph's ontology: entity types and event types, each from one table.

`ontology/entity_types.tsv` and `ontology/event_types.tsv` list the classes, one row each
(class, parent, ...). The extractors, the lexicon's validation, the graph builder and the
contract all take their types from here; `check_entity_type` / `check_event_type` raise
`VocabularyError` for anything else, so an unknown type is never silently recast as a
`Group` or a `ConflictEvent`. Adding an event class is one row in `event_types.tsv` (and
trigger rows in the lexicon).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KGraphError
from .paths import ontology_dir

__all__ = [
    "TypeRow",
    "VocabularyError",
    "check_entity_type",
    "check_event_type",
    "entity_types",
    "event_types",
    "type_rows",
]

_PACKAGED = Path(__file__).resolve().parent.parent / "ontology"


class VocabularyError(KGraphError):
    """A type outside the closed sets of `ontology/*_types.tsv`, or a table that cannot be read."""


@dataclass(frozen=True)
class TypeRow:
    """One class of a types table: its name, its parent class, and the table's other columns."""

    name: str
    parent: str
    columns: dict[str, str]


def _table(name: str) -> Path:
    path = ontology_dir() / name
    return path if path.exists() else _PACKAGED / name  # an ontology folder with only a gazetteer


@lru_cache(maxsize=8)
def _read(path: Path) -> tuple[TypeRow, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise VocabularyError(f"types table not readable: {path}: {exc.strerror}") from exc
    header: list[str] | None = None
    rows: list[TypeRow] = []
    seen: set[str] = set()
    for n, ln in enumerate(lines, 1):
        if not ln.strip() or ln.startswith("#"):
            continue
        cells = [c.strip() for c in ln.split("\t")]
        if header is None:
            header = cells
            if header[:2] != ["class", "parent"]:
                raise VocabularyError(f"{path}:{n}: the header must start with class<TAB>parent")
            continue
        if len(cells) != len(header):
            raise VocabularyError(f"{path}:{n}: expected {len(header)} tab-separated cells, got {len(cells)}")
        if not cells[0].isidentifier() or cells[0] in seen:
            raise VocabularyError(f"{path}:{n}: class {cells[0]!r} is not a new class name")
        seen.add(cells[0])
        rows.append(TypeRow(cells[0], cells[1], dict(zip(header[2:], cells[2:]))))
    return tuple(rows)


def type_rows(kind: str) -> tuple[TypeRow, ...]:
    """The rows of `ontology/<kind>_types.tsv` (kind: "entity" or "event"), in table order."""
    if kind not in ("entity", "event"):
        raise VocabularyError(f"unknown types table {kind!r}; valid: entity, event")
    return _read(_table(f"{kind}_types.tsv"))


def entity_types() -> tuple[str, ...]:
    """The entity classes, in table order."""
    return tuple(r.name for r in type_rows("entity"))


def event_types() -> tuple[str, ...]:
    """The event classes, in table order."""
    return tuple(r.name for r in type_rows("event"))


def check_entity_type(name: str) -> str:
    """`name` if it is an entity class, else `VocabularyError` naming the valid ones."""
    valid = entity_types()
    if name not in valid:
        raise VocabularyError(f"unknown entity type {name!r}; valid: {', '.join(valid)}")
    return name


def check_event_type(name: str) -> str:
    """`name` if it is an event class, else `VocabularyError` naming the valid ones."""
    valid = event_types()
    if name not in valid:
        raise VocabularyError(f"unknown event type {name!r}; valid: {', '.join(valid)}")
    return name
