"""Drafting (`build.py`): words that look like triggers but whose arguments make no event."""

from __future__ import annotations

import pytest

from ._helpers import run


@pytest.mark.parametrize(
    "text",
    [
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
    ],
)
def test_no_event(nlp, text):
    events, _ents = run(nlp, text)
    assert events == []
