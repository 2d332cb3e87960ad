"""Text blocks (paragraphs, headings, list items, table rows, quotations) of an extracted body,
and of a page read as it is when the extractor finds nothing."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from kgraph.read.html.tree import parse_tree

__all__ = ["NEVER_TEXT", "Block", "body_blocks", "lexbor_blocks", "page_blocks"]

# Elements of trafilatura's output that start and end a block of text.
# (HTML's own block elements too, for the last resort of reading the page as it is.)
_BLOCKS = frozenset(
    (
        "p",
        "head",
        "quote",
        "item",
        "row",
        "code",
        "list",
        "table",
        "div",
        "section",
        "article",
        "main",
        "body",
        "ab",
        "note",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "pre",
        "center",
        "details",
        "summary",
        "address",
    )
)
# Elements never read in the last resort.
NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "figure",
    "title",
    "meta",
    "link",
)


@dataclass
class Block:
    kind: str  # the trafilatura element that made it: p, head, item, row, quote, ...
    text: str
    level: str = ""  # a heading's level ("h1", "h2"), else ""


_BREAKS = ("lb", "br")
_CELLS = ("cell", "td", "th")


def body_blocks(body: etree._Element) -> list[Block]:
    """Text blocks of an extracted body in document order (whitespace collapsed, a
    ``<lb/>`` kept as a newline, table cells joined by spaces)."""
    writer = _BlockWriter()
    for event, node in etree.iterwalk(body, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            writer.start(tag, node)
        else:
            writer.end(tag, node, node is body)
    writer.flush()
    return writer.blocks


class _BlockWriter:
    """Collects the text of the block being read; a block element's start or end closes it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str | None] = []  # text, or None for a line break
        self.kinds: list[tuple[str, str]] = [("p", "")]

    def start(self, tag: str, node: etree._Element) -> None:
        if tag in _BLOCKS:
            self.flush()
            self.kinds.append((tag, (node.get("rend") or "") if tag == "head" else ""))
        elif tag in _BREAKS:
            self.buffer.append(None)
        if node.text and tag not in _BREAKS:
            self.buffer.append(node.text)

    def end(self, tag: str, node: etree._Element, is_root: bool) -> None:
        if tag in _BLOCKS:
            self.flush()
            self.kinds.pop()
        elif tag in _CELLS:
            self.buffer.append(" ")
        if not is_root and node.tail:
            self.buffer.append(node.tail)

    def flush(self) -> None:
        lines: list[list[str]] = [[]]
        for piece in self.buffer:
            if piece is None:
                lines.append([])
            else:
                lines[-1].append(piece)
        self.buffer.clear()
        text = "\n".join(line for line in (" ".join("".join(p).split()) for p in lines) if line)
        if text:
            kind, level = self.kinds[-1]
            self.blocks.append(Block(kind, text, level))


def page_blocks(html: str) -> list[Block]:
    """The last resort: the page's body as it is, without scripts, navigation, headers,
    footers, asides and forms."""
    page = parse_tree(html)  # afresh: the extractor may have changed the tree
    if page is None:
        return []
    for node in list(page.iter(*NEVER_TEXT)):
        node.drop_tree()
    return body_blocks(page)  # the whole page: lxml puts a fragment's HTML5 elements in <head>


def lexbor_blocks(html: str) -> list[Block]:
    """The lines of a page's text by the Lexbor parser, which has no depth limit."""
    from selectolax.lexbor import LexborHTMLParser

    page = LexborHTMLParser(html)
    page.strip_tags(list(NEVER_TEXT))
    root = page.body or page.root
    text = root.text(separator="\n") if root is not None else ""
    return [Block("p", line) for line in (" ".join(x.split()) for x in text.split("\n")) if line]
