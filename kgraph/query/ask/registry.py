"""The registry of question forms: each a small parser registered with `@form`, tried in
the order registered; the patterns and notes are the help and the error text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .question import Question

__all__ = ["Form", "REGISTRY", "form", "forms_text"]


@dataclass(frozen=True)
class Form:
    pattern: str
    note: str
    parse: Callable[[str], Question | None] | None


REGISTRY: list[Form] = []


def form(pattern: str, note: str = "", *more: tuple[str, str]):
    """Register a question form: `parse(cleaned question) -> Question | None`; `more` are
    other (pattern, note) pairs the same parser reads, listed in the help."""

    def deco(fn):
        REGISTRY.append(Form(pattern, note, fn))
        REGISTRY.extend(Form(p, n, None) for p, n in more)
        return fn

    return deco


def forms_text() -> str:
    """The registered forms, one per line, their notes aligned."""
    width = max(len(f.pattern) for f in REGISTRY)
    return "\n".join(f"  {f.pattern:<{width}}  ({f.note})" if f.note else f"  {f.pattern}" for f in REGISTRY)
