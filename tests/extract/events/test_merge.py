"""The passes after drafting (`merge.py`): demanded events, one record per force."""

from __future__ import annotations

from ._helpers import matches, run


def test_demanded_events_are_marked(nlp):
    events, _ents = run(nlp, "The European Union urged Serbia and Kosovo to resume talks.")
    talks = [e for e in events if e.type == "Meeting"]
    assert all(dict(e.attributes).get("status") == "demanded" for e in talks)


def test_deployments_of_one_force_merge(nlp):
    text = (
        "Iran has sent Iranian troops to Syria.\n"
        "Officials estimate that more than 3,000 Iranian troops are now based near Damascus.\n"
        "Their deployment began in 2015."
    )
    events, ents = run(nlp, text)
    deps = [e for e in events if e.type == "Deployment"]
    assert len(deps) == 1
    dep = deps[0]
    assert matches(ents, dep.force, "Iranian troops")
    assert (dep.quantity.value, dep.quantity.qualifier) == (3000, "more than")
    assert dict(dep.attributes)["mentions"] == "3"
