"""A small hand-built store whose every link is known: three articles, events, posts, statements.

Article A (2024-11-01): a deployment (Russia, North Korean troops, Kursk, October 2024),
an attack (Ukraine on Russian forces in Kursk, 2024-10-30), an alliance (Russia, North
Korea), a post (Zelenskiy, President of Ukraine) and a statement by Zelenskiy about Russia.
Article B (2024-11-18): another deployment of the troops and a statement about North Korea
and Russia. Article C (no date): Reuters and Moldova, nothing linking them.
"""

from __future__ import annotations

import pytest

from kgraph.extract.records import Entity, Event, Extraction, Mention, Role, Span, Statement
from kgraph.graph.build import article_iri, article_quads, entity_iri
from kgraph.graph.store import GraphStore
from kgraph.read.article import Article

TEXT_A = (
    "Russia deployed North Korean troops to Kursk. Ukraine attacked Russian forces in Kursk. "
    "Zelenskiy, the President of Ukraine, said Russia was escalating. "
    "Russia and North Korea signed an alliance."
)
TEXT_B = "Russia deployed more North Korean troops. Zelenskiy said North Korea was helping Russia."
TEXT_C = "Reuters reported on Moldova."

RUSSIA, UKRAINE, NK = "wd:Q159", "wd:Q212", "wd:Q423"
NK_TROOPS, RU_FORCES = "force:wd:Q423", "force:wd:Q159"
KURSK, ZELENSKIY, REUTERS, MOLDOVA = "location:kursk", "person:volodymyr zelenskiy", "org:reuters", "location:moldova"


def iri(key: str) -> str:
    return entity_iri(key)


def span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def _sentence(text: str, start: int) -> int:
    return text[:start].count(". ")


def mention(text: str, phrase: str, key: str, kind: str, nth: int = 0) -> Mention:
    sp = span(text, phrase, nth)
    return Mention(sp, kind, _sentence(text, sp.start), key)


ENTITIES = {
    RUSSIA: Entity(RUSSIA, "Russia", "Country", wikidata="Q159"),
    UKRAINE: Entity(UKRAINE, "Ukraine", "Country", wikidata="Q212"),
    NK: Entity(NK, "North Korea", "Country", wikidata="Q423"),
    NK_TROOPS: Entity(NK_TROOPS, "North Korean troops", "MilitaryForce", country=NK),
    RU_FORCES: Entity(RU_FORCES, "Russian forces", "MilitaryForce", country=RUSSIA),
    KURSK: Entity(KURSK, "Kursk", "Location"),
    ZELENSKIY: Entity(ZELENSKIY, "Volodymyr Zelenskiy", "Person", aliases=("Zelenskiy",)),
    REUTERS: Entity(REUTERS, "Reuters", "Organization"),
    MOLDOVA: Entity(MOLDOVA, "Moldova", "Location"),
}


def article_a() -> tuple[Article, Extraction]:
    t = TEXT_A
    art = Article(source="a.txt", text=t, title="Deployment", published="2024-11-01")
    mentions = (
        mention(t, "Russia", RUSSIA, "Country"),
        mention(t, "North Korean troops", NK_TROOPS, "MilitaryForce"),
        mention(t, "Kursk", KURSK, "Location"),
        mention(t, "Ukraine", UKRAINE, "Country"),
        mention(t, "Russian forces", RU_FORCES, "MilitaryForce"),
        mention(t, "Kursk", KURSK, "Location", 1),
        mention(t, "Zelenskiy", ZELENSKIY, "Person"),
        mention(t, "Ukraine", UKRAINE, "Country", 1),
        mention(t, "Russia", RUSSIA, "Country", 2),
        mention(t, "Russia", RUSSIA, "Country", 3),
        mention(t, "North Korea", NK, "Country", 1),
    )
    said = Statement(
        speaker=ZELENSKIY,
        speaker_span=span(t, "Zelenskiy"),
        cue="said",
        cue_span=span(t, "said"),
        text="Russia was escalating",
        span=span(t, "Russia was escalating"),
        kind="indirect",
        about=(RUSSIA,),
    )
    events = (
        Event(
            "Deployment",
            span(t, "deployed"),
            actors=(RUSSIA,),
            force=NK_TROOPS,
            place=KURSK,
            date="2024-10-01/2024-10-31",
        ),
        Event("Attack", span(t, "attacked"), actors=(UKRAINE,), targets=(RU_FORCES,), place=KURSK, date="2024-10-30"),
        Event("Alliance", span(t, "signed an alliance"), actors=(RUSSIA, NK)),
    )
    roles = (Role(ZELENSKIY, "President", UKRAINE, span(t, "the President of Ukraine")),)
    ents = tuple(ENTITIES[k] for k in (RUSSIA, UKRAINE, NK, NK_TROOPS, RU_FORCES, KURSK, ZELENSKIY))
    return art, Extraction(art.id, ents, mentions, roles, (said,), events)


def article_b() -> tuple[Article, Extraction]:
    t = TEXT_B
    art = Article(source="b.txt", text=t, title="More troops", published="2024-11-18")
    mentions = (
        mention(t, "Russia", RUSSIA, "Country"),
        mention(t, "North Korean troops", NK_TROOPS, "MilitaryForce"),
        mention(t, "Zelenskiy", ZELENSKIY, "Person"),
        mention(t, "North Korea", NK, "Country", 1),
        mention(t, "Russia", RUSSIA, "Country", 1),
    )
    said = Statement(
        speaker=ZELENSKIY,
        speaker_span=span(t, "Zelenskiy"),
        cue="said",
        cue_span=span(t, "said"),
        text="North Korea was helping Russia",
        span=span(t, "North Korea was helping Russia"),
        kind="indirect",
        about=(NK, RUSSIA),
    )
    events = (Event("Deployment", span(t, "deployed"), actors=(RUSSIA,), force=NK_TROOPS),)
    ents = tuple(ENTITIES[k] for k in (RUSSIA, NK, NK_TROOPS, ZELENSKIY))
    return art, Extraction(art.id, ents, mentions, (), (said,), events)


def article_c() -> tuple[Article, Extraction]:
    t = TEXT_C
    art = Article(source="c.txt", text=t)
    mentions = (mention(t, "Reuters", REUTERS, "Organization"), mention(t, "Moldova", MOLDOVA, "Location"))
    return art, Extraction(art.id, (ENTITIES[REUTERS], ENTITIES[MOLDOVA]), mentions, ())


def make_store(*articles) -> GraphStore:
    store = GraphStore()
    for art, ex in articles:
        store.replace_graph(article_iri(art.id), article_quads(art, ex))
    return store


@pytest.fixture()
def toy_store() -> GraphStore:
    return make_store(article_a(), article_b(), article_c())


@pytest.fixture()
def toy_ids() -> dict[str, str]:
    """Article ids of the toy store: a, b, c."""
    return {name: f()[0].id for name, f in (("a", article_a), ("b", article_b), ("c", article_c))}


def make_store_on_disk(path, *articles):
    store = GraphStore(path)
    for art, ex in articles:
        store.replace_graph(article_iri(art.id), article_quads(art, ex))
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def toy_store_path(tmp_path_factory):
    """The toy store on disk, for the CLI: built once per module, only read by the tests."""
    return make_store_on_disk(tmp_path_factory.mktemp("toy") / "toy", article_a(), article_b(), article_c())
