"""Property tests over generated text (any unicode, any quotation marks): extraction never
raises, every offset is inside the text and covers the text it names, and the same text
gives the same records."""

from __future__ import annotations

import dataclasses

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is a test dependency: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kgraph.extract import extract_article  # noqa: E402
from kgraph.extract.records import Span  # noqa: E402
from kgraph.read.article import Article  # noqa: E402

QUOTES = [
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "\u201e",
    "\u201a",
    "\u2039",
    "\u203a",
    "\u300c",
    "\u300d",
    "\u300e",
    "\u300f",
    "\u2032",
    "\u2033",
    "`",
    "\u00b4",
    "\u02bc",
]
WORDS = [
    "said",
    "told",
    "denied",
    "according to",
    "President",
    "Volodymyr Zelenskiy",
    "Russia",
    "Ukraine",
    "Kyiv",
    "North Korean troops",
    "attacked",
    "shelled",
    "Moscow",
    "Песков",
    "王伟",
    "الرئيس",
    " ",
    " ",
    "\n",
    "\n\n",
    ".",
    ",",
    ":",
    "—",
    "-",
    "1,000",
    "on Monday",
    "Reuters",
    "\u00a0",
    "\u200b",
    "\t",
]
ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
TEXTS = (
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), ANY), min_size=1, max_size=60)
    .map("".join)
    .filter(lambda t: t.strip())
)


def spans(obj):
    """Every Span inside a record, however deep."""
    if isinstance(obj, Span):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from spans(getattr(obj, f.name))
    elif isinstance(obj, (tuple, list)):
        for x in obj:
            yield from spans(x)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, title=st.booleans())
def test_extraction_never_raises_offsets_inside_deterministic(nlp, text, title):
    body_start = (text.find("\n") + 1) if title and "\n" in text else 0
    art = Article(source="generated.txt", text=text, body_start=body_start)
    first = extract_article(art, nlp)
    for sp in spans(first):
        assert 0 <= sp.start <= sp.end <= len(text)
        assert text[sp.start : sp.end] == sp.text
    assert extract_article(art, nlp) == first
