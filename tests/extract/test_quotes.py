"""Quotations and reported claims from real spaCy parses (sentences written for the tests)."""

from __future__ import annotations

import pytest

from kgraph.extract.entities import extract_entities
from kgraph.extract.pipeline import nlp_text
from kgraph.extract.quotes import extract_statements, find_quotes, load_reporting_lexicon
from kgraph.read.article import Article


def _run(nlp, text):
    doc = nlp(nlp_text(text))
    ents = extract_entities(doc)
    return ents, extract_statements(doc, ents, Article(source="test.txt", text=text))


def _key_of(ents, surface):
    """The entity key a surface form in the text was resolved to."""
    for m in ents.mentions:
        if surface in m.span.text:
            return m.key
    raise AssertionError(f"no mention {surface!r} in {[m.span.text for m in ents.mentions]}")


def _statement(sts, begins):
    for s in sts:
        if s.text.startswith(begins):
            return s
    raise AssertionError(f"no statement beginning {begins!r} in {[s.text for s in sts]}")


def _norm(text):
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


# (text, statement text begins, expected fields). Expected fields:
#   text      the whole statement text;  speaker  the speaker's surface form (None: no speaker span)
#   speaker_is  a surface form whose entity must be the speaker;  reported_by_is  likewise for the relay
#   cue, kind ("direct"/"indirect"), stance ("asserts"/"denies"/"neither")
ROWS = [
    # --- an unnamed voice speaks for its principal
    pytest.param(
        "A spokesman for the Kremlin said the talks would continue in Istanbul.",
        "the talks",
        dict(speaker_is="Kremlin", cue="said", kind="indirect"),
        id="spokesman-for",
    ),
    # --- a headline's "Name: claim" whose title case made the surname a common noun
    pytest.param(
        "Stubb: Europe must 'stop waiting for Washington' on aid\n\nFinnish President Alexander Stubb "
        "urged allies on Friday to act alone.",
        "Europe must",
        dict(speaker_is="Alexander Stubb", cue=":"),
        id="headline-colon-surname",
    ),
    # --- a title-case headline's clause before a colon: the person it opens with speaks, not a
    # name later in it, and the claim's own quotation marks are not part of it
    pytest.param(
        "Zelensky Visits Kharkiv Front: 'We Will Not Give Up'\n\nPresident Volodymyr Zelensky toured "
        "positions near Kharkiv on Friday.",
        "We Will",
        dict(speaker_is="Volodymyr Zelensky", cue=":", text="We Will Not Give Up"),
        id="headline-clause-opener",
    ),
    # --- a verb joined to a passive one shares its subject, not its agent
    pytest.param(
        "General Oleksandr Syrskyi was criticised by lawmakers and insisted that the front was stable.",
        "the front",
        dict(speaker_is="Oleksandr Syrskyi", cue="insisted"),
        id="conj-of-passive",
    ),
    # --- a document speaks for whoever made or published it
    pytest.param(
        "The latest Reuters opinion poll released on Friday shows that the mayor leads by four points.",
        "the mayor",
        dict(speaker_is="Reuters", cue="shows"),
        id="document-compound",
    ),
    pytest.param(
        "A survey conducted by the Kyiv International Institute of Sociology found that most oppose the deal.",
        "most oppose",
        dict(speaker_is="Kyiv International Institute of Sociology", cue="found"),
        id="document-agent",
    ),
    pytest.param(
        "A 2023 study that appeared in the British Medical Journal found that the pills did not work.",
        "the pills",
        dict(speaker_is="British Medical Journal", cue="found"),
        id="document-relative",
    ),
    pytest.param(
        # the clause on the document says what it says: no maker in it, its issuer speaks
        "Mayor Ihor Terekhov released a statement on Monday that urges residents in Kharkiv to stay in shelters.",
        "residents in Kharkiv",
        dict(speaker_is="Ihor Terekhov", cue="urges"),
        id="document-relative-content",
    ),
    pytest.param(
        "Demonstrators said they wanted justice for the victims.",
        "they wanted",
        dict(speaker_is="Demonstrators", cue="said"),
        id="group-noun-speaker",
    ),
    # --- direct quotations: after and before the speaker, curly and straight, several sentences
    pytest.param(
        '"We will not give up a single village," Defence Minister Rustem Umerov said.',
        "We will",
        dict(
            text="We will not give up a single village",
            speaker_is="Umerov",
            cue="said",
            kind="direct",
            stance="asserts",
        ),
        id="direct-after",
    ),
    pytest.param(
        "\u201cThe bridge can be repaired within a week,\u201d says Olena Kovalchuk.",
        "The bridge",
        dict(text="The bridge can be repaired within a week", speaker_is="Olena Kovalchuk", cue="says", kind="direct"),
        id="direct-curly-says-name",
    ),
    pytest.param(
        'Finnish President Alexander Stubb told reporters: "The border stays closed."',
        "The border",
        dict(text="The border stays closed.", speaker_is="Alexander Stubb", kind="direct"),
        id="direct-colon-before",
    ),
    pytest.param(
        'John Harlow said, "The talks have failed and nobody knows what comes next."',
        "The talks",
        dict(speaker_is="John Harlow", cue="said", kind="direct"),
        id="direct-comma-before",
    ),
    pytest.param(
        "\u201cThe strike hit a school. Three children died,\u201d police chief Ivan Hrytsenko said.",
        "The strike",
        dict(text="The strike hit a school. Three children died", speaker_is="Ivan Hrytsenko", kind="direct"),
        id="direct-two-sentences",
    ),
    pytest.param(
        "Rustem Umerov visited the troops on Friday. \u201cThe front is holding,\u201d he said, "
        "\u201cbut the pressure is enormous.\u201d",
        "\u201cThe front",
        dict(
            text="\u201cThe front is holding,\u201d he said, \u201cbut the pressure is enormous.\u201d",
            speaker_is="Umerov",
            speaker="he",
            cue="said",
            kind="direct",
        ),
        id="split-quote-pronoun",
    ),
    pytest.param(
        'Mayor Vitali Klitschko spoke on Monday. "Supplies are late," he told reporters. "We need generators now."',
        '"Supplies',
        dict(
            text='"Supplies are late," he told reporters. "We need generators now."',
            speaker_is="Vitali Klitschko",
            kind="direct",
        ),
        id="quote-continues-after-attribution",
    ),
    pytest.param(
        "\u201cThe bridge is gone.\u201d \u2015 Ivan Petrov",
        "The bridge",
        dict(speaker_is="Ivan Petrov", kind="direct"),
        id="dash-attribution",
    ),
    pytest.param(
        "Senator Jane Hill spoke to the committee.\nHILL: We have no more money for repairs.",
        "We have",
        dict(speaker_is="Jane Hill", cue=":", kind="direct"),
        id="transcript-label",
    ),
    # --- unbalanced marks: the balanced quotation is still found
    pytest.param(
        'Governor Maria Lopez spoke twice. She first said "the situation is under control. '
        "Later, \u201cWe have enough shelters for everyone,\u201d she added.",
        "We have",
        dict(text="We have enough shelters for everyone", speaker_is="Maria Lopez", cue="added", kind="direct"),
        id="unbalanced-then-balanced",
    ),
    pytest.param(
        "\u201cNobody was hurt in the blast,\u201d said Anna Kim.\u201d Then the sirens stopped.",
        "Nobody",
        dict(speaker_is="Anna Kim", kind="direct"),
        id="stray-closing-mark",
    ),
    # --- indirect speech
    pytest.param(
        "The mayor of Lviv, Andriy Sadovyi, said that the city had lost power overnight.",
        "the city",
        dict(
            text="the city had lost power overnight",
            speaker_is="Andriy Sadovyi",
            cue="said",
            kind="indirect",
            stance="asserts",
        ),
        id="said-that",
    ),
    pytest.param(
        "Prime Minister Mark Carney insisted the sanctions would stay in place.",
        "the sanctions",
        dict(speaker_is="Mark Carney", cue="insisted", kind="indirect"),
        id="insisted",
    ),
    pytest.param(
        "NATO warned that the alliance must prepare for a long war.",
        "the alliance",
        dict(text="the alliance must prepare for a long war", speaker_is="NATO", cue="warned"),
        id="warned-that",
    ),
    pytest.param(
        "The foreign minister, Radoslaw Sikorski, accused Belarus of hosting the missiles.",
        "Belarus",
        dict(text="Belarus of hosting the missiles", speaker_is="Radoslaw Sikorski", cue="accused"),
        id="accused-of",
    ),
    pytest.param(
        "Chancellor Olaf Scholz urged the allies to send more air defence systems.",
        "the allies",
        dict(text="the allies to send more air defence systems", speaker_is="Olaf Scholz", cue="urged"),
        id="urged-to",
    ),
    pytest.param(
        "President Emmanuel Macron called on Europe to spend more on its own defence.",
        "Europe",
        dict(text="Europe to spend more on its own defence", speaker_is="Emmanuel Macron", cue="called on"),
        id="called-on-to",
    ),
    pytest.param(
        "The opposition leader Sviatlana Tsikhanouskaya labelled the vote as a sham.",
        "the vote",
        dict(text="the vote as a sham", speaker_is="Sviatlana Tsikhanouskaya", cue="labelled"),
        id="labelled-as",
    ),
    pytest.param(
        "Amnesty International denounced the strike as a war crime.",
        "the strike",
        dict(text="the strike as a war crime", speaker_is="Amnesty International", cue="denounced"),
        id="denounced-as",
    ),
    pytest.param(
        "The army launched a counteroffensive, with Ukrainian officials estimating that up to 5,000 troops had crossed the river.",
        "up to",
        dict(text="up to 5,000 troops had crossed the river", speaker_is="Ukrainian officials", cue="estimating"),
        id="participial-estimating",
    ),
    pytest.param(
        "Defence Minister Pal Jonson said in a statement that the drills were routine.",
        "the drills",
        dict(text="the drills were routine", speaker_is="Pal Jonson", cue="said"),
        id="in-a-statement",
    ),
    pytest.param(
        "Most Americans believe the economy is getting worse.",
        "the economy",
        dict(text="the economy is getting worse", cue="believe", kind="indirect"),
        id="belief",
    ),
    pytest.param(
        'Senator Tom Reed said the plan was "dead on arrival" and would not pass.',
        "the plan",
        dict(text='the plan was "dead on arrival" and would not pass', speaker_is="Tom Reed", kind="indirect"),
        id="quote-inside-indirect",
    ),
    pytest.param(
        "The shelter, Mayor Ihor Terekhov said, would open on Monday.",
        "The shelter",
        dict(text="The shelter, Mayor Ihor Terekhov said, would open on Monday", speaker_is="Terekhov", cue="said"),
        id="parenthetical-said",
    ),
    pytest.param(
        "Commander Oleksandr Tarnavskyi told his units to hold the line.",
        "his units",
        dict(text="his units to hold the line", speaker_is="Tarnavskyi", cue="told"),
        id="told-to",
    ),
    pytest.param(
        "Finnish President Alexander Stubb said the border would stay closed; the ferries keep running.",
        "the border",
        dict(text="the border would stay closed", speaker_is="Alexander Stubb"),
        id="semicolon-ends-clause",
    ),
    pytest.param(
        "Prime Minister Kaja Kallas vowed to keep sending ammunition.",
        "to keep",
        dict(text="to keep sending ammunition", speaker_is="Kaja Kallas", cue="vowed"),
        id="vowed-to",
    ),
    pytest.param(
        "The Slovak prime minister, Robert Fico, has warned of an escalation.",
        "an escalation",
        dict(speaker_is="Robert Fico", cue="warned"),
        id="warned-of",
    ),
    pytest.param(
        "Poland's claim that the drone was Russian was disputed by nobody.",
        "the drone",
        dict(text="the drone was Russian", speaker_is="Poland", cue="claim"),
        id="noun-claim-that",
    ),
    # --- pronouns and descriptions across sentences
    pytest.param(
        "Prime Minister Keir Starmer met King Charles on Tuesday. He said the meeting was productive.",
        "the meeting",
        dict(speaker="He", speaker_is="Keir Starmer"),
        id="pronoun-he",
    ),
    pytest.param(
        "Andriy Yermak, the head of the presidential office, arrived in Washington. "
        "The official said Kyiv needed more shells.",
        "Kyiv needed",
        dict(speaker="The official", speaker_is="Andriy Yermak"),
        id="description-official",
    ),
    pytest.param(
        "NATO held a summit in Vilnius. It said the alliance would admit Sweden.",
        "the alliance",
        dict(speaker="It", speaker_is="NATO"),
        id="pronoun-it",
    ),
    # --- according to, citing, and relays
    pytest.param(
        "According to Reuters, the convoy was hit near Kupiansk on Sunday.",
        "the convoy",
        dict(text="the convoy was hit near Kupiansk on Sunday", speaker_is="Reuters", cue="According to"),
        id="according-to",
    ),
    pytest.param(
        "According to Reuters, Ukrainian officials said the missile was Russian.",
        "the missile",
        dict(speaker_is="Ukrainian officials", reported_by_is="Reuters", cue="said"),
        id="according-to-chain",
    ),
    pytest.param(
        "Interfax said 40 people were evacuated, citing local officials.",
        "40 people",
        dict(text="40 people were evacuated", speaker="local officials", reported_by_is="Interfax"),
        id="citing",
    ),
    pytest.param(
        "Reuters reported that Ukrainian officials said the missile was Russian.",
        "the missile",
        dict(speaker_is="Ukrainian officials", reported_by_is="Reuters"),
        id="reported-chain",
    ),
    # --- stance
    pytest.param(
        "The Kremlin denied that its troops had crossed the border.",
        "its troops",
        dict(text="its troops had crossed the border", speaker_is="Kremlin", cue="denied", stance="denies"),
        id="denied-that",
    ),
    pytest.param(
        "Russia rejected claims that it had shelled the power plant.",
        "claims that",
        dict(speaker_is="Russia", cue="rejected", stance="denies"),
        id="rejected-claims",
    ),
    pytest.param(
        "Minsk denied sending troops across the border.",
        "sending",
        dict(text="sending troops across the border", speaker_is="Minsk", cue="denied", stance="denies"),
        id="denied-gerund",
    ),
    pytest.param(
        "Russia has neither confirmed nor denied the use of Iranian drones.",
        "the use",
        dict(speaker_is="Russia", cue="neither confirmed nor denied", stance="neither"),
        id="neither-confirmed-nor-denied",
    ),
    pytest.param(
        "A spokesman for Rheinmetall declined to confirm the size of the order.",
        "the size",
        dict(stance="neither", cue="confirm"),
        id="declined-to-confirm",
    ),
    pytest.param(
        "A spokesman for the Pentagon declined to comment.",
        "to comment",
        dict(stance="neither", cue="declined to comment"),
        id="declined-to-comment",
    ),
    pytest.param(
        "Ukraine did not deny that its drones had hit the refinery.",
        "its drones",
        dict(stance="neither", speaker_is="Ukraine", cue="deny"),
        id="did-not-deny",
    ),
    # a negation inside the quotation is the speaker's words, not a withheld statement
    pytest.param(
        "Reporters asked General Oleksandr Syrskyi about a retreat.\n\n“Certainly not,” he said.",
        "Certainly not",
        dict(stance="asserts", kind="direct", speaker_is="Oleksandr Syrskyi"),
        id="negation-inside-the-quotation",
    ),
    pytest.param(
        "General Oleksandr Syrskyi has not, so far, confirmed the losses.",
        "the losses",
        dict(stance="neither"),
        id="negation-set-off-from-its-verb",
    ),
    # an opening curly mark typed where the closing one stands closes the quotation
    pytest.param(
        "Reporters asked General Oleksandr Syrskyi about a retreat.\n\n“Certainly not,“ he said. “We hold the line.”",
        "“Certainly not",
        dict(kind="direct", speaker_is="Oleksandr Syrskyi"),
        id="opening-mark-typed-for-a-closing-one",
    ),
    # --- known limits
    pytest.param(
        "Prime Minister Maria Lopez met John Harlow. He said the talks had failed.",
        "the talks",
        dict(speaker="He", speaker_is="John Harlow"),
        id="pronoun-gender",
    ),
    pytest.param(
        "Kyiv and Western sources report heavy Russian casualties.",
        "heavy",
        dict(speaker_is="sources", also_is=["Kyiv"]),
        id="conjoined-speakers",
    ),
    pytest.param(
        "The museum, President Barack Obama said on Saturday while dedicating it to the nation, "
        "would tell an American story.",
        "The museum",
        dict(text="The museum would tell an American story", speaker_is="Barack Obama"),
        id="long-parenthetical",
        marks=pytest.mark.xfail(strict=True, reason="a parenthetical cue with its own adjuncts is not taken as bare"),
    ),
    pytest.param(
        "General Oleksandr Syrskyi would not comment on the losses.",
        "the losses",
        dict(stance="neither", speaker_is="Oleksandr Syrskyi"),
        id="would-not-comment",
    ),
]


@pytest.mark.parametrize("text, begins, expected", ROWS)
def test_statement_table(nlp, text, begins, expected):
    ents, sts = _run(nlp, text)
    st = _statement(sts, begins)
    if "text" in expected:
        assert _norm(st.text) == _norm(expected["text"])
    if "speaker" in expected:
        assert (st.speaker_span.text if st.speaker_span else None) == expected["speaker"]
    if "speaker_is" in expected:
        assert st.speaker is not None and st.speaker == _key_of(ents, expected["speaker_is"])
    if "also_is" in expected:
        assert list(st.co_speakers) == [_key_of(ents, n) for n in expected["also_is"]]
    if "reported_by_is" in expected:
        assert st.reported_by == _key_of(ents, expected["reported_by_is"])
    for field in ("cue", "kind", "stance"):
        if field in expected:
            assert getattr(st, field) == expected[field], field
    # the span points at the statement in the text
    assert text[st.span.start : st.span.end].strip()


def test_statements_are_ordered_and_spans_match_text(nlp):
    text = (
        '"We are ready," said Ivan Petrov. Later Anna Kim said the talks would resume. '
        "According to Reuters, the convoy was hit near Kupiansk."
    )
    _ents, sts = _run(nlp, text)
    assert [s.span.start for s in sts] == sorted(s.span.start for s in sts)
    assert len(sts) == 3


def test_repeated_lede_is_one_statement_with_two_spans(nlp):
    lede = "Ukrainian officials said that the dam was destroyed by a Russian missile."
    text = f"{lede}\n\nThe river rose overnight.\n\n{lede}"
    _ents, sts = _run(nlp, text)
    dam = [s for s in sts if "dam was destroyed" in s.text]
    assert len(dam) == 1 and len(dam[0].extra_spans) == 1
    extra = dam[0].extra_spans[0]
    assert text[extra.start : extra.end] == extra.text and extra.start > dam[0].span.start


def test_denial_links_to_the_statement_it_denies(nlp):
    text = (
        "Ukrainian officials said Russian forces had shelled the Kakhovka dam. "
        "Russia denied that its forces had shelled the Kakhovka dam."
    )
    _ents, sts = _run(nlp, text)
    denial = next(s for s in sts if s.stance == "denies")
    assert denial.denies is not None and "Russian forces had shelled" in sts[denial.denies].text


def test_about_lists_entities_in_the_statement(nlp):
    ents, sts = _run(nlp, "Finnish President Alexander Stubb said Russia had moved troops to the border with Finland.")
    st = _statement(sts, "Russia")
    assert _key_of(ents, "Russia") in st.about


def test_headline_about_a_person_is_not_their_turn(nlp):
    # "Kyiv Mayor On Zelensky:" is a headline about Zelensky, not a label naming him
    text = (
        "Kyiv Mayor On Zelensky: 'The City Needs More Air Defence'\n\nVitali Klitschko, the mayor of "
        "Kyiv, spoke after a meeting with President Volodymyr Zelensky on Friday."
    )
    ents, sts = _run(nlp, text)
    zelensky = _key_of(ents, "Volodymyr Zelensky")
    assert not [s for s in sts if "Air Defence" in s.text and s.speaker == zelensky]


@pytest.mark.parametrize(
    "text",
    [
        "A recent poll in Kharkiv shows that most residents back the mayor.",  # where it was made
        "An earlier report in a Lviv newspaper said that the mayor had resigned.",  # the paper's place
        "A woman in Izium, Kharkiv Oblast, told him she had not slept for two days.",  # a place's apposition
    ],
)
def test_a_place_in_the_speakers_phrase_does_not_speak(nlp, text):
    ents, sts = _run(nlp, text)
    places = {e.key for e in ents.entities if e.type in ("Location", "Country")}
    assert places and sts and not [s for s in sts if s.speaker in places]


def test_quotations_signed_with_a_dash_each_have_their_signer(nlp):
    text = (
        "Residents of Kharkiv sent us their views.\n\n"
        "\u201cWe will not give up. The city is strong and we are staying.\u201d \u2015 Olena Kovalenko\n\n"
        "\u201cThe city needs more air defence before the winter comes.\u201d \u2015 Petro Marchenko\n\n"
        "\u201cNobody here wants to leave their homes.\u201d \u2015 Iryna Bondarenko\n"
    )
    _ents, sts = _run(nlp, text)
    got = [(s.text, s.speaker_span.text if s.speaker_span else None, s.speaker is not None) for s in sts]
    assert got == [
        ("We will not give up. The city is strong and we are staying.", "Olena Kovalenko", True),
        ("The city needs more air defence before the winter comes.", "Petro Marchenko", True),
        ("Nobody here wants to leave their homes.", "Iryna Bondarenko", True),
    ]


def test_a_verb_joined_after_a_quotation_is_not_its_attribution(nlp):
    # '... by "a bluff" and urge Ukrainians to ...': "urge" is coordinated with the sentence the
    # quotation is in; its object (Ukrainians) is not the quotation's speaker
    text = (
        "Zelensky took to Telegram overnight to accuse the Kremlin\u2019s envoys of being \u201cfooled\u201d by "
        "\u201ca bluff\u201d and urge Ukrainians to ignore what he called Moscow\u2019s \u201cpeace plan.\u201d"
    )
    ents, sts = _run(nlp, text)
    ukraine = {e.key for e in ents.entities if e.label == "Ukraine"}
    assert sts and not [s for s in sts if s.text == "a bluff" or s.speaker in ukraine]


@pytest.mark.parametrize(
    "second, refers",
    [
        ("The organisation said the convoy was delayed.", True),  # refers back
        ("The organisations said the convoy was delayed.", False),  # several: not the one named
        ("The organisations that signed the letter said the convoy was delayed.", False),
        ("The organisation that signed the letter said the convoy was delayed.", False),  # a new one
    ],
)
def test_a_plural_or_qualified_description_does_not_refer_back(nlp, second, refers):
    ents, sts = _run(nlp, "Amnesty International published a report on Monday. " + second)
    st = _statement(sts, "the convoy")
    assert (st.speaker == _key_of(ents, "Amnesty International")) is refers


def test_no_statements_in_plain_narrative(nlp):
    _ents, sts = _run(nlp, "Russian forces shelled Kharkiv overnight. Two buildings were damaged and power was cut.")
    assert sts == []


@pytest.mark.parametrize(
    "text, inner",
    [
        ('He said "yes." She said "no."', ["yes.", "no."]),
        ("\u201cA\u201d and \u201cB\u201d", ["A", "B"]),
        ("``Fine,'' she said.", ["Fine,"]),
        ("He said \u201cunclosed and then \u201cclosed one\u201d here.", ["closed one"]),
        ('Straight marks alternate: "one" and "two', ["one"]),
        (
            "\u201cFirst paragraph of a long quote.\n\u201cSecond paragraph.\u201d he said.",
            ["First paragraph of a long quote.", "Second paragraph."],
        ),
        ("No marks at all.", []),
        ('Stray " mark', []),
    ],
)
def test_find_quotes_pairs_marks_and_survives_unbalanced_text(text, inner):
    assert [text[q.start : q.end] for q in find_quotes(text)] == inner


def test_reporting_lexicon_is_data():
    lex = load_reporting_lexicon()
    assert lex.verbs["say"].stance == "asserts"
    assert lex.verbs["deny"].stance == "denies"
    assert "obj-of" in lex.verbs["accuse"].slots
    assert ("according", "to") in lex.sources
    assert "Person" in lex.descriptions["official"]


def test_relative_clause_with_two_subjects_gives_the_name(nlp):
    """The small parser sometimes gives a relative clause two subjects ("reasons that Trump
    refuses": both "that" and "Trump" nsubj). The parse is written out here as spaCy would give it."""
    from spacy.tokens import Doc

    from kgraph.extract.quotes import _speaker_of_verb

    words = ["reasons", "that", "Trump", "refuses", "to", "pay"]
    doc = Doc(
        nlp.vocab, words=words, heads=[0, 3, 3, 0, 5, 3], deps=["ROOT", "nsubj", "nsubj", "relcl", "aux", "xcomp"]
    )
    assert _speaker_of_verb(doc[3]).text == "Trump"


def test_source_phrase_after_a_quotes_attribution_only_relays_it(nlp):
    """'"A," X said, according to Y': Y relays X's words; the sentence is not Y's statement
    too (the attribution after the quotation counts as part of the nested statement)."""
    text = "\u201cWe will hold the city,\u201d General Tom Reyes said, according to the Kyiv Independent."
    ents, sts = _run(nlp, text)
    st = _statement(sts, "We will hold the city")
    assert st.speaker == _key_of(ents, "Tom Reyes")
    assert st.reported_by == _key_of(ents, "Kyiv Independent")
    assert [s.text for s in sts] == ["We will hold the city"]
