#!/usr/bin/env python3
"""Peak memory (RSS) and time of `kgraph extract` on one long article of 1, 2 and 4 MB.

    .venv/bin/python bench/bench_memory.py [--sizes 1 2 4] [--piece-chars N]

The article is the seed article's body repeated (each copy marked, so the text is one
article with many paragraphs) up to the size, under the seed's title line. Each size
runs the real CLI in its own process; peak RSS is that process's ru_maxrss (os.wait4).
A short article (the seed itself) is measured first: the pipeline's own footprint.

Measured here (2 cores shared with other work, load 4-5, 2026-12-01, pieces of 50,000
characters; the graph written piece by piece into the article's own store):
       article      bytes   peak RSS     time
          seed      2,796     246 MB     17 s
          1 MB  1,007,225     422 MB    149 s
          2 MB  2,014,610     464 MB    521 s
          4 MB  4,029,175     660 MB    995 s
At most about 350 MB + 0.1 GB per MB of text. Before (the whole graph built as one sorted list of
quads, then copied into the store): 1 MB 516 MB, 2 MB 827 MB, 4 MB 1421 MB (1293 s),
about 0.3 GB per MB. Before the long-text work (one Doc per article, Docs of 200,000
characters joined) 0.25 MB took 941 MB and 249 s, and issue 14 measured 0.5 MB: 1.9 GB,
2 MB: 6.9 GB, 4 MB: out of memory under an 8 GB cap.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_815a57848530bec3.txt"


def make_article(path: Path, size: int) -> int:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    parts, total, i = [title, ""], len(title) + 1, 0
    while total < size:
        part = body.replace("\n\n", f"\n\n(Part {i}.) ", 1)
        parts.append(part)
        total += len(part) + 1
        i += 1
    text = "\n".join(parts)[:size].rsplit("\n", 1)[0] + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def measure(path: Path, env: dict) -> tuple[float, float, int, int]:
    """(peak RSS in MB, seconds, exit code, output lines) of `kgraph extract PATH --format jsonl`."""
    exe = Path(sys.executable).with_name("kgraph")
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [str(exe), "extract", str(path), "--format", "jsonl"], stdout=out, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = sum(1 for _ in out)
    return usage.ru_maxrss / 1024, time.monotonic() - start, proc.returncode, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4], help="article sizes in MB")
    args = ap.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-memory-") as tmp:
        rss, secs, rc, _ = measure(SEED, env)
        print(f"{'article':>10} {'bytes':>10} {'peak RSS':>10} {'time':>8}  exit")
        print(f"{'seed':>10} {SEED.stat().st_size:>10,} {rss:>8.0f} MB {secs:>6.0f} s  {rc}")
        for mb in args.sizes:
            path = Path(tmp) / f"long_{mb:g}mb.txt"
            n = make_article(path, int(mb * 1_000_000))
            rss, secs, rc, lines = measure(path, env)
            print(f"{mb:>8g} MB {n:>10,} {rss:>8.0f} MB {secs:>6.0f} s  {rc}", flush=True)


if __name__ == "__main__":
    main()
