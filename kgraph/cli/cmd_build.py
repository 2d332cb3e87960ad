"""`kgraph build`, `extract`, `remove`, `articles`, `export`."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import click

from ..errors import ExportError
from ..export import export_store as _write_export
from ..export import format_names, formats
from ..graph.store import GraphStore
from ..workflow import build_paths, extract_contract, iter_contracts
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


@click.command()
@click.argument("paths", nargs=-1, required=False)
@remote_store_option
@model_option
@click.option("--published", default=None, metavar="DATE", help="Publication date for articles that lack one.")
@click.option("--export", "export_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write graph.ttl and graph.graphml into this folder.")
@fetch_options
@handle_errors
def build(paths, store_path, model, published, export_dir, fetch):
    """Read articles (files, folders, '-' for stdin, http(s) URLs) into the store, one named graph each.

    Re-building an article replaces its graph: running it twice changes nothing. Fetched
    pages are kept in a cache folder and read from there next time (--refresh fetches
    again); a URL that cannot be fetched is one error line, the other pages are built.

    \b
    Example:
      kgraph build seeds/ --export exports/
      kgraph build https://example.org/news/1 --urls urls.txt --feed https://example.org/rss
    """
    store = open_store(store_path, remote_ok=True)
    if export_dir is not None and not isinstance(store, GraphStore):
        raise click.BadParameter("--export needs the embedded store; export from it, or query the remote store",
                                 param_hint="--export")
    paths, failed = gather_sources(paths, fetch, store_path)
    report = build_paths(paths, store, model=model, published=published)
    where = getattr(store, "path", None) or store
    echo_err(f"built {report.articles} article(s): store {where} holds {report.store_triples} quads")
    if export_dir is not None:
        for fmt, name in (("turtle", "graph.ttl"), ("graphml", "graph.graphml")):
            what = export_store(store, fmt, str(export_dir / name))
            echo_err(f"wrote {export_dir / name} ({what})")
    if failed:
        raise click.ClickException(f"{failed} URL(s) or feed(s) could not be read (see above); the rest was built")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one object for all articles; jsonl: one object per article, a line each, "
                   "printed as each article is done.")
@model_option
@click.option("--published", default=None, metavar="DATE", help="Publication date for articles that lack one.")
@click.option("--store", "store_path", default=None, metavar="DIR",
              help="Build into this store too (default: a temporary in-memory store).")
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
        for data in iter_contracts(paths, model=model, published=published, store=store):
            click.echo(json.dumps(data, ensure_ascii=False))
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
