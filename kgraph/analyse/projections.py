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

The entities, article dates and texts are read by :class:`~kgraph.analyse.projector.Projector`;
each view here only adds its kind of links. :func:`statements` lives in `statements.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import networkx as nx

from ..errors import KGraphError
from ..graph.store import GraphStore
from .projector import EmptyGraphError, Evidence, Projector, sentence_around
from .projector import local_name as _local
from .statements import statements

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

# -- queries (parameter-free; nothing from the user is ever pasted in) ----------------

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


def _event_links(p: Projector) -> None:
    for r in p.store.select(_EVENT_LINKS):
        p.add(r["s"], r["o"], r["rel"], r["g"], r["x"], r, r.get("date"), undirected=r["rel"] == "Alliance")


def _role_links(p: Projector) -> None:
    for r in p.store.select(_ROLE_LINKS):
        p.add(r["s"], r["o"], r["rel"], r["g"], r["x"], r)


def _affiliations(p: Projector) -> None:
    first: dict[tuple[str, str, str], dict] = {}
    for r in p.store.select(_AFFILIATIONS):
        k = (r["s"], r["o"], r["g"])
        if k not in first or ("b" in r and int(r["b"]) < int(first[k].get("b", 1 << 62))):
            first[k] = r
    for (s, o, g), r in sorted(first.items()):
        p.add(s, o, "affiliatedWith", g, ("affiliation", g), r)


def _statement_links(p: Projector, relation: str = "spokeAbout") -> None:
    for r in p.store.select(_STATEMENT_LINKS):
        p.add(r["s"], r["o"], relation, r["g"], r["x"], r, stance=_local(r.get("stance", "")))


def actors_view(store: GraphStore) -> nx.DiGraph:
    """The actor network: every entity, linked by events, posts, affiliations and statements."""
    p = Projector(store)
    _event_links(p)
    _role_links(p)
    _affiliations(p)
    _statement_links(p)
    return p.graph("actors")


def speech_view(store: GraphStore) -> nx.DiGraph:
    """Who talks about whom: speaker -> entity spoken about, one weight per statement."""
    p = Projector(store)
    _statement_links(p)
    return p.graph("speech", only_linked=True)


def cooccurrence_view(store: GraphStore) -> nx.Graph:
    """Entities named in the same sentence; weight = number of sentences, evidence = the text between them."""
    p = Projector(store)
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
