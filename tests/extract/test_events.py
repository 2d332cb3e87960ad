"""Conflict events from the real pipeline: one table of sentences written for these tests.

Expected arguments are written as surface forms; an event's entity key matches when one
of the entity's names (label, aliases, mentions) is that form, so the table does not
depend on how the gazetteer spells its keys.
"""

from __future__ import annotations

import pytest

from kgraph.extract.entities import extract_entities
from kgraph.extract.events import EVENT_TYPES, extract_events, load_event_lexicon
from kgraph.extract.pipeline import nlp_text
from kgraph.extract.records import Span, Statement
from kgraph.read.article import Article

PUB = "2024-11-18"  # a Monday


def run(nlp, text, published=PUB, statements=()):
    doc = nlp(nlp_text(text))
    ents = extract_entities(doc)
    events = extract_events(doc, ents, list(statements), Article(source="test", text=text, published=published))
    return events, ents


def names(ents, key):
    """Every surface form of an entity key, casefolded (a derived "force:<country>" key: the country's)."""
    if key is None:
        return set()
    by_key = {e.key: e for e in ents.entities}
    if key not in by_key and key.startswith("force:"):
        key = key[len("force:"):]
    e = by_key.get(key)
    if e is None:
        return {key.casefold()}
    forms = {e.label, *e.aliases, *(m.text for m in e.mentions)}
    return {f.casefold() for f in forms}


def matches(ents, key, surface):
    return surface.casefold() in names(ents, key)


def check(event, ents, expected):
    for field, want in expected.items():
        if field == "type":
            assert event.type == want
        elif field in ("actors", "targets"):
            got = getattr(event, field)
            for surface in want:
                assert any(matches(ents, k, surface) for k in got), (field, surface, got)
        elif field in ("force", "place"):
            got = getattr(event, field)
            if want is None:
                assert got is None, (field, got)
            else:
                assert matches(ents, got, want), (field, want, got)
        elif field == "quantity":
            q = event.quantity
            assert q is not None, "no quantity"
            assert (q.value, q.min_value, q.max_value, q.qualifier) == want
        elif field == "status":
            assert dict(event.attributes).get("status") == want
        else:
            assert getattr(event, field) == want, (field, getattr(event, field))


def only(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, f"no {typ} in {[e.type for e in events]}"
    return found[0]


CASES = [
    # --- deployments: verbs, nominals, quantities and their qualifiers
    ("Belarus deployed about 10,000 soldiers to the border with Ukraine in March.",
     {"type": "Deployment", "actors": ["Belarus"], "force": "Belarus",
      "quantity": (10000, None, None, "about"), "date": "2024-03-01/2024-03-31"}),
    ("Iran has sent more than 3,000 troops to Syria since 2022.",
     {"type": "Deployment", "actors": ["Iran"], "place": "Syria",
      "quantity": (3000, 3000, None, "more than"), "date": "2022/.."}),
    ("Thousands of Chinese troops were stationed in Myanmar last month.",
     {"type": "Deployment", "force": "Chinese troops", "place": "Myanmar",
      "quantity": (None, 2000, None, "thousands of"), "date": "2024-10-01/2024-10-31"}),
    ("Between 10,000 and 12,000 North Korean soldiers arrived in Russia's Kursk region on Tuesday.",
     {"type": "Deployment", "force": "North Korean soldiers", "place": "Kursk region",
      "quantity": (None, 10000, 12000, "between"), "date": "2024-11-12"}),
    ("The Pentagon said 10,000-12,000 American troops will be moved to Poland next year.",
     {"type": "Deployment", "force": "American troops", "place": "Poland",
      "quantity": (None, 10000, 12000, "between"), "date": "2025-01-01/2025-12-31"}),
    ("Washington will send as many as 3,000 American soldiers to Romania next month.",
     {"type": "Deployment", "actors": ["Washington"], "force": "American soldiers", "place": "Romania",
      "quantity": (3000, None, 3000, "as many as"), "date": "2024-12-01/2024-12-31"}),
    ("The deployment of 5,000 British troops to Estonia was completed in May 2024.",
     {"type": "Deployment", "force": "British troops", "place": "Estonia",
      "quantity": (5000, None, None, None), "date": "2024-05-01/2024-05-31"}),
    ("Some 2,500 Belarusian soldiers were deployed by Minsk near the Polish border on Friday.",
     {"type": "Deployment", "actors": ["Belarus"], "force": "Belarusian soldiers",
      "quantity": (2500, None, None, "some"), "date": "2024-11-15"}),
    ("The presence of Iranian forces in Syria has grown since 2015.",
     {"type": "Deployment", "force": "Iranian forces", "place": "Syria", "date": "2015/.."}),
    ("India stationed more than 50,000 troops along the border with China in 2021.",
     {"type": "Deployment", "actors": ["India"], "force": "India", "quantity": (50000, 50000, None, "more than"),
      "date": "2021"}),
    ("Russia's deployment of Chechen fighters in Kherson drew criticism.",
     {"type": "Deployment", "actors": ["Russia"], "place": "Kherson"}),
    # a bare "troops" with a number is the force named last in the paragraph
    ("Pakistani forces have been placed on alert. Roughly 4,000 troops were moved to the Kashmir frontier on Sunday.",
     {"type": "Deployment", "force": "Pakistani forces", "quantity": (4000, None, None, "roughly"),
      "date": "2024-11-17"}),
    # troops integrated into another country's forces: that country deploys them
    ("Cuban officials said up to 2,000 Cuban soldiers had been integrated into Venezuelan forces in the region.",
     {"type": "Deployment", "actors": ["Venezuela"], "force": "Cuban soldiers",
      "quantity": (2000, None, 2000, "up to")}),
    ("Moscow has moved an estimated 5,000 paratroopers to Belarus ahead of the exercises.",
     {"type": "Deployment", "actors": ["Moscow"], "force": "Russia", "place": "Belarus",
      "quantity": (5000, None, None, "an estimated")}),
    ("Tens of thousands of Russian soldiers have been sent to the front since September.",
     {"type": "Deployment", "force": "Russian soldiers", "quantity": (None, 20000, None, "tens of thousands of"),
      "date": "2024-09-01/.."}),
    ("The Kremlin has denied sending Russian troops to Moldova.",
     {"type": "Deployment", "actors": ["Kremlin"], "force": "Russian troops", "place": "Moldova",
      "status": "denied"}),
    ("About 3,000 North Korean soldiers are now in Russia's Kursk region.",
     {"type": "Deployment", "actors": ["North Korea"], "force": "North Korean soldiers", "place": "Kursk region",
      "quantity": (3000, None, None, "about")}),
    ("Some 1,000 American troops remain in northeastern Syria.",
     {"type": "Deployment", "force": "American troops", "place": "Syria", "quantity": (1000, None, None, "some")}),
    # --- attacks, with weapon classes, counts and casualties
    ("Kyiv said Russian forces had launched 45 drones and six missiles overnight.",
     {"type": "AirStrike", "actors": ["Russian forces"], "weapon": "drones", "quantity": (45, None, None, None)}),
    ("Two people were killed when a Russian missile hit an apartment block in Dnipro on Sunday.",
     {"type": "Shelling", "actors": ["Russian"], "weapon": "missiles", "place": "Dnipro", "date": "2024-11-17",
      "casualties": "Two people killed"}),
    ("A car bomb exploded near the market, killing at least seven people.",
     {"type": "Attack", "weapon": "explosives", "casualties": "killing at least seven people"}),
    ("Turkish forces launched drone strikes on Kurdish positions in northern Syria, killing 12 fighters.",
     {"type": "AirStrike", "actors": ["Turkish forces"], "weapon": "drones", "place": "Syria",
      "casualties": "killing 12 fighters"}),
    ("Russian forces shelled Kharkiv overnight, wounding at least 20 civilians.",
     {"type": "Shelling", "actors": ["Russian forces"], "place": "Kharkiv",
      "casualties": "wounding at least 20 civilians"}),
    ("Israeli warplanes struck Gaza City on Monday.",
     {"type": "AirStrike", "actors": ["Israel"], "weapon": "air strikes", "place": "Gaza City", "date": "2024-11-18"}),
    ("Ukraine launched a missile attack on the Crimean bridge in July.",
     {"type": "AirStrike", "actors": ["Ukraine"], "weapon": "missiles", "date": "2024-07-01/2024-07-31"}),
    ("Russia carried out over 150 air strikes in Donetsk last week.",
     {"type": "AirStrike", "actors": ["Russia"], "place": "Donetsk", "quantity": (150, 150, None, "over"),
      "date": "2024-11-11/2024-11-17"}),
    ("Russian forces struck Kharkiv with missiles.",
     {"type": "Shelling", "actors": ["Russian forces"], "weapon": "missiles", "place": "Kharkiv"}),
    ("Ukrainian drones struck an oil refinery in the Bryansk region overnight.",
     {"type": "AirStrike", "actors": ["Ukraine"], "weapon": "drones", "place": "Bryansk region"}),
    ("Russian troops ambushed a Ukrainian convoy near Kupiansk, killing five soldiers.",
     {"type": "Attack", "actors": ["Russian troops"], "place": "Kupiansk", "casualties": "killing five soldiers"}),
    ("Israel bombed Hezbollah targets in southern Lebanon on Sunday.",
     {"type": "Attack", "actors": ["Israel"], "targets": ["Hezbollah"], "place": "Lebanon", "date": "2024-11-17"}),
    ("The Myanmar military carried out airstrikes on villages in Sagaing last week.",
     {"type": "AirStrike", "actors": ["Myanmar military"], "place": "Sagaing", "date": "2024-11-11/2024-11-17"}),
    ("Ukrainian troops stormed Russian positions near Bakhmut.",
     {"type": "Attack", "actors": ["Ukrainian troops"], "targets": ["Russian"], "place": "Bakhmut"}),
    ("Russian artillery fired dozens of shells at Kherson on Saturday.",
     {"type": "Shelling", "weapon": "artillery", "place": "Kherson", "date": "2024-11-16"}),
    ("An Israeli air strike on Rafah killed 25 people on Tuesday.",
     {"type": "AirStrike", "actors": ["Israel"], "place": "Rafah", "casualties": "killed 25 people",
      "date": "2024-11-12"}),
    # --- clashes, incursions, offensives, advances
    ("Sudanese army troops clashed with Rapid Support Forces in Khartoum.",
     {"type": "ArmedClash", "targets": ["Rapid Support Forces"], "place": "Khartoum"}),
    ("Fighting between Armenia and Azerbaijan erupted in September 2020.",
     {"type": "ArmedClash", "actors": ["Armenia", "Azerbaijan"], "date": "2020-09-01/2020-09-30"}),
    ("Heavy fighting between Ukrainian and Russian forces continued around Toretsk.",
     {"type": "ArmedClash", "actors": ["Russian forces", "Ukrainian"], "place": "Toretsk"}),
    ("Russia invaded Ukraine on February 24, 2022.",
     {"type": "Incursion", "actors": ["Russia"], "place": "Ukraine", "date": "2022-02-24"}),
    ("Azerbaijan's incursion into Armenian territory in September 2022 drew condemnation.",
     {"type": "Incursion", "actors": ["Azerbaijan"], "date": "2022-09-01/2022-09-30"}),
    ("Ukraine's counteroffensive in the south began in June 2023.",
     {"type": "Offensive", "actors": ["Ukraine"], "date": "2023-06-01/2023-06-30"}),
    ("Russian forces launched an offensive toward Kharkiv in May.",
     {"type": "Offensive", "actors": ["Russian forces"], "place": "Kharkiv", "date": "2024-05-01/2024-05-31"}),
    ("Russian troops advanced toward Pokrovsk in October.",
     {"type": "Advance", "actors": ["Russian troops"], "place": "Pokrovsk", "date": "2024-10-01/2024-10-31"}),
    ("Ukrainian forces advanced about 10 kilometres into the Kursk region in August.",
     {"type": "Advance", "actors": ["Ukrainian forces"], "place": "Kursk region", "date": "2024-08-01/2024-08-31"}),
    # --- territory
    ("Hamas militants seized the town of Sderot on October 7, 2023.",
     {"type": "Seizure", "actors": ["Hamas"], "place": "Sderot", "date": "2023-10-07"}),
    ("Russian forces captured Avdiivka in February.",
     {"type": "Seizure", "actors": ["Russian forces"], "place": "Avdiivka", "date": "2024-02-01/2024-02-29"}),
    ("Wagner mercenaries captured the town of Soledar in January 2023.",
     {"type": "Seizure", "place": "Soledar", "date": "2023-01-01/2023-01-31"}),
    ("The border town, taken by Azerbaijan during its offensive, was returned in 2021.",
     {"type": "Seizure", "actors": ["Azerbaijan"]}),
    ("Rebels overran an army base in eastern Congo last week, seizing weapons.",
     {"type": "Seizure", "place": "Congo", "date": "2024-11-11/2024-11-17"}),
    ("The pocket held by Ukraine in the Kursk region shrank in November.",
     {"type": "Seizure", "actors": ["Ukraine"], "place": "Kursk region", "status": "held"}),
    ("Ukraine recaptured Kherson in November 2022.",
     {"type": "Recapture", "actors": ["Ukraine"], "place": "Kherson", "date": "2022-11-01/2022-11-30"}),
    ("Syrian government forces retook Aleppo after a long siege.",
     {"type": "Recapture", "place": "Aleppo"}),
    ("Ukrainian troops liberated the village of Robotyne in August 2023.",
     {"type": "Recapture", "actors": ["Ukrainian troops"], "place": "Robotyne", "date": "2023-08-01/2023-08-31"}),
    ("Russia withdrew its troops from Kherson in 2022.",
     {"type": "Withdrawal", "actors": ["Russia"], "force": "Russia", "place": "Kherson", "date": "2022"}),
    ("French troops pulled out of Mali last year.",
     {"type": "Withdrawal", "actors": ["French troops"], "place": "Mali", "date": "2023-01-01/2023-12-31"}),
    ("Ethiopian troops withdrew from the Tigray region last year.",
     {"type": "Withdrawal", "actors": ["Ethiopian troops"], "place": "Tigray"}),
    # --- diplomacy
    ("Vladimir Putin met Xi Jinping in Beijing on May 16, 2024.",
     {"type": "Meeting", "actors": ["Vladimir Putin"], "targets": ["Xi Jinping"], "place": "Beijing",
      "date": "2024-05-16"}),
    ("Antony Blinken will meet Wang Yi in Washington next week.",
     {"type": "Meeting", "targets": ["Wang Yi"], "place": "Washington", "date": "2024-11-25/2024-12-01",
      "status": "planned"}),
    ("The Polish president is due to visit Kyiv on Thursday.",
     {"type": "Meeting", "place": "Kyiv", "date": "2024-11-21", "status": "planned"}),
    ("The leaders of France and Germany held talks in Berlin yesterday.",
     {"type": "Meeting", "actors": ["France", "Germany"], "place": "Berlin", "date": "2024-11-17"}),
    ("Recep Tayyip Erdogan hosted Vladimir Putin in Istanbul on Thursday.",
     {"type": "Meeting", "targets": ["Vladimir Putin"], "place": "Istanbul", "date": "2024-11-14"}),
    ("Xi Jinping will host Vladimir Putin in Beijing next month for talks on energy.",
     {"type": "Meeting", "actors": ["Xi Jinping"], "targets": ["Vladimir Putin"], "place": "Beijing",
      "date": "2024-12-01/2024-12-31", "status": "planned"}),
    ("North Korea and Russia agreed to deepen military cooperation.",
     {"type": "Alliance", "actors": ["North Korea", "Russia"]}),
    ("Russia and Iran signed a strategic partnership treaty in January 2025.",
     {"type": "Alliance", "actors": ["Russia", "Iran"], "date": "2025-01-01/2025-01-31"}),
    ("The alliance between Moscow and Beijing has deepened since 2022.",
     {"type": "Alliance", "actors": ["Moscow", "Beijing"], "date": "2022/.."}),
    ("China and Russia have deepened their partnership since 2022.",
     {"type": "Alliance", "actors": ["China", "Russia"]}),
    ("Pyongyang signed a mutual defence pact with Moscow in June.",
     {"type": "Alliance", "actors": ["Pyongyang", "Moscow"], "date": "2024-06-01/2024-06-30"}),
    ("The United Nations called on Israel to allow aid into Gaza.",
     {"type": "Appeal", "actors": ["United Nations"], "targets": ["Israel"]}),
    ("Lithuania called for a permanent NATO presence on its territory.",
     {"type": "Appeal", "actors": ["Lithuania"]}),
    ("Volodymyr Zelenskiy pressed for more air defence systems.",
     {"type": "Appeal", "actors": ["Volodymyr Zelenskiy"]}),
    ("Poland appealed to NATO for more troops.",
     {"type": "Appeal", "actors": ["Poland"], "targets": ["NATO"]}),
    ("The European Union urged Serbia and Kosovo to resume talks.",
     {"type": "Appeal", "actors": ["European Union"], "targets": ["Serbia", "Kosovo"]}),
    ("Poland demanded that Belarus withdraw its troops from the border.",
     {"type": "Appeal", "actors": ["Poland"], "targets": ["Belarus"]}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_event_table(nlp, text, expected):
    events, ents = run(nlp, text)
    check(only(events, expected["type"]), ents, expected)


@pytest.mark.parametrize("text", [
    "The minister took a short break before the vote.",
    "Opposition lawmakers attacked the budget plan on Tuesday.",
    "Joe Biden's attacks on Donald Trump grew sharper after the debate.",
    "The company sent a letter to its shareholders.",
    "He held the trophy above his head.",
    "The striker scored twice in the second half.",
    "Prices advanced sharply in October.",
    "The soldiers were tired after the march.",
    "Iran and the United States struck a deal in Vienna.",
    "Workers in France began a general strike on Monday.",
    "The Russian general died of a heart attack in Moscow.",
    "The minister pressed the button.",
    "",
    "They deployed.",
])
def test_no_event(nlp, text):
    events, _ents = run(nlp, text)
    assert events == []


def test_demanded_events_are_marked(nlp):
    events, _ents = run(nlp, "The European Union urged Serbia and Kosovo to resume talks.")
    talks = [e for e in events if e.type == "Meeting"]
    assert all(dict(e.attributes).get("status") == "demanded" for e in talks)


def test_relative_date_without_publication_date(nlp):
    events, _ents = run(nlp, "Antony Blinken will meet Wang Yi in Washington next week.", published=None)
    meeting = only(events, "Meeting")
    assert meeting.date is None and meeting.date_text == "next week"


def test_deployments_of_one_force_merge(nlp):
    text = ("Iran has sent Iranian troops to Syria.\n"
            "Officials estimate that more than 3,000 Iranian troops are now based near Damascus.\n"
            "Their deployment began in 2015.")
    events, ents = run(nlp, text)
    deps = [e for e in events if e.type == "Deployment"]
    assert len(deps) == 1
    dep = deps[0]
    assert matches(ents, dep.force, "Iranian troops")
    assert (dep.quantity.value, dep.quantity.qualifier) == (3000, "more than")
    assert dict(dep.attributes)["mentions"] == "3"


def test_region_anaphor_resolves_to_named_region(nlp):
    text = ("Fighting continues in the Belgorod region.\n"
            "About 1,500 Chechen fighters were deployed to Russia's border areas. "
            "Russian artillery pounded villages in the region.")
    events, ents = run(nlp, text)
    shelling = only(events, "Shelling")
    assert matches(ents, shelling.place, "Belgorod region")


def test_event_links_to_statement_holding_trigger(nlp):
    text = "Officials said that up to 900 Syrian troops had been sent to Libya in June."
    start = text.index("up to")
    stmt = Statement(speaker=None, speaker_span=None, cue="said", cue_span=Span(10, 14, "said"),
                     text=text[start:-1], span=Span(start, len(text) - 1, text[start:-1]), kind="indirect")
    other = Statement(speaker=None, speaker_span=None, cue="added", cue_span=None, text="x",
                      span=Span(0, 5, "Offic"), kind="indirect")
    events, _ents = run(nlp, text, statements=[other, stmt])
    dep = only(events, "Deployment")
    assert dep.statement == 1
    assert (dep.quantity.value, dep.quantity.qualifier) == (900, "up to")
    assert dep.date == "2024-06-01/2024-06-30"


def test_appeal_links_to_statement_by_cue(nlp):
    text = "Kyiv urged its allies to send more air defences."
    cue = text.index("urged")
    content = text.index("its allies")
    stmt = Statement(speaker=None, speaker_span=None, cue="urged", cue_span=Span(cue, cue + 5, "urged"),
                     text=text[content:-1], span=Span(content, len(text) - 1, text[content:-1]), kind="indirect")
    events, _ents = run(nlp, text, statements=[stmt])
    assert only(events, "Appeal").statement == 0


def test_event_types_are_the_ontology_classes():
    from kgraph.paths import ontology_dir
    rows = [ln.split("\t") for ln in (ontology_dir() / "event_types.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    header, body = rows[0], rows[1:]
    assert header == ["class", "parent", "acled_event_type", "acled_sub_event_type", "plover", "description"]
    classes = {r[0] for r in body}
    assert classes == set(EVENT_TYPES)
    assert all(r[1] == "Event" or r[1] in classes for r in body)
    lex = load_event_lexicon()
    used = {t.cls for ts in (*lex.verbs.values(), *lex.nouns.values()) for t in ts}
    assert used <= classes
    assert {cls for _w, (_n, cls) in lex.weapons.items()} <= classes


def test_seed_article(nlp):
    from pathlib import Path
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_815a57848530bec3.txt"
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
    assert {next(iter(names(ents, a) & {"north korea", "russia"})) for a in alliance.actors} == {"north korea", "russia"}
