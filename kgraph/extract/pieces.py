"""Long articles in pieces whose memory does not add up.

A spaCy Doc of a whole long article holds every token's vectors and every extractor's
per-article index at once: memory grew about 3.4 GB per MB of text, and time faster than
the length. A text longer than PIECE_CHARS is cut at paragraph ends (else line ends,
else sentence ends, else spaces) into pieces of at most PIECE_CHARS characters; each
piece is parsed and extracted on its own and its Doc dropped before the next, so peak
memory is that of one piece. The pieces' records are joined into one Extraction with
offsets shifted back into the whole text:

- entities with one key are one entity (mentions and aliases joined): keys come from
  the normalised name, so the same name is the same entity in every piece;
- a person named only by a surname in a piece ("Zelenskiy") is the person of the
  article whose full name ends in it ("Volodymyr Zelenskiy"), when exactly one does,
  as within one piece;
- the same words by the same speaker in two pieces are one statement with extra spans,
  and denials are linked over the whole article, as within one Doc;
- statement indices (`Statement.denies`, `Event.statement`) and sentence numbers
  (`Mention.sent`) are shifted to the whole article.

A text with no place to cut within PIECE_CHARS characters cannot be bounded and is
refused with an InputError naming the article.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ..errors import InputError
from ..read.article import Article
from .records import Entity, Event, Extraction, Mention, Role, Span, Statement

__all__ = ["PIECE_CHARS", "split_pieces", "piece_article", "join_extractions"]

PIECE_CHARS = 50_000  # longer texts are extracted piece by piece
_CUTS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s"), re.compile(r"\s"))


def split_pieces(text: str, limit: int = PIECE_CHARS, name: str = "article") -> list[tuple[int, int]]:
    """`[start, end)` ranges covering `text`, each at most `limit` characters, cut after
    the last paragraph end in the window (else line end, sentence end, space)."""
    pieces, start, n = [], 0, len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            window = text[start + limit // 4 : end]  # never a tiny piece
            cut = None
            for pattern in _CUTS:
                last = None
                for last in pattern.finditer(window):  # noqa: B007 - the last match is wanted
                    pass
                if last is not None:
                    cut = start + limit // 4 + last.end()
                    break
            if cut is None:
                raise InputError(
                    f"{name}: {limit:,} characters from offset {start:,} hold no line break, sentence "
                    "end or space; a text that cannot be cut into pieces cannot be processed in "
                    "bounded memory"
                )
            end = cut
        pieces.append((start, end))
        start = end
    return pieces


def piece_article(article: Article, text: str, start: int) -> Article:
    """The Article the extractors see for one piece (its own text; the title only in the first)."""
    return dataclasses.replace(article, text=text, body_start=max(article.body_start - start, 0))


def _shift(span: Span | None, by: int) -> Span | None:
    return None if span is None else Span(span.start + by, span.end + by, span.text)


def join_extractions(article: Article, parts: Iterator[tuple[int, Extraction, int]]) -> Extraction:
    """One Extraction for the whole article from `(offset, extraction, sentences)` per piece."""
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    roles: list[Role] = []
    statements: list[Statement] = []
    events: list[Event] = []
    sent_base = 0
    for offset, ex, n_sents in parts:
        base = len(statements)
        for e in ex.entities:
            spans = tuple(_shift(s, offset) for s in e.mentions)
            old = entities.get(e.key)
            if old is None:
                entities[e.key] = dataclasses.replace(e, mentions=spans)
            else:
                aliases = tuple(dict.fromkeys(old.aliases + tuple(a for a in (e.label, *e.aliases) if a != old.label)))
                entities[e.key] = dataclasses.replace(
                    old,
                    aliases=aliases,
                    wikidata=old.wikidata or e.wikidata,
                    country=old.country or e.country,
                    mentions=old.mentions + spans,
                )
        mentions += [dataclasses.replace(m, span=_shift(m.span, offset), sent=m.sent + sent_base) for m in ex.mentions]
        roles += [dataclasses.replace(r, evidence=_shift(r.evidence, offset)) for r in ex.roles]
        statements += [
            dataclasses.replace(
                s,
                speaker_span=_shift(s.speaker_span, offset),
                cue_span=_shift(s.cue_span, offset),
                span=_shift(s.span, offset),
                extra_spans=tuple(_shift(x, offset) for x in s.extra_spans),
                denies=None if s.denies is None else s.denies + base,
            )
            for s in ex.statements
        ]
        events += [
            dataclasses.replace(
                ev, trigger=_shift(ev.trigger, offset), statement=None if ev.statement is None else ev.statement + base
            )
            for ev in ex.events
        ]
        sent_base += n_sents
    result = Extraction(
        article.id, tuple(entities.values()), tuple(mentions), tuple(roles), tuple(statements), tuple(events)
    )
    return _repeated_statements(_surnames_to_full_names(result))


def _repeated_statements(ex: Extraction) -> Extraction:
    """Across pieces as within one: the same words by the same speaker twice are one
    statement with extra spans, and a denial may deny a claim of another piece."""
    from .quotes import _link_denials, _overlap

    kept: list[Statement] = []
    index: dict[int, int] = {}
    for i, st in enumerate(ex.statements):
        twin = next(
            (
                j
                for j, k in enumerate(kept)
                if k.speaker == st.speaker and k.span != st.span and _overlap(k.text, st.text) >= 0.9
            ),
            None,
        )
        if twin is None:
            index[i] = len(kept)
            kept.append(st)
        else:
            index[i] = twin
            k = kept[twin]
            kept[twin] = dataclasses.replace(k, extra_spans=k.extra_spans + (st.span,) + st.extra_spans)
    kept = [dataclasses.replace(st, denies=None if st.denies is None else index[st.denies]) for st in kept]
    statements = tuple(_link_denials(kept))
    events = tuple(
        dataclasses.replace(ev, statement=None if ev.statement is None else index[ev.statement]) for ev in ex.events
    )
    return dataclasses.replace(ex, statements=statements, events=events)


def _surname_map(entities: tuple[Entity, ...]) -> dict[str, str]:
    """Person keys named by one word -> the one person of the article whose name ends in it."""
    people = [e for e in entities if e.type == "Person"]
    full: dict[str, set[str]] = {}
    for e in people:
        words = e.label.split()
        if len(words) > 1:
            full.setdefault(words[-1].lower(), set()).add(e.key)
    out = {}
    for e in people:
        words = e.label.split()
        if len(words) == 1 and len(full.get(words[0].lower(), ())) == 1:
            target = next(iter(full[words[0].lower()]))
            if target != e.key:
                out[e.key] = target
    return out


def _surnames_to_full_names(ex: Extraction) -> Extraction:
    remap = _surname_map(ex.entities)
    if not remap:
        return ex

    def k(key: str | None) -> str | None:
        return remap.get(key, key) if key is not None else None

    def ks(keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(remap.get(x, x) for x in keys))

    entities: dict[str, Entity] = {}
    for e in ex.entities:
        if e.key not in remap:
            entities[e.key] = dataclasses.replace(e, country=k(e.country))
    for e in ex.entities:
        if e.key in remap:
            t = entities[remap[e.key]]
            aliases = tuple(dict.fromkeys(t.aliases + tuple(a for a in (e.label, *e.aliases) if a != t.label)))
            mentions = tuple(sorted(t.mentions + e.mentions, key=lambda sp: (sp.start, sp.end)))
            entities[t.key] = dataclasses.replace(t, aliases=aliases, mentions=mentions)
    return Extraction(
        ex.article_id,
        tuple(entities.values()),
        tuple(dataclasses.replace(m, key=k(m.key)) for m in ex.mentions),
        tuple(dataclasses.replace(r, person=k(r.person), of=k(r.of)) for r in ex.roles),
        tuple(
            dataclasses.replace(s, speaker=k(s.speaker), reported_by=k(s.reported_by), about=ks(s.about))
            for s in ex.statements
        ),
        tuple(
            dataclasses.replace(ev, actors=ks(ev.actors), targets=ks(ev.targets), force=k(ev.force), place=k(ev.place))
            for ev in ex.events
        ),
    )
