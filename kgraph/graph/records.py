"""What the store index keeps of one article graph, read from its quads: the article's
metadata, its entities (labels, aliases, key, affiliations), role assignments and
statements (speakers, relay, stance, cue, evidence spans), and the labels the graph
gives to the speakers and outlets of its statements."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad

__all__ = ["graph_records"]

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
KG = "https://w3id.org/kgraph/ontology#"
SDO = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

_ARTICLE_FIELDS = (
    ("source", KG + "sourcePath"),
    ("title", SDO + "headline"),
    ("date", SDO + "datePublished"),
    ("publisher", KG + "publisherName"),
)


def _by_subject(quads: Iterable[Quad]) -> dict[str, dict[str, list]]:
    subj: dict[str, dict[str, list]] = {}
    for q in quads:
        subj.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    return subj


def _one(props: dict, p: str) -> str | None:
    return props[p][0].value if props.get(p) else None


def _entity(props: dict) -> dict:
    return {
        "labels": sorted(o.value for o in props.get(RDFS_LABEL, ())),
        "aliases": sorted(o.value for o in props.get(ALT, ())),
        "key": props[KG + "entityKey"][0].value,
        "affil": sorted(o.value for o in props.get(KG + "affiliatedWith", ())),
    }


def _roles(props: dict) -> list[tuple[str, str, str | None]]:
    org = props.get(ORG + "organization")
    return [
        (m.value, t.value, org[0].value if org else None)
        for m in props.get(ORG + "member", ())
        for t in props.get(KG + "roleTitle", ())
    ]


def _spans(props: dict, subj: dict) -> list[tuple[int, int]]:
    """(begin, end) of each evidence span that has both."""
    spans = []
    for sp in dict.fromkeys(o.value for o in props.get(KG + "evidence", ())):
        sp_props = subj.get(sp, {})
        b, e = sp_props.get(NIF + "beginIndex"), sp_props.get(NIF + "endIndex")
        if b and e:
            spans.append((int(b[0].value), int(e[0].value)))
    return spans


def _statement(iri: str, props: dict, subj: dict) -> dict:
    spans = _spans(props, subj)
    first = min(spans) if spans else (None, None)
    spk_all = sorted({o.value for o in props.get(PROV + "wasAttributedTo", ())})
    main = _one(props, KG + "firstSpeaker") or (spk_all[0] if spk_all else None)
    return {
        "iri": iri,
        "text": props[SDO + "text"][0].value,
        "speaker": main,
        "co_speakers": [x for x in spk_all if x != main],
        "reporter": _one(props, KG + "reportedBy"),
        "stance": _one(props, KG + "stance"),
        "cue": _one(props, KG + "cue"),
        "kind": _one(props, KG + "kind"),
        "speaker_text": _one(props, KG + "speakerText"),
        "about": sorted({o.value for o in props.get(KG + "about", ())}),
        "denies": _one(props, KG + "denies"),
        "begin": first[0],
        "end": first[1],
        "min_end": min(e for _, e in spans) if spans else None,
        "spans": len(spans),
    }


def graph_records(quads: Iterable[Quad]) -> dict:
    """The article, entities, roles, statements and speaker/outlet labels of one graph."""
    subj = _by_subject(quads)
    art = dict.fromkeys(("source", "title", "date", "publisher"))
    ents, roles, stmts = {}, [], []
    for s, props in subj.items():
        if KG + "sourcePath" in props:  # the article
            art.update({key: _one(props, p) for key, p in _ARTICLE_FIELDS if props.get(p)})
        if KG + "entityKey" in props:
            ents[s] = _entity(props)
        if KG + "roleTitle" in props:  # a kg:RoleAssignment
            roles += _roles(props)
        if KG + "cue" in props and props.get(SDO + "text"):  # a kg:Statement
            stmts.append(_statement(s, props, subj))
    named = {x for st in stmts for x in (st["speaker"], *st["co_speakers"], st["reporter"]) if x}
    labels = sorted((e, o.value) for e in named for o in subj.get(e, {}).get(RDFS_LABEL, ()))
    return {"article": art, "entities": ents, "roles": roles, "statements": stmts, "labels": labels}
