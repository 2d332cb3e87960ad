"""Answering a parsed question: its names resolved (`kgraph.query.resolve`), its verb,
dates and "in ..." turned into `Filters`, and the statements selected and ranked by
`kgraph.query.quotes.search`."""

from __future__ import annotations

from dataclasses import replace

from ...errors import NotFoundError
from ...graph.index import name_key
from ...graph.store import GraphStore
from ..quotes import Filters, Quote, resolve_speakers, search, topic_entities, where_sql
from ..resolve import Resolver
from .disagree import disagree_answer
from .forms import parse_question
from .question import Answer, Question
from .verbs import denial_cues

__all__ = ["answer"]


def answer(store: GraphStore, question: str | Question, *, limit: int | None = None) -> Answer:
    """The statements that answer a question; raises `NotFoundError` when there are none
    (or a name is unknown) and `UnparsedQuestion` for a question of no known form. A
    yes/no question answers with `verdict` set (False: `others` says who else said it)."""
    q = parse_question(question) if isinstance(question, str) else question
    r = Resolver(store)
    f, q = _filters(q, r, store)
    if q.form == "disagree":
        return disagree_answer(store, r, q, f, limit)
    if q.speakers:
        f = replace(f, speakers=resolve_speakers(r, q.speakers[0]))
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
            raise NotFoundError(f"no {_describe(q)} about {q.about!r}" + _nearest(f, r))
        return Answer(q, tuple(found))
    found = search(store, f, limit=limit, resolver=r)
    if not found:
        raise NotFoundError(f"no {_describe(q)}")
    return Answer(q, tuple(found))


def _filters(q: Question, r: Resolver, store: GraphStore) -> tuple[Filters, Question]:
    """The filters a question's names, verb, dates and "in ..." ask for (names resolved)."""
    f = Filters(
        stances=q.stances, cue=q.cue, since=q.since, until=q.until, denial_cues=denial_cues() if q.stances else ()
    )
    if q.outlet is not None:
        ms = r.resolve(q.outlet, what="source")
        iris = {m.iri for m in ms}
        f = replace(f, outlets=frozenset(iris | r.affiliates(iris)))
    if q.where is not None:
        graphs = _where_graphs(r, q.where)
        if graphs is not None:
            f = replace(f, graphs=graphs[0]) if graphs[0] else replace(f, outlets=graphs[1])
        elif q.about_with_where:
            q = replace(q, about=q.about_with_where, where=None, about_with_where=None)  # "in Kursk" was topic
        else:
            raise NotFoundError(f"no article or outlet {q.where!r} in the store")
    return f, q


def _where_graphs(r: Resolver, where: str):
    """(article graphs, None) for an article (title words, id, source) or a publisher;
    (None, outlet IRIs) for an outlet entity; None when `where` names neither."""
    key = " ".join(name_key(where))
    ws = key.split()
    rows = r.idx.rows(
        "SELECT iri, source, title, publisher FROM graphs WHERE iri = ? OR source = ? OR iri LIKE ? "
        "OR lower(publisher) LIKE ? OR lower(title) LIKE ?",
        (where, where, "%/" + where, f"%{ws[0]}%" if ws else "", f"%{ws[-1]}%" if ws else ""),
    )
    graphs = {iri for iri, src, title, pub in rows if _names_article(where, key, iri, src, title, pub)}
    if graphs:
        return frozenset(graphs), None
    ms = r.by_name(where, tiers=2)
    if ms:
        iris = {m.iri for m in ms}
        return None, frozenset(iris | r.affiliates(iris))
    return None


def _names_article(where: str, key: str, iri: str, src, title, pub) -> bool:
    """`where` is the article's IRI, id or source, its publisher's name, or words of its title."""
    return bool(
        where in (iri, iri.rsplit("/", 1)[-1], src)
        or (pub and " ".join(name_key(pub)) == key)
        or (title and key and len(key) > 3 and f" {key} " in f" {' '.join(name_key(title))} ")
    )


def _by_topic(store, r: Resolver, f: Filters, topic: str, limit: int | None) -> list[Quote]:
    ents = topic_entities(r, topic)
    if not ents and not r.idx.terms(topic):
        # only stop words ("about both", "about it"): no topic to rank by; a speaker's statements all answer
        return search(store, f, limit=limit, resolver=r) if f.speakers is not None else []
    return search(store, f, text=topic, topic_entities=ents, limit=limit, resolver=r)


def _nearest(f: Filters, r: Resolver) -> str:
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
