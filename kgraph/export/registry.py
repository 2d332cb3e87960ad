"""Export formats by name: one registered writer per format.

A format is one function registered with `@register(name, kind=..., suffix=..., help=...)`,
as rdflib registers serializers (`rdflib.plugin.register`); `kgraph export --format` offers
exactly the registered names. A writer of kind

- "rdf" gets the store and a binary stream, and returns a short summary ("12 quads");
- "network" gets the actor network (`kgraph.analyse.project(store, "actors")`, a networkx
  graph) and a binary stream; it may return a summary (default: its node and edge counts).

The built-in formats register themselves in their modules (`rdf`, `graphml`, `gexf`,
`edgelist`), which are imported the first time the registry is read::

    from kgraph.export import register

    @register("dot", kind="network", suffix=".dot", help="Graphviz DOT")
    def write_dot(graph, out):
        ...
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import ExportError

__all__ = ["KINDS", "ExportFormat", "register", "unregister", "formats", "format_names", "get_format", "export_store"]

KINDS = ("rdf", "network")
_BUILTIN_MODULES = ("kgraph.export.rdf", "kgraph.export.graphml", "kgraph.export.gexf", "kgraph.export.edgelist")
_NAME = re.compile(r"[a-z][a-z0-9._-]*")

Writer = Callable[[Any, BinaryIO], "str | None"]


@dataclass(frozen=True)
class ExportFormat:
    """One registered export format."""

    name: str
    kind: str  # "rdf": write(store, out); "network": write(actor network, out)
    write: Writer
    suffix: str  # the usual file name ending, with its dot
    help: str  # a few words for --help


_FORMATS: dict[str, ExportFormat] = {}
_loaded = False


def register(name: str, *, kind: str, suffix: str, help: str = "") -> Callable[[Writer], Writer]:
    """Decorator: register `write` as the export format `name`; returns `write` unchanged."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ExportError(
            f"bad export format name {name!r}: lower-case letters, digits, '.', '_' or '-', starting with a letter"
        )
    if kind not in KINDS:
        raise ExportError(f"unknown kind {kind!r} for export format {name!r}; use one of {', '.join(KINDS)}")
    if not suffix.startswith("."):
        raise ExportError(f"the suffix of export format {name!r} must start with '.', not {suffix!r}")

    def decorate(write: Writer) -> Writer:
        old = _FORMATS.get(name)
        if old is not None and _qualname(old.write) != _qualname(write):
            raise ExportError(f"export format {name!r} is already registered by {_qualname(old.write)}")
        _FORMATS[name] = ExportFormat(name, kind, write, suffix, help)
        return write

    return decorate


def unregister(name: str) -> None:
    """Forget the export format `name` (for plug-ins and tests); unknown names are ignored."""
    _FORMATS.pop(name, None)


def _qualname(f: Callable) -> str:
    return f"{getattr(f, '__module__', '?')}.{getattr(f, '__qualname__', repr(f))}"


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        for module in _BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True


def formats() -> dict[str, ExportFormat]:
    """Every registered format by name: the built-in ones in a fixed order, then the others
    in the order they were registered."""
    _load_builtins()

    def rank(item: tuple[int, ExportFormat]) -> tuple[int, int]:
        seq, fmt = item
        module = getattr(fmt.write, "__module__", "")
        return (_BUILTIN_MODULES.index(module) if module in _BUILTIN_MODULES else len(_BUILTIN_MODULES), seq)

    ordered = sorted(enumerate(_FORMATS.values()), key=rank)
    return {fmt.name: fmt for _, fmt in ordered}


def format_names(kind: str | None = None) -> list[str]:
    """The registered format names (of one kind, if given), in `formats()` order."""
    return [name for name, fmt in formats().items() if kind is None or fmt.kind == kind]


def get_format(name: str) -> ExportFormat:
    """The format `name`; an ExportError naming the choices when there is none."""
    fmt = formats().get(name)
    if fmt is None:
        raise ExportError(f"unknown export format {name!r}; choose one of {', '.join(format_names())}")
    return fmt


def export_store(store, name: str, out: BinaryIO) -> str:
    """Write the store in format `name` to a binary stream; returns a short summary for stderr."""
    fmt = get_format(name)
    if fmt.kind == "rdf":
        summary = fmt.write(store, out)
        return summary or "written"
    from ..analyse.projections import project

    graph = project(store, "actors")
    summary = fmt.write(graph, out)
    return summary or f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
