"""`--graph` (and the protocol's graph IRIs) given something that is not an IRI: one clear
error naming it, with the article's IRI when the text names an article, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import QueryError
from kgraph.graph.build import article_iri
from kgraph.query.sparql import run_query

from .conftest import article_b

ASK = "ASK { ?s ?p ?o }"


@pytest.mark.parametrize("name", ["nonexistent", "two words", ""])
def test_not_an_iri_is_a_query_error(hand_store, name):
    with pytest.raises(QueryError, match=rf"^not a graph IRI: {name!r}; give an article graph's IRI"):
        run_query(hand_store, ASK, default_graphs=[name])
    with pytest.raises(QueryError, match=rf"^not a graph IRI: {name!r}"):
        run_query(hand_store, ASK, named_graphs=[name])


def test_an_article_id_gets_its_iri_suggested(hand_store):
    art = article_b()[0]
    iri = article_iri(art.id)
    with pytest.raises(QueryError, match=rf"^not a graph IRI: '{art.id}'; did you mean {iri}\?$"):
        run_query(hand_store, ASK, default_graphs=[art.id])


def test_cli_graph_nonexistent_is_one_line(hand_store_path):
    res = CliRunner().invoke(
        main, ["query", "--store", str(hand_store_path), "--graph", "nonexistent", "SELECT * WHERE { ?s ?p ?o }"]
    )
    assert res.exit_code == 2  # a bad --graph value is a usage error, caught before the store is opened
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: Invalid value for --graph: --graph 'nonexistent' is not an IRI"), res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def test_a_graph_iri_still_works(hand_store):
    iri = article_iri(article_b()[0].id)
    assert run_query(hand_store, ASK, default_graphs=[iri]).boolean is True
