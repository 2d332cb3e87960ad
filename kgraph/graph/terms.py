"""The closed vocabularies kgraph writes: our own (KG) and two that rdflib lacks (NIF, SEM).

As rdflib does for PROV-O, each is a `DefinedNamespace`: a misspelt term raises
AttributeError instead of minting a new IRI. `ontology/kgraph.ttl` declares every KG
term; a test checks the two agree.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "NIF", "SEM", "BASE", "ID", "WD", "EVENT_CLASSES", "ENTITY_CLASSES", "PREFIXES"]

BASE = "https://w3id.org/kgraph/"
ID = Namespace(BASE + "id/")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """kgraph's ontology (ontology/kgraph.ttl)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes: sources and provenance
    Article: URIRef
    TextSpan: URIRef
    Mention: URIRef
    # classes: things in the world
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Location: URIRef
    MilitaryForce: URIRef
    Group: URIRef
    RoleAssignment: URIRef
    # classes: who said what
    Statement: URIRef
    StatementKind: URIRef
    Stance: URIRef
    Direct: URIRef
    Indirect: URIRef
    Asserts: URIRef
    Denies: URIRef
    NeitherConfirmsNorDenies: URIRef
    # classes: events (mapped to ACLED and PLOVER in ontology/event_types.tsv)
    ConflictEvent: URIRef
    Deployment: URIRef
    Attack: URIRef
    ArmedClash: URIRef
    Shelling: URIRef
    AirStrike: URIRef
    Incursion: URIRef
    Offensive: URIRef
    Advance: URIRef
    Seizure: URIRef
    Recapture: URIRef
    Withdrawal: URIRef
    Meeting: URIRef
    Alliance: URIRef
    Appeal: URIRef
    # properties
    article: URIRef
    evidence: URIRef
    mentionOf: URIRef
    entityKey: URIRef
    affiliatedWith: URIRef
    roleTitle: URIRef
    cue: URIRef
    kind: URIRef
    stance: URIRef
    reportedBy: URIRef
    about: URIRef
    denies: URIRef
    speakerText: URIRef
    force: URIRef
    target: URIRef
    quantity: URIRef
    qualifier: URIRef
    weapon: URIRef
    casualties: URIRef
    dateText: URIRef
    date: URIRef
    claimedIn: URIRef
    status: URIRef
    addressee: URIRef
    demand: URIRef
    objectText: URIRef
    sourcePath: URIRef
    contentHash: URIRef
    publisherName: URIRef
    sentenceIndex: URIRef


class NIF(DefinedNamespace):
    """The terms of NIF 2.0 core that kgraph uses for character spans."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    isString: URIRef
    Context: URIRef
    String: URIRef


class SEM(DefinedNamespace):
    """The terms of the Simple Event Model that kgraph uses."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    accordingTo: URIRef


ENTITY_CLASSES = {t: KG[t] for t in ("Person", "Country", "Organization", "Location", "MilitaryForce", "Group")}
EVENT_CLASSES = {t: KG[t] for t in ("Deployment", "Attack", "ArmedClash", "Shelling", "AirStrike", "Incursion",
                                    "Offensive", "Advance", "Seizure", "Recapture", "Withdrawal", "Meeting",
                                    "Alliance", "Appeal")}

PREFIXES = {
    "kg": str(KG._NS),
    "kgid": str(ID),
    "nif": str(NIF._NS),
    "sem": str(SEM._NS),
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WD),
}
