"""One name resolver for every command: what a user's name or description of something
refers to in the store (`ask`, `quotes --speaker/--about`, `analyze --ego/--path`, the
name parameters of named queries).

A name is looked up in the store's index (`GraphStore.index`, kgraph/graph/index.py), never
by scanning the store, in tiers; the first tier that finds something gives the answer:

0. an IRI, an entity key ("wd:Q159", "person:andrii kovalenko") or a Wikidata ID ("Q159");
1. a label or alias in `name_key` form (case, accents, "the", possessives and
   transliteration endings folded: "Zelenskiy" = "Zelensky" = "Zelenskyy");
2. its trailing words (a last name: "Kovalenko");
3. all of its words ("Zelensky Volodymyr");
4. a title before a known last name ("President Zelensky");
5. a description: every content word (lemmatised) found among an entity's names, its role
   titles and the names of the organisations it holds them in (`kg:RoleAssignment`), and
   the names of what it is affiliated with (`kg:affiliatedWith`): "the navy spokesman",
   "Turkey's foreign ministry", "opposition lawmakers".

A name that matches several entities gives them all (the caller labels each answer).
`NotFoundError` names close matches (difflib) when nothing matches.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..errors import NotFoundError
from ..graph.index import fts_query, name_key
from ..graph.index_schema import skip_scan

__all__ = ["Entity", "Match", "Resolver", "name_key", "name_tier", "resolve_in_graph"]

_WIKIDATA = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Entity:
    """An entity a name resolved to: IRI and display label."""

    iri: str
    label: str


@dataclass(frozen=True)
class Match:
    """An entity and how the name found it ("name", "last name", "description: ...")."""

    entity: Entity
    how: str

    @property
    def iri(self) -> str:
        return self.entity.iri

    @property
    def label(self) -> str:
        return self.entity.label


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from ..lexicon import titles  # the one lexicon loader (ontology/lexicon/<lang>/titles.txt)

    out = set()
    for ln in titles():
        out.update(name_key(ln))
    return frozenset(out)


def name_tier(query: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    """How well `name` answers `query` (both `name_key`s): 1 exact, 2 trailing words (a
    last name), 3 all the query's words, 4 a title and the same last name ("President
    Zelensky"); None: no match."""
    if not query or not name:
        return None
    if query == name:
        return 1
    n = len(query)
    if n < len(name) and name[-n:] == query:
        return 2
    if set(query) <= set(name):
        return 3
    if len(query) > 1 and query[-1] == name[-1] and len(query[-1]) > 2 and set(query[:-1]) <= _titles():
        return 4
    return None


# The distinct values of a column among the index rows of one key, by a skip scan: one
# index seek per value (`min(col) ... > previous`), where SELECT DISTINCT reads every row
# of the key (a country is the affiliation of every person in every article naming them).
_AFFILIATES = skip_scan("affil", "entity", "of")
_NAMED = skip_scan("names", "entity", "norm")
# (entity, name) pairs of a last word: the next name of the same entity, else the next
# entity's first name
_LAST_NAMED = """WITH RECURSIVE k(e, n) AS (
  SELECT x, (SELECT min(norm) FROM names WHERE last = ?1 AND entity = x)
    FROM (SELECT (SELECT min(entity) FROM names WHERE last = ?1) AS x)
  UNION ALL
  SELECT CASE WHEN (SELECT min(norm) FROM names WHERE last = ?1 AND entity = k.e AND norm > k.n) IS NOT NULL THEN k.e
      ELSE (SELECT min(entity) FROM names WHERE last = ?1 AND entity > k.e) END,
    coalesce((SELECT min(norm) FROM names WHERE last = ?1 AND entity = k.e AND norm > k.n),
      (SELECT min(norm) FROM names WHERE last = ?1
        AND entity = (SELECT min(entity) FROM names WHERE last = ?1 AND entity > k.e)))
  FROM k WHERE k.e IS NOT NULL)
SELECT e, n FROM k WHERE e IS NOT NULL"""

_HOW = {0: "identifier", 1: "name", 2: "last name", 3: "name words", 4: "title and name"}


class Resolver:
    """Name lookups over one store's index; labels of entities as most articles give them."""

    def __init__(self, store):
        self.store = store
        self.idx = store.index
        self._labels: dict[str, str] = {}

    # -- labels -------------------------------------------------------------------
    def label(self, iri: str | None) -> str | None:
        if not iri:
            return None
        if iri not in self._labels:
            rows = self.idx.rows(
                "SELECT name FROM label_counts WHERE entity = ? ORDER BY n DESC, name LIMIT 1",
                (iri,),
            )
            self._labels[iri] = rows[0][0] if rows else iri.rsplit("/", 1)[-1]
        return self._labels[iri]

    def entity(self, iri: str) -> Entity:
        return Entity(iri, self.label(iri) or iri)

    def affiliates(self, iris) -> set[str]:
        """The entities affiliated with any of `iris` (one `kg:affiliatedWith` step)."""
        out: set[str] = set()
        for iri in iris:
            out.update(r[0] for r in self.idx.rows(_AFFILIATES, (iri,)))
        return out

    # -- by name ------------------------------------------------------------------
    def _by_id(self, name: str) -> list[str]:
        text = name.strip()
        if re.fullmatch(r"Q\d+", text):
            text = "wd:" + text
        if text.startswith(_WIKIDATA):
            text = "wd:" + text[len(_WIKIDATA) :]
        rows = self.idx.rows("SELECT DISTINCT entity FROM names WHERE entity = ? OR ekey = ?", (text, text))
        return sorted(r[0] for r in rows)

    def by_name(self, name: str, *, tiers: int = 4) -> list[Match]:
        """Entities named `name` at the best tier up to `tiers` (see the module docstring)."""
        found = self._by_id(name)
        if found:
            return [Match(self.entity(e), _HOW[0]) for e in found]
        q = name_key(name)
        if not q:
            return []
        norm = " ".join(q)
        exact = self.idx.rows(_NAMED, (norm,))
        if exact:  # tier 1: no need to look further
            return [Match(self.entity(e), _HOW[1]) for e in sorted(r[0] for r in exact)]
        cands: dict[str, set[str]] = {}
        sqls = [(_LAST_NAMED, (q[-1],))]
        match = fts_query(q, "AND")
        if match and len(q) > 1:  # all the words in another order: tier 3
            sqls.append(
                (
                    "SELECT DISTINCT n.entity, n.norm FROM name_fts f JOIN names n ON n.rowid = f.rowid "
                    "WHERE name_fts MATCH ? LIMIT 2000",
                    (match,),
                )
            )
        for sql, params in sqls:
            for e, n in self.idx.rows(sql, params):
                cands.setdefault(e, set()).add(n)
        best: dict[int, list[str]] = {}
        for e, names in cands.items():
            ts = [t for t in (name_tier(q, tuple(n.split())) for n in names) if t is not None and t <= tiers]
            if ts:
                best.setdefault(min(ts), []).append(e)
        if not best:
            return []
        tier = min(best)
        return [Match(self.entity(e), _HOW[tier]) for e in sorted(best[tier])]

    # -- by description -----------------------------------------------------------
    def by_description(self, text: str, *, limit: int = 20) -> list[Match]:
        """Entities whose names, roles and affiliations hold every content word of `text`."""
        terms = self.idx.terms(text)
        match = fts_query(terms, "AND")
        if not match:
            return []
        rows = self.idx.rows(
            "SELECT entity, bm25(desc_fts, 1.0, 1.0, 0.5), roles FROM desc_fts "
            "WHERE desc_fts MATCH ? ORDER BY rank LIMIT 500",
            (match,),
        )
        score: dict[str, float] = {}
        hits: Counter = Counter()
        for e, s, _ in rows:
            score[e] = min(score.get(e, 0.0), s)
            hits[e] += 1
        order = sorted(score, key=lambda e: (score[e], -hits[e], e))[:limit]
        out = []
        for e in order:
            out.append(Match(self.entity(e), "description: " + self._role_note(e, terms)))
        return out

    def _role_note(self, iri: str, terms: list[str]) -> str:
        rows = self.idx.rows(
            "SELECT title, org, COUNT(*) AS n FROM roles WHERE person = ? GROUP BY title, org ORDER BY n DESC LIMIT 3",
            (iri,),
        )
        parts = []
        for title, org, _ in rows:
            parts.append(f"{title} of {self.label(org)}" if org else title)
        return "; ".join(dict.fromkeys(parts)) or "name and affiliations"

    # -- both ---------------------------------------------------------------------
    def resolve(self, name: str, *, what: str = "entity", descriptions: bool = True) -> list[Match]:
        """The entities `name` refers to; NotFoundError (with close names) when none."""
        found = self.by_name(name)
        if not found and descriptions:
            found = self.by_description(name)
        if not found:
            raise NotFoundError(self.unknown(name, what))
        return found

    def unknown(self, name: str, what: str) -> str:
        q = " ".join(name_key(name))
        close: list[str] = []
        if q:
            rows = self.idx.rows(
                "SELECT DISTINCT norm, entity FROM names WHERE substr(norm, 1, 1) = ? LIMIT 5000", (q[0],)
            )
            by_norm = {n: e for n, e in rows}
            for c in difflib.get_close_matches(q, list(by_norm), n=5, cutoff=0.6):
                close.append(self.label(by_norm[c]) or c)
        labels = list(dict.fromkeys(close))[:3]
        hint = f"; did you mean {', '.join(labels)}?" if labels else " (see `kgraph quotes` for who said what)"
        return f"no {what} named {name!r} in the store{hint}"


def resolve_in_graph(g, resolver: Resolver, name: str) -> str:
    """The node of a networkx view (`kgraph.analyse`) that `name` designates, through the
    same resolver; NotFoundError when no entity of the view matches, KGraphError when
    several do."""
    from ..analyse.neighbourhood import resolve as resolve_node
    from ..errors import KGraphError

    view = g.graph.get("name", "")
    try:
        matches = resolver.resolve(name, what="entity")
    except NotFoundError:
        return resolve_node(g, name)  # the view's own names; its error names the view and close labels
    nodes = [m for m in matches if m.iri in g]
    if len(nodes) == 1:
        return nodes[0].iri
    if not nodes:
        labels = ", ".join(m.label for m in matches[:5])
        raise NotFoundError(
            f"{name!r} names {labels}, which the {view} view does not link to anything (try --view cooccurrence)"
        )
    labels = ", ".join(
        f"{g.nodes[m.iri].get('label', m.label)} ({g.nodes[m.iri].get('key', m.iri)})" for m in nodes[:8]
    )
    raise KGraphError(f"{name!r} is ambiguous in the {view} view: {labels}; give the key or the Wikidata ID")
