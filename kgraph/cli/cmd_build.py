"""`kgraph build`, `extract`, `remove`, `articles`, `export`."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
import time
from pathlib import Path

import click

from ..errors import ExportError, KGraphError
from ..export import export_store as _write_export
from ..export import format_names, formats
from ..graph.store import GraphStore
from ..read import count_articles
from ..workers import NLP_BATCH
from ..workflow import DEFAULT_BATCH, build_paths, extract_contract, iter_contracts
from .fetching import fetch_options, gather_sources
from .options import (
    echo_err,
    handle_errors,
    model_option,
    open_output,
    open_store,
    output_option,
    remote_store_option,
    store_option,
)


class ExportFormatChoice(click.Choice):
    """`--format` choices read from the export registry when used, so a format registered
    after import (a plug-in, a test) is offered too."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=True)

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(format_names())

    @choices.setter
    def choices(self, value) -> None:  # click.Choice.__init__ sets it; the registry is the source
        pass


def export_store(store, fmt: str, output: str) -> str:
    """Write one export of the store to `output` ('-': stdout); returns a short description for stderr.

    A file is written beside its final name and renamed when complete, so a failed export
    leaves no empty or cut-off file behind.
    """
    if output == "-":
        out = open_output(output, binary=True)
        summary = _write_export(store, fmt, out)
        out.flush()
        return summary
    path = Path(output)
    if path.is_dir():
        raise ExportError(f"cannot write {output}: it is a folder (give a file name)")
    if path.parent.exists() and not path.parent.is_dir():
        raise ExportError(f"cannot write {output}: {path.parent} is a file, not a folder")
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "wb") as out:
            summary = _write_export(store, fmt, out)
        os.replace(part, path)
    except OSError as exc:
        raise ExportError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):  # nothing left over, whatever went wrong
            part.unlink()
    return summary


def _format_help() -> str:
    return "; ".join(f"{name}: {f.help}" if f.help else name for name, f in formats().items()) + "."


class BuildProgress:
    """Progress of a build on stderr: a tqdm bar on a terminal, else a plain line every
    `every` seconds; errors always, each on a line of its own."""

    def __init__(self, total: int | None, *, quiet: bool = False, every: float = 10.0, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.quiet, self.every = total, quiet, every
        self.done = self.words = 0
        self.started = self.last = time.monotonic()
        self.bar = None
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=total, unit="art", file=self.stream, dynamic_ncols=True, smoothing=0.1, desc="building"
            )

    def __call__(self, status: str, article, words: int) -> None:
        self.done += 1
        self.words += words
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(f"{self.words / max(self._elapsed(), 1e-9):,.0f} words/s", refresh=False)
        elif not self.quiet and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            click.echo(self.line(), file=self.stream)

    def _elapsed(self) -> float:
        return time.monotonic() - self.started

    def line(self) -> str:
        t = max(self._elapsed(), 1e-9)
        rate = self.done / t
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0 and self.done < self.total:
            eta = f", ETA {_duration((self.total - self.done) / rate)}"
        return f"{self.done}{of} articles done, {rate:.2f} articles/s, {self.words / t:,.0f} words/s{eta}"

    def error(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(f"error: {message}", file=self.stream)
        else:
            click.echo(f"error: {message}", file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    m, s = divmod(int(seconds + 0.5), 60)
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s" if m else f"{s}s"


@click.command()
@click.argument("paths", nargs=-1, required=False)
@remote_store_option
@model_option
@click.option("--published", default=None, metavar="DATE", help="Publication date for articles that lack one.")
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write graph.ttl and graph.graphml into this folder.",
)
@click.option("--force", is_flag=True, help="Rebuild every article, also those whose content hash is unchanged.")
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first bad file or JSON line, before anything is written (reads all input first).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Extract in N worker processes (the pipeline is loaded once in each).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Extract on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786); this process writes.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    metavar="N",
    help=f"Articles per worker task (nlp.pipe runs at most {NLP_BATCH} at a time: its memory grows with its batch).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors only.")
@fetch_options
@handle_errors
def build(paths, store_path, model, published, export_dir, force, strict, jobs, dask_address, batch_size, quiet, fetch):
    """Read articles (files, folders, '-' for stdin, http(s) URLs) into the store, one named graph each.

    An article is known by its source (path, URL, or the `id` of a JSON line): building it
    again replaces its graph, and one whose text, metadata and pipeline are unchanged is
    skipped without NLP. A bad file is reported and skipped, the rest built; the summary
    counts built, skipped and failed articles, and the exit status is 1 if any failed.
    Fetched pages are kept in a cache folder and read from there next time (--refresh
    fetches again); a URL that cannot be fetched is one error line, the other pages are built.

    \b
    Example:
      kgraph build seeds/ --export exports/
      kgraph build https://example.org/news/1 --urls urls.txt --feed https://example.org/rss
      kgraph build archive/ --jobs 2
      kgraph build archive/ --dask tcp://scheduler:8786
    """
    if dask_address and jobs > 1:
        raise click.BadParameter(
            "give --jobs or --dask, not both (Dask workers set their own number)", param_hint="--jobs"
        )
    store = open_store(store_path, remote_ok=True)
    if export_dir is not None and not isinstance(store, GraphStore):
        raise click.BadParameter(
            "--export needs the embedded store; export from it, or query the remote store", param_hint="--export"
        )
    paths, failed_urls = gather_sources(paths, fetch, store_path)
    options = {"model": model, "published": published, "force": force, "strict": strict, "jobs": jobs}
    report, failure = _build_into(store, paths, quiet, dask=dask_address, batch_size=batch_size, **options)
    if failure is not None:
        # the store closes now, not whenever the error's traceback (which held it) is collected
        del store
        gc.collect()
        raise click.ClickException(failure)
    if not quiet:
        echo_err(_summary(report, store))
    if export_dir is not None:
        _export_into(store, export_dir, quiet)
    if failed_urls:
        echo_err(f"Error: {failed_urls} URL(s) or feed(s) could not be read (see above); the rest was built")
    if report.failed or failed_urls:
        del store  # closed before exiting: the exit status travels with this frame
        sys.exit(1)


def _build_into(store, paths, quiet: bool, **options):
    """(the build report, None), or (None, the one-line error) when the build stopped;
    progress and errors on stderr as it goes."""
    progress = BuildProgress(None if options["strict"] else count_articles(paths), quiet=quiet)
    try:
        return build_paths(paths, store, on_progress=progress, on_error=progress.error, **options), None
    except KGraphError as exc:
        return None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    finally:
        progress.close()


def _summary(report, store) -> str:
    """The line a build ends with: what was built, skipped and failed, how fast, the store's size."""
    where = getattr(store, "path", None) or store
    rate = f", {report.built / report.seconds:.2f} articles/s" if report.built and report.seconds else ""
    return (
        f"built {report.built}, skipped {report.skipped} unchanged, failed {report.failed} "
        f"in {report.seconds:.1f} s{rate}: store {where} holds {report.store_triples} quads"
    )


def _export_into(store, export_dir: Path, quiet: bool) -> None:
    """graph.ttl and graph.graphml of the store, written into `export_dir`."""
    for fmt, name in (("turtle", "graph.ttl"), ("graphml", "graph.graphml")):
        what = export_store(store, fmt, str(export_dir / name))
        if not quiet:
            echo_err(f"wrote {export_dir / name} ({what})")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default="json",
    show_default=True,
    help="json: one object for all articles; jsonl: one object per article, a line each, "
    "printed as each article is done.",
)
@model_option
@click.option("--published", default=None, metavar="DATE", help="Publication date for articles that lack one.")
@click.option(
    "--store",
    "store_path",
    default=None,
    metavar="DIR",
    help="Build into this store too (default: a temporary in-memory store).",
)
@handle_errors
def extract(paths, fmt, model, published, store_path):
    """Print the extraction contract (entities, roles, statements, deployments, events) as JSON,
    read back from the graph the articles make.

    \b
    Example:
      kgraph extract seeds/000_815a57848530bec3.txt --format json
      kgraph extract seeds/ --format jsonl
    """
    store = open_store(store_path) if store_path else None
    if fmt == "jsonl":
        failed: list[str] = []

        def report(line: str) -> None:
            failed.append(line)
            click.echo(f"error: {line}", err=True)

        for data in iter_contracts(paths, model=model, published=published, store=store, on_error=report):
            click.echo(json.dumps(data, ensure_ascii=False))
        if failed:
            raise SystemExit(1)
        return
    data = extract_contract(paths, model=model, published=published, store=store)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command()
@click.argument("article")
@store_option
@handle_errors
def remove(article, store_path):
    """Remove one article's named graph (by article id, graph IRI or source path).

    \b
    Example:
      kgraph remove seeds/000_815a57848530bec3.txt
    """
    store = open_store(store_path, create=False)
    for g in store.remove_article(article):
        echo_err(f"removed {g}")
    store.flush()


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def articles(store_path, fmt):
    """List the articles in the store.

    \b
    Example:
      kgraph articles --format json
    """
    rows = open_store(store_path, read_only=True).articles()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r['iri'].rsplit('/', 1)[-1]}\t{r['published'] or '-'}\t{r['triples']}\t{r['source']}")


@click.command()
@click.option("--format", "fmt", type=ExportFormatChoice(), required=True, help=_format_help())
@output_option
@store_option
@handle_errors
def export(fmt, output, store_path):
    """Export the store in one of the registered formats: RDF (the triples themselves) or the
    actor network (entities linked by events, posts, affiliations and statements).

    Turtle and N-Triples hold the union of the article graphs; TriG, N-Quads and JSON-LD
    keep one named graph per article.

    \b
    Example:
      kgraph export --format trig -o exports/graph.trig
      kgraph export --format csv -o exports/edges.csv
    """
    store = open_store(store_path, read_only=True)
    what = export_store(store, fmt, output)
    echo_err(f"wrote {output} ({what})")


COMMANDS = [build, extract, remove, articles, export]
