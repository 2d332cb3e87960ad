"""Plain records that leave the extraction stage.

spaCy objects stay inside `kgraph.extract`; what leaves it is these frozen dataclasses
with character offsets into `Article.text`, which the graph builder, the tests and any
worker process can take.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A character span `[start, end)` of the article text and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in the text, before canonicalisation."""

    span: Span
    type: str  # one of kgraph.vocab.entity_types() (ontology/entity_types.tsv)
    sent: int  # index of the sentence in the Doc
    key: str  # canonical key this mention was resolved to (see Entity.key)


@dataclass(frozen=True)
class Entity:
    """One real-world thing, with all the surface forms the article used for it.

    `key` is stable across articles: "wd:Q212" when the gazetteer knows the Wikidata
    ID, else "<type>:<normalised name>".
    """

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None  # key of the country a force/group/organisation belongs to
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Role:
    """A post held by a person: "President" of Ukraine, "official" of the NSDC."""

    person: str  # entity key
    role: str
    of: str | None  # entity key of the country or organisation
    evidence: Span


@dataclass(frozen=True)
class Statement:
    """A quotation or reported claim.

    `speaker` is an entity key (None when the text does not say who). `text` is what
    was said: the words inside the quotation marks, or the reported clause. `spans`
    holds every place the same statement occurs (a lede repeated in the body).
    """

    speaker: str | None
    speaker_span: Span | None
    cue: str
    cue_span: Span | None
    text: str
    span: Span
    kind: str  # "direct" | "indirect"
    stance: str = "asserts"  # "asserts" | "denies" | "neither"
    reported_by: str | None = None  # entity key of the outlet/source relaying it
    about: tuple[str, ...] = ()  # entity keys mentioned in the statement text
    denies: int | None = None  # index (in the article's statement list) of a denied statement
    extra_spans: tuple[Span, ...] = ()
    co_speakers: tuple[str, ...] = ()  # entity keys of others who said it with the speaker ("A and B said")


@dataclass(frozen=True)
class Quantity:
    """A number with its qualifier: "up to 11,000" -> value=11000, qualifier="up to"."""

    value: float | None
    min_value: float | None = None
    max_value: float | None = None
    qualifier: str | None = None  # "up to", "about", "more than", "thousands of", ...
    text: str = ""


@dataclass(frozen=True)
class Event:
    """A conflict event: deployment, attack, territorial change, meeting, alliance, call."""

    type: str  # class name in the ontology, e.g. "Deployment", "Attack", "Meeting"
    trigger: Span
    actors: tuple[str, ...] = ()  # entity keys of those who act
    targets: tuple[str, ...] = ()  # entity keys acted upon / met with
    force: str | None = None  # entity key of the MilitaryForce involved
    place: str | None = None  # entity key of a Location/Country
    date: str | None = None  # ISO date or interval "2024-10-01/2024-10-31"
    date_text: str | None = None
    quantity: Quantity | None = None
    weapon: str | None = None
    casualties: str | None = None
    statement: int | None = None  # index of the statement it comes from
    attributes: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
