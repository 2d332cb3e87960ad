"""Who said what: statements read back from the store, filtered by speaker, topic, outlet, stance, cue.

Every filter is a SPARQL variable bound by substitution (`GraphStore.select(sparql,
bindings)`); the query text is assembled only from the constant fragments below, never
from user text. Names given by a user ("Zelensky", "North Korea") are resolved to
entities first (`resolve_name`): rdfs:label and skos:altLabel, compared
case-insensitively with diacritics removed and transliteration endings folded
("Zelenskiy" = "Zelensky" = "Zelenskyy"), then by trailing words (a last name), then by
any words; an unknown name raises `NotFoundError` with close matches (difflib).

A name covers what is affiliated with it (`kg:affiliatedWith`): statements by
"Ukrainian officials" are statements by Ukraine, statements about North Korean troops
are about North Korea.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pyoxigraph import NamedNode

from ..errors import NotFoundError
from ..graph.store import GraphStore
from ..graph.terms import KG

__all__ = ["Quote", "Entity", "find_quotes", "resolve_name", "name_key", "format_quote", "quote_record",
           "STANCE_LABELS"]

STANCE_LABELS = {str(KG.Asserts): "asserts", str(KG.Denies): "denies",
                 str(KG.NeitherConfirmsNorDenies): "neither confirms nor denies"}
_KIND_LABELS = {str(KG.Direct): "direct", str(KG.Indirect): "indirect"}

# -- SPARQL ------------------------------------------------------------------------------
# Queries match inside one article graph (GRAPH ?g): an entity is described again in
# every article that names it, so over the union of graphs each of its triples would
# multiply the rows. The statement rows: a filter adds one constant fragment and projects
# its variables (pyoxigraph substitutes only projected variables).
_SELECT = """SELECT ?s ?text ?cue ?kind ?stance ?speaker ?spk ?rep ?topic ?art ?src ?title ?b ?en"""
_WHERE = """WHERE { GRAPH ?g {
  ?s a kg:Statement ; schema:text ?text ; kg:cue ?cue ; kg:kind ?kind ; kg:stance ?stance ;
     kg:article ?art ; kg:evidence ?sp .
  ?sp nif:beginIndex ?b ; nif:endIndex ?en ."""
_DETAILS = """  OPTIONAL { ?art kg:sourcePath ?src } OPTIONAL { ?art schema:headline ?title }
  OPTIONAL { ?s prov:wasAttributedTo ?speaker } OPTIONAL { ?s kg:speakerText ?spk }
  OPTIONAL { ?s kg:reportedBy ?rep } OPTIONAL { ?s kg:about ?topic }"""
_END = "\n} } ORDER BY ?src ?b ?s"

_FILTERS: dict[str, tuple[tuple[str, ...], str]] = {
    # name: (the variables it binds, its graph pattern)
    "statement": (("s",), ""),
    "speaker": (("speakerQ",), "?s prov:wasAttributedTo/kg:affiliatedWith? ?speakerQ ."),
    "about": (("topicQ",), "?s kg:about/kg:affiliatedWith? ?topicQ ."),
    "outlet": (("outletQ",),
               "{ ?s prov:wasAttributedTo/kg:affiliatedWith? ?outletQ } UNION { ?s kg:reportedBy ?outletQ }"),
    "stance": (("stanceA", "stanceB"), "FILTER(?stance = ?stanceA || ?stance = ?stanceB)"),
    "cue": (("cueQ",), "FILTER(CONTAINS(LCASE(STR(?cue)), ?cueQ))"),
}

_NAMES = """SELECT ?g ?e ?label ?name WHERE { GRAPH ?g {
  ?e kg:entityKey ?key ; rdfs:label ?label . { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } } }"""

_UNATTRIBUTED = """SELECT DISTINCT ?s ?spk WHERE { GRAPH ?g {
  ?s a kg:Statement ; kg:speakerText ?spk . FILTER NOT EXISTS { ?s prov:wasAttributedTo ?x } } }"""


@lru_cache(maxsize=64)
def _statement_query(filters: tuple[str, ...]) -> str:
    """The statement query with the named constant fragments added (`filters` sorted)."""
    extra = ["?" + v for f in filters for v in _FILTERS[f][0] if v != "s"]
    patterns = ["  " + _FILTERS[f][1] for f in filters if _FILTERS[f][1]]
    return "\n".join([" ".join([_SELECT, *extra]), _WHERE, *patterns, _DETAILS]) + _END


# -- records -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Entity:
    """An entity a name resolved to: IRI and display label."""

    iri: str
    label: str


@dataclass(frozen=True)
class Quote:
    """One statement as stored, with what is needed to cite it."""

    iri: str
    text: str
    cue: str
    kind: str  # "direct" | "indirect"
    stance: str  # "asserts" | "denies" | "neither confirms nor denies"
    speaker: str | None  # entity IRI
    speaker_label: str | None
    speaker_text: str | None  # the words naming the speaker in the article
    reported_by: str | None
    reported_by_label: str | None
    about: tuple[str, ...]
    article: str
    source: str | None
    title: str | None
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = field(default=())

    @property
    def who(self) -> str:
        """The speaker as shown: the entity's label, else the words of the text, else '(unknown)'."""
        if self.speaker_label:
            return self.speaker_label
        if self.speaker_text:
            return f'"{self.speaker_text}" (unresolved)'
        return "(unknown speaker)"


def _rows_to_quotes(rows: Iterable[dict], labels: dict[str, str]) -> list[Quote]:
    acc: dict[str, dict] = {}
    for r in rows:
        q = acc.get(r["s"])
        span = (int(r["b"]), int(r["en"]))
        if q is None:
            q = acc[r["s"]] = {"row": r, "spans": [], "about": []}
        if span not in q["spans"]:
            q["spans"].append(span)
        if "topic" in r and r["topic"] not in q["about"]:
            q["about"].append(r["topic"])
    out = []
    for iri, q in acc.items():
        r, spans = q["row"], sorted(q["spans"])
        out.append(Quote(
            iri=iri, text=r["text"], cue=r["cue"], kind=_KIND_LABELS.get(r["kind"], "indirect"),
            stance=STANCE_LABELS.get(r["stance"], "asserts"), speaker=r.get("speaker"),
            speaker_label=labels.get(r.get("speaker", "")), speaker_text=r.get("spk"),
            reported_by=r.get("rep"), reported_by_label=labels.get(r.get("rep", "")),
            about=tuple(sorted(q["about"])), article=r["art"], source=r.get("src"), title=r.get("title"),
            start=spans[0][0], end=spans[0][1], spans=tuple(spans)))
    return sorted(out, key=lambda q: (q.source or "", q.article, q.start, q.iri))


# -- names -------------------------------------------------------------------------------
_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii|y|i)$")
_LEADING = {"the", "a", "an"}


def _token(tok: str) -> str:
    tok = re.sub(r"'s$", "", tok)
    return _ENDING.sub("i", tok) if len(tok) > 3 else tok


def name_key(name: str) -> tuple[str, ...]:
    """A name's comparable form: ascii, lower case, words, transliteration endings folded.

    >>> name_key("Volodymyr Zelenskyy") == name_key("volodymyr zelenskiy")
    True
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    words = [_token(w) for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)]
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return tuple(w for w in words if w)


def _name_tiers(query: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    """How well `name` answers `query`: 0 exact, 1 trailing words (a last name),
    2 all the query's words, 3 the same last word ("President Zelensky"); None: no match."""
    if not query or not name:
        return None
    if query == name:
        return 0
    n = len(query)
    if n < len(name) and name[-n:] == query:
        return 1
    if set(query) <= set(name):
        return 2
    if len(query) > 1 and query[-1] == name[-1] and len(query[-1]) > 2:
        return 3
    return None


@dataclass
class _Names:
    """Every entity's display label (the label most articles give it) and its names."""

    labels: dict[str, str]
    keys: dict[str, set[tuple[str, ...]]]
    surfaces: dict[str, list[str]]


def _names(store: GraphStore) -> _Names:
    counts: dict[str, Counter] = {}
    keys: dict[str, set[tuple[str, ...]]] = {}
    surfaces: dict[str, list[str]] = {}
    seen = set()
    for r in store.select(_NAMES, union=False):
        if (r["g"], r["e"]) not in seen:
            seen.add((r["g"], r["e"]))
            counts.setdefault(r["e"], Counter())[r["label"]] += 1
        keys.setdefault(r["e"], set()).add(name_key(r["name"]))
        if r["name"] not in surfaces.setdefault(r["e"], []):
            surfaces[r["e"]].append(r["name"])
    labels = {e: min(c, key=lambda label: (-c[label], label)) for e, c in counts.items()}
    return _Names(labels, keys, surfaces)


def _best(query: tuple[str, ...], candidates: dict[str, Iterable[tuple[str, ...]]]) -> list[str]:
    """The candidates matching `query` at the best tier found."""
    tiers: dict[int, list[str]] = {}
    for key, names in candidates.items():
        found = [t for t in (_name_tiers(query, n) for n in names) if t is not None]
        if found:
            tiers.setdefault(min(found), []).append(key)
    return sorted(tiers[min(tiers)]) if tiers else []


def resolve_name(store: GraphStore, name: str, *, what: str = "entity", names: _Names | None = None) -> list[Entity]:
    """The entities a user's name for something refers to (best matches only).

    Raises `NotFoundError` naming close matches when nothing matches.
    """
    names = names or _names(store)
    found = _best(name_key(name), names.keys)
    if found:
        return [Entity(iri, names.labels[iri]) for iri in found]
    raise NotFoundError(_unknown(name, what, names))


def _unknown(name: str, what: str, names: _Names) -> str:
    choices: dict[str, str] = {}
    for iri, surfaces in names.surfaces.items():
        for s in surfaces:
            choices.setdefault(" ".join(name_key(s)), names.labels[iri])
            choices.setdefault(" ".join(name_key(s)[-1:]), names.labels[iri])  # a last name
    close = difflib.get_close_matches(" ".join(name_key(name)), list(choices), n=5, cutoff=0.6)
    labels = list(dict.fromkeys(choices[c] for c in close))[:3]
    hint = f"; did you mean {', '.join(labels)}?" if labels else " (see `kgraph quotes` for who said what)"
    return f"no {what} named {name!r} in the store{hint}"


def _unattributed(store: GraphStore, name: str) -> list[str]:
    """Statements with no resolved speaker whose speaker words match `name` ("Zelenskiy said")."""
    query = name_key(name)
    cands: dict[str, list[tuple[str, ...]]] = {}
    for r in store.select(_UNATTRIBUTED, union=False):
        cands.setdefault(r["s"], []).append(name_key(r["spk"]))
    return [s for s in cands if any(_name_tiers(query, n) in (0, 1, 3) for n in cands[s])]


# -- finding -----------------------------------------------------------------------------
def _select(store: GraphStore, filters: dict[str, tuple]) -> list[dict]:
    """Statement rows for `filters`: filter name -> the values of its variables (see `_FILTERS`)."""
    bindings = {}
    for f, values in filters.items():
        bindings.update(zip(_FILTERS[f][0], values, strict=True))
    return store.select(_statement_query(tuple(sorted(filters))), bindings, union=False)


def find_quotes(store: GraphStore, *, speaker: str | None = None, about: str | None = None,
                outlet: str | None = None, stances: Sequence[str] = (), cue: str | None = None) -> list[Quote]:
    """Statements in the store, filtered by the names of their speaker, topic or relaying outlet
    (each resolved with `resolve_name`), stance IRIs and a cue substring.

    A speaker name also matches statements whose speaker the extractor could not
    resolve but whose speaker words carry the name.
    """
    base: dict[str, tuple] = {}
    if stances:
        if len(stances) > 2:
            raise ValueError("at most two stances")
        base["stance"] = tuple(NamedNode(x) for x in (list(stances) * 2)[:2])
    if cue:
        base["cue"] = (cue.lower(),)
    choices: list[list[tuple[str, tuple]]] = []
    names = _names(store)
    if speaker is not None:
        unattributed = _unattributed(store, speaker)
        try:
            ents = resolve_name(store, speaker, what="speaker", names=names)
        except NotFoundError:
            if not unattributed:
                raise
            ents = []
        choices.append([("speaker", (NamedNode(e.iri),)) for e in ents]
                       + [("statement", (NamedNode(s),)) for s in unattributed])
    if about is not None:
        choices.append([("about", (NamedNode(e.iri),)) for e in resolve_name(store, about, what="topic", names=names)])
    if outlet is not None:
        choices.append([("outlet", (NamedNode(e.iri),)) for e in resolve_name(store, outlet, what="source", names=names)])
    rows: list[dict] = []
    for combo in _product(choices):
        rows.extend(_select(store, {**base, **dict(combo)}))
    return _rows_to_quotes(rows, names.labels)


def _product(choices: list[list[tuple[str, tuple]]]) -> Iterable[tuple[tuple[str, tuple], ...]]:
    if not choices:
        yield ()
        return
    head, *rest = choices
    for item in head:
        for tail in _product(rest):
            yield (item, *tail)


# -- presenting --------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def format_quote(q: Quote) -> list[str]:
    """Three lines: who and how, what, where (source, title, character spans)."""
    head = f"{q.who}, {q.cue} ({q.kind}, {q.stance})"
    if q.reported_by:
        head += f", reported by {q.reported_by_label or q.reported_by}"
    text = _squash(q.text)
    text = f"\u201c{text}\u201d" if q.kind == "direct" else text
    spans = ", ".join(f"{b}-{e}" for b, e in (q.spans or ((q.start, q.end),)))
    cite = q.source or q.article
    if q.title:
        cite += f', "{_squash(q.title)}"'
    return [head + ":", f"  {text}", f"  -- {cite}, chars {spans}"]


def quote_record(q: Quote) -> dict:
    """A JSON-ready dict of a quote."""
    return {"id": q.iri, "speaker": q.speaker, "speaker_label": q.speaker_label, "speaker_text": q.speaker_text,
            "cue": q.cue, "kind": q.kind, "stance": q.stance, "text": q.text,
            "reported_by": q.reported_by, "reported_by_label": q.reported_by_label, "about": list(q.about),
            "article": q.article, "source": q.source, "title": q.title, "start": q.start, "end": q.end,
            "spans": [list(s) for s in q.spans]}
