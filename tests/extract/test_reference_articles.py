"""Properties every statement keeps on real articles: the reference sets beside the project
(../shared/eval: the seed, WikiEvents and PolNeAR dev articles), read as kgraph reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kgraph.extract import extract_articles
from kgraph.extract.dateline import find_datelines
from kgraph.read import read_all

pytestmark = pytest.mark.slow

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
SETS = ("dev", "wikievents-dev", "polnear-dev")


def _articles():
    files = [p for s in SETS for p in sorted((EVAL / s).glob("*.txt"))]
    if not files:
        pytest.skip(f"the reference articles are not beside the project ({EVAL} has none)")
    return read_all(files)


@pytest.fixture(scope="module")
def extracted(nlp):
    return list(extract_articles(_articles(), nlp))


def test_statement_text_is_the_article_text_at_its_span(extracted):
    bad = [
        (a.source, s.span.start, s.text[:40])
        for a, ex in extracted
        for s in ex.statements
        for sp in (s.span, *s.extra_spans)
        if a.text[sp.start : sp.end] != (s.text if sp is s.span else sp.text)
    ]
    assert not bad, bad[:5]
    assert sum(len(ex.statements) for _a, ex in extracted) > 1000


def test_no_speaker_is_a_whole_line_a_dateline_or_a_blanked_line(extracted):
    """A speaker is never the headline, a timestamp or a rule line, never the
    place of a dateline, never text the reader blanked (a name inside a headline may speak:
    "Pence: ...", "..., Lindsey Graham Says")."""
    bad = []
    for a, ex in extracted:
        datelines = [d.place for d in find_datelines(a.text)]
        for s in ex.statements:
            sp = s.speaker_span
            if sp is None:
                continue
            if a.title and sp.text.strip(" .") == a.title.strip(" ."):
                bad.append((a.source, "headline", sp.text))
            if re.fullmatch(r"\d{1,2}(:\d{2})?\s*[ap]\.?m\.?|_+|\W+", sp.text.strip(), flags=re.I):
                bad.append((a.source, "timestamp or rule", sp.text))
            if any(p0 <= sp.start < p1 for p0, p1 in datelines):
                bad.append((a.source, "dateline", sp.text))
            if not a.text[sp.start : sp.end].strip():
                bad.append((a.source, "blanked", sp.text))
    assert not bad, bad[:5]
