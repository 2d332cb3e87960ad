"""The `kgraph` command: a click group whose commands live in `kgraph/cli/cmd_*.py`.

Each command module defines `COMMANDS`, a list of click commands; they are found by
name so that a new command is one new module. A module is imported only when one of its
commands runs (or for `--help`): which command lives where is read from the modules'
source (`ast`), so `kgraph --version` or `kgraph ask` never pays for importing spaCy.
Commands stay thin: they parse options, call the library and turn `KGraphError` into a
one-line error (exit 1).
"""

from __future__ import annotations

import ast
import importlib
import logging
from functools import lru_cache
from pathlib import Path

import click

from .. import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _command_name(fn: ast.FunctionDef) -> str | None:
    """The name a `@click.command(...)`-decorated function gets (as click names it)."""
    for d in fn.decorator_list:
        call = d if isinstance(d, ast.Call) else None
        target = call.func if call else d
        if isinstance(target, ast.Attribute) and target.attr in ("command", "group"):
            if call and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                return call.args[0].value
            if call:
                for kw in call.keywords:
                    if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                        return kw.value.value
            name = fn.name.lower()
            for suffix in ("_command", "_cmd", "_group", "_grp"):
                if name.endswith(suffix) and name != suffix:
                    name = name[: -len(suffix)]
            return name.replace("_", "-")
    return None


@lru_cache(maxsize=1)
def _command_modules() -> dict[str, str]:
    """Command name -> module name, for every command in a `COMMANDS` list of a cmd_*.py."""
    out: dict[str, str] = {}
    for path in sorted(Path(__file__).parent.glob("cmd_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        names = {n.name: _command_name(n) for n in tree.body if isinstance(n, ast.FunctionDef)}
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "COMMANDS" for t in node.targets
            ):
                for elt in getattr(node.value, "elts", ()):
                    if isinstance(elt, ast.Name) and names.get(elt.id):
                        out[names[elt.id]] = f"{__name__}.{path.stem}"
    return out


class _Commands(dict):
    """A group's commands, each module imported when a command of it is looked up by name,
    all of them when the commands are listed (`--help`)."""

    def _load(self, name: str | None = None) -> None:
        modules = _command_modules()
        wanted = [modules[name]] if name in modules else [] if name else sorted(set(modules.values()))
        for module in wanted:
            for command in getattr(importlib.import_module(module), "COMMANDS", []):
                dict.__setitem__(self, command.name, command)

    def get(self, name, default=None):
        if not dict.__contains__(self, name):
            self._load(name)
        return dict.get(self, name, default)

    def __getitem__(self, name):
        return self.get(name) if self.get(name) is not None else dict.__getitem__(self, name)

    def __contains__(self, name) -> bool:
        return self.get(name) is not None

    def __iter__(self):
        self._load()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._load()
        return dict.__len__(self)

    def keys(self):
        self._load()
        return dict.keys(self)

    def items(self):
        self._load()
        return dict.items(self)

    def values(self):
        self._load()
        return dict.values(self)


class _LazyGroup(click.Group):
    """A group whose commands' modules are imported only when needed (see `_Commands`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)


@click.group(cls=_LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="kgraph")
def main() -> None:
    """kgraph: knowledge graphs of conflict reporting - who is fighting whom, where,
    and who said what, according to whom.

    \b
    Example:
      kgraph build seeds/ --export exports/
      kgraph extract seeds/000_815a57848530bec3.txt --format json
    """
    _log_to_stderr()


class _EchoHandler(logging.Handler):
    """The library's warnings and notes as one `kgraph: ...` line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"kgraph: {record.getMessage()}", err=True)


def _log_to_stderr() -> None:
    logger = logging.getLogger("kgraph")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        logger.addHandler(_EchoHandler(logging.INFO))
        logger.setLevel(logging.INFO)
        logger.propagate = False
