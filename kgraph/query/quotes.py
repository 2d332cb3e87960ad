"""Who said what: statements selected through the store's index, ranked by text, read back
from the store by IRI.

`search` takes a `Filters` (speakers, topic entities, outlets, stances, cue, dates,
articles: sets of IRIs and values, never query text) and, with a `text`, ranks the
statements by BM25 over their analysed text (SQLite FTS5, see kgraph/graph/index.py):

- `match`: the share of the text's terms (each weighted by its inverse document
  frequency) the statement holds: in its text, and for a topic also in the names of the
  entities it is about;
- a statement about (`kg:about`) an entity the topic names counts as a match (the link
  is a boost of 0.25 on the score);
- below the threshold (half of the weighted terms) nothing is returned: "nothing found"
  rather than noise.

The chosen statements are then read from the store by IRI with parameterised SPARQL
(`?s` and `?g` bound by substitution). `find_quotes` is the simple entry for `kgraph
quotes`: names resolved by `kgraph.query.resolve.Resolver`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pyoxigraph import NamedNode

from ..errors import NotFoundError
from ..graph.index import fts_query, name_key
from ..graph.store import GraphStore
from ..graph.terms import KG
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
]

STANCE_LABELS = {
    str(KG.Asserts): "asserts",
    str(KG.Denies): "denies",
    str(KG.NeitherConfirmsNorDenies): "neither confirms nor denies",
}
_KIND_LABELS = {str(KG.Direct): "direct", str(KG.Indirect): "indirect"}
THRESHOLD = 0.5  # the least share of a text's weighted terms a statement must hold
LINK_BOOST = 0.25

# -- reading statements back from the store ----------------------------------------------
_DETAIL = """SELECT ?s ?g ?text ?cue ?kind ?stance ?art ?src ?title ?date ?pub ?speaker ?spk ?rep ?topic ?b ?en
WHERE { GRAPH ?g {
  ?s schema:text ?text ; kg:cue ?cue ; kg:kind ?kind ; kg:stance ?stance ; kg:article ?art ; kg:evidence ?sp .
  ?sp nif:beginIndex ?b ; nif:endIndex ?en .
  OPTIONAL { ?art kg:sourcePath ?src } OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?art schema:datePublished ?date } OPTIONAL { ?art kg:publisherName ?pub }
  OPTIONAL { ?s prov:wasAttributedTo ?speaker } OPTIONAL { ?s kg:speakerText ?spk }
  OPTIONAL { ?s kg:reportedBy ?rep } OPTIONAL { ?s kg:about ?topic }
} }"""


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
    """The quotes of (statement IRI, graph IRI) pairs, in that order."""
    out = []
    for iri, graph in rows:
        spans: list[tuple[int, int]] = []
        about: list[str] = []
        first = None
        for r in store.select(_DETAIL, {"s": NamedNode(iri), "g": NamedNode(graph)}, union=False):
            first = first or r
            span = (int(r["b"]), int(r["en"]))
            if span not in spans:
                spans.append(span)
            if "topic" in r and r["topic"] not in about:
                about.append(r["topic"])
        if first is None:  # the index is ahead of the store (a graph being rewritten): skip it
            continue
        r, spans = first, sorted(spans)
        out.append(
            Quote(
                iri=iri,
                text=r["text"],
                cue=r["cue"],
                kind=_KIND_LABELS.get(r["kind"], "indirect"),
                stance=STANCE_LABELS.get(r["stance"], "asserts"),
                speaker=r.get("speaker"),
                speaker_label=resolver.label(r.get("speaker")),
                speaker_text=r.get("spk"),
                reported_by=r.get("rep"),
                reported_by_label=resolver.label(r.get("rep")),
                about=tuple(sorted(about)),
                article=r["art"],
                source=r.get("src"),
                title=r.get("title"),
                start=spans[0][0],
                end=spans[0][1],
                spans=tuple(spans),
                date=r.get("date"),
                publisher=r.get("pub"),
            )
        )
    return out


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

    @property
    def empty(self) -> bool:
        return not self.iris and not self.statements


def resolve_speakers(resolver: Resolver, name: str, *, what: str = "speaker") -> Speakers:
    """The speakers `name` designates; NotFoundError when neither an entity nor any
    statement's speaker words match."""
    idx = resolver.idx
    matches = resolver.by_name(name)
    how = {m.iri: m.how for m in matches}
    by_description = not matches
    if by_description:
        matches = resolver.by_description(name)
        how = {m.iri: m.how for m in matches}
    iris = set(how)
    if not by_description:
        for a in resolver.affiliates(iris) - iris:
            how[a] = f"affiliated with {', '.join(m.label for m in matches)}"
            iris.add(a)
    # statements whose speaker words (or the speaker's names and roles in that article) match
    terms = idx.terms(name)
    sids: set[int] = set()
    q = fts_query(terms, "AND", column="speaker")
    if q:
        key = name_key(name)
        rows = idx.rows(
            "SELECT s.sid, s.speaker, s.speaker_text FROM stmt_fts f JOIN stmts s ON s.sid = f.rowid "
            "WHERE stmt_fts MATCH ? LIMIT 5000",
            (q,),
        )
        for sid, spk, words in rows:
            if spk in iris:
                continue
            if by_description:
                sids.add(sid)
                if spk:
                    how.setdefault(spk, f"described as {name!r}")
            elif spk is None and words and name_tier(key, name_key(words)) in (1, 2, 4):
                sids.add(sid)
    if not iris and not sids:
        raise NotFoundError(resolver.unknown(name, what))
    return Speakers(name, tuple(matches), frozenset(iris), how, frozenset(sids))


def resolve_name(store: GraphStore, name: str, *, what: str = "entity") -> list[Entity]:
    """The entities a user's name for something refers to (best matches only)."""
    return [m.entity for m in Resolver(store).resolve(name, what=what)]


# -- selecting and ranking ---------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """Which statements qualify: every set is of IRIs (or index row ids), never user text."""

    speakers: Speakers | None = None
    outlets: frozenset[str] | None = None  # spoken by or relayed by (kg:reportedBy)
    about: frozenset[str] | None = None  # must be about one of these (kg:about)
    stances: tuple[str, ...] = ()  # stance IRIs
    cue: str | None = None  # a cue substring, lower case
    since: str | None = None  # ISO dates, of the article
    until: str | None = None
    graphs: frozenset[str] | None = None  # article graph IRIs
    denial_cues: tuple[str, ...] = ()  # for "neither" statements: a cue word that is a denial verb


def where_sql(f: Filters) -> tuple[str, list]:
    """The SQL condition on `stmts s JOIN graphs g` for the filters: constant text, `?` values."""
    conds, params = [], []

    def among(col: str, values: Iterable) -> str:
        vals = sorted(values)
        params.extend(vals)
        return f"{col} IN ({', '.join('?' * len(vals))})" if vals else "0"

    if f.speakers is not None:
        parts = []
        if f.speakers.iris:
            parts.append(among("s.speaker", f.speakers.iris))
            # "Senators A and B said": B is a speaker too
            parts.append("s.sid IN (SELECT sid FROM cospk WHERE " + among("entity", f.speakers.iris) + ")")
        if f.speakers.statements:
            parts.append(among("s.sid", f.speakers.statements))
        conds.append("(" + " OR ".join(parts or ["0"]) + ")")
    if f.outlets is not None:
        a = among("s.speaker", f.outlets)
        b = among("s.reporter", f.outlets)
        conds.append(f"({a} OR {b})")
    if f.about is not None:
        conds.append("s.sid IN (SELECT sid FROM about WHERE " + among("entity", f.about) + ")")
    if f.stances:
        conds.append(among("s.stance", f.stances))
    if f.denial_cues:
        cues = " OR ".join("lower(s.cue) LIKE ?" for _ in f.denial_cues)
        params.extend(f"%{c}%" for c in f.denial_cues)
        params.append(str(KG.Denies))
        conds.append(f"({cues} OR s.stance = ?)")
    if f.cue:
        conds.append("lower(s.cue) LIKE ?")
        params.append(f"%{f.cue}%")
    if f.since:
        conds.append("g.date >= ?")
        params.append(f.since)
    if f.until:
        conds.append("g.date <= ?")
        params.append(f.until)
    if f.graphs is not None:
        conds.append(among("g.iri", f.graphs))
    return (" AND ".join(conds) or "1"), params


@dataclass(frozen=True)
class Hit:
    sid: int
    iri: str
    graph: str
    score: float | None = None
    bm25: float = 0.0


def _select(idx, f: Filters, limit: int | None) -> list[Hit]:
    cond, params = where_sql(f)
    sql = (
        "SELECT s.sid, s.iri, g.iri FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE "
        + cond
        + " ORDER BY g.source, s.begin, s.iri"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [Hit(sid, iri, g) for sid, iri, g in idx.rows(sql, tuple(params))]


SELECTIVE = 5000  # a filter leaving at most this many statements is scored here, not by an FTS5 scan


def _bm25(idx, terms: list[str], have: list[str], k1: float = 1.2, b: float = 0.75, avgdl: float = 12.0) -> float:
    """BM25 of a statement's terms (FTS5's formula, negated as FTS5 reports it: lower is
    better), for candidates read by row id; document frequencies from the FTS index."""
    idf = _idf(idx, terms)
    dl = len(have) or 1
    score = 0.0
    for t in terms:
        tf = have.count(t)
        if tf:
            score += idf[t] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))
    return -score


def _idf(idx, terms: list[str]) -> dict[str, float]:
    """BM25's inverse document frequency of each term over the statements' text (cached
    while the index holds the same number of statements)."""
    n = max(idx.statement_count(), 1)
    cache = idx.__dict__.setdefault("_idf_cache", {})
    key = (tuple(terms), n)
    if key not in cache:
        df = idx.doc_freq("body", terms)
        cache.clear() if len(cache) > 256 else None
        cache[key] = {t: math.log((n - df[t] + 0.5) / (df[t] + 0.5) + 1.0) for t in terms}
    return cache[key]


def _passes(share: float, matched: int, threshold: float) -> bool:
    """Enough of the text matched: `threshold` of its weighted terms, or, for a long text,
    five distinct terms and three fifths of the threshold (a long quotation the extractor
    cut short still holds many of its rare words)."""
    return share >= threshold or (matched >= 5 and share >= 0.6 * threshold)


def rank(
    idx,
    f: Filters,
    text: str,
    *,
    topic_entities: Iterable[str] = (),
    use_topics: bool = True,
    threshold: float = THRESHOLD,
    keep_near_best: float | None = None,
    pool: int = 1000,
) -> list[Hit]:
    """Statements passing `f`, ranked by how well they match `text` (see the module docstring).

    Without topics (a "Who said that TEXT?" text), a speaker's statements in one article
    are also matched together: a quotation interrupted by "he said" is stored as two
    statements, and the question may quote both parts.
    """
    terms = list(dict.fromkeys(idx.terms(text)))
    linked_to = frozenset(topic_entities)
    if not terms and not linked_to:
        return []
    cond, params = where_sql(f)
    found: dict[int, list] = {}
    cols = "f.body, f.topics, s.iri, g.iri, s.gid, coalesce(s.speaker, lower(s.speaker_text), '')"
    selective = f.speakers is not None or f.graphs is not None or f.outlets is not None
    if (
        selective
        and idx.rows("SELECT COUNT(*) FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE " + cond, tuple(params))[0][0]
        <= SELECTIVE
    ):
        # few candidates (a speaker, an article): read them by row id and score them here, rather
        # than let FTS5 rank every statement that holds a common word
        rows = idx.rows(
            f"SELECT s.sid, {cols} FROM stmts s JOIN graphs g ON g.gid = s.gid "
            "JOIN stmt_fts f ON f.rowid = s.sid WHERE " + cond,
            tuple(params),
        )
        linked_sids: set[int] = set()
        if linked_to and rows:
            sids = [r[0] for r in rows]
            linked_sids = {
                sid
                for (sid,) in idx.rows(
                    f"SELECT DISTINCT sid FROM about WHERE sid IN ({', '.join('?' * len(sids))}) AND entity IN "
                    f"({', '.join('?' * len(linked_to))})",
                    (*sids, *sorted(linked_to)),
                )
            }
        wanted = set(terms)
        for sid, body, topics, *rest in rows:
            have = body.split() + (topics.split() if use_topics else [])
            if wanted & set(have) or sid in linked_sids:
                found[sid] = [_bm25(idx, terms, have), body, topics, *rest, sid in linked_sids]
    else:
        if terms:
            # a statement holding none of the rarest terms that carry 70 % of the weight cannot
            # pass even the long-text threshold (30 %): look up only those, so FTS5 ranks few rows
            idf = _idf(idx, terms)
            total, got, rare = sum(idf.values()) or 1.0, 0.0, []
            for t in sorted(terms, key=lambda t: -idf[t]):
                rare.append(t)
                got += idf[t]
                if got / total > 1 - 0.6 * threshold:
                    break
            match = fts_query(rare, "OR") if use_topics else fts_query(rare, "OR", column="body")
            sql = (
                f"SELECT f.rowid, bm25(stmt_fts, 1.0, 0.6, 0.0), {cols} "
                "FROM stmt_fts f JOIN stmts s ON s.sid = f.rowid JOIN graphs g ON g.gid = s.gid "
                "WHERE stmt_fts MATCH ? AND " + cond + " ORDER BY rank LIMIT ?"
            )
            for sid, b, *rest in idx.rows(sql, (match, *params, pool)):
                found[sid] = [b, *rest, False]
        if linked_to:
            among = ", ".join("?" * len(linked_to))
            sql = (
                f"SELECT s.sid, {cols} FROM about a JOIN stmts s ON s.sid = a.sid "
                "JOIN graphs g ON g.gid = s.gid JOIN stmt_fts f ON f.rowid = s.sid "
                f"WHERE a.entity IN ({among}) AND " + cond + " LIMIT ?"
            )
            for sid, *rest in idx.rows(sql, (*sorted(linked_to), *params, pool)):
                found.setdefault(sid, [0.0, *rest, False])[-1] = True
    if not found:
        return []
    idf = _idf(idx, terms) if terms else {}
    total = sum(idf.values()) or 1.0

    def share_of(have: set[str]) -> tuple[float, int]:
        got = [t for t in idf if t in have]
        return (sum(idf[t] for t in got) / total if terms else 0.0), len(got)

    groups: dict[tuple, set[str]] = {}
    have_of: dict[int, set[str]] = {}
    for sid, (_, body, topics, _, _, gid, who, _) in found.items():
        have_of[sid] = set(body.split()) | (set(topics.split()) if use_topics else set())
        if who:
            groups.setdefault((gid, who), set()).update(have_of[sid])
    hits = []
    for sid, (b, _, _, iri, g, gid, who, linked) in found.items():
        share, matched = share_of(have_of[sid])
        if not _passes(share, matched, threshold) and not use_topics and who:
            g_share, g_matched = share_of(groups[(gid, who)])
            if _passes(g_share, g_matched, threshold) and share >= 0.15:
                share, matched = g_share, g_matched
        if not _passes(share, matched, threshold) and not linked:
            continue
        score = round(min(1.0, share + (LINK_BOOST if linked else 0.0)), 3)
        hits.append(Hit(sid, iri, g, score, b))
    if keep_near_best is not None and hits:
        best = max(h.score for h in hits)
        hits = [h for h in hits if h.score >= keep_near_best * best]
    hits.sort(key=lambda h: (-h.score, h.bm25, h.iri))
    return hits


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
        hits = _select(store.index, f, limit)
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
    how = f.speakers.how if f.speakers is not None else {}
    out = []
    for q in quotes:
        matched = how.get(q.speaker or "") or (
            f"speaker words match {f.speakers.name!r}" if f.speakers is not None and q.speaker is None else None
        )
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


# -- presenting --------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _named_otherwise(label: str, words: str) -> bool:
    """The article names the speaker with none of the label's words (and not by a pronoun)."""
    from ..graph.index import stop_words

    said = [w for w in name_key(words) if w not in stop_words()]
    return bool(said) and not set(said) & set(name_key(label))


def format_quote(q: Quote) -> list[str]:
    """Three lines: who and how (and through whom), what, where (source, title, date, spans, score)."""
    who = q.who
    if q.speaker_label and q.speaker_text and _named_otherwise(q.speaker_label, q.speaker_text):
        who += f' ("{_squash(q.speaker_text)}")'  # as the article names the speaker: "Russia ("the Kremlin")"
    if q.matched_as and not q.matched_as.startswith(("name", "last name", "identifier")):
        who += f" [{q.matched_as}]"
    head = f"{who}, {q.cue} ({q.kind}, {q.stance})"
    if q.reported_by:
        head += f", reported by {q.reported_by_label or q.reported_by}"
    text = _squash(q.text)
    text = f"\u201c{text}\u201d" if q.kind == "direct" else text
    spans = ", ".join(f"{b}-{e}" for b, e in (q.spans or ((q.start, q.end),)))
    cite = q.source or q.article
    if q.title:
        cite += f', "{_squash(q.title)}"'
    if q.publisher:
        cite += f", {q.publisher}"
    if q.date:
        cite += f", {q.date}"
    cite += f", chars {spans}"
    if q.score is not None:
        cite += f"; score {q.score:.2f}"
    return [head + ":", f"  {text}", f"  -- {cite}"]


def quote_record(q: Quote) -> dict:
    """A JSON-ready dict of a quote."""
    return {
        "id": q.iri,
        "speaker": q.speaker,
        "speaker_label": q.speaker_label,
        "speaker_text": q.speaker_text,
        "matched_as": q.matched_as,
        "cue": q.cue,
        "kind": q.kind,
        "stance": q.stance,
        "text": q.text,
        "reported_by": q.reported_by,
        "reported_by_label": q.reported_by_label,
        "publisher": q.publisher,
        "about": list(q.about),
        "article": q.article,
        "source": q.source,
        "title": q.title,
        "date": q.date,
        "start": q.start,
        "end": q.end,
        "spans": [list(s) for s in q.spans],
        "score": q.score,
    }
