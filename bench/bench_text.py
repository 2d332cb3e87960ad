"""Throughput of kgraph's HTML reader against trafilatura alone, in one process.

    .venv/bin/python bench/bench_text.py /work/shared/eval/html-dev [--limit 40]

Prints pages/s of each and their ratio: what kgraph's contract (title as metadata,
clean-up passes, language identification, metadata) costs on top of the extractor.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of .html pages")
    ap.add_argument("--limit", type=int, default=40, help="pages read (default 40)")
    args = ap.parse_args()

    import trafilatura

    from kgraph.read import read_path

    files = sorted(args.folder.glob("*.html"))[: args.limit]
    if not files:
        raise SystemExit(f"{args.folder}: no .html pages")
    pages = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    warnings.simplefilter("ignore")
    next(read_path(files[0]))  # load the language model and the rules once, outside the timing

    t0 = time.perf_counter()
    for html in pages:
        trafilatura.extract(html, favor_precision=True, include_comments=False)
    plain = len(pages) / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    for f in files:
        next(read_path(f))
    ours = len(files) / (time.perf_counter() - t0)

    print(
        f"{len(files)} pages: trafilatura.extract {plain:.1f} pages/s, kgraph read_path {ours:.1f} pages/s, "
        f"ratio {ours / plain:.2f}"
    )


if __name__ == "__main__":
    main()
