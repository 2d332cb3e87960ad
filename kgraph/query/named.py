"""Named queries: the `.rq` files in `ontology/queries/`, each answering one question.

A named query is a SPARQL SELECT whose leading comment block says what it answers and
which parameters it takes::

    # Who said what about an entity?                       <- title: the first line
    #
    # Every statement about the entity (kg:about): ...     <- description
    #
    # @param about string  Name of the entity ("Russia").  <- one line per parameter
    # @param from date = 0001-01-01  First day (inclusive).    (`= VALUE` gives a default)

Parameter types: string, name, iri, date, datetime, integer, decimal, boolean (or the
`xsd:` names). A `name` is bound as a string too; run on a GraphStore, it is first
resolved through the store's name index (kgraph/graph/index.py: labels, aliases and
entity keys, case and accents folded) to entity IRIs, which open every WHERE group using
the variable `?<param>Entity` as a VALUES block (IRIs from the store, serialised by
pyoxigraph, never the user's text), so the query looks the entity up by IRI instead of
comparing every label copy in the store. The query's own name test still decides. A value is bound as an RDF term of that type by pyoxigraph substitution, never
pasted into the query text; pyoxigraph (SPARQL SEP-0007) needs each parameter in the
SELECT projection, so every named query projects its parameters. A name parameter is
bound as a plain literal and compared in the query with LCASE against labels and
aliases.

For a remote endpoint, `NamedQuery.sparql_with_values` gives the query with a VALUES
block of the same terms (serialised by pyoxigraph, escaped as N-Triples) opening each
WHERE group that uses them, which is how SPARQL clients bind variables over the protocol.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from ..errors import NotFoundError, QueryError
from ..paths import ontology_dir
from .indexed import plan_for
from .sparql import Results, check_page, run_query

__all__ = ["Param", "NamedQuery", "PARAM_TYPES", "queries_dir", "load_named", "get_named", "parse_header"]

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = {
    "string": "string",
    "literal": "string",
    "xsd:string": "string",
    "name": "name",
    "iri": "iri",
    "uri": "iri",
    "date": "date",
    "xsd:date": "date",
    "datetime": "dateTime",
    "xsd:datetime": "dateTime",
    "integer": "integer",
    "int": "integer",
    "xsd:integer": "integer",
    "decimal": "decimal",
    "number": "decimal",
    "xsd:decimal": "decimal",
    "boolean": "boolean",
    "bool": "boolean",
    "xsd:boolean": "boolean",
}
_PARAM_LINE = re.compile(
    r"^@?param(?:eter)?\s+[?$]?(?P<name>[A-Za-z_]\w*)\s*:?\s*\(?(?P<type>[\w:]+)\)?"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+(?:[-\u2013\u2014:]\s*)?(?P<desc>.*))?$",
    re.I,
)


def _date(text: str) -> str:
    _dt.date.fromisoformat(text)
    if not re.fullmatch(r"-?\d{4,}-\d\d-\d\d", text):
        raise ValueError(text)
    return text


def _datetime(text: str) -> str:
    _dt.datetime.fromisoformat(text)
    return text


def _boolean(text: str) -> str:
    if text.lower() not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return "true" if text.lower() in ("true", "1") else "false"


#: a typed parameter's value in canonical lexical form (ValueError/InvalidOperation: not valid)
_LEXICAL = {
    "date": _date,
    "dateTime": _datetime,
    "integer": lambda t: str(int(t)),
    "decimal": lambda t: str(Decimal(t)),
    "boolean": _boolean,
}
_EXAMPLES = {
    "date": "2024-11-18",
    "dateTime": "2024-11-18T09:30:00",
    "integer": "42",
    "decimal": "2.5",
    "boolean": "true",
}


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str  # a value of PARAM_TYPES
    description: str = ""
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: object):
        """`value` as an RDF term of this parameter's type; QueryError names a bad value."""
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        text = str(value)
        bad = f"parameter {self.name}: {text!r} is not a valid {self.type}"
        if self.type in ("string", "name"):
            return ox.Literal(text)
        if self.type == "iri":
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*", text):
                raise QueryError(f"{bad} (an absolute IRI such as https://w3id.org/kgraph/id/entity/Q212)")
            return ox.NamedNode(text)
        try:
            text = _LEXICAL[self.type](text)
        except (ValueError, InvalidOperation) as exc:
            raise QueryError(f"{bad} (e.g. {_EXAMPLES[self.type]})") from exc
        return ox.Literal(text, datatype=ox.NamedNode(XSD + self.type))


@dataclass(frozen=True)
class NamedQuery:
    """A query from `ontology/queries/NAME.rq` with its header parsed."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    path: Path | None = None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        valid = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {valid})")

    def bindings(self, values: Mapping[str, object] | None = None) -> dict[str, object]:
        """Parameter values (strings or terms) as RDF terms, defaults filled in.

        Raises QueryError for an unknown parameter, a missing required one or a bad value.
        """
        values = dict(values or {})
        for name in values:
            self.param(name)
        out = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = p.term(values[p.name])
            elif p.default is not None:
                out[p.name] = p.term(p.default)
            else:
                raise QueryError(f"query {self.name!r} needs --param {p.name}=VALUE ({p.type}: {p.description})")
        return out

    def run(self, store, values: Mapping[str, object] | None = None, **kwargs) -> Results:
        """Run on a GraphStore with the parameters bound (see `kgraph.query.sparql.run_query`);
        `name` parameters resolved to entity IRIs first where the store has a name index."""
        terms = self.bindings(values)
        sparql = self.sparql
        if not hasattr(store, "index") or kwargs.get("default_graphs") or kwargs.get("named_graphs"):
            return run_query(store, sparql, terms, **kwargs)
        names = {f"{p.name}Entity": terms[p.name].value for p in self.params if p.type == "name"}
        names = {v: n for v, n in names.items() if re.search(rf"[?$]{v}\b", _mask(sparql))}
        if not names or not all(_foldable(n) for n in names.values()):
            return run_query(store, sparql, terms, **kwargs)  # the index keeps no such name: the query decides
        entities = {v: _entities_named(store.index, n) for v, n in names.items()}
        if not all(entities.values()):
            # no entity has that name, and the query's own name test is stricter: no rows
            # (the engine would still evaluate the rest of the query before finding none)
            projection = _projection(sparql)
            if projection:
                return Results("select", variables=projection, rows=())
        plan = plan_for(sparql) if kwargs.get("union", True) else None
        if plan is not None:
            check_page(kwargs.get("offset", 0), kwargs.get("limit"))
            return plan(store.index, terms, entities, {k: kwargs.get(k) for k in _PLAN_LIMITS})
        sparql = _insert_values(sparql, {v: [ox.NamedNode(i) for i in iris or [_NONE]] for v, iris in entities.items()})
        return run_query(store, sparql, terms, **kwargs)

    def sparql_with_values(self, values: Mapping[str, object] | None = None) -> str:
        """The query text for a remote endpoint, where substitutions are not available.

        A VALUES block of the bound terms (serialised by pyoxigraph, never the raw user
        text) opens every WHERE group that uses a parameter, subqueries included, since a
        subquery does not see bindings from outside it; this gives the substitution's
        answer (SEP-0007 binds the variable everywhere).
        """
        terms = self.bindings(values)
        if not terms:
            return self.sparql
        masked = _mask(self.sparql)
        inserts = []
        for m in re.finditer(r"(?i)\bWHERE\s*\{", masked):
            close = _matching_brace(masked, m.end() - 1)
            body = masked[m.end() : close]
            used = [n for n in terms if re.search(rf"[?$]{re.escape(n)}\b", body)]
            if used:
                names = " ".join(f"?{n}" for n in used)
                row = " ".join(str(terms[n]) for n in used)
                inserts.append((m.end(), f" VALUES ({names}) {{ ({row}) }}"))
        if not inserts:
            raise QueryError(f"query {self.name!r} has no WHERE {{ }} using its parameters to bind them in")
        text = self.sparql
        for pos, block in sorted(inserts, reverse=True):
            text = text[:pos] + block + text[pos:]
        return text

    def usage(self) -> str:
        """One line per parameter, for --list and error messages."""
        lines = []
        for p in self.params:
            default = f" = {p.default}" if p.default is not None else ""
            lines.append(f"{p.name} ({p.type}{default}): {p.description}".rstrip(": "))
        return "\n".join(lines)


_NONE = "urn:kgraph:no-such-entity"
_PLAN_LIMITS = ("max_rows", "max_bytes", "offset", "limit")


def _entities_named(index, name: str) -> list[str]:
    """Entity IRIs with a label or alias equal to `name` (case, accents, transliteration
    endings folded: a superset of what LCASE equality finds) or with that entity key or IRI."""
    from ..graph.index import name_key

    norm = " ".join(name_key(name))
    rows = index.rows(
        "SELECT entity FROM names WHERE norm = ? UNION SELECT entity FROM names WHERE lower(ekey) = "
        "lower(?) UNION SELECT entity FROM names WHERE entity = ?",
        (norm, name, name),
    )
    return sorted({r[0] for r in rows})


def _foldable(name: str) -> bool:
    """A name the index holds in comparable form (it keeps no name without letters or digits)."""
    from ..graph.index import name_key

    return bool(name_key(name))


def _projection(sparql: str) -> tuple[str, ...]:
    """The variables a SELECT projects, in order ("(... AS ?v)" gives ?v); () if not a plain SELECT."""
    m = re.search(r"(?is)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", _mask(sparql))
    if not m or "*" in m.group(1):
        return ()
    clause = m.group(1)
    while True:
        reduced = re.sub(r"\((?:[^()]|\([^()]*\))*?\s+AS\s+(\?\w+)\s*\)", r"\1", clause, flags=re.I)
        if reduced == clause:
            break
        clause = reduced
    return tuple(dict.fromkeys(re.findall(r"[?$](\w+)", clause)))


def _insert_values(sparql: str, values: Mapping[str, list]) -> str:
    """`sparql` with `VALUES ?var { term ... }` opening every WHERE group that uses `?var`."""
    masked = _mask(sparql)
    inserts = []
    for m in re.finditer(r"(?i)\bWHERE\s*\{", masked):
        body = masked[m.end() : _matching_brace(masked, m.end() - 1)]
        for var, terms in values.items():
            if re.search(rf"[?$]{re.escape(var)}\b", body):
                inserts.append((m.end(), f" VALUES ?{var} {{ {' '.join(str(t) for t in terms)} }}"))
    text = sparql
    for pos, block in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = text[:pos] + block + text[pos:]
    return text


@functools.lru_cache(maxsize=64)
def _mask(sparql: str) -> str:
    """The query with comments, string literals and IRIs blanked (same length), so that
    braces and variables can be found in what is left."""
    out = list(sparql)
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "#":
            j = sparql.find("\n", i)
            j = n if j < 0 else j
        elif ch in "\"'":
            long = sparql.startswith(ch * 3, i)
            quote = ch * 3 if long else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            j = min(j + len(quote), n)
        elif ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]):
            j = sparql.index(">", i) + 1
        else:
            i += 1
            continue
        for k in range(i, j):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


def _matching_brace(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise QueryError("unbalanced braces in a named query")


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    """(title, description, params) from the comment lines that open a query."""
    comments = []
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("#"):
            if s:
                break
            continue
        comments.append(s[1:].strip() if not s.startswith("# ") else s[2:].rstrip())
    title, desc, params = "", [], []
    for c in comments:
        bare = c.strip()
        m = _PARAM_LINE.match(bare)
        if m and bare.lower().lstrip("@").startswith("param"):
            kind = PARAM_TYPES.get(m.group("type").lower())
            if kind is None:
                raise QueryError(
                    f"unknown parameter type {m.group('type')!r} in {bare!r}; "
                    f"use one of {', '.join(sorted(set(PARAM_TYPES)))}"
                )
            params.append(Param(m.group("name"), kind, (m.group("desc") or "").strip(), m.group("default")))
        elif params and bare and c.startswith(" "):  # an indented line continues a parameter
            p = params[-1]
            params[-1] = Param(p.name, p.type, f"{p.description} {bare}".strip(), p.default)
        elif not title:
            title = bare
        else:
            desc.append(c)
    description = "\n".join(desc).strip()
    return title, description, tuple(params)


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def _load(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    try:
        title, description, params = parse_header(text)
    except QueryError as exc:
        raise QueryError(f"{path.name}: {exc}") from exc
    return NamedQuery(path.stem, title, description, params, text, path)


def load_named(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in `directory` (default `ontology/queries/`), by name, sorted."""
    d = Path(directory) if directory else queries_dir()
    return {p.stem: _load(p) for p in sorted(d.glob("*.rq"))}


def get_named(name: str, directory: str | Path | None = None) -> NamedQuery:
    """The named query `name`; NotFoundError lists the ones there are."""
    queries = load_named(directory)
    if name not in queries:
        raise NotFoundError(
            f"no named query {name!r}; there are: {', '.join(queries) or 'none'} (see `kgraph query --list`)"
        )
    return queries[name]
