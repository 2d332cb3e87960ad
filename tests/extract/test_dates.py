"""Time expressions normalised against the publication date (no model needed)."""

from __future__ import annotations

import pytest

from kgraph.extract.dates import find_dates, parse_published, resolve_date

PUB = "2024-11-18"  # a Monday


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("in October", PUB, False, "2024-10-01/2024-10-31"),
        ("in August", PUB, False, "2024-08-01/2024-08-31"),
        ("in December", PUB, False, "2023-12-01/2023-12-31"),  # most recent December
        ("in December", PUB, True, "2024-12-01/2024-12-31"),  # a planned event: the next one
        ("since 2022", PUB, False, "2022/.."),
        ("since October", PUB, False, "2024-10-01/.."),
        ("until March 2025", PUB, False, "../2025-03-31"),
        ("next week", PUB, False, "2024-11-25/2024-12-01"),
        ("last week", PUB, False, "2024-11-11/2024-11-17"),
        ("this week", PUB, False, "2024-11-18/2024-11-24"),
        ("last month", PUB, False, "2024-10-01/2024-10-31"),
        ("next month", PUB, False, "2024-12-01/2024-12-31"),
        ("next year", PUB, False, "2025-01-01/2025-12-31"),
        ("earlier this month", PUB, False, "2024-11-01/2024-11-18"),
        ("on Tuesday", PUB, False, "2024-11-12"),
        ("on Tuesday", PUB, True, "2024-11-19"),
        ("last Friday", PUB, False, "2024-11-15"),
        ("yesterday", PUB, False, "2024-11-17"),
        ("tomorrow", PUB, False, "2024-11-19"),
        ("three days ago", PUB, False, "2024-11-15"),
        ("in the past two weeks", PUB, False, "2024-11-04/2024-11-18"),
        ("in mid-August", PUB, False, "2024-08-11/2024-08-20"),
        ("in late September", PUB, False, "2024-09-21/2024-09-30"),
        ("on March 3", PUB, False, "2024-03-03"),
        ("on 5 December", PUB, False, "2023-12-05"),
        ("April 15, 2013", PUB, False, "2013-04-15"),
        ("15 April 2013", None, False, "2013-04-15"),
        ("2024-11-18", None, False, "2024-11-18"),
        ("in June 2023", None, False, "2023-06-01/2023-06-30"),
        ("in 2014", None, False, "2014"),
        ("since 2022", None, False, "2022/.."),
        # relative expressions need the publication date
        ("next week", None, False, None),
        ("in October", None, False, None),
        ("on Tuesday", None, False, None),
        ("yesterday", "not a date", False, None),
    ],
)
def test_resolve_date(text, published, future, expected):
    assert resolve_date(text, published, future=future) == expected


def test_find_dates_keeps_text_and_offsets():
    text = "Troops arrived in October and have fought there since 2022; talks are due next week."
    found = find_dates(text, PUB)
    assert [(d.text, d.value) for d in found] == [
        ("October", "2024-10-01/2024-10-31"),
        ("since 2022", "2022/.."),
        ("next week", "2024-11-25/2024-12-01"),
    ]
    for d in found:
        assert text[d.start : d.end] == d.text


def test_relative_dates_unresolved_without_publication_date():
    found = find_dates("They met last month.", None)
    assert [(d.text, d.value) for d in found] == [("last month", None)]


@pytest.mark.parametrize(
    "text", ["Troops may arrive soon.", "They will march on the capital.", "A 2,000 strong force."]
)
def test_words_that_are_not_dates(text):
    assert find_dates(text, PUB) == []


def test_parse_published():
    assert str(parse_published("2024-11-18T10:00:00Z")) == "2024-11-18"
    assert parse_published(None) is None
    assert parse_published("2024-02-30") is None


def test_the_word_prefilter_finds_what_the_expression_finds():
    """Time expressions are looked for only at words they can start with: the same matches
    as the expression tried at every word, on text with every kind of start."""
    from kgraph.extract.dates import _RE, _matches

    text = (
        "On 2024-03-05, since May 4, 2023, 5 June 2022, March 2021, Jan. 3 and 12 Feb the army "
        "moved; two weeks ago, the past few days, next week, earlier this month, yesterday, last "
        "Friday, in early March and during 2019. Later this year. Mid-2020 and the end of April."
    )
    expected = [m.span() for m in _RE.finditer(text)]
    assert len(expected) >= 15
    assert [m.span() for m in _matches(text)] == expected
