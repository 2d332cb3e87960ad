"""The one lexicon loader (the kgraph/lexicon package): validation with file and line, the folder override,
and new words taking one data row end to end (extract -> graph -> contract JSON)."""

from __future__ import annotations

import shutil

import pytest

from kgraph import lexicon
from kgraph.extract import extract_articles
from kgraph.graph.build import article_iri, article_quads
from kgraph.graph.contract import contract
from kgraph.graph.store import GraphStore
from kgraph.lexicon import LexiconError, load_reporting_lexicon
from kgraph.paths import ontology_dir
from kgraph.read.article import Article
from kgraph.vocab import event_types


@pytest.fixture()
def lexicon_copy(tmp_path):
    """A copy of the shipped lexicon folder (a test edits it, then points $KGRAPH_LEXICON_DIR at it:
    loading is cached per folder, so a folder is edited before it is first read)."""
    folder = tmp_path / "lexicon-en"
    shutil.copytree(lexicon.lexicon_dir(), folder)
    return folder


def _append(path, line: str) -> int:
    """Append one line to a file; its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines())


def _contract(nlp, text: str) -> dict:
    art = Article(source="lexicon-test", text=text, published="2024-11-18")
    ((a, ex),) = list(extract_articles([art], nlp))
    store = GraphStore()
    graph = article_iri(a.id)
    store.replace_graph(graph, article_quads(a, ex))
    return contract(store, [graph])


def test_shipped_lexicon_loads_and_is_complete():
    words = lexicon.word_classes()
    nouns = lexicon.noun_classes()
    assert all(words[c] for c in lexicon.WORD_CLASSES), [c for c in lexicon.WORD_CLASSES if not words[c]]
    assert all(nouns[c] for c in lexicon.NOUN_CLASSES), [c for c in lexicon.NOUN_CLASSES if not nouns[c]]
    assert "president" in lexicon.titles()
    assert lexicon.pronouns("poss")["its"][0] == "Country"
    assert lexicon.lemma_exceptions()["hoped"] == "hope"
    assert "deny" in lexicon.reporting_verbs()[1] and "say" in lexicon.reporting_verbs()[0]
    assert {k for k, *_ in lexicon.event_rows("trigger")} <= set(event_types())


def test_lexicon_folder_defaults_to_the_language_folder(monkeypatch):
    monkeypatch.delenv("KGRAPH_LEXICON_DIR", raising=False)
    assert lexicon.lexicon_dir() == ontology_dir() / "lexicon" / "en"


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("nouns.tsv", "forse\ttroops", "unknown class 'forse'"),
        ("words.tsv", "weekdays\tmonday", "unknown class 'weekdays'"),
        ("events.tsv", "triger\tAttack\tVERB\tpummel\t-", "unknown kind 'triger'"),
        ("events.tsv", "trigger\tAtack\tVERB\tpummel\t-", "unknown event type 'Atack'"),
        ("events.tsv", "trigger\tAttack\tVERB\tpummel\tarmd", "unknown condition 'armd'"),
        ("events.tsv", "weapon\tmortar\tNOUN\tmortar\tShellin", "unknown event type 'Shellin'"),
        ("events.tsv", "trigger\tAttack\tVERB\tpummel", "expected 5 tab-separated cells"),
        ("reporting.tsv", "verb\tgrumble\tasserts\tclause,objct", "unknown slot 'objct'"),
        ("reporting.tsv", "verb\tgrumble\tassert\tclause", "unknown stance 'assert'"),
        ("reporting.tsv", "verbs\tgrumble\tasserts\tclause", "unknown class 'verbs'"),
        ("descriptions.tsv", "Persn\tofficial", "unknown entity type 'Persn'"),
        ("pronouns.tsv", "its\tposs\tCountry,Goup", "unknown entity type 'Goup'"),
        ("pronouns.tsv", "its\tposessive\tCountry", "unknown pronoun case 'posessive'"),
        ("lemmas.tsv", "Hope\thoped", "a lemma must be one lower-case word"),
        ("lemmas.tsv", "hop\thoped", "already given the lemma 'hope'"),
        ("lemmas.tsv", "hope", "expected 2 tab-separated cells"),
    ],
)
def test_bad_row_names_file_and_line(lexicon_copy, monkeypatch, name, line, message):
    n = _append(lexicon_copy / name, line)
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(lexicon_copy))
    readers = {
        "nouns.tsv": lexicon.noun_classes,
        "words.tsv": lexicon.word_classes,
        "events.tsv": lambda: lexicon.event_rows("trigger"),
        "reporting.tsv": lexicon.reporting_rows,
        "descriptions.tsv": lexicon.descriptions,
        "pronouns.tsv": lambda: lexicon.pronouns("poss"),
        "lemmas.tsv": lexicon.lemma_exceptions,
    }
    with pytest.raises(LexiconError) as err:
        readers[name]()
    assert f"{lexicon_copy / name}:{n}: " in str(err.value)
    assert message in str(err.value)


def test_missing_lexicon_file_is_a_lexicon_error(lexicon_copy, monkeypatch):
    (lexicon_copy / "words.tsv").unlink()
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(lexicon_copy))
    with pytest.raises(LexiconError, match="words.tsv"):
        lexicon.word_classes()


def test_bad_lexicon_is_a_one_line_cli_error(lexicon_copy, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kgraph.cli import main

    _append(lexicon_copy / "nouns.tsv", "forse\ttroops")
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(lexicon_copy))
    article = tmp_path / "a.txt"
    article.write_text("Russian troops advanced toward Pokrovsk.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{lexicon_copy / 'nouns.tsv'}:" in result.output and "unknown class 'forse'" in result.output


def test_new_reporting_verb_is_one_row_end_to_end(nlp, lexicon_copy, monkeypatch):
    text = "Ukrainian President Volodymyr Zelenskiy grumbled that the aid was arriving too late."
    assert "grumble" not in load_reporting_lexicon().verbs  # not a reporting verb of the shipped lexicon
    # without the learned cue model (which takes "grumbled that ..." for a cue too), only the row speaks
    (lexicon_copy / "cue_model.tsv").unlink()
    bare = shutil.copytree(lexicon_copy, lexicon_copy.parent / "without-the-row")
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(bare))
    assert not _contract(nlp, text)["statements"]
    _append(lexicon_copy / "reporting.tsv", "verb\tgrumble\tasserts\tclause")
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(lexicon_copy))
    out = _contract(nlp, text)
    (st,) = out["statements"]
    assert st["cue"] == "grumbled" and st["text"] == "the aid was arriving too late"
    speaker = next(e for e in out["entities"] if e["id"] == st["speaker"])
    assert speaker["label"] == "Volodymyr Zelenskiy"


def test_new_event_type_is_one_row_end_to_end(nlp, lexicon_copy, tmp_path, monkeypatch):
    text = "Russian warships blockaded the port of Odesa on Monday."
    assert not _contract(nlp, text)["events"]
    onto = tmp_path / "ontology"  # the event type table lives in the ontology folder
    shutil.copytree(ontology_dir(), onto, ignore=shutil.ignore_patterns("lexicon"))
    monkeypatch.setenv("KGRAPH_ONTOLOGY", str(onto))
    _append(
        onto / "event_types.tsv",
        "Blockade\tEvent\tStrategic developments\tOther\tCOERCE\tForces closing a port, a coast or a border",
    )
    _append(lexicon_copy / "events.tsv", "trigger\tBlockade\tVERB\tblockade\tarmed")
    monkeypatch.setenv("KGRAPH_LEXICON_DIR", str(lexicon_copy))
    out = _contract(nlp, text)
    (ev,) = out["events"]
    assert ev["type"] == "Blockade" and ev["trigger"] == "blockaded"
    assert ev["date"] == "2024-11-18"
    labels = {e["id"]: e["label"] for e in out["entities"]}
    assert [labels[a] for a in ev["actors"]] == ["Russia"] and [labels[t] for t in ev["targets"]] == ["Odesa"]
