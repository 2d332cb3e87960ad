"""The closed sets of the ontology (kgraph/vocab.py): entity and event types from one table each;
an unknown type raises in the graph builder instead of becoming a Group or a ConflictEvent."""

from __future__ import annotations

import shutil

import pytest

from kgraph.extract.records import Entity, Event, Extraction, Span
from kgraph.graph.build import article_quads
from kgraph.graph.terms import KG, entity_classes, event_classes
from kgraph.paths import ontology_dir
from kgraph.read.article import Article
from kgraph.vocab import VocabularyError, check_entity_type, check_event_type, entity_types, event_types


def test_tables_are_the_ontology_classes():
    assert entity_types() == ("Person", "Country", "Organization", "Location", "MilitaryForce", "Group", "Speaker")
    assert "Deployment" in event_types() and "Appeal" in event_types()
    assert entity_classes()["MilitaryForce"] == KG.MilitaryForce
    assert event_classes() == {t: KG[t] for t in event_types()}  # every event type is a declared KG term


def test_every_type_in_the_tables_is_declared_in_kgraph_ttl():
    ttl = (ontology_dir() / "kgraph.ttl").read_text(encoding="utf-8")
    for t in entity_types() + event_types():
        assert f"kg:{t} a owl:Class" in ttl, t


@pytest.mark.parametrize(("check", "name"), [(check_entity_type, "Militia"), (check_event_type, "Skirmish")])
def test_unknown_type_raises_naming_the_valid_ones(check, name):
    with pytest.raises(VocabularyError, match=rf"unknown .* type '{name}'; valid: "):
        check(name)


def _extraction(entity_type="Country", event_type="Attack") -> Extraction:
    ent = Entity("wd:Q159", "Russia", entity_type, mentions=(Span(0, 6, "Russia"),))
    ev = Event(event_type, Span(7, 15, "attacked"), actors=("wd:Q159",))
    return Extraction("vocab-test", (ent,), (), (), (), (ev,))


def test_graph_builder_refuses_unknown_types():
    art = Article(source="vocab-test", text="Russia attacked.")
    assert article_quads(art, _extraction())
    with pytest.raises(VocabularyError, match="unknown entity type 'Militia'"):
        article_quads(art, _extraction(entity_type="Militia"))
    with pytest.raises(VocabularyError, match="unknown event type 'Skirmish'"):
        article_quads(art, _extraction(event_type="Skirmish"))


def test_types_table_comes_from_the_ontology_folder(tmp_path, monkeypatch):
    onto = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), onto, ignore=shutil.ignore_patterns("lexicon", "gazetteer", "queries"))
    path = onto / "entity_types.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "Vessel\tActor\tA named ship\n", encoding="utf-8")
    monkeypatch.setenv("KGRAPH_ONTOLOGY", str(onto))
    assert entity_types()[-1] == "Vessel"
    assert str(entity_classes()["Vessel"]) == str(KG._NS) + "Vessel"


def test_bad_types_table_names_file_and_line(tmp_path, monkeypatch):
    onto = tmp_path / "ontology"
    onto.mkdir()
    (onto / "event_types.tsv").write_text("class\tparent\tdescription\nAttack\tEvent\n", encoding="utf-8")
    monkeypatch.setenv("KGRAPH_ONTOLOGY", str(onto))
    with pytest.raises(VocabularyError, match=r"event_types.tsv:2: expected 3 tab-separated cells"):
        event_types()


def _type_literals():
    """(file, line, literal) of every string a rule in kgraph/extract or kgraph/graph uses as a type:
    members of a tuple/set/list beside a known type, and what `.type` / `.cls` is compared with."""
    import ast
    from pathlib import Path

    known = set(entity_types()) | set(event_types())
    root = Path(__file__).resolve().parent.parent / "kgraph"
    for path in sorted([*root.joinpath("extract").rglob("*.py"), *root.joinpath("graph").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            strings: list[ast.Constant] = []
            if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
                consts = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if any(c.value in known for c in consts):
                    strings = consts
            elif (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Attribute)
                and node.left.attr in ("type", "cls")
            ):
                strings = [c for c in node.comparators if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            for c in strings:
                yield path.relative_to(root.parent), c.lineno, c.value


def test_every_type_named_in_the_rules_is_in_the_tables():
    known = set(entity_types()) | set(event_types())
    found = list(_type_literals())
    assert len(found) > 50  # the scan sees the rules
    assert [f for f in found if f[2] not in known] == []
