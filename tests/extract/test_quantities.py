"""Numbers with their qualifiers (no model needed)."""

from __future__ import annotations

import pytest

from kgraph.extract.quantities import find_quantities, number_value, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "minimum", "maximum", "qualifier"),
    [
        ("up to 11,000 troops", 11000, None, 11000, "up to"),
        ("as many as 8,000 soldiers", 8000, None, 8000, "as many as"),
        ("about 10,000 soldiers", 10000, None, None, "about"),
        ("roughly 450 fighters", 450, None, None, "roughly"),
        ("an estimated 1,200 marines", 1200, None, None, "an estimated"),
        ("more than 3,000 troops", 3000, 3000, None, "more than"),
        ("over 200 artillery attacks", 200, 200, None, "over"),
        ("at least 12 people", 12, 12, None, "at least"),
        ("fewer than 50 drones", 50, None, 50, "fewer than"),
        ("thousands of troops", None, 2000, None, "thousands of"),
        ("tens of thousands of soldiers", None, 20000, None, "tens of thousands of"),
        ("hundreds of drones", None, 200, None, "hundreds of"),
        ("dozens of missiles", None, 20, None, "dozens of"),
        ("several hundred paratroopers", None, 200, None, "several hundred"),
        ("10,000-12,000 troops", None, 10000, 12000, "between"),
        ("between 10,000 and 12,000 soldiers", None, 10000, 12000, "between"),
        ("from 5,000 to 7,000 troops", None, 5000, 7000, "between"),
        ("1.5 million shells", 1500000, None, None, None),
        ("three hundred fighters", 300, None, None, None),
        ("twenty-five tanks", 25, None, None, None),
        ("a dozen drones", 12, None, None, None),
        ("a 5,000-strong force", 5000, None, None, None),
        ("11000 troops", 11000, None, None, None),
    ],
)
def test_parse_quantity(text, value, minimum, maximum, qualifier):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.min_value, q.max_value, q.qualifier) == (value, minimum, maximum, qualifier)


def test_offsets_and_dates_left_out():
    text = "On October 5, 2024 about 400 soldiers arrived; in 2022 there were none."
    found = find_quantities(text)
    assert [(text[s:e], q.value) for s, e, q in found] == [("about 400", 400)]


@pytest.mark.parametrize(
    "text",
    [
        "one of the brigades",
        "$5 million in aid",
        "a unit",
        "during his tenure",  # a number word only as a whole word: not the "ten" of "tenure"
        "they traded high-fives",
        "it was tentative",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11,000", 11000),
        ("two thousand", 2000),
        ("4.5 million", 4500000),
        ("a hundred", 100),
        ("seventy", 70),
        ("banana", None),
    ],
)
def test_number_value(text, value):
    assert number_value(text) == value


def test_the_word_prefilter_finds_what_the_expression_finds():
    """Quantities are looked for only at words they can start with: the same matches as
    the expression tried everywhere, on text with every kind of start."""
    from kgraph.extract.quantities import _matches, load_quantity_lexicon

    lex = load_quantity_lexicon()
    text = (
        "Some 300 troops, up to 11,000 by May, approx. 40 drones, a dozen tanks, between 5 and 7 "
        "brigades, from 10 to 12 ships, tens of thousands of people, twenty-five guns, 1.5 million "
        "shells and a 5,000-strong force; at least 19 died (A320, 4th, x2)."
    )
    expected = [m.span() for m in lex.regex.finditer(text)]
    assert len(expected) >= 10
    assert [m.span() for m in _matches(text, lex)] == expected
