"""`kgraph quotes` and `kgraph ask`: who said what, read from the store."""

from __future__ import annotations

import json

import click

from ..errors import NotFoundError
from ..query.ask import UnparsedQuestion, answer, parse_question
from ..query.quotes import find_quotes, format_quote, quote_record
from .options import handle_errors, open_store, store_option

_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                       help="table: three lines per statement (who, what, where); json: one record each.")


def _emit(quotes, fmt: str, extra: dict | None = None) -> None:
    if fmt == "json":
        records = [quote_record(q) for q in quotes]
        click.echo(json.dumps({**extra, "statements": records} if extra is not None else records,
                              indent=2, ensure_ascii=False))
        return
    click.echo("\n\n".join("\n".join(format_quote(q)) for q in quotes))


@click.command()
@click.option("--speaker", metavar="NAME", default=None,
              help="Only statements by NAME (or a group affiliated with it).")
@click.option("--about", metavar="NAME", default=None, help="Only statements about NAME.")
@_FORMAT
@store_option
@handle_errors
def quotes(speaker, about, fmt, store_path):
    """List who said what: speaker, cue, kind, stance, relaying source, text, and the article
    and character span it comes from.

    Names match entity labels and aliases, case and accents aside, also by last name
    ("Zelensky" finds Volodymyr Zelenskiy).

    \b
    Example:
      kgraph quotes --speaker Zelenskiy --about "North Korea"
    """
    store = open_store(store_path, read_only=True)
    found = find_quotes(store, speaker=speaker, about=about)
    if not found:
        what = "no statements" + (f" by {speaker}" if speaker else "") + (f" about {about}" if about else "")
        raise NotFoundError(what + ("" if speaker or about else " in the store"))
    _emit(found, fmt)


@click.command()
@click.argument("question")
@_FORMAT
@store_option
@handle_errors
def ask(question, fmt, store_path):
    """Answer a question about who said what, citing article and character span.

    \b
    Forms understood:
      What did SPEAKER say?   (or claim, warn, accuse, urge, deny ... any reporting verb)
      What did SPEAKER say about TOPIC?   What has SPEAKER said about TOPIC?
      What did SOURCE report?   What was said about TOPIC?
      Who said that TEXT?   (or claimed, warned, reported, denied ...)
      Who said what about TOPIC?   Did SPEAKER say that TEXT?

    \b
    Example:
      kgraph ask "What did Zelenskiy say about North Korea?"
    """
    try:
        parsed = parse_question(question)
    except UnparsedQuestion as exc:
        raise click.BadParameter(str(exc), param_hint="QUESTION") from exc
    result = answer(open_store(store_path, read_only=True), parsed)
    extra = {"question": question, "form": parsed.form}
    if result.scores is not None:
        extra["scores"] = list(result.scores)
    _emit(result.quotes, fmt, extra)


COMMANDS = [quotes, ask]
