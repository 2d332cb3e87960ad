#!/usr/bin/env python3
"""Regenerate seed.ttl, the golden graph of the seed article. Review `git diff` before committing."""

import os
import sys
from pathlib import Path

from kgraph.export.rdf import write_rdf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))
from tests.graph.test_store_and_graph import golden_store  # noqa: E402

os.chdir(ROOT)
store = golden_store()
with open(HERE / "seed.ttl", "wb") as out:
    write_rdf(store, "turtle", out)
print(f"wrote {HERE / 'seed.ttl'} ({len(store)} quads)")
