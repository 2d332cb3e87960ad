#!/usr/bin/env python3
"""Scale: `kgraph build` over a corpus of N articles made from the reference texts.

    .venv/bin/python bench/bench_scale.py [--n 10000] [--jobs 1 2] [--work DIR] [--keep]

The corpus: copy k of each reference text (shared/eval/*/*.txt) with its two-word names
that are not in the gazetteer ("Andrii Kovalenko", "Kherson Regional") given another
surname, made from k and the name, so copies name different people and every copy is a
different article. Prints, for each number of jobs, the build (a real `kgraph build`
process: reading, NLP, extraction, graph, store) in articles/s and words/s with its peak
memory (the sum over the process and its workers, sampled from /proc); bare `nlp.pipe`
and kgraph's extraction alone on the same texts, and their ratio; and an unchanged
rebuild, as a share of the build. The full 10k is CPU heavy (about an hour per job
count on one core): `--n 300` gives the same figures in minutes.

Measured (2026-12-02, at cc9dbaf, 2 cores with other jobs beside it, load average 2-5;
10,000 articles, 7,465,090 words):
    build, 1 job     3.79 articles/s, 2,827 words/s, 2,102 s CPU, peak RSS 773 MiB (flat)
    build, 2 jobs    5.41 articles/s, 4,035 words/s, 2,218 s CPU, peak RSS 1,343 MiB (flat)
    unchanged rebuild  17.3 s = 0.7 % of the 1-job build
    who-said-what    'Donald Trump', 18,018 rows: 89 ms median of 20 (59-81 ms, quiet;
                     52.5-56.5 ms with index schema 9 at 6bf338b, 49.1-56.0 at 5a39572,
                     quiet)
Again on a second fresh machine that evening, 2 jobs only (--jobs 2 --no-bare, at f724042):
    build, 2 jobs    5.43 articles/s, 4,052 words/s, 2,723 s CPU, peak RSS 1,352 MiB (flat)
    unchanged rebuild  7.9 s = 0.4 % of the build
    who-said-what    'Donald Trump', 17,992 rows: 65.5 ms (scoring jobs beside it); at
                     index schema 10 (bf8f5ae) 62-101 ms over nine runs on a noisy machine
                     (445M -> 374M instructions an answer, callgrind); the same
                     machine quiet the next session, at 4f7af1a: 40.7-46.1 ms over eight
                     runs (first answer 104-240 ms); see the README
    exports of the 1- and 2-job stores byte-identical: True
    extraction/bare nlp.pipe (--no-build run beside it): 0.91 wall, 0.91 CPU
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KGRAPH = Path(sys.executable).with_name("kgraph")
_SYLLABLES = [
    "ka",
    "ro",
    "vi",
    "len",
    "mar",
    "tse",
    "do",
    "bra",
    "ni",
    "sol",
    "har",
    "me",
    "zu",
    "pel",
    "to",
    "gan",
    "ri",
    "vol",
    "che",
    "las",
]
_ENDINGS = ["enko", "ov", "ska", "ich", "son", "ez", "ani", "berg"]
_PAIR = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b")


def eval_dir() -> Path:
    for cand in (ROOT.parent / "shared" / "eval", Path("/work/shared/eval")):
        if cand.is_dir():
            return cand
    sys.exit("no reference texts: shared/eval not found beside the repository")


def _surname(k: int, word: str) -> str:
    h = hashlib.sha1(f"{k}\x1f{word}".encode()).digest()
    name = "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in h[:2]) + _ENDINGS[h[2] % len(_ENDINGS)]
    return name.capitalize()


def make_corpus(out: Path, n: int) -> tuple[int, int]:
    """Write n articles into `out`; returns (articles, words)."""
    from kgraph.extract.gazetteer import load_gazetteer

    known = {name for e in load_gazetteer().entries for name in e.names}
    bases = sorted(eval_dir().glob("*/*.txt"))
    if not bases:
        sys.exit("no reference texts in shared/eval/*/")
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        base, k = bases[i % len(bases)], i // len(bases)
        text = base.read_text(encoding="utf-8")
        if k:
            text = _PAIR.sub(
                lambda m: (
                    m.group(0)
                    if m.group(0) in known or m.group(2) in known
                    else f"{m.group(1)} {_surname(k, m.group(2))}"
                ),
                text,
            )
        (out / f"{i:05d}_{base.parent.name}_{base.stem[:24]}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return n, words


class TreeRss:
    """Peak resident memory of a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int, every: float = 0.2):
        self.pid, self.every, self.peak = pid, every, 0
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _children(pid: int) -> list[int]:
        out = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                out += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return out

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            todo, total = [self.pid], 0
            while todo:
                p = todo.pop()
                total += self._rss(p)
                todo += self._children(p)
            self.peak = max(self.peak, total)
            self.samples.append(total)
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def curve(self, parts: int = 4) -> str:
        """Peak RSS in each quarter of the run: flat means memory does not grow with the corpus."""
        n = len(self.samples)
        if n < parts:
            return ""
        peaks = [max(self.samples[i * n // parts : (i + 1) * n // parts]) for i in range(parts)]
        return " / ".join(f"{p / 2**20:.0f}" for p in peaks) + " MiB by quarter"


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_build(args: list[str]) -> tuple[float, float, int, str]:
    """Run `kgraph build ARGS`; returns (seconds, CPU seconds of it and its workers, peak
    tree RSS in bytes, summary line). CPU time is the steadier figure on a shared machine."""
    cpu0 = _cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(KGRAPH), "build", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rss = TreeRss(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    peak = rss.stop()
    run_build.curve = rss.curve()
    if proc.returncode != 0:
        sys.exit(f"kgraph build failed ({proc.returncode}): {err.strip().splitlines()[-1:]}")
    summary = [ln for ln in err.splitlines() if ln.startswith("built ")]
    return seconds, cpu, peak, summary[-1] if summary else ""


def export(store: Path, out: Path) -> bytes:
    subprocess.run(
        [str(KGRAPH), "export", "--format", "nq", "-o", str(out), "--store", str(store)],
        check=True,
        capture_output=True,
    )
    return out.read_bytes()


#: articles per round of the bare / extraction comparison (two nlp.pipe batches of 32)
ROUND = 64


def bare_and_extraction(folder: Path, model: str | None) -> tuple[float, float, float, float, int]:
    """Seconds of bare nlp.pipe and of kgraph's extraction over the same texts, wall and CPU
    (this process's: the steadier figure on a shared machine), and words.

    The two take turns, ROUND articles at a time (which one goes first alternating), so
    that both meet the same machine: on a shared one its speed drifts by 10-15 % from
    minute to minute, which one run of each after the other reads as a ratio."""
    import spacy

    from kgraph.extract import extract_articles
    from kgraph.extract.pipeline import load_pipeline, model_candidates, nlp_text
    from kgraph.read import read_all

    articles = read_all([folder])
    texts = [nlp_text(a.text) for a in articles]
    words = sum(len(t.split()) for t in texts)
    name = next(m for m in model_candidates(model) if spacy.util.is_package(m) or Path(m).exists())
    bare, kg = spacy.load(name), load_pipeline(model)
    for _ in bare.pipe(texts[:4]):
        pass
    list(extract_articles(articles[:4], kg))
    spent = {"bare": [0.0, 0.0], "kg": [0.0, 0.0]}

    def timed(which: str, run) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in run():
            pass
        spent[which][0] += time.perf_counter() - t0
        spent[which][1] += time.process_time() - c0

    for k, start in enumerate(range(0, len(articles), ROUND)):
        part = slice(start, start + ROUND)
        turns = [
            ("bare", lambda part=part: bare.pipe(texts[part], batch_size=32)),
            ("kg", lambda part=part: extract_articles(articles[part], kg, batch_size=32)),
        ]
        for which, run in turns if k % 2 == 0 else turns[::-1]:
            timed(which, run)
    (t_bare, c_bare), (t_kg, c_kg) = spent["bare"], spent["kg"]
    return t_bare, t_kg, c_bare, c_kg, words


def who_said_what_latency(store_path: Path, runs: int = 20) -> tuple[str, int, float, float]:
    """(entity, rows, median s, first s) of the who-said-what named query for the entity the
    most statements are about, on the built store (its index opened first)."""
    import statistics

    from kgraph.graph.store import GraphStore
    from kgraph.query.named import get_named

    store = GraphStore(store_path, read_only=True)
    top = store.index.rows("SELECT entity, COUNT(*) AS n FROM about GROUP BY entity ORDER BY n DESC LIMIT 1")
    if not top:
        return "", 0, 0.0, 0.0
    name = store.index.rows("SELECT name FROM names WHERE entity = ? AND is_label = 1 LIMIT 1", (top[0][0],))[0][0]
    named = get_named("who_said_what")
    times = []
    rows: tuple = ()
    for _ in range(runs + 1):
        rows = ()  # the previous answer freed before the clock starts
        t0 = time.perf_counter()
        rows = named.run(store, {"about": name}).rows  # the answer's terms, as bench_query.py times it
        times.append(time.perf_counter() - t0)
    return name, len(rows), statistics.median(times[1:]), times[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="articles in the corpus (default 10000)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--model", default=None)
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpus and stores (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare nlp.pipe comparison")
    ap.add_argument("--no-build", action="store_true", help="only the bare nlp.pipe / extraction comparison")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="kgraph-scale-"))
    try:
        corpus = work / "corpus"
        if corpus.exists():
            shutil.rmtree(corpus)
        n, words = make_corpus(corpus, a.n)
        print(f"corpus: {n} articles, {words} words ({words / n:.0f} a article), in {corpus}")
        model_args = ["--model", a.model] if a.model else []
        builds = {}
        for jobs in [] if a.no_build else a.jobs:
            store = work / f"store-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            secs, cpu, peak, summary = run_build([str(corpus), "--store", str(store), "--jobs", str(jobs), *model_args])
            builds[jobs] = (store, secs)
            print(
                f"build, {jobs} job(s):  {n / secs:7.2f} articles/s  {words / secs:8.0f} words/s  "
                f"{secs:8.1f} s wall  {cpu:8.1f} s CPU  peak RSS {peak / 2**20:6.0f} MiB   [{summary}]"
            )
            print(f"    memory over the build: {run_build.curve}")
        first_jobs = a.jobs[0]
        build_secs = None
        if builds:
            store, build_secs = builds[first_jobs]
            secs, cpu, peak, summary = run_build([str(corpus), "--store", str(store), *model_args])
            print(
                f"unchanged rebuild:     {secs:8.2f} s wall = {100 * secs / build_secs:.1f} % of the build "
                f"({first_jobs} job(s)), {cpu:.1f} s CPU; peak RSS {peak / 2**20:.0f} MiB   [{summary}]"
            )
        if builds:
            name, rows, med, first = who_said_what_latency(builds[first_jobs][0])
            print(
                f"who-said-what about {name!r} ({rows} rows): {1000 * med:.1f} ms median of 20 ({1000 * first:.0f} ms first)"
            )
        if len(builds) > 1:
            dumps = {jobs: export(s, work / f"j{jobs}.nq") for jobs, (s, _) in builds.items()}
            same = len(set(dumps.values())) == 1
            print(f"exports (N-Quads) of the {', '.join(map(str, dumps))}-job builds byte-identical: {same}")
        if not a.no_bare:
            t_bare, t_kg, c_bare, c_kg, w = bare_and_extraction(corpus, a.model)
            print(
                f"bare nlp.pipe:         {n / t_bare:7.2f} articles/s  {w / t_bare:8.0f} words/s  {t_bare:8.1f} s wall"
                f"  {c_bare:8.1f} s CPU"
            )
            print(
                f"kgraph extraction:     {n / t_kg:7.2f} articles/s  {w / t_kg:8.0f} words/s  {t_kg:8.1f} s wall"
                f"  {c_kg:8.1f} s CPU"
            )
            print(
                f"ratio extraction/bare: {t_bare / t_kg:.2f} wall, {c_bare / c_kg:.2f} CPU"
                + (f"   ratio build ({first_jobs} job)/bare: {t_bare / build_secs:.2f}" if build_secs else "")
            )
        print(f"cpu cores: {os.cpu_count()}")
    finally:
        if a.keep or a.work:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
