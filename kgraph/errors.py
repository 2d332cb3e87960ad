"""One exception tree for kgraph; the CLI turns each into a one-line error."""

from __future__ import annotations


class KGraphError(Exception):
    """Base of every error kgraph raises on purpose."""


class InputError(KGraphError):
    """An article source could not be read: empty, binary, wrong encoding, too big, malformed."""


class ModelError(KGraphError):
    """No usable spaCy pipeline could be loaded."""


class StoreError(KGraphError):
    """The triple store could not be opened, read or written."""


class QueryError(KGraphError):
    """A SPARQL query or a question could not be parsed or answered."""


class NotFoundError(KGraphError):
    """A named thing (article, entity, query) does not exist."""


class ExportError(KGraphError):
    """A graph could not be exported in the requested format."""
