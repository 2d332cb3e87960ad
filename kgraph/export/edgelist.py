"""The actor network as a CSV edge list, one row per link, for spreadsheets and for Gephi's or
Cytoscape's table import.

Columns: `source`, `target` (entity IRIs), their labels and types, `relation` (the kinds
of link, ';'-joined), `weight`, `articles`, `first_date`, `last_date`, then any other
scalar edge attribute (such as `stance`) in name order, and last `evidence`: where the
link was read (`article-id[start:end] text`, '; '-joined, at most five, then how many
more). UTF-8, comma-separated, CRLF line ends and quoting as RFC 4180 has them; rows
sorted by source and target, so the same store gives the same file. A text cell that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
apostrophe. Entities without any link are not in an edge list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from ..errors import ExportError
from .graphml import scalar
from .registry import register

__all__ = ["EDGE_COLUMNS", "MAX_EVIDENCE", "generate_edgelist", "write_edgelist"]

EDGE_COLUMNS = (
    "source",
    "target",
    "source_label",
    "source_type",
    "target_label",
    "target_type",
    "relation",
    "weight",
    "articles",
    "first_date",
    "last_date",
)
MAX_EVIDENCE = 5
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SKIP = {"evidence", "label", "type", "dates"}


def _cell(value: object) -> str:
    v = scalar(value)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return "'" + v if v.startswith(_FORMULA_START) else v


def _evidence(items) -> str:
    items = list(items or ())
    shown = "; ".join(" ".join(str(e).split()) for e in items[:MAX_EVIDENCE])
    more = len(items) - MAX_EVIDENCE
    return shown + (f"; (+{more} more)" if more > 0 else "")


def generate_edgelist(g: nx.Graph) -> Iterator[list[str]]:
    """The header, then one row of cells per edge, sorted by (source, target)."""
    extra = sorted(
        {
            k
            for _, _, d in g.edges(data=True)
            for k in d
            if k not in _SKIP and k not in EDGE_COLUMNS and scalar(d[k]) is not None
        }
    )
    yield [*EDGE_COLUMNS, *extra, "evidence"]
    for s, o in sorted(g.edges(), key=lambda e: (str(e[0]), str(e[1]))):
        d, sd, od = g.edges[s, o], g.nodes[s], g.nodes[o]
        fixed = {
            "source": s,
            "target": o,
            "source_label": sd.get("label"),
            "source_type": sd.get("type"),
            "target_label": od.get("label"),
            "target_type": od.get("type"),
        }
        row = [_cell(fixed[c] if c in fixed else d.get(c)) for c in EDGE_COLUMNS]
        row += [_cell(d.get(k)) for k in extra]
        row.append(_cell(_evidence(d.get("evidence"))))
        yield row


@register("csv", kind="network", suffix=".csv", help="the actor network's links as a CSV edge list, for spreadsheets")
def write_edgelist(g: nx.Graph, out: BinaryIO | str | Path) -> str:
    """Write the edge list of `g` as CSV (UTF-8) to a binary stream or a path; returns a summary."""
    if isinstance(out, (str, Path)):
        with open(out, "wb") as f:
            return write_edgelist(g, f)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        rows = -1
        for row in generate_edgelist(g):
            writer.writerow(row)
            rows += 1
        text.flush()
    except BrokenPipeError:
        raise  # the reader stopped early (`| head`): not an error of ours
    except OSError as exc:
        raise ExportError(f"cannot write the CSV edge list: {exc}") from exc
    finally:
        try:
            text.detach()  # leave `out` open for the caller
        except (OSError, ValueError):
            pass
    return f"{rows} edges"
