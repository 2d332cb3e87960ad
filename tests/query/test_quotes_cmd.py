"""`kgraph quotes` and `kgraph ask` through click's CliRunner: exact output and exit codes."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.extract.records import Entity, Extraction, Span, Statement
from kgraph.graph.build import article_iri, article_quads
from kgraph.graph.store import GraphStore
from kgraph.query.ask import FORMS
from kgraph.read.article import Article

TITLE = "Kyiv says North Korean troops are at the front"
TEXT = (
    f"{TITLE}\n\n"
    "Andrii Kovalenko said the North Koreans were being used for risky assaults. "
    "\u201cThe Russians are counting on numbers,\u201d he claimed. "
    "Russia denied using North Korean troops, according to Reuters. "
    "Zelenskiy warned that the deployment could soon expand."
)
SOURCE = "news/kyiv.txt"


def sp(needle: str) -> Span:
    b = TEXT.index(needle)
    return Span(b, b + len(needle), needle)


def chars(needle: str) -> str:
    b = TEXT.index(needle)
    return f"chars {b}-{b + len(needle)}"


def records() -> tuple[Article, Extraction]:
    art = Article(source=SOURCE, text=TEXT, title=TITLE, body_start=len(TITLE) + 2)
    ents = (
        Entity("person:andrii kovalenko", "Andrii Kovalenko", "Person", aliases=("Kovalenko",)),
        Entity("person:volodymyr zelenskiy", "Volodymyr Zelenskiy", "Person", aliases=("Zelenskiy",)),
        Entity("wd:Q159", "Russia", "Country", wikidata="Q159"),
        Entity("wd:Q423", "North Korea", "Country", wikidata="Q423"),
        Entity("wd:Q142", "France", "Country", wikidata="Q142"),
        Entity("force:wd:Q423", "North Korean troops", "MilitaryForce", aliases=("North Koreans",), country="wd:Q423"),
        Entity("force:wd:Q159", "Russian forces", "MilitaryForce", aliases=("Russians",), country="wd:Q159"),
        Entity("organization:reuters", "Reuters", "Organization"),
    )
    sts = (
        Statement(
            "person:andrii kovalenko",
            sp("Andrii Kovalenko"),
            "said",
            sp("said"),
            "the North Koreans were being used for risky assaults",
            sp("the North Koreans were being used for risky assaults"),
            "indirect",
            about=("force:wd:Q423",),
        ),
        Statement(
            "person:andrii kovalenko",
            sp("he"),
            "claimed",
            sp("claimed"),
            "The Russians are counting on numbers",
            sp("The Russians are counting on numbers"),
            "direct",
            about=("force:wd:Q159",),
        ),
        Statement(
            "wd:Q159",
            sp("Russia denied"),
            "denied",
            sp("denied"),
            "using North Korean troops",
            sp("using North Korean troops"),
            "indirect",
            stance="denies",
            reported_by="organization:reuters",
            about=("force:wd:Q423",),
        ),
        Statement(
            "person:volodymyr zelenskiy",
            sp("Zelenskiy warned"),
            "warned",
            sp("warned"),
            "the deployment could soon expand",
            sp("the deployment could soon expand"),
            "indirect",
        ),
    )
    return art, Extraction(art.id, ents, (), (), statements=sts)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("quotes") / "store"
    store = GraphStore(path)
    art, ex = records()
    store.replace_graph(article_iri(art.id), article_quads(art, ex))
    store.flush()
    del store
    return str(path)


@pytest.fixture()
def run(store_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [*args, "--store", store_path])

    return invoke


CITE = f'  -- {SOURCE}, "{TITLE}", '


def _said(head: str, text: str, shown: str | None = None) -> list[str]:
    """The three lines `kgraph quotes` prints for one statement: who, what, where."""
    return [head, "  " + (shown or text), CITE + chars(text)]


KOVALENKO_SAID = _said(
    "Andrii Kovalenko, said (indirect, asserts):", "the North Koreans were being used for risky assaults"
)
KOVALENKO_CLAIMED = _said(
    "Andrii Kovalenko, claimed (direct, asserts):",
    "The Russians are counting on numbers",
    "\u201cThe Russians are counting on numbers\u201d",
)
RUSSIA_DENIED = _said("Russia, denied (indirect, denies), reported by Reuters:", "using North Korean troops")
ZELENSKIY_WARNED = _said("Volodymyr Zelenskiy, warned (indirect, asserts):", "the deployment could soon expand")


def blocks(*bs: list[str]) -> list[str]:
    out: list[str] = []
    for b in bs:
        out += ([""] if out else []) + b
    return out


# -- kgraph quotes ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, expected",
    [
        ((), blocks(KOVALENKO_SAID, KOVALENKO_CLAIMED, RUSSIA_DENIED, ZELENSKIY_WARNED)),
        (("--speaker", "Kovalenko"), blocks(KOVALENKO_SAID, KOVALENKO_CLAIMED)),
        (("--speaker", "andriy kovalenko", "--about", "Russia"), KOVALENKO_CLAIMED),
        (("--about", "North Korea"), blocks(KOVALENKO_SAID, RUSSIA_DENIED)),
        (("--speaker", "Zelensky"), ZELENSKIY_WARNED),
    ],
)
def test_quotes_table(run, args, expected):
    res = run("quotes", *args)
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == expected


def test_quotes_json(run):
    res = run("quotes", "--speaker", "Russia", "--format", "json")
    assert res.exit_code == 0, res.output
    (rec,) = json.loads(res.stdout)
    b = TEXT.index("using North Korean troops")
    assert rec == {
        "id": f"{article_iri(records()[0].id)}/statement/{b}-{b + 25}",
        "speaker": "https://w3id.org/kgraph/id/entity/Q159",
        "speaker_label": "Russia",
        "speaker_text": "Russia denied",
        "cue": "denied",
        "kind": "indirect",
        "stance": "denies",
        "text": "using North Korean troops",
        "reported_by": "https://w3id.org/kgraph/id/entity/organization/reuters",
        "reported_by_label": "Reuters",
        "about": ["https://w3id.org/kgraph/id/entity/force/q423"],
        "article": article_iri(records()[0].id),
        "source": SOURCE,
        "title": TITLE,
        "start": b,
        "end": b + 25,
        "spans": [[b, b + 25]],
        "matched_as": "name",
        "publisher": None,
        "date": None,
        "score": None,
    }


@pytest.mark.parametrize(
    "args, error",
    [
        (
            ("--speaker", "Zelinsky"),
            "Error: no speaker named 'Zelinsky' in the store; did you mean Volodymyr Zelenskiy?",
        ),
        (
            ("--about", "Narnia"),
            "Error: no topic named 'Narnia' in the store (see `kgraph quotes` for who said what); "
            "no statement's text matches it either",
        ),
        (("--speaker", "France"), "Error: no statements by France"),
        (("--speaker", "Zelenskiy", "--about", "Russia"), "Error: no statements by Zelenskiy about Russia"),
    ],
)
def test_quotes_nothing_found_exits_1(run, args, error):
    res = run("quotes", *args)
    assert (res.exit_code, res.stdout, res.stderr.splitlines()) == (1, "", [error])


def test_quotes_on_a_store_without_statements(tmp_path):
    GraphStore(tmp_path / "empty").flush()
    res = CliRunner().invoke(main, ["quotes", "--store", str(tmp_path / "empty")])
    assert (res.exit_code, res.stderr.splitlines()) == (1, ["Error: no statements in the store"])


def test_quotes_bad_format_is_usage_error(run):
    res = run("quotes", "--format", "xml")
    assert res.exit_code == 2 and "Invalid value for '--format'" in res.stderr


# -- kgraph ask ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, expected",
    [
        ("What did Kovalenko say?", blocks(KOVALENKO_SAID, KOVALENKO_CLAIMED)),
        ("What did Andriy Kovalenko say about North Korea?", KOVALENKO_SAID),
        ("What did Zelensky warn?", ZELENSKIY_WARNED),
        ("What did Russia deny?", RUSSIA_DENIED),
        ("What did Reuters report?", RUSSIA_DENIED),
        (
            "What was said about North Korea?",
            blocks(RUSSIA_DENIED, KOVALENKO_SAID),
        ),  # both linked; Russia's words nearer
        ("Who said that the North Koreans were used for risky assaults?", KOVALENKO_SAID),
        ("Who claimed the Russians are counting on numbers?", KOVALENKO_CLAIMED),
        ("Who denied using North Korean troops?", RUSSIA_DENIED),
        ("Who reported that North Korean troops were used?", RUSSIA_DENIED),
        # a tie on the question's words goes to the statement with fewer other words
        ("Who said that North Koreans were used?", blocks(RUSSIA_DENIED, KOVALENKO_SAID)),
        ("Who said what about the Russians?", KOVALENKO_CLAIMED),
    ],
)
def test_ask_table(run, question, expected):
    res = run("ask", question)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(
        re.search(r"; score [01]\.\d\d$", ln)
        for ln in lines
        if ln.startswith("  --")
        and "about" in question
        or ln.startswith("  --")
        and question.startswith("Who")
        and "what" not in question
    )
    assert [re.sub(r"; score [01]\.\d\d$", "", ln) for ln in lines] == expected


def test_ask_json(run):
    res = run("ask", "Who claimed that the Russians are counting on numbers?", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert (data["question"], data["form"], data["scores"]) == (
        "Who claimed that the Russians are counting on numbers?",
        "who-said-that",
        [1.0],
    )
    (rec,) = data["statements"]
    assert (rec["speaker_label"], rec["cue"], rec["kind"], rec["text"], rec["source"], rec["title"]) == (
        "Andrii Kovalenko",
        "claimed",
        "direct",
        "The Russians are counting on numbers",
        SOURCE,
        TITLE,
    )


@pytest.mark.parametrize(
    "question, error",
    [
        (
            "What did Zelinsky say?",
            "Error: no speaker named 'Zelinsky' in the store; did you mean Volodymyr Zelenskiy?",
        ),
        ("What did France say?", "Error: no statements by France"),
        ("What did Kovalenko deny?", "Error: no denials by Kovalenko"),
        ("Who said that bananas are yellow?", "Error: no statement matches 'bananas are yellow'"),
    ],
)
def test_ask_nothing_found_exits_1(run, question, error):
    res = run("ask", question)
    assert (res.exit_code, res.stdout, res.stderr.splitlines()) == (1, "", [error])


@pytest.mark.parametrize("question", ["Who is Zelenskiy?", "What did Russia eat?", "Kovalenko?"])
def test_ask_unparseable_exits_2_listing_the_forms(run, question):
    res = run("ask", question)
    assert res.exit_code == 2 and res.stdout == ""
    lines = res.stderr.splitlines()
    assert (
        f"Error: Invalid value for QUESTION: cannot parse the question {question!r}; kgraph ask understands:"
    ) in lines
    for form, note in FORMS:
        assert any(ln.strip().startswith(form) and note in ln for ln in lines), form


def test_ask_without_a_store_exits_1(tmp_path):
    res = CliRunner().invoke(main, ["ask", "What did Russia deny?", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"Error: no store at {tmp_path / 'none'} (run `kgraph build` first or pass --store)"
    ]


@pytest.mark.parametrize("command", ["quotes", "ask"])
def test_help_has_an_example(command):
    res = CliRunner().invoke(main, [command, "-h"])
    assert res.exit_code == 0 and "Example:" in res.stdout


# -- the seed article ---------------------------------------------------------------------
def test_ask_answers_the_seed_questions(seed_store_path):
    """The questions of shared/eval/dev/000_815a57848530bec3.gold.json, on the real seed store."""
    runner = CliRunner()

    def ask(q):
        res = runner.invoke(main, ["ask", q, "--store", str(seed_store_path)])
        assert res.exit_code == 0, res.output
        return res.stdout

    assert "Moscow has dragged another state into this war" in ask("What did Zelenskiy say?")
    first = ask("Who said that the North Koreans were being used for risky front-line assaults?").splitlines()[0]
    assert first.startswith("Andrii Kovalenko, said (indirect")
    first = ask("Who claimed that the Russians are counting on numbers?").splitlines()[0]
    assert first.startswith("Andrii Kovalenko, claimed (direct")


def test_each_of_several_speakers_finds_the_statement(tmp_path):
    """ "Senators A and B told reporters ...": `quotes --speaker B` and `ask` about B find it,
    and the contract keeps one speaker id with both in `speakers`."""
    art = tmp_path / "senators.txt"
    art.write_text(
        "Senate vote\n\nSenators Alice Brown and Robert Klein told reporters that the bill would pass.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    run = CliRunner().invoke(main, ["build", str(art), "--store", str(store), "-q"])
    assert run.exit_code == 0, run.output
    for who in ("Alice Brown", "Klein"):
        res = CliRunner().invoke(main, ["quotes", "--speaker", who, "--store", str(store)])
        assert res.exit_code == 0 and "the bill would pass" in res.stdout, (who, res.output)
    res = CliRunner().invoke(main, ["ask", "What did Robert Klein say?", "--store", str(store)])
    assert res.exit_code == 0 and "the bill would pass" in res.stdout, res.output
    data = json.loads(CliRunner().invoke(main, ["extract", str(art), "--format", "json"]).stdout)
    st = next(s for s in data["statements"] if s["text"] == "the bill would pass")
    labels = {e["id"]: e["label"] for e in data["entities"]}
    assert labels[st["speaker"]] == "Alice Brown"
    assert [labels[k] for k in st["speakers"]] == ["Alice Brown", "Robert Klein"]
