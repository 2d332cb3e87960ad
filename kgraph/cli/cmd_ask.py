"""`kgraph quotes` and `kgraph ask`: who said what, read from the store."""

from __future__ import annotations

import json

import click

from .options import echo_err, handle_errors, open_store, store_option

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: three lines per statement (who, what, where); json: one record each.",
)
_LIMIT = click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Show at most N statements (0 for all)."
)


def _more(shown: int, limit: int) -> None:
    if limit and shown > limit:
        echo_err(f"(the first {limit}; --limit 0 shows all)")


@click.command()
@click.option(
    "--speaker",
    metavar="NAME",
    default=None,
    help="Only statements by NAME (or a group affiliated with it, or a description: 'the navy spokesman').",
)
@click.option(
    "--about",
    metavar="TOPIC",
    default=None,
    help="Only statements about TOPIC: an entity's name, or words their text is ranked by.",
)
@_LIMIT
@_FORMAT
@store_option
@handle_errors
def quotes(speaker, about, limit, fmt, store_path):
    """List who said what: speaker, cue, kind, stance, relaying source, text, and the article
    and character span it comes from.

    Names match entity labels and aliases, case and accents aside, also by last name
    ("Zelensky" finds Volodymyr Zelenskiy), and descriptions match roles and affiliations.

    \b
    Example:
      kgraph quotes --speaker Zelenskiy --about "North Korea"
    """
    from ..errors import NotFoundError
    from ..query.quotes import find_quotes
    from ..query.render import quote_blocks, quote_record

    store = open_store(store_path, read_only=True)
    found = find_quotes(store, speaker=speaker, about=about, limit=limit + 1 if limit else None)
    if not found:
        what = "no statements" + (f" by {speaker}" if speaker else "") + (f" about {about}" if about else "")
        raise NotFoundError(what + ("" if speaker or about else " in the store"))
    _more(len(found), limit)
    found = found[: limit or None]
    if fmt == "json":
        click.echo(json.dumps([quote_record(q) for q in found], indent=2, ensure_ascii=False))
    else:
        click.echo(quote_blocks(found))


@click.command()
@click.argument("question")
@_LIMIT
@_FORMAT
@store_option
@handle_errors
@click.pass_context
def ask(ctx, question, limit, fmt, store_path):
    """Answer a question about who said what, citing speaker (and the outlet relaying it),
    the verbatim text, stance, article title, date and character span.

    \b
    Forms understood:
      What did SPEAKER say?   (or claim, warn, accuse, urge, deny ... any reporting verb)
      What did SPEAKER say about TOPIC?   What has SPEAKER said about TOPIC since DATE?
      What did SOURCE report?   What was said about TOPIC?
      Who said that TEXT?   (or claimed, warned, reported, denied ...)   Who denied TOPIC?
      Who said what about TOPIC?   ... in ARTICLE/OUTLET?
      Did SPEAKER say that TEXT?   (yes: exit 0; no: exit 1)
      What did X and Y disagree about?
    SPEAKER may be a name or a description ("the navy spokesman", "Turkey's foreign
    ministry"); TOPIC an entity or any words.

    \b
    Example:
      kgraph ask "What did Zelenskiy say about North Korea?"
      kgraph ask "Did Kovalenko say that the Russians are counting on numbers?"
    """
    from ..query.ask import UnparsedQuestion, answer, parse_question
    from ..query.render import answer_record, answer_text

    try:
        parsed = parse_question(question)
    except UnparsedQuestion as exc:
        raise click.BadParameter(str(exc), param_hint="QUESTION") from exc
    result = answer(open_store(store_path, read_only=True), parsed, limit=limit + 1 if limit else None)
    _more(max(len(result.quotes), len(result.pairs)), limit)
    if fmt == "json":
        click.echo(json.dumps(answer_record(question, parsed, result, limit), indent=2, ensure_ascii=False))
    else:
        click.echo(answer_text(parsed, result, limit))
    if result.verdict is False:
        ctx.exit(1)


COMMANDS = [quotes, ask]
