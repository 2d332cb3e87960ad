"""The export registry: every `kgraph export --format` choice is a registered writer, and a
new format is one registered function that the CLI then offers and writes end to end."""

from __future__ import annotations

import io

import pytest
import rdflib
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import ExportError
from kgraph.export import export_store, format_names, formats, get_format, register, unregister
from kgraph.graph.store import GraphStore

BUILTIN = ["turtle", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv"]


def test_builtin_formats_in_a_fixed_order():
    assert format_names() == BUILTIN
    assert format_names("rdf") == ["turtle", "trig", "nt", "nq", "jsonld"]
    assert format_names("network") == ["graphml", "gexf", "csv"]
    assert {f.suffix for f in formats().values()} == {
        ".ttl",
        ".trig",
        ".nt",
        ".nq",
        ".jsonld",
        ".graphml",
        ".gexf",
        ".csv",
    }


def test_cli_choices_are_the_registry():
    res = CliRunner().invoke(main, ["export", "--help"])
    assert res.exit_code == 0
    assert "[" + "|".join(BUILTIN) + "]" in res.output
    res = CliRunner().invoke(main, ["export", "--format", "nope"])
    assert res.exit_code == 2
    assert "'nope' is not one of " + ", ".join(repr(n) for n in BUILTIN) in res.stderr


@pytest.fixture()
def tsv_format():
    """A format registered by a test the way a plug-in would: one decorated function."""

    @register("tsv-edges", kind="network", suffix=".tsv", help="source and target, tab-separated")
    def write_tsv(graph, out):
        for s, o in sorted(graph.edges()):
            out.write(f"{graph.nodes[s]['label']}\t{graph.nodes[o]['label']}\n".encode())

    yield write_tsv
    unregister("tsv-edges")


def test_a_registered_format_is_offered_and_written_end_to_end(tsv_format, seed_store_path, seed_store, tmp_path):
    assert format_names()[-1] == "tsv-edges" and get_format("tsv-edges").write is tsv_format
    help_text = CliRunner().invoke(main, ["export", "--help"]).output
    assert "|csv|tsv-edges]" in help_text
    out = tmp_path / "edges.tsv"
    res = CliRunner().invoke(main, ["export", "--format", "tsv-edges", "-o", str(out), "--store", str(seed_store_path)])
    assert res.exit_code == 0, res.output
    from kgraph.analyse.projections import project

    g = project(seed_store, "actors")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == g.number_of_edges() > 10
    assert "Russia\tNorth Korea" in lines
    assert res.stderr == f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)\n"


def test_unregistered_format_is_gone(tsv_format):
    unregister("tsv-edges")
    assert "tsv-edges" not in format_names()
    with pytest.raises(ExportError, match=r"^unknown export format 'tsv-edges'; choose one of turtle, trig"):
        get_format("tsv-edges")


@pytest.mark.parametrize(
    "name, kind, suffix, message",
    [
        ("Bad Name", "rdf", ".x", "bad export format name 'Bad Name'"),
        ("fine", "table", ".x", "unknown kind 'table' for export format 'fine'; use one of rdf, network"),
        ("fine", "rdf", "x", "the suffix of export format 'fine' must start with '.'"),
    ],
)
def test_bad_registrations(name, kind, suffix, message):
    with pytest.raises(ExportError, match="^" + message):
        register(name, kind=kind, suffix=suffix)


def test_a_taken_name_is_refused():
    with pytest.raises(ExportError, match=r"^export format 'turtle' is already registered by kgraph\.export\.rdf\."):
        register("turtle", kind="rdf", suffix=".ttl")(lambda store, out: None)
    assert get_format("turtle").write.__module__ == "kgraph.export.rdf"


@pytest.mark.parametrize("name", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_rdf_formats_write_what_they_say(seed_store, name):
    buf = io.BytesIO()
    summary = export_store(seed_store, name, buf)
    n, unit = summary.split()
    dataset = name in ("trig", "nq", "jsonld")
    assert unit == ("quads" if dataset else "triples")
    rdflib_format = {"nt": "nt", "nq": "nquads", "jsonld": "json-ld"}.get(name, name)
    if dataset:
        parsed = rdflib.Dataset().parse(data=buf.getvalue(), format=rdflib_format)
        read = sum(len(g) for g in parsed.graphs())
    else:
        read = len(rdflib.Graph().parse(data=buf.getvalue(), format=rdflib_format))
    assert read == int(n) > 100


def test_empty_store_is_a_clear_error(tmp_path):
    GraphStore(tmp_path / "s").flush()
    res = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(tmp_path / "s")])
    assert res.exit_code == 1
    assert res.stderr == "Error: the actors view is empty: the store holds no articles (run `kgraph build` first)\n"


@pytest.mark.parametrize(
    "where, message",
    [
        ("folder", "it is a folder (give a file name)"),
        ("file/x.csv", "{tmp}/file is a file, not a folder"),
        ("file/deeper/x.csv", "Not a directory"),
    ],
)
def test_unwritable_output_is_one_line(seed_store_path, tmp_path, where, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    out = tmp_path / where
    res = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(out), "--store", str(seed_store_path)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.stderr == f"Error: cannot write {out}: {message.format(tmp=tmp_path)}\n"
