"""The closed vocabularies kgraph writes: our own (KG) and two that rdflib lacks (NIF, SEM).

As rdflib does for PROV-O, each is a `DefinedNamespace`: a misspelt term raises
AttributeError instead of minting a new IRI. `ontology/kgraph.ttl` declares every KG
term; a test checks the two agree. The entity and event classes the builder writes come
from the closed tables of `kgraph.vocab` (`entity_class`, `event_class`).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ..vocab import check_entity_type, check_event_type, entity_types, event_types

__all__ = [
    "KG",
    "NIF",
    "SEM",
    "BASE",
    "ID",
    "WD",
    "PREFIXES",
    "entity_class",
    "entity_classes",
    "event_class",
    "event_classes",
]

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
    Speaker: URIRef
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
    firstSpeaker: URIRef
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
    authorName: URIRef
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


def entity_class(name: str) -> URIRef:
    """The class IRI of an entity type of `ontology/entity_types.tsv`; VocabularyError for any other."""
    return URIRef(str(KG._NS) + check_entity_type(name))


def event_class(name: str) -> URIRef:
    """The class IRI of an event type of `ontology/event_types.tsv`; VocabularyError for any other."""
    return URIRef(str(KG._NS) + check_event_type(name))


def entity_classes() -> dict[str, URIRef]:
    """Every entity type -> its class IRI, in table order."""
    return {t: entity_class(t) for t in entity_types()}


def event_classes() -> dict[str, URIRef]:
    """Every event type -> its class IRI, in table order."""
    return {t: event_class(t) for t in event_types()}


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
