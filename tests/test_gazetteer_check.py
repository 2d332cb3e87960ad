"""ontology/gazetteer/check.py: the shipped gazetteer passes; a broken copy gives one line per problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"


def _run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(folder / "check.py")], capture_output=True, text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _edit_first_row(path: Path, column: int, value: str) -> int:
    """Set one cell of the first data row; returns its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    data = [i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    row = data[1]  # data[0] is the header
    cells = lines[row].split("\t")
    cells[column] = value
    lines[row] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    return row + 1


def test_shipped_gazetteer_passes():
    result = _run(GAZETTEER)
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("0 errors")


def test_broken_rows_are_named_by_file_and_line(tmp_path):
    folder = _copy(tmp_path)
    line = _edit_first_row(folder / "countries.tsv", 0, "Q0x")
    place_line = _edit_first_row(folder / "places.tsv", 3, "planet")
    result = _run(folder)
    assert result.returncode == 1
    assert f"ERROR countries.tsv:{line}: bad QID in wikidata: 'Q0x'" in result.stdout.splitlines()
    assert any(
        ln.startswith(f"ERROR places.tsv:{place_line}: kind 'planet' not in [") for ln in result.stdout.splitlines()
    )
    assert result.stdout.rstrip().endswith("2 errors")


def test_a_name_of_two_entities_and_an_ordinary_word(tmp_path):
    folder = _copy(tmp_path)
    line = _edit_first_row(folder / "places.tsv", 2, "It|France")
    result = _run(folder)
    out = result.stdout.splitlines()
    assert result.returncode == 1
    assert f"ERROR places.tsv:{line}: name 'It' is an ordinary word" in out
    assert any(ln.startswith("ERROR name 'France' is used by several entities: ['wd:Q142', 'wd:") for ln in out)


def test_missing_file_and_wrong_header(tmp_path):
    folder = _copy(tmp_path)
    (folder / "people.tsv").unlink()
    text = (folder / "organizations.tsv").read_text(encoding="utf-8")
    (folder / "organizations.tsv").write_text(text.replace("\tkind\n", "\tkinds\n", 1), encoding="utf-8")
    result = _run(folder)
    out = result.stdout.splitlines()
    assert "people.tsv: missing or empty" in out
    assert any(ln.startswith("ERROR organizations.tsv: header [") for ln in out)
