"""kgraph: knowledge graphs of conflict reporting, built from news articles."""

__version__ = "0.1.0"
