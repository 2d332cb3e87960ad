"""The learned cue model: verbs outside `reporting.tsv` with a propositional complement, scored
by the weights of `ontology/lexicon/en/cue_model.tsv` (trained by `kgraph.train.cues`).

Sentences written for these tests (never copied from a reference article), through the whole
extraction with the real pipeline and the shipped model.
"""

from __future__ import annotations

import json
import shutil

import pytest

from kgraph.extract import extract_article
from kgraph.extract.quotes import PASSES
from kgraph.extract.quotes.learned import score
from kgraph.lexicon import LexiconError, cue_model, lexicon_dir, load_reporting_lexicon
from kgraph.read.article import Article

ROWS = [
    # a clause after a verb the lexicon does not list: the model takes the verb for a cue
    (
        "UN inspectors discovered that the depot had been emptied weeks before the ceasefire.",
        dict(cue="discovered", speaker="UN inspectors", text="the depot had been emptied weeks before the ceasefire"),
        "discovered-that-clause",
    ),
    (
        "Defence Minister Anna Kowalski learned that the convoy had crossed the border.",
        dict(cue="learned", speaker="Anna Kowalski", text="the convoy had crossed the border"),
        "learned-that-clause-named-speaker",
    ),
    # a predicate on the object ("see X as Y") is a view of the subject's
    (
        "Analysts see the ceasefire as a pause rather than a peace.",
        dict(cue="see", text="the ceasefire as a pause rather than a peace"),
        "see-object-as-predicate",
    ),
    # deeds, intentions and the writer's impressions are not statements: no clause, no speaker
    ("Rebel forces attacked the convoy near the border on Sunday.", dict(absent=True), "bare-object-is-a-deed"),
    ("The army sought to encircle the city before the winter.", dict(absent=True), "infinitive-is-an-intention"),
    ("The offensive seems doomed, given the weather.", dict(absent=True), "seem-is-the-writers-view"),
    # a subject that cannot speak does not make a statement ("the data showed" is the lexicon's)
    ("The storm meant that the ferries could not sail.", dict(absent=True), "subject-that-cannot-speak"),
]


@pytest.mark.parametrize("text, expected", [pytest.param(*r[:2], id=r[2]) for r in ROWS])
def test_learned_cue_table(nlp, text, expected):
    text = "Border report\n\n" + text  # a body sentence under a title line, as in an article
    ex = extract_article(Article(source="learned.txt", text=text), nlp)
    if expected.get("absent"):
        assert not ex.statements, [(s.cue, s.text) for s in ex.statements]
        return
    found = [s for s in ex.statements if s.cue == expected["cue"]]
    assert found, [(s.cue, s.text) for s in ex.statements]
    st = found[0]
    assert text[st.span.start : st.span.end] == st.text
    assert st.text == expected["text"]
    if "speaker" in expected:
        spk = next(e for e in ex.entities if e.key == st.speaker)
        assert expected["speaker"] in (spk.label, *spk.aliases), spk


def test_learned_cues_are_only_verbs_outside_the_lexicon():
    """A verb the lexicon lists keeps its row's slots; the model only adds verbs it does not."""
    weights, threshold = cue_model()
    lex = load_reporting_lexicon()
    learned = {k.split("=", 1)[1] for k in weights if k.startswith("lemma=") and weights[k] > 0}
    assert learned and not (learned & set(lex.verbs)), sorted(learned & set(lex.verbs))[:10]
    assert 0 < threshold < 1
    assert "learned cues" in [name for name, _ in PASSES]


def test_a_folder_without_the_model_has_no_learned_cues(tmp_path):
    folder = tmp_path / "en"
    shutil.copytree(lexicon_dir(), folder)
    (folder / "cue_model.tsv").unlink()
    assert cue_model(folder) is None


@pytest.mark.parametrize(
    "body, message",
    [
        ("bias\t-1.0\n", "no @threshold row"),
        ("@threshold\t0.5\nbias\tlots\n", "cue_model.tsv:2: the weight of 'bias' is not a number"),
        ("@threshold\t1.5\n", "cue_model.tsv:1: the threshold must lie between 0 and 1"),
        ("@threshold\t0.5\nlemma=see\t1\nlemma=see\t2\n", "cue_model.tsv:3: the feature 'lemma=see' has a weight"),
        ("@threshold\t0.5\nlemma=see 1\n", "cue_model.tsv:2: expected 2 tab-separated cells"),
        ("@threshold\t0.5\nbias\tnan\n", "cue_model.tsv:2: the weight of 'bias' is not finite"),
    ],
    ids=["no-threshold", "not-a-number", "threshold-out-of-range", "duplicate", "one-cell", "nan"],
)
def test_a_broken_model_file_names_its_line(tmp_path, body, message):
    (tmp_path / "cue_model.tsv").write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message.replace("(", r"\(")):
        cue_model(tmp_path)


def _corpus(folder, n=30):
    """Articles where "discovered that" always reports a source's claim (the reference says
    so) and "noticed that" never does (the reference has no statement)."""
    folder.mkdir()
    for i in range(n):
        place = f"Village{i}"
        text = (
            f"Report {i}\n\n"
            f"UN inspectors discovered that the depot in {place} had been emptied. "
            f"The drivers noticed that the road to {place} was closed."
        )
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
        gold = {
            "statements": [
                {
                    "speaker_span": "UN inspectors",
                    "speaker_names": ["UN"],
                    "cue": "discovered",
                    "text": f"that the depot in {place} had been emptied",
                    "kind": "indirect",
                }
            ]
        }
        (folder / f"a{i:02d}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


@pytest.mark.slow
def test_training_learns_the_cue_from_references(nlp, tmp_path):
    """`python -m kgraph.train.cues` over written references: a model file the lexicon reader
    accepts, whose weights put the verb the references annotate above the threshold and the
    one they never annotate below it."""
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the `train` or `test` extra)")
    from kgraph.train import cues

    _corpus(tmp_path / "refs")
    rows = list(cues.collect([tmp_path / "refs"]))
    by_verb = {}
    for _name, feats, label in rows:
        lemma = next(f.split("=", 1)[1] for f in feats if f.startswith("lemma="))
        by_verb.setdefault(lemma, set()).add(label)
    assert by_verb.get("discover") == {1} and by_verb.get("notice") == {0}, by_verb
    out = tmp_path / "model" / "cue_model.tsv"
    out.parent.mkdir()
    assert cues.main([str(tmp_path / "refs"), "--out", str(out), "--precision", "0.9", "--folds", "3"]) == 0
    weights, threshold = cue_model(out.parent)
    pos = next(f for _n, f, label in rows if label == 1)
    neg = next(f for _n, f, label in rows if label == 0)
    assert score(weights, pos) >= threshold > score(weights, neg)


def test_training_refuses_a_precision_it_cannot_reach(nlp, tmp_path, capsys):
    """References where the verb is annotated one time in two: no threshold gives 0.9 held-out
    precision, and the trainer says so and writes nothing."""
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the `train` or `test` extra)")
    from kgraph.train import cues

    _corpus(tmp_path / "refs", n=24)
    for i in range(0, 24, 2):
        (tmp_path / "refs" / f"a{i:02d}.gold.json").write_text('{"statements": []}', encoding="utf-8")
    out = tmp_path / "cue_model.tsv"
    assert cues.main([str(tmp_path / "refs"), "--out", str(out), "--precision", "0.9", "--folds", "3"]) == 2
    assert not out.exists()
    assert "no threshold" in capsys.readouterr().err
