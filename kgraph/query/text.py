"""The text an article was read as, with its metadata and the statements found in it.

A :class:`TextView` comes from the store (the text and spans as stored) or from a file
read now (extracted into an in-memory store when the statements are wanted, so both
ways give the same records). :func:`render` prints it, optionally without the title
line, and with each statement's evidence marked ``[[N ...]]`` and listed after the text.

>>> view = TextView("Title\\n\\nKyiv said it was ready.", 7, {"source": "a.txt"},
...                 [Marked(1, 7, 30, "Kyiv", "said", "asserts", "indirect")])
>>> print(render(view, body=True, spans=True))
[[1 Kyiv said it was ready.]]
<BLANKLINE>
[[1]] Kyiv - said (asserts, indirect): "Kyiv said it was ready."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

from ..graph.contract import contract
from ..graph.store import GraphStore

__all__ = ["Marked", "TextView", "article_views", "file_views", "render"]

_TEXT = """SELECT ?g ?text ?src ?title ?date ?url ?pub ?author ?lang WHERE { GRAPH ?g {
  ?g a kg:Article ; nif:isString ?text ; kg:sourcePath ?src .
  OPTIONAL { ?g schema:headline ?title } OPTIONAL { ?g schema:datePublished ?date }
  OPTIONAL { ?g schema:url ?url } OPTIONAL { ?g kg:publisherName ?pub }
  OPTIONAL { ?g kg:authorName ?author } OPTIONAL { ?g schema:inLanguage ?lang } } }"""


@dataclass(frozen=True)
class Marked:
    """One evidence span of a statement: its number, offsets and what was said."""

    number: int
    start: int
    end: int
    speaker: str | None
    cue: str
    stance: str
    kind: str


@dataclass(frozen=True)
class TextView:
    text: str
    body_start: int
    meta: dict
    marks: Sequence[Marked] = field(default_factory=tuple)


def body_start(text: str, title: str | None) -> int:
    """Where the body starts: after the first non-empty line when it is the title."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            if title and " ".join(line.split()).casefold() == " ".join(title.split()).casefold():
                return min(offset + len(line) + 1, len(text))
            return 0
        offset += len(line) + 1
    return 0


def article_views(store: GraphStore, ident: str, *, spans: bool = True) -> list[TextView]:
    """The stored articles `ident` names (id, graph IRI or source path), in store order."""
    views = []
    for graph in store.find_articles(ident):
        rows = store.select(_TEXT, {"g": NamedNode(graph)}, union=False)
        if not rows:
            continue
        row = rows[0]
        meta = {
            "article": graph,
            "source": row["src"],
            "title": row.get("title"),
            "published": row.get("date"),
            "author": row.get("author"),
            "publisher": row.get("pub"),
            "url": row.get("url"),
            "language": row.get("lang"),
        }
        marks = _marks(store, graph) if spans else ()
        views.append(TextView(row["text"], body_start(row["text"], meta["title"]), meta, marks))
    return views


def file_views(
    path: str | Path, *, published: str | None = None, spans: bool = False, model: str | None = None
) -> list[TextView]:
    """The articles of a file, folder or ``-`` as read now; with `spans`, extracted too."""
    from ..read import read_all

    articles = read_all(path, published=published)
    if not spans:
        return [TextView(a.text, a.body_start, _meta(a)) for a in articles]
    from ..workflow import build_articles

    store = GraphStore()
    report = build_articles(articles, store, model=model)
    views = []
    for article, graph in zip(articles, report.graphs):
        views.append(
            TextView(article.text, article.body_start, dict(_meta(article), article=graph), _marks(store, graph))
        )
    return views


def _meta(article) -> dict:
    return {
        "article": None,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "publisher": article.publisher,
        "url": article.url,
        "language": article.language,
    }


def _marks(store: GraphStore, graph: str) -> list[Marked]:
    data = contract(store, [graph])
    labels = {e["id"]: e["label"] for e in data["entities"]}
    marks = []
    for number, st in enumerate(sorted(data["statements"], key=lambda s: (s["start"], s["end"])), start=1):
        speaker = labels.get(st["speaker"]) or st.get("speaker_text")
        for start, end in sorted(st["spans"]):
            marks.append(Marked(number, start, end, speaker, st["cue"], st["stance"], st["kind"]))
    return marks


def render(view: TextView, *, body: bool = False, spans: bool = False) -> str:
    """The text (from the body start with `body`), statements marked with `spans`."""
    start = view.body_start if body else 0
    text = view.text
    if body:  # the blank line after the title is not worth printing
        while start < len(text) and text[start] == "\n":
            start += 1
    if not spans:
        return text[start:]
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker): ends before starts
    for m in view.marks:
        if m.end <= start:
            continue
        inserts.append((max(m.start, start), 1, f"[[{m.number} "))
        inserts.append((m.end, 0, "]]"))
    pieces, last = [], start
    for offset, _, marker in sorted(inserts):
        pieces.append(text[last:offset])
        pieces.append(marker)
        last = offset
    pieces.append(text[last:])
    out = "".join(pieces).rstrip("\n")
    listed: dict[int, Marked] = {}
    for m in view.marks:
        listed.setdefault(m.number, m)
    if listed:
        lines = [
            f"[[{n}]] {m.speaker or '(unknown speaker)'} - {m.cue} ({m.stance}, {m.kind}): "
            f'"{" ".join(view.text[m.start : m.end].split())}"'
            for n, m in sorted(listed.items())
        ]
        out += "\n\n" + "\n".join(lines)
    else:
        out += "\n\n(no statements found)"
    return out
