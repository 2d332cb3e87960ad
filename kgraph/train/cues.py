"""Train the learned cue model (`ontology/lexicon/en/cue_model.tsv`) on attribution references.

    python -m kgraph.train.cues REFERENCE_DIR... --out ontology/lexicon/en/cue_model.tsv

A reference folder holds NAME.txt articles and NAME.gold.json references (PolNeAR's train
split in the contract's format: statements with `cue` and `text`). Every article is extracted
as kgraph does it, without a cue model; each candidate of `kgraph.extract.quotes.learned` (a
verb outside the lexicon with a content and a subject that can speak) is a positive example
when a reference statement that kgraph missed has that verb in its cue, a text the candidate's
content matches (word-overlap F1 >= 0.5, as the scorer matches statements) and a source that
holds the candidate's speaker, else a negative one: a reference without a source ("the plan
seems doomed", the writer's view) teaches the model that the subject does not speak there.

A logistic regression (scikit-learn, the `train` extra) learns one weight per feature; the
threshold is the lowest score at which the candidates of held-out folds are right at least
`--precision` of the time (cross-validated, so the threshold is not fitted to the examples the
weights were); the regularisation strength is the one of `C_GRID` whose held-out threshold keeps
the most candidates (`--c` sets it). `--folds-only` prints the cross-validated figures and
writes nothing; `--dump FILE` keeps the candidates and `--rows FILE` trains from them again
without extracting; `--leave-out K/N` trains without some articles, to score them after.

Train only on a train split, never on a set you report scores for.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..extract.quotes.texts import norm_words, overlap

__all__ = ["collect", "fit", "main", "overlap_f1"]


def _tokens(s: str) -> list[str]:
    return norm_words(_plain(s))


def overlap_f1(a: str, b: str) -> float:
    """Word-overlap F1 of two texts (the scorer's match of a statement to a reference)."""
    return overlap(_plain(a), _plain(b))


def _plain(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace("\u2019", "'")


def collect(folders: list[Path]) -> Iterator[tuple[str, list[str], int]]:
    """(article name, features, label) of every candidate of the folders' articles, extracted
    as `kgraph extract` does it (the same pipeline, long articles piece by piece)."""
    import kgraph.extract.quotes.learned as learned

    from ..extract import extract_articles
    from ..extract import quotes as Q
    from ..read import read_all
    from ..workers import load_model

    files = sorted(p for f in folders for p in f.glob("*.txt") if p.with_suffix("").with_suffix(".gold.json").exists())
    articles = read_all([str(p) for p in files])
    found: list = []

    def record(run) -> None:
        for t, speaker, ranges, feats in learned.candidates(run.ctx, run.drafts):
            s, e = run.ctx.doc[ranges[0][0]].idx, run.ctx.doc[ranges[-1][1] - 1]
            found.append((t.text.lower(), speaker, run.full[s : e.idx + len(e)], feats))

    i = next(k for k, (name, _) in enumerate(Q.PASSES) if name == "learned cues")
    saved = Q.PASSES[i]
    Q.PASSES[i] = ("learned cues", record)  # candidates only: the model being trained adds nothing
    try:
        # each article is extracted as it is yielded, so `found` holds that article's candidates
        for path, (_article, ex) in zip(files, extract_articles(articles, load_model(None))):
            gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
            said = [s.text for s in ex.statements]
            missed = [g for g in gold.get("statements", []) if not any(overlap_f1(x, g["text"]) >= 0.5 for x in said)]
            for word, speaker, text, feats in found:
                hit = any(
                    word in _tokens(g.get("cue") or "")
                    and overlap_f1(text, g["text"]) >= 0.5
                    and _speaks(speaker, g.get("speaker_span") or "")
                    for g in missed
                )
                yield path.name, feats, int(hit)
            found.clear()
    finally:
        Q.PASSES[i] = saved


def _speaks(speaker, span: str) -> bool:
    """Whether the candidate's speaker is the reference's source: a pronoun (resolved later) when
    the reference names one, else the speaker's word inside the source span. A reference with no
    source ("the plan seems doomed": the writer's view) is not a statement of the subject."""
    words = _tokens(span)
    if not words:
        return False
    return speaker.pos_ == "PRON" or speaker.lower_ in words


#: the regularisation strengths the trainer chooses from (by held-out recall at the precision)
C_GRID = (0.1, 0.3, 1.0, 3.0)


def fit(rows: list[tuple[str, list[str], int]], c: float = 1.0):
    """A logistic regression over the rows' binary features: (vectorizer, model)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(_vectors(rows))
    y = [label for _, _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    return vec, model


def _vectors(rows) -> list[dict[str, int]]:
    """The rows' features as the vectorizer takes them (the bias is the model's intercept)."""
    return [{f: 1 for f in feats if f != "bias"} for _, feats, _ in rows]


def _cv_scores(rows, folds: int, c: float) -> list[tuple[float, int]]:
    """(held-out probability, label) of every row, articles split into folds."""
    names = sorted({n for n, _, _ in rows})
    fold_of = {n: k % folds for k, n in enumerate(names)}
    out = []
    for k in range(folds):
        train = [r for r in rows if fold_of[r[0]] != k]
        test = [r for r in rows if fold_of[r[0]] == k]
        vec, model = fit(train, c)
        probs = model.predict_proba(vec.transform(_vectors(test)))[:, 1]
        out += [(float(p), r[2]) for p, r in zip(probs, test)]
    return out


def threshold_for(scored: list[tuple[float, int]], precision: float) -> tuple[float, float, int]:
    """The lowest threshold whose candidates at or above it are right >= `precision` of the
    time (held-out scores): (threshold, precision there, candidates kept)."""
    ranked = sorted(scored, key=lambda x: -x[0])
    best = (1.0, 0.0, 0)
    hits = 0
    for n, (p, label) in enumerate(ranked, 1):
        hits += label
        if n >= 20 and hits / n >= precision:
            best = (p, hits / n, n)
    return best


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m kgraph.train.cues", description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--precision", type=float, default=0.6, help="held-out precision the threshold keeps")
    ap.add_argument(
        "--c",
        type=float,
        help="inverse regularisation strength (default: the one of 0.1, 0.3, 1, 3 whose held-out threshold keeps most)",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--folds-only", action="store_true")
    ap.add_argument("--dump", type=Path, help="write the candidates (article, features, label) as JSON lines")
    ap.add_argument("--rows", type=Path, help="read the candidates from a --dump file instead of extracting")
    ap.add_argument(
        "--leave-out", metavar="K/N", help="train without every Nth article from the Kth (to score those after)"
    )
    return ap


def _rows(args) -> list[tuple[str, list[str], int]]:
    """The candidates: extracted (or read from a --dump file), less the --leave-out articles."""
    if args.rows is not None:
        rows = [tuple(json.loads(ln)) for ln in args.rows.read_text(encoding="utf-8").splitlines()]
    else:
        rows = list(collect(args.folders))
    if args.dump is not None:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.leave_out:
        k, n = (int(x) for x in args.leave_out.split("/"))
        names = sorted({r[0] for r in rows})
        out = {name for j, name in enumerate(names) if j % n == k}
        rows = [r for r in rows if r[0] not in out]
    return rows


def _write_model(path: Path, rows, c: float, th: float, prec: float, folders: list[Path]) -> int:
    """Fit on all rows and write the weights and the threshold; the number of weights."""
    vec, model = fit(rows, c)
    weights = {"bias": float(model.intercept_[0])}
    for name, w in zip(vec.get_feature_names_out(), model.coef_[0]):
        if abs(w) >= 1e-4:
            weights[str(name)] = float(w)
    lines = [
        "# the learned cue model (kgraph.extract.quotes.learned): feature<TAB>weight, and the",
        f"# threshold; made by `python -m kgraph.train.cues` from {len(rows)} candidates ({sum(r[2] for r in rows)} positive)",
        f"# of {', '.join(f.name for f in folders)}, C={c}, held-out precision {prec:.3f} at the threshold",
        f"@threshold\t{th:.6f}",
    ]
    lines += [f"{k}\t{v:.6f}" for k, v in sorted(weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(weights)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rows = _rows(args)
    pos = sum(r[2] for r in rows)
    print(f"{len(rows)} candidates, {pos} positive", file=sys.stderr)
    grid = [args.c] if args.c is not None else list(C_GRID)
    tried = []
    for c in grid:
        th, prec, kept = threshold_for(_cv_scores(rows, args.folds, c), args.precision)
        tried.append((kept, -c, c, th, prec))
        if len(grid) > 1:
            print(f"C={c}: {kept} candidates kept at held-out precision {prec:.3f}", file=sys.stderr)
    kept, _, c, th, prec = max(tried)  # most kept; of equals, the stronger regularisation
    if not kept:
        print(f"no threshold reaches a held-out precision of {args.precision} ({pos} positive)", file=sys.stderr)
        return 2
    print(f"threshold {th:.4f}: held-out precision {prec:.3f}, {kept} candidates kept, {pos} positive", file=sys.stderr)
    if args.folds_only or args.out is None:
        return 0
    n = _write_model(args.out, rows, c, th, prec, args.folders)
    print(f"wrote {args.out} ({n} weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
