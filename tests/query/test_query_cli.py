"""`kgraph query`, `kgraph serve` and `kgraph push` through click's CliRunner: formats,
exit codes, exact error text."""

from __future__ import annotations

import io
import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.query import Result

from kgraph.cli import main


@pytest.fixture()
def run(hand_store_path):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, ["query", "--store", str(hand_store_path), *args], input=input)

    return invoke


COUNTRIES = "SELECT DISTINCT ?label WHERE { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label"


@pytest.mark.parametrize("name", ["query", "serve", "push"])
def test_help_has_an_example(name):
    res = CliRunner().invoke(main, [name, "--help"])
    assert res.exit_code == 0 and "Example" in res.output


def test_select_as_table(run):
    res = run(COUNTRIES)
    assert res.exit_code == 0, res.output
    assert res.stdout == "label\n-------\nRussia\nUkraine\n"
    assert res.stderr == "2 rows\n"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_formats(run, fmt):
    res = run(COUNTRIES, "--format", fmt)
    assert res.exit_code == 0, res.output
    back = Result.parse(io.BytesIO(res.stdout_bytes), format=fmt)
    assert [str(r[0]) for r in back] == ["Russia", "Ukraine"]


def test_json_is_sparql_results_json(run):
    data = json.loads(run(COUNTRIES, "--format", "json").stdout)
    assert data == {
        "head": {"vars": ["label"]},
        "results": {
            "bindings": [
                {"label": {"type": "literal", "value": "Russia"}},
                {"label": {"type": "literal", "value": "Ukraine"}},
            ]
        },
    }


@pytest.mark.parametrize("fmt, parser", [(None, "turtle"), ("turtle", "turtle"), ("nt", "nt")])
def test_construct_as_rdf(run, fmt, parser):
    res = run("CONSTRUCT WHERE { ?e a kg:Country }", *(["--format", fmt] if fmt else []))
    assert res.exit_code == 0, res.output
    g = rdflib.Graph().parse(data=res.stdout, format=parser)
    assert len(g) == 2


def test_construct_refuses_csv(run):
    res = run("CONSTRUCT WHERE { ?e a kg:Country }", "--format", "csv")
    assert res.exit_code == 2
    assert "a CONSTRUCT/DESCRIBE result is a graph: use one of turtle, nt, xml, json" in res.output


@pytest.mark.parametrize(
    "query, out, code",
    [
        ("ASK { ?s a kg:Statement }", "true\n", 0),
        ("ASK { ?s a kg:Nothing }", "false\n", 1),
    ],
)
def test_ask_prints_and_exits(run, query, out, code):
    res = run(query)
    assert (res.stdout, res.exit_code) == (out, code)


def test_syntax_error_exits_2_with_line_and_column(run):
    res = run("SELECT * WHERE {\n  ?s ?p }")
    assert res.exit_code == 2
    assert res.stderr == (
        "Error: SPARQL syntax error at line 2, column 10: expected one of LATERAL, SERVICE, [_]\n"
        "  ?s ?p }\n"
        "         ^\n"
    )


def test_query_from_file_and_stdin(run, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text(COUNTRIES, encoding="utf-8")
    assert run("-f", str(f)).stdout == run("-", input=COUNTRIES).stdout == run(COUNTRIES).stdout


def test_graph_option_restricts_to_one_article(run):
    from kgraph.graph.build import article_iri

    from .conftest import article_b

    res = run("SELECT ?t WHERE { ?a schema:headline ?t }", "--graph", article_iri(article_b()[0].id), "--format", "csv")
    assert res.stdout.splitlines() == ["t", "Kovalenko on the Kursk front"]


def test_named_query_with_parameter(run):
    res = run("--named", "statements_by_speaker", "--param", "speaker=zelenskiy", "--format", "json")
    assert res.exit_code == 0, res.output
    bindings = json.loads(res.stdout)["results"]["bindings"]
    assert [b["cue"]["value"] for b in bindings] == ["said"]
    assert bindings[0]["speaker"] == {"type": "literal", "value": "zelenskiy"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--named", "who_said_what"], "Invalid value for --param: query 'who_said_what' needs --param about=VALUE"),
        (["--named", "who_said_what", "--param", "about"], "Invalid value for --param: 'about' is not NAME=VALUE"),
        (
            ["--named", "who_said_what", "--param", "speaker=x"],
            "Invalid value for --param: query 'who_said_what' has no parameter 'speaker' (its parameters: about)",
        ),
        (
            ["--named", "events_in_place", "--param", "place=Kursk", "--param", "from=soon"],
            "Invalid value for --param: parameter from: 'soon' is not a valid date (e.g. 2024-11-18)",
        ),
        ([COUNTRIES, "--param", "x=1"], "Invalid value for --param: only a named query takes parameters"),
    ],
)
def test_bad_parameters_exit_2(run, args, message):
    res = run(*args)
    assert res.exit_code == 2
    assert message in res.output


def test_unknown_named_query_exits_1(run):
    res = run("--named", "nope")
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: no named query 'nope'; there are: ")


def test_list(run):
    res = run("--list")
    assert res.exit_code == 0
    assert "who_said_what: Who said what about an entity?\n    --param about (name): Name of the entity" in res.stdout
    assert "events_in_place: What happened in a place between two dates?\n" in res.stdout
    assert "    --param from (date = 0001-01-01): First day of the period" in res.stdout
    data = json.loads(run("--list", "--format", "json").stdout)
    assert {q["name"] for q in data} >= {"who_said_what", "statements_by_speaker", "officials"}


def test_no_store_is_a_one_line_error(tmp_path):
    res = CliRunner().invoke(main, ["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert res.exit_code == 1
    assert res.stderr == f"Error: no store at {tmp_path / 'none'} (run `kgraph build` first or pass --store)\n"


def test_output_file(run, tmp_path):
    out = tmp_path / "out" / "r.csv"
    res = run(COUNTRIES, "--format", "csv", "-o", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines() == ["label", "Russia", "Ukraine"]


def test_serve_refuses_a_missing_store(tmp_path):
    res = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert res.exit_code == 1
    assert "no store at" in res.stderr


def test_push_refuses_credentials_in_the_url(hand_store_path):
    res = CliRunner().invoke(
        main, ["push", "--store", str(hand_store_path), "--endpoint", "http://admin:s3cret@127.0.0.1:9/store"]
    )
    assert res.exit_code == 1
    assert "s3cret" not in res.output
    assert res.stderr == (
        "Error: credentials in the endpoint URL are refused (http://***@127.0.0.1:9/store); "
        "set $KGRAPH_SPARQL_USER and $KGRAPH_SPARQL_PASSWORD or use a netrc file\n"
    )


def test_limit_and_offset_give_a_page(run):
    args = ("--named", "who_said_what", "--param", "about=russia", "--format", "json")
    full = json.loads(run(*args).stdout)["results"]["bindings"]
    page = json.loads(run(*args, "--offset", "1", "--limit", "1").stdout)["results"]["bindings"]
    assert len(full) > 1 and page == full[1:2]
    res = run("SELECT ?s WHERE { ?s a kg:Statement } ORDER BY ?s", "--limit", "2", "--format", "csv")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 3  # the header and two rows
    assert run(*args, "--limit", "0").exit_code == 2


def test_named_who_said_what_is_answered_from_the_store_index(run, hand_store_path, monkeypatch):
    """`--named` runs the query as `NamedQuery.run` does: names looked up in the store
    index, and who_said_what read from its rows by the registered plan; same bindings as
    the SPARQL engine gives for the query text."""
    from kgraph.graph.store import GraphStore
    from kgraph.query import indexed
    from kgraph.query.named import get_named
    from kgraph.query.sparql import run_query

    named = get_named("who_said_what")
    key = next(k for k, fn in indexed._PLANS.items() if fn is indexed.who_said_what)
    calls = []
    monkeypatch.setitem(indexed._PLANS, key, lambda *a: calls.append(a[1]["about"].value) or indexed.who_said_what(*a))
    res = run("--named", "who_said_what", "--param", "about=russia", "--format", "json")
    assert res.exit_code == 0, res.output
    assert calls == ["russia"]
    got = [{k: v["value"] for k, v in b.items()} for b in json.loads(res.stdout)["results"]["bindings"]]
    store = GraphStore(hand_store_path, read_only=True)
    want = run_query(store, named.sparql, named.bindings({"about": "russia"})).as_dicts()
    assert got and sorted(map(sorted, (r.items() for r in got))) == sorted(map(sorted, (r.items() for r in want)))
