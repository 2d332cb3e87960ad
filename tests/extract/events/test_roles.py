"""Meetings, alliances and appeals (the role functions registered in `roles.py`)."""

from __future__ import annotations

import pytest

from ._helpers import check, only, run

CASES = [
    # --- diplomacy
    (
        "Vladimir Putin met Xi Jinping in Beijing on May 16, 2024.",
        {
            "type": "Meeting",
            "actors": ["Vladimir Putin"],
            "targets": ["Xi Jinping"],
            "place": "Beijing",
            "date": "2024-05-16",
        },
    ),
    (
        "Antony Blinken will meet Wang Yi in Washington next week.",
        {
            "type": "Meeting",
            "targets": ["Wang Yi"],
            "place": "Washington",
            "date": "2024-11-25/2024-12-01",
            "status": "planned",
        },
    ),
    (
        "The Polish president is due to visit Kyiv on Thursday.",
        {"type": "Meeting", "place": "Kyiv", "date": "2024-11-21", "status": "planned"},
    ),
    (
        "The leaders of France and Germany held talks in Berlin yesterday.",
        {"type": "Meeting", "actors": ["France", "Germany"], "place": "Berlin", "date": "2024-11-17"},
    ),
    (
        "Recep Tayyip Erdogan hosted Vladimir Putin in Istanbul on Thursday.",
        {"type": "Meeting", "targets": ["Vladimir Putin"], "place": "Istanbul", "date": "2024-11-14"},
    ),
    (
        "Xi Jinping will host Vladimir Putin in Beijing next month for talks on energy.",
        {
            "type": "Meeting",
            "actors": ["Xi Jinping"],
            "targets": ["Vladimir Putin"],
            "place": "Beijing",
            "date": "2024-12-01/2024-12-31",
            "status": "planned",
        },
    ),
    (
        "North Korea and Russia agreed to deepen military cooperation.",
        {"type": "Alliance", "actors": ["North Korea", "Russia"]},
    ),
    (
        "Russia and Iran signed a strategic partnership treaty in January 2025.",
        {"type": "Alliance", "actors": ["Russia", "Iran"], "date": "2025-01-01/2025-01-31"},
    ),
    (
        "The alliance between Moscow and Beijing has deepened since 2022.",
        {"type": "Alliance", "actors": ["Moscow", "Beijing"], "date": "2022/.."},
    ),
    (
        "China and Russia have deepened their partnership since 2022.",
        {"type": "Alliance", "actors": ["China", "Russia"]},
    ),
    (
        "Pyongyang signed a mutual defence pact with Moscow in June.",
        {"type": "Alliance", "actors": ["Pyongyang", "Moscow"], "date": "2024-06-01/2024-06-30"},
    ),
    (
        "The United Nations called on Israel to allow aid into Gaza.",
        {"type": "Appeal", "actors": ["United Nations"], "targets": ["Israel"]},
    ),
    ("Lithuania called for a permanent NATO presence on its territory.", {"type": "Appeal", "actors": ["Lithuania"]}),
    (
        "Volodymyr Zelenskiy pressed for more air defence systems.",
        {"type": "Appeal", "actors": ["Volodymyr Zelenskiy"]},
    ),
    ("Poland appealed to NATO for more troops.", {"type": "Appeal", "actors": ["Poland"], "targets": ["NATO"]}),
    (
        "The European Union urged Serbia and Kosovo to resume talks.",
        {"type": "Appeal", "actors": ["European Union"], "targets": ["Serbia", "Kosovo"]},
    ),
    (
        "Poland demanded that Belarus withdraw its troops from the border.",
        {"type": "Appeal", "actors": ["Poland"], "targets": ["Belarus"]},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_diplomacy_table(nlp, text, expected):
    events, ents = run(nlp, text)
    check(only(events, expected["type"]), ents, expected)


def test_role_functions_are_registered_by_event_type():
    from kgraph.extract.events.roles import ROLES, alliance_roles, appeal_roles, meeting_roles, roles_for
    from kgraph.extract.events.violence import violence_roles

    assert roles_for("Meeting") is meeting_roles and roles_for("Alliance") is alliance_roles
    assert roles_for("Appeal") is appeal_roles
    assert roles_for("Shelling") is violence_roles  # types without their own function
    assert set(ROLES) == {"Meeting", "Alliance", "Appeal"}
