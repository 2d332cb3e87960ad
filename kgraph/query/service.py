"""SPARQL federation (`SERVICE <IRI> { ... }`) is off unless its hosts are allowed.

pyoxigraph runs a SERVICE clause by sending the inner query over HTTP to the IRI and
offers no switch to stop it, so a query naming `SERVICE <http://127.0.0.1:22/>` would make
the endpoint (or `kgraph query`) connect wherever the query says and echo the reply. The
query text is read here first, with the SPARQL lexical rules the parser uses (escapes
\\uXXXX and \\UXXXXXXXX undone first, as SPARQL 1.1 §19.2 says; comments, strings and IRIs
skipped), and every SERVICE keyword's target is checked against the allowed hosts
(`--allow-service HOST`). A target given by a variable, or a relative IRI without a BASE,
cannot be checked and is refused unless every host is allowed ("*").
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable

from ..errors import QueryError
from ..graph.terms import PREFIXES

__all__ = ["ServiceNotAllowed", "service_targets", "check_service", "host_allowed"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
      | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<word>[^\s{}()\[\];,<>"'#=!&|*/+^@?$]+)
      | (?P<other>.)""",
    re.X | re.S,
)


class ServiceNotAllowed(QueryError):
    """A query names a SERVICE whose host is not allowed."""


def _unescape(sparql: str) -> str:
    def repl(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(repl, sparql)


def _tokens(sparql: str) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(_unescape(sparql)):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        value = m.group(kind)
        if kind == "word":  # a prefixed name or keyword; a final '.' ends a triple, not the name
            core = value.rstrip(".")
            out.append(("word", core))
            out.extend(("other", ".") for _ in range(len(value) - len(core)))
        else:
            out.append((kind, value))
    return out


def service_targets(sparql: str) -> list[str | None]:
    """The IRI of each SERVICE clause in `sparql`, in order; None where the target is a
    variable or an IRI that cannot be resolved (unknown prefix, relative without BASE)."""
    toks = _tokens(sparql)
    prefixes = dict(PREFIXES)
    base: str | None = None
    targets: list[str | None] = []
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        word = value.lower() if kind == "word" else ""
        if word == "prefix" and i + 2 < len(toks) and toks[i + 1][0] == "word" and toks[i + 2][0] == "iri":
            name = toks[i + 1][1]
            if name.endswith(":"):
                prefixes[name[:-1]] = _resolve(toks[i + 2][1][1:-1], base) or toks[i + 2][1][1:-1]
        elif word == "base" and i + 1 < len(toks) and toks[i + 1][0] == "iri":
            base = _resolve(toks[i + 1][1][1:-1], base)
        elif word == "service":
            j = i + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].lower() == "silent":
                j += 1
            target = toks[j] if j < len(toks) else ("other", "")
            if target[0] == "iri":
                targets.append(_resolve(target[1][1:-1], base))
            elif target[0] == "word" and ":" in target[1]:
                pfx, _, local = target[1].partition(":")
                targets.append(prefixes[pfx] + local if pfx in prefixes else None)
            else:
                targets.append(None)
        i += 1
    return targets


def _resolve(iri: str, base: str | None) -> str | None:
    if urllib.parse.urlsplit(iri).scheme:
        return iri
    return urllib.parse.urljoin(base, iri) if base else None


def host_allowed(iri: str, allowed: Iterable[str]) -> bool:
    """Whether the host of `iri` is one of `allowed` (host names or host:port, any case;
    "*" allows every host)."""
    allowed = {a.strip().lower() for a in allowed if a.strip()}
    if "*" in allowed:
        return True
    try:
        parts = urllib.parse.urlsplit(iri)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if not host or parts.scheme.lower() not in ("http", "https"):
        return False
    names = {host, f"[{host}]"}
    return bool(allowed & names) or (port is not None and bool(allowed & {f"{n}:{port}" for n in names}))


def check_service(sparql: str, allowed: Iterable[str] | None = ()) -> None:
    """Raise ServiceNotAllowed when `sparql` names a SERVICE whose host is not in `allowed`."""
    allowed = list(allowed or ())
    for target in service_targets(sparql):
        if target is None:
            if "*" in {a.strip() for a in allowed}:
                continue
            raise ServiceNotAllowed(
                "federated query (SERVICE) with a variable or unresolvable IRI is refused: "
                "name the service's IRI and allow its host with --allow-service HOST"
            )
        if not host_allowed(target, allowed):
            host = urllib.parse.urlsplit(target).hostname or target
            raise ServiceNotAllowed(
                f"federated query (SERVICE <{target}>) is off: this query would make kgraph fetch from {host}; "
                + (f"allowed hosts: {', '.join(allowed)}" if allowed else f"allow it with --allow-service {host}")
            )
