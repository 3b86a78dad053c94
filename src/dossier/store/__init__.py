"""The knowledge base: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from dossier.store.database import Database, open_database

__all__ = ["Database", "open_database"]
