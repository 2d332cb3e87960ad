"""The `kgraph` command: a click group whose commands live in `kgraph/cli/cmd_*.py`.

Each command module defines `COMMANDS`, a list of click commands; they are found by
name so that a new command is one new module. Commands stay thin: they parse options,
call the library and turn `KGraphError` into a one-line error (exit 1).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

import click

from .. import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
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


def _register() -> None:
    for mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")):
        module = importlib.import_module(f"{__name__}.{mod}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


_register()
