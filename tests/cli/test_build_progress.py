"""Progress of `kgraph build` on stderr: a bar on a terminal, plain lines otherwise, none with --quiet."""

from __future__ import annotations

import io
import re

from kgraph.cli.cmd_build import BuildProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    p = BuildProgress(4, every=0, stream=out)
    p("built", None, 300)
    p("skipped", None, 100)
    p.error("a.txt: file is empty")
    p.close()
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"1/4 articles done, [\d.]+ articles/s, [\d,]+ words/s, ETA \S+", lines[0]), lines
    assert lines[1].startswith("2/4 articles done") and lines[2] == "error: a.txt: file is empty"


def test_a_bar_on_a_terminal():
    out = Terminal()
    p = BuildProgress(4, stream=out)
    assert p.bar is not None
    for _ in range(3):
        p("built", None, 250)
    p.error("b.jsonl:2: not valid JSON")
    p.close()
    text = out.getvalue()
    assert "3/4" in text and "words/s" in text and "art/s" in text
    assert "error: b.jsonl:2: not valid JSON" in text


def test_quiet_prints_nothing():
    out = Terminal()
    p = BuildProgress(4, quiet=True, every=0, stream=out)
    p("built", None, 250)
    p.close()
    assert out.getvalue() == ""
