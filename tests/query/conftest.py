"""Fixtures for the SPARQL tests: a small hand-built store (two articles, every kind of
record) whose rows the tests know exactly, and a running endpoint over the seed store."""

from __future__ import annotations

import threading

import pytest

from kgraph.extract.records import Entity, Event, Extraction, Quantity, Role, Span, Statement
from kgraph.graph.build import article_iri, article_quads
from kgraph.graph.store import GraphStore
from kgraph.read.article import Article

TEXT_A = (
    "Zelenskiy accuses Russia\n\n"
    "Ukrainian President Volodymyr Zelenskiy said Russia had deployed North Korean troops to Kursk. "
    "Moscow denied the claim. "
    "According to Reuters, up to 11,000 soldiers arrived in October."
)
TEXT_B = (
    "Kovalenko on the Kursk front\n\n"
    "Andrii Kovalenko said the North Koreans were used for assaults. "
    "Russia has neither confirmed nor denied the use of North Korean troops. "
    "Russian forces shelled Sumy on 5 November."
)

ZEL, KOV = "person:volodymyr zelenskiy", "person:andrii kovalenko"


def sp(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _st(text, speaker, speaker_words, cue, said, kind="indirect", **kw) -> Statement:
    return Statement(
        speaker=speaker,
        speaker_span=sp(text, speaker_words) if speaker_words else None,
        cue=cue,
        cue_span=sp(text, cue),
        text=said,
        span=sp(text, said),
        kind=kind,
        **kw,
    )


ENTITIES = (
    Entity(ZEL, "Volodymyr Zelenskiy", "Person", aliases=("Zelenskiy",), country="wd:Q212"),
    Entity(KOV, "Andrii Kovalenko", "Person", country="wd:Q212"),
    Entity("wd:Q159", "Russia", "Country", aliases=("Moscow",), wikidata="Q159"),
    Entity("wd:Q212", "Ukraine", "Country", wikidata="Q212"),
    Entity("wd:Q3178", "Kursk Oblast", "Location", aliases=("Kursk",), wikidata="Q3178", country="wd:Q159"),
    Entity("wd:Q170174", "Sumy", "Location", wikidata="Q170174", country="wd:Q212"),
    Entity("force:wd:Q423", "North Korean troops", "MilitaryForce", aliases=("North Koreans",), country="wd:Q423"),
    Entity("force:wd:Q159", "Russian forces", "MilitaryForce", country="wd:Q159"),
    Entity("organization:reuters", "Reuters", "Organization"),
)


def article_a() -> tuple[Article, Extraction]:
    t = TEXT_A
    art = Article(
        source="news/a.txt",
        text=t,
        title="Zelenskiy accuses Russia",
        published="2024-11-18",
        publisher="Example News",
        body_start=26,
    )
    sts = (
        _st(
            t,
            ZEL,
            "Ukrainian President Volodymyr Zelenskiy",
            "said",
            "Russia had deployed North Korean troops to Kursk",
            about=("wd:Q159", "force:wd:Q423", "wd:Q3178"),
        ),
        _st(t, "wd:Q159", "Moscow", "denied", "the claim", stance="denies", denies=0, about=("wd:Q159",)),
        _st(
            t,
            None,
            None,
            "According to",
            "up to 11,000 soldiers arrived in October",
            reported_by="organization:reuters",
            about=("force:wd:Q423",),
        ),
    )
    ev = Event(
        "Deployment",
        sp(t, "deployed"),
        actors=("wd:Q159",),
        force="force:wd:Q423",
        place="wd:Q3178",
        date="2024-10-01/2024-10-31",
        date_text="October",
        quantity=Quantity(11000, qualifier="up to", text="up to 11,000"),
        statement=0,
    )
    roles = (Role(ZEL, "President", "wd:Q212", sp(t, "Ukrainian President Volodymyr Zelenskiy")),)
    return art, Extraction(art.id, ENTITIES[:1] + ENTITIES[2:5] + ENTITIES[6:7] + ENTITIES[8:], (), roles, sts, (ev,))


def article_b() -> tuple[Article, Extraction]:
    t = TEXT_B
    art = Article(
        source="news/b.txt",
        text=t,
        title="Kovalenko on the Kursk front",
        published="2024-11-20",
        publisher="Other Wire",
        body_start=30,
    )
    sts = (
        _st(t, KOV, "Andrii Kovalenko", "said", "the North Koreans were used for assaults", about=("force:wd:Q423",)),
        _st(
            t,
            "wd:Q159",
            "Russia",
            "neither confirmed nor denied",
            "the use of North Korean troops",
            stance="neither",
            about=("force:wd:Q423",),
        ),
    )
    ev = Event(
        "Shelling",
        sp(t, "shelled"),
        actors=("force:wd:Q159",),
        place="wd:Q170174",
        date="2024-11-05",
        date_text="5 November",
    )
    roles = (Role(KOV, "official", None, sp(t, "Andrii Kovalenko")),)
    ents = tuple(
        e for e in ENTITIES if e.key in (KOV, "wd:Q159", "wd:Q212", "wd:Q170174", "force:wd:Q423", "force:wd:Q159")
    )
    return art, Extraction(art.id, ents, (), roles, sts, (ev,))


def fill(store: GraphStore) -> GraphStore:
    for art, ex in (article_a(), article_b()):
        store.replace_graph(article_iri(art.id), article_quads(art, ex))
    store.flush()
    return store


@pytest.fixture()
def hand_store() -> GraphStore:
    """An in-memory store with the two hand-built articles."""
    return fill(GraphStore())


@pytest.fixture(scope="session")
def hand_store_path(tmp_path_factory):
    """The hand-built articles in an on-disk store (for the endpoint's worker processes)."""
    path = tmp_path_factory.mktemp("handstore") / "store"
    store = fill(GraphStore(path))
    del store
    return path


@pytest.fixture(scope="session")
def endpoint(seed_store_path):
    """A running `kgraph serve` over the seed store on a free loopback port: its /sparql URL.

    A 2 s time limit and a 500-row limit, so the limit tests are quick.
    """
    from kgraph.query.server import make_server

    server = make_server(seed_store_path, "127.0.0.1", 0, timeout=2.0, max_rows=500, workers=2, log=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)
