"""Quotation marks paired per paragraph (`quotes/marks.py`)."""

from __future__ import annotations

import pytest

from kgraph.extract.quotes import find_quotes


@pytest.mark.parametrize(
    "text, inner",
    [
        ("He said \u201cwe will win\u201d and left.", ["we will win"]),
        ('She said "no deal" twice, then "maybe."', ["no deal", "maybe."]),
        ("They said ``enough'' loudly.", ["enough"]),
        # an unclosed mark is dropped; the balanced quotation after it is still found
        ('An "open mark.\nThen "a closed one" here.', ["a closed one"]),
        # an unclosed quotation that the next paragraph continues runs to its paragraph's end
        ('"The first part of it,\n"and the rest," he said.', ["The first part of it,", "and the rest,"]),
        # a closing curly mark opening a line before a word is taken as an opening one
        ("\u201dWe stay,\u201d she said.", ["We stay,"]),
        ("No quotations at all.", []),
    ],
)
def test_find_quotes(text, inner):
    assert [text[q.start : q.end] for q in find_quotes(text)] == inner


def test_quote_offsets_hold_the_marks():
    text = 'He said "yes" once.'
    (q,) = find_quotes(text)
    assert text[q.open] == '"' and text[q.close - 1] == '"' and q.closed
