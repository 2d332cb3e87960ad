"""Who said what on text kgraph has not seen: one table row per attribution pattern.

Sentences are written for these tests (never copied from a reference article). Each row
runs the whole extraction (real spaCy pipeline, entities, statements, unnamed speakers) and
checks the statement that begins with the given words:

  speaker     label of the speaking entity        unnamed   label of an unnamed speaker (kg:Speaker)
  nobody      True: the statement has no speaker  via       label of the relaying outlet (reported_by)
  also        labels of co-speakers               stance    asserts | denies | neither
  text        the statement text exactly          absent    True: no statement begins with these words
"""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.read.article import Article

ROWS = [
    # 1. surnames, titles and descriptions after an introduction
    (
        "Navy spokesman Tom Reyes briefed reporters on Monday. The exercise had been planned for months.\n\n"
        "According to Reyes, the drills will continue until Friday.",
        "the drills",
        dict(speaker="Tom Reyes"),
        "surname-after-introduction",
    ),
    (
        "Foreign Minister Anna Kowalski arrived in Vilnius on Tuesday. The foreign minister said the border "
        "would stay open.",
        "the border",
        dict(speaker="Anna Kowalski"),
        "title-after-introduction",
    ),
    (
        "President Emmanuel Macron met the diplomat in Paris. The diplomat said the embassy would reopen.",
        "the embassy",
        dict(unnamed="The diplomat"),
        "description-never-a-wrong-role",
    ),
    # 2. a quotation paragraph with no cue continues the previous speaker
    (
        'Defence Minister Anna Kowalski spoke in Warsaw on Tuesday. "We are ready," Kowalski said.\n\n'
        '"Our units have trained for this for two years. They will not be surprised."',
        "Our units",
        dict(speaker="Anna Kowalski"),
        "quote-continuation-paragraph",
    ),
    # 3. a statement, report or letter speaks for whoever issued it
    (
        "The Interior Ministry said in a statement that three suspects had been detained. "
        '"The investigation is continuing," the statement said.',
        "The investigation",
        dict(speaker="Interior Ministry"),
        "the-statement-said",
    ),
    (
        "The Red Cross issued a report on Monday. The report said the camps lacked clean water.",
        "the camps",
        dict(speaker="Red Cross"),
        "the-report-said",
    ),
    # 4. participles and coordinated cues keep the speaker; coordinated speakers all speak
    (
        "General Mark Bauer said the convoy had been hit by artillery, adding that two trucks were destroyed.",
        "two trucks",
        dict(speaker="Mark Bauer"),
        "adding-that",
    ),
    (
        "General Mark Bauer said the convoy had been hit by artillery, adding that two trucks were destroyed.",
        "the convoy",
        dict(speaker="Mark Bauer", text="the convoy had been hit by artillery"),
        "adding-cuts-first-clause",
    ),
    (
        "Senator Alice Brown told reporters the talks had stalled and warned that sanctions would follow.",
        "sanctions",
        dict(speaker="Alice Brown"),
        "and-warned-that",
    ),
    (
        "Senators Alice Brown and Robert Klein told reporters that the bill would pass.",
        "the bill",
        dict(speaker="Alice Brown", also=["Robert Klein"]),
        "coordinated-speakers",
    ),
    # 5. datelines and outlets relay, never speak
    (
        "ANKARA (Reuters) \u2013 Foreign Minister Mehmet Kaya said on Monday that Turkey would keep the strait open.",
        "Turkey",
        dict(speaker="Mehmet Kaya", via="Reuters"),
        "dateline-reuters",
    ),
    (
        "MOSCOW, March 3 (AP) \u2014 Kremlin spokesman Dmitry Peskov said the talks were over.",
        "the talks",
        dict(speaker="Dmitry Peskov", via="Associated Press"),
        "dateline-ap-with-date",
    ),
    (
        # a title-case place is a dateline with a news agency after it; the parser made the
        # place the subject and the minister its apposition
        "Odesa (AFP) \u2013 Foreign Minister Andrii Sybiha on Monday visited the port, praising its workers "
        "and accusing Russia of shelling the grain terminals.",
        "Russia of",
        dict(speaker="Andrii Sybiha", via="Agence France-Presse"),
        "dateline-title-case",
    ),
    (
        "Interfax reported, citing a ministry source, that the plane had crashed near the border.",
        "the plane",
        dict(unnamed="a ministry source", via="Interfax"),
        "outlet-citing-a-source",
    ),
    # 6. descriptions, possessives and pronouns
    (
        "Ukraine's military intelligence agency said the missile was launched from Belgorod.",
        "the missile",
        dict(unnamed="Ukraine's military intelligence agency"),
        "organ-inside-possessive",
    ),
    (
        "Prime Minister Maria Lopez met John Harlow in Madrid. He said the talks had failed.",
        "the talks",
        dict(speaker="John Harlow"),
        "pronoun-gender",
    ),
    ("The officer said the road was closed.", "the road", dict(unnamed="The officer"), "no-antecedent-unnamed"),
    # 7. not statements, and a passive's agent
    (
        "The rebel commander, whose capture was announced Saturday, was moved to a prison in the capital.",
        "whose capture",
        dict(absent=True),
        "passive-relative-clause",
    ),
    (
        "Three men are being questioned by police after the blast in the market.",
        "Three men",
        dict(absent=True),
        "being-questioned",
    ),
    # 8. stance from the parse
    (
        "Neither Moscow nor Kyiv has confirmed the attack on the dam.",
        "the attack",
        dict(stance="neither", speaker="Moscow", also=["Ukraine"]),
        "neither-nor",
    ),
    ("The army has not confirmed the number of casualties.", "the number", dict(stance="neither"), "has-not-confirmed"),
    (
        "Officials could not confirm that the convoy had been attacked.",
        "the convoy",
        dict(stance="neither"),
        "could-not-confirm",
    ),
    (
        "The government did not deny that its drones had struck the depot.",
        "its drones",
        dict(stance="neither"),
        "did-not-deny",
    ),
    ("The ministry dismissed the video as fake.", "the video", dict(stance="denies"), "dismissed-as-fake"),
    (
        "The government rejected the claim that its troops had fired on civilians.",
        "the claim",
        dict(stance="denies"),
        "rejected-the-claim",
    ),
    # 9. verbatim text
    (
        "Ukraine\u2019s foreign minister said the vote was \u201cillegitimate, and void\u201d, warning that Kyiv "
        "would not recognise it.",
        "the vote",
        dict(text="the vote was \u201cillegitimate, and void\u201d"),
        "verbatim-curly-marks",
    ),
]


def _label(ex, key):
    return next((e.label for e in ex.entities if e.key == key), None)


def _keys(ex, label):
    keys = {e.key for e in ex.entities if e.label == label or label in e.aliases}
    assert keys, f"no entity {label!r} in {[e.label for e in ex.entities]}"
    return keys


@pytest.mark.parametrize("text, begins, expected", [pytest.param(*r[:3], id=r[3]) for r in ROWS])
def test_attribution_table(nlp, text, begins, expected):
    ex = extract_article(Article(source="attribution.txt", text=text), nlp)
    found = [s for s in ex.statements if s.text.startswith(begins)]
    if expected.get("absent"):
        assert not found, [s.text for s in ex.statements]
        return
    assert found, f"no statement beginning {begins!r} in {[s.text for s in ex.statements]}"
    st = found[0]
    assert text[st.span.start : st.span.end] == st.text  # verbatim, always
    if "speaker" in expected:
        assert st.speaker in _keys(ex, expected["speaker"]), _label(ex, st.speaker)
    if "unnamed" in expected:
        spk = next((e for e in ex.entities if e.key == st.speaker), None)
        assert spk is not None and spk.type == "Speaker" and spk.label == expected["unnamed"], spk
    if "via" in expected:
        assert st.reported_by in _keys(ex, expected["via"]), _label(ex, st.reported_by)
    if "also" in expected:
        assert [_label(ex, k) for k in st.co_speakers] == expected["also"]
    if "stance" in expected:
        assert st.stance == expected["stance"]
    if "text" in expected:
        assert st.text == expected["text"]


def test_unnamed_speakers_are_scoped_to_their_article(nlp):
    """'the officer' of one article is not 'the officer' of another; within one article it is one node."""
    text = "The officer said the road was closed. Later the officer said it had reopened."
    a = extract_article(Article(source="a.txt", text=text), nlp)
    b = extract_article(Article(source="b.txt", text=text + " "), nlp)
    ka = {s.speaker for s in a.statements}
    kb = {s.speaker for s in b.statements}
    assert len(ka) == 1 and len(kb) == 1 and ka != kb
    assert [e.type for e in a.entities if e.key in ka] == ["Speaker"]
