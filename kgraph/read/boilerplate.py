"""Find boilerplate lines ("Share this article", "Exit mobile version") and blank them.

Boilerplate is never deleted: each boilerplate line's characters are overwritten by
spaces, newlines kept, so the blanked text has exactly the length of the text as read
and every character offset stays valid.

The rules are data, in ``ontology/lexicon/en/boilerplate.txt`` (its header documents the
format): general patterns such as "a call-to-action verb at the start of a short line,
aimed at a platform", never copies of particular sites' lines.

>>> rules = load_rules()
>>> rules.is_boilerplate("Follow us on Telegram for the latest updates")
True
>>> rules.is_boilerplate("Russia will follow up with more strikes, officials said.")
False
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import InputError
from kgraph.lexicon import lexicon_path

__all__ = [
    "BoilerplateRule",
    "BoilerplateRules",
    "blank_boilerplate",
    "boilerplate_spans",
    "default_rules_path",
    "is_boilerplate",
    "load_rules",
    "parse_rules",
]

_DEFINITION = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)\s*=\s*(?P<body>.+)$")
_SETTING = re.compile(r"^max_words\s*:\s*(?P<value>\d+)\s*$")
_WORD_LIMIT = re.compile(r"^<=(?P<value>\d+)\s+(?P<rest>.+)$")
_INLINE = re.compile(r"^inline:\s*(?P<rest>.+)$")
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_DEFAULT_MAX_WORDS = 25
_OPEN_MARKS = '"\u201c\u2018\u00ab'
_CLOSE_MARKS = '"\u201d\u2019\u00bb'


@dataclass(frozen=True)
class BoilerplateRule:
    """One pattern from the rules file, with where it came from."""

    pattern: re.Pattern[str]
    max_words: int
    line: int  # line number in the rules file, for error messages and debugging

    def matches(self, stripped: str, words: int) -> bool:
        """Whether a stripped line with `words` words is boilerplate under this rule."""
        return words <= self.max_words and self.pattern.fullmatch(stripped) is not None


@dataclass(frozen=True)
class BoilerplateRules:
    """A set of boilerplate patterns, each matched against whole stripped lines."""

    rules: tuple[BoilerplateRule, ...]
    # patterns searched anywhere in the text: furniture inside a flattened page
    # ("… Send Facebook google+ Whatsapp Tumblr Digg …", "Photograph: X/Handout/EPA")
    inline: tuple[BoilerplateRule, ...] = ()

    def is_boilerplate(self, line: str) -> bool:
        """Whether one line (without its newline) is boilerplate. Blank lines are not."""
        stripped = line.strip()
        if not stripped:
            return False
        inner = stripped[1:-1].strip()
        if (
            len(stripped) > 2
            and stripped[0] in _OPEN_MARKS
            and stripped[-1] in _CLOSE_MARKS
            and not any(ch in _OPEN_MARKS or ch in _CLOSE_MARKS for ch in inner)
        ):
            stripped = inner  # a whole line in quotation marks, as some feeds wrap every paragraph
        words = len(stripped.split())
        return any(rule.matches(stripped, words) for rule in self.rules)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each boilerplate line in `text` (newline excluded)
        and of each inline match outside those lines, in text order, never overlapping."""
        found: list[tuple[int, int]] = []
        start = 0
        for line in text.split("\n"):
            content = line[:-1] if line.endswith("\r") else line
            if self.is_boilerplate(content):
                found.append((start, start + len(content)))
            start += len(line) + 1
        for rule in self.inline:
            found.extend((m.start(), m.end()) for m in rule.pattern.finditer(text) if m.end() > m.start())
        last = 0
        for s, e in sorted(found):
            s = max(s, last)
            if e > s:
                yield s, e
                last = e

    def blank(self, text: str) -> str:
        """`text` with every boilerplate line overwritten by spaces (same length)."""
        pieces: list[str] = []
        last = 0
        for start, end in self.spans(text):
            pieces.append(text[last:start])
            pieces.append("".join(ch if ch in "\r\n" else " " for ch in text[start:end]))
            last = end
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)


def default_rules_path() -> Path:
    """Where the shipped rules live: ``boilerplate.txt`` of the lexicon folder (``ontology/lexicon/en/``)."""
    return lexicon_path("boilerplate.txt")


def parse_rules(source: str, *, name: str = "<rules>") -> BoilerplateRules:
    """Parse rules in the ``boilerplate.txt`` format (see that file's header).

    Raises:
        InputError: a pattern is not a valid regex or uses an undefined ``{NAME}``.
    """
    definitions: dict[str, str] = {}
    max_words = _DEFAULT_MAX_WORDS
    rules: list[BoilerplateRule] = []
    inline: list[BoilerplateRule] = []
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _SETTING.match(line):
            max_words = int(match["value"])
            continue
        if match := _DEFINITION.match(line):
            alternatives = [alt.strip() for alt in re.split(r"\s+\|\s+", match["body"])]
            definitions[match["name"]] = "(?:" + "|".join(alternatives) + ")"
            continue
        limit = max_words
        is_inline = False
        if match := _INLINE.match(line):
            is_inline, line = True, match["rest"]
        elif match := _WORD_LIMIT.match(line):
            limit, line = int(match["value"]), match["rest"]

        def expand(found: re.Match[str], _number: int = number) -> str:
            key = found.group(1)
            if key not in definitions:
                raise InputError(
                    f"{name}:{_number}: undefined word list {{{key}}}; "
                    f"defined so far: {', '.join(sorted(definitions)) or 'none'}"
                )
            return definitions[key]

        expanded = _PLACEHOLDER.sub(expand, line)
        try:
            pattern = re.compile(expanded, re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"{name}:{number}: not a valid regex: {exc}") from exc
        (inline if is_inline else rules).append(BoilerplateRule(pattern=pattern, max_words=limit, line=number))
    return BoilerplateRules(rules=tuple(rules), inline=tuple(inline))


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> BoilerplateRules:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read boilerplate rules {path}: {exc.strerror}") from exc
    return parse_rules(source, name=str(path))


def load_rules(path: str | Path | None = None) -> BoilerplateRules:
    """Load rules from `path`, default ``ontology/lexicon/en/boilerplate.txt`` (cached)."""
    return _load_cached(Path(path) if path is not None else default_rules_path())


def is_boilerplate(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Whether `line` is boilerplate under `rules` (default: the shipped rules)."""
    return (rules or load_rules()).is_boilerplate(line)


def boilerplate_spans(text: str, rules: BoilerplateRules | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the boilerplate lines in `text`."""
    return list((rules or load_rules()).spans(text))


def blank_boilerplate(text: str, rules: BoilerplateRules | None = None) -> str:
    """`text` with boilerplate lines replaced by spaces of the same length."""
    return (rules or load_rules()).blank(text)
