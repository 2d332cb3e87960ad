"""Who said what: statements selected through the store's index, ranked by text, read back
from the store by IRI.

`search` takes a `Filters` (speakers, topic entities, outlets, stances, cue, dates,
articles: sets of IRIs and values, never query text; see `kgraph.query.filters`) and,
with a `text`, ranks the statements by BM25 over their analysed text (SQLite FTS5, see
`kgraph.query.ranking` for the score and its threshold).

The chosen statements are then read back by IRI from the index, which holds what each
statement's own article graph says (evidence spans beyond the first are read from that
graph by quad pattern). `find_quotes` is the simple entry for `kgraph
quotes`: names resolved by `kgraph.query.resolve.Resolver`. How a quote is shown is
`kgraph.query.render` (re-exported here: `format_quote`, `quote_record`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..errors import NotFoundError
from ..graph.index import fts_query, name_key
from ..graph.store import GraphStore
from ..graph.terms import KG, NIF
from .filters import Filters, where_sql
from .ranking import THRESHOLD, Hit, rank, select_hits
from .render import format_quote, quote_record
from .resolve import Entity, Match, Resolver, name_tier

__all__ = [
    "Quote",
    "Entity",
    "Filters",
    "Speakers",
    "where_sql",
    "find_quotes",
    "resolve_name",
    "resolve_speakers",
    "search",
    "fetch",
    "name_key",
    "format_quote",
    "quote_record",
    "STANCE_LABELS",
    "THRESHOLD",
    "rank",
    "Hit",
    "topic_entities",
]

STANCE_LABELS = {
    str(KG.Asserts): "asserts",
    str(KG.Denies): "denies",
    str(KG.NeitherConfirmsNorDenies): "neither confirms nor denies",
}
_KIND_LABELS = {str(KG.Direct): "direct", str(KG.Indirect): "indirect"}

# -- reading statements back ------------------------------------------------------------
_EVIDENCE, _BEGIN, _END = str(KG.evidence), str(NIF.beginIndex), str(NIF.endIndex)


@dataclass(frozen=True)
class Quote:
    """One statement as stored, with what is needed to cite it."""

    iri: str
    text: str
    cue: str
    kind: str  # "direct" | "indirect"
    stance: str  # "asserts" | "denies" | "neither confirms nor denies"
    speaker: str | None  # entity IRI
    speaker_label: str | None
    speaker_text: str | None  # the words naming the speaker in the article
    reported_by: str | None
    reported_by_label: str | None
    about: tuple[str, ...]
    article: str
    source: str | None
    title: str | None
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = field(default=())
    date: str | None = None
    publisher: str | None = None
    score: float | None = None  # text-match score, when ranked
    matched_as: str | None = None  # how the asked-for speaker found this one ("description: spokesman of Navy")

    @property
    def who(self) -> str:
        """The speaker as shown: the entity's label, else the words of the text, else '(unknown)'."""
        if self.speaker_label:
            return self.speaker_label
        if self.speaker_text:
            return f'"{self.speaker_text}" (unresolved)'
        return "(unknown speaker)"


def fetch(store: GraphStore, rows: Sequence[tuple[str, str]], resolver: Resolver) -> list[Quote]:
    """The quotes of (statement IRI, graph IRI) pairs, in that order, from the store's index
    (`stmts`, `about`, `graphs`: what the statement's own article graph says, kept in step
    with it); the evidence spans of a statement with more than one read from its graph. A
    statement the index no longer holds (its graph rewritten meanwhile) is skipped."""
    found: dict[tuple[str, str], tuple] = {}
    about: dict[int, list[str]] = {}
    iris = sorted({iri for iri, _ in rows})
    for r in store.index.rows_in(_DETAIL, iris):
        found[r[1], r[2]] = r  # by (statement, graph)
    for sid, entity in store.index.rows_in(_ABOUT, iris):
        about.setdefault(sid, []).append(entity)
    out = []
    for key in rows:
        r = found.get(tuple(key))
        if r is not None and r[_BEGIN_AT] is not None:  # a statement with a span
            out.append(_quote(store, r, sorted(about.get(r[0], ())), resolver))
    return out


_DETAIL = (
    "SELECT s.sid, s.iri, g.iri, s.text, s.cue, s.kind, s.stance, s.speaker, s.speaker_text, s.reporter, "
    's.begin, s."end", s.spans, g.source, g.title, g.date, g.publisher '
    "FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE s.iri IN ({0})"
)
_BEGIN_AT = 10  # where s.begin is in a _DETAIL row
_ABOUT = "SELECT DISTINCT a.sid, a.entity FROM about a JOIN stmts s ON s.sid = a.sid WHERE s.iri IN ({0})"


def _quote(store: GraphStore, r: tuple, about: list[str], resolver: Resolver) -> Quote:
    _sid, iri, graph, text, cue, kind, stance, speaker, speaker_text, reporter, begin, end, n_spans, *art = r
    source, title, date, publisher = art
    spans = ((begin, end),) if n_spans == 1 else _spans(store, iri, graph) or ((begin, end),)
    return Quote(
        iri=iri,
        text=text,
        cue=cue,
        kind=_KIND_LABELS.get(kind, "indirect"),
        stance=STANCE_LABELS.get(stance, "asserts"),
        speaker=speaker,
        speaker_label=resolver.label(speaker),
        speaker_text=speaker_text,
        reported_by=reporter,
        reported_by_label=resolver.label(reporter),
        about=tuple(about),
        article=graph,  # an article's node and its named graph have one IRI
        source=source,
        title=title,
        start=spans[0][0],
        end=spans[0][1],
        spans=spans,
        date=date,
        publisher=publisher,
    )


def _spans(store: GraphStore, iri: str, graph: str) -> tuple[tuple[int, int], ...]:
    """The evidence spans of a statement, sorted, read from its article graph by pattern."""
    spans = set()
    for node in store.properties(iri, graph).get(_EVIDENCE, ()):
        sp = store.properties(node, graph)
        if sp.get(_BEGIN) and sp.get(_END):
            spans.add((int(min(sp[_BEGIN])), int(min(sp[_END]))))
    return tuple(sorted(spans))


# -- speakers ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Speakers:
    """What a user's name or description of a speaker selects: entities (each with how it
    was found) and statements whose speaker words match though no entity does."""

    name: str
    matches: tuple[Match, ...]
    iris: frozenset[str]  # the matched entities and those affiliated with them
    how: dict = field(default_factory=dict, compare=False, hash=False)  # iri -> how
    statements: frozenset[int] = frozenset()  # index rowids
    described: bool = False  # `statements` are those whose speaker words match a description

    @property
    def empty(self) -> bool:
        return not self.iris and not self.statements

    def how_of(self, idx, speaker: str | None, sid: int | None) -> str | None:
        """How the statement `sid` by `speaker` answers: its speaker's match, "described as
        NAME" for a speaker of a statement the description's words found, "speaker words
        match NAME" for an unresolved speaker."""
        if speaker is None:
            return f"speaker words match {self.name!r}"
        if speaker in self.how:
            return self.how[speaker]
        if self.described and (sid in self.statements or self._speaks_in(idx, speaker)):
            return f"described as {self.name!r}"
        return None

    def _speaks_in(self, idx, speaker: str) -> bool:
        return any(sid in self.statements for (sid,) in idx.rows("SELECT sid FROM stmts WHERE speaker = ?", (speaker,)))


def resolve_speakers(resolver: Resolver, name: str, *, what: str = "speaker") -> Speakers:
    """The speakers `name` designates; NotFoundError when neither an entity nor any
    statement's speaker words match."""
    matches = resolver.by_name(name)
    by_description = not matches
    if by_description:
        matches = resolver.by_description(name)
    how = {m.iri: m.how for m in matches}
    iris = set(how)
    if not by_description:
        for a in resolver.affiliates(iris) - iris:
            how[a] = f"affiliated with {', '.join(m.label for m in matches)}"
            iris.add(a)
    sids = _by_speaker_words(resolver.idx, name, by_description)
    if not iris and not sids:
        raise NotFoundError(resolver.unknown(name, what))
    return Speakers(name, tuple(matches), frozenset(iris), how, frozenset(sids), described=by_description)


def _by_speaker_words(idx, name: str, by_description: bool) -> set[int]:
    """The statements whose speaker words (or the speaker's names and roles in that article)
    match `name`: for a description all of them (read by row id only: a filter that also
    keeps the matched entities' own statements), for a name those with an unresolved
    speaker of that name."""
    q = fts_query(idx.terms(name), "AND", column="speaker")
    if not q:
        return set()
    if by_description:
        return {sid for (sid,) in idx.rows("SELECT rowid FROM stmt_fts WHERE stmt_fts MATCH ? LIMIT 5000", (q,))}
    key = name_key(name)
    rows = idx.rows(_UNRESOLVED, (q,))
    return {sid for sid, words in rows if words and name_tier(key, name_key(words)) in (1, 2, 4)}


# For a name, only statements whose speaker no entity is are wanted: that is looked up in the
# speaker index (an entry of NULL and the row id), not in each matching statement's row (a
# name every statement of a much quoted person holds: 5 us a row)
_UNRESOLVED = (
    "SELECT s.sid, s.speaker_text FROM stmts s WHERE s.sid IN (SELECT f.rowid FROM stmt_fts f WHERE stmt_fts MATCH ? "
    "AND EXISTS (SELECT 1 FROM stmts x INDEXED BY stmts_speaker WHERE x.speaker IS NULL AND x.sid = f.rowid) LIMIT 5000)"
)


def resolve_name(store: GraphStore, name: str, *, what: str = "entity") -> list[Entity]:
    """The entities a user's name for something refers to (best matches only)."""
    return [m.entity for m in Resolver(store).resolve(name, what=what)]


# -- searching ---------------------------------------------------------------------------
def search(
    store: GraphStore,
    f: Filters,
    *,
    text: str | None = None,
    topic_entities: Iterable[str] = (),
    use_topics: bool = True,
    limit: int | None = None,
    keep_near_best: float | None = None,
    resolver: Resolver | None = None,
) -> list[Quote]:
    """The statements passing `f` (ranked by `text` when given), read from the store."""
    resolver = resolver or Resolver(store)
    if text is None and not topic_entities:
        hits = select_hits(store.index, f, limit)
    else:
        hits = rank(
            store.index,
            f,
            text or "",
            topic_entities=topic_entities,
            use_topics=use_topics,
            keep_near_best=keep_near_best,
        )[: limit or None]
    quotes = fetch(store, [(h.iri, h.graph) for h in hits], resolver)
    scores = {h.iri: h.score for h in hits}
    sids = {h.iri: h.sid for h in hits}
    out = []
    for q in quotes:
        matched = f.speakers.how_of(store.index, q.speaker, sids.get(q.iri)) if f.speakers is not None else None
        out.append(replace(q, score=scores.get(q.iri), matched_as=matched))
    return out


def find_quotes(
    store: GraphStore,
    *,
    speaker: str | None = None,
    about: str | None = None,
    outlet: str | None = None,
    stances: Sequence[str] = (),
    cue: str | None = None,
    limit: int | None = None,
) -> list[Quote]:
    """Statements in the store, filtered by the names of their speaker, topic or relaying outlet
    (resolved with `kgraph.query.resolve`), stance IRIs and a cue substring.

    A speaker name also matches statements whose speaker the extractor could not resolve
    but whose speaker words carry the name; a speaker description ("the navy spokesman")
    matches through roles, affiliations and aliases. A topic that names an entity selects
    the statements about it (and what is affiliated with it); one that names none ranks the
    statements by their text.
    """
    r = Resolver(store)
    spk = resolve_speakers(r, speaker) if speaker is not None else None
    outlets = None
    if outlet is not None:
        ms = r.resolve(outlet, what="source")
        outlets = frozenset(m.iri for m in ms) | frozenset(r.affiliates(m.iri for m in ms))
    f = Filters(speakers=spk, outlets=outlets, stances=tuple(stances), cue=cue.lower() if cue else None)
    if about is None:
        return search(store, f, limit=limit, resolver=r)
    ents = topic_entities(r, about)
    if ents:
        return search(store, replace(f, about=ents), limit=limit, resolver=r)
    found = search(store, f, text=about, limit=limit, resolver=r)
    if not found:
        raise NotFoundError(r.unknown(about, "topic") + "; no statement's text matches it either")
    return found


def topic_entities(r: Resolver, topic: str) -> frozenset[str]:
    """The entities a topic names (by name only, no descriptions) and those affiliated with them."""
    ms = r.by_name(topic, tiers=3)
    iris = {m.iri for m in ms}
    return frozenset(iris | r.affiliates(iris))
