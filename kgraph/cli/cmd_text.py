"""`kgraph text`: the text kgraph read, from a file or from the store."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import NotFoundError
from .options import handle_errors, model_option, open_store, store_option


@click.command()
@click.argument("article")
@click.option("--body", is_flag=True, help="Leave out the title line: only the body.")
@click.option(
    "--spans",
    is_flag=True,
    help="Mark the statements found in the text as [[N ...]] and list them after it "
    "(a FILE is extracted for this; an ARTICLE is read from the store).",
)
@click.option("--meta", is_flag=True, help="Print the metadata read (title, date, author, ...) as JSON instead.")
@click.option("--published", default=None, metavar="DATE", help="Publication date for a FILE that lacks one.")
@store_option
@model_option
@handle_errors
def text(article, body, spans, meta, published, store_path, model):
    """Print the text of an article as kgraph read it: a FILE (.txt, .html, .jsonl; a folder
    or '-' too) or a URL (fetched into the cache, or read from it) as it would be read now,
    else an ARTICLE of the store (id, graph IRI or source path, see `kgraph articles`) as it
    was stored.

    Offsets kgraph records (spans in the graph, `kgraph extract`) point into this text.

    \b
    Example:
      kgraph text page.html --body
      kgraph text page.html --spans
      kgraph text kharkiv-strike-1a2b3c4d5e6f7a8b --store .kgraph/store
    """
    from ..query.text import article_views, file_views, render
    from ..read.fetch import Fetcher, is_url

    if is_url(article):  # fetched into the cache (or read from it), as `kgraph build URL` does
        from .fetching import cache_dir

        article = str(Fetcher(cache_dir(None, store_path)).fetch_page(article)[0])
    if article == "-" or Path(article).exists():
        views = file_views(article, published=published, spans=spans, model=model)
    else:
        store = open_store(store_path, read_only=True, create=False)
        views = article_views(store, article)
        if not views:
            raise NotFoundError(
                f"{article}: no such file, and no article {article!r} in the store (see `kgraph articles`)"
            )
    for i, view in enumerate(views):
        if meta:
            click.echo(json.dumps(view.meta, ensure_ascii=False, indent=2))
            continue
        if len(views) > 1:
            click.echo(("\n" if i else "") + f"==> {view.meta['source']} <==")
        out = render(view, body=body, spans=spans)
        click.echo(out, nl=not out.endswith("\n"))


COMMANDS = [text]
