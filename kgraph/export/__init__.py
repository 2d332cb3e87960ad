"""Exports of the store: RDF serialisations and the actor network (GraphML, GEXF, CSV edge
list), one module per format, each registered by name in `registry` (`kgraph export
--format` offers the registered names); and the self-contained HTML page (`html`)."""

from .registry import KINDS, ExportFormat, export_store, format_names, formats, get_format, register, unregister

__all__ = ["KINDS", "ExportFormat", "export_store", "format_names", "formats", "get_format", "register", "unregister"]
