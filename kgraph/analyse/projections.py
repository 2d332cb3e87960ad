"""Projections of the RDF graph into networkx graphs, one function per named view.

`actors`: entities linked by events (actor -> target, place, force), posts (person ->
organisation), affiliations (force -> country) and statements (speaker -> subject).
`speech`: speaker -> entity spoken about, from statements only.
`cooccurrence`: entities named in the same sentence (undirected).

Every node is an entity IRI with `label`, `type`, `key`, `articles` (how many articles
name it) and, where known, `wikidata`, `aliases`, `first_date`, `last_date` and `dates`.
Every edge has `weight` (how many distinct links: events, statements, posts, sentences),
`relation` (the kinds of link, ';'-joined), `articles`, the dates, and `evidence`: a tuple of
`Evidence` records (article, character span and its text) that says where it was read.
Nodes and edges are added in sorted order, so the same store gives the same graph.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from ..errors import KGraphError
from ..graph.store import GraphStore

__all__ = [
    "VIEWS",
    "Evidence",
    "EmptyGraphError",
    "actors_view",
    "speech_view",
    "cooccurrence_view",
    "project",
    "sentence_around",
    "statements",
]


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

# links made by events: actor -> target/place/force, force -> place, allies with each other
_EVENT_LINKS = """SELECT ?s ?o ?rel ?g ?x ?b ?en ?text ?date WHERE { GRAPH ?g {
  { ?x sem:hasActor ?s ; a ?c . ?x kg:target|sem:hasPlace|kg:force ?o . FILTER NOT EXISTS { ?x a kg:Alliance } }
  UNION { ?x kg:force ?s ; sem:hasPlace ?o ; a ?c . }
  UNION { ?x a kg:Alliance, ?c ; sem:hasActor ?s, ?o . FILTER(STR(?s) < STR(?o)) }
  FILTER(STRSTARTS(STR(?c), STR(kg:)) && ?s != ?o)
  BIND(STRAFTER(STR(?c), "#") AS ?rel)
  OPTIONAL { ?x kg:evidence ?sp . ?sp nif:beginIndex ?b ; nif:endIndex ?en ; nif:anchorOf ?text }
  OPTIONAL { ?x kg:date ?date } } }"""

_ROLE_LINKS = """SELECT ?s ?o ?rel ?g ?x ?b ?en ?text WHERE { GRAPH ?g {
  ?x a kg:RoleAssignment ; org:member ?s ; org:organization ?o ; kg:roleTitle ?rel . FILTER(?s != ?o)
  OPTIONAL { ?x kg:evidence ?sp . ?sp nif:beginIndex ?b ; nif:endIndex ?en ; nif:anchorOf ?text } } }"""

# an affiliation's evidence is where the affiliated entity is named ("North Korean troops")
_AFFILIATIONS = """SELECT ?s ?o ?g ?b ?en ?text WHERE { GRAPH ?g {
  ?s kg:affiliatedWith ?o . FILTER(?s != ?o)
  OPTIONAL { ?m kg:mentionOf ?s ; nif:beginIndex ?b ; nif:endIndex ?en ; nif:anchorOf ?text } } }"""

_STATEMENT_LINKS = """SELECT ?s ?o ?g ?x ?b ?en ?text ?stance WHERE { GRAPH ?g {
  ?x a kg:Statement ; prov:wasAttributedTo ?s ; kg:about ?o . FILTER(?s != ?o)
  OPTIONAL { ?x kg:stance ?stance }
  OPTIONAL { ?x kg:evidence ?sp . ?sp nif:beginIndex ?b ; nif:endIndex ?en ; nif:anchorOf ?text } } }"""

_MENTIONS = """SELECT ?g ?e ?sent ?b ?en WHERE { GRAPH ?g {
  ?m a kg:Mention ; kg:mentionOf ?e ; kg:sentenceIndex ?sent ; nif:beginIndex ?b ; nif:endIndex ?en } }"""

_STATEMENTS = """SELECT ?x ?g ?text ?cue ?kind ?stance ?speaker ?spk ?rep ?b ?en ?headline WHERE { GRAPH ?g {
  ?x a kg:Statement ; schema:text ?text .
  OPTIONAL { ?x kg:cue ?cue } OPTIONAL { ?x kg:kind ?kind } OPTIONAL { ?x kg:stance ?stance }
  OPTIONAL { ?x prov:wasAttributedTo ?speaker } OPTIONAL { ?x kg:speakerText ?spk } OPTIONAL { ?x kg:reportedBy ?rep }
  OPTIONAL { ?x kg:evidence ?sp . ?sp nif:beginIndex ?b ; nif:endIndex ?en }
  OPTIONAL { ?g schema:headline ?headline } } }"""

_ABOUT = """SELECT DISTINCT ?x ?e WHERE { GRAPH ?g { ?x a kg:Statement ; kg:about ?e } }"""


def _local(iri: str) -> str:
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


class _Projector:
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
            types[e][_local(row["type"])] += 1
            keys.setdefault(e, row["key"])
            if "wd" in row:
                wikidata[e] = _local(row["wd"])
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


def _event_links(p: _Projector) -> None:
    for r in p.store.select(_EVENT_LINKS):
        p.add(r["s"], r["o"], r["rel"], r["g"], r["x"], r, r.get("date"), undirected=r["rel"] == "Alliance")


def _role_links(p: _Projector) -> None:
    for r in p.store.select(_ROLE_LINKS):
        p.add(r["s"], r["o"], r["rel"], r["g"], r["x"], r)


def _affiliations(p: _Projector) -> None:
    first: dict[tuple[str, str, str], dict] = {}
    for r in p.store.select(_AFFILIATIONS):
        k = (r["s"], r["o"], r["g"])
        if k not in first or ("b" in r and int(r["b"]) < int(first[k].get("b", 1 << 62))):
            first[k] = r
    for (s, o, g), r in sorted(first.items()):
        p.add(s, o, "affiliatedWith", g, ("affiliation", g), r)


def _statement_links(p: _Projector, relation: str = "spokeAbout") -> None:
    for r in p.store.select(_STATEMENT_LINKS):
        p.add(r["s"], r["o"], relation, r["g"], r["x"], r, stance=_local(r.get("stance", "")))


def actors_view(store: GraphStore) -> nx.DiGraph:
    """The actor network: every entity, linked by events, posts, affiliations and statements."""
    p = _Projector(store)
    _event_links(p)
    _role_links(p)
    _affiliations(p)
    _statement_links(p)
    return p.graph("actors")


def speech_view(store: GraphStore) -> nx.DiGraph:
    """Who talks about whom: speaker -> entity spoken about, one weight per statement."""
    p = _Projector(store)
    _statement_links(p)
    return p.graph("speech", only_linked=True)


def cooccurrence_view(store: GraphStore) -> nx.Graph:
    """Entities named in the same sentence; weight = number of sentences, evidence = the text between them."""
    p = _Projector(store)
    sentences: dict[tuple[str, int], dict[str, tuple[int, int]]] = defaultdict(dict)
    for r in store.select(_MENTIONS):
        spans = sentences[(r["g"], int(r["sent"]))]
        b, e = int(r["b"]), int(r["en"])
        if r["e"] not in spans or b < spans[r["e"]][0]:
            spans[r["e"]] = (b, e)
    for (g, sent), spans in sorted(sentences.items()):
        ents = sorted(spans)
        for i, a in enumerate(ents):
            for b in ents[i + 1 :]:
                start = min(spans[a][0], spans[b][0])
                end = max(spans[a][1], spans[b][1])
                row = {"b": start, "en": end, "text": p.text(g)[start:end]}
                p.add(a, b, "sameSentence", g, (g, sent), row, undirected=True)
    return p.graph("cooccurrence", directed=False)


VIEWS: dict[str, Callable[[GraphStore], nx.Graph]] = {
    "actors": actors_view,
    "speech": speech_view,
    "cooccurrence": cooccurrence_view,
}


def project(store: GraphStore, view: str = "actors", *, metrics: bool = True) -> nx.Graph:
    """The named view of the store as a networkx graph.

    With `metrics` (the default) the figures of `kgraph.analyse.metrics.analyse` are
    written onto the nodes (pagerank, degree, betweenness, community, component), so
    that exports carry them. Raises EmptyGraphError when the store holds no entities.
    """
    if view not in VIEWS:
        raise KGraphError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    g = VIEWS[view](store)
    if g.number_of_nodes() == 0:
        what = "no articles" if not store.articles() else "no entities"
        raise EmptyGraphError(f"the {view} view is empty: the store holds {what} (run `kgraph build` first)")
    if metrics:
        from .metrics import analyse

        analyse(g)
    return g


def statements(store: GraphStore) -> list[dict]:
    """Every statement with its speaker, subjects, text, kind, stance and where it was read, sorted."""
    about: dict[str, list[str]] = defaultdict(list)
    for r in store.select(_ABOUT):
        about[r["x"]].append(r["e"])
    out: dict[str, dict] = {}
    for r in store.select(_STATEMENTS):
        x = r["x"]
        st = out.get(x)
        if st is None:
            st = out[x] = {
                "id": x,
                "article": r["g"],
                "headline": r.get("headline"),
                "speaker": r.get("speaker"),
                "speaker_text": r.get("spk"),
                "reported_by": r.get("rep"),
                "text": r["text"],
                "cue": r.get("cue"),
                "kind": _local(r.get("kind", "")) or None,
                "stance": _local(r.get("stance", "")) or None,
                "about": sorted(about.get(x, ())),
                "start": None,
                "end": None,
            }
        if "b" in r and (st["start"] is None or int(r["b"]) < st["start"]):
            st["start"], st["end"] = int(r["b"]), int(r["en"])
    return sorted(out.values(), key=lambda s: (s["article"], s["start"] if s["start"] is not None else -1, s["id"]))
