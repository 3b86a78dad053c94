"""dossier: a source-attributed knowledge base built from news reports."""

__version__ = "0.1.0"
