"""Named queries: headers, parameters bound as terms, exact rows on a hand-built store,
the answers the seed article must give."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kgraph.errors import NotFoundError, QueryError
from kgraph.query.named import NamedQuery, Param, get_named, load_named, parse_header
from kgraph.query.sparql import run_query

EXAMPLES = {  # parameters each named query is tried with
    "who_said_what": {"about": "Russia"},
    "statements_by_speaker": {"speaker": "Zelenskiy"},
    "claims_by_outlet": {"outlet": "Reuters"},
    "events_in_place": {"place": "Russia", "from": "2024-01-01", "to": "2024-12-31"},
    "deployments": {},
}
MINE = ["who_said_what", "statements_by_speaker", "claims_by_outlet", "events_in_place", "officials", "contradictions"]


def rows(store, name, **params):
    return get_named(name).run(store, params).as_dicts()


def short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ------------------------------------------------------------------ headers
@pytest.mark.parametrize(
    "header, title, params",
    [
        (
            "# Who said what?\n#\n# Long text.\n#\n# @param about string  The entity.\nSELECT ?about {}",
            "Who said what?",
            (Param("about", "string", "The entity."),),
        ),
        (
            "# Events\n# @param from date = 0001-01-01  First day.\n# @param n xsd:integer\nSELECT * {}",
            "Events",
            (Param("from", "date", "First day.", "0001-01-01"), Param("n", "integer", "")),
        ),
        (
            "# T\n# param ?who: (iri) - whose\n#   statements, continued\nSELECT * {}",
            "T",
            (Param("who", "iri", "whose statements, continued"),),
        ),
        ("# No parameters here.\nSELECT * {}", "No parameters here.", ()),
        ("\n\n# Leading blank lines are fine\nSELECT * {}", "Leading blank lines are fine", ()),
    ],
)
def test_parse_header(header, title, params):
    t, _, p = parse_header(header)
    assert (t, p) == (title, params)


def test_an_unknown_parameter_type_is_an_error():
    with pytest.raises(QueryError, match="unknown parameter type 'colour'"):
        parse_header("# T\n# @param x colour  Something.\nSELECT * {}")


@pytest.mark.parametrize("name", MINE)
def test_every_named_query_says_what_it_answers(name):
    q = load_named()[name]
    assert q.title.endswith("?"), q.title
    assert len(q.description) > 40
    for p in q.params:
        assert p.description, f"{name}: parameter {p.name} has no description"
        assert f"?{p.name}" in q.sparql.split("WHERE")[0], f"{name}: ?{p.name} must be projected (SEP-0007)"


def test_the_issue_lists_these_named_queries():
    assert set(MINE) <= set(load_named())


def test_unknown_named_query_lists_the_known_ones():
    with pytest.raises(NotFoundError, match=r"no named query 'nope'; there are: .*who_said_what"):
        get_named("nope")


# ------------------------------------------------------------------ parameters
@pytest.mark.parametrize(
    "values, message",
    [
        ({}, "query 'events_in_place' needs --param place=VALUE (string: "),
        (
            {"place": "x", "plac": "y"},
            "query 'events_in_place' has no parameter 'plac' (its parameters: place, from, to)",
        ),
        ({"place": "x", "from": "2024-13-01"}, "parameter from: '2024-13-01' is not a valid date (e.g. 2024-11-18)"),
        ({"place": "x", "to": "yesterday"}, "parameter to: 'yesterday' is not a valid date"),
    ],
)
def test_parameter_errors_name_the_bad_value(values, message):
    with pytest.raises(QueryError) as info:
        get_named("events_in_place").bindings(values)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    "kind, value, term",
    [
        ("string", "Zelenskiy", ox.Literal("Zelenskiy")),
        ("string", "https://example.org/x", ox.Literal("https://example.org/x")),
        ("iri", "https://example.org/x", ox.NamedNode("https://example.org/x")),
        (
            "date",
            "2024-11-18",
            ox.Literal("2024-11-18", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ),
        ("integer", "007", ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ("boolean", "1", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
    ],
)
def test_parameters_become_typed_terms(kind, value, term):
    assert Param("x", kind).term(value) == term


@pytest.mark.parametrize("kind, value", [("iri", "not an iri"), ("iri", "<x>"), ("integer", "4.5"), ("boolean", "yes")])
def test_bad_parameter_values(kind, value):
    with pytest.raises(QueryError, match=f"not a valid {kind}"):
        Param("x", kind).term(value)


def test_defaults_fill_in():
    b = get_named("events_in_place").bindings({"place": "Kursk"})
    assert b["from"].value == "0001-01-01" and b["to"].value == "9999-12-31"


@pytest.mark.parametrize("evil", ['Russia") } DROP ALL #', "x' || true || '", "Russia\\"])
def test_parameter_text_is_never_query_text(hand_store, evil):
    before = len(hand_store)
    assert rows(hand_store, "who_said_what", about=evil) == []
    assert run_query(hand_store, get_named("who_said_what").sparql_with_values({"about": evil})).rows == ()
    assert len(hand_store) == before


@pytest.mark.parametrize("name", MINE)
def test_values_block_for_remote_endpoints_gives_the_same_rows(hand_store, name):
    q = get_named(name)
    params = EXAMPLES.get(name, {})
    local = q.run(hand_store, params)
    remote_text = q.sparql_with_values(params)
    assert (q.params == ()) == (remote_text == q.sparql)
    assert run_query(hand_store, remote_text).rows == local.rows


# ------------------------------------------------------------------ exact rows on the hand-built store
def test_who_said_what_matches_aliases_case_insensitively(hand_store):
    got = rows(hand_store, "who_said_what", about="north koreans")
    assert [(r.get("speaker"), r["cue"], short(r["stance"]), r.get("outlet")) for r in got] == [
        ("Volodymyr Zelenskiy", "said", "Asserts", None),
        (None, "According to", "Asserts", "Reuters"),
        ("Andrii Kovalenko", "said", "Asserts", None),
        ("Russia", "neither confirmed nor denied", "NeitherConfirmsNorDenies", None),
    ]
    first = got[0]
    assert first["text"] == "Russia had deployed North Korean troops to Kursk"
    from .conftest import TEXT_A

    assert TEXT_A[int(first["begin"]) : int(first["end"])] == first["text"]
    assert first["about"] == "north koreans" and first["occurrences"] == "1"


def test_who_said_what_terms_cache_stays_bounded_and_right(hand_store, monkeypatch):
    """The index plan keeps the RDF terms it makes for the next answers; the cache is
    emptied when it reaches its bound, and answers made across an emptying are the
    SPARQL engine's."""
    from kgraph.query import indexed

    monkeypatch.setattr(indexed._Terms, "MAX_TERMS", 5)
    q = get_named("who_said_what")
    want = run_query(hand_store, q.sparql, q.bindings({"about": "north koreans"})).rows
    assert len(want) > 1
    for _ in range(3):
        assert q.run(hand_store, {"about": "north koreans"}).rows == want
        kept = indexed._KEPT[hand_store.index]
        assert 5 <= len(kept) < 5 + 10 * len(want)  # past the bound by at most one answer's values
    assert indexed._terms_of(hand_store.index) is not kept  # emptied at the bound
    assert len(indexed._KEPT[hand_store.index]) == 1  # only "unbound"


@pytest.mark.parametrize("name", MINE)
@pytest.mark.parametrize("offset, limit", [(0, 1), (1, 2), (2, None), (0, None), (50, 1)])
def test_a_page_of_a_named_query_is_that_slice_of_its_rows(hand_store, name, offset, limit):
    """Index plans and SPARQL alike: `offset` rows passed over, then at most `limit`."""
    q = get_named(name)
    params = EXAMPLES.get(name, {})
    full = q.run(hand_store, params).rows
    stop = None if limit is None else offset + limit
    assert q.run(hand_store, params, offset=offset, limit=limit).rows == full[offset:stop]


def test_the_row_limit_counts_the_page(hand_store):
    from kgraph.query.sparql import RowLimitError

    q = get_named("who_said_what")
    with pytest.raises(RowLimitError):
        q.run(hand_store, {"about": "north koreans"}, max_rows=2)
    assert len(q.run(hand_store, {"about": "north koreans"}, max_rows=2, limit=2).rows) == 2
    assert len(run_query(hand_store, q.sparql, q.bindings({"about": "north koreans"}), max_rows=2, offset=3).rows) == 1


@pytest.mark.parametrize("page", [{"limit": 0}, {"offset": -1}, {"limit": "2"}])
def test_a_bad_page_is_refused(hand_store, page):
    with pytest.raises(QueryError, match="limit|offset"):
        get_named("who_said_what").run(hand_store, {"about": "Russia"}, **page)
    with pytest.raises(QueryError, match="limit|offset"):
        run_query(hand_store, "SELECT * { ?s ?p ?o }", **page)


def test_who_said_what_by_entity_key(hand_store):
    assert [r["cue"] for r in rows(hand_store, "who_said_what", about="wd:Q3178")] == ["said"]


def test_statements_by_speaker(hand_store):
    got = rows(hand_store, "statements_by_speaker", speaker="MOSCOW")
    assert [(r["speakerName"], r["cue"], short(r["stance"]), r["text"], r["about"]) for r in got] == [
        ("Russia", "denied", "Denies", "the claim", "Russia"),
        (
            "Russia",
            "neither confirmed nor denied",
            "NeitherConfirmsNorDenies",
            "the use of North Korean troops",
            "North Korean troops",
        ),
    ]
    assert [r["cue"] for r in rows(hand_store, "statements_by_speaker", speaker="Zelenskiy")] == ["said"]
    assert rows(hand_store, "statements_by_speaker", speaker="Zelensk") == []


def test_claims_by_outlet_named_and_publishing(hand_store):
    assert [(short(r["relay"]), r["text"]) for r in rows(hand_store, "claims_by_outlet", outlet="reuters")] == [
        ("reportedBy", "up to 11,000 soldiers arrived in October")
    ]
    published = rows(hand_store, "claims_by_outlet", outlet="Example News")
    assert [(short(r["relay"]), r["cue"]) for r in published] == [
        ("publisherName", "said"),
        ("publisherName", "denied"),
        ("publisherName", "According to"),
    ]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"place": "Russia"}, [("Deployment", "Kursk Oblast", "2024-10-01/2024-10-31")]),  # Kursk lies in Russia
        (
            {"place": "kursk", "from": "2024-10-15", "to": "2024-10-16"},
            [("Deployment", "Kursk Oblast", "2024-10-01/2024-10-31")],
        ),
        ({"place": "Kursk Oblast", "from": "2024-11-01"}, []),
        ({"place": "Ukraine", "from": "2024-11-01", "to": "2024-11-30"}, [("Shelling", "Sumy", "2024-11-05")]),
        ({"place": "Ukraine", "to": "2024-11-04"}, []),
        ({"place": "Sumy", "from": "2024-11-05", "to": "2024-11-05"}, [("Shelling", "Sumy", "2024-11-05")]),
    ],
)
def test_events_in_place_between_dates(hand_store, params, expected):
    got = rows(hand_store, "events_in_place", **params)
    assert [(short(r["type"]), r["where"], r["date"]) for r in got] == expected


def test_events_in_place_columns(hand_store):
    (dep,) = rows(hand_store, "events_in_place", place="Kursk Oblast")
    assert (dep["actors"], dep["force"], dep["quantity"], dep["claimedBy"], dep["dated"]) == (
        "Russia",
        "North Korean troops",
        "11000",
        "Volodymyr Zelenskiy",
        "event",
    )


def test_officials(hand_store):
    assert [(r["person"], r["role"], r.get("organization")) for r in rows(hand_store, "officials")] == [
        ("Andrii Kovalenko", "official", None),
        ("Volodymyr Zelenskiy", "President", "Ukraine"),
    ]


def test_contradictions(hand_store):
    got = rows(hand_store, "contradictions")
    assert sorted((short(r["how"]), r["claimSpeaker"], r["denialSpeaker"], short(r["denialStance"])) for r in got) == [
        ("about", "Andrii Kovalenko", "Russia", "NeitherConfirmsNorDenies"),  # same article
        ("denies", "Volodymyr Zelenskiy", "Russia", "Denies"),  # linked by kg:denies
    ]  # Zelenskiy (article a) against Russia (article b): different articles, not paired by subject
    assert {short(r["how"]): r["subject"] for r in got} == {"about": "North Korean troops", "denies": "Russia"}


# ------------------------------------------------------------------ the seed article
def test_seed_who_said_what_about_north_korean_troops(seed_store):
    got = rows(seed_store, "who_said_what", about="North Korean troops")
    said = {(r.get("speaker"), r["cue"]) for r in got}
    assert ("Volodymyr Zelenskiy", "accused") in said
    assert ("Andrii Kovalenko", "said") in said
    assert any(r.get("speaker") == "Russia" and short(r["stance"]) == "NeitherConfirmsNorDenies" for r in got)


def test_seed_statements_by_zelenskiy(seed_store):
    got = rows(seed_store, "statements_by_speaker", speaker="Zelenskiy")
    assert {r["speakerName"] for r in got} == {"Volodymyr Zelenskiy"}
    accused = [r for r in got if r["cue"] == "accused"]
    assert accused and accused[0]["text"].startswith("Russia of deploying North Korean troops")


def test_seed_statements_by_kovalenko(seed_store):
    got = rows(seed_store, "statements_by_speaker", speaker="andrii kovalenko")
    direct = [r for r in got if short(r["kind"]) == "Direct"]
    assert direct and direct[0]["text"].startswith("The Russians are counting on numbers")
    assert any(r["cue"] == "said" and short(r["kind"]) == "Indirect" for r in got)


def test_seed_claims_relayed_by_reuters(seed_store):
    got = rows(seed_store, "claims_by_outlet", outlet="Reuters")
    assert any("11,000 troops" in r["text"] for r in got)
    assert {short(r["relay"]) for r in got} == {"reportedBy"}


def test_seed_events_in_kursk_in_october(seed_store):
    got = rows(seed_store, "events_in_place", place="Kursk Oblast", **{"from": "2024-10-01", "to": "2024-10-31"})
    deployments = [r for r in got if short(r["type"]) == "Deployment"]
    assert deployments and deployments[0]["quantity"] == "11000"


def test_seed_officials(seed_store):
    got = {(r["person"], r["role"]): r.get("organization") for r in rows(seed_store, "officials")}
    assert got[("Volodymyr Zelenskiy", "President")] == "Ukraine"
    assert got[("Andrii Kovalenko", "official")].startswith("National Security and Defence Council")


def test_seed_contradictions(seed_store):
    got = rows(seed_store, "contradictions")
    assert any(
        r["denialSpeaker"] == "Russia"
        and short(r["denialStance"]) == "NeitherConfirmsNorDenies"
        and r["claimSpeaker"] == "Volodymyr Zelenskiy"
        for r in got
    )


@pytest.mark.parametrize("name", sorted(set(load_named()) - set(MINE)))
def test_other_named_queries_run_on_the_seed(seed_store, name):
    q = load_named()[name]
    params = {p.name: EXAMPLES.get(name, {}).get(p.name, "Russia") for p in q.params if p.required}
    assert isinstance(q, NamedQuery)
    q.run(seed_store, params)


@pytest.mark.parametrize("name, param", [("who_said_what", "about"), ("statements_by_speaker", "speaker")])
def test_a_name_of_no_entity_gives_no_rows_and_the_same_columns(hand_store, name, param):
    """Answered from the name index without running the query; the columns are the query's."""
    q = get_named(name)
    fast = q.run(hand_store, {param: "Nobody at all"})
    full = run_query(hand_store, q.sparql, q.bindings({param: "Nobody at all"}))
    assert (fast.variables, fast.rows) == (full.variables, ()) == (full.variables, full.rows)
