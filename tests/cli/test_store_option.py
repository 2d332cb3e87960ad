"""`--store`: DIR|URL and the remote-store help only where a URL is taken (`kgraph build`);
everywhere else `--store DIR`, and a URL there is refused with a clear message."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kgraph.cli import main


def _store_help(args: list[str]) -> str:
    """`--store METAVAR help`, as the command's --help shows it (one line here)."""
    cmd = main
    for name in args:
        cmd = cmd.commands[name]
    param = next(p for p in cmd.params if "--store" in p.opts)
    opts, text = param.get_help_record(click.Context(cmd))
    return f"{opts} {text}"


def test_build_takes_a_url():
    text = _store_help(["build"])
    assert text.startswith("--store DIR|URL ")
    assert "sparql+http://HOST:PORT/PATH" in text and "not `kgraph serve`, which is read-only" in text


@pytest.mark.parametrize(
    "args",
    [["articles"], ["remove"], ["export"], ["query"], ["quotes"], ["ask"], ["analyze"], ["viz"], ["serve"], ["push"]],
)
def test_other_commands_take_a_folder(args):
    text = _store_help(args)
    assert text.startswith("--store DIR ") and "URL" not in text and "sparql+" not in text


def test_a_url_where_a_folder_belongs_is_refused():
    res = CliRunner().invoke(main, ["export", "--format", "csv", "--store", "sparql+http://127.0.0.1:9/store"])
    assert res.exit_code == 2
    assert "this command reads the embedded store" in res.stderr
