"""The wheel: built from a copy of the source tree by pip, it carries the ontology, the licence
and the one version number, and installed into a fresh venv its console script builds the
seeds from a folder with no checkout in sight.

The fresh venv sees the test environment's third-party packages through a .pth file (so no
download is needed), never the checkout: the installed kgraph is the only one on its path.
Building the wheel needs setuptools from the package index (pip's build isolation); where
pip cannot get it, the test skips and says so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import kgraph

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
    ".kgraph",
    "exports",
    "tests",
    "bench",
)


def _run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _clean_env(**extra: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "KGRAPH_ONTOLOGY", "KGRAPH_STORE")
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel pip builds from a copy of the source tree (so the checkout gets no build/)."""
    src = tmp_path_factory.mktemp("src") / "kgraph"
    shutil.copytree(ROOT, src, ignore=_NOT_SOURCE)
    out = tmp_path_factory.mktemp("wheel")
    res = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(src)], cwd=src, env=_clean_env())
    if res.returncode != 0 and "satisfies the requirement setuptools" in res.stdout + res.stderr:
        pytest.skip("pip could not get setuptools to build the wheel (no package index reachable)")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    wheels = list(out.glob("kgraph-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _ontology_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }


def test_wheel_carries_ontology_licence_and_version(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.removeprefix("kgraph/ontology/") for n in names if n.startswith("kgraph/ontology/")}
    assert shipped == _ontology_files(ROOT / "ontology")
    assets = ROOT / "kgraph" / "export" / "assets"
    assert {f"kgraph/export/assets/{a}" for a in _ontology_files(assets)} <= names
    dist = f"kgraph-{kgraph.__version__}.dist-info"
    assert wheel.name.startswith(f"kgraph-{kgraph.__version__}-")
    assert f"{dist}/licenses/LICENSE" in names
    meta = zipfile.ZipFile(wheel).read(f"{dist}/METADATA").decode("utf-8")
    assert f"\nVersion: {kgraph.__version__}\n" in meta and "\nLicense-Expression: MIT\n" in meta
    assert not any(n.startswith(("tests/", "ontology/", "seeds/")) for n in names)


def _deps_dir(deps: Path) -> Path:
    """A folder of links to the test environment's installed packages, kgraph itself left out
    (its editable install would otherwise count as installed in the new venv)."""
    deps.mkdir()
    for folder in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}:
        for entry in Path(folder).iterdir():
            name = entry.name.lower()
            if (
                name.startswith(("kgraph", "__editable__", "_kgraph"))
                or name.endswith(".pth")
                or (deps / entry.name).exists()
            ):
                continue
            (deps / entry.name).symlink_to(entry)
    return deps


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; the test environment's packages reached by a .pth."""
    home = tmp_path_factory.mktemp("venv") / "v"
    res = _run([sys.executable, "-m", "venv", "--without-pip", str(home)], cwd=home.parent)
    assert res.returncode == 0, res.stderr
    py = home / "bin" / "python"
    site = Path(
        _run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=home).stdout.strip()
    )
    (site / "_kgraph_test_deps.pth").write_text(f"{_deps_dir(home.parent / 'deps')}\n", encoding="utf-8")
    # pip of the test environment installs into the new venv; dependencies must all be met
    # by what is already there (--no-index: nothing is downloaded)
    res = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--no-index",
            "--find-links",
            str(wheel.parent),
            "kgraph",
        ],
        cwd=home.parent,
        env=_clean_env(),
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return home


def test_installed_kgraph_is_the_wheel(venv, tmp_path):
    py = venv / "bin" / "python"
    res = _run(
        [
            str(py),
            "-c",
            "import json, kgraph, kgraph.paths as p; "
            "print(json.dumps([kgraph.__file__, str(p.ontology_dir()), kgraph.__version__]))",
        ],
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert res.returncode == 0, res.stderr
    where, ontology, version = json.loads(res.stdout)
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(ROOT)
    assert Path(ontology) == Path(where).parent / "ontology"
    assert version == kgraph.__version__
    res = _run([str(venv / "bin" / "kgraph"), "--version"], cwd=tmp_path, env=_clean_env())
    assert res.returncode == 0 and res.stdout.strip() == f"kgraph, version {kgraph.__version__}"


def test_installed_console_script_builds_the_seeds(venv, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    exe = str(venv / "bin" / "kgraph")
    env = _clean_env()
    res = _run([exe, "build", "seeds/", "--published", "2024-11-18", "--export", "out"], cwd=work, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "built 1, skipped 0 unchanged, failed 0" in res.stderr
    assert (work / "out" / "graph.ttl").stat().st_size > 10_000
    articles = json.loads(_run([exe, "articles", "--format", "json"], cwd=work, env=env).stdout)
    assert len(articles) == 1 and articles[0]["triples"] > 500
    # the named queries and the lexicons come from the packaged ontology too
    res = _run([exe, "query", "--named", "officials", "--format", "csv"], cwd=work, env=env)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) > 1
    res = _run([exe, "export", "--format", "csv", "-o", "out/edges.csv"], cwd=work, env=env)
    assert res.returncode == 0, res.stderr
    assert (work / "out" / "edges.csv").read_text(encoding="utf-8").startswith("source,target,")
    assert not (work / "ontology").exists()
