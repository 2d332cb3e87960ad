"""Selecting and ranking statements on the index (SQLite FTS5, see kgraph/graph/index.py).

`rank` scores the statements passing a `Filters` by how well they match a text:

- `match`: the share of the text's terms (each weighted by its inverse document
  frequency) the statement holds: in its text, and for a topic also in the names of the
  entities it is about;
- a statement about (`kg:about`) an entity the topic names counts as a match (the link
  is a boost of 0.25 on the score);
- below the threshold (half of the weighted terms) nothing is returned: "nothing found"
  rather than noise.

A filter that leaves few statements (a speaker, an article) has them read by row id and
scored here; otherwise FTS5 ranks the statements holding the text's rarest terms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..graph.index import fts_query
from .filters import Filters, where_sql

__all__ = ["Hit", "rank", "select_hits", "THRESHOLD", "LINK_BOOST", "SELECTIVE"]

THRESHOLD = 0.5  # the least share of a text's weighted terms a statement must hold
LINK_BOOST = 0.25
SELECTIVE = 5000  # a filter leaving at most this many statements is scored here, not by an FTS5 scan
_FROM = "FROM stmts s JOIN graphs g ON g.gid = s.gid"


def _cols(use_topics: bool) -> str:
    """What is read of a candidate: its analysed text (and topics, when they count), IRI,
    article row and who spoke (its article's IRI is read for the statements that pass)."""
    topics = "f.topics" if use_topics else "''"
    return f"f.body, {topics}, s.iri, s.gid, coalesce(s.speaker, lower(s.speaker_text), '')"


def _graphs_join(cond: str) -> str:
    """The join of the articles, when a `where_sql` condition needs their columns (g.*)."""
    return " JOIN graphs g ON g.gid = s.gid" if "g." in cond else ""


@dataclass(frozen=True)
class Hit:
    sid: int
    iri: str
    graph: str
    score: float | None = None
    bm25: float = 0.0


def select_hits(idx, f: Filters, limit: int | None) -> list[Hit]:
    """The statements passing `f`, unranked, in source order."""
    cond, params = where_sql(f)
    sql = f"SELECT s.sid, s.iri, g.iri {_FROM} WHERE " + cond + " ORDER BY g.source, s.begin, s.iri"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [Hit(sid, iri, g) for sid, iri, g in idx.rows(sql, tuple(params))]


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
    """BM25's inverse document frequency of each term over the statements' text. Each
    term's document frequency is kept while the index is unchanged (`TextIndex.stamp`): a
    fresh question mostly asks again for words met before ("said", "president")."""
    n = max(idx.statement_count(), 1)
    stamp = (idx.stamp(), n)
    kept = idx.__dict__.setdefault("_df_cache", {"stamp": stamp, "df": {}, "idf": {}})
    if kept["stamp"] != stamp or len(kept["df"]) > _DF_KEPT:
        kept.update(stamp=stamp, df={}, idf={})
    key = tuple(terms)
    idf = kept["idf"].get(key)  # asked again and again while one text is ranked
    if idf is None:
        df = kept["df"]
        missing = [t for t in dict.fromkeys(terms) if t not in df]
        if missing:
            df.update(idx.doc_freq("body", missing))
        idf = {t: math.log((n - df[t] + 0.5) / (df[t] + 0.5) + 1.0) for t in terms}
        kept["idf"].clear() if len(kept["idf"]) > 256 else None
        kept["idf"][key] = idf
    return idf


_DF_KEPT = 100_000  # terms whose document frequency is kept (then forgotten all at once)


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
    if _few(idx, f, cond, params):
        found = _score_candidates(idx, cond, params, terms, linked_to, use_topics)
    else:
        found = _fts_candidates(idx, cond, params, terms, use_topics, threshold, pool) if terms else {}
        if linked_to:
            _add_linked(idx, found, cond, params, linked_to, pool, use_topics)
    if not found:
        return []
    hits = _passing(idx, found, terms, use_topics, threshold)
    if keep_near_best is not None and hits:
        best = max(h.score for h in hits)
        hits = [h for h in hits if h.score >= keep_near_best * best]
    hits.sort(key=lambda h: (-h.score, h.bm25, h.iri))
    return hits


def _few(idx, f: Filters, cond: str, params: list) -> bool:
    """A selective filter (speakers, articles, outlets) that leaves at most SELECTIVE statements."""
    if f.speakers is None and f.graphs is None and f.outlets is None:
        return False
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM stmts s{_graphs_join(cond)} WHERE {cond} LIMIT ?)"  # counted no further
    return idx.rows(sql, (*params, SELECTIVE + 1))[0][0] <= SELECTIVE


def _score_candidates(idx, cond: str, params: list, terms: list[str], linked_to: frozenset[str], use_topics: bool):
    """Few candidates (a speaker, an article): read them by row id and score them here, rather
    than let FTS5 rank every statement that holds a common word."""
    rows = idx.rows(
        f"SELECT s.sid, {_cols(use_topics)} FROM stmts s{_graphs_join(cond)} JOIN stmt_fts f ON f.rowid = s.sid "
        "WHERE " + cond,
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
    held = _Held(terms, use_topics)
    found: dict[int, list] = {}
    for sid, body, topics, *rest in rows:
        if held(body, topics) or sid in linked_sids:
            have = body.split() + (topics.split() if use_topics else [])
            found[sid] = [_bm25(idx, terms, have), body, topics, *rest, sid in linked_sids]
    return found


def _fts_candidates(idx, cond: str, params: list, terms: list[str], use_topics: bool, threshold: float, pool: int):
    """The `pool` best statements by FTS5's BM25 among those holding one of the rarest terms.

    A statement holding none of the rarest terms that carry 70 % of the weight cannot pass
    even the long-text threshold (30 %): look up only those, so FTS5 ranks few rows."""
    idf = _idf(idx, terms)
    total, got, rare = sum(idf.values()) or 1.0, 0.0, []
    for t in sorted(terms, key=lambda t: -idf[t]):
        rare.append(t)
        got += idf[t]
        if got / total > 1 - 0.6 * threshold:
            break
    match = fts_query(rare, "OR") if use_topics else fts_query(rare, "OR", column="body")
    # the text alone is matched in its column, weighted 1.0 as by `rank`: its value then, not
    # a second BM25 of each row read
    score = "bm25(stmt_fts, 1.0, 0.6, 0.0)" if use_topics else "f.rank"
    sql = (
        f"SELECT f.rowid, {score}, {_cols(use_topics)} "
        f"FROM stmt_fts f JOIN stmts s ON s.sid = f.rowid{_graphs_join(cond)} "
        "WHERE stmt_fts MATCH ? AND " + cond + " ORDER BY rank LIMIT ?"
    )
    return {sid: [b, *rest, False] for sid, b, *rest in idx.rows(sql, (match, *params, pool))}


def _add_linked(
    idx, found: dict[int, list], cond: str, params: list, linked_to: frozenset[str], pool: int, use_topics: bool
) -> None:
    """Mark (adding them when missing) the statements about one of the topic's entities."""
    among = ", ".join("?" * len(linked_to))
    sql = (
        f"SELECT s.sid, {_cols(use_topics)} FROM about a JOIN stmts s ON s.sid = a.sid{_graphs_join(cond)} "
        f"JOIN stmt_fts f ON f.rowid = s.sid WHERE a.entity IN ({among}) AND " + cond + " LIMIT ?"
    )
    for sid, *rest in idx.rows(sql, (*sorted(linked_to), *params, pool)):
        found.setdefault(sid, [0.0, *rest, False])[-1] = True


class _Held:
    """Which of a text's terms a statement's analysed text (and topics) holds: the index
    stores it as terms joined by single spaces, so a term is held when " term " is found."""

    def __init__(self, terms: list[str], use_topics: bool):
        self.padded = [(t, f" {t} ") for t in terms]
        self.use_topics = use_topics

    def __call__(self, body: str, topics: str) -> frozenset[str]:
        text = f" {body} {topics} " if self.use_topics else f" {body} "
        return frozenset([t for t, p in self.padded if p in text])


class _Shares:
    """The weighted share of the text's terms a set of terms holds (kept for each set met:
    candidates hold few distinct sets of the text's terms)."""

    def __init__(self, idx, terms: list[str]):
        self.idf = _idf(idx, terms) if terms else {}
        self.total = sum(self.idf.values()) or 1.0
        self.any = bool(terms)
        self.seen: dict[frozenset[str], tuple[float, int]] = {}

    def __call__(self, have: frozenset[str]) -> tuple[float, int]:
        hit = self.seen.get(have)
        if hit is None:
            got = [t for t in self.idf if t in have]
            hit = self.seen[have] = (sum(self.idf[t] for t in got) / self.total if self.any else 0.0), len(got)
        return hit


def _passing(idx, found: dict[int, list], terms: list[str], use_topics: bool, threshold: float) -> list[Hit]:
    """The candidates that match enough of the text (or are linked to the topic), scored."""
    share_of = _Shares(idx, terms)
    held = _Held(terms, use_topics)
    have_of = {sid: held(row[1], row[2]) for sid, row in found.items()}
    rescue = not use_topics  # a text's statement may pass with its speaker's others in the article
    groups: dict[tuple, set[str]] = {}  # (article, speaker) -> the text's terms all their statements hold
    if rescue:
        for sid, row in found.items():
            if row[5]:
                groups.setdefault((row[4], row[5]), set()).update(have_of[sid])
    group_share: dict[tuple, tuple[float, int]] = {}
    passed = []
    for sid, (b, _, _, iri, gid, who, linked) in found.items():
        share, matched = share_of(have_of[sid])
        ok = _passes(share, matched, threshold)
        if not ok and rescue and who and share >= 0.15:
            key = (gid, who)
            if key not in group_share:
                group_share[key] = share_of(frozenset(groups[key]))
            if _passes(*group_share[key], threshold):
                (share, matched), ok = group_share[key], True
        if not ok and not linked:
            continue
        passed.append((sid, iri, gid, round(min(1.0, share + (LINK_BOOST if linked else 0.0)), 3), b))
    graph = _graph_iris(idx, {gid for _, _, gid, _, _ in passed})  # an article gone meanwhile: its statements too
    return [Hit(sid, iri, graph[gid], score, b) for sid, iri, gid, score, b in passed if gid in graph]


def _graph_iris(idx, gids: set[int]) -> dict[int, str]:
    """The IRIs of article rows."""
    return dict(idx.rows_in("SELECT gid, iri FROM graphs WHERE gid IN ({0})", sorted(gids)))
