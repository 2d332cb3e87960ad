"""Build hook: the top-level `ontology/` folder (the design card keeps it there, beside the
code) goes into the wheel as `kgraph/ontology/`, where `kgraph.paths` finds it through
importlib.resources. Everything else about the package is in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ONTOLOGY = Path(__file__).resolve().parent / "ontology"
_LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class build_py_with_ontology(build_py):  # noqa: N801 (setuptools' command naming)
    """build_py that also copies ontology/ into the built package (not in editable mode,
    where kgraph.paths reads ontology/ from the checkout itself)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        if not ONTOLOGY.is_dir():
            raise SystemExit(f"build: {ONTOLOGY} is missing; the wheel would have no ontology")
        target = Path(self.build_lib) / "kgraph" / "ontology"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ONTOLOGY, target, ignore=_LEFT_OUT)


setup(cmdclass={"build_py": build_py_with_ontology})
