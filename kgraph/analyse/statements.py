"""Every statement of the store as a plain record, for the HTML page and `kgraph analyze`."""

from __future__ import annotations

from collections import defaultdict

from ..graph.store import GraphStore
from .projector import local_name

__all__ = ["statements"]

_STATEMENTS = """SELECT ?x ?g ?text ?cue ?kind ?stance ?speaker ?spk ?rep ?b ?en ?headline WHERE { GRAPH ?g {
  ?x a kg:Statement ; schema:text ?text .
  OPTIONAL { ?x kg:cue ?cue } OPTIONAL { ?x kg:kind ?kind } OPTIONAL { ?x kg:stance ?stance }
  OPTIONAL { ?x prov:wasAttributedTo ?speaker } OPTIONAL { ?x kg:speakerText ?spk } OPTIONAL { ?x kg:reportedBy ?rep }
  OPTIONAL { ?x kg:evidence ?sp . ?sp nif:beginIndex ?b ; nif:endIndex ?en }
  OPTIONAL { ?g schema:headline ?headline } } }"""

_ABOUT = """SELECT DISTINCT ?x ?e WHERE { GRAPH ?g { ?x a kg:Statement ; kg:about ?e } }"""


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
                "kind": local_name(r.get("kind", "")) or None,
                "stance": local_name(r.get("stance", "")) or None,
                "about": sorted(about.get(x, ())),
                "start": None,
                "end": None,
            }
        if "b" in r and (st["start"] is None or int(r["b"]) < st["start"]):
            st["start"], st["end"] = int(r["b"]), int(r["en"])
    return sorted(out.values(), key=lambda s: (s["article"], s["start"] if s["start"] is not None else -1, s["id"]))
