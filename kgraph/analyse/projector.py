"""The projector: entities, article dates and texts read once from the store, and the links
that the views add, collected into a networkx graph (see :mod:`kgraph.analyse.projections`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..errors import KGraphError
from ..graph.store import GraphStore

__all__ = ["EmptyGraphError", "Evidence", "Projector", "local_name", "sentence_around"]


class EmptyGraphError(KGraphError):
    """A view that has nothing to show: no entities, or no edges where edges are needed."""


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a link was read: article graph IRI, character span `[start, end)` and its text."""

    article: str
    start: int
    end: int
    text: str
    relation: str = ""
    context: str = ""  # the sentence around the span, when the article text is in the store

    @property
    def article_id(self) -> str:
        return self.article.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return f"{self.article_id}[{self.start}:{self.end}] {self.text}"

    def as_dict(self) -> dict:
        return {
            "article": self.article,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "relation": self.relation,
            "context": self.context,
        }


# -- queries (parameter-free; nothing from the user is ever pasted in) ----------------

_ENTITIES = """SELECT ?e ?g ?key ?label ?type ?wd WHERE { GRAPH ?g {
  ?e kg:entityKey ?key ; a ?type ; rdfs:label ?label . OPTIONAL { ?e owl:sameAs ?wd }
  FILTER(STRSTARTS(STR(?type), STR(kg:))) } }"""

_ALIASES = """SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?e kg:entityKey ?k ; skos:altLabel ?alias } }"""

_ARTICLES = """SELECT ?g ?d WHERE { GRAPH ?g { ?g a kg:Article . OPTIONAL { ?g schema:datePublished ?d } } }"""

_ARTICLE_TEXT = """SELECT ?g ?text WHERE { GRAPH ?g { ?g a kg:Article ; nif:isString ?text } }"""


def local_name(iri: str) -> str:
    """The last part of an IRI (after "#" or "/")."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n\s*\n|\n")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence of `text` holding [start, end): from the previous sentence end to the next one."""
    if not text or not 0 <= start <= end <= len(text):
        return ""
    left = max(0, start - limit)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    a = ends[-1] if ends else left
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    b = m.start() + len(m.group().rstrip()) if m else min(len(text), end + limit)
    return " ".join(text[a:b].split())


def _date_bounds(value: str) -> tuple[str, str] | None:
    """First and last day of an ISO date or interval ("2024-10-01/2024-10-31"); None if not a date."""
    parts = value.split("/")
    if len(parts) > 2 or not all(
        len(p) == 10 and p[4] == "-" and p[7] == "-" and p.replace("-", "").isdigit() for p in parts
    ):
        return None
    return parts[0], parts[-1]


class _Link:
    __slots__ = ("occurrences", "relations", "graphs", "evidence", "dates", "extra")

    def __init__(self) -> None:
        self.occurrences: set = set()
        self.relations: set[str] = set()
        self.graphs: set[str] = set()
        self.evidence: set[Evidence] = set()
        self.dates: set[str] = set()
        self.extra: Counter = Counter()


class Projector:
    """Reads entities and article dates once; collects links into a networkx graph."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.article_date = {r["g"]: r["d"] for r in store.select(_ARTICLES) if "d" in r}
        self.entity_dates: dict[str, set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], _Link] = defaultdict(_Link)
        self.nodes = self._entities()
        self._texts: dict[str, str] | None = None

    def text(self, graph: str) -> str:
        if self._texts is None:
            self._texts = {r["g"]: r["text"] for r in self.store.select(_ARTICLE_TEXT)}
        return self._texts.get(graph, "")

    def _entities(self) -> dict[str, dict]:
        labels: dict[str, Counter] = defaultdict(Counter)
        types: dict[str, Counter] = defaultdict(Counter)
        keys: dict[str, str] = {}
        wikidata: dict[str, str] = {}
        graphs: dict[str, set[str]] = defaultdict(set)
        for row in self.store.select(_ENTITIES):
            e, g = row["e"], row["g"]
            labels[e][row["label"]] += 1
            types[e][local_name(row["type"])] += 1
            keys.setdefault(e, row["key"])
            if "wd" in row:
                wikidata[e] = local_name(row["wd"])
            if g not in graphs[e]:
                graphs[e].add(g)
                if g in self.article_date:
                    self.entity_dates[e].add(self.article_date[g])
        aliases: dict[str, set[str]] = defaultdict(set)
        for row in self.store.select(_ALIASES):
            aliases[row["e"]].add(row["alias"])
        nodes = {}
        for e in sorted(labels):
            label = min(labels[e].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            attrs = {
                "label": label,
                "type": min(types[e].items(), key=lambda kv: (-kv[1], kv[0]))[0],
                "key": keys[e],
                "articles": len(graphs[e]),
            }
            if e in wikidata:
                attrs["wikidata"] = wikidata[e]
            others = sorted(aliases[e] | set(labels[e]) - {label})
            if others:
                attrs["aliases"] = tuple(others)
            nodes[e] = attrs
        return nodes

    def add(
        self,
        s: str,
        o: str,
        relation: str,
        graph: str,
        occurrence,
        row: dict,
        date: str | None = None,
        undirected: bool = False,
        **extra: str,
    ) -> None:
        if s not in self.nodes or o not in self.nodes:
            return
        if undirected and o < s:
            s, o = o, s
        link = self.links[(s, o)]
        link.occurrences.add(occurrence)
        link.relations.add(relation)
        link.graphs.add(graph)
        if "b" in row:
            b, e = int(row["b"]), int(row["en"])
            link.evidence.add(
                Evidence(graph, b, e, row.get("text", ""), relation, sentence_around(self.text(graph), b, e))
            )
        if graph in self.article_date:
            link.dates.add(self.article_date[graph])
        if date and _date_bounds(date):
            link.dates.add(date)
            self.entity_dates[s].add(date)
            self.entity_dates[o].add(date)
        for k, v in extra.items():
            if v:
                link.extra[(k, v)] += 1

    def graph(self, name: str, directed: bool = True, only_linked: bool = False) -> nx.Graph:
        g = nx.DiGraph(name=name) if directed else nx.Graph(name=name)
        linked = {n for pair in self.links for n in pair}
        for e, attrs in self.nodes.items():
            if only_linked and e not in linked:
                continue
            g.add_node(e, **attrs, **_date_attrs(self.entity_dates.get(e, ())))
        for (s, o), link in sorted(self.links.items()):
            attrs = {
                "weight": len(link.occurrences),
                "relation": ";".join(sorted(link.relations)),
                "articles": len(link.graphs),
                **_date_attrs(link.dates),
                "evidence": tuple(sorted(link.evidence)),
            }
            for k, v in sorted(link.extra):
                attrs.setdefault(k, []).append(v)
            g.add_edge(s, o, **{k: ";".join(v) if isinstance(v, list) else v for k, v in attrs.items()})
        return g


def _date_attrs(dates: Iterable[str]) -> dict:
    bounds = [b for b in map(_date_bounds, dates) if b]
    if not bounds:
        return {}
    return {
        "first_date": min(b[0] for b in bounds),
        "last_date": max(b[1] for b in bounds),
        "dates": tuple(sorted(set(dates))),
    }
