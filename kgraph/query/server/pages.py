"""What the endpoint shows a person: the HTML query page at `/` and the JSON list of
named queries at `/named`."""

from __future__ import annotations

import html
import json

from .reply import Reply

__all__ = ["query_page", "named_list"]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgraph SPARQL</title>
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}textarea{width:100%;height:14em;
font:13px monospace}pre{background:#f4f4f4;padding:.5em;overflow:auto}</style></head>
<body><h1>kgraph SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol at <code>/sparql</code> (GET or POST), read-only. Prefixes predeclared:
<code>__PREFIXES__</code>. The default graph is the union of the article graphs.
Time limit __TIMEOUT__ s, at most __ROWS__ rows.</p>
<form action="/sparql" method="post"><textarea name="query">SELECT ?speaker ?cue ?text WHERE {
  ?s a kg:Statement ; schema:text ?text ; kg:cue ?cue ;
     prov:wasAttributedTo/rdfs:label ?speaker .
} LIMIT 20</textarea>
<p><label>Results as <select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option><option value="table">text</option></select></label> <button>Run query</button>
(CONSTRUCT/DESCRIBE: Turtle)</p></form>
<h2>Named queries</h2><p><code>GET /named/NAME?param=value</code>; list: <a href="/named">/named</a></p>
<ul>__NAMED__</ul></body></html>
"""


def named_list() -> Reply:
    """The named queries, their parameters and paths, as JSON."""
    from ..named import load_named

    data = [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "path": f"/named/{q.name}",
            "params": [
                {"name": p.name, "type": p.type, "default": p.default, "description": p.description} for p in q.params
            ],
        }
        for q in load_named().values()
    ]
    return Reply(200, "application/json", json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))


def query_page(timeout: float, max_rows: int) -> Reply:
    """The HTML page with a query box, the predeclared prefixes, the limits and the named queries."""
    from ...graph.terms import PREFIXES
    from ..named import load_named

    items = "".join(
        f'<li><a href="/named/{html.escape(q.name)}"><code>{html.escape(q.name)}</code></a>: '
        f"{html.escape(q.title)}"
        + (" (" + ", ".join(html.escape(f"{p.name}: {p.type}") for p in q.params) + ")" if q.params else "")
        + "</li>"
        for q in load_named().values()
    )
    page = (
        _PAGE.replace("__PREFIXES__", html.escape(" ".join(f"{p}:" for p in PREFIXES)))
        .replace("__TIMEOUT__", f"{timeout:g}")
        .replace("__ROWS__", str(max_rows))
        .replace("__NAMED__", items)
    )
    return Reply(200, "text/html; charset=utf-8", page.encode("utf-8"))
