"""Deployments (`deployment.py`): verbs, nominals, quantities and their qualifiers, forces."""

from __future__ import annotations

import pytest

from ._helpers import check, only, run

CASES = [
    # --- deployments: verbs, nominals, quantities and their qualifiers
    (
        "Belarus deployed about 10,000 soldiers to the border with Ukraine in March.",
        {
            "type": "Deployment",
            "actors": ["Belarus"],
            "force": "Belarus",
            "quantity": (10000, None, None, "about"),
            "date": "2024-03-01/2024-03-31",
        },
    ),
    (
        "Iran has sent more than 3,000 troops to Syria since 2022.",
        {
            "type": "Deployment",
            "actors": ["Iran"],
            "place": "Syria",
            "quantity": (3000, 3000, None, "more than"),
            "date": "2022/..",
        },
    ),
    (
        "Thousands of Chinese troops were stationed in Myanmar last month.",
        {
            "type": "Deployment",
            "force": "Chinese troops",
            "place": "Myanmar",
            "quantity": (None, 2000, None, "thousands of"),
            "date": "2024-10-01/2024-10-31",
        },
    ),
    (
        "Between 10,000 and 12,000 North Korean soldiers arrived in Russia's Kursk region on Tuesday.",
        {
            "type": "Deployment",
            "force": "North Korean soldiers",
            "place": "Kursk region",
            "quantity": (None, 10000, 12000, "between"),
            "date": "2024-11-12",
        },
    ),
    (
        "The Pentagon said 10,000-12,000 American troops will be moved to Poland next year.",
        {
            "type": "Deployment",
            "force": "American troops",
            "place": "Poland",
            "quantity": (None, 10000, 12000, "between"),
            "date": "2025-01-01/2025-12-31",
        },
    ),
    (
        "Washington will send as many as 3,000 American soldiers to Romania next month.",
        {
            "type": "Deployment",
            "actors": ["Washington"],
            "force": "American soldiers",
            "place": "Romania",
            "quantity": (3000, None, 3000, "as many as"),
            "date": "2024-12-01/2024-12-31",
        },
    ),
    (
        "The deployment of 5,000 British troops to Estonia was completed in May 2024.",
        {
            "type": "Deployment",
            "force": "British troops",
            "place": "Estonia",
            "quantity": (5000, None, None, None),
            "date": "2024-05-01/2024-05-31",
        },
    ),
    (
        "Some 2,500 Belarusian soldiers were deployed by Minsk near the Polish border on Friday.",
        {
            "type": "Deployment",
            "actors": ["Belarus"],
            "force": "Belarusian soldiers",
            "quantity": (2500, None, None, "some"),
            "date": "2024-11-15",
        },
    ),
    (
        "The presence of Iranian forces in Syria has grown since 2015.",
        {"type": "Deployment", "force": "Iranian forces", "place": "Syria", "date": "2015/.."},
    ),
    (
        "India stationed more than 50,000 troops along the border with China in 2021.",
        {
            "type": "Deployment",
            "actors": ["India"],
            "force": "India",
            "quantity": (50000, 50000, None, "more than"),
            "date": "2021",
        },
    ),
    (
        "Russia's deployment of Chechen fighters in Kherson drew criticism.",
        {"type": "Deployment", "actors": ["Russia"], "place": "Kherson"},
    ),
    # a bare "troops" with a number is the force named last in the paragraph
    (
        "Pakistani forces have been placed on alert. Roughly 4,000 troops were moved to the Kashmir frontier on Sunday.",
        {
            "type": "Deployment",
            "force": "Pakistani forces",
            "quantity": (4000, None, None, "roughly"),
            "date": "2024-11-17",
        },
    ),
    # troops integrated into another country's forces: that country deploys them
    (
        "Cuban officials said up to 2,000 Cuban soldiers had been integrated into Venezuelan forces in the region.",
        {
            "type": "Deployment",
            "actors": ["Venezuela"],
            "force": "Cuban soldiers",
            "quantity": (2000, None, 2000, "up to"),
        },
    ),
    (
        "Moscow has moved an estimated 5,000 paratroopers to Belarus ahead of the exercises.",
        {
            "type": "Deployment",
            "actors": ["Moscow"],
            "force": "Russia",
            "place": "Belarus",
            "quantity": (5000, None, None, "an estimated"),
        },
    ),
    (
        "Tens of thousands of Russian soldiers have been sent to the front since September.",
        {
            "type": "Deployment",
            "force": "Russian soldiers",
            "quantity": (None, 20000, None, "tens of thousands of"),
            "date": "2024-09-01/..",
        },
    ),
    (
        "The Kremlin has denied sending Russian troops to Moldova.",
        {
            "type": "Deployment",
            "actors": ["Kremlin"],
            "force": "Russian troops",
            "place": "Moldova",
            "status": "denied",
        },
    ),
    (
        "About 3,000 North Korean soldiers are now in Russia's Kursk region.",
        {
            "type": "Deployment",
            "actors": ["North Korea"],
            "force": "North Korean soldiers",
            "place": "Kursk region",
            "quantity": (3000, None, None, "about"),
        },
    ),
    (
        "Some 1,000 American troops remain in northeastern Syria.",
        {"type": "Deployment", "force": "American troops", "place": "Syria", "quantity": (1000, None, None, "some")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_deployment_table(nlp, text, expected):
    events, ents = run(nlp, text)
    check(only(events, expected["type"]), ents, expected)
