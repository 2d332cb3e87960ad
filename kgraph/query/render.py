"""Presenting who said what: a quote as three lines or a JSON-ready record, and an answer
to a question (`kgraph ask`) as text or a JSON-ready dict. Strings and dicts only: the
CLI prints them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..graph.index import name_key

if TYPE_CHECKING:
    from .ask import Answer, Pair, Question
    from .quotes import Quote

__all__ = ["format_quote", "quote_record", "quote_blocks", "answer_text", "answer_record"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _named_otherwise(label: str, words: str) -> bool:
    """The article names the speaker with none of the label's words (and not by a pronoun)."""
    from ..graph.index import stop_words

    said = [w for w in name_key(words) if w not in stop_words()]
    return bool(said) and not set(said) & set(name_key(label))


def format_quote(q: Quote) -> list[str]:
    """Three lines: who and how (and through whom), what, where (source, title, date, spans, score)."""
    who = q.who
    if q.speaker_label and q.speaker_text and _named_otherwise(q.speaker_label, q.speaker_text):
        who += f' ("{_squash(q.speaker_text)}")'  # as the article names the speaker: "Russia ("the Kremlin")"
    if q.matched_as and not q.matched_as.startswith(("name", "last name", "identifier")):
        who += f" [{q.matched_as}]"
    head = f"{who}, {q.cue} ({q.kind}, {q.stance})"
    if q.reported_by:
        head += f", reported by {q.reported_by_label or q.reported_by}"
    text = _squash(q.text)
    text = f"\u201c{text}\u201d" if q.kind == "direct" else text
    return [head + ":", f"  {text}", f"  -- {_citation(q)}"]


def _citation(q: Quote) -> str:
    """Where a quote comes from: source, title, publisher, date, character spans, score."""
    spans = ", ".join(f"{b}-{e}" for b, e in (q.spans or ((q.start, q.end),)))
    cite = q.source or q.article
    if q.title:
        cite += f', "{_squash(q.title)}"'
    if q.publisher:
        cite += f", {q.publisher}"
    if q.date:
        cite += f", {q.date}"
    cite += f", chars {spans}"
    if q.score is not None:
        cite += f"; score {q.score:.2f}"
    return cite


def quote_blocks(quotes: Sequence[Quote]) -> str:
    """The quotes as blocks of three lines, a blank line between them."""
    return "\n\n".join("\n".join(format_quote(q)) for q in quotes)


def quote_record(q: Quote) -> dict:
    """A JSON-ready dict of a quote."""
    return {
        "id": q.iri,
        "speaker": q.speaker,
        "speaker_label": q.speaker_label,
        "speaker_text": q.speaker_text,
        "matched_as": q.matched_as,
        "cue": q.cue,
        "kind": q.kind,
        "stance": q.stance,
        "text": q.text,
        "reported_by": q.reported_by,
        "reported_by_label": q.reported_by_label,
        "publisher": q.publisher,
        "about": list(q.about),
        "article": q.article,
        "source": q.source,
        "title": q.title,
        "date": q.date,
        "start": q.start,
        "end": q.end,
        "spans": [list(s) for s in q.spans],
        "score": q.score,
    }


# -- answers to questions ----------------------------------------------------------------
def _shown(result: Answer, limit: int | None) -> tuple[list[Quote], list[Quote], list[Pair]]:
    """The statements, others and pairs shown: the first `limit` of each (all for 0 or None)."""
    n = limit or None
    return list(result.quotes[:n]), list(result.others[:n]), list(result.pairs[:n])


def answer_record(question: str, parsed: Question, result: Answer, limit: int | None = None) -> dict:
    """The answer as a JSON-ready dict: the question as asked and as parsed, the yes/no
    verdict, the scores and statements (for "did X say", who else said it; for
    "disagree", the pairs)."""
    quotes, others, pairs = _shown(result, limit)
    verdict = None if result.verdict is None else ("yes" if result.verdict else "no")
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
    return out


def answer_text(parsed: Question, result: Answer, limit: int | None = None) -> str:
    """The answer as text: a yes/no line and the statements for "did X say", numbered pairs
    for "disagree", else the statements."""
    quotes, others, pairs = _shown(result, limit)
    if parsed.form == "did-say-that":
        return _yes_no_text(parsed, result, quotes, others)
    if parsed.form == "disagree":
        return "\n\n".join(
            f"{i}. on {', '.join(p.shared[:6])} (score {p.score:.2f}):\n\n" + quote_blocks([p.first, p.second])
            for i, p in enumerate(pairs, 1)
        )
    return quote_blocks(quotes)


def _yes_no_text(parsed: Question, result: Answer, quotes: list[Quote], others: list[Quote]) -> str:
    who = parsed.speaker
    if result.verdict:
        best = max(q.score or 0 for q in quotes)
        return f"yes: {who} said it ({len(quotes)} matching statement(s), best score {best:.2f})\n\n" + quote_blocks(
            quotes
        )
    line = f"no: no statement by {who} matches {parsed.text!r}"
    if not others:
        return line
    return line + f"; said by {', '.join(dict.fromkeys(q.who for q in others))}:\n\n" + quote_blocks(others)
