"""Conflict events from a spaCy Doc: deployments, attacks, territory, meetings, alliances, appeals.

`extract_events(doc, ents, statements, article)` is a pure function over a Doc that has
been through `load_pipeline()`; it returns `Event` records ordered by trigger offset.
The trigger words, weapon classes, quantity qualifiers and the words for casualties,
plans and anaphoric places are data in the lexicon's `events.tsv` (`ontology/lexicon/en/`),
the prepositions and pronouns the rules test in `words.tsv` and `pronouns.tsv`; the event
types are the rows of `ontology/event_types.tsv`. The rules are general syntax, run as the
ordered passes of `PASSES` over one `DocIndex`:

- a trigger is a verb or noun lemma of the lexicon (a verb phrase "call on", "take back"
  is the verb and its particle or preposition; a noun phrase "drone strike" is the noun
  and its compound);
- the actor of a verb is its subject, or the agent of a passive; a verb without a
  subject takes it from the verb it depends on ("accused Russia of deploying" -> Russia,
  "urge the West to bolster" -> the West, "efforts to retake" -> whose efforts);
- the actor of a noun is its possessor ("its incursion", resolved to the nearest fitting
  entity before it), a country adjective ("Russian assaults"), a "by" phrase, or the
  subject of the verb that governs it ("launching assaults", "made advances");
- places are entities reached through locative prepositions from the trigger or the
  words it depends on; "the region" / "the area" refer to the nearest place named in the
  paragraph (before it, else after it), else the last one named before;
- a bare "troops"/"soldiers" deployed with no nationality is the country's force when
  a country deploys it, else the force named last in the paragraph;
- a quantity counts the noun right after it ("over 200 artillery attacks"); a
  weapon word among a trigger's modifiers or "with"/"using" phrase refines an attack
  to its ACLED class (artillery -> Shelling, drones -> AirStrike);
- dates come from the trigger's phrase or the time adjuncts of its verb, resolved
  against the publication date, forwards for planned events ("is set to meet ... next
  week");
- deployments of one force in one article are one record (largest quantity, a place);
  repeated events (a lede repeated in the body) are one record; alliances between the
  same parties are one record;
- an event whose trigger lies inside a statement's span points to that statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...vocab import event_types
from ..doc_index import DocIndex
from ..entities import EntityResult
from ..records import Event, Span, Statement
from .build import build_draft
from .context import EventContext
from .draft import Draft
from .lexicon import EventLexicon, load_event_lexicon
from .merge import mark_demanded, merge_events, share_coordinated
from .timing import statement_index
from .triggers import match_trigger

__all__ = ["EVENT_TYPES", "PASSES", "EventLexicon", "extract_events", "load_event_lexicon"]

EVENT_TYPES = event_types()  # the classes of ontology/event_types.tsv when the package was imported


@dataclass
class EventRun:
    """What the passes of one article share: the context, the drafts, the records."""

    ctx: EventContext
    drafts: list[Draft] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def draft_events(run: EventRun) -> None:
    """A draft for every token that heads a lexicon trigger and has the arguments to make an event."""
    ctx = run.ctx
    doc, cols, verbs, nouns = ctx.doc, ctx.index.columns, ctx.lex.verbs, ctx.lex.nouns
    # a trigger is keyed by a token's lemma or its lower-case form (or a hyphenated noun's last part)
    heads = [
        i
        for i, (low, lemma) in enumerate(zip(cols.lower, cols.lemma))
        if lemma in verbs or low in verbs or lemma in nouns or low in nouns or "-" in low
    ]
    for i in heads:
        tok = doc[i]
        if tok.i in ctx.quantity_tokens and tok.pos_ == "NUM":
            continue
        m = match_trigger(tok, ctx)
        if m is None:
            continue
        trig, start = m
        d = build_draft(tok, trig, start, ctx)
        if d is not None:
            run.drafts.append(d)


def share_arguments(run: EventRun) -> None:
    """Events coordinated under one verb share the place, date and actors one of them states."""
    share_coordinated(run.drafts)


def mark_demands(run: EventRun) -> None:
    """Events inside what an appeal asks for are demanded, not reported."""
    mark_demanded(run.drafts)


def to_records(run: EventRun) -> None:
    """`Event` records of the drafts, with their trigger spans and statements."""
    ctx = run.ctx
    for d in run.drafts:
        t0 = ctx.doc[d.trigger.i - d.words + 1] if d.words > 1 else d.trigger
        end = d.trigger.idx + len(d.trigger.text)
        span = Span(t0.idx, end, ctx.text[t0.idx : end])
        run.events.append(
            Event(
                type=d.type,
                trigger=span,
                actors=tuple(d.actors or ()),
                targets=tuple(d.targets or ()),
                force=d.force,
                place=d.place,
                date=d.date.value if d.date else None,
                date_text=d.date.text if d.date else None,
                quantity=d.quantity,
                weapon=d.weapon,
                casualties=d.casualties,
                statement=statement_index(span.start, ctx.statements),
                attributes=tuple(d.attributes or ()),
            )
        )


def merge_records(run: EventRun) -> None:
    """One deployment per force, one alliance per set of parties, one record per repeated event."""
    run.events = merge_events(run.events, run.ctx.etype)


PASSES: list[Callable[[EventRun], None]] = [draft_events, share_arguments, mark_demands, to_records, merge_records]


def extract_events(
    doc: Doc, ents: EntityResult, statements: Sequence[Statement], article, index: DocIndex | None = None
) -> list[Event]:
    """Conflict events of one article, ordered by trigger offset.

    `index` is the article's `DocIndex` when the caller has one (built here otherwise).
    """
    if index is None or index.doc is not doc:
        index = DocIndex(doc)
    if index.ents is not ents:
        index.add_entities(ents)
    run = EventRun(EventContext(index, statements or (), getattr(article, "published", None)))
    for step in PASSES:
        step(run)
    return run.events
