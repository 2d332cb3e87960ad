"""Attacks, clashes, offensives and territory (`violence.py`): weapons, counts, casualties, places."""

from __future__ import annotations

import pytest

from ._helpers import check, only, run

CASES = [
    # --- attacks, with weapon classes, counts and casualties
    (
        "Kyiv said Russian forces had launched 45 drones and six missiles overnight.",
        {"type": "AirStrike", "actors": ["Russian forces"], "weapon": "drones", "quantity": (45, None, None, None)},
    ),
    (
        "Two people were killed when a Russian missile hit an apartment block in Dnipro on Sunday.",
        {
            "type": "Shelling",
            "actors": ["Russian"],
            "weapon": "missiles",
            "place": "Dnipro",
            "date": "2024-11-17",
            "casualties": "Two people killed",
        },
    ),
    (
        "A car bomb exploded near the market, killing at least seven people.",
        {"type": "Attack", "weapon": "explosives", "casualties": "killing at least seven people"},
    ),
    (
        "Turkish forces launched drone strikes on Kurdish positions in northern Syria, killing 12 fighters.",
        {
            "type": "AirStrike",
            "actors": ["Turkish forces"],
            "weapon": "drones",
            "place": "Syria",
            "casualties": "killing 12 fighters",
        },
    ),
    (
        "Russian forces shelled Kharkiv overnight, wounding at least 20 civilians.",
        {
            "type": "Shelling",
            "actors": ["Russian forces"],
            "place": "Kharkiv",
            "casualties": "wounding at least 20 civilians",
        },
    ),
    (
        "Israeli warplanes struck Gaza City on Monday.",
        {
            "type": "AirStrike",
            "actors": ["Israel"],
            "weapon": "air strikes",
            "place": "Gaza City",
            "date": "2024-11-18",
        },
    ),
    (
        "Ukraine launched a missile attack on the Crimean bridge in July.",
        {"type": "AirStrike", "actors": ["Ukraine"], "weapon": "missiles", "date": "2024-07-01/2024-07-31"},
    ),
    (
        "Russia carried out over 150 air strikes in Donetsk last week.",
        {
            "type": "AirStrike",
            "actors": ["Russia"],
            "place": "Donetsk",
            "quantity": (150, 150, None, "over"),
            "date": "2024-11-11/2024-11-17",
        },
    ),
    (
        "Russian forces struck Kharkiv with missiles.",
        {"type": "Shelling", "actors": ["Russian forces"], "weapon": "missiles", "place": "Kharkiv"},
    ),
    (
        "Ukrainian drones struck an oil refinery in the Bryansk region overnight.",
        {"type": "AirStrike", "actors": ["Ukraine"], "weapon": "drones", "place": "Bryansk region"},
    ),
    (
        "Russian troops ambushed a Ukrainian convoy near Kupiansk, killing five soldiers.",
        {"type": "Attack", "actors": ["Russian troops"], "place": "Kupiansk", "casualties": "killing five soldiers"},
    ),
    (
        "Israel bombed Hezbollah targets in southern Lebanon on Sunday.",
        {"type": "Attack", "actors": ["Israel"], "targets": ["Hezbollah"], "place": "Lebanon", "date": "2024-11-17"},
    ),
    (
        "The Myanmar military carried out airstrikes on villages in Sagaing last week.",
        {"type": "AirStrike", "actors": ["Myanmar military"], "place": "Sagaing", "date": "2024-11-11/2024-11-17"},
    ),
    (
        "Ukrainian troops stormed Russian positions near Bakhmut.",
        {"type": "Attack", "actors": ["Ukrainian troops"], "targets": ["Russian"], "place": "Bakhmut"},
    ),
    (
        "Russian artillery fired dozens of shells at Kherson on Saturday.",
        {"type": "Shelling", "weapon": "artillery", "place": "Kherson", "date": "2024-11-16"},
    ),
    (
        "An Israeli air strike on Rafah killed 25 people on Tuesday.",
        {
            "type": "AirStrike",
            "actors": ["Israel"],
            "place": "Rafah",
            "casualties": "killed 25 people",
            "date": "2024-11-12",
        },
    ),
    # --- clashes, incursions, offensives, advances
    (
        "Sudanese army troops clashed with Rapid Support Forces in Khartoum.",
        {"type": "ArmedClash", "targets": ["Rapid Support Forces"], "place": "Khartoum"},
    ),
    (
        "Fighting between Armenia and Azerbaijan erupted in September 2020.",
        {"type": "ArmedClash", "actors": ["Armenia", "Azerbaijan"], "date": "2020-09-01/2020-09-30"},
    ),
    (
        "Heavy fighting between Ukrainian and Russian forces continued around Toretsk.",
        {"type": "ArmedClash", "actors": ["Russian forces", "Ukrainian"], "place": "Toretsk"},
    ),
    (
        "Russia invaded Ukraine on February 24, 2022.",
        {"type": "Incursion", "actors": ["Russia"], "place": "Ukraine", "date": "2022-02-24"},
    ),
    (
        "Azerbaijan's incursion into Armenian territory in September 2022 drew condemnation.",
        {"type": "Incursion", "actors": ["Azerbaijan"], "date": "2022-09-01/2022-09-30"},
    ),
    (
        "Ukraine's counteroffensive in the south began in June 2023.",
        {"type": "Offensive", "actors": ["Ukraine"], "date": "2023-06-01/2023-06-30"},
    ),
    (
        "Russian forces launched an offensive toward Kharkiv in May.",
        {"type": "Offensive", "actors": ["Russian forces"], "place": "Kharkiv", "date": "2024-05-01/2024-05-31"},
    ),
    (
        "Russian troops advanced toward Pokrovsk in October.",
        {"type": "Advance", "actors": ["Russian troops"], "place": "Pokrovsk", "date": "2024-10-01/2024-10-31"},
    ),
    (
        "Ukrainian forces advanced about 10 kilometres into the Kursk region in August.",
        {"type": "Advance", "actors": ["Ukrainian forces"], "place": "Kursk region", "date": "2024-08-01/2024-08-31"},
    ),
    # --- territory
    (
        "Hamas militants seized the town of Sderot on October 7, 2023.",
        {"type": "Seizure", "actors": ["Hamas"], "place": "Sderot", "date": "2023-10-07"},
    ),
    (
        "Russian forces captured Avdiivka in February.",
        {"type": "Seizure", "actors": ["Russian forces"], "place": "Avdiivka", "date": "2024-02-01/2024-02-29"},
    ),
    (
        "Wagner mercenaries captured the town of Soledar in January 2023.",
        {"type": "Seizure", "place": "Soledar", "date": "2023-01-01/2023-01-31"},
    ),
    (
        "The border town, taken by Azerbaijan during its offensive, was returned in 2021.",
        {"type": "Seizure", "actors": ["Azerbaijan"]},
    ),
    (
        "Rebels overran an army base in eastern Congo last week, seizing weapons.",
        {"type": "Seizure", "place": "Congo", "date": "2024-11-11/2024-11-17"},
    ),
    (
        "The pocket held by Ukraine in the Kursk region shrank in November.",
        {"type": "Seizure", "actors": ["Ukraine"], "place": "Kursk region", "status": "held"},
    ),
    (
        "Ukraine recaptured Kherson in November 2022.",
        {"type": "Recapture", "actors": ["Ukraine"], "place": "Kherson", "date": "2022-11-01/2022-11-30"},
    ),
    ("Syrian government forces retook Aleppo after a long siege.", {"type": "Recapture", "place": "Aleppo"}),
    (
        "Ukrainian troops liberated the village of Robotyne in August 2023.",
        {"type": "Recapture", "actors": ["Ukrainian troops"], "place": "Robotyne", "date": "2023-08-01/2023-08-31"},
    ),
    (
        "Russia withdrew its troops from Kherson in 2022.",
        {"type": "Withdrawal", "actors": ["Russia"], "force": "Russia", "place": "Kherson", "date": "2022"},
    ),
    (
        "French troops pulled out of Mali last year.",
        {"type": "Withdrawal", "actors": ["French troops"], "place": "Mali", "date": "2023-01-01/2023-12-31"},
    ),
    (
        "Ethiopian troops withdrew from the Tigray region last year.",
        {"type": "Withdrawal", "actors": ["Ethiopian troops"], "place": "Tigray"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_violence_table(nlp, text, expected):
    events, ents = run(nlp, text)
    check(only(events, expected["type"]), ents, expected)
