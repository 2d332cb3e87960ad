"""Questions about who said what, answered from the store.

`parse_question` turns an English question into a `Question`: a structured query (form,
speakers, topic, text, reporting verb, dates, article or outlet), never SPARQL text. The
question forms are a registry of small parsers (`@form`), tried in order; `FORMS` lists
them for help and for the error a question of no known form gets. `answer` resolves the
names through `kgraph.query.resolve` and selects and ranks statements through
`kgraph.query.quotes.search`.

Reporting verbs are the verb rows of `ontology/lexicon/reporting.tsv`, the same list the
extractor uses; what a verb asks for:

- a speech verb (say, tell, claim, state, speak, talk) asks for everything said;
- a denial verb (deny, reject, dispute, ...) asks for denials, and for statements that
  neither confirm nor deny when their cue is a denial verb ("neither confirmed nor
  denied"; not "did not mention");
- "report" asks for what a source said or relayed ("What did Reuters report?");
- any other verb (warn, accuse, urge, estimate, ...) asks for statements with that cue.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..errors import NotFoundError, QueryError
from ..graph.index import name_key, stop_words, words
from ..graph.store import GraphStore
from ..graph.terms import KG
from ..lexicon import reporting_verbs
from .quotes import (
    THRESHOLD,
    Filters,
    Quote,
    Speakers,
    fetch,
    rank,
    resolve_speakers,
    search,
    topic_entities,
    where_sql,
)
from .resolve import Resolver

__all__ = ["FORMS", "Question", "Answer", "Pair", "UnparsedQuestion", "parse_question", "answer"]

# The question grammar: verbs that ask for everything a speaker said, and irregular
# forms the suffix rules below do not undo.
_SPEECH = frozenset({"say", "tell", "claim", "state", "speak", "talk", "comment", "remark"})
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "found": "find",
    "shown": "show",
    "meant": "mean",
    "made": "make",
}
_DENIAL = (str(KG.Denies), str(KG.NeitherConfirmsNorDenies))
_ABOUT = r"(?:about|on|regarding|concerning|over)"
_AUX = r"(?:did|does|do|has|have|had)"


class UnparsedQuestion(QueryError):
    """A question none of the understood forms matches."""

    def __init__(self, question: str):
        self.question = question
        super().__init__(f"cannot parse the question {question!r}; kgraph ask understands:\n" + forms_text())


@dataclass(frozen=True)
class Question:
    """A parsed question: the structured query `answer` runs."""

    form: str
    verb: str | None = None  # reporting verb lemma
    speakers: tuple[str, ...] = ()  # names or descriptions (two for "disagree")
    about: str | None = None  # a topic: an entity name or any words
    outlet: str | None = None  # "What did SOURCE report?"
    text: str | None = None  # "Who said that TEXT?", "Did X say that TEXT?"
    since: str | None = None  # ISO date (inclusive), of the article
    until: str | None = None
    where: str | None = None  # "in ARTICLE/OUTLET"
    about_with_where: str | None = None  # the topic with "in ..." kept, when that names no article or outlet

    @property
    def speaker(self) -> str | None:
        return self.speakers[0] if self.speakers else None

    @property
    def stances(self) -> tuple[str, ...]:
        return _DENIAL if self.verb in _lexicon()[1] else ()

    @property
    def cue(self) -> str | None:
        """The cue substring a specific verb asks for ("warn" -> "warn", "accuse" -> "accus")."""
        v = self.verb
        if v is None or v in _SPEECH or v == "report" or v in _lexicon()[1]:
            return None
        return _cue_stem(v)

    def as_dict(self) -> dict:
        return {
            "form": self.form,
            "verb": self.verb,
            "speakers": list(self.speakers),
            "about": self.about,
            "outlet": self.outlet,
            "text": self.text,
            "since": self.since,
            "until": self.until,
            "where": self.where,
        }


@dataclass(frozen=True)
class Pair:
    """Two statements on one topic with opposite stances ("What did X and Y disagree about?")."""

    first: Quote
    second: Quote
    shared: tuple[str, ...]  # what they share: topic labels or words
    score: float


@dataclass(frozen=True)
class Answer:
    question: Question
    quotes: tuple[Quote, ...]
    verdict: bool | None = None  # yes/no questions
    others: tuple[Quote, ...] = ()  # for a "no": who else said it
    pairs: tuple[Pair, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def scores(self) -> tuple[float, ...] | None:
        got = tuple(q.score for q in self.quotes if q.score is not None)
        return got or None


def _cue_stem(verb: str) -> str:
    return verb[:-1] if verb.endswith(("e", "y")) and len(verb) > 3 else verb


# -- the verbs ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(reporting verb lemmas, denial verb lemmas) from the lexicon's reporting.tsv."""
    verbs, denials = reporting_verbs()
    return verbs | _SPEECH, denials


def _lemma(word: str) -> str | None:
    """The reporting verb a word is a form of ("warned" -> "warn", "denied" -> "deny"), or None."""
    verbs = _lexicon()[0]
    w = word.lower()
    cands = [w, _IRREGULAR.get(w, "")]
    for suf, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: -len(suf)]
            cands.append(stem + repl)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:  # admitted -> admit
                cands.append(stem[:-1])
    return next((c for c in cands if c in verbs), None)


# -- the forms ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Form:
    pattern: str
    note: str
    parse: Callable[[str], Question | None] | None


_REGISTRY: list[_Form] = []


def form(pattern: str, note: str = "", *more: tuple[str, str]):
    """Register a question form: `parse(cleaned question) -> Question | None`; `more` are
    other (pattern, note) pairs the same parser reads, listed in the help."""

    def deco(fn):
        _REGISTRY.append(_Form(pattern, note, fn))
        _REGISTRY.extend(_Form(p, n, None) for p, n in more)
        return fn

    return deco


def forms_text() -> str:
    width = max(len(f.pattern) for f in _REGISTRY)
    return "\n".join(f"  {f.pattern:<{width}}  ({f.note})" if f.note else f"  {f.pattern}" for f in _REGISTRY)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[\s?!.]+$", "", text)


def _unquote(text: str) -> str:
    return text.strip().strip("\"'\u201c\u201d").strip()


_MONTHS = ("january february march april may june july august september october november december").split()


def parse_date(text: str, *, end: bool = False) -> str:
    """An ISO date from "2024-11-18", "18 November 2024", "November 2024", "2024" (the first
    day, or with `end` the last); QueryError otherwise."""
    t = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return _dt.date.fromisoformat(t).isoformat()
        except ValueError:
            pass
    else:
        from dateutil import parser as du  # python-dateutil, already a dependency

        try:
            if re.fullmatch(r"\d{4}", t):
                return f"{t}-12-31" if end else f"{t}-01-01"
            m = re.fullmatch(r"(" + "|".join(_MONTHS) + r"|[a-z]{3}) (\d{4})", t)
            if m:
                d = du.parse(t, default=_dt.datetime(int(m[2]), 1, 1))
                if end:
                    nxt = (d.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
                    return (nxt - _dt.timedelta(days=1)).date().isoformat()
                return d.date().replace(day=1).isoformat()
            if any(mo[:3] in t for mo in _MONTHS) or re.fullmatch(r"[\d/.\- ]+", t):
                return du.parse(t, default=_dt.datetime(_dt.date.today().year, 1, 1)).date().isoformat()
        except (ValueError, OverflowError):
            pass
    raise QueryError(f"cannot read the date {text!r} (give e.g. 2024-11-18, 18 November 2024 or November 2024)")


_DATE_TAIL = re.compile(r"^(?P<rest>.+?) (?P<op>since|after|from|before|until|till) (?P<date>[\w ,./\-]+)$", re.I)


def _tail(rest: str) -> tuple[str, dict]:
    """Split "TOPIC since DATE" and "TOPIC in ARTICLE/OUTLET" off the end of a question."""
    extra: dict = {}
    m = _DATE_TAIL.match(rest)
    if m and re.search(r"\d{4}|" + "|".join(_MONTHS), m["date"], re.I):
        end = m["op"].lower() in ("before", "until", "till")
        extra["until" if end else "since"] = parse_date(m["date"], end=end)
        rest = m["rest"]
    m = re.fullmatch(r"(?P<rest>.+) (?:in|from|by) (?P<where>[^ ].*)", rest, flags=re.I)
    if m:
        extra["where"] = _unquote(m["where"])
        extra["about_full"] = rest
        rest = m["rest"]
    return rest, extra


def _with_tail(q: Question, extra: dict) -> Question:
    kept = {k: v for k, v in extra.items() if k in ("since", "until", "where")}
    if "about_full" in extra and q.about is not None:  # "in X" may be part of the topic ("the fighting in Kursk")
        kept["about_with_where"] = extra["about_full"]
    return replace(q, **kept)


def _needs_words(q: Question, question: str) -> Question:
    """The question, if its text has a word that is no stop word ("Who said that?" has none)."""
    stops = stop_words()
    if not any(w.lower() not in stops for w in words(q.text or "")):
        raise UnparsedQuestion(question)
    return q


@form("What did X and Y disagree about?", "statements on one topic with opposite stances")
def _disagree(q: str) -> Question | None:
    m = re.fullmatch(
        rf"(?:what|where|on what|over what) {_AUX} (.+?) and (.+?) "
        rf"(?:disagree|differ|clash|contradict each other)(?: (?:about|on|over))?",
        q,
        flags=re.I,
    )
    if m:
        return Question("disagree", speakers=(m[1].strip(), m[2].strip()))
    return None


@form("What was said about TOPIC?", "also: since DATE, in ARTICLE/OUTLET")
def _what_was_said(q: str) -> Question | None:
    m = re.fullmatch(rf"what (?:was|is|were|has been|have been|is being) (\w+) {_ABOUT} (.+)", q, flags=re.I)
    if m and _lemma(m[1]):
        about, extra = _tail(m[2])
        return _with_tail(Question("what-was-said-about", _lemma(m[1]), about=about), extra)
    return None


@form(
    "What did SPEAKER say?",
    "or claim, warn, accuse, urge, estimate, deny ... any reporting verb",
    ("What did SPEAKER say about TOPIC?", "also: What has SPEAKER said about TOPIC since DATE?"),
    ("What did SOURCE report?", "what it said or relayed"),
)
def _what_did(q: str) -> Question | None:
    m = re.fullmatch(rf"what {_AUX} (.+)", q, flags=re.I)
    if not m:
        return None
    words = m[1].split(" ")
    # SPEAKER VERB [about TOPIC] [since DATE] [in WHERE]: the first reporting verb after the speaker
    for i in range(1, len(words)):
        verb = _lemma(words[i])
        if verb is None:
            continue
        speaker, rest = " ".join(words[:i]), " ".join(words[i + 1 :])
        about, extra = None, {}
        if rest:
            t = re.fullmatch(rf"{_ABOUT} (.+)", rest, flags=re.I)
            if t:
                about, extra = _tail(t[1])
            else:
                d = re.fullmatch(r"(since|after|from|before|until|till) (.+)", rest, flags=re.I)
                if not d:
                    continue
                end = d[1].lower() in ("before", "until", "till")
                extra = {"until" if end else "since": parse_date(d[2], end=end)}
        if verb == "report":
            return _with_tail(Question("what-did-source-report", verb, outlet=speaker, about=about), extra)
        return _with_tail(Question("what-did-speaker-say", verb, speakers=(speaker,), about=about), extra)
    return None


@form("Who said what about TOPIC?", "also: Who spoke about TOPIC? ... in ARTICLE/OUTLET?")
def _who_said_what(q: str) -> Question | None:
    m = re.fullmatch(rf"who (?:has |have |had )?(\w+)(?: what)? {_ABOUT} (.+)", q, flags=re.I)
    if m and _lemma(m[1]) and not re.match(r"(?:what|that) ", m[2], flags=re.I):
        about, extra = _tail(m[2])
        return _with_tail(Question("who-said-about", _lemma(m[1]), about=about), extra)
    return None


@form("Who said that TEXT?", "or claimed, warned, reported, denied ...; Who denied TOPIC?")
def _who_said_that(q: str) -> Question | None:
    m = re.fullmatch(r"who (?:has |have |had )?(\w+)(?: that)? (.+)", q, flags=re.I)
    if m and _lemma(m[1]):
        return _needs_words(Question("who-said-that", _lemma(m[1]), text=_unquote(m[2])), q)
    return None


@form("Did SPEAKER say that TEXT?", "yes or no, with the statements; exit status 1 for no")
def _did_say(q: str) -> Question | None:
    m = re.fullmatch(r"(?:did|has|have|does|do|had) (.+)", q, flags=re.I)
    if not m:
        return None
    words = m[1].split(" ")
    for i in range(1, len(words) - 1):
        if verb := _lemma(words[i]):
            rest = re.sub(r"^that ", "", " ".join(words[i + 1 :]), flags=re.I)
            rest = re.sub(rf"^{_ABOUT} ", "", rest, flags=re.I)
            return _needs_words(Question("did-say-that", verb, speakers=(" ".join(words[:i]),), text=_unquote(rest)), q)
    return None


def parse_question(question: str) -> Question:
    """The `Question` an English question asks; raises `UnparsedQuestion` listing the forms."""
    q = _clean(question)
    for f in _REGISTRY:
        try:
            got = f.parse(q) if f.parse is not None else None
        except UnparsedQuestion:
            raise UnparsedQuestion(question) from None
        if got is not None:
            return got
    raise UnparsedQuestion(question)


FORMS = tuple((f.pattern, f.note) for f in _REGISTRY)


# -- answering ---------------------------------------------------------------------------
def _denial_cues() -> tuple[str, ...]:
    return tuple(sorted({_cue_stem(v) for v in _lexicon()[1]}))


def _filters(q: Question, r: Resolver, store: GraphStore) -> tuple[Filters, Question]:
    """The filters a question's names, verb, dates and "in ..." ask for (names resolved)."""
    f = Filters(
        stances=q.stances, cue=q.cue, since=q.since, until=q.until, denial_cues=_denial_cues() if q.stances else ()
    )
    if q.outlet is not None:
        ms = r.resolve(q.outlet, what="source")
        iris = {m.iri for m in ms}
        f = replace(f, outlets=frozenset(iris | r.affiliates(iris)))
    if q.where is not None:
        graphs = _where_graphs(r, store, q.where)
        if graphs is not None:
            f = replace(f, graphs=graphs[0]) if graphs[0] else replace(f, outlets=graphs[1])
        elif q.about_with_where:
            q = replace(q, about=q.about_with_where, where=None, about_with_where=None)  # "in Kursk" was topic
        else:
            raise NotFoundError(f"no article or outlet {q.where!r} in the store")
    return f, q


def _where_graphs(r: Resolver, store: GraphStore, where: str):
    """(article graphs, None) for an article (title words, id, source) or a publisher;
    (None, outlet IRIs) for an outlet entity; None when `where` names neither."""
    idx = r.idx
    key = " ".join(name_key(where))
    words = key.split()
    rows = idx.rows(
        "SELECT iri, source, title, publisher FROM graphs WHERE iri = ? OR source = ? OR iri LIKE ? "
        "OR lower(publisher) LIKE ? OR lower(title) LIKE ?",
        (where, where, "%/" + where, f"%{words[0]}%" if words else "", f"%{words[-1]}%" if words else ""),
    )
    graphs = set()
    for iri, src, title, pub in rows:
        if (
            where in (iri, iri.rsplit("/", 1)[-1], src)
            or (pub and " ".join(name_key(pub)) == key)
            or (title and key and len(key) > 3 and f" {key} " in f" {' '.join(name_key(title))} ")
        ):
            graphs.add(iri)
    if graphs:
        return frozenset(graphs), None
    ms = r.by_name(where, tiers=2)
    if ms:
        iris = {m.iri for m in ms}
        return None, frozenset(iris | r.affiliates(iris))
    return None


def answer(store: GraphStore, question: str | Question, *, limit: int | None = None) -> Answer:
    """The statements that answer a question; raises `NotFoundError` when there are none
    (or a name is unknown) and `UnparsedQuestion` for a question of no known form. A
    yes/no question answers with `verdict` set (False: `others` says who else said it)."""
    q = parse_question(question) if isinstance(question, str) else question
    r = Resolver(store)
    f, q = _filters(q, r, store)
    if q.form == "disagree":
        return _disagree_answer(store, r, q, f, limit)
    speakers = None
    if q.speakers:
        speakers = resolve_speakers(r, q.speakers[0])
        f = replace(f, speakers=speakers)
    if q.form == "did-say-that":
        return _yes_no(store, r, q, f, limit)
    if q.text is not None:  # who said that TEXT
        found = search(store, f, text=q.text, use_topics=False, limit=limit, keep_near_best=0.75, resolver=r)
        if not found and q.stances:  # "Who denied the deployment?": the words may name the topic
            found = _by_topic(store, r, f, q.text, limit)
        if not found:
            raise NotFoundError(f"no {_describe(q)} matches {q.text!r}")
        return Answer(q, tuple(found))
    if q.about is not None:
        found = _by_topic(store, r, f, q.about, limit)
        if not found:
            raise NotFoundError(f"no {_describe(q)} about {q.about!r}" + _nearest(store, f, r))
        return Answer(q, tuple(found))
    found = search(store, f, limit=limit, resolver=r)
    if not found:
        raise NotFoundError(f"no {_describe(q)}")
    return Answer(q, tuple(found))


def _by_topic(store, r: Resolver, f: Filters, topic: str, limit: int | None) -> list[Quote]:
    ents = topic_entities(r, topic)
    if not ents and not r.idx.terms(topic):
        # only stop words ("about both", "about it"): no topic to rank by; a speaker's statements all answer
        return search(store, f, limit=limit, resolver=r) if f.speakers is not None else []
    return search(store, f, text=topic, topic_entities=ents, limit=limit, resolver=r)


def _nearest(store, f: Filters, r: Resolver) -> str:
    if f.speakers is None:
        return ""
    cond, params = where_sql(replace(f, stances=(), cue=None, denial_cues=()))
    n = r.idx.rows("SELECT COUNT(*) FROM stmts s JOIN graphs g ON g.gid = s.gid WHERE " + cond, tuple(params))[0][0]
    return f" (there are {n} statements by {f.speakers.name}; ask without a topic to see them)" if n else ""


def _yes_no(store, r: Resolver, q: Question, f: Filters, limit: int | None) -> Answer:
    found = search(store, f, text=q.text, use_topics=False, limit=limit, keep_near_best=0.75, resolver=r)
    if found:
        return Answer(q, tuple(found), verdict=True)
    others = search(
        store,
        replace(f, speakers=None),
        text=q.text,
        use_topics=False,
        limit=limit or 5,
        keep_near_best=0.75,
        resolver=r,
    )
    return Answer(q, (), verdict=False, others=tuple(others))


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


def _disagree_answer(store, r: Resolver, q: Question, f: Filters, limit: int | None) -> Answer:
    """Pairs of statements, one by each speaker, with opposite stances (or one denying the
    other, `kg:denies`) that share a topic entity or at least two words: paired on the
    index, and only the pairs kept are read from the store."""
    a, b = (resolve_speakers(r, s) for s in q.speakers)
    ra, rb = _statement_rows(r.idx, replace(f, speakers=a)), _statement_rows(r.idx, replace(f, speakers=b))
    own = set(a.iris) | set(b.iris)
    by_term: dict[str, set[int]] = {}
    by_about: dict[str, set[int]] = {}
    by_iri = {y["iri"]: sid for sid, y in rb.items()}
    for sid, y in rb.items():
        for t in y["terms"]:
            by_term.setdefault(t, set()).add(sid)
        for e in y["about"] - own:
            by_about.setdefault(e, set()).add(sid)
    scored = []
    for x in ra.values():
        cands = {s for t in x["terms"] for s in by_term.get(t, ())} | {
            s for e in x["about"] for s in by_about.get(e, ())
        }
        if x["denies"] in by_iri:
            cands.add(by_iri[x["denies"]])
        for sid in cands:
            y = rb[sid]
            linked = x["denies"] == y["iri"] or y["denies"] == x["iri"]
            if not linked and (x["stance"], y["stance"]) not in _OPPOSITE:
                continue
            topics = (x["about"] & y["about"]) - own
            words = x["terms"] & y["terms"]
            union = x["terms"] | y["terms"]
            overlap = len(words) / len(union) if union else 0.0
            if not (linked or topics or (len(words) >= 2 and overlap >= 0.15)):
                continue
            score = round(min(1.0, (1.0 if linked else 0.0) + 0.5 * bool(topics) + overlap), 3)
            shared = tuple(sorted(r.label(t) or t for t in topics)) or tuple(sorted(words))
            scored.append((score, x, y, shared))
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


def _describe(q: Question) -> str:
    """What was looked for: "denials by Russia", "statements by Kyiv cued by 'warn'"."""
    what = "denials" if q.stances else "statements"
    if q.speaker:
        what += f" by {q.speaker}"
    if q.outlet:
        what += f" by or via {q.outlet}"
    if q.cue:
        what += f" cued by {q.verb!r}"
    if q.since:
        what += f" since {q.since}"
    if q.until:
        what += f" until {q.until}"
    if q.where:
        what += f" in {q.where}"
    return what if q.text is None else what.replace("statements", "statement", 1).replace("denials", "denial", 1)


__all__ += ["parse_date", "rank", "THRESHOLD", "Speakers"]
