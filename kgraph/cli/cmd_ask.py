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


def _blocks(quotes) -> str:
    from ..query.quotes import format_quote

    return "\n\n".join("\n".join(format_quote(q)) for q in quotes)


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
    from ..query.quotes import find_quotes, quote_record

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
        click.echo(_blocks(found))


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
    from ..query.quotes import quote_record

    try:
        parsed = parse_question(question)
    except UnparsedQuestion as exc:
        raise click.BadParameter(str(exc), param_hint="QUESTION") from exc
    result = answer(open_store(store_path, read_only=True), parsed, limit=limit + 1 if limit else None)
    quotes, others, pairs = (list(x[: limit or None]) for x in (result.quotes, result.others, result.pairs))
    _more(max(len(result.quotes), len(result.pairs)), limit)
    verdict = None if result.verdict is None else ("yes" if result.verdict else "no")
    if fmt == "json":
        out = {
            "question": question,
            "form": parsed.form,
            "query": parsed.as_dict(),
            "answer": verdict,
            "scores": [q.score for q in quotes] if any(q.score is not None for q in quotes) else None,
            "statements": [quote_record(q) for q in quotes],
        }
        if parsed.form == "did-say-that":
            out["others"] = [quote_record(q) for q in others]
        if parsed.form == "disagree":
            out["pairs"] = [
                {
                    "shared": list(p.shared),
                    "score": p.score,
                    "statements": [quote_record(p.first), quote_record(p.second)],
                }
                for p in pairs
            ]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    elif parsed.form == "did-say-that":
        who = parsed.speaker
        if result.verdict:
            best = max(q.score or 0 for q in quotes)
            click.echo(f"yes: {who} said it ({len(quotes)} matching statement(s), best score {best:.2f})\n")
            click.echo(_blocks(quotes))
        else:
            line = f"no: no statement by {who} matches {parsed.text!r}"
            click.echo(line + (f"; said by {', '.join(dict.fromkeys(q.who for q in others))}:\n" if others else ""))
            if others:
                click.echo(_blocks(others))
    elif parsed.form == "disagree":
        parts = []
        for i, p in enumerate(pairs, 1):
            parts.append(f"{i}. on {', '.join(p.shared[:6])} (score {p.score:.2f}):\n\n" + _blocks([p.first, p.second]))
        click.echo("\n\n".join(parts))
    else:
        click.echo(_blocks(quotes))
    if result.verdict is False:
        ctx.exit(1)


COMMANDS = [quotes, ask]
