"""kgraph: knowledge graphs of conflict reporting, built from news articles."""

# The one version number: pyproject.toml reads it from here (`dynamic = ["version"]`).
__version__ = "0.1.0"
