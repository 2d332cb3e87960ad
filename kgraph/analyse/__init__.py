"""Network analysis of the knowledge graph: networkx views of the RDF store, igraph figures.

`project(store, view)` gives a named view (actors, speech, cooccurrence) as a networkx
graph with the figures of `analyse` on its nodes; `resolve`, `ego_network` and
`connection` answer "who is this", "who is around them" and "how are these two linked".
"""

from .metrics import FIGURES, Analysis, analyse, ranking, to_igraph
from .neighbourhood import PathStep, connection, ego_network, resolve
from .projections import VIEWS, EmptyGraphError, Evidence, project, statements

__all__ = [
    "FIGURES",
    "VIEWS",
    "Analysis",
    "EmptyGraphError",
    "Evidence",
    "PathStep",
    "analyse",
    "connection",
    "ego_network",
    "project",
    "ranking",
    "resolve",
    "statements",
    "to_igraph",
]
