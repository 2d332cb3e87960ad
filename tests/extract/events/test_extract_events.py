"""The event stage as a whole (`extract_events` and its `PASSES`) on the seed article."""

from __future__ import annotations

from ._helpers import matches, names, only, run


def test_seed_article(nlp):
    from pathlib import Path

    seed = Path(__file__).resolve().parents[3] / "seeds" / "000_815a57848530bec3.txt"
    events, ents = run(nlp, seed.read_text(encoding="utf-8"))
    dep = only(events, "Deployment")
    assert matches(ents, dep.force, "North Korean troops")
    assert any(matches(ents, a, "Russia") for a in dep.actors)
    assert matches(ents, dep.place, "Kursk region")
    assert (dep.quantity.value, dep.quantity.qualifier) == (11000, "up to")
    assert len([e for e in events if e.type == "Deployment"]) == 1
    assert matches(ents, only(events, "Incursion").actors[0], "Ukraine")
    assert only(events, "Incursion").date == "2024-08-01/2024-08-31"
    assert matches(ents, only(events, "Recapture").actors[0], "Russia")
    shelling = only(events, "Shelling")
    assert (shelling.quantity.value, shelling.quantity.qualifier, shelling.weapon) == (200, "over", "artillery")
    assert only(events, "AirStrike").weapon == "glide bombs"
    meeting = only(events, "Meeting")
    assert matches(ents, meeting.place, "Brussels") and meeting.date == "2024-11-25/2024-12-01"
    alliance = only(events, "Alliance")
    assert {next(iter(names(ents, a) & {"north korea", "russia"})) for a in alliance.actors} == {
        "north korea",
        "russia",
    }


def test_passes_run_in_order():
    from kgraph.extract.events import PASSES

    assert [p.__name__ for p in PASSES] == [
        "draft_events",
        "share_arguments",
        "mark_demands",
        "to_records",
        "merge_records",
    ]


def test_shared_index_gives_the_same_events(nlp):
    from kgraph.extract.doc_index import DocIndex
    from kgraph.extract.entities import extract_entities
    from kgraph.extract.events import extract_events
    from kgraph.extract.pipeline import nlp_text
    from kgraph.read.article import Article

    text = "Russia sent 5,000 troops to Belarus in March. Its forces shelled Kharkiv on Sunday."
    doc = nlp(nlp_text(text))
    article = Article(source="test", text=text, published="2024-11-18")
    index = DocIndex(doc)
    ents = extract_entities(doc, index=index)
    shared = extract_events(doc, ents, [], article, index=index.add_entities(ents))
    assert shared == extract_events(doc, ents, [], article)
    assert {e.type for e in shared} >= {"Deployment", "Shelling"}
