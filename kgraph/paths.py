"""Where kgraph finds its ontology and data files.

The ontology folder is `ontology/` at the top of the repository. A wheel carries a copy of
it inside the package, as `kgraph/ontology/` (setup.py's build hook puts it there), so an
installed kgraph (`pip install .`, `pipx install`) reads the same files as a checkout.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import KGraphError

__all__ = ["ontology_dir", "packaged_ontology_dir", "ONTOLOGY_ENV"]

ONTOLOGY_ENV = "KGRAPH_ONTOLOGY"


def ontology_dir() -> Path:
    """The ontology folder in use: $KGRAPH_ONTOLOGY if set, else the one kgraph ships."""
    env = os.environ.get(ONTOLOGY_ENV)
    if env:
        return Path(env)
    return packaged_ontology_dir()


@lru_cache(maxsize=1)
def packaged_ontology_dir() -> Path:
    """The ontology kgraph ships: `kgraph/ontology/` in an installed wheel, else `ontology/`
    beside the package in a checkout (an editable install or a source tree on sys.path)."""
    installed = resources.files(__package__) / "ontology"
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if checkout.is_dir():
        return checkout
    raise KGraphError(
        f"kgraph's ontology folder is missing: neither {installed} nor {checkout} exists "
        f"(reinstall kgraph, or set ${ONTOLOGY_ENV} to an ontology folder)"
    )
