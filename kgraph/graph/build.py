"""Turning an article and its extraction records into the quads of its named graph.

Every IRI is derived from content (article id, entity key, character offsets), never
random, so the same input gives the same graph and byte-identical exports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from ..extract.gazetteer import load_gazetteer
from ..extract.records import Entity, Event, Extraction, Span, Statement
from ..read.article import Article
from ..slug import key_identity
from .terms import ID, KG, NIF, SEM, WD, entity_class, event_class

__all__ = [
    "article_iri",
    "entity_iri",
    "article_quads",
    "iter_article_quads",
    "content_hash",
    "content_hash_quad",
    "graph_iri",
    "input_content_hash",
]

_STANCE = {"asserts": KG.Asserts, "denies": KG.Denies, "neither": KG.NeitherConfirmsNorDenies}
_KIND = {"direct": KG.Direct, "indirect": KG.Indirect}
_EVENT_ATTRIBUTES = {"status": KG.status, "addressee": KG.addressee, "demand": KG.demand, "object": KG.objectText}


@lru_cache(maxsize=4096)
def _n(iri: str) -> NamedNode:
    return NamedNode(str(iri))


def article_iri(article_id: str) -> str:
    """The IRI of an article (and of its named graph) from its id, which comes from the
    article's identity (path, URL or JSONL id), never its text: a changed text keeps it."""
    return f"{ID}article/{article_id}"


def content_hash(article: Article, pipeline: str) -> str:
    """SHA-256 (hex) of everything the article's graph is built from: the pipeline version
    (`pipeline`: kgraph, model, ontology data), its identity, and the input it was read
    from (`article.input_hash`), else its text and metadata.

    The source as written is left out: the same file named by another path (`./a.txt`,
    its absolute path) is the same article, unchanged, and keeps its graph."""
    if article.input_hash:
        return input_content_hash(pipeline, article.identity, article.input_hash)
    return _sha256(
        pipeline,
        article.identity,
        article.text,
        article.title,
        article.url,
        article.published,
        article.publisher,
        article.body_start,
    )


def input_content_hash(pipeline: str, identity: str, input_hash: str) -> str:
    """The content hash of an article known by the hash of its input, before it is parsed."""
    return _sha256(pipeline, identity, "input", input_hash)


def _sha256(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = ("\x00" if part is None else str(part)).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def content_hash_quad(article: Article, digest: str) -> Quad:
    """The kg:contentHash quad of the article node, in the article's graph."""
    node = _n(article_iri(article.id))
    return Quad(node, _n(KG.contentHash), Literal(digest), node)


graph_iri = article_iri  # an article's named graph has the article's IRI


@lru_cache(maxsize=65536)
def entity_iri(key: str) -> str:
    """IRI of an entity key: "wd:Q212" -> .../entity/Q212, "person:andrii kovalenko" -> .../entity/person/andrii-kovalenko."""
    if key.startswith("wd:"):
        return f"{ID}entity/{key[3:]}"
    return f"{ID}entity/{key_identity(key)}"


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


class _Builder:
    def __init__(self, article: Article):
        self.article = article
        self.a = _n(article_iri(article.id))
        self.g = self.a
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        if isinstance(o, (str, int, float)) and not isinstance(o, NamedNode):
            o = (
                Literal(o)
                if isinstance(o, str)
                else Literal(str(o), datatype=_n(XSD.integer if isinstance(o, int) else XSD.decimal))
            )
        self.quads.append(Quad(s if isinstance(s, NamedNode) else _n(s), _n(p), o, self.g))

    def span(self, sp: Span) -> NamedNode:
        node = _n(f"{self.a.value}/span/{sp.start}-{sp.end}")
        self.add(node, RDF.type, _n(KG.TextSpan))
        self.add(node, NIF.beginIndex, Literal(str(sp.start), datatype=_n(XSD.integer)))
        self.add(node, NIF.endIndex, Literal(str(sp.end), datatype=_n(XSD.integer)))
        self.add(node, NIF.anchorOf, sp.text)
        self.add(node, NIF.referenceContext, self.a)
        return node


def _article_meta(b: _Builder) -> None:
    art = b.article
    b.add(b.a, RDF.type, _n(KG.Article))
    b.add(b.a, RDF.type, _n(SDO.NewsArticle))
    b.add(b.a, RDF.type, _n(NIF.Context))
    b.add(b.a, NIF.isString, art.text)
    b.add(b.a, KG.sourcePath, art.source)
    if art.title:
        b.add(b.a, SDO.headline, art.title)
    if art.url:
        b.add(b.a, SDO.url, Literal(art.url, datatype=_n(XSD.anyURI)))
    if art.published:
        b.add(b.a, SDO.datePublished, Literal(art.published, datatype=_n(XSD.date)))
    if art.publisher:
        b.add(b.a, KG.publisherName, art.publisher)
    if art.author:
        b.add(b.a, KG.authorName, art.author)
    if art.language:
        b.add(b.a, SDO.inLanguage, art.language)


def _entity(b: _Builder, e: Entity, ex: Extraction) -> None:
    node = _n(entity_iri(e.key))
    b.add(node, RDF.type, _n(entity_class(e.type)))
    b.add(node, RDFS.label, e.label)
    b.add(node, KG.entityKey, e.key)
    for alias in e.aliases:
        b.add(node, SKOS.altLabel, alias)
    if e.wikidata:
        b.add(node, OWL.sameAs, _n(WD[e.wikidata]))
    if e.country and e.country != e.key:
        b.add(node, KG.affiliatedWith, _n(entity_iri(e.country)))


def _statement_iri(b: _Builder, st: Statement) -> NamedNode:
    return _n(f"{b.a.value}/statement/{st.span.start}-{st.span.end}")


def _statement(b: _Builder, st: Statement, ex: Extraction) -> None:
    all_st = ex.statements
    node = _statement_iri(b, st)
    b.add(node, RDF.type, _n(KG.Statement))
    b.add(node, RDF.type, _n(SDO.Quotation if st.kind == "direct" else SDO.Claim))
    b.add(node, SDO.text, st.text)
    b.add(node, KG.cue, st.cue)
    b.add(node, KG.kind, _n(_KIND.get(st.kind, KG.Indirect)))
    b.add(node, KG.stance, _n(_STANCE.get(st.stance, KG.Asserts)))
    b.add(node, KG.article, b.a)
    b.add(node, PROV.wasDerivedFrom, b.a)
    if st.speaker:
        b.add(node, PROV.wasAttributedTo, _n(entity_iri(st.speaker)))
        if st.co_speakers:
            b.add(node, KG.firstSpeaker, _n(entity_iri(st.speaker)))
    for key in st.co_speakers:  # "A and B said": each is a speaker of the statement
        b.add(node, PROV.wasAttributedTo, _n(entity_iri(key)))
    if st.speaker_span is not None:
        b.add(node, KG.speakerText, st.speaker_span.text)
    if st.reported_by:
        b.add(node, KG.reportedBy, _n(entity_iri(st.reported_by)))
    for key in st.about:
        b.add(node, KG.about, _n(entity_iri(key)))
    if st.denies is not None and 0 <= st.denies < len(all_st):
        b.add(node, KG.denies, _statement_iri(b, all_st[st.denies]))
    for sp in (st.span, *st.extra_spans):
        b.add(node, KG.evidence, b.span(sp))


def _event(b: _Builder, ev: Event, ex: Extraction) -> None:
    statements = ex.statements
    node = _n(f"{b.a.value}/event/{ev.type.lower()}/{ev.trigger.start}-{ev.trigger.end}")
    b.add(node, RDF.type, _n(event_class(ev.type)))
    b.add(node, RDFS.label, f"{ev.type}: {ev.trigger.text}")
    b.add(node, KG.article, b.a)
    b.add(node, PROV.wasDerivedFrom, b.a)
    b.add(node, KG.evidence, b.span(ev.trigger))
    for key in ev.actors:
        b.add(node, SEM.hasActor, _n(entity_iri(key)))
    for key in ev.targets:
        b.add(node, KG.target, _n(entity_iri(key)))
    _event_details(b, node, ev)
    if ev.quantity is not None:
        _quantity(b, node, ev.quantity)
    for name, value in ev.attributes:
        prop = _EVENT_ATTRIBUTES.get(name)
        if prop is not None and value:
            b.add(node, prop, str(value))
    if ev.statement is not None and 0 <= ev.statement < len(statements):
        b.add(node, KG.claimedIn, _statement_iri(b, statements[ev.statement]))


def _event_details(b: _Builder, node: NamedNode, ev: Event) -> None:
    """Force, place, date and the event's literal attributes, those it has."""
    if ev.force:
        b.add(node, KG.force, _n(entity_iri(ev.force)))
    if ev.place:
        b.add(node, SEM.hasPlace, _n(entity_iri(ev.place)))
    if ev.date:
        b.add(node, KG.date, ev.date)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ev.date):
            b.add(node, SEM.hasTimeStamp, Literal(ev.date, datatype=_n(XSD.date)))
    for prop, value in ((KG.dateText, ev.date_text), (KG.weapon, ev.weapon), (KG.casualties, ev.casualties)):
        if value:
            b.add(node, prop, value)


def _quantity(b: _Builder, node: NamedNode, q) -> None:
    qn = _n(node.value + "/quantity")
    b.add(node, KG.quantity, qn)
    b.add(qn, RDF.type, _n(SDO.QuantitativeValue))
    for prop, val in ((SDO.value, q.value), (SDO.minValue, q.min_value), (SDO.maxValue, q.max_value)):
        if val is not None:
            b.add(qn, prop, int(val) if float(val).is_integer() else float(val))
    if q.qualifier:
        b.add(qn, KG.qualifier, q.qualifier)
    if q.text:
        b.add(qn, RDFS.label, q.text)


def _mention(b: _Builder, m, ex: Extraction) -> None:
    node = b.span(m.span)
    b.add(node, RDF.type, _n(KG.Mention))
    b.add(node, KG.mentionOf, _n(entity_iri(m.key)))
    b.add(node, KG.sentenceIndex, m.sent)


def _role(b: _Builder, r, ex: Extraction) -> None:
    node = _n(f"{b.a.value}/role/{_h(r.person, r.role.lower(), r.of)}")
    b.add(node, RDF.type, _n(KG.RoleAssignment))
    b.add(node, RDF.type, _n(ORG.Membership))
    b.add(node, ORG.member, _n(entity_iri(r.person)))
    if r.of:
        b.add(node, ORG.organization, _n(entity_iri(r.of)))
    b.add(node, KG.roleTitle, r.role)
    b.add(node, PROV.wasDerivedFrom, b.a)
    b.add(node, KG.evidence, b.span(r.evidence))


def _implied_entities(ex: Extraction) -> list[Entity]:
    """Entities that records refer to but the entity extractor did not list: a country's
    forces named only as "troops" ("force:wd:Q184") get a node of their own."""
    known = {e.key for e in ex.entities}
    labels = {e.key: e.label for e in ex.entities}
    refs = set()
    for ev in ex.events:
        refs.update(ev.actors, ev.targets, [ev.force, ev.place])
    for st in ex.statements:
        refs.update([st.speaker, st.reported_by], st.about, st.co_speakers)
    out = []
    for key in sorted(k for k in refs if k and k not in known):
        if key.startswith("force:"):
            country = key[len("force:") :]
            label = labels.get(country) or _gaz_label(country)
            if label:
                out.append(Entity(key, f"{label} forces", "MilitaryForce", (), None, country))
        else:
            label = _gaz_label(key)
            entry = _gaz_entry(key)
            if entry is not None:
                out.append(Entity(key, label, entry.type, (), entry.wikidata, entry.country))
    return out


def _gaz_entry(key: str):
    return load_gazetteer().by_key.get(key)


def _gaz_label(key: str) -> str | None:
    entry = _gaz_entry(key)
    return entry.label if entry is not None else None


def iter_article_quads(article: Article, ex: Extraction, chunk: int = 20_000) -> Iterator[list[Quad]]:
    """The quads of one article's graph in lists of about `chunk`, as they are made
    (unsorted, a quad may come twice): a long article's graph can be written piece by
    piece without ever being held whole."""
    b = _Builder(article)
    _article_meta(b)
    parts = (
        ((_entity, e) for e in (*ex.entities, *_implied_entities(ex))),
        ((_mention, m) for m in ex.mentions),
        ((_role, r) for r in ex.roles),
        ((_statement, st) for st in ex.statements),
        ((_event, ev) for ev in ex.events),
    )
    for part in parts:
        for fn, record in part:
            fn(b, record, ex)
            if len(b.quads) >= chunk:
                yield b.quads
                b.quads = []
    if b.quads:
        yield b.quads


def article_quads(article: Article, ex: Extraction) -> list[Quad]:
    """All quads of one article's named graph, sorted for deterministic output."""
    return sorted({q for piece in iter_article_quads(article, ex) for q in piece}, key=str)
