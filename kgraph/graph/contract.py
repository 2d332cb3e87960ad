"""The extraction contract (shared/eval/CONTRACT.md), read back from the graph with SPARQL."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from .store import GraphStore
from .terms import event_classes

__all__ = ["contract"]

_ARTICLE = """SELECT ?g ?src ?title ?date ?url ?pub WHERE { GRAPH ?g {
  ?g a kg:Article ; kg:sourcePath ?src .
  OPTIONAL { ?g schema:headline ?title } OPTIONAL { ?g schema:datePublished ?date }
  OPTIONAL { ?g schema:url ?url } OPTIONAL { ?g kg:publisherName ?pub } } }"""

_ENTITIES = """SELECT ?g ?e ?type ?label ?alias ?wd ?aff WHERE { GRAPH ?g {
  ?e kg:entityKey ?key ; a ?type ; rdfs:label ?label .
  OPTIONAL { ?e skos:altLabel ?alias } OPTIONAL { ?e owl:sameAs ?wd } OPTIONAL { ?e kg:affiliatedWith ?aff }
  FILTER(STRSTARTS(STR(?type), STR(kg:))) } } ORDER BY ?e ?alias"""

_ROLES = """SELECT ?g ?p ?title ?of ?b ?en WHERE { GRAPH ?g {
  ?r a kg:RoleAssignment ; org:member ?p ; kg:roleTitle ?title ; kg:evidence ?sp .
  ?sp nif:beginIndex ?b ; nif:endIndex ?en .
  OPTIONAL { ?r org:organization ?of } } } ORDER BY ?b ?p"""

_STATEMENTS = """SELECT ?g ?s ?text ?cue ?kind ?stance ?spk ?rep ?b ?en ?den WHERE { GRAPH ?g {
  ?s a kg:Statement ; schema:text ?text ; kg:cue ?cue ; kg:kind ?kind ; kg:stance ?stance ; kg:evidence ?sp .
  ?sp nif:beginIndex ?b ; nif:endIndex ?en .
  OPTIONAL { ?s kg:speakerText ?spk }
  OPTIONAL { ?s kg:reportedBy ?rep } OPTIONAL { ?s kg:denies ?den } } } ORDER BY ?b ?s"""

_SPEAKERS = """SELECT ?g ?s ?speaker ?first WHERE { GRAPH ?g { ?s a kg:Statement ; prov:wasAttributedTo ?speaker .
  OPTIONAL { ?s kg:firstSpeaker ?first } } } ORDER BY ?s ?speaker"""

_ABOUT = """SELECT ?g ?s ?e WHERE { GRAPH ?g { ?s a kg:Statement ; kg:about ?e } } ORDER BY ?s ?e"""

_EVENTS = """SELECT ?g ?ev ?type ?b ?en ?trig ?force ?place ?date ?datetext ?value ?min ?max ?qual ?qtext ?weapon ?cas ?st WHERE { GRAPH ?g {
  ?ev a ?type ; kg:evidence ?sp . VALUES ?type { %s }
  ?sp nif:beginIndex ?b ; nif:endIndex ?en ; nif:anchorOf ?trig .
  OPTIONAL { ?ev kg:force ?force } OPTIONAL { ?ev sem:hasPlace ?place } OPTIONAL { ?ev kg:date ?date }
  OPTIONAL { ?ev kg:dateText ?datetext } OPTIONAL { ?ev kg:weapon ?weapon } OPTIONAL { ?ev kg:casualties ?cas }
  OPTIONAL { ?ev kg:claimedIn ?st }
  OPTIONAL { ?ev kg:quantity ?q . OPTIONAL { ?q schema:value ?value } OPTIONAL { ?q schema:minValue ?min }
             OPTIONAL { ?q schema:maxValue ?max } OPTIONAL { ?q kg:qualifier ?qual } OPTIONAL { ?q rdfs:label ?qtext } } } }
  ORDER BY ?b ?ev"""  # %s: the event classes of kgraph.vocab, as IRIs (no user text)

_EVENT_ROLES = (
    """SELECT ?g ?ev ?p ?e WHERE { GRAPH ?g { ?ev ?p ?e . VALUES ?p { sem:hasActor kg:target } } } ORDER BY ?ev ?p ?e"""
)


def _num(v: str | None):
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def contract(store: GraphStore, graphs: list[str]) -> dict:
    """The contract JSON for the given article graphs, read from the store."""
    out: dict = {"articles": [], "entities": [], "roles": [], "statements": [], "deployments": [], "events": []}
    entities: dict[str, dict] = {}
    events_query = _EVENTS % " ".join(f"<{c}>" for c in event_classes().values())
    for g in graphs:
        b = {"g": NamedNode(g)}
        meta = store.select(_ARTICLE, b, union=False)
        m = meta[0] if meta else {}
        out["articles"].append(
            {
                "id": g,
                "source": m.get("src"),
                "title": m.get("title"),
                "published": m.get("date"),
                "url": m.get("url"),
                "publisher": m.get("pub"),
            }
        )
        for row in store.select(_ENTITIES, b, union=False):
            e = entities.setdefault(
                row["e"],
                {
                    "id": row["e"],
                    "label": row["label"],
                    "type": _local(row["type"]),
                    "aliases": [],
                    "wikidata": None,
                    "affiliation": None,
                },
            )
            if "alias" in row and row["alias"] not in e["aliases"]:
                e["aliases"].append(row["alias"])
            if "wd" in row:
                e["wikidata"] = _local(row["wd"])
            if "aff" in row:
                e["affiliation"] = row["aff"]
        for row in store.select(_ROLES, b, union=False):
            out["roles"].append(
                {
                    "person": row["p"],
                    "role": row["title"],
                    "of": row.get("of"),
                    "article": g,
                    "start": int(row["b"]),
                    "end": int(row["en"]),
                }
            )
        about = defaultdict(list)
        for row in store.select(_ABOUT, b, union=False):
            about[row["s"]].append(row["e"])
        speakers = defaultdict(list)
        first = {}
        for row in store.select(_SPEAKERS, b, union=False):
            if row["speaker"] not in speakers[row["s"]]:
                speakers[row["s"]].append(row["speaker"])
            if "first" in row:
                first[row["s"]] = row["first"]
        seen = {}
        for row in store.select(_STATEMENTS, b, union=False):
            if row["s"] in seen:  # a repeated statement: one record, several spans
                seen[row["s"]]["spans"].append([int(row["b"]), int(row["en"])])
                continue
            spk = speakers.get(row["s"], [])
            main = first.get(row["s"]) or (spk[0] if spk else None)
            st = {
                "id": row["s"],
                "speaker": main,
                "speakers": [main] + [x for x in spk if x != main] if main else [],
                "speaker_text": row.get("spk"),
                "kind": _local(row["kind"]).lower(),
                "cue": row["cue"],
                "text": row["text"],
                "stance": {"Asserts": "asserts", "Denies": "denies"}.get(_local(row["stance"]), "neither"),
                "reported_by": row.get("rep"),
                "about": about.get(row["s"], []),
                "denies": row.get("den"),
                "article": g,
                "start": int(row["b"]),
                "end": int(row["en"]),
                "spans": [[int(row["b"]), int(row["en"])]],
            }
            seen[row["s"]] = st
            out["statements"].append(st)
        roles = defaultdict(lambda: defaultdict(list))
        for row in store.select(_EVENT_ROLES, b, union=False):
            roles[row["ev"]][_local(row["p"])].append(row["e"])
        evs = {}
        for row in store.select(events_query, b, union=False):
            if row["ev"] in evs:
                continue
            q = None
            if any(k in row for k in ("value", "min", "max", "qual")):
                q = {
                    "value": _num(row.get("value")),
                    "min": _num(row.get("min")),
                    "max": _num(row.get("max")),
                    "qualifier": row.get("qual"),
                    "text": row.get("qtext"),
                }
            ev = {
                "id": row["ev"],
                "type": _local(row["type"]),
                "trigger": row["trig"],
                "actors": roles[row["ev"]].get("hasActor", []),
                "targets": roles[row["ev"]].get("target", []),
                "force": row.get("force"),
                "place": row.get("place"),
                "date": row.get("date"),
                "date_text": row.get("datetext"),
                "quantity": q,
                "weapon": row.get("weapon"),
                "casualties": row.get("cas"),
                "statement": row.get("st"),
                "article": g,
                "start": int(row["b"]),
                "end": int(row["en"]),
            }
            evs[row["ev"]] = ev
            out["events"].append(ev)
            if ev["type"] == "Deployment":
                out["deployments"].append(
                    {
                        "actor": ev["actors"][0] if ev["actors"] else None,
                        "actors": ev["actors"],
                        "force": ev["force"],
                        "location": ev["place"],
                        "quantity": q["value"] if q else None,
                        "qualifier": q["qualifier"] if q else None,
                        "min": q["min"] if q else None,
                        "max": q["max"] if q else None,
                        "date": ev["date"],
                        "statement": ev["statement"],
                        "article": g,
                    }
                )
    out["entities"] = sorted(entities.values(), key=lambda e: e["id"])
    return out
