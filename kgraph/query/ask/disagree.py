""" "What did X and Y disagree about?": pairs of statements, one by each speaker, with
opposite stances (or one denying the other, `kg:denies`) that share a topic entity or at
least two words; paired on the index, and only the pairs kept are read from the store."""

from __future__ import annotations

from dataclasses import replace

from ...errors import NotFoundError
from ...graph.terms import KG
from ..quotes import Filters, fetch, resolve_speakers, where_sql
from ..resolve import Resolver
from .question import Answer, Pair, Question

__all__ = ["disagree_answer"]

_OPPOSITE = {
    (str(KG.Asserts), str(KG.Denies)),
    (str(KG.Denies), str(KG.Asserts)),
    (str(KG.Asserts), str(KG.NeitherConfirmsNorDenies)),
    (str(KG.NeitherConfirmsNorDenies), str(KG.Asserts)),
}


def _statement_rows(idx, f: Filters, cap: int = 2000) -> dict[int, dict]:
    """What pairing needs of the statements passing `f`, read from the index only."""
    cond, params = where_sql(f)
    rows = idx.rows(
        "SELECT s.sid, s.iri, g.iri, s.stance, s.denies, f.body FROM stmts s JOIN graphs g ON "
        "g.gid = s.gid JOIN stmt_fts f ON f.rowid = s.sid WHERE " + cond + " LIMIT ?",
        (*params, cap),
    )
    out = {
        sid: {"iri": iri, "graph": g, "stance": st, "denies": d, "terms": set(body.split()), "about": set()}
        for sid, iri, g, st, d, body in rows
    }
    for sid in out:
        out[sid]["about"] = {e for (e,) in idx.rows("SELECT entity FROM about WHERE sid = ?", (sid,))}
    return out


class _Second:
    """The second speaker's statements, looked up by word, by topic entity and by IRI."""

    def __init__(self, rows: dict[int, dict], own: set[str]):
        self.rows = rows
        self.by_term: dict[str, set[int]] = {}
        self.by_about: dict[str, set[int]] = {}
        self.by_iri = {y["iri"]: sid for sid, y in rows.items()}
        for sid, y in rows.items():
            for t in y["terms"]:
                self.by_term.setdefault(t, set()).add(sid)
            for e in y["about"] - own:
                self.by_about.setdefault(e, set()).add(sid)

    def candidates(self, x: dict) -> set[int]:
        """Those sharing a word or a topic entity with `x`, or the one `x` denies."""
        cands = {s for t in x["terms"] for s in self.by_term.get(t, ())}
        cands |= {s for e in x["about"] for s in self.by_about.get(e, ())}
        if x["denies"] in self.by_iri:
            cands.add(self.by_iri[x["denies"]])
        return cands


def _pair(x: dict, y: dict, own: set[str], r: Resolver) -> tuple | None:
    """(score, x, y, what they share) when x and y disagree on one topic, else None."""
    linked = x["denies"] == y["iri"] or y["denies"] == x["iri"]
    if not linked and (x["stance"], y["stance"]) not in _OPPOSITE:
        return None
    topics = (x["about"] & y["about"]) - own
    words = x["terms"] & y["terms"]
    union = x["terms"] | y["terms"]
    overlap = len(words) / len(union) if union else 0.0
    if not (linked or topics or (len(words) >= 2 and overlap >= 0.15)):
        return None
    score = round(min(1.0, (1.0 if linked else 0.0) + 0.5 * bool(topics) + overlap), 3)
    shared = tuple(sorted(r.label(t) or t for t in topics)) or tuple(sorted(words))
    return score, x, y, shared


def disagree_answer(store, r: Resolver, q: Question, f: Filters, limit: int | None) -> Answer:
    """The pairs of statements by the question's two speakers that disagree, best first."""
    a, b = (resolve_speakers(r, s) for s in q.speakers)
    ra, rb = _statement_rows(r.idx, replace(f, speakers=a)), _statement_rows(r.idx, replace(f, speakers=b))
    own = set(a.iris) | set(b.iris)
    second = _Second(rb, own)
    scored = [p for x in ra.values() for sid in second.candidates(x) if (p := _pair(x, rb[sid], own, r)) is not None]
    scored.sort(key=lambda p: (-p[0], p[1]["iri"], p[2]["iri"]))
    scored = scored[: limit or None]
    if not scored:
        raise NotFoundError(
            f"no statements by {q.speakers[0]} and {q.speakers[1]} on one topic with opposite "
            f"stances ({len(ra)} and {len(rb)} statements)"
        )
    quotes = {
        qt.iri: qt for qt in fetch(store, sorted({(z["iri"], z["graph"]) for _, x, y, _ in scored for z in (x, y)}), r)
    }
    pairs = tuple(
        Pair(quotes[x["iri"]], quotes[y["iri"]], shared, score)
        for score, x, y, shared in scored
        if x["iri"] in quotes and y["iri"] in quotes
    )
    return Answer(q, (), pairs=pairs)
