"""Named queries answered from the store's index (kgraph/graph/index.py) instead of by
SPARQL evaluation, for the questions asked most on large stores.

An index plan gives the same rows as its named query (same variables, same RDF terms,
same order) read from SQLite tables keyed by entity and statement. It is registered for
the exact text of the query it answers (its SHA-256): a query file edited since, or a
query of the same name in another folder, runs as SPARQL. tests/query check each plan
against the SPARQL engine on a built store.

Why: pyoxigraph evaluates the union default graph as a bag, so the who-said-what query
of a heavily mentioned entity costs seconds on a 1M-triple store (every statement's
OPTIONALs looked up across all graphs); the index answers the same in milliseconds.
"""

from __future__ import annotations

import gc
import hashlib
import struct
import threading
import weakref
from collections.abc import Callable, Mapping
from itertools import repeat
from operator import itemgetter

import pyoxigraph as ox

from ..errors import StoreError
from ..graph.index_schema import skip_scan
from ..graph.said import KGRAPH_BASE, ROW, unpack_texts
from .sparql import Results, RowLimitError, _term_bytes

__all__ = ["index_plan", "plan_for"]

_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_REBUILD = "delete the .index.sqlite file beside the store to have it rebuilt"
_PLANS: dict[str, Callable] = {}


def index_plan(sha256: str):
    """Register `fn(index, terms, entities) -> Results` for the query text with this SHA-256."""

    def register(fn: Callable) -> Callable:
        _PLANS[sha256] = fn
        return fn

    return register


def plan_for(sparql: str) -> Callable | None:
    """The index plan registered for exactly this query text, if any."""
    return _PLANS.get(hashlib.sha256(sparql.encode("utf-8")).hexdigest())


def exact_names(index, name: str, candidates: list[str]) -> list[str]:
    """The candidates with a label, alias or entity key equal to `name` ignoring case, as
    the query's own `LCASE(STR(?name)) = LCASE(STR(?about))` test decides."""
    want = name.lower()
    out = []
    for e in candidates:
        # its distinct names and keys, one index seek each (an entity named in every article
        # has a row per article and name: thousands of rows, a handful of values)
        values = index.rows(_NAMES_OF, (e,)) + index.rows(_KEYS_OF, (e,))
        if any(v.lower() == want for (v,) in values):
            out.append(e)
    return out


# The distinct names and keys of one entity
_NAMES_OF = skip_scan("names", "name", "entity")
_KEYS_OF = skip_scan("names", "ekey", "entity")


_WHO_SAID_WHAT_VARS = (
    "about",
    "speaker",
    "cue",
    "kind",
    "stance",
    "text",
    "outlet",
    "article",
    "begin",
    "end",
    "occurrences",
    "statement",
    "speakerEntity",
)


#: the packs of one entity's rows, in the query's order (the table is clustered by it: no
#: sort; inside a pack the rows are in order already)
_PACKS_ONE = "SELECT n, texts, rows FROM said WHERE entity = ? ORDER BY article"
#: the packs of several entities: a statement about two of them is one statement
_PACKS_MANY = "SELECT article, n, texts, rows FROM said WHERE entity IN ({0}) ORDER BY article"


def _in(n: int) -> str:
    return ",".join("?" * n)  # placeholders only: the values are parameters


@index_plan("d90f572990b60bb23e8179a50366ed9a2230214ba1c8553a6f32de8a15577768")
def who_said_what(index, terms: Mapping[str, object], entities: Mapping[str, list[str]], limits) -> Results:
    """ontology/queries/who_said_what.rq from the index: the rows the index keeps for each
    entity a statement is about (`said`, kgraph/graph/said.py: statements, first spans,
    speakers' and outlet's labels as the statement's own article graph gives them)."""
    about = terms["about"]
    iris = exact_names(index, about.value, entities["aboutEntity"])
    offset, limit = limits.get("offset") or 0, limits.get("limit")
    if not iris:
        rows: tuple = ()
    elif len(iris) == 1:
        texts, blob = _page(index.rows(_PACKS_ONE, (iris[0],)), offset, limit)
        rows = _without_collector(_rows, index, about, texts, blob)
    else:
        rows = _without_collector(_merged_rows, index, about, index.rows(_PACKS_MANY.format(_in(len(iris))), iris))
        rows = rows[offset : None if limit is None else offset + limit]
    _check_limits(rows, limits)
    return Results("select", variables=_WHO_SAID_WHAT_VARS, rows=rows)


def _page(packs: list[tuple], offset: int, limit: int | None) -> tuple[list, bytes]:
    """The statement IRIs and texts (two values a row) and the value ids of answer rows
    `offset` to `offset + limit` of the packs (n, texts, rows), the packs outside the page
    left packed."""
    stop = None if limit is None else offset + limit
    chosen, at, skip = [], 0, 0  # the packs the page meets; the rows of the first before it
    for p in packs:
        if stop is not None and at >= stop:
            break
        if at + p[0] > offset:
            if not chosen:
                skip = offset - at
            chosen.append(p)
        at += p[0]
    texts: list = []
    for p in chosen:
        texts += unpack_texts(p[1])
    if len(texts) != 2 * sum(p[0] for p in chosen):
        raise StoreError(f"the store index holds who-said-what rows it cannot read; {_REBUILD}")
    blob = b"".join([p[2] for p in chosen])
    if skip or stop is not None:
        end = None if stop is None else stop - offset + skip
        texts = texts[2 * skip : None if end is None else 2 * end]
        blob = blob[ROW.size * skip : None if end is None else ROW.size * end]
    return texts, blob  # (_rows checks the ids against the texts)


def _merged_rows(index, about, packs: list[tuple]) -> tuple[tuple, ...]:
    """The rows of the packs (article, n, texts, rows) of several entities in the query's
    order, a statement about more than one of them once."""
    seen: set[tuple] = set()
    texts: list = []
    blobs: list[bytes] = []
    order: list[int] = []  # each kept row's place among its statement's rows
    for article, _n, packed, blob in packs:
        values = unpack_texts(packed)
        previous, k = None, 0
        for i in range(0, len(values), 2):
            k = k + 1 if values[i] == previous else 0
            previous = values[i]
            key = (article, values[i], k)
            if key not in seen:
                seen.add(key)
                texts += values[i : i + 2]
                blobs.append(blob[ROW.size * (i // 2) : ROW.size * (i // 2 + 1)])
                order.append(k)
    rows = _rows(index, about, texts, b"".join(blobs))
    # ORDER BY ?article ?begin ?statement (an unbound begin first), then the pack's own order
    place = sorted(
        range(len(rows)),
        key=lambda i: (
            rows[i][7].value,
            rows[i][8] is not None,
            int(rows[i][8].value) if rows[i][8] is not None else 0,
            rows[i][11].value,
            order[i],
        ),
    )
    return tuple(rows[i] for i in place)


def _term(key: str):
    """The RDF term of a marked value of `said_terms` (kgraph/graph/said.py)."""
    mark, value = key[:1], key[1:]
    if mark == "@":
        return ox.NamedNode(KGRAPH_BASE + value)
    if mark == "<":
        return ox.NamedNode(value)
    if mark == '"':
        return ox.Literal(value)
    if mark == "^":
        return ox.Literal(value, datatype=_XSD_INTEGER)
    raise StoreError(f"the store index holds a who-said-what value it cannot read ({key[:40]!r}); {_REBUILD}")


class _Terms:
    """The RDF terms of one index's `said_terms` by id (0: unbound), each made on first
    use and kept: kinds, stances, cues, labels, articles and offsets repeat within an
    answer and from one answer to the next. An id names one value for as long as the
    dictionary lives (ids are never reused), so nothing kept goes stale as the store
    changes; kept under the dictionary's token, they are dropped when the table was made
    again (the index rebuilt), and when `MAX_TERMS` are kept, so memory stays bounded.

    The terms are a plain dict, looked up all at once by `itemgetter` (a dict subclass
    with `__missing__` takes twice as long a lookup: 180k of them in an 18k-row answer)."""

    MAX_TERMS = 200_000

    def __init__(self, token: str | None = None):
        self.terms: dict[int, object] = {0: None}
        self.token = token
        self.lock = threading.Lock()  # answers in two threads: one looks up and loads at a time

    def __len__(self) -> int:
        return len(self.terms)

    def values(self, index, ids: tuple[int, ...]) -> tuple:
        """The terms of `ids` (at least two), those not kept yet made from the index first."""
        pick = itemgetter(*ids)
        with self.lock:  # another thread's load would take the ids this answer met but lacks
            try:
                return pick(self.terms)
            except KeyError:
                self._load(index, sorted(set(ids).difference(self.terms)))
                return pick(self.terms)

    def _load(self, index, wanted: list[int]) -> None:
        found = dict(index.rows_in("SELECT id, term FROM said_terms WHERE id IN ({0})", wanted))
        missing = [i for i in wanted if i not in found]
        if missing:
            raise StoreError(
                f"the store index names who-said-what values it does not hold (ids {missing[:5]}); {_REBUILD}"
            )
        self.terms.update((i, _term(t)) for i, t in found.items())


#: the terms kept for each open index (a store's index lives as long as its store)
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def _terms_of(index) -> _Terms:
    """The terms kept for this index, emptied when its dictionary was made again or has
    grown to MAX_TERMS."""
    token = index.rows("SELECT v FROM meta WHERE k = 'said_terms'")
    token = token[0][0] if token else None
    with _KEPT_LOCK:
        terms = _KEPT.get(index)
        if terms is None or terms.token != token or len(terms) >= _Terms.MAX_TERMS:
            terms = _KEPT[index] = _Terms(token)
    return terms


def _rows(index, about, texts: list, blob: bytes) -> tuple[tuple, ...]:
    """The result rows from the statement IRIs and texts (two values a row) and the value
    ids (ten a row) of packs: a term is made once per distinct value, except the statement
    and its text, which no row shares.

    Made column by column, each a C-level map or slice, and zipped into the row tuples, so
    no Python code runs per row (an 18k-row answer: half the time of a loop over the rows)."""
    n = len(texts) // 2
    if not n:
        return ()
    if len(blob) != ROW.size * n:
        raise StoreError(f"the store index holds who-said-what rows it cannot read; {_REBUILD}")
    values = _terms_of(index).values(index, struct.unpack(f"<{10 * n}I", blob))
    statements, said = texts[0::2], texts[1::2]
    if None in said:  # a statement without text: ?text unbound
        text_terms = [None if t is None else ox.Literal(t) for t in said]
    else:
        text_terms = list(map(ox.Literal, said))
    # the ten values of a row, in ROW's order: speaker, cue, kind, stance, outlet, article,
    # begin, end, occurrences, speakerEntity
    col = [values[k::10] for k in range(10)]
    return tuple(
        zip(
            repeat(about, n),
            col[0],
            col[1],
            col[2],
            col[3],
            text_terms,
            col[4],
            col[5],
            col[6],
            col[7],
            col[8],
            map(ox.NamedNode, statements),
            col[9],
        )
    )


def _without_collector(fn, *args):
    """`fn(*args)` with Python's cycle collector paused: tens of thousands of new row tuples
    would set it off again and again, and rows of terms hold no reference cycles for it
    to find (about 15 % of the time of a 15k-row answer)."""
    if not gc.isenabled():
        return fn(*args)
    gc.disable()
    try:
        return fn(*args)
    finally:
        gc.enable()


def _check_limits(rows: list[tuple], limits: Mapping[str, object]) -> None:
    max_rows, max_bytes = limits.get("max_rows"), limits.get("max_bytes")
    if max_rows is not None and len(rows) > max_rows:
        raise RowLimitError(f"the result has more than {max_rows} rows (the row limit); add LIMIT or narrow the query")
    if max_bytes is not None and rows:
        size = sum(_term_bytes(x) for r in rows for x in r if x is not None)
        if size > max_bytes:
            raise RowLimitError(
                f"the result is larger than {max_bytes} bytes (the size limit); "
                "add LIMIT or select fewer or shorter values"
            )
