"""`kgraph analyze` (rankings, communities, ego networks, paths) and `kgraph viz` (HTML page)."""

from __future__ import annotations

import csv
import json

import click

from ..analyse import FIGURES, VIEWS, EmptyGraphError, analyse, connection, ego_network, project, ranking
from ..analyse.projections import statements
from ..query.resolve import Resolver, resolve_in_graph
from .options import echo_err, handle_errors, open_output, open_store, output_option, store_option

_COLUMNS = (
    "rank",
    "label",
    "type",
    "pagerank",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
    "component",
    "articles",
    "wikidata",
    "first_date",
    "last_date",
    "id",
)
_EMPTY_EDGES = {
    "actors": "no events, posts, affiliations or attributed statements link two entities",
    "speech": "no statement has both a known speaker and an entity it is about",
    "cooccurrence": "no sentence names two entities",
}


def view_option(f):
    return click.option(
        "--view",
        type=click.Choice(list(VIEWS)),
        default="actors",
        show_default=True,
        help="Which projection of the graph.",
    )(f)


def _round(v):
    return round(v, 6) if isinstance(v, float) else v


def _row(rank: int | None, node: str, d: dict) -> dict:
    row = {"rank": rank, "id": node}
    for k in ("label", "type", "wikidata", "articles", "first_date", "last_date", *FIGURES, "hops"):
        if d.get(k) is not None:
            row[k] = _round(d[k])
    return row


def _load(store_path, view: str):
    store = open_store(store_path, read_only=True)
    g = project(store, view, metrics=False)
    if g.number_of_edges() == 0:
        raise EmptyGraphError(
            f"the {view} view has {g.number_of_nodes()} entities but no edges: "
            f"{_EMPTY_EDGES[view]} (try --view cooccurrence)"
        )
    return store, g


def _table(rows: list[dict], columns: tuple[str, ...]) -> list[str]:
    cells = [
        [("" if r.get(c) is None else f"{r[c]:.4f}" if isinstance(r.get(c), float) else str(r[c])) for c in columns]
        for r in rows
    ]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    return [line(columns)] + [line(r) for r in cells]


def _csv(out, rows: list[dict], columns: tuple[str, ...]) -> None:
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


def _emit(output: str, fmt: str, payload: dict, rows: list[dict], columns: tuple[str, ...], text_lines) -> None:
    with open_output(output) as out:
        if fmt == "json":
            out.write(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        elif fmt == "csv":
            _csv(out, rows, columns)
        else:
            out.write("\n".join(text_lines()) + "\n")


def _ranking(g, summary, fmt, top, by, output) -> None:
    rows = [_row(i + 1, n, d) for i, (n, d) in enumerate(ranking(g, by=by, top=top or None))]
    pr = {n: d["pagerank"] for n, d in g.nodes(data=True)}
    communities = [
        {"community": i, "size": len(c), "members": [g.nodes[n]["label"] for n in sorted(c, key=lambda n: (-pr[n], n))]}
        for i, c in enumerate(summary.communities)
    ]
    head = {
        "view": summary.view,
        "nodes": summary.nodes,
        "edges": summary.edges,
        "directed": summary.directed,
        "components": summary.components,
        "largest_component": summary.largest_component,
        "communities": len(communities),
        "modularity": round(summary.modularity, 6),
        "betweenness": summary.betweenness,
        "ranked_by": by,
    }

    def text():
        yield (
            f"{summary.view} view: {summary.nodes} entities, {summary.edges} links, {summary.components} "
            f"component(s) (largest {summary.largest_component}), {len(communities)} communities "
            f"(modularity {summary.modularity:.3f}); betweenness {summary.betweenness}"
        )
        yield ""
        yield from _table(rows, _COLUMNS[:10])
        yield ""
        yield "communities (Louvain), largest first:"
        for c in communities:
            if c["size"] > 1 or len(communities) <= 10:
                yield f"  {c['community']:>3} ({c['size']}): {', '.join(c['members'][:12])}" + (
                    ", ..." if c["size"] > 12 else ""
                )
        singles = sum(1 for c in communities if c["size"] == 1)
        if singles and len(communities) > 10:
            yield f"  ... and {singles} single-entity communities"

    _emit(output, fmt, {**head, "ranking": rows, "communities": communities}, rows, _COLUMNS, text)


def _ego(g, resolver, name, radius, fmt, output) -> None:
    center = resolve_in_graph(g, resolver, name)
    sub = ego_network(g, center, radius)
    rows = [
        _row(None, n, d)
        for n, d in sorted(sub.nodes(data=True), key=lambda nd: (nd[1]["hops"], -nd[1]["pagerank"], nd[0]))
    ]
    for r in rows:
        r.pop("rank")
    links = [
        {
            "source": u,
            "source_label": sub.nodes[u]["label"],
            "target": v,
            "target_label": sub.nodes[v]["label"],
            "relation": d.get("relation", ""),
            "weight": d.get("weight", 1),
            "articles": d.get("articles"),
        }
        for u, v, d in sub.edges(data=True)
    ]
    columns = ("hops", "label", "type", "pagerank", "degree", "articles", "wikidata", "id")
    arrow = "->" if g.is_directed() else "--"

    def text():
        yield (
            f"{g.nodes[center]['label']} and what lies within {radius} link(s) in the {g.graph['name']} view: "
            f"{sub.number_of_nodes()} entities, {sub.number_of_edges()} links"
        )
        yield ""
        yield from _table(rows, columns[:-1])
        yield ""
        yield "links:"
        for lk in links:
            yield f"  {lk['source_label']} {arrow} {lk['target_label']}: {lk['relation']} ({lk['weight']})"

    payload = {
        "view": g.graph["name"],
        "center": center,
        "label": g.nodes[center]["label"],
        "radius": radius,
        "nodes": rows,
        "links": links,
    }
    _emit(output, fmt, payload, rows, columns, text)


def _path(g, resolver, a_name, b_name, fmt, output) -> None:
    a, b = resolve_in_graph(g, resolver, a_name), resolve_in_graph(g, resolver, b_name)
    steps = connection(g, a, b)
    label = lambda n: g.nodes[n]["label"]  # noqa: E731
    data = [
        {
            "source": s.source,
            "source_label": label(s.source),
            "target": s.target,
            "target_label": label(s.target),
            "relation": s.relation,
            "weight": s.weight,
            "direction": "forward" if s.forward else "backward",
            "evidence": [e.as_dict() for e in s.evidence],
        }
        for s in steps
    ]
    rows = [
        {
            "step": i + 1,
            "source_label": d["source_label"],
            "relation": d["relation"],
            "target_label": d["target_label"],
            "article_id": e["article_id"],
            "start": e["start"],
            "end": e["end"],
            "text": e["text"],
            "context": e["context"],
        }
        for i, d in enumerate(data)
        for e in (d["evidence"] or [{"article_id": "", "start": "", "end": "", "text": "", "context": ""}])
    ]
    hops = len({(min(s.source, s.target), max(s.source, s.target)) for s in steps})
    arrow = "->" if g.is_directed() else "--"

    def text():
        yield f"{label(a)} to {label(b)} in the {g.graph['name']} view: {hops} hop(s)"
        for i, d in enumerate(data, 1):
            yield f"{i}. {d['source_label']} {arrow} {d['target_label']}: {d['relation']} ({d['weight']})"
            for e in d["evidence"]:
                yield f"     {e['article_id']} [{e['start']}:{e['end']}] \u201c{e['text']}\u201d"
                if e["context"] and e["context"] != e["text"]:
                    yield f"       in: {e['context']}"
            if not d["evidence"]:
                yield "     (no text span recorded)"

    payload = {"view": g.graph["name"], "from": a, "to": b, "hops": hops, "steps": data}
    _emit(
        output,
        fmt,
        payload,
        rows,
        ("step", "source_label", "relation", "target_label", "article_id", "start", "end", "text", "context"),
        text,
    )


@click.command()
@view_option
@click.option(
    "--top", type=click.IntRange(min=0), default=20, show_default=True, help="How many entities to list (0 for all)."
)
@click.option(
    "--by",
    type=click.Choice([f for f in FIGURES if f not in ("community", "component")]),
    default="pagerank",
    show_default=True,
    help="Figure to rank by.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--ego", metavar="NAME", default=None, help="Show the entities around NAME instead of a ranking.")
@click.option("--radius", type=click.IntRange(min=0), default=2, show_default=True, help="Links out from --ego.")
@click.option("--path", nargs=2, metavar="A B", default=None, help="Show how entity A is connected to entity B.")
@output_option
@store_option
@handle_errors
def analyze(view, top, by, fmt, ego, radius, path, output, store_path):
    """Rank the entities of a view (PageRank, degree, betweenness), list its communities
    (Louvain) and components; or show one entity's neighbourhood (--ego) or how two
    entities are connected, with the evidence of each link (--path).

    Names match labels, aliases, entity keys or Wikidata IDs; an unknown name lists the
    closest ones. Views: actors (events, posts, affiliations, statements), speech
    (speaker -> subject) and cooccurrence (same sentence).

    \b
    Example:
      kgraph analyze --top 10
      kgraph analyze --view speech --format json
      kgraph analyze --ego Zelenskiy --radius 1
      kgraph analyze --path "Andrii Kovalenko" "North Korea"
    """
    if ego and path:
        raise click.BadParameter("give either --ego or --path, not both", param_hint="--ego/--path")
    store, g = _load(store_path, view)
    summary = analyse(g)
    if ego:
        _ego(g, Resolver(store), ego, radius, fmt, output)
    elif path:
        _path(g, Resolver(store), path[0], path[1], fmt, output)
    else:
        _ranking(g, summary, fmt, top, by, output)


@click.command()
@view_option
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Draw only this many entities, those of highest PageRank.",
)
@click.option("--title", default=None, help="Page title (default: the view's name).")
@output_option
@store_option
@handle_errors
def viz(view, max_nodes, title, output, store_path):
    """Write one self-contained HTML page that draws a view: entities coloured by type,
    sized by PageRank, labelled; click one to read its statements and the evidence of
    its links. The page needs no network access.

    \b
    Example:
      kgraph viz -o exports/graph.html
      chromium --headless --no-sandbox --screenshot=graph.png --window-size=1400,900 exports/graph.html
    """
    from ..export.html import write_html

    store, g = _load(store_path, view)
    analyse(g)
    with open_output(output, binary=True) as out:
        write_html(g, out, statements(store), title=title, max_nodes=max_nodes)
    shown = min(max_nodes, g.number_of_nodes())
    echo_err(f"wrote {output} ({shown} of {g.number_of_nodes()} entities, {g.number_of_edges()} links)")


COMMANDS = [analyze, viz]
