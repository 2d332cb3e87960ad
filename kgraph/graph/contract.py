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


_RECORDS = ("articles", "entities", "roles", "statements", "deployments", "events")
_STANCES = {"Asserts": "asserts", "Denies": "denies"}


def _num(v: str | None):
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() else f


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _span(row: dict) -> tuple[int, int]:
    return int(row["b"]), int(row["en"])


def contract(store: GraphStore, graphs: list[str]) -> dict:
    """The contract JSON for the given article graphs, read from the store."""
    out: dict = {name: [] for name in _RECORDS}
    entities: dict[str, dict] = {}
    events_query = _EVENTS % " ".join(f"<{c}>" for c in event_classes().values())
    for g in graphs:
        rows = _Rows(store, g)
        out["articles"].append(_article(g, rows(_ARTICLE)))
        _merge_entities(entities, rows(_ENTITIES))
        out["roles"].extend(_role(g, row) for row in rows(_ROLES))
        out["statements"].extend(_statements(g, rows(_STATEMENTS), _about(rows(_ABOUT)), rows(_SPEAKERS)))
        events = _events(g, rows(events_query), _event_roles(rows(_EVENT_ROLES)))
        out["events"].extend(events)
        out["deployments"].extend(_deployment(g, ev) for ev in events if ev["type"] == "Deployment")
    out["entities"] = sorted(entities.values(), key=lambda e: e["id"])
    return out


class _Rows:
    """The rows of a query over one article graph."""

    def __init__(self, store: GraphStore, graph: str):
        self.store = store
        self.bindings = {"g": NamedNode(graph)}

    def __call__(self, query: str) -> list[dict]:
        return self.store.select(query, self.bindings, union=False)


def _article(g: str, meta: list[dict]) -> dict:
    m = meta[0] if meta else {}
    return {
        "id": g,
        "source": m.get("src"),
        "title": m.get("title"),
        "published": m.get("date"),
        "url": m.get("url"),
        "publisher": m.get("pub"),
    }


def _merge_entities(entities: dict[str, dict], rows: list[dict]) -> None:
    """Add an article's entities to `entities` (the first label seen wins; aliases in order)."""
    for row in rows:
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


def _role(g: str, row: dict) -> dict:
    start, end = _span(row)
    return {"person": row["p"], "role": row["title"], "of": row.get("of"), "article": g, "start": start, "end": end}


def _about(rows: list[dict]) -> dict[str, list[str]]:
    about = defaultdict(list)
    for row in rows:
        about[row["s"]].append(row["e"])
    return about


def _speakers(rows: list[dict]) -> dict[str, list[str]]:
    """Statement -> its speakers, the first speaker (when the graph names one) first."""
    speakers: dict[str, list[str]] = defaultdict(list)
    first: dict[str, str] = {}
    for row in rows:
        if row["speaker"] not in speakers[row["s"]]:
            speakers[row["s"]].append(row["speaker"])
        if "first" in row:
            first[row["s"]] = row["first"]
    ordered = {}
    for s, spk in speakers.items():
        main = first.get(s) or (spk[0] if spk else None)
        ordered[s] = [main] + [x for x in spk if x != main] if main else []
    return ordered


def _statements(g: str, rows: list[dict], about: dict[str, list[str]], speaker_rows: list[dict]) -> list[dict]:
    """One record per statement; a repeated statement gets one record with several spans."""
    speakers = _speakers(speaker_rows)
    seen: dict[str, dict] = {}
    for row in rows:
        start, end = _span(row)
        if row["s"] in seen:
            seen[row["s"]]["spans"].append([start, end])
            continue
        spk = speakers.get(row["s"], [])
        seen[row["s"]] = {
            "id": row["s"],
            "speaker": spk[0] if spk else None,
            "speakers": spk,
            "speaker_text": row.get("spk"),
            "kind": _local(row["kind"]).lower(),
            "cue": row["cue"],
            "text": row["text"],
            "stance": _STANCES.get(_local(row["stance"]), "neither"),
            "reported_by": row.get("rep"),
            "about": about.get(row["s"], []),
            "denies": row.get("den"),
            "article": g,
            "start": start,
            "end": end,
            "spans": [[start, end]],
        }
    return list(seen.values())


def _event_roles(rows: list[dict]) -> dict[str, dict[str, list[str]]]:
    """Event -> role (hasActor, target) -> the entities in it."""
    roles = defaultdict(lambda: defaultdict(list))
    for row in rows:
        roles[row["ev"]][_local(row["p"])].append(row["e"])
    return roles


def _quantity(row: dict) -> dict | None:
    if not any(k in row for k in ("value", "min", "max", "qual")):
        return None
    return {
        "value": _num(row.get("value")),
        "min": _num(row.get("min")),
        "max": _num(row.get("max")),
        "qualifier": row.get("qual"),
        "text": row.get("qtext"),
    }


def _events(g: str, rows: list[dict], roles: dict[str, dict[str, list[str]]]) -> list[dict]:
    """One record per event (its first row: the earliest evidence)."""
    events: dict[str, dict] = {}
    for row in rows:
        if row["ev"] in events:
            continue
        start, end = _span(row)
        events[row["ev"]] = {
            "id": row["ev"],
            "type": _local(row["type"]),
            "trigger": row["trig"],
            "actors": roles[row["ev"]].get("hasActor", []),
            "targets": roles[row["ev"]].get("target", []),
            "force": row.get("force"),
            "place": row.get("place"),
            "date": row.get("date"),
            "date_text": row.get("datetext"),
            "quantity": _quantity(row),
            "weapon": row.get("weapon"),
            "casualties": row.get("cas"),
            "statement": row.get("st"),
            "article": g,
            "start": start,
            "end": end,
        }
    return list(events.values())


def _deployment(g: str, ev: dict) -> dict:
    q = ev["quantity"]
    return {
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
