"""Event arguments (`arguments.py`): dates, the statement that holds an event."""

from __future__ import annotations

from kgraph.extract.records import Span, Statement

from ._helpers import only, run


def test_relative_date_without_publication_date(nlp):
    events, _ents = run(nlp, "Antony Blinken will meet Wang Yi in Washington next week.", published=None)
    meeting = only(events, "Meeting")
    assert meeting.date is None and meeting.date_text == "next week"


def test_event_links_to_statement_holding_trigger(nlp):
    text = "Officials said that up to 900 Syrian troops had been sent to Libya in June."
    start = text.index("up to")
    stmt = Statement(
        speaker=None,
        speaker_span=None,
        cue="said",
        cue_span=Span(10, 14, "said"),
        text=text[start:-1],
        span=Span(start, len(text) - 1, text[start:-1]),
        kind="indirect",
    )
    other = Statement(
        speaker=None, speaker_span=None, cue="added", cue_span=None, text="x", span=Span(0, 5, "Offic"), kind="indirect"
    )
    events, _ents = run(nlp, text, statements=[other, stmt])
    dep = only(events, "Deployment")
    assert dep.statement == 1
    assert (dep.quantity.value, dep.quantity.qualifier) == (900, "up to")
    assert dep.date == "2024-06-01/2024-06-30"


def test_appeal_links_to_statement_by_cue(nlp):
    text = "Kyiv urged its allies to send more air defences."
    cue = text.index("urged")
    content = text.index("its allies")
    stmt = Statement(
        speaker=None,
        speaker_span=None,
        cue="urged",
        cue_span=Span(cue, cue + 5, "urged"),
        text=text[content:-1],
        span=Span(content, len(text) - 1, text[content:-1]),
        kind="indirect",
    )
    events, _ents = run(nlp, text, statements=[stmt])
    assert only(events, "Appeal").statement == 0
