"""Where kgraph finds its ontology and data files."""

from __future__ import annotations

import os
from pathlib import Path


def ontology_dir() -> Path:
    """The `ontology/` folder: $KGRAPH_ONTOLOGY, else the one beside the package."""
    env = os.environ.get("KGRAPH_ONTOLOGY")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "ontology"
