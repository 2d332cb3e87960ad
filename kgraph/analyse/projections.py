"""Projections of the RDF graph into networkx graphs (named views).

`actors`: entities linked by events, roles, affiliations and statements, each edge
weighted by how often the link occurs, with its relation type and article count.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..graph.store import GraphStore

__all__ = ["VIEWS", "actors_view", "project"]

_NODES = """SELECT ?e ?label ?type ?wd (COUNT(DISTINCT ?g) AS ?articles) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
  GRAPH ?g { ?e kg:entityKey ?k ; a ?type ; rdfs:label ?label . OPTIONAL { ?e owl:sameAs ?wd } }
  OPTIONAL { GRAPH ?g { ?g schema:datePublished ?d } }
  FILTER(STRSTARTS(STR(?type), STR(kg:)))
} GROUP BY ?e ?label ?type ?wd ORDER BY ?e ?label"""

# (source, relation, target, graph) for every link between two entities
_EDGES = """SELECT ?s ?rel ?o ?g WHERE { GRAPH ?g {
  { ?ev sem:hasActor ?s ; a ?c . ?ev kg:target|sem:hasPlace|kg:force ?o . BIND(STRAFTER(STR(?c), "#") AS ?rel) }
  UNION { ?ev kg:force ?s ; sem:hasPlace ?o ; a ?c . BIND(STRAFTER(STR(?c), "#") AS ?rel) }
  UNION { ?ev a kg:Alliance ; sem:hasActor ?s, ?o . FILTER(STR(?s) < STR(?o)) BIND("Alliance" AS ?rel) }
  UNION { ?r a kg:RoleAssignment ; org:member ?s ; org:organization ?o ; kg:roleTitle ?rel }
  UNION { ?s kg:affiliatedWith ?o . BIND("affiliatedWith" AS ?rel) }
  UNION { ?st a kg:Statement ; prov:wasAttributedTo ?s ; kg:about ?o . BIND("spokeAbout" AS ?rel) }
  FILTER(?s != ?o) } }"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def actors_view(store: GraphStore) -> nx.DiGraph:
    """The actor network: nodes are entities, edges the relations between them."""
    g = nx.DiGraph(name="actors")
    for row in store.select(_NODES):
        node = row["e"]
        if node in g:
            continue
        attrs = {"label": row["label"], "type": _local(row["type"]), "articles": int(row["articles"])}
        if "wd" in row:
            attrs["wikidata"] = _local(row["wd"])
        if "first" in row:
            attrs["first_date"], attrs["last_date"] = row["first"], row["last"]
        g.add_node(node, **attrs)
    weights: dict[tuple[str, str], dict] = defaultdict(lambda: {"weight": 0, "types": set(), "graphs": set()})
    for row in store.select(_EDGES):
        s, o = row["s"], row["o"]
        if s not in g or o not in g:
            continue
        w = weights[(s, o)]
        w["weight"] += 1
        w["types"].add(row["rel"])
        w["graphs"].add(row["g"])
    for (s, o), w in sorted(weights.items()):
        g.add_edge(s, o, weight=w["weight"], type=";".join(sorted(w["types"])), articles=len(w["graphs"]))
    return g


VIEWS = {"actors": actors_view}


def project(store: GraphStore, view: str = "actors") -> nx.DiGraph:
    from ..errors import KGraphError
    if view not in VIEWS:
        raise KGraphError(f"unknown view {view!r}; choose one of {', '.join(sorted(VIEWS))}")
    return VIEWS[view](store)
